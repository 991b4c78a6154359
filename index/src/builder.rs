//! The bulk build: read, parse, analyze, add — as a pipeline. The calling thread reads
//! and parses the inputs and hands documents to the index writer's queue; the writer's
//! indexing threads analyze and index them, each within its share of the memory budget.
//! One commit at the end (or every `commit_every` articles), then merges are waited for.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::copies::Fingerprint;
use crate::error::{IndexError, Result};
use crate::index::KhojIndex;
use crate::ingest::{BadRecord, Inputs, RawRecord, Record};
use crate::writer::ArticleWriter;
use khoj_analyzers::shingles::WordHasher;

/// How to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Indexing threads.
    pub threads: usize,
    /// Indexing memory, shared by the threads (bytes).
    pub memory_bytes: usize,
    /// Fail on the first bad record, committing nothing of the run.
    pub strict: bool,
    /// Commit every this many articles (besides the final commit).
    pub commit_every: Option<usize>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            threads: 2,
            memory_bytes: 1_000_000_000,
            strict: false,
            commit_every: None,
        }
    }
}

/// Where the build stands.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildProgress {
    /// Articles added.
    pub articles: u64,
    /// Input bytes read.
    pub bytes: u64,
    /// Bad records skipped.
    pub skipped: u64,
    /// Input bytes in all (0 when unknown, e.g. standard input).
    pub total_bytes: u64,
    /// Time since the start.
    pub elapsed: Duration,
}

impl BuildProgress {
    /// Megabytes (10⁶ bytes) of input per second.
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// Articles per second.
    pub fn articles_per_s(&self) -> f64 {
        self.articles as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// What a build reports as it goes.
pub trait BuildObserver {
    /// A record was skipped (or, in strict mode, failed the build).
    fn bad_record(&self, _bad: &BadRecord) {}
    /// Called every few hundred records.
    fn progress(&self, _progress: &BuildProgress) {}
    /// A commit finished: the index now durably holds what was added so far.
    fn committed(&self, _progress: &BuildProgress) {}
    /// The final commit is done; merges are being waited for.
    fn merging(&self) {}
}

/// Articles parsed before they are handed to the writer together: their fingerprints are
/// computed in parallel, then they are added in input order.
const BATCH: usize = 128;

/// Parses a batch of raw records and fingerprints their articles on `threads` threads;
/// the results come back in input order (blank lines left out).
fn prepare(
    batch: Vec<RawRecord>,
    threads: usize,
    fingerprints: bool,
) -> Vec<(Record, u64, Option<Fingerprint>)> {
    let work = |part: Vec<RawRecord>| -> Vec<(Record, u64, Option<Fingerprint>)> {
        part.into_iter()
            .filter_map(RawRecord::parse)
            .map(|(record, bytes)| {
                let fp = match (&record, fingerprints) {
                    (Ok(article), true) => Fingerprint::of(WordHasher::shared(), &article.body),
                    _ => None,
                };
                (record, bytes, fp)
            })
            .collect()
    };
    let threads = threads.clamp(1, 8);
    if threads == 1 || batch.len() < 2 * threads {
        return work(batch);
    }
    let chunk = batch.len().div_ceil(threads);
    let mut parts: Vec<Vec<RawRecord>> = Vec::with_capacity(threads);
    let mut rest = batch.into_iter();
    loop {
        let part: Vec<RawRecord> = rest.by_ref().take(chunk).collect();
        if part.is_empty() {
            break;
        }
        parts.push(part);
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        // A worker cannot fail short of a panic in parsing: that is a bug, and it surfaces.
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// An observer that reports nothing.
pub struct Silent;
impl BuildObserver for Silent {}

/// Builds: upserts every article of `inputs` into `index`.
///
/// `stop` is checked between records: when it is set the build ends without committing
/// what came after the last commit, and returns [`IndexError::Interrupted`].
pub fn build(
    index: &KhojIndex,
    inputs: &Inputs,
    options: &BuildOptions,
    observer: &dyn BuildObserver,
    stop: &AtomicBool,
) -> Result<BuildProgress> {
    let start = Instant::now();
    let mut writer = ArticleWriter::new(index, options.threads, options.memory_bytes)?;
    let mut p = BuildProgress {
        total_bytes: inputs.total_bytes(),
        ..BuildProgress::default()
    };
    let mut failure: Option<IndexError> = None;
    let mut since_commit = 0usize;
    let mut batch: Vec<RawRecord> = Vec::with_capacity(BATCH);
    // Stage 1, this thread: read raw records. Stage 2, `threads` threads: parse them and
    // fingerprint the articles. Stage 3, this thread, in input order: copy clusters, upserts
    // (the index writer's own threads then analyze and index).
    let mut flush = |batch: &mut Vec<RawRecord>, p: &mut BuildProgress| -> Result<bool> {
        for (record, bytes, fp) in prepare(
            std::mem::take(batch),
            options.threads,
            writer.fingerprints(),
        ) {
            p.bytes += bytes;
            match record {
                Ok(article) => {
                    writer.upsert_fingerprinted(article, fp)?;
                    p.articles += 1;
                    since_commit += 1;
                }
                Err(bad) => {
                    observer.bad_record(&bad);
                    if options.strict {
                        return Err(IndexError::Strict(bad));
                    }
                    p.skipped += 1;
                }
            }
        }
        if options.commit_every.is_some_and(|n| since_commit >= n) {
            writer.commit()?;
            since_commit = 0;
            p.elapsed = start.elapsed();
            observer.committed(p);
        }
        p.elapsed = start.elapsed();
        observer.progress(p);
        Ok(true)
    };
    let mut queued_articles = 0usize;
    inputs.read_raw(&mut |raw| {
        if stop.load(Ordering::Relaxed) {
            failure = Some(IndexError::Interrupted);
            return false;
        }
        batch.push(raw);
        queued_articles += 1;
        // A batch ends at BATCH records, or where a commit is due.
        let commit_due = options
            .commit_every
            .is_some_and(|n| queued_articles.is_multiple_of(n));
        if batch.len() >= BATCH || commit_due {
            if let Err(e) = flush(&mut batch, &mut p) {
                failure = Some(e);
                return false;
            }
        }
        true
    })?;
    if failure.is_none() && !batch.is_empty() {
        if let Err(e) = flush(&mut batch, &mut p) {
            failure = Some(e);
        }
    }
    if let Some(e) = failure {
        // Nothing after the last commit is kept: the writer is dropped uncommitted.
        let _ = writer.rollback();
        return Err(e);
    }
    writer.commit()?;
    p.elapsed = start.elapsed();
    observer.committed(&p);
    observer.merging();
    writer.finish()?;
    p.elapsed = start.elapsed();
    Ok(p)
}
