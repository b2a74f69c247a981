//! The persistent store: load, reload, replace, remove, query, export, stats, DOT.

mod common;

use common::{extraction, other_extraction, OTHER_TEXT, TEXT};
use kg_graph::oxigraph::io::RdfParser;
use kg_graph::oxigraph::model::Term;
use kg_graph::{ExportFormat, GraphError, KgStore, LoadOutcome, QueryOutput, ResultFormat};
use std::path::Path;

fn loaded_store(dir: &Path) -> KgStore {
    let store = KgStore::open(dir).unwrap();
    assert_eq!(
        store.load(&extraction("news/a.txt", TEXT), TEXT).unwrap(),
        LoadOutcome::Added
    );
    assert_eq!(
        store
            .load(&other_extraction("news/b.txt"), OTHER_TEXT)
            .unwrap(),
        LoadOutcome::Added
    );
    store
}

fn rows(output: QueryOutput) -> Vec<Vec<String>> {
    let QueryOutput::Solutions { rows, .. } = output else {
        panic!("expected solutions, got {output:?}")
    };
    rows.into_iter()
        .map(|row| {
            row.iter()
                .map(|t| t.as_ref().map(kg_graph::term_text).unwrap_or_default())
                .collect()
        })
        .collect()
}

fn count(store: &KgStore, sparql: &str) -> usize {
    rows(store.query(sparql).unwrap())[0][0].parse().unwrap()
}

fn export(store: &KgStore, format: ExportFormat, graph: Option<&str>) -> Vec<u8> {
    let mut out = Vec::new();
    store.export(format, graph, &mut out).unwrap();
    out
}

#[test]
fn reload_is_idempotent_and_changed_text_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded_store(dir.path());
    let before = store.stats().unwrap().quads;

    assert_eq!(
        store.load(&extraction("news/a.txt", TEXT), TEXT).unwrap(),
        LoadOutcome::Unchanged
    );
    assert_eq!(store.stats().unwrap().quads, before);

    let edited = format!("{TEXT} More later.");
    let mut ex = extraction("news/a.txt", &edited);
    ex.sentences = common::sentences(&edited);
    assert_eq!(store.load(&ex, &edited).unwrap(), LoadOutcome::Replaced);
    // One more sentence node (type, begin, end, anchor, context); the old text is gone.
    assert_eq!(store.stats().unwrap().quads, before + 5);
    assert_eq!(
        count(
            &store,
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ ?d nif:isString {TEXT:?} }}")
        ),
        0
    );
    assert_eq!(store.documents().unwrap(), ["news/a.txt", "news/b.txt"]);
}

/// The default graph holds each triple of the document graphs exactly once, and nothing else.
fn assert_union_is_consistent(store: &KgStore) {
    let union = count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
    let distinct = count(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }",
    );
    assert_eq!(union, distinct);
    assert_eq!(
        store
            .query("ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
            .unwrap(),
        QueryOutput::Boolean(false)
    );
}

#[test]
fn the_default_graph_follows_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded_store(dir.path());
    assert_union_is_consistent(&store);

    // a.txt stops mentioning Hakan Fidan: b.txt still does, so he stays in the union.
    let mut ex = extraction("news/a.txt", TEXT);
    ex.facts.pop();
    ex.mentions.retain(|m| m.entity != common::FIDAN);
    ex.entities[common::FIDAN.0].label = "H. Fidan".into();
    assert_eq!(store.load(&ex, TEXT).unwrap(), LoadOutcome::Replaced);
    assert_union_is_consistent(&store);
    let labels = rows(
        store
            .query("SELECT ?l WHERE { person:hakan-fidan rdfs:label ?l } ORDER BY ?l")
            .unwrap(),
    );
    assert_eq!(labels, [["H. Fidan"], ["Hakan Fidan"]]);
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { ?p org:role role:foreign-minister }"
        ),
        0
    );

    assert!(store.remove("news/b.txt").unwrap());
    assert_union_is_consistent(&store);
    let labels = rows(
        store
            .query("SELECT ?l WHERE { person:hakan-fidan rdfs:label ?l }")
            .unwrap(),
    );
    assert_eq!(labels, [["H. Fidan"]]);

    assert!(store.remove("news/a.txt").unwrap());
    assert_eq!(
        store.query("ASK { ?s ?p ?o }").unwrap(),
        QueryOutput::Boolean(false)
    );
    assert_eq!(
        store.query("ASK { GRAPH ?g { ?s ?p ?o } }").unwrap(),
        QueryOutput::Boolean(false)
    );
}

