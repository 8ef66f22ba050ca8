#!/usr/bin/env python3
"""NetworkX baseline for `kg bench run` (not part of CI).

What a user would do instead of kg: load the graph from the same SQLite file
into NetworkX (an undirected MultiGraph, as kg's queries walk edges either
way, with every label including `cooccurs`: the typed edges are the rows of
`relations`, a `cooccurs` edge is a distinct pair of `cooccurrences`, whose
rows are its evidence), then answer the same queries.

    python3 bench/networkx_baseline.py DB QUERIES.json

Prints JSON: {"load_s": ..., "nodes": ..., "edges": ...,
"results": [{"s": seconds, "value": answer}, ...]} in the order of the
queries file. Values: neighbours within the depth, hops of the shortest path
(null if none), nodes exported for export2 (nearest 1000) and export2all
(the whole ego_graph), nothing for show. Times are wall-clock seconds per
query with the graph already in memory; the load is reported apart.
"""
import json
import sqlite3
import sys
import time

import networkx as nx

# kg export --around keeps this many nodes besides the centre by default.
EXPORT_LIMIT = 1000
# What extraction gives every `cooccurs` edge.
COOCCURS_CONFIDENCE = 0.3

# Typed relations, then `cooccurs` pairs under kg's ids for them.
EDGES = """
SELECT id, head, tail, label, confidence FROM relations
UNION ALL
SELECT -(head * 2147483648 + tail) - 1, head, tail, 'cooccurs', ?1
FROM (SELECT DISTINCT head, tail FROM cooccurrences)
"""
# One evidence sentence of an edge: of a typed relation, or of a pair.
SENTENCE = (
    "SELECT s.start, s.\"end\", a.text FROM {} e JOIN articles a ON a.id = e.article_id "
    "JOIN sentences s ON s.article_id = e.article_id AND s.ord = e.sentence "
    "WHERE {} LIMIT 1"
)
EVIDENCE = SENTENCE.format("evidence", "e.relation_id = ?1")
COOCCURRENCE = SENTENCE.format("cooccurrences", "e.head = ?1 AND e.tail = ?2")


def load(db):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    g = nx.MultiGraph()
    for id_, name, typ in conn.execute("SELECT id, name, type FROM entities"):
        g.add_node(id_, name=name, type=typ)
    for rid, head, tail, label, conf in conn.execute(EDGES, (COOCCURS_CONFIDENCE,)):
        g.add_edge(head, tail, key=rid, label=label, confidence=conf)
    return conn, g


def within(g, n, depth):
    return len(nx.single_source_shortest_path_length(g, n, cutoff=depth)) - 1


def show(conn, g, n):
    # What `kg show` prints: the node, its aliases, and its relations with
    # the other end's name and one evidence sentence each.
    aliases = [a for (a,) in conn.execute("SELECT alias FROM aliases WHERE entity_id = ?", (n,))]
    rels = []
    for _, other, key, data in g.edges(n, keys=True, data=True):
        if data["label"] == "cooccurs":
            ev = conn.execute(COOCCURRENCE, (min(n, other), max(n, other))).fetchone()
        else:
            ev = conn.execute(EVIDENCE, (key,)).fetchone()
        sentence = ev[2][ev[0]:ev[1]] if ev else None
        rels.append((data["label"], g.nodes[other]["name"], sentence))
        if len(rels) >= 50:
            break
    return json.dumps({"node": g.nodes[n], "aliases": aliases, "relations": rels})


def export(g, n, depth, limit=None):
    """What `kg export --around` writes: the induced subgraph of the
    neighbourhood (`ego_graph`), or of its nearest `limit` nodes (by
    distance, then id) as kg's default keeps them. Returns the node count."""
    if limit is None:
        sub = nx.ego_graph(g, n, radius=depth)
    else:
        dist = nx.single_source_shortest_path_length(g, n, cutoff=depth)
        keep = sorted(dist, key=lambda v: (dist[v], v))[: limit + 1]
        sub = g.subgraph(keep)
    json.dumps(nx.node_link_data(sub, edges="edges"))
    return sub.number_of_nodes()


def main():
    db, qfile = sys.argv[1], sys.argv[2]
    spec = json.load(open(qfile))
    max_len = spec.get("max_len", 6)
    t0 = time.perf_counter()
    conn, g = load(db)
    load_s = time.perf_counter() - t0
    results = []
    for q in spec["queries"]:
        kind, ids = q["kind"], q["ids"]
        if kind not in ("neighbors1", "neighbors2", "path", "show", "export2", "export2all"):
            results.append({"skipped": True})  # kg-only kinds (unknown names)
            continue
        t = time.perf_counter()
        value = None
        if kind in ("neighbors1", "neighbors2"):
            value = within(g, ids[0], 1 if kind == "neighbors1" else 2)
        elif kind == "path":
            try:
                value = nx.shortest_path_length(g, ids[0], ids[1])
                nx.shortest_path(g, ids[0], ids[1])  # the path itself, as kg prints it
            except nx.NetworkXNoPath:
                value = None
            if value is not None and value > max_len:
                value = max_len + 1
        elif kind == "show":
            show(conn, g, ids[0])
        elif kind == "export2":
            value = export(g, ids[0], 2, limit=EXPORT_LIMIT)
        elif kind == "export2all":
            value = export(g, ids[0], 2)
        results.append({"s": time.perf_counter() - t, "value": value})
    json.dump(
        {"load_s": load_s, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "results": results},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
