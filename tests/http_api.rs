//! The HTTP service end to end, over real HTTP on an ephemeral loopback port.

mod common;

use std::io::Read;

use common::server::*;
use serde_json::{json, Value};

#[test]
fn ingest_search_update_delete() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), Some(KEY), &[]);
    let (st, v) = send(
        "PUT",
        &s.url("/api/articles/lavrov"),
        Some(KEY),
        article(
            "lavrov",
            "लावरोव उत्तर कोरिया पहुंचे",
            "रूसी विदेश मंत्री लावरोव ने उत्तर कोरिया में किम से मुलाकात की।",
        )
        .as_bytes(),
    );
    assert_eq!(st, 200, "{v}");
    // a search right after the acknowledgement sees the article
    assert_eq!(search_ids(&s, "लावरोव"), ["lavrov"]);
    let (st, v) = get(&s.url("/api/articles/lavrov"));
    assert_eq!(st, 200);
    assert_eq!(v["title"], "लावरोव उत्तर कोरिया पहुंचे");
    // bulk NDJSON, with a blank line (an ideographic space), a bad line, and no newline after
    // the last
    let bulk = format!(
        "{}\n \u{3000} \n{{broken\n{}",
        article("b1", "बारिश", "मौसम विभाग ने बारिश की चेतावनी दी।"),
        article("b2", "क्रिकेट", "भारत ने मैच जीता।")
    );
    let (st, v) = send("POST", &s.url("/api/articles"), Some(KEY), bulk.as_bytes());
    assert_eq!(st, 200, "{v}");
    assert_eq!(
        (v["indexed"].as_u64(), v["failed"].as_u64()),
        (Some(2), Some(1))
    );
    let lines: Vec<_> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_u64())
        .collect();
    assert_eq!(lines, [Some(1), Some(3), Some(4)], "{v}");
    assert_eq!(v["results"][1]["error"]["code"], "malformed_json");
    assert_eq!(v["results"][2]["id"], "b2");
    assert_eq!(articles(&s), 3);
    // update
    let (st, _) = send(
        "PUT",
        &s.url("/api/articles/lavrov"),
        Some(KEY),
        article("lavrov", "लावरोव जिनेवा पहुंचे", "लावरोव ने जिनेवा में बात की।").as_bytes(),
    );
    assert_eq!(st, 200);
    assert_eq!(search_ids(&s, "जिनेवा"), ["lavrov"]);
    assert!(search_ids(&s, "कोरिया").is_empty());
    assert_eq!(articles(&s), 3);
    // delete
    let (st, _) = send("DELETE", &s.url("/api/articles/lavrov"), Some(KEY), b"");
    assert_eq!(st, 200);
    assert!(search_ids(&s, "लावरोव").is_empty());
    assert_eq!(get(&s.url("/api/articles/lavrov")).0, 404);
    assert_eq!(
        send("DELETE", &s.url("/api/articles/lavrov"), Some(KEY), b"").0,
        404
    );
    assert_eq!(articles(&s), 2);
    assert!(s.stop().success(), "graceful shutdown exits 0");
}

#[test]
fn writes_need_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), Some(KEY), &[]);
    let body = article("x", "शीर्षक", "पाठ");
    let (st, v) = send("PUT", &s.url("/api/articles/x"), None, body.as_bytes());
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (401, Some("unauthorized"))
    );
    let (st, v) = send(
        "PUT",
        &s.url("/api/articles/x"),
        Some("wrong"),
        body.as_bytes(),
    );
    assert_eq!((st, v["error"]["code"].as_str()), (403, Some("forbidden")));
    assert_eq!(
        send("POST", &s.url("/api/articles"), None, body.as_bytes()).0,
        401
    );
    assert_eq!(
        send("DELETE", &s.url("/api/articles/x"), Some("wrong"), b"").0,
        403
    );
    assert_eq!(articles(&s), 0);
    assert_eq!(get(&s.url("/api/articles/x")).0, 404);
    // reads stay public
    assert_eq!(get(&s.url("/api/search?q=x")).0, 200);
}

#[test]
fn without_a_key_writes_are_disabled_and_reads_served() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Server::start(&tmp.path().join("idx"), None, &[]);
    let (st, v) = send(
        "PUT",
        &s.url("/api/articles/x"),
        Some("anything"),
        article("x", "t", "b").as_bytes(),
    );
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (403, Some("writes_disabled"))
    );
    assert_eq!(get(&s.url("/healthz")).0, 200);
    s.child.kill().unwrap();
    let mut err = String::new();
    s.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(err.contains("writes are disabled"), "{err}");
}