#[test]
fn remove_drops_only_that_document() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded_store(dir.path());
    assert!(store.remove("news/a.txt").unwrap());
    assert!(!store.remove("news/a.txt").unwrap());
    assert_eq!(store.documents().unwrap(), ["news/b.txt"]);
    // Hakan Fidan is still known from b.txt, Kalın is gone.
    let people = rows(
        store
            .query("SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name")
            .unwrap(),
    );
    assert_eq!(people, [["Hakan Fidan"], ["Rustem\\Umerov\""]]);
    // Removing by IRI works too.
    assert!(store.remove("https://w3id.org/kg/doc/news/b.txt").unwrap());
    assert!(store.documents().unwrap().is_empty());
    assert_eq!(store.stats().unwrap().quads, 0);
}

#[test]
fn query_sees_the_union_of_documents() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded_store(dir.path());
    // Hakan Fidan appears in both documents and is one node.
    assert_eq!(
        count(&store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Person ; rdfs:label \"Hakan Fidan\" }"),
        1
    );
    assert_eq!(
        count(&store, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { <https://w3id.org/kg/id/person/hakan-fidan> a schema:Person } }"),
        2
    );
    let holders = rows(
        store
            .query(
                "SELECT ?name ?role ?org WHERE {
           ?p org:holds ?post ; rdfs:label ?name .
           ?post org:role/skos:prefLabel ?role ; org:postIn/rdfs:label ?org .
         } ORDER BY ?name",
            )
            .unwrap(),
    );
    assert_eq!(
        holders,
        [
            ["Hakan Fidan", "foreign minister", "Türkiye"],
            ["Ibrahim Kalın", "intelligence chief", "Türkiye"]
        ]
    );
    assert_eq!(
        store.query("ASK { ?m sem:eventType kg:Meeting }").unwrap(),
        QueryOutput::Boolean(true)
    );
    let QueryOutput::Graph(triples) = store
        .query("CONSTRUCT { ?p a schema:Person } WHERE { ?p a schema:Person }")
        .unwrap()
    else {
        panic!("CONSTRUCT gives a graph")
    };
    assert_eq!(triples.len(), 4);

    let mut json = Vec::new();
    kg_graph::write_results(
        &store
            .query("SELECT ?p WHERE { ?p a schema:City } ORDER BY ?p")
            .unwrap(),
        ResultFormat::Json,
        &mut json,
    )
    .unwrap();
    let json = String::from_utf8(json).unwrap();
    assert!(
        json.contains("https://w3id.org/kg/id/place/ankara"),
        "{json}"
    );
}

