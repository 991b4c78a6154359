//! Chinese, Japanese and Korean, through lindera's morphological analyzers: IPADIC for
//! Japanese, mecab-ko-dic for Korean, jieba for Chinese.
//!
//! The segmenter hands over runs of Han, kana and Hangul characters; [`CjkSegmenters`]
//! cuts each run into morphemes with the language's dictionary and drops particles and
//! endings as Lucene's Kuromoji and Nori analyzers do ([`pos`]). Japanese morphemes are
//! indexed by their base form, width-folded (NFKC); Latin letters are lowercased.
//! Without a dictionary for a language its text falls back to overlapping character
//! bigrams ([`bigram`]), and khoj logs once that it did.
//!
//! Dictionaries come from a folder holding `lindera-ipadic/`, `lindera-ko-dic/` and
//! `lindera-jieba/` ([`CjkSegmenters::from_dir`]), or are embedded in the binary with the
//! cargo feature `embed-cjk` ([`CjkSegmenters::load`]); the caller chooses, and hands them
//! to [`crate::Analyzer::with_cjk`].

mod bigram;
mod pos;

pub use bigram::may_hold_cjk;

use std::borrow::Cow;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use lindera::dictionary::load_fs_dictionary;
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use lindera::token::Token;
use lindera_dictionary::dictionary::DetailFields;
use lindera_dictionary::viterbi::Lattice;
use unicode_normalization::UnicodeNormalization;

use crate::script::{is_han, is_hangul, is_kana};

/// A language of the CJK family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CjkLanguage {
    /// Japanese (IPADIC).
    Japanese,
    /// Korean (mecab-ko-dic).
    Korean,
    /// Chinese (jieba).
    Chinese,
}

impl CjkLanguage {
    /// All three.
    pub const ALL: [CjkLanguage; 3] = [
        CjkLanguage::Japanese,
        CjkLanguage::Korean,
        CjkLanguage::Chinese,
    ];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            CjkLanguage::Japanese => "ja",
            CjkLanguage::Korean => "ko",
            CjkLanguage::Chinese => "zh",
        }
    }

    /// The language of an ISO 639-1 code, if it is one of the three.
    pub fn from_code(code: &str) -> Option<CjkLanguage> {
        CjkLanguage::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The folder of the language's dictionary in a dictionary folder.
    pub fn dictionary_folder(self) -> &'static str {
        match self {
            CjkLanguage::Japanese => "lindera-ipadic",
            CjkLanguage::Korean => "lindera-ko-dic",
            CjkLanguage::Chinese => "lindera-jieba",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The language of a run of CJK characters: Hangul → Korean; kana → Japanese; Han alone →
/// `han`'s language (Japanese in an article marked `ja`, else Chinese).
pub fn language_of_run(run: &str, han: CjkLanguage) -> CjkLanguage {
    let mut kana = false;
    for c in run.chars() {
        if is_hangul(c) {
            return CjkLanguage::Korean;
        }
        kana |= is_kana(c);
    }
    if kana {
        CjkLanguage::Japanese
    } else {
        han
    }
}

/// Whether `c` belongs in a CJK run.
#[inline]
pub fn is_cjk_char(c: char) -> bool {
    is_han(c) || is_kana(c) || is_hangul(c)
}

/// One morpheme of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CjkToken {
    /// Byte range in the run.
    pub from: usize,
    /// End of the byte range.
    pub to: usize,
    /// Position within the run (dropped morphemes keep their positions counted).
    pub position: usize,
    /// The recall form (Japanese: base form; NFKC; lowercase).
    pub recall: String,
    /// The exact form (the surface; NFKC; lowercase).
    pub exact: String,
}

/// The loaded dictionaries (any of the three may be missing).
#[derive(Clone, Default)]
pub struct CjkSegmenters {
    segmenters: [Option<Arc<Segmenter>>; 3],
    /// Bigrams by design ([`CjkSegmenters::bigrams_only`]): nothing to log.
    bigrams_by_design: bool,
}

impl std::fmt::Debug for CjkSegmenters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CjkSegmenters({:?})", self.available())
    }
}

static FALLBACK_LOGGED: [AtomicBool; 3] = [
    AtomicBool::new(false),
    AtomicBool::new(false),
    AtomicBool::new(false),
];

impl CjkSegmenters {
    /// No dictionary: every CJK run becomes bigrams.
    pub fn none() -> CjkSegmenters {
        CjkSegmenters::default()
    }

    /// Bigrams for every CJK run on purpose, whatever dictionaries exist (the bigram view
    /// of [`crate::Analyzer::bigram_view`]): like [`none`](Self::none), without logging
    /// that a dictionary is missing.
    pub fn bigrams_only() -> CjkSegmenters {
        CjkSegmenters {
            bigrams_by_design: true,
            ..CjkSegmenters::default()
        }
    }

