//! Ranked search over a small corpus committed in the repo (tests/fixtures/search).

mod common;

use std::collections::BTreeSet;

use common::{fixture, index_files, khoj, searcher_over, shared_file, texts};
use khoj_index::search::{SearchRequest, SearchResponse, Searcher, Sort};

fn corpus() -> Searcher {
    searcher_over(&[fixture("search/articles.jsonl")], Default::default())
}

fn search(s: &Searcher, q: &str) -> SearchResponse {
    s.search(&SearchRequest::new(q)).unwrap()
}

fn ids(r: &SearchResponse) -> Vec<&str> {
    r.hits.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn lavrov_north_korea_ranks_the_lavrov_pyongyang_story_first() {
    let r = search(&corpus(), "लावरोव उत्तर कोरिया");
    assert_eq!(ids(&r)[0], "lavrov-pyongyang", "{:?}", ids(&r));
    assert!(
        r.hits[0].snippet.contains("<mark>लावरोव</mark>"),
        "{}",
        r.hits[0].snippet
    );
}

#[test]
fn lavrov_north_korea_finds_the_seed_page_first() {
    let Some(page) = shared_file("data/pages/kim-lavrov-2025-11-06.txt") else {
        return;
    };
    let s = searcher_over(
        &[
            page,
            shared_file("data/news/hindi-news-2020.jsonl").unwrap(),
        ],
        Default::default(),
    );
    let r = search(&s, "लावरोव उत्तर कोरिया");
    assert_eq!(ids(&r)[0], "kim-lavrov-2025-11-06", "{:?}", ids(&r));
}

#[test]
fn spelling_variants_of_a_query_find_the_same_articles() {
    let s = corpus();
    let top =
        |q: &str| -> BTreeSet<String> { search(&s, q).hits.into_iter().map(|h| h.id).collect() };
    for group in [
        &["हिंदी", "हिन्दी"][..],
        &["\u{095B}िला अस्पताल", "ज\u{093C}िला अस्पताल", "जिला अस्पताल"][..],
        &["गाँव", "गांव"][..],
    ] {
        let first = top(group[0]);
        assert!(!first.is_empty(), "{} finds nothing", group[0]);
        for q in &group[1..] {
            assert_eq!(top(q), first, "{q} vs {}", group[0]);
        }
    }
    // both spellings of हिंदी are found whichever one is typed
    let hindi = top("हिन्दी");
    assert!(hindi.contains("hindi-diwas") && hindi.contains("hindi-sahitya"));
}

#[test]
fn the_exact_spelling_ranks_first() {
    let s = corpus();
    assert_eq!(ids(&search(&s, "हिन्दी"))[0], "hindi-sahitya");
    assert_eq!(ids(&search(&s, "हिंदी"))[0], "hindi-diwas");
}

#[test]
fn a_phrase_beats_scattered_words() {
    let s = corpus();
    // both articles hold उत्तर and कोरिया; only one holds उत्तर कोरिया
    let r = search(&s, "उत्तर कोरिया");
    let pos = |id: &str| ids(&r).iter().position(|x| *x == id).unwrap();
    assert!(
        pos("lavrov-pyongyang") < pos("up-korea-investment"),
        "{:?}",
        ids(&r)
    );
    // a quoted phrase must stand together
    let quoted = search(&s, "\"उत्तर कोरिया\"");
    assert!(ids(&quoted).contains(&"lavrov-pyongyang"));
    assert!(!ids(&quoted).contains(&"up-korea-investment"));
}

#[test]
fn required_excluded_and_scoped_words() {
    let s = corpus();
    let r = search(&s, "लावरोव -कोरिया");
    assert_eq!(ids(&r), ["lavrov-geneva"]);
    let r = search(&s, "लावरोव +जिनेवा");
    assert_eq!(ids(&r), ["lavrov-geneva"]);
    let r = search(&s, "title:मौसम");
    assert_eq!(ids(&r), ["mausam-barish"]);
}

#[test]
fn filters_and_facets() {
    let s = corpus();
    let mut req = SearchRequest::new("लावरोव Lavrov");
    let all = s.search(&req).unwrap();
    assert_eq!(all.total, 3);
    let source = |r: &SearchResponse, v: &str| {
        r.facets
            .source
            .iter()
            .find(|f| f.value == v)
            .map_or(0, |f| f.count)
    };
    assert_eq!(source(&all, "समाचार सेवा"), 2);
    assert_eq!(source(&all, "Wire"), 1);
    assert_eq!(
        all.facets
            .lang
            .iter()
            .map(|f| (f.value.as_str(), f.count))
            .collect::<Vec<_>>(),
        [("hi", 2), ("en", 1)]
    );
    assert_eq!(
        all.facets
            .month
            .iter()
            .map(|f| (f.value.as_str(), f.count))
            .collect::<Vec<_>>(),
        [("2025-11", 2), ("2025-09", 1)]
    );

    req.filters.source = Some("समाचार सेवा".into());
    assert_eq!(s.search(&req).unwrap().total, 2);
    req.filters.source = None;
    req.filters.lang = Some("en".into());
    assert_eq!(ids(&s.search(&req).unwrap()), ["lavrov-english"]);
    req.filters.lang = None;
    req.filters.category = Some("विदेश".into());
    assert_eq!(s.search(&req).unwrap().total, 2);
    req.filters.category = None;
    req.filters.from = khoj_index::dates::parse_date("2025-10-01");
    req.filters.to = khoj_index::dates::parse_date("2025-11-30");
    let r = s.search(&req).unwrap();
    assert_eq!(r.total, 2);
    assert!(!ids(&r).contains(&"lavrov-geneva"));
}

#[test]
fn newest_first_and_paging() {
    let s = corpus();
    let mut req = SearchRequest::new("लावरोव Lavrov");
    req.sort = Sort::Newest;
    let r = s.search(&req).unwrap();
    let dates: Vec<&str> = r
        .hits
        .iter()
        .map(|h| h.published_at.as_deref().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    req.sort = Sort::Relevance;
    req.limit = 1;
    let first = s.search(&req).unwrap();
    req.offset = 1;
    let second = s.search(&req).unwrap();
    assert_eq!((first.total, second.total), (3, 3));
    assert_eq!((first.hits.len(), second.hits.len()), (1, 1));
    assert_ne!(first.hits[0].id, second.hits[0].id);
    req.limit = 1000;
    assert!(s.search(&req).is_err(), "a limit over the cap is refused");
}

#[test]
fn anything_a_reader_types_gives_results_or_nothing() {
    let s = corpus();
    let long = "लावरोव ".repeat(1430) + "कोरिया"; // 10,016 chars
    let long: String = long.chars().take(10_000).collect();
    for q in [
        "\"उत्तर कोरिया",
        "\"",
        "+",
        "-",
        "+ -",
        "--लावरोव",
        "title:",
        "title:\"",
        "body:\"\"",
        ":::",
        "\u{0}",
        "))((",
        "a AND OR NOT",
        "*",
        "लावरोव~2",
        "\u{FDD0}mr\u{FDD1}",
        &long,
    ] {
        match s.search(&SearchRequest::new(q)) {
            Ok(r) => assert!(r.hits.len() <= 10),
            Err(e) => assert!(
                q.trim().is_empty() || matches!(e, khoj_index::IndexError::InvalidOption(_)),
                "{q:?}: {e}"
            ),
        }
    }
    assert!(!search(&s, &long).hits.is_empty());
    let too_long = "क".repeat(10_001);
    assert!(s.search(&SearchRequest::new(&too_long)).is_err());
}

#[test]
fn snippets_escape_html() {
    let r = search(&corpus(), "सुरक्षा परीक्षण");
    let hit = r.hits.iter().find(|h| h.id == "xss-test").unwrap();
    assert!(
        !hit.snippet.contains("<img") && hit.snippet.contains("&lt;img"),
        "{}",
        hit.snippet
    );
    assert!(hit.snippet.contains("&lt;b&gt;HTML&lt;/b&gt;"));
}

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
