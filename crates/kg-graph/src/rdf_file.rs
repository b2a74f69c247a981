//! Loading other people's RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD) beside kg's
//! own documents.
//!
//! A file gets the named graph of its path, [`document_iri(path)`](iri::document_iri), just like
//! a text document. Triples (from Turtle or N-Triples, or the default graph of a quads file) go
//! into that graph; the named graphs of TriG, N-Quads and JSON-LD keep their names. The file's
//! graph also records the file: `kg:RdfFile`, its `kg:sourcePath`, the `kg:contentHash` of its
//! bytes and a `kg:loadedGraph` for every named graph it brought. Loading the same bytes again
//! changes nothing; loading changed bytes replaces every graph the file brought, the graphs the
//! new version no longer has included; `kg remove` drops them all.
//!
//! Blank nodes are renamed to labels derived from the file's hash and their order of
//! appearance, so building the same files twice gives byte-identical exports and two files
//! never share a blank node by accident.

use crate::error::GraphError;
use crate::export::ExportFormat;
use crate::iri;
use crate::store::{retract_from_union, KgStore, LoadOutcome};
use crate::vocab::{kg, rdf};
use oxigraph::io::{RdfParseError, RdfParser};
use oxigraph::model::{
    BlankNode, GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef,
    Quad, Term, Triple,
};
use oxigraph::store::{StorageError, Transaction};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

impl ExportFormat {
    /// The RDF format of a file, from its extension (`.ttl`, `.trig`, `.nt`, `.nq`, `.jsonld`,
    /// in any case), or `None` for any other file.
    ///
    /// ```
    /// use kg_graph::ExportFormat;
    /// use std::path::Path;
    /// assert_eq!(ExportFormat::from_path(Path::new("data/people.TTL")), Some(ExportFormat::Turtle));
    /// assert_eq!(ExportFormat::from_path(Path::new("news/article.txt")), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?;
        Self::ALL
            .into_iter()
            .find(|format| format.file_extension().eq_ignore_ascii_case(extension))
    }
}

