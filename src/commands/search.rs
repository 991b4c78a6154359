//! `khoj search` and `khoj eval`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use khoj_analyzers::devanagari::DevanagariOptions;
use khoj_analyzers::AnalyzerOptions;
use khoj_index::builder::{build, BuildOptions, Silent};
use khoj_index::eval::{self, Metrics};
use khoj_index::ingest::Inputs;
use khoj_index::search::{Filters, RankingConfig, SearchRequest, Searcher, Sort};
use khoj_index::{ArticleWriter, IndexSettings, KhojIndex};

/// Search an index. The query understands "quoted phrases", +required and -excluded words,
/// and title: or body: before a word or phrase; anything else is searched as text.
#[derive(Args)]
pub struct SearchArgs {
    /// The index folder.
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// What to look for.
    pub query: String,
    /// Results per page (at most 100).
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
}

/// Filters shared by the commands that search.
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

impl FilterArgs {
    pub fn to_filters(&self) -> anyhow::Result<Filters> {
        let date = |s: &Option<String>,
                    end_of_day: bool|
         -> anyhow::Result<Option<time::OffsetDateTime>> {
            let Some(s) = s else { return Ok(None) };
            let d = khoj_index::dates::parse_date(s)
                .with_context(|| format!("{s:?} is not a date (use YYYY-MM-DD)"))?;
            let is_day = s.trim().len() == 10;
            Ok(Some(if end_of_day && is_day {
                d + time::Duration::seconds(86_399)
            } else {
                d
            }))
        };
        Ok(Filters {
            from: date(&self.from, false)?,
            to: date(&self.to, true)?,
            source: self.source.clone(),
            category: self.category.clone(),
            lang: self.lang.clone(),
        })
    }
}

