//! Related coverage for editors: the articles about the same story or topic as one article,
//! by its most significant words, and the copies of its wire story.
//!
//! The article's title and body are analyzed as the index analyzes them, in the article's
//! language; each recall term
//! is weighted by tf-idf (1 + ln tf) × idf, where idf is BM25's; terms that only this
//! article holds, that more than half the articles hold, and numbers, are left out (the
//! stopwords are already). The [`MAX_TERMS`] heaviest make a weighted query; the article
//! itself and its copies (its copy cluster) are excluded, a date window can apply. The
//! significant terms of the first round's [`FEEDBACK_ARTICLES`] best stories then join the query
//! (pseudo-relevance feedback: P@4 on XQuAD hi 0.61 → 0.67, en 0.61 → 0.67, zh 0.66 → 0.71).
//! The second round's best [`rerank::POOL`] candidates, copies of one other story counting
//! once (its best article stands for them), are re-ranked by the likeness of their words to
//! the article's, directly and through its nearest candidates ([`rerank`]), and the best are
//! the answer. Each hit says why: the words it shares with the article.

mod rerank;

use std::collections::{HashMap, HashSet};
use std::ops::Bound;

use khoj_analyzers::Forms;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, DocAddress, TantivyDocument, Term};

use crate::article::{Article, ArticleSummary};
use crate::dates::clamp_to_indexable;
use crate::error::Result;
use crate::request::{RelatedRequest, MAX_RELATED};
use crate::schema::ArticleFields;
use crate::search::{ClusterReader, Searcher};
use rerank::{fused_scores, TermVector, POOL};

/// Terms of the article that make the query, at most.
pub const MAX_TERMS: usize = 25;
/// The nearest stories of a first round (one article each) whose significant terms join the
/// query.
const FEEDBACK_ARTICLES: usize = 2;
/// Hits of the first round read to find [`FEEDBACK_ARTICLES`] stories (a story carried by
/// many sites fills the first hits with its copies).
const FEEDBACK_DEPTH: usize = 64;
/// How much the neighbours' terms weigh, together, against the article's own.
const FEEDBACK_WEIGHT: f32 = 1.0;
/// Terms of the query with the neighbours' added, at most.
const MAX_EXPANDED_TERMS: usize = 50;
/// Hits read per candidate wanted, so that copies of one story can be collapsed.
const COLLAPSE_DEPTH: usize = 4;

/// One related article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedHit {
    /// The article.
    #[serde(flatten)]
    pub article: ArticleSummary,
    /// How related it is.
    pub score: f32,
    /// The significant words it shares with the article, heaviest first.
    pub shared_terms: Vec<String>,
}

