//! `khoj stats`: what an index holds.

use serde::Serialize;
use tantivy::query::AllQuery;

use crate::error::{IndexError, Result};
use crate::facets::{FacetCollector, FacetCount};
use crate::index::KhojIndex;

/// What an index holds.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStats {
    /// Live articles.
    pub articles: u64,
    /// Deleted articles not yet merged away.
    pub deleted: u64,
    /// Segments.
    pub segments: usize,
    /// Bytes on disk (0 for an index in memory).
    pub size_bytes: u64,
    /// Articles per source.
    pub by_source: Vec<FacetCount>,
    /// Articles per language.
    pub by_lang: Vec<FacetCount>,
}

/// The stats of an index.
pub fn stats(index: &KhojIndex) -> Result<IndexStats> {
    let reader = index.reader()?;
    reader.reload()?;
    let searcher = reader.searcher();
    let facets = searcher.search(&AllQuery, &FacetCollector)?;
    let deleted = searcher
        .segment_readers()
        .iter()
        .map(|s| u64::from(s.num_deleted_docs()))
        .sum();
    let size_bytes = match index.path() {
        Some(dir) => dir_size(dir)?,
        None => 0,
    };
    Ok(IndexStats {
        articles: searcher.num_docs(),
        deleted,
        segments: searcher.segment_readers().len(),
        size_bytes,
        by_source: facets.source,
        by_lang: facets.lang,
    })
}

fn dir_size(dir: &std::path::Path) -> Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).map_err(|e| IndexError::io(dir, e))? {
        let entry = entry.map_err(|e| IndexError::io(dir, e))?;
        let meta = entry
            .metadata()
            .map_err(|e| IndexError::io(entry.path(), e))?;
        if meta.is_file() {
            total += meta.len();
        }
    }
    Ok(total)
}
