//! `khoj`: the command line and the HTTP server, thin over `khoj-analyzers` and `khoj-index`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands;
mod eval;
mod render;
mod server;

/// mimalloc, told to keep the memory it frees for the next allocation (see [`keep_freed_memory`]).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `purge_delay` option (its number in `mi_option_e`, mimalloc 3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc never to hand freed memory back to the system, unless the operator set
/// `MIMALLOC_PURGE_DELAY`. An index build frees its segments' arenas at each flush and commit,
/// and allocates as much again for the next; memory handed back and taken again is zeroed by
/// the kernel, a fault per page. With this, bulk ingest over HTTP took 12-18% less time than
/// with the system's allocator and the command line 5-19% less (`docs/indexing.md`). The
/// memory stays with the process for its next build: a server's resident size stays at its
/// peak.
fn keep_freed_memory() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one of mimalloc's options (a plain integer it reads when it purges);
        // any value is valid, -1 meaning "never".
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
}

/// khoj (खोज): a Hindi-first, multilingual full-text search engine.
#[derive(Parser)]
#[command(name = "khoj", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build or update an index from JSON, JSON Lines and scraped pages.
    Index(commands::index::IndexArgs),
    /// Remove articles from an index by id.
    Delete(commands::index::DeleteArgs),
    /// What an index holds.
    Stats(commands::index::StatsArgs),
    /// Index the bundled demo articles and serve them (start here).
    Demo(commands::serve::DemoArgs),
    /// Serve an index over HTTP: the JSON API and the search page.
    Serve(commands::serve::ServeArgs),
    /// Search an index.
    Search(commands::search::SearchArgs),
    /// Related coverage of an article, or the copies of its wire story.
    Related(commands::related::RelatedArgs),
    /// Measure relevance on judged queries or a SQuAD-format file.
    Eval(commands::eval::EvalArgs),
    /// Show how the analyzer splits and folds a text.
    Analyze(commands::analyze::AnalyzeArgs),
}

fn main() -> ExitCode {
    use std::io::IsTerminal;
    keep_freed_memory();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KHOJ_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        // colours only for a terminal, never into a log file
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve(_) | Command::Demo(_)) {
        restore_sigpipe();
    }
    let result = match cli.command {
        Command::Index(args) => commands::index::run_index(args),
        Command::Delete(args) => commands::index::run_delete(args),
        Command::Stats(args) => commands::index::run_stats(args),
        Command::Demo(args) => commands::serve::run_demo(args),
        Command::Serve(args) => commands::serve::run_serve(args),
        Command::Search(args) => commands::search::run_search(args),
        Command::Related(args) => commands::related::run(args),
        Command::Eval(args) => commands::eval::run(args),
        Command::Analyze(args) => commands::analyze::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A command's output piped into a program that stops reading (`khoj search … | head`) ends
/// the command quietly, as it does any Unix tool, instead of failing on the broken pipe. The
/// server keeps Rust's default (the signal ignored): a client that hangs up is no reason to
/// stop.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any other thread exists; SIG_DFL is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_is_mimallocs_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            eprintln!("skipped: MIMALLOC_PURGE_DELAY is set");
            return;
        }
        // SAFETY: reads one of mimalloc's options.
        let get = || unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(
            get(),
            1000,
            "purge_delay's default in mimalloc 3 is 1000 ms"
        );
        keep_freed_memory();
        assert_eq!(get(), -1);
    }
}
