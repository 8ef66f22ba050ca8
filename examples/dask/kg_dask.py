"""Extract a folder of JSONL shards on a Dask cluster, then load the facts.

Each shard is one partition of a Dask bag: its task pipes the shard
through `kg extract` (the binary on the worker) and writes the facts
lines it prints as FACTS_DIR/NNNNN.facts, one file per shard, numbered in
shard order. The client then runs `kg load` on those files in that
order, which gives the database one `kg ingest SHARDS` gives
(docs/scale.md; tested in tests/cli/distributed.rs).

    python3 examples/dask/kg_dask.py SHARDS FACTS_DIR --db kg.db
    python3 examples/dask/kg_dask.py /shared/shards /shared/facts \\
        --scheduler tcp://HOST:8786 --kg /opt/kg/bin/kg --db kg.db

Without --scheduler a LocalCluster of --workers processes runs the tasks.
SHARDS and FACTS_DIR must be paths every worker and the client see alike
(a shared file system). Without `--db` the facts are written and not
loaded.
"""

import os
import sys

import dask.bag as db
from dask.distributed import Client, LocalCluster

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import kgshard  # noqa: E402


def main():
    ap = kgshard.arguments(__doc__.split("\n")[0], "output directory of facts files", "client")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (default: a LocalCluster)")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    args = ap.parse_args()

    shards = kgshard.shards(args.shards)
    if not shards:
        sys.exit(f"kg_dask: no *.jsonl shard in {args.shards}")
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    try:
        client.upload_file(kgshard.__file__)
        kg, lang = args.kg, args.lang

        def extract(paths):
            import kgshard

            for path in paths:
                yield from kgshard.extract(kg, path, lang)

        os.makedirs(args.facts, exist_ok=True)
        # One shard per partition; file i holds partition i's facts.
        facts = db.from_sequence(shards, npartitions=len(shards)).map_partitions(extract)
        files = facts.to_textfiles(
            os.path.join(args.facts, "*.facts"),
            name_function=lambda i: f"{i:05d}",
            encoding="utf-8",
            last_endline=True,
        )
    finally:
        client.close()
        if not args.scheduler:
            cluster.close()
    files = sorted(files)
    print(f"kg_dask: {len(shards)} shards extracted into {args.facts}", file=sys.stderr)
    if args.db:
        sys.exit(kgshard.load(args.kg, args.db, files, args.wait))


if __name__ == "__main__":
    main()
