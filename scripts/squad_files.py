#!/usr/bin/env python3
"""Turns a SQuAD-format file into OUT/docs.jsonl, OUT/queries.tsv and OUT/qrels.tsv, with
the ids `khoj eval --squad` uses (paragraph `<article>-<paragraph>`, the question's own id),
so that peers (../shared/peers/lucene.sh) can be measured on exactly the same benchmark.
A context `title [SEP] text` (JSQuAD) keeps only the text, as khoj does.

    scripts/squad_files.py FILE.json OUT_DIR [LANG]

With LANG, every article carries it (`"lang": LANG`), as a site's articles would.
"""
import json, os, sys

src, out = sys.argv[1], sys.argv[2]
lang = sys.argv[3] if len(sys.argv) > 3 else None
os.makedirs(out, exist_ok=True)
data = json.load(open(src, encoding="utf-8"))["data"]
with open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as d, \
     open(os.path.join(out, "queries.tsv"), "w", encoding="utf-8") as q, \
     open(os.path.join(out, "qrels.tsv"), "w", encoding="utf-8") as r:
    for a, article in enumerate(data):
        for p, para in enumerate(article.get("paragraphs", [])):
            context = para["context"]
            if " [SEP] " in context:
                context = context.split(" [SEP] ", 1)[1]
            pid = f"{a}-{p}"
            doc = {"id": pid, "title": "", "body": context}
            if lang:
                doc["lang"] = lang
            d.write(json.dumps(doc, ensure_ascii=False) + "\n")
            for k, qa in enumerate(para.get("qas", [])):
                qid = str(qa.get("id", f"{pid}-{k}"))
                text = " ".join(qa["question"].split())
                q.write(f"{qid}\t{text}\n")
                r.write(f"{qid} 0 {pid} 1\n")
print(f"{out}: docs.jsonl queries.tsv qrels.tsv")
