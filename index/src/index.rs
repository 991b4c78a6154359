//! A khoj index on disk (or in memory): the tantivy index, its article schema, and the
//! analyzer it was built with.

use std::path::{Path, PathBuf};

use khoj_analyzers::cjk::bigram::may_hold_cjk;
use khoj_analyzers::language::{split_hint, with_hint};
use khoj_analyzers::{Analyzer, AnalyzerOptions};
use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::{DateTime, Index, IndexReader, ReloadPolicy, TantivyDocument};

use crate::article::Article;
use crate::error::{IndexError, Result};
use crate::schema::{article_schema, ArticleFields};

/// The file, beside tantivy's, that records how a khoj index analyzes text.
pub const SETTINGS_FILE: &str = "khoj.json";
/// The version of the index layout this build writes and reads.
pub const FORMAT: u32 = 2;

/// How an index analyzes text; fixed when the index is created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexSettings {
    /// The layout version.
    pub format: u32,
    /// The analyzer's options.
    pub analyzer: AnalyzerOptions,
    /// The tokenizer of `title` and `body`: `khoj`, or tantivy's `default` or
    /// `whitespace` (for comparisons in benchmarks).
    pub text_tokenizer: String,
    /// The CJK languages whose text was cut with a dictionary when the index was created
    /// (the others as bigrams); searching needs the same dictionaries.
    #[serde(default)]
    pub cjk_dictionaries: Vec<String>,
    /// Fingerprint articles at ingest and cluster copies of one story (off only to measure
    /// what it costs).
    #[serde(default = "yes")]
    pub fingerprints: bool,
}

fn yes() -> bool {
    true
}

impl Default for IndexSettings {
    fn default() -> Self {
        IndexSettings {
            format: FORMAT,
            analyzer: AnalyzerOptions::default(),
            text_tokenizer: khoj_analyzers::KHOJ.to_string(),
            cjk_dictionaries: khoj_analyzers::cjk::CjkSegmenters::default_shared()
                .available()
                .into_iter()
                .map(String::from)
                .collect(),
            fingerprints: true,
        }
    }
}

/// An open khoj index.
#[derive(Clone)]
pub struct KhojIndex {
    index: Index,
    fields: ArticleFields,
    analyzer: Analyzer,
    /// `analyzer` with CJK runs as bigrams, for `body_cjk`: only with a CJK dictionary
    /// loaded (without one the two views are the same bigrams).
    bigram_view: Option<Analyzer>,
    settings: IndexSettings,
    path: Option<PathBuf>,
}

impl KhojIndex {
    /// Opens the index in `dir`, or creates one there (with `settings`) when `dir` is
    /// missing or empty.
    pub fn open_or_create(dir: &Path, settings: &IndexSettings) -> Result<KhojIndex> {
        let empty = match std::fs::read_dir(dir) {
            Ok(mut entries) => entries.next().is_none(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(IndexError::io(dir, e)),
        };
        if empty {
            KhojIndex::create(dir, settings)
        } else {
            KhojIndex::open(dir)
        }
    }

    /// Creates an index in `dir` (created if missing; it must be empty).
    pub fn create(dir: &Path, settings: &IndexSettings) -> Result<KhojIndex> {
        std::fs::create_dir_all(dir).map_err(|e| IndexError::io(dir, e))?;
        let index = Index::create_in_dir(dir, article_schema(&settings.text_tokenizer))?;
        let json = serde_json::to_string_pretty(settings)
            .map_err(|e| IndexError::InvalidOption(e.to_string()))?;
        let path = dir.join(SETTINGS_FILE);
        std::fs::write(&path, json).map_err(|e| IndexError::io(&path, e))?;
        KhojIndex::wrap(index, settings.clone(), Some(dir.to_path_buf()))
    }

    /// Opens the index in `dir`.
    pub fn open(dir: &Path) -> Result<KhojIndex> {
        let not_index = |reason: String| IndexError::NotAnIndex {
            path: dir.to_path_buf(),
            reason,
        };
        let settings_path = dir.join(SETTINGS_FILE);
        let settings: IndexSettings = match std::fs::read_to_string(&settings_path) {
            Ok(json) => serde_json::from_str(&json)
                .map_err(|e| not_index(format!("{SETTINGS_FILE}: {e}")))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(not_index(format!("no {SETTINGS_FILE}")));
            }
            Err(e) => return Err(IndexError::io(&settings_path, e)),
        };
        if settings.format != FORMAT {
            return Err(not_index(format!(
                "format {} (this khoj reads format {FORMAT})",
                settings.format
            )));
        }
        let index = Index::open_in_dir(dir).map_err(|e| not_index(e.to_string()))?;
        KhojIndex::wrap(index, settings, Some(dir.to_path_buf()))
    }

