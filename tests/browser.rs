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

/// `node` and the `playwright-core` of tests/browser (`npm ci` there; `.ci/run` does it).
fn playwright() -> Option<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let has_node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    (has_node && dir.join("node_modules/playwright-core").is_dir()).then_some(dir)
}

#[test]
fn typing_into_the_search_page_key_by_key() {
    let Some(chromium) = chromium() else {
        eprintln!("skipped: chromium not installed");
        return;
    };
    let Some(dir) = playwright() else {
        eprintln!("skipped: node or tests/browser/node_modules (npm ci in tests/browser) missing");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/demo/articles.jsonl");
    index_files(&idx, &[&demo, &fixture("search/articles.jsonl")]);
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
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let out = Command::new("node")
        .arg(dir.join("typing.mjs"))
        .args([&base, artifacts.to_str().unwrap()])
        .env("CHROMIUM", chromium)
        .output()
        .expect("run node");
    let _ = server.kill();
    let _ = server.wait();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: serde_json::Value =
        serde_json::from_str(stdout.lines().last().unwrap_or("")).unwrap();
    for width in ["desktop", "phone"] {
        let s = &seen[width];
        let strings = |v: &serde_json::Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap_or("").to_string())
                .collect()
        };
        assert!(
            s["examples"].as_u64().unwrap() >= 4,
            "{width}: no example searches"
        );
        // Devanagari typed key by key, the last word unfinished: results and suggestions
        let hits = strings(&s["devanagari"]["hits"]);
        assert!(
            hits.iter().any(|h| h == "lavrov-pyongyang-yatra"),
            "{width}: {hits:?}"
        );
        let sugg = strings(&s["devanagari"]["suggestions"]);
        assert!(
            sugg.iter().any(|x| x.starts_with("लावरोव उत्त")),
            "{width}: {sugg:?}"
        );
        assert!(
            s["devanagari"]["url"].as_str().unwrap().contains("?q="),
            "{width}: address bar"
        );
        // Roman letters: Devanagari articles, and the Devanagari spelling offered
        let hits = strings(&s["roman"]["hits"]);
        assert!(
            hits.iter().any(|h| h == "lavrov-pyongyang-yatra"),
            "{width}: {hits:?}"
        );
        let sugg = strings(&s["roman"]["suggestions"]);
        assert!(
            sugg.iter().any(|x| x.contains("लावरोव")),
            "{width}: {sugg:?}"
        );
        // a suggestion chosen with ↓ and Enter is searched; Esc closes the list; back works
        let chosen = s["chosen"]["suggestion"].as_str().unwrap();
        assert_eq!(s["chosen"]["value"].as_str(), Some(chosen), "{width}");
        assert!(!strings(&s["chosen"]["hits"]).is_empty(), "{width}");
        assert_eq!(s["escapeHides"], true, "{width}");
        assert!(
            s["back"]["url"].as_str().unwrap().ends_with("?q=lavr"),
            "{width}: {}",
            s["back"]
        );
        // did you mean, nothing found, an article's page: in Hindi
        assert_eq!(s["typo"]["didYouMean"].as_str(), Some("सरकार"), "{width}");
        assert!(
            s["nothing"]
                .as_str()
                .unwrap()
                .contains("कोई परिणाम नहीं मिला"),
            "{width}"
        );
        let sections = strings(&s["article"]["sections"]);
        assert!(
            sections.iter().any(|x| x.contains("संबंधित")),
            "{width}: {}",
            s["article"]
        );
    }
    for shot in [
        "home-phone",
        "typing-devanagari-phone",
        "typing-roman-desktop",
        "article-desktop",
    ] {
        let png = std::fs::read(artifacts.join(format!("{shot}.png"))).expect("a screenshot");
        assert!(png.starts_with(b"\x89PNG") && png.len() > 5_000, "{shot}");
    }
}
