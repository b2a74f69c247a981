//! What `kg viz` draws: the Graphviz view of the store, narrowed to a document, to the facts
//! above a confidence and to the neighbourhood of an entity, with the facts it shows (and the
//! sentences they came from) for a table beside the picture.

use crate::dot::{build_view, write_dot, NodeKind, ViewNode};
use crate::error::GraphError;
use crate::explain::{Explainer, FactRecord};
use crate::store::KgStore;
use kg_model::Confidence;
use oxigraph::model::NamedNode;
use petgraph::graph::{Graph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Which part of the graph to draw.
#[derive(Debug, Clone, Default)]
pub struct PictureOptions {
    /// Only this document (its path as built, or its graph IRI).
    pub doc: Option<String>,
    /// Leave out the facts below this confidence.
    pub min_confidence: Option<Confidence>,
    /// Only the neighbourhood of the entities this name or IRI names (matched as `kg explain`
    /// matches names: any case, with or without diacritics).
    pub entity: Option<String>,
    /// How many edges from the entity the neighbourhood reaches (edges count both ways).
    pub depth: usize,
}

/// A picture of (part of) the graph, ready to be written as DOT or rendered.
#[derive(Debug, Clone)]
pub struct Picture {
    /// Graphviz DOT source, the same for the same store and options.
    pub dot: String,
    /// Nodes drawn (the legend not counted).
    pub nodes: usize,
    /// Edges drawn.
    pub edges: usize,
    /// The IRIs of the people, organisations and places drawn, sorted.
    pub entities: Vec<String>,
}

impl KgStore {
    /// Draws the part of the graph `options` selects. An `entity` that names nothing is
    /// [`GraphError::UnknownEntity`]; a `doc` that is not in the store is
    /// [`GraphError::UnknownDocument`].
    pub fn picture(&self, options: &PictureOptions) -> Result<Picture, GraphError> {
        let graph = match &options.doc {
            Some(document) => Some(self.existing_document(document)?),
            None => None,
        };
        match options.min_confidence {
            None => picture_of(self, graph.as_ref(), options),
            Some(min) => picture_of(&self.confident_view(min)?, graph.as_ref(), options),
        }
    }

    /// The facts (offices, meetings, containment) in which the given entities take part, each
    /// once, with the sentences they came from: the rows of the table beside a picture. With
    /// `options.doc`, only that document's facts; with `options.min_confidence`, only the facts
    /// the picture keeps. Sorted by document and first sentence.
    pub fn facts_of(
        &self,
        entities: &[String],
        options: &PictureOptions,
    ) -> Result<Vec<FactRecord>, GraphError> {
        let document = match &options.doc {
            Some(document) => {
                let graph = self.existing_document(document)?;
                crate::iri::document_id(graph.as_str())
            }
            None => None,
        };
        let view;
        let store = match options.min_confidence {
            None => self,
            Some(min) => {
                view = self.confident_view(min)?;
                &view
            }
        };
        let explainer = Explainer::new(store.inner());
        let mut facts: BTreeMap<(String, String), FactRecord> = BTreeMap::new();
        for entity in entities {
            let explanation = explainer
                .explain(&NamedNode::new_unchecked(entity.as_str()))
                .map_err(|e| store.storage(e))?;
            for fact in explanation.facts {
                if document.as_ref().is_none_or(|doc| *doc == fact.document) {
                    facts
                        .entry((fact.document.clone(), fact.node.clone()))
                        .or_insert(fact);
                }
            }
        }
        let mut facts: Vec<FactRecord> = facts.into_values().collect();
        facts.sort_by(|a, b| {
            (&a.document, a.sentences.first(), &a.node).cmp(&(
                &b.document,
                b.sentences.first(),
                &b.node,
            ))
        });
        Ok(facts)
    }
}

fn picture_of(
    store: &KgStore,
    graph: Option<&NamedNode>,
    options: &PictureOptions,
) -> Result<Picture, GraphError> {
    let mut view = build_view(store, graph)?;
    if let Some(name) = &options.entity {
        let found = Explainer::new(store.inner())
            .find(name)
            .map_err(|e| store.storage(e))?;
        let seeds: Vec<NodeIndex> = view
            .node_indices()
            .filter(|node| found.iter().any(|iri| iri.as_str() == view[*node].iri))
            .collect();
        if seeds.is_empty() {
            return Err(GraphError::UnknownEntity {
                name: name.clone(),
                in_document: options.doc.clone(),
            });
        }
        view = neighbourhood(&view, &seeds, options.depth);
    }
    let entities: BTreeSet<String> = view
        .node_weights()
        .filter(|node| {
            matches!(
                node.kind,
                NodeKind::Person | NodeKind::Organization | NodeKind::Place
            )
        })
        .map(|node| node.iri.clone())
        .collect();
    Ok(Picture {
        dot: write_dot(&view),
        nodes: view.node_count(),
        edges: view.edge_count(),
        entities: entities.into_iter().collect(),
    })
}

/// The nodes at most `depth` edges (in either direction) from a seed, and the edges between
/// them, in the original order so the DOT stays reproducible.
fn neighbourhood(
    view: &Graph<ViewNode, String>,
    seeds: &[NodeIndex],
    depth: usize,
) -> Graph<ViewNode, String> {
    let mut distance: BTreeMap<NodeIndex, usize> = seeds.iter().map(|s| (*s, 0)).collect();
    let mut queue: VecDeque<NodeIndex> = seeds.iter().copied().collect();
    while let Some(node) = queue.pop_front() {
        let next = distance[&node] + 1;
        if next > depth {
            continue;
        }
        let neighbours = view
            .edges_directed(node, Direction::Outgoing)
            .map(|edge| edge.target())
            .chain(
                view.edges_directed(node, Direction::Incoming)
                    .map(|edge| edge.source()),
            );
        for neighbour in neighbours {
            if let std::collections::btree_map::Entry::Vacant(entry) = distance.entry(neighbour) {
                entry.insert(next);
                queue.push_back(neighbour);
            }
        }
    }
    view.filter_map(
        |node, weight| distance.contains_key(&node).then(|| weight.clone()),
        |_, label| Some(label.clone()),
    )
}