#[test]
fn client_mistakes_get_a_clear_4xx_and_change_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), Some(KEY), &["--max-body-mb", "1"]);
    assert_eq!(
        send(
            "PUT",
            &s.url("/api/articles/a"),
            Some(KEY),
            article("a", "t", "पाठ").as_bytes()
        )
        .0,
        200
    );
    let cases: Vec<(u16, &str, (u16, Value))> = vec![
        (
            400,
            "malformed_json",
            send("PUT", &s.url("/api/articles/m"), Some(KEY), b"{\"id\": "),
        ),
        (
            400,
            "invalid_utf8",
            send(
                "PUT",
                &s.url("/api/articles/u"),
                Some(KEY),
                b"{\"id\":\"u\",\"body\":\"caf\xe9\"}",
            ),
        ),
        (
            400,
            "invalid_article",
            send(
                "PUT",
                &s.url("/api/articles/n"),
                Some(KEY),
                b"{\"title\":\"no body\"}",
            ),
        ),
        (
            400,
            "id_mismatch",
            send(
                "PUT",
                &s.url("/api/articles/p"),
                Some(KEY),
                article("q", "t", "b").as_bytes(),
            ),
        ),
        (
            413,
            "body_too_large",
            oversized_put(&s, "/api/articles/big", 2_000_000),
        ),
        (
            400,
            "no_articles_indexed",
            send("POST", &s.url("/api/articles"), Some(KEY), b"{oops\n"),
        ),
        (
            400,
            "invalid_parameter",
            get(&s.url("/api/search?q=x&limit=100000")),
        ),
        (
            400,
            "invalid_parameter",
            get(&s.url("/api/search?q=x&limit=abc")),
        ),
        (400, "missing_parameter", get(&s.url("/api/search?q="))),
        (400, "missing_parameter", get(&s.url("/api/search"))),
        (
            400,
            "unknown_parameter",
            get(&s.url("/api/search?query=kim")),
        ),
        (
            400,
            "invalid_parameter",
            get(&s.url("/api/articles/a/related?limit=0")),
        ),
        (
            400,
            "unknown_parameter",
            get(&s.url("/api/articles/a/copies?limit=3")),
        ),
        (
            400,
            "invalid_parameter",
            get(&s.url("/api/search?q=x&from=yesterday")),
        ),
        (
            400,
            "invalid_parameter",
            get(&s.url("/api/search?q=x&sort=random")),
        ),
        (404, "not_found", get(&s.url("/api/nope"))),
    ];
    for (want, code, (status, body)) in cases {
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (want, Some(code)),
            "{body}"
        );
        assert!(body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
    }
    assert_eq!(articles(&s), 1);
    // an unknown parameter is named, and so is the one the reader may have meant
    let (_, body) = get(&s.url("/api/search?query=kim"));
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("query") && message.contains('q'),
        "{message}"
    );
    // nothing a reader types is an error
    for q in ["\"उत्तर", "+", "-", "title:", "((", "a:b:c"] {
        assert_eq!(
            get(&s.url(&format!("/api/search?q={}", urlenc(q)))).0,
            200,
            "{q}"
        );
    }
}

#[test]
fn concurrent_writers_and_readers() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), Some(KEY), &[]);
    let base = s.base.clone();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let base = base.clone();
            std::thread::spawn(move || {
                let mut acked = Vec::new();
                for i in 0..200 {
                    if i % 2 == 0 {
                        let id = format!("t{t}-{i}");
                        let (st, v) = send(
                            "PUT",
                            &format!("{base}/api/articles/{id}"),
                            Some(KEY),
                            article(&id, "समाचार", &format!("लेख {t} {i} बारिश")).as_bytes(),
                        );
                        assert_eq!(st, 200, "{v}");
                        acked.push(id);
                    } else {
                        let (st, v) = get(&format!(
                            "{base}/api/search?q=%E0%A4%AC%E0%A4%BE%E0%A4%B0%E0%A4%BF%E0%A4%B6"
                        ));
                        assert_eq!(st, 200, "{v}");
                    }
                }
                acked
            })
        })
        .collect();
    let acked: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert_eq!(acked.len(), 800);
    assert_eq!(articles(&s), 800);
    let mut gets = 0;
    for id in acked.iter().step_by(37) {
        assert_eq!(get(&s.url(&format!("/api/articles/{id}"))).0, 200, "{id}");
        gets += 1;
    }
    let metrics = agent()
        .get(&s.url("/metrics"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    let line = format!(
        "khoj_http_requests_total{{route=\"/api/articles/{{id}}\",status=\"200\"}} {}",
        800 + gets
    );
    assert!(metrics.contains(&line), "no {line:?} in {metrics}");
    assert!(metrics.contains("khoj_articles 800"));
    assert!(metrics.contains(
        "khoj_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"+Inf\"} 800"
    ));
    let commits: u64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("khoj_commits_total "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=800).contains(&commits),
        "group commit: {commits} commits for 800 writes"
    );
}

