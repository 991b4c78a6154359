//! Suggestions as a reader types: the queries readers typed before that found something,
//! phrases of the headlines of what the text typed finds, and the words it may become.
//!
//! Nothing is built for them at ingest (every term costs build time): the headline phrases
//! are read from the stored headlines of the best few articles an as-you-type search of the
//! headlines finds (a headline's postings are short, so even one letter is quick;
//! [`headline_phrases`]: the words typed and the next, matched as a word being typed is,
//! shown as the headline spells them, never ending on a stopword), the words from the
//! body's term dictionary (first when only one letter is typed: any headline is a guess).
//!
//! Queries: a bounded log of query texts and how often they found something, nothing about
//! who asked ([`QueryLog`]), ranked by count and freshness; saved beside the index.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use unicode_segmentation::UnicodeSegmentation;

use super::{Collect, Searcher};
use crate::index::KhojIndex;
use crate::request::{SearchRequest, SuggestRequest};

/// Queries the log keeps, at most (the least used go first).
pub const LOG_CAPACITY: usize = 10_000;
/// Half-life of a logged query's count, in seconds (a week).
const LOG_HALF_LIFE_S: f64 = 7.0 * 86_400.0;

/// The best articles whose headlines suggestions are read from.
const SUGGEST_FROM_HITS: usize = 10;
/// How long the search behind suggestions may take (past it, only words are suggested).
const SUGGEST_SEARCH_TIME: std::time::Duration = std::time::Duration::from_millis(300);
/// The least share of the articles holding a word being typed's completions that one must
/// hold to be suggested (a rare spelling or a misspelling is not).
const MIN_COMPLETION_SHARE: f32 = 0.02;

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

