//! Copy clusters and related coverage, on the search fixture (tests/fixtures/search) plus
//! edited copies of one of its wire stories.

use khoj_analyzers::CjkSegmenters;
use khoj_index::request::{RelatedParams, RelatedRequest, SearchRequest};
use khoj_index::search::{RankingConfig, Searcher};
use khoj_index::{Article, ArticleWriter, IndexSettings, KhojIndex};
use serde_json::json;

const STORY: &str = "lavrov-pyongyang";

fn fixture() -> Vec<Article> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/search/articles.jsonl"
    );
    std::fs::read_to_string(path)
        .expect("the search fixture")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Article::from_value(serde_json::from_str(l).unwrap()).unwrap())
        .collect()
}

fn article(id: &str, title: &str, body: &str, published_at: &str, source: &str) -> Article {
    Article::from_value(json!({"id": id, "title": title, "body": body, "published_at": published_at, "source": source})).unwrap()
}

/// Two copies of the Lavrov story as other sites run it: a new headline, a dateline and a
/// byline, the last sentence dropped, nukta and vowel-length spellings.
fn copies(original: &Article) -> Vec<Article> {
    let body = &original.body;
    let dropped = &body[..body.trim_end_matches('।').rfind('।').unwrap() + '।'.len_utf8()];
    vec![
        article(
            "copy-dateline",
            "किम से मिले रूसी विदेश मंत्री",
            &format!("प्योंगयांग, 2 नवंबर (एजेंसी)। {body} — एजेंसी"),
            "2025-11-02T11:00:00+05:30",
            "दूसरा अख़बार",
        ),
        article(
            "copy-spelling",
            "रूस और उत्तर कोरिया की साझेदारी पर बात",
            &dropped
                .replace("मुलाकात", "मुलाक़ात")
                .replace("मजबूत", "मज़बूत")
                .replace("रणनीतिक", "रणनीतीक"),
            "2025-11-03T08:00:00+05:30",
            "तीसरा अख़बार",
        ),
    ]
}

fn build(articles: impl IntoIterator<Item = Article>) -> KhojIndex {
    let index = KhojIndex::in_memory(&IndexSettings::default(), &CjkSegmenters::none()).unwrap();
    write(&index, articles);
    index
}

/// Upserts with a fresh writer and commits.
fn write(index: &KhojIndex, articles: impl IntoIterator<Item = Article>) {
    let mut writer = ArticleWriter::new(index, 1, 50_000_000).unwrap();
    for a in articles {
        writer.upsert(a).unwrap();
    }
    writer.commit().unwrap();
    writer.finish().unwrap();
}

fn searcher(index: &KhojIndex) -> Searcher {
    let s = Searcher::new(index, RankingConfig::default()).unwrap();
    s.reload().unwrap();
    s
}

fn copy_ids(s: &Searcher, id: &str) -> Vec<String> {
    let mut ids: Vec<String> = s
        .copies(id)
        .unwrap()
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    ids.sort();
    ids
}

fn related(id: &str, limit: usize, days: Option<u32>) -> RelatedRequest {
    RelatedRequest {
        id: id.into(),
        limit,
        days,
    }
}

fn related_ids(s: &Searcher, id: &str, days: Option<u32>) -> Vec<String> {
    s.related(&related(id, 20, days))
        .unwrap()
        .unwrap()
        .into_iter()
        .map(|h| h.article.id)
        .collect()
}

fn with_copies() -> (KhojIndex, Vec<Article>) {
    let articles = fixture();
    let original = articles.iter().find(|a| a.id == STORY).unwrap().clone();
    let copies = copies(&original);
    (build(articles.into_iter().chain(copies.clone())), copies)
}

#[test]
fn edited_copies_join_the_original_cluster() {
    let (index, _) = with_copies();
    let s = searcher(&index);
    assert_eq!(copy_ids(&s, STORY), ["copy-dateline", "copy-spelling"]);
    assert_eq!(copy_ids(&s, "copy-spelling"), ["copy-dateline", STORY]);
    // a story about the same man, but another story, is no copy
    assert!(copy_ids(&s, "lavrov-geneva").is_empty());
    assert!(s.copies("no-such-id").unwrap().is_none());
}

#[test]
fn copies_are_found_among_committed_articles_too() {
    // the copies come in a later run, through a new writer: found through the sketches the
    // index stores
    let articles = fixture();
    let original = articles.iter().find(|a| a.id == STORY).unwrap().clone();
    let index = build(articles);
    write(&index, copies(&original));
    assert_eq!(
        copy_ids(&searcher(&index), STORY),
        ["copy-dateline", "copy-spelling"]
    );
}

