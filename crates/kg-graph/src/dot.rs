//! The Graphviz view of the graph, for `kg viz`.
//!
//! The picture shows the things a reader cares about (people, organisations, places, meetings,
//! topics) and hides the RDF plumbing: W3C ORG's post nodes are collapsed into one edge from
//! the person to the organisation, labelled with the role ("foreign minister of"); a meeting
//! links from its participants ("met in") and to its place ("in") and topics ("discussed");
//! containment reads "located in". Each kind has its own shape and colour, explained by a
//! legend. Nodes and edges are sorted by IRI and label, so the same store gives the same DOT.
//!
//! The view is built as a petgraph graph from SPARQL queries over the store, then written as
//! DOT text by hand, because petgraph's `Dot` cannot set per-node shapes, colours and tooltips.

use crate::error::GraphError;
use crate::results::{term_text, QueryOutput};
use crate::store::KgStore;
use oxigraph::model::NamedNode;
use petgraph::graph::{Graph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The kinds of node the picture draws, in the order of precedence when a node has several
/// types (a country that employs ministers is drawn as a place).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum NodeKind {
    Meeting,
    Person,
    Topic,
    Place,
    Organization,
}

impl NodeKind {
    const ALL: [Self; 5] = [
        Self::Person,
        Self::Organization,
        Self::Place,
        Self::Meeting,
        Self::Topic,
    ];

    fn from_class(class: &str) -> Option<Self> {
        Some(match class {
            "https://schema.org/Person" => Self::Person,
            "https://schema.org/Organization" | "http://www.w3.org/ns/org#Organization" => {
                Self::Organization
            }
            "https://schema.org/Place" => Self::Place,
            "http://semanticweb.cs.vu.nl/2009/11/sem/Event" => Self::Meeting,
            "http://www.w3.org/2004/02/skos/core#Concept" => Self::Topic,
            _ => return None,
        })
    }

    const fn name(self) -> &'static str {
        match self {
            Self::Person => "Person",
            Self::Organization => "Organization",
            Self::Place => "Place",
            Self::Meeting => "Meeting",
            Self::Topic => "Topic",
        }
    }

    /// DOT attributes: shape and fill colour.
    const fn style(self) -> &'static str {
        match self {
            Self::Person => r##"shape=ellipse, fillcolor="#cfe8ff""##,
            Self::Organization => r##"shape=box, fillcolor="#ffd8a8""##,
            Self::Place => r##"shape=house, fillcolor="#c3f0c8""##,
            Self::Meeting => r##"shape=diamond, fillcolor="#fff3a3""##,
            Self::Topic => r##"shape=note, fillcolor="#e0e0e0""##,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ViewNode {
    pub(crate) iri: String,
    pub(crate) kind: NodeKind,
    pub(crate) label: String,
}

/// Builds the DOT text for the whole store, or for one document's graph.
pub(crate) fn store_to_dot(
    store: &KgStore,
    graph: Option<&NamedNode>,
) -> Result<String, GraphError> {
    let view = build_view(store, graph)?;
    Ok(write_dot(&view))
}

fn select(
    store: &KgStore,
    graph: Option<&NamedNode>,
    sparql: &str,
) -> Result<Vec<Vec<Option<String>>>, GraphError> {
    match store.run_query(sparql, graph)? {
        QueryOutput::Solutions { rows, .. } => Ok(rows
            .into_iter()
            .map(|row| {
                row.iter()
                    .map(|term| term.as_ref().map(term_text))
                    .collect()
            })
            .collect()),
        QueryOutput::Boolean(_) | QueryOutput::Graph(_) => Ok(Vec::new()),
    }
}

const NODES_QUERY: &str = "
SELECT DISTINCT ?node ?class ?label WHERE {
  VALUES ?class { schema:Person schema:Organization org:Organization schema:Place sem:Event skos:Concept }
  ?node a ?class .
  OPTIONAL { ?node rdfs:label ?label }
}";

const MEETING_TIMES_QUERY: &str = "
SELECT DISTINCT ?meeting ?time WHERE {
  ?meeting sem:eventType kg:Meeting .
  { ?meeting sem:hasTimeStamp ?time } UNION { ?meeting kg:timeText ?time
    FILTER NOT EXISTS { ?meeting sem:hasTimeStamp ?date } }
}";

/// (from, to, label) triples; each query returns ?from ?to and optionally ?label.
const EDGE_QUERIES: &[(&str, &str)] = &[
    (
        "SELECT DISTINCT ?from ?to ?role WHERE {
           ?from org:holds ?post . ?post org:postIn ?to ; org:role ?r .
           OPTIONAL { ?r skos:prefLabel ?role }
         }",
        "{} of",
    ),
    (
        "SELECT DISTINCT ?from ?to WHERE { ?to sem:eventType kg:Meeting ; sem:hasActor ?from }",
        "met in",
    ),
    (
        "SELECT DISTINCT ?from ?to WHERE { ?from sem:eventType kg:Meeting ; sem:hasPlace ?to }",
        "in",
    ),
    (
        "SELECT DISTINCT ?from ?to WHERE { ?from sem:eventType kg:Meeting ; kg:discusses ?to }",
        "discussed",
    ),
    (
        "SELECT DISTINCT ?from ?to WHERE {
           { ?from schema:containedInPlace ?to } UNION { ?from schema:location ?to }
         }",
        "located in",
    ),
];

