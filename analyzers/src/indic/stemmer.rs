//! Stage 5 for the Indian languages after Hindi: a light stemmer that strips the longest
//! inflectional suffix of a list.
//!
//! Each language's list is data, in `analyzers/data/suffixes-<code>.txt`, with its sources
//! named there. The suffixes are put through the same normalization as the words, so that a
//! suffix written in another of the spellings that normalization unifies still matches.
//! A suffix is removed only when at least [`MIN_STEM_CHARS`] characters remain, so that a
//! short word is left whole; then the longest suffix of what remains, once more.
//!
//! ```
//! use khoj_analyzers::SuffixStemmer;
//! let stemmer = SuffixStemmer::parse("# plural and case endings\nগুলো\nকে\nের\n", |s| s.to_string());
//! assert_eq!(stemmer.stem("ছেলেগুলো"), "ছেলে");
//! assert_eq!(stemmer.stem("বাংলাদেশের"), "বাংলাদেশ");
//! assert_eq!(stemmer.stem("কে"), "কে"); // nothing would remain
//! ```

/// At least this many characters (code points) stay after a suffix is removed.
pub const MIN_STEM_CHARS: usize = 2;

/// Suffixes are stripped up to this many times: an agglutinating word stacks a plural or
/// oblique ending and a case ending (Bengali ছেলেদেরকে = ছেলে + দের + কে), and two passes
/// measured better than one on every Indian language of the developers' sets but Urdu
/// and Sanskrit, which lost 0.001 (docs/relevance.md).
const PASSES: usize = 2;

/// Strips the longest suffix of a list.
#[derive(Debug, Clone)]
pub struct SuffixStemmer {
    /// The suffixes by the low 7 bits of their last character (its offset in a Brahmic
    /// block), longest first; a lookup costs no hashing.
    by_last: Box<[Vec<Box<str>>; 128]>,
    empty: bool,
}

impl Default for SuffixStemmer {
    fn default() -> Self {
        SuffixStemmer {
            by_last: Box::new(std::array::from_fn(|_| Vec::new())),
            empty: true,
        }
    }
}

/// The bucket of a suffix or word ending in `c`.
#[inline]
fn bucket(c: char) -> usize {
    (c as u32 & 0x7F) as usize
}

impl SuffixStemmer {
    /// A stemmer for the suffixes listed in `text` (one a line; `#` starts a comment line),
    /// each put through `normalize` first.
    pub fn parse(text: &str, normalize: impl Fn(&str) -> String) -> Self {
        let mut stemmer = SuffixStemmer::default();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let suffix = normalize(line);
            let Some(last) = suffix.chars().next_back() else {
                continue;
            };
            let list = &mut stemmer.by_last[bucket(last)];
            if !list.iter().any(|s| **s == *suffix) {
                list.push(suffix.into());
                stemmer.empty = false;
            }
        }
        for list in stemmer.by_last.iter_mut() {
            list.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
        stemmer
    }

    /// Whether the list is empty (the stemmer changes nothing).
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// The byte length of `word`'s stem.
    #[inline]
    pub fn stem_len(&self, word: &str) -> usize {
        let mut len = word.len();
        for _ in 0..PASSES {
            let n = self.stem_len1(&word[..len]);
            if n == len {
                break;
            }
            len = n;
        }
        len
    }

    /// The byte length of `word` without its longest suffix.
    #[inline]
    fn stem_len1(&self, word: &str) -> usize {
        let Some(last) = word.chars().next_back() else {
            return 0;
        };
        for suffix in &self.by_last[bucket(last)] {
            if let Some(stem) = word.strip_suffix(&**suffix) {
                if more_than(stem, MIN_STEM_CHARS - 1) {
                    return stem.len();
                }
            }
        }
        word.len()
    }

    /// `word` without its longest suffix.
    pub fn stem<'a>(&self, word: &'a str) -> &'a str {
        &word[..self.stem_len(word)]
    }
}

/// Whether `s` has more than `n` characters.
#[inline]
fn more_than(s: &str, n: usize) -> bool {
    s.chars().nth(n).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_suffix_goes() {
        let s = SuffixStemmer::parse("ের\nদের\n", str::to_string);
        assert_eq!(s.stem("ছাত্রদের"), "ছাত্র");
        assert_eq!(s.stem("দেশের"), "দেশ");
    }

    #[test]
    fn a_case_ending_then_a_plural_ending_go() {
        let s = SuffixStemmer::parse("দের\nকে\n", str::to_string);
        assert_eq!(s.stem("ছেলেদেরকে"), "ছেলে");
        // not a third time
        let s = SuffixStemmer::parse("ক\nখ\nগ\n", str::to_string);
        assert_eq!(s.stem("আআকখগ"), "আআক");
    }

    #[test]
    fn suffixes_are_normalized_like_words() {
        let s = SuffixStemmer::parse("ী\n", |w| w.replace('ী', "ি"));
        assert_eq!(s.stem("সরকারি"), "সরকার");
    }

    #[test]
    fn comments_blank_lines_and_short_words() {
        let s = SuffixStemmer::parse("# a comment\n\n  কে  \n", str::to_string);
        assert_eq!(s.stem("তাকে"), "তা");
        assert_eq!(s.stem("কে"), "কে");
        assert_eq!(s.stem(""), "");
        assert!(!s.is_empty());
        assert!(SuffixStemmer::parse("# nothing\n", str::to_string).is_empty());
    }
}
