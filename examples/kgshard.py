"""What the Spark and Dask examples share: a shard through `kg extract` on
a worker, and the facts into a database with `kg load` on the driver.

Shipped to the workers by the engine (Spark's addPyFile, Dask's
upload_file); it needs nothing but the Python standard library and the
`kg` binary.
"""

import argparse
import glob
import os
import subprocess
import tempfile


def arguments(description, facts_help, db_where):
    """The command line both examples take; the caller adds its engine's options."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("shards", help="directory of *.jsonl shards")
    ap.add_argument("facts", help=facts_help)
    ap.add_argument("--kg", default="kg", help="the kg binary on the workers (default: kg on PATH)")
    ap.add_argument("--db", help=f"load the facts into this database on the {db_where}")
    ap.add_argument("--lang", help="fr, en or auto, as kg extract --lang")
    ap.add_argument(
        "--wait",
        type=int,
        help="seconds kg load waits for another writer of the database (kg's --wait, default 60)",
    )
    return ap


def shards(folder):
    """The *.jsonl shards of folder, in name order: the order to load in."""
    return sorted(glob.glob(os.path.join(folder, "*.jsonl")))


def extract(kg, path, lang=None):
    """The facts lines (without newline) `kg extract` writes for the shard at path."""
    cmd = [kg, "extract", path]
    if lang:
        cmd += ["--lang", lang]
    # Standard error to a file: a pipe left unread could fill and stall kg
    # while its facts are read.
    with tempfile.TemporaryFile() as errors, subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=errors, text=True, encoding="utf-8"
    ) as p:
        for line in p.stdout:
            yield line.rstrip("\n")
        p.wait()
        errors.seek(0)
        err = errors.read().decode("utf-8", "replace")
    # 3: some articles failed and were skipped (reported in err).
    if p.returncode not in (0, 3):
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {err}")


def load(kg, db, facts, wait=None):
    """`kg load` of the facts files, in the order given; its exit code."""
    options = [] if wait is None else ["--wait", str(wait)]
    return subprocess.run([kg, "--db", db, "load", *options, *facts]).returncode
