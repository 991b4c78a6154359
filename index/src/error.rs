//! Errors of the index crate.
//!
//! A client's mistake ([`IndexError::InvalidRequest`]) is told apart from the server's own
//! trouble: a full disk, a commit that failed, a writer that stopped. The messages of the
//! latter name no file of the server (they reach HTTP clients); [`IndexError::Io`] does,
//! for the command line, and a server shows it only in its log.

use std::path::PathBuf;

use crate::article::BadRecord;
use crate::request::InvalidRequest;

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
    /// A file of a kind khoj does not read.
    #[error("{0}: unknown kind of file (use .jsonl, .ndjson, .json, .txt, .html)")]
    UnknownInputKind(PathBuf),
    /// A bad record, in a strict build.
    #[error("{0} (strict mode: nothing of this run was committed)")]
    Strict(BadRecord),
    /// A request or an option out of its range: the caller's mistake.
    #[error(transparent)]
    InvalidRequest(#[from] InvalidRequest),
    /// The disk holding the index is full: nothing of the failed commit was kept.
    #[error("the index's disk is full: the write was not committed")]
    StorageFull,
    /// A commit failed for another reason (a read-only or vanished folder, an I/O error):
    /// nothing of it was kept.
    #[error("the write was not committed: {0}")]
    CommitFailed(String),
    /// Another writer holds the index.
    #[error("another writer holds this index (a `khoj index` run, or `khoj serve` with an API key, on the same folder)")]
    Locked,
    /// The writer stopped (it failed, or the server is shutting down) before it could take
    /// or commit the write.
    #[error("the index writer is not running: the write was not committed")]
    WriterGone,
    /// A search ran past its deadline and stopped.
    #[error("the search took too long and was stopped")]
    TimedOut,
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

    /// Why a commit failed, as [`IndexError::StorageFull`] or [`IndexError::CommitFailed`]
    /// with a reason that names no path: the kind of the I/O error underneath, if any.
    pub fn commit_failed(e: &tantivy::TantivyError) -> Self {
        match io_kind(e) {
            Some(std::io::ErrorKind::StorageFull) => IndexError::StorageFull,
            Some(kind) => IndexError::CommitFailed(kind.to_string()),
            None => IndexError::CommitFailed("the index could not be written".into()),
        }
    }
}

/// The kind of the I/O error under a tantivy error, if there is one.
fn io_kind(e: &tantivy::TantivyError) -> Option<std::io::ErrorKind> {
    use tantivy::directory::error::{LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
    use tantivy::TantivyError as T;
    let io = match e {
        T::IoError(io)
        | T::OpenWriteError(OpenWriteError::IoError { io_error: io, .. })
        | T::OpenReadError(OpenReadError::IoError { io_error: io, .. })
        | T::OpenDirectoryError(OpenDirectoryError::IoError { io_error: io, .. })
        | T::LockFailure(LockError::IoError(io), _) => io,
        _ => return None,
    };
    Some(match io.raw_os_error() {
        Some(28) => std::io::ErrorKind::StorageFull, // ENOSPC
        Some(30) => std::io::ErrorKind::ReadOnlyFilesystem, // EROFS
        _ => io.kind(),
    })
}

/// Results of this crate.
pub type Result<T, E = IndexError> = std::result::Result<T, E>;
