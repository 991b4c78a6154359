//! Stage 1 of the pipeline: split text into words.
//!
//! Words follow the Unicode word boundaries of UAX #29 (through `unicode-segmentation`),
//! with two fast paths that give the same words without the general machinery:
//!
//! * **ASCII runs**: letters, digits and `_`, joined across `.` `'` `:` between letters
//!   and `.` `'` `,` `;` between digits (`U.S`, `can't`, `3.14`, `1,000`), as UAX #29 does.
//! * **Devanagari runs**: a Devanagari word keeps every combining mark — vowel signs
//!   (matras), virama, nukta, anusvara, chandrabindu, visarga — and a ZWJ or ZWNJ inside it.
//!   Danda (।) and double danda (॥) end a word like any punctuation.
//!
//! One deliberate difference from UAX #29: a word never spans two scripts, so
//! `IPL2024में` gives `IPL2024` and `में`, each analyzed by its own script's chain.
//!
//! Offsets are byte offsets into the original text, always on char boundaries.
//!
//! **Length limit**: a word longer than [`MAX_WORD_CHARS`] characters (255, as in
//! Lucene's StandardTokenizer) is split into pieces of at most that many characters,
//! cut on grapheme-cluster boundaries; nothing is dropped.
//!
//! ```
//! use khoj_analyzers::Segmenter;
//! let text = "IPL 2024 में विराट कोहली ने 50 रन बनाए।";
//! let words: Vec<&str> = Segmenter::new(text).map(|w| &text[w.from..w.to]).collect();
//! assert_eq!(words, ["IPL", "2024", "में", "विराट", "कोहली", "ने", "50", "रन", "बनाए"]);
//! ```

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

use crate::arabic_words::{alone_at, arabic_word_end};
use crate::brahmic_words::{word_end, BrahmicScan};
use crate::cjk::is_cjk_char;
use crate::devanagari::{scan_word, DevanagariScan};
use crate::script::{
    brahmic_script_of, is_alphanumeric, is_devanagari, is_devanagari_word_char, Script, ZWJ, ZWNJ,
};
use unicode_normalization::char::is_combining_mark;

/// Words longer than this many characters are split into pieces of at most this length.
pub const MAX_WORD_CHARS: usize = 255;

/// Runs of Chinese, Japanese or Korean characters longer than this are cut before the
/// morphological analyzer sees them (it slows badly on long runs without punctuation).
pub const MAX_CJK_RUN_CHARS: usize = MAX_WORD_CHARS;

/// Text handed to the general UAX #29 path at once, at most (bytes); longer runs
/// without whitespace are cut between words.
const GENERAL_SPAN_BYTES: usize = 4096;

/// Which path found a word; it tells the analyzer how much work the word needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// ASCII letters, digits and joiners only.
    Ascii,
    /// Devanagari letters, marks, digits and ZWJ/ZWNJ (and combining marks after them).
    /// What the scan for its end found out for the normalizer and the stemmer is
    /// [`Segmenter::devanagari_scan`].
    Devanagari,
    /// A word of one of the Brahmic scripts after Devanagari, found by a table that finds
    /// the words UAX #29 finds (`brahmic_words.rs`); what that pass found out for the
    /// normalizer and the stemmer is [`Segmenter::brahmic_scan`].
    Brahmic,
    /// A word of the Arabic block (Urdu), found by a table that finds the words UAX #29
    /// finds (`arabic_words.rs`); analyzed as a [`General`](Self::General) word is.
    Arabic,
    /// Any other word, found by the UAX #29 rules.
    General,
    /// A run of Han, kana and Hangul characters (at most [`MAX_CJK_RUN_CHARS`]): the
    /// analyzer cuts it into words with a dictionary (or bigrams).
    Cjk,
}

/// One word: its byte range in the text and the path that found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the first byte.
    pub from: usize,
    /// Byte offset one past the last byte.
    pub to: usize,
    /// The path that found the word.
    pub kind: WordKind,
}

/// An iterator over the words of a text. See the [module docs](self).
pub struct Segmenter<'a> {
    text: &'a str,
    pos: usize,
    general: Option<GeneralSpan<'a>>,
    /// The rest of a word longer than [`MAX_WORD_CHARS`], still to be cut.
    long_rest: Option<Word>,
    /// What scanning the last Devanagari word found.
    scan: DevanagariScan,
    /// What scanning the last Brahmic word found.
    brahmic: BrahmicScan,
}

struct GeneralSpan<'a> {
    base: usize,
    end: usize,
    capped: bool,
    words: UWordBoundIndices<'a>,
}