#[test]
fn syntax_errors_say_where() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded_store(dir.path());
    let error = store.query("SELECT ?x WHERE { ?x a }").unwrap_err();
    assert!(matches!(error, GraphError::Syntax { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("at line 1, column 25"), "{message}");
    assert!(message.contains("near `?x WHERE { ?x a }`"), "{message}");
    assert!(message.contains("fix the query"), "{message}");
    // The grammar's character ranges are left out; the tokens one types are kept.
    assert!(!message.contains("..="), "{message}");
    assert!(message.contains("expected one of "), "{message}");
    assert!(message.len() < 400, "{message}");
}

#[test]
fn stats_count_distinct_things() {
    let dir = tempfile::tempdir().unwrap();
    let stats = loaded_store(dir.path()).stats().unwrap();
    assert_eq!(stats.documents, 2);
    assert_eq!(stats.people, 4);
    assert_eq!(stats.organizations, 0);
    assert_eq!(stats.places, 3);
    assert_eq!(stats.posts, 2);
    assert_eq!(stats.roles, 2);
    assert_eq!(stats.meetings, 2);
    assert_eq!(stats.topics, 1);
    assert_eq!(stats.mentions, 10);
    assert!(stats.quads > 100);
    let text = stats.to_string();
    assert!(
        text.starts_with("documents:     2\nquads:         "),
        "{text}"
    );
    assert!(text.ends_with("\nmentions:      10"), "{text}");
}

#[test]
fn every_export_format_parses_back_to_the_same_statements() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded_store(dir.path());
    let quads = store.stats().unwrap().quads;
    let distinct_triples = count(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
    );
    assert!(
        distinct_triples < quads,
        "the documents share some statements"
    );
    for format in ExportFormat::ALL {
        assert_eq!(format.as_str().parse::<ExportFormat>(), Ok(format));
        let bytes = export(&store, format, None);
        let parsed: Vec<_> = RdfParser::from_format(format.rdf_format())
            .for_slice(&bytes)
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{format}: {e}\n{}", String::from_utf8_lossy(&bytes)));
        let expected = if format.keeps_graphs() {
            quads
        } else {
            distinct_triples
        };
        assert_eq!(parsed.len(), expected, "{format}");
        if format.keeps_graphs() {
            assert!(
                parsed.iter().all(|q| !q.graph_name.is_default_graph()),
                "{format}"
            );
        }
    }
    // One document only.
    let one = export(&store, ExportFormat::NQuads, Some("news/b.txt"));
    let text = String::from_utf8(one).unwrap();
    assert!(text
        .lines()
        .all(|l| l.ends_with("<https://w3id.org/kg/doc/news/b.txt> .")));
    let missing = store
        .export(ExportFormat::Turtle, Some("nope.txt"), &mut Vec::new())
        .unwrap_err();
    assert!(
        matches!(missing, GraphError::UnknownDocument { .. }),
        "{missing:?}"
    );
}

#[test]
fn export_keeps_nif_offset_datatypes() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded_store(dir.path());
    let nt = String::from_utf8(export(&store, ExportFormat::NTriples, None)).unwrap();
    let offsets: Vec<&str> = nt
        .lines()
        .filter(|l| l.contains("nif-core#beginIndex>"))
        .collect();
    assert!(!offsets.is_empty());
    for line in offsets {
        assert!(
            line.ends_with("^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> ."),
            "{line}"
        );
    }
    // What the store exports for a document is exactly what the extraction gave.
    let mut from_store = Vec::new();
    store
        .export(ExportFormat::NQuads, Some("news/a.txt"), &mut from_store)
        .unwrap();
    let mut direct = Vec::new();
    kg_graph::write_quads(
        kg_graph::extraction_to_quads(&extraction("news/a.txt", TEXT), TEXT),
        ExportFormat::NQuads,
        &mut direct,
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(from_store).unwrap(),
        String::from_utf8(direct).unwrap()
    );
}

#[test]
fn turtle_export_is_byte_identical_across_fresh_stores() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let a = loaded_store(first.path());
    // The other store loads the documents in the opposite order.
    let b = KgStore::open(second.path()).unwrap();
    b.load(&other_extraction("news/b.txt"), OTHER_TEXT).unwrap();
    b.load(&extraction("news/a.txt", TEXT), TEXT).unwrap();
    for format in ExportFormat::ALL {
        assert_eq!(
            export(&a, format, None),
            export(&b, format, None),
            "{format}"
        );
    }
    let turtle = String::from_utf8(export(&a, ExportFormat::Turtle, None)).unwrap();
    assert!(
        turtle.contains("@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"),
        "{turtle}"
    );
    assert!(
        turtle.contains("person:hakan-fidan a schema:Person"),
        "{turtle}"
    );
    assert_eq!(a.dot(None).unwrap(), b.dot(None).unwrap());
}

