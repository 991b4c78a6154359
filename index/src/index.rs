//! A khoj index on disk (or in memory): the tantivy index, its article schema, and the
//! analyzer it was built with — the one way its text is analyzed ([`KhojIndex::analyze`]).

use std::path::{Path, PathBuf};

use khoj_analyzers::{AnalyzedToken, Analyzer, AnalyzerOptions, CjkSegmenters, Forms};
use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

use crate::article::Article;
use crate::directory::IndexFolder;
use crate::error::{IndexError, Result};
use crate::schema::{article_schema, ArticleFields};

/// The file, beside tantivy's, that records how a khoj index analyzes text.
pub const SETTINGS_FILE: &str = "khoj.json";
/// The version of the index layout this build writes and reads (3: the Indian scripts
/// after Devanagari normalized and stemmed, Marathi, Nepali and Sanskrit stemmed as
/// themselves; 4: copy fingerprints of the whole body, their sketches stored as a fast
/// field; 5: the sketches stored with the article instead; 6: the Indian languages other
/// than Hindi indexed by a word's first characters less a suffix, not the whole word less its
/// suffixes).
pub const FORMAT: u32 = 6;

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
    /// (the others as bigrams); searching needs the same dictionaries. Set by
    /// [`KhojIndex::create`] from the dictionaries it is given.
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
            cjk_dictionaries: Vec::new(),
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
    /// The analyzer without stemming or stopwords, for words still being typed.
    prefixes: Analyzer,
    /// The analyzer without stemming, stopwords dropped: the content words as written.
    content: Analyzer,
    settings: IndexSettings,
    path: Option<PathBuf>,
}

