//! RDF files loaded beside kg's documents (`KgStore::load_rdf`): triples go into the file's own
//! graph, named graphs keep their names, reloading is idempotent by content hash, a changed
//! file replaces what it brought, removing it removes everything it brought, and kg's own
//! N-Quads export loads back into the same document graphs.

mod common;

use common::{extraction, other_extraction, OTHER_TEXT, TEXT};
use kg_graph::iri::document_iri;
use kg_graph::oxigraph::io::{RdfFormat, RdfParser};
use kg_graph::oxigraph::model::Quad;
use kg_graph::{term_text, ExportFormat, GraphError, KgStore, LoadOutcome, QueryOutput};
use std::collections::BTreeSet;

const PEOPLE_TTL: &str = r#"@prefix ex: <http://example.org/> .
@prefix schema: <https://schema.org/> .
ex:ada a schema:Person ; schema:name "Ada" ; ex:knows [ schema:name "someone" ] .
<notes> ex:about ex:ada .
"#;

const GRAPHS_TRIG: &str = r#"@prefix ex: <http://example.org/> .
ex:one { ex:ada ex:age 36 . }
ex:two { ex:bob ex:age 40 . ex:ada ex:age 36 . }
ex:top ex:says "default graph" .
"#;

fn open() -> (tempfile::TempDir, KgStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = KgStore::open(&dir.path().join("store")).unwrap();
    (dir, store)
}

fn export(store: &KgStore, format: ExportFormat) -> String {
    let mut out = Vec::new();
    store.export(format, None, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn nquads(store: &KgStore) -> BTreeSet<String> {
    export(store, ExportFormat::NQuads)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn count(store: &KgStore, sparql: &str) -> usize {
    let QueryOutput::Solutions { rows, .. } = store.query(sparql).unwrap() else {
        panic!("not a SELECT: {sparql}")
    };
    term_text(rows[0][0].as_ref().unwrap()).parse().unwrap()
}

fn graph_names(store: &KgStore) -> BTreeSet<String> {
    let QueryOutput::Solutions { rows, .. } = store
        .query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        .unwrap()
    else {
        unreachable!()
    };
    rows.iter()
        .map(|row| term_text(row[0].as_ref().unwrap()))
        .collect()
}

#[test]
fn a_turtle_file_lands_in_its_own_graph_and_reloading_changes_nothing() {
    let (_dir, store) = open();
    let outcome = store
        .load_rdf(
            "data/people.ttl",
            PEOPLE_TTL.as_bytes(),
            ExportFormat::Turtle,
        )
        .unwrap();
    assert_eq!(outcome, LoadOutcome::Added);
    let graph = document_iri("data/people.ttl");
    assert_eq!(
        graph_names(&store),
        BTreeSet::from([graph.as_str().to_owned()])
    );
    // Relative IRIs resolve against the file's graph IRI.
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/kg/doc/data/notes> ?p ?o }"
        ),
        1
    );
    // The file is recorded and listed beside the documents.
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { ?f a kg:RdfFile ; kg:sourcePath \"data/people.ttl\" }"
        ),
        1
    );
    assert_eq!(store.documents().unwrap(), ["data/people.ttl"]);
    let before = export(&store, ExportFormat::TriG);
    assert_eq!(
        store
            .load_rdf(
                "data/people.ttl",
                PEOPLE_TTL.as_bytes(),
                ExportFormat::Turtle
            )
            .unwrap(),
        LoadOutcome::Unchanged
    );
    assert_eq!(export(&store, ExportFormat::TriG), before);
}

#[test]
fn blank_nodes_are_named_deterministically() {
    let (_a, first) = open();
    let (_b, second) = open();
    for store in [&first, &second] {
        store
            .load_rdf("people.ttl", PEOPLE_TTL.as_bytes(), ExportFormat::Turtle)
            .unwrap();
    }
    assert_eq!(
        export(&first, ExportFormat::NQuads),
        export(&second, ExportFormat::NQuads)
    );
}

