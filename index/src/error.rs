//! Errors of the index crate.

use std::path::PathBuf;

/// What can go wrong opening, building or searching an index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Tantivy failed.
    #[error("index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The folder holds something that is not a khoj index of this version.
    #[error("{path} is not a khoj index: {reason}")]
    NotAnIndex {
        /// The folder.
        path: PathBuf,
        /// Why not.
        reason: String,
    },
    /// A bad record, in a strict build.
    #[error("{0} (strict mode: nothing of this run was committed)")]
    Strict(crate::ingest::BadRecord),
    /// An option out of its range.
    #[error("{0}")]
    InvalidOption(String),
    /// An index operation was interrupted.
    #[error("interrupted: nothing after the last commit was kept")]
    Interrupted,
}

impl IndexError {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        IndexError::Io {
            path: path.into(),
            source,
        }
    }
}

/// Results of this crate.
pub type Result<T, E = IndexError> = std::result::Result<T, E>;
