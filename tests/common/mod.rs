//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub mod server;

#[path = "shared.rs"]
mod shared_dir;
#[allow(unused_imports)]
pub use shared_dir::{shared, shared_file};
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
