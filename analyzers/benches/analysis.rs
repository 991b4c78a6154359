//! Analysis throughput on real Hindi news text: khoj's full chain against tantivy's
//! default tokenizer (and its whitespace tokenizer), on the same text in one run.
//!
//!     cargo bench -p khoj-analyzers --bench analysis
//!
//! The text is the titles and bodies of `../shared/data/news/hindi-news-2020.jsonl`
//! (6.9 MB) when present (or `$KHOJ_SHARED/data/news/...`), else the small sample of
//! our own in `benches/sample-hi.txt`.
//!
//! Then a group per Indian language of `../shared/data/indic/indicquest-dev` (its answers
//! and news headlines, analyzed as that language, as an index does with an article's
//! `lang`), when present.

#[path = "support/articles.rs"]
mod articles;

use std::hint::black_box;
use std::path::PathBuf;

use articles::jsonl_text;
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
    if let Some(text) = jsonl_text(&news) {
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
    // what a copy fingerprint reads: every word's skeleton, hashed
    let skeletons = khoj_analyzers::SkeletonHasher::new();
    group.bench_function("skeleton hashes (copy fingerprints)", |b| {
        b.iter(|| {
            let mut n = 0u64;
            skeletons.for_each(black_box(&text), |h| {
                n ^= h;
                true
            });
            black_box(n)
        })
    });
    group.finish();
}

/// The text of the articles of `docs.jsonl`, all in one language.
fn indic_text(lang: &str) -> Option<String> {
    jsonl_text(&shared_dir().join(format!("data/indic/indicquest-dev/{lang}/docs.jsonl")))
}

fn indic(c: &mut Criterion) {
    let khoj = Analyzer::default();
    let mut index_chain = TextAnalyzer::from(khoj.tokenizer(Forms::Both));
    let mut tantivy_default = TokenizerManager::default()
        .get("default")
        .expect("default tokenizer");
    for lang in [
        "bn", "as", "pa", "gu", "or", "ta", "te", "kn", "ml", "ur", "mr", "ne", "sa",
    ] {
        let Some(text) = indic_text(lang) else {
            eprintln!("note: indicquest-dev/{lang} not found; skipped");
            continue;
        };
        // as the index sees an article's text: marked with its language
        let marked = khoj_analyzers::field_text(lang, &text).into_owned();
        let mut group = c.benchmark_group(format!("analysis/{lang}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(20);
        group.bench_function("khoj (index: recall + exact forms)", |b| {
            b.iter(|| black_box(count_tokens(&mut index_chain, black_box(&marked))))
        });
        group.bench_function("tantivy default", |b| {
            b.iter(|| black_box(count_tokens(&mut tantivy_default, black_box(&text))))
        });
        group.finish();
    }
}

criterion_group!(benches, analysis, indic);
criterion_main!(benches);
