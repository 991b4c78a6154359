//! HTML pages as Indian news sites serve them, and exactly what is kept of each.

use super::*;

/// A Hindi news page: menus, a cookie banner, a breadcrumb, share buttons, a byline, a
/// "यह भी पढ़ें" link inside the story, a related-stories box, comments and a footer.
const HINDI_NEWS_PAGE: &str = r##"<!doctype html>
<html lang="hi"><head><meta charset="utf-8">
<title>किम जोंग उन ने की लावरोव से मुलाकात | दैनिक समाचार</title>
<meta property="og:title" content="किम जोंग उन ने की लावरोव से मुलाकात">
<meta property="og:site_name" content="दैनिक समाचार">
<meta property="og:url" content="https://samachar.example/world/kim-lavrov-12345">
<link rel="canonical" href="https://samachar.example/world/kim-lavrov-12345">
<meta property="article:published_time" content="2025-11-02T10:00:00+05:30">
<meta name="author" content="राकेश शर्मा">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"किम जोंग उन ने की लावरोव से मुलाकात","datePublished":"2025-11-02T10:00:00+05:30",
 "author":{"@type":"Person","name":"राकेश शर्मा"},"publisher":{"@type":"Organization","name":"दैनिक समाचार"}}</script>
<style>.menu{display:flex}</style></head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>हम आपके अनुभव को बेहतर बनाने के लिए कुकीज़ का उपयोग करते हैं। <button>स्वीकार करें</button></p></div>
<header class="site-header"><a href="/"><img alt="दैनिक समाचार"></a>
<nav class="menu"><ul><li><a href="/">होम</a></li><li><a href="/desh">देश</a></li><li><a href="/videsh">विदेश</a></li><li><a href="/khel">खेल</a></li><li><a href="/manoranjan">मनोरंजन</a></li></ul></nav></header>
<main>
<div class="breadcrumb"><a href="/">होम</a> › <a href="/videsh">विदेश</a></div>
<article class="story">
<h1 class="story-title">किम जोंग उन ने की लावरोव से मुलाकात</h1>
<div class="byline"><span class="author">राकेश शर्मा</span> | <time datetime="2025-11-02T10:00:00+05:30">2 नवंबर 2025</time></div>
<div class="share"><a href="#">फेसबुक</a> <a href="#">ट्विटर</a> <a href="#">व्हाट्सऐप</a></div>
<div class="story-body">
<p>सोल। उत्तर कोरिया के नेता किम जोंग उन ने शनिवार को रूस के विदेश मंत्री सर्गेई लावरोव से मुलाकात की और दोनों देशों के बीच सहयोग पर विस्तार से चर्चा की।</p>
<p>सरकारी समाचार एजेंसी के अनुसार, बैठक में सैन्य और आर्थिक सहयोग को और मजबूत करने पर सहमति बनी। लावरोव ने कहा कि रूस कोरियाई प्रायद्वीप में शांति का समर्थन करता है।</p>
<p><strong>यह भी पढ़ें:</strong> <a href="/videsh/putin-visit">पुतिन की उत्तर कोरिया यात्रा की तैयारी तेज</a></p>
<p>विशेषज्ञों का मानना है कि यह मुलाकात पूर्वी एशिया की राजनीति में एक नया मोड़ ला सकती है, क्योंकि दोनों देश पश्चिमी प्रतिबंधों का सामना कर रहे हैं।</p>
<p>इससे पहले किम जोंग उन ने पिछले साल रूस का दौरा किया था, जहाँ उन्होंने राष्ट्रपति व्लादिमीर पुतिन से मुलाकात की थी और कई समझौतों पर हस्ताक्षर किए गए थे।</p>
</div>
<div class="tags">टैग: <a href="/tag/kim">किम जोंग उन</a> <a href="/tag/russia">रूस</a></div>
</article>
<aside class="related-stories"><h3>संबंधित खबरें</h3><ul>
<li><a href="/a">अमेरिका ने उत्तर कोरिया पर नए प्रतिबंध लगाए, जानिए पूरा मामला</a></li>
<li><a href="/b">चीन और रूस के बीच व्यापार में रिकॉर्ड बढ़ोतरी दर्ज की गई</a></li>
<li><a href="/c">जापान के प्रधानमंत्री ने सुरक्षा पर बुलाई आपात बैठक</a></li></ul></aside>
<section id="comments" class="comments"><h3>टिप्पणियाँ (2)</h3>
<div class="comment"><p>बहुत अच्छी खबर है, शांति बनी रहनी चाहिए और युद्ध नहीं होना चाहिए।</p></div>
<div class="comment"><p>यह मुलाकात दुनिया के लिए चिंता का विषय है, सबको सतर्क रहना होगा।</p></div>
<form><textarea></textarea><button>टिप्पणी भेजें</button></form></section>
</main>
<footer class="site-footer"><p>© 2025 दैनिक समाचार। सर्वाधिकार सुरक्षित।</p><ul><li><a href="/about">हमारे बारे में</a></li><li><a href="/contact">संपर्क करें</a></li></ul></footer>
<script>window.dataLayer = [{"page": "<p>विज्ञापन</p>"}];</script>
</body></html>"##;