#[test]
fn kill_9_after_acknowledged_writes_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let s = Server::start(&idx, Some(KEY), &[]);
    let bulk: String = (0..50)
        .map(|i| article(&format!("k{i}"), "टिकाऊ", &format!("लेख {i}")) + "\n")
        .collect();
    assert_eq!(
        send("POST", &s.url("/api/articles"), Some(KEY), bulk.as_bytes()).1["indexed"],
        50
    );
    assert_eq!(
        send(
            "PUT",
            &s.url("/api/articles/last"),
            Some(KEY),
            article("last", "अंतिम", "अंतिम लेख").as_bytes()
        )
        .0,
        200
    );
    s.kill9();
    let s = Server::start(&idx, Some(KEY), &[]);
    assert_eq!(articles(&s), 51);
    assert_eq!(get(&s.url("/api/articles/k49")).0, 200);
    assert_eq!(get(&s.url("/api/articles/last")).0, 200);
}

#[test]
fn markup_in_articles_is_shown_as_text() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), Some(KEY), &[]);
    let a = article(
        "xss",
        "<script>alert('t')</script> परीक्षण लेख",
        "यह <img src=x onerror=alert(1)> परीक्षण लेख <b>है</b>।",
    );
    assert_eq!(
        send("PUT", &s.url("/api/articles/xss"), Some(KEY), a.as_bytes()).0,
        200
    );
    let (_, v) = get(
        &s.url("/api/search?q=%E0%A4%AA%E0%A4%B0%E0%A5%80%E0%A4%95%E0%A5%8D%E0%A4%B7%E0%A4%A3")
    );
    let snippet = v["hits"][0]["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("&lt;img src=x onerror=alert(1)&gt;") && !snippet.contains("<img"),
        "{snippet}"
    );
    let page = agent()
        .get(&s.url("/?q=%E0%A4%AA%E0%A4%B0%E0%A5%80%E0%A4%95%E0%A5%8D%E0%A4%B7%E0%A4%A3"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;"),
        "{page}"
    );
    // the page's one script is its own; nothing of the article's markup is markup
    assert!(
        !page.contains("<script>alert")
            && !page.contains("<img")
            && page.matches("<script").count() == 1,
        "markup leaked into the page"
    );
    assert!(page.contains("<mark>"));
    // the query itself is escaped too
    let page = agent()
        .get(&s.url("/?q=%3Cscript%3Ex%3C%2Fscript%3E"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(!page.contains("<script>x"));
}

#[test]
fn analyze_health_and_metrics() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), None, &[]);
    let (st, v) =
        get(&s.url("/api/analyze?text=%E0%A4%B9%E0%A4%BF%E0%A4%A8%E0%A5%8D%E0%A4%A6%E0%A5%80"));
    assert_eq!(st, 200);
    let texts: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["हिंद", "=हिन्दी"]);
    assert_eq!(v[0]["key"], "hnd", "the phonetic key is shown");
    assert_eq!(get(&s.url("/api/analyze")).0, 400);
    let (st, v) = get(&s.url("/healthz"));
    assert_eq!((st, v["status"].as_str()), (200, Some("ok")));
    let mut r = agent().get(&s.url("/metrics")).call().unwrap();
    assert!(r
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let text = r.body_mut().read_to_string().unwrap();
    assert!(text.contains("# TYPE khoj_http_requests_total counter"));
    assert!(
        text.contains("khoj_http_requests_total{route=\"/api/analyze\",status=\"400\"} 1"),
        "{text}"
    );
}

