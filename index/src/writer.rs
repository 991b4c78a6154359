//! Writing articles: upsert by id, delete, commit.

use std::collections::HashSet;

use tantivy::{IndexWriter, Opstamp, Term};

use crate::article::Article;
use crate::error::{IndexError, Result};
use crate::index::KhojIndex;

/// The smallest memory budget per indexing thread (tantivy's floor).
pub const MIN_MEMORY_PER_THREAD: usize = 15_000_000;
/// The largest (tantivy's ceiling: a little under 4 GiB).
pub const MAX_MEMORY_PER_THREAD: usize = u32::MAX as usize - 2_000_000;

/// Writes articles into a [`KhojIndex`]; the index's one writer.
pub struct ArticleWriter {
    index: KhojIndex,
    writer: IndexWriter,
    /// The index held no article when the writer opened: ids not seen since need no
    /// delete before they are added (saves a delete per article on a first build).
    started_empty: bool,
    seen: HashSet<String>,
    uncommitted: usize,
}

impl ArticleWriter {
    /// Opens the writer with `threads` indexing threads sharing `memory_bytes` of
    /// indexing memory.
    pub fn new(index: &KhojIndex, threads: usize, memory_bytes: usize) -> Result<ArticleWriter> {
        if threads == 0 || threads > 8 {
            return Err(IndexError::InvalidOption(format!(
                "threads must be 1 to 8, not {threads}"
            )));
        }
        if memory_bytes / threads < MIN_MEMORY_PER_THREAD {
            return Err(IndexError::InvalidOption(format!(
                "{} MB of indexing memory is too little for {threads} threads: at least {} MB",
                memory_bytes / 1_000_000,
                threads * MIN_MEMORY_PER_THREAD / 1_000_000
            )));
        }
        let per_thread = (memory_bytes / threads).min(MAX_MEMORY_PER_THREAD);
        let writer = index
            .tantivy()
            .writer_with_num_threads(threads, per_thread * threads)?;
        let started_empty = index.reader()?.searcher().num_docs() == 0
            && index.tantivy().searchable_segment_metas()?.is_empty();
        Ok(ArticleWriter {
            index: index.clone(),
            writer,
            started_empty,
            seen: HashSet::new(),
            uncommitted: 0,
        })
    }

    /// Adds an article, replacing the one with the same id, if any.
    pub fn upsert(&mut self, article: Article) -> Result<Opstamp> {
        let needs_delete = !self.started_empty || !self.seen.insert(article.id.clone());
        if needs_delete {
            self.writer
                .delete_term(Term::from_field_text(self.index.fields().id, &article.id));
        }
        let doc = self.index.document(article);
        self.uncommitted += 1;
        Ok(self.writer.add_document(doc)?)
    }

    /// Deletes the article with this id (if there is one).
    pub fn delete(&mut self, id: &str) -> Opstamp {
        self.uncommitted += 1;
        self.writer
            .delete_term(Term::from_field_text(self.index.fields().id, id))
    }

    /// Operations since the last commit.
    pub fn uncommitted(&self) -> usize {
        self.uncommitted
    }

    /// Makes everything written so far durable and visible.
    pub fn commit(&mut self) -> Result<Opstamp> {
        let opstamp = self.writer.commit()?;
        self.uncommitted = 0;
        Ok(opstamp)
    }

    /// Drops everything since the last commit.
    pub fn rollback(&mut self) -> Result<Opstamp> {
        self.uncommitted = 0;
        Ok(self.writer.rollback()?)
    }

    /// Waits for background merges, then closes the writer (uncommitted work is lost).
    pub fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}
