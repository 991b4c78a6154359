//! Writing articles: upsert by id, delete, commit.

use std::collections::HashSet;

use std::path::Path;

use tantivy::directory::error::LockError;
use tantivy::{IndexWriter, Opstamp, TantivyError, Term};

use crate::article::Article;
use crate::copies::{own_cluster, CopyClusters, CopyInfo, Fingerprint, Sketch};
use crate::error::{IndexError, Result};
use crate::index::KhojIndex;
use crate::request::InvalidRequest;

/// The smallest memory budget per indexing thread (tantivy's floor).
pub const MIN_MEMORY_PER_THREAD: usize = 15_000_000;
/// The largest (tantivy's ceiling: a little under 4 GiB).
pub const MAX_MEMORY_PER_THREAD: usize = u32::MAX as usize - 2_000_000;

/// The copy fingerprint of `article`, as the writer compares and stores it (its sketch),
/// when `index` fingerprints its articles and the body has one. It needs no writer: the
/// bulk build computes it on its parse threads and hands it to
/// [`ArticleWriter::upsert_fingerprinted`].
pub fn fingerprint_of(index: &KhojIndex, article: &Article) -> Option<Sketch> {
    index
        .settings()
        .fingerprints
        .then(|| Fingerprint::of(&article.body).map(|fp| fp.sketch()))
        .flatten()
}

