//! Query latency: p50 and p99 of the 1,190 hi-dev queries on the 104 MB news index (the
//! news of `../shared` repeated 15 times with fresh ids), one thread, top 10:
//!
//! * khoj: its analyzers and ranking (term, exact-form and proximity clauses), hits only;
//! * khoj, full answer: also the total, facets and snippets, as the HTTP API returns;
//! * tantivy's default tokenizer on the same articles, its QueryParser over title and body;
//! * related coverage (10 stories) of the corpus's first 500 articles.
//!
//!     cargo bench --bench query_latency
//!
//! Then, on a 1 GB corpus (the news repeated 150 times, 228,150 articles), as you type: the
//! first word of each hi-dev question cut to 1, 2 and 3 aksharas (grapheme clusters) — a
//! reader starting to type, where a prefix begins the most words — searched with `instant`
//! as the search page does while the reader types (total, hits, snippets; the facets come
//! when typing pauses), and asked for suggestions.
//!
//! The percentiles are printed before criterion's own (mean) figures.

use std::hint::black_box;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use khoj_index::ingest::Inputs;
use khoj_index::request::{RelatedRequest, SearchRequest};
use khoj_index::search::Searcher;
use khoj_index::write::{build, BuildOptions, Silent};
use khoj_index::{IndexSettings, KhojIndex};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;

/// A named way to run one query.
type Run<'a> = (&'a str, &'a dyn Fn(&str));

fn shared() -> PathBuf {
    std::env::var_os("KHOJ_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

fn corpus(dir: &std::path::Path, copies: usize) -> Option<PathBuf> {
    let text = std::fs::read_to_string(shared().join("data/news/hindi-news-2020.jsonl")).ok()?;
    let path = dir.join(format!("news-x{copies}.jsonl"));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).ok()?);
    for k in 0..copies {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let mut v: serde_json::Value = serde_json::from_str(line).ok()?;
            v["id"] = format!("{}-c{k}", v["id"].as_str()?).into();
            writeln!(f, "{v}").ok()?;
        }
    }
    f.flush().ok()?;
    Some(path)
}

fn build_index(dir: &std::path::Path, corpus: &std::path::Path, tokenizer: &str) -> KhojIndex {
    let settings = IndexSettings {
        text_tokenizer: tokenizer.into(),
        ..IndexSettings::default()
    };
    let index = KhojIndex::create(dir, &settings, &dictionaries()).expect("create");
    let options = BuildOptions {
        threads: 2,
        memory_bytes: 600_000_000,
        ..BuildOptions::default()
    };
    build(
        &index,
        &Inputs::discover(&[corpus.to_path_buf()]).unwrap(),
        &options,
        &Silent,
        &AtomicBool::new(false),
    )
    .expect("build");
    index
}

fn percentiles(name: &str, queries: &[String], mut run: impl FnMut(&str)) {
    let mut times: Vec<Duration> = Vec::with_capacity(queries.len() * 5);
    for q in queries {
        run(q); // warm up
    }
    for _ in 0..5 {
        for q in queries {
            let t = Instant::now();
            run(q);
            times.push(t.elapsed());
        }
    }
    times.sort();
    let p = |x: f64| times[((times.len() - 1) as f64 * x) as usize].as_secs_f64() * 1e3;
    eprintln!(
        "{name}: p50 {:.3} ms, p99 {:.3} ms, mean {:.3} ms over {} queries × 5",
        p(0.5),
        p(0.99),
        times.iter().sum::<Duration>().as_secs_f64() * 1e3 / times.len() as f64,
        queries.len()
    );
}

