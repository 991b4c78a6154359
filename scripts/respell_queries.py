#!/usr/bin/env python3
"""Writes a copy of a query file with the spelling variations casual typists make, to
measure how an analyzer copes with "other spellings": vowel length swapped (ि/ी, ु/ू,
इ/ई, उ/ऊ), chandrabindu and anusvara swapped, nukta dropped or added. Each change is applied
to a vowel sign or letter with probability P (default 0.3), with a fixed seed.

    scripts/respell_queries.py IN.tsv OUT.tsv [P] [SEED]
"""
import random, sys

SWAP = {"ि": "ी", "ी": "ि", "ु": "ू", "ू": "ु", "इ": "ई", "ई": "इ", "उ": "ऊ", "ऊ": "उ", "ँ": "ं", "ं": "ँ"}
NUKTA = "\u093c"
src, out = sys.argv[1], sys.argv[2]
p = float(sys.argv[3]) if len(sys.argv) > 3 else 0.3
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
changed = 0
with open(out, "w", encoding="utf-8") as f:
    for line in open(src, encoding="utf-8"):
        qid, text = line.rstrip("\n").split("\t", 1)
        chars = []
        for c in text:
            if c in SWAP and rng.random() < p:
                chars.append(SWAP[c]); changed += 1
            elif c == NUKTA and rng.random() < p:
                changed += 1  # dropped
            else:
                chars.append(c)
        f.write(f"{qid}\t{''.join(chars)}\n")
print(f"{out}: {changed} changes", file=sys.stderr)
