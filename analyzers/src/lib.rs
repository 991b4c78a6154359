//! Text analysis for khoj: the words of a text, folded so that every spelling of a word
//! meets, for Hindi first and for every other script too.
//!
//! The pipeline, one module per stage:
//!
//! 1. Segmentation ([`Segmenter`]): words by Unicode word boundaries, with fast paths for
//!    ASCII and Devanagari; byte offsets into the original text; positions count words.
//! 2. Script routing ([`Script`]): each word routed by its script; runs of Chinese, Japanese
//!    and Korean go to lindera's morphological analyzers ([`CjkSegmenters`]).
//! 3. Normalization: [`DevanagariNormalizer`] for Devanagari (NFC, nukta, chandrabindu, half
//!    nasals, joiners, candra vowels, vowel spellings, digits); lowercase and ASCII folding
//!    for Latin; lowercase for the rest.
//! 4. Stopwords: Hindi and English lists, kept as data in `analyzers/data/`.
//! 5. Stemming: [`HindiStemmer`] for Hindi, Snowball English for Latin, and for the other
//!    Indian languages a word's first characters ([`RECALL_PREFIX_CHARS`], truncation) less
//!    the suffixes of their lists ([`SuffixStemmer`]) found at their end.
//!
//! [`Analyzer`] runs the pipeline, for a text in a language the caller names, and as a
//! tantivy tokenizer; [`register`] makes it known to an index under the names below.
//! [`SkeletonHasher`] hashes words reduced to their letters for near-duplicate detection, and
//! [`phonetic_key`] lets a word typed in Roman letters meet its Devanagari spelling.
//!
//! ```
//! use khoj_analyzers::{Analyzer, Forms};
//! let tokens = Analyzer::default().analyze(Some("hi"), "हिन्दी और हिंदी", Forms::Recall);
//! assert_eq!(tokens[0].text, tokens[1].text);
//! ```
//!
//! The modules are private; what callers need is re-exported here.

mod analyzer;
mod arabic_words;
mod block_bytes;
mod brahmic_words;
mod certain_break;
mod cjk;
mod devanagari;
mod indic;
mod language;
mod latin;
mod phonetic;
mod recall_prefix;
mod script;
mod segmenter;
mod shingles;
mod skeleton;
mod stopwords;
mod tables;
mod token_stream;
mod word_bytes;

pub use analyzer::{AnalyzedToken, Analyzer};
pub use brahmic_words::BrahmicScan;
pub use cjk::{may_hold_cjk, CjkLanguage, CjkSegmenters};
pub use devanagari::{DevanagariNormalizer, DevanagariOptions, HindiStemmer, Spelling};
pub use indic::{
    ExactForm, IndicNormalizer, IndicRule, SuffixStemmer, INDIC_RULES, MIN_STEM_CHARS,
};
pub use language::{
    field_text, field_text_owned, other_languages_of, script_language, strip_noncharacters,
    text_of_field, without_noncharacters, Language, LANGUAGES,
};
pub use phonetic::{
    annotate, is_brahmic, phonetic_key, roman_key, to_devanagari, transliterate, voiceless_key,
};
pub use recall_prefix::RECALL_PREFIX_CHARS;
pub use script::{is_devanagari, script_of_char, script_of_word, Script};
pub use segmenter::{Segmenter, Word, WordKind, MAX_WORD_CHARS};
pub use shingles::{hash, mix};
pub use skeleton::SkeletonHasher;
pub use tables::{AnalyzerOptions, Forms, EXACT_PREFIX};
pub use token_stream::KhojTokenizer;

use tantivy::tokenizer::TokenizerManager;

/// The index analyzer: recall forms (normalized, stemmed) with exact forms stacked on them
/// ([`Forms::Both`]). Use it for the indexed text fields.
pub const KHOJ: &str = "khoj";
/// Recall forms only ([`Forms::Recall`]): normalized and stemmed, for recall.
pub const KHOJ_STEM: &str = "khoj_stem";
/// Exact forms only, without stemming ([`Forms::Exact`]), for exact-form boosts.
pub const KHOJ_EXACT: &str = "khoj_exact";
/// [`KHOJ`] with Chinese, Japanese and Korean text as character bigrams, whatever
/// dictionaries are loaded ([`Analyzer::bigram_view`]): the second view of CJK articles.
pub const KHOJ_CJK_BIGRAMS: &str = "khoj_cjk_bigrams";

/// Registers the khoj analyzers built with `analyzer`'s options and dictionaries under
/// [`KHOJ`], [`KHOJ_STEM`], [`KHOJ_EXACT`], and `bigram_view` (made by
/// [`Analyzer::bigram_view`]) under [`KHOJ_CJK_BIGRAMS`].
///
/// A text handed to these tokenizers through a tantivy field is analyzed as the language
/// [`field_text`] marked it with.
///
/// ```
/// use khoj_analyzers::{Analyzer, KHOJ};
/// let manager = tantivy::tokenizer::TokenizerManager::default();
/// let analyzer = Analyzer::default();
/// khoj_analyzers::register(&manager, &analyzer, &analyzer.bigram_view());
/// assert!(manager.get(KHOJ).is_some());
/// ```
pub fn register(manager: &TokenizerManager, analyzer: &Analyzer, bigram_view: &Analyzer) {
    manager.register(KHOJ, analyzer.tokenizer(Forms::Both));
    manager.register(KHOJ_STEM, analyzer.tokenizer(Forms::Recall));
    manager.register(KHOJ_EXACT, analyzer.tokenizer(Forms::Exact));
    manager.register(KHOJ_CJK_BIGRAMS, bigram_view.tokenizer(Forms::Both));
}
