//! Suggestions as a reader types: the words and word pairs of the headlines the index
//! holds, and the queries readers typed before that found something.
//!
//! Headlines: at ingest every article's headline gives its words and adjacent word pairs
//! (not those of stopwords) as terms of the field `suggest`, each its *key* (the words
//! normalized as a word being typed is, not stemmed) and its spelling, so that what a
//! reader types — with or without nukta, either vowel length — is a prefix of the key, and
//! the suggestion is shown as the headline spells it; the term's document frequency ranks
//! it. Reading them is a range of the term dictionary, kept per segment.
//!
//! Queries: a bounded log of query texts and how often they found something, nothing about
//! who asked ([`QueryLog`]), ranked by count and freshness; saved beside the index.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::index::KhojIndex;

/// Separates a suggestion term's key from its spelling.
pub const KEY_SEPARATOR: char = '\u{1F}';
/// Queries the log keeps, at most (the least used go first).
pub const LOG_CAPACITY: usize = 10_000;
/// Half-life of a logged query's count, in seconds (a week).
const LOG_HALF_LIFE_S: f64 = 7.0 * 86_400.0;

/// Where a suggestion comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SuggestionKind {
    /// A query readers typed before.
    Query,
    /// Words of the headlines.
    Headline,
}

/// One suggestion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// What to search for.
    pub text: String,
    /// Where it comes from.
    pub kind: SuggestionKind,
}

/// The key of a text: its words normalized, not stemmed, stopwords kept, joined by spaces
/// (and a trailing space kept, when the text ends with one: the next word is to come).
pub fn key(index: &KhojIndex, lang: Option<&str>, text: &str) -> String {
    let mut key = index
        .analyze_unstemmed(lang, text)
        .into_iter()
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join(" ");
    if !key.is_empty() && text.ends_with(char::is_whitespace) {
        key.push(' ');
    }
    key
}

/// The `suggest` terms of a headline: its words and adjacent word pairs (those that are not
/// stopwords, separated by nothing but spaces), each as `key` [`KEY_SEPARATOR`] `spelling`.
pub fn headline_terms(index: &KhojIndex, lang: &str, title: &str) -> Vec<String> {
    if title.is_empty() {
        return Vec::new();
    }
    // content words (stopwords dropped, positions kept), and every word's key
    let words = index.analyze(Some(lang), title, khoj_analyzers::Forms::Recall);
    let keys = index.analyze_unstemmed(Some(lang), title);
    let key_at = |position: usize| {
        keys.iter()
            .find(|k| k.position == position)
            .map(|k| k.text.as_str())
    };
    let mut terms: Vec<String> = Vec::new();
    let mut push = |key: String, spelling: &str| {
        let term = format!("{key}{KEY_SEPARATOR}{spelling}");
        if !terms.contains(&term) {
            terms.push(term);
        }
    };
    let mut previous: Option<(usize, usize, usize, &str)> = None; // position, from, to, key
    for w in &words {
        let Some(k) = key_at(w.position) else {
            continue;
        };
        push(k.to_string(), &title[w.from..w.to]);
        if let Some((p, from, to, pk)) = previous {
            // neighbours, with nothing but spaces between them
            if p + 1 == w.position && title[to..w.from].chars().all(|c| c == ' ') {
                push(format!("{pk} {k}"), &title[from..w.to]);
            }
        }
        previous = Some((w.position, w.from, w.to, k));
    }
    terms
}

/// A query typed before: how it was spelled, how often it found something, when last.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Logged {
    text: String,
    count: u32,
    last: i64,
}

/// The queries readers typed that found something: their texts and counts only, at most
/// [`LOG_CAPACITY`], by key.
#[derive(Debug, Default)]
pub struct QueryLog {
    entries: Mutex<HashMap<String, Logged>>,
    path: Option<PathBuf>,
}

