//! One canonical order for statements, so every output is byte-for-byte reproducible.
//!
//! Statements sort by graph, subject, predicate and object (compared as N-Triples text), with
//! `rdf:type` first among a subject's predicates so Turtle starts each block with `a …`.

use crate::vocab::rdf;
use oxigraph::model::{NamedNodeRef, Quad, QuadRef, TermRef, Triple};
use std::fmt::Write;

/// The sort key of a statement: its graph, subject, predicate and object as N-Triples text,
/// joined by NUL characters, the predicate preceded by `0` for `rdf:type` and `1` otherwise.
///
/// One string compares exactly as the tuple of its parts would: N-Triples text never contains
/// a NUL (literals escape it as `\u0000`), so a part that is a prefix of another sorts first
/// either way. Building one string per statement instead of four halves the cost of sorting a
/// document's statements, which is most of the cost of minting them.
pub(crate) fn quad_key(quad: QuadRef<'_>) -> String {
    let mut key = String::with_capacity(160);
    let _ = write!(key, "{}\0", quad.graph_name);
    push_triple_key(&mut key, quad.subject.into(), quad.predicate, quad.object);
    key
}

fn push_triple_key(
    key: &mut String,
    subject: TermRef<'_>,
    predicate: NamedNodeRef<'_>,
    object: TermRef<'_>,
) {
    let type_first = if predicate == rdf::TYPE { '0' } else { '1' };
    let _ = write!(key, "{subject}\0{type_first}{predicate}\0{object}");
}

/// Sorts quads canonically and drops duplicates.
pub(crate) fn sort_and_dedup_quads(quads: &mut Vec<Quad>) {
    quads.sort_by_cached_key(|quad| quad_key(quad.as_ref()));
    quads.dedup();
}

/// Sorts triples canonically and drops duplicates (the same triple from two graphs is one).
pub(crate) fn sort_and_dedup_triples(triples: &mut Vec<Triple>) {
    triples.sort_by_cached_key(|triple| {
        let mut key = String::with_capacity(160);
        push_triple_key(
            &mut key,
            triple.subject.as_ref().into(),
            triple.predicate.as_ref(),
            triple.object.as_ref(),
        );
        key
    });
    triples.dedup();
}
