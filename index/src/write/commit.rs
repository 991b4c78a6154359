//! Group commit: the one writer of a live index. Writes from many callers are queued,
//! applied in batches and committed together — every few milliseconds, or every N
//! operations — and each caller hears back only after the commit that holds its write,
//! so an acknowledged write is durable, and visible to searches (the readers are
//! reloaded before the acknowledgements go out).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tantivy::IndexReader;

use super::writer::ArticleWriter;
use crate::article::Article;
use crate::copies::Fingerprint;
use crate::error::{IndexError, Result};
use crate::index::KhojIndex;

/// A write.
#[derive(Debug, Clone)]
pub enum WriteOp {
    /// Add or replace an article (boxed: an article is far larger than an id).
    Upsert(Box<Article>),
    /// Add or replace an article whose fingerprint was made already ([`super::prepare`]),
    /// off the writer's thread.
    UpsertFingerprinted(Box<(Article, Option<Fingerprint>)>),
    /// Remove the article with this id.
    Delete(String),
}

/// Called once with the outcome of a write: `Ok` after the commit that holds it.
pub type Ack = Box<dyn FnOnce(Result<()>) + Send>;

/// How often to commit.
#[derive(Debug, Clone, Copy)]
pub struct CommitPolicy {
    /// Commit at most this long after the first write of a batch.
    pub max_delay: Duration,
    /// Commit when a batch holds this many writes.
    pub max_batch: usize,
    /// Writes waiting to be applied, at most (callers wait beyond it).
    pub queue: usize,
    /// Segments are merged once no write came for this long ([`super::merges`]).
    pub idle_before_merge: Duration,
}

impl Default for CommitPolicy {
    fn default() -> Self {
        CommitPolicy {
            max_delay: Duration::from_millis(5),
            max_batch: 1000,
            queue: 10_000,
            idle_before_merge: Duration::from_millis(500),
        }
    }
}

/// Counters of the writer, for metrics.
#[derive(Debug, Default)]
pub struct CommitStats {
    /// Commits made.
    pub commits: AtomicU64,
    /// Writes applied and committed.
    pub writes: AtomicU64,
}

/// The queue in front of the writer thread.
pub struct CommitQueue {
    /// `None` once the queue is closing.
    tx: Mutex<Option<SyncSender<(WriteOp, Ack)>>>,
    thread: Mutex<Option<JoinHandle<Result<()>>>>,
    stats: Arc<CommitStats>,
}

impl CommitQueue {
    /// Starts the writer thread of `index`; `reader` is reloaded after each commit.
    pub fn start(
        index: &KhojIndex,
        reader: IndexReader,
        policy: CommitPolicy,
    ) -> Result<CommitQueue> {
        let mut writer = ArticleWriter::new(index, 2, 100_000_000)?;
        writer.merge_when_idle();
        let (tx, rx) = mpsc::sync_channel::<(WriteOp, Ack)>(policy.queue.max(1));
        let stats = Arc::new(CommitStats::default());
        let counters = stats.clone();
        let thread = std::thread::Builder::new()
            .name("khoj-writer".into())
            .spawn(move || -> Result<()> {
                // Whether writes came since the last idle merges.
                let mut written = true;
                loop {
                    let first = match rx.recv_timeout(policy.idle_before_merge) {
                        Ok(op) => op,
                        Err(RecvTimeoutError::Timeout) => {
                            if std::mem::take(&mut written) {
                                let merges = writer.merge_idle();
                                tracing::debug!("writes paused: {merges} merges started");
                            }
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => break,
                    };
                    written = true;
                    let deadline = Instant::now() + policy.max_delay;
                    let mut batch = vec![first];
                    while batch.len() < policy.max_batch {
                        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                            Ok(op) => batch.push(op),
                            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                                break
                            }
                        }
                    }
                    let (ops, acks): (Vec<WriteOp>, Vec<Ack>) = batch.into_iter().unzip();
                    let n = ops.len() as u64;
                    let applying = Instant::now();
                    let applied = apply(&mut writer, ops);
                    let committing = Instant::now();
                    let outcome = applied.and_then(|()| writer.commit().map(|_| ()));
                    tracing::debug!(
                        "batch of {n}: applied in {:?}, committed in {:?}",
                        committing - applying,
                        committing.elapsed()
                    );
                    let failure =
                        match outcome.and_then(|()| reader.reload().map_err(IndexError::from)) {
                            Ok(()) => {
                                counters.commits.fetch_add(1, Ordering::Relaxed);
                                counters.writes.fetch_add(n, Ordering::Relaxed);
                                None
                            }
                            Err(e) => {
                                // The log has the whole error (paths too); the callers hear
                                // what kind of failure it was.
                                tracing::error!("commit failed: {e}");
                                let _ = writer.rollback();
                                Some(match e {
                                    IndexError::Tantivy(t) => IndexError::commit_failed(&t),
                                    IndexError::Io { source, .. } => {
                                        IndexError::CommitFailed(source.kind().to_string())
                                    }
                                    other => IndexError::CommitFailed(other.to_string()),
                                })
                            }
                        };
                    for ack in acks {
                        ack(match &failure {
                            None => Ok(()),
                            Some(IndexError::StorageFull) => Err(IndexError::StorageFull),
                            Some(other) => Err(IndexError::CommitFailed(match other {
                                IndexError::CommitFailed(reason) => reason.clone(),
                                _ => other.to_string(),
                            })),
                        });
                    }
                }
                writer.finish()
            })
            .map_err(|e| IndexError::io("khoj-writer thread", e))?;
        Ok(CommitQueue {
            tx: Mutex::new(Some(tx)),
            thread: Mutex::new(Some(thread)),
            stats,
        })
    }

    /// Queues a write; `ack` is called after its commit (or with the error). Waits while
    /// the queue is full. [`IndexError::Interrupted`] once the queue is closing,
    /// [`IndexError::WriterGone`] when the writer thread has stopped.
    pub fn submit(&self, op: WriteOp, ack: Ack) -> Result<()> {
        // The sender is cloned out of the lock: a caller waiting for room holds no lock.
        let tx = lock(&self.tx).clone().ok_or(IndexError::Interrupted)?;
        tx.send((op, ack)).map_err(|_| IndexError::WriterGone)
    }

    /// The writer's counters.
    pub fn stats(&self) -> Arc<CommitStats> {
        self.stats.clone()
    }

    /// Stops taking writes, commits what is queued, waits for merges, and stops (at once
    /// when it is closed already). Callers still waiting for room get their writes in.
    pub fn close(&self) -> Result<()> {
        lock(&self.tx).take();
        let thread = lock(&self.thread).take();
        match thread {
            Some(t) => t.join().map_err(|_| {
                tracing::error!("the writer thread panicked");
                IndexError::WriterGone
            })?,
            None => Ok(()),
        }
    }
}