impl Searcher {
    /// The articles related to the request's article (not itself, not its copies),
    /// optionally published within some days of it; `None` when there is no such article.
    /// The limit is cut to 1 to [`MAX_RELATED`].
    pub fn related(&self, req: &RelatedRequest) -> Result<Option<Vec<RelatedHit>>> {
        let (id, limit, days) = (req.id.as_str(), req.limit.clamp(1, MAX_RELATED), req.days);
        let searcher = self.reader().searcher();
        let Some(doc) = self.index().doc_with(&searcher, id)? else {
            return Ok(None);
        };
        let index = self.index();
        let f = index.fields();
        let article = f.article(&doc);
        let cluster = f.cluster(&doc);
        let mut idf = IdfCache::new(&searcher, f.body);
        let own_vector = all_terms(self, &mut idf, &article, true);
        let own = heaviest(own_vector.clone(), MAX_TERMS);
        if own.is_empty() {
            return Ok(Some(Vec::new()));
        }
        let window = days.zip(article.published_at).and_then(|(days, at)| {
            let span = time::Duration::days(i64::from(days));
            let bound = |t: Option<time::OffsetDateTime>| match t {
                Some(t) => Bound::Included(Term::from_field_date(
                    f.published_at,
                    DateTime::from_timestamp_secs(clamp_to_indexable(t)),
                )),
                None => Bound::Unbounded, // beyond the calendar: no bound on that side
            };
            let (from, to) = (at.checked_sub(span), at.checked_add(span));
            (from.is_some() || to.is_some()).then(|| (bound(from), bound(to)))
        });
        let query = |terms: &[Weighted]| related_query(f, terms, id, cluster, window.clone());
        // A first round finds the nearest articles; their own significant words join the
        // query (pseudo-relevance feedback), which finds the story's other articles that
        // share few words with this one.
        let clusters = ClusterReader::new(&searcher);
        let mut neighbours = Vec::with_capacity(FEEDBACK_ARTICLES);
        let first = searcher.search(
            &query(&own),
            &TopDocs::with_limit(FEEDBACK_DEPTH).order_by_score(),
        )?;
        for addr in one_per_story(first, &clusters, FEEDBACK_ARTICLES) {
            let neighbour = f.article(&searcher.doc::<TantivyDocument>(addr)?);
            neighbours.push(heaviest(
                all_terms(self, &mut idf, &neighbour, true),
                MAX_TERMS,
            ));
        }
        let terms = with_feedback(&own, &neighbours);
        // The second round's candidates, one article for each story (the best of each copy
        // cluster stands for its copies), re-ranked by the likeness of their words
        let wanted = POOL.max(limit);
        let hits = searcher.search(
            &query(&terms),
            &TopDocs::with_limit(wanted * COLLAPSE_DEPTH).order_by_score(),
        )?;
        let (mut articles, mut vectors) = (Vec::new(), Vec::new());
        for addr in one_per_story(hits, &clusters, wanted) {
            let other = f.article(&searcher.doc::<TantivyDocument>(addr)?);
            vectors.push(vector_of(all_terms(self, &mut idf, &other, false)));
            articles.push(other);
        }
        let mut ranked: Vec<(f32, usize)> = fused_scores(&vector_of(own_vector), &vectors)
            .into_iter()
            .zip(0..)
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out = Vec::with_capacity(limit);
        for (score, i) in ranked.into_iter().take(limit) {
            let shared_terms = own
                .iter()
                .filter(|t| vectors[i].contains(t.id))
                .map(|t| t.surface.clone())
                .collect();
            out.push(RelatedHit {
                article: articles[i].clone().into(),
                score,
                shared_terms,
            });
        }
        Ok(Some(out))
    }

    /// The other articles in `id`'s copy cluster; `None` when there is no article `id`.
    pub fn copies(&self, id: &str) -> Result<Option<Vec<ArticleSummary>>> {
        let searcher = self.reader().searcher();
        let Some(doc) = self.index().doc_with(&searcher, id)? else {
            return Ok(None);
        };
        let index = self.index();
        let Some(cluster) = index.fields().cluster(&doc) else {
            return Ok(Some(Vec::new()));
        };
        let q = TermQuery::new(
            Term::from_field_u64(index.fields().cluster, cluster),
            IndexRecordOption::Basic,
        );
        let hits = searcher.search(&q, &TopDocs::with_limit(MAX_RELATED).order_by_score())?;
        let mut out = Vec::new();
        for (_, addr) in hits {
            let a = index
                .fields()
                .article(&searcher.doc::<TantivyDocument>(addr)?);
            if a.id != id {
                out.push(a.into());
            }
        }
        Ok(Some(out))
    }
}

/// The first `max` of `hits` (in their order) that are of different stories: the best
/// article of each copy cluster stands for its copies.
fn one_per_story(
    hits: Vec<(f32, DocAddress)>,
    clusters: &ClusterReader,
    max: usize,
) -> impl Iterator<Item = DocAddress> + '_ {
    let mut stories = HashSet::new();
    hits.into_iter()
        .map(|(_, addr)| addr)
        .filter(move |&addr| clusters.cluster(addr).is_none_or(|c| stories.insert(c)))
        .take(max)
}