#[test]
fn dot_shows_labelled_edges_and_a_legend() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded_store(dir.path());
    let dot = store.dot(None).unwrap();
    assert!(dot.starts_with("digraph kg {"), "{dot}");
    assert!(dot.contains("subgraph cluster_legend"), "{dot}");
    for label in [
        "label=\"foreign minister of\"",
        "label=\"intelligence chief of\"",
        "label=\"met in\"",
        "label=\"in\"",
        "label=\"discussed\"",
        "label=\"located in\"",
        "label=\"Ibrahim Kalın\", shape=ellipse",
        "label=\"Türkiye\", shape=house",
        "label=\"regional stability\", shape=note",
        "label=\"meeting\\n2025-11-27\", shape=diamond",
        // Quotes and backslashes in names are escaped.
        "label=\"Rustem\\\\Umerov\\\"\"",
    ] {
        assert!(dot.contains(label), "missing {label} in\n{dot}");
    }
    // Posts are collapsed into edges, never drawn.
    assert!(!dot.contains("#post-\""), "{dot}");
    let fidan_to_turkiye = edge_between(&dot, "Hakan Fidan", "Türkiye");
    assert_eq!(fidan_to_turkiye.as_deref(), Some("foreign minister of"));

    // One document only.
    let only_b = store.dot(Some("news/b.txt")).unwrap();
    assert!(
        only_b.contains("Istanbul") && !only_b.contains("Ankara"),
        "{only_b}"
    );
    assert!(matches!(
        store.dot(Some("missing.txt")),
        Err(GraphError::UnknownDocument { .. })
    ));
}

/// The label of the edge from the node labelled `from` to the node labelled `to`.
fn edge_between(dot: &str, from: &str, to: &str) -> Option<String> {
    let id_of = |label: &str| {
        dot.lines()
            .find(|l| l.trim_start().starts_with('n') && l.contains(&format!("[label=\"{label}\"")))
            .map(|l| l.trim().split(' ').next().unwrap().to_owned())
    };
    let (from, to) = (id_of(from)?, id_of(to)?);
    let prefix = format!("{from} -> {to} [label=\"");
    dot.lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix(prefix.as_str()))
        .map(|rest| rest.trim_end_matches("\"];").to_owned())
}

#[test]
fn a_second_writer_is_told_to_wait_and_readers_work_alongside() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded_store(dir.path());
    match KgStore::open(dir.path()) {
        Err(error @ GraphError::Locked { .. }) => {
            assert!(
                error.to_string().contains("in use by another kg process"),
                "{error}"
            );
        }
        Err(other) => panic!("expected Locked, got {other:?}"),
        Ok(_) => panic!("a second writer must not open the store"),
    }
    let reader = KgStore::open_read_only(dir.path()).unwrap();
    assert_eq!(reader.documents().unwrap(), store.documents().unwrap());
    assert!(matches!(
        reader.remove("news/a.txt"),
        Err(GraphError::ReadOnly { .. })
    ));
    let Term::Literal(_) = reader
        .query("SELECT ?t WHERE { ?d nif:isString ?t } LIMIT 1")
        .map(|o| match o {
            QueryOutput::Solutions { rows, .. } => rows[0][0].clone().unwrap(),
            other => panic!("{other:?}"),
        })
        .unwrap()
    else {
        panic!("text is a literal")
    };
}

#[test]
fn reading_a_missing_store_says_to_build_first() {
    let dir = tempfile::tempdir().unwrap();
    let error = KgStore::open_read_only(&dir.path().join("nothing"))
        .err()
        .unwrap();
    assert!(matches!(error, GraphError::NoStore { .. }), "{error:?}");
    assert!(error.to_string().contains("kg build"), "{error}");
}

#[test]
fn the_store_persists_across_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let turtle = {
        let store = loaded_store(dir.path());
        export(&store, ExportFormat::Turtle, None)
    };
    let store = KgStore::open(dir.path()).unwrap();
    assert_eq!(
        store.load(&extraction("news/a.txt", TEXT), TEXT).unwrap(),
        LoadOutcome::Unchanged
    );
    assert_eq!(export(&store, ExportFormat::Turtle, None), turtle);
}
