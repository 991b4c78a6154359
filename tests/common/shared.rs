//! `../shared` for tests, from the root crate's tests and the index crate's alike (each
//! includes this file).

use std::path::{Path, PathBuf};

/// `../shared` beside the checkout (or `$KHOJ_SHARED`), if it is there.
pub fn shared() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("KHOJ_SHARED").map(PathBuf::from) {
        return dir.join("README.md").exists().then_some(dir);
    }
    // beside the checkout: the sibling of the workspace folder (above a member crate's)
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("../shared"))
        .find(|d| d.join("README.md").exists())
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
