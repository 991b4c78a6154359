#!/usr/bin/env python3
"""Bulk over HTTP against the command line, on the same articles: `khoj index --threads 2`
into an empty index, then `khoj serve` on another empty index and one client posting the same
file as NDJSON (POST /api/articles, LINES lines a request, back to back; each answer comes
after the commit that holds its lines). RUNS runs each, in turn, medians reported: wall time
and throughput of both, CPU time (user + system; the server's own, read from /proc, for the
bulk) and their ratio.

Given several binaries (--khoj A --khoj B ...), each run takes them in turn, so that builds
are compared side by side (this host varies by 10-20% from run to run). A binary may be a
shell script that sets an environment and execs khoj.

    python3 scripts/bench_bulk.py FILE.jsonl [--lines 1000] [--runs 3] [--khoj target/release/khoj ...]
"""
import argparse, http.client, os, re, resource, shutil, statistics, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("--lines", type=int, default=1000)
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--khoj", action="append", help="a khoj binary (repeat to compare several)")
a = ap.parse_args()
binaries = a.khoj or ["target/release/khoj"]
lines = [l for l in open(a.file, "rb").read().split(b"\n") if l.strip()]
size = sum(len(l) + 1 for l in lines)
chunks = [b"\n".join(lines[i:i + a.lines]) + b"\n" for i in range(0, len(lines), a.lines)]
tick = os.sysconf("SC_CLK_TCK")


def cpu_of(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


def cli(khoj, work):
    """Wall and CPU seconds of the whole `khoj index` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([khoj, "index", "--index", f"{work}/cli", "--threads", "2", a.file],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def over_http(khoj, work):
    """Wall seconds of the bulk, from the first request to the last answer, and the
    server's CPU seconds over that time."""
    env = dict(os.environ, KHOJ_API_KEY="bench-key")
    srv = subprocess.Popen([khoj, "serve", "--index", f"{work}/http", "--addr", "127.0.0.1:0"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    try:
        m = None
        while m is None:
            line = srv.stdout.readline()
            if not line:
                sys.exit(f"{khoj} serve did not start")
            m = re.search(r"listening on http://([^/ ]+)/", line)
        host, port = m.group(1).rsplit(":", 1)
        conn = http.client.HTTPConnection(host, int(port), timeout=600)
        cpu, t = cpu_of(srv.pid), time.perf_counter()
        for c in chunks:
            conn.request("POST", "/api/articles", body=c, headers={
                "Authorization": "Bearer bench-key", "Content-Type": "application/x-ndjson"})
            r = conn.getresponse()
            body = r.read()
            if r.status != 200:
                sys.exit(f"POST answered {r.status}: {body[:200]!r}")
        return time.perf_counter() - t, cpu_of(srv.pid) - cpu
    finally:
        srv.terminate()
        srv.wait()


results = {k: {"cli": [], "http": []} for k in binaries}
for _ in range(a.runs):
    for khoj in binaries:
        for kind, run in (("cli", cli), ("http", over_http)):
            work = tempfile.mkdtemp(prefix="khoj-bulk-")
            try:
                results[khoj][kind].append(run(khoj, work))
            finally:
                shutil.rmtree(work, ignore_errors=True)

print(f"{len(lines)} articles, {size / 1e6:.1f} MB, {a.lines} lines a request")
for khoj in binaries:
    walls = {kind: [round(w, 2) for w, _ in results[khoj][kind]] for kind in ("cli", "http")}
    median = lambda kind, i: statistics.median(x[i] for x in results[khoj][kind])
    c, h = median("cli", 0), median("http", 0)
    if len(binaries) > 1:
        print(f"{khoj}:")
    print(f"khoj index (whole process): median {c:.2f} s ({size / c / 1e6:.1f} MB/s) of "
          f"{walls['cli']}, CPU {median('cli', 1):.2f} s")
    print(f"POST /api/articles, one client: median {h:.2f} s ({size / h / 1e6:.1f} MB/s) of "
          f"{walls['http']}, server CPU {median('http', 1):.2f} s")
    # each run's two measurements were taken one after the other: their ratio is steadier
    # than the ratio of the medians when the host's speed drifts between runs
    pairs = [cw / hw for (cw, _), (hw, _) in zip(results[khoj]["cli"], results[khoj]["http"])]
    print(f"HTTP bulk / khoj index throughput: {c / h:.2f} (ratio of the medians); "
          f"median of the runs' ratios {statistics.median(pairs):.2f} of "
          f"{[round(p, 2) for p in pairs]}")
