//! Stage 2 for Devanagari: fold the many ways one word can be spelled to one form.
//!
//! Rules, in the order they apply to each character of a word (one function or table
//! row each, below):
//!
//! 1. Unicode NFC ([`needs_nfc`] sends the rare words whose Devanagari fast path would
//!    differ from NFC — Vedic stress marks, marks of other blocks — through full NFC first);
//! 2. ZWJ and ZWNJ removed ([`is_zero_width_joiner`]);
//! 3. nukta folded: precomposed क़ … य़, ऩ ऱ ऴ and decomposed क + ़ become the plain
//!    letter ([`fold_nukta`]);
//! 4. multi-code-point vowel spellings composed to the standard letter: अ + ा → आ,
//!    ए + े → ऐ … ([`VOWEL_COMPOSITIONS`], from Lucene's IndicNormalizer);
//! 5. chandrabindu → anusvara, candra and short vowels → their plain forms
//!    ([`fold_sign`]);
//! 6. Devanagari digits → ASCII digits ([`fold_sign`]);
//! 7. a nasal consonant with virama before a consonant → anusvara
//!    ([`half_nasal_to_anusvara`]), so हिन्दी = हिंदी, सम्बन्ध = संबंध, पण्डित = पंडित;
//! 8. optional, on by default: long and short vowels conflated
//!    ([`DevanagariOptions::fold_vowel_length`]);
//! 9. optional, on by default: a word-final virama dropped
//!    ([`DevanagariOptions::drop_final_virama`]).
//!
//! Danda (।) and double danda (॥) never reach the normalizer: they are punctuation
//! to the segmenter.
//!
//! ```
//! use khoj_analyzers::{DevanagariNormalizer, DevanagariOptions};
//! let n = DevanagariNormalizer::default();
//! assert_eq!(n.normalize("हिन्दी"), n.normalize("हिंदी"));
//! assert_eq!(n.normalize("२०२४"), "2024");
//! let plain = DevanagariNormalizer::new(DevanagariOptions::PLAIN);
//! assert_eq!(plain.normalize("ज़िंदगी"), "जिंदगी");
//! assert_eq!(n.normalize("ज़िंदगी"), "जिंदगि"); // and with vowel length folded
//! ```
//!
//! ## The two contested rules
//! Conflating ी/ि and ू/ु, and dropping a final virama, also merge real words
//! (दिन "day" and दीन "poor"). Both are options; both are on by default, as measured with
//! `khoj eval` on the Hindi development set (see `docs/relevance.md`). The exact-form
//! boost at search time still ranks the reader's own spelling first.

use unicode_normalization::UnicodeNormalization;

use super::chars::{
    compose_vowel, fold_nukta, fold_sign, fold_vowel_length, is_consonant, is_nasal,
    is_zero_width_joiner, needs_nfc, ANUSVARA, NUKTA, VIRAMA,
};
use super::scan::{scan_word, DevanagariScan, CHANGES, LONG_VOWEL};
use crate::word_bytes::{patch_block_chars, push_word};

/// The contested rules, each an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DevanagariOptions {
    /// Conflate long and short vowels: ी → ि, ू → ु, ॄ → ृ, and the independent
    /// ई → इ, ऊ → उ, ॠ → ऋ. Catches common misspellings, also merges दिन and दीन.
    pub fold_vowel_length: bool,
    /// Drop a virama at the end of a word: जगत् → जगत.
    pub drop_final_virama: bool,
}

impl DevanagariOptions {
    /// Both contested rules off: only the uncontested rules apply.
    pub const PLAIN: DevanagariOptions = DevanagariOptions {
        fold_vowel_length: false,
        drop_final_virama: false,
    };
}

impl Default for DevanagariOptions {
    /// Both on: measured with `khoj eval` (docs/relevance.md). Vowel-length folding is
    /// neutral on the Hindi development queries (MRR@10 0.9409 against 0.9412) and decisive
    /// when those queries are typed with vowel-length and nasal variants (0.9405 against
    /// 0.8905); a final virama is silent in Hindi (schwa deletion), so dropping it merges
    /// only spellings of one word.
    fn default() -> Self {
        DevanagariOptions {
            fold_vowel_length: true,
            drop_final_virama: true,
        }
    }
}

/// Folds spelling variants of Devanagari words to one form. See the [module docs](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct DevanagariNormalizer {
    options: DevanagariOptions,
}

