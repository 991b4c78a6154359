#!/usr/bin/env bash
# Relevance in the Indian languages beyond Hindi, side by side in one run: khoj (articles
# indexed with their `lang`, questions searched with no language hint) against Lucene
# (../shared/peers/lucene.sh, BM25 k1=0.9 b=0.4) with its analyzer for the language where it
# has one, and with its standard analyzer (`en`), on ../shared/data/indic: the 13 languages of
# indicquest-dev and TyDi QA GoldP dev Bengali and Telugu. All scored by
# ../shared/peers/ir_metrics.py (MRR@10 first).
#
#   scripts/indic_eval.sh [WORK_DIR] [LANG...]     (default: target/indic-eval, all languages)
#
# KHOJ_EVAL_FLAGS adds flags to `khoj eval` (e.g. "--bm25-k1 1.2 --bm25-b 0.75").
# Lucene's runs are kept in WORK_DIR and reused (delete them to re-run Lucene).
#
# Then the questions of each indicquest language typed in Roman letters (ITRANS through
# PyPI's indic-transliteration, lowercased, marks stripped: scripts/romanize_queries.py;
# needs `pip install indic-transliteration`), khoj against Lucene's standard analyzer.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KHOJ_SHARED:-$(cd .. && pwd)/shared}
work=${1:-target/indic-eval}
shift || true
langs=${*:-bn te ta gu pa ur kn ml or mr ne as sa tydi-bn tydi-te}
mkdir -p "$work"
cargo build --release -q
khoj=target/release/khoj
mrr() { python3 "$shared/peers/ir_metrics.py" "$1" "$2" | grep -o 'MRR@10=[0-9.]*' | cut -d= -f2; }

lucene() { # docs queries qrels analyzer name -> MRR@10 (cached)
  local run=$work/$5.lucene-$4.run
  if [ ! -s "$run" ]; then
    bash "$shared/peers/lucene.sh" index "$1" "$work/idx" "$4" 2 > /dev/null 2>&1 || return 0
    bash "$shared/peers/lucene.sh" search "$work/idx" "$2" "$run" "$4" > /dev/null 2>&1 || return 0
    rm -rf "$work/idx"
  fi
  mrr "$3" "$run"
}

printf '%-8s %8s %8s %8s\n' set khoj lucene-lang lucene-std
sum_k=0 sum_l=0 n=0
for name in $langs; do
  case $name in
    tydi-bn|tydi-te)
      lang=${name#tydi-}
      file=$shared/data/indic/tydiqa-goldp-dev/$([ "$lang" = bn ] && echo bengali || echo telugu).json
      dir=$work/$name
      [ -s "$dir/docs.jsonl" ] || python3 scripts/squad_files.py "$file" "$dir" "$lang" > /dev/null ;;
    *) lang=$name dir=$shared/data/indic/indicquest-dev/$name ;;
  esac
  $khoj eval --docs "$dir/docs.jsonl" --queries "$dir/queries.tsv" --qrels "$dir/qrels.tsv" \
    --run "$work/$name.khoj.run" ${KHOJ_EVAL_FLAGS:-} > /dev/null
  k=$(mrr "$dir/qrels.tsv" "$work/$name.khoj.run")
  l=$(lucene "$dir/docs.jsonl" "$dir/queries.tsv" "$dir/qrels.tsv" "$lang" "$name")
  s=$(lucene "$dir/docs.jsonl" "$dir/queries.tsv" "$dir/qrels.tsv" en "$name")
  printf '%-8s %8s %8s %8s\n' "$name" "$k" "${l:--}" "${s:--}"
  case $name in tydi-*) ;; *)
    best=$(python3 -c "print(max(float('${l:-0}'), float('${s:-0}')))")
    sum_k=$(python3 -c "print($sum_k + $k)") sum_l=$(python3 -c "print($sum_l + $best)") n=$((n + 1)) ;;
  esac
done
[ "$n" -gt 0 ] && python3 -c "print(f'mean over the {$n} indicquest languages: khoj {$sum_k/$n:.4f}, Lucene (best of its two) {$sum_l/$n:.4f}')"

echo
printf '%-8s %8s %8s\n' roman khoj lucene-std
for name in $langs; do
  case $name in tydi-*|ur) continue ;; esac
  case $name in
    bn|as) script=bengali ;; pa) script=gurmukhi ;; gu) script=gujarati ;; or) script=oriya ;;
    ta) script=tamil ;; te) script=telugu ;; kn) script=kannada ;; ml) script=malayalam ;;
    *) script=devanagari ;;
  esac
  dir=$shared/data/indic/indicquest-dev/$name
  python3 scripts/romanize_queries.py "$dir/queries.tsv" "$work/$name-roman.tsv" itrans "$script"
  $khoj eval --docs "$dir/docs.jsonl" --queries "$work/$name-roman.tsv" --qrels "$dir/qrels.tsv" \
    --run "$work/$name-roman.khoj.run" ${KHOJ_EVAL_FLAGS:-} > /dev/null
  k=$(mrr "$dir/qrels.tsv" "$work/$name-roman.khoj.run")
  s=$(lucene "$dir/docs.jsonl" "$work/$name-roman.tsv" "$dir/qrels.tsv" en "$name-roman")
  printf '%-8s %8s %8s\n' "$name" "$k" "${s:--}"
done