impl KhojIndex {
    /// Opens the index in `dir`, or creates one there (with `settings`) when `dir` is
    /// missing or empty. `cjk`: the dictionaries Chinese, Japanese and Korean text is
    /// analyzed with (the same as when the index was built).
    pub fn open_or_create(
        dir: &Path,
        settings: &IndexSettings,
        cjk: &CjkSegmenters,
    ) -> Result<KhojIndex> {
        let empty = match std::fs::read_dir(dir) {
            Ok(mut entries) => entries.next().is_none(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(IndexError::io(dir, e)),
        };
        if empty {
            KhojIndex::create(dir, settings, cjk)
        } else {
            KhojIndex::open(dir, cjk)
        }
    }

    /// Creates an index in `dir` (created if missing; it must be empty), analyzing CJK
    /// text with `cjk`'s dictionaries.
    pub fn create(dir: &Path, settings: &IndexSettings, cjk: &CjkSegmenters) -> Result<KhojIndex> {
        std::fs::create_dir_all(dir).map_err(|e| IndexError::io(dir, e))?;
        let index = Index::create_in_dir(dir, article_schema(&settings.text_tokenizer))?;
        let settings = IndexSettings {
            cjk_dictionaries: cjk.available().into_iter().map(String::from).collect(),
            ..settings.clone()
        };
        let path = dir.join(SETTINGS_FILE);
        let json = serde_json::to_string_pretty(&settings)
            .map_err(|e| IndexError::io(&path, std::io::Error::other(e)))?;
        std::fs::write(&path, json).map_err(|e| IndexError::io(&path, e))?;
        KhojIndex::wrap(index, settings, cjk, Some(dir.to_path_buf()))
    }

    /// Opens the index in `dir`, analyzing CJK text with `cjk`'s dictionaries.
    pub fn open(dir: &Path, cjk: &CjkSegmenters) -> Result<KhojIndex> {
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
        let folder = IndexFolder::open(dir).map_err(|e| not_index(e.to_string()))?;
        let index = Index::open(folder).map_err(|e| not_index(e.to_string()))?;
        KhojIndex::wrap(index, settings, cjk, Some(dir.to_path_buf()))
    }

    /// An index in memory (tests, `khoj eval --squad`), analyzing CJK text with `cjk`'s
    /// dictionaries.
    pub fn in_memory(settings: &IndexSettings, cjk: &CjkSegmenters) -> Result<KhojIndex> {
        let index = Index::create_in_ram(article_schema(&settings.text_tokenizer));
        let settings = IndexSettings {
            cjk_dictionaries: cjk.available().into_iter().map(String::from).collect(),
            ..settings.clone()
        };
        KhojIndex::wrap(index, settings, cjk, None)
    }

    fn wrap(
        index: Index,
        settings: IndexSettings,
        cjk: &CjkSegmenters,
        path: Option<PathBuf>,
    ) -> Result<KhojIndex> {
        let fields =
            ArticleFields::of(&index.schema()).map_err(|missing| IndexError::NotAnIndex {
                path: path.clone().unwrap_or_default(),
                reason: format!("no field {missing}"),
            })?;
        let analyzer = Analyzer::with_cjk(settings.analyzer, cjk.clone());
        let now: Vec<&str> = analyzer.cjk_dictionaries();
        let bigram_view = analyzer.bigram_view();
        khoj_analyzers::register(index.tokenizers(), &analyzer, &bigram_view);
        Ok(KhojIndex {
            index,
            fields,
            bigram_view: (!now.is_empty()).then_some(bigram_view),
            prefixes: Analyzer::with_cjk(
                AnalyzerOptions {
                    stemming: false,
                    stopwords: false,
                    ..settings.analyzer
                },
                CjkSegmenters::bigrams_only(),
            ),
            content: Analyzer::with_cjk(
                AnalyzerOptions {
                    stemming: false,
                    ..settings.analyzer
                },
                CjkSegmenters::bigrams_only(),
            ),
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

    /// The tokens of `text` in the language `lang`, as the index analyzes it (`None`: the
    /// language is not known, and the script decides). Indexing, query planning, related
    /// coverage and snippets all analyze through this (or [`analyze_bigrams`]).
    ///
    /// [`analyze_bigrams`]: Self::analyze_bigrams
    pub fn analyze(&self, lang: Option<&str>, text: &str, forms: Forms) -> Vec<AnalyzedToken> {
        self.analyzer.analyze(lang, text, forms)
    }

    /// The tokens of `text` as the bigram view of CJK articles (field `body_cjk`) holds
    /// them, when the index has that view (it does when a CJK dictionary is loaded).
    pub fn analyze_bigrams(
        &self,
        lang: Option<&str>,
        text: &str,
        forms: Forms,
    ) -> Option<Vec<AnalyzedToken>> {
        self.bigram_view
            .as_ref()
            .map(|view| view.analyze(lang, text, forms))
    }

    /// The beginnings of index terms that a word still being typed stands for (in `lang`):
    /// the normalized, unstemmed word (recall terms start with it), its exact spelling
    /// (prefixed with [`khoj_analyzers::EXACT_PREFIX`]: exact-form terms start with it, as
    /// when a suffix is half typed), and, for a word that ends in a nasal with virama
    /// waiting for its consonant (हिन्), the same with anusvara (हिं), as the index
    /// writes it. Empty for a word the analyzer makes nothing of.
    ///
    /// ```
    /// # use khoj_analyzers::CjkSegmenters;
    /// # use khoj_index::KhojIndex;
    /// let index = KhojIndex::in_memory(&Default::default(), &CjkSegmenters::none())?;
    /// assert_eq!(index.prefix_forms(Some("hi"), "स्कू"), ["स्कु", "=स्कू"]);
    /// assert_eq!(index.prefix_forms(Some("hi"), "ज़िन्"), ["जिन", "=ज़िन्", "जिं"]);
    /// # Ok::<(), khoj_index::IndexError>(())
    /// ```
    pub fn prefix_forms(&self, lang: Option<&str>, word: &str) -> Vec<String> {
        let last = |forms| {
            self.prefixes
                .analyze(lang, word, forms)
                .pop()
                .map(|t| t.text)
        };
        let mut out: Vec<String> = Vec::new();
        let mut push = |s: String| {
            if !s.is_empty() && !out.contains(&s) {
                out.push(s);
            }
        };
        if let Some(recall) = last(Forms::Recall) {
            push(recall);
        }
        if let Some(exact) = last(Forms::Exact) {
            let exact = if exact.starts_with(khoj_analyzers::EXACT_PREFIX) {
                exact
            } else {
                format!("{}{exact}", khoj_analyzers::EXACT_PREFIX)
            };
            push(exact);
        }
        let mut chars = word.chars().rev();
        if chars.next() == Some('\u{094D}')
            && chars
                .next()
                .is_some_and(|c| matches!(c, 'ङ' | 'ञ' | 'ण' | 'न' | 'म'))
        {
            let stem: String = word.chars().take(word.chars().count() - 2).collect();
            if let Some(t) = self.prefixes.analyze(lang, &stem, Forms::Recall).pop() {
                push(format!("{}\u{0902}", t.text));
            }
        }
        out
    }

    /// Whether `term`, a recall form of `body`, may be a word cut to its first characters
    /// ([`AnalyzerOptions::recall_prefix_chars`]) rather than a word as written: one of
    /// exactly that many characters, in a script after Devanagari whose languages are cut
    /// (Bengali … Malayalam, Urdu's). Readers are shown words, not such pieces. (Devanagari
    /// is left out: Hindi's recall forms are stems, shown as they always were.)
    pub fn may_be_cut(&self, term: &str) -> bool {
        if self.settings.analyzer.recall_prefix() != Some(term.chars().count()) {
            return false;
        }
        let script = khoj_analyzers::script_of_word(term);
        script != khoj_analyzers::Script::Devanagari
            && khoj_analyzers::LANGUAGES
                .iter()
                .any(|l| l.script == script && l.stemmed_by_suffix_list())
    }

    /// The tokens of `text` normalized but not stemmed (as a word being typed is read): the
    /// keys of suggestions. With `stopwords`, stopwords are kept (a reader may be typing
    /// one); without, they are dropped (their positions still counted).
    pub fn analyze_unstemmed(
        &self,
        lang: Option<&str>,
        text: &str,
        stopwords: bool,
    ) -> Vec<AnalyzedToken> {
        let analyzer = if stopwords {
            &self.prefixes
        } else {
            &self.content
        };
        analyzer.analyze(lang, text, Forms::Recall)
    }

    /// Whether the index has the bigram view of CJK articles.
    pub fn has_bigram_view(&self) -> bool {
        self.bigram_view.is_some()
    }

    /// The CJK dictionaries the index was built with and those loaded now, when they
    /// differ (then Chinese, Japanese and Korean text may not match as it should).
    pub fn dictionaries_differ(&self) -> Option<(&[String], Vec<&'static str>)> {
        let now = self.analyzer.cjk_dictionaries();
        let built = self.settings.cjk_dictionaries.as_slice();
        built
            .iter()
            .map(String::as_str)
            .ne(now.iter().copied())
            .then_some((built, now))
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
        Ok(self
            .doc_with(searcher, id)?
            .map(|doc| self.fields.article(&doc)))
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleParts;
    use crate::write::ArticleWriter;

    #[test]
    fn created_then_opened_with_its_settings() {
        let dir = tempfile::tempdir().unwrap();
        let settings = IndexSettings {
            fingerprints: false,
            ..IndexSettings::default()
        };
        let idx = dir.path().join("idx");
        let created = KhojIndex::open_or_create(&idx, &settings, &CjkSegmenters::none()).unwrap();
        assert_eq!(created.path(), Some(idx.as_path()));
        let article = Article::new(ArticleParts {
            id: "a".into(),
            body: "उत्तर कोरिया".into(),
            ..Default::default()
        })
        .unwrap();
        ArticleWriter::write_all(&created, [article.clone()]).unwrap();
        drop(created);
        let opened =
            KhojIndex::open_or_create(&idx, &IndexSettings::default(), &CjkSegmenters::none())
                .unwrap();
        assert_eq!(
            opened.settings(),
            &settings,
            "the settings it was created with"
        );
        assert_eq!(opened.get("a").unwrap(), Some(article));
        assert_eq!(opened.ids().unwrap(), ["a"]);
        assert_eq!(opened.get("b").unwrap(), None);
        assert!(opened.dictionaries_differ().is_none());
    }

    #[test]
    fn a_folder_that_is_no_index_is_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let e = KhojIndex::open(dir.path(), &CjkSegmenters::none())
            .err()
            .unwrap();
        assert!(matches!(e, IndexError::NotAnIndex { .. }), "{e}");
        let newer = IndexSettings {
            format: FORMAT + 1,
            ..IndexSettings::default()
        };
        std::fs::write(
            dir.path().join(SETTINGS_FILE),
            serde_json::to_string(&newer).unwrap(),
        )
        .unwrap();
        let e = KhojIndex::open(dir.path(), &CjkSegmenters::none())
            .err()
            .unwrap();
        assert!(e.to_string().contains("format"), "{e}");
    }

    #[test]
    fn a_recall_form_of_the_cut_length_in_a_cut_script_may_be_a_piece() {
        let index =
            KhojIndex::in_memory(&IndexSettings::default(), &CjkSegmenters::none()).unwrap();
        assert!(index.may_be_cut("বাংল"));
        assert!(index.may_be_cut("پاکس"));
        // other lengths, Hindi's stems, Latin words: words
        for word in ["বাংলা", "বই", "भारत", "abcd"] {
            assert!(!index.may_be_cut(word), "{word}");
        }
        let settings = IndexSettings {
            analyzer: AnalyzerOptions {
                recall_prefix_chars: 0,
                ..AnalyzerOptions::default()
            },
            ..IndexSettings::default()
        };
        let whole = KhojIndex::in_memory(&settings, &CjkSegmenters::none()).unwrap();
        assert!(!whole.may_be_cut("বাংল"));
    }

    #[test]
    fn the_language_is_part_of_every_analysis() {
        let index =
            KhojIndex::in_memory(&IndexSettings::default(), &CjkSegmenters::none()).unwrap();
        let recall = |lang| index.analyze(lang, "किताबें", Forms::Recall)[0].text.clone();
        assert_eq!(recall(Some("hi")), "किताब");
        assert_eq!(recall(None), "किताब");
        // Marathi: not Hindi's plural; the word's first characters less Marathi's ending ा
        assert_eq!(recall(Some("mr")), "कि");
        // without a dictionary there is no second view of CJK text
        assert!(!index.has_bigram_view());
        assert!(index.analyze_bigrams(None, "北京", Forms::Recall).is_none());
    }
}
