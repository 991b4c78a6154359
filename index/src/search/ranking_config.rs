//! All ranking weights in one place ([`RankingConfig`]), each with the measurement that chose
//! its default (`khoj eval`, `docs/relevance.md`); [`super::ranking`] turns them into queries.

use serde::{Deserialize, Serialize};

use super::bm25::Bm25Params;

/// All ranking weights, in one place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RankingConfig {
    /// Multiplies the title's scores (the body's are 1).
    pub title_boost: f32,
    /// Weight of a match on the reader's exact word form, on top of the recall match.
    pub exact_boost: f32,
    /// Weight of two query words found together as a phrase.
    pub phrase_boost: f32,
    /// How many positions a pair may stand apart and still count as a phrase.
    pub phrase_slop: u32,
    /// Pairs are formed of query words at most this far apart in the query (1: neighbours
    /// only; 3: also the words one and two further on).
    pub proximity_window: usize,
    /// Recency blend: the score is multiplied by `1 + recency_weight × 2^(−age / half-life)`;
    /// 0 turns it off.
    pub recency_weight: f32,
    /// Half-life of the recency blend, in days.
    pub recency_half_life_days: f32,
    /// At most this many distinct words of a query are used (the rest are ignored), so that
    /// a 10,000-character query stays a fast query.
    pub max_query_words: usize,
    /// Weight of a Devanagari word met through the phonetic key of a Roman query word
    /// (`samarthan` → समर्थन), scaled by how close the spellings are; 0 turns it off.
    /// Below 1, so that a match in the query's own script ranks first.
    pub phonetic_weight: f32,
    /// At most this many Devanagari words per Roman query word.
    pub phonetic_expansions: usize,
    /// As you type: at most this many completions of the word being typed (the most
    /// frequent index words that start with it).
    pub prefix_expansions: usize,
    /// As you type, a completion's weight is its share of the articles that hold any of
    /// the completions, to this power (0: every completion 1): a short prefix that many
    /// words begin counts little, one that nearly always means one word counts fully.
    pub prefix_share_power: f32,
    /// A constant score for each query word an article holds, in any form, for a short
    /// query typed in Roman letters (`kim jong un`, `sonia gandhi`): each Roman word
    /// expands to several Devanagari words, and an article that holds one of them many
    /// times must not rank above one that holds every word. 0 turns it off. (Measured on
    /// queries in Devanagari, even short ones, it costs: docs/relevance.md.)
    pub coordination: f32,
    /// Coordination applies to queries of two to this many words.
    pub coordination_max_words: usize,
    /// Weight of a word met through a spelling correction of a query word (below the
    /// word as typed); 0 turns typo tolerance off.
    pub typo_weight: f32,
    /// A query word held by at most this many articles is looked at for corrections.
    pub typo_rare_df: u64,
    /// At most this many corrections per query word (the most frequent).
    pub typo_expansions: usize,
    /// BM25's parameters for the words of a query in Hindi or English: Devanagari or
    /// Latin letters, with no language named or with `hi` or `en` (tantivy's own, k1 = 1.2
    /// and b = 0.75, score with tantivy's term query; parameters out of range fall back to
    /// them).
    pub bm25: Bm25Params,
    /// BM25's parameters for the other queries: in the other Indian scripts, Urdu, Chinese,
    /// Japanese, Korean, or in a language named other than `hi` and `en`. Chosen by
    /// measurement (docs/relevance.md): less length normalization ranks better on every set
    /// but Hindi news (hi-dev), which prefers tantivy's.
    pub bm25_other_scripts: Bm25Params,
    /// The proximity weight ([`phrase_boost`](Self::phrase_boost)) for a query in an
    /// Indian script other than Devanagari, or in Urdu's: 0, off. Measured there
    /// (docs/relevance.md), pairs of query words found together help no more than they
    /// hurt (the mean of the 13 indicquest languages 0.6540 with them, 0.6547 without) and
    /// hurt natively written questions (TyDi Telugu 0.610 with, 0.660 without), whose
    /// pairs are often the question's template ("village population") rather than its
    /// subject.
    pub phrase_boost_indian_scripts: f32,
}

impl RankingConfig {
    /// The BM25 parameters for a query: [`bm25`](Self::bm25) or
    /// [`bm25_other_scripts`](Self::bm25_other_scripts).
    pub fn bm25_for(&self, query_lang: Option<&str>, text: &str) -> Bm25Params {
        match query_lang {
            Some("hi" | "en") => self.bm25,
            Some(_) => self.bm25_other_scripts,
            None => match khoj_analyzers::script_of_word(text) {
                khoj_analyzers::Script::Devanagari | khoj_analyzers::Script::Latin => self.bm25,
                _ => self.bm25_other_scripts,
            },
        }
    }

    /// The proximity weight for a query: [`phrase_boost`](Self::phrase_boost), or
    /// [`phrase_boost_indian_scripts`](Self::phrase_boost_indian_scripts) for a query in an
    /// Indian script other than Devanagari or in the Arabic script.
    pub fn phrase_boost_for(&self, text: &str) -> f32 {
        let script = khoj_analyzers::script_of_word(text);
        if script.brahmic_index().is_some() || script == khoj_analyzers::Script::Arabic {
            self.phrase_boost_indian_scripts
        } else {
            self.phrase_boost
        }
    }
}

impl Default for RankingConfig {
    fn default() -> Self {
        RankingConfig {
            title_boost: 0.2,
            exact_boost: 0.25,
            phrase_boost: 0.25,
            phrase_slop: 2,
            proximity_window: 3,
            recency_weight: 0.0,
            recency_half_life_days: 30.0,
            max_query_words: 64,
            phonetic_weight: 0.8,
            phonetic_expansions: 4,
            prefix_expansions: 16,
            prefix_share_power: 0.5,
            coordination: 2.0,
            coordination_max_words: 3,
            typo_weight: 0.3,
            typo_rare_df: 1,
            typo_expansions: 3,
            bm25: Bm25Params::TANTIVY,
            bm25_other_scripts: Bm25Params { k1: 0.9, b: 0.4 },
            phrase_boost_indian_scripts: 0.0,
        }
    }
}