impl<'a> Segmenter<'a> {
    /// Segments `text`.
    pub fn new(text: &'a str) -> Self {
        Segmenter {
            text,
            pos: 0,
            general: None,
            long_rest: None,
            scan: DevanagariScan::default(),
            brahmic: BrahmicScan::loud(Script::Bengali),
        }
    }

    /// What the scan of the last [`WordKind::Devanagari`] word returned found out (for
    /// the normalizer and the stemmer, which then need no pass of their own). For the
    /// pieces of a word cut for length, it is marked irregular.
    #[inline]
    pub fn devanagari_scan(&self) -> &DevanagariScan {
        &self.scan
    }

    /// What the pass over the last [`WordKind::Brahmic`] word found out (for the normalizer
    /// and the stemmer). For the pieces of a word cut for length, it tells nothing.
    #[inline]
    pub fn brahmic_scan(&self) -> &BrahmicScan {
        &self.brahmic
    }

    fn scan(&mut self) -> Option<Word> {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() {
            let b = bytes[self.pos];
            if b < 0x80 {
                if b.is_ascii_alphanumeric() || b == b'_' {
                    match self.ascii_word(self.pos) {
                        Some(end) => {
                            let from = self.pos;
                            self.pos = end;
                            if bytes[from..end].iter().any(u8::is_ascii_alphanumeric) {
                                return Some(Word {
                                    from,
                                    to: end,
                                    kind: WordKind::Ascii,
                                });
                            }
                            continue;
                        }
                        None => {
                            self.start_general(self.pos);
                            return None;
                        }
                    }
                }
                self.pos += 1;
                continue;
            }
            if let Some(cp) = devanagari_block_at(bytes, self.pos) {
                // The common case in Hindi text, without decoding a char.
                if !matches!(cp, 0x0964 | 0x0965 | 0x0970) {
                    return Some(self.devanagari_word());
                }
                self.pos += 3;
                continue;
            }
            let c = char_at(self.text, self.pos);
            if is_devanagari_word_char(c) {
                return Some(self.devanagari_word());
            }
            if is_cjk_char(c) {
                return Some(self.cjk_run());
            }
            if is_devanagari(c) || c.is_whitespace() || c == ZWJ || c == ZWNJ {
                self.pos += c.len_utf8();
                continue;
            }
            if let Some(script) = brahmic_script_of(c) {
                // Bengali … Malayalam: the word's end from a table, where it is certain
                if let Some(to) = word_end(self.text, self.pos, script, &mut self.brahmic) {
                    let from = self.pos;
                    return Some(self.take(from, to, WordKind::Brahmic));
                }
            }
            // Urdu: the same for the Arabic block, and its punctuation stepped over
            if let Some(to) = arabic_word_end(self.text, self.pos) {
                let from = self.pos;
                return Some(self.take(from, to, WordKind::Arabic));
            }
            if let Some(len) = alone_at(self.text, self.pos) {
                self.pos += len;
                continue;
            }
            self.start_general(self.pos);
            return None;
        }
        None
    }

    /// The word from `from` to `to`, the text read up to its end.
    #[inline(always)]
    fn take(&mut self, from: usize, to: usize, kind: WordKind) -> Word {
        self.pos = to;
        Word { from, to, kind }
    }

    /// The end of the ASCII word starting at `from`, or `None` when the word runs on
    /// into non-ASCII text that UAX #29 might join to it (the general path decides then).
    fn ascii_word(&self, from: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut i = from;
        loop {
            while bytes
                .get(i)
                .is_some_and(|&b| ASCII_WORD_BYTE[usize::from(b)])
            {
                i += 1;
            }
            let Some(&b) = bytes.get(i) else {
                return Some(i);
            };
            if b >= 0x80 {
                let c = char_at(self.text, i);
                return if c.is_whitespace() || is_devanagari(c) || is_cjk_char(c) {
                    Some(i)
                } else {
                    None
                };
            }
            let (Some(&prev), Some(&next)) = (bytes.get(i.wrapping_sub(1)), bytes.get(i + 1))
            else {
                return Some(i);
            };
            let letters = prev.is_ascii_alphabetic() && next.is_ascii_alphabetic();
            let digits = prev.is_ascii_digit() && next.is_ascii_digit();
            let joins = match b {
                b'.' | b'\'' => letters || digits,
                b':' => letters,
                b',' | b';' => digits,
                _ => false,
            };
            if !joins {
                return Some(i);
            }
            i += 1;
        }
    }

