//! A term query scored by BM25 with settable parameters.
//!
//! Tantivy's [`TermQuery`] scores with BM25 at k1 = 1.2 and b = 0.75, fixed. Short
//! documents (a question's answer, a headline) rank better with less length
//! normalization: Lucene's reference runs (Anserini) use k1 = 0.9, b = 0.4. [`term_query`]
//! gives tantivy's own query for tantivy's parameters (with its block-max pruning) and a
//! [`Bm25TermQuery`] for any others; both score
//! `idf · (k1 + 1) · tf / (tf + k1 · (1 − b + b · len / avg_len))`, with tantivy's idf and
//! its one-byte field lengths.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// BM25's two parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bm25Params {
    /// Term-frequency saturation (0 or more).
    pub k1: f32,
    /// Length normalization, from 0 (none) to 1 (full).
    pub b: f32,
}

impl Bm25Params {
    /// The parameters tantivy's own [`TermQuery`] scores with.
    pub const TANTIVY: Bm25Params = Bm25Params { k1: 1.2, b: 0.75 };

    /// Whether these are usable: k1 ≥ 0 and 0 ≤ b ≤ 1, both finite.
    pub fn is_valid(&self) -> bool {
        self.k1.is_finite() && self.k1 >= 0.0 && (0.0..=1.0).contains(&self.b)
    }
}

/// A query for one term scored with `params`: tantivy's [`TermQuery`] when they are its
/// own, else a [`Bm25TermQuery`].
pub fn term_query(term: Term, params: Bm25Params) -> Box<dyn Query> {
    if params == Bm25Params::TANTIVY {
        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
    } else {
        Box::new(Bm25TermQuery { term, params })
    }
}

/// One term, scored by BM25 with the given parameters.
#[derive(Debug, Clone)]
pub struct Bm25TermQuery {
    term: Term,
    params: Bm25Params,
}

impl Bm25TermQuery {
    /// The query for `term` with `params`.
    pub fn new(term: Term, params: Bm25Params) -> Self {
        Bm25TermQuery { term, params }
    }
}

impl Query for Bm25TermQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let EnableScoring::Enabled {
            statistics_provider,
            ..
        } = enable_scoring
        else {
            // Without scores this is a plain term query.
            return TermQuery::new(self.term.clone(), IndexRecordOption::Basic)
                .weight(enable_scoring);
        };
        let field = self.term.field();
        let docs = statistics_provider.total_num_docs()?;
        let tokens = statistics_provider.total_num_tokens(field)?;
        let doc_freq = statistics_provider.doc_freq(&self.term)?.min(docs);
        let average_length = if docs == 0 {
            1.0
        } else {
            (tokens as Score / docs as Score).max(f32::MIN_POSITIVE)
        };
        let Bm25Params { k1, b } = self.params;
        let mut norm = [0.0; 256];
        for (id, n) in norm.iter_mut().enumerate() {
            let length = FieldNormReader::id_to_fieldnorm(id as u8) as Score;
            *n = k1 * (1.0 - b + b * length / average_length);
        }
        Ok(Box::new(Bm25TermWeight {
            term: self.term.clone(),
            weight: idf(doc_freq, docs) * (k1 + 1.0),
            norm: Arc::new(norm),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false);
    }
}

/// Tantivy's (and Lucene's) BM25 idf: `ln(1 + (N − n + 0.5) / (n + 0.5))`.
fn idf(doc_freq: u64, docs: u64) -> Score {
    let x = (docs - doc_freq) as Score + 0.5;
    (1.0 + x / (doc_freq as Score + 0.5)).ln()
}

struct Bm25TermWeight {
    term: Term,
    /// idf · (k1 + 1).
    weight: Score,
    /// k1 · (1 − b + b · len / avg_len), by one-byte field length.
    norm: Arc<[Score; 256]>,
}

impl Bm25TermWeight {
    fn scorer_of(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<Bm25TermScorer>> {
        let field = self.term.field();
        let Some(postings) = reader
            .inverted_index(field)?
            .read_postings(&self.term, IndexRecordOption::WithFreqs)?
        else {
            return Ok(None);
        };
        let fieldnorms = match reader.fieldnorms_readers().get_field(field)? {
            Some(f) => f,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        Ok(Some(Bm25TermScorer {
            postings,
            fieldnorms,
            weight: self.weight * boost,
            norm: self.norm.clone(),
        }))
    }
}

impl Weight for Bm25TermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.scorer_of(reader, boost)? {
            Some(s) => Box::new(s),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let Some(mut scorer) = self.scorer_of(reader, 1.0)? else {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        };
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        let mut e = Explanation::new("BM25 (khoj parameters)", scorer.score());
        e.add_const("idf · (k1 + 1)", self.weight);
        e.add_const("term frequency", scorer.postings.term_freq() as Score);
        Ok(e)
    }
}

struct Bm25TermScorer {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    weight: Score,
    norm: Arc<[Score; 256]>,
}

impl DocSet for Bm25TermScorer {
    #[inline]
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    #[inline]
    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    #[inline]
    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for Bm25TermScorer {
    #[inline]
    fn score(&mut self) -> Score {
        let tf = self.postings.term_freq() as Score;
        let id = self.fieldnorms.fieldnorm_id(self.postings.doc());
        self.weight * tf / (tf + self.norm[id as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index, IndexWriter};

    /// Scores of the documents holding `word`, by document, with `params`.
    fn scores(params: Bm25Params, word: &str) -> Vec<(u32, f32)> {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for text in [
            "river",
            "river river bank",
            "a long text about a river and many other things besides it",
            "nothing here",
        ] {
            writer.add_document(doc!(body => text)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let q = term_query(Term::from_field_text(body, word), params);
        let mut hits: Vec<(u32, f32)> = searcher
            .search(&q, &TopDocs::with_limit(10).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(s, a)| (a.doc_id, s))
            .collect();
        hits.sort_by_key(|h| h.0);
        hits
    }

    #[test]
    fn equals_tantivys_scores_at_tantivys_parameters() {
        let ours = Bm25Params {
            k1: 1.2,
            b: 0.7500001,
        };
        for ((d1, s1), (d2, s2)) in scores(ours, "river")
            .iter()
            .zip(scores(Bm25Params::TANTIVY, "river"))
        {
            assert_eq!(*d1, d2);
            assert!((s1 - s2).abs() < 1e-4, "{s1} vs {s2}");
        }
        assert_eq!(scores(ours, "river").len(), 3);
    }

    #[test]
    fn less_length_normalization_favours_long_documents_less_harshly() {
        let full = scores(Bm25Params { k1: 0.9, b: 1.0 }, "river");
        let none = scores(Bm25Params { k1: 0.9, b: 0.0 }, "river");
        // with b = 0 the length is ignored: one occurrence scores the same in a short and a
        // long document
        assert!((none[0].1 - none[2].1).abs() < 1e-6);
        // with b = 1 the long one scores less
        assert!(full[2].1 < full[0].1);
    }

    #[test]
    fn a_missing_term_matches_nothing() {
        assert!(scores(Bm25Params { k1: 0.9, b: 0.4 }, "ocean").is_empty());
    }

    #[test]
    fn validity() {
        assert!(Bm25Params { k1: 0.9, b: 0.4 }.is_valid());
        assert!(!Bm25Params { k1: -1.0, b: 0.4 }.is_valid());
        assert!(!Bm25Params { k1: 0.9, b: 1.5 }.is_valid());
        assert!(!Bm25Params {
            k1: f32::NAN,
            b: 0.4
        }
        .is_valid());
    }
}
