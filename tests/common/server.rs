//! A `khoj serve` process for end-to-end tests, and a client for it.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

pub const KEY: &str = "test-secret-key";

pub struct Server {
    pub child: Child,
    pub base: String,
}

impl Server {
    pub fn start(index: &std::path::Path, key: Option<&str>, extra: &[&str]) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_khoj"));
        cmd.args([
            "serve",
            "--index",
            index.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ])
        .args(extra)
        .env_remove("KHOJ_API_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        if let Some(k) = key {
            cmd.env("KHOJ_API_KEY", k);
        }
        let mut child = cmd.spawn().expect("start khoj serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        Server { child, base }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn stop(mut self) -> std::process::ExitStatus {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        let status = self.child.wait().unwrap();
        std::mem::forget(self);
        status
    }

    pub fn kill9(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        std::mem::forget(self);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// (status, JSON body)
pub fn get(url: &str) -> (u16, Value) {
    let mut r = agent().get(url).call().unwrap();
    let s = r.status().as_u16();
    (
        s,
        serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap_or(Value::Null),
    )
}

pub fn send(method: &str, url: &str, key: Option<&str>, body: &[u8]) -> (u16, Value) {
    let a = agent();
    let mut resp = match method {
        "PUT" => {
            let mut req = a.put(url);
            if let Some(k) = key {
                req = req.header("Authorization", &format!("Bearer {k}"));
            }
            req.send(body).unwrap()
        }
        "POST" => {
            let mut req = a.post(url);
            if let Some(k) = key {
                req = req.header("Authorization", &format!("Bearer {k}"));
            }
            req.send(body).unwrap()
        }
        "DELETE" => {
            let mut req = a.delete(url);
            if let Some(k) = key {
                req = req.header("Authorization", &format!("Bearer {k}"));
            }
            req.call().unwrap()
        }
        _ => unreachable!(),
    };
    let s = resp.status().as_u16();
    let mut text = String::new();
    resp.body_mut()
        .as_reader()
        .read_to_string(&mut text)
        .unwrap();
    (s, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Reads what the server sends until it closes or the read timeout passes: (status, JSON
/// body, whether it closed the connection).
pub fn read_response(stream: &mut std::net::TcpStream) -> (u16, Value, bool) {
    let mut got = Vec::new();
    let mut buf = [0u8; 8192];
    let closed = loop {
        match stream.read(&mut buf) {
            Ok(0) => break true,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break true,
            Err(_) => break false, // timed out
        }
    };
    let text = String::from_utf8_lossy(&got);
    // an interim 100 Continue comes before the answer
    let text = match text.strip_prefix("HTTP/1.1 100 Continue\r\n\r\n") {
        Some(rest) => rest.to_string(),
        None => text.into_owned(),
    };
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("");
    (
        status,
        serde_json::from_str(body.trim()).unwrap_or(Value::Null),
        closed,
    )
}

/// A PUT whose body is larger than the server takes, over a raw socket: the server answers
/// before reading it all, so an ordinary client would only see its write fail.
pub fn oversized_put(s: &Server, path: &str, size: usize) -> (u16, Value) {
    use std::io::Write;
    let addr = s.base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let head = format!("PUT {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {KEY}\r\nContent-Type: application/json\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let _ = stream.write_all(&vec![b' '; 64 * 1024]); // the server may stop reading at any point
    let (status, body, _) = read_response(&mut stream);
    (status, body)
}

pub fn article(id: &str, title: &str, body: &str) -> String {
    json!({"id": id, "title": title, "body": body, "source": "परीक्षण", "published_at": "2025-11-02T10:00:00+05:30"}).to_string()
}

pub fn search_ids(s: &Server, q: &str) -> Vec<String> {
    let (status, v) = get(&s.url(&format!("/api/search?q={}", urlenc(q))));
    assert_eq!(status, 200, "{v}");
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

pub fn urlenc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub fn articles(s: &Server) -> u64 {
    get(&s.url("/healthz")).1["articles"].as_u64().unwrap()
}
