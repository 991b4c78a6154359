#!/usr/bin/env python3
"""Converts the Cranfield collection (../shared/data/cranfield) for `khoj eval`:
OUT/docs.jsonl (title from .T, body from .W without the title it repeats), OUT/queries.tsv
(numbered 1-225 in file order, as cranqrel numbers them) and OUT/qrels.tsv (relevance codes
1 (best) to 4 turned into grades 4 to 1; -1, not relevant, left out).

    scripts/cranfield.py OUT_DIR

Cranfield is English and has titles: khoj uses it to measure the title boost, which the Hindi
development set (paragraphs without titles) cannot.
"""
import json, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(os.environ.get("KHOJ_SHARED", os.path.join(here, "..", "..", "shared")), "data", "cranfield")
out = sys.argv[1]
os.makedirs(out, exist_ok=True)

def records(path):
    rec, field = None, None
    for line in open(path, encoding="latin-1"):
        m = re.match(r"^\.([ITABW])(?:\s+(\d+))?\s*$", line)
        if m:
            if m.group(1) == "I":
                if rec: yield rec
                rec, field = {"I": m.group(2)}, None
            else:
                field = m.group(1)
                rec[field] = ""
        elif rec is not None and field:
            rec[field] += line
    if rec: yield rec

def clean(s): return " ".join(s.split())

with open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as f:
    for r in records(os.path.join(src, "cran.all.1400")):
        title, body = clean(r.get("T", "")), clean(r.get("W", ""))
        if title and body.startswith(title):
            body = body[len(title):].strip()
        f.write(json.dumps({"id": str(int(r["I"])), "title": title, "body": body or title, "lang": "en"}) + "\n")
with open(os.path.join(out, "queries.tsv"), "w", encoding="utf-8") as f:
    for n, r in enumerate(records(os.path.join(src, "cran.qry")), 1):
        f.write(f"{n}\t{clean(r.get('W', ''))}\n")
with open(os.path.join(out, "qrels.tsv"), "w", encoding="utf-8") as f:
    for line in open(os.path.join(src, "cranqrel")):
        a = line.split()
        if len(a) >= 3 and int(a[2]) in (1, 2, 3, 4):
            f.write(f"{a[0]} 0 {a[1]} {5 - int(a[2])}\n")
print(f"{out}: docs.jsonl queries.tsv qrels.tsv")