#[test]
fn named_graphs_are_kept_replaced_and_removed_with_their_file() {
    let (_dir, store) = open();
    store.load(&extraction("news/a.txt", TEXT), TEXT).unwrap();
    let before_file = nquads(&store);
    store
        .load_rdf("graphs.trig", GRAPHS_TRIG.as_bytes(), ExportFormat::TriG)
        .unwrap();
    let names = graph_names(&store);
    for graph in [
        "http://example.org/one",
        "http://example.org/two",
        document_iri("graphs.trig").as_str(),
    ] {
        assert!(names.contains(graph), "{graph} missing from {names:?}");
    }
    // The default graph is the union, each triple once: ex:ada ex:age 36 is in two graphs.
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { <http://example.org/ada> <http://example.org/age> ?a }"
        ),
        1
    );

    // A new version without graph ex:two replaces ex:one and drops ex:two.
    let changed = "@prefix ex: <http://example.org/> .\nex:one { ex:ada ex:age 37 . }\n";
    assert_eq!(
        store
            .load_rdf("graphs.trig", changed.as_bytes(), ExportFormat::TriG)
            .unwrap(),
        LoadOutcome::Replaced
    );
    let names = graph_names(&store);
    assert!(!names.contains("http://example.org/two"), "{names:?}");
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { ?who <http://example.org/age> ?a }"
        ),
        1
    );

    // Removing the file removes every graph it brought; kg's document is untouched.
    assert!(store.remove("graphs.trig").unwrap());
    assert_eq!(nquads(&store), before_file);
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { ?who <http://example.org/age> ?a }"
        ),
        0
    );
}

#[test]
fn kgs_own_nquads_export_loads_back_into_the_same_document_graphs() {
    let (_a, original) = open();
    original
        .load(&extraction("news/a.txt", TEXT), TEXT)
        .unwrap();
    original
        .load(&other_extraction("news/b.txt"), OTHER_TEXT)
        .unwrap();
    let exported = export(&original, ExportFormat::NQuads);

    let (_b, copy) = open();
    copy.load_rdf("shard.nq", exported.as_bytes(), ExportFormat::NQuads)
        .unwrap();
    // Everything but the record of the file itself is what the original store holds.
    let file_graph = format!("<{}>", document_iri("shard.nq").as_str());
    let copied: BTreeSet<String> = nquads(&copy)
        .into_iter()
        .filter(|line| !line.ends_with(&format!("{file_graph} .")))
        .collect();
    assert_eq!(copied, nquads(&original));
    assert_eq!(
        copy.stats().unwrap().documents,
        original.stats().unwrap().documents
    );
}

#[test]
fn json_ld_with_named_graphs_loads() {
    let (_a, original) = open();
    original
        .load(&extraction("news/a.txt", TEXT), TEXT)
        .unwrap();
    let json_ld = export(&original, ExportFormat::JsonLd);
    let (_b, copy) = open();
    copy.load_rdf("doc.jsonld", json_ld.as_bytes(), ExportFormat::JsonLd)
        .unwrap();
    let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(export(&original, ExportFormat::NQuads).as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    let document_graph = document_iri(&extraction("news/a.txt", TEXT).document);
    assert_eq!(
        count(
            &copy,
            &format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}",
                document_graph.as_str()
            )
        ),
        quads.len()
    );
}

#[test]
fn a_syntax_error_names_the_file_and_place_and_changes_nothing() {
    let (_dir, store) = open();
    store
        .load_rdf("people.ttl", PEOPLE_TTL.as_bytes(), ExportFormat::Turtle)
        .unwrap();
    let before = export(&store, ExportFormat::NQuads);
    let broken = "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e .\n";
    let err = store
        .load_rdf("people.ttl", broken.as_bytes(), ExportFormat::Turtle)
        .unwrap_err();
    assert!(
        matches!(err, GraphError::RdfSyntax { line: Some(3), .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.starts_with("people.ttl: not valid turtle at byte"),
        "{message}"
    );
    assert_eq!(export(&store, ExportFormat::NQuads), before);
}
