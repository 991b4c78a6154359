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
    /// Longest a request may take, in seconds.
    #[arg(long, default_value_t = 30)]
    pub timeout_s: u64,
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
            max_body_bytes: self.max_body_mb.max(1) * 1_000_000,
            request_timeout: Duration::from_secs(self.timeout_s.max(1)),
            commit: CommitPolicy {
                max_delay: Duration::from_millis(self.commit_ms),
                ..CommitPolicy::default()
            },
        })
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

fn announce(addr: SocketAddr) {
    println!("listening on http://{addr}/");
    let _ = std::io::stdout().flush();
}

pub fn run_serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let index = open_or_create_index(&args.index, &IndexSettings::default(), &args.dicts)?;
    let options = args.limits.options(args.addr)?;
    runtime()?.block_on(server::serve(&index, options, announce))?;
    Ok(ExitCode::SUCCESS)
}

/// The demo corpus: news articles written for khoj (see src/demo/README.md).
const DEMO_ARTICLES: &str = include_str!("../demo/articles.jsonl");

/// Index the bundled demo articles into a data folder and serve them, printing the URL.
///
/// Besides the articles bundled with khoj, the demo indexes what ../shared holds when it is
/// there: the seed page and the XQuAD Hindi paragraphs (CC BY-SA 4.0), read, not copied.
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
    let page = shared.join("data/pages");
    if page.is_dir() {
        inputs.push(page);
    }
    let squad = shared.join("data/squad/xquad.hi.json");
    let index = KhojIndex::create(&dir, &IndexSettings::default(), &args.dicts.load())?;
    let built = build(
        &index,
        &Inputs::discover(&inputs)?,
        &BuildOptions::small(),
        &Silent,
        &AtomicBool::new(false),
    )?;
    let mut total = built.articles;
    if squad.exists() {
        let s = crate::eval::read_squad(&squad)?;
        let articles = s.articles.into_iter().map(|mut a| {
            a.id = format!("xquad-hi-{}", a.id);
            a.source = Some("XQuAD (Wikipedia, CC BY-SA 4.0)".into());
            a
        });
        total += ArticleWriter::write_all(&index, articles)?;
    }
    eprintln!("demo: indexed {total} articles into {}", dir.display());
    let options = args.limits.options(args.addr)?;
    runtime()?.block_on(server::serve(&index, options, |addr| {
        println!("khoj demo: open http://{addr}/?q=लावरोव+उत्तर+कोरिया");
        announce(addr);
    }))?;
    Ok(ExitCode::SUCCESS)
}
