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
use crate::script::Script;

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

/// [`field_text`] of a string of one's own: the string itself (not a copy) when the language
/// needs no mark (Hindi, English, …), so that an article's body is not copied to be indexed.
pub fn field_text_owned(lang: &str, text: String) -> String {
    let marked = match field_text(lang, &text) {
        Cow::Owned(marked) => Some(marked),
        Cow::Borrowed(_) => None,
    };
    marked.unwrap_or(text)
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
    match has_noncharacter(text) {
        false => std::borrow::Cow::Borrowed(text),
        true => std::borrow::Cow::Owned(noncharacters_removed(text)),
    }
}

/// [`strip_noncharacters`] of a string of one's own: the string itself (not a copy) when it
/// holds none.
pub fn without_noncharacters(text: String) -> String {
    match has_noncharacter(&text) {
        false => text,
        true => noncharacters_removed(&text),
    }
}

fn noncharacters_removed(text: &str) -> String {
    text.chars().filter(|&c| !is_noncharacter(c)).collect()
}

/// Whether `text` holds a noncharacter. Every noncharacter is encoded with a lead byte EF
/// (U+FDD0.., U+FFFE) or F0..F4 (the other planes), the only bytes of UTF-8 from EF up:
/// the text is searched for those 32 bytes at a time (a loop the compiler vectorizes), and
/// only the characters they begin are read.
fn has_noncharacter(text: &str) -> bool {
    const CHUNK: usize = 32;
    let high = |b: &u8| *b >= 0xEF;
    text.as_bytes()
        .chunks(CHUNK)
        .enumerate()
        .filter(|(_, chunk)| chunk.iter().fold(false, |any, b| any | high(b)))
        .flat_map(|(k, chunk)| {
            let at = k * CHUNK;
            chunk
                .iter()
                .enumerate()
                .filter(|(_, b)| high(b))
                .map(move |(i, _)| at + i)
        })
        .any(|i| text[i..].chars().next().is_some_and(is_noncharacter))
}

fn is_noncharacter(c: char) -> bool {
    let cp = c as u32;
    (0xFDD0..=0xFDEF).contains(&cp) || (cp & 0xFFFE) == 0xFFFE
}

/// A language khoj analyzes with its own rules.
#[derive(Debug, Clone, Copy)]
pub struct Language {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// The script it is written in.
    pub script: Script,
    /// Its inflectional suffixes (`analyzers/data/suffixes-<code>.txt`), if stemmed by a
    /// suffix list.
    pub suffixes: Option<&'static str>,
    /// Its stopwords (`analyzers/data/stopwords-<code>.txt`), where a published list was
    /// found (Hindi's own list serves every Devanagari language).
    pub stopwords: Option<&'static str>,
}

impl Language {
    /// Whether its words are stemmed by its suffix list, from their first characters
    /// ([`AnalyzerOptions::recall_prefix`](crate::AnalyzerOptions::recall_prefix)): every
    /// language but Hindi, which has a stemmer of its own.
    pub fn stemmed_by_suffix_list(&self) -> bool {
        self.suffixes.is_some()
    }
}

const fn lang(
    code: &'static str,
    script: Script,
    suffixes: Option<&'static str>,
    stopwords: Option<&'static str>,
) -> Language {
    Language {
        code,
        script,
        suffixes,
        stopwords,
    }
}

macro_rules! data {
    ($file:literal) => {
        Some(include_str!(concat!("../data/", $file)))
    };
}

/// The languages of the Indian scripts. A script's first language is the one its words
/// are analyzed as when nothing names another (Devanagari as Hindi, Bengali script as
/// Bengali, Arabic script as Urdu). Hindi has its own stemmer ([`crate::HindiStemmer`]).
#[rustfmt::skip]
pub const LANGUAGES: &[Language] = &[
    lang("hi", Script::Devanagari, None, None),
    lang("mr", Script::Devanagari, data!("suffixes-mr.txt"), None),
    lang("ne", Script::Devanagari, data!("suffixes-ne.txt"), data!("stopwords-ne.txt")),
    lang("sa", Script::Devanagari, data!("suffixes-sa.txt"), None),
    lang("bn", Script::Bengali, data!("suffixes-bn.txt"), data!("stopwords-bn.txt")),
    lang("as", Script::Bengali, data!("suffixes-as.txt"), None),
    lang("pa", Script::Gurmukhi, data!("suffixes-pa.txt"), None),
    lang("gu", Script::Gujarati, data!("suffixes-gu.txt"), data!("stopwords-gu.txt")),
    lang("or", Script::Odia, data!("suffixes-or.txt"), None),
    lang("ta", Script::Tamil, data!("suffixes-ta.txt"), None),
    lang("te", Script::Telugu, data!("suffixes-te.txt"), None),
    lang("kn", Script::Kannada, data!("suffixes-kn.txt"), None),
    lang("ml", Script::Malayalam, data!("suffixes-ml.txt"), None),
    lang("ur", Script::Arabic, data!("suffixes-ur.txt"), data!("stopwords-ur.txt")),
];

