//! Byte-level writes of words into token buffers, and one read, for the hot paths of the
//! analyzer and the skeleton hasher.
//!
//! Most words of real text are short, and a general `push_str` of a short, odd-sized
//! slice costs a call to `memcpy`. [`push_word`] copies a fixed-size chunk instead and cuts
//! it back; [`patch_block_chars`] rewrites characters of U+0900..U+097F in place;
//! [`after_e0`] reads the rest of a character of U+0800..U+0FFF without a bounds check. They
//! are the crate's only `unsafe` code: each write keeps the `String` valid UTF-8 at every
//! point where anything could observe it, the read relies on its text being a `str`, and
//! each is checked against the plain version by the tests below.

/// Bytes copied at once for a short word.
const CHUNK: usize = 32;

/// Appends `text[from..to]` to `out`, as `out.push_str(&text[from..to])` does.
///
/// Panics where that slicing would (a range out of bounds or not on char boundaries).
#[inline(always)]
pub fn push_word(out: &mut String, text: &str, from: usize, to: usize) {
    let word = &text[from..to];
    match text.as_bytes().get(from..from + CHUNK) {
        Some(chunk) if word.len() <= CHUNK => {
            let keep = out.len() + word.len();
            // SAFETY: the chunk starts with `word` and may end inside a character; `out`
            // is cut back at once to its old contents plus `word`, which is valid UTF-8
            // (`word` is a `str`). Nothing reads `out` in between, and nothing in between
            // can unwind (growing a Vec aborts when allocation fails).
            let bytes = unsafe { out.as_mut_vec() };
            bytes.extend_from_slice(chunk);
            bytes.truncate(keep);
        }
        _ => out.push_str(word),
    }
}

/// The two bytes after the byte at `at` of `text` (little-endian: the first is the low
/// byte), when that byte is 0xE0: the rest of a character of U+0800..U+0FFF, whose place in
/// its block they give. `None` when the byte at `at` is another or `at` is past the end.
///
/// The same as `text.as_bytes().get(at + 1..at + 3)` after the check, without the bounds
/// check, which cost the skeleton hasher eight instructions a Devanagari character (a fifth
/// of its work).
#[inline(always)]
pub fn after_e0(text: &str, at: usize) -> Option<u16> {
    let bytes = text.as_bytes();
    if bytes.get(at) != Some(&0xE0) {
        return None;
    }
    debug_assert!(at + 3 <= bytes.len());
    // SAFETY: `text` is a `str`, and in UTF-8 the byte 0xE0 only ever leads a three-byte
    // character: the two bytes after it are in `text`.
    let tail = unsafe { bytes.get_unchecked(at + 1..at + 3) };
    Some(u16::from_le_bytes([tail[0], tail[1]]))
}

/// Reads `out` from byte `start` on in chunks of three bytes, and replaces each chunk that
/// is a character of U+0900..U+097F with `map[its offset in the block]` (another character
/// of the block, as the last two bytes of its UTF-8 form; an entry that is not one leaves
/// the character as it is). All the characters of a word of the block starting at `start`
/// are seen; where characters of other lengths break the chunks' step, the rest may not be.
#[inline]
pub fn patch_block_chars(out: &mut String, start: usize, map: &[[u8; 2]; 128]) {
    // SAFETY: only a chunk that is a whole character E0 A4 xx / E0 A5 xx is changed (its
    // first byte, E0, cannot be a continuation byte, so the chunk is that character), and
    // it becomes `E0` + two bytes from `map` that are checked below to make another such
    // character. The string stays valid UTF-8.
    let bytes = unsafe { out.as_mut_vec() };
    let Some(rest) = bytes.get_mut(start..) else {
        return;
    };
    for ch in rest.chunks_exact_mut(3) {
        if ch[0] != 0xE0 || (ch[1] | 1) != 0xA5 {
            continue;
        }
        let x = usize::from(crate::block_bytes::offset(ch[1], ch[2]));
        let [b1, b2] = map[x];
        // Only a character of the block is written (a map not made by `block_map!` could
        // hold anything).
        if (b1 | 1) == 0xA5 && (b2 & 0xC0) == 0x80 {
            ch[1] = b1;
            ch[2] = b2;
        }
    }
}

