#!/usr/bin/env python3
"""Writes the index-build corpus: ../shared/data/news/hindi-news-2020.jsonl repeated
COPIES times (default 15, about 104 MB) with fresh ids ("<id>-c<k>"), as JSON Lines.

    scripts/news_corpus.py OUT.jsonl [COPIES]

The text is newspaper copyright (see ../shared/data/README.md): the output is for
benchmarks only, never committed or shipped.
"""
import json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
shared = os.environ.get("KHOJ_SHARED", os.path.join(here, "..", "..", "shared"))
src = os.path.join(shared, "data", "news", "hindi-news-2020.jsonl")
out, copies = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15
articles = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
with open(out, "w", encoding="utf-8") as f:
    for k in range(copies):
        for a in articles:
            b = dict(a, id=f"{a['id']}-c{k}")
            f.write(json.dumps(b, ensure_ascii=False) + "\n")
print(f"{out}: {len(articles) * copies} articles, {os.path.getsize(out)} bytes")
