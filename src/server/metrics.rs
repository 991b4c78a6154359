//! `GET /metrics` in the Prometheus text format: requests by route and status, a latency
//! histogram by route, live articles, commits.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// Request counters and histograms.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
}

impl Metrics {
    pub fn record(&self, route: &str, status: u16, took: Duration) {
        let secs = took.as_secs_f64();
        if let Ok(mut r) = self.requests.lock() {
            *r.entry((route.to_string(), status)).or_default() += 1;
        }
        if let Ok(mut l) = self.latency.lock() {
            let h = l.entry(route.to_string()).or_default();
            for (i, b) in BUCKETS.iter().enumerate() {
                if secs <= *b {
                    h.counts[i] += 1;
                }
            }
            h.count += 1;
            h.sum += secs;
        }
    }

    pub fn render(&self, articles: u64, commits: u64, writes: u64) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP khoj_http_requests_total HTTP requests by route and status."
        );
        let _ = writeln!(out, "# TYPE khoj_http_requests_total counter");
        if let Ok(r) = self.requests.lock() {
            for ((route, status), n) in r.iter() {
                let _ = writeln!(
                    out,
                    "khoj_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}",
                    label(route)
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP khoj_http_request_duration_seconds HTTP request latency by route."
        );
        let _ = writeln!(out, "# TYPE khoj_http_request_duration_seconds histogram");
        if let Ok(l) = self.latency.lock() {
            for (route, h) in l.iter() {
                let route = label(route);
                for (b, n) in BUCKETS.iter().zip(h.counts) {
                    let _ = writeln!(out, "khoj_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{b}\"}} {n}");
                }
                let _ = writeln!(
                    out,
                    "khoj_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                    h.count
                );
                let _ = writeln!(
                    out,
                    "khoj_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                    h.sum
                );
                let _ = writeln!(
                    out,
                    "khoj_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                    h.count
                );
            }
        }
        let _ = writeln!(out, "# HELP khoj_articles Live articles in the index.");
        let _ = writeln!(out, "# TYPE khoj_articles gauge");
        let _ = writeln!(out, "khoj_articles {articles}");
        let _ = writeln!(
            out,
            "# HELP khoj_commits_total Commits made by the server's writer."
        );
        let _ = writeln!(out, "# TYPE khoj_commits_total counter");
        let _ = writeln!(out, "khoj_commits_total {commits}");
        let _ = writeln!(
            out,
            "# HELP khoj_writes_total Article writes (upserts and deletes) committed."
        );
        let _ = writeln!(out, "# TYPE khoj_writes_total counter");
        let _ = writeln!(out, "khoj_writes_total {writes}");
        out
    }
}

fn label(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
