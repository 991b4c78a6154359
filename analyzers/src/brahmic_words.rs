//! Stage 1's fast path for the Brahmic scripts after Devanagari (Bengali … Malayalam):
//! where a word of one block ends, found by a table instead of the UAX #29 machinery, and
//! what the later stages need to know of it, found on the same pass ([`BrahmicScan`]).
//!
//! Which characters of a block start a word and which continue one is read off UAX #29
//! itself (`unicode-segmentation`) once, when first needed: a character continues a word
//! when `क{c}` is one segment (a letter, a mark, a digit; not a sign that splits), and
//! starts one when it also starts a segment after a space (not a mark, which UAX #29 hangs
//! on the space). A word ends where the run of such characters (and ZWJ/ZWNJ) of its block
//! ends, provided what follows is certain to break under UAX #29 (the end, a space, a danda,
//! ASCII punctuation that never joins, or that may join but is followed by a space); anything
//! else — a letter of another script, `.` or `'` between two letters — is left to the general
//! path, so the words are always those UAX #29 finds.

use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use crate::certain_break::breaks_at;
use crate::indic::{IndicNormalizer, FIRST, LOUD, MARK, REPLACED, SECOND};
use crate::script::Script;

/// By Brahmic script (its place in [`Script::BRAHMIC`]), the class bits of each offset in
/// its block: [`STARTS`], [`CONTINUES`], and the normalizer's ([`IndicNormalizer::classes`]).
struct WordChars {
    classes: [[u8; 128]; 8],
    /// The same with, in the high byte, what makes a character that follows loud: [`SECOND`]
    /// after a [`FIRST`], [`MARK`] after a [`MARK`] (so that the scan's loop tests one
    /// byte against another).
    entries: [[u16; 128]; 8],
    /// What the normalizer makes of each character ([`IndicNormalizer::replacements`]).
    replacements: [[u8; 128]; 8],
    /// Whether a rule of the script names a joiner ([`IndicNormalizer::joiner_rules`]).
    joiner_rules: [bool; 8],
}

/// The character starts a word.
const STARTS: u8 = 16;
/// The character continues a word.
const CONTINUES: u8 = 32;
/// Not of a block: ZWJ or ZWNJ, in a word's classes or-ed.
const JOINER: u8 = 128;
const _: () = assert!(
    (LOUD | FIRST | SECOND | MARK | REPLACED) & (STARTS | CONTINUES | JOINER) == 0
        && STARTS & CONTINUES == 0
);

/// What the pass that found a word's end found out for the normalizer and the stemmer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrahmicScan {
    /// The word's script.
    pub script: Script,
    /// The normalizer copies the word as it is: all its characters are of the block (no
    /// joiner), none that it may rewrite, no two parts of a vowel sign side by side, no
    /// two marks side by side (that might be out of canonical order).
    pub quiet: bool,
    /// The normalizer must go the whole way (NFC, its rules); else it only replaces or
    /// drops some characters one by one, or copies the word.
    pub loud: bool,
    /// The last characters of the word normalized (at most eight), one byte each: offset
    /// in the block plus one, the last character in the low byte. Not for a loud word.
    pub tail: u64,
    /// How many characters the word normalized has. Not for a loud word.
    pub chars: usize,
}

impl BrahmicScan {
    /// A scan that tells nothing: the word goes the whole way.
    pub(crate) fn loud(script: Script) -> Self {
        BrahmicScan {
            script,
            quiet: false,
            loud: true,
            tail: 0,
            chars: 0,
        }
    }
}

fn word_chars() -> &'static WordChars {
    static TABLE: OnceLock<WordChars> = OnceLock::new();
    TABLE.get_or_init(|| {
        let normalizer = IndicNormalizer::new();
        let mut t = WordChars {
            classes: [[0; 128]; 8],
            entries: [[0; 128]; 8],
            replacements: [[0; 128]; 8],
            joiner_rules: [false; 8],
        };
        for (i, script) in Script::BRAHMIC.into_iter().enumerate() {
            let Some(start) = script.block_start() else {
                continue;
            };
            t.classes[i] = normalizer.classes(i);
            t.replacements[i] = normalizer.replacements(i);
            t.joiner_rules[i] = normalizer.joiner_rules(i);
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
                t.classes[i][offset as usize] |= CONTINUES;
                if segments(format!(" {c}")) == 2 && c.is_alphanumeric() {
                    t.classes[i][offset as usize] |= STARTS;
                }
            }
        }
        for (entries, classes) in t.entries.iter_mut().zip(&t.classes) {
            for (entry, &cls) in entries.iter_mut().zip(classes) {
                let follow = if cls & FIRST != 0 { SECOND } else { 0 } | (cls & MARK);
                *entry = u16::from(cls) | u16::from(follow) << 8;
            }
        }
        t
    })
}