#[test]
fn search_collapses_copies_and_expands_on_request() {
    let (index, _) = with_copies();
    let s = searcher(&index);
    let story = ["copy-dateline", "copy-spelling", STORY];
    let mut req = SearchRequest::new("लावरोव किम जोंग उन");
    let collapsed = s.search(&req).unwrap();
    let shown: Vec<_> = collapsed
        .hits
        .iter()
        .filter(|h| story.contains(&h.article.id.as_str()))
        .collect();
    assert_eq!(
        shown.len(),
        1,
        "one hit stands for the story: {:?}",
        collapsed.hits
    );
    assert_eq!(shown[0].copies, 2);
    req.expand_copies = true;
    let expanded = s.search(&req).unwrap();
    let mut ids: Vec<&str> = expanded
        .hits
        .iter()
        .map(|h| h.article.id.as_str())
        .filter(|id| story.contains(id))
        .collect();
    ids.sort();
    assert_eq!(ids, story);
    // each still says how many other copies its story has
    assert!(expanded
        .hits
        .iter()
        .filter(|h| story.contains(&h.article.id.as_str()))
        .all(|h| h.copies == 2));
}

#[test]
fn related_leaves_out_the_article_and_its_copies() {
    let (index, _) = with_copies();
    let s = searcher(&index);
    let hits = s.related(&related(STORY, 20, None)).unwrap().unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.article.id.as_str()).collect();
    for own in [STORY, "copy-dateline", "copy-spelling"] {
        assert!(!ids.contains(&own), "{own} in {ids:?}");
    }
    // another story about Lavrov is related, and says why
    let geneva = hits
        .iter()
        .find(|h| h.article.id == "lavrov-geneva")
        .expect("lavrov-geneva related");
    assert!(
        geneva.shared_terms.iter().any(|t| t == "लावरोव"),
        "{:?}",
        geneva.shared_terms
    );
    // from elsewhere, the copied story is one story: listed once
    let from_geneva = related_ids(&s, "lavrov-geneva", None);
    let listed = from_geneva
        .iter()
        .filter(|id| [STORY, "copy-dateline", "copy-spelling"].contains(&id.as_str()))
        .count();
    assert_eq!(listed, 1, "{from_geneva:?}");
    assert!(s
        .related(&related("no-such-id", 5, None))
        .unwrap()
        .is_none());
    let zero = RelatedParams {
        limit: Some("0".into()),
        days: None,
    };
    assert!(zero.request(STORY).is_err());
}

#[test]
fn related_keeps_to_the_date_window() {
    let (index, _) = with_copies();
    let s = searcher(&index);
    // lavrov-geneva ran 48 days before the Pyongyang story
    assert!(related_ids(&s, STORY, None).contains(&"lavrov-geneva".to_string()));
    assert!(related_ids(&s, STORY, Some(60)).contains(&"lavrov-geneva".to_string()));
    assert!(!related_ids(&s, STORY, Some(30)).contains(&"lavrov-geneva".to_string()));
    // a window reaching past the calendar is no window
    assert!(related_ids(&s, STORY, Some(u32::MAX)).contains(&"lavrov-geneva".to_string()));
}