/// A weighted term of an article.
#[derive(Debug, Clone)]
struct Weighted {
    term: String,
    /// The term's number in this request ([`IdfCache`]).
    id: u32,
    /// The word as the article spells it (for "why").
    surface: String,
    weight: f32,
}

/// The query for articles holding `terms`, weighted; never the article `id` or its copies
/// (`cluster`); published within `window` if given.
fn related_query(
    f: &ArticleFields,
    terms: &[Weighted],
    id: &str,
    cluster: Option<u64>,
    window: Option<(Bound<Term>, Bound<Term>)>,
) -> BooleanQuery {
    let clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|t| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(f.body, &t.term),
                IndexRecordOption::WithFreqs,
            ));
            (
                Occur::Should,
                Box::new(BoostQuery::new(q, t.weight)) as Box<dyn Query>,
            )
        })
        .collect();
    let mut all: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, Box::new(BooleanQuery::new(clauses)))];
    all.push((
        Occur::MustNot,
        Box::new(TermQuery::new(
            Term::from_field_text(f.id, id),
            IndexRecordOption::Basic,
        )),
    ));
    if let Some(c) = cluster {
        all.push((
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_u64(f.cluster, c),
                IndexRecordOption::Basic,
            )),
        ));
    }
    if let Some((from, to)) = window {
        all.push((Occur::Must, Box::new(RangeQuery::new(from, to))));
    }
    BooleanQuery::new(all)
}

/// The article's terms with its neighbours' added: each neighbour's weights are scaled so
/// that its heaviest term weighs as much as the article's heaviest, times
/// [`FEEDBACK_WEIGHT`] shared among the neighbours; a term both hold gets both weights. The
/// [`MAX_EXPANDED_TERMS`] heaviest are kept.
fn with_feedback(own: &[Weighted], neighbours: &[Vec<Weighted>]) -> Vec<Weighted> {
    let top = own.iter().map(|t| t.weight).fold(0.0f32, f32::max);
    let mut merged: HashMap<&str, Weighted> =
        own.iter().map(|t| (t.term.as_str(), t.clone())).collect();
    for terms in neighbours {
        let their_top = terms.iter().map(|t| t.weight).fold(0.0f32, f32::max);
        if their_top <= 0.0 {
            continue;
        }
        let scale = FEEDBACK_WEIGHT * top / their_top / neighbours.len() as f32;
        for t in terms {
            merged
                .entry(t.term.as_str())
                .and_modify(|e| e.weight += t.weight * scale)
                .or_insert_with(|| Weighted {
                    weight: t.weight * scale,
                    ..t.clone()
                });
        }
    }
    heaviest(merged.into_values().collect(), MAX_EXPANDED_TERMS)
}

/// The `max` heaviest of `terms`, heaviest first (ties in term order, so that the query is
/// the same from run to run).
fn heaviest(mut terms: Vec<Weighted>, max: usize) -> Vec<Weighted> {
    terms.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.term.cmp(&b.term))
    });
    terms.truncate(max);
    terms
}

/// The BM25 idf of the terms asked for, each looked up in the index once, and a number for
/// each term (for [`TermVector`]s).
struct IdfCache<'a> {
    searcher: &'a tantivy::Searcher,
    body: tantivy::schema::Field,
    docs: f32,
    ids: FxHashMap<String, u32>,
    idf: Vec<Option<f32>>,
}

impl<'a> IdfCache<'a> {
    fn new(searcher: &'a tantivy::Searcher, body: tantivy::schema::Field) -> Self {
        IdfCache {
            searcher,
            body,
            docs: searcher.num_docs().max(1) as f32,
            ids: FxHashMap::default(),
            idf: Vec::new(),
        }
    }

