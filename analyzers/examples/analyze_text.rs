//! Analyzes the titles and bodies of a JSON Lines file of articles, as an index does (the
//! index chain, the text marked with its language), a number of times over, and prints the
//! throughput: a fixed amount of work for an instruction count (valgrind) or a timing.
//!
//!     cargo run --release -p khoj-analyzers --example analyze_text -- LANG FILE.jsonl [TIMES]
//!
//! `LANG` is an ISO 639-1 code, or `-` for none (the script decides). `scripts/analysis_cost.sh`
//! runs it for each Indian language, against an earlier revision too.

#[path = "../benches/support/articles.rs"]
mod articles;

use khoj_analyzers::{Analyzer, Forms};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(lang), Some(file)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: analyze_text LANG FILE.jsonl [TIMES]");
        std::process::exit(2);
    };
    let times: usize = args.get(3).and_then(|t| t.parse().ok()).unwrap_or(1);
    let Some(text) = articles::jsonl_text(std::path::Path::new(file)) else {
        eprintln!("{file}: cannot be read");
        std::process::exit(1);
    };
    let marked = match lang.as_str() {
        "-" => text.clone(),
        lang => khoj_analyzers::field_text(lang, &text).into_owned(),
    };
    let mut chain = TextAnalyzer::from(Analyzer::default().tokenizer(Forms::Both));
    let mut bytes_out = 0usize;
    let start = std::time::Instant::now();
    for _ in 0..times {
        let mut stream = chain.token_stream(&marked);
        while stream.advance() {
            bytes_out += stream.token().text.len();
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{lang}: {} bytes x {times} in {seconds:.3} s: {:.1} MiB/s ({bytes_out} bytes of tokens)",
        text.len(),
        (text.len() * times) as f64 / seconds / (1 << 20) as f64
    );
}
