//! HTML pages: the article's text found by an extractor, the page's own metadata, and
//! khoj's rules on top.
//!
//! 1. **Text**: [trafilatura](https://crates.io/crates/trafilatura) (a port of
//!    go-trafilatura), favouring precision, with its readability and jusText fallbacks.
//!    Chosen by measurement on 88 pages of 88 sites (`scripts/extraction_eval.sh`, the
//!    numbers are in the README): word 4-gram F1 0.967, against 0.956 for `rs-trafilatura`
//!    and 0.952 for `dom_smoothie`.
//! 2. **Metadata** ([`meta`]): headline, publication time, author, site name and canonical
//!    URL, as the page declares them.
//! 3. **khoj's rules** on the extracted lines: a line that recurs across the pages of one
//!    site ([`SiteChrome`]) is chrome; a "read also" link line (`यह भी पढ़ें: …`) points to
//!    another story; a line that is only a date gives the date when the metadata had none,
//!    and is not text; the headline repeated as the first line is not body.
//! 4. When the extractor finds nothing, the page's text blocks ([`lines::page_lines`]) go
//!    through the rules for text pages ([`super::page`]).

pub mod lines;
pub mod meta;

use std::sync::LazyLock;

use time::{OffsetDateTime, PrimitiveDateTime, Time};
use trafilatura::dom::Document;
use trafilatura::{ExtractionFocus, Options};
use unicode_normalization::UnicodeNormalization;

use super::page::{extract_lines, SiteChrome};
use crate::dates::{indexable, parse_date_line};
use meta::PageMeta;

/// The article of an HTML page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    /// The headline ("" when none was found).
    pub title: String,
    /// The text, one paragraph a line.
    pub body: String,
    /// When it was published.
    pub published_at: Option<OffsetDateTime>,
    /// Who wrote it.
    pub author: Option<String>,
    /// The site or publication that published it.
    pub site_name: Option<String>,
    /// Its canonical URL.
    pub url: Option<String>,
}

/// How trafilatura is asked: precision first, with its fallback extractors.
static OPTIONS: LazyLock<Options> = LazyLock::new(|| {
    let mut options = Options::default().with_fallback(true);
    options.focus = ExtractionFocus::FavorPrecision;
    options
});

/// Extracts the article of an HTML page; `None` when the page holds no article text.
///
/// ```
/// use khoj_index::ingest::html::extract_html;
/// use khoj_index::ingest::page::SiteChrome;
/// let page = r#"<html><head><meta property="og:title" content="किम ने लावरोव से मुलाकात की">
///   <meta property="og:site_name" content="समाचार"></head><body><nav>होम | देश</nav><article>
///   <p>सोल। उत्तर कोरिया के नेता किम जोंग उन ने रूसी विदेश मंत्री सर्गेई लावरोव से मुलाकात की।</p>
///   <p>दोनों देशों ने सहयोग को और मजबूत करने का फैसला किया और कई समझौतों पर बात की।</p>
///   </article></body></html>"#;
/// let article = extract_html(page, &SiteChrome::default()).unwrap();
/// assert_eq!(article.title, "किम ने लावरोव से मुलाकात की");
/// assert_eq!(article.site_name.as_deref(), Some("समाचार"));
/// assert!(article.body.starts_with("सोल।") && !article.body.contains("होम"));
/// ```
pub fn extract_html(html: &str, chrome: &SiteChrome) -> Option<HtmlArticle> {
    let doc = Document::parse(html);
    let published_at = meta::published_at(&doc);
    let declared_title = meta::declared_title(&doc);
    let (meta, blocks) = match trafilatura::extract_document(doc, &OPTIONS) {
        Ok(found) => (
            PageMeta::new(found.metadata, published_at),
            lines::fragment_blocks(&found.content_html),
        ),
        Err(_) => (
            PageMeta {
                published_at,
                ..PageMeta::default()
            },
            Vec::new(),
        ),
    };
    let mut article = article_from_blocks(blocks, declared_title.as_deref(), chrome)
        .or_else(|| fallback(html, chrome))?;
    // The headline the page declares, else the one above the text, else trafilatura's.
    if let Some(title) = declared_title.or_else(|| {
        let found = std::mem::take(&mut article.title);
        if found.is_empty() {
            meta.title
        } else {
            Some(found)
        }
    }) {
        article.title = title;
    }
    // A date the index cannot hold (`0001-01-01` from a CMS's empty field) is no date: the
    // next one is taken, and the article is kept.
    article.published_at = [meta.published_at, article.published_at, meta.day_found]
        .into_iter()
        .flatten()
        .find(|t| indexable(*t));
    article.author = meta.author;
    article.site_name = meta.site_name;
    article.url = meta.url;
    Some(article)
}

