#!/usr/bin/env python3
"""Builds the wire-copy benchmark from the real Hindi news: copies of a sample of articles
with the edits a story gets when another site runs it, mixed with all the originals.

    scripts/copyset.py OUT.jsonl TRUTH.tsv [SAMPLE=300] [SEED=11]

Every copy gets a new headline, and at least two of: its last paragraph (or sentence)
dropped, a dateline or byline added, nukta and anusvara spelling changes, two sentences
swapped. The news set itself holds the same story more than once (dailies repeat agency
copy): two originals whose bodies share at least half of their word 3-shingles (exact
Jaccard, nukta and chandrabindu folded — a measure independent of khoj's MinHash) count as
copies too, and are listed in TRUTH.tsv.originals. TRUTH.tsv lists every pair of articles
that are copies of one story: (original, its copy) pairs, and all pairs within groups joined
by such original duplicates. The text is newspaper copyright (../shared/data/README.md): the
output is for evaluation only, never committed.
"""
import json, os, random, re, sys

here = os.path.dirname(os.path.abspath(__file__))
shared = os.environ.get("KHOJ_SHARED", os.path.join(here, "..", "..", "shared"))
out, truth = sys.argv[1], sys.argv[2]
sample = int(sys.argv[3]) if len(sys.argv) > 3 else 300
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 11)
articles = [json.loads(l) for l in open(os.path.join(shared, "data/news/hindi-news-2020.jsonl"), encoding="utf-8")]

DATELINES = ["नई दिल्ली, (भाषा)। ", "मुंबई (एजेंसी)। ", "लखनऊ, ब्यूरो। ", "पटना। "]
BYLINES = ["\n(एजेंसी इनपुट के साथ)", "\n- संवाददाता", "\nइनपुट: भाषा"]
NUKTA = {"\u093c": ""}
HEADLINE_PREFIX = ["बड़ी खबर: ", "अपडेट: ", "", "ताज़ा: "]

def drop_last(body):
    """A trimmed ending: the last paragraph, else the last sentence, when at least 60% of the
    story stays (a site trims the tail of a story, it does not run its first line alone)."""
    paras = [p for p in body.split("\n") if p.strip()]
    if len(paras) > 1 and len("\n".join(paras[:-1])) >= 0.6 * len(body):
        return "\n".join(paras[:-1])
    sents = [s for s in body.split("।") if s.strip()]
    trimmed = "।".join(sents[:-1]) + "।"
    return trimmed if len(sents) > 2 and len(trimmed) >= 0.6 * len(body) else body

def respell(body):
    body = body.replace("\u093c", "")                        # nukta dropped
    body = re.sub("ं(?=[तथदधन])", "न्", body)                # anusvara -> half n
    body = re.sub("ं(?=[पफबभम])", "म्", body)                # anusvara -> half m
    return body

def swap(body):
    sents = [s for s in body.split("।")]
    if len(sents) < 4:
        return body
    i = rng.randrange(0, len(sents) - 2)
    sents[i], sents[i + 1] = sents[i + 1], sents[i]
    return "।".join(sents)

def headline(a):
    words = a["title"].split()
    rng.shuffle(words)
    first = re.split("[।.]", a["body"])[0][:80]
    return rng.choice(HEADLINE_PREFIX) + (first if rng.random() < 0.5 else " ".join(words))

edits = [("drop_last", drop_last), ("dateline", lambda b: rng.choice(DATELINES) + b),
         ("byline", lambda b: b + rng.choice(BYLINES)), ("respell", respell), ("swap", swap)]
chosen = rng.sample(range(len(articles)), sample)
with open(out, "w", encoding="utf-8") as f, open(truth, "w", encoding="utf-8") as t:
    for a in articles:
        f.write(json.dumps(a, ensure_ascii=False) + "\n")
    for n, i in enumerate(chosen):
        a = dict(articles[i])
        body = a["body"]
        for _, e in rng.sample(edits, rng.randint(2, 4)):
            body = e(body)
        copy = dict(a, id=a["id"] + "-copy", title=headline(a), body=body, source="प्रतिलिपि समाचार")
        f.write(json.dumps(copy, ensure_ascii=False) + "\n")
        t.write(f"{a['id']}\t{copy['id']}\n")

# Original duplicates, and the closure of all copy relations into groups.
def shingles(text):
    w = text.replace("\u093c", "").replace("ँ", "ं").split()
    return set(tuple(w[i:i + 3]) for i in range(len(w) - 2))
sets = {a["id"]: shingles(a["body"]) for a in articles}
index = {}
for aid, sh in sets.items():
    for g in sh:
        index.setdefault(g, []).append(aid)
dups = set()
for aid, sh in sets.items():
    cand = {}
    for g in sh:
        for other in index[g]:
            if other > aid:
                cand[other] = cand.get(other, 0) + 1
    for other, common in cand.items():
        if common / len(sh | sets[other]) >= 0.5:
            dups.add((aid, other))
parent = {}
def find(x):
    parent.setdefault(x, x)
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
def union(a, b):
    parent[find(a)] = find(b)
for a, b in dups:
    union(a, b)
pairs = [tuple(l.rstrip("\n").split("\t")) for l in open(truth, encoding="utf-8")]
for a, b in pairs:
    union(a, b)
groups = {}
for x in list(parent):
    groups.setdefault(find(x), []).append(x)
n = 0
with open(truth, "w", encoding="utf-8") as t:
    for members in groups.values():
        members.sort()
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                t.write(f"{members[i]}\t{members[j]}\n")
                n += 1
with open(truth + ".originals", "w", encoding="utf-8") as t:
    for a, b in sorted(dups):
        t.write(f"{a}\t{b}\n")
print(f"{out}: {len(articles)} originals + {sample} copies; {len(dups)} pairs of originals are copies too; {truth}: {n} pairs")
