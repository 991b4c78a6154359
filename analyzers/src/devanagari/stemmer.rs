//! Stage 3 for Hindi: a light stemmer that strips inflectional suffixes.
//!
//! The suffixes are those of Lucene's HindiStemmer ("A Lightweight Stemmer for Hindi",
//! Ananthakrishnan Ramanathan and Durgesh D Rao). Lucene applies them *after* its
//! normalizer has shortened long vowels and turned ँ into ं, so every suffix spelled
//! with ी, ू or ँ (25 of 67) can never match there: खाता stems to खा but खाती to खात.
//! Here the suffix table is put through the same [`DevanagariNormalizer`] as the words,
//! so every suffix can match whatever the normalizer's options.
//!
//! The longest matching suffix is removed, provided at least two characters remain.
//!
//! ```
//! use khoj_analyzers::devanagari::{DevanagariNormalizer, HindiStemmer};
//! let normalizer = DevanagariNormalizer::default();
//! let stemmer = HindiStemmer::new(&normalizer);
//! assert_eq!(stemmer.stem(&normalizer.normalize("खाता")), "खा");
//! assert_eq!(stemmer.stem(&normalizer.normalize("खाती")), "खा");
//! assert_eq!(stemmer.stem(&normalizer.normalize("लड़कियों")), "लडक");
//! ```

use super::DevanagariNormalizer;

/// Lucene's Hindi suffixes, as written (before normalization).
pub const SUFFIXES: &[&str] = &[
    // 5
    "ाएंगी",
    "ाएंगे",
    "ाऊंगी",
    "ाऊंगा",
    "ाइयाँ",
    "ाइयों",
    "ाइयां",
    // 4
    "ाएगी",
    "ाएगा",
    "ाओगी",
    "ाओगे",
    "एंगी",
    "ेंगी",
    "एंगे",
    "ेंगे",
    "ूंगी",
    "ूंगा",
    "ातीं",
    "नाओं",
    "नाएं",
    "ताओं",
    "ताएं",
    "ियाँ",
    "ियों",
    "ियां",
    // 3
    "ाकर",
    "ाइए",
    "ाईं",
    "ाया",
    "ेगी",
    "ेगा",
    "ोगी",
    "ोगे",
    "ाने",
    "ाना",
    "ाते",
    "ाती",
    "ाता",
    "तीं",
    "ाओं",
    "ाएं",
    "ुओं",
    "ुएं",
    "ुआं",
    // 2
    "कर",
    "ाओ",
    "िए",
    "ाई",
    "ाए",
    "ने",
    "नी",
    "ना",
    "ते",
    "ीं",
    "ती",
    "ता",
    "ाँ",
    "ां",
    "ों",
    "ें",
    // 1
    "ो",
    "े",
    "ू",
    "ु",
    "ी",
    "ि",
    "ा",
];

/// Stems normalized Hindi words. See the [module docs](self).
///
/// Every suffix lies within U+0900..U+097F and is at most five characters long, so a
/// word's last five characters, packed one byte each into a `u64` ([`pack_tail`]), are
/// compared with each candidate suffix in a single masked comparison.
#[derive(Debug, Clone)]
pub struct HindiStemmer {
    /// Suffixes, longest first, bucketed by their last character (U+0900 + index).
    by_last: Vec<Vec<Suffix>>,
}

#[derive(Debug, Clone, Copy)]
struct Suffix {
    /// The suffix packed like [`pack_tail`] packs a word's end.
    key: u64,
    /// Bits of `key` that the suffix covers.
    mask: u64,
    chars: usize,
    bytes: usize,
}

/// Characters of a word's end packed into a `u64`, the last one in the low byte, each as
/// its offset in U+0900..U+097F plus one; packing stops at five characters or at the
/// first character outside the block. Returns the key and the number of characters.
#[inline]
fn pack_tail(word: &[u8]) -> (u64, usize) {
    let mut key = 0u64;
    let mut n = 0;
    let mut end = word.len();
    while n < 5 && end >= 3 {
        let (b0, b1, b2) = (word[end - 3], word[end - 2], word[end - 1]);
        if b0 != 0xE0 || (b1 != 0xA4 && b1 != 0xA5) {
            break;
        }
        let offset = ((((b1 & 1) as u64) << 6) | (b2 & 0x3F) as u64) + 1;
        key |= offset << (8 * n);
        n += 1;
        end -= 3;
    }
    (key, n)
}

