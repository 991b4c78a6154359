//! Chinese, Japanese and Korean articles in two views: the dictionary's words in `body`,
//! character bigrams in `body_cjk`, both scored by a query with CJK text.
//!
//! Needs the jieba dictionary (`KHOJ_DICT_DIR`, which `.ci/run` sets); skipped, saying so,
//! without it.

use khoj_analyzers::CjkSegmenters;
use khoj_index::request::SearchRequest;
use khoj_index::search::{RankingConfig, Searcher};
use khoj_index::{Article, ArticleWriter, IndexSettings, KhojIndex};
use serde_json::json;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// An index of two Chinese articles and a Hindi one, with its `body` and `body_cjk` fields.
fn index_with_jieba() -> Option<(KhojIndex, Field, Field)> {
    let dicts = std::env::var_os("KHOJ_DICT_DIR")
        .map(|d| CjkSegmenters::from_dir(std::path::Path::new(&d)))
        .unwrap_or_default();
    let index = KhojIndex::in_memory(&IndexSettings::default(), &dicts).unwrap();
    if !index.settings().cjk_dictionaries.iter().any(|d| d == "zh") {
        eprintln!(
            "skipped: no jieba dictionary in KHOJ_DICT_DIR (.ci/run unpacks ../shared/lindera)"
        );
        return None;
    }
    let articles = [
        ("zh-bridge", "南京市长江大桥建成通车", "zh"),
        ("zh-other", "上海的新地铁线路今天开通", "zh"),
        ("hi-korea", "उत्तर कोरिया के नेता ने रूस का समर्थन दोहराया", "hi"),
    ];
    let mut writer = ArticleWriter::new(&index, 1, 50_000_000).unwrap();
    for (id, body, lang) in articles {
        let article = json!({"id": id, "title": "", "body": body, "lang": lang});
        writer
            .upsert(Article::from_value(article).unwrap())
            .unwrap();
    }
    writer.commit().unwrap();
    writer.finish().unwrap();
    let f = *index.fields();
    let cjk = f.body_cjk.expect("a new index has the bigram field");
    Some((index, f.body, cjk))
}

fn count(index: &KhojIndex, field: Field, text: &str) -> usize {
    let reader = index.tantivy().reader().unwrap();
    let q = TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic);
    reader.searcher().search(&q, &Count).unwrap()
}

fn ids(searcher: &Searcher, query: &str) -> Vec<String> {
    let resp = searcher.search(&SearchRequest::new(query)).unwrap();
    resp.hits.into_iter().map(|h| h.article.id).collect()
}

#[test]
fn a_word_the_dictionary_cuts_apart_is_found_through_the_bigrams() {
    let Some((index, body, cjk)) = index_with_jieba() else {
        return;
    };
    // jieba cuts 南京市 | 长江大桥: the dictionary's view holds no 市长 ("mayor") …
    assert_eq!(count(&index, body, "市长"), 0);
    // … the bigram view does, and a search for it finds the article through it.
    assert_eq!(count(&index, cjk, "市长"), 1);
    let searcher = Searcher::new(&index, RankingConfig::default()).unwrap();
    searcher.reload().unwrap();
    assert_eq!(ids(&searcher, "市长"), ["zh-bridge"]);
    // A word both views hold still ranks its article first.
    assert_eq!(
        ids(&searcher, "上海地铁").first().map(String::as_str),
        Some("zh-other")
    );
}

#[test]
fn only_articles_with_cjk_text_get_the_bigram_view() {
    let Some((index, body, cjk)) = index_with_jieba() else {
        return;
    };
    assert_eq!(count(&index, cjk, "南京"), 1);
    let korea = &index.analyze(Some("hi"), "कोरिया", khoj_analyzers::Forms::Recall)[0].text;
    assert_eq!(count(&index, body, korea), 1);
    assert_eq!(count(&index, cjk, korea), 0);
}
