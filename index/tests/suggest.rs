//! Suggestions as a reader types: phrases of the headlines found, words, and queries typed before.

use khoj_index::request::{SuggestParams, SuggestRequest};
use khoj_index::search::suggest::SuggestionKind;
use khoj_index::search::Searcher;

fn searcher() -> Searcher {
    let index = khoj_index::KhojIndex::in_memory(
        &Default::default(),
        &khoj_analyzers::CjkSegmenters::none(),
    )
    .unwrap();
    let articles = [
        (
            "a",
            "उत्तर कोरिया के नेता किम से मिले लावरोव",
            "रूसी विदेश मंत्री प्योंगयांग पहुंचे",
        ),
        ("b", "उत्तर प्रदेश में ज़िंदगी पटरी पर", "लखनऊ में बाजार खुले"),
        ("c", "उत्तर कोरिया ने मिसाइल दागी", "सियोल ने चिंता जताई"),
        ("d", "क्लब के नए मेंबर चुने गए", "मेंबर मेंबर उत्तरी"),
    ];
    khoj_index::ArticleWriter::write_all(
        &index,
        articles.iter().map(|(id, title, body)| {
            khoj_index::Article::from_value(
                serde_json::json!({"id": id, "title": title, "body": body}),
            )
            .unwrap()
        }),
    )
    .unwrap();
    let s = Searcher::new(&index, Default::default()).unwrap();
    s.reload().unwrap();
    s
}

fn texts(s: &Searcher, q: &str) -> Vec<String> {
    let req = SuggestRequest {
        q: q.into(),
        limit: 8,
    };
    s.suggest(&req).into_iter().map(|x| x.text).collect()
}

#[test]
fn headlines_complete_what_is_typed() {
    let s = searcher();
    let t = texts(&s, "उत्त");
    assert!(t.contains(&"उत्तर कोरिया".to_string()), "{t:?}");
    // the pair held by two headlines comes before the one held by one
    let korea = t.iter().position(|x| x == "उत्तर कोरिया").unwrap();
    let pradesh = t.iter().position(|x| x == "उत्तर प्रदेश").unwrap();
    assert!(korea < pradesh, "{t:?}");
    // a single word, as the articles spell it
    assert!(
        texts(&s, "ज़िंद").contains(&"ज़िंदगी".to_string()),
        "{:?}",
        texts(&s, "ज़िंद")
    );
    // a word pair without the nukta the headline has, shown as the headline spells it
    assert!(
        texts(&s, "जिंदगी प").contains(&"ज़िंदगी पटरी".to_string()),
        "{:?}",
        texts(&s, "जिंदगी प")
    );
    // a second word being typed
    assert_eq!(
        texts(&s, "उत्तर को").first().map(String::as_str),
        Some("उत्तर कोरिया")
    );
    // Roman letters: the Devanagari word that sounds like it
    assert!(
        texts(&s, "lavr").iter().any(|x| x.contains("लावरोव")),
        "{:?}",
        texts(&s, "lavr")
    );
    assert!(texts(&s, "").is_empty());
}

#[test]
fn queries_that_found_something_come_first() {
    let s = searcher();
    s.record_query("उत्तर कोरिया मिसाइल");
    s.record_query("उत्तर कोरिया मिसाइल");
    let all = s.suggest(&SuggestRequest {
        q: "उत्तर".into(),
        limit: 8,
    });
    assert_eq!(all[0].text, "उत्तर कोरिया मिसाइल");
    assert_eq!(all[0].kind, SuggestionKind::Query);
    assert!(all.len() <= 8);
    let req = SuggestParams::from_pairs([("q", "उ"), ("limit", "3")])
        .unwrap()
        .request()
        .unwrap();
    assert!(s.suggest(&req).len() <= 3);
    assert!(SuggestParams::from_pairs([("q", "x"), ("limit", "9")])
        .unwrap()
        .request()
        .is_err());
}

#[test]
fn a_stopword_typed_in_full_is_passed_not_completed() {
    let s = searcher();
    // में is the word itself here: the phrase goes on past it, and words that merely
    // begin like it (मेंबर) are not offered after other words
    let t = texts(&s, "उत्तर प्रदेश में");
    assert!(t.contains(&"उत्तर प्रदेश में ज़िंदगी".to_string()), "{t:?}");
    assert!(!t.iter().any(|x| x.contains("मेंबर")), "{t:?}");
    // no phrase ends on a stopword: "क्लब के" goes on to "क्लब के नए"
    let t = texts(&s, "क्लब");
    assert!(t.contains(&"क्लब के नए".to_string()), "{t:?}");
    assert!(!t.contains(&"क्लब के".to_string()), "{t:?}");
    // alone, a stopword may be a word begun
    assert!(texts(&s, "में").contains(&"मेंबर".to_string()));
}

#[test]
fn one_letter_offers_the_most_frequent_words_first() {
    let s = searcher();
    let req = SuggestRequest {
        q: "उ".into(),
        limit: 8,
    };
    let all = s.suggest(&req);
    assert_eq!(
        all.first().map(|x| x.kind),
        Some(SuggestionKind::Word),
        "{all:?}"
    );
    // उत्तर, though it is also the stem of उत्तरी: more articles hold it than उत्तरी
    assert_eq!(all[0].text, "उत्तर", "{all:?}");
    assert!(all.iter().any(|x| x.text == "उत्तरी"), "{all:?}");
    assert!(
        all.iter().any(|x| x.kind == SuggestionKind::Headline),
        "{all:?}"
    );
}
