#!/usr/bin/env bash
# A bounded loopback load benchmark of GET /api/search over the 104 MB news index, with wrk
# (Debian package wrk): 2 wrk threads, 16 connections, 15 s, the 1,190 hi-dev queries in turn;
# once alone, once while another client bulk-ingests articles (POST /api/articles, NDJSON,
# 200 articles a request, back to back). Prints requests/s and latency percentiles.
#
#   scripts/bench_http.sh [WORK_DIR]      (default: target/bench-index, shared with bench_index.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KHOJ_SHARED:-$(cd .. && pwd)/shared}
work=${1:-target/bench-index}
mkdir -p "$work"
command -v wrk > /dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
[ -f "$work/news.jsonl" ] || KHOJ_SHARED=$shared python3 scripts/news_corpus.py "$work/news.jsonl"
cargo build --release -q
rm -rf "$work/http-idx"
target/release/khoj index --index "$work/http-idx" --threads 2 "$work/news.jsonl" | tail -1
export KHOJ_API_KEY=bench-key
target/release/khoj serve --index "$work/http-idx" --addr 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.err" &
server=$!
trap 'kill $server 2> /dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$work/serve.out" && break; sleep 0.1; done
base=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$work/serve.out")
export QUERIES=$shared/data/eval/hi-dev/queries.tsv

echo "== search alone"
wrk -t2 -c16 -d15s --latency -s scripts/wrk-search.lua "$base" | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx|errors"

echo "== search during a bulk ingest"
python3 - "$work/news.jsonl" "$work/bulk" <<'PY'
import json, sys, os
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
lines = [l for l in open(src, encoding="utf-8")][:6000]
for n in range(0, len(lines), 200):
    with open(f"{out}/{n // 200:04d}.ndjson", "w", encoding="utf-8") as f:
        for l in lines[n:n + 200]:
            d = json.loads(l); d["id"] = "bulk-" + d["id"]
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
PY
(
  start=$(date +%s.%N); n=0
  for f in "$work"/bulk/*.ndjson; do
    curl -s -o /dev/null -w '' -H "Authorization: Bearer $KHOJ_API_KEY" --data-binary @"$f" "$base/api/articles"
    n=$((n + 200))
  done
  end=$(date +%s.%N)
  python3 -c "print(f'bulk ingest: $n articles in {($end - $start):.1f} s')"
) > "$work/bulk.out" &
ingest=$!
wrk -t2 -c16 -d15s --latency -s scripts/wrk-search.lua "$base" | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx|errors"
wait $ingest
cat "$work/bulk.out"
curl -s "$base/healthz"; echo
