#!/usr/bin/env python3
"""Independent check of `kg eval ner`: scores `kg tag` output against a gold
CoNLL file with seqeval (pip install seqeval), conlleval-compatible mode.

Usage: kg tag --lang en < GOLD > PRED; python3 tools/seqeval_check.py GOLD PRED [MAX_SENTENCES]
"""
import sys
from seqeval.metrics import classification_report, f1_score, precision_score, recall_score


def read(path):
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.split("\t")[0] == "-DOCSTART-":
                if cur:
                    sents.append(cur)
                cur = []
                continue
            cols = line.split("\t")
            cur.append((cols[0], cols[-1]))
    if cur:
        sents.append(cur)
    return sents


gold, pred = read(sys.argv[1]), read(sys.argv[2])
if len(sys.argv) > 3:
    n = int(sys.argv[3])
    gold, pred = gold[:n], pred[:n]
assert len(gold) == len(pred), "sentence counts differ"
for g, p in zip(gold, pred):
    assert [t for t, _ in g] == [t for t, _ in p], "tokens differ"
y_true = [[t for _, t in s] for s in gold]
y_pred = [[t for _, t in s] for s in pred]
print(f"precision {100*precision_score(y_true, y_pred):.2f} recall {100*recall_score(y_true, y_pred):.2f} "
      f"F1 {100*f1_score(y_true, y_pred):.2f}")
print(classification_report(y_true, y_pred, digits=4))
