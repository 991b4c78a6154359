//! The Devanagari chain: normalization for every language written in Devanagari
//! (Hindi, Marathi, Nepali, Sanskrit …), then stemming for Hindi.
//!
//! `chars` holds the characters the rules are made of (a leaf); `scan` classifies a word's
//! characters in the segmenter's pass; `normalizer` (with its per-character path,
//! `per_char`) applies the rules; `stemmer` strips Hindi suffixes.

mod chars;
mod normalizer;
mod per_char;
mod scan;
mod stemmer;

#[cfg(test)]
pub(crate) use chars::fold_vowel_length;
pub(crate) use chars::{is_zero_width_joiner, needs_nfc_char, NUKTA};
pub use normalizer::{DevanagariNormalizer, DevanagariOptions, Spelling};
pub(crate) use scan::{pack_word, scan_word, DevanagariScan};
pub use stemmer::HindiStemmer;
#[cfg(test)]
pub(crate) use stemmer::SUFFIXES;