impl DevanagariNormalizer {
    /// A normalizer with the given options.
    pub fn new(options: DevanagariOptions) -> Self {
        DevanagariNormalizer { options }
    }

    /// The options in effect.
    pub fn options(&self) -> DevanagariOptions {
        self.options
    }

    /// The normalized form of `word`.
    pub fn normalize(&self, word: &str) -> String {
        let mut out = String::with_capacity(word.len());
        self.normalize_into(word, &mut out);
        out
    }

    /// Writes the normalized form of `word` into `out` (which is cleared first), and
    /// tells whether the word was already in normalized form (then `out == word`).
    pub fn normalize_into(&self, word: &str, out: &mut String) -> Spelling {
        out.clear();
        if self.is_normalized(word) {
            out.push_str(word);
            return Spelling::Normalized;
        }
        self.normalize_slow(word, out);
        Spelling::Folded
    }

    /// Normalizes a word that a rule other than vowel-length folding changes. Returns the
    /// scan of the normalized form when it was made one character at a time (then it is
    /// all 3-byte block characters, and the scan's packed characters serve the stopword
    /// check and the stemmer).
    pub(crate) fn normalize_slow(&self, word: &str, out: &mut String) -> Option<DevanagariScan> {
        let scan = self.normalize_per_char(word, out);
        if scan.is_none() {
            self.normalize_by_rules(word, out);
        }
        scan
    }

    /// The rules applied one character at a time, in order (the reference for every
    /// faster path).
    pub(crate) fn normalize_by_rules(&self, word: &str, out: &mut String) {
        out.clear();
        if needs_nfc(word) {
            // Joiners and nukta go first: NFC must not see a ZWJ that blocks a composition.
            let nfc: String = word
                .chars()
                .filter(|&c| c != NUKTA && !is_zero_width_joiner(c))
                .nfc()
                .collect();
            self.push_all(&nfc, out);
        } else {
            self.push_all(word, out);
        }
        // every final virama: a stray second one would otherwise be final the next time
        while self.options.drop_final_virama && out.ends_with(VIRAMA) {
            out.pop();
        }
    }

    /// Whether no rule would change `word`.
    #[inline]
    pub fn is_normalized(&self, word: &str) -> bool {
        let (end, scan) = scan_word(word, 0);
        end == word.len() && self.is_normalized_scan(&scan)
    }

    /// Whether no rule would change the word that `scan` describes. The segmenter scans
    /// every Devanagari word once; most words of real text need no change and are then
    /// copied as they are.
    #[inline]
    pub fn is_normalized_scan(&self, scan: &DevanagariScan) -> bool {
        self.fast_spelling(scan) == Some(Spelling::Normalized)
    }

    /// [`normalize_into`](Self::normalize_into) for the word `text[from..to]`, which the
    /// segmenter has scanned.
    #[inline]
    pub fn normalize_scanned(
        &self,
        text: &str,
        (from, to): (usize, usize),
        scan: &DevanagariScan,
        out: &mut String,
    ) -> Spelling {
        match self.fast_spelling(scan) {
            Some(spelling) => {
                out.clear();
                self.write_fast(text, (from, to), spelling, out);
                spelling
            }
            None => {
                self.normalize_slow(&text[from..to], out);
                Spelling::Folded
            }
        }
    }

    /// The spelling of the word `scan` describes, when no rule but vowel-length folding
    /// changes it ([`Spelling::Normalized`] or [`Spelling::VowelLength`]): then every
    /// character is a 3-byte character of U+0900..U+097F, the normalized form has the
    /// word's length, and [`write_fast`](Self::write_fast) writes it. `None` for a word
    /// that another rule changes.
    #[inline]
    pub fn fast_spelling(&self, scan: &DevanagariScan) -> Option<Spelling> {
        if !self.only_vowel_length_or_none(scan) {
            None
        } else if self.options.fold_vowel_length && scan.classes & LONG_VOWEL != 0 {
            Some(Spelling::VowelLength)
        } else {
            Some(Spelling::Normalized)
        }
    }

    /// Appends the normalized form of `text[from..to]` to `out`, for a word (or the
    /// start of one) whose [`fast_spelling`](Self::fast_spelling) is `spelling`.
    #[inline]
    pub fn write_fast(
        &self,
        text: &str,
        (from, to): (usize, usize),
        spelling: Spelling,
        out: &mut String,
    ) {
        let start = out.len();
        push_word(out, text, from, to);
        if spelling == Spelling::VowelLength {
            patch_block_chars(out, start, &SHORT_VOWELS);
        }
    }

