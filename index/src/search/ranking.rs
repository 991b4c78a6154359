//! From parsed query parts to a tantivy query, and the weights that rank news.
//!
//! Every word the reader typed becomes, for `title` and `body`:
//! * a term query on its recall form (BM25; the title's scaled by `title_boost`);
//! * when the reader's exact spelling differs from the recall form, a term query on the
//!   exact-form term (see `khoj_analyzers::Forms`), weighted `exact_boost`: an article with
//!   the reader's exact word form ranks above one that matches only through the stem or a
//!   folded spelling;
//! * with each of the next `proximity_window` words, a phrase query of the pair (slop
//!   `phrase_slop`), weighted `phrase_boost`: articles where `उत्तर कोरिया` stands as a
//!   phrase rank above those with the two words apart.
//!
//! A query with Chinese, Japanese or Korean text also asks the bigram view of CJK articles
//! (`body_cjk`, see [`crate::schema`]) the same way, at the body's weight.
//!
//! The defaults were chosen by measurement with `khoj eval` (see `docs/relevance.md`).

use std::collections::HashSet;
use std::ops::Bound;

use khoj_analyzers::{may_hold_cjk, AnalyzedToken, Forms};
use serde::{Deserialize, Serialize};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur as TOccur, PhraseQuery,
    Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Term};

use super::query::{Occur, Part, Scope};
use crate::dates::clamp_to_indexable;
use crate::index::KhojIndex;
use crate::request::Filters;

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
        }
    }
}

/// A query ready to run, and the terms to highlight.
pub struct QueryPlan {
    /// The tantivy query (`None`: nothing can match, e.g. only stopwords or only exclusions).
    pub query: Option<Box<dyn Query>>,
    /// Recall forms of the words looked for (for snippets).
    pub highlight: HashSet<String>,
}

/// Devanagari terms (with a closeness in (0, 1]) for a Roman word, by phonetic key.
pub type Expand<'a> = &'a dyn Fn(&str) -> Vec<(String, f32)>;

