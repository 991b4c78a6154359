//! `khoj serve` and `khoj demo`.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use khoj_index::ingest::Inputs;
use khoj_index::write::{build, BuildOptions, CommitPolicy, Silent};
use khoj_index::{ArticleWriter, IndexSettings, KhojIndex};

use super::{open_or_create_index, DictArgs};
use crate::server::{self, ServeOptions};

/// Serve an index over HTTP: the JSON API (/api/search, /api/articles, /api/analyze),
/// the search page (/), /healthz and /metrics.
///
/// Reads are public. Writes (PUT, POST, DELETE on /api/articles) need the header
/// "Authorization: Bearer <key>" with the key from KHOJ_API_KEY or --api-key-file; with
/// no key, writes are refused. An acknowledged write is committed (durable) and visible.
#[derive(Args)]
pub struct ServeArgs {
    /// The index folder (created when missing or empty).
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub dicts: DictArgs,
}

#[derive(Args, Clone)]
pub struct LimitArgs {
    /// A file holding the API key for writes (instead of KHOJ_API_KEY).
    #[arg(long, value_name = "FILE")]
    pub api_key_file: Option<PathBuf>,
    /// Largest request body, in MB (10⁶ bytes).
    #[arg(long, default_value_t = 32)]
    pub max_body_mb: usize,
    /// Longest a read may take, and a write's body may take to arrive, in seconds (a read
    /// past it answers 503, a body 408; a write whose body arrived is answered after its
    /// commit).
    #[arg(long, default_value_t = 30)]
    pub timeout_s: u64,
    /// Longest a request's line and headers may take to arrive, in seconds (the connection
    /// is closed).
    #[arg(long, default_value_t = 10)]
    pub header_timeout_s: u64,
    /// Connections open at once, at most (beyond, 503 and closed; also kept below the
    /// process's limit of open files).
    #[arg(long, default_value_t = 1024)]
    pub max_connections: usize,
    /// On SIGTERM or SIGINT, how long requests in flight may take to finish, in seconds,
    /// before they are dropped (queued writes are committed all the same).
    #[arg(long, default_value_t = 10)]
    pub shutdown_timeout_s: u64,
    /// Commit queued writes at most this many milliseconds after the first of them.
    #[arg(long, default_value_t = 5)]
    pub commit_ms: u64,
}

impl LimitArgs {
    fn options(&self, addr: SocketAddr) -> anyhow::Result<ServeOptions> {
        let api_key = match &self.api_key_file {
            Some(f) => Some(
                std::fs::read_to_string(f)
                    .with_context(|| format!("reading {}", f.display()))?
                    .trim()
                    .to_string(),
            ),
            None => std::env::var("KHOJ_API_KEY")
                .ok()
                .map(|k| k.trim().to_string()),
        }
        .filter(|k| !k.is_empty());
        Ok(ServeOptions {
            addr,
            api_key,
            limits: server::Limits {
                max_body_bytes: self.max_body_mb.max(1) * 1_000_000,
                request_timeout: Duration::from_secs(self.timeout_s.max(1)),
            },
            header_timeout: Duration::from_secs(self.header_timeout_s.max(1)),
            max_connections: self
                .max_connections
                .clamp(1, open_files_limit().saturating_sub(64).max(1)),
            shutdown_grace: Duration::from_secs(self.shutdown_timeout_s),
            commit: CommitPolicy {
                max_delay: Duration::from_millis(self.commit_ms),
                ..CommitPolicy::default()
            },
        })
    }
}

/// The process's limit of open files (connections, index files, logs share it).
fn open_files_limit() -> usize {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes into the struct it is given, which lives on this stack.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
            return usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX);
        }
    }
    usize::MAX
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

/// Runs the server to its end, then stops the runtime without waiting for requests still
/// running (the server gave them their grace period and committed the queued writes).
fn serve_then_stop(
    server: impl std::future::Future<Output = anyhow::Result<()>>,
) -> anyhow::Result<()> {
    let rt = runtime()?;
    let result = rt.block_on(server);
    rt.shutdown_timeout(Duration::from_secs(1));
    result
}

fn announce(addr: SocketAddr) {
    println!("listening on http://{addr}/");
    let _ = std::io::stdout().flush();
}

pub fn run_serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let index = open_or_create_index(&args.index, &IndexSettings::default(), &args.dicts)?;
    let options = args.limits.options(args.addr)?;
    serve_then_stop(server::serve(&index, options, announce))?;
    Ok(ExitCode::SUCCESS)
}

/// The demo corpus: news articles written for khoj (see src/demo/README.md).
const DEMO_ARTICLES: &str = include_str!("../demo/articles.jsonl");

/// Index the bundled demo articles into a data folder and serve them, printing the URL.
///
/// Besides the articles written for khoj's demo (src/demo), the demo indexes what ../shared
/// holds when it is there, read in place, not copied: the seed page and the real Hindi news
/// articles that have a headline.
#[derive(Args)]
pub struct DemoArgs {
    /// The data folder (its index is rebuilt on every start).
    #[arg(long, default_value = "khoj-demo-data", value_name = "DIR")]
    pub data: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub dicts: DictArgs,
}

pub fn run_demo(args: DemoArgs) -> anyhow::Result<ExitCode> {
    let dir = args.data.join("index");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
    }
    std::fs::create_dir_all(&args.data)?;
    let corpus = args.data.join("demo-articles.jsonl");
    std::fs::write(&corpus, DEMO_ARTICLES)?;
    let mut inputs = vec![corpus];
    let shared = std::env::var_os("KHOJ_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            PathBuf::from("../shared"),
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")),
        ])
        .find(|p| p.join("data").is_dir())
        .unwrap_or_default();
    let index = KhojIndex::create(&dir, &IndexSettings::default(), &args.dicts.load())?;
    let seed = shared.join("data/pages");
    if seed.is_dir() {
        inputs.push(seed);
    }
    let built = build(
        &index,
        &Inputs::discover(&inputs)?.with_page_source(Some("नमूना पृष्ठ".into())),
        &BuildOptions::small(),
        &Silent,
        &AtomicBool::new(false),
    )?;
    let mut total = built.articles;
    // the real news of ../shared (read in place, not copied), only articles with a headline
    let news = shared.join("data/news/hindi-news-2020.jsonl");
    if news.is_file() {
        let mut titled = Vec::new();
        Inputs::discover(&[news])?.read(&mut |record, _| {
            if let Ok(a) = record {
                if !a.title.trim().is_empty() {
                    titled.push(a);
                }
            }
            true
        })?;
        total += ArticleWriter::write_all(&index, titled)?;
    }
    eprintln!("demo: indexed {total} articles into {}", dir.display());
    let options = args.limits.options(args.addr)?;
    serve_then_stop(server::serve(&index, options, |addr| {
        println!("khoj demo: open http://{addr}/ (or http://{addr}/?q=लावरोव+उत्तर+कोरिया)");
        announce(addr);
    }))?;
    Ok(ExitCode::SUCCESS)
}
