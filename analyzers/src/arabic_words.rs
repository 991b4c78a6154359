//! Stage 1's fast path for the Arabic script (Urdu): where a word of the Arabic block
//! (U+0600–U+06FF) ends, found by a table instead of the UAX #29 machinery, as
//! `brahmic_words.rs` does for the Brahmic scripts.
//!
//! Which characters start a word, which continue one and which never join a letter on
//! either side is read off UAX #29 itself (`unicode-segmentation`) once, when first needed:
//! a character continues a word when `ب{c}` and `ب{c}ب` are one segment (a letter, a mark;
//! digits, and what UAX #29 counts as one, left out, so that a word holds none), starts one
//! when it also starts a segment after a space, and stands alone (Urdu's `۔` `،` `؟`) when
//! `ب{c}ب` is three. A word ends where the run of such characters (and ZWJ/ZWNJ) ends,
//! provided what follows is certain to break under UAX #29 ([`breaks_at`]); anything else
//! is left to the general path, so the words are always those UAX #29 finds.
//!
//! Every character of the block is two bytes, 0xD8 to 0xDB then one: the table is indexed
//! by the low two bits of the first and the low six of the second.

use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use crate::certain_break::breaks_at;

/// The character starts a word.
const STARTS: u8 = 1;
/// The character continues a word.
const CONTINUES: u8 = 2;
/// The character never joins a letter on either side, and is no word of its own.
const ALONE: u8 = 4;

/// The first code point of the block.
const BLOCK: u32 = 0x0600;

/// The class of each character of the block, by offset.
fn classes() -> &'static [u8; 256] {
    static TABLE: OnceLock<[u8; 256]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let segments = |s: String| s.split_word_bounds().count();
        std::array::from_fn(|offset| {
            let Some(c) = char::from_u32(BLOCK + offset as u32) else {
                return 0;
            };
            let joined = segments(format!("ب{c}")) == 1 && segments(format!("ب{c}ب")) == 1;
            // a digit, or what UAX #29 counts as one (U+0600, the number sign): `{c}.1` is
            // a number
            let numeric = c.is_numeric() || segments(format!("{c}.1")) == 1;
            if joined && !numeric {
                match segments(format!(" {c}")) == 2 && c.is_alphanumeric() {
                    true => STARTS | CONTINUES,
                    false => CONTINUES,
                }
            } else if !c.is_alphanumeric() && segments(format!("ب{c}ب")) == 3 {
                ALONE
            } else {
                0
            }
        })
    })
}

/// The offset in the block of the character whose two bytes are `b0` (0xD8 to 0xDB) and
/// `b1`.
#[inline(always)]
pub(crate) fn offset(b0: u8, b1: u8) -> usize {
    usize::from(((b0 & 3) << 6) | (b1 & 0x3F))
}

/// The class of the character of the block at `at` in `bytes`, if one is there.
#[inline(always)]
fn class_at(classes: &[u8; 256], bytes: &[u8], at: usize) -> Option<u8> {
    match bytes.get(at..at + 2) {
        Some(&[b0 @ 0xD8..=0xDB, b1]) => Some(classes[offset(b0, b1)]),
        _ => None,
    }
}

/// Whether `c` is of the block and of a class among `bits`.
fn is(c: char, bits: u8) -> bool {
    let offset = (c as u32).wrapping_sub(BLOCK);
    offset < 256 && classes()[offset as usize] & bits != 0
}

/// Whether `c` starts a word of the block.
fn starts_word(c: char) -> bool {
    is(c, STARTS)
}

/// The end of the word of the Arabic block that starts at `from`, when the fast path can
/// tell it for certain; `None` leaves the word to the general path.
#[inline]
pub(crate) fn arabic_word_end(text: &str, from: usize) -> Option<usize> {
    #[cfg(test)]
    if !crate::brahmic_words::fast_path_on() {
        return None;
    }
    let classes = classes();
    let bytes = text.as_bytes();
    if class_at(classes, bytes, from)? & STARTS == 0 {
        return None;
    }
    // the bytes after the word so far: a shrinking slice
    let mut rest = &bytes[from + 2..];
    loop {
        match *rest {
            [b0 @ 0xD8..=0xDB, b1, ..] if classes[offset(b0, b1)] & CONTINUES != 0 => {
                rest = &rest[2..]
            }
            [0xE2, 0x80, 0x8C | 0x8D, ..] => rest = &rest[3..], // ZWNJ, ZWJ
            _ => break,
        }
    }
    let end = bytes.len() - rest.len();
    breaks_at(text, end, false, starts_word, |c| is(c, ALONE)).then_some(end)
}

