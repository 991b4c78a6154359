#!/usr/bin/env bash
# What analysis costs per byte of each Indian language's dev text (indicquest-dev's answers and
# headlines, analyzed as their language, the index chain), now and at an earlier revision:
# instructions per byte (valgrind; exact, the same on any machine) and MiB/s (median of RUNS
# runs each, default 7, the two revisions in turn, one core: this host varies by ±10%).
#
#   scripts/analysis_cost.sh [REV] [LANGS...]     # e.g. scripts/analysis_cost.sh 1a21a57 bn te
#   RUNS=3 scripts/analysis_cost.sh ...             # fewer timing runs
#
# Without REV, only the working tree. Hindi (`hi`) is the news file of ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KHOJ_SHARED:-../shared}
rev=${1:-}
[ $# -gt 0 ] && shift
langs=("$@")
[ ${#langs[@]} -eq 0 ] && langs=(hi bn as pa gu or ta te kn ml ur mr ne sa)
example=analyzers/examples/analyze_text.rs
cargo build -q --release -p khoj-analyzers --example analyze_text
now=target/release/examples/analyze_text
before=
if [ -n "$rev" ]; then
  tree=target/analysis-cost/$rev
  [ -d "$tree" ] || git worktree add -f -q "$tree" "$rev"
  mkdir -p "$tree/$(dirname "$example")"
  cp "$example" "$tree/$example"
  (cd "$tree" && CARGO_TARGET_DIR=../target-$rev cargo build -q --release -p khoj-analyzers --example analyze_text)
  before=target/analysis-cost/target-$rev/release/examples/analyze_text
fi
file_of() { [ "$1" = hi ] && echo "$shared/data/news/hindi-news-2020.jsonl" || echo "$shared/data/indic/indicquest-dev/$1/docs.jsonl"; }
lang_of() { [ "$1" = hi ] && echo - || echo "$1"; }
bytes_of() { "$1" "$(lang_of "$2")" "$(file_of "$2")" 1 | sed -E 's/^[^:]*: ([0-9]+) bytes.*/\1/'; }
# instructions of 3 runs minus those of 1 (start-up cancels), a byte
per_byte() {
  local bin=$1 l=$2 n3 n1
  n3=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$(lang_of "$l")" "$(file_of "$l")" 3 2>&1 | awk '/Collected/ {print $NF}')
  n1=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$(lang_of "$l")" "$(file_of "$l")" 1 2>&1 | awk '/Collected/ {print $NF}')
  echo "$n3 $n1 $(bytes_of "$bin" "$l")" | awk '{printf "%.1f", ($1 - $2) / (2 * $3)}'
}
mibs() { "$1" "$(lang_of "$2")" "$(file_of "$2")" "$3" | sed -E 's/.*: ([0-9.]+) MiB\/s.*/\1/'; }
runs=${RUNS:-7}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf "%-4s %22s %26s\n" lang "instructions/byte" "MiB/s (median of $runs)"
for l in "${langs[@]}"; do
  [ -f "$(file_of "$l")" ] || { echo "$l: skipped: $(file_of "$l") not found"; continue; }
  times=$(( 60000000 / $(bytes_of "$now" "$l") + 1 ))
  ia=$(per_byte "$now" "$l")
  if [ -n "$before" ]; then
    ib=$(per_byte "$before" "$l")
    wb=(); wa=()
    for _ in $(seq "$runs"); do wb+=("$(mibs "$before" "$l" "$times")"); wa+=("$(mibs "$now" "$l" "$times")"); done
    mb=$(printf "%s\n" "${wb[@]}" | median); ma=$(printf "%s\n" "${wa[@]}" | median)
    echo "$l $ib $ia $mb $ma" | awk '{printf "%-4s %7.1f -> %5.1f (%.2fx) %8.1f -> %6.1f (%.2fx)\n", $1, $2, $3, $2/$3, $4, $5, $5/$4}'
  else
    wa=(); for _ in $(seq "$runs"); do wa+=("$(mibs "$now" "$l" "$times")"); done
    printf "%-4s %22s %26s\n" "$l" "$ia" "$(printf "%s\n" "${wa[@]}" | median)"
  fi
done
