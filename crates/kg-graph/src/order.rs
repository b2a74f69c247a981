//! One canonical order for statements, so every output is byte-for-byte reproducible.
//!
//! Statements sort by graph, subject, predicate and object (compared as N-Triples text), with
//! `rdf:type` first among a subject's predicates so Turtle starts each block with `a …`.

use crate::vocab::rdf;
use oxigraph::model::{BlankNodeRef, GraphNameRef, NamedNodeRef, Quad, QuadRef, TermRef, Triple};
use std::fmt::Write;

/// The sort key of a statement: its graph, subject, predicate and object as N-Triples text,
/// joined by NUL characters, the predicate preceded by `0` for `rdf:type` and `1` otherwise.
///
/// One string compares exactly as the tuple of its parts would: N-Triples text never contains
/// a NUL (literals escape it as `\u0000`), so a part that is a prefix of another sorts first
/// either way. Building one string per statement instead of four halves the cost of sorting a
/// document's statements, which is most of the cost of minting them.
///
/// The parts are the `Display` text of oxigraph's terms (`<iri>`, `_:id`, literals as
/// N-Triples writes them, `DEFAULT` for the default graph); a unit test holds the two equal.
pub(crate) fn quad_key(quad: QuadRef<'_>) -> String {
    let mut key = String::with_capacity(160);
    match quad.graph_name {
        GraphNameRef::NamedNode(node) => push_named_node(&mut key, node),
        GraphNameRef::BlankNode(node) => push_blank_node(&mut key, node),
        GraphNameRef::DefaultGraph => key.push_str("DEFAULT"),
    }
    key.push('\0');
    push_triple_key(&mut key, quad.subject.into(), quad.predicate, quad.object);
    key
}

fn push_triple_key(
    key: &mut String,
    subject: TermRef<'_>,
    predicate: NamedNodeRef<'_>,
    object: TermRef<'_>,
) {
    push_term(key, subject);
    key.push('\0');
    key.push(if predicate == rdf::TYPE { '0' } else { '1' });
    push_named_node(key, predicate);
    key.push('\0');
    push_term(key, object);
}

/// A term's N-Triples text, as its `Display` writes it; IRIs and blank nodes without going
/// through the formatting machinery, which is most of the cost of a key.
fn push_term(key: &mut String, term: TermRef<'_>) {
    match term {
        TermRef::NamedNode(node) => push_named_node(key, node),
        TermRef::BlankNode(node) => push_blank_node(key, node),
        TermRef::Literal(literal) => {
            let _ = write!(key, "{literal}");
        }
    }
}

fn push_named_node(key: &mut String, node: NamedNodeRef<'_>) {
    key.push('<');
    key.push_str(node.as_str());
    key.push('>');
}

fn push_blank_node(key: &mut String, node: BlankNodeRef<'_>) {
    key.push_str("_:");
    key.push_str(node.as_str());
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

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode};

    #[test]
    fn keys_join_the_display_text_of_the_terms() {
        let s = NamedNode::new_unchecked("https://w3id.org/kg/id/person/anna-berg");
        let b = BlankNode::new_unchecked("b0");
        let g = NamedNode::new_unchecked("https://w3id.org/kg/doc/a.txt");
        let objects: Vec<oxigraph::model::Term> = vec![
            s.clone().into(),
            b.clone().into(),
            Literal::new_simple_literal("Anna \"Berg\"\n\u{0}").into(),
            Literal::new_language_tagged_literal_unchecked("Oslo", "nb").into(),
            Literal::from(42).into(),
        ];
        for graph in [
            GraphName::from(g.clone()),
            GraphName::from(b.clone()),
            GraphName::DefaultGraph,
        ] {
            for object in &objects {
                for predicate in [rdf::TYPE.into_owned(), s.clone()] {
                    let quad =
                        Quad::new(b.clone(), predicate.clone(), object.clone(), graph.clone());
                    let flag = if predicate == rdf::TYPE { '0' } else { '1' };
                    let expected = format!(
                        "{}\0{}\0{flag}{}\0{}",
                        quad.graph_name, quad.subject, quad.predicate, quad.object
                    );
                    assert_eq!(quad_key(quad.as_ref()), expected);
                }
            }
        }
    }
}
