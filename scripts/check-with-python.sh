#!/usr/bin/env bash
# Checks kg with Python's RDF tools, which share no code with kg or oxigraph:
#   - every format `kg export` and `kg extract` write (Turtle, TriG, N-Triples, N-Quads,
#     JSON-LD) parses in rdflib with as many statements as kg wrote — JSON-LD included, which
#     Raptor (tests/independent_parser.rs) does not read;
#   - `kg serve` answers SPARQLWrapper (JSON, XML and CSV results, GET and POST) with the rows
#     `kg query` prints;
#   - `kg build --endpoint` fills a real Oxigraph server (the `oxigraph` package on PyPI ships
#     it) with exactly the quads of the local store, building again sends nothing, and
#     `kg query --endpoint` answers as `kg query` does.
# The Python packages come from PyPI into a throwaway virtualenv (scripts/python-venv.sh).
# .ci/run runs this.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/python-venv.sh
source scripts/python-venv.sh
build_kg
make_python_venv "rdflib==7.6.0" "SPARQLWrapper==2.0.0" "oxigraph==0.5.13"

seed=../shared/seed/000_0a0cc7baca249987.txt
store="$work/store"
"$kg" build -q --store "$store" examples/ "$seed"
mkdir "$work/rdf"
for format in turtle:ttl trig:trig ntriples:nt nquads:nq jsonld:jsonld; do
    "$kg" export --store "$store" --format "${format%%:*}" -o "$work/rdf/export.${format##*:}"
    "$kg" extract --format "${format%%:*}" examples/ "$seed" >"$work/rdf/extract.${format##*:}"
done
echo "==> rdflib parses every format kg writes"
"$venv/bin/python" scripts/rdf_clients.py parse "$work/rdf"

echo "==> SPARQLWrapper queries kg serve"
"$kg" query --store "$store" --format csv \
    'SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name' >"$work/people.csv"
"$kg" serve --store "$store" --bind 127.0.0.1:0 2>"$work/serve.log" &
server=$!
oxigraph_server=""
trap 'kill $server $oxigraph_server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do
    grep -q "http://" "$work/serve.log" && break
    sleep 0.1
done
address="$(grep -o 'http://[0-9.:]*' "$work/serve.log" | head -1)"
if [ -z "$address" ]; then
    cat "$work/serve.log" >&2
    echo "error: kg serve did not start" >&2
    exit 1
fi
"$venv/bin/python" scripts/rdf_clients.py sparql "$address/query" "$work/people.csv"
echo "==> curl"
curl -fsS -H 'Accept: text/csv' --data-urlencode 'query=ASK { ?s a schema:Person }' "$address/query"
echo

echo "==> kg build --endpoint into a real Oxigraph server"
port="$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
remote="http://127.0.0.1:$port"
"$venv/bin/oxigraph" serve --location "$work/remote" --bind "127.0.0.1:$port" --union-default-graph \
    >"$work/oxigraph.log" 2>&1 &
oxigraph_server=$!
for _ in $(seq 100); do
    curl -fsS -o /dev/null "$remote/" 2>/dev/null && break
    sleep 0.1
done
"$kg" build --endpoint "$remote/store" examples/ "$seed" 2>&1 | tee "$work/remote-build.log"
grep -q "5 added" "$work/remote-build.log"
"$kg" build --endpoint "$remote/store" examples/ "$seed" 2>&1 | tee "$work/remote-build.log"
grep -q "5 unchanged" "$work/remote-build.log"
# Oxigraph (the server as kg's own store) keeps integer-derived datatypes as xsd:integer; kg's
# export writes NIF's xsd:nonNegativeInteger back, so compare with that one difference undone.
"$kg" export --store "$store" --format nquads |
    sed 's/#nonNegativeInteger>/#integer>/' | sort >"$work/local.nq"
curl -fsS -H 'Accept: application/n-quads' "$remote/store" | sort >"$work/remote.nq"
if ! cmp -s "$work/local.nq" "$work/remote.nq"; then
    diff "$work/local.nq" "$work/remote.nq" | head -20 >&2
    echo "error: the Oxigraph server does not hold exactly the local store's quads" >&2
    exit 1
fi
echo "the server holds the local store's $(wc -l <"$work/local.nq") quads"
people='SELECT DISTINCT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name'
"$kg" query --endpoint "$remote/query" --format csv "$people" >"$work/remote-people.csv"
"$kg" query --store "$store" --format csv "$people" >"$work/local-people.csv"
cmp "$work/local-people.csv" "$work/remote-people.csv"
echo "kg query --endpoint answers as kg query: $(($(wc -l <"$work/local-people.csv") - 1)) people"
echo "Python checks passed"
