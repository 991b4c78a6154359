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
//! use khoj_analyzers::devanagari::{DevanagariNormalizer, DevanagariOptions};
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

use super::scan::{scan_word, DevanagariScan, CHANGES, LONG_VOWEL};
use crate::script::{ZWJ, ZWNJ};
use crate::word_bytes::{patch_block_chars, push_word};

/// DEVANAGARI SIGN NUKTA.
pub const NUKTA: char = '\u{093C}';
/// DEVANAGARI SIGN VIRAMA (halant).
pub const VIRAMA: char = '\u{094D}';
/// DEVANAGARI SIGN ANUSVARA.
pub const ANUSVARA: char = '\u{0902}';

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
        if self.options.drop_final_virama && out.ends_with(VIRAMA) {
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
    /// use khoj_analyzers::devanagari::DevanagariNormalizer;
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
    /// length and characters of U+0900..U+097F only, the word is its own NFC exact form,
    /// and [`fold_tail`] turns the scan's packed characters into the normalized form's.
    VowelLength,
    /// Some other rule changed it.
    Folded,
}

/// [`fold_vowel_length`] as a map for [`patch_block_chars`].
const SHORT_VOWELS: [[u8; 2]; 128] = crate::block_map!(fold_vowel_length);

/// A scan's packed characters (see [`DevanagariScan::tail`]) with long vowels folded, as
/// [`Spelling::VowelLength`] words are.
#[inline]
pub fn fold_tail(tail: u64) -> u64 {
    let mut out = 0u64;
    for k in 0..8 {
        let b = ((tail >> (8 * k)) & 0xFF) as usize;
        out |= (FOLDED_OFFSET[b] as u64) << (8 * k);
    }
    out
}

/// Offset + 1 in U+0900..U+097F → that of the character's vowel-length fold (0 stays 0).
const FOLDED_OFFSET: [u8; 129] = {
    let mut t = [0u8; 129];
    let mut i = 1;
    while i < 129 {
        let c = match char::from_u32(0x0900 + i as u32 - 1) {
            Some(c) => c,
            None => '\0',
        };
        t[i] = (fold_vowel_length(c) as u32 - 0x0900 + 1) as u8;
        i += 1;
    }
    t
};

/// Whether a word needs full Unicode NFC before the fast rules: it holds a Vedic stress
/// mark (U+0951–U+0954, reordered by NFC) or a character outside the Devanagari block
/// other than ZWJ/ZWNJ (a combining mark of another block, or the Extended blocks).
///
/// Everything else in the block is already NFC for the purpose of the later rules: the
/// only Devanagari compositions NFC makes involve the nukta, which rule 3 removes anyway.
///
/// ```
/// use khoj_analyzers::devanagari::normalizer::needs_nfc;
/// assert!(!needs_nfc("हिन्दी"));
/// assert!(needs_nfc("अ\u{0951}\u{094D}"));
/// ```
pub fn needs_nfc(word: &str) -> bool {
    word.chars().any(needs_nfc_char)
}

/// The characters that make a word [`needs_nfc`].
#[inline]
pub fn needs_nfc_char(c: char) -> bool {
    matches!(c, '\u{0951}'..='\u{0954}')
        || !(matches!(c, '\u{0900}'..='\u{097F}') || is_zero_width_joiner(c) || c.is_ascii())
}

/// ZWJ and ZWNJ select a glyph form (half form, explicit virama); they are removed.
///
/// ```
/// use khoj_analyzers::devanagari::DevanagariNormalizer;
/// assert_eq!(DevanagariNormalizer::default().normalize("क्\u{200D}ष"), "क्ष");
/// ```
#[inline]
pub fn is_zero_width_joiner(c: char) -> bool {
    c == ZWJ || c == ZWNJ
}

/// Nukta folding: a precomposed nukta letter becomes its plain letter (the nukta sign
/// itself, U+093C, is dropped by the caller), so क़ (U+0958), क + ़ and क are one letter.
///
/// ```
/// use khoj_analyzers::devanagari::normalizer::fold_nukta;
/// assert_eq!(fold_nukta('\u{0958}'), 'क');
/// assert_eq!(fold_nukta('\u{095C}'), 'ड');
/// assert_eq!(fold_nukta('\u{0929}'), 'न');
/// ```
#[inline]
pub const fn fold_nukta(c: char) -> char {
    match c {
        '\u{0929}' => 'न',
        '\u{0931}' => 'र',
        '\u{0934}' => 'ळ',
        '\u{0958}' => 'क',
        '\u{0959}' => 'ख',
        '\u{095A}' => 'ग',
        '\u{095B}' => 'ज',
        '\u{095C}' => 'ड',
        '\u{095D}' => 'ढ',
        '\u{095E}' => 'फ',
        '\u{095F}' => 'य',
        _ => c,
    }
}

