//! Roman-script query words meet Devanagari words through their phonetic keys
//! (`khoj_analyzers::phonetic`).
//!
//! The keys cost nothing at index time: they are computed from the index's own term
//! dictionary — every Devanagari term of `body`, recall forms and the stacked exact forms
//! alike — once per segment, when a Roman query first needs them, and kept for as long as
//! the segment lives. A Roman word then expands to the Devanagari terms that share its key,
//! best spelled first (closest to what was typed, then most frequent).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use khoj_analyzers::{
    is_brahmic, phonetic_key, script_of_word, transliterate, voiceless_key, Forms, Language,
    EXACT_PREFIX,
};
use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::SegmentReader;

use crate::index::KhojIndex;

/// The Devanagari terms of one segment's body, by phonetic key, with their document frequencies.
#[derive(Debug, Default)]
pub struct SegmentKeys {
    /// In key order, so that the keys that start with a typed prefix's key are a range.
    by_key: BTreeMap<String, Vec<(String, u32)>>,
}

impl SegmentKeys {
    /// Reads the segment's term dictionary of `field`.
    pub fn build(segment: &SegmentReader, field: Field) -> tantivy::Result<SegmentKeys> {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        let mut by_key: BTreeMap<String, Vec<(String, u32)>> = BTreeMap::new();
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let word = term.strip_prefix(EXACT_PREFIX).unwrap_or(term);
            if !word.chars().next().is_some_and(is_brahmic) {
                continue;
            }
            if let Some(key) = phonetic_key(word) {
                by_key
                    .entry(key)
                    .or_default()
                    .push((term.to_string(), stream.value().doc_freq));
            }
        }
        Ok(SegmentKeys { by_key })
    }
}

/// Per-segment keys, built on demand and kept while the segments live.
#[derive(Default)]
pub struct PhoneticKeys {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentKeys>>>,
}

impl PhoneticKeys {
    /// The terms of the Indian scripts in `field` whose key is the key of `word` (Roman, or
    /// of an Indian script), with a similarity to it in (0, 1], best first, at most `limit`.
    pub fn expand(
        &self,
        searcher: &tantivy::Searcher,
        field: Field,
        word: &str,
        limit: usize,
    ) -> Vec<(String, f32)> {
        let keys = lookup_keys(word);
        let found = self.collect(searcher, field, |segment, found| {
            for key in &keys {
                for (term, df) in segment.by_key.get(key).map(Vec::as_slice).unwrap_or(&[]) {
                    *found.entry(term.clone()).or_default() += u64::from(*df);
                }
            }
        });
        rank(word, found, limit, false)
    }

    /// The Devanagari terms of `field` whose key starts with the key of the Roman prefix
    /// `prefix` (a word being typed: `lavr` → लावरोव), closest to what was typed first, at
    /// most `limit`.
    pub fn expand_prefix(
        &self,
        searcher: &tantivy::Searcher,
        field: Field,
        prefix: &str,
        limit: usize,
    ) -> Vec<(String, f32)> {
        let keys = lookup_keys(prefix);
        let found = self.collect(searcher, field, |segment, found| {
            for key in &keys {
                // a bounded number of keys per segment: a short key starts many
                let range = segment
                    .by_key
                    .range(key.clone()..)
                    .take_while(|(k, _)| k.starts_with(key.as_str()));
                for (_, terms) in range.take(2_000) {
                    for (term, df) in terms {
                        *found.entry(term.clone()).or_default() += u64::from(*df);
                    }
                }
            }
        });
        rank(prefix, found, limit, true)
    }

    /// Gathers terms from every segment's keys.
    fn collect(
        &self,
        searcher: &tantivy::Searcher,
        field: Field,
        mut gather: impl FnMut(&SegmentKeys, &mut HashMap<String, u64>),
    ) -> HashMap<String, u64> {
        let mut found: HashMap<String, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            match self.segment(segment, field) {
                Ok(keys) => gather(&keys, &mut found),
                Err(e) => tracing::warn!("phonetic keys of a segment: {e}"),
            }
        }
        found
    }

    fn segment(&self, segment: &SegmentReader, field: Field) -> tantivy::Result<Arc<SegmentKeys>> {
        let id = segment.segment_id();
        if let Some(k) = self.segments.lock().map_err(|_| poisoned())?.get(&id) {
            return Ok(k.clone());
        }
        let built = Arc::new(SegmentKeys::build(segment, field)?);
        let mut map = self.segments.lock().map_err(|_| poisoned())?;
        map.insert(id, built.clone());
        Ok(built)
    }

    /// Forgets the keys of segments no longer in `searcher` (merged away).
    pub fn retain(&self, searcher: &tantivy::Searcher) {
        let live = super::prefix::live_segments(searcher);
        if let Ok(mut map) = self.segments.lock() {
            map.retain(|id, _| live.contains(id));
        }
    }
}

/// The terms found for a word (or, with `prefix`, the start of one), with how close
/// their spelling is to what was typed (for a prefix, the start of their spelling as long as
/// what was typed), best first, then most frequent, at most `limit`.
/// A Roman word this short (in letters, as typed) …
const SHORT_WORD: usize = 4;
/// … expands only to words spelled at least this close to it: `modi` to मोदी, not to मोड
/// (the same key); `un` to उन, not to आने.
const SHORT_WORD_SIMILARITY: f32 = 0.8;

