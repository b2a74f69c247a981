//! `ontology/` agrees with the code: every kg: term the code uses is declared with a label and
//! a comment, and the SHACL shapes parse and hold on real output.

mod common;

use common::{extraction, other_extraction, OTHER_TEXT, TEXT};
use kg_graph::oxigraph::io::{RdfFormat, RdfParser};
use kg_graph::oxigraph::model::{Graph, NamedOrBlankNodeRef, Term, TermRef, Triple};
use kg_graph::vocab::{kg, rdfs};
use kg_graph::{extraction_to_quads, KgStore, QueryOutput};
use std::path::PathBuf;

fn ontology_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../ontology")
        .join(name)
}

fn parse_turtle(name: &str) -> Graph {
    let path = ontology_file(name);
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&text)
        .map(|quad| quad.map(Triple::from))
        .collect::<Result<Graph, _>>()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn is_declared(ontology: &Graph, term: &str) -> bool {
    let subject = NamedOrBlankNodeRef::NamedNode(
        kg_graph::oxigraph::model::NamedNodeRef::new_unchecked(term),
    );
    let has = |p| {
        ontology
            .object_for_subject_predicate(subject, p)
            .is_some_and(|o| matches!(o, TermRef::Literal(_)))
    };
    has(rdfs::LABEL) && has(rdfs::COMMENT)
}

#[test]
fn every_kg_constant_is_declared_in_the_ontology() {
    let ontology = parse_turtle("kg.ttl");
    for term in kg::ALL {
        assert!(
            is_declared(&ontology, term.as_str()),
            "{term} needs rdfs:label and rdfs:comment in ontology/kg.ttl"
        );
    }
}

#[test]
fn every_kg_term_in_the_output_is_declared() {
    let ontology = parse_turtle("kg.ttl");
    let mut quads = extraction_to_quads(&extraction("a.txt", TEXT), TEXT);
    quads.extend(extraction_to_quads(&other_extraction("b.txt"), OTHER_TEXT));
    for quad in &quads {
        let mut iris = vec![quad.predicate.as_str().to_owned()];
        if let Term::NamedNode(object) = &quad.object {
            iris.push(object.as_str().to_owned());
        }
        for iri in iris.iter().filter(|iri| iri.starts_with(kg::NAMESPACE)) {
            assert!(
                is_declared(&ontology, iri),
                "{iri} is used but not declared in ontology/kg.ttl"
            );
        }
    }
}

#[test]
fn every_declared_kg_term_has_a_label_and_a_comment() {
    let ontology = parse_turtle("kg.ttl");
    for triple in &ontology {
        if let NamedOrBlankNodeRef::NamedNode(subject) = triple.subject {
            if subject.as_str().starts_with(kg::NAMESPACE) {
                assert!(is_declared(&ontology, subject.as_str()), "{subject}");
            }
        }
    }
}

#[test]
fn shapes_parse() {
    let shapes = parse_turtle("shapes.ttl");
    assert!(shapes.len() > 50);
}

/// No SHACL engine is at hand, so the main shapes are checked as SPARQL over real output.
#[test]
fn output_meets_the_main_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let store = KgStore::open(dir.path()).unwrap();
    store.load(&extraction("a.txt", TEXT), TEXT).unwrap();
    store.load(&other_extraction("b.txt"), OTHER_TEXT).unwrap();
    for (shape, violations) in [
        ("PostShape", "SELECT ?x WHERE { ?x a org:Post FILTER NOT EXISTS { ?x org:role ?r ; org:postIn ?o ; org:heldBy ?p ; kg:confidence ?c ; prov:wasDerivedFrom ?s } }"),
        ("MeetingShape", "SELECT ?x WHERE { ?x a sem:Event ; sem:eventType kg:Meeting ; prov:wasDerivedFrom ?s ; kg:confidence ?c . ?x sem:hasActor ?a } GROUP BY ?x HAVING (COUNT(DISTINCT ?a) < 2)"),
        ("PhraseShape", "SELECT ?x WHERE { ?x a nif:Phrase FILTER NOT EXISTS { ?x nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?t ; nif:referenceContext ?d } }"),
        ("PersonShape", "SELECT ?x WHERE { ?x a schema:Person FILTER NOT EXISTS { ?x rdfs:label ?l } }"),
        ("OrganizationShape", "SELECT ?x WHERE { ?x a org:Organization FILTER NOT EXISTS { ?x rdfs:label ?l } }"),
        ("TopicShape", "SELECT ?x WHERE { ?x a skos:Concept FILTER NOT EXISTS { ?x skos:prefLabel ?l } }"),
        ("DocumentShape", "SELECT ?x WHERE { ?x a nif:Context FILTER NOT EXISTS { ?x nif:isString ?t ; kg:sourcePath ?p ; kg:contentHash ?h } }"),
        // The store keeps offsets as xsd:integer (see `export_keeps_nif_offset_datatypes`).
        ("OffsetShape", "SELECT ?x WHERE { ?x nif:beginIndex ?b ; nif:endIndex ?e FILTER (!(?b >= 0 && ?e >= ?b)) }"),
    ] {
        let QueryOutput::Solutions { rows, .. } = store.query(violations).unwrap() else {
            panic!("{shape}: not a SELECT")
        };
        assert!(rows.is_empty(), "{shape} violated by {rows:?}");
    }
}
