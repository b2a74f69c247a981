//! The persistent store: one RocksDB-backed oxigraph store, one named graph per document.

use crate::confidence::drop_unconfident;
use crate::error::GraphError;
use crate::explain::Explanation;
use crate::export::{write_quads, ExportFormat, GraphWriter, PREFIXES};
use crate::iri;
use crate::quads::{content_hash_of, extraction_to_quads};
use crate::results::QueryOutput;
use crate::vocab::{kg, nif, org, schema, sem, skos, xsd};
use kg_model::{Confidence, Extraction};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term,
    TermRef, Triple,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store, Transaction};
use std::collections::HashSet;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What [`KgStore::load`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LoadOutcome {
    /// The document was not in the store; its graph was added.
    Added,
    /// The document was in the store with different content; its graph was replaced.
    Replaced,
    /// The document was in the store with the same content; nothing was written.
    Unchanged,
}

/// Counts over the whole store (distinct resources across all documents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Stats {
    /// Documents (named graphs with a `nif:Context`).
    pub documents: usize,
    /// Quads, counting a statement once per document graph it is in.
    pub quads: usize,
    /// Distinct `schema:Person`s.
    pub people: usize,
    /// Distinct `schema:Organization`s (countries acting as employers are counted as places).
    pub organizations: usize,
    /// Distinct `schema:Place`s.
    pub places: usize,
    /// `org:Post`s (one per person, role and organisation in each document).
    pub posts: usize,
    /// Distinct `org:Role`s.
    pub roles: usize,
    /// Meetings (`sem:Event`s of type `kg:Meeting`).
    pub meetings: usize,
    /// Distinct topics (`skos:Concept`s).
    pub topics: usize,
    /// Mentions (`nif:Phrase`s).
    pub mentions: usize,
}

impl fmt::Display for Stats {
    /// One `name: count` line per figure, counts aligned, no trailing newline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines = [
            ("documents", self.documents),
            ("quads", self.quads),
            ("people", self.people),
            ("organizations", self.organizations),
            ("places", self.places),
            ("posts", self.posts),
            ("roles", self.roles),
            ("meetings", self.meetings),
            ("topics", self.topics),
            ("mentions", self.mentions),
        ];
        for (i, (name, count)) in lines.into_iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{:<15}{count}", format!("{name}:"))?;
        }
        Ok(())
    }
}

/// kg's knowledge graph on disk.
///
/// Every document's statements live in the named graph
/// [`document_iri(doc id)`](iri::document_iri), so a document is replaced or retracted by
/// replacing or dropping one graph.
///
/// The store's default graph is kept equal to the union of all document graphs, each distinct
/// triple once. Oxigraph's own "union default graph" query option returns a triple once per graph
/// that holds it, so a person named in two articles would come back twice from every query;
/// keeping the merged graph as the real default graph gives SPARQL's set semantics, and any other
/// SPARQL tool opened on the directory (`oxigraph serve --location`) sees the same union. The
/// default graph is written only here, in the same transaction as the document graph it follows.
pub struct KgStore {
    store: Store,
    path: PathBuf,
    read_only: bool,
}

impl KgStore {
    /// Opens the store at `path` for reading and writing, creating the directory if needed.
    ///
    /// Only one process can hold a store for writing; a second gets [`GraphError::Locked`].
    pub fn open(path: &Path) -> Result<Self, GraphError> {
        std::fs::create_dir_all(path).map_err(|e| GraphError::Storage {
            path: path.to_owned(),
            source: StorageError::Io(e),
        })?;
        let store = Store::open(path).map_err(|source| open_error(path, source))?;
        remove_interrupted_bulk_files(path);
        Ok(Self {
            store,
            path: path.to_owned(),
            read_only: false,
        })
    }

