//! HTML pages, read with a real HTML parser (`scraper`, on html5ever): the headline and
//! date from the page's metadata when it has them, and its text blocks in document order,
//! which then go through the same rules as text pages ([`super::page`]).

use scraper::{ElementRef, Html, Selector};

use super::page::{extract_lines, ExtractedPage, SiteChrome};
use crate::dates::parse_date;

/// Elements whose text is a block of the page.
const BLOCKS: &str = "h1, h2, h3, h4, h5, h6, p, li, blockquote, figcaption, pre, td, dd, dt";
/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select",
];

/// The text blocks of an HTML page, and its metadata.
#[derive(Debug, Clone, Default)]
pub struct HtmlPage {
    /// `og:title`, else the first `h1`, else `<title>`.
    pub title: Option<String>,
    /// `article:published_time`, `<time datetime>` or similar metadata.
    pub published: Option<time::OffsetDateTime>,
    /// Text blocks, in document order.
    pub blocks: Vec<String>,
}

/// Parses an HTML page.
pub fn parse_html(html: &str) -> HtmlPage {
    let doc = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).ok();
    let attr = |selector: &str, name: &str| -> Option<String> {
        let s = sel(selector)?;
        doc.select(&s)
            .find_map(|e| e.value().attr(name))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let text_of = |selector: &str| -> Option<String> {
        let s = sel(selector)?;
        doc.select(&s)
            .map(|e| collapse(&e.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };
    let title = attr("meta[property='og:title']", "content")
        .or_else(|| text_of("h1"))
        .or_else(|| text_of("title"));
    let published = [
        ("meta[property='article:published_time']", "content"),
        ("meta[itemprop='datePublished']", "content"),
        ("meta[name='date']", "content"),
        ("time[datetime]", "datetime"),
    ]
    .iter()
    .find_map(|(s, a)| attr(s, a).and_then(|v| parse_date(&v)));
    let root = sel("article")
        .and_then(|s| doc.select(&s).next())
        .unwrap_or_else(|| doc.root_element());
    let mut blocks = Vec::new();
    if let Some(block_sel) = sel(BLOCKS) {
        for e in root.select(&block_sel) {
            if has_ancestor_in(&e, SKIP) || has_block_ancestor(&e, &block_sel) {
                continue;
            }
            let text = collapse(&e.text().collect::<String>());
            if !text.is_empty() {
                blocks.push(text);
            }
        }
    }
    HtmlPage {
        title,
        published,
        blocks,
    }
}

/// Extracts the article of an HTML page: metadata first, the text rules for the rest.
pub fn extract_html(
    html: &str,
    chrome: &SiteChrome,
) -> Option<(ExtractedPage, Option<time::OffsetDateTime>)> {
    let page = parse_html(html);
    let lines: Vec<&str> = page.blocks.iter().map(String::as_str).collect();
    let mut extracted = extract_lines(&lines, chrome)?;
    if let Some(title) = page.title {
        extracted.title = title;
    }
    Some((extracted, page.published))
}

fn has_ancestor_in(e: &ElementRef, names: &[&str]) -> bool {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| names.contains(&a.value().name()))
}

fn has_block_ancestor(e: &ElementRef, blocks: &Selector) -> bool {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| blocks.matches(&a))
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_from_html() {
        let html = r#"<!doctype html><html><head><title>Site | News</title>
            <meta property="article:published_time" content="2025-11-02T10:00:00+05:30"></head>
            <body><nav><ul><li>होम</li><li>देश</li></ul></nav>
            <article><h1>किम ने लावरोव से मुलाकात की</h1>
            <p>सोल। उत्तर कोरिया के नेता ने रूसी विदेश मंत्री से <b>मुलाकात</b> की।</p>
            <p>दोनों देशों ने सहयोग को और मजबूत करने का फैसला किया है।</p></article>
            <footer><p>सभी अधिकार सुरक्षित हैं और यह पंक्ति लेख का हिस्सा नहीं है।</p></footer>
            <script>var x = "<p>not text</p>";</script></body></html>"#;
        let (a, published) = extract_html(html, &SiteChrome::default()).unwrap();
        assert_eq!(a.title, "किम ने लावरोव से मुलाकात की");
        assert_eq!(published.unwrap().unix_timestamp(), 1762057800);
        assert!(a.body.contains("से मुलाकात की।"));
        assert!(a.body.contains("फैसला किया है।"));
        assert!(
            !a.body.contains("अधिकार") && !a.body.contains("होम") && !a.body.contains("not text")
        );
    }
}
