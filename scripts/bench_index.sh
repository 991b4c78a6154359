#!/usr/bin/env bash
# Whole-process index build, side by side: `khoj index` against Lucene's HindiAnalyzer
# (../shared/peers/lucene.sh: positions and stored text), 2 threads each, three runs each
# taken in turn (khoj, Lucene, khoj, Lucene, ...), medians reported. Rows:
#
#   104 MB   the news of ../shared repeated 15 times with fresh ids (22,815 articles)
#   1 GB     the same repeated 150 times (228,150 articles); skipped with --no-big
#   HTTP     bulk over HTTP against `khoj index` on the news ×5 (scripts/bench_bulk.py)
#
# khoj runs with its default memory budget (--memory-mb 1000); its peak memory is printed.
#
#   scripts/bench_index.sh [--no-big] [--runs N] [WORK_DIR]     (default: target/bench-index)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KHOJ_SHARED:-$(cd .. && pwd)/shared}
big=1
runs=3
while [ $# -gt 0 ]; do
  case $1 in
    --no-big) big=0; shift ;;
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
work=${1:-target/bench-index}
mkdir -p "$work"
[ -d "$shared/peers" ] || { echo "skipped: $shared/peers not found (the Lucene peer)"; exit 0; }
cargo build --release -q
khoj=target/release/khoj

# corpus COPIES FILE: the news repeated COPIES times, written once.
corpus() {
  [ -f "$2" ] || KHOJ_SHARED=$shared python3 scripts/news_corpus.py "$2" "$1" > /dev/null
}

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# row NAME FILE: RUNS runs of khoj and Lucene in turn on FILE; prints the row.
row() {
  local name=$1 file=$2 bytes k_times="" l_times="" peaks=""
  bytes=$(stat -c %s "$file")
  for i in $(seq "$runs"); do
    rm -rf "$work/khoj-idx" "$work/lucene-idx"
    # wall seconds and peak resident memory (KB) of the whole process
    /usr/bin/time -o "$work/time" -f "%e %M" "$khoj" index --index "$work/khoj-idx" \
      --threads 2 "$file" > /dev/null 2> "$work/khoj.err" || { cat "$work/khoj.err"; exit 1; }
    read -r t kb < "$work/time"
    k_times+="$t"$'\n'; peaks+="$kb"$'\n'
    /usr/bin/time -o "$work/time" -f "%e" bash "$shared/peers/lucene.sh" index "$file" \
      "$work/lucene-idx" hi 2 > /dev/null 2> "$work/lucene.err" || { cat "$work/lucene.err"; exit 1; }
    read -r t < "$work/time"
    l_times+="$t"$'\n'
    echo "  $name run $i: khoj $(echo "$k_times" | grep . | tail -1) s, Lucene $t s" >&2
  done
  local k l peak
  k=$(echo "$k_times" | grep . | median)
  l=$(echo "$l_times" | grep . | median)
  peak=$(echo "$peaks" | grep . | sort -n | tail -1)
  awk -v n="$name" -v b="$bytes" -v k="$k" -v l="$l" -v p="$peak" -v kt="$(echo $k_times)" -v lt="$(echo $l_times)" 'BEGIN {
    printf "| %s | %.1f MB | %.2f s (%.1f MB/s) | %.2f s (%.1f MB/s) | %.1f× | %d MB |\n", n, b / 1e6, k, b / 1e6 / k, l, b / 1e6 / l, l / k, p / 1000
    printf "    (khoj runs: %s; Lucene runs: %s)\n", kt, lt > "/dev/stderr"
  }'
}

corpus 15 "$work/news.jsonl"
echo "| corpus | size | khoj index, median of $runs | Lucene HindiAnalyzer, median of $runs | khoj faster | khoj peak memory (all runs) |"
echo "|---|---|---|---|---|---|"
row "news ×15" "$work/news.jsonl"
if [ "$big" = 1 ]; then
  corpus 150 "$work/news-x150.jsonl"
  row "news ×150" "$work/news-x150.jsonl"
fi
rm -rf "$work/khoj-idx" "$work/lucene-idx"

echo
echo "HTTP bulk (POST /api/articles, 1,000 lines a request, one client) against khoj index:"
corpus 5 "$work/news-x5.jsonl"
python3 scripts/bench_bulk.py "$work/news-x5.jsonl" --runs "$runs" --khoj "$khoj"
