//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the khoj binary.
pub fn khoj(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khoj"))
        .args(args)
        .output()
        .expect("run khoj")
}

/// stdout and stderr of a run, as text.
pub fn texts(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `../shared` beside the checkout (or `$KHOJ_SHARED`), if it is there.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("KHOJ_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    dir.join("README.md").exists().then_some(dir)
}

/// A file from `../shared`, or `None` after printing why the test is skipped.
pub fn shared_file(rel: &str) -> Option<PathBuf> {
    match shared() {
        Some(dir) if dir.join(rel).exists() => Some(dir.join(rel)),
        _ => {
            eprintln!("skipped: ../shared/{rel} is not present");
            None
        }
    }
}

/// A fixture of this repository.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Builds an index of `inputs` in `idx` with `khoj index` (one thread, 100 MB), which must
/// succeed.
pub fn index_files(idx: &Path, inputs: &[&Path]) {
    let mut args = vec![
        "index".to_string(),
        "--index".to_string(),
        idx.display().to_string(),
        "--threads".to_string(),
        "1".to_string(),
        "--memory-mb".to_string(),
        "100".to_string(),
    ];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = khoj(&args);
    assert!(out.status.success(), "{:?}", texts(&out));
}

/// A searcher over an in-memory index of `inputs`, ranking with `ranking`.
pub fn searcher_over(
    inputs: &[PathBuf],
    ranking: khoj_index::search::RankingConfig,
) -> khoj_index::search::Searcher {
    use khoj_index::builder::{build, BuildOptions, Silent};
    let index = khoj_index::KhojIndex::in_memory(&Default::default()).unwrap();
    let options = BuildOptions {
        threads: 1,
        memory_bytes: 50_000_000,
        ..BuildOptions::default()
    };
    let inputs = khoj_index::ingest::Inputs::discover(inputs).unwrap();
    let stop = std::sync::atomic::AtomicBool::new(false);
    build(&index, &inputs, &options, &Silent, &stop).unwrap();
    let s = khoj_index::search::Searcher::new(&index, ranking).unwrap();
    s.reload().unwrap();
    s
}