/// The end of the word of `script` that starts at `from`, when the fast path can tell it
/// for certain, and what was found on the way written into `found`; `None` leaves the word
/// to the general path (and `found` to be ignored). `found` is written in place, field by
/// field, rather than returned: a result this large comes back through memory, and reading
/// it at once, whole, stalls on the stores that wrote it piece by piece.
#[inline]
pub(crate) fn word_end(
    text: &str,
    from: usize,
    script: Script,
    found: &mut BrahmicScan,
) -> Option<usize> {
    #[cfg(test)]
    if !FAST_PATH.with(std::cell::Cell::get) {
        return None;
    }
    let (Some(i), Some(start)) = (script.brahmic_index(), script.block_start()) else {
        return None;
    };
    let table = word_chars();
    let classes = &table.classes[i];
    let starts_word = |c: char| {
        let offset = (c as u32).wrapping_sub(start);
        offset < 128 && classes[offset as usize] & STARTS != 0
    };
    // The block's characters are three bytes, E0 then one of two second bytes (the lead
    // byte, even, and the next): read the run without decoding.
    let bytes = text.as_bytes();
    let lead = crate::block_bytes::lead(start);
    let first = match bytes.get(from..from + 3) {
        Some(&[0xE0, b1, b2]) if b1 & !1 == lead => crate::block_bytes::offset(b1, b2),
        _ => return None,
    };
    let prev = classes[usize::from(first)];
    if prev & STARTS == 0 {
        return None;
    }
    const _: () = assert!(SECOND == FIRST << 1);
    // The classes of all characters or-ed, LOUD where two side by side need NFC, and the
    // last characters packed ([`scan_run`]).
    let run = scan_run(
        &bytes[from + 3..],
        &table.entries[i],
        lead,
        table.entries[i][usize::from(first)],
        u64::from(first) + 1,
    );
    let (end, all, mut loud) = (bytes.len() - run.rest, run.all, run.loud);
    loud |= all & LOUD;
    if all & JOINER != 0 && table.joiner_rules[i] {
        loud = LOUD;
    }
    // the word normalized, its last characters packed: as written for most words (all
    // characters of the block and kept), read backwards
    let replacements = &table.replacements[i];
    let (tail, chars) = if all & (REPLACED | JOINER) == 0 {
        (run.tail, (end - from) / 3)
    } else {
        replaced_tail(&bytes[from..end], replacements)
    };
    if chars == 0 {
        return None; // nothing would remain (a word of marks the normalizer drops)
    }
    found.script = script;
    found.quiet = loud == 0 && all & (REPLACED | JOINER) == 0;
    found.loud = loud != 0;
    found.tail = tail;
    found.chars = chars;
    // A word that is not loud holds no digit (digits are rewritten to ASCII).
    breaks_at(text, end, loud != 0, starts_word, |_| false).then_some(end)
}

/// What [`scan_run`] found.
struct Run {
    /// Bytes left after the run.
    rest: usize,
    /// The classes of all its characters or-ed (with [`JOINER`] for a joiner).
    all: u8,
    /// [`LOUD`] where two characters side by side need NFC.
    loud: u8,
    /// The word's last characters as written, packed as [`BrahmicScan::tail`] (joiners
    /// left out).
    tail: u64,
}

/// The run of a word's characters after its first (whose entry in [`WordChars::entries`]
/// is `first`, and `tail` its offset plus one), of the block whose characters' second byte
/// is `lead` or the next, and joiners: how many bytes of `bytes` are left after it, the
/// classes of all its characters or-ed, [`LOUD`] where two side by side need NFC (two parts
/// of a vowel sign, two marks that might be out of order), and the last characters packed.
/// A character that goes (a joiner, or one the normalizer drops) leaves what makes the next
/// loud as it was: what stood before it meets what follows. Not inlined: alone, its loop
/// keeps all its state in registers.
#[inline(never)]
fn scan_run(bytes: &[u8], entries: &[u16; 128], lead: u8, first: u16, mut tail: u64) -> Run {
    let (mut all, mut follow, mut loud) = (first as u8, (first >> 8) as u8, 0);
    let mut rest = bytes;
    // E0 then `lead` or the next, tested as one little-endian u16
    let block = u16::from_le_bytes([0xE0, lead]);
    loop {
        match *rest {
            [b0, b1, b2, ..] if u16::from_le_bytes([b0, b1]) & 0xFEFF == block => {
                let offset = crate::block_bytes::offset(b1, b2);
                let entry = entries[usize::from(offset)];
                let cls = entry as u8;
                if cls & CONTINUES == 0 {
                    break;
                }
                all |= cls;
                loud |= cls & follow;
                // a character that goes is one the normalizer replaces (by nothing)
                follow = if cls & REPLACED == 0 {
                    (entry >> 8) as u8
                } else {
                    follow
                };
                tail = (tail << 8) | u64::from(offset + 1);
            }
            [0xE2, 0x80, b2, ..] if (b2 | 1) == 0x8D => all |= JOINER, // ZWNJ, ZWJ
            _ => break,
        }
        rest = &rest[3..];
    }
    Run {
        rest: rest.len(),
        all,
        loud,
        tail,
    }
}