fn rank(
    typed: &str,
    found: HashMap<String, u64>,
    limit: usize,
    prefix: bool,
) -> Vec<(String, f32)> {
    // a word of an Indian script is compared by its Roman spelling, as the terms are
    let spelled;
    let typed = if typed.is_ascii() {
        typed
    } else {
        spelled = transliterate(typed);
        spelled.as_str()
    };
    let short = typed.len() <= SHORT_WORD;
    let typed = loose(typed);
    let min_similarity = if !prefix && short {
        SHORT_WORD_SIMILARITY
    } else {
        0.0
    };
    let mut scored: Vec<(String, f32, u64)> = found
        .into_iter()
        .map(|(term, df)| {
            let mut spelled = loose(&transliterate(
                term.strip_prefix(EXACT_PREFIX).unwrap_or(&term),
            ));
            if prefix {
                spelled.truncate(typed.len());
            }
            let sim = similarity(&typed, &spelled);
            (term, sim, df)
        })
        .collect();
    scored.retain(|s| s.1 >= min_similarity);
    scored.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(b.2.cmp(&a.2))
            .then_with(|| a.0.cmp(&b.0))
    });
    scored
        .into_iter()
        .take(limit)
        .map(|(t, s, _)| (t, s))
        .collect()
}

/// `found` (terms a word expanded to, with their similarity) with, after each exact form of
/// an Indian script, its recall form in each language of that script among `held` (the
/// languages the index holds articles in) whose recall forms are cut to their first
/// characters, at the same similarity: a Roman word finds a word's exact forms by their
/// keys, but the key of a cut recall form (`AnalyzerOptions::recall_prefix_chars`) is not
/// the word's. Hindi, whose recall forms are whole stems with keys of their own, is left out,
/// and `found` comes back as it was when the index does not cut. (An exact form lost its
/// joiners: where one stood in the first characters, as in a Malayalam chillu spelled with
/// ZWJ, the recall form made here may not be the indexed one, and finds nothing.)
pub fn with_recall_forms(
    index: &KhojIndex,
    found: Vec<(String, f32)>,
    held: &[&Language],
) -> Vec<(String, f32)> {
    // the languages cut: those stemmed by a suffix list (Hindi has a stemmer of its own)
    let cut: Vec<&Language> = held
        .iter()
        .filter(|l| l.stemmed_by_suffix_list())
        .copied()
        .collect();
    if index.settings().analyzer.recall_prefix().is_none() || cut.is_empty() {
        return found;
    }
    let mut out: Vec<(String, f32)> = Vec::with_capacity(found.len() * 2);
    for (term, sim) in found {
        let word = term.strip_prefix(EXACT_PREFIX).map(str::to_string);
        if !out.iter().any(|(t, _)| *t == term) {
            out.push((term, sim));
        }
        let Some(word) = word else { continue };
        let script = script_of_word(&word);
        for language in cut.iter().filter(|l| l.script == script) {
            let Some(recall) = index
                .analyze(Some(language.code), &word, Forms::Recall)
                .pop()
            else {
                continue;
            };
            if !out.iter().any(|(t, _)| *t == recall.text) {
                out.push((recall.text, sim));
            }
        }
    }
    out
}

/// The keys `word` looks terms up by: its own, and the voiceless one Tamil words are keyed
/// by (see [`voiceless_key`]); none for a word without a key.
fn lookup_keys(word: &str) -> Vec<String> {
    let Some(key) = phonetic_key(word) else {
        return Vec::new();
    };
    let voiceless = voiceless_key(&key);
    if voiceless == key {
        vec![key]
    } else {
        vec![key, voiceless]
    }
}

fn poisoned() -> tantivy::TantivyError {
    tantivy::TantivyError::InternalError("phonetic key cache lock poisoned".into())
}

/// A spelling with vowel length and the common digraphs folded, for comparing how close two
/// spellings of one key are.
fn loose(s: &str) -> Vec<u8> {
    let s = s.to_ascii_lowercase();
    let s = s
        .replace("aa", "a")
        .replace("ee", "i")
        .replace("ii", "i")
        .replace("oo", "u")
        .replace("uu", "u")
        .replace("ph", "f")
        .replace('w', "v")
        .replace('z', "j")
        .replace('q', "k");
    let mut b: Vec<u8> = s.bytes().filter(u8::is_ascii_alphabetic).collect();
    if b.len() > 2 && b.last() == Some(&b'a') {
        b.pop(); // the inherent vowel a transliteration adds at the end
    }
    b
}

/// 1 − edit distance / longer length.
fn similarity(a: &[u8], b: &[u8]) -> f32 {
    let n = a.len().max(b.len());
    if n == 0 {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    (1.0 - prev[b.len()] as f32 / n as f32).max(0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closer_spellings_score_higher() {
        let typed = loose("kar");
        assert!(
            similarity(&typed, &loose(&transliterate("कार")))
                > similarity(&typed, &loose(&transliterate("कोर")))
        );
        assert_eq!(
            similarity(&loose("samarthan"), &loose(&transliterate("समर्थन"))),
            1.0
        );
    }
}
