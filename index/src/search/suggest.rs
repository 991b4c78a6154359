//! Suggestions as a reader types: the queries readers typed before that found something,
//! phrases of the headlines of what the text typed finds, and the words it may become.
//!
//! Nothing is built for them at ingest (every term costs build time): the headline phrases
//! are read from the stored headlines of the best few articles an as-you-type search finds
//! ([`headline_phrases`]: the words typed and the next, matched as a word being typed is,
//! shown as the headline spells them), the words from the body's term dictionary.
//!
//! Queries: a bounded log of query texts and how often they found something, nothing about
//! who asked ([`QueryLog`]), ranked by count and freshness; saved beside the index.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::index::KhojIndex;

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
    /// A phrase of the headlines of the articles found.
    Headline,
    /// A word of the index that completes the last word typed.
    Word,
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
        .analyze_unstemmed(lang, text, true)
        .into_iter()
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join(" ");
    if !key.is_empty() && text.ends_with(char::is_whitespace) {
        key.push(' ');
    }
    key
}

/// The phrases of `title` (in `lang`; by default the script decides) that begin with what
/// was typed (`typed_key`, its [`key`]) and go past it: the words typed completed, and one
/// word more after a single word, a space, or a last word typed in full; shown as the
/// headline spells them, stopwords inside kept as written.
pub fn headline_phrases(
    index: &KhojIndex,
    lang: Option<&str>,
    title: &str,
    typed_key: &str,
) -> Vec<String> {
    let typed = typed_key.trim_end();
    let typed_words = typed.split_whitespace().count().max(1);
    let want = if typed_key.ends_with(' ') || typed_words == 1 {
        typed_words + 1
    } else {
        typed_words
    };
    let words = index.analyze_unstemmed(lang, title, true);
    // the key of words[start..end] when they stand in a row, with only spaces between
    let phrase_key = |start: usize, end: usize| -> Option<String> {
        let span = words.get(start..end)?;
        if span
            .windows(2)
            .any(|p| !title[p[0].to..p[1].from].chars().all(|c| c == ' '))
        {
            return None;
        }
        let texts: Vec<&str> = span.iter().map(|t| t.text.as_str()).collect();
        Some(texts.join(" "))
    };
    let mut out = Vec::new();
    for start in 0..words.len() {
        for end in [start + want, start + want + 1] {
            match phrase_key(start, end) {
                Some(k) if k.starts_with(typed) && k.len() > typed.len() => {
                    out.push(title[words[start].from..words[end - 1].to].to_string());
                    break;
                }
                // the last word typed in full: the phrase goes one word further
                Some(k) if k == typed => continue,
                _ => break,
            }
        }
    }
    out
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
    fn phrases_of_a_headline_that_begin_with_what_was_typed() {
        let index = KhojIndex::in_memory(&Default::default(), &CjkSegmenters::none()).unwrap();
        let title = "उत्तर कोरिया के नेता, ज़िंदगी के रंग";
        let phrases = |typed: &str| {
            headline_phrases(&index, Some("hi"), title, &key(&index, Some("hi"), typed))
        };
        assert_eq!(phrases("उत्त"), ["उत्तर कोरिया"]);
        assert_eq!(phrases("उत्तर "), ["उत्तर कोरिया"]);
        assert_eq!(phrases("उत्तर को"), ["उत्तर कोरिया"]);
        assert_eq!(phrases("उत्तर कोरिया के"), ["उत्तर कोरिया के नेता"]);
        // without the nukta the headline has, shown as it spells it; not across a comma
        assert_eq!(phrases("जिंद"), ["ज़िंदगी के"]);
        assert!(phrases("नेता ज़ि").is_empty());
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
