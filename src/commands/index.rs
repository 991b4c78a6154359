//! `khoj index`, `khoj delete`, `khoj stats`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use khoj_index::article::BadRecord;
use khoj_index::ingest::Inputs;
use khoj_index::write::{self, BuildObserver, BuildOptions, BuildProgress};
use khoj_index::{IndexError, IndexSettings};

use super::{open_index_plain, open_or_create_index, DictArgs};

/// Add articles to an index (creating it if needed); an id already in the index is
/// replaced, never duplicated.
///
/// INPUT is a JSON Lines file (.jsonl, .ndjson: one article a line), a JSON file (.json:
/// an array of articles), a scraped page (.txt, .html), a folder (read recursively), or
/// "-" for JSON Lines on standard input. An article is an object with "id" and "body"
/// (required) and "title", "url", "published_at" (RFC 3339), "source", "category",
/// "tags", "lang" (ISO 639-1; inferred from the script when absent).
///
/// Bad records (malformed JSON, no id or body, invalid UTF-8, an unknown date format)
/// are reported with file:line and skipped, unless --strict.
#[derive(Args)]
pub struct IndexArgs {
    /// The index folder (created when missing or empty).
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Files or folders to read.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Indexing threads (1 to 8; default: the number of cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Memory budget for the whole run, in MB (10⁶ bytes).
    #[arg(long, default_value_t = 1000, value_name = "M")]
    pub memory_mb: usize,
    /// Stop at the first bad record: exit non-zero, commit nothing of this run.
    #[arg(long)]
    pub strict: bool,
    /// Commit every N records read (besides at the end).
    #[arg(long, value_name = "N")]
    pub commit_every: Option<usize>,
    /// When creating the index: no copy fingerprints (no wire-copy clusters).
    #[arg(long)]
    pub no_fingerprints: bool,
    /// The source (site) of the scraped pages read; by default the site name an HTML page
    /// declares (og:site_name, JSON-LD publisher), else the name of the page's folder.
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    #[command(flatten)]
    pub dicts: DictArgs,
}

/// The share of the memory budget given to the indexing threads' arenas; the rest is
/// for the queue of parsed articles, segment serialization and the process itself.
const ARENA_SHARE: f64 = 0.6;

pub fn run_index(args: IndexArgs) -> anyhow::Result<ExitCode> {
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .min(8)
    });
    if args.commit_every == Some(0) {
        anyhow::bail!("--commit-every must be at least 1");
    }
    let settings = IndexSettings {
        fingerprints: !args.no_fingerprints,
        ..IndexSettings::default()
    };
    let index = open_or_create_index(&args.index, &settings, &args.dicts)?;
    let inputs = Inputs::discover(&args.inputs)?.with_page_source(args.source.clone());
    let options = BuildOptions {
        threads,
        memory_bytes: (args.memory_mb as f64 * 1e6 * ARENA_SHARE) as usize,
        strict: args.strict,
        commit_every: args.commit_every,
    };
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        ctrlc::set_handler(move || stop.store(true, Ordering::Relaxed))
            .context("installing the Ctrl-C handler")?;
    }
    let observer = Reporter::new(inputs.total_bytes());
    let result = write::build(&index, &inputs, &options, &observer, &stop);
    observer.finish();
    match result {
        Ok(p) => {
            println!(
                "indexed {} {} ({} bytes) in {:.2} s: {:.1} MB/s, {:.0} articles/s, {} skipped",
                p.articles,
                if p.articles == 1 {
                    "article"
                } else {
                    "articles"
                },
                p.bytes,
                p.elapsed.as_secs_f64(),
                p.mb_per_s(),
                p.articles_per_s(),
                p.skipped
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(IndexError::Interrupted) => {
            eprintln!("interrupted: the index holds what was committed before, nothing after");
            Ok(ExitCode::from(130))
        }
        Err(e) => Err(e.into()),
    }
}

/// Progress on the terminal (a bar), or log lines every few seconds otherwise.
struct Reporter {
    bar: Option<ProgressBar>,
    last_log: Mutex<Instant>,
}

impl Reporter {
    fn new(total_bytes: u64) -> Reporter {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = if total_bytes > 0 {
                ProgressBar::new(total_bytes)
            } else {
                ProgressBar::new_spinner()
            };
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {decimal_bytes}/{decimal_total_bytes} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Reporter {
            bar,
            last_log: Mutex::new(Instant::now()),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn describe(p: &BuildProgress) -> String {
    format!(
        "{} articles, {:.1} MB/s, {:.0} articles/s, {} skipped",
        p.articles,
        p.mb_per_s(),
        p.articles_per_s(),
        p.skipped
    )
}

impl BuildObserver for Reporter {
    fn bad_record(&self, bad: &BadRecord) {
        let line = format!("skipped {bad}");
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn progress(&self, p: &BuildProgress) {
        match &self.bar {
            Some(bar) => {
                bar.set_position(p.bytes);
                bar.set_message(describe(p));
            }
            None => {
                let mut last = self.last_log.lock().unwrap_or_else(|e| e.into_inner());
                if last.elapsed() >= Duration::from_secs(5) {
                    *last = Instant::now();
                    tracing::info!("{}", describe(p));
                }
            }
        }
    }

    fn committed(&self, p: &BuildProgress) {
        let line = format!("committed {} articles", p.articles);
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn merging(&self) {
        if let Some(bar) = &self.bar {
            bar.set_message("waiting for merges");
        }
    }
}

/// Remove articles by id. Exits 1 when an id was not in the index (the others are deleted
/// all the same).
#[derive(Args)]
pub struct DeleteArgs {
    /// The index folder.
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Ids of the articles to remove.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
}

pub fn run_delete(args: DeleteArgs) -> anyhow::Result<ExitCode> {
    let index = open_index_plain(&args.index)?;
    let searcher = index.reader()?.searcher();
    let mut writer = khoj_index::ArticleWriter::new(&index, 1, 50_000_000)?;
    let mut missing = Vec::new();
    for id in &args.ids {
        let term = tantivy::Term::from_field_text(index.fields().id, id);
        if searcher.doc_freq(&term)? == 0 {
            missing.push(id.as_str());
        }
        writer.delete(id);
    }
    writer.commit()?;
    writer.finish()?;
    let deleted = args.ids.len() - missing.len();
    println!(
        "deleted {deleted} {}",
        if deleted == 1 { "article" } else { "articles" }
    );
    if !missing.is_empty() {
        // the others are deleted all the same; the exit status says not all ids were there
        eprintln!("not found: {}", missing.join(" "));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// What an index holds: articles, segments, size on disk, articles per source and per
/// language.
#[derive(Args)]
pub struct StatsArgs {
    /// The index folder.
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run_stats(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let index = open_index_plain(&args.index)?;
    let s = khoj_index::stats::stats(&index)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("articles: {}", s.articles);
    println!("deleted, not yet merged away: {}", s.deleted);
    println!("segments: {}", s.segments);
    println!(
        "size on disk: {} bytes ({:.1} MB)",
        s.size_bytes,
        s.size_bytes as f64 / 1e6
    );
    println!("by source:");
    for f in &s.by_source {
        println!("  {}\t{}", f.count, f.value);
    }
    println!("by language:");
    for f in &s.by_lang {
        println!("  {}\t{}", f.count, f.value);
    }
    Ok(ExitCode::SUCCESS)
}
