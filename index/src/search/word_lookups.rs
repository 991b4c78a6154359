//! What one word of a query may also be: the index words a word being typed may become
//! (completions) and the spellings a rare word most likely meant (corrections), each read
//! off the index's own terms. The ranking asks for them while it builds a query's plan.

#[cfg(doc)]
use super::RankingConfig;
use super::{ranking, typos, Searcher};
#[cfg(doc)]
use crate::index::KhojIndex;

impl Searcher {
    /// The index words a word being typed may become, with weights: for Devanagari (and any
    /// script but Roman), the terms that start with its normalized spelling or its exact
    /// one ([`KhojIndex::prefix_forms`]); for Roman letters, the Latin terms that start with
    /// it and the Devanagari words whose phonetic key starts with its key. The most frequent
    /// first, at most [`RankingConfig::prefix_expansions`].
    pub fn completions(
        &self,
        searcher: &tantivy::Searcher,
        lang: Option<&str>,
        word: &str,
    ) -> Vec<(String, f32)> {
        let roman = word.bytes().all(|b| b.is_ascii_alphabetic());
        let found = self.completion_terms(searcher, lang, word);
        let all: u64 = found.iter().map(|(_, df)| df).sum::<u64>().max(1);
        let power = self.ranking.prefix_share_power;
        let mut out: Vec<(String, f32)> = found
            .into_iter()
            .map(|(t, df)| (t, (df as f32 / all as f32).powf(power)))
            .collect();
        if roman && self.ranking.phonetic_weight > 0.0 {
            let body = self.index.fields().body;
            self.phonetic.retain(searcher);
            let sounds =
                self.phonetic
                    .expand_prefix(searcher, body, word, self.ranking.phonetic_expansions);
            out.extend(
                sounds
                    .into_iter()
                    .map(|(t, sim)| (t, self.ranking.phonetic_weight * sim)),
            );
        }
        out
    }

    /// The index terms (recall and exact forms) that complete `word`, with the number of
    /// articles holding each, the most frequent first, at most
    /// [`RankingConfig::prefix_expansions`] (Roman letters: Latin terms only).
    pub(super) fn completion_terms(
        &self,
        searcher: &tantivy::Searcher,
        lang: Option<&str>,
        word: &str,
    ) -> Vec<(String, u64)> {
        let body = self.index.fields().body;
        let limit = self.ranking.prefix_expansions;
        self.prefixes.retain(searcher);
        let forms = if word.bytes().all(|b| b.is_ascii_alphabetic()) {
            let lower = word.to_ascii_lowercase();
            vec![format!("{}{lower}", khoj_analyzers::EXACT_PREFIX), lower]
        } else {
            self.index.prefix_forms(lang, word)
        };
        let mut found: Vec<(String, u64)> = forms
            .iter()
            .flat_map(|p| self.prefixes.expand(searcher, body, p, limit))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found.dedup_by(|a, b| a.0 == b.0);
        found.truncate(limit);
        found
    }

    /// The spellings the index knows a slip away from `word` (in `lang`), when the index
    /// holds `word` in at most [`RankingConfig::typo_rare_df`] articles: the variants of
    /// [`typos`] that are index terms held by more articles, most frequent first, at most
    /// [`RankingConfig::typo_expansions`].
    pub fn corrections(
        &self,
        searcher: &tantivy::Searcher,
        lang: Option<&str>,
        word: &str,
    ) -> Vec<ranking::Correction> {
        let body = self.index.fields().body;
        let recall_of = |w: &str| {
            let mut t = self.index.analyze(lang, w, khoj_analyzers::Forms::Recall);
            (t.len() == 1).then(|| t.remove(0).text)
        };
        let df = |t: &str| {
            searcher
                .doc_freq(&tantivy::Term::from_field_text(body, t))
                .unwrap_or(0)
        };
        let Some(recall) = recall_of(word) else {
            return Vec::new();
        };
        let typed_df = df(&recall);
        if typed_df > self.ranking.typo_rare_df {
            return Vec::new();
        }
        let variants = if word.chars().any(khoj_analyzers::is_devanagari) {
            typos::devanagari_variants(word)
        } else if word.chars().count() >= 4 {
            typos::latin_variants(&word.to_lowercase())
        } else {
            Vec::new()
        };
        let mut found: Vec<ranking::Correction> = Vec::new();
        for v in variants {
            let Some(term) = recall_of(&v) else { continue };
            if term == recall || found.iter().any(|c| c.term == term) {
                continue;
            }
            let n = df(&term);
            if n > typed_df {
                found.push(ranking::Correction {
                    term,
                    word: v,
                    df: n,
                    typed_df,
                });
            }
        }
        found.sort_by(|a, b| b.df.cmp(&a.df).then_with(|| a.term.cmp(&b.term)));
        found.truncate(self.ranking.typo_expansions);
        found
    }
}