impl Drop for CommitQueue {
    fn drop(&mut self) {
        let _ = self.close();
    }
}

/// The value behind a mutex, poisoned or not (what it guards stays consistent: a sender
/// and a thread handle taken whole).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn apply(writer: &mut ArticleWriter, ops: Vec<WriteOp>) -> Result<()> {
    for op in ops {
        match op {
            WriteOp::Upsert(a) => {
                writer.upsert(*a)?;
            }
            WriteOp::UpsertFingerprinted(prepared) => {
                let (article, fingerprint) = *prepared;
                writer.upsert_fingerprinted(article, fingerprint)?;
            }
            WriteOp::Delete(id) => {
                writer.delete(&id);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleParts;
    use crate::index::IndexSettings;

    #[test]
    fn acknowledged_writes_are_committed_and_visible() {
        let index = KhojIndex::in_memory(
            &IndexSettings::default(),
            &khoj_analyzers::CjkSegmenters::none(),
        )
        .unwrap();
        let reader = index.reader().unwrap();
        let queue = CommitQueue::start(&index, reader.clone(), CommitPolicy::default()).unwrap();
        let (tx, rx) = mpsc::channel();
        for i in 0..20 {
            let a = Article::new(ArticleParts {
                id: format!("a{i}"),
                body: "पाठ".into(),
                ..Default::default()
            })
            .unwrap();
            let tx = tx.clone();
            queue
                .submit(
                    WriteOp::Upsert(Box::new(a)),
                    Box::new(move |r| tx.send(r.is_ok()).unwrap()),
                )
                .unwrap();
        }
        for _ in 0..20 {
            assert!(rx.recv().unwrap());
        }
        assert_eq!(reader.searcher().num_docs(), 20);
        let stats = queue.stats();
        assert!(stats.commits.load(Ordering::Relaxed) >= 1);
        assert_eq!(stats.writes.load(Ordering::Relaxed), 20);
        let tx2 = tx.clone();
        queue
            .submit(
                WriteOp::Delete("a3".into()),
                Box::new(move |r| tx2.send(r.is_ok()).unwrap()),
            )
            .unwrap();
        assert!(rx.recv().unwrap());
        assert_eq!(reader.searcher().num_docs(), 19);
        queue.close().unwrap();
    }

    #[test]
    fn segments_gather_while_writes_come_and_merge_when_they_pause() {
        let index = KhojIndex::in_memory(
            &IndexSettings::default(),
            &khoj_analyzers::CjkSegmenters::none(),
        )
        .unwrap();
        let reader = index.reader().unwrap();
        let policy = CommitPolicy {
            idle_before_merge: Duration::from_millis(200),
            ..CommitPolicy::default()
        };
        let queue = CommitQueue::start(&index, reader.clone(), policy).unwrap();
        let segments = || index.tantivy().searchable_segment_ids().unwrap().len();
        // one write at a time, each acknowledged after its own commit: a segment each
        for i in 0..12 {
            let a = Article::new(ArticleParts {
                id: format!("a{i}"),
                body: format!("पाठ संख्या {i}"),
                ..Default::default()
            })
            .unwrap();
            let (tx, rx) = mpsc::channel();
            queue
                .submit(
                    WriteOp::Upsert(Box::new(a)),
                    Box::new(move |r| tx.send(r.is_ok()).unwrap()),
                )
                .unwrap();
            assert!(rx.recv().unwrap());
        }
        // the default policy would have merged at eight
        assert_eq!(segments(), 12);
        let waited = Instant::now();
        while segments() > 1 && waited.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(segments(), 1, "merged once the writes paused");
        reader.reload().unwrap();
        assert_eq!(reader.searcher().num_docs(), 12);
        queue.close().unwrap();
    }
}