/// The four paragraphs of the story in [`HINDI_NEWS_PAGE`].
const HINDI_STORY: [&str; 4] = [
    "सोल। उत्तर कोरिया के नेता किम जोंग उन ने शनिवार को रूस के विदेश मंत्री सर्गेई लावरोव से मुलाकात की और दोनों देशों के बीच सहयोग पर विस्तार से चर्चा की।",
    "सरकारी समाचार एजेंसी के अनुसार, बैठक में सैन्य और आर्थिक सहयोग को और मजबूत करने पर सहमति बनी। लावरोव ने कहा कि रूस कोरियाई प्रायद्वीप में शांति का समर्थन करता है।",
    "विशेषज्ञों का मानना है कि यह मुलाकात पूर्वी एशिया की राजनीति में एक नया मोड़ ला सकती है, क्योंकि दोनों देश पश्चिमी प्रतिबंधों का सामना कर रहे हैं।",
    "इससे पहले किम जोंग उन ने पिछले साल रूस का दौरा किया था, जहाँ उन्होंने राष्ट्रपति व्लादिमीर पुतिन से मुलाकात की थी और कई समझौतों पर हस्ताक्षर किए गए थे।",
];

#[test]
fn a_hindi_news_page_keeps_exactly_its_story() {
    let a = extract_html(HINDI_NEWS_PAGE, &SiteChrome::default()).unwrap();
    assert_eq!(a.body.lines().collect::<Vec<_>>(), HINDI_STORY);
}

