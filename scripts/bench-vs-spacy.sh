#!/usr/bin/env bash
# kg's speed in one run, on one machine, on one corpus (issue 6):
#
#   1. kg extract words/s (release build, --jobs 1) against spaCy en_core_web_sm 3.8 NER-only;
#   2. kg build (extract + load into a persistent store, --jobs 1) words/s against the same;
#   3. kg import (loading alone) against oxigraph's own BulkLoader on the same N-Quads;
#   4. --jobs 2 against --jobs 1, and kg build's time and peak memory at growing sizes.
#
# The corpus is the texts of ../shared/corpus (GUM news and Re-DocRED) repeated to the size asked
# for (written to a temporary folder, removed afterwards). This is a benchmark, not a test: it is
# not part of scripts/test.sh or CI. spaCy's virtualenv, its model check and the accuracy table
# come from scripts/ner-vs-spacy.sh (run first with --no-speed); the timing of spaCy is
# scripts/ner_vs_spacy.py's, called from scripts/bench_vs_spacy.py.
#
# Usage:
#   scripts/bench-vs-spacy.sh [--mb MB] [--spacy-mb MB] [--scale-mb 10,100[,1000]] [--repeat N]
#                             [--work-dir DIR] [--json FILE]
#
# Environment: KG_SPACY_VENV (default /tmp/kg-spacy-venv), KG_CORPUS_DIR (default
# ../shared/corpus), CARGO_TARGET_DIR (default /root/.cache/kg-target when writable, else
# ./target). Two cores and the defaults (10 MB, scale 10 and 100 MB) take about 30 minutes;
# --scale-mb 10,100,1000 adds one to two hours and some 40 GB of disk for the 1 GB store.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

for arg in "$@"; do
    if [ "$arg" = "-h" ] || [ "$arg" = "--help" ]; then
        sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
    fi
done

venv=${KG_SPACY_VENV:-/tmp/kg-spacy-venv}
corpus_dir=${KG_CORPUS_DIR:-$repo/../shared/corpus}
if [ -z "${CARGO_TARGET_DIR:-}" ]; then
    if mkdir -p /root/.cache/kg-target 2>/dev/null && [ -w /root/.cache/kg-target ]; then
        CARGO_TARGET_DIR=/root/.cache/kg-target
    else
        CARGO_TARGET_DIR=$repo/target
    fi
fi
export CARGO_TARGET_DIR KG_SPACY_VENV=$venv KG_CORPUS_DIR=$corpus_dir

echo "building kg and oxigraph's bulk loader example (release) in $CARGO_TARGET_DIR ..." >&2
cargo build --release -p kg-cli >&2
cargo build --release -p kg-graph --example bulk_load >&2
export KG_BIN=$CARGO_TARGET_DIR/release/kg

# The spaCy virtualenv (made or checked) and, on the way, the accuracy table: the speed below
# is only worth having with the accuracy kept.
scripts/ner-vs-spacy.sh --no-speed

exec "$venv/bin/python" scripts/bench_vs_spacy.py \
    --kg "$KG_BIN" \
    --bulk-load "$CARGO_TARGET_DIR/release/examples/bulk_load" \
    --corpus-dir "$corpus_dir" \
    "$@"