    /// Loads the dictionaries found in `dir` (`lindera-ipadic/`, `lindera-ko-dic/`,
    /// `lindera-jieba/`); a missing or broken one is logged and left out.
    pub fn from_dir(dir: &Path) -> CjkSegmenters {
        let mut s = CjkSegmenters::none();
        for lang in CjkLanguage::ALL {
            let path = dir.join(lang.dictionary_folder());
            if !path.join("metadata.json").exists() {
                continue;
            }
            match load_fs_dictionary(&path) {
                Ok(dict) => {
                    s.segmenters[lang.index()] =
                        Some(Arc::new(Segmenter::new(Mode::Normal, dict, None)))
                }
                Err(e) => tracing::warn!(
                    "could not load the {} dictionary from {}: {e}",
                    lang.code(),
                    path.display()
                ),
            }
        }
        s
    }

    /// The dictionaries embedded in the binary (cargo feature `embed-cjk`).
    #[cfg(feature = "embed-cjk")]
    pub fn embedded() -> CjkSegmenters {
        let mut s = CjkSegmenters::none();
        for (lang, uri) in [
            (CjkLanguage::Japanese, "embedded://ipadic"),
            (CjkLanguage::Korean, "embedded://ko-dic"),
            (CjkLanguage::Chinese, "embedded://jieba"),
        ] {
            match lindera::dictionary::load_dictionary(uri) {
                Ok(dict) => {
                    s.segmenters[lang.index()] =
                        Some(Arc::new(Segmenter::new(Mode::Normal, dict, None)))
                }
                Err(e) => tracing::warn!(
                    "could not load the embedded {} dictionary: {e}",
                    lang.code()
                ),
            }
        }
        s
    }

    /// The dictionaries of `dir` when one is given and holds any, else the embedded ones
    /// (feature `embed-cjk`), else none.
    pub fn load(dir: Option<&Path>) -> CjkSegmenters {
        let from_dir = dir.map(CjkSegmenters::from_dir);
        #[cfg(feature = "embed-cjk")]
        let s = from_dir
            .filter(|s| !s.available().is_empty())
            .unwrap_or_else(CjkSegmenters::embedded);
        #[cfg(not(feature = "embed-cjk"))]
        let s = from_dir.unwrap_or_default();
        if let (Some(dir), true) = (dir, s.available().is_empty()) {
            tracing::warn!(
                "no lindera dictionary in {} (it should hold lindera-ipadic/, lindera-ko-dic/ or lindera-jieba/)",
                dir.display()
            );
        }
        s
    }

    /// These dictionaries with `segmenter` for `lang` (e.g. one built in a test).
    pub fn with(mut self, lang: CjkLanguage, segmenter: Segmenter) -> CjkSegmenters {
        self.segmenters[lang.index()] = Some(Arc::new(segmenter));
        self
    }

    /// The languages that have a dictionary.
    pub fn available(&self) -> Vec<&'static str> {
        CjkLanguage::ALL
            .into_iter()
            .filter(|l| self.segmenters[l.index()].is_some())
            .map(CjkLanguage::code)
            .collect()
    }

    /// Cuts a run of CJK characters of `lang` into morphemes (or bigrams, without its
    /// dictionary), appending them to `out`; returns how many positions the run takes.
    pub fn analyze_run(&self, lang: CjkLanguage, run: &str, out: &mut Vec<CjkToken>) -> usize {
        match &self.segmenters[lang.index()] {
            Some(segmenter) => morphemes(segmenter, lang, run, out),
            None => {
                if !self.bigrams_by_design
                    && !FALLBACK_LOGGED[lang.index()].swap(true, Ordering::Relaxed)
                {
                    tracing::info!(
                        "no {} dictionary (--dict-dir, KHOJ_DICT_DIR): {} text is analyzed as character bigrams",
                        lang.dictionary_folder(),
                        lang.code()
                    );
                }
                let pairs = bigrams_of(run, out);
                pairs.max(1)
            }
        }
    }
}

fn fold(s: &str, nfkc: bool) -> String {
    // Han, hiragana, full-width katakana and Hangul syllables are their own NFKC and have
    // no case: the common case needs no work.
    let plain = s.chars().all(|c| matches!(c, '\u{3041}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}'));
    if plain {
        s.to_string()
    } else if nfkc {
        s.nfkc().flat_map(char::to_lowercase).collect()
    } else {
        s.chars().flat_map(char::to_lowercase).collect()
    }
}

/// The dictionary fields of a morpheme, read in place (`Token::details` would first copy
/// them all into a vector).
fn details<'a>(t: &Token<'a>) -> DetailFields<'a> {
    let id = t.word_id.id() as usize;
    if t.word_id.is_unknown() {
        t.dictionary.unknown_word_details_iter(id)
    } else if t.word_id.is_system() {
        t.dictionary.word_details_iter(id)
    } else {
        match t.user_dictionary {
            Some(user) => user.word_details_iter(id),
            None => DetailFields::unk(),
        }
    }
}

