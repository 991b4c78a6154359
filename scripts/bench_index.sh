#!/usr/bin/env bash
# Whole-process index build, side by side in one run: `khoj index` against Lucene's
# HindiAnalyzer (../shared/peers/lucene.sh: positions and stored text), on the news corpus
# repeated 15 times (about 104 MB), 2 threads each. Prints both summary lines and khoj's
# peak memory.
#
#   scripts/bench_index.sh [WORK_DIR]        (default: target/bench-index)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KHOJ_SHARED:-$(cd .. && pwd)/shared}
work=${1:-target/bench-index}
mkdir -p "$work"
[ -f "$work/news.jsonl" ] || KHOJ_SHARED=$shared python3 scripts/news_corpus.py "$work/news.jsonl"
cargo build --release -q
rm -rf "$work/khoj-idx"
/usr/bin/time -f "khoj whole process: %e s wall, peak memory %M KB (budget 1000 MB)" \
  target/release/khoj index --index "$work/khoj-idx" --threads 2 --memory-mb 1000 "$work/news.jsonl"
bash "$shared/peers/lucene.sh" index "$work/news.jsonl" "$work/lucene-idx" hi 2
