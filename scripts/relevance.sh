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

khoj_run() { # name docs queries qrels [khoj eval flags...]
  local name=$1 docs=$2 queries=$3 qrels=$4
  shift 4
  $khoj eval --docs "$docs" --queries "$queries" --qrels "$qrels" --run "$work/$name.khoj.run" "$@" > /dev/null
  echo "$name khoj${*:+ $*}:   $(metrics "$qrels" "$work/$name.khoj.run")"
}

compare() { # name docs queries qrels lang [khoj eval flags...]
  local name=$1 docs=$2 queries=$3 qrels=$4 lang=$5
  khoj_run "$name" "$docs" "$queries" "$qrels" "${@:6}"
  local idx=$work/$(basename "$(dirname "$docs")")-$lang.lucene-idx
  [ -d "$idx" ] || bash "$shared/peers/lucene.sh" index "$docs" "$idx" "$lang" 2 > /dev/null
  bash "$shared/peers/lucene.sh" search "$idx" "$queries" "$work/$name.lucene.run" "$lang" > /dev/null
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
# one slip of the finger in each question (two seeds), with and without typo tolerance
for seed in 7 23; do
  python3 scripts/noisy_queries.py typos "$hi/queries.tsv" "$work/hi-dev-typos-$seed.tsv" "$seed"
  compare "hi-dev-typos-$seed" "$hi/docs.jsonl" "$work/hi-dev-typos-$seed.tsv" "$hi/qrels.tsv" hi
  khoj_run "hi-dev-typos-$seed-off" "$hi/docs.jsonl" "$work/hi-dev-typos-$seed.tsv" "$hi/qrels.tsv" --no-typos
done
# the last word still being typed: as a word, and as a prefix (--instant)
python3 scripts/noisy_queries.py cut "$hi/queries.tsv" "$work/hi-dev-cut.tsv" 7
compare hi-dev-cut "$hi/docs.jsonl" "$work/hi-dev-cut.tsv" "$hi/qrels.tsv" hi
khoj_run hi-dev-cut-instant "$hi/docs.jsonl" "$work/hi-dev-cut.tsv" "$hi/qrels.tsv" --instant
# stopped inside any word of the question, the words after it not yet typed
python3 scripts/noisy_queries.py typing "$hi/queries.tsv" "$work/hi-dev-typing.tsv" 7
compare hi-dev-typing "$hi/docs.jsonl" "$work/hi-dev-typing.tsv" "$hi/qrels.tsv" hi
khoj_run hi-dev-typing-instant "$hi/docs.jsonl" "$work/hi-dev-typing.tsv" "$hi/qrels.tsv" --instant
python3 scripts/squad_files.py "$shared/data/squad/xquad.en.json" "$work/xquad-en" > /dev/null
compare xquad-en "$work/xquad-en/docs.jsonl" "$work/xquad-en/queries.tsv" "$work/xquad-en/qrels.tsv" en
python3 scripts/cranfield.py "$work/cranfield" > /dev/null
compare cranfield "$work/cranfield/docs.jsonl" "$work/cranfield/queries.tsv" "$work/cranfield/qrels.tsv" en
