//! `khoj eval`: relevance, related coverage and copy detection, measured.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::{bail, Context};
use clap::Args;
use khoj_index::ingest::Inputs;
use khoj_index::search::{RankingConfig, Searcher};
use khoj_index::write::{build, BuildOptions, Silent};
use khoj_index::{ArticleWriter, IndexSettings, KhojIndex};

use super::{open_index, AnalysisArgs, DictArgs};
use crate::eval::{self, Metrics};

/// Measure relevance: MRR@10, nDCG@10, R@10, R@100, as ../shared/peers/ir_metrics.py
/// defines them.
///
/// Either an index (--index) with queries and judgments, or a document file (--docs: a
/// temporary index is built with the analyzer options given), or a SQuAD-format file
/// (--squad: every paragraph an article, every question a query, its paragraph the one
/// relevant article).
#[derive(Args)]
pub struct EvalArgs {
    /// An existing index.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["docs", "squad"])]
    pub index: Option<PathBuf>,
    /// Articles (JSON Lines) to index into a temporary index.
    #[arg(long, value_name = "FILE", conflicts_with = "squad")]
    pub docs: Option<PathBuf>,
    /// A SQuAD-format file.
    #[arg(long, value_name = "FILE")]
    pub squad: Option<PathBuf>,
    /// With --squad: measure related coverage instead (precision at 4 of each paragraph's
    /// related list, the other paragraphs of its article being related; khoj against
    /// tantivy's MoreLikeThisQuery on the same index).
    #[arg(long, requires = "squad")]
    pub related: bool,
    /// With --docs or --index: measure copy detection against these (original, copy) pairs
    /// (tab-separated, from scripts/copyset.py) instead of queries.
    #[arg(long, value_name = "TRUTH.tsv", conflicts_with_all = ["queries", "qrels"])]
    pub copy_truth: Option<PathBuf>,
    /// Queries: qid<TAB>text per line.
    #[arg(long, value_name = "Q.tsv")]
    pub queries: Option<PathBuf>,
    /// Judgments (TREC qrels: qid 0 docid grade).
    #[arg(long, value_name = "QRELS")]
    pub qrels: Option<PathBuf>,
    /// Write a TREC run here.
    #[arg(long, value_name = "OUT")]
    pub run: Option<PathBuf>,
    /// As you type: each query's last word is a prefix (unless it ends in a space or
    /// punctuation), as `khoj search --instant` reads it.
    #[arg(long)]
    pub instant: bool,
    /// Do not forgive typing errors.
    #[arg(long)]
    pub no_typos: bool,
    /// Analyze the queries as this language (ISO 639-1; with --squad: the file's language).
    #[arg(long, value_name = "LANG")]
    pub query_lang: Option<String>,
    #[command(flatten)]
    pub ranking: RankingArgs,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    #[command(flatten)]
    pub dicts: DictArgs,
}

/// Copy detection scored against true pairs, on a temporary index of `docs` or on an
/// existing index (e.g. built in several runs, so that copies are found among committed
/// articles).
fn run_copy_eval(
    index_dir: Option<&Path>,
    docs: Option<&Path>,
    truth: &Path,
    dicts: &DictArgs,
) -> anyhow::Result<ExitCode> {
    let pairs: Vec<(String, String)> = std::fs::read_to_string(truth)
        .with_context(|| format!("reading {}", truth.display()))?
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .collect();
    let Some(index) = open_or_build(index_dir, docs, &IndexSettings::default(), dicts)? else {
        bail!("--copy-truth needs --docs or --index");
    };
    let s = crate::eval::copy_scores(&index, &pairs)?;
    println!(
        "copies: true_pairs={} predicted_pairs={} precision={:.4} recall={:.4}",
        s.truth, s.predicted, s.precision, s.recall
    );
    for (a, b) in &s.merged_originals {
        let title = |id: &str| {
            index
                .get(id)
                .ok()
                .flatten()
                .map(|a| a.title)
                .unwrap_or_default()
        };
        println!(
            "merged, not a known copy pair: {a} ({}) + {b} ({})",
            title(a),
            title(b)
        );
    }
    for (a, b, r) in &s.missed {
        println!("missed: {a} + {b} (resemblance {r:.2})");
    }
    Ok(ExitCode::SUCCESS)
}

