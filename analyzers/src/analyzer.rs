//! The whole pipeline — segment, route by script, normalize, drop stopwords, stem — as
//! one tantivy [`Tokenizer`].
//!
//! Each word gives a *recall form* (normalized and stemmed) and an *exact form* (the word
//! as written: NFC, lowercase, without ZWJ/ZWNJ). Which of them become tokens is chosen
//! by [`Forms`]:
//!
//! * [`Forms::Both`], for indexing: the recall form, and at the same position the exact
//!   form prefixed with [`EXACT_PREFIX`] when it differs. One field then serves both
//!   recall and exact-form boosts, without a second copy of the text.
//! * [`Forms::Recall`]: recall forms only (queries, for recall).
//! * [`Forms::Exact`]: for each word the one indexed term that marks its exact form: the
//!   prefixed exact form, or the recall form when the two are equal (queries, for boosts).
//!
//! ```
//! use khoj_analyzers::{Analyzer, Forms};
//! let analyzer = Analyzer::default();
//! let texts = |forms| analyzer.analyze(Some("hi"), "हिन्दी किताबें", forms).into_iter().map(|t| t.text).collect::<Vec<_>>();
//! assert_eq!(texts(Forms::Recall), ["हिंद", "किताब"]);
//! assert_eq!(texts(Forms::Both), ["हिंद", "=हिन्दी", "किताब", "=किताबें"]);
//! assert_eq!(texts(Forms::Exact), ["=हिन्दी", "=किताबें"]);
//! ```

use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;

use crate::cjk::{CjkSegmenters, CjkToken};
use crate::devanagari::{
    is_zero_width_joiner, needs_nfc_char, DevanagariNormalizer, DevanagariOptions, HindiStemmer,
    Spelling, NUKTA,
};
use crate::indic::{ExactForm, IndicNormalizer, SuffixStemmer};
use crate::language::{split_mark, LanguageRoute, LANGUAGES};
use crate::latin::{fold_to_ascii, lowercase_ascii, EnglishStemmer};
use crate::script::{script_of_word, Script};
use crate::segmenter::{Segmenter, Word, WordKind};
use crate::stopwords::{self, StopWords};
use crate::word_bytes::push_word;

/// Marks an exact-form token stacked on a recall-form token: `=किताबें` over `किताब`.
/// No word contains it, since `=` is punctuation to the segmenter.
pub const EXACT_PREFIX: char = '=';

/// Everything about the analysis that can be configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AnalyzerOptions {
    /// The contested Devanagari rules.
    pub devanagari: DevanagariOptions,
    /// Stem Hindi and English words.
    pub stemming: bool,
    /// Drop Hindi and English stopwords (their positions stay counted).
    pub stopwords: bool,
}

impl Default for AnalyzerOptions {
    fn default() -> Self {
        AnalyzerOptions {
            devanagari: DevanagariOptions::default(),
            stemming: true,
            stopwords: true,
        }
    }
}

/// Which forms of each word become tokens. See the [module docs](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forms {
    /// Recall forms only.
    Recall,
    /// The indexed term marking each word's exact form.
    Exact,
    /// Recall forms, with differing exact forms stacked at the same position.
    Both,
}

/// One token, for callers outside tantivy (query planning, snippets, `khoj analyze`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AnalyzedToken {
    /// The term.
    pub text: String,
    /// Byte offset of the word in the analyzed text.
    pub from: usize,
    /// Byte offset one past the word.
    pub to: usize,
    /// The word's position: words count from 0, stopwords included.
    pub position: usize,
    /// The word's phonetic key (Devanagari and Roman words), where it was asked for
    /// ([`crate::annotate`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// The tables an analysis needs, built once and shared.
#[derive(Debug)]
struct Tables {
    cjk: CjkSegmenters,
    options: AnalyzerOptions,
    devanagari: DevanagariNormalizer,
    hindi_stemmer: HindiStemmer,
    english_stemmer: EnglishStemmer,
    hindi_stopwords: StopWords,
    english_stopwords: StopWords,
    indic: IndicNormalizer,
    /// By language of [`LANGUAGES`]: its suffix stemmer (empty for Hindi, which has its own).
    suffix_stemmers: Vec<SuffixStemmer>,
    /// By language of [`LANGUAGES`]: its own stopwords (empty where there is no list, and
    /// for Hindi, whose list is `hindi_stopwords`).
    language_stopwords: Vec<StopWords>,
}