impl HindiStemmer {
    /// A stemmer whose suffixes are normalized by `normalizer`, the one its input words
    /// go through.
    pub fn new(normalizer: &DevanagariNormalizer) -> Self {
        let mut by_last: Vec<Vec<Suffix>> = vec![Vec::new(); 0x80];
        // Each normalized suffix, and its spellings with long vowels: the analyzer stems
        // a word whose only change is its vowel length before normalizing it.
        let spellings = SUFFIXES
            .iter()
            .flat_map(|suffix| normalizer.vowel_length_spellings(&normalizer.normalize(suffix)));
        for text in spellings {
            let (key, chars) = pack_tail(text.as_bytes());
            if chars == 0 || chars != text.chars().count() {
                continue; // not within the block (cannot happen for the table above)
            }
            let bucket = (key & 0xFF) as usize - 1;
            let list = &mut by_last[bucket];
            if list.iter().all(|s| s.key != key || s.chars != chars) {
                let mask = if chars == 8 {
                    u64::MAX
                } else {
                    (1u64 << (8 * chars)) - 1
                };
                list.push(Suffix {
                    key,
                    mask,
                    chars,
                    bytes: text.len(),
                });
            }
        }
        for list in &mut by_last {
            list.sort_by_key(|s| std::cmp::Reverse(s.chars));
        }
        HindiStemmer { by_last }
    }

    /// The stem of a normalized word (a prefix of it).
    pub fn stem<'a>(&self, word: &'a str) -> &'a str {
        &word[..self.stem_len(word)]
    }

    /// The byte length of the stem of a normalized word: truncate the word to it.
    #[inline]
    pub fn stem_len(&self, word: &str) -> usize {
        let (key, n) = pack_tail(word.as_bytes());
        self.stem_len_packed(word, key, n)
    }

    /// [`stem_len`](Self::stem_len) for a word whose last characters are already packed
    /// (by the segmenter's [`scan_word`](super::scan_word): `tail`, `tail_chars`). The
    /// word may also be as written, if the normalizer changes only its vowel length (see
    /// [`DevanagariNormalizer::fast_spelling`]): the stem has the same length in bytes.
    #[inline]
    pub fn stem_len_packed(&self, word: &str, tail: u64, tail_chars: usize) -> usize {
        if tail_chars == 0 {
            return word.len();
        }
        let bytes = word.as_bytes();
        for s in &self.by_last[(tail & 0xFF) as usize - 1] {
            if s.chars <= tail_chars
                && tail & s.mask == s.key
                && (s.chars + 2 <= tail_chars
                    || at_least_two_chars(&bytes[..bytes.len() - s.bytes]))
            {
                return word.len() - s.bytes;
            }
        }
        word.len()
    }
}

/// Whether a stem keeps at least two characters (the guard of every suffix rule).
#[inline]
fn at_least_two_chars(stem: &[u8]) -> bool {
    stem.len() >= 8 || stem.iter().filter(|&&b| (b as i8) >= -0x40).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devanagari::DevanagariOptions;

    fn stem(word: &str) -> String {
        let n = DevanagariNormalizer::default();
        HindiStemmer::new(&n).stem(&n.normalize(word)).to_string()
    }

    #[test]
    fn every_suffix_can_match_under_every_option() {
        for fold_vowel_length in [false, true] {
            for drop_final_virama in [false, true] {
                let n = DevanagariNormalizer::new(DevanagariOptions {
                    fold_vowel_length,
                    drop_final_virama,
                });
                let stemmer = HindiStemmer::new(&n);
                for suffix in SUFFIXES {
                    let word = n.normalize(&format!("कमल{suffix}"));
                    let stemmed = stemmer.stem(&word);
                    assert!(
                        stemmed.len() < word.len(),
                        "{suffix} never matches ({word})"
                    );
                }
            }
        }
    }

    #[test]
    fn long_vowel_suffixes_match() {
        assert_eq!(stem("खाता"), "खा");
        assert_eq!(stem("खाती"), "खा");
        assert_eq!(stem("खाते"), "खा");
        assert_eq!(stem("जाएंगी"), "जा");
        assert_eq!(stem("लड़कियाँ"), stem("लड़कियां"));
        assert_eq!(stem("किताबें"), "किताब");
        assert_eq!(stem("किताबों"), "किताब");
    }

    #[test]
    fn short_words_keep_two_characters() {
        assert_eq!(stem("को"), "को");
        assert_eq!(stem("नदी"), "नद");
        assert_eq!(stem("घर"), "घर");
        assert_eq!(stem(""), "");
    }
}
