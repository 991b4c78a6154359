//! Measuring relevance: queries and judgments in, one line of metrics out, with the same
//! definitions as `../shared/peers/ir_metrics.py` (MRR@10, nDCG@10 with gain 2^g − 1,
//! recall at 10 and 100; every judged query counts, a query with no results counts zero).
//!
//!
//! Tooling of `khoj eval` (and the demo's reading of a SQuAD file), not part of the index
//! library.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};
use khoj_index::article::{infer_language, Article, ArticleParts};
use khoj_index::copies::Fingerprint;
use khoj_index::request::{RelatedRequest, SearchRequest};
use khoj_index::search::Searcher;
use khoj_index::KhojIndex;

/// Judgments: query id → document id → grade (only grades above 0 are kept).
pub type Qrels = HashMap<String, HashMap<String, u32>>;

/// Query id → ranked document ids.
pub type Run = HashMap<String, Vec<String>>;

/// The metrics of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Judged queries.
    pub queries: usize,
    /// Mean reciprocal rank of the first relevant document in the top 10.
    pub mrr10: f64,
    /// nDCG at 10.
    pub ndcg10: f64,
    /// Recall at 10.
    pub r10: f64,
    /// Recall at 100.
    pub r100: f64,
}

impl Metrics {
    /// Computes the metrics of `run` against `qrels`.
    pub fn compute(qrels: &Qrels, run: &Run) -> Metrics {
        let (mut mrr, mut ndcg, mut r10, mut r100) = (0.0, 0.0, 0.0, 0.0);
        let empty = Vec::new();
        for (q, judged) in qrels {
            let docs = run.get(q).unwrap_or(&empty);
            mrr += docs
                .iter()
                .take(10)
                .position(|d| judged.contains_key(d))
                .map_or(0.0, |i| 1.0 / (i as f64 + 1.0));
            let dcg: f64 = docs
                .iter()
                .take(10)
                .enumerate()
                .map(|(i, d)| {
                    (2f64.powi(*judged.get(d).unwrap_or(&0) as i32) - 1.0) / (i as f64 + 2.0).log2()
                })
                .sum();
            let mut ideal: Vec<u32> = judged.values().copied().collect();
            ideal.sort_unstable_by(|a, b| b.cmp(a));
            let idcg: f64 = ideal
                .iter()
                .take(10)
                .enumerate()
                .map(|(i, &g)| (2f64.powi(g as i32) - 1.0) / (i as f64 + 2.0).log2())
                .sum();
            if idcg > 0.0 {
                ndcg += dcg / idcg;
            }
            let n = judged.len() as f64;
            r10 += docs
                .iter()
                .take(10)
                .filter(|d| judged.contains_key(*d))
                .count() as f64
                / n;
            r100 += docs
                .iter()
                .take(100)
                .filter(|d| judged.contains_key(*d))
                .count() as f64
                / n;
        }
        let n = qrels.len().max(1) as f64;
        Metrics {
            queries: qrels.len(),
            mrr10: mrr / n,
            ndcg10: ndcg / n,
            r10: r10 / n,
            r100: r100 / n,
        }
    }
}

impl fmt::Display for Metrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "queries={} MRR@10={:.4} nDCG@10={:.4} R@10={:.4} R@100={:.4}",
            self.queries, self.mrr10, self.ndcg10, self.r10, self.r100
        )
    }
}

/// Reads `qid<TAB>text` lines.
pub fn read_queries(path: &Path) -> Result<Vec<(String, String)>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(q, t)| (q.trim().to_string(), t.trim().to_string()))
        .filter(|(q, _)| !q.is_empty())
        .collect())
}

/// Reads TREC judgments: `qid 0 docid grade`.
pub fn read_qrels(path: &Path) -> Result<Qrels> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut qrels = Qrels::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() >= 4 {
            if let Ok(g) = f[3].parse::<i64>() {
                if g > 0 {
                    qrels
                        .entry(f[0].to_string())
                        .or_default()
                        .insert(f[2].to_string(), g as u32);
                }
            }
        }
    }
    Ok(qrels)
}

/// How the queries of a run are read.
#[derive(Debug, Clone, Copy)]
pub struct QueryMode<'a> {
    /// Analyze them as this language.
    pub lang: Option<&'a str>,
    /// As you type (the last word a prefix).
    pub instant: bool,
    /// Forgive typing errors.
    pub typos: bool,
}

