//! The text of a JSON Lines file of articles, for the benches and the examples.

/// The titles and bodies of the articles of a JSON Lines file, one a line.
pub fn jsonl_text(file: &std::path::Path) -> Option<String> {
    let jsonl = std::fs::read_to_string(file).ok()?;
    let mut text = String::with_capacity(jsonl.len());
    for line in jsonl.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        for field in ["title", "body"] {
            if let Some(s) = v.get(field).and_then(|s| s.as_str()) {
                text.push_str(s);
                text.push('\n');
            }
        }
    }
    Some(text)
}