fn bigrams_of(run: &str, out: &mut Vec<CjkToken>) -> usize {
    let pairs = bigram::bigrams(run);
    for (k, &(a, b)) in pairs.iter().enumerate() {
        let text = fold(&run[a..b], true);
        out.push(CjkToken {
            from: a,
            to: b,
            position: k,
            recall: text.clone(),
            exact: text,
        });
    }
    pairs.len()
}

fn morphemes(
    segmenter: &Segmenter,
    lang: CjkLanguage,
    run: &str,
    out: &mut Vec<CjkToken>,
) -> usize {
    thread_local! {
        // One lattice per thread, reused: lindera allocates a fresh one per call otherwise.
        static LATTICE: std::cell::RefCell<Lattice> = std::cell::RefCell::new(Lattice::default());
    }
    let segmented = LATTICE.with(|lattice| match lattice.try_borrow_mut() {
        Ok(mut lattice) => segmenter.segment_with_lattice(Cow::Borrowed(run), &mut lattice),
        Err(_) => segmenter.segment(Cow::Borrowed(run)),
    });
    let tokens = match segmented {
        Ok(t) => t,
        Err(e) => {
            tracing::warn!(
                "lindera failed on a {} run ({e}); using bigrams",
                lang.code()
            );
            return bigrams_of(run, out).max(1);
        }
    };
    let n = tokens.len();
    for (k, t) in tokens.iter().enumerate() {
        let (from, to) = (t.byte_start, t.byte_end);
        let surface = &run[from..to];
        if !surface.chars().any(char::is_alphanumeric) {
            continue;
        }
        let mut fields = details(t);
        let pos = fields.next().unwrap_or("*");
        let recall = match lang {
            CjkLanguage::Japanese => {
                // IPADIC: 品詞, 品詞細分類1-3, 活用型, 活用形, 基本形, …
                let pos1 = fields.next().unwrap_or("*");
                if pos::japanese_dropped(pos, pos1) {
                    continue;
                }
                let base = fields
                    .nth(4)
                    .filter(|b| *b != "*" && !b.is_empty())
                    .unwrap_or(surface);
                pos::katakana_stem(&fold(base, true)).to_string()
            }
            CjkLanguage::Korean => {
                if pos::korean_dropped(pos) {
                    continue;
                }
                fold(surface, false)
            }
            CjkLanguage::Chinese => {
                if pos::chinese_dropped(pos) {
                    continue;
                }
                fold(surface, true)
            }
        };
        let exact = fold(
            surface,
            lang == CjkLanguage::Japanese || lang == CjkLanguage::Chinese,
        );
        // A long Chinese word also gives the bigrams inside it, at its position (as jieba's
        // search mode does), so that a query that cuts the compound differently still meets it.
        let sub = if lang == CjkLanguage::Chinese && recall.chars().count() >= 3 {
            bigram::bigrams(&recall)
        } else {
            Vec::new()
        };
        let word = recall.clone();
        out.push(CjkToken {
            from,
            to,
            position: k,
            recall,
            exact,
        });
        for (a, b) in sub {
            out.push(CjkToken {
                from,
                to,
                position: k,
                recall: word[a..b].to_string(),
                exact: word[a..b].to_string(),
            });
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_route_by_script_and_article_language() {
        assert_eq!(
            language_of_run("서울", CjkLanguage::Chinese),
            CjkLanguage::Korean
        );
        assert_eq!(
            language_of_run("東京タワー", CjkLanguage::Chinese),
            CjkLanguage::Japanese
        );
        assert_eq!(
            language_of_run("東京", CjkLanguage::Chinese),
            CjkLanguage::Chinese
        );
        assert_eq!(
            language_of_run("東京", CjkLanguage::Japanese),
            CjkLanguage::Japanese
        );
    }

    #[cfg(feature = "embed-cjk")]
    #[test]
    fn embedded_dictionaries_load_and_segment() {
        let s = CjkSegmenters::embedded();
        assert_eq!(s.available(), ["ja", "ko", "zh"]);
        let mut out = Vec::new();
        s.analyze_run(CjkLanguage::Japanese, "東京タワーに行きました", &mut out);
        let words: Vec<&str> = out.iter().map(|t| t.recall.as_str()).collect();
        assert_eq!(words, ["東京", "タワー", "行く"]);
    }

    #[test]
    fn without_a_dictionary_runs_become_bigrams() {
        let s = CjkSegmenters::none();
        let mut out = Vec::new();
        let n = s.analyze_run(CjkLanguage::Chinese, "北京大学", &mut out);
        assert_eq!(n, 3);
        let texts: Vec<&str> = out.iter().map(|t| t.recall.as_str()).collect();
        assert_eq!(texts, ["北京", "京大", "大学"]);
    }
}