    fn devanagari_word(&mut self) -> Word {
        let from = self.pos;
        let (to, scan) = scan_word(self.text, from);
        // A word may start with a character the scan does not take (e.g. Devanagari
        // Extended): it still holds at least that character.
        let to = if to > from {
            to
        } else {
            from + char_at(self.text, from).len_utf8()
        };
        self.pos = to;
        self.scan = scan;
        Word {
            from,
            to,
            kind: WordKind::Devanagari,
        }
    }

    fn cjk_run(&mut self) -> Word {
        let from = self.pos;
        let mut end = from;
        for (n, (i, c)) in self.text[from..].char_indices().enumerate() {
            if n == MAX_CJK_RUN_CHARS || !(is_cjk_char(c) || (n > 0 && is_combining_mark(c))) {
                break;
            }
            end = from + i + c.len_utf8();
        }
        self.pos = end;
        Word {
            from,
            to: end,
            kind: WordKind::Cjk,
        }
    }

    fn start_general(&mut self, from: usize) {
        let mut end = from;
        let mut capped = false;
        for (i, c) in self.text[from..].char_indices() {
            if i > 0 && (c.is_ascii_whitespace() || is_devanagari(c) || is_cjk_char(c)) {
                break;
            }
            if i >= GENERAL_SPAN_BYTES {
                capped = true;
                break;
            }
            end = from + i + c.len_utf8();
        }
        self.general = Some(GeneralSpan {
            base: from,
            end,
            capped,
            words: self.text[from..end].split_word_bound_indices(),
        });
        self.pos = end;
    }

    fn next_general(&mut self) -> Option<Word> {
        let span = self.general.as_mut()?;
        for (i, w) in span.words.by_ref() {
            let from = span.base + i;
            let to = from + w.len();
            if span.capped && to == span.end && from > span.base {
                // The last word of a cut span may continue past the cut: scan it again.
                self.pos = from;
                break;
            }
            if w.chars().any(is_alphanumeric) {
                return Some(Word {
                    from,
                    to,
                    kind: WordKind::General,
                });
            }
        }
        self.general = None;
        None
    }

    /// Cuts the first piece off a word, if it is longer than [`MAX_WORD_CHARS`].
    #[inline]
    fn limit(&mut self, word: Word) -> Word {
        if word.to - word.from <= MAX_WORD_CHARS {
            return word; // at most as many chars as bytes
        }
        self.cut_long(word)
    }

    #[cold]
    fn cut_long(&mut self, word: Word) -> Word {
        let s = &self.text[word.from..word.to];
        // Only the first MAX_WORD_CHARS + 1 characters are looked at (not the rest of the
        // word, for every piece), so that cutting a word costs time linear in its length.
        if !more_chars_than(s, MAX_WORD_CHARS) {
            return word;
        }
        let mut cut = 0;
        let mut chars = 0;
        for (i, g) in s.grapheme_indices(true) {
            let n = g.chars().count();
            #[cfg(test)]
            CUT_WORK.with(|w| w.set(w.get() + n));
            if chars + n > MAX_WORD_CHARS {
                break;
            }
            chars += n;
            cut = i + g.len();
        }
        if cut == 0 {
            // One grapheme cluster longer than the limit: cut between its chars.
            cut = s
                .char_indices()
                .nth(MAX_WORD_CHARS)
                .map_or(s.len(), |(i, _)| i);
        }
        self.long_rest = Some(Word {
            from: word.from + cut,
            ..word
        });
        // the scans were of the whole word, not of this piece
        self.scan.irregular = true;
        self.brahmic = BrahmicScan::loud(self.brahmic.script);
        Word {
            to: word.from + cut,
            ..word
        }
    }
}

