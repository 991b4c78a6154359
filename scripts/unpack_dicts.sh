#!/usr/bin/env bash
# Unpacks the lindera dictionaries of ../shared/lindera (IPADIC, ko-dic, jieba) into DIR, each
# once: DIR is then a KHOJ_DICT_DIR. Used by CI (.ci/run) and the evaluation scripts.
#
#   scripts/unpack_dicts.sh DIR
set -euo pipefail
shared=${KHOJ_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}
dir=${1:?usage: scripts/unpack_dicts.sh DIR}
mkdir -p "$dir"
for a in "$shared"/lindera/*.tar.xz; do
  [ -e "$a" ] || continue
  name=$(basename "$a" .tar.xz)
  [ -f "$dir/$name/metadata.json" ] || tar -xJf "$a" -C "$dir"
done