#[test]
fn a_hindi_news_page_gives_its_own_metadata() {
    let a = extract_html(HINDI_NEWS_PAGE, &SiteChrome::default()).unwrap();
    assert_eq!(a.title, "किम जोंग उन ने की लावरोव से मुलाकात");
    assert_eq!(a.published_at.unwrap().unix_timestamp(), 1762057800);
    assert_eq!(a.author.as_deref(), Some("राकेश शर्मा"));
    assert_eq!(a.site_name.as_deref(), Some("दैनिक समाचार"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://samachar.example/world/kim-lavrov-12345")
    );
}

/// A page of a small Hindi blog: no metadata, no `<article>`, the date as a line of text,
/// a sidebar of recent posts, and a subscription box.
const HINDI_BLOG_PAGE: &str = r#"<html><head><title>गाँव की डायरी</title></head><body>
<div class="top"><a href="/">गाँव की डायरी</a> <a href="/about">परिचय</a></div>
<div class="wrap"><div class="post">
<h2>बरसात में खेतों का हाल</h2>
<p>12 अगस्त 2024</p>
<p>इस साल बरसात ने किसानों को राहत दी है। धान की रोपाई समय पर पूरी हो गई और खेतों में पानी भरपूर है।</p>
<p>गाँव के बुजुर्ग कहते हैं कि ऐसी बारिश उन्होंने कई वर्षों बाद देखी है, जब हर तालाब लबालब भर गया हो।</p>
<p>फिर भी निचले इलाकों में कुछ घरों में पानी घुस गया, और पंचायत ने उनके लिए स्कूल में रहने का इंतजाम किया है।</p>
</div>
<div class="sidebar"><h3>हाल की पोस्ट</h3><ul><li><a href="/1">सर्दियों की सुबह</a></li><li><a href="/2">मेले की यादें</a></li></ul>
<div class="subscribe"><p>नई पोस्ट ईमेल पर पाने के लिए सदस्यता लें</p><input type="email"><button>सदस्यता</button></div></div></div>
</body></html>"#;

#[test]
fn a_hindi_blog_page_without_metadata_keeps_its_post_and_dates_it_from_the_date_line() {
    let a = extract_html(HINDI_BLOG_PAGE, &SiteChrome::default()).unwrap();
    assert_eq!(a.title, "बरसात में खेतों का हाल");
    let body: Vec<&str> = a.body.lines().collect();
    assert_eq!(
        body,
        [
            "इस साल बरसात ने किसानों को राहत दी है। धान की रोपाई समय पर पूरी हो गई और खेतों में पानी भरपूर है।",
            "गाँव के बुजुर्ग कहते हैं कि ऐसी बारिश उन्होंने कई वर्षों बाद देखी है, जब हर तालाब लबालब भर गया हो।",
            "फिर भी निचले इलाकों में कुछ घरों में पानी घुस गया, और पंचायत ने उनके लिए स्कूल में रहने का इंतजाम किया है।",
        ]
    );
    let date = a.published_at.unwrap().date();
    assert_eq!((date.year(), date.month() as u8, date.day()), (2024, 8, 12));
}

#[test]
fn lines_that_recur_across_a_sites_pages_are_dropped() {
    let chrome = SiteChrome::learn(
        [
            "इस साल बरसात ने किसानों को राहत दी है। धान की रोपाई समय पर पूरी हो गई और खेतों में पानी भरपूर है।\nx",
            "इस साल बरसात ने किसानों को राहत दी है। धान की रोपाई समय पर पूरी हो गई और खेतों में पानी भरपूर है।\ny",
            "इस साल बरसात ने किसानों को राहत दी है। धान की रोपाई समय पर पूरी हो गई और खेतों में पानी भरपूर है।\nz",
        ],
    );
    let a = extract_html(HINDI_BLOG_PAGE, &chrome).unwrap();
    assert!(!a.body.contains("इस साल बरसात"));
    assert!(a.body.starts_with("गाँव के बुजुर्ग"));
}

#[test]
fn read_also_lines_are_links_to_other_stories() {
    for line in [
        "यह भी पढ़ें: पुतिन की उत्तर कोरिया यात्रा की तैयारी तेज",
        "ये भी पढ़ें- बिहार चुनाव: पहले चरण का मतदान आज",
        // the nukta letter decomposed
        "यह भी पढ\u{093C}ें: पुतिन की यात्रा",
        "আরও পড়ুন: কলকাতায় বৃষ্টি",
        "ALSO READ | Markets close higher",
        "» Read more: The budget explained",
    ] {
        assert!(is_read_also(line), "{line}");
    }
    for line in [
        "उन्होंने कहा कि यह भी पढ़ें तो अच्छा होगा।",
        "पढ़ाई के लिए बच्चे रोज स्कूल जाते हैं।",
        "Readers also wrote to the editor about the budget.",
    ] {
        assert!(!is_read_also(line), "{line}");
    }
}

#[test]
fn the_headline_repeated_at_the_top_is_not_body() {
    let block = |text: &str, heading| lines::Block {
        text: text.into(),
        heading,
    };
    let blocks = vec![
        block("बड़ी खबर।", false),
        block("पहला अनुच्छेद।", false),
        block("बड़ी खबर", false),
    ];
    let a = article_from_blocks(blocks.clone(), Some("बड़ी खबर"), &SiteChrome::default()).unwrap();
    assert_eq!(a.body, "पहला अनुच्छेद।\nबड़ी खबर");
    // without a declared headline, a heading above the text is the headline
    let mut with_heading = vec![block("उपशीर्षक नहीं, शीर्षक", true)];
    with_heading.extend(blocks);
    let a = article_from_blocks(with_heading.clone(), None, &SiteChrome::default()).unwrap();
    assert_eq!(a.title, "उपशीर्षक नहीं, शीर्षक");
    assert_eq!(a.body, "बड़ी खबर।\nपहला अनुच्छेद।\nबड़ी खबर");
    // a heading inside the text stays in it
    with_heading.swap(0, 1);
    let a = article_from_blocks(with_heading, None, &SiteChrome::default()).unwrap();
    assert_eq!(a.title, "");
    assert!(a.body.contains("उपशीर्षक नहीं, शीर्षक"));
}

#[test]
fn a_page_with_only_chrome_has_no_article() {
    let page = "<html><body><nav><a>होम</a><a>देश</a></nav><footer>© समाचार</footer></body></html>";
    assert_eq!(extract_html(page, &SiteChrome::default()), None);
    assert_eq!(extract_html("", &SiteChrome::default()), None);
}

#[test]
fn an_article_element_with_short_paragraphs_still_gives_its_text() {
    // Too little text for the extractor's thresholds: khoj's own rules read the page.
    let page = r#"<html><head><title>Site | News</title>
        <meta property="article:published_time" content="2025-11-02T10:00:00+05:30"></head>
        <body><nav><ul><li>होम</li><li>देश</li></ul></nav>
        <article><h1>किम ने लावरोव से मुलाकात की</h1>
        <p>सोल। उत्तर कोरिया के नेता ने रूसी विदेश मंत्री से <b>मुलाकात</b> की।</p>
        <p>दोनों देशों ने सहयोग को और मजबूत करने का फैसला किया है।</p></article>
        <footer><p>सभी अधिकार सुरक्षित हैं और यह पंक्ति लेख का हिस्सा नहीं है।</p></footer>
        <script>var x = "<p>not text</p>";</script></body></html>"#;
    let a = extract_html(page, &SiteChrome::default()).unwrap();
    assert_eq!(a.published_at.unwrap().unix_timestamp(), 1762057800);
    assert!(a.body.contains("से मुलाकात की।"));
    assert!(a.body.contains("फैसला किया है।"));
    assert!(!a.body.contains("अधिकार") && !a.body.contains("होम") && !a.body.contains("not text"));
}

#[test]
fn a_date_the_index_cannot_hold_is_no_date_and_the_article_is_kept() {
    let page = HINDI_NEWS_PAGE
        .replace("2025-11-02T10:00:00+05:30", "0001-01-01T00:00:00Z")
        .replace("2 नवंबर 2025", "");
    let a = extract_html(&page, &SiteChrome::default()).unwrap();
    assert!(a.published_at.is_none_or(indexable), "{:?}", a.published_at);
    assert_eq!(a.body.lines().count(), HINDI_STORY.len());
}

/// A Bengali news page: a menu, a "আরও পড়ুন" link between paragraphs, a photo caption
/// credit, a newsletter box and a list of most-read stories.
const BENGALI_NEWS_PAGE: &str = r##"<!doctype html><html lang="bn"><head>
<meta property="og:title" content="কলকাতায় টানা বৃষ্টিতে জলমগ্ন একাধিক এলাকা">
<meta property="og:site_name" content="বাংলা খবর">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-09-23T07:15:00+05:30","author":{"@type":"Person","name":"অমিত দাস"}}</script>
</head><body>
<header><nav><ul><li><a href="/">প্রথম পাতা</a></li><li><a href="/kolkata">কলকাতা</a></li><li><a href="/desh">দেশ</a></li></ul></nav></header>
<div class="newsletter"><p>আমাদের নিউজলেটারে সাবস্ক্রাইব করুন</p></div>
<article>
<h1>কলকাতায় টানা বৃষ্টিতে জলমগ্ন একাধিক এলাকা</h1>
<p>কলকাতা: রাতভর টানা বৃষ্টিতে শহরের একাধিক এলাকা জলমগ্ন হয়ে পড়েছে, ফলে সকাল থেকেই যান চলাচল ব্যাহত হয়েছে।</p>
<p>আরও পড়ুন: <a href="/x">দক্ষিণবঙ্গে আরও দু’দিন ভারী বৃষ্টির সতর্কতা</a></p>
<p>পুরসভা জানিয়েছে, জল নামাতে সব পাম্পিং স্টেশন চালু রাখা হয়েছে এবং নিচু এলাকাগুলিতে বিশেষ দল পাঠানো হয়েছে।</p>
<p>আবহাওয়া দফতরের পূর্বাভাস অনুযায়ী, আগামী চব্বিশ ঘণ্টায় শহরে আরও বৃষ্টি হতে পারে, তাই সাধারণ মানুষকে সতর্ক থাকতে বলা হয়েছে।</p>
</article>
<div class="most-read"><h3>সর্বাধিক পঠিত</h3><ol><li><a href="/1">শেয়ার বাজারে বড় পতন</a></li><li><a href="/2">ক্রিকেট দলে নতুন মুখ</a></li></ol></div>
<footer><p>© বাংলা খবর ২০২৫</p></footer></body></html>"##;

#[test]
fn a_bengali_news_page_keeps_exactly_its_story() {
    let a = extract_html(BENGALI_NEWS_PAGE, &SiteChrome::default()).unwrap();
    assert_eq!(a.title, "কলকাতায় টানা বৃষ্টিতে জলমগ্ন একাধিক এলাকা");
    assert_eq!(a.site_name.as_deref(), Some("বাংলা খবর"));
    assert_eq!(a.author.as_deref(), Some("অমিত দাস"));
    assert_eq!(a.published_at.unwrap().unix_timestamp(), 1758591900);
    assert_eq!(
        a.body.lines().collect::<Vec<_>>(),
        [
            "কলকাতা: রাতভর টানা বৃষ্টিতে শহরের একাধিক এলাকা জলমগ্ন হয়ে পড়েছে, ফলে সকাল থেকেই যান চলাচল ব্যাহত হয়েছে।",
            "পুরসভা জানিয়েছে, জল নামাতে সব পাম্পিং স্টেশন চালু রাখা হয়েছে এবং নিচু এলাকাগুলিতে বিশেষ দল পাঠানো হয়েছে।",
            "আবহাওয়া দফতরের পূর্বাভাস অনুযায়ী, আগামী চব্বিশ ঘণ্টায় শহরে আরও বৃষ্টি হতে পারে, তাই সাধারণ মানুষকে সতর্ক থাকতে বলা হয়েছে।",
        ]
    );
}
