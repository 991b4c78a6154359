//! `khoj index`, `khoj delete`, `khoj stats` end to end.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{fixture, index_files, khoj, shared_file, texts};
use khoj_index::KhojIndex;

fn article(id: &str, title: &str, body: &str) -> String {
    serde_json::json!({"id": id, "title": title, "body": body, "source": "test", "published_at": "2024-03-01T10:00:00+05:30"})
        .to_string()
}

fn index_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn run_index(
    dir: &std::path::Path,
    inputs: &[&std::path::Path],
    extra: &[&str],
) -> (bool, String, String) {
    let mut args = vec![
        "index",
        "--index",
        dir.to_str().unwrap(),
        "--threads",
        "1",
        "--memory-mb",
        "100",
    ];
    args.extend_from_slice(extra);
    let inputs: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    args.extend(inputs.iter().map(String::as_str));
    let out = khoj(&args);
    let (o, e) = texts(&out);
    (out.status.success(), o, e)
}

#[test]
fn json_lines_and_json_arrays() {
    let tmp = index_dir();
    let idx = tmp.path().join("idx");
    let jsonl = tmp.path().join("a.jsonl");
    std::fs::write(
        &jsonl,
        format!(
            "{}\n{}\n",
            article("a1", "पहला", "पहला लेख"),
            article("a2", "दूसरा", "दूसरा लेख")
        ),
    )
    .unwrap();
    let array = tmp.path().join("b.json");
    std::fs::write(
        &array,
        format!(
            "[\n{},\n{}\n]\n",
            article("b1", "तीसरा", "तीसरा लेख"),
            article("b2", "चौथा", "चौथा लेख")
        ),
    )
    .unwrap();
    let (ok, out, err) = run_index(&idx, &[&jsonl, &array], &[]);
    assert!(ok, "{err}");
    assert!(out.starts_with("indexed 4 articles ("), "{out}");
    assert!(
        out.contains("MB/s") && out.contains("articles/s") && out.contains("0 skipped"),
        "{out}"
    );
    let index = KhojIndex::open(&idx, &khoj_analyzers::CjkSegmenters::none()).unwrap();
    let mut ids = index.ids().unwrap();
    ids.sort();
    assert_eq!(ids, ["a1", "a2", "b1", "b2"]);
    let b2 = index.get("b2").unwrap().unwrap();
    assert_eq!(
        (b2.title.as_str(), b2.body.as_str(), b2.lang.as_str()),
        ("चौथा", "चौथा लेख", "hi")
    );
    assert_eq!(b2.published_at.unwrap().unix_timestamp(), 1709267400);
    let (ok, stats, _) = {
        let out = khoj(&["stats", "--index", idx.to_str().unwrap()]);
        let (o, e) = texts(&out);
        (out.status.success(), o, e)
    };
    assert!(ok);
    assert!(stats.contains("articles: 4"), "{stats}");
    assert!(stats.contains("4\ttest"), "{stats}");
    assert!(stats.contains("4\thi"), "{stats}");
}

#[test]
fn a_folder_of_pages() {
    let tmp = index_dir();
    let idx = tmp.path().join("idx");
    let (ok, out, err) = run_index(&idx, &[&fixture("pages")], &[]);
    assert!(ok, "{err}");
    assert!(out.starts_with("indexed 4 articles"), "{out}");
    let index = KhojIndex::open(&idx, &khoj_analyzers::CjkSegmenters::none()).unwrap();
    let mausam = index
        .get("site/mausam")
        .unwrap()
        .expect("page id is its path below the folder");
    assert_eq!(
        mausam.title,
        "मौसम विभाग ने पहाड़ों पर बर्फबारी की चेतावनी जारी की"
    );
    assert_eq!(
        mausam.published_at.unwrap().date().to_string(),
        "2024-03-12"
    );
    assert!(mausam.body.starts_with("देहरादून।"));
    assert!(mausam.body.ends_with("अपील की है।"));
    // chrome: recurring lines of the site, the date line, menus, the footer
    for chrome in [
        "मुख्य पृष्ठ",
        "दुनिया",
        "विज्ञापन",
        "ताज़ा",
        "फॉलो",
        "सर्वाधिकार",
        "मार्च",
    ] {
        assert!(
            !mausam.body.contains(chrome),
            "{chrome:?} in {:?}",
            mausam.body
        );
    }
    let html = index.get("site/aspatal").unwrap().unwrap();
    assert_eq!(html.title, "ज़िला अस्पताल में सौ बिस्तरों वाला नया वार्ड तैयार");
    assert_eq!(html.published_at.unwrap().unix_timestamp(), 1710561600);
    assert!(html.body.contains("बीस नए चिकित्सकों"));
    assert!(!html.body.contains("साइडबार") && !html.body.contains("सर्वाधिकार"));
    // a page's source is its folder's name, unless --source names one
    assert_eq!(mausam.source.as_deref(), Some("site"));
    let idx2 = tmp.path().join("idx2");
    let (ok, _, err) = run_index(&idx2, &[&fixture("pages")], &["--source", "पहाड़ समाचार"]);
    assert!(ok, "{err}");
    let index = KhojIndex::open(&idx2, &khoj_analyzers::CjkSegmenters::none()).unwrap();
    let page = index.get("site/mausam").unwrap().unwrap();
    assert_eq!(page.source.as_deref(), Some("पहाड़ समाचार"));
}