pub fn run_search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let index = KhojIndex::open(&args.index)?;
    let searcher = Searcher::new(&index, RankingConfig::default())?;
    let mut req = SearchRequest::new(&args.query);
    req.limit = args.limit;
    req.offset = args.offset;
    req.filters = args.filters.to_filters()?;
    req.sort = match args.sort {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Newest => Sort::Newest,
    };
    req.expand_copies = args.expand_copies;
    let resp = searcher.search(&req)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &resp)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let bold = std::io::stdout().is_terminal();
    writeln!(out, "{} results ({} ms)", resp.total, resp.took_ms)?;
    for (i, h) in resp.hits.iter().enumerate() {
        let meta: Vec<&str> = [
            h.source.as_deref(),
            h.published_at.as_deref().map(|d| &d[..d.len().min(10)]),
        ]
        .into_iter()
        .flatten()
        .collect();
        let title = if h.title.is_empty() {
            "(untitled)"
        } else {
            &h.title
        };
        writeln!(
            out,
            "\n{}. {}  [{}]  {}",
            req.offset + i + 1,
            title,
            meta.join(", "),
            h.id
        )?;
        writeln!(out, "   {}", plain_snippet(&h.snippet, bold))?;
        if h.copies > 0 {
            writeln!(out, "   (+{} copies of this story)", h.copies)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A snippet's HTML as terminal text: matches in bold (or between ** on a pipe).
fn plain_snippet(html: &str, bold: bool) -> String {
    let (on, off) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    html.replace("<mark>", on)
        .replace("</mark>", off)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

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
    /// Analyze the queries as this language (ISO 639-1; with --squad: the file's language).
    #[arg(long, value_name = "LANG")]
    pub query_lang: Option<String>,
    #[command(flatten)]
    pub ranking: RankingArgs,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

/// Copy detection scored against true pairs, on a temporary index of `docs` or on an
/// existing index (e.g. built in several runs, so that copies are found among committed
/// articles).
fn run_copy_eval(
    index_dir: Option<&std::path::Path>,
    docs: Option<&std::path::Path>,
    truth: &std::path::Path,
) -> anyhow::Result<ExitCode> {
    let pairs: Vec<(String, String)> = std::fs::read_to_string(truth)
        .with_context(|| format!("reading {}", truth.display()))?
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .collect();
    let Some(index) = open_or_build(index_dir, docs, &IndexSettings::default())? else {
        bail!("--copy-truth needs --docs or --index");
    };
    let s = eval::copy_scores(&index, &pairs)?;
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
    index_dir: Option<&std::path::Path>,
    docs: Option<&std::path::Path>,
    settings: &IndexSettings,
) -> anyhow::Result<Option<KhojIndex>> {
    if let Some(dir) = index_dir {
        return Ok(Some(KhojIndex::open(dir)?));
    }
    let Some(docs) = docs else { return Ok(None) };
    let index = KhojIndex::in_memory(settings)?;
    let options = BuildOptions {
        threads: 2,
        memory_bytes: 200_000_000,
        ..BuildOptions::default()
    };
    build(
        &index,
        &Inputs::discover(&[docs.to_path_buf()])?,
        &options,
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
        c
    }
}

/// Analyzer options for a temporary index (--docs, --squad).
#[derive(Args, Clone)]
pub struct AnalysisArgs {
    /// Conflate long and short vowels (default: as the analyzer's default).
    #[arg(long, value_name = "BOOL")]
    pub fold_vowel_length: Option<bool>,
    /// Drop word-final virama.
    #[arg(long, value_name = "BOOL")]
    pub drop_final_virama: Option<bool>,
    /// Stem Hindi and English.
    #[arg(long, value_name = "BOOL")]
    pub stemming: Option<bool>,
    /// Drop stopwords.
    #[arg(long, value_name = "BOOL")]
    pub stopwords: Option<bool>,
}

impl AnalysisArgs {
    fn options(&self) -> AnalyzerOptions {
        let d = AnalyzerOptions::default();
        AnalyzerOptions {
            devanagari: DevanagariOptions {
                fold_vowel_length: self
                    .fold_vowel_length
                    .unwrap_or(d.devanagari.fold_vowel_length),
                drop_final_virama: self
                    .drop_final_virama
                    .unwrap_or(d.devanagari.drop_final_virama),
            },
            stemming: self.stemming.unwrap_or(d.stemming),
            stopwords: self.stopwords.unwrap_or(d.stopwords),
        }
    }
}

pub fn run_eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    if let Some(truth) = &args.copy_truth {
        return run_copy_eval(args.index.as_deref(), args.docs.as_deref(), truth);
    }
    let settings = IndexSettings {
        analyzer: args.analysis.options(),
        ..IndexSettings::default()
    };
    let mut query_lang = args.query_lang.clone();
    let (index, queries, qrels) = if let Some(squad) = &args.squad {
        let s = eval::read_squad(squad)?;
        query_lang = query_lang.or_else(|| s.language());
        if args.related {
            let index = KhojIndex::in_memory(&settings)?;
            let mut writer = ArticleWriter::new(&index, 2, 200_000_000)?;
            for a in s.articles.iter().cloned() {
                writer.upsert(a)?;
            }
            writer.commit()?;
            writer.finish()?;
            let searcher = Searcher::new(&index, args.ranking.config())?;
            searcher.reload()?;
            println!("{}", eval::related_scores(&searcher, &s)?);
            return Ok(ExitCode::SUCCESS);
        }
        let index = KhojIndex::in_memory(&settings)?;
        let mut writer = ArticleWriter::new(&index, 2, 200_000_000)?;
        for a in s.articles {
            writer.upsert(a)?;
        }
        writer.commit()?;
        writer.finish()?;
        (index, s.queries, s.qrels)
    } else {
        let (Some(q), Some(r)) = (&args.queries, &args.qrels) else {
            bail!("--queries and --qrels are needed with --index or --docs");
        };
        let Some(index) = open_or_build(args.index.as_deref(), args.docs.as_deref(), &settings)?
        else {
            bail!("give --index, --docs or --squad");
        };
        (index, eval::read_queries(q)?, eval::read_qrels(r)?)
    };
    let searcher = Searcher::new(&index, args.ranking.config())?;
    searcher.reload()?;
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
        query_lang.as_deref(),
        trec.as_mut().map(|w| w as &mut dyn Write),
    )?;
    if let Some(mut w) = trec {
        w.flush()?;
    }
    println!("{}", Metrics::compute(&qrels, &run));
    Ok(ExitCode::SUCCESS)
}
