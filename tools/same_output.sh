#!/usr/bin/env bash
# Writes what a kg binary builds from the bundled sets and a generated
# corpus, as `kg export --format json`, so two builds can be compared byte
# for byte (a restructuring must not change output). Articles are named by
# paths relative to the checkout, so two checkouts give the same bytes.
#   tools/same_output.sh BIN OUTDIR     writes OUTDIR/{sample,dev,train,gen10k}.json
#   diff -r OUTDIR_BEFORE OUTDIR_AFTER  compares two runs
set -euo pipefail
bin=$(realpath "$1")
mkdir -p "$2"
out=$(realpath "$2")
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() { # name inputs...
    local name=$1
    shift
    "$bin" --db "$work/$name.db" ingest "$@" >/dev/null 2>&1
    "$bin" --db "$work/$name.db" export --format json -o "$out/$name.json"
}
run sample data/articles
run dev data/dev/texts
run train data/train/texts
mkdir -p "$work/gen"
"$bin" bench gen --articles 10k --seed 7 -o "$work/gen/gen10k.jsonl" 2>/dev/null
(cd "$work/gen" && "$bin" --db "$work/gen10k.db" ingest gen10k.jsonl >/dev/null 2>&1)
"$bin" --db "$work/gen10k.db" export --format json -o "$out/gen10k.json"
md5sum "$out"/*.json
