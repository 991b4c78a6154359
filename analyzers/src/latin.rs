//! The Latin chain: lowercase, fold to ASCII, stem as English.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lowercases an ASCII word into `out`.
#[inline]
pub fn lowercase_ascii(word: &str, out: &mut String) {
    out.clear();
    out.push_str(word);
    out.make_ascii_lowercase();
}

/// Lowercases `word` and folds Latin letters with diacritics or in full width to ASCII (é → e, Ｉ → i, ß → ss,
/// ø → o …) into `out`. Letters of other scripts are lowercased and kept.
pub fn fold_to_ascii(word: &str, out: &mut String) {
    out.clear();
    for c in word.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        for lower in c.to_lowercase() {
            match fold_letter(lower) {
                Some(folded) => out.push_str(folded),
                None => out.push(lower),
            }
        }
    }
}

/// Latin letters that have no decomposition into an ASCII letter plus marks.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        'ħ' => "h",
        'ŀ' => "l",
        'ŋ' => "n",
        'ſ' => "s",
        '\u{FF41}'..='\u{FF5A}' => return None, // full-width: NFKC is not applied here
        _ => return None,
    })
}

/// The Snowball English (Porter2) stemmer.
#[derive(Clone)]
pub struct EnglishStemmer {
    inner: frostem::Stemmer,
}

impl Default for EnglishStemmer {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for EnglishStemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EnglishStemmer")
    }
}

impl EnglishStemmer {
    /// The English stemmer.
    pub fn new() -> Self {
        EnglishStemmer {
            inner: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }

    /// The stem of a lowercased word.
    #[cfg(test)]
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        let mut stem = String::new();
        match self.stem_to(word, &mut stem) {
            true => Cow::Owned(stem),
            false => Cow::Borrowed(word),
        }
    }

    /// Writes the stem of a lowercased word into `out` (cleared first) if it differs from
    /// the word: `true` then.
    ///
    /// The stems of the words seen last are kept, per thread (two a set of 4,096): the
    /// Latin words of a news site repeat (names, acronyms, section labels), and the Snowball
    /// algorithm costs a few hundred instructions a word where the memo costs a hash.
    pub fn stem_to(&self, word: &str, out: &mut String) -> bool {
        out.clear();
        if !word.bytes().any(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        if word.len() > MEMO_MAX_BYTES {
            return self.snowball(word, out);
        }
        let set = crate::shingles::hash(word.as_bytes()) as usize % MEMO_SETS;
        MEMO.with_borrow_mut(|memo| {
            if memo.is_empty() {
                memo.resize_with(MEMO_SETS, Default::default);
            }
            // two places a set, the one used last first
            let [first, second] = &mut memo[set];
            if first.word != word {
                if second.word == word {
                    std::mem::swap(first, second);
                } else {
                    std::mem::swap(first, second);
                    first.word.clear();
                    first.word.push_str(word);
                    first.changed = self.snowball(word, &mut first.stem);
                }
            }
            if first.changed {
                out.push_str(&first.stem);
            }
            first.changed
        })
    }

    /// The Snowball stem of `word` into `out` if it differs (`true` then).
    fn snowball(&self, word: &str, out: &mut String) -> bool {
        out.clear();
        match self.inner.stem(word) {
            Cow::Owned(stem) if stem != word => {
                out.push_str(&stem);
                true
            }
            _ => false,
        }
    }
}

/// The memo's sets of two places; a word's set is chosen by its hash.
const MEMO_SETS: usize = 4096;
/// Longer words are not kept.
const MEMO_MAX_BYTES: usize = 32;

/// A word and its stem, if it differs.
#[derive(Default)]
struct MemoEntry {
    word: String,
    stem: String,
    changed: bool,
}

thread_local! {
    static MEMO: std::cell::RefCell<Vec<[MemoEntry; 2]>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        let mut out = String::new();
        for (from, to) in [
            ("Ærø", "aero"),
            ("naïve", "naive"),
            ("ŁÓDŹ", "lodz"),
            ("Москва", "москва"),
        ] {
            fold_to_ascii(from, &mut out);
            assert_eq!(out, to);
        }
    }

    #[test]
    fn stemming_leaves_numbers_alone() {
        let s = EnglishStemmer::new();
        assert_eq!(s.stem("2024"), "2024");
        assert_eq!(s.stem("connections"), "connect");
        // from the memo, the same
        assert_eq!(s.stem("connections"), "connect");
        assert_eq!(s.stem("connect"), "connect");
        assert_eq!(s.stem("connect"), "connect");
    }

    #[test]
    fn the_memo_gives_the_stemmers_stems() {
        let s = EnglishStemmer::new();
        let direct = frostem::Stemmer::new(frostem::Algorithm::English);
        // more words than places, so that they evict each other
        let words: Vec<String> = (0..6 * MEMO_SETS)
            .map(|i| {
                let stem = ["connect", "run", "happi", "news", "price", "a"][i % 6];
                let end = ["ions", "ning", "ness", "", "s", "ed", "ly"][i % 7];
                let mut middle = String::new();
                let mut n = i;
                while n > 0 {
                    middle.push(char::from(b'a' + (n % 26) as u8));
                    n /= 26;
                }
                format!("{stem}{middle}{end}")
            })
            .collect();
        for _ in 0..2 {
            for w in &words {
                assert_eq!(s.stem(w), direct.stem(w), "{w}");
            }
        }
    }

    #[test]
    fn examples() {
        {
            let mut out = String::new();
            fold_to_ascii("Café Straße", &mut out);
            assert_eq!(out, "cafe strasse");
            assert_eq!(EnglishStemmer::new().stem("running"), "run");
        }
    }
}
