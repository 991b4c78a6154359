//! The bulk build: read, parse, analyze, add — as a pipeline. The calling thread reads
//! and parses the inputs and hands documents to the index writer's queue; the writer's
//! indexing threads analyze and index them, each within its share of the memory budget.
//! One commit at the end (or every `commit_every` articles), then merges are waited for.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::writer::{fingerprint_of, ArticleWriter};
use crate::article::BadRecord;
use crate::copies::Sketch;
use crate::error::{IndexError, Result};
use crate::index::KhojIndex;
use crate::ingest::{Inputs, RawRecord, Record};

/// How to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Indexing threads.
    pub threads: usize,
    /// Indexing memory, shared by the threads (bytes).
    pub memory_bytes: usize,
    /// Fail on the first bad record, committing nothing of the run.
    pub strict: bool,
    /// Commit every this many records read, articles and bad records alike (besides the
    /// final commit).
    pub commit_every: Option<usize>,
}

impl Default for BuildOptions {
    /// Two threads and 1 GB: a bulk build on a small machine.
    fn default() -> Self {
        BuildOptions {
            threads: 2,
            memory_bytes: 1_000_000_000,
            strict: false,
            commit_every: None,
        }
    }
}

impl BuildOptions {
    /// For small sets (evaluation files, the demo, tests): two threads and 200 MB.
    pub fn small() -> Self {
        BuildOptions {
            memory_bytes: 200_000_000,
            ..BuildOptions::default()
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
    /// A record was skipped (in strict mode it fails the build instead: [`build`] returns
    /// it).
    fn bad_record(&self, _bad: &BadRecord) {}
    /// Called every few hundred records.
    fn progress(&self, _progress: &BuildProgress) {}
    /// A commit before the last finished (`commit_every`): the index now durably holds what
    /// was added so far. The last commit is the end of the build.
    fn committed(&self, _progress: &BuildProgress) {}
    /// The final commit is done; merges are being waited for.
    fn merging(&self) {}
}

/// Articles parsed before they are handed to the writer together: their fingerprints are
/// computed in parallel, then they are added in input order.
const BATCH: usize = 128;

/// Parses a batch of raw records and fingerprints their articles ([`fingerprint_of`]) on
/// `threads` threads; the results come back in input order (blank lines left out).
pub fn prepare(
    index: &KhojIndex,
    batch: Vec<RawRecord>,
    threads: usize,
) -> Vec<(Record, u64, Option<Sketch>)> {
    let work = |part: Vec<RawRecord>| -> Vec<(Record, u64, Option<Sketch>)> {
        part.into_iter()
            .filter_map(RawRecord::parse)
            .map(|(record, bytes)| {
                let sketch = record.as_ref().ok().and_then(|a| fingerprint_of(index, a));
                (record, bytes, sketch)
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
    match parse_pool(threads) {
        // A worker cannot fail short of a panic in parsing: that is a bug, and rayon
        // resumes it here.
        Some(pool) => pool.install(|| {
            use rayon::prelude::*;
            parts.into_par_iter().flat_map_iter(work).collect()
        }),
        None => parts.into_iter().flat_map(work).collect(),
    }
}

/// The threads that parse and fingerprint, kept for the life of the process, one pool per
/// thread count. Threads started afresh for every batch each got memory the allocator had
/// not handed out before, which the kernel zeroes at first touch: with the threads kept,
/// `khoj index` on the 104 MB corpus took 3-20% less time in two sittings
/// (`docs/indexing.md`). `None` if the threads cannot be started (the work is then done on
/// the calling thread).
fn parse_pool(threads: usize) -> Option<&'static rayon::ThreadPool> {
    static POOLS: [OnceLock<Option<rayon::ThreadPool>>; 8] = [const { OnceLock::new() }; 8];
    let threads = threads.clamp(1, POOLS.len());
    POOLS[threads - 1]
        .get_or_init(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .thread_name(|i| format!("khoj-parse-{i}"))
                .build()
                .map_err(|e| tracing::warn!("parse threads not started: {e}"))
                .ok()
        })
        .as_ref()
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
    let mut batch: Vec<RawRecord> = Vec::with_capacity(BATCH);
    // Stage 1, this thread: read raw records. Stage 2, `threads` threads: parse them and
    // fingerprint the articles. Stage 3, this thread, in input order: copy clusters, upserts
    // (the index writer's own threads then analyze and index).
    // `commit`: commit after the batch.
    let mut flush =
        |batch: &mut Vec<RawRecord>, p: &mut BuildProgress, commit: bool| -> Result<()> {
            for (record, bytes, sketch) in prepare(index, std::mem::take(batch), options.threads) {
                p.bytes += bytes;
                match record {
                    Ok(article) => {
                        writer.upsert_fingerprinted(article, sketch)?;
                        p.articles += 1;
                    }
                    Err(bad) if options.strict => return Err(IndexError::Strict(bad)),
                    Err(bad) => {
                        observer.bad_record(&bad);
                        p.skipped += 1;
                    }
                }
            }
            p.elapsed = start.elapsed();
            if commit {
                writer.commit()?;
                p.elapsed = start.elapsed();
                observer.committed(p);
            }
            observer.progress(p);
            Ok(())
        };
    let mut since_commit = 0usize;
    inputs.read_raw(&mut |raw| {
        if stop.load(Ordering::Relaxed) {
            failure = Some(IndexError::Interrupted);
            return false;
        }
        batch.push(raw);
        since_commit += 1;
        // A batch ends at BATCH records, or where a commit is due.
        let commit_due = options.commit_every.is_some_and(|n| since_commit >= n);
        if commit_due {
            since_commit = 0;
        }
        if batch.len() >= BATCH || commit_due {
            if let Err(e) = flush(&mut batch, &mut p, commit_due) {
                failure = Some(e);
                return false;
            }
        }
        true
    })?;
    if failure.is_none() && !batch.is_empty() {
        if let Err(e) = flush(&mut batch, &mut p, false) {
            failure = Some(e);
        }
    }
    if let Some(e) = failure {
        // Nothing after the last commit is kept: the writer is dropped uncommitted.
        let _ = writer.rollback();
        return Err(e);
    }
    writer.commit()?;
    observer.merging();
    writer.finish()?;
    p.elapsed = start.elapsed();
    Ok(p)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::index::IndexSettings;
    use khoj_analyzers::CjkSegmenters;

    /// Records what a build reports.
    #[derive(Default)]
    struct Record {
        bad: Mutex<Vec<String>>,
        commits: Mutex<Vec<u64>>,
    }

    impl BuildObserver for Record {
        fn bad_record(&self, bad: &BadRecord) {
            self.bad.lock().unwrap().push(bad.to_string());
        }
        fn committed(&self, p: &BuildProgress) {
            self.commits.lock().unwrap().push(p.articles);
        }
    }

    /// A JSON Lines file of `n` articles with a bad line after the third.
    fn input(dir: &std::path::Path, n: usize) -> Inputs {
        let mut lines = Vec::new();
        for i in 0..n {
            lines.push(format!(r#"{{"id":"a{i}","body":"लेख संख्या {i} का पाठ"}}"#));
            if i == 2 {
                lines.push("{not json".into());
            }
        }
        let path = dir.join("in.jsonl");
        std::fs::write(&path, lines.join("\n")).unwrap();
        Inputs::discover(&[path]).unwrap()
    }

    fn index() -> KhojIndex {
        KhojIndex::in_memory(&IndexSettings::default(), &CjkSegmenters::none()).unwrap()
    }

    #[test]
    fn builds_skips_bad_records_and_commits_as_asked() {
        let dir = tempfile::tempdir().unwrap();
        let index = index();
        let seen = Record::default();
        let options = BuildOptions {
            threads: 2,
            commit_every: Some(200),
            ..BuildOptions::small()
        };
        let p = build(
            &index,
            &input(dir.path(), 500),
            &options,
            &seen,
            &AtomicBool::new(false),
        )
        .unwrap();
        assert_eq!((p.articles, p.skipped), (500, 1));
        assert_eq!(index.ids().unwrap().len(), 500);
        let bad = seen.bad.lock().unwrap();
        assert_eq!(bad.len(), 1);
        assert!(
            bad[0].ends_with(".jsonl:4: malformed JSON: key must be a string at line 1 column 2"),
            "{bad:?}"
        );
        // a commit every 200 records read (one of them bad), before the final one
        let commits = seen.commits.lock().unwrap();
        assert_eq!(*commits, [199, 399]);
    }

    #[test]
    fn prepared_records_come_back_in_input_order_on_any_number_of_threads() {
        let index = index();
        let records = |n: usize| -> Vec<RawRecord> {
            (0..n)
                .map(|i| RawRecord::Line {
                    origin: "test".into(),
                    line: i + 1,
                    bytes: format!(r#"{{"id":"a{i}","body":"लेख संख्या {i}"}}"#).into_bytes(),
                })
                .collect()
        };
        for threads in [1, 2, 3, 8] {
            // twice: the second call runs on the threads the first started
            for n in [0, 1, 5, 300, 300] {
                let ids: Vec<String> = prepare(&index, records(n), threads)
                    .into_iter()
                    .map(|(record, _, _)| record.unwrap().id)
                    .collect();
                let expected: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
                assert_eq!(ids, expected, "{threads} threads, {n} records");
            }
        }
    }

    #[test]
    fn strict_and_interrupted_builds_keep_nothing_of_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let index = index();
        let strict = BuildOptions {
            strict: true,
            ..BuildOptions::small()
        };
        let e = build(
            &index,
            &input(dir.path(), 10),
            &strict,
            &Silent,
            &AtomicBool::new(false),
        )
        .unwrap_err();
        assert!(matches!(e, IndexError::Strict(_)), "{e}");
        assert!(index.ids().unwrap().is_empty());
        let e = build(
            &index,
            &input(dir.path(), 10),
            &BuildOptions::small(),
            &Silent,
            &AtomicBool::new(true),
        )
        .unwrap_err();
        assert!(matches!(e, IndexError::Interrupted), "{e}");
        assert!(index.ids().unwrap().is_empty());
    }
}
