//! `khoj search`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use khoj_index::request::{SearchParams, SearchRequest};
use khoj_index::search::{RankingConfig, Searcher};

use super::{open_index, DictArgs};
use crate::render::{day, one_line, snippet_text, SearchJson};

/// Search an index. The query understands "quoted phrases", +required and -excluded words,
/// and title: or body: before a word or phrase; anything else is searched as text.
#[derive(Args)]
pub struct SearchArgs {
    /// The index folder.
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// What to look for.
    pub query: String,
    /// Results per page (1 to 100).
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Results to skip (at most 10,000).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print the same JSON as the HTTP API.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Order: relevance, or newest first.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// List every copy of a wire story (by default the best one stands for the others).
    #[arg(long)]
    pub expand_copies: bool,
    /// As you type: the query's last word is a prefix (unless the query ends in a space or
    /// punctuation), completed from the index's words.
    #[arg(long)]
    pub instant: bool,
    /// Do not forgive typing errors (by default a word the index does not hold also finds
    /// words spelled a little differently).
    #[arg(long)]
    pub no_typos: bool,
    #[command(flatten)]
    pub dicts: DictArgs,
}

/// Filters of a search.
#[derive(Args, Clone, Default)]
pub struct FilterArgs {
    /// Published on or after (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Published on or before (YYYY-MM-DD: to the end of that day, or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only this source.
    #[arg(long)]
    pub source: Option<String>,
    /// Only this category.
    #[arg(long)]
    pub category: Option<String>,
    /// Only this language (ISO 639-1).
    #[arg(long)]
    pub lang: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SortArg {
    Relevance,
    Newest,
}

impl SearchArgs {
    /// The search, validated by the index crate's request layer; a mistake names its flag.
    fn request(&self) -> anyhow::Result<SearchRequest> {
        let f = &self.filters;
        let params = SearchParams {
            q: Some(self.query.clone()),
            limit: Some(self.limit.to_string()),
            offset: Some(self.offset.to_string()),
            from: f.from.clone(),
            to: f.to.clone(),
            source: f.source.clone(),
            category: f.category.clone(),
            lang: f.lang.clone(),
            sort: Some(
                match self.sort {
                    SortArg::Relevance => "relevance",
                    SortArg::Newest => "newest",
                }
                .into(),
            ),
            copies: Some(
                if self.expand_copies {
                    "expand"
                } else {
                    "collapse"
                }
                .into(),
            ),
            instant: Some(if self.instant { "1" } else { "0" }.into()),
            typos: Some(if self.no_typos { "0" } else { "1" }.into()),
            facets: None,
        };
        params.request().map_err(|e| match e.field.as_str() {
            "q" => anyhow::anyhow!("the query {}", e.reason),
            field => anyhow::anyhow!("--{field} {}", e.reason),
        })
    }
}

pub fn run_search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let req = args.request()?;
    let index = open_index(&args.index, &args.dicts)?;
    let searcher = Searcher::new(&index, RankingConfig::default())?;
    let resp = searcher.search(&req)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &SearchJson::of(&resp))?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let (on, off) = if std::io::stdout().is_terminal() {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    let results = if resp.total == 1 { "result" } else { "results" };
    writeln!(out, "{} {results} ({} ms)", resp.total, resp.took_ms)?;
    if let Some(s) = &resp.suggestion {
        writeln!(out, "did you mean: {s}")?;
    }
    for (i, h) in resp.hits.iter().enumerate() {
        let a = &h.article;
        let meta: Vec<String> = [a.source.clone(), a.published_at.map(day)]
            .into_iter()
            .flatten()
            .collect();
        let title = if a.title.trim().is_empty() {
            "(untitled)".to_string()
        } else {
            one_line(&a.title)
        };
        writeln!(
            out,
            "\n{}. {}  [{}]  {}",
            req.offset + i + 1,
            title,
            meta.join(", "),
            a.id
        )?;
        writeln!(out, "   {}", snippet_text(&h.snippet, on, off))?;
        match h.copies {
            0 => {}
            1 => writeln!(out, "   (+1 copy of this story)")?,
            n => writeln!(out, "   (+{n} copies of this story)")?,
        }
    }
    Ok(ExitCode::SUCCESS)
}
