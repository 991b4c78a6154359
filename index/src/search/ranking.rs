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

use khoj_analyzers::{may_hold_cjk, AnalyzedToken, Forms};
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur as TOccur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::clauses::{
    alternative_forms, any_form, boosted, exact_clause, filter_queries, pair_clauses, phrase, term,
    truncate,
};
use super::query::{Occur, Part, Scope};
use super::ranking_config::RankingConfig;
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
