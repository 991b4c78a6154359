#!/usr/bin/env python3
"""Bulk over HTTP against the command line, on the same articles: `khoj index` into an empty
index, then `khoj serve` on another empty index and one client posting the same file as
NDJSON (POST /api/articles, LINES lines a request, back to back; each answer comes after the
commit that holds its lines). Prints both throughputs and their ratio; RUNS runs each, in
turn, median reported.

    python3 scripts/bench_bulk.py FILE.jsonl [--lines 1000] [--runs 3] [--khoj target/release/khoj]
"""
import argparse, http.client, os, re, shutil, statistics, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("--lines", type=int, default=1000)
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--khoj", default="target/release/khoj")
a = ap.parse_args()
lines = [l for l in open(a.file, "rb").read().split(b"\n") if l.strip()]
size = sum(len(l) + 1 for l in lines)
chunks = [b"\n".join(lines[i:i + a.lines]) + b"\n" for i in range(0, len(lines), a.lines)]


def cli(work):
    t = time.perf_counter()
    subprocess.run([a.khoj, "index", "--index", f"{work}/cli", "--threads", "2", a.file],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def over_http(work):
    env = dict(os.environ, KHOJ_API_KEY="bench-key")
    srv = subprocess.Popen([a.khoj, "serve", "--index", f"{work}/http", "--addr", "127.0.0.1:0"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    try:
        m = None
        while m is None:
            line = srv.stdout.readline()
            if not line:
                sys.exit("khoj serve did not start")
            m = re.search(r"listening on http://([^/ ]+)/", line)
        host, port = m.group(1).rsplit(":", 1)
        conn = http.client.HTTPConnection(host, int(port), timeout=600)
        t = time.perf_counter()
        for c in chunks:
            conn.request("POST", "/api/articles", body=c, headers={
                "Authorization": "Bearer bench-key", "Content-Type": "application/x-ndjson"})
            r = conn.getresponse()
            body = r.read()
            if r.status != 200:
                sys.exit(f"POST answered {r.status}: {body[:200]!r}")
        return time.perf_counter() - t
    finally:
        srv.terminate()
        srv.wait()


cli_t, http_t = [], []
for _ in range(a.runs):
    for f, out in ((cli, cli_t), (over_http, http_t)):
        work = tempfile.mkdtemp(prefix="khoj-bulk-")
        try:
            out.append(f(work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
c, h = statistics.median(cli_t), statistics.median(http_t)
print(f"{len(lines)} articles, {size / 1e6:.1f} MB, {a.lines} lines a request")
print(f"khoj index (whole process): median {c:.2f} s ({size / c / 1e6:.1f} MB/s) of {[round(x, 2) for x in cli_t]}")
print(f"POST /api/articles, one client: median {h:.2f} s ({size / h / 1e6:.1f} MB/s) of {[round(x, 2) for x in http_t]}")
print(f"HTTP bulk / khoj index throughput: {c / h:.2f}")
