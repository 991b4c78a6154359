//! One module per subcommand, and the arguments several of them share.

pub mod analyze;
pub mod eval;
pub mod index;
pub mod related;
pub mod search;
pub mod serve;

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use khoj_analyzers::{AnalyzerOptions, CjkSegmenters, DevanagariOptions};
use khoj_index::{IndexSettings, KhojIndex};

/// Where the CJK dictionaries are, for the commands that analyze text.
#[derive(Args, Clone, Default)]
pub struct DictArgs {
    /// The folder of the CJK dictionaries (lindera-ipadic/, lindera-ko-dic/, lindera-jieba/;
    /// unpack ../shared/lindera/*.tar.xz). Without one, Chinese, Japanese and Korean text is
    /// analyzed as character bigrams.
    #[arg(long, value_name = "DIR", env = "KHOJ_DICT_DIR")]
    pub dict_dir: Option<PathBuf>,
}

impl DictArgs {
    /// The dictionaries: the folder's, else those built into the binary, else none.
    pub fn load(&self) -> CjkSegmenters {
        CjkSegmenters::load(self.dict_dir.as_deref())
    }
}

/// Opens the index in `dir` with the dictionaries of `dicts`, warning when they are not the
/// ones it was built with.
pub fn open_index(dir: &Path, dicts: &DictArgs) -> anyhow::Result<KhojIndex> {
    let index = KhojIndex::open(dir, &dicts.load())
        .with_context(|| format!("opening the index in {}", dir.display()))?;
    warn_dictionaries(&index);
    Ok(index)
}

/// Opens the index in `dir`, or creates one there with `settings`.
pub fn open_or_create_index(
    dir: &Path,
    settings: &IndexSettings,
    dicts: &DictArgs,
) -> anyhow::Result<KhojIndex> {
    let index = KhojIndex::open_or_create(dir, settings, &dicts.load())
        .with_context(|| format!("opening the index in {}", dir.display()))?;
    warn_dictionaries(&index);
    Ok(index)
}

/// Opens the index in `dir` for commands that analyze no text (stats, delete).
pub fn open_index_plain(dir: &Path) -> anyhow::Result<KhojIndex> {
    KhojIndex::open(dir, &CjkSegmenters::none())
        .with_context(|| format!("opening the index in {}", dir.display()))
}

fn warn_dictionaries(index: &KhojIndex) {
    if let Some((built, now)) = index.dictionaries_differ() {
        tracing::warn!(
            "the index was built with CJK dictionaries {built:?} but {now:?} are loaded now \
             (--dict-dir, KHOJ_DICT_DIR): Chinese, Japanese and Korean text may not match"
        );
    }
}

/// Analyzer options (defaults: those of a new index).
#[derive(Args, Clone)]
pub struct AnalysisArgs {
    /// Conflate long and short vowels, ी/ि and ू/ु (default: true, as an index does).
    #[arg(long, value_name = "BOOL")]
    pub fold_vowel_length: Option<bool>,
    /// Drop a word-final virama (default: true, as an index does).
    #[arg(long, value_name = "BOOL")]
    pub drop_final_virama: Option<bool>,
    /// Stem Hindi, English and the other Indian languages (default: true).
    #[arg(long, value_name = "BOOL")]
    pub stemming: Option<bool>,
    /// Drop stopwords (default: true).
    #[arg(long, value_name = "BOOL")]
    pub stopwords: Option<bool>,
    /// With stemming, the recall form of a word of an Indian language other than Hindi: its
    /// first N code points (a vowel sign or virama is one), less a suffix of its language at
    /// their end (default: 4; 0: the whole word less its suffixes). Numbers are not cut.
    #[arg(long, value_name = "N")]
    pub recall_prefix_chars: Option<u8>,
}

impl AnalysisArgs {
    pub fn options(&self) -> AnalyzerOptions {
        let d = IndexSettings::default().analyzer;
        AnalyzerOptions {
            devanagari: DevanagariOptions {
                fold_vowel_length: self
                    .fold_vowel_length
                    .unwrap_or(d.devanagari.fold_vowel_length),
                drop_final_virama: self
                    .drop_final_virama
                    .unwrap_or(d.devanagari.drop_final_virama),
            },
            stemming: self.stemming.unwrap_or(d.stemming),
            stopwords: self.stopwords.unwrap_or(d.stopwords),
            recall_prefix_chars: self.recall_prefix_chars.unwrap_or(d.recall_prefix_chars),
        }
    }
}