impl KgStore {
    /// Loads an RDF file's statements beside kg's documents; `source_id` is the file's path as
    /// given (its identity, as for text documents) and `bytes` its content in `format`.
    ///
    /// Idempotent: when the stored `kg:contentHash` of the file equals the hash of `bytes`,
    /// nothing is written and the result is [`LoadOutcome::Unchanged`]. Otherwise every graph
    /// the file brings (and every graph an earlier version of it brought) is replaced in one
    /// transaction. A syntax error is [`GraphError::RdfSyntax`], naming the file, line, column
    /// and byte offset, and changes nothing.
    pub fn load_rdf(
        &self,
        source_id: &str,
        bytes: &[u8],
        format: ExportFormat,
    ) -> Result<LoadOutcome, GraphError> {
        self.check_writable()?;
        let file_graph = iri::document_iri(source_id);
        let hash = bytes_hash(bytes);
        if self.stored_hash(&file_graph)?.as_deref() == Some(hash.as_str()) {
            return Ok(LoadOutcome::Unchanged);
        }
        let quads = parse(source_id, bytes, format, &file_graph, &hash)?;
        let graphs = group_by_graph(quads, &file_graph, source_id, &hash);

        let store = self.inner();
        let existed = store
            .contains_named_graph(&file_graph)
            .map_err(|e| self.storage(e))?;
        let keep: HashSet<Triple> = graphs
            .iter()
            .flat_map(|(_, quads)| quads)
            .cloned()
            .map(Triple::from)
            .collect();
        let new_graphs: HashSet<&NamedOrBlankNode> =
            graphs.iter().map(|(graph, _)| graph).collect();
        let mut transaction = store.start_transaction().map_err(|e| self.storage(e))?;
        let mut replaced: Vec<NamedOrBlankNode> =
            loaded_graphs(&transaction, &file_graph).map_err(|e| self.storage(e))?;
        replaced.retain(|graph| !new_graphs.contains(graph));
        for graph in replaced {
            drop_graph(&mut transaction, graph.as_ref(), &keep).map_err(|e| self.storage(e))?;
        }
        for (graph, quads) in &graphs {
            drop_graph(&mut transaction, graph.as_ref(), &keep).map_err(|e| self.storage(e))?;
            transaction.insert_named_graph(graph.as_ref());
            transaction.extend(quads);
        }
        for triple in &keep {
            transaction.insert(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
        }
        transaction.commit().map_err(|e| self.storage(e))?;
        Ok(if existed {
            LoadOutcome::Replaced
        } else {
            LoadOutcome::Added
        })
    }
}

/// The named graphs an RDF file loaded earlier brought besides its own (`kg:loadedGraph`).
pub(crate) fn loaded_graphs(
    transaction: &Transaction<'_>,
    file_graph: &NamedNode,
) -> Result<Vec<NamedOrBlankNode>, StorageError> {
    let mut graphs = Vec::new();
    for quad in transaction.quads_for_pattern(
        Some(file_graph.as_ref().into()),
        Some(kg::LOADED_GRAPH),
        None,
        Some(file_graph.as_ref().into()),
    ) {
        match quad?.object {
            Term::NamedNode(graph) => graphs.push(graph.into()),
            Term::BlankNode(graph) => graphs.push(graph.into()),
            Term::Literal(_) => {}
        }
    }
    Ok(graphs)
}

/// Drops a named graph and, from the default (union) graph, the triples no other graph states
/// and `keep` does not hold.
pub(crate) fn drop_graph(
    transaction: &mut Transaction<'_>,
    graph: NamedOrBlankNodeRef<'_>,
    keep: &HashSet<Triple>,
) -> Result<(), StorageError> {
    retract_from_union(transaction, graph, keep)?;
    transaction.remove_named_graph(graph)
}

/// `"sha256:…"` of the file's bytes.
fn bytes_hash(bytes: &[u8]) -> String {
    let mut out = String::from("sha256:");
    for byte in Sha256::digest(bytes) {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Parses the whole file, renaming blank nodes deterministically. Relative IRIs resolve
/// against the file's graph IRI.
fn parse(
    source_id: &str,
    bytes: &[u8],
    format: ExportFormat,
    file_graph: &NamedNode,
    hash: &str,
) -> Result<Vec<Quad>, GraphError> {
    let parser = RdfParser::from_format(format.rdf_format())
        .with_base_iri(file_graph.as_str())
        .expect("document IRIs are valid base IRIs");
    // Twelve hex digits of the file's hash keep labels short and files apart.
    let digits = hash.strip_prefix("sha256:").unwrap_or(hash);
    let mut renamer = BlankNodeRenamer::new(digits.get(..12).unwrap_or(digits));
    let mut quads = Vec::new();
    for quad in parser.for_slice(bytes) {
        let quad = quad.map_err(|error| syntax_error(source_id, format, &error.into()))?;
        quads.push(renamer.quad(quad));
    }
    Ok(quads)
}

pub(crate) fn syntax_error(
    source_id: &str,
    format: ExportFormat,
    error: &RdfParseError,
) -> GraphError {
    let location = match error {
        RdfParseError::Syntax(syntax) => syntax.location().map(|range| range.start),
        RdfParseError::Io(_) => None,
    };
    GraphError::RdfSyntax {
        file: source_id.to_owned(),
        format: format.as_str(),
        line: location.map(|p| p.line + 1),
        column: location.map(|p| p.column + 1),
        offset: location.map(|p| p.offset),
        message: error.to_string(),
    }
}

/// Gives the blank nodes of one file labels made of the file's hash and a counter.
struct BlankNodeRenamer {
    prefix: String,
    names: HashMap<BlankNode, BlankNode>,
}

impl BlankNodeRenamer {
    fn new(hash_prefix: &str) -> Self {
        Self {
            prefix: format!("f{hash_prefix}b"),
            names: HashMap::new(),
        }
    }

    fn rename(&mut self, node: BlankNode) -> BlankNode {
        let next = self.names.len();
        self.names
            .entry(node)
            .or_insert_with(|| BlankNode::new_unchecked(format!("{}{next}", self.prefix)))
            .clone()
    }

    fn subject(&mut self, subject: NamedOrBlankNode) -> NamedOrBlankNode {
        match subject {
            NamedOrBlankNode::BlankNode(node) => self.rename(node).into(),
            named @ NamedOrBlankNode::NamedNode(_) => named,
        }
    }

    fn quad(&mut self, quad: Quad) -> Quad {
        let subject = self.subject(quad.subject);
        let object = match quad.object {
            Term::BlankNode(node) => self.rename(node).into(),
            other => other,
        };
        let graph_name = match quad.graph_name {
            GraphName::BlankNode(node) => self.rename(node).into(),
            other => other,
        };
        Quad::new(subject, quad.predicate, object, graph_name)
    }
}

/// The file's quads by graph, the default graph's triples moved into the file's own graph, and
/// the record of the file added to that graph.
///
/// The file's own graph comes first, then the others in order of first appearance.
fn group_by_graph(
    quads: Vec<Quad>,
    file_graph: &NamedNode,
    source_id: &str,
    hash: &str,
) -> Vec<(NamedOrBlankNode, Vec<Quad>)> {
    let mut graphs: Vec<(NamedOrBlankNode, Vec<Quad>)> =
        vec![(file_graph.clone().into(), Vec::new())];
    let mut index: HashMap<NamedOrBlankNode, usize> = HashMap::new();
    index.insert(file_graph.clone().into(), 0);
    for mut quad in quads {
        let graph: NamedOrBlankNode = match &quad.graph_name {
            GraphName::NamedNode(node) => node.clone().into(),
            GraphName::BlankNode(node) => node.clone().into(),
            GraphName::DefaultGraph => {
                quad.graph_name = file_graph.clone().into();
                file_graph.clone().into()
            }
        };
        let slot = *index.entry(graph.clone()).or_insert_with(|| {
            graphs.push((graph, Vec::new()));
            graphs.len() - 1
        });
        graphs[slot].1.push(quad);
    }
    let others: Vec<NamedOrBlankNode> = graphs[1..].iter().map(|(g, _)| g.clone()).collect();
    let record = &mut graphs[0].1;
    let mut state = |predicate, object: Term| {
        record.push(Quad::new(
            file_graph.clone(),
            predicate,
            object,
            file_graph.clone(),
        ));
    };
    state(rdf::TYPE, kg::RDF_FILE.into_owned().into());
    state(
        kg::SOURCE_PATH,
        Literal::new_simple_literal(source_id).into(),
    );
    state(kg::CONTENT_HASH, Literal::new_simple_literal(hash).into());
    for graph in others {
        state(kg::LOADED_GRAPH, graph.into());
    }
    graphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_nodes_get_stable_distinct_names() {
        let mut renamer = BlankNodeRenamer::new("abc");
        let a = BlankNode::default();
        let b = BlankNode::default();
        assert_eq!(renamer.rename(a.clone()).as_str(), "fabcb0");
        assert_eq!(renamer.rename(b).as_str(), "fabcb1");
        assert_eq!(renamer.rename(a).as_str(), "fabcb0");
    }

    #[test]
    fn formats_come_from_extensions() {
        for (name, format) in [
            ("a.ttl", ExportFormat::Turtle),
            ("a.trig", ExportFormat::TriG),
            ("dir/a.NT", ExportFormat::NTriples),
            ("a.nq", ExportFormat::NQuads),
            ("a.jsonld", ExportFormat::JsonLd),
        ] {
            assert_eq!(ExportFormat::from_path(Path::new(name)), Some(format));
        }
        for name in ["a.txt", "a", "a.json", "a.rdf"] {
            assert_eq!(ExportFormat::from_path(Path::new(name)), None);
        }
    }
}