    /// The number of `term` and its idf, or `None` for a term only one article holds or
    /// more than half of them do (neither says what an article is about).
    fn of(&mut self, term: &str) -> (u32, Option<f32>) {
        if let Some(&id) = self.ids.get(term) {
            return (id, self.idf[id as usize]);
        }
        let n = self.docs;
        let idf = self
            .searcher
            .doc_freq(&Term::from_field_text(self.body, term))
            .ok()
            .map(|df| df as f32)
            .filter(|&df| df > 1.0 && df <= n / 2.0)
            .map(|df| (1.0 + (n - df + 0.5) / (df + 0.5)).ln());
        let id = self.idf.len() as u32;
        self.idf.push(idf);
        self.ids.insert(term.to_string(), id);
        (id, idf)
    }
}

/// Every significant term of the article (not a number, and neither one only it holds nor
/// one more than half the articles hold), weighted by tf-idf, (1 + ln tf) × idf; with the
/// word as the article spells it when `surfaces`.
fn all_terms(s: &Searcher, idf: &mut IdfCache, article: &Article, surfaces: bool) -> Vec<Weighted> {
    let index = s.index();
    let text = format!("{}\n{}", article.title, article.body);
    let mut tf: FxHashMap<String, (u32, usize, usize)> = FxHashMap::default();
    for t in index.analyze(Some(&article.lang), &text, Forms::Recall) {
        if t.text.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        tf.entry(t.text).or_insert((0, t.from, t.to)).0 += 1;
    }
    tf.into_iter()
        .filter_map(|(term, (count, from, to))| {
            let (id, idf) = idf.of(&term);
            Some(Weighted {
                term,
                id,
                surface: if surfaces {
                    text[from..to].to_string()
                } else {
                    String::new()
                },
                weight: (1.0 + (count as f32).ln()) * idf?,
            })
        })
        .collect()
}

/// The vector of weighted terms.
fn vector_of(terms: Vec<Weighted>) -> TermVector {
    TermVector::new(terms.into_iter().map(|t| (t.id, t.weight)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weighted(terms: &[(&str, f32)]) -> Vec<Weighted> {
        terms
            .iter()
            .map(|&(term, weight)| Weighted {
                term: term.into(),
                id: 0,
                surface: term.into(),
                weight,
            })
            .collect()
    }

    fn weights(terms: &[Weighted]) -> Vec<(&str, f32)> {
        terms.iter().map(|t| (t.term.as_str(), t.weight)).collect()
    }

    #[test]
    fn neighbours_terms_join_scaled_to_the_articles_heaviest() {
        let own = weighted(&[("a", 4.0), ("b", 2.0)]);
        // the first neighbour's heaviest (8) counts as the article's (4), halved between two
        let first = weighted(&[("b", 8.0), ("c", 4.0)]);
        let second = weighted(&[("d", 1.0)]);
        let terms = with_feedback(&own, &[first, second]);
        assert_eq!(
            weights(&terms),
            [("a", 4.0), ("b", 4.0), ("d", 2.0), ("c", 1.0)]
        );
    }

    #[test]
    fn without_neighbours_the_terms_are_the_articles() {
        let own = weighted(&[("a", 3.0), ("b", 1.0)]);
        assert_eq!(weights(&with_feedback(&own, &[])), weights(&own));
        let empty: Vec<Weighted> = Vec::new();
        assert_eq!(weights(&with_feedback(&own, &[empty])), weights(&own));
    }

    #[test]
    fn at_most_the_expanded_number_of_terms() {
        let many = |prefix: &str| -> Vec<Weighted> {
            (0..MAX_TERMS)
                .map(|i| Weighted {
                    term: format!("{prefix}{i}"),
                    id: 0,
                    surface: String::new(),
                    weight: 1.0 + i as f32,
                })
                .collect()
        };
        let terms = with_feedback(&many("own"), &[many("x"), many("y")]);
        assert_eq!(terms.len(), MAX_EXPANDED_TERMS);
        // the article's own heaviest term stays first
        assert_eq!(terms[0].term, format!("own{}", MAX_TERMS - 1));
    }
}
