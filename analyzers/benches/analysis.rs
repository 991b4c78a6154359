//! Analysis throughput on real Hindi news text: khoj's full chain against tantivy's
//! default tokenizer (and its whitespace tokenizer), on the same text in one run.
//!
//!     cargo bench -p khoj-analyzers --bench analysis
//!
//! The text is the titles and bodies of `../shared/data/news/hindi-news-2020.jsonl`
//! (6.9 MB) when present (or `$KHOJ_SHARED/data/news/...`), else the small sample of
//! our own in `benches/sample-hi.txt`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use khoj_analyzers::{Analyzer, Forms};
use tantivy::tokenizer::{TextAnalyzer, TokenStream, TokenizerManager, WhitespaceTokenizer};

fn shared_dir() -> PathBuf {
    std::env::var_os("KHOJ_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"))
}

fn hindi_text() -> (String, &'static str) {
    let news = shared_dir().join("data/news/hindi-news-2020.jsonl");
    if let Ok(jsonl) = std::fs::read_to_string(&news) {
        let mut text = String::with_capacity(jsonl.len());
        for line in jsonl.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            for field in ["title", "body"] {
                if let Some(s) = v.get(field).and_then(|s| s.as_str()) {
                    text.push_str(s);
                    text.push('\n');
                }
            }
        }
        return (text, "hindi-news-2020");
    }
    eprintln!(
        "note: {} not found; using benches/sample-hi.txt",
        news.display()
    );
    (include_str!("sample-hi.txt").repeat(200), "sample-hi")
}

fn count_tokens(analyzer: &mut TextAnalyzer, text: &str) -> usize {
    let mut stream = analyzer.token_stream(text);
    let mut n = 0;
    while stream.advance() {
        n += stream.token().text.len();
    }
    n
}

fn analysis(c: &mut Criterion) {
    let (text, name) = hindi_text();
    let mut group = c.benchmark_group(format!("analysis/{name}"));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);

    let khoj = Analyzer::default();
    let mut index_chain = TextAnalyzer::from(khoj.tokenizer(Forms::Both));
    let mut recall_chain = TextAnalyzer::from(khoj.tokenizer(Forms::Recall));
    let mut tantivy_default = TokenizerManager::default()
        .get("default")
        .expect("default tokenizer");
    let mut whitespace = TextAnalyzer::from(WhitespaceTokenizer::default());

    group.bench_function("khoj (index: recall + exact forms)", |b| {
        b.iter(|| black_box(count_tokens(&mut index_chain, black_box(&text))))
    });
    group.bench_function("khoj (recall forms)", |b| {
        b.iter(|| black_box(count_tokens(&mut recall_chain, black_box(&text))))
    });
    group.bench_function("tantivy default", |b| {
        b.iter(|| black_box(count_tokens(&mut tantivy_default, black_box(&text))))
    });
    group.bench_function("tantivy whitespace", |b| {
        b.iter(|| black_box(count_tokens(&mut whitespace, black_box(&text))))
    });
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
