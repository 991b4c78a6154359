//! The pipeline run on each word of a text: segment, route by script, normalize, drop
//! stopwords, stem, and emit the recall form and the stacked exact form (see
//! [`Forms`]), as the tantivy [`Tokenizer`] of an
//! [`Analyzer`](crate::Analyzer).

use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;

use crate::brahmic_words::pack_last_chars;
use crate::cjk::CjkToken;
use crate::devanagari::{is_zero_width_joiner, needs_nfc_char, Spelling, NUKTA};
use crate::indic::ExactForm;
use crate::language::{split_mark, LanguageRoute, LANGUAGES};
use crate::latin::{fold_to_ascii, lowercase_ascii};
use crate::recall_prefix::truncate_chars;
use crate::script::{script_of_word, Script};
use crate::segmenter::{Segmenter, Word, WordKind};
use crate::tables::{Forms, Tables, EXACT_PREFIX};
use crate::word_bytes::push_word;

/// The tantivy tokenizer of an [`Analyzer`](crate::Analyzer).
#[derive(Debug, Clone)]
pub struct KhojTokenizer {
    tables: Arc<Tables>,
    forms: Forms,
}

impl KhojTokenizer {
    pub(crate) fn new(tables: Arc<Tables>, forms: Forms) -> Self {
        KhojTokenizer { tables, forms }
    }
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
    pub(crate) fn new(
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
                    stemmed |= indian_recall_form(t, &self.route, Script::Devanagari, recall);
                }
                // The word is its own exact form (NFC, no joiners); the recall form differs
                // when vowels were folded, a suffix was stripped or the word cut.
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
            indian_recall_form(t, &self.route, Script::Devanagari, recall);
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
            // its first characters (the recall prefix; no digit in a word that is not
            // loud), then less a suffix of its language's list at their end: cut first, so
            // that all the words that start alike end alike. Characters of the block, three
            // bytes each: the cut is found without reading the word.
            let (tail, chars) = match t.options.recall_prefix() {
                Some(prefix) if scan.chars > prefix && recall.is_char_boundary(3 * prefix) => {
                    recall.truncate(3 * prefix);
                    (pack_last_chars(recall.as_bytes()), prefix)
                }
                _ => (scan.tail, scan.chars),
            };
            let len = t.suffix_stemmers[i].stem_len_packed(recall, block, tail, chars);
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
        indian_recall_form(t, &self.route, script, &mut self.token.text);
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

/// Makes the normalized `word` of `script` the recall form of the language it is analyzed
/// as on `route` (one of the Indian languages other than Hindi, which has its own stemmer):
/// its first [`AnalyzerOptions::recall_prefix_chars`] characters (a word with digits whole;
/// all of it when that is 0), less the suffixes of its language's list found at their end.
/// Nothing without stemming, or for a script no such language is read in; `true` when the
/// word changed.
///
/// [`AnalyzerOptions::recall_prefix_chars`]: crate::AnalyzerOptions::recall_prefix_chars
#[inline]
fn indian_recall_form(
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
    if !LANGUAGES[language].stemmed_by_suffix_list() {
        return false; // Hindi: its own stemmer
    }
    let before = word.len();
    // a number (native digits are ASCII by now) is not cut
    if let Some(prefix) = tables.options.recall_prefix() {
        if !word.bytes().any(|b| b.is_ascii_digit()) {
            truncate_chars(word, prefix);
        }
    }
    let len = tables.suffix_stemmers[language].stem_len(word);
    word.truncate(len);
    word.len() < before
}

/// Whether the normalized word `word` of `script` is a stopword of the language it is
/// analyzed as on `route` (a language of [`LANGUAGES`](crate::language::LANGUAGES) with a list of its own).
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
