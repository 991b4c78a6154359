//! One pass over a Devanagari word, done by the segmenter as it finds the word's end,
//! that collects what the later stages need to skip their own passes: whether any
//! normalization rule can apply, and the word's last characters packed for the stemmer.

use super::chars::{fold_nukta, fold_sign, fold_vowel_length, is_consonant, is_nasal, VIRAMA};
use crate::script::{is_devanagari_word_char, ZWJ, ZWNJ};

// Character classes of U+0900..U+097F.
pub(super) const CHANGES: u8 = 1; // always rewritten or removed, or needs full NFC
pub(super) const COMPOSES_FIRST: u8 = 2; // first of a two-code-point vowel spelling
pub(super) const COMPOSES_SECOND: u8 = 4; // second of one (or folds to one)
pub(super) const NASAL: u8 = 8;
pub(super) const VIRAMA_SIGN: u8 = 16;
pub(super) const CONSONANT: u8 = 32;
pub(super) const LONG_VOWEL: u8 = 64; // rewritten when vowel length is folded
pub(super) const ENDS_WORD: u8 = 128; // danda, double danda, abbreviation sign: punctuation

/// The class bits of each character of U+0900..U+097F, built from the rules' own
/// predicates so that the fast check cannot drift from them.
pub(super) const CLASS: [u8; 128] = build_classes();

const fn build_classes() -> [u8; 128] {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = match char::from_u32(0x0900 + i as u32) {
            Some(c) => c,
            None => '\0',
        };
        let mut cls = 0;
        let changes = matches!(c, '\u{093C}' | '\u{0951}'..='\u{0954}')
            || fold_nukta(c) as u32 != c as u32
            || fold_sign(c) as u32 != c as u32;
        if changes {
            cls |= CHANGES;
        }
        // (ऊ folds to उ when vowel length is folded: उ + ु compose)
        if matches!(c, 'अ' | 'आ' | 'उ' | 'ऊ' | 'ए' | 'ा') {
            cls |= COMPOSES_FIRST;
        }
        if matches!(c, 'ा' | 'ॅ' | 'ॆ' | 'ॉ' | 'ॊ' | 'ो' | 'ौ' | 'े' | 'ै' | 'ु' | 'ू')
        {
            cls |= COMPOSES_SECOND;
        }
        if is_nasal(c) {
            cls |= NASAL;
        }
        if c as u32 == VIRAMA as u32 {
            cls |= VIRAMA_SIGN;
        }
        if is_consonant(c) {
            cls |= CONSONANT;
        }
        if fold_vowel_length(c) as u32 != c as u32 {
            cls |= LONG_VOWEL;
        }
        if matches!(c, '\u{0964}' | '\u{0965}' | '\u{0970}') {
            cls = ENDS_WORD;
        }
        t[i] = cls;
        i += 1;
    }
    t
}

/// A word of at most eight characters, all in U+0900..U+097F, packed one byte a
/// character like [`DevanagariScan::tail`] (a key that tells such words apart), or
/// `None` for any other word.
pub fn pack_word(word: &str) -> Option<u64> {
    let (end, scan) = scan_word(word, 0);
    let chars = word.chars().count();
    (end == word.len() && !scan.irregular && (1..=8).contains(&chars)).then_some(scan.tail)
}

/// What one pass over a Devanagari word found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DevanagariScan {
    /// The [`CLASS`] bits of all its characters, or-ed.
    pub classes: u8,
    /// A character outside U+0900..U+097F (ZWJ, ZWNJ, a mark of another block), a
    /// two-code-point vowel spelling, or a half nasal before a consonant: the
    /// normalizer's slow path must look at the word.
    pub irregular: bool,
    /// The last characters (at most eight, none before an `irregular` one), one byte
    /// each: offset in the block plus one, the last character in the low byte.
    pub tail: u64,
    /// How many characters `tail` holds.
    pub tail_chars: u8,
}

