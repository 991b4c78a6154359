#!/usr/bin/env bash
# Article text from scraped HTML pages, scored as the public extraction benchmarks score it:
# `khoj index` on ../shared/data/extraction-dev/html (88 pages of 88 sites, 2 threads), the
# bodies read back through `khoj serve`, then word 4-gram F1 against the true bodies
# (../shared/peers/extraction_f1.py). Prints khoj's summary line (its MB/s) and the score.
#
#   scripts/extraction_eval.sh [WORK_DIR]        (default: target/extraction-eval)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KHOJ_SHARED:-$(cd .. && pwd)/shared}
data="$shared/data/extraction-dev"
work=${1:-target/extraction-eval}
[ -d "$data/html" ] || { echo "skipped: $data/html not found"; exit 0; }
mkdir -p "$work"
cargo build --release -q
rm -rf "$work/idx"
target/release/khoj index --index "$work/idx" --threads 2 "$data/html"
port=$((20000 + RANDOM % 20000))
target/release/khoj serve --index "$work/idx" --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
python3 - "$data" "$port" "$work/extracted.json" <<'PY'
import json, os, sys, time, urllib.error, urllib.parse, urllib.request
data, port, out = sys.argv[1], sys.argv[2], sys.argv[3]
base = f"http://127.0.0.1:{port}"
for _ in range(100):
    try:
        urllib.request.urlopen(base + "/healthz", timeout=1)
        break
    except (urllib.error.URLError, ConnectionError):
        time.sleep(0.1)
bodies = {}
for name in sorted(os.listdir(os.path.join(data, "html"))):
    page = name.rsplit(".", 1)[0]
    try:
        with urllib.request.urlopen(f"{base}/api/articles/{urllib.parse.quote(page)}") as r:
            bodies[page] = {"articleBody": json.load(r)["body"]}
    except urllib.error.HTTPError:
        bodies[page] = {"articleBody": ""}
json.dump(bodies, open(out, "w"), ensure_ascii=False)
print(f"{sum(1 for b in bodies.values() if not b['articleBody'])} of {len(bodies)} pages without text")
PY
python3 "$shared/peers/extraction_f1.py" "$data/ground-truth.json" "$work/extracted.json"
