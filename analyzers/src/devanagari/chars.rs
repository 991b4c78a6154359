//! The Devanagari characters the rules are made of: one function or table row per fact,
//! shared by the scan (which classifies characters by them) and the normalizer (which
//! applies them). A leaf module: it names no other module of the crate.

use crate::script::{ZWJ, ZWNJ};

/// DEVANAGARI SIGN NUKTA.
pub const NUKTA: char = '\u{093C}';
/// DEVANAGARI SIGN VIRAMA (halant).
pub const VIRAMA: char = '\u{094D}';
/// DEVANAGARI SIGN ANUSVARA.
pub const ANUSVARA: char = '\u{0902}';

/// Whether a word needs full Unicode NFC before the fast rules: it holds a Vedic stress
/// mark (U+0951–U+0954, reordered by NFC) or a character outside the Devanagari block
/// other than ZWJ/ZWNJ (a combining mark of another block, or the Extended blocks).
///
/// Everything else in the block is already NFC for the purpose of the later rules: the
/// only Devanagari compositions NFC makes involve the nukta, which rule 3 removes anyway.
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
#[inline]
pub fn is_zero_width_joiner(c: char) -> bool {
    c == ZWJ || c == ZWNJ
}

/// Nukta folding: a precomposed nukta letter becomes its plain letter (the nukta sign
/// itself, U+093C, is dropped by the caller), so क़ (U+0958), क + ़ and क are one letter.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_on_its_characters() {
        assert!(is_zero_width_joiner('\u{200D}') && !is_zero_width_joiner('्'));
        assert_eq!(fold_nukta('\u{0958}'), 'क');
        assert_eq!(fold_nukta('\u{095C}'), 'ड');
        assert_eq!(fold_nukta('\u{0929}'), 'न');
        assert_eq!(compose_vowel('अ', 'ा'), Some('आ'));
        assert_eq!(compose_vowel('क', 'ा'), None);
        assert_eq!(fold_sign('ँ'), 'ं');
        assert_eq!(fold_sign('ॉ'), 'ो');
        assert_eq!(fold_sign('७'), '7');
        assert_eq!(fold_vowel_length('ी'), 'ि');
        assert_eq!(fold_vowel_length('ऊ'), 'उ');
        assert!(!needs_nfc("हिन्दी"));
        assert!(needs_nfc("अ\u{0951}\u{094D}"));
    }
}
