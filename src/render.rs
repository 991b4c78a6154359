//! How results leave khoj: the JSON of the HTTP API (which `--json` prints too), snippets as
//! HTML or as terminal text, dates as days. The library reports match ranges and typed
//! dates; only this module and the page decide how they look.

use khoj_index::article::ArticleSummary;
use khoj_index::facets::Facets;
use khoj_index::search::{Hit, SearchResponse, Snippet};
use serde::Serialize;
use time::OffsetDateTime;

/// The answer to a search, as JSON.
#[derive(Serialize)]
pub struct SearchJson<'a> {
    pub total: u64,
    pub took_ms: f64,
    pub hits: Vec<HitJson<'a>>,
    pub facets: &'a Facets,
    /// "Did you mean": the query with its unknown words corrected, when it has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<&'a str>,
}

/// One hit, as JSON: the article's summary, its score, the snippet as HTML, its copies.
#[derive(Serialize)]
pub struct HitJson<'a> {
    #[serde(flatten)]
    pub article: &'a ArticleSummary,
    pub score: f32,
    pub snippet: String,
    pub copies: u64,
}

impl<'a> SearchJson<'a> {
    pub fn of(resp: &'a SearchResponse) -> SearchJson<'a> {
        SearchJson {
            total: resp.total,
            took_ms: resp.took_ms,
            hits: resp.hits.iter().map(HitJson::of).collect(),
            facets: &resp.facets,
            suggestion: resp.suggestion.as_deref(),
        }
    }
}

impl<'a> HitJson<'a> {
    fn of(hit: &'a Hit) -> HitJson<'a> {
        HitJson {
            article: &hit.article,
            score: hit.score,
            snippet: snippet_html(&hit.snippet),
            copies: hit.copies,
        }
    }
}

/// A snippet as HTML: the text escaped, matches in `<mark>`, `…` where the text goes on.
pub fn snippet_html(s: &Snippet) -> String {
    let mut out = String::with_capacity(s.text.len() + 64);
    if s.starts_inside {
        out.push('…');
    }
    let mut pos = 0;
    for m in &s.matches {
        escape_into(&s.text[pos..m.start], &mut out);
        out.push_str("<mark>");
        escape_into(&s.text[m.clone()], &mut out);
        out.push_str("</mark>");
        pos = m.end;
    }
    escape_into(&s.text[pos..], &mut out);
    if s.ends_inside {
        out.push('…');
    }
    out
}

/// A snippet as plain text, matches between `on` and `off` (bold on a terminal), on one
/// line.
pub fn snippet_text(s: &Snippet, on: &str, off: &str) -> String {
    let mut out = String::with_capacity(s.text.len() + 16);
    if s.starts_inside {
        out.push('…');
    }
    let mut pos = 0;
    for m in &s.matches {
        out.push_str(&s.text[pos..m.start]);
        out.push_str(on);
        out.push_str(&s.text[m.clone()]);
        out.push_str(off);
        pos = m.end;
    }
    out.push_str(&s.text[pos..]);
    if s.ends_inside {
        out.push('…');
    }
    one_line(&out)
}

/// Text on one line: every run of white space (newlines too) one space.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The day of a time, `YYYY-MM-DD`.
pub fn day(t: OffsetDateTime) -> String {
    let d = t.date();
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

/// Appends `s` to `out`, HTML-escaped (`& < > " '`).
pub fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// `s`, HTML-escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(s, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(text: &str, words: &[&str], starts_inside: bool, ends_inside: bool) -> Snippet {
        let matches = words
            .iter()
            .map(|w| {
                let i = text.find(w).unwrap();
                i..i + w.len()
            })
            .collect();
        Snippet {
            text: text.into(),
            offset: 0,
            matches,
            starts_inside,
            ends_inside,
        }
    }

    #[test]
    fn html_escapes_and_marks() {
        let s = snippet("उत्तर कोरिया <b>के</b> नेता", &["कोरिया"], false, true);
        assert_eq!(
            snippet_html(&s),
            "उत्तर <mark>कोरिया</mark> &lt;b&gt;के&lt;/b&gt; नेता…"
        );
        let s = snippet("a \"<x>\" & 'b'", &["x"], true, false);
        assert_eq!(
            snippet_html(&s),
            "…a &quot;&lt;<mark>x</mark>&gt;&quot; &amp; &#39;b&#39;"
        );
    }

    #[test]
    fn terminal_text_is_one_line() {
        let s = snippet("पहली पंक्ति\nदूसरी  पंक्ति", &["दूसरी"], false, false);
        assert_eq!(snippet_text(&s, "**", "**"), "पहली पंक्ति **दूसरी** पंक्ति");
    }

    #[test]
    fn days() {
        let t = khoj_index::dates::parse_date("2020-03-01T23:30:00+05:30").unwrap();
        assert_eq!(day(t), "2020-03-01");
    }
}