pub(crate) fn build_view(
    store: &KgStore,
    graph: Option<&NamedNode>,
) -> Result<Graph<ViewNode, String>, GraphError> {
    let mut kinds: BTreeMap<String, BTreeSet<NodeKind>> = BTreeMap::new();
    let mut labels: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in select(store, graph, NODES_QUERY)? {
        let (Some(node), Some(kind)) = (
            row[0].clone(),
            row[1].as_deref().and_then(NodeKind::from_class),
        ) else {
            continue;
        };
        kinds.entry(node.clone()).or_default().insert(kind);
        if let Some(label) = row[2].clone() {
            labels.entry(node).or_default().insert(label);
        }
    }
    let mut times: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in select(store, graph, MEETING_TIMES_QUERY)? {
        if let (Some(meeting), Some(time)) = (row[0].clone(), row[1].clone()) {
            times.entry(meeting).or_default().insert(time);
        }
    }

    let mut view = Graph::new();
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    for (iri, node_kinds) in kinds {
        // The set is ordered by precedence, so the first kind is the one to draw.
        let kind = *node_kinds.first().expect("a node has at least one kind");
        let label = if kind == NodeKind::Meeting {
            match times.get(&iri) {
                Some(times) => format!(
                    "meeting\n{}",
                    times.iter().cloned().collect::<Vec<_>>().join(", ")
                ),
                None => "meeting".to_owned(),
            }
        } else {
            // Several documents may spell a name differently; any fixed choice keeps the
            // output reproducible, and the first in sorted order is as good as any.
            labels
                .get(&iri)
                .and_then(|labels| labels.first().cloned())
                .unwrap_or_else(|| last_segment(&iri).to_owned())
        };
        let node = view.add_node(ViewNode {
            iri: iri.clone(),
            kind,
            label,
        });
        index.insert(iri, node);
    }

    let mut edges: BTreeSet<(NodeIndex, NodeIndex, String)> = BTreeSet::new();
    for (sparql, label) in EDGE_QUERIES {
        for row in select(store, graph, sparql)? {
            let (Some(from), Some(to)) = (
                row[0].as_ref().and_then(|iri| index.get(iri)),
                row[1].as_ref().and_then(|iri| index.get(iri)),
            ) else {
                continue;
            };
            let label = match row.get(2) {
                Some(role) => label.replace("{}", role.as_deref().unwrap_or("holds a post")),
                None => (*label).to_owned(),
            };
            edges.insert((*from, *to, label));
        }
    }
    for (from, to, label) in edges {
        view.add_edge(from, to, label);
    }
    Ok(view)
}

fn last_segment(iri: &str) -> &str {
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

pub(crate) fn write_dot(view: &Graph<ViewNode, String>) -> String {
    let mut out = String::new();
    out.push_str("digraph kg {\n");
    out.push_str("  graph [rankdir=LR, fontname=\"Helvetica\"];\n");
    out.push_str("  node [fontname=\"Helvetica\", style=filled];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n\n");

    out.push_str("  subgraph cluster_legend {\n");
    out.push_str("    label=\"Legend\";\n    style=dashed;\n");
    for kind in NodeKind::ALL {
        let _ = writeln!(
            out,
            "    legend_{} [label=\"{}\", {}];",
            kind.name().to_ascii_lowercase(),
            kind.name(),
            kind.style()
        );
    }
    out.push_str("  }\n\n");

    for node in view.node_indices() {
        let data = &view[node];
        let _ = writeln!(
            out,
            "  n{} [label=\"{}\", {}, tooltip=\"{}\"];",
            node.index(),
            escape(&data.label),
            data.kind.style(),
            escape(&data.iri)
        );
    }
    if view.edge_count() > 0 {
        out.push('\n');
    }
    for edge in view.edge_indices() {
        let (from, to) = view
            .edge_endpoints(edge)
            .expect("an edge index from this graph has endpoints");
        let _ = writeln!(
            out,
            "  n{} -> n{} [label=\"{}\"];",
            from.index(),
            to.index(),
            escape(&view[edge])
        );
    }
    out.push_str("}\n");
    out
}

/// Escapes text for a double-quoted DOT string. Backslashes are doubled so that names cannot
/// smuggle in DOT's own escapes (`\N`, `\l`); line breaks become DOT's `\n`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_quotes_backslashes_and_newlines() {
        assert_eq!(escape(r#"say "hi" \N"#), r#"say \"hi\" \\N"#);
        assert_eq!(escape("meeting\n2025-11-27"), "meeting\\n2025-11-27");
    }

    #[test]
    fn countries_that_employ_are_drawn_as_places() {
        let kinds: BTreeSet<NodeKind> = [NodeKind::Organization, NodeKind::Place].into();
        assert_eq!(kinds.first(), Some(&NodeKind::Place));
    }
}