/// Builds the query for `parts`; `expand` gives the Devanagari words of Roman query words.
pub fn plan(
    index: &KhojIndex,
    parts: &[Part],
    filters: &Filters,
    query_lang: Option<&str>,
    cfg: &RankingConfig,
    expand: Expand<'_>,
) -> QueryPlan {
    // The query is analyzed as its language when it is known (e.g. Han text as Japanese).
    let tokens = |text: &str, forms: Forms| index.analyze(query_lang, text, forms);
    let f = index.fields();
    let mut clauses: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
    let mut highlight = HashSet::new();
    let mut positive = false;
    let mut words_used = 0;

    let fields_of = |scope: Scope| -> Vec<(Field, f32)> {
        match scope {
            Scope::Any => vec![(f.body, 1.0), (f.title, cfg.title_boost)],
            Scope::Title => vec![(f.title, cfg.title_boost)],
            Scope::Body => vec![(f.body, 1.0)],
        }
    };

    // Free words, by scope: term, exact-form and pair-phrase clauses.
    for scope in [Scope::Any, Scope::Title, Scope::Body] {
        let text: Vec<&str> = parts
            .iter()
            .filter(|p| p.occur == Occur::Should && !p.phrase && p.scope == scope)
            .map(|p| p.text.as_str())
            .collect();
        if text.is_empty() {
            continue;
        }
        let text = text.join(" ");
        let recall = tokens(&text, Forms::Recall);
        let exact = tokens(&text, Forms::Exact);
        let budget = cfg.max_query_words.saturating_sub(words_used);
        let (recall, exact) = (truncate(recall, budget), truncate(exact, budget));
        words_used += recall.len();
        let fields = fields_of(scope);
        // The body holds the title too: exact-form and proximity evidence is read there
        // once, rather than again in the title at a tenth of the weight.
        let (text_field, text_w) = match scope {
            Scope::Title => (f.title, cfg.title_boost),
            Scope::Any | Scope::Body => (f.body, 1.0),
        };
        let mut seen = HashSet::new();
        for (r, e) in recall.iter().zip(&exact) {
            highlight.insert(r.text.clone());
            if !seen.insert((r.text.as_str(), e.text.as_str())) {
                continue;
            }
            positive = true;
            for &(field, w) in &fields {
                clauses.push((TOccur::Should, boosted(term(field, &r.text), w)));
            }
            clauses.extend(exact_clause(text_field, text_w, r, e, cfg));
            // A word typed in Roman letters also looks for the Devanagari words that sound
            // like it: the best of them counts (a disjunction, not a sum).
            let typed = e
                .text
                .strip_prefix(khoj_analyzers::EXACT_PREFIX)
                .unwrap_or(&e.text);
            if cfg.phonetic_weight > 0.0 && typed.bytes().all(|b| b.is_ascii_alphabetic()) {
                let expansions = expand(typed);
                if !expansions.is_empty() {
                    let disjuncts: Vec<Box<dyn Query>> = expansions
                        .iter()
                        .map(|(t, sim)| {
                            boosted(term(text_field, t), text_w * cfg.phonetic_weight * sim)
                        })
                        .collect();
                    highlight.extend(
                        expansions
                            .into_iter()
                            .map(|(t, _)| t)
                            .filter(|t| !t.starts_with(khoj_analyzers::EXACT_PREFIX)),
                    );
                    clauses.push((
                        TOccur::Should,
                        Box::new(DisjunctionMaxQuery::new(disjuncts)),
                    ));
                }
            }
        }
        clauses.extend(pair_clauses(text_field, text_w, &recall, cfg));
        // A query with CJK text also asks the bigram view of CJK articles, the same way.
        if let (Some(cjk_field), true, Scope::Any | Scope::Body) =
            (f.body_cjk, index.has_bigram_view(), scope)
        {
            if may_hold_cjk(&text) {
                let view_tokens = |forms| {
                    let tokens = index
                        .analyze_bigrams(query_lang, &text, forms)
                        .unwrap_or_default();
                    truncate(tokens, cfg.max_query_words)
                };
                let (recall, exact) = (view_tokens(Forms::Recall), view_tokens(Forms::Exact));
                let mut seen = HashSet::new();
                for (r, e) in recall.iter().zip(&exact) {
                    if !seen.insert((r.text.as_str(), e.text.as_str())) {
                        continue;
                    }
                    clauses.push((TOccur::Should, term(cjk_field, &r.text)));
                    clauses.extend(exact_clause(cjk_field, 1.0, r, e, cfg));
                }
                clauses.extend(pair_clauses(cjk_field, 1.0, &recall, cfg));
            }
        }
    }

    // Required and excluded words, and quoted phrases.
    for part in parts
        .iter()
        .filter(|p| p.occur != Occur::Should || p.phrase)
    {
        let tokens = truncate(tokens(&part.text, Forms::Recall), cfg.max_query_words);
        if tokens.is_empty() {
            continue;
        }
        let fields = fields_of(part.scope);
        let either = |make: &dyn Fn(Field) -> Box<dyn Query>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                fields
                    .iter()
                    .map(|&(field, w)| (TOccur::Should, boosted(make(field), w)))
                    .collect(),
            ))
        };
        let occur = match part.occur {
            Occur::Should => TOccur::Should,
            Occur::Must => TOccur::Must,
            Occur::MustNot => TOccur::MustNot,
        };
        if part.occur != Occur::MustNot {
            positive = true;
            highlight.extend(tokens.iter().map(|t| t.text.clone()));
        }
        if part.phrase && tokens.len() > 1 {
            let tokens: Vec<&AnalyzedToken> = tokens.iter().collect();
            clauses.push((occur, either(&|field| phrase(field, &tokens, 0))));
        } else {
            for t in &tokens {
                clauses.push((occur, either(&|field| term(field, &t.text))));
            }
        }
    }

    if !positive {
        return QueryPlan {
            query: None,
            highlight,
        };
    }
    let scored: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
    let filters = filter_queries(index, filters);
    if filters.is_empty() {
        return QueryPlan {
            query: Some(scored),
            highlight,
        };
    }
    // The words' clauses stay one required group: beside a required filter, optional
    // clauses would otherwise stop being required at all.
    let mut all: Vec<(TOccur, Box<dyn Query>)> = vec![(TOccur::Must, scored)];
    all.extend(filters.into_iter().map(|f| {
        (
            TOccur::Must,
            Box::new(ConstScoreQuery::new(f, 0.0)) as Box<dyn Query>,
        )
    }));
    QueryPlan {
        query: Some(Box::new(BooleanQuery::new(all))),
        highlight,
    }
}

/// The clause of a word's exact form in `field` (weight `w` × `exact_boost`), when the
/// reader's spelling differs from the recall form.
fn exact_clause(
    field: Field,
    w: f32,
    recall: &AnalyzedToken,
    exact: &AnalyzedToken,
    cfg: &RankingConfig,
) -> Option<(TOccur, Box<dyn Query>)> {
    (exact.text != recall.text && cfg.exact_boost > 0.0).then(|| {
        let q = boosted(term(field, &exact.text), w * cfg.exact_boost);
        (TOccur::Should, q)
    })
}

/// The proximity clauses of the query words `recall` in `field` (weight `w` ×
/// `phrase_boost`): a phrase of each pair of [`word_pairs`].
fn pair_clauses(
    field: Field,
    w: f32,
    recall: &[AnalyzedToken],
    cfg: &RankingConfig,
) -> Vec<(TOccur, Box<dyn Query>)> {
    if cfg.phrase_boost <= 0.0 {
        return Vec::new();
    }
    word_pairs(recall, cfg.proximity_window)
        .into_iter()
        .map(|(a, b)| {
            let q = phrase(field, &[a, b], cfg.phrase_slop);
            (TOccur::Should, boosted(q, w * cfg.phrase_boost))
        })
        .collect()
}

