//! Snippets: the best passage of the body, with the byte ranges of the matched words, cut
//! only on grapheme-cluster boundaries — never through a conjunct, never between a
//! consonant and its matra. How a snippet is shown (HTML with `<mark>`, bold on a terminal)
//! is the front end's business.
//!
//! ```
//! use std::collections::HashSet;
//! use khoj_analyzers::CjkSegmenters;
//! use khoj_index::search::snippet::snippet;
//! use khoj_index::KhojIndex;
//! let index = KhojIndex::in_memory(&Default::default(), &CjkSegmenters::none())?;
//! let terms: HashSet<String> = ["कोरिय".to_string()].into(); // the recall form of कोरिया
//! let s = snippet(&index, "hi", "उत्तर कोरिया <b>के</b> नेता", &terms, 200);
//! assert_eq!(s.text, "उत्तर कोरिया <b>के</b> नेता");
//! assert_eq!(&s.text[s.matches[0].clone()], "कोरिया");
//! assert!(!s.starts_inside && !s.ends_inside);
//! # Ok::<(), khoj_index::IndexError>(())
//! ```

use std::collections::HashSet;
use std::ops::Range;

use khoj_analyzers::Forms;
use unicode_segmentation::GraphemeCursor;

use crate::index::KhojIndex;

/// A passage of a text and the words in it that matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The passage: a part of the text, cut on grapheme-cluster boundaries.
    pub text: String,
    /// Where the passage starts in the text (a byte offset).
    pub offset: usize,
    /// The byte ranges of the matched words in `text`, in order, not overlapping.
    pub matches: Vec<Range<usize>>,
    /// The text goes on before the passage.
    pub starts_inside: bool,
    /// The text goes on after it.
    pub ends_inside: bool,
}

/// The best passage of `text` (in `lang`) of about `max_chars` characters for the recall
/// terms `terms`.
pub fn snippet(
    index: &KhojIndex,
    lang: &str,
    text: &str,
    terms: &HashSet<String>,
    max_chars: usize,
) -> Snippet {
    let tokens = index.analyze(Some(lang), text, Forms::Recall);
    let mut matches: Vec<(usize, usize, &str)> = Vec::new();
    for t in tokens.iter().filter(|t| terms.contains(&t.text)) {
        // Tokens stacked on one word (the bigrams inside a long Chinese word) mark it once.
        if matches.last().is_none_or(|m| t.from >= m.1) {
            matches.push((t.from, t.to, t.text.as_str()));
        }
    }
    let (start, end) = best_window(text, &matches, max_chars.max(1));
    let (start, end) = (grapheme_floor(text, start), grapheme_ceil(text, end));
    Snippet {
        text: text[start..end].to_string(),
        offset: start,
        matches: matches
            .iter()
            .filter(|m| m.0 >= start && m.1 <= end)
            .map(|m| m.0 - start..m.1 - start)
            .collect(),
        starts_inside: start > 0,
        ends_inside: end < text.len(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use khoj_analyzers::CjkSegmenters;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn index() -> KhojIndex {
        KhojIndex::in_memory(&Default::default(), &CjkSegmenters::none()).unwrap()
    }

    fn recall(index: &KhojIndex, text: &str) -> HashSet<String> {
        index
            .analyze(Some("hi"), text, Forms::Recall)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    fn marked(s: &Snippet) -> Vec<&str> {
        s.matches.iter().map(|m| &s.text[m.clone()]).collect()
    }

    #[test]
    fn picks_the_passage_with_the_matches() {
        let filler = "यह एक भराव वाक्य है जिसमें कुछ नहीं है। ".repeat(30);
        let text = format!("{filler}लावरोव ने उत्तर कोरिया का दौरा किया। {filler}");
        let index = index();
        let s = snippet(&index, "hi", &text, &recall(&index, "लावरोव कोरिया"), 120);
        assert_eq!(marked(&s), ["लावरोव", "कोरिया"]);
        assert!(s.starts_inside && s.ends_inside);
        assert!(s.text.chars().count() <= 130);
    }

    #[test]
    fn no_match_gives_the_start() {
        let text = "पहला वाक्य। ".repeat(100);
        let s = snippet(&index(), "hi", &text, &HashSet::new(), 50);
        assert!(s.text.starts_with("पहला") && s.ends_inside && !s.starts_inside);
        assert!(s.matches.is_empty());
    }

    #[test]
    fn the_article_language_decides_the_words() {
        // Marathi is not stemmed as Hindi: its indexed term is the word's first characters
        // less a Marathi ending (कि), and a snippet of a Marathi article marks the word
        // (analyzed as Hindi, its term would be the Hindi stem किताब and it would be missed).
        let index = index();
        let terms: HashSet<String> = ["कि".to_string()].into();
        let s = snippet(&index, "mr", "नवीन किताबें आली", &terms, 100);
        assert_eq!(marked(&s), ["किताबें"]);
    }

    #[test]
    fn stacked_tokens_mark_a_word_once() {
        // without a dictionary, a Chinese run is bigrams: 北京 京大 大学 overlap
        let index = index();
        let terms: HashSet<String> = ["北京".into(), "京大".into(), "大学".into()].into();
        let s = snippet(&index, "zh", "我在北京大学", &terms, 100);
        for pair in s.matches.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{:?}", s.matches);
        }
        assert!(!s.matches.is_empty());
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
            let index = index();
            let words = index.analyze(Some("hi"), &text, Forms::Recall);
            let terms: HashSet<String> = words.iter().skip(pick).take(2).map(|t| t.text.clone()).collect();
            let s = snippet(&index, "hi", &text, &terms, max_chars);
            let (start, end) = (s.offset, s.offset + s.text.len());
            prop_assert_eq!(s.starts_inside, start > 0);
            prop_assert_eq!(s.ends_inside, end < text.len());
            prop_assert_eq!(&text[start..end], s.text.as_str());
            let b = boundaries(&text);
            prop_assert!(b.contains(&start) && b.contains(&end), "cut inside a cluster: {:?}", &s.text);
            for m in &s.matches {
                prop_assert!(s.text.is_char_boundary(m.start) && s.text.is_char_boundary(m.end));
                prop_assert!(terms.contains(&index.analyze(Some("hi"), &s.text[m.clone()], Forms::Recall)[0].text));
            }
        }
    }
}
