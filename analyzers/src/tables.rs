//! What an analysis reads: its options, the forms of each word asked for, and the tables
//! built once from the options (normalizers, stemmers, stopword lists, CJK dictionaries),
//! shared by every token stream of an [`Analyzer`](crate::Analyzer).

use crate::cjk::CjkSegmenters;
use crate::devanagari::{DevanagariNormalizer, DevanagariOptions, HindiStemmer};
use crate::indic::{IndicNormalizer, SuffixStemmer};
use crate::language::LANGUAGES;
use crate::latin::EnglishStemmer;
use crate::script::Script;
use crate::stopwords::{self, StopWords};

/// Marks an exact-form token stacked on a recall-form token: `=किताबें` over `किताब`.
/// No word contains it, since `=` is punctuation to the segmenter.
pub const EXACT_PREFIX: char = '=';

/// Everything about the analysis that can be configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AnalyzerOptions {
    /// The contested Devanagari rules.
    pub devanagari: DevanagariOptions,
    /// Stem Hindi and English words, and the other Indian languages' (their suffix lists and
    /// `recall_prefix_chars`).
    pub stemming: bool,
    /// Drop Hindi and English stopwords (their positions stay counted).
    pub stopwords: bool,
    /// With `stemming`, the recall form of a word of an Indian language other than Hindi
    /// (Marathi, Nepali, Sanskrit, Bengali … Malayalam, Urdu): its first this many characters
    /// (code points: a vowel sign or a virama is one; [`RECALL_PREFIX_CHARS`] by default; 0:
    /// not cut), less the suffixes of its language's list found at their end. A word with
    /// digits is not cut.
    ///
    /// [`RECALL_PREFIX_CHARS`]: crate::RECALL_PREFIX_CHARS
    pub recall_prefix_chars: u8,
}

impl Default for AnalyzerOptions {
    fn default() -> Self {
        AnalyzerOptions {
            devanagari: DevanagariOptions::default(),
            stemming: true,
            stopwords: true,
            recall_prefix_chars: crate::recall_prefix::RECALL_PREFIX_CHARS,
        }
    }
}

impl AnalyzerOptions {
    /// The characters a word of an Indian language other than Hindi keeps as its recall
    /// form, when words are cut at all (with `stemming`, and `recall_prefix_chars` not 0).
    pub fn recall_prefix(&self) -> Option<usize> {
        (self.stemming && self.recall_prefix_chars > 0)
            .then_some(usize::from(self.recall_prefix_chars))
    }
}

/// Which forms of each word become tokens. Each word gives a *recall form* (normalized and
/// stemmed) and an *exact form* (the word as written: NFC, lowercase, without ZWJ/ZWNJ):
///
/// * [`Forms::Both`], for indexing: the recall form, and at the same position the exact
///   form prefixed with [`EXACT_PREFIX`] when it differs. One field then serves both
///   recall and exact-form boosts, without a second copy of the text.
/// * [`Forms::Recall`]: recall forms only (queries, for recall).
/// * [`Forms::Exact`]: for each word the one indexed term that marks its exact form: the
///   prefixed exact form, or the recall form when the two are equal (queries, for boosts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forms {
    /// Recall forms only.
    Recall,
    /// The indexed term marking each word's exact form.
    Exact,
    /// Recall forms, with differing exact forms stacked at the same position.
    Both,
}

/// The tables an analysis needs, built once and shared.
#[derive(Debug)]
pub(crate) struct Tables {
    pub(crate) cjk: CjkSegmenters,
    pub(crate) options: AnalyzerOptions,
    pub(crate) devanagari: DevanagariNormalizer,
    pub(crate) hindi_stemmer: HindiStemmer,
    pub(crate) english_stemmer: EnglishStemmer,
    pub(crate) hindi_stopwords: StopWords,
    pub(crate) english_stopwords: StopWords,
    pub(crate) indic: IndicNormalizer,
    /// By language of [`LANGUAGES`]: its suffix stemmer (empty for Hindi, which has its own).
    pub(crate) suffix_stemmers: Vec<SuffixStemmer>,
    /// By language of [`LANGUAGES`]: its own stopwords (empty where there is no list, and
    /// for Hindi, whose list is `hindi_stopwords`).
    pub(crate) language_stopwords: Vec<StopWords>,
}

impl Tables {
    /// The tables for `options`, with the CJK dictionaries of `cjk`.
    pub(crate) fn new(options: AnalyzerOptions, cjk: CjkSegmenters) -> Self {
        let devanagari = DevanagariNormalizer::new(options.devanagari);
        let empty = StopWords::default();
        let (hindi_stopwords, english_stopwords) = if options.stopwords {
            (
                StopWords::parse(stopwords::HINDI, |w| devanagari.normalize(w))
                    .with_spellings(|w| devanagari.vowel_length_spellings(w)),
                StopWords::parse(stopwords::ENGLISH, str::to_string),
            )
        } else {
            (empty.clone(), empty)
        };
        let indic = IndicNormalizer::new();
        let suffix_stemmers = LANGUAGES
            .iter()
            .map(|l| {
                let list = l.suffixes.unwrap_or("");
                match l.script {
                    // a suffix is normalized as the end of a word (after a consonant)
                    Script::Devanagari => SuffixStemmer::parse(list, |s| {
                        let word = devanagari.normalize(&format!("क{s}"));
                        word.strip_prefix('क').unwrap_or(&word).to_string()
                    }),
                    script => SuffixStemmer::parse(list, |s| indic.normalize(s, script)),
                }
            })
            .collect();
        let language_stopwords = LANGUAGES
            .iter()
            .map(|l| match (l.stopwords, options.stopwords, l.script) {
                (Some(list), true, Script::Devanagari) => {
                    StopWords::parse(list, |w| devanagari.normalize(w))
                }
                (Some(list), true, script) => {
                    StopWords::parse(list, |w| indic.normalize(w, script))
                }
                _ => StopWords::default(),
            })
            .collect();
        Tables {
            cjk,
            options,
            indic,
            suffix_stemmers,
            language_stopwords,
            hindi_stemmer: HindiStemmer::new(&devanagari),
            devanagari,
            english_stemmer: EnglishStemmer::new(),
            hindi_stopwords,
            english_stopwords,
        }
    }
}
