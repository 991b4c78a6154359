//! HTML as lines of text: a line ends wherever a block element (a paragraph, a heading, a
//! list item, a `<br>` …) opens or closes, so that inline markup (`<b>`, `<a>`) stays inside
//! its line. Whitespace inside a line is collapsed to single spaces.
//!
//! ```
//! use khoj_index::ingest::html::lines::fragment_lines;
//! let lines = fragment_lines("<p>पहला <b>अनुच्छेद</b></p><h3>उपशीर्षक</h3><div>एक<br>दो</div>");
//! assert_eq!(lines, ["पहला अनुच्छेद", "उपशीर्षक", "एक", "दो"]);
//! ```

use scraper::{ElementRef, Html, Node, Selector};

/// Elements that begin and end a line.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements whose content is never text of the page.
const NOT_TEXT: &[&str] = &["script", "style", "noscript", "template", "svg", "head"];

/// The lines of an HTML fragment (such as the article an extractor found).
pub fn fragment_lines(html: &str) -> Vec<String> {
    fragment_blocks(html).into_iter().map(|b| b.text).collect()
}

/// A line of text, and whether it is a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The text.
    pub text: String,
    /// Whether it is the text of a heading (`h1` to `h6`).
    pub heading: bool,
}

/// The lines of an HTML fragment, each marked heading or not.
pub fn fragment_blocks(html: &str) -> Vec<Block> {
    let fragment = Html::parse_fragment(html);
    let mut out = LineWriter::default();
    write_lines(fragment.root_element(), &[], &mut out);
    out.finish_blocks()
}

/// The text blocks of a whole page, in document order, leaving out what is never article
/// text (scripts, styles, navigation, headers and footers, forms), and restricted to the
/// page's `<article>` when it has one. What khoj falls back on when the extractor finds
/// nothing, and what a site's recurring lines are learned from.
pub fn page_lines(html: &str) -> Vec<String> {
    const CHROME: &[&str] = &[
        "nav", "header", "footer", "aside", "form", "button", "select",
    ];
    let doc = Html::parse_document(html);
    let root = Selector::parse("article")
        .ok()
        .and_then(|s| doc.select(&s).next())
        .unwrap_or_else(|| doc.root_element());
    let mut out = LineWriter::default();
    write_lines(root, CHROME, &mut out);
    out.finish()
}

/// Appends the text under `element` to `out`, line by line, skipping elements named in
/// `skip` (and those that never hold text).
fn write_lines(element: ElementRef, skip: &[&str], out: &mut LineWriter) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_text(text),
            Node::Element(e) => {
                let name = e.name();
                if NOT_TEXT.contains(&name) || skip.contains(&name) {
                    // Whatever surrounds a removed block is still two lines.
                    out.break_line();
                    continue;
                }
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                let block = BLOCK_ELEMENTS.contains(&name);
                if block {
                    out.break_line();
                }
                let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                out.in_heading += usize::from(heading);
                write_lines(child, skip, out);
                if block {
                    out.break_line();
                }
                out.in_heading -= usize::from(heading);
            }
            _ => {}
        }
    }
}

/// Collects text into lines, collapsing whitespace.
#[derive(Default)]
struct LineWriter {
    lines: Vec<Block>,
    current: String,
    /// How many headings the text being written is in.
    in_heading: usize,
}

impl LineWriter {
    /// Appends a text node: words split by markup alone (`<b>अनु</b>च्छेद`) stay one word.
    fn push_text(&mut self, text: &str) {
        let space = |line: &mut String| {
            if !line.is_empty() && !line.ends_with(' ') {
                line.push(' ');
            }
        };
        for (i, word) in text.split_whitespace().enumerate() {
            if i > 0 || text.starts_with(char::is_whitespace) {
                space(&mut self.current);
            }
            self.current.push_str(word);
        }
        if text.ends_with(char::is_whitespace) {
            space(&mut self.current);
        }
    }

    fn break_line(&mut self) {
        let line = self.current.trim();
        if !line.is_empty() {
            self.lines.push(Block {
                text: line.to_string(),
                heading: self.in_heading > 0,
            });
        }
        self.current.clear();
    }

    fn finish(self) -> Vec<String> {
        self.finish_blocks().into_iter().map(|b| b.text).collect()
    }

    fn finish_blocks(mut self) -> Vec<Block> {
        self.break_line();
        self.lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_stays_in_its_line_and_words_split_by_tags_stay_whole() {
        let lines = fragment_lines("<p>रूस के <a href='#'>विदेश</a> मंत्री<b>जी</b>  ने\n कहा</p>");
        assert_eq!(lines, ["रूस के विदेश मंत्रीजी ने कहा"]);
    }

    #[test]
    fn headings_are_marked() {
        let blocks = fragment_blocks("<h2>उप<b>शीर्षक</b></h2><p>पाठ</p>");
        let marks: Vec<(&str, bool)> = blocks
            .iter()
            .map(|b| (b.text.as_str(), b.heading))
            .collect();
        assert_eq!(marks, [("उपशीर्षक", true), ("पाठ", false)]);
    }

    #[test]
    fn blocks_nested_in_blocks_make_their_own_lines() {
        let lines = fragment_lines(
            "<div>परिचय<p>पहला</p>बीच<ul><li>एक</li><li>दो</li></ul></div><table><tr><td>क</td><td>ख</td></tr></table>",
        );
        assert_eq!(lines, ["परिचय", "पहला", "बीच", "एक", "दो", "क", "ख"]);
    }

    #[test]
    fn a_page_leaves_out_scripts_navigation_and_footers() {
        let lines = page_lines(
            "<html><head><title>साइट</title><style>p{}</style></head><body><nav><a>होम</a></nav>\
             <p>खबर का पहला अनुच्छेद।</p><script>var p = '<p>no</p>';</script>\
             <footer>सर्वाधिकार सुरक्षित</footer></body></html>",
        );
        assert_eq!(lines, ["खबर का पहला अनुच्छेद।"]);
    }

    #[test]
    fn a_page_with_an_article_element_is_read_from_it() {
        let lines = page_lines(
            "<body><p>बाहर की पंक्ति</p><article><h1>शीर्षक</h1><p>अंदर</p></article></body>",
        );
        assert_eq!(lines, ["शीर्षक", "अंदर"]);
    }
}
