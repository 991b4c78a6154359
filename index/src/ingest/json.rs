//! JSON inputs: JSON Lines (one article a line), a JSON array of articles, or a stream of
//! JSON objects. Each record is checked on its own, so one bad line costs one record.

use std::io::BufRead;

use crate::article::{Article, RecordError};

/// Reads JSON Lines from `reader`: calls `each` with every line's 1-based number, its
/// article or error, and its size in bytes. Blank lines are skipped; a line that is not
/// UTF-8 is an error for that line only. `each` returns `false` to stop.
pub fn read_json_lines<R: BufRead>(
    reader: R,
    each: &mut dyn FnMut(usize, Result<Article, RecordError>, u64) -> bool,
) -> std::io::Result<()> {
    read_lines(reader, &mut |line_no, bytes| match parse_line(&bytes) {
        Some(record) => each(line_no, record, bytes.len() as u64),
        None => true,
    })
}

/// Reads lines (with their 1-based numbers) without parsing them, so that they can be
/// parsed elsewhere ([`parse_line`]); `each` returns `false` to stop.
pub fn read_lines<R: BufRead>(
    mut reader: R,
    each: &mut dyn FnMut(usize, Vec<u8>) -> bool,
) -> std::io::Result<()> {
    let mut line_no = 0;
    loop {
        let mut buf = Vec::new();
        let n = reader.read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        if !each(line_no, buf) {
            return Ok(());
        }
    }
}

/// Whether a line of JSON Lines is blank (whitespace only, any Unicode whitespace): such a
/// line is no record, and [`parse_line`] gives nothing for it.
pub fn is_blank_line(bytes: &[u8]) -> bool {
    simdutf8::basic::from_utf8(bytes).is_ok_and(|line| line.trim().is_empty())
}

/// The article of one line of JSON Lines; `None` for a blank line.
pub fn parse_line(bytes: &[u8]) -> Option<Result<Article, RecordError>> {
    // simdutf8: the same check, several times faster on Devanagari's 3-byte characters
    match simdutf8::basic::from_utf8(bytes) {
        Err(_) => Some(Err(RecordError::InvalidUtf8)),
        Ok(line) if line.trim().is_empty() => None,
        Ok(line) => Some(Article::from_json(line.trim_start_matches('\u{FEFF}'))),
    }
}

/// Reads a whole JSON document that is an array of articles (or one or more objects in a
/// row): calls `each` with the line on which each element starts. An element that is
/// valid JSON but not an article is skipped alone; JSON that cannot be parsed ends the
/// file with one error at the line where it broke.
pub fn read_json_document(
    bytes: &[u8],
    each: &mut dyn FnMut(usize, Result<Article, RecordError>, u64) -> bool,
) {
    let mut lines = LineCounter::default();
    let mut pos = skip_ws(bytes, 0);
    if bytes[pos..].starts_with("\u{FEFF}".as_bytes()) {
        pos = skip_ws(bytes, pos + 3);
    }
    let in_array = bytes.get(pos) == Some(&b'[');
    if in_array {
        pos = skip_ws(bytes, pos + 1);
        if bytes.get(pos) == Some(&b']') {
            return;
        }
    }
    while pos < bytes.len() {
        let line = lines.line_at(bytes, pos);
        let mut stream =
            serde_json::Deserializer::from_slice(&bytes[pos..]).into_iter::<serde_json::Value>();
        let (record, end) = match stream.next() {
            Some(Ok(value)) => (Article::from_value(value), pos + stream.byte_offset()),
            Some(Err(e)) => {
                let reason = if std::str::from_utf8(&bytes[pos..]).is_err() && e.is_syntax() {
                    RecordError::InvalidUtf8
                } else {
                    RecordError::Json(e.to_string())
                };
                each(
                    lines.line_at(bytes, pos + stream.byte_offset()).max(line),
                    Err(reason),
                    (bytes.len() - pos) as u64,
                );
                return;
            }
            None => return,
        };
        if !each(line, record, (end - pos) as u64) {
            return;
        }
        pos = skip_ws(bytes, end);
        if in_array {
            match bytes.get(pos) {
                Some(b',') => pos = skip_ws(bytes, pos + 1),
                Some(b']') => return,
                _ => {
                    let line = lines.line_at(bytes, pos);
                    each(
                        line,
                        Err(RecordError::Json(
                            "expected , or ] after an array element".into(),
                        )),
                        0,
                    );
                    return;
                }
            }
        }
    }
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
        pos += 1;
    }
    pos
}

/// Counts lines up to a position, incrementally (positions only grow).
#[derive(Default)]
struct LineCounter {
    pos: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, bytes: &[u8], pos: usize) -> usize {
        let pos = pos.min(bytes.len());
        if pos >= self.pos {
            self.line += bytes[self.pos..pos].iter().filter(|&&b| b == b'\n').count();
            self.pos = pos;
        }
        self.line + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect_lines(input: &[u8]) -> Vec<(usize, Result<String, RecordError>)> {
        let mut out = Vec::new();
        read_json_lines(input, &mut |line, r, _| {
            out.push((line, r.map(|a| a.id)));
            true
        })
        .unwrap();
        out
    }

    fn collect_doc(input: &[u8]) -> Vec<(usize, Result<String, RecordError>)> {
        let mut out = Vec::new();
        read_json_document(input, &mut |line, r, _| {
            out.push((line, r.map(|a| a.id)));
            true
        });
        out
    }

    #[test]
    fn json_lines_report_each_bad_line() {
        let input = b"{\"id\":\"a\",\"body\":\"x\"}\n\n{oops\n{\"id\":\"c\",\"body\":\"\xff\"}\n{\"id\":\"d\"}\n{\"id\":\"e\",\"body\":\"y\"}";
        let got = collect_lines(input);
        assert_eq!(got.len(), 5);
        assert_eq!(got[0], (1, Ok("a".into())));
        assert!(matches!(got[1], (3, Err(RecordError::Json(_)))));
        assert_eq!(got[2], (4, Err(RecordError::InvalidUtf8)));
        assert_eq!(got[3], (5, Err(RecordError::MissingBody)));
        assert_eq!(got[4], (6, Ok("e".into())));
    }

    #[test]
    fn arrays_give_element_lines() {
        let input = b"[\n  {\"id\":\"a\",\"body\":\"x\"},\n  {\"id\":\"b\"},\n  {\"id\":\"c\",\"body\":\"z\"}\n]\n";
        let got = collect_doc(input);
        assert_eq!(
            got,
            vec![
                (2, Ok("a".into())),
                (3, Err(RecordError::MissingBody)),
                (4, Ok("c".into()))
            ]
        );
        assert!(collect_doc(b"[]").is_empty());
        let broken = collect_doc(b"[\n{\"id\":\"a\",\"body\":\"x\"},\n{\"id\": }\n]");
        assert_eq!(broken[0], (2, Ok("a".into())));
        assert!(matches!(broken[1], (3, Err(RecordError::Json(_)))));
    }

    #[test]
    fn object_streams() {
        let got = collect_doc(b"{\"id\":\"a\",\"body\":\"x\"}\n{\"id\":\"b\",\"body\":\"y\"}");
        assert_eq!(got, vec![(1, Ok("a".into())), (2, Ok("b".into()))]);
    }
}