impl QueryLog {
    /// The log saved at `path` (empty when there is none, or it cannot be read), to be saved
    /// there again.
    pub fn open(path: &Path) -> QueryLog {
        let entries = std::fs::read_to_string(path)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        QueryLog {
            entries: Mutex::new(entries),
            path: Some(path.to_path_buf()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Logged>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts a query that found something, at time `now` (Unix seconds).
    pub fn record(&self, key: &str, text: &str, now: i64) {
        let (key, text) = (key.trim(), text.trim());
        if key.is_empty() || text.chars().count() > 100 {
            return;
        }
        let mut entries = self.lock();
        if entries.len() >= LOG_CAPACITY && !entries.contains_key(key) {
            // forget the tenth least used, by their decayed counts
            let mut scores: Vec<(f64, String)> = entries
                .iter()
                .map(|(k, e)| (score(e, now), k.clone()))
                .collect();
            scores.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (_, k) in scores.into_iter().take(LOG_CAPACITY / 10) {
                entries.remove(&k);
            }
        }
        let e = entries.entry(key.to_string()).or_insert(Logged {
            text: text.to_string(),
            count: 0,
            last: now,
        });
        e.count = e.count.saturating_add(1);
        e.last = now;
        e.text = text.to_string();
    }

    /// The logged queries whose key starts with `prefix`, best first (count, decayed by age).
    pub fn matching(&self, prefix: &str, now: i64, limit: usize) -> Vec<String> {
        let entries = self.lock();
        let mut found: Vec<(f64, &Logged)> = entries
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(_, e)| (score(e, now), e))
            .collect();
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.text.cmp(&b.1.text)));
        found
            .into_iter()
            .take(limit)
            .map(|(_, e)| e.text.clone())
            .collect()
    }

    /// Writes the log where it was opened from (nothing for a log of no file).
    pub fn save(&self) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let json = serde_json::to_string(&*self.lock()).map_err(std::io::Error::other)?;
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, path)
    }
}

fn score(e: &Logged, now: i64) -> f64 {
    let age = (now - e.last).max(0) as f64;
    f64::from(e.count) * 0.5f64.powf(age / LOG_HALF_LIFE_S)
}

#[cfg(test)]
mod tests {
    use super::*;
    use khoj_analyzers::CjkSegmenters;

    #[test]
    fn headline_words_and_pairs_with_their_keys() {
        let index = KhojIndex::in_memory(&Default::default(), &CjkSegmenters::none()).unwrap();
        let terms = headline_terms(&index, "hi", "उत्तर कोरिया के नेता, ज़िंदगी");
        let shown: Vec<(&str, &str)> = terms
            .iter()
            .map(|t| t.split_once(KEY_SEPARATOR).unwrap())
            .collect();
        assert!(shown.contains(&("उत्तर कोरिया", "उत्तर कोरिया")), "{shown:?}");
        assert!(shown.contains(&("जिंदगि", "ज़िंदगी")), "{shown:?}");
        // no pair across a stopword or a comma
        assert!(
            !shown
                .iter()
                .any(|(_, s)| s.contains("के") || s.contains(',')),
            "{shown:?}"
        );
        assert_eq!(key(&index, Some("hi"), "उत्तर को"), "उत्तर को");
        assert_eq!(key(&index, Some("hi"), "ऊपर "), "उपर ");
    }

    #[test]
    fn the_log_keeps_counts_and_forgets_the_least_used() {
        let log = QueryLog::default();
        log.record("किम", "किम", 0);
        log.record("किम जोंग", "किम जोंग", 0);
        log.record("किम जोंग", "किम जोंग", 10);
        assert_eq!(log.matching("किम", 10, 8), ["किम जोंग", "किम"]);
        // freshness: a query used once today beats one used twice a month ago
        log.record("किसान", "किसान", 30 * 86_400);
        assert_eq!(log.matching("कि", 30 * 86_400, 1), ["किसान"]);
        for i in 0..LOG_CAPACITY + 5 {
            log.record(&format!("q{i}"), &format!("q{i}"), 31 * 86_400);
        }
        assert!(log.lock().len() <= LOG_CAPACITY);
    }
}
