#!/usr/bin/env python3
"""Copy detection per edit kind: runs `khoj eval --copy-truth` on a set made by
scripts/copyset.py and breaks its recall down by the edits each copy got, and its false
joins by whether the copy held another story's text.

    scripts/copy_eval.py COPIES.jsonl TRUTH.tsv [KHOJ=target/release/khoj]
"""
import collections, re, subprocess, sys

docs, truth = sys.argv[1], sys.argv[2]
khoj = sys.argv[3] if len(sys.argv) > 3 else "target/release/khoj"
out = subprocess.run([khoj, "eval", "--docs", docs, "--copy-truth", truth],
                     capture_output=True, text=True, check=True).stdout
edits = dict(l.rstrip("\n").split("\t") for l in open(truth + ".edits", encoding="utf-8"))
missed = set()
for a, b in re.findall(r"^missed: (\S+) \+ (\S+)", out, re.M):
    missed.update(x for x in (a, b) if x in edits and x.removesuffix("-copy") in (a, b))
wrong = collections.Counter()
for a, b in re.findall(r"^merged, not a known copy pair: (\S+) .*\+ (\S+) \(", out, re.M):
    for x in (a, b):
        if x in edits:
            wrong[x] += 1
print(next(l for l in out.splitlines() if l.startswith("copies:")))
found = collections.Counter()
total = collections.Counter()
for cid, names in edits.items():
    for name in names.split(","):
        total[name] += 1
        found[name] += cid not in missed
print(f"copies found {len(edits) - len(missed)} of {len(edits)}; copies in a false pair: {len(wrong)}")
for name in sorted(total):
    joined = sum(1 for c in wrong if name in edits[c].split(","))
    print(f"  {name:18} found {found[name]:3}/{total[name]:3} = {found[name] / total[name]:.3f}"
          f"   in a false pair: {joined}")
