#!/usr/bin/env bash
# Scores the shipped tagger models on the test splits of ../shared/data, twice:
# with `kg eval ner` (our conlleval-equivalent scorer) and, independently, with
# `kg tag` output scored by seqeval (tools/seqeval_check.py; pip install seqeval).
# WikiNEuRal: first 5,000 sentences. Then the throughput benchmark.
# Usage: tools/eval_models.sh [DATA_DIR]   (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
D="${1:-../shared/data}"
cargo build --release -q
KG=target/release/kg
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
run() { # lang file [max_sentences]
  local lang=$1 file=$2 max=${3:-}
  echo "== $file ($lang)"
  if [ -n "$max" ]; then
    "$KG" eval ner "$D/$file" --lang "$lang" --max-sentences "$max"
    # the first $max sentences, as a CoNLL file
    awk -v max="$max" 'BEGIN{RS=""; ORS="\n\n"} NR<=max' "$D/$file" > "$TMP/gold.conll"
  else
    "$KG" eval ner "$D/$file" --lang "$lang"
    cp "$D/$file" "$TMP/gold.conll"
  fi
  "$KG" tag --lang "$lang" < "$TMP/gold.conll" > "$TMP/pred.conll"
  if python3 -c 'import seqeval' 2>/dev/null; then
    echo -n "seqeval on kg tag output: "
    python3 tools/seqeval_check.py "$TMP/gold.conll" "$TMP/pred.conll" > "$TMP/seqeval.txt"
    head -1 "$TMP/seqeval.txt"
  fi
}
run en conll2003/test.conll
run fr hipe2020_fr/test.conll
run fr newseye_fr/test.conll
run fr wikineural_fr/test.conll 5000
"$KG" bench-tag --data "$D"
