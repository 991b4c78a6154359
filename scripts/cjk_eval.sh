#!/usr/bin/env bash
# Relevance on the CJK SQuAD sets with `khoj eval --squad`, with the lindera dictionaries
# (unpacked from ../shared/lindera) and with the bigram fallback (no dictionary).
#
#   scripts/cjk_eval.sh [WORK_DIR]      (default: target/cjk-eval)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KHOJ_SHARED:-$(cd .. && pwd)/shared}
work=${1:-target/cjk-eval}
KHOJ_SHARED=$shared scripts/unpack_dicts.sh "$work/dicts"
cargo build --release -q
for f in jsquad-valid-v1.3.json KorQuAD_v1.0_dev.json xquad.zh.json cmrc2018_dev.json; do
  with=$(KHOJ_DICT_DIR=$work/dicts target/release/khoj eval --squad "$shared/data/squad/$f" 2> /dev/null)
  without=$(KHOJ_DICT_DIR=$work/no-dicts target/release/khoj eval --squad "$shared/data/squad/$f" 2> /dev/null)
  echo "$f dictionary: $with"
  echo "$f bigrams:    $without"
done
