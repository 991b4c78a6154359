//! Index-build throughput: the same articles and schema, indexed with khoj's analyzer (with
//! and without the copy fingerprints), with tantivy's default tokenizer, and with a plain
//! whitespace tokenizer, in one run. The ratio to the whitespace build shows what the
//! analysis costs; the two khoj builds show what fingerprinting costs.
//!
//!     cargo bench --bench index_build
//!
//! Corpus: `../shared/data/news/hindi-news-2020.jsonl` (or `$KHOJ_SHARED/...`) repeated
//! 15 times with fresh ids (about 104 MB), written to a temporary file; 2 indexing threads.
//! Without `../shared`, the benchmark says so and does nothing.

use std::hint::black_box;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use khoj_index::ingest::Inputs;
use khoj_index::write::{build, BuildOptions, Silent};
use khoj_index::{IndexSettings, KhojIndex};

const COPIES: usize = 15;

fn corpus() -> Option<(tempfile::NamedTempFile, u64, u64)> {
    let shared = std::env::var_os("KHOJ_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let news = shared.join("data/news/hindi-news-2020.jsonl");
    let Ok(text) = std::fs::read_to_string(&news) else {
        eprintln!("skipped: {} is not present", news.display());
        return None;
    };
    let mut file = tempfile::Builder::new().suffix(".jsonl").tempfile().ok()?;
    let mut articles = 0;
    for k in 0..COPIES {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let mut v: serde_json::Value = serde_json::from_str(line).ok()?;
            let id = format!("{}-c{k}", v["id"].as_str()?);
            v["id"] = serde_json::Value::String(id);
            writeln!(file, "{v}").ok()?;
            articles += 1;
        }
    }
    file.flush().ok()?;
    let bytes = file.as_file().metadata().ok()?.len();
    Some((file, bytes, articles))
}

fn index_build(c: &mut Criterion) {
    let Some((file, bytes, articles)) = corpus() else {
        return;
    };
    eprintln!("corpus: {articles} articles, {bytes} bytes");
    let inputs = Inputs::discover(&[file.path().to_path_buf()]).expect("inputs");
    let mut group = c.benchmark_group(format!("index_build/{}MB", bytes / 1_000_000));
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(30));
    let options = BuildOptions {
        threads: 2,
        memory_bytes: 600_000_000,
        strict: false,
        commit_every: None,
    };
    // The copy fingerprints are khoj's (wire-copy detection): the comparisons of the text
    // analysis leave them out, and "khoj, no fingerprints" shows what they cost.
    for (name, tokenizer, fingerprints) in [
        ("khoj", "khoj", true),
        ("khoj, no fingerprints", "khoj", false),
        ("tantivy default", "default", false),
        ("whitespace", "whitespace", false),
    ] {
        group.bench_function(name, |b| {
            b.iter_with_setup(
                || tempfile::tempdir().expect("temp dir"),
                |dir| {
                    let settings = IndexSettings {
                        text_tokenizer: tokenizer.to_string(),
                        fingerprints,
                        ..IndexSettings::default()
                    };
                    let index =
                        KhojIndex::create(dir.path(), &settings, &dictionaries()).expect("create");
                    let done = build(&index, &inputs, &options, &Silent, &AtomicBool::new(false))
                        .expect("build");
                    assert_eq!(done.articles, articles);
                    black_box(dir)
                },
            )
        });
    }
    group.finish();
}

criterion_group!(benches, index_build);
criterion_main!(benches);

/// The CJK dictionaries of `KHOJ_DICT_DIR`, if it is set (as `khoj` loads them).
fn dictionaries() -> khoj_analyzers::CjkSegmenters {
    let dir = std::env::var_os("KHOJ_DICT_DIR").map(PathBuf::from);
    khoj_analyzers::CjkSegmenters::load(dir.as_deref())
}