    /// An index in memory (tests, `khoj eval --squad`).
    pub fn in_memory(settings: &IndexSettings) -> Result<KhojIndex> {
        let index = Index::create_in_ram(article_schema(&settings.text_tokenizer));
        KhojIndex::wrap(index, settings.clone(), None)
    }

    fn wrap(index: Index, settings: IndexSettings, path: Option<PathBuf>) -> Result<KhojIndex> {
        let fields =
            ArticleFields::of(&index.schema()).map_err(|missing| IndexError::NotAnIndex {
                path: path.clone().unwrap_or_default(),
                reason: format!("no field {missing}"),
            })?;
        let analyzer = Analyzer::new(settings.analyzer);
        let now: Vec<&str> = analyzer.cjk_dictionaries();
        if settings
            .cjk_dictionaries
            .iter()
            .map(String::as_str)
            .ne(now.iter().copied())
        {
            tracing::warn!(
                "the index was built with CJK dictionaries {:?} but {:?} are loaded now \
                 (--dict-dir, KHOJ_DICT_DIR): Chinese, Japanese and Korean text may not match",
                settings.cjk_dictionaries,
                now
            );
        }
        let bigram_view = analyzer.bigram_view();
        khoj_analyzers::register_views(index.tokenizers(), &analyzer, &bigram_view);
        Ok(KhojIndex {
            index,
            fields,
            bigram_view: (!now.is_empty()).then_some(bigram_view),
            analyzer,
            settings,
            path,
        })
    }

    /// The tantivy index.
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    /// The fields.
    pub fn fields(&self) -> &ArticleFields {
        &self.fields
    }

    /// The analyzer the index was built with.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The analyzer of the bigram view of CJK articles (field `body_cjk`), when a CJK
    /// dictionary is loaded (without one there is no second view).
    pub fn bigram_view(&self) -> Option<&Analyzer> {
        self.bigram_view.as_ref()
    }

    /// The settings.
    pub fn settings(&self) -> &IndexSettings {
        &self.settings
    }

    /// The folder, for an index on disk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A reader that sees each commit as it happens.
    pub fn reader(&self) -> Result<IndexReader> {
        Ok(self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?)
    }

    /// The article with this id, as the last commit holds it.
    pub fn get(&self, id: &str) -> Result<Option<Article>> {
        let reader = self.reader()?;
        reader.reload()?;
        self.get_with(&reader.searcher(), id)
    }

    /// The article with this id, as `searcher` sees it.
    pub fn get_with(&self, searcher: &tantivy::Searcher, id: &str) -> Result<Option<Article>> {
        Ok(self.doc_with(searcher, id)?.map(|doc| self.article(&doc)))
    }

