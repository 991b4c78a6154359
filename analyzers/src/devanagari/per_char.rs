//! The per-character path of the normalizer: the usual words of its slow path (a nukta, a
//! candra vowel, chandrabindu, a half nasal, a joiner) mapped through a table, then checked.

use super::chars::{
    fold_nukta, fold_sign, fold_vowel_length, is_consonant, is_nasal, ANUSVARA, NUKTA, VIRAMA,
};
use super::scan::{scan_word, DevanagariScan};
use super::DevanagariNormalizer;

impl DevanagariNormalizer {
    /// The usual words of the slow path — a nukta, a candra vowel, chandrabindu, a half
    /// nasal, a joiner — need only rules that change one character at a time, and the
    /// half-nasal rule. For a word all of whose characters are in U+0900..U+097F (or are
    /// ZWJ/ZWNJ), this maps each through a table, applies the half-nasal rule as it
    /// writes, and then checks the result with the segmenter's scan: if no other rule that
    /// looks at neighbours (vowel compositions, a final virama) could apply to it, none
    /// applied in [`normalize_by_rules`](Self::normalize_by_rules) either, and the result
    /// is the same; returns the scan of the result. `None` (and `out` is to be ignored)
    /// otherwise.
    #[inline]
    pub(super) fn normalize_per_char(
        &self,
        word: &str,
        out: &mut String,
    ) -> Option<DevanagariScan> {
        out.clear();
        let table = if self.options().fold_vowel_length {
            &PER_CHAR_FOLDED
        } else {
            &PER_CHAR
        };
        let b = word.as_bytes();
        if !b.len().is_multiple_of(3) {
            return None;
        }
        // The last two characters written.
        let (mut prev, mut prev2) = ('\0', '\0');
        for ch in b.chunks_exact(3) {
            let x = match *ch {
                [0xE0, b1 @ (0xA4 | 0xA5), b2] => usize::from(crate::block_bytes::offset(b1, b2)),
                [0xE2, 0x80, 0x8C | 0x8D] => continue, // ZWNJ, ZWJ
                _ => return None,
            };
            let c = match table[x] {
                PerChar::Keep(c) => c,
                PerChar::Drop => continue,
                PerChar::ByRules => return None,
            };
            if is_consonant(c) && prev == VIRAMA && is_nasal(prev2) {
                // A half nasal before a consonant (as `half_nasal_to_anusvara` does).
                out.truncate(out.len() - 2 * VIRAMA.len_utf8());
                out.push(ANUSVARA);
                prev = ANUSVARA;
            }
            out.push(c);
            (prev2, prev) = (prev, c);
        }
        let (end, scan) = scan_word(out, 0);
        (end == out.len() && self.is_normalized_scan(&scan)).then_some(scan)
    }
}

/// What [`DevanagariNormalizer::normalize_per_char`] does with a character of the block.
#[derive(Clone, Copy)]
enum PerChar {
    /// Writes this character (the character folded by nukta, sign and vowel-length rules).
    Keep(char),
    /// Drops it (the nukta sign).
    Drop,
    /// Leaves the word to the full rules: Vedic marks (NFC reorders them) and digits
    /// (they leave the block).
    ByRules,
}

const fn per_char_table(fold_length: bool) -> [PerChar; 128] {
    let mut t = [PerChar::ByRules; 128];
    let mut x = 0;
    while x < 128 {
        let c = match char::from_u32(0x0900 + x as u32) {
            Some(c) => c,
            None => '\0',
        };
        let mut folded = fold_sign(fold_nukta(c));
        if fold_length {
            folded = fold_vowel_length(folded);
        }
        t[x] = if c as u32 == NUKTA as u32 {
            PerChar::Drop
        } else if matches!(c, '\u{0951}'..='\u{0954}') || !matches!(folded, '\u{0900}'..='\u{097F}')
        {
            PerChar::ByRules
        } else {
            PerChar::Keep(folded)
        };
        x += 1;
    }
    t
}

const PER_CHAR: [PerChar; 128] = per_char_table(false);
const PER_CHAR_FOLDED: [PerChar; 128] = per_char_table(true);
