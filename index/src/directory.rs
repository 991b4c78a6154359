//! The folder of an index on disk: tantivy's memory-mapped directory, readable on a
//! read-only file system.
//!
//! Tantivy takes a lock file (`.tantivy-meta.lock`) while a reader opens segments, so that
//! a writer's garbage collection cannot delete them meanwhile. On a read-only file system
//! the lock file cannot be created, and reading would fail; but there no writer can delete
//! anything either, so the lock is not needed. [`IndexFolder`] gives a lock that holds
//! nothing when, and only when, the lock file cannot be created because the folder cannot
//! be written. A writer still fails there (its own lock, and every write, need the disk).

use std::io;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// An index folder (see the [module docs](self)).
#[derive(Debug, Clone)]
pub struct IndexFolder {
    inner: MmapDirectory,
}

impl IndexFolder {
    /// The folder at `path`.
    pub fn open(path: &Path) -> Result<IndexFolder, OpenDirectoryError> {
        Ok(IndexFolder {
            inner: MmapDirectory::open(path)?,
        })
    }
}

/// Whether an error means the folder cannot be written at all.
pub(crate) fn is_unwritable(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    ) || e.raw_os_error() == Some(30) // EROFS
}

/// A lock that guards nothing: nobody can write a folder that cannot be written.
struct NoLock;

impl Directory for IndexFolder {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            // Only the readers' lock, which exists to keep a writer from deleting files.
            Err(LockError::IoError(io))
                if lock.is_blocking
                    && lock.filepath == tantivy::directory::META_LOCK.filepath
                    && is_unwritable(&io) =>
            {
                Ok(DirectoryLock::from(Box::new(NoLock)))
            }
            other => other,
        }
    }
}