#[test]
fn related_coverage_and_copies() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), Some(KEY), &[]);
    let fixture = std::fs::read_to_string(common::fixture("search/articles.jsonl")).unwrap();
    let original: Value = fixture
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|a| a["id"] == "lavrov-pyongyang")
        .unwrap();
    // the same wire story on another site: new headline, a dateline, a byline
    let copy = json!({
        "id": "lavrov-copy",
        "title": "किम से मिले रूसी विदेश मंत्री",
        "body": format!("प्योंगयांग, 2 नवंबर (एजेंसी)। {} — एजेंसी", original["body"].as_str().unwrap()),
        "published_at": "2025-11-02T11:00:00+05:30",
        "source": "दूसरा अख़बार",
    });
    let bulk = format!("{}\n{copy}\n", fixture.trim_end());
    let (st, v) = send("POST", &s.url("/api/articles"), Some(KEY), bulk.as_bytes());
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["failed"].as_u64(), Some(0), "{v}");

    // search: one hit stands for the story, saying it has a copy; expand lists both
    let story = |v: &Value| -> Vec<(String, u64)> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| {
                h["id"].as_str().unwrap().starts_with("lavrov-")
                    && h["id"] != "lavrov-geneva"
                    && h["id"] != "lavrov-english"
            })
            .map(|h| {
                (
                    h["id"].as_str().unwrap().to_string(),
                    h["copies"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let q = urlenc("लावरोव प्योंगयांग");
    let (st, v) = get(&s.url(&format!("/api/search?q={q}")));
    assert_eq!(st, 200, "{v}");
    let collapsed = story(&v);
    assert_eq!(collapsed.len(), 1, "{v}");
    assert_eq!(collapsed[0].1, 1);
    let (_, v) = get(&s.url(&format!("/api/search?q={q}&copies=expand")));
    let mut expanded: Vec<String> = story(&v).into_iter().map(|(id, _)| id).collect();
    expanded.sort();
    assert_eq!(expanded, ["lavrov-copy", "lavrov-pyongyang"]);

    // the copies of the story
    let (st, v) = get(&s.url("/api/articles/lavrov-pyongyang/copies"));
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["copies"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["copies"][0]["id"], "lavrov-copy");

    // related coverage: not the article, not its copy; another Lavrov story, with the why
    let (st, v) = get(&s.url("/api/articles/lavrov-pyongyang/related?limit=5"));
    assert_eq!(st, 200, "{v}");
    let related = v["related"].as_array().unwrap();
    assert!(related.len() <= 5);
    let ids: Vec<&str> = related.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert!(
        !ids.contains(&"lavrov-pyongyang") && !ids.contains(&"lavrov-copy"),
        "{ids:?}"
    );
    let geneva = related
        .iter()
        .find(|h| h["id"] == "lavrov-geneva")
        .expect("lavrov-geneva is related");
    assert!(
        geneva["shared_terms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "लावरोव"),
        "{geneva}"
    );
    // within 30 days of 2 November: the September Geneva story is out
    let (st, v) = get(&s.url("/api/articles/lavrov-pyongyang/related?days=30"));
    assert_eq!(st, 200, "{v}");
    assert!(
        v["related"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["id"] != "lavrov-geneva"),
        "{v}"
    );

    // the story by date: the article, then its copy two hours later; the week's window
    // leaves out the September Geneva story, a two-month one takes it in, first
    let (st, v) = get(&s.url("/api/articles/lavrov-pyongyang/story"));
    assert_eq!(st, 200, "{v}");
    let entries = |v: &Value| -> Vec<(String, String)> {
        v["story"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let field = |k: &str| e[k].as_str().unwrap().to_string();
                (field("id"), field("relation"))
            })
            .collect()
    };
    let week = entries(&v);
    assert_eq!(
        week[..2],
        [
            ("lavrov-pyongyang".to_string(), "article".to_string()),
            ("lavrov-copy".to_string(), "copy".to_string())
        ],
        "{v}"
    );
    assert!(week.iter().all(|(id, _)| id != "lavrov-geneva"), "{v}");
    // (of the 3 nearest, the poetry evening shares one word only: a topic, not the story)
    let (st, v) = get(&s.url("/api/articles/lavrov-pyongyang/story?days=60&limit=3"));
    assert_eq!(st, 200, "{v}");
    let two_months = entries(&v);
    assert!(two_months.iter().all(|(id, _)| id != "hindi-diwas"), "{v}");
    assert!(two_months.len() <= 2 + 3, "{v}");
    assert_eq!(
        two_months[0],
        ("lavrov-geneva".to_string(), "related".to_string()),
        "{v}"
    );

    // mistakes
    for path in [
        "/api/articles/lavrov-pyongyang/story?days=week",
        "/api/articles/lavrov-pyongyang/story?limit=0",
        "/api/articles/lavrov-pyongyang/related?limit=0",
        "/api/articles/lavrov-pyongyang/related?limit=100000",
        "/api/articles/lavrov-pyongyang/related?days=-1",
        "/api/articles/lavrov-pyongyang/related?days=week",
    ] {
        let (st, v) = get(&s.url(path));
        assert_eq!(
            (st, v["error"]["code"].as_str()),
            (400, Some("invalid_parameter")),
            "{path}: {v}"
        );
    }
    let (st, v) = get(&s.url(&format!("/api/search?q={q}&copies=some")));
    assert_eq!(st, 400, "{v}");
    assert_eq!(get(&s.url("/api/articles/nobody/related")).0, 404);
    assert_eq!(get(&s.url("/api/articles/nobody/copies")).0, 404);
    assert_eq!(get(&s.url("/api/articles/nobody/story")).0, 404);
    assert!(s.stop().success());
}

#[test]
fn a_write_the_server_cannot_commit_is_a_5xx_that_names_no_server_path() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let s = Server::start(&idx, Some(KEY), &[]);
    let put = |id: &str| {
        send(
            "PUT",
            &s.url(&format!("/api/articles/{id}")),
            Some(KEY),
            article(id, "शीर्षक", "उत्तर कोरिया के नेता").as_bytes(),
        )
    };
    assert_eq!(put("before").0, 200);
    // The index's folder goes away under the server (as a disk that fails would take it):
    // the next commit cannot be written.
    std::fs::remove_dir_all(&idx).unwrap();
    std::fs::write(&idx, b"not a folder").unwrap();
    for (status, body) in [put("after"), put("after-again")] {
        assert!((500..600).contains(&status), "{status} {body}");
        assert_ne!(
            status, 500,
            "a known failure, not an internal error: {body}"
        );
        let message = body["error"]["message"].as_str().unwrap();
        assert!(
            !message.contains(tmp.path().to_str().unwrap()) && !message.contains('/'),
            "{message}"
        );
    }
    let (status, body) = send("DELETE", &s.url("/api/articles/before"), Some(KEY), b"");
    assert!(
        (500..600).contains(&status) && status != 500,
        "{status} {body}"
    );
    // reads keep working meanwhile
    assert_eq!(search_ids(&s, "कोरिया"), ["before"]);
}

#[test]
fn suggestions_and_the_article_page() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("idx"), Some(KEY), &[]);
    let body = json!({"id": "a1", "title": "उत्तर कोरिया के नेता किम", "body": "किम जोंग उन ने परेड देखी", "source": "परीक्षण"}).to_string();
    assert_eq!(
        send(
            "PUT",
            &s.url("/api/articles/a1"),
            Some(KEY),
            body.as_bytes()
        )
        .0,
        200
    );
    let (status, v) = get(&s.url(&format!("/api/suggest?q={}", urlenc("उत्त"))));
    assert_eq!(status, 200, "{v}");
    let texts: Vec<&str> = v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"उत्तर कोरिया"), "{v}");
    assert_eq!(get(&s.url("/api/suggest?q=x&limit=50")).0, 400);
    assert_eq!(
        get(&s.url("/api/suggest?query=x")).1["error"]["code"],
        "unknown_parameter"
    );
    // a search that found something is offered to the next reader
    assert_eq!(
        get(&s.url(&format!("/api/search?q={}", urlenc("किम जोंग")))).0,
        200
    );
    let (_, v) = get(&s.url(&format!("/api/suggest?q={}", urlenc("किम"))));
    assert_eq!(v["suggestions"][0]["text"], "किम जोंग", "{v}");
    assert_eq!(v["suggestions"][0]["kind"], "query", "{v}");
    // the article's page
    let mut r = agent().get(&s.url("/articles/a1")).call().unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let html = r.body_mut().read_to_string().unwrap();
    assert!(
        html.contains("उत्तर कोरिया के नेता किम") && html.contains("परीक्षण"),
        "{html}"
    );
    assert_eq!(
        agent()
            .get(&s.url("/articles/nope"))
            .call()
            .unwrap()
            .status()
            .as_u16(),
        404
    );
}
