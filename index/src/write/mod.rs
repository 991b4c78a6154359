//! Writing articles into an index: the writer (upsert, delete, commit, copy clusters), the
//! bulk build (parse, fingerprint and index as a pipeline), and group commit for a live
//! index (many callers, one writer, acknowledgements after the commit).

mod builder;
mod commit;
pub mod merges;
mod writer;

pub use builder::{build, prepare, BuildObserver, BuildOptions, BuildProgress, Silent};
pub use commit::{Ack, CommitPolicy, CommitQueue, CommitStats, WriteOp, WriteStream};
pub use writer::{ArticleWriter, MAX_MEMORY_PER_THREAD, MIN_MEMORY_PER_THREAD};
