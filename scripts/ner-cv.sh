#!/usr/bin/env bash
# Cross-validation of kg's named-entity recognition inside the training split of ../shared/corpus
# (issue 4): the measure that changes to the extractor are judged by, so that the held-out
# documents stay unseen.
#
#   1. copies kg-model and kg-extract into a work folder (the word lists are compiled in, so a
#      fold needs its own build);
#   2. rebuilds the corpus-derived word lists there without the test fold
#      (scripts/build-lexicons.py --cv-test: the news and interview documents of the training
#      split and a fixed half of the rest) and retrains the name typer without it;
#   3. scores the fold (crates/kg-extract/examples/ner_cv.rs): F1 per type and micro, overlap.
#
# Usage: scripts/ner-cv.sh [--errors | --probe | --predictions]   (--errors lists every miss and false alarm;
#        --probe prints the names found in standard input, read with the fold-less lists)
# Environment: KG_CORPUS_DIR (default ../shared/corpus), KG_CV_DIR (work folder, default
# ~/.cache/kg-ner-cv; its target/ folder makes later runs take about a minute),
# KG_CV_KEEP_TYPER=1 (score with the typer of the last run instead of retraining it),
# KG_CV_FOLD=2 (test on the other half of the training split's documents outside news and
# interviews, which the rules were not written against; use its own KG_CV_DIR).
# Not part of the tests or CI.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
corpus=${KG_CORPUS_DIR:-$repo/../shared/corpus}
work=${KG_CV_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kg-ner-cv}

mkdir -p "$work/crates"
rsync -a --delete --exclude target crates/kg-model crates/kg-extract "$work/crates/"
cp Cargo.lock "$work/"
# The workspace manifest without the root facade package: its [workspace*] and [profile*] tables.
python3 - "$repo/Cargo.toml" "$work/Cargo.toml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
tables = re.split(r"(?m)^(?=\[)", text)
keep = [t for t in tables if t.startswith(("[workspace", "[profile"))]
out = "".join(keep)
out = re.sub(r"(?m)^members = .*$", 'members = ["crates/kg-model", "crates/kg-extract"]', out)
open(sys.argv[2], "w", encoding="utf-8").write(out)
PY

python3 scripts/build-lexicons.py --corpus "$corpus" --data-dir "$work/crates/kg-extract/data" \
    --cv-test "$work/fold.txt" --cv-fold "${KG_CV_FOLD:-1}" >/dev/null
echo "test fold: $(wc -l < "$work/fold.txt") documents of the training split ($work/fold.txt)" >&2
cd "$work"
export CARGO_TARGET_DIR="$work/target"
# KG_CV_KEEP_TYPER=1 reuses the typer the last run trained without the fold, so that a change to
# the rules is judged apart from the retraining it causes (the typer learns from the runs the
# rules leave to it, and a small change there moves its weights).
if [ "${KG_CV_KEEP_TYPER:-0}" = 1 ] && [ -f "$work/typer.tsv" ]; then
    cp "$work/typer.tsv" crates/kg-extract/data/typer.tsv
    echo "typer: kept from the last run ($work/typer.tsv)" >&2
else
    cargo run --release -q -p kg-extract --example train_typer -- "$corpus" 2>/dev/null
    cp crates/kg-extract/data/typer.tsv "$work/typer.tsv"
fi
cargo run --release -q -p kg-extract --example ner_cv -- "$corpus" "$work/fold.txt" "$@"
