//! Word hashes for near-duplicate detection: the words of a text, normalized as the
//! analyzer normalizes them (so that nukta, anusvara and vowel-length spelling changes do
//! not count as changes), stopwords left out, each as a 64-bit hash. Cheaper than the full
//! analysis: no stemming, no tokens.
//!
//! ```
//! use khoj_analyzers::shingles::WordHasher;
//! let h = WordHasher::default();
//! let a: Vec<u64> = h.hashes("हिन्दी की ख़बर", 100);
//! let b: Vec<u64> = h.hashes("हिंदी की खबर", 100);
//! assert_eq!(a, b);
//! assert_eq!(a.len(), 2); // की is a stopword
//! ```

use crate::devanagari::normalizer::fold_tail;
use crate::devanagari::scan::pack_word;
use crate::devanagari::{DevanagariNormalizer, Spelling};
use crate::segmenter::{Segmenter, WordKind};
use crate::stopwords::{self, StopWords};

/// Hashes the normalized words of texts.
#[derive(Debug, Clone)]
pub struct WordHasher {
    normalizer: DevanagariNormalizer,
    hindi_stopwords: StopWords,
    english_stopwords: StopWords,
}

impl Default for WordHasher {
    fn default() -> Self {
        let normalizer = DevanagariNormalizer::default();
        WordHasher {
            hindi_stopwords: StopWords::parse(stopwords::HINDI, |w| normalizer.normalize(w)),
            english_stopwords: StopWords::parse(stopwords::ENGLISH, str::to_string),
            normalizer,
        }
    }
}

impl WordHasher {
    /// One hasher with the default normalization, built once and shared.
    pub fn shared() -> &'static WordHasher {
        static SHARED: std::sync::OnceLock<WordHasher> = std::sync::OnceLock::new();
        SHARED.get_or_init(WordHasher::default)
    }

    /// The hashes of the first `max_words` words of `text` that are not stopwords.
    pub fn hashes(&self, text: &str, max_words: usize) -> Vec<u64> {
        let mut out = Vec::with_capacity(max_words.min(1024));
        let mut words = Segmenter::new(text);
        let mut buf = String::new();
        while out.len() < max_words {
            let Some(w) = words.next() else { break };
            let raw = &text[w.from..w.to];
            let h = match w.kind {
                WordKind::Devanagari => {
                    let scan = *words.devanagari_scan();
                    let spelling =
                        self.normalizer
                            .normalize_scanned(text, (w.from, w.to), &scan, &mut buf);
                    // As in the analyzer: a word that is normalized, or only had its vowel
                    // length folded, has its characters packed by the scan already, which
                    // serves the stopword check and (for up to eight characters) the hash.
                    let (normalized, tail) = match spelling {
                        Spelling::Normalized => (raw, Some(scan.tail)),
                        Spelling::VowelLength => (buf.as_str(), Some(fold_tail(scan.tail))),
                        Spelling::Folded => (buf.as_str(), None),
                    };
                    let chars = raw.len() / 3; // all 3-byte block characters when `tail` is set
                    let stopword = match tail {
                        Some(tail) => self
                            .hindi_stopwords
                            .contains_packed(tail, chars)
                            .unwrap_or_else(|| self.hindi_stopwords.contains(normalized)),
                        None => self.hindi_stopwords.contains(normalized),
                    };
                    if normalized.is_empty() || stopword {
                        continue;
                    }
                    match tail.filter(|_| chars <= 8 && !scan.irregular) {
                        Some(packed) => hash_packed(packed),
                        None if normalized.len() <= 24 => pack_word(normalized)
                            .map_or_else(|| hash(normalized.as_bytes()), hash_packed),
                        None => hash(normalized.as_bytes()),
                    }
                }
                _ => {
                    buf.clear();
                    buf.extend(raw.chars().flat_map(char::to_lowercase));
                    if self.english_stopwords.contains(&buf) {
                        continue;
                    }
                    hash(buf.as_bytes())
                }
            };
            out.push(h);
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

/// The hash of a word of at most eight Devanagari characters packed one byte each (see
/// [`pack_word`]): the same word always gets the same hash, whichever way it was packed.
#[inline]
fn hash_packed(packed: u64) -> u64 {
    mix(packed ^ 0x5BD1_E995_0000_0000)
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
        assert_eq!(h.hashes("एक दो तीन चार पांच छह", 3).len(), 3);
        assert_ne!(hash(b"abc"), hash(b"abd"));
        assert_eq!(h.hashes("Running TEXT", 9), h.hashes("running text", 9));
    }
}
