#!/usr/bin/env bash
# Validates kg's output against ontology/shapes.ttl with pySHACL, a SHACL validator that shares
# no code with kg or oxigraph: the graph of examples/ plus the seed article (as `kg export`
# writes it), and what `kg extract --format turtle` prints for the seed article alone. A graph
# broken on purpose (posts without their role) must fail, which shows the shapes really bite.
#
# pySHACL comes from PyPI into a throwaway virtualenv (scripts/python-venv.sh). .ci/run runs this.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/python-venv.sh
source scripts/python-venv.sh
build_kg
make_python_venv "pyshacl==0.40.1" "rdflib==7.6.0"

seed=../shared/seed/000_0a0cc7baca249987.txt
store="$work/store"
# An RDF file loaded beside the articles is recorded as a kg:RdfFile, which has its own shape.
printf '<http://example.org/x> <http://example.org/p> "v" <http://example.org/g> .\n' >"$work/other.nq"
"$kg" build -q --store "$store" examples/ "$seed" "$work/other.nq"
"$kg" export --store "$store" --format turtle -o "$work/graph.ttl"
"$kg" extract --format turtle "$seed" >"$work/seed.ttl"

validate() {
    "$venv/bin/pyshacl" --shacl ontology/shapes.ttl --shacl-file-format turtle \
        --data-file-format "$2" --format human "$1"
}

for file in graph.ttl seed.ttl; do
    echo "==> pyshacl: $file against ontology/shapes.ttl"
    if ! validate "$work/$file" turtle >"$work/report.txt"; then
        cat "$work/report.txt" >&2
        echo "error: $file does not conform to ontology/shapes.ttl" >&2
        exit 1
    fi
    grep -m1 "Conforms" "$work/report.txt"
done

echo "==> pyshacl: a graph whose posts lack org:role must not conform"
"$kg" export --store "$store" --format ntriples -o "$work/graph.nt"
grep -v '<http://www.w3.org/ns/org#role>' "$work/graph.nt" >"$work/broken.nt"
if validate "$work/broken.nt" nt >"$work/report.txt"; then
    echo "error: pyshacl accepted a graph without org:role; the shapes are not checked" >&2
    exit 1
fi
grep -m1 "Conforms" "$work/report.txt"
echo "SHACL validation passed"