/// The article in the extractor's blocks, after khoj's rules; `None` when no text is left.
/// `declared_title`: the headline the page declares. Without one, a heading above the text
/// is the headline.
fn article_from_blocks(
    blocks: Vec<lines::Block>,
    declared_title: Option<&str>,
    chrome: &SiteChrome,
) -> Option<HtmlArticle> {
    let mut date_line = None;
    let mut title = String::new();
    let mut body: Vec<String> = Vec::with_capacity(blocks.len());
    for lines::Block { text, heading } in blocks {
        if chrome.contains(&text) || is_read_also(&text) {
            continue;
        }
        if let Some(date) = parse_date_line(&text) {
            date_line = date_line.or(Some(date));
            continue;
        }
        if body.is_empty() {
            // The headline at the top is the title, not the body.
            match declared_title {
                Some(declared) if same_text(&text, declared) => continue,
                None if heading && title.is_empty() => {
                    title = text;
                    continue;
                }
                _ => {}
            }
        }
        body.push(text);
    }
    if body.is_empty() {
        return None;
    }
    Some(HtmlArticle {
        title,
        body: body.join("\n"),
        published_at: date_line.map(|d| PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_utc()),
        ..HtmlArticle::default()
    })
}

/// khoj's text-page rules over the page's own text blocks.
fn fallback(html: &str, chrome: &SiteChrome) -> Option<HtmlArticle> {
    let lines = lines::page_lines(html);
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let page = extract_lines(&lines, chrome)?;
    Some(HtmlArticle {
        title: page.title,
        body: page.body,
        published_at: page
            .published
            .map(|d| PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_utc()),
        ..HtmlArticle::default()
    })
}

/// Openings of a line that links to another story ("read also: …"), in the languages of
/// Indian news sites. Such a line is a headline of another article, not text of this one.
const READ_ALSO: &[&str] = &[
    "यह भी पढ़ें",
    "ये भी पढ़ें",
    "यह भी पढ़े",
    "ये भी पढ़े",
    "इसे भी पढ़ें",
    "इन्हें भी पढ़ें",
    "पढ़ें:",
    "और पढ़ें",
    "हे ही वाचा", // Marathi
    "हेही वाचा",
    "আরও পড়ুন", // Bengali
    "আরো পড়ুন",
    "இதையும் படிங்க", // Tamil
    "இதையும் படிக்க",
    "ఇవి కూడా చదవండి", // Telugu
    "ಇದನ್ನೂ ಓದಿ",      // Kannada
    "ഇതുകൂടി വായിക്കൂ",  // Malayalam
    "આ પણ વાંચો",    // Gujarati
    "ਇਹ ਵੀ ਪੜ੍ਹੋ",    // Punjabi
    "یہ بھی پڑھیں", // Urdu
    "also read",
    "read also",
    "read more:",
    "also see:",
];

/// Whether `line` is a "read also" link line: it opens with one of [`READ_ALSO`] and is
/// no longer than a headline.
fn is_read_also(line: &str) -> bool {
    let words = line.split_whitespace().count();
    if words > 30 {
        return false;
    }
    // Nukta letters come precomposed (ढ़) or not (ढ + ़): compare decomposed.
    let opening: String = line
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .take(24)
        .nfd()
        .collect::<String>()
        .to_lowercase();
    static DECOMPOSED: LazyLock<Vec<String>> =
        LazyLock::new(|| READ_ALSO.iter().map(|r| r.nfd().collect()).collect());
    DECOMPOSED.iter().any(|r| opening.starts_with(r.as_str()))
}

/// Whether two lines are the same text, ignoring whitespace and punctuation.
fn same_text(a: &str, b: &str) -> bool {
    let letters = |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).collect() };
    let a = letters(a);
    !a.is_empty() && a == letters(b)
}

#[cfg(test)]
mod tests;