impl DevanagariScan {
    /// Whether the word ends with a virama.
    #[inline]
    pub fn ends_with_virama(&self) -> bool {
        self.tail_chars > 0 && self.tail & 0xFF == (VIRAMA as u64 - 0x0900 + 1)
    }
}

/// Scans the Devanagari word that starts at byte `from` of `text`: returns its end and
/// what the scan found. A word is a run of Devanagari letters, signs and digits, ZWJ,
/// ZWNJ and combining marks; danda, double danda and the abbreviation sign end it.
#[inline(always)]
pub fn scan_word(text: &str, from: usize) -> (usize, DevanagariScan) {
    let bytes = text.as_bytes();
    let mut scan = DevanagariScan::default();
    // The classes of the last characters, the last in the low byte.
    let mut history = 0u32;
    let (mut classes, mut irregular, mut tail) = (0u8, 0u32, 0u64);
    let mut i = from;
    // U+0900..U+097F is E0 A4 xx / E0 A5 xx in UTF-8: no decoding needed.
    while let Some(&[b0, b1, b2]) = bytes.get(i..i + 3) {
        if b0 != 0xE0 || (b1 | 1) != 0xA5 {
            break;
        }
        let x = usize::from(crate::block_bytes::offset(b1, b2));
        let cls = CLASS[x];
        if cls & ENDS_WORD != 0 {
            break; // danda, double danda, abbreviation sign
        }
        classes |= cls;
        history = (history << 8) | cls as u32;
        irregular |= irregular_end(history);
        tail = (tail << 8) | (x as u64 + 1);
        i += 3;
    }
    scan.classes = classes & !ENDS_WORD;
    scan.irregular = irregular != 0;
    scan.tail = tail;
    scan.tail_chars = ((i - from) / 3).min(8) as u8;
    if bytes.get(i).is_none_or(|&b| b < 0x80) {
        return (i, scan); // the usual end: ASCII (space, punctuation) or the end of text
    }
    let end = rest_of_word(text, i);
    if end > i {
        scan.irregular = true;
    }
    (end, scan)
}

/// Whether the last characters whose classes `history` holds (the last in the low byte)
/// end a vowel spelled in two code points (a second after a first) or a half nasal
/// before a consonant (nasal, virama, consonant): nonzero if so. Branch-free: the bits
/// are lined up by shifts, the previous character's FIRST under the last one's SECOND
/// and so on.
#[inline(always)]
const fn irregular_end(history: u32) -> u32 {
    const _: () = assert!(
        COMPOSES_SECOND == COMPOSES_FIRST << 1
            && CONSONANT == VIRAMA_SIGN << 1
            && VIRAMA_SIGN == NASAL << 1
    );
    // Character k-1's bits shifted by 7 land one bit higher than in character k's byte.
    let with_prev = history & (history >> 7);
    let with_prev2 = with_prev & (history >> 14);
    (with_prev & COMPOSES_SECOND as u32) | (with_prev2 & CONSONANT as u32)
}

/// Where a Devanagari word that goes on with characters outside the block (ZWJ, ZWNJ,
/// Devanagari Extended, combining marks) ends. Rare: decodes characters one by one.
#[cold]
fn rest_of_word(text: &str, from: usize) -> usize {
    let mut end = from;
    for c in text[from..].chars() {
        let in_word = !matches!(c, '\u{0964}' | '\u{0965}' | '\u{0970}')
            && (is_devanagari_word_char(c)
                || c == ZWJ
                || c == ZWNJ
                || unicode_normalization::char::is_combining_mark(c));
        if !in_word {
            break;
        }
        end += c.len_utf8();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        {
            let (_, scan) = scan_word("में", 0);
            assert_eq!(pack_word("में"), Some(scan.tail));
            assert_eq!(pack_word("abc"), None);
        }
        {
            let text = "हिंदी। भाषा";
            let (end, scan) = scan_word(text, 0);
            assert_eq!(&text[..end], "हिंदी");
            assert!(!scan.irregular);
        }
    }
}
