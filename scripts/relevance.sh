#!/usr/bin/env bash
# Relevance side by side in one run: khoj's defaults against Lucene (../shared/peers/lucene.sh,
# BM25 k1=0.9 b=0.4, HindiAnalyzer for Hindi, EnglishAnalyzer for English) on the same files,
# both scored by ../shared/peers/ir_metrics.py.
#
#   scripts/relevance.sh [WORK_DIR]      (default: target/relevance)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KHOJ_SHARED:-$(cd .. && pwd)/shared}
work=${1:-target/relevance}
mkdir -p "$work"
cargo build --release -q
khoj=target/release/khoj
metrics() { python3 "$shared/peers/ir_metrics.py" "$1" "$2"; }

compare() { # name docs queries qrels lang
  local name=$1 docs=$2 queries=$3 qrels=$4 lang=$5
  $khoj eval --docs "$docs" --queries "$queries" --qrels "$qrels" --run "$work/$name.khoj.run" > /dev/null
  echo "$name khoj:   $(metrics "$qrels" "$work/$name.khoj.run")"
  [ -d "$work/$name.lucene-idx" ] || bash "$shared/peers/lucene.sh" index "$docs" "$work/$name.lucene-idx" "$lang" 2 > /dev/null
  bash "$shared/peers/lucene.sh" search "$work/$name.lucene-idx" "$queries" "$work/$name.lucene.run" "$lang" > /dev/null
  echo "$name lucene: $(metrics "$qrels" "$work/$name.lucene.run")"
}

hi=$shared/data/eval/hi-dev
compare hi-dev "$hi/docs.jsonl" "$hi/queries.tsv" "$hi/qrels.tsv" hi
python3 scripts/respell_queries.py "$hi/queries.tsv" "$work/hi-dev-respelled.tsv" 2> /dev/null
compare hi-dev-respelled "$hi/docs.jsonl" "$work/hi-dev-respelled.tsv" "$hi/qrels.tsv" hi
# Hindi typed in Roman letters (needs: pip install indic-transliteration)
for scheme in itrans hk; do
  python3 scripts/romanize_queries.py "$hi/queries.tsv" "$work/hi-dev-$scheme.tsv" "$scheme"
  compare "hi-dev-roman-$scheme" "$hi/docs.jsonl" "$work/hi-dev-$scheme.tsv" "$hi/qrels.tsv" hi
done
python3 scripts/squad_files.py "$shared/data/squad/xquad.en.json" "$work/xquad-en" > /dev/null
compare xquad-en "$work/xquad-en/docs.jsonl" "$work/xquad-en/queries.tsv" "$work/xquad-en/qrels.tsv" en
python3 scripts/cranfield.py "$work/cranfield" > /dev/null
compare cranfield "$work/cranfield/docs.jsonl" "$work/cranfield/queries.tsv" "$work/cranfield/qrels.tsv" en