/// When the character at `at` is punctuation of the block that stands alone (Urdu's `۔`)
/// followed by the end, an ASCII space or the start of a word of the block: its length.
/// Such a character is no word and joins nothing: the segmenter steps over it.
#[inline]
pub(crate) fn alone_at(text: &str, at: usize) -> Option<usize> {
    #[cfg(test)]
    if !crate::brahmic_words::fast_path_on() {
        return None;
    }
    let bytes = text.as_bytes();
    if class_at(classes(), bytes, at)? & ALONE == 0 {
        return None;
    }
    let next = text.get(at + 2..)?.chars().next();
    next.is_none_or(|n| n.is_ascii_whitespace() || starts_word(n))
        .then_some(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segmenter::Segmenter;
    use proptest::prelude::*;

    fn words(text: &str) -> Vec<&str> {
        Segmenter::new(text).map(|w| &text[w.from..w.to]).collect()
    }

    /// The words without the fast path: UAX #29's, through the general path.
    fn general_words(text: &str) -> Vec<&str> {
        crate::brahmic_words::without_fast_path(|| words(text))
    }

    #[test]
    fn every_character_that_starts_a_word_routes_the_word_to_arabic() {
        // the analyzer takes an Arabic word's script from this, without reading the word
        for (offset, &class) in classes().iter().enumerate() {
            let Some(c) = char::from_u32(BLOCK + offset as u32) else {
                continue;
            };
            if class & STARTS != 0 {
                assert_eq!(
                    crate::script::script_of_char(c),
                    Some(crate::Script::Arabic),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn urdu_words_end_where_uax29_ends_them() {
        for text in [
            "پاکستان کی حکومت نے کہا ہے۔",
            "کیا آپ نے سنا؟ ہاں، سنا۔",
            "وزیر اعظم (عمران خان) نے 2019 میں",
            "می‌خواهم",                    // ZWNJ inside a word
            "کتاب.کتاب کتاب:کتاب کتاب's", // joined across MidLetter
            "سال ۲۰۲۳ میں ١٠٠ روپے",      // digits go the general way
            "بَ بِ بُ ـــ",                  // harakat, tatweel
            "۔\u{0670}ب ۔ب",              // a mark hanging on punctuation
        ] {
            assert_eq!(words(text), general_words(text), "{text:?}");
        }
        let end = |text: &str| arabic_word_end(text, 0);
        assert_eq!(end("پاکستان کی"), Some("پاکستان".len()));
        assert_eq!(end("ہے۔"), Some("ہے".len()));
        assert_eq!(end("سال۲۰۲۳"), None, "a digit joins");
        assert_eq!(end("کتاب.کتاب"), None, "`.` between letters joins");
        assert_eq!(alone_at("۔ ب", 0), Some(2));
        assert_eq!(alone_at("۔\u{0670}", 0), None, "a mark hangs on it");
    }

    proptest! {
        #[test]
        fn the_fast_path_finds_the_words_of_the_general_path(
            pieces in prop::collection::vec(
                prop_oneof![
                    (0u32..256).prop_map(|o| BLOCK + o),
                    prop::sample::select(vec![' ', '\u{200C}', '\u{200D}', '.', ',', ':', ';', '-', '\'', 'a', '1', '_', '\u{00A0}', '\n', '\u{2019}', '\u{201D}', '\u{2026}', '\u{2014}', '\u{00AD}']).prop_map(|c| c as u32),
                ],
                0..40,
            ),
        ) {
            let text: String = pieces.into_iter().filter_map(char::from_u32).collect();
            prop_assert_eq!(words(&text), general_words(&text), "{:?}", text);
        }
    }
}