/// The khoj analyzer: cheap to clone, shared between threads.
#[derive(Debug, Clone)]
pub struct Analyzer {
    tables: Arc<Tables>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new(AnalyzerOptions::default())
    }
}

impl Analyzer {
    /// An analyzer with the given options and no CJK dictionary (Chinese, Japanese and
    /// Korean text as character bigrams).
    pub fn new(options: AnalyzerOptions) -> Self {
        Analyzer::with_cjk(options, CjkSegmenters::none())
    }

    /// An analyzer with the given options and CJK dictionaries.
    pub fn with_cjk(options: AnalyzerOptions, cjk: CjkSegmenters) -> Self {
        let devanagari = DevanagariNormalizer::new(options.devanagari);
        let empty = StopWords::default();
        let (hindi_stopwords, english_stopwords) = if options.stopwords {
            (
                StopWords::parse(stopwords::HINDI, |w| devanagari.normalize(w))
                    .with_spellings(|w| devanagari.vowel_length_spellings(w)),
                StopWords::parse(stopwords::ENGLISH, str::to_string),
            )
        } else {
            (empty.clone(), empty)
        };
        let indic = IndicNormalizer::new();
        let suffix_stemmers = LANGUAGES
            .iter()
            .map(|l| {
                let list = l.suffixes.unwrap_or("");
                match l.script {
                    // a suffix is normalized as the end of a word (after a consonant)
                    Script::Devanagari => SuffixStemmer::parse(list, |s| {
                        let word = devanagari.normalize(&format!("क{s}"));
                        word.strip_prefix('क').unwrap_or(&word).to_string()
                    }),
                    script => SuffixStemmer::parse(list, |s| indic.normalize(s, script)),
                }
            })
            .collect();
        let language_stopwords = LANGUAGES
            .iter()
            .map(|l| match (l.stopwords, options.stopwords, l.script) {
                (Some(list), true, Script::Devanagari) => {
                    StopWords::parse(list, |w| devanagari.normalize(w))
                }
                (Some(list), true, script) => {
                    StopWords::parse(list, |w| indic.normalize(w, script))
                }
                _ => StopWords::default(),
            })
            .collect();
        Analyzer {
            tables: Arc::new(Tables {
                cjk,
                options,
                indic,
                suffix_stemmers,
                language_stopwords,
                hindi_stemmer: HindiStemmer::new(&devanagari),
                devanagari,
                english_stemmer: EnglishStemmer::new(),
                hindi_stopwords,
                english_stopwords,
            }),
        }
    }

    /// The options this analyzer was built with.
    pub fn options(&self) -> AnalyzerOptions {
        self.tables.options
    }

    /// The same analysis with every Chinese, Japanese and Korean run cut into character
    /// bigrams, whatever dictionaries are loaded: the second view of CJK text that khoj
    /// indexes beside the dictionary's words ([`crate::KHOJ_CJK_BIGRAMS`]).
    pub fn bigram_view(&self) -> Analyzer {
        Analyzer::with_cjk(self.options(), CjkSegmenters::bigrams_only())
    }

    /// The CJK languages analyzed with a dictionary (the others fall back to bigrams).
    pub fn cjk_dictionaries(&self) -> Vec<&'static str> {
        self.tables.cjk.available()
    }

    /// A tantivy tokenizer producing `forms`.
    pub fn tokenizer(&self, forms: Forms) -> KhojTokenizer {
        KhojTokenizer {
            tables: self.tables.clone(),
            forms,
        }
    }

    /// The token stream of `text` in `lang` (see [`analyze`](Self::analyze)).
    pub(crate) fn stream<'a>(
        &'a self,
        lang: Option<&str>,
        text: &'a str,
        forms: Forms,
    ) -> KhojTokenStream<'a> {
        KhojTokenStream::new(&self.tables, forms, lang, text, 0)
    }

    /// All tokens of `text`, analyzed as the language `lang` (an ISO 639-1 code such as
    /// `hi`, `mr`, `ja`; `None` when it is not known: then the script decides, and
    /// Devanagari is read as Hindi).
    pub fn analyze(&self, lang: Option<&str>, text: &str, forms: Forms) -> Vec<AnalyzedToken> {
        let mut stream = self.stream(lang, text, forms);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push(AnalyzedToken {
                text: t.text.clone(),
                from: t.offset_from,
                to: t.offset_to,
                position: t.position,
                key: None,
            });
        }
        out
    }
}