    /// Opens an existing store read-only, so several readers can work side by side.
    pub fn open_read_only(path: &Path) -> Result<Self, GraphError> {
        if !path.join("CURRENT").is_file() {
            return Err(GraphError::NoStore {
                path: path.to_owned(),
            });
        }
        // A read-only open lists the store's files and then opens them; if a writer compacts in
        // between, a listed file is gone and RocksDB reports corruption although nothing is
        // damaged. Opening again sees the new file list, so a few quick retries ride it out.
        let mut attempt = 0;
        let store = loop {
            match Store::open_read_only(path) {
                Ok(store) => break store,
                Err(source) if is_vanished_file(&source) => {
                    attempt += 1;
                    if attempt >= READ_ONLY_OPEN_ATTEMPTS {
                        return Err(GraphError::Changing {
                            path: path.to_owned(),
                            source,
                        });
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20 * attempt));
                }
                Err(source) => return Err(open_error(path, source)),
            }
        };
        Ok(Self {
            store,
            path: path.to_owned(),
            read_only: true,
        })
    }

    /// The store directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Loads one document's extraction, replacing any earlier version of that document.
    ///
    /// Idempotent: the graph carries a hash of its own statements (`kg:contentHash`); when the
    /// stored hash equals the new one nothing is written and the result is
    /// [`LoadOutcome::Unchanged`]. Otherwise the old graph is dropped and the new one inserted in
    /// one transaction, so a reader never sees half a document.
    pub fn load(&self, ex: &Extraction, text: &str) -> Result<LoadOutcome, GraphError> {
        self.check_writable()?;
        let quads = extraction_to_quads(ex, text);
        let doc = iri::document_iri(&ex.document);
        let new_hash = content_hash_of(&quads);
        let old_hash = self.stored_hash(&doc)?;
        if old_hash.is_some() && old_hash.as_deref() == new_hash {
            return Ok(LoadOutcome::Unchanged);
        }
        let existed = self
            .store
            .contains_named_graph(&doc)
            .map_err(|e| self.storage(e))?;
        self.replace_document(&doc, &quads)?;
        Ok(if existed {
            LoadOutcome::Replaced
        } else {
            LoadOutcome::Added
        })
    }

    /// Drops `doc`'s graph and inserts `quads` as its new content in one transaction, keeping
    /// the default graph the union of the document graphs.
    pub(crate) fn replace_document(
        &self,
        doc: &NamedNode,
        quads: &[Quad],
    ) -> Result<(), GraphError> {
        let new_triples: HashSet<Triple> = quads.iter().cloned().map(Triple::from).collect();
        let mut transaction = self
            .store
            .start_transaction()
            .map_err(|e| self.storage(e))?;
        retract_from_union(&mut transaction, doc.as_ref().into(), &new_triples)
            .map_err(|e| self.storage(e))?;
        transaction
            .remove_named_graph(doc)
            .map_err(|e| self.storage(e))?;
        transaction.insert_named_graph(doc);
        transaction.extend(quads);
        for triple in &new_triples {
            transaction.insert(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
        }
        transaction.commit().map_err(|e| self.storage(e))
    }

    /// Drops a document's graph. `doc_id_or_iri` is the document's path as it was loaded or its
    /// IRI. Returns whether the document was in the store.
    ///
    /// Statements only this document made leave the default (union) graph with it; what other
    /// documents also say stays. Entities, roles and topics are restated in each document's graph,
    /// so nothing is left orphaned.
    pub fn remove(&self, doc_id_or_iri: &str) -> Result<bool, GraphError> {
        self.check_writable()?;
        let doc = iri::resolve_document(doc_id_or_iri);
        let existed = self
            .store
            .contains_named_graph(&doc)
            .map_err(|e| self.storage(e))?;
        if existed {
            let mut transaction = self
                .store
                .start_transaction()
                .map_err(|e| self.storage(e))?;
            // An RDF file takes the named graphs it brought along with it.
            for graph in
                crate::rdf_file::loaded_graphs(&transaction, &doc).map_err(|e| self.storage(e))?
            {
                crate::rdf_file::drop_graph(&mut transaction, graph.as_ref(), &HashSet::new())
                    .map_err(|e| self.storage(e))?;
            }
            retract_from_union(&mut transaction, doc.as_ref().into(), &HashSet::new())
                .map_err(|e| self.storage(e))?;
            transaction
                .remove_named_graph(&doc)
                .map_err(|e| self.storage(e))?;
            transaction.commit().map_err(|e| self.storage(e))?;
        }
        Ok(existed)
    }

    /// The ids (source paths) of the documents in the store, sorted.
    pub fn documents(&self) -> Result<Vec<String>, GraphError> {
        let mut documents = Vec::new();
        for quad in self
            .store
            .quads_for_pattern(None, Some(kg::SOURCE_PATH), None, None)
        {
            let quad = quad.map_err(|e| self.storage(e))?;
            if let (Term::Literal(path), GraphName::NamedNode(graph)) =
                (&quad.object, &quad.graph_name)
            {
                // Only the document node's own statement, in its own graph, names a document.
                if quad.subject == NamedOrBlankNode::NamedNode(graph.clone()) {
                    documents.push(path.value().to_owned());
                }
            }
        }
        documents.sort();
        documents.dedup();
        Ok(documents)
    }

    /// Runs a SPARQL query. The default graph is the union of all document graphs (each triple
    /// once), `GRAPH ?doc { … }` reaches the document graphs, and the prefixes of [`PREFIXES`]
    /// (`org:`, `schema:`, `kg:`, …) are predeclared; a `PREFIX` in the query overrides them.
    pub fn query(&self, sparql: &str) -> Result<QueryOutput, GraphError> {
        self.run_query(sparql, None)
    }

    /// Runs a query against one document's graph only (as its default graph), or the union.
    pub(crate) fn run_query(
        &self,
        sparql: &str,
        graph: Option<&NamedNode>,
    ) -> Result<QueryOutput, GraphError> {
        let mut evaluator = SparqlEvaluator::new();
        for (name, iri) in PREFIXES {
            evaluator = evaluator
                .with_prefix(*name, *iri)
                .expect("the built-in prefixes are valid IRIs");
        }
        let mut prepared = evaluator
            .parse_query(sparql)
            .map_err(|e| GraphError::sparql_syntax(sparql, &e))?;
        // The store's default graph already is the union; narrow it to one document when asked,
        // unless the query chose its own dataset with FROM.
        if let Some(graph) = graph {
            if prepared.dataset().is_default_dataset() {
                prepared
                    .dataset_mut()
                    .set_default_graph(vec![graph.clone().into()]);
            }
        }
        let results = prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| self.query_error(e))?;
        Ok(match results {
            QueryResults::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                QueryOutput::from_solutions(&variables, solutions, |e| self.query_error(e))?
            }
            QueryResults::Boolean(value) => QueryOutput::Boolean(value),
            QueryResults::Graph(triples) => QueryOutput::graph(
                triples
                    .collect::<Result<Vec<Triple>, _>>()
                    .map_err(|e| self.query_error(e))?,
            ),
        })
    }

    /// Writes the store, or one document's graph (`graph`: its path or IRI), in `format`.
    /// Turtle and N-Triples get the union of the graphs; TriG, N-Quads and JSON-LD keep them
    /// apart. Statements are sorted, so the same store content always gives the same bytes.
    pub fn export(
        &self,
        format: ExportFormat,
        graph: Option<&str>,
        out: &mut dyn Write,
    ) -> Result<(), GraphError> {
        self.export_with_min_confidence(format, graph, None, out)
    }

    /// [`export`](Self::export), leaving out the facts (posts, meetings, containment
    /// statements) whose `kg:confidence` is below `min_confidence`, with every statement about
    /// them or pointing at them.
    pub fn export_with_min_confidence(
        &self,
        format: ExportFormat,
        graph: Option<&str>,
        min_confidence: Option<Confidence>,
        out: &mut dyn Write,
    ) -> Result<(), GraphError> {
        let graph = match graph {
            Some(document) => Some(self.existing_document(document)?),
            None => None,
        };
        if let Some(mut writer) = GraphWriter::new(format, &mut *out) {
            // One graph in memory at a time, in the order of their names: the same bytes as
            // sorting everything (a low-confidence fact never reaches past its own graph).
            let graphs = match graph {
                Some(graph) => vec![NamedOrBlankNode::from(graph)],
                None => self.graph_names()?,
            };
            for graph in graphs {
                let mut quads = self.graph_quads(graph.as_ref())?;
                if let Some(min) = min_confidence {
                    quads = drop_unconfident(quads, min);
                }
                writer.write_graph(quads)?;
            }
            writer.finish()?;
            return Ok(());
        }
        let mut quads = self.document_quads(graph.as_ref())?;
        if let Some(min) = min_confidence {
            quads = drop_unconfident(quads, min);
        }
        write_quads(quads, format, out)
    }

    /// The named graphs, sorted as the canonical order sorts graph names.
    fn graph_names(&self) -> Result<Vec<NamedOrBlankNode>, GraphError> {
        let mut graphs = self
            .store
            .named_graphs()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.storage(e))?;
        graphs.sort_by_cached_key(ToString::to_string);
        Ok(graphs)
    }

    /// One named graph's quads, with NIF's offset datatype.
    fn graph_quads(&self, graph: NamedOrBlankNodeRef<'_>) -> Result<Vec<Quad>, GraphError> {
        self.store
            .quads_for_pattern(None, None, None, Some(graph.into()))
            .map(|quad| quad.map(restore_offset_datatype))
            .collect::<Result<Vec<Quad>, _>>()
            .map_err(|e| self.storage(e))
    }

    /// What the store says about the entities `name_or_iri` names, with provenance: the IRI of
    /// an entity (full, in `<…>`, or prefixed such as `person:levent-aydinli`), or a name
    /// matched against every `rdfs:label` and `skos:altLabel` without regard to case,
    /// diacritics or spacing ("kalin" finds "Kalın"). Several entities may share a name (a
    /// person and an organisation, or two spellings that stayed apart): each gets its own
    /// [`Explanation`], in IRI order. No match gives an empty list.
    pub fn explain(&self, name_or_iri: &str) -> Result<Vec<Explanation>, GraphError> {
        crate::explain::explain(&self.store, name_or_iri).map_err(|e| self.storage(e))
    }

    /// Quads of the document graphs (one graph, or all of them), with NIF's offset datatype.
    fn document_quads(&self, graph: Option<&NamedNode>) -> Result<Vec<Quad>, GraphError> {
        let pattern = graph.map(GraphNameRef::from);
        self.store
            .quads_for_pattern(None, None, None, pattern)
            // The default graph is the derived union; document graphs are the source.
            .filter(|quad| {
                quad.as_ref()
                    .map_or(true, |q| !q.graph_name.is_default_graph())
            })
            .map(|quad| quad.map(restore_offset_datatype))
            .collect::<Result<Vec<Quad>, _>>()
            .map_err(|e| self.storage(e))
    }

    /// Counts people, organisations, places, posts, meetings, topics and more.
    pub fn stats(&self) -> Result<Stats, GraphError> {
        let count = |sparql: &str| -> Result<usize, GraphError> {
            match self.query(sparql)? {
                QueryOutput::Solutions { rows, .. } => Ok(rows
                    .first()
                    .and_then(|row| row.first())
                    .and_then(Option::as_ref)
                    .and_then(|term| match term {
                        Term::Literal(value) => value.value().parse().ok(),
                        _ => None,
                    })
                    .unwrap_or(0)),
                _ => Ok(0),
            }
        };
        let of_type = |class: oxigraph::model::NamedNodeRef<'_>| {
            count(&format!(
                "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{}> }}",
                class.as_str()
            ))
        };
        Ok(Stats {
            documents: of_type(nif::CONTEXT)?,
            quads: self.document_quad_count()?,
            people: of_type(schema::PERSON)?,
            organizations: of_type(schema::ORGANIZATION)?,
            places: of_type(schema::PLACE)?,
            posts: of_type(org::POST)?,
            roles: of_type(org::ROLE)?,
            meetings: count(&format!(
                "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m <{}> <{}> }}",
                sem::EVENT_TYPE_PROPERTY.as_str(),
                kg::MEETING.as_str()
            ))?,
            topics: of_type(skos::CONCEPT)?,
            mentions: of_type(nif::PHRASE)?,
        })
    }

    /// A Graphviz DOT picture of the store, or of one document (`doc`: its path or IRI).
    ///
    /// It draws people (light blue ellipses), organisations (orange boxes), places (green
    /// houses), meetings (yellow diamonds, labelled with their date) and topics (grey notes),
    /// with a legend. W3C ORG's post nodes are collapsed into one edge from the person to the
    /// organisation labelled with the role ("foreign minister of"); participants link to their
    /// meeting ("met in"), a meeting to its place ("in") and topics ("discussed"), and contained
    /// places to their container ("located in"). The text is the same for the same store.
    pub fn dot(&self, doc: Option<&str>) -> Result<String, GraphError> {
        self.dot_with_min_confidence(doc, None)
    }

    /// [`dot`](Self::dot), leaving out the posts, meetings and containments whose
    /// `kg:confidence` is below `min_confidence` (the facts
    /// [`export_with_min_confidence`](Self::export_with_min_confidence) leaves out).
    pub fn dot_with_min_confidence(
        &self,
        doc: Option<&str>,
        min_confidence: Option<Confidence>,
    ) -> Result<String, GraphError> {
        let graph = match doc {
            Some(document) => Some(self.existing_document(document)?),
            None => None,
        };
        match min_confidence {
            None => crate::dot::store_to_dot(self, graph.as_ref()),
            Some(min) => {
                let view = self.confident_view(min)?;
                crate::dot::store_to_dot(&view, graph.as_ref())
            }
        }
    }

    /// An in-memory copy of the store without the facts below `min`, its default graph again
    /// the union of its document graphs, so the picture is drawn by the same queries.
    pub(crate) fn confident_view(&self, min: Confidence) -> Result<KgStore, GraphError> {
        let quads = drop_unconfident(self.document_quads(None)?, min);
        let store = Store::new().map_err(|e| self.storage(e))?;
        let union: HashSet<Triple> = quads.iter().cloned().map(Triple::from).collect();
        let mut transaction = store.start_transaction().map_err(|e| self.storage(e))?;
        transaction.extend(&quads);
        for triple in &union {
            transaction.insert(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
        }
        transaction.commit().map_err(|e| self.storage(e))?;
        Ok(KgStore {
            store,
            path: self.path.clone(),
            read_only: true,
        })
    }

    /// Quads in document graphs (the default graph only repeats them).
    fn document_quad_count(&self) -> Result<usize, GraphError> {
        let all = self.store.len().map_err(|e| self.storage(e))?;
        let mut union = 0;
        for quad in self
            .store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        {
            quad.map_err(|e| self.storage(e))?;
            union += 1;
        }
        Ok(all - union)
    }

    /// The graph of a document given by path or IRI, or an error naming it when it is absent.
    pub(crate) fn existing_document(&self, document: &str) -> Result<NamedNode, GraphError> {
        let graph = iri::resolve_document(document);
        if self
            .store
            .contains_named_graph(&graph)
            .map_err(|e| self.storage(e))?
        {
            Ok(graph)
        } else {
            Err(GraphError::UnknownDocument {
                document: document.to_owned(),
                path: self.path.clone(),
            })
        }
    }

    pub(crate) fn stored_hash(&self, doc: &NamedNode) -> Result<Option<String>, GraphError> {
        let hash = self
            .store
            .quads_for_pattern(
                Some(doc.as_ref().into()),
                Some(kg::CONTENT_HASH),
                None,
                Some(doc.as_ref().into()),
            )
            .next()
            .transpose()
            .map_err(|e| self.storage(e))?;
        Ok(hash.and_then(|quad| match quad.object.as_ref() {
            TermRef::Literal(value) => Some(value.value().to_owned()),
            _ => None,
        }))
    }

    pub(crate) fn check_writable(&self) -> Result<(), GraphError> {
        if self.read_only {
            Err(GraphError::ReadOnly {
                path: self.path.clone(),
            })
        } else {
            Ok(())
        }
    }

    /// The oxigraph store underneath, for the other modules of this crate.
    pub(crate) fn inner(&self) -> &Store {
        &self.store
    }

    pub(crate) fn storage(&self, source: StorageError) -> GraphError {
        GraphError::Storage {
            path: self.path.clone(),
            source,
        }
    }

    fn query_error(&self, source: oxigraph::sparql::QueryEvaluationError) -> GraphError {
        GraphError::Query {
            path: self.path.clone(),
            source,
        }
    }
}