/// Runs every query (top `depth`), writing a TREC run to `trec` if given.
pub fn run_queries(
    searcher: &Searcher,
    queries: &[(String, String)],
    depth: usize,
    mode: QueryMode<'_>,
    mut trec: Option<&mut dyn Write>,
) -> Result<Run> {
    let mut run = Run::new();
    for (qid, text) in queries {
        let mut req = SearchRequest::new(text);
        req.query_lang = mode.lang.map(String::from);
        req.instant = mode.instant;
        req.typos = mode.typos;
        req.limit = depth;
        req.facets = false;
        req.snippets = false;
        // Judgments are per article: every copy of a story is ranked on its own (collapsed,
        // a relevant copy would count as missed though the reader is shown its story).
        req.expand_copies = true;
        // An empty query finds nothing, and counts zero.
        let resp = searcher.search(&req)?;
        if let Some(w) = trec.as_deref_mut() {
            for (rank, h) in resp.hits.iter().enumerate() {
                let id = &h.article.id;
                writeln!(w, "{qid} Q0 {id} {} {:.6} khoj", rank + 1, h.score)
                    .context("writing the run")?;
            }
        }
        let ids = resp.hits.into_iter().map(|h| h.article.id).collect();
        run.insert(qid.clone(), ids);
    }
    Ok(run)
}

impl Squad {
    /// The language most of its paragraphs are in.
    pub fn language(&self) -> Option<String> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for a in &self.articles {
            *counts.entry(a.lang.as_str()).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by_key(|&(_, n)| n)
            .map(|(l, _)| l.to_string())
    }
}

/// A SQuAD-format file as a retrieval benchmark: every paragraph an article (id
/// `<article>-<paragraph>`), every question a query, its paragraph the one relevant
/// article. A context of the form `title [SEP] text` (JSQuAD) keeps only the text.
pub struct Squad {
    /// The paragraphs.
    pub articles: Vec<Article>,
    /// The questions.
    pub queries: Vec<(String, String)>,
    /// Each question's paragraph.
    pub qrels: Qrels,
}

/// Reads a SQuAD-format file.
pub fn read_squad(path: &Path) -> Result<Squad> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_slice(&bytes).with_context(|| format!("{}: not JSON", path.display()))?;
    let Some(data) = v.get("data").and_then(|d| d.as_array()) else {
        bail!(
            "{}: no \"data\" array (not a SQuAD-format file)",
            path.display()
        );
    };
    let mut squad = Squad {
        articles: Vec::new(),
        queries: Vec::new(),
        qrels: Qrels::new(),
    };
    for (a, article) in data.iter().enumerate() {
        let paragraphs = article
            .get("paragraphs")
            .and_then(|p| p.as_array())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for (p, para) in paragraphs.iter().enumerate() {
            let Some(context) = para.get("context").and_then(|c| c.as_str()) else {
                continue;
            };
            let context = context
                .split_once(" [SEP] ")
                .map_or(context, |(_, text)| text);
            let id = format!("{a}-{p}");
            let lang = infer_language("", context).to_string();
            let parts = ArticleParts {
                id: id.clone(),
                body: context.to_string(),
                lang: Some(lang),
                ..ArticleParts::default()
            };
            let Ok(article) = Article::new(parts) else {
                continue;
            };
            squad.articles.push(article);
            let qas = para
                .get("qas")
                .and_then(|q| q.as_array())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            for (k, qa) in qas.iter().enumerate() {
                let Some(question) = qa.get("question").and_then(|q| q.as_str()) else {
                    continue;
                };
                let qid = match qa.get("id") {
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(serde_json::Value::Number(n)) => n.to_string(),
                    _ => format!("{id}-{k}"),
                };
                squad.queries.push((qid.clone(), question.to_string()));
                squad.qrels.entry(qid).or_default().insert(id.clone(), 1);
            }
        }
    }
    Ok(squad)
}

/// Related coverage on a SQuAD file: paragraphs of one Wikipedia article are related.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RelatedScores {
    /// Paragraphs used as queries.
    pub queries: usize,
    /// Mean precision at 4 of khoj's related lists.
    pub khoj: f64,
    /// Mean precision at 4 of tantivy's MoreLikeThisQuery with default parameters.
    pub more_like_this: f64,
}

impl fmt::Display for RelatedScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "related: queries={} P@4 khoj={:.4} more_like_this={:.4}",
            self.queries, self.khoj, self.more_like_this
        )
    }
}

