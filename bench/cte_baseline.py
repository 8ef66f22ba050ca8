#!/usr/bin/env python3
"""Recursive-CTE baseline for `kg bench run` (not part of CI).

What a user with only the `sqlite3` shell would do: answer kg's queries with
SQL over the same database, walking `relations` (typed edges) and
`cooccurrences` (one row per sentence naming both entities of a `cooccurs`
pair) both ways with recursive common table expressions (which use the same
adjacency indexes kg uses).

    python3 bench/cte_baseline.py DB QUERIES.json [--timeout S] [--paths N]

Each query is interrupted after --timeout seconds (reported as a timeout);
only the first --paths path and export queries of each kind and group run,
as each may take its whole timeout. Prints JSON like networkx_baseline.py (load_s is null).
"""
import argparse
import json
import sqlite3
import time

REACH = """
WITH RECURSIVE reach(id, d) AS (
  SELECT ?1, 0
  UNION
  SELECT r.tail, reach.d + 1 FROM reach JOIN relations r ON r.head = reach.id WHERE reach.d < ?2
  UNION
  SELECT r.head, reach.d + 1 FROM reach JOIN relations r ON r.tail = reach.id WHERE reach.d < ?2
  UNION
  SELECT c.tail, reach.d + 1 FROM reach JOIN cooccurrences c ON c.head = reach.id WHERE reach.d < ?2
  UNION
  SELECT c.head, reach.d + 1 FROM reach JOIN cooccurrences c ON c.tail = reach.id WHERE reach.d < ?2
)
"""

NEIGHBORS = REACH + "SELECT count(DISTINCT id) - 1 FROM reach"
PATH = REACH + "SELECT min(d) FROM reach WHERE id = ?3"
# A `cooccurs` edge is a distinct pair of `cooccurrences` (kg's id for it:
# -(head * 2^31 + tail) - 1); its evidence is its rows.
SHOW = """
SELECT e.name, e.type,
       (SELECT group_concat(alias, '|') FROM aliases WHERE entity_id = e.id),
       r.label, o.name,
       CASE WHEN r.label = 'cooccurs' THEN
       (SELECT substr(a.text, s.start + 1, s."end" - s.start)
          FROM cooccurrences v JOIN articles a ON a.id = v.article_id
          JOIN sentences s ON s.article_id = v.article_id AND s.ord = v.sentence
         WHERE v.head = r.head AND v.tail = r.tail LIMIT 1)
       ELSE
       (SELECT substr(a.text, s.start + 1, s."end" - s.start)
          FROM evidence v JOIN articles a ON a.id = v.article_id
          JOIN sentences s ON s.article_id = v.article_id AND s.ord = v.sentence
         WHERE v.relation_id = r.id LIMIT 1)
       END
FROM entities e
JOIN (SELECT id, head, tail, label FROM relations WHERE head = ?1
      UNION ALL SELECT id, head, tail, label FROM relations WHERE tail = ?1
      UNION ALL SELECT DISTINCT -(head * 2147483648 + tail) - 1, head, tail, 'cooccurs'
                FROM cooccurrences WHERE head = ?1
      UNION ALL SELECT DISTINCT -(head * 2147483648 + tail) - 1, head, tail, 'cooccurs'
                FROM cooccurrences WHERE tail = ?1) r
JOIN entities o ON o.id = CASE WHEN r.head = ?1 THEN r.tail ELSE r.head END
WHERE e.id = ?1 LIMIT 50
"""
# The neighbourhood's nodes (nearest ?3 besides the centre, by distance then
# id; -1: all), then the edges among them.
EXPORT_NODES = REACH + """
SELECT n.id, n.name, n.type FROM
  (SELECT id, min(d) AS d FROM reach GROUP BY id ORDER BY d, id LIMIT ?3 + 1) k
JOIN entities n ON n.id = k.id
"""
EXPORT_EDGES = """
SELECT r.head, r.tail, r.label, r.confidence FROM relations r
WHERE r.head IN (SELECT value FROM json_each(?1)) AND r.tail IN (SELECT value FROM json_each(?1))
UNION ALL
SELECT DISTINCT c.head, c.tail, 'cooccurs', ?2 FROM cooccurrences c
WHERE c.head IN (SELECT value FROM json_each(?1)) AND c.tail IN (SELECT value FROM json_each(?1))
"""
EXPORT_LIMIT = 1000
# What extraction gives every `cooccurs` edge.
COOCCURS_CONFIDENCE = 0.3
HEAVY = ("path", "export2", "export2all")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("queries")
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--paths", type=int, default=3)
    args = ap.parse_args()
    spec = json.load(open(args.queries))
    max_len = spec.get("max_len", 6)
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    deadline = [0.0]
    conn.set_progress_handler(lambda: 1 if time.perf_counter() > deadline[0] else 0, 10000)
    results = []
    paths_run = {}
    for q in spec["queries"]:
        kind, ids = q["kind"], q["ids"]
        if kind not in ("neighbors1", "neighbors2", "path", "show", "export2", "export2all"):
            results.append({"skipped": True})  # kg-only kinds (unknown names)
            continue
        if kind in HEAVY:
            n = paths_run.get((kind, q["group"]), 0)
            if n >= args.paths:
                results.append({"skipped": True})
                continue
            paths_run[(kind, q["group"])] = n + 1
        t = time.perf_counter()
        deadline[0] = t + args.timeout
        value = None
        try:
            if kind in ("neighbors1", "neighbors2"):
                depth = 1 if kind == "neighbors1" else 2
                (value,) = conn.execute(NEIGHBORS, (ids[0], depth)).fetchone()
            elif kind == "path":
                (value,) = conn.execute(PATH, (ids[0], max_len, ids[1])).fetchone()
            elif kind == "show":
                conn.execute(SHOW, (ids[0],)).fetchall()
            elif kind in ("export2", "export2all"):
                limit = EXPORT_LIMIT if kind == "export2" else -2
                nodes = conn.execute(EXPORT_NODES, (ids[0], 2, limit)).fetchall()
                ids_json = json.dumps([n[0] for n in nodes])
                edges = conn.execute(EXPORT_EDGES, (ids_json, COOCCURS_CONFIDENCE)).fetchall()
                json.dumps({"nodes": nodes, "edges": edges})
                value = len(nodes)
            results.append({"s": time.perf_counter() - t, "value": value})
        except sqlite3.OperationalError as e:
            if "interrupt" not in str(e):
                raise
            results.append({"s": time.perf_counter() - t, "timeout": True})
    print(json.dumps({"load_s": None, "results": results}))


if __name__ == "__main__":
    main()