/// Vowels spelled with two code points, and the standard letter they compose to
/// (`first`, `second`, `composed`). From Unicode's "do not use" table for Devanagari
/// and Lucene's IndicNormalizer. Three-part spellings (अ + ा + े) compose in two steps.
///
/// | spelling | composed |
/// |---|---|
/// | अ + ा | आ |
/// | अ + ॅ / ॉ / ो / ौ | ॲ / ऑ / ओ / औ |
/// | आ + ॅ / े / ै | ऑ / ओ / औ |
/// | ए + ॅ / े | ऍ / ऐ |
/// | उ + ु | ऊ |
/// | ा + ॅ / े / ै | ॉ / ो / ौ |
pub const VOWEL_COMPOSITIONS: &[(char, char, char)] = &[
    ('अ', 'ा', 'आ'),
    ('अ', 'ॅ', 'ॲ'),
    ('अ', 'ॆ', 'ऄ'),
    ('अ', 'ॉ', 'ऑ'),
    ('अ', 'ॊ', 'ऒ'),
    ('अ', 'ो', 'ओ'),
    ('अ', 'ौ', 'औ'),
    ('आ', 'ॅ', 'ऑ'),
    ('आ', 'ॆ', 'ऒ'),
    ('आ', 'े', 'ओ'),
    ('आ', 'ै', 'औ'),
    ('उ', 'ु', 'ऊ'),
    ('ए', 'ॅ', 'ऍ'),
    ('ए', 'ॆ', 'ऎ'),
    ('ए', 'े', 'ऐ'),
    ('ा', 'ॅ', 'ॉ'),
    ('ा', 'ॆ', 'ॊ'),
    ('ा', 'े', 'ो'),
    ('ा', 'ै', 'ौ'),
];

/// The standard letter for a two-code-point vowel spelling, if `first` + `second` is one.
///
/// ```
/// use khoj_analyzers::devanagari::normalizer::compose_vowel;
/// assert_eq!(compose_vowel('अ', 'ा'), Some('आ'));
/// assert_eq!(compose_vowel('क', 'ा'), None);
/// ```
#[inline]
pub fn compose_vowel(first: char, second: char) -> Option<char> {
    if !matches!(first, 'अ' | 'आ' | 'उ' | 'ए' | 'ा') {
        return None;
    }
    VOWEL_COMPOSITIONS
        .iter()
        .find(|&&(a, b, _)| a == first && b == second)
        .map(|&(_, _, c)| c)
}

/// Signs and letters with a plainer standard form, and digits:
///
/// | from | to | why |
/// |---|---|---|
/// | ँ (chandrabindu), ऀ (inverted) | ं (anusvara) | both mark nasalization; writers use either |
/// | ॅ ॆ (candra and short e signs) | े | हॅलो = हेलो |
/// | ॉ ॊ (candra and short o signs) | ो | डॉक्टर = डोक्टर |
/// | ऍ ऎ | ए | |
/// | ऑ ऒ | ओ | ऑफिस = ओफिस |
/// | ॲ ऄ | अ | |
/// | ० … ९ | 0 … 9 | २०२४ = 2024 |
///
/// ```
/// use khoj_analyzers::devanagari::normalizer::fold_sign;
/// assert_eq!(fold_sign('ँ'), 'ं');
/// assert_eq!(fold_sign('ॉ'), 'ो');
/// assert_eq!(fold_sign('७'), '7');
/// ```
#[inline]
pub const fn fold_sign(c: char) -> char {
    match c {
        '\u{0900}' | '\u{0901}' => ANUSVARA,
        '\u{0945}' | '\u{0946}' => '\u{0947}',
        '\u{0949}' | '\u{094A}' => '\u{094B}',
        '\u{090D}' | '\u{090E}' => 'ए',
        '\u{0911}' | '\u{0912}' => 'ओ',
        '\u{0972}' | '\u{0904}' => 'अ',
        '\u{0966}'..='\u{096F}' => (b'0' + (c as u32 - 0x0966) as u8) as char,
        _ => c,
    }
}

/// The optional long/short vowel conflation ([`DevanagariOptions::fold_vowel_length`]):
/// ी → ि, ू → ु, ॄ → ृ, ई → इ, ऊ → उ, ॠ → ऋ.
///
/// ```
/// use khoj_analyzers::devanagari::normalizer::fold_vowel_length;
/// assert_eq!(fold_vowel_length('ी'), 'ि');
/// assert_eq!(fold_vowel_length('ऊ'), 'उ');
/// ```
#[inline]
pub const fn fold_vowel_length(c: char) -> char {
    match c {
        '\u{0940}' => '\u{093F}',
        '\u{0942}' => '\u{0941}',
        '\u{0944}' => '\u{0943}',
        'ई' => 'इ',
        'ऊ' => 'उ',
        'ॠ' => 'ऋ',
        _ => c,
    }
}

/// A Devanagari consonant (after nukta folding), including the ones used only for
/// other languages (U+0979–U+097F).
#[inline]
pub const fn is_consonant(c: char) -> bool {
    matches!(c, '\u{0915}'..='\u{0939}' | '\u{0958}'..='\u{095F}' | '\u{0978}'..='\u{097F}')
}

/// The nasal consonants whose half form before a consonant is written as anusvara.
#[inline]
pub const fn is_nasal(c: char) -> bool {
    matches!(c, 'ङ' | 'ञ' | 'ण' | 'न' | 'म')
}

/// A nasal consonant with virama (न् म् ण् ङ् ञ्), when a consonant follows, becomes
/// anusvara: हिन्दी = हिंदी, सम्बन्ध = संबंध, पण्डित = पंडित, गङ्गा = गंगा. Called before a
/// consonant is appended to `out`; rewrites the end of `out` in place.
///
/// ```
/// use khoj_analyzers::devanagari::DevanagariNormalizer;
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
                let (_, rescan) = scan_word(&fast, 0);
                prop_assert_eq!(fold_tail(scan.tail), rescan.tail);
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
