#!/usr/bin/env python3
"""Queries as readers mistype them, or as they stand while still being typed, for
measuring typo tolerance and as-you-type search.

    python3 scripts/noisy_queries.py typos Q.tsv OUT.tsv [SEED]   # one slip in one word
    python3 scripts/noisy_queries.py cut   Q.tsv OUT.tsv [SEED]   # the last word cut short
    python3 scripts/noisy_queries.py typing Q.tsv OUT.tsv [SEED]  # stopped mid-question

The slips (one per query, in a word of at least three letters, chosen with the seed): an
aspirate typed as its plain consonant or back (ख/क …), श/ष/स confused, ण/न, ब/व, a vowel sign
dropped or added, a virama dropped, an anusvara dropped, two aksharas swapped, a consonant
doubled or undoubled; Latin words: a letter dropped, doubled or swapped with its neighbour.
A cut keeps at least one akshara of the last word and leaves at least one out; it may stop
in the middle of an akshara (after a virama, before a vowel sign). A question's last word is
often a function word (है, था); `typing` instead stops the reader inside any word of two
aksharas or more and drops the words after it, as a question looks while it is typed.
"""
import random
import sys
import unicodedata

CONFUSED = [("ख", "क"), ("घ", "ग"), ("छ", "च"), ("झ", "ज"), ("ठ", "ट"), ("ढ", "ड"), ("थ", "त"),
            ("ध", "द"), ("फ", "प"), ("भ", "ब"), ("श", "स"), ("ष", "स"), ("ण", "न"), ("ब", "व")]
MATRAS = "ािीुूेैोौ"
VIRAMA, ANUSVARA = "\u094d", "\u0902"


def consonant(c):
    return "\u0915" <= c <= "\u0939"


def sign(c):
    return unicodedata.category(c) in ("Mn", "Mc")


def aksharas(word):
    out, joining = [], False
    for c in word:
        if out and (sign(c) or joining):
            out[-1] += c
        else:
            out.append(c)
        joining = c == VIRAMA
    return out


def devanagari_slips(w):
    out = []
    for i, c in enumerate(w):
        for a, b in CONFUSED:
            if c == a:
                out.append(w[:i] + b + w[i + 1:])
            elif c == b:
                out.append(w[:i] + a + w[i + 1:])
        if c in MATRAS or c == VIRAMA or c == ANUSVARA:
            out.append(w[:i] + w[i + 1:])  # dropped
        if consonant(c) and (i + 1 == len(w) or not sign(w[i + 1])):
            out.append(w[:i + 1] + random.choice(MATRAS) + w[i + 1:])  # an extra vowel sign
        if consonant(c) and i + 1 < len(w) and w[i + 1] != VIRAMA:
            out.append(w[:i] + c + VIRAMA + w[i:])  # doubled
        if c == VIRAMA and i + 1 < len(w) and i > 0 and w[i + 1] == w[i - 1]:
            out.append(w[:i - 1] + w[i + 1:])  # undoubled
    ak = aksharas(w)
    for i in range(len(ak) - 1):
        out.append("".join(ak[:i] + [ak[i + 1], ak[i]] + ak[i + 2:]))
    return [o for o in out if o != w]


def latin_slips(w):
    out = []
    for i in range(len(w)):
        out.append(w[:i] + w[i + 1:])
        out.append(w[:i] + w[i] + w[i:])
        if i + 1 < len(w):
            out.append(w[:i] + w[i + 1] + w[i] + w[i + 2:])
    return [o for o in out if o != w]


def mistype(q, rng):
    words = q.split()
    idx = [i for i, w in enumerate(words) if len(aksharas(w)) >= 3 or (w.isascii() and len(w) >= 4)]
    if not idx:
        return q
    i = rng.choice(idx)
    w = words[i]
    slips = latin_slips(w) if w.isascii() else devanagari_slips(w)
    if slips:
        words[i] = rng.choice(slips)
    return " ".join(words)


def cut(q, rng):
    words = q.split()
    while words and len(words[-1]) < 2:
        words.pop()
    if not words:
        return q
    w = words[-1]
    # cut points between code points, keeping at least the first akshara's letter
    n = rng.randint(1, len(w) - 1)
    words[-1] = w[:n]
    return " ".join(words)


def typing(q, rng):
    words = q.split()
    idx = [i for i, w in enumerate(words) if len(aksharas(w)) >= 2]
    if not idx:
        return q
    i = rng.choice(idx)
    w = words[i]
    n = rng.randint(1, len(w) - 1)
    return " ".join(words[:i] + [w[:n]])


def main():
    mode, src, dst = sys.argv[1:4]
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    rng = random.Random(seed)
    random.seed(seed)
    f = {"typos": mistype, "cut": cut, "typing": typing}[mode]
    with open(src, encoding="utf-8") as inp, open(dst, "w", encoding="utf-8") as out:
        for line in inp:
            if "\t" not in line:
                continue
            qid, text = line.rstrip("\n").split("\t", 1)
            # questions end in punctuation: strip it, a reader typing stops before it
            text = text.strip().rstrip("?।.!")
            out.write(f"{qid}\t{f(text, rng)}\n")


if __name__ == "__main__":
    main()
