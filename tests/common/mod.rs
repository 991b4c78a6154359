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