#[test]
fn the_seed_page() {
    let Some(page) = shared_file("data/pages/kim-lavrov-2025-11-06.txt") else {
        return;
    };
    let tmp = index_dir();
    let idx = tmp.path().join("idx");
    let (ok, _, err) = run_index(&idx, &[&page], &[]);
    assert!(ok, "{err}");
    let a = KhojIndex::open(&idx, &khoj_analyzers::CjkSegmenters::none())
        .unwrap()
        .get("kim-lavrov-2025-11-06")
        .unwrap()
        .unwrap();
    assert_eq!(
        a.title,
        "किम जोंग उन ने दोहराया, ‘यूक्रेन के खिलाफ युद्ध में रूस को हमारा पूरा समर्थन’"
    );
    assert_eq!(a.published_at.unwrap().date().to_string(), "2025-11-06");
    assert!(
        a.body.starts_with("सोल। उत्तर कोरिया के नेता"),
        "{}",
        &a.body[..80]
    );
    assert!(a.body.ends_with("कलमा बीच रिसॉर्ट में हुईं।"));
    for chrome in [
        "No menu items",
        "Thursday",
        "spot_img",
        "Latest Posts",
        "Don't Miss",
        "Stay in touch",
        "updated with all",
    ] {
        assert!(!a.body.contains(chrome), "{chrome:?} in the body");
    }
    assert_eq!(a.lang, "hi");
}

#[test]
fn upsert_replaces_and_delete_removes() {
    let tmp = index_dir();
    let idx = tmp.path().join("idx");
    let v1 = tmp.path().join("v1.jsonl");
    std::fs::write(
        &v1,
        format!(
            "{}\n{}\n",
            article("x", "पुराना शीर्षक", "पुराना"),
            article("y", "य", "य लेख")
        ),
    )
    .unwrap();
    assert!(run_index(&idx, &[&v1], &[]).0);
    let v2 = tmp.path().join("v2.jsonl");
    // the same id twice in one run, and once more: the last one wins
    std::fs::write(
        &v2,
        format!(
            "{}\n{}\n",
            article("x", "बीच का", "बीच"),
            article("x", "नया शीर्षक", "नया")
        ),
    )
    .unwrap();
    assert!(run_index(&idx, &[&v2], &[]).0);
    let index = KhojIndex::open(&idx, &khoj_analyzers::CjkSegmenters::none()).unwrap();
    let mut ids = index.ids().unwrap();
    ids.sort();
    assert_eq!(ids, ["x", "y"]);
    assert_eq!(index.get("x").unwrap().unwrap().title, "नया शीर्षक");

    let out = khoj(&["delete", "--index", idx.to_str().unwrap(), "x", "nope"]);
    let (o, e) = texts(&out);
    // the id that is there is deleted; the one that is not is an exit status
    assert!(!out.status.success());
    assert!(o.contains("deleted 1 article"), "{o}");
    assert!(e.contains("not found: nope"), "{e}");
    assert_eq!(
        KhojIndex::open(&idx, &khoj_analyzers::CjkSegmenters::none())
            .unwrap()
            .ids()
            .unwrap(),
        ["y"]
    );
}

