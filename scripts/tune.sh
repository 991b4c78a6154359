#!/usr/bin/env bash
# The measurements behind khoj's default analyzer options and ranking weights: each choice
# varied alone around the defaults, with `khoj eval` on the Hindi development set (and its
# queries respelled as casual typists do, scripts/respell_queries.py), and the title boost
# also on Cranfield, whose documents have titles (hi-dev's relevant paragraphs have none).
#
#   scripts/tune.sh [WORK_DIR]      (default: target/tune)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KHOJ_SHARED:-$(cd .. && pwd)/shared}
work=${1:-target/tune}
mkdir -p "$work"
cargo build --release -q
hi=$shared/data/eval/hi-dev
python3 scripts/respell_queries.py "$hi/queries.tsv" "$work/respelled.tsv" 2> /dev/null
python3 scripts/cranfield.py "$work/cranfield" > /dev/null
ev() { target/release/khoj eval --docs "$hi/docs.jsonl" --qrels "$hi/qrels.tsv" "$@" | cut -d' ' -f2; }
cran() { target/release/khoj eval --docs "$work/cranfield/docs.jsonl" --queries "$work/cranfield/queries.tsv" --qrels "$work/cranfield/qrels.tsv" "$@" | cut -d' ' -f2,3; }
row() { printf '| %s | %s | %s |\n' "$1" "$(ev --queries "$hi/queries.tsv" "${@:2}")" "$(ev --queries "$work/respelled.tsv" "${@:2}")"; }

echo "| setting (all else default) | hi-dev | hi-dev respelled |"
echo "|---|---|---|"
row "defaults"
row "fold_vowel_length off" --fold-vowel-length false
row "drop_final_virama off" --drop-final-virama false
row "stemming off" --stemming false
row "stopwords off" --stopwords false
for v in 0 0.25 1; do row "exact_boost $v" --exact-boost $v; done
for v in 0 0.5 1; do row "phrase_boost $v" --phrase-boost $v; done
for v in 1 2; do row "proximity_window $v" --proximity-window $v; done
for v in 0 1; do row "phrase_slop $v" --phrase-slop $v; done
echo
echo "| title_boost | hi-dev MRR@10 | Cranfield MRR@10, nDCG@10 |"
echo "|---|---|---|"
for v in 0 0.1 0.2 0.5 1; do
  printf '| %s | %s | %s |\n' "$v" "$(ev --queries "$hi/queries.tsv" --title-boost $v)" "$(cran --title-boost $v)"
done
