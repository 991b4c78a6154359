//! The HTTP service against slow, broken and hostile clients (issue 16), over real sockets
//! on loopback. Every wait is bounded; none is a timing goal.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use common::server::*;
use common::{index_files, khoj, texts};
use serde_json::{json, Value};

/// Opens a connection to the server, reads bounded by `read_timeout`.
fn connect(s: &Server, read_timeout: Duration) -> TcpStream {
    let stream = TcpStream::connect(s.base.trim_start_matches("http://")).unwrap();
    stream.set_read_timeout(Some(read_timeout)).unwrap();
    stream
}

/// One raw request on its own connection, the server closing after it.
fn raw(s: &Server, request: &[u8]) -> (u16, Value) {
    let mut stream = connect(s, Duration::from_secs(20));
    stream.write_all(request).unwrap();
    let (status, body, _) = read_response(&mut stream);
    (status, body)
}

fn host(s: &Server) -> &str {
    s.base.trim_start_matches("http://")
}

#[test]
fn a_request_head_that_does_not_arrive_closes_the_connection() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), None, &["--header-timeout-s", "1"]);
    // part of a request line, then nothing
    let mut partial = connect(&s, Duration::from_secs(15));
    partial.write_all(b"GET /api/search?q=x HT").unwrap();
    // a header dripped one byte every 300 ms
    let mut drip = connect(&s, Duration::from_millis(300));
    let start = Instant::now();
    let mut dripped_closed = false;
    for b in
        b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".iter()
    {
        if drip.write_all(&[*b]).is_err() {
            dripped_closed = true;
            break;
        }
        let mut one = [0u8; 1];
        if let Ok(0) = drip.read(&mut one) {
            dripped_closed = true;
            break;
        }
        if start.elapsed() > Duration::from_secs(15) {
            break;
        }
    }
    assert!(dripped_closed, "a dripped header kept its connection open");
    let (_, _, closed) = read_response(&mut partial);
    assert!(closed, "a half-sent request line kept its connection open");
    // the server serves others all along
    assert_eq!(get(&s.url("/healthz")).0, 200);
}

#[test]
fn connections_beyond_the_cap_are_refused_and_the_others_served() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(
        &tmp.path().join("idx"),
        None,
        &["--max-connections", "3", "--header-timeout-s", "2"],
    );
    let idle: Vec<TcpStream> = (0..3)
        .map(|_| {
            let mut c = connect(&s, Duration::from_secs(10));
            c.write_all(b"GET / HT").unwrap();
            c
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let (status, body) = raw(
        &s,
        format!("GET /healthz HTTP/1.1\r\nHost: {}\r\n\r\n", host(&s)).as_bytes(),
    );
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (503, Some("too_many_connections")),
        "{body}"
    );
    // once the header timeout closes them, the server takes connections again
    let start = Instant::now();
    loop {
        let (status, _) = raw(
            &s,
            format!(
                "GET /healthz HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                host(&s)
            )
            .as_bytes(),
        );
        if status == 200 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "still refused: {status}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    drop(idle);
}

#[test]
fn sigterm_ends_the_server_in_bounded_time_with_a_request_half_sent() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(
        &tmp.path().join("idx"),
        Some(KEY),
        &["--header-timeout-s", "60", "--shutdown-timeout-s", "2"],
    );
    let (status, _) = send(
        "PUT",
        &s.url("/api/articles/a"),
        Some(KEY),
        json!({"id": "a", "body": "पाठ"}).to_string().as_bytes(),
    );
    assert_eq!(status, 200);
    let mut half = connect(&s, Duration::from_secs(5));
    half.write_all(b"PUT /api/articles/b HTTP/1.1\r\nHost: x\r\nContent-Le")
        .unwrap();
    let mut idle = connect(&s, Duration::from_secs(5));
    idle.write_all(format!("GET /healthz HTTP/1.1\r\nHost: {}\r\n\r\n", host(&s)).as_bytes())
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let mut s = s;
    let child = &mut s.child;
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("still running 30 s after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "{status}");
    drop((half, idle));
}

#[test]
fn dates_the_index_cannot_hold_are_refused_and_far_filters_mean_no_bound() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), Some(KEY), &[]);
    let put = |id: &str, date: Value| {
        send(
            "PUT",
            &s.url(&format!("/api/articles/{id}")),
            Some(KEY),
            json!({"id": id, "body": "कोरोना की खबर", "published_at": date})
                .to_string()
                .as_bytes(),
        )
    };
    assert_eq!(put("ok", json!("2020-03-01")).0, 200);
    for date in [
        json!("9999-12-31"),
        json!("2300-01-01"),
        json!("1600-01-01"),
        json!(253_402_214_400i64),
    ] {
        let (status, body) = put("far", date.clone());
        assert_eq!(status, 400, "{date}: {body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("outside"),
            "{body}"
        );
    }
    assert_eq!(get(&s.url("/api/articles/far")).0, 404);
    let total = |q: &str| {
        get(&s.url(&format!(
            "/api/search?q=%E0%A4%95%E0%A5%8B%E0%A4%B0%E0%A5%8B%E0%A4%A8%E0%A4%BE{q}"
        )))
        .1["total"]
            .as_u64()
    };
    assert_eq!(total(""), Some(1));
    assert_eq!(total("&to=9999-12-31"), Some(1));
    assert_eq!(total("&from=1600-01-01"), Some(1));
    assert_eq!(total("&from=1600-01-01&to=2262-04-12"), Some(1));
    assert_eq!(total("&from=2300-01-01"), Some(0));
    // the command line skips such a record, saying where and why
    let input = tmp.path().join("far.jsonl");
    std::fs::write(&input, "{\"id\":\"x\",\"body\":\"पाठ\",\"published_at\":\"9999-12-31\"}\n{\"id\":\"y\",\"body\":\"पाठ\"}\n").unwrap();
    let idx2 = tmp.path().join("idx2");
    let out = khoj(&[
        "index",
        "--index",
        idx2.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    let (o, e) = texts(&out);
    assert!(out.status.success(), "{e}");
    assert!(
        e.contains("far.jsonl:1: published_at 9999-12-31 is outside"),
        "{e}"
    );
    assert!(o.contains("indexed 1 article"), "{o}");
}

#[test]
fn a_write_is_never_reported_failed_when_it_lands() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), Some(KEY), &["--timeout-s", "2"]);
    // a one-word body of 8 MB: indexing it takes a while, but once the body is in, the
    // answer waits for the commit
    let word = "क".repeat(8_000_000 / 3);
    let (status, body) = send(
        "PUT",
        &s.url("/api/articles/huge"),
        Some(KEY),
        json!({"id": "huge", "body": word}).to_string().as_bytes(),
    );
    let exists = get(&s.url("/api/articles/huge")).0 == 200;
    assert_eq!(
        status == 200,
        exists,
        "{status} {body}: answered one way, happened the other"
    );
    assert_eq!(status, 200, "{body}");
    // a body that does not arrive in time is a 408, and nothing is written
    let mut slow = connect(&s, Duration::from_secs(20));
    let article = json!({"id": "slow", "body": "पाठ"}).to_string();
    slow.write_all(
        format!(
            "PUT /api/articles/slow HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {KEY}\r\nContent-Length: {}\r\n\r\n{}",
            host(&s),
            article.len(),
            &article[..5]
        )
        .as_bytes(),
    )
    .unwrap();
    let (status, body, _) = read_response(&mut slow);
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (408, Some("body_timeout")),
        "{body}"
    );
    assert_eq!(get(&s.url("/api/articles/slow")).0, 404);
}

