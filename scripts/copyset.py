#!/usr/bin/env python3
"""Builds the wire-copy benchmark from the real Hindi news: copies of a sample of articles
with the edits a story gets when another site runs it, mixed with all the originals.

    scripts/copyset.py OUT.jsonl TRUTH.tsv [SAMPLE=300] [SEED=11] [MODEL=basic]

Two edit models. `basic`: every copy gets a new headline, and at least two of: its last
paragraph (or sentence) dropped, a dateline or byline added, nukta and anusvara spelling
changes, two sentences swapped. `sites` (what another site does to a story it runs, written
after the first model was tuned on): a new headline, and two to four of: the body cut to its
first 55-75% at a sentence end, a paragraph of another story inserted after the lead, a
"यह भी पढ़ें: <another headline>" line inserted after the lead, the paragraphs (or sentences)
after the lead reordered, the first sentence rewritten, digits written as Devanagari
numerals, a dateline, a byline. TRUTH.tsv.edits lists each copy's edits, for recall per edit
kind. The news set itself holds the same story more than once (dailies repeat agency
copy): two originals whose bodies share at least half of their word 3-shingles (exact
Jaccard, nukta and chandrabindu folded — a measure independent of khoj's MinHash) count as
copies too, and so do two of which the smaller has at least 70% of its shingles in the other
and at least 40% of its length (a cut-down or extended version of one text: the edit both
models make); they are listed in TRUTH.tsv.originals. TRUTH.tsv lists every pair of articles
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
model = sys.argv[5] if len(sys.argv) > 5 else "basic"
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

def paragraphs(body):
    """The body's paragraphs, or its sentences when it has one paragraph (joined again by
    `join`): the units a site moves, cuts and inserts between."""
    paras = [p for p in body.split("\n") if p.strip()]
    if len(paras) > 1:
        return paras, "\n"
    return [s.strip() + "।" for s in body.split("।") if s.strip()], " "

def cut(body):
    """The body cut to its first 55-75% of words, at the end of a sentence."""
    words = body.split(" ")
    keep = int(len(words) * rng.uniform(0.55, 0.75))
    head = " ".join(words[:keep])
    end = max(head.rfind("।"), head.rfind("\n"))
    return head[: end + 1] if end > len(head) // 2 else head

def other_story():
    return articles[rng.randrange(len(articles))]

def insert_after_lead(body, text):
    units, sep = paragraphs(body)
    return sep.join(units[:1] + [text] + units[1:])

def insert_paragraph(body):
    """A paragraph of another story inserted after the lead: one of its paragraphs of 15 to
    80 words, else its first two sentences; no longer than half the story it goes into (a
    page that is mostly another story's text is that story's page)."""
    units, _ = paragraphs(other_story()["body"])
    fitting = [u for u in units if 15 <= len(u.split()) <= 80]
    text = rng.choice(fitting) if fitting else " ".join(units[:2])
    return insert_after_lead(body, " ".join(text.split()[: max(15, min(80, len(body.split()) // 2))]))

def also_read(body):
    return insert_after_lead(body, "यह भी पढ़ें: " + other_story()["title"])

def reorder(body):
    """The paragraphs (sentences, for a one-paragraph body) after the lead, shuffled."""
    units, sep = paragraphs(body)
    rest = units[1:]
    rng.shuffle(rest)
    return sep.join(units[:1] + rest)

CONNECTORS = ["बताया जा रहा है कि", "जानकारी के मुताबिक", "सूत्रों के अनुसार", "खबर है कि"]

def rewrite_lead(body):
    """The first sentence (up to its "।", "?", "." or line end) rewritten: a third of its
    words dropped, the rest reordered, a connector of the site's house style in front. Not
    when that sentence is more than a third of the story: a site that rewrites most of a
    story has not copied it."""
    m = re.search(r"[।?\n]|\.(?=\s)", body)
    end = m.end() if m else len(body)
    words = body[:end].split()
    if len(words) * 3 > len(body.split()):
        return body
    kept = [w for w in words if rng.random() > 0.33]
    rng.shuffle(kept)
    return rng.choice(CONNECTORS) + " " + " ".join(kept) + " " + body[end:].lstrip()

def numerals(body):
    return body.translate(str.maketrans("0123456789", "०१२३४५६७८९"))

edits = [("drop_last", drop_last), ("dateline", lambda b: rng.choice(DATELINES) + b),
         ("byline", lambda b: b + rng.choice(BYLINES)), ("respell", respell), ("swap", swap)]
if model == "sites":
    edits = [("cut", cut), ("insert_paragraph", insert_paragraph), ("also_read", also_read),
             ("reorder", reorder), ("rewrite_lead", rewrite_lead), ("numerals", numerals),
             ("dateline", lambda b: rng.choice(DATELINES) + b),
             ("byline", lambda b: b + rng.choice(BYLINES))]
elif model != "basic":
    sys.exit(f"unknown edit model {model!r}: basic or sites")
chosen = rng.sample(range(len(articles)), sample)
applied = {}
with open(out, "w", encoding="utf-8") as f, open(truth, "w", encoding="utf-8") as t:
    for a in articles:
        f.write(json.dumps(a, ensure_ascii=False) + "\n")
    for n, i in enumerate(chosen):
        a = dict(articles[i])
        body = a["body"]
        chosen_edits = rng.sample(edits, rng.randint(2, 4))
        if model == "sites":  # in the order a site's desk works: cut and move, then rewrite
            chosen_edits.sort(key=lambda e: edits.index(e))
        applied_edits = []
        for name, e in chosen_edits:
            edited = e(body)
            if edited != body:
                applied_edits.append(name)
            body = edited
        copy = dict(a, id=a["id"] + "-copy", title=headline(a), body=body, source="प्रतिलिपि समाचार")
        applied[copy["id"]] = applied_edits or ["headline only"]
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
        smaller, larger = sorted((len(sh), len(sets[other])))
        if common / len(sh | sets[other]) >= 0.5 or (
                smaller >= 10 and common >= 0.7 * smaller and smaller >= 0.4 * larger):
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
with open(truth + ".edits", "w", encoding="utf-8") as t:
    for cid, names in applied.items():
        t.write(f"{cid}\t{','.join(names)}\n")
with open(truth + ".originals", "w", encoding="utf-8") as t:
    for a, b in sorted(dups):
        t.write(f"{a}\t{b}\n")
print(f"{out}: {len(articles)} originals + {sample} copies; {len(dups)} pairs of originals are copies too; {truth}: {n} pairs")