impl Searcher {
    /// Suggestions for what is being typed: queries readers typed before that found
    /// something, then phrases of the headlines of the best articles an as-you-type search
    /// of the headlines finds (the most shared first), then the index's words that complete
    /// the last word (for Roman letters, the Devanagari words whose sound starts like it);
    /// the words before the phrases when only one letter is typed.
    pub fn suggest(&self, req: &SuggestRequest) -> Vec<Suggestion> {
        let mut out: Vec<Suggestion> = Vec::new();
        let q = req.q.as_str();
        if q.trim().is_empty() {
            return out;
        }
        let push = |text: String, kind: SuggestionKind, out: &mut Vec<Suggestion>| {
            let text = text.trim().to_string();
            if out.len() < req.limit
                && !text.is_empty()
                && !out
                    .iter()
                    .any(|s| s.text.to_lowercase() == text.to_lowercase())
            {
                out.push(Suggestion { text, kind });
            }
        };
        let key = key(&self.index, None, q);
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        for text in self.queries.matching(&key, now, req.limit) {
            push(text, SuggestionKind::Query, &mut out);
        }
        let (before, last) = q.rsplit_once(' ').unwrap_or(("", q));
        // a stopword typed in full (में, के) may be a word begun (को → कोरिया) or the word
        // itself, which the index does not hold: the headlines are also searched for the
        // words before it, and their phrases go on past it; after other words, its
        // completions are not suggested (दिल्ली में → मेंबर)
        let stopword_typed = !last.is_empty()
            && self.index.analyze_unstemmed(None, last, false).is_empty()
            && !self.index.analyze_unstemmed(None, last, true).is_empty();
        let mut phrases: Vec<String> = Vec::new();
        if !key.trim().is_empty() {
            let before_it = format!("{before} ");
            let searched = std::iter::once(q).chain(stopword_typed.then_some(before_it.as_str()));
            for text in searched {
                phrases.extend(self.headline_phrases(text, &key));
            }
        }
        let searcher = self.reader.searcher();
        let mut words_out: Vec<String> = Vec::new();
        // the last word being typed, completed by the index's words (the most frequent, and
        // none held by fewer than MIN_COMPLETION_SHARE of their articles: rare spellings),
        // after the words before it
        let roman = q.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ');
        let complete_last =
            !last.is_empty() && !roman && (!stopword_typed || before.trim().is_empty());
        if complete_last {
            let found = self.completion_terms(&searcher, None, last);
            let all: u64 = found.iter().map(|(_, df)| df).sum::<u64>().max(1);
            let frequent: Vec<&(String, u64)> = found
                .iter()
                .filter(|(_, df)| *df as f32 >= MIN_COMPLETION_SHARE * all as f32)
                .collect();
            // how many articles hold each recall form (stemmed, vowel length folded) in the
            // spellings found: a recall form is shown by those spellings (मीडिया, not
            // मिडिय), and as itself only when more articles hold it than hold them (उत्तर
            // beside उत्तरी, whose stem it is)
            let mut spelled: HashMap<String, u64> = HashMap::new();
            for (t, df) in &frequent {
                if let Some(s) = t.strip_prefix(khoj_analyzers::EXACT_PREFIX) {
                    for r in self.index.analyze(None, s, khoj_analyzers::Forms::Recall) {
                        *spelled.entry(r.text).or_default() += df;
                    }
                }
            }
            for (t, df) in frequent {
                let word = match t.strip_prefix(khoj_analyzers::EXACT_PREFIX) {
                    Some(spelling) => spelling,
                    None if spelled.get(t).is_some_and(|n| n >= df) => continue,
                    // a word's first characters (Bengali বাংল): its spellings show it
                    None if self.index.may_be_cut(t) => continue,
                    None => t.as_str(),
                };
                words_out.push(format!("{before} {word}"));
            }
        }
        // Roman letters: the Devanagari words the last word typed may become
        if roman && !q.ends_with(' ') {
            let body = self.index.fields().body;
            self.phonetic.retain(&searcher);
            for (t, _) in self
                .phonetic
                .expand_prefix(&searcher, body, last, req.limit)
            {
                // an exact form is the word as written; a recall form, the word when it
                // is its own exact form (not a word's first characters, which are no word)
                if self.index.may_be_cut(&t) {
                    continue;
                }
                let word = t.strip_prefix(khoj_analyzers::EXACT_PREFIX).unwrap_or(&t);
                words_out.push(format!("{before} {word}"));
            }
        }
        // one letter typed: any headline is a guess, the most frequent words are not
        let one_letter = before.trim().is_empty() && last.graphemes(true).count() <= 1;
        let (first, then) = if one_letter {
            (
                (words_out, SuggestionKind::Word),
                (phrases, SuggestionKind::Headline),
            )
        } else {
            (
                (phrases, SuggestionKind::Headline),
                (words_out, SuggestionKind::Word),
            )
        };
        for (texts, kind) in [first, then] {
            for text in texts {
                push(text, kind, &mut out);
            }
        }
        out
    }

    /// The phrases of the headlines of the best articles an as-you-type search of the
    /// headlines for `q` finds that begin with its `key`, those most headlines share first
    /// (then by the rank of the first article holding them). Nothing when the search fails.
    fn headline_phrases(&self, q: &str, key: &str) -> Vec<String> {
        // every word in the headline (a headline's postings are short, so even a one-letter
        // prefix is quick); the query syntax the reader may have typed is dropped
        let mut scoped: String = q
            .split_whitespace()
            .map(|w| w.trim_matches(|c| c == '"' || c == '+' || c == '-'))
            .filter(|w| !w.is_empty())
            .map(|w| format!("title:{w}"))
            .collect::<Vec<_>>()
            .join(" ");
        if q.ends_with(char::is_whitespace) {
            scoped.push(' ');
        }
        let mut req = SearchRequest::new(&scoped);
        req.limit = SUGGEST_FROM_HITS;
        req.facets = false;
        req.snippets = false;
        req.instant = true;
        req.deadline = Some(Instant::now() + SUGGEST_SEARCH_TIME);
        let Ok(found) = self.run(&req, Collect::TopOnly) else {
            return Vec::new();
        };
        // (phrase, headlines holding it), in order of first sight
        // (phrase as first spelled, its key, headlines holding it): spellings that analyze
        // alike (a joiner, a nukta, a capital) are one phrase
        let mut counted: Vec<(String, String, usize)> = Vec::new();
        for hit in &found.hits {
            let phrases = headline_phrases(&self.index, None, &hit.article.title, key);
            let mut seen = Vec::new();
            for phrase in phrases {
                let k = self::key(&self.index, None, &phrase);
                if seen.contains(&k) {
                    continue; // once per headline
                }
                match counted.iter_mut().find(|(_, pk, _)| *pk == k) {
                    Some((_, _, n)) => *n += 1,
                    None => counted.push((phrase, k.clone(), 1)),
                }
                seen.push(k);
            }
        }
        // stable: equal counts keep the order of the hits
        counted.sort_by_key(|c| std::cmp::Reverse(c.2));
        counted.into_iter().map(|(p, _, _)| p).collect()
    }

