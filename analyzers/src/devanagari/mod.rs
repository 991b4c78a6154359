//! The Devanagari chain: normalization for every language written in Devanagari
//! (Hindi, Marathi, Nepali, Sanskrit …), then stemming for Hindi.

pub mod normalizer;
mod per_char;
pub mod scan;
pub mod stemmer;

pub use normalizer::{fold_tail, DevanagariNormalizer, DevanagariOptions, Spelling};
pub use scan::{scan_word, DevanagariScan};
pub use stemmer::HindiStemmer;