#[test]
fn a_story_lists_the_article_its_copies_and_the_weeks_coverage_by_date() {
    use khoj_index::story::StoryRelation;
    let articles = fixture();
    let original = articles.iter().find(|a| a.id == STORY).unwrap().clone();
    let followup = article(
        "lavrov-followup",
        "लावरोव की यात्रा के बाद उत्तर कोरिया ने रूस से सहयोग की बात दोहराई",
        "लावरोव की प्योंगयांग यात्रा के दो दिन बाद उत्तर कोरिया के विदेश मंत्रालय ने कहा कि रूस के साथ रणनीतिक सहयोग आगे बढ़ेगा और किम जोंग उन जल्द मास्को जा सकते हैं।",
        "2025-11-04T10:00:00+05:30",
        "चौथा अख़बार",
    );
    let index = build(
        articles
            .into_iter()
            .chain(copies(&original))
            .chain([followup]),
    );
    let s = searcher(&index);
    let story = |days: Option<u32>| -> Vec<(String, StoryRelation)> {
        s.story(&related(STORY, 10, days))
            .unwrap()
            .unwrap()
            .into_iter()
            .map(|e| (e.article.id, e.relation))
            .collect()
    };
    let week = story(None);
    let ids: Vec<&str> = week.iter().map(|(id, _)| id.as_str()).collect();
    // by date: the article (Nov 2, 09:00), its copies (Nov 2, 11:00; Nov 3), the follow-up
    // (Nov 4); within a week, so not the Geneva story of September
    let position = |id: &str| {
        ids.iter()
            .position(|i| *i == id)
            .unwrap_or_else(|| panic!("{id} in {ids:?}"))
    };
    assert_eq!(position(STORY), 0, "{week:?}");
    assert!(position("copy-dateline") < position("copy-spelling"));
    assert!(position("copy-spelling") < position("lavrov-followup"));
    assert!(!ids.contains(&"lavrov-geneva"), "{ids:?}");
    let relation = |id: &str| week.iter().find(|(i, _)| i == id).map(|(_, r)| *r);
    assert_eq!(relation(STORY), Some(StoryRelation::Article));
    assert_eq!(relation("copy-dateline"), Some(StoryRelation::Copy));
    assert_eq!(relation("lavrov-followup"), Some(StoryRelation::Related));
    // every dated entry is no older than the one before it
    let dates: Vec<_> = s
        .story(&related(STORY, 10, None))
        .unwrap()
        .unwrap()
        .into_iter()
        .map(|e| e.article.published_at)
        .collect();
    assert!(
        dates
            .windows(2)
            .all(|w| w[0].is_none() || w[1].is_none() || w[0] <= w[1]),
        "{dates:?}"
    );
    // a wider window takes in the Geneva story, before the article
    let two_months = story(Some(60));
    let at = |id: &str| two_months.iter().position(|(i, _)| i == id);
    assert!(at("lavrov-geneva").is_some(), "{two_months:?}");
    assert!(at("lavrov-geneva") < at(STORY), "{two_months:?}");
    assert!(s.story(&related("no-such-id", 10, None)).unwrap().is_none());
}

#[test]
fn reingesting_an_article_updates_its_cluster() {
    let (index, copies) = with_copies();
    // copy-spelling is re-sent with another story's text: it leaves the Lavrov cluster...
    let weather = fixture()
        .into_iter()
        .find(|a| a.id == "mausam-barish")
        .unwrap();
    let mut moved = copies[1].clone();
    moved.body = format!("{} — एजेंसी", weather.body);
    write(&index, [moved.clone()]);
    let s = searcher(&index);
    assert_eq!(copy_ids(&s, STORY), ["copy-dateline"]);
    assert_eq!(copy_ids(&s, "mausam-barish"), ["copy-spelling"]);
    // ...and comes back with its own text
    write(&index, [copies[1].clone()]);
    let s = searcher(&index);
    assert_eq!(copy_ids(&s, STORY), ["copy-dateline", "copy-spelling"]);
    assert!(copy_ids(&s, "mausam-barish").is_empty());
}

#[test]
fn related_coverage_reads_an_article_in_its_own_language() {
    // Two Marathi articles on one story share words that Hindi stemming would change: the
    // index holds them unstemmed (Marathi is not stemmed as Hindi), and related coverage
    // must look them up the same way.
    let marathi = |id: &str, body: &str| {
        Article::from_value(json!({"id": id, "title": "", "body": body, "lang": "mr",
            "published_at": "2025-11-02T10:00:00+05:30"}))
        .unwrap()
    };
    let articles = [
        marathi(
            "mr-onion-1",
            "नाशिकच्या बाजारात कांद्याचे दर कोसळले म्हणून शेतकऱ्यांनी लिलाव पाडले आणि व्यापाऱ्यांनी खरेदी थांबवली.",
        ),
        marathi(
            "mr-onion-2",
            "व्यापाऱ्यांनी माघार घेताच शेतकऱ्यांनी संताप व्यक्त केला; कांद्याचे दर कोसळले तरी सरकार गप्प आहे.",
        ),
        marathi(
            "mr-rain",
            "मुंबईत जोरदार पावसाने वाहतूक कोंडी झाली आणि लोकल गाड्या उशिराने धावल्या.",
        ),
    ];
    let index = build(fixture().into_iter().chain(articles));
    for word in ["कांद्याचे", "कोसळले", "शेतकऱ्यांनी", "व्यापाऱ्यांनी"]
    {
        let as_hindi = &index.analyze(Some("hi"), word, khoj_analyzers::Forms::Recall)[0].text;
        let as_marathi = &index.analyze(Some("mr"), word, khoj_analyzers::Forms::Recall)[0].text;
        assert_ne!(
            as_hindi, as_marathi,
            "{word}: the test needs words Hindi stems"
        );
    }
    let s = searcher(&index);
    assert_eq!(
        related_ids(&s, "mr-onion-1", None)
            .first()
            .map(String::as_str),
        Some("mr-onion-2")
    );
    let hits = s.related(&related("mr-onion-1", 5, None)).unwrap().unwrap();
    assert!(
        hits[0].shared_terms.len() >= 3,
        "{:?}",
        hits[0].shared_terms
    );
}

