//! Articles in the Indian languages that share a script, searched with no language hint.

mod common;

use common::{hit_ids as ids, searcher_of_values};
use khoj_index::request::SearchRequest;
use khoj_index::search::Searcher;

/// A searcher over an in-memory index of the articles `(id, lang, body)`.
fn searcher_of(articles: &[(&str, &str, &str)]) -> Searcher {
    searcher_of_values(
        articles
            .iter()
            .map(|(id, lang, body)| serde_json::json!({"id": id, "lang": lang, "body": body})),
    )
}

#[test]
fn a_devanagari_query_finds_marathi_articles_as_they_were_indexed() {
    let s = searcher_of(&[
        ("mr-rain", "mr", "मुंबईतील पावसामुळे लोकल सेवा विस्कळीत झाली"),
        ("hi-rain", "hi", "मुंबई में भारी बारिश से लोकल ट्रेनें रुकीं"),
        ("hi-other", "hi", "दिल्ली में चुनाव की तैयारी"),
    ]);
    // मुंबईला ("to Mumbai"): read as Hindi it keeps its Marathi ending; read as Marathi
    // too, it meets मुंबईतील of the Marathi article
    let found = ids(&s, &SearchRequest::new("मुंबईला"));
    assert!(found.contains(&"mr-rain".to_string()), "{found:?}");
    // a language filter still narrows
    let mut req = SearchRequest::new("मुंबईला लोकल");
    req.filters.lang = Some("hi".into());
    assert_eq!(ids(&s, &req), ["hi-rain"]);
}

#[test]
fn with_no_marathi_article_a_query_is_read_as_hindi_only() {
    let s = searcher_of(&[("hi-rain", "hi", "मुंबई में भारी बारिश")]);
    // nothing to find through a Marathi reading: the Hindi one alone decides
    assert!(ids(&s, &SearchRequest::new("मुंबईला")).is_empty());
}

#[test]
fn bengali_and_assamese_articles_meet_a_query_in_their_script() {
    let s = searcher_of(&[
        ("bn", "bn", "ছেলেদের খেলা দেখতে হাজার মানুষ এসেছিল"),
        ("as", "as", "গুৱাহাটীৰ ছাত্ৰসকলে বানপানীৰ বাবে সাহায্য বিচাৰিলে"),
    ]);
    assert_eq!(ids(&s, &SearchRequest::new("ছেলেদেরকে")), ["bn"]);
    // ছাত্ৰসকলক ("to the students"): the Assamese plural and case endings, which Bengali
    // does not have, meet ছাত্ৰসকলে of the Assamese article (both readings cut it to its
    // first characters)
    assert_eq!(ids(&s, &SearchRequest::new("ছাত্ৰসকলক")), ["as"]);
}

#[test]
fn roman_typing_finds_every_indian_script() {
    let s = searcher_of(&[
        ("bn", "bn", "কলকাতায় ভারী বৃষ্টি"),
        ("ta", "ta", "சென்னையில் மழை"),
        ("pa", "pa", "ਪੰਜਾਬ ਸਰਕਾਰ ਦਾ ਫ਼ੈਸਲਾ"),
    ]);
    assert_eq!(ids(&s, &SearchRequest::new("kolkata")), ["bn"]);
    assert_eq!(ids(&s, &SearchRequest::new("chennai")), ["ta"]);
    assert_eq!(ids(&s, &SearchRequest::new("punjab")), ["pa"]);
}

#[test]
fn a_name_is_found_written_in_another_script_below_its_own() {
    let s = searcher_of(&[
        ("bn-modi", "bn", "প্রধানমন্ত্রী মোদী আজ কলকাতায়"),
        ("hi-modi", "hi", "प्रधानमंत्री मोदी आज दिल्ली में"),
        ("hi-other", "hi", "दिल्ली में बारिश"),
    ]);
    assert_eq!(ids(&s, &SearchRequest::new("मोदी")), ["hi-modi", "bn-modi"]);
    assert_eq!(ids(&s, &SearchRequest::new("মোদী")), ["bn-modi", "hi-modi"]);
}

#[test]
fn a_roman_word_finds_the_other_inflections_of_the_word_it_spells() {
    // Bengali recall forms are a word's first characters (কলক): a Roman word finds the
    // exact form it spells (কলকাতা), and through that form's recall form the word's other
    // inflections (কলকাতার, "of Kolkata"), whose own keys are not the word's
    let s = searcher_of(&[
        ("bare", "bn", "কলকাতা শহর"),
        ("genitive", "bn", "কলকাতার মেয়র"),
        ("other", "bn", "ঢাকার খবর"),
    ]);
    assert_eq!(
        ids(&s, &SearchRequest::new("kolkata")),
        ["bare", "genitive"]
    );
}

#[test]
fn a_hindi_index_expands_roman_words_as_before() {
    // no language of the index is cut: the expansions are the keys' terms alone
    let s = searcher_of(&[
        ("hi", "hi", "कोलकाता में बारिश"),
        ("hi-2", "hi", "दिल्ली में धूप"),
    ]);
    assert_eq!(ids(&s, &SearchRequest::new("kolkata")), ["hi"]);
}
