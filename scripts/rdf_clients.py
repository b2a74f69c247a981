"""Checks kg's output and endpoint with Python's RDF tools (run by check-with-python.sh).

    rdf_clients.py parse DIR            every kg.* file in DIR parses in rdflib with as many
                                        statements as kg wrote (the .nt / .nq line counts)
    rdf_clients.py sparql URL CSV_FILE  SPARQLWrapper gets the same rows from kg serve as
                                        `kg query --format csv` wrote to CSV_FILE
"""

import csv
import sys
from pathlib import Path

import rdflib
from SPARQLWrapper import CSV, JSON, SPARQLWrapper, XML

RDFLIB_FORMATS = {
    "ttl": "turtle",
    "nt": "nt",
    "trig": "trig",
    "nq": "nquads",
    "jsonld": "json-ld",
}
KEEPS_GRAPHS = {"trig", "nq", "jsonld"}

PEOPLE = """PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name"""


def line_count(path):
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def statement_count(path, extension):
    rdf_format = RDFLIB_FORMATS[extension]
    if extension in KEEPS_GRAPHS:
        dataset = rdflib.Dataset()
        dataset.parse(path, format=rdf_format)
        return sum(1 for _ in dataset.quads((None, None, None, None)))
    graph = rdflib.Graph()
    graph.parse(path, format=rdf_format)
    return len(graph)


def check_parse(folder):
    folder = Path(folder)
    failures = 0
    for prefix in sorted({p.stem for p in folder.glob("*.nt")}):
        triples = line_count(folder / f"{prefix}.nt")
        quads = line_count(folder / f"{prefix}.nq")
        for extension in RDFLIB_FORMATS:
            path = folder / f"{prefix}.{extension}"
            expected = quads if extension in KEEPS_GRAPHS else triples
            got = statement_count(path, extension)
            verdict = "ok" if got == expected else "MISMATCH"
            print(f"rdflib {rdflib.__version__}: {path.name}: {got} statements, kg wrote {expected}: {verdict}")
            failures += got != expected
    if failures:
        sys.exit(f"{failures} file(s) parsed to a different number of statements")


def check_sparql(url, csv_file):
    with open(csv_file, newline="", encoding="utf-8") as f:
        expected = [row[0] for row in list(csv.reader(f))[1:]]
    client = SPARQLWrapper(url)
    client.setQuery(PEOPLE)
    got = {}
    client.setReturnFormat(JSON)
    got["json"] = [b["name"]["value"] for b in client.query().convert()["results"]["bindings"]]
    client.setReturnFormat(XML)
    document = client.query().convert()
    got["xml"] = [
        node.firstChild.nodeValue
        for node in document.getElementsByTagName("literal")
    ]
    client.setReturnFormat(CSV)
    rows = list(csv.reader(client.query().convert().decode("utf-8").splitlines()))
    got["csv"] = [row[0] for row in rows[1:]]
    client.setMethod("POST")
    client.setReturnFormat(JSON)
    got["json by POST"] = [b["name"]["value"] for b in client.query().convert()["results"]["bindings"]]
    for how, names in got.items():
        if names != expected:
            sys.exit(f"SPARQLWrapper ({how}) got {names}, kg query gave {expected}")
        print(f"SPARQLWrapper ({how}): {len(names)} people, as kg query: ok")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"parse": check_parse, "sparql": check_sparql}[command](*args)
