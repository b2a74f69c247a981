#!/usr/bin/env bash
# Regenerates the pictures in docs/ that the README shows, all made by kg from examples/:
#   docs/graph.svg       kg viz --format svg of the whole store
#   docs/graph-html.png  kg viz --format html of one article, as headless Chromium shows it
# Needs Graphviz and Chromium (scripts/prerequisites.sh installs both).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
install_prerequisites
cargo build -q -p kg-cli
kg="${CARGO_TARGET_DIR:-target}/debug/kg"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$kg" build -q --store "$work/store" examples/
"$kg" viz --store "$work/store" --format svg -o docs/graph.svg
"$kg" viz --store "$work/store" --format html --doc examples/vienna-energy-talks.txt -o "$work/vienna.html"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --hide-scrollbars --user-data-dir="$work/profile" --window-size=1280,960 \
    --screenshot="$PWD/docs/graph-html.png" "file://$work/vienna.html" 2>/dev/null
echo "wrote docs/graph.svg and docs/graph-html.png"
