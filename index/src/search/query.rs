//! What a reader types, read forgivingly: words, "quoted phrases", `+required` and
//! `-excluded` words, and `title:`/`body:` scopes. Nothing is ever a syntax error: an
//! unbalanced quote quotes to the end, a lone `+` or `-` is ignored, an unknown `x:`
//! prefix is text.
//!
//! ```
//! use khoj_index::search::query::{parse, Occur, Scope, Part};
//! let q = parse(r#"लावरोव +"उत्तर कोरिया" -अमेरिका title:किम"#);
//! assert_eq!(q[0], Part { occur: Occur::Should, scope: Scope::Any, text: "लावरोव".into(), phrase: false });
//! assert_eq!(q[1], Part { occur: Occur::Must, scope: Scope::Any, text: "उत्तर कोरिया".into(), phrase: true });
//! assert_eq!(q[2].occur, Occur::MustNot);
//! assert_eq!(q[3].scope, Scope::Title);
//! ```

/// How a part of the query counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    /// Ranks higher when present.
    Should,
    /// Must be present (`+word`).
    Must,
    /// Must be absent (`-word`).
    MustNot,
}

/// Where a part of the query is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Title and body.
    Any,
    /// `title:` only.
    Title,
    /// `body:` only.
    Body,
}

/// One part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// How it counts.
    pub occur: Occur,
    /// Where it is looked for.
    pub scope: Scope,
    /// Its text (one word, or the words of a phrase).
    pub text: String,
    /// A quoted phrase: its words must stand together, in order.
    pub phrase: bool,
}

/// Splits a query into parts. Never fails.
pub fn parse(query: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut rest = query;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return parts;
        }
        let mut occur = Occur::Should;
        if let Some(r) = rest.strip_prefix('+') {
            occur = Occur::Must;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('-') {
            occur = Occur::MustNot;
            rest = r;
        }
        if occur != Occur::Should && rest.starts_with(char::is_whitespace) {
            continue; // a lone operator
        }
        let mut scope = Scope::Any;
        for (prefix, s) in [("title:", Scope::Title), ("body:", Scope::Body)] {
            if rest.len() >= prefix.len()
                && rest.is_char_boundary(prefix.len())
                && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
            {
                scope = s;
                rest = &rest[prefix.len()..];
                break;
            }
        }
        let quote = ['"', '“', '”'];
        if let Some(r) = rest.strip_prefix(quote) {
            let (inner, after) = match r.find(quote) {
                Some(end) => {
                    let q = r[end..].chars().next().map_or(1, char::len_utf8);
                    (&r[..end], &r[end + q..])
                }
                None => (r, ""), // unbalanced: quote to the end
            };
            if !inner.trim().is_empty() {
                parts.push(Part {
                    occur,
                    scope,
                    text: inner.trim().to_string(),
                    phrase: true,
                });
            }
            rest = after;
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = rest[..end].trim_matches(quote);
        if !word.is_empty() {
            parts.push(Part {
                occur,
                scope,
                text: word.to_string(),
                phrase: false,
            });
        }
        rest = &rest[end..];
    }
}

/// The part being typed, as you type: the last part, when it is a word (not a quoted
/// phrase, not excluded) and the query does not end in a space or punctuation — the reader
/// is in the middle of it.
///
/// ```
/// use khoj_index::search::query::{parse, typed_part};
/// assert_eq!(typed_part("लावरोव उत्त", &parse("लावरोव उत्त")), Some(1));
/// assert_eq!(typed_part("लावरोव उत्तर ", &parse("लावरोव उत्तर ")), None);
/// assert_eq!(typed_part("स्कू", &parse("स्कू")), Some(0)); // a vowel sign is inside a word
/// assert_eq!(typed_part("\"उत्तर कोरिया\"", &parse("\"उत्तर कोरिया\"")), None);
/// ```
pub fn typed_part(query: &str, parts: &[Part]) -> Option<usize> {
    let last = query.chars().next_back()?;
    let inside_word =
        last.is_alphanumeric() || unicode_normalization::char::is_combining_mark(last);
    let part = parts.last()?;
    (inside_word && !part.phrase && part.occur != Occur::MustNot).then(|| parts.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgiving() {
        assert!(parse("").is_empty());
        assert!(parse(" + - ").is_empty());
        let q = parse("\"उत्तर कोरिया");
        assert_eq!(q.len(), 1);
        assert!(q[0].phrase && q[0].text == "उत्तर कोरिया");
        let q = parse("http://example.com जोंग-उन");
        assert_eq!(q[0].text, "http://example.com");
        assert_eq!(q[1].text, "जोंग-उन");
        assert_eq!(q[1].occur, Occur::Should);
        let q = parse("TITLE:\"किम जोंग\" body:रूस");
        assert_eq!((q[0].scope, q[0].phrase), (Scope::Title, true));
        assert_eq!(q[1].scope, Scope::Body);
        let q = parse("“उत्तर कोरिया” ''");
        assert!(q[0].phrase);
    }
}