/// The tantivy tokenizer of an [`Analyzer`].
#[derive(Debug, Clone)]
pub struct KhojTokenizer {
    tables: Arc<Tables>,
    forms: Forms,
}

impl Tokenizer for KhojTokenizer {
    type TokenStream<'a> = KhojTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KhojTokenStream<'a> {
        // A field's text carries its language (see crate::field_text).
        let (lang, body) = split_mark(text);
        KhojTokenStream::new(
            &self.tables,
            self.forms,
            lang,
            body,
            text.len() - body.len(),
        )
    }
}

impl<'a> KhojTokenStream<'a> {
    /// The tokens of `text`, in `lang`; offsets are shifted by `base`.
    fn new(
        tables: &'a Tables,
        forms: Forms,
        lang: Option<&str>,
        text: &'a str,
        base: usize,
    ) -> Self {
        KhojTokenStream {
            base,
            text,
            words: Segmenter::new(text),
            tables,
            forms,
            route: LanguageRoute::for_language(lang),
            token: Token::default(),
            stacked: String::new(),
            scratch: String::new(),
            has_stacked: false,
            next_position: 0,
            cjk: Vec::new(),
            cjk_next: 0,
            cjk_from: 0,
            cjk_position: 0,
        }
    }
}

/// The token stream of a [`KhojTokenizer`].
pub struct KhojTokenStream<'a> {
    base: usize,
    text: &'a str,
    words: Segmenter<'a>,
    tables: &'a Tables,
    forms: Forms,
    route: LanguageRoute,
    token: Token,
    /// An exact-form token waiting to be emitted at the current position.
    stacked: String,
    /// Room for a stem.
    scratch: String,
    has_stacked: bool,
    next_position: usize,
    /// The morphemes of the current CJK run, still to be emitted from `cjk_next` on.
    cjk: Vec<CjkToken>,
    cjk_next: usize,
    /// Where the current CJK run starts (byte offset, position).
    cjk_from: usize,
    cjk_position: usize,
}

