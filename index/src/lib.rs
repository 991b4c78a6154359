//! The khoj index: the article schema, ingest of JSON and scraped pages, the index
//! builder, and (in later modules) search and ranking. Knows nothing about HTTP or the
//! command line.
//!
//! ```no_run
//! use std::sync::atomic::AtomicBool;
//! use khoj_index::{builder, ingest::Inputs, IndexSettings, KhojIndex};
//! let index = KhojIndex::open_or_create("data/index".as_ref(), &IndexSettings::default())?;
//! let inputs = Inputs::discover(&["articles.jsonl".into()])?;
//! let done = builder::build(&index, &inputs, &builder::BuildOptions::default(), &builder::Silent, &AtomicBool::new(false))?;
//! println!("{} articles", done.articles);
//! # Ok::<(), khoj_index::IndexError>(())
//! ```

pub mod article;
pub mod builder;
pub mod commit;
pub mod copies;
pub mod dates;
pub mod error;
pub mod eval;
pub mod facets;
pub mod index;
pub mod ingest;
pub mod related;
pub mod schema;
pub mod search;
pub mod stats;
pub mod writer;

pub use article::Article;
pub use error::{IndexError, Result};
pub use index::{IndexSettings, KhojIndex};
pub use writer::ArticleWriter;