/// Precision at 4 of related lists over the paragraphs of `squad` (ids `<article>-<p>`),
/// each paragraph a query, the other paragraphs of its article the relevant ones; khoj
/// against tantivy's MoreLikeThisQuery (default parameters) on the same index.
pub fn related_scores(searcher: &Searcher, squad: &Squad) -> Result<RelatedScores> {
    use tantivy::collector::TopDocs;
    use tantivy::query::{MoreLikeThisQuery, TermQuery};
    let article_of = |id: &str| id.split('-').next().unwrap_or("").to_string();
    let t = searcher.reader().searcher();
    let fields = searcher.index().fields();
    let (mut khoj, mut mlt) = (0.0, 0.0);
    for a in &squad.articles {
        let mine = article_of(&a.id);
        let req = RelatedRequest {
            id: a.id.clone(),
            limit: 4,
            days: None,
        };
        let hits = searcher.related(&req)?.unwrap_or_default();
        khoj += hits
            .iter()
            .filter(|h| article_of(&h.article.id) == mine)
            .count() as f64
            / 4.0;
        let q = TermQuery::new(
            tantivy::Term::from_field_text(fields.id, &a.id),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let Some(&(_, addr)) = t
            .search(&q, &TopDocs::with_limit(1).order_by_score())?
            .first()
        else {
            continue;
        };
        let more = MoreLikeThisQuery::builder().with_document(addr);
        let mut related = 0;
        let mut listed = 0;
        for (_, other) in t.search(&more, &TopDocs::with_limit(5).order_by_score())? {
            if other == addr || listed == 4 {
                continue;
            }
            listed += 1;
            let doc: tantivy::TantivyDocument = t.doc(other)?;
            if article_of(&fields.article(&doc).id) == mine {
                related += 1;
            }
        }
        mlt += related as f64 / 4.0;
    }
    let n = squad.articles.len().max(1) as f64;
    Ok(RelatedScores {
        queries: squad.articles.len(),
        khoj: khoj / n,
        more_like_this: mlt / n,
    })
}

/// Copy detection against known (original, copy) pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyScores {
    /// Pairs in one cluster that are true pairs, over all pairs in one cluster.
    pub precision: f64,
    /// True pairs found in one cluster, over all true pairs.
    pub recall: f64,
    /// Pairs predicted.
    pub predicted: usize,
    /// True pairs.
    pub truth: usize,
    /// Predicted pairs that are not true pairs (for a look: two originals may really be one
    /// story).
    pub merged_originals: Vec<(String, String)>,
    /// True pairs not in one cluster, with their fingerprints' resemblance.
    pub missed: Vec<(String, String, f32)>,
}

/// Scores the copy clusters of an index against the true pairs.
pub fn copy_scores(index: &KhojIndex, truth: &[(String, String)]) -> Result<CopyScores> {
    use std::collections::{BTreeSet, HashSet};
    let reader = index.reader()?;
    reader.reload()?;
    let searcher = reader.searcher();
    let mut clusters: HashMap<u64, Vec<String>> = HashMap::new();
    let mut fingerprints: HashMap<String, Fingerprint> = HashMap::new();
    let fields = index.fields();
    for segment in searcher.segment_readers() {
        let store = segment
            .get_store_reader(16)
            .map_err(tantivy::TantivyError::from)?;
        for doc in segment.doc_ids_alive() {
            let d: tantivy::TantivyDocument = store.get(doc)?;
            let a = fields.article(&d);
            if let Some(fp) = Fingerprint::of(&a.body) {
                fingerprints.insert(a.id.clone(), fp);
            }
            if let Some(c) = fields.cluster(&d) {
                clusters.entry(c).or_default().push(a.id);
            }
        }
    }
    let key = |a: &str, b: &str| {
        if a < b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        }
    };
    let mut predicted: BTreeSet<(String, String)> = BTreeSet::new();
    for ids in clusters.values() {
        for i in 0..ids.len() {
            for j in i + 1..ids.len() {
                predicted.insert(key(&ids[i], &ids[j]));
            }
        }
    }
    let true_pairs: HashSet<(String, String)> = truth.iter().map(|(a, b)| key(a, b)).collect();
    let hits = predicted.iter().filter(|p| true_pairs.contains(*p)).count();
    let merged_originals = predicted
        .iter()
        .filter(|p| !true_pairs.contains(*p))
        .cloned()
        .collect();
    let mut missed: Vec<(String, String, f32)> = true_pairs
        .iter()
        .filter(|p| !predicted.contains(*p))
        .map(|(a, b)| {
            let r = match (fingerprints.get(a), fingerprints.get(b)) {
                (Some(x), Some(y)) => x.resemblance(y),
                _ => 0.0,
            };
            (a.clone(), b.clone(), r)
        })
        .collect();
    missed.sort_by(|x, y| y.2.total_cmp(&x.2));
    Ok(CopyScores {
        precision: if predicted.is_empty() {
            1.0
        } else {
            hits as f64 / predicted.len() as f64
        },
        recall: if true_pairs.is_empty() {
            1.0
        } else {
            hits as f64 / true_pairs.len() as f64
        },
        predicted: predicted.len(),
        truth: true_pairs.len(),
        merged_originals,
        missed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_match_ir_metrics_py() {
        // one query: relevant d3 at rank 3; another: nothing found
        let mut qrels = Qrels::new();
        qrels.entry("a".into()).or_default().insert("d3".into(), 1);
        qrels.entry("b".into()).or_default().insert("x".into(), 1);
        let run: Run = [("a".to_string(), vec!["d1".into(), "d2".into(), "d3".into()])].into();
        let m = Metrics::compute(&qrels, &run);
        assert_eq!(m.queries, 2);
        assert!((m.mrr10 - (1.0 / 3.0) / 2.0).abs() < 1e-12);
        assert!((m.ndcg10 - (1.0 / 4f64.log2()) / 2.0).abs() < 1e-12);
        assert_eq!((m.r10, m.r100), (0.5, 0.5));
        assert_eq!(
            m.to_string(),
            "queries=2 MRR@10=0.1667 nDCG@10=0.2500 R@10=0.5000 R@100=0.5000"
        );
    }
}
