//! Helpers shared by the index crate's tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use khoj_analyzers::CjkSegmenters;
use khoj_index::ingest::Inputs;
use khoj_index::search::{RankingConfig, Searcher};
use khoj_index::write::{build, BuildOptions, Silent};
use khoj_index::KhojIndex;

#[path = "../../../tests/common/shared.rs"]
mod shared_dir;
#[allow(unused_imports)]
pub use shared_dir::{shared, shared_file};

/// A fixture of the repository's end-to-end tests (`tests/fixtures`), which these tests
/// share.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(rel)
}

/// A searcher over an in-memory index of `inputs`, ranking with `ranking`.
pub fn searcher_over(inputs: &[PathBuf], ranking: RankingConfig) -> Searcher {
    let index = KhojIndex::in_memory(&Default::default(), &CjkSegmenters::none()).unwrap();
    let options = BuildOptions {
        threads: 1,
        memory_bytes: 50_000_000,
        ..BuildOptions::default()
    };
    let inputs = Inputs::discover(inputs).unwrap();
    let stop = std::sync::atomic::AtomicBool::new(false);
    build(&index, &inputs, &options, &Silent, &stop).unwrap();
    let s = Searcher::new(&index, ranking).unwrap();
    s.reload().unwrap();
    s
}

/// A searcher over an in-memory index of the articles `(id, body)`.
pub fn searcher_of(articles: &[(&str, &str)]) -> Searcher {
    searcher_of_values(
        articles
            .iter()
            .map(|(id, body)| serde_json::json!({"id": id, "body": body})),
    )
}

/// A searcher over an in-memory index of articles given as JSON objects.
pub fn searcher_of_values(articles: impl IntoIterator<Item = serde_json::Value>) -> Searcher {
    let index = KhojIndex::in_memory(&Default::default(), &CjkSegmenters::none()).unwrap();
    khoj_index::ArticleWriter::write_all(
        &index,
        articles
            .into_iter()
            .map(|v| khoj_index::Article::from_value(v).unwrap()),
    )
    .unwrap();
    let s = Searcher::new(&index, RankingConfig::default()).unwrap();
    s.reload().unwrap();
    s
}

/// The ids of the hits of `req`, best first.
pub fn hit_ids(s: &Searcher, req: &khoj_index::request::SearchRequest) -> Vec<String> {
    s.search(req)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.article.id)
        .collect()
}