/// The last characters (at most eight) of a word of one block's characters (three bytes
/// each), packed as [`BrahmicScan::tail`].
#[inline]
pub(crate) fn pack_last_chars(word: &[u8]) -> u64 {
    let chars = word.len() / 3;
    word[3 * (chars - chars.min(8))..3 * chars]
        .chunks_exact(3)
        .fold(0u64, |tail, c| {
            (tail << 8) | u64::from(crate::block_bytes::offset(c[1], c[2]) + 1)
        })
}

/// The last characters packed and the number of characters of a word (of one block, and
/// joiners) whose characters the normalizer replaces or drops one by one.
#[cold]
fn replaced_tail(word: &[u8], replacements: &[u8; 128]) -> (u64, usize) {
    let (mut tail, mut chars) = (0u64, 0);
    for c in word.chunks_exact(3) {
        let to = match *c {
            [0xE0, b1, b2] => replacements[usize::from(crate::block_bytes::offset(b1, b2))],
            _ => 0, // a joiner
        };
        if to != 0 {
            tail = (tail << 8) | u64::from(to);
            chars += 1;
        }
    }
    (tail, chars)
}

#[cfg(test)]
thread_local! {
    /// Off: every word goes the general way (the reference the fast path is checked against).
    static FAST_PATH: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Whether the fast paths are on (tests turn them off to check them against the general
/// path).
#[cfg(test)]
pub(crate) fn fast_path_on() -> bool {
    FAST_PATH.with(std::cell::Cell::get)
}

/// Runs `f` with every Brahmic (and Arabic-block) word going the general way (the reference
/// the fast paths are checked against).
#[cfg(test)]
pub(crate) fn without_fast_path<T>(f: impl FnOnce() -> T) -> T {
    FAST_PATH.with(|p| p.set(false));
    let out = f();
    FAST_PATH.with(|p| p.set(true));
    out
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
        without_fast_path(|| words(text))
    }

    #[test]
    fn words_of_each_script() {
        assert_eq!(words("বাংলা ভাষা।"), ["বাংলা", "ভাষা"]);
        assert_eq!(words("தமிழ் மொழி, 2024"), ["தமிழ்", "மொழி", "2024"]);
        assert_eq!(words("അവന്\u{200D} വന്നു"), ["അവന്\u{200D}", "വന്നു"]);
        assert_eq!(words("১৯৪৭ সালে"), ["১৯৪৭", "সালে"]);
        // the fast path takes these (and leaves odd ones to the general path)
        let end = |text| {
            word_end(
                text,
                0,
                Script::Bengali,
                &mut BrahmicScan::loud(Script::Bengali),
            )
        };
        assert_eq!(end("বাংলা ভাষা"), Some("বাংলা".len()));
        assert_eq!(end("বাংলা.ভাষা"), None);
        assert_eq!(end("বাংলা, ভাষা"), Some("বাংলা".len()));
        assert_eq!(end("বাংলা."), Some("বাংলা".len()));
        assert_eq!(end("বাংলা,১"), None);
        assert_eq!(end("বাংলা.12"), Some("বাংলা".len()));
        assert_eq!(end("বাংলা-2"), Some("বাংলা".len()));
        assert_eq!(end("বাংলা.a"), None);
        assert_eq!(end("বাংলা,a"), Some("বাংলা".len()));
        assert_eq!(end("বাং১.2"), None);
        assert_eq!(end("বাংলা-.ং"), None);
        assert_eq!(end("বাংলা-2.ং"), None);
        assert_eq!(end("\u{09BC}বাংলা"), None);
        for text in [
            "বাংলা ভাষা।",
            "തമിഴ്, മലയാളം",
            "ਪੰਜਾਬ-ਸਰਕਾਰ",
            "১,০০০ ১, ০ ক. খ: গ'ঘ",
        ] {
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
                    prop::sample::select(vec![' ', '\u{200C}', '\u{200D}', '.', ',', ':', ';', '-', '।', 'a', '1', '\'', '_', '\u{00A0}', '\n', '\u{2019}', '\u{201D}', '\u{2026}', '\u{2014}', '\u{00AD}']).prop_map(|c| Some(c as u32 + 0x10000)),
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
