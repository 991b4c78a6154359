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
//! The weights, and the measurements that chose their defaults: [`super::ranking_config`].

use std::collections::{HashMap, HashSet};
use std::ops::Bound;

use khoj_analyzers::{may_hold_cjk, AnalyzedToken, Forms};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur as TOccur, PhraseQuery,
    Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Term};

use super::bm25::{term_query, Bm25Params};
use super::query::{Occur, Part, Scope};
use super::ranking_config::RankingConfig;
use crate::dates::clamp_to_indexable;
use crate::index::KhojIndex;
use crate::request::Filters;

/// A query ready to run, and the terms to highlight.
pub struct QueryPlan {
    /// The tantivy query (`None`: nothing can match, e.g. only stopwords or only exclusions).
    pub query: Option<Box<dyn Query>>,
    /// Recall forms of the words looked for (for snippets).
    pub highlight: HashSet<String>,
    /// Query words the index does not hold, each with the spelling it most likely meant.
    pub corrected: Vec<(String, String)>,
}

/// What the query plan looks up in the index for a word, as terms with a weight in (0, 1].
pub struct Lookups<'a> {
    /// Whether the index holds articles in a language (ISO 639-1 code).
    pub holds_language: &'a dyn Fn(&str) -> bool,
    /// The words of the Indian scripts a Roman word sounds like (phonetic keys).
    pub phonetic: &'a dyn Fn(&str) -> Vec<(String, f32)>,
    /// The words of the other Indian scripts that a word of one sounds like: a name written
    /// in another script (empty when the index holds no article of another such script).
    pub other_scripts: &'a dyn Fn(&str) -> Vec<(String, f32)>,
    /// The words a word being typed may become (as you type).
    pub complete: &'a dyn Fn(&str) -> Vec<(String, f32)>,
    /// The spellings the index knows for a word it does not, or rarely, holds (empty for
    /// a word it knows, or when typos are not forgiven).
    pub correct: &'a dyn Fn(&str) -> Vec<Correction>,
}

/// A spelling the index knows, for a query word it does not or rarely holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    /// The index term.
    pub term: String,
    /// The word as it would be typed.
    pub word: String,
    /// Articles that hold it.
    pub df: u64,
    /// Articles that hold the word as typed.
    pub typed_df: u64,
}

