//! Whether UAX #29 is certain to end a word where a table-driven scan stopped: shared by
//! the fast paths that find words of one script without the UAX #29 machinery
//! (`brahmic_words.rs`, `arabic_words.rs`). Anything it is not certain of is left to the
//! general path, so that the words are always those UAX #29 finds.

use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

/// Whether a word of letters and marks found by a table ends at `end` in `text` for certain,
/// and the characters after it may be read from there on without the general path.
///
/// `may_hold_digit`: the word may hold a digit (then it may be the first number of `1,000`
/// or `3.5`). `starts_word`: a character that starts a word of the scanned script (after
/// punctuation that never joins, the fast path may go on with it). `never_joins`: a
/// character of the script's block that UAX #29 never joins to a letter on either side
/// (Urdu's `۔`); those of Latin-1 and General Punctuation (`”` `—` no-break space) are
/// known here ([`never_joins_letters`]).
#[inline(always)]
pub(crate) fn breaks_at(
    text: &str,
    end: usize,
    may_hold_digit: bool,
    starts_word: impl Fn(char) -> bool,
    never_joins: impl Fn(char) -> bool,
) -> bool {
    let mut rest = text[end..].chars();
    let Some(c) = rest.next() else {
        return true;
    };
    // punctuation that never joins what stands on either side of it (but `_`, which joins
    // anything, and the characters matched above, which may)
    let apart = |c: char| {
        (c.is_ascii_punctuation() && c != '_')
            || (!c.is_ascii() && (never_joins_letters(c) || never_joins(c)))
    };
    match c {
        ' ' | '\t' | '\n' | '\r' | '\u{0964}' | '\u{0965}' => true,
        // Between letters UAX #29 joins across `.` `:` `'` `’` (it's, a:b), between digits
        // across `.` `,` `;` `'` `’` (3.5, 1,000); `_` joins anything.
        '.' | ':' | '\'' | ',' | ';' | '\u{2019}' => {
            let next = rest.next();
            let joins_letters = matches!(c, '.' | ':' | '\'' | '\u{2019}');
            let joins = next.is_some_and(|n| {
                (n.is_ascii_alphabetic() && joins_letters)
                    || (n.is_ascii_digit() && may_hold_digit && c != ':')
            });
            !joins && settled(text, end + c.len_utf8(), false, starts_word, apart)
        }
        // other punctuation: never joins
        c if apart(c) => settled(text, end + c.len_utf8(), true, starts_word, apart),
        _ => false,
    }
}

/// Whether what follows punctuation after a word (from `at`) is certain: the general path
/// takes over where a mark might hang on punctuation (UAX #29 makes them one segment), so
/// after more punctuation that never joins (`apart`, if any), only the end, a space, or
/// ASCII letters or digits then a space (after one more punctuation at most) may follow, or
/// a letter of the script when punctuation that never joins stands before it (`letter_ok`,
/// or more than the one punctuation: `.` joins two letters, `..` does not).
#[inline(always)]
fn settled(
    text: &str,
    at: usize,
    letter_ok: bool,
    starts_word: impl Fn(char) -> bool,
    apart: impl Fn(char) -> bool,
) -> bool {
    let bytes = text.as_bytes();
    let mut at = at;
    let mut chars = text[at..].chars();
    let mut next = chars.next();
    let mut letter_ok = letter_ok;
    while let Some(p) = next.filter(|&p| apart(p)) {
        at += p.len_utf8();
        next = chars.next();
        letter_ok = true;
    }
    match next {
        None => true,
        Some(n) if n.is_ascii_whitespace() => true,
        Some(n) if n.is_ascii_alphanumeric() => {
            let after = &bytes[at..];
            let run = after
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            match after.get(run..) {
                Some([] | [b' ' | b'\t' | b'\n' | b'\r', ..]) => true,
                Some([p, rest @ ..]) if p.is_ascii_punctuation() => {
                    rest.first().is_none_or(u8::is_ascii_whitespace)
                }
                _ => false,
            }
        }
        Some(n) => letter_ok && starts_word(n),
    }
}

/// Whether `c`, of Latin-1 or General Punctuation (U+0080–U+00FF, U+2000–U+207F), is one
/// that UAX #29 never joins to a letter or digit on either side and no word of its own
/// (`”` `—` `…` the no-break space; not `’`, which joins letters, nor a joiner): read off
/// UAX #29 once, when first needed.
#[inline]
pub(crate) fn never_joins_letters(c: char) -> bool {
    static TABLE: OnceLock<[u128; 2]> = OnceLock::new();
    let u = c as u32;
    let (row, bit) = match u {
        0x80..=0xFF => (0, u - 0x80),
        0x2000..=0x207F => (1, u - 0x2000),
        _ => return false,
    };
    let table = TABLE.get_or_init(|| {
        let mut t = [0u128; 2];
        let segments = |s: String| s.split_word_bounds().count();
        for (row, first) in [(0usize, 0x80u32), (1, 0x2000)] {
            for bit in 0..128 {
                let Some(c) = char::from_u32(first + bit) else {
                    continue;
                };
                let never = !c.is_alphanumeric()
                    && segments(format!("a{c}")) == 2
                    && segments(format!("a{c}a")) == 3
                    && segments(format!("1{c}1")) == 3
                    && segments(format!("क{c}क")) == 3;
                if never {
                    t[row] |= 1 << bit;
                }
            }
        }
        t
    });
    table[row] & (1 << bit) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_that_never_joins_is_read_off_uax29() {
        for c in [
            '\u{00A0}', '\u{201C}', '\u{201D}', '\u{2014}', '\u{2026}', '\u{00BB}',
        ] {
            assert!(never_joins_letters(c), "{c:?}");
        }
        // `’` and `·` join letters, joiners and marks hang on, letters are words
        for c in [
            '\u{2019}', '\u{00B7}', '\u{200D}', '\u{00AD}', 'é', 'a', '.', '\u{3000}',
        ] {
            assert!(!never_joins_letters(c), "{c:?}");
        }
    }
}
