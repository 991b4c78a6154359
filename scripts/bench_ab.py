#!/usr/bin/env python3
"""Two or more khoj binaries compared on the same articles, in turn: for each run, each
binary's `khoj index --threads 2` into an empty index, then `khoj serve` on another empty
index with one client posting the file as NDJSON (1,000 lines a request, each answer after
its commit). Prints, per binary, the medians of whole-process wall time and CPU time (user +
system: the server's own, read from /proc, for the bulk) and the HTTP/command-line ratio.
On a shared host, wall times vary by 10-20% from run to run; compare binaries of one run.

    python3 scripts/bench_ab.py FILE.jsonl BINARY [BINARY ...] [--runs 5]

A binary may be a shell script that sets an environment and execs khoj.
"""
import argparse, http.client, os, re, resource, shutil, statistics, subprocess, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("binaries", nargs="+")
ap.add_argument("--runs", type=int, default=5)
ap.add_argument("--lines", type=int, default=1000)
a = ap.parse_args()
lines = [l for l in open(a.file, "rb").read().split(b"\n") if l.strip()]
chunks = [b"\n".join(lines[i:i + a.lines]) + b"\n" for i in range(0, len(lines), a.lines)]
tick = os.sysconf("SC_CLK_TCK")


def cpu_of(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


def cli(binary, work):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([binary, "index", "--index", f"{work}/cli", "--threads", "2", a.file],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def over_http(binary, work):
    env = dict(os.environ, KHOJ_API_KEY="bench-key")
    srv = subprocess.Popen([binary, "serve", "--index", f"{work}/http", "--addr", "127.0.0.1:0"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    try:
        m = None
        while m is None:
            line = srv.stdout.readline()
            if not line:
                raise SystemExit(f"{binary} serve did not start")
            m = re.search(r"listening on http://([^/ ]+)/", line)
        host, port = m.group(1).rsplit(":", 1)
        conn = http.client.HTTPConnection(host, int(port), timeout=600)
        cpu0, t = cpu_of(srv.pid), time.perf_counter()
        for c in chunks:
            conn.request("POST", "/api/articles", body=c,
                         headers={"Authorization": "Bearer bench-key"})
            r = conn.getresponse()
            body = r.read()
            if r.status != 200:
                raise SystemExit(f"POST answered {r.status}: {body[:200]!r}")
        return time.perf_counter() - t, cpu_of(srv.pid) - cpu0
    finally:
        srv.terminate()
        srv.wait()


results = {b: {"cli": [], "http": []} for b in a.binaries}
for _ in range(a.runs):
    for b in a.binaries:
        for kind, run in (("cli", cli), ("http", over_http)):
            work = tempfile.mkdtemp(prefix="khoj-ab-")
            try:
                results[b][kind].append(run(b, work))
            finally:
                shutil.rmtree(work, ignore_errors=True)
for b in a.binaries:
    med = lambda kind, i: statistics.median(x[i] for x in results[b][kind])
    print(f"{b}: khoj index wall {med('cli', 0):.3f} s cpu {med('cli', 1):.3f} s | "
          f"HTTP bulk wall {med('http', 0):.3f} s server cpu {med('http', 1):.3f} s | "
          f"ratio {med('cli', 0) / med('http', 0):.2f}")
