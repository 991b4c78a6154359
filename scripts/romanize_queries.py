#!/usr/bin/env python3
"""Romanizes a query file as casual typists write Hindi in Roman letters: transliterated
with an independent transliterator (PyPI's indic-transliteration, ITRANS by default, or HK),
then lowercased, with every mark that is not a letter, digit or space removed
(ITRANS's `.N`, `~`, `^`, HK's digits-as-marks and so on).

    pip install indic-transliteration
    scripts/romanize_queries.py IN.tsv OUT.tsv [itrans|hk] [SCRIPT]

SCRIPT is the queries' script as indic-transliteration names it (devanagari by default;
bengali, gurmukhi, gujarati, oriya, tamil, telugu, kannada, malayalam).
"""
import re, sys
from indic_transliteration import sanscript

src, out = sys.argv[1], sys.argv[2]
scheme = {"itrans": sanscript.ITRANS, "hk": sanscript.HK}[sys.argv[3] if len(sys.argv) > 3 else "itrans"]
script = sys.argv[4] if len(sys.argv) > 4 else sanscript.DEVANAGARI
with open(out, "w", encoding="utf-8") as f:
    for line in open(src, encoding="utf-8"):
        qid, text = line.rstrip("\n").split("\t", 1)
        roman = sanscript.transliterate(text, script, scheme).lower()
        roman = re.sub(r"[^a-z0-9 ]+", "", roman)
        f.write(f"{qid}\t{' '.join(roman.split())}\n")
