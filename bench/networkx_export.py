#!/usr/bin/env python3
"""NetworkX's writers for `kg bench export` (not part of CI).

What a user would do instead of kg's own writers: load kg's node-link JSON
(`kg export -f json`) into NetworkX, then write it with NetworkX.

    python3 bench/networkx_export.py GRAPH.json WRITER OUT

WRITER is one of:
- node_link: `node_link_data` dumped with `json` (kg's `-f json`);
- graphml: `write_graphml` (kg's `-f graphml`);
- gexf: `write_gexf` (kg's `-f gexf`, which adds time spells NetworkX has
  no data for);
- edgelist: `write_edgelist`, comma-delimited, with the edge attributes
  (kg's `-f csv`; NetworkX quotes nothing, so a comma in a sentence splits
  its field).

kg's JSON holds lists (a node's `aliases`) and nested objects (an edge's
`attrs` and `evidence`), which `write_graphml` and `write_gexf` refuse. They
are flattened as a user would, as kg's own GraphML does: aliases joined
with ";", attributes as "key=value" pairs joined with ";", the evidence
reduced to its first sentence. node_link writes the graph as loaded.

Prints JSON: {"load_s": ..., "write_s": ..., "nodes": ..., "edges": ...}.
"""
import json
import sys
import time

import networkx as nx


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    try:
        return nx.node_link_graph(data, edges="edges")
    except TypeError:  # NetworkX before 3.4
        return nx.node_link_graph(data, link="edges")


def flatten(g):
    for _, d in g.nodes(data=True):
        d["aliases"] = ";".join(d.get("aliases", []))
    for _, _, d in g.edges(data=True):
        evidence = d.pop("evidence", [])
        d["sentence"] = evidence[0]["sentence"] if evidence else ""
        d["attrs"] = ";".join(f"{k}={v}" for k, v in sorted(d.get("attrs", {}).items()))


def write(g, writer, out):
    if writer == "node_link":
        try:
            data = nx.node_link_data(g, edges="edges")
        except TypeError:
            data = nx.node_link_data(g, link="edges")
        with open(out, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        return
    flatten(g)
    if writer == "graphml":
        nx.write_graphml(g, out)
    elif writer == "gexf":
        nx.write_gexf(g, out)
    elif writer == "edgelist":
        keys = ["label", "confidence", "count", "symmetric", "attrs", "sentence"]
        nx.write_edgelist(g, out, delimiter=",", data=keys)
    else:
        sys.exit(f"unknown writer {writer!r} (node_link, graphml, gexf or edgelist)")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    path, writer, out = sys.argv[1:]
    started = time.perf_counter()
    g = load(path)
    loaded = time.perf_counter()
    write(g, writer, out)
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "load_s": loaded - started,
                "write_s": done - loaded,
                "nodes": g.number_of_nodes(),
                "edges": g.number_of_edges(),
            }
        )
    )


if __name__ == "__main__":
    main()
