//! Scraped HTML pages end to end: `khoj index` on pages, the article read back.

mod common;

use std::collections::HashMap;

use common::{index_files, khoj, shared_file, texts};
use khoj_analyzers::CjkSegmenters;
use khoj_index::KhojIndex;
use unicode_normalization::char::is_combining_mark;

/// A news page that declares its metadata (site name, canonical URL, author, time).
const PAGE: &str = r##"<!doctype html><html lang="hi"><head>
<title>बाढ़ से कई गाँव प्रभावित - नदी समाचार</title>
<meta property="og:title" content="बाढ़ से कई गाँव प्रभावित, राहत कार्य जारी">
<meta property="og:site_name" content="नदी समाचार">
<link rel="canonical" href="https://nadi.example/rajya/baadh-rahat-981">
<meta name="author" content="सुनीता वर्मा">
<meta property="article:published_time" content="2024-07-21T08:30:00+05:30">
</head><body>
<nav><a href="/">होम</a> <a href="/rajya">राज्य</a> <a href="/desh">देश</a></nav>
<article><h1>बाढ़ से कई गाँव प्रभावित, राहत कार्य जारी</h1>
<p>पटना। लगातार बारिश के बाद नदियों का जलस्तर बढ़ने से जिले के कई गाँव पानी में घिर गए हैं और लोग ऊँचे स्थानों पर शरण ले रहे हैं।</p>
<p>यह भी पढ़ें: <a href="/x">मौसम विभाग ने अगले तीन दिन भारी बारिश की चेतावनी दी</a></p>
<p>प्रशासन ने राहत शिविर खोले हैं और नावों की मदद से फँसे हुए परिवारों को सुरक्षित निकाला जा रहा है, जबकि स्वास्थ्य दल भी तैनात किए गए हैं।</p>
<p>जिलाधिकारी ने बताया कि अब तक किसी के हताहत होने की खबर नहीं है और हालात पर लगातार नजर रखी जा रही है।</p>
</article>
<aside><h3>ताज़ा खबरें</h3><ul><li><a href="/y">शहर में यातायात व्यवस्था बदली</a></li></ul></aside>
<footer>© नदी समाचार</footer></body></html>"##;

#[test]
fn an_html_page_brings_its_own_metadata() {
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("crawl");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("baadh.html"), PAGE).unwrap();
    let idx = tmp.path().join("idx");
    index_files(&idx, &[&pages]);
    let index = KhojIndex::open(&idx, &CjkSegmenters::none()).unwrap();
    let a = index.get("baadh").unwrap().unwrap();
    assert_eq!(a.title, "बाढ़ से कई गाँव प्रभावित, राहत कार्य जारी");
    // the site name the page declares, not the folder's name
    assert_eq!(a.source.as_deref(), Some("नदी समाचार"));
    assert_eq!(a.author.as_deref(), Some("सुनीता वर्मा"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://nadi.example/rajya/baadh-rahat-981")
    );
    assert_eq!(a.published_at.unwrap().unix_timestamp(), 1721530800);
    assert_eq!(a.body.lines().count(), 3, "{}", a.body);
    assert!(a.body.starts_with("पटना।") && a.body.ends_with("रखी जा रही है।"));
    assert!(!a.body.contains("यह भी पढ़ें") && !a.body.contains("होम"));
    // --source wins over the page's own
    let idx2 = tmp.path().join("idx2");
    let out = khoj(&[
        "index",
        "--index",
        idx2.to_str().unwrap(),
        "--source",
        "संपादक का नाम",
        pages.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", texts(&out).1);
    let index = KhojIndex::open(&idx2, &CjkSegmenters::none()).unwrap();
    let a = index.get("baadh").unwrap().unwrap();
    assert_eq!(a.source.as_deref(), Some("संपादक का नाम"));
}

/// Word 4-gram shingles of a text, counted, as the benchmark's scorer
/// (`../shared/peers/extraction_f1.py`) makes them: words are runs of Python's `\w`, which
/// takes letters, digits and `_` but not combining marks (a vowel sign splits a word there).
fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let word_char = |c: char| (c.is_alphanumeric() && !is_combining_mark(c)) || c == '_';
    let words: Vec<String> = text
        .split(|c: char| !word_char(c))
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    let mut counts = HashMap::new();
    for gram in words.windows(4.min(words.len()).max(1)) {
        *counts.entry(gram.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Precision and recall of `found` against `truth`, per page as the benchmark counts them.
fn page_scores(truth: &str, found: &str) -> (Option<f64>, Option<f64>) {
    let (a, b) = (shingles(truth), shingles(found));
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (k, &n) in &a {
        let m = b.get(k).copied().unwrap_or(0);
        tp += n.min(m);
        fn_ += n.saturating_sub(m);
    }
    for (k, &m) in &b {
        fp += m.saturating_sub(a.get(k).copied().unwrap_or(0));
    }
    let exact = fp == 0 && fn_ == 0;
    let ratio = |x: usize, y: usize| {
        (x + y > 0).then(|| {
            if exact {
                1.0
            } else {
                x as f64 / (x + y) as f64
            }
        })
    };
    (ratio(tp, fp), ratio(tp, fn_))
}

#[test]
fn pages_of_88_sites_give_their_article_text() {
    let Some(data) = shared_file("data/extraction-dev/ground-truth.json") else {
        return;
    };
    let dir = data.parent().unwrap();
    let truth: serde_json::Value = serde_json::from_slice(&std::fs::read(&data).unwrap()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let out = khoj(&[
        "index",
        "--index",
        idx.to_str().unwrap(),
        "--threads",
        "2",
        dir.join("html").to_str().unwrap(),
    ]);
    let (stdout, stderr) = texts(&out);
    assert!(out.status.success(), "{stderr}");
    // every page has an article, and none is lost
    assert!(stdout.contains("0 skipped"), "{stdout}{stderr}");
    let index = KhojIndex::open(&idx, &CjkSegmenters::none()).unwrap();
    let (mut ps, mut rs) = (Vec::new(), Vec::new());
    let pages = truth.as_object().unwrap();
    for (id, page) in pages {
        let want = page["articleBody"].as_str().unwrap_or("");
        let got = index.get(id).unwrap().map(|a| a.body).unwrap_or_default();
        assert!(!got.trim().is_empty(), "page {id}: no text");
        let (p, r) = page_scores(want, &got);
        ps.extend(p);
        rs.extend(r);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (p, r) = (mean(&ps), mean(&rs));
    let f1 = 2.0 * p * r / (p + r);
    eprintln!(
        "{} pages: F1 {f1:.3}, precision {p:.3}, recall {r:.3}",
        pages.len()
    );
    // 0.969 when written; the best open extractor alone scores 0.956-0.966 here
    assert!(f1 >= 0.96, "F1 {f1:.3} (precision {p:.3}, recall {r:.3})");
}
