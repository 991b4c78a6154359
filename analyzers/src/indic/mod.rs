//! The Indian languages after Hindi: Bengali, Assamese, Punjabi, Gujarati, Odia, Tamil,
//! Telugu, Kannada, Malayalam and Urdu in their own scripts, and Marathi, Nepali and
//! Sanskrit in Devanagari.
//!
//! Two stages, each its own module, in the style of the Devanagari chain:
//! [`IndicNormalizer`] (one spelling for the variants a keyboard or a CMS produces) and
//! [`SuffixStemmer`] (each language's inflectional suffixes, from the lists in
//! `analyzers/data/`), which the analyzer runs on a word's first characters
//! (`crate::recall_prefix`). Which language a word is analyzed as is decided by
//! [`crate::language`]: the article's language when it is written in the word's script,
//! else the script's first language.

mod normalizer;
mod rules;
mod stemmer;

pub use normalizer::{ExactForm, IndicNormalizer};
pub(crate) use normalizer::{FIRST, LOUD, MARK, REPLACED, SECOND};
pub use rules::{IndicRule, INDIC_RULES};
pub use stemmer::{SuffixStemmer, MIN_STEM_CHARS};
