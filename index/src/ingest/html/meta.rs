//! The page's own metadata: what its publisher says the article is, read before any
//! heuristic. trafilatura reads the headline, author, site name and canonical URL (from
//! JSON-LD, `og:` and `article:` tags, `<link rel=canonical>`, then the page itself); khoj
//! reads the publication time itself, to the second (trafilatura keeps only the day).

use serde_json::Value;
use time::{OffsetDateTime, PrimitiveDateTime, Time};
use trafilatura::dom::Document;

use crate::dates::parse_date;

/// What the page says about its article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    /// The headline.
    pub title: Option<String>,
    /// When it was published, as the page's metadata says (to the second).
    pub published_at: Option<OffsetDateTime>,
    /// The day trafilatura found, from metadata khoj does not read or from its guesses
    /// (the URL, the text): after khoj's own date line.
    pub day_found: Option<OffsetDateTime>,
    /// Who wrote it.
    pub author: Option<String>,
    /// The site or publication.
    pub site_name: Option<String>,
    /// The article's own address.
    pub url: Option<String>,
}

impl PageMeta {
    /// The metadata trafilatura read, and `published_at` as khoj read it.
    pub fn new(read: trafilatura::Metadata, published_at: Option<OffsetDateTime>) -> PageMeta {
        let some = |s: String| {
            let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
            (!s.is_empty()).then_some(s)
        };
        let day = read
            .date
            .and_then(|d| {
                time::Date::from_calendar_date(
                    chrono::Datelike::year(&d),
                    time::Month::try_from(chrono::Datelike::month(&d) as u8).ok()?,
                    chrono::Datelike::day(&d) as u8,
                )
                .ok()
            })
            .map(|d| PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_utc());
        PageMeta {
            title: some(read.title),
            published_at,
            day_found: day,
            author: some(read.author),
            site_name: some(read.sitename),
            url: some(read.url).filter(|u| u.starts_with("http://") || u.starts_with("https://")),
        }
    }
}

/// The headline the page declares for its article: `og:title`, `twitter:title` or JSON-LD
/// `headline`. (trafilatura also reads `<title>` and the first `<h1>`, which on many sites
/// are the site's name or a section's.)
pub fn declared_title(doc: &Document) -> Option<String> {
    const TAGS: &[&str] = &[
        "meta[property='og:title']",
        "meta[name='twitter:title']",
        "meta[property='twitter:title']",
    ];
    let root = doc.root();
    let tag = TAGS.iter().find_map(|s| {
        doc.query_selector_all(root, s)
            .into_iter()
            .find_map(|id| doc.get_attribute(id, "content"))
    });
    tag.or_else(|| {
        doc.scripts_with_type(&["application/ld+json"])
            .into_iter()
            .filter_map(|id| serde_json::from_str::<Value>(&doc.text_content(id)).ok())
            .find_map(|json| string_named(&json, "headline", 0))
    })
    .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
    .filter(|t| !t.is_empty())
}

/// The publication time the page's metadata gives: `article:published_time` and similar
/// tags, then JSON-LD `datePublished`, then the first `<time datetime>`.
pub fn published_at(doc: &Document) -> Option<OffsetDateTime> {
    const TAGS: &[(&str, &str)] = &[
        ("meta[property='article:published_time']", "content"),
        ("meta[itemprop='datePublished']", "content"),
        ("meta[name='publish-date']", "content"),
        ("meta[name='date']", "content"),
    ];
    let root = doc.root();
    let attr = |selector: &str, name: &str| {
        doc.query_selector_all(root, selector)
            .into_iter()
            .find_map(|id| doc.get_attribute(id, name))
    };
    TAGS.iter()
        .find_map(|(s, a)| attr(s, a).and_then(|v| parse_date(&v)))
        .or_else(|| {
            doc.scripts_with_type(&["application/ld+json"])
                .into_iter()
                .filter_map(|id| serde_json::from_str::<Value>(&doc.text_content(id)).ok())
                .find_map(|json| date_published(&json, 0))
        })
        .or_else(|| attr("time[datetime]", "datetime").and_then(|v| parse_date(&v)))
}

/// `datePublished` anywhere in a JSON-LD value.
fn date_published(json: &Value, depth: usize) -> Option<OffsetDateTime> {
    string_named(json, "datePublished", depth).and_then(|s| parse_date(&s))
}

/// The first string value named `key` anywhere in a JSON-LD value (in `@graph` lists,
/// nested objects), in document order.
fn string_named(json: &Value, key: &str, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    match json {
        Value::Object(map) => map
            .get(key)
            .and_then(Value::as_str)
            .map(String::from)
            .or_else(|| map.values().find_map(|v| string_named(v, key, depth + 1))),
        Value::Array(items) => items.iter().find_map(|v| string_named(v, key, depth + 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(html: &str) -> Option<i64> {
        published_at(&Document::parse(html)).map(|t| t.unix_timestamp())
    }

    #[test]
    fn the_time_comes_from_tags_then_json_ld_then_time_elements() {
        let tag = r#"<head><meta property="article:published_time" content="2025-11-02T10:00:00+05:30"></head>"#;
        assert_eq!(published(tag), Some(1762057800));
        let json_ld = r#"<script type="application/ld+json">{"@context":"https://schema.org",
            "@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2025-11-02T04:30:00Z"}]}</script>"#;
        assert_eq!(published(json_ld), Some(1762057800));
        let time = r#"<body><time datetime="2025-11-02T04:30:00Z">2 नवंबर</time></body>"#;
        assert_eq!(published(time), Some(1762057800));
        // the tag wins over a later element
        assert_eq!(published(&format!("{tag}{time}")), Some(1762057800));
    }

    #[test]
    fn broken_metadata_is_no_date() {
        assert_eq!(
            published(r#"<meta property="article:published_time" content="कल">"#),
            None
        );
        assert_eq!(
            published(r#"<script type="application/ld+json">{"datePublished": </script>"#),
            None
        );
        assert_eq!(published("<p>no metadata</p>"), None);
    }
}
