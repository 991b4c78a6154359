//! As you type: the last word of a query is a prefix, matched on what the analyzer makes
//! of it — without nukta, with the other vowel length, cut in the middle of an akshara —
//! and, typed in Roman letters, through the phonetic keys.

mod common;

use common::searcher_of;
use khoj_index::request::{SearchParams, SearchRequest};
use khoj_index::search::Searcher;

fn searcher() -> Searcher {
    let articles = [
        ("pm", "प्रधानमंत्री ने नई योजना की घोषणा की"),
        ("kim", "किम जोंग उन ने मिसाइल परीक्षण देखा"),
        ("school", "गांव के स्कूल में नई इमारत बनी"),
        ("zindagi", "ज़िंदगी के रंग नाम की फ़िल्म आई"),
        ("hindi", "हिन्दी दिवस पर कवि सम्मेलन हुआ"),
        ("lavrov", "रूसी विदेश मंत्री लावरोव प्योंगयांग पहुंचे"),
        ("books", "मेले में किताबें बिकीं"),
        ("other", "मौसम विभाग ने बारिश की चेतावनी दी"),
    ];
    searcher_of(&articles)
}

fn instant(s: &Searcher, q: &str) -> Vec<String> {
    let mut req = SearchRequest::new(q);
    req.instant = true;
    common::hit_ids(s, &req)
}

#[test]
fn a_prefix_finds_the_words_it_begins() {
    let s = searcher();
    for (typed, id) in [
        ("प्र", "pm"), // a conjunct, its vowel still to come
        ("प्रधानमं", "pm"),
        ("कि", "kim"),      // a consonant with its matra, the word not finished
        ("स्कू", "school"),   // …with the long vowel the index folds
        ("स्कु", "school"),   // …or the short one
        ("जिंद", "zindagi"), // without the nukta the article has
        ("ज़िंद", "zindagi"),
        ("हिन्", "hindi"), // a half nasal waiting for its consonant
        ("हिंद", "hindi"),
        ("किताबे", "books"),   // a suffix half typed: the exact spelling's prefix
        ("lavr", "lavrov"),   // Roman letters, through the phonetic keys
        ("मौसम वि", "other"), // the other words as usual, the last one a prefix
    ] {
        let ids = instant(&s, typed);
        assert!(ids.iter().any(|i| i == id), "{typed}: {ids:?}");
        assert!(ids.len() <= 2, "{typed} matches too much: {ids:?}");
    }
}

#[test]
fn a_finished_word_is_not_a_prefix() {
    let s = searcher();
    // "कि" with a space after it is a whole word (a stopword): nothing to complete
    assert!(instant(&s, "कि ").is_empty());
    assert!(!instant(&s, "कि").is_empty());
    // and without instant, a prefix is just a (short) word
    let plain = s.search(&SearchRequest::new("स्कू")).unwrap();
    assert!(plain.hits.is_empty());
}

#[test]
fn instant_is_a_request_parameter() {
    let req = SearchParams::from_pairs([("q", "स्कू"), ("instant", "1")])
        .unwrap()
        .request()
        .unwrap();
    assert!(req.instant);
    let s = searcher();
    let ids: Vec<String> = s
        .search(&req)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.article.id)
        .collect();
    assert_eq!(ids, ["school"]);
    assert!(SearchParams::from_pairs([("q", "x"), ("instant", "maybe")])
        .unwrap()
        .request()
        .is_err());
}
