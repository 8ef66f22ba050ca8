#!/usr/bin/env python3
"""Prints the article table of a gold set's README (data/train2, data/test):
one row per gold file with its language, source, licence, words, entities
(required / all) and relations (required / optional), then the totals and
the required relations by label. Usage: tools/gold_table.py DIR"""
import json
import sys
from collections import Counter
from pathlib import Path


def main(folder: str) -> None:
    root = Path(folder)
    rows, labels = [], Counter()
    tot = Counter()
    for f in sorted((root / "gold").glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        text = (root / g["article"]).read_text(encoding="utf-8")
        src = g.get("source", {})
        where = src.get("url") or f"{src.get('repo')} {src.get('path')}"
        ents = g["entities"]
        req_e = sum(1 for e in ents if not e.get("optional"))
        rels = g["relations"]
        req_r = [r for r in rels if not r.get("optional")]
        labels.update(r["label"] for r in req_r)
        words = len(text.split())
        tot.update(words=words, req_e=req_e, ents=len(ents), req_r=len(req_r), opt_r=len(rels) - len(req_r))
        rows.append(f"| {f.stem} | {g.get('lang')} | {where} | {src.get('licence')} | {words} | {req_e} / {len(ents)} | {len(req_r)} / {len(rels) - len(req_r)} |")
    print("| id | lang | source | licence | words | entities | relations |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print(f"| **{len(rows)} articles** | | | | {tot['words']} | {tot['req_e']} / {tot['ents']} | {tot['req_r']} / {tot['opt_r']} |")
    print()
    print("Required relations by label: " + ", ".join(f"{l} {n}" for l, n in labels.most_common()) + ".")


if __name__ == "__main__":
    main(sys.argv[1])