/// The index in [`LANGUAGES`] of a language code.
pub(crate) fn language_index(code: &str) -> Option<usize> {
    LANGUAGES.iter().position(|l| l.code == code)
}

/// The index in [`LANGUAGES`] of the language a word of `script` is analyzed as when
/// nothing names one.
pub(crate) fn script_default(script: Script) -> Option<usize> {
    LANGUAGES.iter().position(|l| l.script == script)
}

/// The language a word of `script` is analyzed as when nothing names one (the script's
/// first language in [`LANGUAGES`]): `hi` for Devanagari, `bn` for the Bengali script,
/// `ur` for the Arabic script …; `None` for a script outside the table.
///
/// ```
/// use khoj_analyzers::{script_language, Script};
/// assert_eq!(script_language(Script::Tamil), Some("ta"));
/// assert_eq!(script_language(Script::Latin), None);
/// ```
pub fn script_language(script: Script) -> Option<&'static str> {
    script_default(script).map(|i| LANGUAGES[i].code)
}

/// The other languages written in the scripts of `text`'s letters, besides each script's
/// first one: those a query with no language hint is also analyzed as, so that it finds
/// articles of each language as they were indexed (Devanagari: `mr`, `ne`, `sa`).
///
/// ```
/// assert_eq!(khoj_analyzers::other_languages_of("लावरोव"), ["mr", "ne", "sa"]);
/// assert_eq!(khoj_analyzers::other_languages_of("বাংলা"), ["as"]);
/// assert!(khoj_analyzers::other_languages_of("தமிழ் news").is_empty());
/// ```
pub fn other_languages_of(text: &str) -> Vec<&'static str> {
    let mut scripts: Vec<Script> = Vec::new();
    for c in text.chars() {
        if c.is_ascii() {
            continue;
        }
        if let Some(s) = crate::script::script_of_char(c) {
            if !scripts.contains(&s) {
                scripts.push(s);
            }
        }
    }
    LANGUAGES
        .iter()
        .enumerate()
        .filter(|&(i, l)| scripts.contains(&l.script) && script_default(l.script) != Some(i))
        .map(|(_, l)| l.code)
        .collect()
}

/// How the analyzer treats text in a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LanguageRoute {
    /// Run the Hindi stemmer on Devanagari words.
    pub hindi_stemming: bool,
    /// The language (index in [`LANGUAGES`]) named for the text, if khoj knows it.
    pub lang: Option<usize>,
    /// The language of runs of Han characters without kana or Hangul: Japanese in an
    /// article marked `ja`, else Chinese.
    pub han: CjkLanguage,
    /// An article marked `ja`, `ko` or `zh` has all its CJK runs analyzed as that language.
    pub cjk: Option<CjkLanguage>,
    /// The text is marked with a language khoj does not know (not English, not CJK): its
    /// Arabic-script words are of that language (Arabic, Persian …), not Urdu.
    pub not_urdu: bool,
}

impl LanguageRoute {
    /// The route for a language (or the default, Hindi, for `None`).
    pub(crate) fn for_language(lang: Option<&str>) -> Self {
        let cjk = lang.and_then(CjkLanguage::from_code);
        let index = lang.and_then(language_index);
        let devanagari = match index {
            Some(i) if LANGUAGES[i].script == Script::Devanagari => Some(i),
            _ => script_default(Script::Devanagari),
        };
        let unknown =
            lang.is_some_and(|l| !l.is_empty() && l != "en") && index.is_none() && cjk.is_none();
        LanguageRoute {
            hindi_stemming: devanagari.is_some_and(|i| !LANGUAGES[i].stemmed_by_suffix_list()),
            not_urdu: unknown,
            lang: index,
            han: if cjk == Some(CjkLanguage::Japanese) {
                CjkLanguage::Japanese
            } else {
                CjkLanguage::Chinese
            },
            cjk,
        }
    }

