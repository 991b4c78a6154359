//! Forgiving typing: a mistyped word finds the article, below the word typed right, and
//! the answer says what the reader probably meant.

mod common;

use common::searcher_of;
use khoj_index::request::SearchRequest;
use khoj_index::search::Searcher;

fn searcher() -> Searcher {
    let articles = [
        ("sarkar", "सरकार ने नई शिक्षा नीति की घोषणा की"),
        ("khabar", "आज की बड़ी खबर दिल्ली से"),
        ("vidyalay", "विद्यालय में खेल दिवस मनाया गया"),
        ("hindi", "हिंदी दिवस पर कवि सम्मेलन"),
        ("govt", "The government announced a new policy"),
        ("kisan", "किसान मंडी में गेहूं लेकर पहुंचे"),
    ];
    searcher_of(&articles)
}

#[test]
fn slips_of_the_finger_still_find_the_article() {
    let s = searcher();
    for (typed, id, meant) in [
        ("सरकर", "sarkar", "सरकार"),            // a vowel sign dropped
        ("कबर", "khabar", "खबर"),               // the plain consonant for the aspirate
        ("विदयालय", "vidyalay", "विद्यालय"),     // a virama dropped
        ("हिदी", "hindi", "हिंदी"),              // an anusvara dropped
        ("सिक्षा नीति", "sarkar", "शिक्षा नीति"), // स for श
        ("goverment", "govt", "government"),
    ] {
        let r = s.search(&SearchRequest::new(typed)).unwrap();
        let ids: Vec<&str> = r.hits.iter().map(|h| h.article.id.as_str()).collect();
        assert_eq!(ids.first(), Some(&id), "{typed}: {ids:?}");
        assert_eq!(r.suggestion.as_deref(), Some(meant), "{typed}");
        // and not without typo tolerance
        let mut strict = SearchRequest::new(typed);
        strict.typos = false;
        let r = s.search(&strict).unwrap();
        assert!(
            r.hits.iter().all(|h| h.article.id != id) || typed.contains(' '),
            "{typed}"
        );
    }
}

#[test]
fn a_word_typed_right_needs_no_suggestion_and_ranks_first() {
    let s = searcher();
    let r = s.search(&SearchRequest::new("किसान मंडी")).unwrap();
    assert_eq!(r.suggestion, None);
    assert_eq!(r.hits[0].article.id, "kisan");
}
