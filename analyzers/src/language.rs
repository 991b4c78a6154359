//! A text's language, and how it reaches the tokenizer through a tantivy field.
//!
//! Where the language changes the analysis (the Hindi stemmer runs only for Hindi; Han
//! text is Japanese in a Japanese article), callers of [`crate::Analyzer::analyze`] name it.
//! Tantivy hands a tokenizer nothing but the text of a field, so text indexed through a
//! field carries its language inside: [`field_text`] puts a *language mark* before it (the
//! language code between two Unicode noncharacters, which never occur in interchange text;
//! the ingest removes any that do), the tokenizer reads it, and [`text_of_field`] takes it
//! off a stored value. Nothing else in khoj sees the mark. Text without a mark is analyzed
//! as Hindi, the default.
//!
//! ```
//! use khoj_analyzers::{field_text, text_of_field};
//! let stored = field_text("mr", "महाराष्ट्रातील");
//! assert_ne!(stored, "महाराष्ट्रातील");
//! assert_eq!(text_of_field(&stored), "महाराष्ट्रातील");
//! assert_eq!(field_text("hi", "हिंदी"), "हिंदी"); // the default needs no mark
//! ```

use std::borrow::Cow;

use crate::cjk::CjkLanguage;

/// Opens a language mark.
const MARK_OPEN: char = '\u{FDD0}';
/// Closes a language mark.
const MARK_CLOSE: char = '\u{FDD1}';

/// Languages whose mark changes nothing: text without a mark is analyzed as these.
const DEFAULT_LANGUAGES: &[&str] = &["hi"];

/// `text` marked to be analyzed as `lang` when it is indexed through a field analyzed by a
/// khoj tokenizer (unchanged when `lang` is the default one, Hindi, or empty).
pub fn field_text<'a>(lang: &str, text: &'a str) -> Cow<'a, str> {
    if DEFAULT_LANGUAGES.contains(&lang) || lang.is_empty() || lang.len() > 16 {
        return Cow::Borrowed(text);
    }
    let mut s = String::with_capacity(text.len() + lang.len() + 6);
    s.push(MARK_OPEN);
    s.push_str(lang);
    s.push(MARK_CLOSE);
    s.push_str(text);
    Cow::Owned(s)
}

/// The text of a field value made by [`field_text`], without its language mark.
pub fn text_of_field(value: &str) -> &str {
    split_mark(value).1
}

/// The marked language (if any) and the text after the mark.
pub(crate) fn split_mark(text: &str) -> (Option<&str>, &str) {
    if let Some(rest) = text.strip_prefix(MARK_OPEN) {
        if let Some(end) = rest.find(MARK_CLOSE) {
            if end <= 16 {
                return (Some(&rest[..end]), &rest[end + MARK_CLOSE.len_utf8()..]);
            }
        }
    }
    (None, text)
}

/// Removes Unicode noncharacters (U+FDD0–U+FDEF, U+xFFFE/U+xFFFF) from text that
/// comes from outside, so that no input can forge a language mark.
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
pub(crate) struct LanguageRoute {
    /// Run the Hindi stemmer on Devanagari words.
    pub hindi_stemming: bool,
    /// The language of runs of Han characters without kana or Hangul: Japanese in an
    /// article marked `ja`, else Chinese.
    pub han: CjkLanguage,
    /// An article marked `ja`, `ko` or `zh` has all its CJK runs analyzed as that language.
    pub cjk: Option<CjkLanguage>,
}

impl LanguageRoute {
    /// The route for a language (or the default, Hindi, for `None`).
    pub(crate) fn for_language(lang: Option<&str>) -> Self {
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
    pub(crate) fn cjk_language(&self, run: &str) -> CjkLanguage {
        self.cjk
            .unwrap_or_else(|| crate::cjk::language_of_run(run, self.han))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forged_marks_are_stripped() {
        let forged = format!("{MARK_OPEN}mr{MARK_CLOSE}text");
        assert_eq!(split_mark(&forged), (Some("mr"), "text"));
        assert_eq!(strip_noncharacters(&forged), "mrtext");
        assert_eq!(split_mark(&strip_noncharacters(&forged)), (None, "mrtext"));
    }

    #[test]
    fn only_hindi_is_stemmed() {
        assert!(LanguageRoute::for_language(None).hindi_stemming);
        assert!(!LanguageRoute::for_language(Some("mr")).hindi_stemming);
    }
}
