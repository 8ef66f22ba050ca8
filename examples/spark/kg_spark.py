"""Extract a folder of JSONL shards on a Spark cluster, then load the facts.

Each shard is one Spark partition: its task pipes the shard through
`kg extract` (the binary on the worker) and the facts lines it prints
become the partition's records, saved by Spark as one `part-NNNNN` file
per shard, in shard order. The driver then runs `kg load` on those files
in that order, which gives the database one `kg ingest SHARDS` gives
(docs/scale.md; tested in tests/cli/distributed.rs).

    python3 examples/spark/kg_spark.py SHARDS FACTS_DIR --db kg.db
    spark-submit --master spark://HOST:7077 examples/spark/kg_spark.py \\
        /shared/shards /shared/facts --kg /opt/kg/bin/kg --db kg.db

SHARDS and FACTS_DIR must be paths every worker and the driver see alike
(a shared file system); FACTS_DIR must not exist yet. Without `--db` the
facts are written and not loaded.
"""

import os
import sys

from pyspark.sql import SparkSession

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import kgshard  # noqa: E402


def main():
    ap = kgshard.arguments(__doc__.split("\n")[0], "output directory of facts files (new)", "driver")
    ap.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    args = ap.parse_args()

    shards = kgshard.shards(args.shards)
    if not shards:
        sys.exit(f"kg_spark: no *.jsonl shard in {args.shards}")
    builder = SparkSession.builder.appName("kg extract").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        sc = spark.sparkContext
        sc.setLogLevel("ERROR")
        sc.addPyFile(kgshard.__file__)
        kg, lang = args.kg, args.lang

        def extract(paths):
            import kgshard

            for path in paths:
                yield from kgshard.extract(kg, path, lang)

        # One shard per partition, partition i = shard i: the part files
        # come out in shard order.
        sc.parallelize(shards, len(shards)).mapPartitions(extract).saveAsTextFile(args.facts)
    finally:
        spark.stop()
    parts = sorted(p for p in os.listdir(args.facts) if p.startswith("part-"))
    print(f"kg_spark: {len(shards)} shards extracted into {args.facts}", file=sys.stderr)
    if args.db:
        files = [os.path.join(args.facts, p) for p in parts]
        sys.exit(kgshard.load(args.kg, args.db, files, args.wait))


if __name__ == "__main__":
    main()
