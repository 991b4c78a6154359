//! Writing articles: upsert by id, delete, commit.

use std::collections::HashSet;

use tantivy::{IndexWriter, Opstamp, Term};

use crate::article::Article;
use khoj_analyzers::shingles::WordHasher;

use crate::copies::{own_cluster, CopyClusters, CopyInfo, Fingerprint};
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
    reader: tantivy::IndexReader,
    /// A searcher over the last commit, for copy lookups; `None` while the index was empty
    /// when the writer opened and nothing has been committed since.
    committed: Option<tantivy::Searcher>,
    clusters: CopyClusters,
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
        let reader = index.reader()?;
        let started_empty = reader.searcher().num_docs() == 0
            && index.tantivy().searchable_segment_metas()?.is_empty();
        Ok(ArticleWriter {
            index: index.clone(),
            writer,
            committed: (!started_empty).then(|| reader.searcher()),
            reader,
            clusters: CopyClusters::default(),
            started_empty,
            seen: HashSet::new(),
            uncommitted: 0,
        })
    }

    /// Adds an article, replacing the one with the same id, if any.
    pub fn upsert(&mut self, article: Article) -> Result<Opstamp> {
        let fp = self
            .fingerprints()
            .then(|| Fingerprint::of(WordHasher::shared(), &article.body))
            .flatten();
        self.upsert_fingerprinted(article, fp)
    }

    /// Whether the index fingerprints its articles (then [`upsert_fingerprinted`] wants
    /// each article's [`Fingerprint::of`], which may be computed on any thread).
    ///
    /// [`upsert_fingerprinted`]: Self::upsert_fingerprinted
    pub fn fingerprints(&self) -> bool {
        self.index.settings().fingerprints
    }

    /// [`upsert`](Self::upsert) with the article's fingerprint computed already.
    pub fn upsert_fingerprinted(
        &mut self,
        article: Article,
        fp: Option<Fingerprint>,
    ) -> Result<Opstamp> {
        let needs_delete = !self.started_empty || !self.seen.insert(article.id.clone());
        if needs_delete {
            self.writer
                .delete_term(Term::from_field_text(self.index.fields().id, &article.id));
        }
        let copy = if self.fingerprints() {
            self.clusters
                .assign_fingerprint(&self.index, self.committed.as_ref(), &article.id, fp)
        } else {
            CopyInfo {
                cluster: own_cluster(&article.id),
                fingerprint: None,
            }
        };
        let doc = self.index.document(article, &copy);
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
        // Copy lookups see the new commit (and still remember the recent articles).
        self.reader.reload()?;
        self.committed = Some(self.reader.searcher());
        Ok(opstamp)
    }

    /// Drops everything since the last commit.
    pub fn rollback(&mut self) -> Result<Opstamp> {
        self.uncommitted = 0;
        self.clusters.forget();
        Ok(self.writer.rollback()?)
    }

    /// Waits for background merges, then closes the writer (uncommitted work is lost).
    pub fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}
