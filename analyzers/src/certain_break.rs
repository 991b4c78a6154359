//! Whether UAX #29 is certain to end a word where a table-driven scan stopped: shared by
//! the fast paths that find words of one script without the UAX #29 machinery
//! (`brahmic_words.rs`, `arabic_words.rs`). Anything it is not certain of is left to the
//! general path, so that the words are always those UAX #29 finds.

/// Whether a word of letters and marks found by a table ends at `end` in `text` for certain,
/// and the characters after it may be read from there on without the general path.
///
/// `may_hold_digit`: the word may hold a digit (then it may be the first number of `1,000`
/// or `3.5`). `starts_word`: a character that starts a word of the scanned script (after
/// punctuation that never joins, the fast path may go on with it). `never_joins`: a
/// character outside ASCII that UAX #29 never joins to a letter on either side (Urdu's `۔`).
#[inline(always)]
pub(crate) fn breaks_at(
    text: &str,
    end: usize,
    may_hold_digit: bool,
    starts_word: impl Fn(char) -> bool,
    never_joins: impl Fn(char) -> bool,
) -> bool {
    let bytes = text.as_bytes();
    let mut rest = text[end..].chars();
    let Some(c) = rest.next() else {
        return true;
    };
    // What follows the punctuation after the word: the general path takes over where a
    // mark might hang on punctuation (UAX #29 makes them one segment), so only the end, a
    // space, or ASCII letters or digits then a space (after one more punctuation at most)
    // may follow, or for punctuation that never joins, a letter of the script.
    let settled = |next: Option<char>| match next {
        None => true,
        Some(n) if n.is_ascii_whitespace() => true,
        Some(n) if n.is_ascii_alphanumeric() => {
            let after = &bytes[end + c.len_utf8()..];
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
        Some(_) => false,
    };
    match c {
        ' ' | '\t' | '\n' | '\r' | '\u{0964}' | '\u{0965}' => true,
        // Between letters UAX #29 joins across `.` `:` `'` (it's, a:b), between digits
        // across `.` `,` `;` `'` (3.5, 1,000); `_` joins anything.
        '.' | ':' | '\'' | ',' | ';' => {
            let next = rest.next();
            let joins_letters = matches!(c, '.' | ':' | '\'');
            settled(next)
                && next.is_none_or(|n| {
                    let joins = (n.is_ascii_alphabetic() && joins_letters)
                        || (n.is_ascii_digit() && may_hold_digit && c != ':');
                    !joins
                })
        }
        // other punctuation: never joins
        c if (c.is_ascii_punctuation() && c != '_') || (!c.is_ascii() && never_joins(c)) => {
            let next = rest.next();
            settled(next) || next.is_some_and(starts_word)
        }
        _ => false,
    }
}