impl TokenStream for KhojTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.has_stacked {
            self.has_stacked = false;
            std::mem::swap(&mut self.token.text, &mut self.stacked);
            return true;
        }
        loop {
            if self.cjk_next < self.cjk.len() {
                self.emit_cjk();
                return true;
            }
            let Some(word) = self.words.next() else {
                return false;
            };
            let position = self.next_position;
            self.next_position += 1;
            if word.kind == WordKind::Cjk {
                self.start_cjk(word, position);
                continue;
            }
            if self.analyze(word) {
                self.token.offset_from = self.base + word.from;
                self.token.offset_to = self.base + word.to;
                self.token.position = position;
                self.token.position_length = 1;
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl KhojTokenStream<'_> {
    /// Cuts a CJK run into morphemes (or bigrams); they take the positions from `position`.
    fn start_cjk(&mut self, word: Word, position: usize) {
        let run = &self.text[word.from..word.to];
        let lang = self.route.cjk_language(run);
        self.cjk.clear();
        self.cjk_next = 0;
        let n = self.tables.cjk.analyze_run(lang, run, &mut self.cjk);
        self.cjk_from = word.from;
        self.cjk_position = position;
        self.next_position = position + n.max(1);
    }

    /// Emits the next morpheme of the current CJK run (with its exact form as for any word).
    fn emit_cjk(&mut self) {
        let t = &self.cjk[self.cjk_next];
        self.cjk_next += 1;
        self.token.offset_from = self.base + self.cjk_from + t.from;
        self.token.offset_to = self.base + self.cjk_from + t.to;
        self.token.position = self.cjk_position + t.position;
        self.token.position_length = 1;
        self.token.text.clear();
        let differs = t.exact != t.recall;
        match self.forms {
            Forms::Exact if differs => {
                self.token.text.push(EXACT_PREFIX);
                self.token.text.push_str(&t.exact);
            }
            _ => self.token.text.push_str(&t.recall),
        }
        if self.forms == Forms::Both && differs {
            self.stacked.clear();
            self.stacked.push(EXACT_PREFIX);
            self.stacked.push_str(&t.exact);
            self.has_stacked = true;
        }
    }

    /// Puts the word's token into `self.token.text` (and a stacked exact form into
    /// `self.stacked`); `false` when the word gives no token (a stopword).
    fn analyze(&mut self, word: Word) -> bool {
        let raw = &self.text[word.from..word.to];
        let t = self.tables;
        let recall = &mut self.token.text;
        let differs = match word.kind {
            WordKind::Devanagari => {
                let scan = *self.words.devanagari_scan();
                let Some(spelling) = t.devanagari.fast_spelling(&scan) else {
                    return self.analyze_folded_devanagari(raw);
                };
                // No rule but vowel-length folding changes the word: all its characters
                // are 3-byte block characters, and the scan's packed last characters
                // serve the stopword check and the stemmer before the word is copied
                // (both tables know the long-vowel spellings of their entries).
                let stopword = match t.hindi_stopwords.contains_packed(scan.tail, raw.len() / 3) {
                    Some(known) => known,
                    None => t.hindi_stopwords.contains(&t.devanagari.normalize(raw)),
                };
                if stopword {
                    return false;
                }
                let stem_len = if t.options.stemming && self.route.hindi_stemming {
                    t.hindi_stemmer
                        .stem_len_packed(raw, scan.tail, scan.tail_chars as usize)
                } else {
                    raw.len()
                };
                recall.clear();
                t.devanagari.write_fast(
                    self.text,
                    (word.from, word.from + stem_len),
                    spelling,
                    recall,
                );
                // Marathi, Nepali, Sanskrit: their own stopwords and suffixes, off the
                // normalized word.
                let mut stemmed = stem_len < raw.len();
                if !self.route.hindi_stemming {
                    if language_stopword(t, &self.route, Script::Devanagari, recall) {
                        return false;
                    }
                    stemmed |= strip_suffixes(t, &self.route, Script::Devanagari, recall);
                }
                // The word is its own exact form (NFC, no joiners); the recall form differs
                // when vowels were folded or a suffix was stripped.
                let differs = spelling == Spelling::VowelLength || stemmed;
                if differs && self.forms != Forms::Recall {
                    self.stacked.clear();
                    self.stacked.push(EXACT_PREFIX);
                    push_word(&mut self.stacked, self.text, word.from, word.to);
                }
                differs
            }
            WordKind::Ascii => {
                lowercase_ascii(raw, recall);
                if t.english_stopwords.contains(recall) {
                    return false;
                }
                let stem = &mut self.scratch;
                if !t.options.stemming || !t.english_stemmer.stem_to(recall, stem) {
                    return true;
                }
                if self.forms != Forms::Recall {
                    self.stacked.clear();
                    self.stacked.push(EXACT_PREFIX);
                    self.stacked.push_str(recall);
                }
                std::mem::swap(recall, stem);
                true
            }
            WordKind::Brahmic => return self.analyze_brahmic(raw),
            WordKind::Cjk => return false, // runs are cut by `start_cjk`, never analyzed here
            WordKind::General | WordKind::Arabic => {
                // a word of the Arabic fast path begins with a letter of the block (a test
                // of `arabic_words` says so): no need to read it again for its script
                let script = match word.kind {
                    WordKind::Arabic => Script::Arabic,
                    _ => script_of_word(raw),
                };
                if script == Script::Latin {
                    fold_to_ascii(raw, recall);
                    if t.english_stopwords.contains(recall) {
                        return false;
                    }
                    if t.options.stemming && t.english_stemmer.stem_to(recall, &mut self.scratch) {
                        std::mem::swap(recall, &mut self.scratch);
                    }
                } else if script.block_start().is_some() || script == Script::Arabic {
                    return self.analyze_indic(raw, script);
                } else {
                    recall.clear();
                    recall.extend(raw.nfc().flat_map(char::to_lowercase));
                }
                if self.forms == Forms::Recall {
                    return true;
                }
                self.stacked.clear();
                self.stacked.push(EXACT_PREFIX);
                self.stacked.extend(raw.nfc().flat_map(char::to_lowercase));
                self.stacked[EXACT_PREFIX.len_utf8()..] != *recall
            }
        };
        self.set_stacked(differs);
        true
    }

    /// [`analyze`](Self::analyze) for a Devanagari word that a rule other than vowel-length
    /// folding changes (a nukta, a half nasal, a joiner …): normalized in full first.
    #[cold]
    fn analyze_folded_devanagari(&mut self, raw: &str) -> bool {
        let t = self.tables;
        let recall = &mut self.token.text;
        let scan = t.devanagari.normalize_slow(raw, recall);
        // When the normalized form was made one character at a time, its scan's packed
        // characters serve the stopword check and the stemmer, as on the fast path.
        let stopword = scan
            .and_then(|s| t.hindi_stopwords.contains_packed(s.tail, recall.len() / 3))
            .unwrap_or_else(|| t.hindi_stopwords.contains(recall));
        if recall.is_empty() || stopword {
            return false;
        }
        if t.options.stemming && self.route.hindi_stemming {
            let len = match scan {
                Some(s) => t
                    .hindi_stemmer
                    .stem_len_packed(recall, s.tail, s.tail_chars as usize),
                None => t.hindi_stemmer.stem_len(recall),
            };
            recall.truncate(len);
        } else if !self.route.hindi_stemming {
            if language_stopword(t, &self.route, Script::Devanagari, recall) {
                return false;
            }
            strip_suffixes(t, &self.route, Script::Devanagari, recall);
        }
        if self.forms != Forms::Recall {
            devanagari_exact(raw, &mut self.stacked);
            let differs = self.stacked[EXACT_PREFIX.len_utf8()..] != *recall;
            self.set_stacked(differs);
        }
        true
    }

    /// [`analyze`](Self::analyze) for a word of a Brahmic script after Devanagari found by
    /// the segmenter's table. Unless the normalizer must go the whole way, what it does is
    /// known from the segmenter's pass (nothing, for most words; replacing or dropping some
    /// characters one by one): the stopwords are checked and the suffixes stripped on the
    /// characters that pass packed.
    #[inline]
    fn analyze_brahmic(&mut self, raw: &str) -> bool {
        let scan = *self.words.brahmic_scan();
        if scan.loud {
            return self.analyze_indic(raw, scan.script);
        }
        let t = self.tables;
        let recall = &mut self.token.text;
        if scan.quiet {
            recall.clear();
            recall.push_str(raw);
        } else {
            t.indic.write_replaced(raw, scan.script, recall);
        }
        let language = self.route.language_of(scan.script);
        if let Some(i) = language {
            if t.language_stopwords[i].contains(recall) {
                return false;
            }
        }
        if let (Some(i), Some(block), true) =
            (language, scan.script.block_start(), t.options.stemming)
        {
            let len = t.suffix_stemmers[i].stem_len_packed(recall, block, scan.tail, scan.chars);
            recall.truncate(len);
        }
        // The exact form is the word as written (in NFC, which replacing a character alone
        // keeps, but for letters NFC decomposes) without its joiners.
        let differs = if scan.quiet {
            recall.len() < raw.len()
        } else {
            let exact = &mut self.stacked;
            exact.clear();
            exact.push(EXACT_PREFIX);
            t.indic.write_exact(raw, scan.script, exact);
            exact[EXACT_PREFIX.len_utf8()..] != *recall
        };
        if differs && scan.quiet && self.forms != Forms::Recall {
            self.stacked.clear();
            self.stacked.push(EXACT_PREFIX);
            self.stacked.push_str(raw);
        }
        self.set_stacked(differs);
        true
    }

    /// [`analyze`](Self::analyze) for a word of an Indian script after Devanagari (or of
    /// Urdu's Arabic script): normalized, then stemmed as its language.
    fn analyze_indic(&mut self, raw: &str, script: Script) -> bool {
        let t = self.tables;
        let exact_form = t.indic.normalize_into(raw, script, &mut self.token.text);
        if self.token.text.is_empty() || language_stopword(t, &self.route, script, &self.token.text)
        {
            return false;
        }
        if self.forms != Forms::Recall {
            self.stacked.clear();
            self.stacked.push(EXACT_PREFIX);
            match exact_form {
                ExactForm::AsWritten => self.stacked.push_str(raw),
                ExactForm::WithoutJoiners => push_without_joiners(&mut self.stacked, raw),
                // the word as written: NFC, lowercase, without joiners
                ExactForm::Unknown => self.stacked.extend(
                    raw.chars()
                        .filter(|&c| !is_zero_width_joiner(c))
                        .nfc()
                        .flat_map(char::to_lowercase),
                ),
            }
        }
        strip_suffixes(t, &self.route, script, &mut self.token.text);
        let differs = self.forms != Forms::Recall
            && self.stacked[EXACT_PREFIX.len_utf8()..] != self.token.text;
        self.set_stacked(differs);
        true
    }

    /// Emits the stacked exact form after the recall form ([`Forms::Both`]), or instead
    /// of it ([`Forms::Exact`]), when the two differ.
    #[inline]
    fn set_stacked(&mut self, differs: bool) {
        match self.forms {
            Forms::Both => self.has_stacked = differs,
            Forms::Exact if differs => std::mem::swap(&mut self.token.text, &mut self.stacked),
            _ => {}
        }
    }
}

/// Strips the suffixes of the language a word of `script` is analyzed as on `route` off
/// the normalized `word`, if stemming is on and that language is stemmed by a suffix list
/// (not Hindi); `true` when one went.
#[inline]
fn strip_suffixes(
    tables: &Tables,
    route: &LanguageRoute,
    script: Script,
    word: &mut String,
) -> bool {
    if !tables.options.stemming {
        return false;
    }
    let Some(language) = route.language_of(script) else {
        return false;
    };
    let len = tables.suffix_stemmers[language].stem_len(word);
    let stripped = len < word.len();
    word.truncate(len);
    stripped
}

/// Whether the normalized word `word` of `script` is a stopword of the language it is
/// analyzed as on `route` (a language of [`LANGUAGES`] with a list of its own).
#[inline]
fn language_stopword(tables: &Tables, route: &LanguageRoute, script: Script, word: &str) -> bool {
    route
        .language_of(script)
        .is_some_and(|i| tables.language_stopwords[i].contains(word))
}

/// Appends `word` without its ZWJ and ZWNJ to `out`.
#[inline]
fn push_without_joiners(out: &mut String, word: &str) {
    for piece in word.split(is_zero_width_joiner) {
        out.push_str(piece);
    }
}

/// Writes [`EXACT_PREFIX`] and the exact form of a Devanagari word into `out`: the word
/// in NFC, without ZWJ/ZWNJ.
fn devanagari_exact(raw: &str, out: &mut String) {
    out.clear();
    out.push(EXACT_PREFIX);
    let (mut joiners, mut nfc) = (false, false);
    for c in raw.chars() {
        joiners |= is_zero_width_joiner(c);
        // NFC changes nothing else in the block (Vedic marks are caught by `needs_nfc`).
        if c == NUKTA || matches!(c, '\u{0958}'..='\u{095F}') || needs_nfc_char(c) {
            nfc = true;
            break;
        }
    }
    if nfc {
        out.extend(raw.chars().filter(|&c| !is_zero_width_joiner(c)).nfc());
    } else if joiners {
        push_without_joiners(out, raw);
    } else {
        out.push_str(raw);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(text: &str, forms: Forms) -> Vec<String> {
        Analyzer::default()
            .analyze(Some("hi"), text, forms)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn positions_count_words_including_stopwords() {
        let tokens = Analyzer::default().analyze(Some("hi"), "उत्तर कोरिया के नेता", Forms::Recall);
        let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 3]); // के is a stopword
    }

    #[test]
    fn stacked_exact_forms_share_the_position() {
        let tokens = Analyzer::default().analyze(Some("hi"), "हिन्दी", Forms::Both);
        assert_eq!(tokens.len(), 2);
        assert_eq!(tokens[0].position, tokens[1].position);
        assert_eq!((tokens[1].from, tokens[1].to), (0, "हिन्दी".len()));
    }

    #[test]
    fn mixed_text_routes_each_word_to_its_script() {
        assert_eq!(
            texts("IPL 2024 में विराट कोहली ने 50 रन बनाए", Forms::Recall),
            ["ipl", "2024", "विराट", "कोहल", "50", "रन", "बन"]
        );
        assert_eq!(texts("Running CAFÉS", Forms::Recall), ["run", "cafe"]);
        assert_eq!(texts("Running CAFÉS", Forms::Exact), ["=running", "=cafés"]);
    }

    #[test]
    fn exact_form_keeps_the_spelling_but_not_joiners() {
        assert_eq!(texts("क्\u{200D}षमा", Forms::Exact), ["=क्षमा"]);
        assert_eq!(texts("क्षमा", Forms::Exact), ["=क्षमा"]);
        // precomposed and decomposed nukta: one exact form (NFC)
        assert_eq!(
            texts("\u{095B}मीन", Forms::Exact),
            texts("ज\u{093C}मीन", Forms::Exact)
        );
        // a word already in its recall form is its own exact term
        assert_eq!(texts("भारत", Forms::Exact), ["भारत"]);
        assert_eq!(texts("भारत", Forms::Both), ["भारत"]);
    }

    /// Text of a Brahmic block's characters (biased to the letters, signs and virama that
    /// words are made of), joiners, spaces and punctuation.
    fn brahmic_text() -> impl Strategy<Value = (Script, String)> {
        let script = prop::sample::select(Script::BRAHMIC.to_vec());
        let piece = prop_oneof![
            4 => (0x15u32..0x4E).prop_map(|o| vec![o]),
            2 => (0u32..128).prop_map(|o| vec![o]),
            // the parts of two-part vowel signs (ে + া, ெ + ா, ె + ౖ, ೆ + ೂ …), nukta, virama
            1 => prop::sample::select(vec![
                vec![0x47, 0x3E], vec![0x46, 0x3E], vec![0x47, 0x57], vec![0x46, 0x56],
                vec![0x46, 0x55], vec![0x46, 0x42], vec![0x3F, 0x55], vec![0x4A, 0x55],
                vec![0x4D, 0x3C], vec![0x3C, 0x4D], vec![0x47, 0x56], vec![0x46, 0x57],
            ]),
            1 => prop::sample::select(vec![' ', ' ', '\u{200C}', '\u{200D}', ',', '.', '-', '।', 'a', '1', '\u{00A0}', '\u{2019}', '\u{201D}', '\u{2026}'])
                .prop_map(|c| vec![c as u32 + 0x10000]),
        ];
        (script, prop::collection::vec(piece, 0..40)).prop_map(|(script, pieces)| {
            let start = script.block_start().unwrap_or(0x0980);
            let text = pieces
                .into_iter()
                .flatten()
                .filter_map(|p| match p {
                    0x10000.. => char::from_u32(p - 0x10000),
                    _ => char::from_u32(start + p),
                })
                .collect();
            (script, text)
        })
    }

    proptest::proptest! {
        #[test]
        fn the_brahmic_fast_path_agrees_with_the_general_path(
            (script, text) in brahmic_text(),
            forms in prop::sample::select(vec![Forms::Both, Forms::Recall, Forms::Exact]),
        ) {
            let analyzer = Analyzer::default();
            let lang = crate::language::LANGUAGES
                .iter()
                .find(|l| l.script == script)
                .map(|l| l.code);
            let fast = analyzer.analyze(lang, &text, forms);
            let general = crate::brahmic_words::without_fast_path(|| analyzer.analyze(lang, &text, forms));
            let view = |tokens: Vec<AnalyzedToken>| -> Vec<(String, usize, usize, usize)> {
                tokens.into_iter().map(|t| (t.text, t.from, t.to, t.position)).collect()
            };
            prop_assert_eq!(view(fast), view(general), "{:?}", text);
        }
    }

    /// The chain done the plain way for one Devanagari word: normalize in full, drop a
    /// stopword, stem; the exact form beside the recall form when they differ.
    fn plain_chain(options: AnalyzerOptions, word: &str) -> Vec<String> {
        let n = DevanagariNormalizer::new(options.devanagari);
        let stop = StopWords::parse(stopwords::HINDI, |w| n.normalize(w));
        let normalized = n.normalize(word);
        if normalized.is_empty() || (options.stopwords && stop.contains(&normalized)) {
            return Vec::new();
        }
        let recall = match options.stemming {
            true => HindiStemmer::new(&n).stem(&normalized).to_string(),
            false => normalized,
        };
        let exact: String = std::iter::once(EXACT_PREFIX)
            .chain(word.chars().filter(|&c| !is_zero_width_joiner(c)).nfc())
            .collect();
        if exact[1..] == recall {
            vec![recall]
        } else {
            vec![recall, exact]
        }
    }

    /// Words that exercise the fast path: stopwords and suffixes with their vowels
    /// lengthened or not, and random syllables.
    fn devanagari_word() -> impl Strategy<Value = String> {
        let stopword = prop::sample::select(
            stopwords::HINDI
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(|l| l.trim().to_string())
                .collect::<Vec<_>>(),
        );
        let suffix = prop::sample::select(crate::devanagari::SUFFIXES.to_vec());
        let syllables = "[कगजडनमरसतपहयअइईउऊएऑािीुूृॄेोंँ़्\u{095C}\u{200D}]{1,5}";
        let lengthen = |w: String, flips: u32| {
            w.chars()
                .enumerate()
                .map(|(i, c)| match (c, flips >> (i % 32) & 1) {
                    ('ि', 1) => 'ी',
                    ('ी', 1) => 'ि',
                    ('ु', 1) => 'ू',
                    ('ू', 1) => 'ु',
                    _ => c,
                })
                .collect::<String>()
        };
        prop_oneof![
            (stopword, any::<u32>()).prop_map(move |(w, f)| lengthen(w, f)),
            (syllables, suffix, any::<u32>())
                .prop_map(move |(stem, suffix, f)| lengthen(format!("{stem}{suffix}"), f)),
            syllables.prop_map(String::from),
        ]
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_agrees_with_the_plain_chain(
            word in devanagari_word(),
            fold_vowel_length: bool,
            drop_final_virama: bool,
            stemming: bool,
            stopwords: bool,
        ) {
            let options = AnalyzerOptions {
                devanagari: DevanagariOptions { fold_vowel_length, drop_final_virama },
                stemming,
                stopwords,
            };
            let texts: Vec<String> = Analyzer::new(options)
                .analyze(Some("hi"), &word, Forms::Both)
                .into_iter()
                .map(|t| t.text)
                .collect();
            proptest::prop_assert_eq!(texts, plain_chain(options, &word), "{}", word);
        }
    }

    #[test]
    fn marathi_is_stemmed_as_marathi_not_as_hindi() {
        let analyzer = Analyzer::default();
        let recall = |lang, word| {
            analyzer.analyze(Some(lang), word, Forms::Recall)[0]
                .text
                .clone()
        };
        // मुंबईतील: Marathi's -तील ("in"), not a Hindi suffix
        assert_eq!(recall("mr", "मुंबईतील"), recall("mr", "मुंबई"));
        assert_ne!(recall("hi", "मुंबईतील"), recall("hi", "मुंबई"));
        // किताबें: Hindi's plural, not Marathi's
        assert_eq!(recall("hi", "किताबें"), "किताब");
        assert_eq!(recall("mr", "किताबें"), "किताबें");
        // through a field, the same: offsets are the field's
        let field = crate::field_text("mr", "मुंबईतील");
        let mut tokenizer = analyzer.tokenizer(Forms::Recall);
        let mut stream = tokenizer.token_stream(&field);
        assert!(stream.advance());
        assert_eq!(stream.token().text, recall("mr", "मुंबई"));
        assert_eq!(
            &field[stream.token().offset_from..stream.token().offset_to],
            "मुंबईतील"
        );
    }

    #[test]
    fn indian_scripts_are_normalized_and_stemmed_as_their_language() {
        let analyzer = Analyzer::default();
        let texts = |lang, text, forms| {
            analyzer
                .analyze(lang, text, forms)
                .into_iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
        };
        // Bengali: a stopword dropped, plural and case endings stripped, the exact form kept
        let both = texts(Some("bn"), "ছেলেদেরকে এবং বাংলাদেশের", Forms::Both);
        assert_eq!(both.len(), 4, "{both:?}");
        assert_eq!(both[0], texts(Some("bn"), "ছেলেদের", Forms::Recall)[0]);
        assert_eq!(&both[1..], ["=ছেলেদেরকে", "বাংলাদেশ", "=বাংলাদেশের"]);
        // with no language named, the script decides (Bengali script: Bengali)
        assert_eq!(texts(None, "বাংলাদেশের", Forms::Recall), ["বাংলাদেশ"]);
        // Tamil: the plural; its vowel sign typed in two parts meets the one character
        assert_eq!(
            texts(Some("ta"), "மரங்கள்", Forms::Recall),
            texts(Some("ta"), "மரம்", Forms::Recall)
        );
        assert_eq!(
            texts(Some("ta"), "கொடி", Forms::Recall),
            texts(Some("ta"), "க\u{0BC6}\u{0BBE}டி", Forms::Recall)
        );
        // Assamese: the locative and genitive of a name meet it
        for inflected in ["অসমত", "অসমৰ"] {
            assert_eq!(
                texts(Some("as"), inflected, Forms::Recall),
                texts(Some("as"), "অসম", Forms::Recall)
            );
        }
        // Urdu: postpositions and auxiliaries are stopwords, the words around them are not
        let urdu = texts(Some("ur"), "پاکستان کی حکومت نے کہا ہے", Forms::Recall);
        assert_eq!(urdu.len(), 2, "{urdu:?}");
        assert_eq!(urdu[0], texts(Some("ur"), "پاکستان", Forms::Recall)[0]);
        // native digits are numbers
        assert_eq!(texts(Some("bn"), "১৯৪৭", Forms::Recall), ["1947"]);
        // without stemming: normalized only
        let plain = Analyzer::new(AnalyzerOptions {
            stemming: false,
            ..AnalyzerOptions::default()
        });
        assert_eq!(
            plain.analyze(Some("bn"), "বাংলাদেশের", Forms::Recall)[0].text,
            "বাংলাদেশের"
        );
    }
}
