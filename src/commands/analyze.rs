//! `khoj analyze`: the tokens the analyzer makes of a text.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use khoj_analyzers::{annotate, strip_noncharacters, Analyzer, Forms};

use super::{AnalysisArgs, DictArgs};

/// Show the tokens of a text, one per line: text, byte offsets (from, to), position, and
/// the phonetic key (~key) by which Roman and Devanagari spellings meet.
///
/// By default this is what a new index stores (the same as /api/analyze): each word's
/// recall form (normalized and stemmed) and, at the same position, its exact form prefixed
/// with `=` when that differs.
#[derive(Args)]
pub struct AnalyzeArgs {
    /// The text to analyze ("-" reads standard input).
    pub text: String,
    /// Print a JSON array of {"text","from","to","position","key"} objects.
    #[arg(long)]
    pub json: bool,
    /// Which forms to show: both (as indexed), recall (stems; for the Indian languages but
    /// Hindi, a word's first characters less a suffix), exact (exact-form terms).
    #[arg(long, value_enum, default_value_t = FormsArg::Both)]
    pub forms: FormsArg,
    /// Analyze as this language (ISO 639-1, e.g. mr: Marathi's recall forms, not Hindi's stems); by default the
    /// script decides, and Devanagari is read as Hindi.
    #[arg(long)]
    pub lang: Option<String>,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    #[command(flatten)]
    pub dicts: DictArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormsArg {
    Both,
    Recall,
    Exact,
}

pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let text = if args.text == "-" {
        std::io::read_to_string(std::io::stdin()).context("reading standard input")?
    } else {
        args.text
    };
    let analyzer = Analyzer::with_cjk(args.analysis.options(), args.dicts.load());
    let forms = match args.forms {
        FormsArg::Both => Forms::Both,
        FormsArg::Recall => Forms::Recall,
        FormsArg::Exact => Forms::Exact,
    };
    let text = strip_noncharacters(&text);
    let mut tokens = analyzer.analyze(args.lang.as_deref(), &text, forms);
    annotate(&text, &mut tokens);
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &tokens)?;
        writeln!(out)?;
    } else {
        for t in &tokens {
            let key = t
                .key
                .as_deref()
                .map(|k| format!("\t~{k}"))
                .unwrap_or_default();
            writeln!(out, "{}\t{}\t{}\t{}{key}", t.text, t.from, t.to, t.position)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
