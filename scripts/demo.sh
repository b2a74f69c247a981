#!/usr/bin/env bash
# kg's demo: builds kg, turns the articles in examples/ into a knowledge graph, prints two SPARQL
# answers (who holds which office; who met whom, where, about what) and writes the graph as
# Turtle, Graphviz DOT and SVG under out/.
#
# Installs what is missing first (see scripts/prerequisites.sh). The first build compiles RocksDB's C++ sources: 15-25 minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
install_prerequisites

echo "==> building kg (the first build compiles RocksDB: 15-25 minutes on two cores)"
cargo build -p kg-cli
kg="${CARGO_TARGET_DIR:-target}/debug/kg"

rm -rf out
mkdir -p out
store=out/kg-store

echo
echo "==> kg build examples/ --store $store"
"$kg" build examples/ --store "$store"

echo
echo "==> who holds which office (examples/queries/roles.rq)"
"$kg" query --store "$store" --file examples/queries/roles.rq

echo
echo "==> who met whom, where, when, about what (examples/queries/meetings.rq)"
"$kg" query --store "$store" --file examples/queries/meetings.rq

"$kg" export --store "$store" --format turtle -o out/graph.ttl
"$kg" viz --store "$store" --format dot -o out/graph.dot
"$kg" viz --store "$store" --format svg -o out/graph.svg

echo
echo "==> wrote"
echo "    out/kg-store   the store: try  $kg query --store $store --file examples/queries/people.rq"
echo "    out/graph.ttl  the whole graph as Turtle"
echo "    out/graph.dot  the picture as Graphviz source"
echo "    out/graph.svg  the picture: open it in a browser"