#[test]
fn the_key_is_checked_before_the_body_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), Some(KEY), &["--max-body-mb", "64"]);
    for (auth, want) in [("", 401), ("Authorization: Bearer wrong\r\n", 403)] {
        // 30 MB announced, none of it sent: the answer comes at once
        let mut c = connect(&s, Duration::from_secs(10));
        c.write_all(
            format!(
                "POST /api/articles HTTP/1.1\r\nHost: {}\r\n{auth}Content-Length: 30000000\r\n\r\n",
                host(&s)
            )
            .as_bytes(),
        )
        .unwrap();
        let (status, body, _) = read_response(&mut c);
        assert_eq!(status, want, "{body}");
        // with Expect: 100-continue, the refusal instead of 100 Continue
        let mut c = connect(&s, Duration::from_secs(10));
        c.write_all(
            format!(
                "PUT /api/articles/x HTTP/1.1\r\nHost: {}\r\n{auth}Expect: 100-continue\r\nContent-Length: 30000000\r\n\r\n",
                host(&s)
            )
            .as_bytes(),
        )
        .unwrap();
        let (status, _, _) = read_response(&mut c);
        assert_eq!(status, want);
    }
}

#[test]
fn a_big_bulk_waits_for_room_and_drops_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), Some(KEY), &["--timeout-s", "120"]);
    let lines: Vec<String> = (0..20_000)
        .map(|i| json!({"id": format!("b{i}"), "body": format!("लेख {i} का पाठ")}).to_string())
        .collect();
    let (status, body) = send(
        "POST",
        &s.url("/api/articles"),
        Some(KEY),
        lines.join("\n").as_bytes(),
    );
    assert_eq!(status, 200, "{}", body["error"]);
    assert_eq!(
        (body["indexed"].as_u64(), body["failed"].as_u64()),
        (Some(20_000), Some(0))
    );
    assert_eq!(get(&s.url("/healthz")).1["articles"], 20_000);
}