/// Removes from the default (union) graph the triples of `doc`'s graph that no other document
/// graph states and that are not about to be re-added (`keep`).
///
/// Reads go through the transaction so they see the state being changed; `doc`'s own graph is
/// skipped by name, so this works before or after that graph is dropped.
pub(crate) fn retract_from_union(
    transaction: &mut Transaction<'_>,
    doc: NamedOrBlankNodeRef<'_>,
    keep: &HashSet<Triple>,
) -> Result<(), StorageError> {
    let old: Vec<Quad> = transaction
        .quads_for_pattern(None, None, None, Some(doc.into()))
        .collect::<Result<_, _>>()?;
    for quad in old {
        let triple = Triple::from(quad);
        if keep.contains(&triple) {
            continue;
        }
        let mut stated_elsewhere = false;
        for other in transaction.quads_for_pattern(
            Some(triple.subject.as_ref()),
            Some(triple.predicate.as_ref()),
            Some(triple.object.as_ref()),
            None,
        ) {
            let other = other?;
            let in_other_graph = match &other.graph_name {
                GraphName::NamedNode(graph) => NamedOrBlankNodeRef::from(graph) != doc,
                GraphName::BlankNode(graph) => NamedOrBlankNodeRef::from(graph) != doc,
                GraphName::DefaultGraph => false,
            };
            if in_other_graph {
                stated_elsewhere = true;
                break;
            }
        }
        if !stated_elsewhere {
            transaction.remove(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
        }
    }
    Ok(())
}

/// Oxigraph stores every integer-derived datatype as `xsd:integer` (it keeps the value, not the
/// datatype), so NIF offsets written as `xsd:nonNegativeInteger` come back as `xsd:integer`.
/// Exports put NIF's datatype back, so a store export says exactly what
/// [`extraction_to_quads`] produced. (SPARQL queries see `xsd:integer`; the values are the same.)
fn restore_offset_datatype(mut quad: Quad) -> Quad {
    if quad.predicate == nif::BEGIN_INDEX || quad.predicate == nif::END_INDEX {
        if let Term::Literal(value) = &quad.object {
            if value.datatype() == xsd::INTEGER {
                quad.object =
                    Literal::new_typed_literal(value.value(), xsd::NON_NEGATIVE_INTEGER).into();
            }
        }
    }
    quad
}

/// Deletes the `bulk-*.sst` files an interrupted bulk load left in the store directory.
///
/// Oxigraph's bulk loader (used by [`DocumentLoader`](crate::DocumentLoader) for many new
/// documents) writes sorted files named `bulk-….sst` beside the store's own and then hands them
/// to RocksDB in one atomic step, which takes them in (or links them) under its own names. A
/// process killed before that step leaves them behind: nothing in the store refers to them, and
/// RocksDB never deletes files it did not name. Only the writer, which holds RocksDB's lock, may
/// call this, so no bulk load is running meanwhile. A file that cannot be deleted is left for
/// next time.
fn remove_interrupted_bulk_files(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// How often [`KgStore::open_read_only`] tries before reporting that a writer keeps changing
/// the store.
const READ_ONLY_OPEN_ATTEMPTS: u64 = 8;

/// Whether opening failed because a file the store's manifest lists was removed meanwhile.
fn is_vanished_file(error: &StorageError) -> bool {
    let message = error.to_string();
    matches!(error, StorageError::Corruption(_) | StorageError::Io(_))
        && message.contains("No such file or directory")
}

/// RocksDB reports a held lock as an I/O error mentioning its `LOCK` file
/// ("While lock file: …/LOCK: Resource temporarily unavailable", or "lock hold by current
/// process" within one process); that is the one case the user can fix by waiting.
fn open_error(path: &Path, source: StorageError) -> GraphError {
    let is_lock = matches!(&source, StorageError::Io(e) if e.kind() != io::ErrorKind::NotFound
        && e.to_string().to_ascii_lowercase().contains("lock"));
    if is_lock {
        GraphError::Locked {
            path: path.to_owned(),
            source,
        }
    } else {
        GraphError::Storage {
            path: path.to_owned(),
            source,
        }
    }
}