/// The index to evaluate on: an existing one, or a temporary one built from `docs`.
fn open_or_build(
    index_dir: Option<&Path>,
    docs: Option<&Path>,
    settings: &IndexSettings,
    dicts: &DictArgs,
) -> anyhow::Result<Option<KhojIndex>> {
    if let Some(dir) = index_dir {
        return Ok(Some(open_index(dir, dicts)?));
    }
    let Some(docs) = docs else { return Ok(None) };
    let index = KhojIndex::in_memory(settings, &dicts.load())?;
    build(
        &index,
        &Inputs::discover(&[docs.to_path_buf()])?,
        &BuildOptions::small(),
        &Silent,
        &AtomicBool::new(false),
    )?;
    Ok(Some(index))
}

/// Ranking weights (defaults: khoj's measured ones).
#[derive(Args, Clone)]
pub struct RankingArgs {
    /// Title score multiplier.
    #[arg(long)]
    pub title_boost: Option<f32>,
    /// Weight of an exact word-form match.
    #[arg(long)]
    pub exact_boost: Option<f32>,
    /// Weight of two query words found together.
    #[arg(long)]
    pub phrase_boost: Option<f32>,
    /// Positions a pair may stand apart and count as a phrase.
    #[arg(long)]
    pub phrase_slop: Option<u32>,
    /// Pairs of query words at most this far apart in the query.
    #[arg(long)]
    pub proximity_window: Option<usize>,
    /// Recency blend weight (0: off).
    #[arg(long)]
    pub recency_weight: Option<f32>,
    /// Weight of Devanagari words met through a Roman word's phonetic key (0: off).
    #[arg(long)]
    pub phonetic_weight: Option<f32>,
    /// Devanagari words per Roman query word, at most.
    #[arg(long)]
    pub phonetic_expansions: Option<usize>,
    /// As you type: a completion's weight is its share of the completions' articles to
    /// this power.
    #[arg(long)]
    pub prefix_share_power: Option<f32>,
    /// Weight of a word met through a spelling correction (0: off).
    #[arg(long)]
    pub typo_weight: Option<f32>,
    /// Constant score per query word an article holds in any form (0: off).
    #[arg(long)]
    pub coordination: Option<f32>,
    /// Query words held by at most this many articles look for corrections.
    #[arg(long)]
    pub typo_rare_df: Option<u64>,
    /// BM25's term-frequency saturation k1 (0 or more), for Hindi and English queries.
    #[arg(long, value_parser = non_negative)]
    pub bm25_k1: Option<f32>,
    /// BM25's length normalization b (0 to 1), for Hindi and English queries.
    #[arg(long, value_parser = unit_interval)]
    pub bm25_b: Option<f32>,
    /// BM25's k1 for queries in other scripts (the other Indian scripts, Urdu, CJK).
    #[arg(long, value_parser = non_negative)]
    pub bm25_other_k1: Option<f32>,
    /// BM25's b for queries in other scripts (the other Indian scripts, Urdu, CJK).
    #[arg(long, value_parser = unit_interval)]
    pub bm25_other_b: Option<f32>,
    /// Weight of two query words found together, for queries in the Indian scripts other
    /// than Devanagari and in Urdu (0: off, the default).
    #[arg(long, value_parser = non_negative)]
    pub phrase_boost_indian: Option<f32>,
}

fn non_negative(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("{s:?} is not a number of 0 or more")),
    }
}

fn unit_interval(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}

