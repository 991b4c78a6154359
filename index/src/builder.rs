//! The bulk build: read, parse, analyze, add — as a pipeline. The calling thread reads
//! and parses the inputs and hands documents to the index writer's queue; the writer's
//! indexing threads analyze and index them, each within its share of the memory budget.
//! One commit at the end (or every `commit_every` articles), then merges are waited for.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::error::{IndexError, Result};
use crate::index::KhojIndex;
use crate::ingest::{BadRecord, Inputs};
use crate::writer::ArticleWriter;

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
    inputs.read(&mut |record, bytes| {
        p.bytes += bytes;
        if stop.load(Ordering::Relaxed) {
            failure = Some(IndexError::Interrupted);
            return false;
        }
        match record {
            Ok(article) => {
                if let Err(e) = writer.upsert(article) {
                    failure = Some(e);
                    return false;
                }
                p.articles += 1;
                since_commit += 1;
            }
            Err(bad) => {
                observer.bad_record(&bad);
                if options.strict {
                    failure = Some(IndexError::Strict(bad));
                    return false;
                }
                p.skipped += 1;
            }
        }
        if options.commit_every.is_some_and(|n| since_commit >= n) {
            if let Err(e) = writer.commit() {
                failure = Some(e);
                return false;
            }
            since_commit = 0;
            p.elapsed = start.elapsed();
            observer.committed(&p);
        }
        if (p.articles + p.skipped).is_multiple_of(256) {
            p.elapsed = start.elapsed();
            observer.progress(&p);
        }
        true
    })?;
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