fn bad_input(tmp: &std::path::Path) -> std::path::PathBuf {
    let path = tmp.join("mixed.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(f, "{}", article("ok1", "ठीक", "ठीक लेख")).unwrap();
    writeln!(f, "{{\"id\": \"broken\", \"body\": ").unwrap();
    writeln!(f, "{{\"title\": \"no id\", \"body\": \"x\"}}").unwrap();
    writeln!(f, "{{\"id\": \"nobody\", \"title\": \"t\"}}").unwrap();
    f.write_all(b"{\"id\": \"latin1\", \"body\": \"caf\xe9\"}\n")
        .unwrap();
    writeln!(
        f,
        "{{\"id\": \"baddate\", \"body\": \"x\", \"published_at\": \"the 3rd of May\"}}"
    )
    .unwrap();
    writeln!(f, "{}", article("ok2", "ठीक", "दूसरा ठीक लेख")).unwrap();
    path
}

#[test]
fn bad_records_are_reported_and_skipped() {
    let tmp = index_dir();
    let idx = tmp.path().join("idx");
    let input = bad_input(tmp.path());
    let (ok, out, err) = run_index(&idx, &[&input], &[]);
    assert!(ok, "{err}");
    assert!(
        out.contains("indexed 2 articles") && out.contains("5 skipped"),
        "{out}"
    );
    let name = input.display().to_string();
    for (line, reason) in [
        (2, "malformed JSON"),
        (3, "missing id"),
        (4, "missing body"),
        (5, "invalid UTF-8"),
        (6, "unknown date format"),
    ] {
        let expected = format!("{name}:{line}: {reason}");
        assert!(err.contains(&expected), "no {expected:?} in {err}");
    }
    let mut ids = KhojIndex::open(&idx, &khoj_analyzers::CjkSegmenters::none())
        .unwrap()
        .ids()
        .unwrap();
    ids.sort();
    assert_eq!(ids, ["ok1", "ok2"]);
}

#[test]
fn strict_fails_on_the_first_bad_record_and_commits_nothing() {
    let tmp = index_dir();
    let idx = tmp.path().join("idx");
    let first = tmp.path().join("first.jsonl");
    std::fs::write(&first, article("before", "पहले", "पहले का लेख") + "\n").unwrap();
    assert!(run_index(&idx, &[&first], &[]).0);
    let input = bad_input(tmp.path());
    let (ok, _, err) = run_index(&idx, &[&input], &["--strict"]);
    assert!(!ok);
    assert!(
        err.contains(":2: malformed JSON") && err.contains("nothing of this run was committed"),
        "{err}"
    );
    assert_eq!(
        KhojIndex::open(&idx, &khoj_analyzers::CjkSegmenters::none())
            .unwrap()
            .ids()
            .unwrap(),
        ["before"]
    );
}

#[test]
fn kill_9_mid_run_leaves_the_last_commit() {
    let tmp = index_dir();
    let idx = tmp.path().join("idx");
    let input = tmp.path().join("many.jsonl");
    let n = 40_000;
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
        for i in 0..n {
            let body = format!("लेख संख्या {i} में उत्तर कोरिया, रूस और भारत की ख़बरें हैं। ").repeat(8);
            writeln!(
                f,
                "{}",
                article(&format!("doc{i:06}"), &format!("शीर्षक {i}"), &body)
            )
            .unwrap();
        }
    }
    let every = 1000;
    let mut child = Command::new(env!("CARGO_BIN_EXE_khoj"))
        .args([
            "index",
            "--index",
            idx.to_str().unwrap(),
            "--threads",
            "2",
            "--memory-mb",
            "200",
        ])
        .args([
            "--commit-every",
            &every.to_string(),
            input.to_str().unwrap(),
        ])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let mut committed = 0u64;
    let start = Instant::now();
    for line in stderr.lines() {
        let line = line.unwrap();
        if let Some(n) = line
            .strip_prefix("committed ")
            .and_then(|s| s.strip_suffix(" articles"))
        {
            committed = n.parse().unwrap();
            if committed >= 2 * every as u64 {
                break;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no commit in time"
        );
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the run ended before it was killed; make the input larger"
    );
    assert!(committed >= 2 * every as u64);

    // The index opens, holds exactly the articles of one commit, and they are the first ones.
    let index = KhojIndex::open(&idx, &khoj_analyzers::CjkSegmenters::none()).unwrap();
    let mut ids = index.ids().unwrap();
    ids.sort();
    let docs = ids.len() as u64;
    assert!(
        docs >= committed && docs.is_multiple_of(every as u64) && docs < n,
        "{docs} articles after kill"
    );
    let expected: Vec<String> = (0..docs).map(|i| format!("doc{i:06}")).collect();
    assert_eq!(ids, expected);
    // and it can be written again
    let more = tmp.path().join("more.jsonl");
    std::fs::write(&more, article("after", "बाद में", "बाद का लेख") + "\n").unwrap();
    let (ok, _, err) = run_index(&idx, &[&more], &[]);
    assert!(ok, "{err}");
    assert_eq!(
        KhojIndex::open(&idx, &khoj_analyzers::CjkSegmenters::none())
            .unwrap()
            .ids()
            .unwrap()
            .len() as u64,
        docs + 1
    );
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    index_files(&idx, &[&fixture("search/articles.jsonl")]);
    // `khoj stats … | head -0`: the reader is gone before khoj writes
    let mut child = Command::new(env!("CARGO_BIN_EXE_khoj"))
        .args(["stats", "--index", idx.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
}
