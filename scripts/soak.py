#!/usr/bin/env python3
"""Soak run of `khoj serve`: many clients for a while, mixing searches, bulk writes, slow and
malformed requests, with the server killed (kill -9) and restarted half way. Reports lost
acknowledged writes, 5xx answers to client faults, and the server's memory over time.

    python3 scripts/soak.py [--clients 16] [--seconds 60] [--khoj target/release/khoj]

Exits non-zero if an acknowledged write was lost or a client fault got a 5xx.
"""
import argparse
import http.client
import json
from urllib.parse import quote
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

KEY = "soak-key"
WORDS = "उत्तर कोरिया लावरोव रूस भारत दिल्ली चुनाव क्रिकेट मौसम बारिश किसान बाजार सरकार".split()


class Server:
    def __init__(self, khoj, index):
        self.khoj, self.index = khoj, index
        self.start()

    def start(self):
        env = dict(os.environ, KHOJ_API_KEY=KEY, KHOJ_LOG="warn")
        self.proc = subprocess.Popen(
            [self.khoj, "serve", "--index", self.index, "--addr", "127.0.0.1:0",
             "--header-timeout-s", "2", "--timeout-s", "5"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
        line = self.proc.stdout.readline()
        self.host, self.port = line.strip().removeprefix("listening on http://").rstrip("/").split(":")
        self.port = int(self.port)

    def rss_mb(self):
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return None


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.acked = set()
        self.client_fault_5xx = []

    def add(self, kind, status):
        with self.lock:
            self.counts[(kind, status)] = self.counts.get((kind, status), 0) + 1


def request(server, method, path, body=None, headers=None, timeout=30):
    conn = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def client(n, server, stats, stop, ids):
    rng = random.Random(n)
    auth = {"Authorization": f"Bearer {KEY}"}
    while not stop.is_set():
        r = rng.random()
        try:
            if r < 0.55:
                q = " ".join(rng.sample(WORDS, rng.randint(1, 3)))
                status, _ = request(server, "GET", "/api/search?q=" + quote(q))
                stats.add("search", status)
            elif r < 0.75:
                batch = []
                for _ in range(50):
                    with stats.lock:
                        i = next(ids)
                    batch.append({"id": f"soak-{i}", "title": rng.choice(WORDS),
                                  "body": " ".join(rng.choices(WORDS, k=40))})
                body = "\n".join(json.dumps(a, ensure_ascii=False) for a in batch).encode()
                status, data = request(server, "POST", "/api/articles", body, auth, timeout=60)
                stats.add("bulk", status)
                if status == 200:
                    with stats.lock:
                        for line in json.loads(data)["results"]:
                            if line.get("status") == "indexed":
                                stats.acked.add(line["id"])
            elif r < 0.87:
                kind, path, body, headers = rng.choice([
                    ("bad-json", "/api/articles", b"{oops", auth),
                    ("bad-param", "/api/search?q=x&limit=5000", None, {}),
                    ("unknown-param", "/api/search?query=x", None, {}),
                    ("bad-utf8", "/api/search?q=%FF%FE", None, {}),
                    ("no-key", "/api/articles", b'{"id":"x","body":"y"}', {}),
                    ("wrong-key", "/api/articles", b'{"id":"x","body":"y"}', {"Authorization": "Bearer no"}),
                    ("bad-date", "/api/articles/x", b'{"body":"y","published_at":"9999-12-31"}', auth),
                ])
                method = "GET" if body is None else ("PUT" if path.startswith("/api/articles/") else "POST")
                status, _ = request(server, method, path, body, headers)
                stats.add(kind, status)
                if status >= 500:
                    with stats.lock:
                        stats.client_fault_5xx.append((kind, status))
            else:
                # slow: half a request line, or a body that never finishes
                s = socket.create_connection((server.host, server.port), timeout=10)
                if rng.random() < 0.5:
                    s.sendall(b"GET /api/search?q=x HT")
                    kind = "slow-head"
                else:
                    s.sendall(f"PUT /api/articles/slow HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {KEY}\r\n"
                              f"Content-Length: 100\r\n\r\n{{\"id\"".encode())
                    kind = "slow-body"
                data = b""
                try:
                    while chunk := s.recv(4096):
                        data += chunk
                except OSError:
                    pass
                s.close()
                status = int(data.split()[1]) if data.startswith(b"HTTP/") else 0  # 0: closed
                stats.add(kind, status)
                if status >= 500:
                    with stats.lock:
                        stats.client_fault_5xx.append((kind, status))
        except (OSError, http.client.HTTPException):
            stats.add("connection-error", 0)  # e.g. while the server is killed
            time.sleep(0.05)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--seconds", type=int, default=60)
    p.add_argument("--khoj", default="target/release/khoj")
    a = p.parse_args()
    tmp = tempfile.mkdtemp(prefix="khoj-soak-")
    server = Server(a.khoj, os.path.join(tmp, "idx"))
    stats, stop = Stats(), threading.Event()
    ids = iter(range(10**9))
    threads = [threading.Thread(target=client, args=(n, server, stats, stop, ids)) for n in range(a.clients)]
    for t in threads:
        t.start()
    start, rss, killed = time.time(), [], False
    while time.time() - start < a.seconds:
        time.sleep(5)
        rss.append(round(server.rss_mb() or 0))
        if not killed and time.time() - start > a.seconds / 2:
            with stats.lock:
                acked_before = len(stats.acked)
            server.proc.send_signal(signal.SIGKILL)
            server.proc.wait()
            server.start()
            killed = True
            print(f"killed -9 and restarted at {time.time() - start:.0f} s ({acked_before} writes acknowledged by then)")
    stop.set()
    for t in threads:
        t.join()
    server.proc.send_signal(signal.SIGTERM)
    code = server.proc.wait(timeout=60)
    out = subprocess.run([a.khoj, "stats", "--json", "--index", os.path.join(tmp, "idx")],
                         capture_output=True, text=True, check=True)
    held = json.loads(out.stdout)["articles"]
    # every acknowledged id must be held (a few more may be: writes committed whose answer
    # the kill cut off)
    reader = Server(a.khoj, os.path.join(tmp, "idx"))
    conn = http.client.HTTPConnection(reader.host, reader.port, timeout=30)
    missing = []
    for i in sorted(stats.acked):
        conn.request("GET", f"/api/articles/{i}")
        resp = conn.getresponse()
        resp.read()
        if resp.status != 200:
            missing.append(i)
    conn.close()
    reader.proc.send_signal(signal.SIGTERM)
    reader.proc.wait(timeout=60)
    print(f"{a.clients} clients for {a.seconds} s; server exit code after SIGTERM: {code}")
    for (kind, status), n in sorted(stats.counts.items()):
        print(f"  {kind:16} {status:4} x {n}")
    print(f"acknowledged writes: {len(stats.acked)}, articles held after the run: {held}, "
          f"acknowledged and lost: {len(missing)}")
    print(f"5xx answers to client faults: {len(stats.client_fault_5xx)}")
    print(f"server memory (RSS, MB, every 5 s): {rss}")
    ok = not missing and not stats.client_fault_5xx and code == 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
