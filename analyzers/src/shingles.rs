//! Word hashes for near-duplicate detection: the words of a text as the analyzer makes
//! them, without stemming (so that nukta, anusvara and vowel-length respellings, case and
//! accents do not count as changes), stopwords left out, each as a 64-bit hash.
//!
//! ```
//! use khoj_analyzers::{Analyzer, WordHasher};
//! let h = WordHasher::new(&Analyzer::default());
//! let a: Vec<u64> = h.hashes(Some("hi"), "हिन्दी की ख़बर", 100);
//! let b: Vec<u64> = h.hashes(Some("hi"), "हिंदी की खबर", 100);
//! assert_eq!(a, b);
//! assert_eq!(a.len(), 2); // की is a stopword
//! ```

use tantivy::tokenizer::TokenStream;

use crate::{Analyzer, AnalyzerOptions, CjkSegmenters, Forms};

/// Hashes the normalized words of texts.
#[derive(Debug, Clone)]
pub struct WordHasher {
    /// The analyzer's chain without stemming; Chinese, Japanese and Korean as bigrams (no
    /// dictionary work for a fingerprint).
    words: Analyzer,
}

impl Default for WordHasher {
    fn default() -> Self {
        WordHasher::new(&Analyzer::default())
    }
}

impl WordHasher {
    /// A hasher of the words `analyzer` makes (its normalization and stopwords), unstemmed.
    pub fn new(analyzer: &Analyzer) -> Self {
        let options = AnalyzerOptions {
            stemming: false,
            ..analyzer.options()
        };
        WordHasher {
            words: Analyzer::with_cjk(options, CjkSegmenters::bigrams_only()),
        }
    }

    /// The hashes of the first `max_words` words of `text` (in `lang`) that are not
    /// stopwords.
    pub fn hashes(&self, lang: Option<&str>, text: &str, max_words: usize) -> Vec<u64> {
        let mut out = Vec::with_capacity(max_words.min(1024));
        let mut stream = self.words.stream(lang, text, Forms::Recall);
        while out.len() < max_words && stream.advance() {
            out.push(hash(stream.token().text.as_bytes()));
        }
        out
    }
}

/// A fast 64-bit hash of bytes (8 at a time, multiply-rotate, then a final mix).
#[inline]
pub fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ v).wrapping_mul(K).rotate_left(29);
    }
    let mut tail = 0u64;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        tail |= (b as u64) << (8 * i);
    }
    mix(h ^ tail)
}

/// A 64-bit finalizer (from MurmurHash3).
#[inline]
pub fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_after_max_words() {
        let h = WordHasher::default();
        assert_eq!(h.hashes(Some("hi"), "एक दो तीन चार पांच छह", 3).len(), 3);
        assert_ne!(hash(b"abc"), hash(b"abd"));
        assert_eq!(
            h.hashes(Some("en"), "Running TEXT", 9),
            h.hashes(Some("en"), "running text", 9)
        );
    }

    #[test]
    fn words_are_the_analyzers_unstemmed() {
        let h = WordHasher::default();
        // accents fold as the analyzer folds them, and English stopwords go
        assert_eq!(
            h.hashes(Some("en"), "the Café", 9),
            h.hashes(Some("en"), "cafe", 9)
        );
        // not stemmed: two inflections stay two words
        assert_ne!(
            h.hashes(Some("hi"), "किताबें", 9),
            h.hashes(Some("hi"), "किताब", 9)
        );
        // a stopword written with a long vowel is still a stopword (the analyzer's table)
        assert!(h.hashes(Some("hi"), "की", 9).is_empty());
    }
}
