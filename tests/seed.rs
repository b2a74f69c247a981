//! The reference article: every fact kg must get right, asserted through SPARQL over a
//! persistent store built from `../shared/seed/000_0a0cc7baca249987.txt`.

use kg::extract::Extractor;
use kg::graph::{KgStore, LoadOutcome, QueryOutput};
use kg::model::Document;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const PREFIXES: &str = "
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX kg: <https://w3id.org/kg/ns#>
";

fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_0a0cc7baca249987.txt")
}

fn build(store_dir: &Path) -> KgStore {
    let path = seed_path();
    let text = std::fs::read_to_string(&path).expect("the seed article is in ../shared/seed");
    let doc = Document::new("shared/seed/000_0a0cc7baca249987.txt", text);
    let extraction = Extractor::new().extract(&doc);
    let store = KgStore::open(store_dir).expect("open store");
    store.load(&extraction, &doc.text).expect("load");
    store
}

fn rows(store: &KgStore, query: &str) -> Vec<Vec<String>> {
    match store
        .query(&format!("{PREFIXES}{query}"))
        .expect("query runs")
    {
        QueryOutput::Solutions { rows, .. } => rows
            .into_iter()
            .map(|r| {
                r.iter()
                    .map(|t| t.as_ref().map(kg::graph::term_text).unwrap_or_default())
                    .collect()
            })
            .collect(),
        other => panic!("expected solutions, got {other:?}"),
    }
}

fn ask(store: &KgStore, query: &str) -> bool {
    match store
        .query(&format!("{PREFIXES}{query}"))
        .expect("query runs")
    {
        QueryOutput::Boolean(b) => b,
        other => panic!("expected a boolean, got {other:?}"),
    }
}

#[test]
fn seed_article_facts() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path());

    let roles: BTreeSet<(String, String, String)> = rows(
        &store,
        "SELECT ?person ?role ?org WHERE {
           ?p org:holds ?post ; rdfs:label ?person .
           ?post a org:Post ; org:role/skos:prefLabel ?role ; org:postIn/rdfs:label ?org .
         }",
    )
    .into_iter()
    .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
    .collect();
    let expected: BTreeSet<(String, String, String)> = [
        ("Ibrahim Kalın", "intelligence chief", "Türkiye"),
        (
            "Rustem Umerov",
            "secretary",
            "National Security and Defense Council",
        ),
        ("Rustem Umerov", "top negotiator", "Ukraine"),
        ("Hakan Fidan", "foreign minister", "Türkiye"),
    ]
    .iter()
    .map(|(a, b, c)| ((*a).to_string(), (*b).to_string(), (*c).to_string()))
    .collect();
    assert_eq!(roles, expected, "role facts");

    let people: BTreeSet<String> = rows(&store, "SELECT DISTINCT ?p WHERE { ?p a schema:Person }")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(people.len(), 3, "exactly three people: {people:?}");
    let names: BTreeSet<String> = rows(
        &store,
        "SELECT DISTINCT ?name WHERE { ?p a schema:Person ; rdfs:label ?name }",
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    let want: BTreeSet<String> = ["Hakan Fidan", "Ibrahim Kalın", "Rustem Umerov"]
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(names, want);

    // The meeting of Kalın and Umerov in Ankara and what it discussed.
    let topics: BTreeSet<String> = rows(
        &store,
        "SELECT DISTINCT ?topic WHERE {
           ?m a sem:Event ; sem:eventType kg:Meeting ; sem:hasActor ?k, ?u ; sem:hasPlace ?place ; kg:discusses ?t .
           ?k rdfs:label \"Ibrahim Kalın\" . ?u rdfs:label \"Rustem Umerov\" . ?place rdfs:label \"Ankara\" .
           ?t a skos:Concept ; skos:prefLabel ?topic .
         }",
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    let wanted = [
        "war",
        "regional stability",
        "diplomatic engagement",
        "security situation",
        "prisoner",
        "peace",
    ];
    let covered: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|w| topics.iter().any(|t| t.contains(w)))
        .collect();
    assert!(
        covered.len() >= 4,
        "the Ankara meeting discusses at least four of {wanted:?}; topics were {topics:?}"
    );
    assert!(
        topics.contains("war") && topics.contains("regional stability"),
        "{topics:?}"
    );

    assert!(ask(
        &store,
        "ASK { ?m a sem:Event ; sem:eventType kg:Meeting ; sem:hasActor ?u, ?f .
               ?u rdfs:label \"Rustem Umerov\" . ?f rdfs:label \"Hakan Fidan\" }"
    ));

    for place in ["Ankara", "Türkiye", "Ukraine", "Russia", "Moscow", "Kyiv"] {
        assert!(
            ask(
                &store,
                &format!("ASK {{ ?x a schema:Place ; rdfs:label \"{place}\" }}")
            ),
            "{place} is typed as a place"
        );
    }
    assert!(ask(
        &store,
        "ASK { ?x a org:Organization ; rdfs:label \"National Security and Defense Council\" }"
    ));
    assert!(
        !ask(&store, "ASK { ?x a schema:Place , schema:Person }"),
        "no place is typed as a person"
    );
}

#[test]
fn rebuilding_the_seed_changes_nothing_and_turtle_is_byte_identical() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let a = build(first.path());
    let b = build(second.path());
    let export = |s: &KgStore| {
        let mut out = Vec::new();
        s.export(kg::graph::ExportFormat::Turtle, None, &mut out)
            .unwrap();
        out
    };
    let turtle = export(&a);
    assert!(!turtle.is_empty());
    assert_eq!(
        turtle,
        export(&b),
        "two fresh builds give byte-identical Turtle"
    );

    let text = std::fs::read_to_string(seed_path()).unwrap();
    let doc = Document::new("shared/seed/000_0a0cc7baca249987.txt", text);
    let again = a.load(&Extractor::new().extract(&doc), &doc.text).unwrap();
    assert!(matches!(again, LoadOutcome::Unchanged), "{again:?}");
    assert_eq!(
        export(&a),
        turtle,
        "building the same article again changes nothing"
    );
}
