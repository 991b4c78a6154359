//! `khoj related`: related coverage of an article, or the copies of its wire story.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;
use khoj_index::request::{article_id, RelatedParams};
use khoj_index::search::{RankingConfig, Searcher};

use super::{open_index, DictArgs};
use crate::render::{day, one_line};

/// Articles on the same story or topic as one article (chosen by its most significant
/// words; its own copies left out), each with the words it shares; or, with --copies, the
/// copies of its wire story.
#[derive(Args)]
pub struct RelatedArgs {
    /// The index folder.
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// The article's id.
    pub id: String,
    /// Related articles to list (1 to 100).
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Only articles published within this many days of the article.
    #[arg(long, value_name = "N")]
    pub days: Option<u32>,
    /// List the copies of the article's wire story instead.
    #[arg(long, conflicts_with_all = ["limit", "days"])]
    pub copies: bool,
    /// Print JSON (the HTTP API's shape).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub dicts: DictArgs,
}

pub fn run(args: RelatedArgs) -> anyhow::Result<ExitCode> {
    let params = RelatedParams {
        limit: Some(args.limit.to_string()),
        days: args.days.map(|d| d.to_string()),
    };
    let req = params
        .request(&args.id)
        .map_err(|e| anyhow::anyhow!("--{} {}", e.field, e.reason))?;
    let index = open_index(&args.index, &args.dicts)?;
    let searcher = Searcher::new(&index, RankingConfig::default())?;
    let mut out = std::io::stdout().lock();
    if args.copies {
        let id = article_id(&args.id)?;
        let Some(copies) = searcher.copies(&id)? else {
            bail!("no article with id {:?}", args.id);
        };
        if args.json {
            serde_json::to_writer(
                &mut out,
                &serde_json::json!({ "id": args.id, "copies": copies }),
            )?;
            writeln!(out)?;
            return Ok(ExitCode::SUCCESS);
        }
        let noun = if copies.len() == 1 { "copy" } else { "copies" };
        writeln!(out, "{} {noun} of {}", copies.len(), args.id)?;
        for c in &copies {
            let meta: Vec<String> = [c.source.clone(), c.published_at.map(day)]
                .into_iter()
                .flatten()
                .collect();
            writeln!(
                out,
                "  {}  {}  ({})",
                c.id,
                one_line(&c.title),
                meta.join(" · ")
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let Some(hits) = searcher.related(&req)? else {
        bail!("no article with id {:?}", args.id);
    };
    if args.json {
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({ "id": args.id, "related": hits }),
        )?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{} related to {}", hits.len(), args.id)?;
    for (i, h) in hits.iter().enumerate() {
        let a = &h.article;
        let meta: Vec<String> = [a.source.clone(), a.published_at.map(day)]
            .into_iter()
            .flatten()
            .collect();
        writeln!(
            out,
            "{:>3}. {}  ({})",
            i + 1,
            one_line(&a.title),
            meta.join(" · ")
        )?;
        if h.shared_terms.is_empty() {
            // found through the article's nearest ones (the feedback round)
            writeln!(
                out,
                "     {}  shares: (no word; related through its neighbours)",
                a.id
            )?;
        } else {
            writeln!(out, "     {}  shares: {}", a.id, h.shared_terms.join(", "))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