impl Iterator for Segmenter<'_> {
    type Item = Word;

    #[inline(always)]
    fn next(&mut self) -> Option<Word> {
        if self.long_rest.is_none() && self.general.is_none() {
            // Fast path for Hindi text: spaces, then a Devanagari word of normal length.
            let bytes = self.text.as_bytes();
            loop {
                // Skip ASCII punctuation and spaces, danda and double danda.
                match bytes.get(self.pos) {
                    Some(&b) if b < 0x80 && !b.is_ascii_alphanumeric() && b != b'_' => {
                        self.pos += 1
                    }
                    Some(0xE0)
                        if matches!(
                            bytes.get(self.pos + 1..self.pos + 3),
                            Some([0xA5, 0xA4 | 0xA5])
                        ) =>
                    {
                        self.pos += 3
                    }
                    _ => break,
                }
            }
            let from = self.pos;
            if devanagari_block_at(bytes, from).is_some() {
                let (to, scan) = scan_word(self.text, from);
                if to > from && to - from <= MAX_WORD_CHARS {
                    self.scan = scan;
                    return Some(self.take(from, to, WordKind::Devanagari));
                }
            }
            // Bengali … Malayalam (U+0980–U+0D7F: E0 A6 .. E0 B5): the table's word end
            if let Some(&[0xE0, b1 @ 0xA6..=0xB5, _]) = bytes.get(from..from + 3) {
                let script = Script::BRAHMIC[usize::from(b1 - 0xA6) / 2];
                if let Some(to) = word_end(self.text, from, script, &mut self.brahmic) {
                    if to - from <= MAX_WORD_CHARS {
                        return Some(self.take(from, to, WordKind::Brahmic));
                    }
                }
            }
            // Urdu (U+0600–U+06FF: D8 .. DB): the table's word end
            if let Some(0xD8..=0xDB) = bytes.get(from) {
                if let Some(to) = arabic_word_end(self.text, from) {
                    if to - from <= MAX_WORD_CHARS {
                        return Some(self.take(from, to, WordKind::Arabic));
                    }
                }
            }
            // an ASCII word (that UAX #29 does not join to what follows)
            if bytes.get(from).is_some_and(u8::is_ascii_alphanumeric) {
                if let Some(to) = self.ascii_word(from) {
                    if to - from <= MAX_WORD_CHARS {
                        return Some(self.take(from, to, WordKind::Ascii));
                    }
                }
            }
        }
        self.next_slow()
    }
}

impl Segmenter<'_> {
    #[inline(never)]
    fn next_slow(&mut self) -> Option<Word> {
        if let Some(rest) = self.long_rest.take() {
            return Some(self.limit(rest));
        }
        loop {
            if self.general.is_some() {
                if let Some(w) = self.next_general() {
                    return Some(self.limit(w));
                }
                continue;
            }
            if let Some(w) = self.scan() {
                return Some(self.limit(w));
            }
            self.general.as_ref()?;
        }
    }
}

/// Whether `s` holds more than `n` characters, looking at `n + 1` of them at most.
#[inline]
fn more_chars_than(s: &str, n: usize) -> bool {
    for (k, _) in s.chars().enumerate() {
        #[cfg(test)]
        CUT_WORK.with(|w| w.set(w.get() + 1));
        if k == n {
            return true;
        }
    }
    false
}