#[test]
fn related_finds_the_story_through_its_nearest_article() {
    // The launch article and the training article share no significant word; the report from
    // Sriharikota shares words with both. A first round finds that report, and its words
    // (pseudo-relevance feedback) bring in the training article.
    let hindi =
        |id: &str, body: &str| article(id, "", body, "2025-11-02T10:00:00+05:30", "एक अख़बार");
    let articles = [
        hindi(
            "launch",
            "इसरो ने श्रीहरिकोटा से चंद्रयान का प्रक्षेपण किया। चंद्रयान मिशन चांद की सतह पर उतरेगा।",
        ),
        hindi(
            "bridge",
            "श्रीहरिकोटा केंद्र में इसरो के चंद्रयान प्रक्षेपण की धूम रही। वहीं गगनयान के अंतरिक्ष यात्री प्रशिक्षण के बाद उड़ान भरेंगे।",
        ),
        hindi(
            "training",
            "गगनयान के अंतरिक्ष यात्री प्रशिक्षण पूरा कर चुके हैं और उड़ान की तैयारी जारी है।",
        ),
    ];
    let index = build(fixture().into_iter().chain(articles));
    let s = searcher(&index);
    let words = |id: &str| -> std::collections::HashSet<String> {
        let a = s.get(id).unwrap().unwrap();
        index
            .analyze(Some("hi"), &a.body, khoj_analyzers::Forms::Recall)
            .into_iter()
            .map(|t| t.text)
            .collect()
    };
    let (launch, training) = (words("launch"), words("training"));
    let shared: Vec<&String> = launch.intersection(&training).collect();
    assert!(
        shared.is_empty(),
        "the test needs articles sharing no word: {shared:?}"
    );
    let hits = s.related(&related("launch", 5, None)).unwrap().unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.article.id.as_str()).collect();
    assert_eq!(ids.first(), Some(&"bridge"), "{ids:?}");
    let training = hits
        .iter()
        .find(|h| h.article.id == "training")
        .unwrap_or_else(|| panic!("the training article is related through the bridge: {ids:?}"));
    // It shares none of the launch article's own words, and says so.
    assert!(
        training.shared_terms.is_empty(),
        "{:?}",
        training.shared_terms
    );
}

#[test]
fn a_story_copied_many_times_leaves_room_for_the_others() {
    // The Lavrov story run by 60 sites: from the Geneva story, its copies are the nearest
    // hits, more of them than the candidates re-ranked, and still count as one story among
    // the five asked for. (Collapsing copies only after reading the first 40 hits listed
    // three stories here.)
    let original = fixture()
        .into_iter()
        .find(|a| a.id == STORY)
        .expect("the Lavrov story");
    let many = (0..60).map(|i| {
        article(
            &format!("site-{i}"),
            &original.title,
            &original.body,
            "2025-11-02T12:00:00+05:30",
            &format!("अख़बार {i}"),
        )
    });
    // and enough other news that the story's words stay rare (a word more than half the
    // articles hold says nothing)
    let filler = (0..150).map(|i| {
        article(
            &format!("cricket-{i}"),
            "क्रिकेट",
            &format!("बल्लेबाज़ ने {i} गेंदों पर शतक जड़ा और गेंदबाज़ों ने विकेट लिए।"),
            "2025-11-01T09:00:00+05:30",
            "खेल समाचार",
        )
    });
    let index = build(fixture().into_iter().chain(many).chain(filler));
    let s = searcher(&index);
    assert!(copy_ids(&s, STORY).len() >= 60);
    let ids: Vec<String> = s
        .related(&related("lavrov-geneva", 5, None))
        .unwrap()
        .unwrap()
        .into_iter()
        .map(|h| h.article.id)
        .collect();
    let copies = ids
        .iter()
        .filter(|id| id.as_str() == STORY || id.starts_with("site-"))
        .count();
    assert_eq!(copies, 1, "{ids:?}");
    assert!(ids.len() >= 4, "other stories are listed too: {ids:?}");
}
