//! Group commit: the one writer of a live index. Writes from many callers are queued,
//! applied in batches and committed together — every few milliseconds, or every N
//! operations — and each caller hears back only after the commit that holds its write,
//! so an acknowledged write is durable, and visible to searches (the readers are
//! reloaded before the acknowledgements go out).

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tantivy::IndexReader;

use super::writer::ArticleWriter;
use crate::article::Article;
use crate::copies::Sketch;
use crate::error::{IndexError, Result};
use crate::index::KhojIndex;

/// A write.
#[derive(Debug, Clone)]
pub enum WriteOp {
    /// Add or replace an article (boxed: an article is far larger than an id).
    Upsert(Box<Article>),
    /// Add or replace an article whose fingerprint was made already ([`super::prepare`]),
    /// off the writer's thread.
    UpsertFingerprinted(Box<(Article, Option<Sketch>)>),
    /// Remove the article with this id.
    Delete(String),
    /// Commit what came before as soon as nothing else waits (the end of a stream).
    Flush,
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
    /// While a stream of writes is open, commit at most this long after the first write.
    pub max_stream_wait: Duration,
}

impl Default for CommitPolicy {
    fn default() -> Self {
        CommitPolicy {
            max_delay: Duration::from_millis(5),
            max_batch: 1000,
            queue: 10_000,
            idle_before_merge: Duration::from_millis(500),
            max_stream_wait: Duration::from_millis(500),
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
    /// Streams of writes open ([`CommitQueue::stream`]).
    streams: Arc<AtomicUsize>,
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
        let streams = Arc::new(AtomicUsize::new(0));
        let open = streams.clone();
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
                    let applying = Instant::now();
                    let (acks, n, applied) = gather(&rx, &mut writer, first, &policy, &open);
                    if n == 0 {
                        // flushes alone: nothing to commit
                        acks.into_iter().for_each(|ack| ack(Ok(())));
                        continue;
                    }
                    let committing = Instant::now();
                    let outcome = applied.and_then(|()| writer.commit().map(|_| ()));
                    tracing::debug!(
                        "batch of {n}: gathered and applied in {:?}, committed in {:?}",
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
            streams,
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

    /// Opens a stream of writes (a bulk request's lines, submitted as they are parsed):
    /// while one is open, the writer adds what comes without committing at `max_delay`,
    /// up to `max_batch` writes or `max_stream_wait`; when the stream is dropped, the
    /// writer commits as soon as nothing else waits ([`WriteOp::Flush`]).
    pub fn stream(&self) -> WriteStream<'_> {
        self.streams.fetch_add(1, Ordering::AcqRel);
        WriteStream { queue: self }
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

/// An open stream of writes ([`CommitQueue::stream`]).
pub struct WriteStream<'a> {
    queue: &'a CommitQueue,
}

impl Drop for WriteStream<'_> {
    fn drop(&mut self) {
        self.queue.streams.fetch_sub(1, Ordering::AcqRel);
        // Never waits (a drop may run on an async thread): a full queue keeps the writer
        // busy anyway, and a closing one commits what it holds.
        if let Some(tx) = lock(&self.queue.tx).clone() {
            let _ = tx.try_send((WriteOp::Flush, Box::new(|_| {})));
        }
    }
}

/// How often the writer looks again while a stream is open and nothing came.
const STREAM_POLL: Duration = Duration::from_millis(1);

/// Gathers a batch from `first` on, adding each write as it comes (the indexing threads
/// start on it at once), until `max_batch` writes; or the queue is empty after a flush; or
/// `max_delay` after the first write, unless a stream is open (then `max_stream_wait`).
/// Returns the acknowledgements, the number of writes, and whether all were added.
fn gather(
    rx: &Receiver<(WriteOp, Ack)>,
    writer: &mut ArticleWriter,
    first: (WriteOp, Ack),
    policy: &CommitPolicy,
    streams: &AtomicUsize,
) -> (Vec<Ack>, u64, Result<()>) {
    let started = Instant::now();
    let mut acks = Vec::new();
    let mut applied = Ok(());
    let mut n = 0u64;
    let mut next = Some(first);
    while let Some((op, ack)) = next.take() {
        acks.push(ack);
        let flush = matches!(op, WriteOp::Flush);
        if !flush {
            n += 1;
            if applied.is_ok() {
                applied = apply(writer, op);
            }
            if n as usize >= policy.max_batch {
                break;
            }
        }
        next = loop {
            let streaming =
                streams.load(Ordering::Acquire) > 0 && started.elapsed() < policy.max_stream_wait;
            let wait = if flush {
                Duration::ZERO
            } else {
                match (started + policy.max_delay).saturating_duration_since(Instant::now()) {
                    left if left.is_zero() && streaming => STREAM_POLL,
                    left => left,
                }
            };
            match rx.recv_timeout(wait) {
                Ok(op) => break Some(op),
                Err(RecvTimeoutError::Timeout) if !flush && streaming => continue,
                Err(_) => break None,
            }
        };
    }
    (acks, n, applied)
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

fn apply(writer: &mut ArticleWriter, op: WriteOp) -> Result<()> {
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
        WriteOp::Flush => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleParts;
    use crate::index::IndexSettings;

    fn index() -> KhojIndex {
        KhojIndex::in_memory(
            &IndexSettings::default(),
            &khoj_analyzers::CjkSegmenters::none(),
        )
        .unwrap()
    }

    /// Queues an article; `tx` hears whether its commit succeeded.
    fn submit(queue: &CommitQueue, id: String, body: String, tx: &mpsc::Sender<bool>) {
        let a = Article::new(ArticleParts {
            id,
            body,
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

    #[test]
    fn acknowledged_writes_are_committed_and_visible() {
        let index = index();
        let reader = index.reader().unwrap();
        let queue = CommitQueue::start(&index, reader.clone(), CommitPolicy::default()).unwrap();
        let (tx, rx) = mpsc::channel();
        for i in 0..20 {
            submit(&queue, format!("a{i}"), "पाठ".to_string(), &tx);
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
        let index = index();
        let reader = index.reader().unwrap();
        let policy = CommitPolicy {
            idle_before_merge: Duration::from_millis(200),
            ..CommitPolicy::default()
        };
        let queue = CommitQueue::start(&index, reader.clone(), policy).unwrap();
        let segments = || index.tantivy().searchable_segment_ids().unwrap().len();
        // one write at a time, each acknowledged after its own commit: a segment each
        for i in 0..12 {
            let (tx, rx) = mpsc::channel();
            submit(&queue, format!("a{i}"), format!("पाठ संख्या {i}"), &tx);
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

    #[test]
    fn a_stream_of_writes_is_committed_once_when_it_ends() {
        let index = index();
        let reader = index.reader().unwrap();
        let queue = CommitQueue::start(&index, reader.clone(), CommitPolicy::default()).unwrap();
        let (tx, rx) = mpsc::channel();
        let stream = queue.stream();
        for i in 0..3 {
            submit(&queue, format!("s{i}"), format!("धारा का लेख {i}"), &tx);
            // far longer than max_delay: without the stream, each would be its own commit
            std::thread::sleep(Duration::from_millis(40));
        }
        assert_eq!(queue.stats().commits.load(Ordering::Relaxed), 0);
        drop(stream);
        for _ in 0..3 {
            assert!(rx.recv().unwrap());
        }
        assert_eq!(queue.stats().commits.load(Ordering::Relaxed), 1);
        assert_eq!(reader.searcher().num_docs(), 3);
        queue.close().unwrap();
    }
}
