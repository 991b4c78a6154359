//! Stage 1's fast path for the Brahmic scripts after Devanagari (Bengali … Malayalam):
//! where a word of one block ends, found by a table instead of the UAX #29 machinery.
//!
//! Which characters of a block start a word and which continue one is read off UAX #29
//! itself (`unicode-segmentation`) once, when first needed: a character continues a word
//! when `क{c}` is one segment (a letter, a mark, a digit; not a sign that splits), and
//! starts one when it also starts a segment after a space (not a mark, which UAX #29 hangs
//! on the space). A word ends where the run of such characters (and ZWJ/ZWNJ) of its block
//! ends, provided what follows is certain to break under UAX #29 (the end, a space, a danda,
//! ASCII punctuation that never joins); anything else — a letter of another script, `.` or
//! `'` that may join two words — is left to the general path, so the words are always those
//! UAX #29 finds.

use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use crate::script::Script;

/// By Brahmic script (its place in [`Script::BRAHMIC`]), a bit per offset in its block.
struct WordChars {
    starts: [u128; 8],
    continues: [u128; 8],
}

fn word_chars() -> &'static WordChars {
    static TABLE: OnceLock<WordChars> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = WordChars {
            starts: [0; 8],
            continues: [0; 8],
        };
        for (i, script) in Script::BRAHMIC.into_iter().enumerate() {
            let Some(start) = script.block_start() else {
                continue;
            };
            // the letter KA sits at the same offset in every block
            let Some(ka) = char::from_u32(start + 0x15) else {
                continue;
            };
            for offset in 0..128 {
                let Some(c) = char::from_u32(start + offset) else {
                    continue;
                };
                let segments = |s: String| s.split_word_bounds().count();
                if segments(format!("{ka}{c}")) != 1 || segments(format!("{ka}{c}{ka}")) != 1 {
                    continue;
                }
                t.continues[i] |= 1 << offset;
                if segments(format!(" {c}")) == 2 && c.is_alphanumeric() {
                    t.starts[i] |= 1 << offset;
                }
            }
        }
        t
    })
}

/// The end of the word of `script` that starts at `from`, when the fast path can tell it
/// for certain; `None` leaves the word to the general path.
pub(crate) fn word_end(text: &str, from: usize, script: Script) -> Option<usize> {
    #[cfg(test)]
    if !FAST_PATH.with(std::cell::Cell::get) {
        return None;
    }
    let (Some(i), Some(start)) = (script.brahmic_index(), script.block_start()) else {
        return None;
    };
    let t = word_chars();
    let in_block = |c: char, mask: u128| {
        let offset = (c as u32).wrapping_sub(start);
        offset < 128 && mask & (1 << offset) != 0
    };
    let first = text[from..].chars().next()?;
    if !in_block(first, t.starts[i]) {
        return None;
    }
    // The block's characters are three bytes, E0 then one of two second bytes: read the
    // run without decoding.
    let bytes = text.as_bytes();
    let lead = 0x80 | ((start >> 6) & 0x3F) as u8;
    let mut end = from + first.len_utf8();
    loop {
        match bytes.get(end..end + 3) {
            Some(&[0xE0, b1, b2]) if b1 == lead || b1 == lead + 1 => {
                let offset = (u32::from(b1 - lead) << 6) | u32::from(b2 & 0x3F);
                if t.continues[i] & (1 << offset) == 0 {
                    break;
                }
            }
            Some(&[0xE2, 0x80, 0x8C | 0x8D]) => {} // ZWNJ, ZWJ
            _ => break,
        }
        end += 3;
    }
    let mut rest = text[end..].chars();
    let Some(c) = rest.next() else {
        return Some(end);
    };
    let breaks = match c {
        ' ' | '\t' | '\n' | '\r' | '\u{0964}' | '\u{0965}' => true,
        // ASCII punctuation, but what may join two words or numbers (3.5, it's, a_b),
        // followed by a space or a letter (not by a mark, which UAX #29 hangs on the
        // punctuation, nor by more punctuation or ASCII that the general path reads on)
        c if c.is_ascii_punctuation() => {
            !matches!(c, '.' | ':' | '\'' | ',' | ';' | '_')
                && rest
                    .next()
                    .is_none_or(|n| n.is_ascii_whitespace() || in_block(n, t.starts[i]))
        }
        _ => false,
    };
    breaks.then_some(end)
}

#[cfg(test)]
thread_local! {
    /// Off: every word goes the general way (the reference the fast path is checked against).
    static FAST_PATH: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
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
        FAST_PATH.with(|f| f.set(false));
        let words = words(text);
        FAST_PATH.with(|f| f.set(true));
        words
    }

    #[test]
    fn words_of_each_script() {
        assert_eq!(words("বাংলা ভাষা।"), ["বাংলা", "ভাষা"]);
        assert_eq!(words("தமிழ் மொழி, 2024"), ["தமிழ்", "மொழி", "2024"]);
        assert_eq!(words("അവന്\u{200D} വന്നു"), ["അവന്\u{200D}", "വന്നു"]);
        assert_eq!(words("১৯৪৭ সালে"), ["১৯৪৭", "সালে"]);
        // the fast path takes these (and leaves odd ones to the general path)
        assert_eq!(word_end("বাংলা ভাষা", 0, Script::Bengali), Some("বাংলা".len()));
        assert_eq!(word_end("বাংলা.ভাষা", 0, Script::Bengali), None);
        assert_eq!(word_end("\u{09BC}বাংলা", 0, Script::Bengali), None);
        for text in ["বাংলা ভাষা।", "തമിഴ്, മലയാളം", "ਪੰਜਾਬ-ਸਰਕਾਰ"]
        {
            assert_eq!(words(text), general_words(text));
        }
    }

    fn script() -> impl Strategy<Value = Script> {
        prop::sample::select(Script::BRAHMIC.to_vec())
    }

    proptest! {
        #[test]
        fn the_fast_path_finds_the_words_of_the_general_path(
            script in script(),
            pieces in prop::collection::vec(
                prop_oneof![
                    (0u32..128).prop_map(Some),
                    prop::sample::select(vec![' ', '\u{200C}', '\u{200D}', '.', ',', '-', '।', 'a', '1', '\'', '_', '\u{00A0}']).prop_map(|c| Some(c as u32 + 0x10000)),
                ],
                0..40,
            ),
        ) {
            let start = script.block_start().unwrap_or(0x0980);
            let text: String = pieces
                .into_iter()
                .flatten()
                .filter_map(|p| if p >= 0x10000 { char::from_u32(p - 0x10000) } else { char::from_u32(start + p) })
                .collect();
            prop_assert_eq!(words(&text), general_words(&text), "{:?}", text);
        }
    }
}
