//! `khoj search` and `khoj related` on an index of the small corpus committed in the repo.

mod common;

use common::{fixture, index_files, khoj, texts};

#[test]
fn the_search_command_prints_results_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let input = fixture("search/articles.jsonl");
    index_files(&idx, &[&input]);
    let out = khoj(&[
        "search",
        "--index",
        idx.to_str().unwrap(),
        "लावरोव उत्तर कोरिया",
    ]);
    let (o, e) = texts(&out);
    assert!(out.status.success(), "{e}");
    assert!(
        o.contains("lavrov-pyongyang") && o.contains("**लावरोव**"),
        "{o}"
    );
    let out = khoj(&[
        "search",
        "--index",
        idx.to_str().unwrap(),
        "--json",
        "--source",
        "Wire",
        "Lavrov",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["hits"][0]["id"], "lavrov-english");
    for key in ["total", "took_ms", "hits", "facets"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    for key in [
        "id",
        "title",
        "url",
        "published_at",
        "source",
        "score",
        "snippet",
    ] {
        assert!(v["hits"][0].get(key).is_some(), "{key}");
    }
}

#[test]
fn the_related_command_lists_related_stories_and_copies() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    index_files(&idx, &[&fixture("search/articles.jsonl")]);
    let idx = idx.to_str().unwrap();
    let out = khoj(&["related", "--index", idx, "lavrov-pyongyang"]);
    let (o, e) = texts(&out);
    assert!(out.status.success(), "{e}");
    assert!(
        o.contains("lavrov-geneva") && o.contains("shares:") && o.contains("लावरोव"),
        "{o}"
    );
    let out = khoj(&[
        "related",
        "--index",
        idx,
        "--json",
        "--days",
        "30",
        "lavrov-pyongyang",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let related = v["related"].as_array().unwrap();
    assert!(
        related
            .iter()
            .all(|h| h["id"] != "lavrov-geneva" && h["id"] != "lavrov-pyongyang"),
        "{v}"
    );
    let out = khoj(&[
        "related",
        "--index",
        idx,
        "--copies",
        "--json",
        "lavrov-pyongyang",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["copies"].as_array().map(Vec::len), Some(0), "{v}");
    let out = khoj(&["related", "--index", idx, "no-such-article"]);
    assert!(!out.status.success());
    assert!(
        texts(&out).1.contains("no article with id"),
        "{:?}",
        texts(&out)
    );
}