fn truncate(mut tokens: Vec<AnalyzedToken>, n: usize) -> Vec<AnalyzedToken> {
    tokens.truncate(n);
    tokens
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// The pairs of query words, each with the next `window` words, for the proximity boost.
/// Words, not tokens: of the tokens stacked at one position (e.g. the bigrams inside a long
/// Chinese word) only the first counts, and tokens cut from overlapping text (CJK bigrams,
/// which are adjacency evidence already) make no pair — neither two that overlap nor two
/// that a token overlapping both joins (北京 and 大学 through 京大).
fn word_pairs(tokens: &[AnalyzedToken], window: usize) -> Vec<(&AnalyzedToken, &AnalyzedToken)> {
    let mut words: Vec<&AnalyzedToken> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if words.last().is_none_or(|w| t.position > w.position) {
            words.push(t);
        }
    }
    let mut pairs = Vec::new();
    for gap in 1..=window {
        for i in 0..words.len().saturating_sub(gap) {
            let (a, b) = (words[i], words[i + gap]);
            // A pair joined by a token overlapping both (AB … CD through BC) is adjacency
            // the overlapping tokens witness already.
            let chained = words[i + 1..i + gap]
                .iter()
                .any(|m| m.from < a.to && m.to > b.from);
            if b.from >= a.to && !chained {
                pairs.push((a, b));
            }
        }
    }
    pairs
}

fn phrase(field: Field, tokens: &[&AnalyzedToken], slop: u32) -> Box<dyn Query> {
    let first = tokens[0].position;
    let terms = tokens
        .iter()
        .map(|t| (t.position - first, Term::from_field_text(field, &t.text)))
        .collect();
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

fn boosted(q: Box<dyn Query>, w: f32) -> Box<dyn Query> {
    if w == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, w))
    }
}

fn filter_queries(index: &KhojIndex, filters: &Filters) -> Vec<Box<dyn Query>> {
    let f = index.fields();
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    if filters.from.is_some() || filters.to.is_some() {
        // A bound beyond the times the index holds is no bound on that side.
        let bound = |t: Option<time::OffsetDateTime>| match t {
            Some(t) => Bound::Included(Term::from_field_date(
                f.published_at,
                DateTime::from_timestamp_secs(clamp_to_indexable(t)),
            )),
            None => Bound::Unbounded,
        };
        out.push(Box::new(RangeQuery::new(
            bound(filters.from),
            bound(filters.to),
        )));
    }
    for (field, value) in [
        (f.source, &filters.source),
        (f.category, &filters.category),
        (f.lang, &filters.lang),
    ] {
        if let Some(v) = value {
            out.push(Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            )));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(text: &str, from: usize, to: usize, position: usize) -> AnalyzedToken {
        AnalyzedToken {
            text: text.into(),
            from,
            to,
            position,
            key: None,
        }
    }

    fn pairs(tokens: &[AnalyzedToken], window: usize) -> Vec<(&str, &str)> {
        word_pairs(tokens, window)
            .into_iter()
            .map(|(a, b)| (a.text.as_str(), b.text.as_str()))
            .collect()
    }

    #[test]
    fn words_pair_with_the_next_words_in_the_window() {
        // उत्तर कोरिया में लावरोव: the stopword keeps its position, no token
        let t = [
            token("उतर", 0, 15, 0),
            token("कोरिय", 16, 34, 1),
            token("लावरोव", 41, 59, 3),
        ];
        assert_eq!(
            pairs(&t, 3),
            [("उतर", "कोरिय"), ("कोरिय", "लावरोव"), ("उतर", "लावरोव")]
        );
        assert_eq!(pairs(&t, 1), [("उतर", "कोरिय"), ("कोरिय", "लावरोव")]);
    }

    #[test]
    fn overlapping_bigrams_make_no_pairs() {
        // 北京大学 as bigrams: 北京 京大 大学. 北京 and 大学 stand apart, but 京大 overlaps
        // both: their adjacency is witnessed already.
        let t = [
            token("北京", 0, 6, 0),
            token("京大", 3, 9, 1),
            token("大学", 6, 12, 2),
        ];
        assert!(pairs(&t, 3).is_empty());
        // 北京, 大学 as two runs (北京 大学): nothing joins them, so they pair.
        let t = [token("北京", 0, 6, 0), token("大学", 7, 13, 1)];
        assert_eq!(pairs(&t, 3), [("北京", "大学")]);
    }

    #[test]
    fn tokens_stacked_at_a_word_are_not_words() {
        // a long Chinese word and the bigrams inside it, at its position; then 首都
        let t = [
            token("中华人民", 0, 12, 0),
            token("中华", 0, 12, 0),
            token("人民", 0, 12, 0),
            token("首都", 15, 21, 2),
        ];
        assert_eq!(pairs(&t, 3), [("中华人民", "首都")]);
    }
}