/// Builds the query for `parts`; `typed` is the part being typed, if any (as you type: it
/// is looked up by its completions); `lookups` gives what the index holds for a word.
pub fn plan(
    index: &KhojIndex,
    parts: &[Part],
    typed: Option<usize>,
    filters: &Filters,
    query_lang: Option<&str>,
    cfg: &RankingConfig,
    lookups: &Lookups<'_>,
) -> QueryPlan {
    // The query is analyzed as its language when it is known (e.g. Han text as Japanese).
    let tokens = |text: &str, forms: Forms| index.analyze(query_lang, text, forms);
    // BM25's parameters by the query's language or script
    let query_text: String = parts
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let cfg = &RankingConfig {
        bm25: cfg.bm25_for(query_lang, &query_text),
        phrase_boost: cfg.phrase_boost_for(&query_text),
        ..cfg.clone()
    };
    let f = index.fields();
    let mut clauses: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
    let mut highlight = HashSet::new();
    let mut corrected: Vec<(String, String)> = Vec::new();
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
            .enumerate()
            .filter(|&(i, p)| {
                p.occur == Occur::Should && !p.phrase && p.scope == scope && Some(i) != typed
            })
            .map(|(_, p)| p.text.as_str())
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
        // With no language named, the words are also analyzed as the other languages of
        // their script (Marathi, Nepali … for Devanagari): each finds its articles.
        let mut alternatives = match query_lang {
            None => alternative_forms(index, &text, &recall, lookups.holds_language),
            Some(_) => HashMap::new(),
        };
        let mut seen = HashSet::new();
        // every form by which each word is found, for the coordination clauses
        let mut word_forms: Vec<Vec<String>> = Vec::new();
        for (r, e) in recall.iter().zip(&exact) {
            highlight.insert(r.text.clone());
            let alts = alternatives.remove(&r.position).unwrap_or_default();
            if !seen.insert((r.text.as_str(), e.text.as_str())) {
                continue;
            }
            positive = true;
            let mut forms = vec![r.text.clone()];
            highlight.extend(alts.iter().cloned());
            for &(field, w) in &fields {
                clauses.push((
                    TOccur::Should,
                    boosted(any_form(field, &r.text, &alts, cfg), w),
                ));
            }
            forms.extend(alts);
            clauses.extend(exact_clause(text_field, text_w, r, e, cfg));
            // A word typed in Roman letters also looks for the words of the Indian scripts
            // that sound like it, and a word of an Indian script for the same name written
            // in another one (मोदी, মোদী): the best of them counts (a disjunction, not a
            // sum), below the word as typed.
            let typed = e
                .text
                .strip_prefix(khoj_analyzers::EXACT_PREFIX)
                .unwrap_or(&e.text);
            let roman = typed.bytes().all(|b| b.is_ascii_alphabetic());
            let expansions = if cfg.phonetic_weight <= 0.0 {
                Vec::new()
            } else if roman {
                (lookups.phonetic)(typed)
            } else if typed.chars().next().is_some_and(khoj_analyzers::is_brahmic) {
                (lookups.other_scripts)(typed)
            } else {
                Vec::new()
            };
            let sounds_like = roman && !expansions.is_empty();
            if !expansions.is_empty() {
                forms.extend(expansions.iter().map(|(t, _)| t.clone()));
                let disjuncts: Vec<Box<dyn Query>> = expansions
                    .iter()
                    .map(|(t, sim)| {
                        boosted(
                            term(text_field, t, cfg.bm25),
                            text_w * cfg.phonetic_weight * sim,
                        )
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
            // A word the index does not (or rarely) holds also finds the spellings it knows
            // a slip away, below the word as typed: the best of them counts. (A Roman word
            // that sounds like Devanagari words the index holds is Hindi typed in Roman
            // letters, not a misspelt English word.)
            if cfg.typo_weight > 0.0 && !sounds_like {
                let typed_word = &text[r.from..r.to];
                let corrections = (lookups.correct)(typed_word);
                if let Some(best) = corrections.first().filter(|c| c.typed_df == 0) {
                    corrected.push((typed_word.to_string(), best.word.clone()));
                }
                if !corrections.is_empty() {
                    highlight.extend(corrections.iter().map(|c| c.term.clone()));
                    forms.extend(corrections.iter().map(|c| c.term.clone()));
                    let disjuncts: Vec<Box<dyn Query>> = corrections
                        .iter()
                        .map(|c| {
                            boosted(
                                term(text_field, &c.term, cfg.bm25),
                                text_w * cfg.typo_weight,
                            )
                        })
                        .collect();
                    clauses.push((
                        TOccur::Should,
                        Box::new(DisjunctionMaxQuery::new(disjuncts)),
                    ));
                }
            }
            word_forms.push(forms);
        }
        // Coordination: an article scores a constant for every query word it holds in any
        // form, so that one with every word ranks above one that matches a single word
        // (or a single expansion of one) many times.
        let roman = text
            .split_whitespace()
            .all(|w| w.bytes().all(|b| b.is_ascii_alphabetic()));
        if cfg.coordination > 0.0
            && roman
            && (2..=cfg.coordination_max_words).contains(&word_forms.len())
        {
            for forms in word_forms {
                let any: Vec<(TOccur, Box<dyn Query>)> = forms
                    .iter()
                    .map(|t| {
                        let q: Box<dyn Query> = Box::new(TermQuery::new(
                            Term::from_field_text(text_field, t),
                            IndexRecordOption::Basic,
                        ));
                        (TOccur::Should, q)
                    })
                    .collect();
                clauses.push((
                    TOccur::Should,
                    Box::new(ConstScoreQuery::new(
                        Box::new(BooleanQuery::new(any)),
                        text_w * cfg.coordination,
                    )),
                ));
            }
        }
        // words that only another language keeps (a stopword of the first)
        for alts in alternatives.into_values() {
            // never empty (alternative_forms keeps only positions with a form)
            let Some((first, rest)) = alts.split_first() else {
                continue;
            };
            positive = true;
            highlight.extend(alts.iter().cloned());
            for &(field, w) in &fields {
                clauses.push((
                    TOccur::Should,
                    boosted(any_form(field, first, rest, cfg), w),
                ));
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
                    clauses.push((TOccur::Should, term(cjk_field, &r.text, cfg.bm25)));
                    clauses.extend(exact_clause(cjk_field, 1.0, r, e, cfg));
                }
                clauses.extend(pair_clauses(cjk_field, 1.0, &recall, cfg));
            }
        }
    }

    // The word being typed: the best of its completions counts.
    if let Some(part) = typed.and_then(|i| parts.get(i)) {
        let completions = (lookups.complete)(&part.text);
        if completions.is_empty() {
            if part.occur == Occur::Must {
                return QueryPlan {
                    query: None,
                    highlight,
                    corrected,
                };
            }
        } else {
            positive = true;
            let (field, w) = match part.scope {
                Scope::Title => (f.title, cfg.title_boost),
                Scope::Any | Scope::Body => (f.body, 1.0),
            };
            highlight.extend(
                completions
                    .iter()
                    .map(|(t, _)| t.clone())
                    .filter(|t| !t.starts_with(khoj_analyzers::EXACT_PREFIX)),
            );
            let disjuncts: Vec<Box<dyn Query>> = completions
                .iter()
                .map(|(t, sim)| boosted(term(field, t, cfg.bm25), w * sim))
                .collect();
            let occur = match part.occur {
                Occur::Must => TOccur::Must,
                _ => TOccur::Should,
            };
            clauses.push((occur, Box::new(DisjunctionMaxQuery::new(disjuncts))));
        }
    }

    // Required and excluded words, and quoted phrases.
    for part in parts
        .iter()
        .enumerate()
        .filter(|&(i, p)| (p.occur != Occur::Should || p.phrase) && Some(i) != typed)
        .map(|(_, p)| p)
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
            let words: Vec<&AnalyzedToken> = tokens.iter().collect();
            clauses.push((occur, either(&|field| phrase(field, &words, 0))));
            // A quoted phrase beside other words (not required, not alone) ranks the
            // articles holding it first, and its words still count on their own: a question
            // that quotes a name or a title ("मेडिसिन लाइन" किसका दूसरा नाम है?) still finds
            // an answer worded otherwise. Alone, a quoted phrase must stand together.
            let beside_others = parts
                .iter()
                .any(|p| !std::ptr::eq(p, part) && p.occur != Occur::MustNot);
            if part.occur == Occur::Should && beside_others {
                for t in &tokens {
                    clauses.push((occur, either(&|field| term(field, &t.text, cfg.bm25))));
                }
            }
        } else {
            for t in &tokens {
                clauses.push((occur, either(&|field| term(field, &t.text, cfg.bm25))));
            }
        }
    }

    if !positive {
        return QueryPlan {
            query: None,
            highlight,
            corrected,
        };
    }
    let scored: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
    let filters = filter_queries(index, filters);
    if filters.is_empty() {
        return QueryPlan {
            query: Some(scored),
            highlight,
            corrected,
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
        corrected,
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
        let q = boosted(term(field, &exact.text, cfg.bm25), w * cfg.exact_boost);
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

/// The recall forms of the words of `text` as each other language of their scripts that
/// the index holds articles in analyzes them ([`khoj_analyzers::other_languages_of`]), by
/// position, where they differ from `recall` (the query's analysis as the scripts' first
/// languages).
fn alternative_forms(
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
fn any_form(field: Field, text: &str, alts: &[String], cfg: &RankingConfig) -> Box<dyn Query> {
    if alts.is_empty() {
        return term(field, text, cfg.bm25);
    }
    let forms = std::iter::once(text).chain(alts.iter().map(String::as_str));
    Box::new(DisjunctionMaxQuery::new(
        forms.map(|f| term(field, f, cfg.bm25)).collect(),
    ))
}

fn term(field: Field, text: &str, params: Bm25Params) -> Box<dyn Query> {
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
    fn pairs_count_in_devanagari_latin_and_cjk_queries_only() {
        let cfg = RankingConfig::default();
        for query in [
            "लावरोव उत्तर कोरिया",
            "lavrov korea",
            "2011 東京 大学",
            "서울 대학",
        ] {
            assert_eq!(cfg.phrase_boost_for(query), cfg.phrase_boost, "{query}");
        }
        // the script of the first letter decides, digits do not
        for query in ["2011 నాటికి గ్రామ జనాభా", "গ্রাম জনসংখ্যা", "پاکستان حکومت"]
        {
            assert_eq!(cfg.phrase_boost_for(query), 0.0, "{query}");
        }
        let on = RankingConfig {
            phrase_boost_indian_scripts: 0.5,
            ..RankingConfig::default()
        };
        assert_eq!(on.phrase_boost_for("தமிழ் செய்தி"), 0.5);
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
