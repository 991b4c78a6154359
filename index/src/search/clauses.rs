//! The clauses a query plan ([`super::ranking::plan`]) is built of: a word's term in a field
//! (BM25 with the plan's parameters), the best of its forms in the languages its script is
//! read as, its exact form, pairs of words as phrases, and the reader's filters.

use std::collections::HashMap;
use std::ops::Bound;

use khoj_analyzers::{AnalyzedToken, Forms};
use tantivy::query::{
    BoostQuery, DisjunctionMaxQuery, Occur as TOccur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Term};

use super::bm25::{term_query, Bm25Params};
use super::ranking_config::RankingConfig;
use crate::dates::clamp_to_indexable;
use crate::index::KhojIndex;
use crate::request::Filters;

/// The clause of a word's exact form in `field` (weight `w` × `exact_boost`), when the
/// reader's spelling differs from the recall form.
pub(super) fn exact_clause(
    field: Field,
    w: f32,
    recall: &AnalyzedToken,
    exact: &AnalyzedToken,
    cfg: &RankingConfig,
) -> Option<(TOccur, Box<dyn Query>)> {
    (exact.text != recall.text && cfg.exact_boost > 0.0).then(|| {
        let q = boosted(term(field, &exact.text, cfg.bm25), w * cfg.exact_boost);
        (TOccur::Should, q)
    })
}

/// The proximity clauses of the query words `recall` in `field` (weight `w` ×
/// `phrase_boost`): a phrase of each pair of [`word_pairs`].
pub(super) fn pair_clauses(
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

pub(super) fn truncate(mut tokens: Vec<AnalyzedToken>, n: usize) -> Vec<AnalyzedToken> {
    tokens.truncate(n);
    tokens
}

/// The recall forms of the words of `text` as each other language of their scripts that
/// the index holds articles in analyzes them ([`khoj_analyzers::other_languages_of`]), by
/// position, where they differ from `recall` (the query's analysis as the scripts' first
/// languages).
pub(super) fn alternative_forms(
    index: &KhojIndex,
    text: &str,
    recall: &[AnalyzedToken],
    holds_language: &dyn Fn(&str) -> bool,
) -> HashMap<usize, Vec<String>> {
    let mut out: HashMap<usize, Vec<String>> = HashMap::new();
    for lang in khoj_analyzers::other_languages_of(text) {
        if !holds_language(lang) {
            continue;
        }
        for t in index.analyze(Some(lang), text, Forms::Recall) {
            let primary = recall
                .iter()
                .any(|r| r.position == t.position && r.text == t.text);
            let forms = out.entry(t.position).or_default();
            if !primary && !forms.contains(&t.text) {
                forms.push(t.text);
            }
        }
    }
    out.retain(|_, forms| !forms.is_empty());
    out
}

/// `text`'s term in `field`, or, with alternatives, the best of its forms (a disjunction:
/// an article holds the form of its own language, and is not paid twice).
pub(super) fn any_form(
    field: Field,
    text: &str,
    alts: &[String],
    cfg: &RankingConfig,
) -> Box<dyn Query> {
    if alts.is_empty() {
        return term(field, text, cfg.bm25);
    }
    let forms = std::iter::once(text).chain(alts.iter().map(String::as_str));
    Box::new(DisjunctionMaxQuery::new(
        forms.map(|f| term(field, f, cfg.bm25)).collect(),
    ))
}

pub(super) fn term(field: Field, text: &str, params: Bm25Params) -> Box<dyn Query> {
    let params = if params.is_valid() {
        params
    } else {
        Bm25Params::TANTIVY
    };
    term_query(Term::from_field_text(field, text), params)
}

/// The pairs of query words, each with the next `window` words, for the proximity boost.
/// Words, not tokens: of the tokens stacked at one position (e.g. the bigrams inside a long
/// Chinese word) only the first counts, and tokens cut from overlapping text (CJK bigrams,
/// which are adjacency evidence already) make no pair — neither two that overlap nor two
/// that a token overlapping both joins (北京 and 大学 through 京大).
pub(super) fn word_pairs(
    tokens: &[AnalyzedToken],
    window: usize,
) -> Vec<(&AnalyzedToken, &AnalyzedToken)> {
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

pub(super) fn phrase(field: Field, tokens: &[&AnalyzedToken], slop: u32) -> Box<dyn Query> {
    let first = tokens[0].position;
    let terms = tokens
        .iter()
        .map(|t| (t.position - first, Term::from_field_text(field, &t.text)))
        .collect();
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

pub(super) fn boosted(q: Box<dyn Query>, w: f32) -> Box<dyn Query> {
    if w == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, w))
    }
}

pub(super) fn filter_queries(index: &KhojIndex, filters: &Filters) -> Vec<Box<dyn Query>> {
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