/// Writes articles into a [`KhojIndex`]; the index's one writer.
pub struct ArticleWriter {
    index: KhojIndex,
    writer: IndexWriter,
    reader: tantivy::IndexReader,
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
            return Err(InvalidRequest::invalid(
                "threads",
                format!("must be 1 to 8, not {threads}"),
            )
            .into());
        }
        if memory_bytes / threads < MIN_MEMORY_PER_THREAD {
            return Err(InvalidRequest::invalid(
                "memory",
                format!(
                    "of {} MB is too little for {threads} indexing threads: at least {} MB",
                    memory_bytes / 1_000_000,
                    threads * MIN_MEMORY_PER_THREAD / 1_000_000
                ),
            )
            .into());
        }
        let per_thread = (memory_bytes / threads).min(MAX_MEMORY_PER_THREAD);
        let writer = index
            .tantivy()
            .writer_with_num_threads(threads, per_thread * threads)
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => IndexError::Locked,
                // the lock file cannot even be created: a read-only folder, say
                TantivyError::LockFailure(LockError::IoError(io), _) => IndexError::io(
                    index.path().unwrap_or(Path::new("the index")),
                    std::io::Error::new(io.kind(), io.to_string()),
                ),
                other => other.into(),
            })?;
        let reader = index.reader()?;
        let started_empty = reader.searcher().num_docs() == 0
            && index.tantivy().searchable_segment_metas()?.is_empty();
        Ok(ArticleWriter {
            index: index.clone(),
            writer,
            clusters: if index.settings().fingerprints && !started_empty {
                CopyClusters::of_index(&reader.searcher(), index.fields())
            } else {
                CopyClusters::default()
            },
            reader,
            started_empty,
            seen: HashSet::new(),
            uncommitted: 0,
        })
    }

    /// Opens a writer, adds `articles` (replacing those with the same ids), commits, and
    /// waits for merges: for small sets built in one go (evaluation, the demo, tests).
    /// Returns how many were added.
    pub fn write_all(
        index: &KhojIndex,
        articles: impl IntoIterator<Item = Article>,
    ) -> Result<u64> {
        let options = super::BuildOptions::small();
        let mut writer = ArticleWriter::new(index, options.threads, options.memory_bytes)?;
        let mut n = 0;
        for a in articles {
            writer.upsert(a)?;
            n += 1;
        }
        writer.commit()?;
        writer.finish()?;
        Ok(n)
    }

    /// Adds an article, replacing the one with the same id, if any.
    pub fn upsert(&mut self, article: Article) -> Result<Opstamp> {
        let sketch = fingerprint_of(&self.index, &article);
        self.upsert_fingerprinted(article, sketch)
    }

    /// [`upsert`](Self::upsert) with the article's [`fingerprint_of`] computed already.
    pub fn upsert_fingerprinted(
        &mut self,
        article: Article,
        sketch: Option<Sketch>,
    ) -> Result<Opstamp> {
        let needs_delete = !self.started_empty || !self.seen.insert(article.id.clone());
        if needs_delete {
            self.writer
                .delete_term(Term::from_field_text(self.index.fields().id, &article.id));
        }
        let copy = if self.index.settings().fingerprints {
            self.clusters.assign(&article.id, sketch)
        } else {
            CopyInfo {
                cluster: own_cluster(&article.id),
                sketch: None,
            }
        };
        let sketch = copy.sketch.as_ref().map(Sketch::to_bytes);
        let doc = self.index.fields().document(
            article,
            copy.cluster,
            sketch.as_deref(),
            self.index.has_bigram_view(),
        );
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
        let opstamp = self.writer.rollback()?;
        // the articles of the last commit, and none of those rolled back
        if self.index.settings().fingerprints {
            self.reader.reload()?;
            self.clusters = CopyClusters::of_index(&self.reader.searcher(), self.index.fields());
        }
        Ok(opstamp)
    }

    /// From now on, merges wait until the writes pause ([`super::merges`]): call
    /// [`merge_idle`](Self::merge_idle) when they do.
    pub fn merge_when_idle(&mut self) {
        self.writer
            .set_merge_policy(Box::new(super::merges::MergeWhenIdle::default()));
    }

    /// Starts, in the background, the merges the default policy would have made among the
    /// committed segments; returns how many.
    pub fn merge_idle(&mut self) -> usize {
        let Ok(segments) = self.index.tantivy().searchable_segment_metas() else {
            return 0;
        };
        let merges = super::merges::idle_merges(&segments);
        for merge in &merges {
            // The merge runs on tantivy's merge threads; its outcome is not awaited (a
            // failed merge leaves the segments as they were).
            drop(self.writer.merge(&merge.0));
        }
        merges.len()
    }

    /// Waits for background merges, then closes the writer (uncommitted work is lost).
    pub fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleParts;
    use crate::index::IndexSettings;
    use khoj_analyzers::CjkSegmenters;

    fn index() -> KhojIndex {
        KhojIndex::in_memory(&IndexSettings::default(), &CjkSegmenters::none()).unwrap()
    }

    fn article(id: &str, body: &str) -> Article {
        Article::new(ArticleParts {
            id: id.into(),
            body: body.into(),
            ..Default::default()
        })
        .unwrap()
    }

    fn bodies(index: &KhojIndex) -> Vec<(String, String)> {
        let mut ids = index.ids().unwrap();
        ids.sort();
        ids.into_iter()
            .map(|id| {
                let body = index.get(&id).unwrap().unwrap().body;
                (id, body)
            })
            .collect()
    }

    #[test]
    fn upsert_replaces_delete_removes_rollback_forgets() {
        let index = index();
        let n =
            ArticleWriter::write_all(&index, [article("a", "पहला"), article("b", "दूसरा")]).unwrap();
        assert_eq!(n, 2);
        let mut w = ArticleWriter::new(&index, 1, 50_000_000).unwrap();
        w.upsert(article("a", "नया")).unwrap();
        w.delete("b");
        assert_eq!(w.uncommitted(), 2);
        w.commit().unwrap();
        assert_eq!(w.uncommitted(), 0);
        assert_eq!(bodies(&index), [("a".to_string(), "नया".to_string())]);
        // the same id twice in one run: one article, the last
        w.upsert(article("c", "एक")).unwrap();
        w.upsert(article("c", "दो")).unwrap();
        w.upsert(article("d", "गया")).unwrap();
        w.commit().unwrap();
        w.upsert(article("e", "अनकमिटेड")).unwrap();
        w.rollback().unwrap();
        w.finish().unwrap();
        let ids: Vec<String> = bodies(&index).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["a", "c", "d"]);
        assert_eq!(index.get("c").unwrap().unwrap().body, "दो");
    }

    #[test]
    fn options_out_of_range_are_refused() {
        let index = index();
        for (threads, memory, field) in [
            (0, 50_000_000, "threads"),
            (9, 500_000_000, "threads"),
            (2, 20_000_000, "memory"),
        ] {
            match ArticleWriter::new(&index, threads, memory) {
                Err(IndexError::InvalidRequest(e)) => assert_eq!(e.field, field),
                Err(e) => panic!("{threads}, {memory}: {e}"),
                Ok(_) => panic!("{threads}, {memory}: accepted"),
            }
        }
    }
}