    /// The stored document of the article with this id, as `searcher` sees it.
    pub fn doc_with(
        &self,
        searcher: &tantivy::Searcher,
        id: &str,
    ) -> Result<Option<TantivyDocument>> {
        let term = tantivy::Term::from_field_text(self.fields.id, id);
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let hits = searcher.search(
            &query,
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        match hits.first() {
            Some(&(_, addr)) => Ok(Some(searcher.doc(addr)?)),
            None => Ok(None),
        }
    }

    /// The ids of all live articles, in no particular order.
    pub fn ids(&self) -> Result<Vec<String>> {
        let reader = self.reader()?;
        reader.reload()?;
        let searcher = reader.searcher();
        let mut ids = Vec::new();
        for segment in searcher.segment_readers() {
            let store = segment
                .get_store_reader(16)
                .map_err(tantivy::TantivyError::from)?;
            for doc in segment.doc_ids_alive() {
                let d: TantivyDocument = store.get(doc)?;
                if let Some(id) = d.get_first(self.fields.id).and_then(|v| v.as_str()) {
                    ids.push(id.to_string());
                }
            }
        }
        Ok(ids)
    }

    /// The tantivy document for an article in copy cluster `copy`.
    pub fn document(&self, article: Article, copy: &crate::copies::CopyInfo) -> TantivyDocument {
        let f = &self.fields;
        let Article {
            id,
            url,
            title,
            body,
            published_at,
            source,
            category,
            tags,
            lang,
        } = article;
        let mut doc = TantivyDocument::new();
        doc.add_text(f.id, id);
        if let Some(url) = url {
            doc.add_text(f.url, url);
        }
        // Languages other than the default one travel to the analyzer as a hint before
        // the text (see khoj_analyzers::language); reading the article back strips it.
        let hinted = |text: String| {
            if khoj_analyzers::language::DEFAULT_LANGUAGES.contains(&lang.as_str()) {
                text
            } else {
                with_hint(&lang, &text)
            }
        };
        // An article with CJK text is also indexed in its bigram view, title then text (see
        // crate::schema), when there is one.
        if let (Some(cjk), Some(_)) = (f.body_cjk, &self.bigram_view) {
            if may_hold_cjk(&body) || may_hold_cjk(&title) {
                if !title.is_empty() {
                    doc.add_text(cjk, hinted(title.clone()));
                }
                doc.add_text(cjk, hinted(body.clone()));
            }
        }
        if !title.is_empty() {
            // The body field holds the title too, as its first value: BM25 over `body`
            // then sees the whole article (as one "contents" field would), while `title`
            // alone serves the title boost. Reading back takes the body's last value.
            let title = hinted(title);
            doc.add_text(f.body, title.clone());
            doc.add_text(f.title, title);
        }
        doc.add_text(f.body, hinted(body));
        if let Some(t) = published_at {
            doc.add_date(
                f.published_at,
                DateTime::from_timestamp_secs(t.unix_timestamp()),
            );
        }
        if let Some(s) = source {
            doc.add_text(f.source, s);
        }
        if let Some(c) = category {
            doc.add_text(f.category, c);
        }
        for t in tags {
            doc.add_text(f.tags, t);
        }
        doc.add_text(f.lang, lang);
        doc.add_u64(f.cluster, copy.cluster);
        if let Some(fp) = &copy.fingerprint {
            for band in &fp.bands()[..crate::copies::INDEXED_BANDS] {
                doc.add_u64(f.copy_bands, *band);
            }
        }
        doc
    }

    /// The copy cluster stored with a tantivy document.
    pub fn cluster_of(&self, doc: &TantivyDocument) -> Option<u64> {
        doc.get_first(self.fields.cluster).and_then(|v| v.as_u64())
    }

    /// The article stored in a tantivy document.
    pub fn article(&self, doc: &TantivyDocument) -> Article {
        let f = &self.fields;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(|s| split_hint(s).1.to_string())
        };
        Article {
            id: text(f.id).unwrap_or_default(),
            url: text(f.url),
            title: text(f.title).unwrap_or_default(),
            body: doc
                .get_all(f.body)
                .filter_map(|v| v.as_str())
                .last()
                .map(|s| split_hint(s).1.to_string())
                .unwrap_or_default(),
            published_at: doc
                .get_first(f.published_at)
                .and_then(|v| v.as_datetime())
                .and_then(|d| {
                    time::OffsetDateTime::from_unix_timestamp(d.into_timestamp_secs()).ok()
                }),
            source: text(f.source),
            category: text(f.category),
            tags: doc
                .get_all(f.tags)
                .filter_map(|v| v.as_str())
                .map(String::from)
                .collect(),
            lang: text(f.lang).unwrap_or_default(),
        }
    }
}