fn query_latency(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let Some(news) = corpus(tmp.path(), 15) else {
        eprintln!("skipped: ../shared/data/news is not present");
        return;
    };
    let queries: Vec<String> =
        std::fs::read_to_string(shared().join("data/eval/hi-dev/queries.tsv"))
            .expect("queries")
            .lines()
            .filter_map(|l| l.split_once('\t').map(|(_, q)| q.to_string()))
            .collect();
    let khoj = build_index(&tmp.path().join("khoj"), &news, "khoj");
    let plain = build_index(&tmp.path().join("default"), &news, "default");

    let searcher = Searcher::new(&khoj, Default::default()).unwrap();
    searcher.reload().unwrap();
    let hits_only = |q: &str| {
        let mut r = SearchRequest::new(q);
        r.facets = false;
        r.snippets = false;
        black_box(searcher.search(&r).unwrap());
    };
    let full = |q: &str| {
        black_box(searcher.search(&SearchRequest::new(q)).unwrap());
    };
    let reader = plain.reader().unwrap();
    reader.reload().unwrap();
    let tantivy_searcher = reader.searcher();
    let f = plain.fields();
    let parser = QueryParser::for_index(plain.tantivy(), vec![f.title, f.body]);
    let tantivy_default = |q: &str| {
        let (query, _) = parser.parse_query_lenient(q);
        black_box(
            tantivy_searcher
                .search(&query, &TopDocs::with_limit(10).order_by_score())
                .unwrap(),
        );
    };

    percentiles("khoj (top 10)", &queries, hits_only);
    percentiles("khoj (top 10 + total, facets, snippets)", &queries, full);
    percentiles(
        "tantivy default tokenizer (top 10)",
        &queries,
        tantivy_default,
    );
    // Related coverage of the first 500 articles (their 14 other copies in the corpus share
    // their copy cluster, so they are left out as copies are).
    let ids: Vec<String> = std::fs::read_to_string(&news)
        .expect("corpus")
        .lines()
        .take(500)
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            Some(v["id"].as_str()?.to_string())
        })
        .collect();
    percentiles("khoj related coverage (10 stories)", &ids, |id: &str| {
        let req = RelatedRequest {
            id: id.into(),
            limit: 10,
            days: None,
        };
        black_box(searcher.related(&req).unwrap());
    });

    let mut group = c.benchmark_group("query_latency/hi-dev-on-104MB");
    group.sample_size(10);
    let runs: [Run; 3] = [
        ("khoj (top 10)", &hits_only),
        ("khoj (full answer)", &full),
        ("tantivy default (top 10)", &tantivy_default),
    ];
    for (name, run) in runs {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let t = Instant::now();
                for i in 0..iters as usize {
                    run(&queries[i % queries.len()]);
                }
                t.elapsed()
            })
        });
    }
    group.finish();
    drop((khoj, plain, searcher));
    as_you_type(c, tmp.path(), &queries);
}

/// The questions' first words cut to `n` grapheme clusters (those longer than that).
fn typed_prefixes(queries: &[String], n: usize) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    queries
        .iter()
        .filter_map(|q| {
            let first = q.split_whitespace().next()?;
            let clusters: Vec<&str> = first.graphemes(true).collect();
            (clusters.len() > n).then(|| clusters[..n].concat())
        })
        .collect()
}

/// As-you-type search and suggestions on the 1 GB corpus.
fn as_you_type(c: &mut Criterion, dir: &std::path::Path, queries: &[String]) {
    let Some(big) = corpus(dir, 150) else { return };
    let index = build_index(&dir.join("khoj-1gb"), &big, "khoj");
    let _ = std::fs::remove_file(&big);
    let searcher = Searcher::new(&index, Default::default()).unwrap();
    searcher.reload().unwrap();
    eprintln!("1 GB index: {} articles", searcher.num_articles());
    let plain = |q: &str| {
        black_box(searcher.search(&SearchRequest::new(q)).unwrap());
    };
    let instant = |q: &str| {
        let mut r = SearchRequest::new(q);
        r.instant = true;
        r.facets = false;
        black_box(searcher.search(&r).unwrap());
    };
    let suggest = |q: &str| {
        let r = khoj_index::request::SuggestRequest {
            q: q.to_string(),
            limit: 8,
        };
        black_box(searcher.suggest(&r));
    };
    percentiles("1 GB: khoj, full answer", queries, plain);
    let mut group = c.benchmark_group("query_latency/as-you-type-on-1GB");
    group.sample_size(10);
    for n in 1..=3 {
        let typed = typed_prefixes(queries, n);
        percentiles(
            &format!("1 GB: as you type, {n} akshara(s) (total, hits, snippets)"),
            &typed,
            instant,
        );
        percentiles(&format!("1 GB: suggest, {n} akshara(s)"), &typed, suggest);
        for (name, run) in [
            ("instant", &instant as &dyn Fn(&str)),
            ("suggest", &suggest),
        ] {
            group.bench_function(format!("{name} ({n} akshara)"), |b| {
                b.iter_custom(|iters| {
                    let t = Instant::now();
                    for i in 0..iters as usize {
                        run(&typed[i % typed.len()]);
                    }
                    t.elapsed()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, query_latency);
criterion_main!(benches);

/// The CJK dictionaries of `KHOJ_DICT_DIR`, if it is set (as `khoj` loads them).
fn dictionaries() -> khoj_analyzers::CjkSegmenters {
    let dir = std::env::var_os("KHOJ_DICT_DIR").map(PathBuf::from);
    khoj_analyzers::CjkSegmenters::load(dir.as_deref())
}