    /// The language (index in [`LANGUAGES`]) a word of `script` is analyzed as: the text's
    /// own when it is written in that script, else the script's first language (none for
    /// the Arabic script in a text marked with a language khoj does not know).
    #[inline]
    pub(crate) fn language_of(&self, script: Script) -> Option<usize> {
        match self.lang {
            Some(i) if LANGUAGES[i].script == script => Some(i),
            _ if self.not_urdu && script == Script::Arabic => None,
            _ => script_default(script),
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The search by lead bytes finds what reading every character finds, wherever the
        /// noncharacters fall across the 32-byte chunks.
        #[test]
        fn noncharacters_are_found_as_reading_every_character_finds_them(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::Just("\u{FDD0}".to_string()),
                    proptest::prelude::Just("\u{FFFE}".to_string()),
                    proptest::prelude::Just("\u{1FFFF}".to_string()),
                    proptest::prelude::Just("\u{10FFFF}".to_string()),
                    proptest::prelude::Just("\u{FEFF}\u{FDCF}\u{FDF0}\u{FFFD}😀".to_string()),
                    "[क-ह a-z,।]{0,40}",
                    proptest::prelude::any::<String>(),
                ],
                0..12,
            )
        ) {
            let text: String = parts.concat();
            let expected: String = text.chars().filter(|&c| !is_noncharacter(c)).collect();
            proptest::prop_assert_eq!(
                has_noncharacter(&text),
                text.chars().any(is_noncharacter)
            );
            proptest::prop_assert_eq!(strip_noncharacters(&text), expected.as_str());
            proptest::prop_assert_eq!(without_noncharacters(text), expected);
        }
    }

    #[test]
    fn a_field_value_carries_a_mark_only_for_a_language_that_needs_one() {
        assert_eq!(field_text_owned("hi", "लेख".into()), "लेख");
        assert_eq!(field_text_owned("", "लेख".into()), "लेख");
        let marathi = field_text_owned("mr", "लेख".into());
        assert_eq!(marathi, field_text("mr", "लेख"));
        assert_ne!(marathi, "लेख");
        assert_eq!(text_of_field(&marathi), "लेख");
    }

    #[test]
    fn forged_marks_are_stripped() {
        let forged = format!("{MARK_OPEN}mr{MARK_CLOSE}text");
        assert_eq!(split_mark(&forged), (Some("mr"), "text"));
        assert_eq!(strip_noncharacters(&forged), "mrtext");
        assert_eq!(split_mark(&strip_noncharacters(&forged)), (None, "mrtext"));
    }

    #[test]
    fn only_hindi_is_stemmed_as_hindi() {
        assert!(LanguageRoute::for_language(None).hindi_stemming);
        assert!(!LanguageRoute::for_language(Some("mr")).hindi_stemming);
    }

    #[test]
    fn a_word_is_analyzed_as_the_texts_language_only_in_its_script() {
        let mr = LanguageRoute::for_language(Some("mr"));
        let code = |i: Option<usize>| i.map(|i| LANGUAGES[i].code);
        assert_eq!(code(mr.language_of(Script::Devanagari)), Some("mr"));
        assert_eq!(code(mr.language_of(Script::Bengali)), Some("bn"));
        let as_ = LanguageRoute::for_language(Some("as"));
        assert_eq!(code(as_.language_of(Script::Bengali)), Some("as"));
        assert_eq!(
            code(LanguageRoute::for_language(None).language_of(Script::Arabic)),
            Some("ur")
        );
        assert_eq!(
            LanguageRoute::for_language(None).language_of(Script::Latin),
            None
        );
    }

    #[test]
    fn every_language_has_a_suffix_list_but_hindi() {
        for l in LANGUAGES {
            assert_eq!(l.suffixes.is_none(), l.code == "hi", "{}", l.code);
            let entries = l
                .suffixes
                .unwrap_or("")
                .lines()
                .filter(|x| !x.trim().is_empty() && !x.starts_with('#'))
                .count();
            assert!(
                l.code == "hi" || entries >= 10,
                "{}: {entries} suffixes",
                l.code
            );
        }
    }
}
