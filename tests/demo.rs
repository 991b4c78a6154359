//! `khoj demo` as a newcomer meets it: run in a fresh clone, its searches show headlines
//! and sources, a wire story's copies, and the clone stays clean.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::server::get;

#[test]
fn the_demo_in_a_fresh_clone() {
    let tmp = tempfile::tempdir().unwrap();
    let clone = tmp.path().join("khoj");
    let git = Command::new("git")
        .args([
            "clone",
            "-q",
            env!("CARGO_MANIFEST_DIR"),
            clone.to_str().unwrap(),
        ])
        .status();
    if !git.is_ok_and(|s| s.success()) {
        eprintln!("skipped: git could not clone the checkout");
        return;
    }
    let mut demo = Command::new(env!("CARGO_BIN_EXE_khoj"))
        .args(["demo", "--addr", "127.0.0.1:0"])
        .current_dir(&clone)
        .env_remove("KHOJ_API_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(demo.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines
            .next()
            .expect("the demo ended before listening")
            .unwrap();
        if let Some(url) = line.strip_prefix("listening on ") {
            break url.trim_end_matches('/').to_string();
        }
    };
    let enc = |q: &str| -> String {
        q.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    for q in [
        "लावरोव उत्तर कोरिया",
        "रेपो दर",
        "kisan andolan",
        "मौसम बारिश",
        "चक्रवात",
    ] {
        let (status, v) = get(&format!("{base}/api/search?q={}", enc(q)));
        assert_eq!(status, 200, "{q}: {v}");
        let hits = v["hits"].as_array().unwrap();
        assert!(!hits.is_empty(), "{q}: nothing found");
        for h in hits {
            assert!(
                h["title"].as_str().is_some_and(|t| !t.trim().is_empty()),
                "{q}: untitled {h}"
            );
            assert!(
                h["source"].as_str().is_some_and(|s| !s.trim().is_empty()),
                "{q}: no source {h}"
            );
        }
    }
    // a wire story carried by three sources: one hit, two copies
    let (_, v) = get(&format!("{base}/api/search?q={}", enc("रेपो दर कटौती")));
    assert!(
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["copies"].as_u64() >= Some(2)),
        "{v}"
    );
    // the front page offers searches to try, one in Roman letters
    let page = ureq::get(&format!("{base}/"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(
        page.contains("class=\"examples\"") && page.contains("kisan andolan"),
        "{page}"
    );
    Command::new("kill")
        .args(["-TERM", &demo.id().to_string()])
        .status()
        .unwrap();
    let start = std::time::Instant::now();
    while demo.try_wait().unwrap().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the demo did not stop"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // what the demo wrote is ignored by git
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(&clone)
        .output()
        .unwrap();
    assert!(clone.join("khoj-demo-data").is_dir());
    assert_eq!(
        String::from_utf8_lossy(&status.stdout),
        "",
        "the demo left files git sees"
    );
}
