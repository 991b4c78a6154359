//! The search page in a real headless Chromium: the rendered DOM lists the seed article
//! with a highlighted snippet; a screenshot is saved as a test artifact
//! (target/test-artifacts/search-page.png).

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{fixture, index_files, shared_file};

fn chromium() -> Option<&'static str> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists())
}

fn headless(chromium: &str, profile: &Path, args: &[&str]) -> std::process::Output {
    Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("run chromium")
}

#[test]
fn the_search_page_in_chromium() {
    let Some(chromium) = chromium() else {
        eprintln!("skipped: chromium not installed");
        return;
    };
    let Some(seed) = shared_file("data/pages/kim-lavrov-2025-11-06.txt") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let corpus = fixture("search/articles.jsonl");
    index_files(&idx, &[&seed, &corpus]);
    let mut server = Command::new(env!("CARGO_BIN_EXE_khoj"))
        .args([
            "serve",
            "--index",
            idx.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .trim_start_matches("listening on ")
        .trim_end_matches('/')
        .to_string();
    let url = format!("{base}/?q=%E0%A4%B2%E0%A4%BE%E0%A4%B5%E0%A4%B0%E0%A5%8B%E0%A4%B5"); // ?q=लावरोव

    let dom = headless(
        chromium,
        &tmp.path().join("profile1"),
        &["--dump-dom", &url],
    );
    let dom = String::from_utf8_lossy(&dom.stdout).into_owned();
    assert!(
        dom.contains("data-id=\"kim-lavrov-2025-11-06\""),
        "the seed article is not listed:\n{dom}"
    );
    assert!(dom.contains("किम जोंग उन ने दोहराया"), "no seed headline");
    assert!(
        dom.contains("<mark>लावरोव</mark>"),
        "no highlighted snippet"
    );

    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let shot = artifacts.join("search-page.png");
    let _ = std::fs::remove_file(&shot);
    headless(
        chromium,
        &tmp.path().join("profile2"),
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=412,915",
            &url,
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 5_000,
        "not a real screenshot"
    );
    let _ = server.kill();
    let _ = server.wait();
}
