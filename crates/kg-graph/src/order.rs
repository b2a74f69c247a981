//! One canonical order for statements, so every output is byte-for-byte reproducible.
//!
//! Statements sort by graph, subject, predicate and object (compared as N-Triples text), with
//! `rdf:type` first among a subject's predicates so Turtle starts each block with `a …`.

use crate::vocab::rdf;
use oxigraph::model::{Quad, Triple};

type TripleKey = (String, (bool, String), String);

fn triple_key(triple: &Triple) -> TripleKey {
    (
        triple.subject.to_string(),
        (triple.predicate != rdf::TYPE, triple.predicate.to_string()),
        triple.object.to_string(),
    )
}

/// Sorts quads canonically and drops duplicates.
pub(crate) fn sort_and_dedup_quads(quads: &mut Vec<Quad>) {
    quads.sort_by_cached_key(|quad| {
        (
            quad.graph_name.to_string(),
            quad.subject.to_string(),
            (quad.predicate != rdf::TYPE, quad.predicate.to_string()),
            quad.object.to_string(),
        )
    });
    quads.dedup();
}

/// Sorts triples canonically and drops duplicates (the same triple from two graphs is one).
pub(crate) fn sort_and_dedup_triples(triples: &mut Vec<Triple>) {
    triples.sort_by_cached_key(triple_key);
    triples.dedup();
}
