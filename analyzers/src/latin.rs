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
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if !word.bytes().any(|b| b.is_ascii_alphabetic()) {
            return Cow::Borrowed(word);
        }
        self.inner.stem(word)
    }
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
