//! Counting matching articles per source, category, language and month: one collector
//! over the fast fields, used by search (facets) and by `khoj stats`.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::schema::names;

/// Counts per value, largest first (ties by value).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Articles per source.
    pub source: Vec<FacetCount>,
    /// Articles per category.
    pub category: Vec<FacetCount>,
    /// Articles per language.
    pub lang: Vec<FacetCount>,
    /// Articles per month of publication (`2020-03`).
    pub month: Vec<FacetCount>,
}

/// One value and how many articles have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value.
    pub value: String,
    /// How many matching articles have it.
    pub count: u64,
}

/// The collector behind [`Facets`].
#[derive(Debug, Clone, Copy, Default)]
pub struct FacetCollector;

const STR_FIELDS: [&str; 3] = [names::SOURCE, names::CATEGORY, names::LANG];

/// Per segment: the columns and counts by term ordinal (and by month).
pub struct FacetSegmentCollector {
    columns: Vec<Option<StrColumn>>,
    counts: Vec<Vec<u64>>,
    dates: Option<Column<DateTime>>,
    months: HashMap<i64, u64>,
}

type Partial = ([HashMap<String, u64>; 3], HashMap<i64, u64>);

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = FacetSegmentCollector;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let ff = reader.fast_fields();
        let columns: Vec<Option<StrColumn>> = STR_FIELDS
            .iter()
            .map(|f| ff.str(f))
            .collect::<Result<_, _>>()?;
        let counts = columns
            .iter()
            .map(|c| vec![0; c.as_ref().map_or(0, |c| c.num_terms())])
            .collect();
        let dates = ff.column_opt::<DateTime>(names::PUBLISHED_AT)?;
        Ok(FacetSegmentCollector {
            columns,
            counts,
            dates,
            months: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, parts: Vec<Partial>) -> tantivy::Result<Facets> {
        let mut by_field: [HashMap<String, u64>; 3] = Default::default();
        let mut months: HashMap<i64, u64> = HashMap::new();
        for (fields, m) in parts {
            for (total, part) in by_field.iter_mut().zip(fields) {
                for (k, v) in part {
                    *total.entry(k).or_default() += v;
                }
            }
            for (k, v) in m {
                *months.entry(k).or_default() += v;
            }
        }
        let [source, category, lang] = by_field.map(sorted);
        let month = sorted(
            months
                .into_iter()
                .map(|(k, v)| (format!("{:04}-{:02}", k / 12, k % 12 + 1), v))
                .collect(),
        );
        Ok(Facets {
            source,
            category,
            lang,
            month,
        })
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = Partial;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (col, counts) in self.columns.iter().zip(&mut self.counts) {
            if let Some(col) = col {
                for ord in col.term_ords(doc) {
                    counts[ord as usize] += 1;
                }
            }
        }
        if let Some(t) = self.dates.as_ref().and_then(|d| d.first(doc)) {
            *self
                .months
                .entry(month_key(t.into_timestamp_secs()))
                .or_default() += 1;
        }
    }

    fn harvest(self) -> Partial {
        let mut out: [HashMap<String, u64>; 3] = Default::default();
        for ((col, counts), map) in self.columns.iter().zip(self.counts).zip(out.iter_mut()) {
            let Some(col) = col else { continue };
            let mut s = String::new();
            for (ord, n) in counts.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                if col.ord_to_str(ord as u64, &mut s).unwrap_or(false) {
                    *map.entry(s.clone()).or_default() += n;
                }
            }
        }
        (out, self.months)
    }
}

/// year × 12 + month − 1 of a UTC timestamp.
fn month_key(secs: i64) -> i64 {
    match time::OffsetDateTime::from_unix_timestamp(secs) {
        Ok(t) => t.year() as i64 * 12 + t.month() as i64 - 1,
        Err(_) => 0,
    }
}

fn sorted(map: HashMap<String, u64>) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = map
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::index::{IndexSettings, KhojIndex};
    use crate::write::ArticleWriter;
    use khoj_analyzers::CjkSegmenters;
    use serde_json::json;

    #[test]
    fn counts_per_value_largest_first_over_the_matches() {
        let index =
            KhojIndex::in_memory(&IndexSettings::default(), &CjkSegmenters::none()).unwrap();
        let a = |id: &str, source: &str, category: Option<&str>, date: &str, body: &str| {
            Article::from_value(json!({"id": id, "source": source, "category": category,
                "published_at": date, "body": body}))
            .unwrap()
        };
        ArticleWriter::write_all(
            &index,
            [
                a("1", "ख", Some("देश"), "2020-03-01", "कोरिया"),
                a("2", "क", Some("देश"), "2020-03-31", "कोरिया"),
                a("3", "ख", None, "2020-04-01", "कोरिया"),
                a("4", "ग", Some("खेल"), "2021-01-01", "Korea"),
            ],
        )
        .unwrap();
        let reader = index.reader().unwrap();
        reader.reload().unwrap();
        let searcher = reader.searcher();
        let pairs = |v: &[FacetCount]| -> Vec<(String, u64)> {
            v.iter().map(|f| (f.value.clone(), f.count)).collect()
        };
        let all = searcher
            .search(&tantivy::query::AllQuery, &FacetCollector)
            .unwrap();
        assert_eq!(
            pairs(&all.source),
            [("ख".into(), 2), ("क".into(), 1), ("ग".into(), 1)]
        );
        assert_eq!(pairs(&all.category), [("देश".into(), 2), ("खेल".into(), 1)]);
        assert_eq!(pairs(&all.lang), [("hi".into(), 3), ("en".into(), 1)]);
        assert_eq!(
            pairs(&all.month),
            [
                ("2020-03".into(), 2),
                ("2020-04".into(), 1),
                ("2021-01".into(), 1)
            ]
        );
        // only over what matches
        let q = tantivy::query::TermQuery::new(
            tantivy::Term::from_field_text(index.fields().lang, "en"),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let en = searcher.search(&q, &FacetCollector).unwrap();
        assert_eq!(pairs(&en.source), [("ग".into(), 1)]);
        assert!(en.month.len() == 1 && en.category.len() == 1);
    }
}
