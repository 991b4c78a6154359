//! The khoj index: the article schema, ingest of JSON and scraped pages, the index builder,
//! search and ranking, related coverage and wire copies. Knows nothing about HTTP or the
//! command line: requests come in as text ([`request`]) and go out as typed values.
//!
//! ```no_run
//! use std::sync::atomic::AtomicBool;
//! use khoj_analyzers::CjkSegmenters;
//! use khoj_index::write::{build, BuildOptions, Silent};
//! use khoj_index::{ingest::Inputs, IndexSettings, KhojIndex};
//! let index = KhojIndex::open_or_create("data/index".as_ref(), &IndexSettings::default(), &CjkSegmenters::none())?;
//! let inputs = Inputs::discover(&["articles.jsonl".into()])?;
//! let done = build(&index, &inputs, &BuildOptions::default(), &Silent, &AtomicBool::new(false))?;
//! println!("{} articles", done.articles);
//! # Ok::<(), khoj_index::IndexError>(())
//! ```
//!
//! Modules, leaves first: [`dates`], [`article`] (the article, its checks, bad records),
//! [`schema`] (fields; article ↔ document), [`index`] (an open index and its analyzer),
//! [`copies`] (fingerprints, clusters), [`ingest`] (files and pages), [`write`](mod@write) (writer,
//! bulk build, group commit), [`request`] (outside input, validated once), [`search`],
//! [`facets`], [`related`], [`stats`].

pub mod article;
pub mod copies;
pub mod dates;
pub mod directory;
pub mod error;
pub mod facets;
pub mod index;
pub mod ingest;
pub mod related;
pub mod request;
pub mod schema;
pub mod search;
pub mod stats;
mod stored_copy;
pub mod story;
pub mod write;

pub use article::Article;
pub use error::{IndexError, Result};
pub use index::{IndexSettings, KhojIndex};
pub use write::ArticleWriter;
