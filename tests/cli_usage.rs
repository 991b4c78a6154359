//! The README's Usage block, run line by line on the demo articles: every example works on
//! the data a reader has, and the command line's rough edges stay smoothed.

mod common;

use std::process::Command;

use common::{khoj, texts};

/// The `khoj` lines of the first ```sh block under "## Usage", split as a shell would split
/// them (double quotes; a `#` after a space starts a comment).
fn usage_lines() -> Vec<Vec<String>> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let usage = &readme[readme.find("## Usage").unwrap()..];
    let block = &usage[usage.find("```sh\n").unwrap() + 6..];
    let block = &block[..block.find("```").unwrap()];
    block
        .lines()
        .filter(|l| l.starts_with("khoj "))
        .map(|l| {
            let mut words = Vec::new();
            let (mut word, mut quoted, mut started) = (String::new(), false, false);
            for c in l.chars() {
                match c {
                    '"' => {
                        quoted = !quoted;
                        started = true;
                    }
                    '#' if !quoted && !started => break,
                    c if c.is_whitespace() && !quoted => {
                        if started {
                            words.push(std::mem::take(&mut word));
                            started = false;
                        }
                    }
                    c => {
                        word.push(c);
                        started = true;
                    }
                }
            }
            if started {
                words.push(word);
            }
            words
        })
        .collect()
}

#[test]
fn every_usage_example_works_on_the_demo_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let lines = usage_lines();
    assert!(lines.len() >= 10, "{lines:?}");
    for words in lines {
        let args: Vec<String> = words[1..]
            .iter()
            .map(|w| match w.as_str() {
                "data/idx" => idx.display().to_string(),
                "src/demo/articles.jsonl" => {
                    concat!(env!("CARGO_MANIFEST_DIR"), "/src/demo/articles.jsonl").into()
                }
                _ => w.clone(),
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = khoj(&args);
        let (o, e) = texts(&out);
        assert!(out.status.success(), "{words:?}: {e}");
        match words[1].as_str() {
            "search" if args.contains(&"--json") => {
                let v: serde_json::Value = serde_json::from_str(&o).unwrap();
                assert!(v["total"].as_u64().unwrap() > 0, "{words:?}: {o}");
            }
            "search" => assert!(!o.starts_with("0 results"), "{words:?}: {o}"),
            "related" => assert!(!o.starts_with("0 "), "{words:?}: {o}"),
            _ => {}
        }
        if words.contains(&"सरकर".to_string()) {
            assert!(o.contains("did you mean: सरकार"), "{o}");
        }
    }
}

#[test]
fn the_command_line_without_rough_edges() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let input = tmp.path().join("a.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"a\",\"title\":\"दो\\nपंक्तियों का शीर्षक\",\"body\":\"दिन भर बारिश\"}\n{oops\n",
    )
    .unwrap();
    let idx_s = idx.to_str().unwrap();
    // one line at the end of a run; no "committed" line after it
    let out = khoj(&["index", "--index", idx_s, input.to_str().unwrap()]);
    let (o, e) = texts(&out);
    assert_eq!(o.lines().count(), 1, "{o}");
    assert!(
        o.starts_with("indexed 1 article (") && o.contains("1 skipped"),
        "{o}"
    );
    assert!(!e.contains("committed"), "{e}");
    // no colour codes in logs written to a file or a pipe
    assert!(!e.contains('\u{1b}'), "{e:?}");
    // --strict reports the bad record once
    let strict = khoj(&[
        "index",
        "--index",
        tmp.path().join("s").to_str().unwrap(),
        "--strict",
        input.to_str().unwrap(),
    ]);
    let (_, e) = texts(&strict);
    assert!(!strict.status.success());
    assert_eq!(e.matches("a.jsonl:2").count(), 1, "{e}");
    // a title with a newline stays on one line
    let out = khoj(&["search", "--index", idx_s, "बारिश"]);
    let (o, _) = texts(&out);
    assert!(
        o.contains("1 result (") && o.contains("दो पंक्तियों का शीर्षक"),
        "{o}"
    );
    // analyze's defaults are the index's: दीन folds to दिन, the spelling kept as exact form
    let out = khoj(&["analyze", "दिन दीन"]);
    let (o, _) = texts(&out);
    let terms: Vec<&str> = o.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(terms, ["दिन", "दिन", "=दीन"], "{o}");
    // delete: singular, and a missing id is an exit status
    let out = khoj(&["delete", "--index", idx_s, "a", "nope"]);
    let (o, e) = texts(&out);
    assert!(
        o.contains("deleted 1 article") && !o.contains("articles"),
        "{o}"
    );
    assert!(
        e.contains("not found: nope") && !out.status.success(),
        "{e}"
    );
    // --dict-dir only where it acts
    let (help, _) = texts(&khoj(&["delete", "--help"]));
    assert!(!help.contains("--dict-dir"), "{help}");
    let (help, _) = texts(&khoj(&["search", "--help"]));
    assert!(help.contains("--dict-dir"), "{help}");
    // eval on an index that holds none of the judged articles
    let q = tmp.path().join("q.tsv");
    let r = tmp.path().join("r.tsv");
    std::fs::write(&q, "q1\tबारिश\n").unwrap();
    std::fs::write(&r, "q1 0 elsewhere-1 1\n").unwrap();
    let out = khoj(&[
        "eval",
        "--index",
        idx_s,
        "--queries",
        q.to_str().unwrap(),
        "--qrels",
        r.to_str().unwrap(),
    ]);
    let (_, e) = texts(&out);
    assert!(
        !out.status.success() && e.contains("holds none of the judged articles"),
        "{e}"
    );
}

#[test]
fn a_second_server_on_the_same_address_names_it() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_khoj"))
        .args([
            "serve",
            "--index",
            tmp.path().join("idx").to_str().unwrap(),
            "--addr",
            &addr,
        ])
        .output()
        .unwrap();
    let (_, e) = texts(&out);
    assert!(!out.status.success());
    assert!(e.contains(&addr) && e.contains("--addr"), "{e}");
}