#[cfg(test)]
thread_local! {
    /// Characters that cutting long words looked at, on this thread (for a test of the work
    /// a long word costs).
    static CUT_WORK: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The code point at `i` if it is in U+0900..U+097F (UTF-8 `E0 A4 xx` or `E0 A5 xx`).
#[inline(always)]
fn devanagari_block_at(bytes: &[u8], i: usize) -> Option<u32> {
    match bytes.get(i..i + 3) {
        Some(&[0xE0, b1 @ (0xA4 | 0xA5), b2]) => {
            Some(0x0900 + u32::from(crate::block_bytes::offset(b1, b2)))
        }
        _ => None,
    }
}

/// The bytes of an ASCII word run as UAX #29 reads them: letters, digits and `_` (one table
/// lookup a byte on the path that reads Latin words).
static ASCII_WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

#[inline]
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_multi_megabyte_word_costs_work_linear_in_its_length() {
        for (unit, chars) in [
            ("क", 1 << 20),
            ("कि", 1 << 20),
            ("a", 4 << 20),
            ("ж", 1 << 20),
        ] {
            let word = unit.repeat(chars / unit.chars().count());
            CUT_WORK.with(|w| w.set(0));
            let pieces: Vec<Word> = Segmenter::new(&word).collect();
            let n = word.chars().count();
            // every character is in exactly one piece, none longer than the limit
            assert_eq!(
                pieces
                    .iter()
                    .map(|p| word[p.from..p.to].chars().count())
                    .sum::<usize>(),
                n
            );
            assert!(pieces
                .iter()
                .all(|p| word[p.from..p.to].chars().count() <= MAX_WORD_CHARS));
            assert!(pieces.len() <= n / 200, "{unit}: {} pieces", pieces.len());
            // each piece looks at its own characters (and one cluster more), not the rest
            let work = CUT_WORK.with(|w| w.get());
            assert!(work <= 3 * n, "{unit}: {work} characters looked at for {n}");
        }
    }

    fn words(text: &str) -> Vec<&str> {
        Segmenter::new(text).map(|w| &text[w.from..w.to]).collect()
    }

    /// Words of a text by UAX #29 alone (the reference for the fast paths).
    fn uax29_words(text: &str) -> Vec<&str> {
        text.split_word_bounds()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect()
    }

    #[test]
    fn devanagari_words_keep_all_their_marks() {
        assert_eq!(words("हिन्दी प्रधानमंत्री क्या"), ["हिन्दी", "प्रधानमंत्री", "क्या"]);
        assert_eq!(words("क़ानून ज़िंदगी"), ["क़ानून", "ज़िंदगी"]);
        // nukta as a separate code point, chandrabindu, visarga
        assert_eq!(words("क़ानून हँसी दुःख"), ["क़ानून", "हँसी", "दुःख"]);
        // ZWJ and ZWNJ inside a word
        assert_eq!(words("क्‍ष क्‌ष"), ["क्‍ष", "क्‌ष"]);
    }

    #[test]
    fn danda_and_punctuation_end_words() {
        assert_eq!(
            words("सोल। उत्तर कोरिया॥ “नेता”"),
            ["सोल", "उत्तर", "कोरिया", "नेता"]
        );
        assert_eq!(words("जोंग-उन"), ["जोंग", "उन"]);
    }

    #[test]
    fn mixed_scripts_are_split() {
        assert_eq!(
            words("IPL 2024 में विराट कोहली ने 50 रन बनाए"),
            [
                "IPL",
                "2024",
                "में",
                "विराट",
                "कोहली",
                "ने",
                "50",
                "रन",
                "बनाए"
            ]
        );
        assert_eq!(words("IPL2024में"), ["IPL2024", "में"]);
    }

    #[test]
    fn ascii_words_follow_uax29() {
        assert_eq!(
            words("U.S. can't 3.14 1,000 foo_bar"),
            ["U.S", "can't", "3.14", "1,000", "foo_bar"]
        );
        assert_eq!(words("naïve café—bar"), ["naïve", "café", "bar"]);
        assert_eq!(words("IPL’s"), ["IPL’s"]);
    }

    #[test]
    fn other_scripts_go_through_uax29() {
        assert_eq!(words("Москва, 2024"), ["Москва", "2024"]);
        assert_eq!(words("東京タワーに行く"), ["東京タワーに行く"]); // one CJK run, for the dictionary
    }

    #[test]
    fn long_words_are_cut_on_grapheme_boundaries() {
        let word = "क्षि".repeat(100); // 400 chars, 100 grapheme clusters
        let text = format!("a {word} b");
        let pieces = words(&text);
        assert_eq!(pieces.len(), 4);
        assert_eq!(pieces[1].chars().count(), 252);
        assert_eq!(pieces[2].chars().count(), 148);
        assert_eq!(format!("{}{}", pieces[1], pieces[2]), word);
        let long_ascii = "x".repeat(600);
        assert_eq!(
            words(&long_ascii)
                .iter()
                .map(|w| w.len())
                .collect::<Vec<_>>(),
            [255, 255, 90]
        );
    }

    #[test]
    fn long_cjk_runs_are_cut() {
        let text = "東".repeat(600);
        let lens: Vec<usize> = words(&text).iter().map(|w| w.chars().count()).collect();
        assert_eq!(lens, [255, 255, 90]);
    }

    #[test]
    fn long_runs_without_spaces_lose_nothing() {
        let text = "Москва".repeat(2000);
        let joined: String = words(&text).concat();
        assert_eq!(joined, text);
    }

    proptest! {
        #[test]
        fn ascii_fast_path_matches_uax29(text in "[a-zA-Z0-9_.,;:' \\-]{0,40}") {
            prop_assert_eq!(words(&text), uax29_words(&text));
        }

        #[test]
        fn offsets_are_valid_increasing_char_boundaries(text in any::<String>()) {
            let mut last = 0;
            for w in Segmenter::new(&text) {
                prop_assert!(w.from >= last && w.from < w.to && w.to <= text.len());
                prop_assert!(text.is_char_boundary(w.from) && text.is_char_boundary(w.to));
                last = w.to;
            }
        }

        #[test]
        fn devanagari_offsets_are_valid(text in "[\u{0900}-\u{097F}\u{200C}\u{200D} a-z।]{0,60}") {
            let mut last = 0;
            for w in Segmenter::new(&text) {
                prop_assert!(w.from >= last && w.from < w.to);
                prop_assert!(text.is_char_boundary(w.from) && text.is_char_boundary(w.to));
                last = w.to;
            }
        }
    }
}
