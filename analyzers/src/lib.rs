//! Text analysis for khoj: the words of a text, folded so that every spelling of a word
//! meets, for Hindi first and for every other script too.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`segmenter`]: words by Unicode word boundaries, with fast paths for ASCII and
//!    Devanagari; byte offsets into the original text; positions count words.
//! 2. [`script`]: each word routed by its script; runs of Chinese, Japanese and Korean go
//!    to lindera's morphological analyzers ([`cjk`]).
//! 3. Normalization: [`devanagari::DevanagariNormalizer`] for Devanagari (NFC, nukta,
//!    chandrabindu, half nasals, joiners, candra vowels, vowel spellings, digits);
//!    lowercase and ASCII folding for Latin ([`latin`]); lowercase for the rest.
//! 4. [`stopwords`]: Hindi and English lists, kept as data.
//! 5. Stemming: [`devanagari::HindiStemmer`] for Hindi, Snowball English for Latin.
//!
//! [`analyzer`] runs the pipeline as a tantivy tokenizer; [`register`] makes it known to
//! an index under the names below.
//!
//! ```
//! use khoj_analyzers::{Analyzer, Forms};
//! let tokens = Analyzer::default().tokens("हिन्दी और हिंदी", Forms::Recall);
//! assert_eq!(tokens[0].text, tokens[1].text);
//! ```

pub mod analyzer;
pub mod cjk;
pub mod devanagari;
pub mod language;
pub mod latin;
pub mod phonetic;
pub mod script;
pub mod segmenter;
pub mod shingles;
pub mod stopwords;
pub mod word_bytes;

pub use analyzer::{AnalyzedToken, Analyzer, AnalyzerOptions, Forms, KhojTokenizer, EXACT_PREFIX};

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

/// Registers the khoj analyzers, with default options, under [`KHOJ`], [`KHOJ_STEM`],
/// [`KHOJ_EXACT`] and [`KHOJ_CJK_BIGRAMS`].
///
/// ```
/// let manager = tantivy::tokenizer::TokenizerManager::default();
/// khoj_analyzers::register(&manager);
/// assert!(manager.get(khoj_analyzers::KHOJ).is_some());
/// ```
pub fn register(manager: &TokenizerManager) {
    register_with(manager, &Analyzer::default());
}

/// Registers the khoj analyzers built with `analyzer`'s options, and its bigram view
/// under [`KHOJ_CJK_BIGRAMS`].
pub fn register_with(manager: &TokenizerManager, analyzer: &Analyzer) {
    register_views(manager, analyzer, &analyzer.bigram_view());
}

/// [`register_with`] for a caller that keeps the bigram view it made
/// ([`Analyzer::bigram_view`]).
pub fn register_views(manager: &TokenizerManager, analyzer: &Analyzer, bigram_view: &Analyzer) {
    manager.register(KHOJ, analyzer.tokenizer(Forms::Both));
    manager.register(KHOJ_STEM, analyzer.tokenizer(Forms::Recall));
    manager.register(KHOJ_EXACT, analyzer.tokenizer(Forms::Exact));
    manager.register(KHOJ_CJK_BIGRAMS, bigram_view.tokenizer(Forms::Both));
}
