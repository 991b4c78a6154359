//! Words being typed: the terms of the index that start with a prefix, most frequent
//! first, read from each segment's term dictionary (a range of the FST, not the documents)
//! and kept per segment while it lives, so that a prefix typed again, or by another
//! reader, costs a lookup.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::SegmentReader;

/// Terms per prefix and segment kept, at most (the most frequent): a one-letter prefix
/// matches thousands of terms, of which a reader can mean only the common ones.
pub const KEPT_PER_PREFIX: usize = 64;
/// Prefixes kept per segment before the segment's cache starts afresh.
const MAX_PREFIXES: usize = 20_000;

type Key = (Field, String);
/// Per segment: prefix → its most frequent terms.
type Cache = HashMap<SegmentId, HashMap<Key, Arc<Vec<(String, u32)>>>>;

/// The most frequent terms of a prefix in each segment, computed on demand and kept while
/// the segment lives.
#[derive(Default)]
pub struct PrefixTerms {
    segments: Mutex<Cache>,
}

impl PrefixTerms {
    /// The terms of `field` that start with `prefix`, with their document frequencies over
    /// the whole index, most frequent first (then in term order), at most `limit`.
    pub fn expand(
        &self,
        searcher: &tantivy::Searcher,
        field: Field,
        prefix: &str,
        limit: usize,
    ) -> Vec<(String, u64)> {
        if prefix.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut found: HashMap<String, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            match self.segment(segment, field, prefix) {
                Ok(terms) => {
                    for (t, df) in terms.iter() {
                        *found.entry(t.clone()).or_default() += u64::from(*df);
                    }
                }
                Err(e) => tracing::warn!("prefix terms of a segment: {e}"),
            }
        }
        let mut terms: Vec<(String, u64)> = found.into_iter().collect();
        terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        terms.truncate(limit);
        terms
    }

    fn segment(
        &self,
        segment: &SegmentReader,
        field: Field,
        prefix: &str,
    ) -> tantivy::Result<Arc<Vec<(String, u32)>>> {
        let id = segment.segment_id();
        let key = (field, prefix.to_string());
        if let Some(terms) = self.lock().get(&id).and_then(|m| m.get(&key)) {
            return Ok(terms.clone());
        }
        let terms = Arc::new(most_frequent(segment, field, prefix)?);
        let mut segments = self.lock();
        let cache = segments.entry(id).or_default();
        if cache.len() >= MAX_PREFIXES {
            cache.clear();
        }
        cache.insert(key, terms.clone());
        Ok(terms)
    }

    /// Forgets the segments no longer in `searcher` (merged away).
    pub fn retain(&self, searcher: &tantivy::Searcher) {
        let live = live_segments(searcher);
        self.lock().retain(|id, _| live.contains(id));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        // the cache is consistent after any panic: entries are inserted whole
        self.segments.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The segments a searcher reads (for caches kept per segment, to forget the merged ones).
pub(crate) fn live_segments(searcher: &tantivy::Searcher) -> Vec<SegmentId> {
    searcher
        .segment_readers()
        .iter()
        .map(|s| s.segment_id())
        .collect()
}

/// The [`KEPT_PER_PREFIX`] most frequent terms of one segment starting with `prefix`.
fn most_frequent(
    segment: &SegmentReader,
    field: Field,
    prefix: &str,
) -> tantivy::Result<Vec<(String, u32)>> {
    let inverted = segment.inverted_index(field)?;
    let mut range = inverted.terms().range().ge(prefix.as_bytes());
    if let Some(end) = prefix_end(prefix.as_bytes()) {
        range = range.lt(end);
    }
    let mut stream = range.into_stream()?;
    let mut terms: Vec<(String, u32)> = Vec::new();
    while stream.advance() {
        let Ok(term) = std::str::from_utf8(stream.key()) else {
            continue;
        };
        terms.push((term.to_string(), stream.value().doc_freq));
    }
    if terms.len() > KEPT_PER_PREFIX {
        terms.select_nth_unstable_by(KEPT_PER_PREFIX - 1, |a, b| {
            b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
        });
        terms.truncate(KEPT_PER_PREFIX);
    }
    Ok(terms)
}

/// The smallest byte string above every string that starts with `prefix` (`None`: none is).
fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < 0xFF {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_of_a_prefix_range() {
        assert_eq!(prefix_end(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(prefix_end(b"a\xFF"), Some(b"b".to_vec()));
        assert_eq!(prefix_end(b"\xFF\xFF"), None);
        // a Devanagari prefix: its last byte goes up, so every longer word is below the end
        let end = prefix_end("कि".as_bytes()).unwrap();
        assert!("किम".as_bytes() < end.as_slice() && "कु".as_bytes() >= end.as_slice());
    }
}