#[test]
fn an_index_on_a_read_only_file_system_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let input = tmp.path().join("a.jsonl");
    std::fs::write(&input, "{\"id\":\"a\",\"body\":\"उत्तर कोरिया\"}\n").unwrap();
    index_files(&idx, &[&input]);
    let ro = tmp.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let mounted = Command::new("mount")
        .args(["--bind", idx.to_str().unwrap(), ro.to_str().unwrap()])
        .status()
        .is_ok_and(|s| s.success())
        && Command::new("mount")
            .args(["-o", "remount,bind,ro", ro.to_str().unwrap()])
            .status()
            .is_ok_and(|s| s.success());
    if !mounted {
        let _ = Command::new("umount").arg(&ro).status();
        eprintln!("skipped: a read-only bind mount cannot be made here (needs root)");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(ro.clone());
    assert!(
        std::fs::write(ro.join("probe"), b"x").is_err(),
        "the mount is writable"
    );
    let ro_s = ro.to_str().unwrap();
    let out = khoj(&["search", "--index", ro_s, "कोरिया"]);
    assert!(out.status.success(), "{:?}", texts(&out));
    assert!(texts(&out).0.contains("1 result"), "{:?}", texts(&out));
    let out = khoj(&["stats", "--index", ro_s]);
    assert!(out.status.success(), "{:?}", texts(&out));
    let s = Server::start(&ro, None, &[]);
    assert_eq!(
        get(&s.url("/api/search?q=%E0%A4%95%E0%A5%8B%E0%A4%B0%E0%A4%BF%E0%A4%AF%E0%A4%BE")).1
            ["total"],
        1
    );
    drop(s);
    // writing there fails, and says why
    let out = khoj(&["index", "--index", ro_s, input.to_str().unwrap()]);
    let (_, e) = texts(&out);
    assert!(!out.status.success());
    assert!(
        e.contains("Read-only file system") && !e.contains("another writer"),
        "{e}"
    );
}

#[test]
fn small_faults_get_their_right_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), Some(KEY), &["--timeout-s", "2"]);
    let body = json!({"id": "hn2020-00005", "body": "पाठ"}).to_string();
    assert_eq!(
        send(
            "PUT",
            &s.url("/api/articles/hn2020-00005"),
            Some(KEY),
            body.as_bytes()
        )
        .0,
        200
    );
    // one rule for ids: white space around an id is not part of it, on reads too
    let (status, v) = get(&s.url("/api/articles/%20hn2020-00005%09"));
    assert_eq!(
        (status, v["id"].as_str()),
        (200, Some("hn2020-00005")),
        "{v}"
    );
    let (status, v) = send(
        "PUT",
        &s.url("/api/articles/%20hn2020-00005%09"),
        Some(KEY),
        body.as_bytes(),
    );
    assert_eq!(
        (status, v["id"].as_str()),
        (200, Some("hn2020-00005")),
        "{v}"
    );
    // a number in the body that is the path's id
    let (status, v) = send(
        "PUT",
        &s.url("/api/articles/1.5"),
        Some(KEY),
        br#"{"id":1.5,"body":"x"}"#,
    );
    assert_eq!(status, 200, "{v}");
    assert_eq!(get(&s.url("/api/articles/1.5")).0, 200);
    // a body shorter than its Content-Length, and Expect: 100-continue with no body: 408
    for request in [
        format!("PUT /api/articles/z HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {KEY}\r\nContent-Length: 100\r\n\r\n{{\"id\"", host(&s)),
        format!("PUT /api/articles/z HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {KEY}\r\nExpect: 100-continue\r\nContent-Length: 100\r\n\r\n", host(&s)),
    ] {
        let mut c = connect(&s, Duration::from_secs(20));
        c.write_all(request.as_bytes()).unwrap();
        let (status, v, _) = read_response(&mut c);
        assert_eq!(status, 408, "{request:?}: {v}");
    }
    // percent-encoded bytes that are not UTF-8
    for path in ["/api/search?q=%FF%FE", "/api/analyze?text=%FF"] {
        let (status, v) = get(&s.url(path));
        assert_eq!(
            (status, v["error"]["code"].as_str()),
            (400, Some("invalid_parameter")),
            "{path}: {v}"
        );
    }
    // every error is JSON: a bad id in the path, a request line or headers too large
    let (status, v) = get(&s.url("/api/articles/%FF"));
    assert_eq!(status, 400, "{v}");
    assert!(v["error"]["code"].is_string(), "{v}");
    let long = format!("/api/search?q={}", "a".repeat(20_000));
    let (status, v) = get(&s.url(&long));
    assert_eq!(
        (status, v["error"]["code"].as_str()),
        (414, Some("uri_too_long")),
        "{v}"
    );
    let (status, v) = raw(
        &s,
        format!(
            "GET /healthz HTTP/1.1\r\nHost: {}\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
            host(&s),
            "a".repeat(40_000)
        )
        .as_bytes(),
    );
    assert_eq!(
        (status, v["error"]["code"].as_str()),
        (431, Some("headers_too_large")),
        "{v}"
    );
}
