#!/usr/bin/env bash
# What copy fingerprints cost the build: `khoj index` with and without `--no-fingerprints`.
#
#   scripts/fingerprint_cost.sh [CORPUS.jsonl] [RUNS=5]   # wall and CPU time, medians, runs in turn
#   scripts/fingerprint_cost.sh --callgrind [FILE.jsonl]  # instructions (valgrind), one thread
#
# CORPUS defaults to the 104 MB corpus (news x15) that scripts/bench_index.sh builds; FILE
# to the news file of ../shared. Uses target/release/khoj (build it first), or $KHOJ_BIN.
# User time is reported beside wall and CPU time: the kernel's share (zeroing the pages a
# build touches first) is what varies most between runs on a shared host.
set -euo pipefail
cd "$(dirname "$0")/.."
khoj=${KHOJ_BIN:-target/release/khoj}
shared=${KHOJ_SHARED:-../shared}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if [ "${1:-}" = --callgrind ]; then
  file=${2:-$shared/data/news/hindi-news-2020.jsonl}
  for mode in without with; do
    flag=(); [ $mode = without ] && flag=(--no-fingerprints)
    rm -rf "$out/idx"
    n=$(valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$khoj" index --index "$out/idx" \
        --threads 1 "${flag[@]}" "$file" 2>&1 | awk '/Collected/ {print $NF}')
    echo "$mode $n"
  done | awk '{n[$1]=$2} END {printf "instructions: with %.3f G, without %.3f G: %+.1f%%\n", n["with"]/1e9, n["without"]/1e9, (n["with"]/n["without"]-1)*100}'
  exit
fi
corpus=${1:-target/bench-index/news.jsonl}
runs=${2:-5}
[ -f "$corpus" ] || { mkdir -p "$(dirname "$corpus")"; KHOJ_SHARED=$shared python3 scripts/news_corpus.py "$corpus" 15 > /dev/null; }
for _ in $(seq "$runs"); do
  for mode in without with; do
    flag=(); [ $mode = without ] && flag=(--no-fingerprints)
    rm -rf "$out/idx"
    /usr/bin/time -f "$mode %e %U %S" "$khoj" index --index "$out/idx" --threads 2 "${flag[@]}" "$corpus" 2>&1 >/dev/null | tail -1
  done
done | python3 -c "
import sys, statistics as st
runs = {}
for line in sys.stdin:
    mode, wall, user, sys_ = line.split()
    runs.setdefault(mode, []).append((float(wall), float(user) + float(sys_), float(user)))
med = {m: [st.median(x[k] for x in r) for k in range(3)] for m, r in runs.items()}
for m in ('without', 'with'):
    w, c, u = med[m]
    print(f'{m} fingerprints: {w:.2f} s wall, {c:.2f} s CPU, {u:.2f} s user (medians of {len(runs[m])})')
cost = [med['with'][k] / med['without'][k] - 1 for k in range(3)]
print(f'cost: wall {cost[0]:+.1%}, CPU {cost[1]:+.1%}, user {cost[2]:+.1%}')
"