    /// The spellings that this normalizer folds to `word` by vowel length alone (`word`
    /// among them), for tables looked up with a word as written (stopwords, suffixes):
    /// every ि may be written ी, and so on. Just `word` when vowel length is not folded.
    ///
    /// ```
    /// use khoj_analyzers::DevanagariNormalizer;
    /// let spellings = DevanagariNormalizer::default().vowel_length_spellings("कि");
    /// assert_eq!(spellings, ["कि", "की"]);
    /// ```
    pub fn vowel_length_spellings(&self, word: &str) -> Vec<String> {
        let mut spellings = vec![String::new()];
        for c in word.chars() {
            let long = ('\u{0900}'..='\u{097F}')
                .find(|&l| l != c && self.options.fold_vowel_length && fold_vowel_length(l) == c);
            let mut more = Vec::new();
            if let Some(long) = long {
                for s in &spellings {
                    more.push(format!("{s}{long}"));
                }
            }
            for s in &mut spellings {
                s.push(c);
            }
            spellings.extend(more);
        }
        spellings
    }

    /// Whether no rule but vowel-length folding changes the word `scan` describes: then
    /// normalizing it is a substitution of characters of the same length, if any.
    #[inline]
    fn only_vowel_length_or_none(&self, scan: &DevanagariScan) -> bool {
        !scan.irregular
            && scan.classes & CHANGES == 0
            && !(self.options.drop_final_virama && scan.ends_with_virama())
    }

    fn push_all(&self, word: &str, out: &mut String) {
        for c in word.chars() {
            self.push(c, out);
        }
    }

    #[inline]
    fn push(&self, c: char, out: &mut String) {
        if c == NUKTA || is_zero_width_joiner(c) {
            return;
        }
        let c = fold_nukta(c);
        if let Some(prev) = out.chars().next_back() {
            let composed = compose_vowel(prev, c).or_else(|| compose_vowel(prev, self.fold(c)));
            if let Some(composed) = composed {
                out.pop();
                out.push(self.fold(composed));
                return;
            }
        }
        if is_consonant(c) {
            half_nasal_to_anusvara(out);
        }
        out.push(self.fold(c));
    }

    #[inline]
    fn fold(&self, c: char) -> char {
        let c = fold_sign(c);
        if self.options.fold_vowel_length {
            fold_vowel_length(c)
        } else {
            c
        }
    }
}

/// Whether a word was already in normalized form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// No rule changed it: the normalized form is the word itself.
    Normalized,
    /// Only long vowels were folded to short ones: the normalized form has the word's
    /// length and characters of U+0900..U+097F only, and the word is its own NFC exact
    /// form.
    VowelLength,
    /// Some other rule changed it.
    Folded,
}

/// [`fold_vowel_length`] as a map for [`patch_block_chars`].
const SHORT_VOWELS: [[u8; 2]; 128] = crate::word_bytes::block_map!(fold_vowel_length);

