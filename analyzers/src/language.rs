//! A document's language, passed to the analyzer inside the text it analyzes.
//!
//! Tantivy hands a tokenizer nothing but the text of a field. Where the language
//! changes the analysis (the Hindi stemmer runs only for Hindi; Han text is Japanese in
//! a Japanese article), the index prefixes the text with a *language hint*: the
//! language code between two Unicode noncharacters, which never occur in interchange
//! text (the ingest removes any that do). Text without a hint is analyzed as Hindi, the
//! default.
//!
//! ```
//! use khoj_analyzers::language::{with_hint, split_hint};
//! let text = with_hint("mr", "महाराष्ट्रातील");
//! assert_eq!(split_hint(&text), (Some("mr"), "महाराष्ट्रातील"));
//! assert_eq!(split_hint("हिंदी"), (None, "हिंदी"));
//! ```

use crate::cjk::CjkLanguage;

/// Opens a language hint.
pub const HINT_OPEN: char = '\u{FDD0}';
/// Closes a language hint.
pub const HINT_CLOSE: char = '\u{FDD1}';

/// Languages whose hint changes nothing: text without a hint is analyzed as these.
pub const DEFAULT_LANGUAGES: &[&str] = &["hi"];

/// `text` with a hint for `lang`, or `text` unchanged when `lang` is a default one.
pub fn with_hint(lang: &str, text: &str) -> String {
    if DEFAULT_LANGUAGES.contains(&lang) || lang.is_empty() {
        return text.to_string();
    }
    let mut s = String::with_capacity(text.len() + lang.len() + 6);
    s.push(HINT_OPEN);
    s.push_str(lang);
    s.push(HINT_CLOSE);
    s.push_str(text);
    s
}

/// The hinted language (if any) and the text after the hint.
pub fn split_hint(text: &str) -> (Option<&str>, &str) {
    if let Some(rest) = text.strip_prefix(HINT_OPEN) {
        if let Some(end) = rest.find(HINT_CLOSE) {
            if end <= 16 {
                return (Some(&rest[..end]), &rest[end + HINT_CLOSE.len_utf8()..]);
            }
        }
    }
    (None, text)
}

/// Removes Unicode noncharacters (U+FDD0–U+FDEF, U+xFFFE/U+xFFFF) from text that
/// comes from outside, so that no input can forge a language hint.
pub fn strip_noncharacters(text: &str) -> std::borrow::Cow<'_, str> {
    // Every noncharacter is encoded with a lead byte EF (U+FDD0.., U+FFFE) or F0..F4 (the
    // other planes): text without those bytes has none, and needs no decoding.
    let suspect = text
        .bytes()
        .any(|b| b == 0xEF || (0xF0..=0xF4).contains(&b));
    if !suspect || !text.chars().any(is_noncharacter) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().filter(|&c| !is_noncharacter(c)).collect())
}

fn is_noncharacter(c: char) -> bool {
    let cp = c as u32;
    (0xFDD0..=0xFDEF).contains(&cp) || (cp & 0xFFFE) == 0xFFFE
}

/// How the analyzer treats text in a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageRoute {
    /// Run the Hindi stemmer on Devanagari words.
    pub hindi_stemming: bool,
    /// The language of runs of Han characters without kana or Hangul: Japanese in an
    /// article marked `ja`, else Chinese.
    pub han: CjkLanguage,
    /// An article marked `ja`, `ko` or `zh` has all its CJK runs analyzed as that language.
    pub cjk: Option<CjkLanguage>,
}

impl LanguageRoute {
    /// The route for a hinted language (or the default, Hindi, for `None`).
    pub fn for_language(lang: Option<&str>) -> Self {
        let cjk = lang.and_then(CjkLanguage::from_code);
        LanguageRoute {
            hindi_stemming: matches!(lang, None | Some("hi")),
            han: if cjk == Some(CjkLanguage::Japanese) {
                CjkLanguage::Japanese
            } else {
                CjkLanguage::Chinese
            },
            cjk,
        }
    }

    /// The language a CJK run is analyzed as.
    pub fn cjk_language(&self, run: &str) -> CjkLanguage {
        self.cjk
            .unwrap_or_else(|| crate::cjk::language_of_run(run, self.han))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forged_hints_are_stripped() {
        let forged = format!("{HINT_OPEN}mr{HINT_CLOSE}text");
        assert_eq!(strip_noncharacters(&forged), "mrtext");
        assert_eq!(split_hint(&strip_noncharacters(&forged)), (None, "mrtext"));
    }

    #[test]
    fn only_hindi_is_stemmed() {
        assert!(LanguageRoute::for_language(None).hindi_stemming);
        assert!(!LanguageRoute::for_language(Some("mr")).hindi_stemming);
    }
}