impl RankingArgs {
    pub fn config(&self) -> RankingConfig {
        let mut c = RankingConfig::default();
        if let Some(v) = self.title_boost {
            c.title_boost = v;
        }
        if let Some(v) = self.exact_boost {
            c.exact_boost = v;
        }
        if let Some(v) = self.phrase_boost {
            c.phrase_boost = v;
        }
        if let Some(v) = self.phrase_slop {
            c.phrase_slop = v;
        }
        if let Some(v) = self.proximity_window {
            c.proximity_window = v;
        }
        if let Some(v) = self.recency_weight {
            c.recency_weight = v;
        }
        if let Some(v) = self.phonetic_weight {
            c.phonetic_weight = v;
        }
        if let Some(v) = self.phonetic_expansions {
            c.phonetic_expansions = v;
        }
        if let Some(v) = self.prefix_share_power {
            c.prefix_share_power = v;
        }
        if let Some(v) = self.typo_weight {
            c.typo_weight = v;
        }
        if let Some(v) = self.coordination {
            c.coordination = v;
        }
        if let Some(v) = self.typo_rare_df {
            c.typo_rare_df = v;
        }
        if let Some(v) = self.bm25_k1 {
            c.bm25.k1 = v;
        }
        if let Some(v) = self.bm25_b {
            c.bm25.b = v;
        }
        if let Some(v) = self.bm25_other_k1 {
            c.bm25_other_scripts.k1 = v;
        }
        if let Some(v) = self.bm25_other_b {
            c.bm25_other_scripts.b = v;
        }
        if let Some(v) = self.phrase_boost_indian {
            c.phrase_boost_indian_scripts = v;
        }
        c
    }
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    if let Some(truth) = &args.copy_truth {
        return run_copy_eval(
            args.index.as_deref(),
            args.docs.as_deref(),
            truth,
            &args.dicts,
        );
    }
    let settings = IndexSettings {
        analyzer: args.analysis.options(),
        ..IndexSettings::default()
    };
    let mut query_lang = args.query_lang.clone();
    let (index, queries, qrels) = if let Some(squad) = &args.squad {
        let s = eval::read_squad(squad)?;
        query_lang = query_lang.or_else(|| s.language());
        let index = KhojIndex::in_memory(&settings, &args.dicts.load())?;
        ArticleWriter::write_all(&index, s.articles.iter().cloned())?;
        if args.related {
            let searcher = Searcher::new(&index, args.ranking.config())?;
            searcher.reload()?;
            println!("{}", eval::related_scores(&searcher, &s)?);
            return Ok(ExitCode::SUCCESS);
        }
        (index, s.queries, s.qrels)
    } else {
        let (Some(q), Some(r)) = (&args.queries, &args.qrels) else {
            bail!("--queries and --qrels are needed with --index or --docs");
        };
        let Some(index) = open_or_build(
            args.index.as_deref(),
            args.docs.as_deref(),
            &settings,
            &args.dicts,
        )?
        else {
            bail!("give --index, --docs or --squad");
        };
        (index, eval::read_queries(q)?, eval::read_qrels(r)?)
    };
    let searcher = Searcher::new(&index, args.ranking.config())?;
    searcher.reload()?;
    // judgments of articles the index does not hold measure nothing: say how many it holds
    let judged: std::collections::BTreeSet<&String> =
        qrels.values().flat_map(|d| d.keys()).collect();
    let held = judged
        .iter()
        .filter(|id| searcher.get(id).ok().flatten().is_some())
        .count();
    if held < judged.len() {
        eprintln!(
            "warning: the index holds {held} of the {} judged articles",
            judged.len()
        );
    }
    if held == 0 && !judged.is_empty() {
        anyhow::bail!("the index holds none of the judged articles: wrong --index, or --qrels of another set?");
    }
    let mut trec = match &args.run {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => None,
    };
    let run = eval::run_queries(
        &searcher,
        &queries,
        100,
        eval::QueryMode {
            lang: query_lang.as_deref(),
            instant: args.instant,
            typos: !args.no_typos,
        },
        trec.as_mut().map(|w| w as &mut dyn Write),
    )?;
    if let Some(mut w) = trec {
        w.flush()?;
    }
    println!("{}", Metrics::compute(&qrels, &run));
    Ok(ExitCode::SUCCESS)
}
