//! `khoj analyze` end to end: the binary's output, as a user sees it.

use std::process::Command;

fn khoj(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_khoj"))
        .args(args)
        .output()
        .expect("run khoj");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn prints_one_token_per_line_with_offsets_and_positions() {
    let text = "IPL 2024 में विराट";
    let (ok, out, _) = khoj(&["analyze", "--forms", "recall", text]);
    assert!(ok);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 3); // में is a stopword
    assert_eq!(lines[0], ["ipl", "0", "3", "0", "~apl"]); // the last column: the phonetic key
    assert_eq!(lines[1], ["2024", "4", "8", "1"]);
    let (from, to): (usize, usize) = (lines[2][1].parse().unwrap(), lines[2][2].parse().unwrap());
    assert_eq!(&text[from..to], "विराट");
    assert_eq!(lines[2][3], "3");
    assert_eq!(lines[2][4], "~vrt");
}

#[test]
fn json_output_is_an_array_of_tokens() {
    let (ok, out, _) = khoj(&["analyze", "--json", "हिन्दी हिंदी"]);
    assert!(ok);
    let tokens: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let tokens = tokens.as_array().expect("an array");
    // both spellings share a recall form; the half-nasal spelling adds its exact form
    let texts: Vec<&str> = tokens.iter().map(|t| t["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["हिंद", "=हिन्दी", "हिंद", "=हिंदी"]);
    for t in tokens {
        for key in ["text", "from", "to", "position"] {
            assert!(t.get(key).is_some(), "missing {key}");
        }
    }
}

#[test]
fn language_option_turns_off_hindi_stemming() {
    let (_, hi, _) = khoj(&["analyze", "--forms", "recall", "किताबें"]);
    let (_, mr, _) = khoj(&["analyze", "--forms", "recall", "--lang", "mr", "किताबें"]);
    assert!(hi.starts_with("किताब\t"));
    // Marathi: not Hindi's plural; its recall form is the word's first four characters
    // (किता) less the ending of Marathi's list they end in (ा) …
    assert!(mr.starts_with("कि\t0\t"), "{mr}");
    // … or, with that off, the word less Marathi's suffixes (none here)
    let (_, whole, _) = khoj(&[
        "analyze",
        "--forms",
        "recall",
        "--lang",
        "mr",
        "--recall-prefix-chars",
        "0",
        "किताबें",
    ]);
    assert!(whole.starts_with("किताबें\t0\t"), "{whole}");
}

#[test]
fn reads_standard_input() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_khoj"))
        .args(["analyze", "--forms", "recall", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .unwrap()
        .write_all("भारत".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "भारत\t0\t12\t0\t~brt\n"
    );
}