    /// Counts a query that found something, for suggestions (its text only).
    pub fn record_query(&self, query: &str) {
        let key = key(&self.index, None, query);
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        self.queries.record(&key, query, now);
    }

    /// Saves the queries readers typed beside the index (nothing for an index in memory).
    pub fn save_query_log(&self) -> std::io::Result<()> {
        self.queries.save()
    }
}

/// The phrases of `title` (in `lang`; by default the script decides) that begin with what
/// was typed (`typed_key`, its [`key`]) and go past it: the words typed completed, and one
/// word more after a single word, a space, or a last word typed in full; shown as the
/// headline spells them, stopwords inside kept as written. A phrase neither ends on a
/// stopword (it goes on to the next word, up to [`STOPWORDS_CROSSED`] of them) nor begins
/// with one the reader has not typed in full.
pub fn headline_phrases(
    index: &KhojIndex,
    lang: Option<&str>,
    title: &str,
    typed_key: &str,
) -> Vec<String> {
    let typed = typed_key.trim_end();
    let typed_words = typed.split_whitespace().count().max(1);
    let first_typed_in_full = typed_key.ends_with(' ') || typed_words > 1;
    let want = if typed_key.ends_with(' ') || typed_words == 1 {
        typed_words + 1
    } else {
        typed_words
    };
    let words = index.analyze_unstemmed(lang, title, true);
    let content: std::collections::HashSet<usize> = index
        .analyze_unstemmed(lang, title, false)
        .iter()
        .map(|t| t.from)
        .collect();
    let is_stopword = |i: usize| !content.contains(&words[i].from);
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
        if is_stopword(start) && !first_typed_in_full {
            continue;
        }
        for end in start + want..=start + want + 1 + STOPWORDS_CROSSED {
            match phrase_key(start, end) {
                Some(k) if k.starts_with(typed) && k.len() > typed.len() => {
                    if is_stopword(end - 1) {
                        continue;
                    }
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

/// How many stopwords a headline phrase goes past to end on a word that says something.
const STOPWORDS_CROSSED: usize = 2;

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
        let of = |title: &str, typed: &str| {
            headline_phrases(&index, Some("hi"), title, &key(&index, Some("hi"), typed))
        };
        let phrases = |typed: &str| of("उत्तर कोरिया के नेता, ज़िंदगी के रंग", typed);
        assert_eq!(phrases("उत्त"), ["उत्तर कोरिया"]);
        assert_eq!(phrases("उत्तर "), ["उत्तर कोरिया"]);
        assert_eq!(phrases("उत्तर को"), ["उत्तर कोरिया"]);
        assert_eq!(phrases("उत्तर कोरिया के"), ["उत्तर कोरिया के नेता"]);
        // without the nukta the headline has, shown as it spells it; not across a comma
        assert_eq!(phrases("जिंद"), ["ज़िंदगी के रंग"]);
        assert!(phrases("नेता ज़ि").is_empty());
        // no phrase ends on a stopword, nor begins with one still being typed
        let phrases = |typed: &str| of("कोरोना को लेकर सरकार के नए नियम", typed);
        assert_eq!(phrases("क"), ["कोरोना को लेकर"]);
        assert_eq!(phrases("सरकार "), ["सरकार के नए"]);
        assert_eq!(phrases("के "), ["के नए"]);
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