/// A map for [`patch_block_chars`], built at compile time from a `const fn(char) -> char`;
/// a character mapped outside the block maps to itself.
macro_rules! block_map {
    ($f:path) => {{
        let mut map = [[0u8; 2]; 128];
        let mut x = 0;
        while x < 128 {
            let c = match char::from_u32(0x0900 + x as u32) {
                Some(c) => c,
                None => '\0',
            };
            let mapped = $f(c) as u32;
            let to = if matches!(mapped, 0x0900..=0x097F) {
                mapped
            } else {
                c as u32
            };
            map[x] = [0x80 | ((to >> 6) & 0x3F) as u8, 0x80 | (to & 0x3F) as u8];
            x += 1;
        }
        map
    }};
}

pub(crate) use block_map;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::devanagari::fold_vowel_length;

    const SHORT: [[u8; 2]; 128] = block_map!(fold_vowel_length);

    proptest! {
        #[test]
        fn push_word_is_push_str(text in any::<String>(), prefix in "\\PC{0,3}", a in 0usize..80, b in 0usize..80) {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let (from, to) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let (from, to) = (from.min(to), from.max(to));
            let mut fast = prefix.clone();
            push_word(&mut fast, &text, from, to);
            prop_assert_eq!(fast, format!("{prefix}{}", &text[from..to]));
        }

        #[test]
        fn patching_is_mapping_chars(text in "[\u{0900}-\u{097F}a\u{00E9}\u{1F600}]{0,20}") {
            let mut patched = text.clone();
            patch_block_chars(&mut patched, 0, &SHORT);
            prop_assert!(std::str::from_utf8(patched.as_bytes()).is_ok());
            prop_assert_eq!(patched.len(), text.len());
            if text.chars().all(|c| ('\u{0900}'..='\u{097F}').contains(&c)) {
                let mapped: String = text.chars().map(fold_vowel_length).collect();
                prop_assert_eq!(patched, mapped);
            }
        }

        #[test]
        fn after_e0_is_the_checked_read(text in "[\u{0800}-\u{0FFF}a\u{00E9}\u{1F600}]{0,12}", at in 0usize..64) {
            let bytes = text.as_bytes();
            let checked = match bytes.get(at) {
                Some(0xE0) => bytes.get(at + 1..at + 3).map(|t| u16::from_le_bytes([t[0], t[1]])),
                _ => None,
            };
            prop_assert_eq!(after_e0(&text, at), checked);
        }
    }

    #[test]
    fn a_map_never_leaves_the_block() {
        const fn to_a(_: char) -> char {
            'a'
        }
        let map = block_map!(to_a);
        let mut s = String::from("क");
        patch_block_chars(&mut s, 0, &map);
        assert_eq!(s, "क");
        // a map made by hand with bytes that are no block character changes nothing
        let mut s = String::from("कि");
        patch_block_chars(&mut s, 0, &[[0, 0]; 128]);
        assert_eq!(s, "कि");
        patch_block_chars(&mut s, 0, &[[0xA5, 0xFF]; 128]);
        assert_eq!(s, "कि");
    }

    #[test]
    fn examples() {
        {
            let text = "हिंदी भाषा";
            let mut out = String::from("=");
            push_word(&mut out, text, 0, "हिंदी".len());
            assert_eq!(out, "=हिंदी");
        }
        {
            const fn short_i(c: char) -> char {
                if c == 'ी' {
                    'ि'
                } else {
                    c
                }
            }
            const SHORT: [[u8; 2]; 128] = block_map!(short_i);
            let mut word = String::from("नदी");
            patch_block_chars(&mut word, 0, &SHORT);
            assert_eq!(word, "नदि");
        }
    }
}
