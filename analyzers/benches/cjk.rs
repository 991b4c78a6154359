//! CJK analysis throughput (MB/s per language): lindera with the real dictionaries (from
//! `KHOJ_DICT_DIR`; `scripts/cjk_eval.sh` unpacks them into target/cjk-eval/dicts) and the
//! bigram fallback, on the contexts of the SQuAD sets in `../shared/data/squad`.
//!
//!     KHOJ_DICT_DIR=target/cjk-eval/dicts cargo bench -p khoj-analyzers --bench cjk

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use khoj_analyzers::{field_text, Analyzer, AnalyzerOptions, CjkSegmenters, Forms};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

fn contexts(file: &Path) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
    let mut text = String::new();
    for article in v["data"].as_array()? {
        for p in article["paragraphs"].as_array()? {
            let c = p["context"].as_str()?;
            text.push_str(c.split_once(" [SEP] ").map_or(c, |(_, t)| t));
            text.push('\n');
        }
    }
    Some(text)
}

fn cjk(c: &mut Criterion) {
    let shared = std::env::var_os("KHOJ_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    let dicts = std::env::var_os("KHOJ_DICT_DIR")
        .map(|d| CjkSegmenters::from_dir(Path::new(&d)))
        .unwrap_or_default();
    if dicts.available().is_empty() {
        eprintln!("note: no dictionaries in KHOJ_DICT_DIR: measuring the bigram fallback only");
    }
    let with = Analyzer::with_cjk(AnalyzerOptions::default(), dicts.clone());
    let without = Analyzer::with_cjk(AnalyzerOptions::default(), CjkSegmenters::none());
    for (lang, file) in [
        ("ja", "jsquad-valid-v1.3.json"),
        ("ko", "KorQuAD_v1.0_dev.json"),
        ("zh", "cmrc2018_dev.json"),
    ] {
        let Some(text) = contexts(&shared.join("data/squad").join(file)) else {
            eprintln!("skipped: ../shared/data/squad/{file} is not present");
            continue;
        };
        let text = field_text(lang, &text).into_owned();
        let mut group = c.benchmark_group(format!("cjk/{lang}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        let mut runs = vec![("bigrams", without.clone())];
        if dicts.available().contains(&lang) {
            runs.insert(0, ("lindera", with.clone()));
        }
        for (name, analyzer) in runs {
            let mut tokenizer = TextAnalyzer::from(analyzer.tokenizer(Forms::Both));
            group.bench_function(name, |b| {
                b.iter(|| {
                    let mut stream = tokenizer.token_stream(black_box(&text));
                    let mut n = 0;
                    while stream.advance() {
                        n += stream.token().text.len();
                    }
                    black_box(n)
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, cjk);
criterion_main!(benches);
