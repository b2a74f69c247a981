//! `--min-confidence`: leaving out facts the extractor is not sure enough of.
//!
//! A fact is compared by the confidence the graph records for it (`kg:confidence`, a decimal
//! rounded to four places), so `kg build --min-confidence X` keeps exactly the facts that
//! `kg export --min-confidence X` and `kg viz --min-confidence X` would show.

use crate::quads::confidence_text;
use crate::vocab::{kg, org, rdf};
use kg_model::{Confidence, Extraction};
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term, Triple};
use std::collections::HashSet;

/// Whether a fact of confidence `value` is kept at threshold `min`.
fn passes(value: f32, min: Confidence) -> bool {
    // Compare what the graph will say, so the build filter and the export filter agree even for
    // values that rounding moves across the threshold.
    confidence_text(value)
        .parse::<f32>()
        .is_ok_and(|stored| stored >= min.value())
}

/// Drops the facts whose confidence is below `min` from an extraction before it is loaded.
/// Entities and mentions stay: a name is in the text whether or not a fact about it is kept.
///
/// ```
/// use kg_model::{Confidence, Extraction};
/// let mut extraction = Extraction {
///     document: "a.txt".into(), date: None, sentences: vec![], entities: vec![],
///     mentions: vec![], facts: vec![],
/// };
/// kg_graph::retain_confident_facts(&mut extraction, Confidence::new(0.8));
/// assert!(extraction.facts.is_empty());
/// ```
pub fn retain_confident_facts(extraction: &mut Extraction, min: Confidence) {
    extraction
        .facts
        .retain(|fact| passes(fact.confidence().value(), min));
}

/// The quads without the fact nodes (posts, meetings, reified statements) whose
/// `kg:confidence` is below `min`: every statement about such a node or pointing at it goes,
/// the triple a low-confidence `rdf:Statement` reifies goes, and so does a role that no post
/// of that graph has any more.
pub(crate) fn drop_unconfident(quads: Vec<Quad>, min: Confidence) -> Vec<Quad> {
    let below: HashSet<(GraphName, NamedOrBlankNode)> = quads
        .iter()
        .filter(|quad| quad.predicate == kg::CONFIDENCE)
        .filter(|quad| match &quad.object {
            Term::Literal(value) => value
                .value()
                .parse::<f32>()
                .map_or(true, |value| value < min.value()),
            _ => false,
        })
        .map(|quad| (quad.graph_name.clone(), quad.subject.clone()))
        .collect();
    if below.is_empty() {
        return quads;
    }
    let reified = reified_triples(&quads, &below);
    let is_below = |graph: &GraphName, term: &Term| match term {
        Term::NamedNode(node) => below.contains(&(graph.clone(), node.clone().into())),
        Term::BlankNode(node) => below.contains(&(graph.clone(), node.clone().into())),
        Term::Literal(_) => false,
    };
    let kept: Vec<Quad> = quads
        .into_iter()
        .filter(|quad| {
            !below.contains(&(quad.graph_name.clone(), quad.subject.clone()))
                && !is_below(&quad.graph_name, &quad.object)
                && !reified.contains(&(quad.graph_name.clone(), Triple::from(quad.clone())))
        })
        .collect();
    drop_unused_roles(kept)
}

/// `(graph, s p o)` for each `rdf:Statement` among `nodes`.
fn reified_triples(
    quads: &[Quad],
    nodes: &HashSet<(GraphName, NamedOrBlankNode)>,
) -> HashSet<(GraphName, Triple)> {
    let part = |key: &(GraphName, NamedOrBlankNode), predicate| {
        quads
            .iter()
            .find(|q| q.predicate == predicate && q.graph_name == key.0 && q.subject == key.1)
            .map(|q| q.object.clone())
    };
    nodes
        .iter()
        .filter_map(|key| {
            let subject = match part(key, rdf::SUBJECT)? {
                Term::NamedNode(node) => NamedOrBlankNode::from(node),
                Term::BlankNode(node) => NamedOrBlankNode::from(node),
                Term::Literal(_) => return None,
            };
            let Term::NamedNode(predicate) = part(key, rdf::PREDICATE)? else {
                return None;
            };
            let object = part(key, rdf::OBJECT)?;
            Some((key.0.clone(), Triple::new(subject, predicate, object)))
        })
        .collect()
}

/// Removes the statements about `org:Role`s that no post in the same graph refers to.
fn drop_unused_roles(quads: Vec<Quad>) -> Vec<Quad> {
    let used: HashSet<(GraphName, Term)> = quads
        .iter()
        .filter(|quad| quad.predicate == org::ROLE_PROPERTY)
        .map(|quad| (quad.graph_name.clone(), quad.object.clone()))
        .collect();
    let unused: HashSet<(GraphName, NamedOrBlankNode)> = quads
        .iter()
        .filter(|quad| quad.predicate == rdf::TYPE && quad.object == org::ROLE.into())
        .filter(|quad| {
            let role = Term::from(quad.subject.clone());
            !used.contains(&(quad.graph_name.clone(), role))
        })
        .map(|quad| (quad.graph_name.clone(), quad.subject.clone()))
        .collect();
    quads
        .into_iter()
        .filter(|quad| !unused.contains(&(quad.graph_name.clone(), quad.subject.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_compare_the_recorded_value() {
        assert!(passes(0.9, Confidence::new(0.9)));
        assert!(passes(0.85, Confidence::new(0.85)));
        assert!(!passes(0.85, Confidence::new(0.9)));
        assert!(passes(0.0, Confidence::new(0.0)));
        // Recorded as 0.1235, so it passes 0.1235 as the export filter would see it.
        assert!(passes(0.123_46, Confidence::new(0.1235)));
    }
}
