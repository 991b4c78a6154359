#!/usr/bin/env bash
# Related coverage (precision@4, `khoj eval --squad FILE --related`) on every SQuAD-format
# file of ../shared whose articles have several paragraphs: XQuAD in Hindi, English and
# Chinese (issue #19's sets: 240 paragraphs, 48 articles) and, held out from all tuning,
# KorQuAD 1.0 dev (964 paragraphs, 140 articles) and JSQuAD (1,145 paragraphs, 59 articles).
# A paragraph's related ones are the other paragraphs of its article; khoj against tantivy's
# MoreLikeThisQuery on the same index. CJK text is analyzed with the lindera dictionaries
# (unpacked from ../shared/lindera by scripts/unpack_dicts.sh).
#
#   scripts/related_eval.sh [WORK_DIR]      (default: target/cjk-eval, shared with cjk_eval.sh)
#
# (CMRC 2018 is left out: each of its articles has one paragraph.)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KHOJ_SHARED:-$(cd .. && pwd)/shared}
work=${1:-target/cjk-eval}
[ -d "$shared/data/squad" ] || { echo "skipped: $shared/data/squad not found"; exit 0; }
KHOJ_SHARED=$shared scripts/unpack_dicts.sh "$work/dicts"
cargo build --release -q
printf "%-26s %8s %8s %14s\n" set queries khoj more_like_this
for f in xquad.hi xquad.en xquad.zh KorQuAD_v1.0_dev jsquad-valid-v1.3; do
  line=$(KHOJ_DICT_DIR=$work/dicts target/release/khoj eval --squad "$shared/data/squad/$f.json" \
    --related 2> /dev/null | grep '^related:')
  # related: queries=N P@4 khoj=X more_like_this=Y
  echo "$line" | sed -E 's/.*queries=([0-9]+) P@4 khoj=([0-9.]+) more_like_this=([0-9.]+).*/\1 \2 \3/' |
    awk -v f="$f" '{printf "%-26s %8s %8s %14s\n", f, $1, $2, $3}'
done