/// A nasal consonant with virama (न् म् ण् ङ् ञ्), when a consonant follows, becomes
/// anusvara: हिन्दी = हिंदी, सम्बन्ध = संबंध, पण्डित = पंडित, गङ्गा = गंगा. Called before a
/// consonant is appended to `out`; rewrites the end of `out` in place.
///
/// ```
/// use khoj_analyzers::DevanagariNormalizer;
/// let n = DevanagariNormalizer::default();
/// assert_eq!(n.normalize("सम्बन्ध"), "संबंध");
/// assert_eq!(n.normalize("पण्डित"), "पंडित");
/// ```
#[inline]
pub fn half_nasal_to_anusvara(out: &mut String) {
    let mut tail = out.chars().rev();
    if tail.next() == Some(VIRAMA) && tail.next().is_some_and(is_nasal) {
        out.pop();
        out.pop();
        out.push(ANUSVARA);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The uncontested rules alone.
    fn n(s: &str) -> String {
        DevanagariNormalizer::new(DevanagariOptions::PLAIN).normalize(s)
    }

    #[test]
    fn nukta_composed_decomposed_and_absent_are_equal() {
        assert_eq!(n("\u{0958}ानून"), "कानून");
        assert_eq!(n("क\u{093C}ानून"), "कानून");
        assert_eq!(n("\u{0929}"), "न");
        assert_eq!(n("न\u{093C}"), "न");
    }

    #[test]
    fn half_nasal_only_before_a_consonant() {
        assert_eq!(n("हिन्दी"), "हिंदी");
        assert_eq!(n("गङ्गा"), "गंगा");
        assert_eq!(n("चञ्चल"), "चंचल");
        // a nasal with virama at the end, or before a vowel sign, stays
        assert_eq!(n("न्"), "न्");
        // a non-nasal with virama stays: virama is never stripped (छात्र stays छात्र)
        assert_eq!(n("छात्र"), "छात्र");
    }

    #[test]
    fn vowel_compositions() {
        assert_eq!(n("अा"), "आ");
        assert_eq!(n("अो"), "ओ");
        assert_eq!(n("अाे"), "ओ");
        assert_eq!(n("एे"), "ऐ");
        assert_eq!(n("उु"), "ऊ");
        assert_eq!(n("काे"), "को");
        assert_eq!(n("अॉफिस"), "ओफिस");
    }

    #[test]
    fn options_fold_vowel_length_and_final_virama() {
        let both = DevanagariNormalizer::default();
        assert_eq!(
            both.options(),
            DevanagariOptions {
                fold_vowel_length: true,
                drop_final_virama: true
            }
        );
        assert_eq!(both.normalize("दीन"), both.normalize("दिन"));
        assert_eq!(both.normalize("जगत्"), "जगत");
        // a doubled final virama goes whole (normalizing twice changes nothing more)
        assert_eq!(both.normalize("जगत््"), "जगत");
        assert_eq!(both.normalize("\u{94d}\u{94d}"), "");
        assert_eq!(both.normalize("ऊपर"), "उपर");
        assert_ne!(n("दीन"), n("दिन"));
        assert_eq!(n("जगत्"), "जगत्");
    }

    fn options() -> impl Strategy<Value = DevanagariOptions> {
        (any::<bool>(), any::<bool>()).prop_map(|(a, b)| DevanagariOptions {
            fold_vowel_length: a,
            drop_final_virama: b,
        })
    }

    proptest! {
        #[test]
        fn idempotent_on_devanagari(s in "[\u{0900}-\u{097F}\u{200C}\u{200D}]{0,12}", o in options()) {
            let norm = DevanagariNormalizer::new(o);
            let once = norm.normalize(&s);
            prop_assert_eq!(norm.normalize(&once), once);
        }

        #[test]
        fn equals_full_nfc_first(s in "[\u{0900}-\u{097F}\u{200C}\u{200D}\u{0300}\u{0951}]{0,12}", o in options()) {
            let norm = DevanagariNormalizer::new(o);
            let nfc: String = s.nfc().collect();
            prop_assert_eq!(norm.normalize(&s), norm.normalize(&nfc));
        }

        #[test]
        fn fast_check_agrees_with_the_rules(s in "[\u{0900}-\u{097F}]{0,8}", o in options()) {
            let norm = DevanagariNormalizer::new(o);
            let mut slow = String::new();
            norm.normalize_by_rules(&s, &mut slow);
            if norm.is_normalized(&s) {
                prop_assert_eq!(slow, s);
            }
        }

        #[test]
        fn per_char_path_agrees_with_the_rules(
            s in "[अआउएऍॲाॅॆॉॊोौेैुूीनमणङञ्कद़ऩँ०\u{0951}\u{200C}\u{200D}]{1,8}",
            o in options(),
        ) {
            let norm = DevanagariNormalizer::new(o);
            let (mut fast, mut slow) = (String::new(), String::new());
            norm.normalize_slow(&s, &mut fast);
            norm.normalize_by_rules(&s, &mut slow);
            prop_assert_eq!(&fast, &slow);
        }

        #[test]
        fn fast_paths_agree_with_the_rules(s in "[\u{0900}-\u{097F}]{1,8}", o in options()) {
            let norm = DevanagariNormalizer::new(o);
            let (end, scan) = scan_word(&s, 0);
            prop_assume!(end == s.len());
            let (mut fast, mut slow) = (String::new(), String::new());
            let spelling = norm.normalize_scanned(&s, (0, s.len()), &scan, &mut fast);
            norm.normalize_by_rules(&s, &mut slow);
            prop_assert_eq!(&fast, &slow);
            if spelling == Spelling::VowelLength {
                prop_assert_eq!(fast.len(), s.len());
            }
        }

        #[test]
        fn never_panics_on_any_text(s in any::<String>(), o in options()) {
            let norm = DevanagariNormalizer::new(o);
            let once = norm.normalize(&s);
            prop_assert_eq!(norm.normalize(&once), once);
        }
    }
}
