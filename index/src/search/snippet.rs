//! Snippets: the best passage of the body, matches in `<mark>`, HTML-escaped, cut only on
//! grapheme-cluster boundaries — never through a conjunct, never between a consonant and
//! its matra.
//!
//! ```
//! use std::collections::HashSet;
//! use khoj_analyzers::Analyzer;
//! use khoj_index::search::snippet::snippet;
//! let terms: HashSet<String> = ["कोरिय".to_string()].into(); // the recall form of कोरिया
//! let s = snippet(&Analyzer::default(), "उत्तर कोरिया <b>के</b> नेता", &terms, 200);
//! assert_eq!(s, "उत्तर <mark>कोरिया</mark> &lt;b&gt;के&lt;/b&gt; नेता");
//! ```

use std::collections::HashSet;

use khoj_analyzers::{Analyzer, Forms};
use unicode_segmentation::GraphemeCursor;

/// The best passage of `text` of about `max_chars` characters for the recall terms
/// `terms`, as HTML: escaped, matches in `<mark>`, `…` where it was cut.
pub fn snippet(
    analyzer: &Analyzer,
    text: &str,
    terms: &HashSet<String>,
    max_chars: usize,
) -> String {
    passage(analyzer, text, terms, max_chars).html
}

/// A passage of a text: its byte range and its HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Where it starts in the text (a grapheme-cluster boundary).
    pub start: usize,
    /// Where it ends (a grapheme-cluster boundary).
    pub end: usize,
    /// The passage as HTML.
    pub html: String,
}

/// [`snippet`], with the passage's place in the text.
pub fn passage(
    analyzer: &Analyzer,
    text: &str,
    terms: &HashSet<String>,
    max_chars: usize,
) -> Passage {
    let tokens = analyzer.tokens(text, Forms::Recall);
    let matches: Vec<(usize, usize, &str)> = tokens
        .iter()
        .filter(|t| terms.contains(&t.text))
        .map(|t| (t.from, t.to, t.text.as_str()))
        .collect();
    let (start, end) = best_window(text, &matches, max_chars.max(1));
    let (start, end) = (grapheme_floor(text, start), grapheme_ceil(text, end));
    let mut out = String::with_capacity(end - start + 64);
    if start > 0 {
        out.push('…');
    }
    let mut pos = start;
    for &(from, to, _) in matches.iter().filter(|m| m.0 >= start && m.1 <= end) {
        escape_into(&text[pos..from], &mut out);
        out.push_str("<mark>");
        escape_into(&text[from..to], &mut out);
        out.push_str("</mark>");
        pos = to;
    }
    escape_into(&text[pos..end], &mut out);
    if end < text.len() {
        out.push('…');
    }
    Passage {
        start,
        end,
        html: out,
    }
}

/// The byte range of the passage: the window of at most `max_chars` characters with the
/// most distinct matched terms (then the most matches), widened to about `max_chars`
/// around them; the start of the text when nothing matches.
fn best_window(text: &str, matches: &[(usize, usize, &str)], max_chars: usize) -> (usize, usize) {
    // byte offset of every char, and the end
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let n_chars = offsets.len() - 1;
    if n_chars <= max_chars {
        return (0, text.len());
    }
    if matches.is_empty() {
        return (0, offsets[max_chars]);
    }
    let char_of = |byte: usize| offsets.partition_point(|&o| o < byte);
    let spans: Vec<(usize, usize)> = matches
        .iter()
        .map(|m| (char_of(m.0), char_of(m.1)))
        .collect();
    let mut best = (0usize, 0usize, 0usize, 0usize); // distinct, count, first, last (match indices)
    for i in 0..matches.len() {
        let mut distinct: Vec<&str> = Vec::new();
        let mut j = i;
        while j < matches.len() && spans[j].1 - spans[i].0 <= max_chars {
            if !distinct.contains(&matches[j].2) {
                distinct.push(matches[j].2);
            }
            j += 1;
        }
        let last = j.max(i + 1) - 1;
        let score = (distinct.len(), last + 1 - i);
        if score > (best.0, best.1) {
            best = (score.0, score.1, i, last);
        }
    }
    let (from, to) = (spans[best.2].0, spans[best.3].1);
    // Put the matches a third of the way in, starting at a word.
    let slack = max_chars.saturating_sub(to - from);
    let mut start = from.saturating_sub(slack / 3);
    if start > 0 {
        if let Some(space) = text[offsets[start]..offsets[from]].find(char::is_whitespace) {
            start = char_of(offsets[start] + space) + 1;
        }
    }
    let mut end = (start + max_chars).min(n_chars).max(to);
    if end < n_chars {
        if let Some(space) = text[offsets[to]..offsets[end]].rfind(char::is_whitespace) {
            end = char_of(offsets[to] + space);
        }
    }
    (offsets[start], offsets[end])
}

/// The nearest grapheme-cluster boundary at or before `i`.
pub fn grapheme_floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    let mut cursor = GraphemeCursor::new(i, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => i,
        _ => cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0),
    }
}

/// The nearest grapheme-cluster boundary at or after `i`.
pub fn grapheme_ceil(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    let mut cursor = GraphemeCursor::new(i, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => i,
        _ => cursor
            .next_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(text.len()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn unescape(s: &str) -> String {
        s.replace("<mark>", "")
            .replace("</mark>", "")
            .replace('…', "")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn picks_the_passage_with_the_matches() {
        let filler = "यह एक भराव वाक्य है जिसमें कुछ नहीं है। ".repeat(30);
        let text = format!("{filler}लावरोव ने उत्तर कोरिया का दौरा किया। {filler}");
        let analyzer = Analyzer::default();
        let terms: HashSet<String> = analyzer
            .tokens("लावरोव कोरिया", Forms::Recall)
            .into_iter()
            .map(|t| t.text)
            .collect();
        let s = snippet(&analyzer, &text, &terms, 120);
        assert!(
            s.contains("<mark>लावरोव</mark>") && s.contains("<mark>कोरिया</mark>"),
            "{s}"
        );
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert!(unescape(&s).chars().count() <= 130);
    }

    #[test]
    fn no_match_gives_the_start() {
        let text = "पहला वाक्य। ".repeat(100);
        let s = snippet(&Analyzer::default(), &text, &HashSet::new(), 50);
        assert!(s.starts_with("पहला") && s.ends_with('…'));
    }

    fn boundaries(s: &str) -> Vec<usize> {
        let mut b: Vec<usize> = s.grapheme_indices(true).map(|(i, _)| i).collect();
        b.push(s.len());
        b
    }

    proptest! {
        #[test]
        fn snippets_never_split_a_grapheme_cluster(
            text in "([\u{0915}-\u{0939}][\u{093E}-\u{094D}\u{0902}]{0,2}[ ।,]?){0,200}",
            max_chars in 5usize..80,
            pick in 0usize..20,
        ) {
            let analyzer = Analyzer::default();
            let words = analyzer.tokens(&text, Forms::Recall);
            let terms: HashSet<String> = words.iter().skip(pick).take(2).map(|t| t.text.clone()).collect();
            let p = passage(&analyzer, &text, &terms, max_chars);
            prop_assert_eq!(unescape(&p.html), &text[p.start..p.end]);
            let b = boundaries(&text);
            prop_assert!(b.contains(&p.start) && b.contains(&p.end), "cut inside a cluster: {:?}", &text[p.start..p.end]);
        }
    }
}
