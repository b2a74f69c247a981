//! Loading many documents in one go: fresh documents through oxigraph's bulk loader, changed
//! ones in a transaction each, unchanged ones not at all.
//!
//! [`KgStore::load`] writes one transaction per document, which costs a read-modify-write of
//! every index for every statement. A [`DocumentLoader`] instead collects the statements of
//! documents the store does not hold yet and writes them together: through oxigraph's
//! [`BulkLoader`](oxigraph::store::BulkLoader) (sorted files that RocksDB takes in whole) when
//! there are many, in one transaction when there are few. The design of [`KgStore`] holds
//! throughout: one named graph per document, its `kg:contentHash`, and a default graph equal to
//! the union of the document graphs, because a fresh document's triples are added to the default
//! graph in the same write as its graph.
//!
//! New documents are invisible to the store until their batch is written; a replacement in
//! between may take a triple such a document states out of the union, but writing the batch
//! puts it back, so the union is right whatever the order.

use crate::error::GraphError;
use crate::export::ExportFormat;
use crate::iri;
use crate::quads::{content_hash_of, extraction_to_quads};
use crate::rdf_file::syntax_error;
use crate::store::{KgStore, LoadOutcome};
use kg_model::Extraction;
use oxigraph::io::RdfParser;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, QuadRef};
use oxigraph::store::BulkLoader;
use std::collections::HashSet;
use std::io::Read;
use std::mem;

/// Fewer new statements than this are written in one transaction: the bulk loader's fixed cost
/// (a dozen files handed to RocksDB per batch) only pays off above it.
const BULK_MIN_QUADS: usize = 20_000;

/// New documents' statements go to the bulk loader in batches of this many (a batch takes
/// about 100 MB while it is sorted into files; RocksDB gets few, large files).
pub const DEFAULT_FLUSH_QUADS: usize = 250_000;

/// Loads documents into a [`KgStore`], writing documents the store does not hold yet in bulk.
///
/// Made by [`KgStore::loader`]. Each document is compared with the store as [`KgStore::load`]
/// does: the same content hash is [`LoadOutcome::Unchanged`], another version is replaced at
/// once in one transaction, and a new document is [`LoadOutcome::Added`] to a batch that is
/// written when it is full (by oxigraph's bulk loader, on a thread of its own, while the caller
/// goes on), at [`commit`](Self::commit) and at [`finish`](Self::finish). An added document is
/// only certainly in the store once [`commit`](Self::commit) or [`finish`](Self::finish) has
/// succeeded; dropping the loader without them may leave out the last batches, never part of
/// a document.
///
/// ```
/// use kg_graph::{KgStore, LoadOutcome};
/// use kg_model::Extraction;
///
/// let dir = tempfile::tempdir()?;
/// let store = KgStore::open(dir.path())?;
/// let mut loader = store.loader()?;
/// for name in ["a.txt", "b.txt"] {
///     let extraction = Extraction {
///         document: name.into(), date: None, sentences: vec![], entities: vec![],
///         mentions: vec![], facts: vec![],
///     };
///     assert_eq!(loader.load(&extraction, "")?, LoadOutcome::Added);
/// }
/// loader.finish()?;
/// assert_eq!(store.documents()?, ["a.txt", "b.txt"]);
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// ```
#[must_use = "pending documents are written only by `finish`"]
pub struct DocumentLoader<'s> {
    store: &'s KgStore,
    /// Statements of new documents not handed to the bulk loader yet.
    pending: Vec<Quad>,
    pending_documents: Vec<NamedNode>,
    /// The bulk loader, once there was enough to hand it; it writes on its own thread.
    bulk: Option<BulkLoader<'s>>,
    /// Documents pending or in the bulk loader, not yet certainly in the store.
    unwritten: HashSet<NamedNode>,
    flush_quads: usize,
    bulk_threads: usize,
}

impl KgStore {
    /// A loader that writes many documents faster than [`load`](Self::load) one by one.
    pub fn loader(&self) -> Result<DocumentLoader<'_>, GraphError> {
        self.check_writable()?;
        Ok(DocumentLoader {
            store: self,
            pending: Vec::new(),
            pending_documents: Vec::new(),
            bulk: None,
            unwritten: HashSet::new(),
            flush_quads: DEFAULT_FLUSH_QUADS,
            bulk_threads: 1,
        })
    }
}

impl DocumentLoader<'_> {
    /// Hands new documents to the bulk loader in batches of `quads` statements (at least 1;
    /// the default is [`DEFAULT_FLUSH_QUADS`]).
    pub fn with_flush_threshold(mut self, quads: usize) -> Self {
        self.flush_quads = quads.max(1);
        self
    }

    /// Lets the bulk loader sort up to `threads` batches into files at once (at least 1, the
    /// default): faster on several cores, at the cost of one batch's memory per thread.
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.bulk_threads = threads.max(1);
        self
    }

    /// Loads one document's extraction; see [`load_quads`](Self::load_quads).
    pub fn load(&mut self, ex: &Extraction, text: &str) -> Result<LoadOutcome, GraphError> {
        self.load_quads(extraction_to_quads(ex, text))
    }

    /// Loads one document's graph: `quads` are its statements as [`extraction_to_quads`]
    /// returns them, all in the document's named graph and with its `kg:contentHash`.
    pub fn load_quads(&mut self, quads: Vec<Quad>) -> Result<LoadOutcome, GraphError> {
        let doc = match quads.first().map(|quad| &quad.graph_name) {
            Some(GraphName::NamedNode(doc)) => doc.clone(),
            Some(other) => {
                return Err(GraphError::NotOneDocument {
                    detail: format!("a statement is in {other}"),
                })
            }
            None => {
                return Err(GraphError::NotOneDocument {
                    detail: "there are none".to_owned(),
                })
            }
        };
        if let Some(stray) = quads
            .iter()
            .find(|quad| !matches!(&quad.graph_name, GraphName::NamedNode(g) if *g == doc))
        {
            return Err(GraphError::NotOneDocument {
                detail: format!("{doc} and {}", stray.graph_name),
            });
        }
        // A document given twice in one run: the first version has to be in the store before
        // the second is compared with it.
        if self.unwritten.contains(&doc) {
            self.commit()?;
        }
        let store = self.store;
        let old_hash = store.stored_hash(&doc)?;
        if old_hash.is_some() && old_hash.as_deref() == content_hash_of(&quads) {
            return Ok(LoadOutcome::Unchanged);
        }
        let existed = store
            .inner()
            .contains_named_graph(&doc)
            .map_err(|e| store.storage(e))?;
        if existed {
            store.replace_document(&doc, &quads)?;
            return Ok(LoadOutcome::Replaced);
        }
        self.pending.extend(quads);
        self.unwritten.insert(doc.clone());
        self.pending_documents.push(doc);
        if self.pending.len() >= self.flush_quads {
            self.hand_to_bulk_loader()?;
        }
        Ok(LoadOutcome::Added)
    }

    /// Loads the document graphs of N-Quads or TriG that `kg extract` or `kg export` wrote
    /// (`file` names the input in errors), calling `on_document` with each document's id and
    /// what happened to it, in the order of the input.
    ///
    /// Every named graph must be a document graph (its IRI made by
    /// [`iri::document_iri`]), with all its statements together (as kg writes them, one graph
    /// after the other), and there must be no statements outside named graphs: this loads
    /// documents, so that a store built from shards equals one built from the texts. Other RDF
    /// belongs in `kg build`, which keeps a file as one unit.
    pub fn import(
        &mut self,
        file: &str,
        reader: impl Read,
        format: ExportFormat,
        mut on_document: impl FnMut(&str, LoadOutcome),
    ) -> Result<(), GraphError> {
        let not_kg = |problem: String| GraphError::NotKgOutput {
            file: file.to_owned(),
            problem,
        };
        if !format.keeps_graphs() || format == ExportFormat::JsonLd {
            return Err(not_kg(format!(
                "{format} is not a format kg imports (N-Quads or TriG)"
            )));
        }
        let mut done: HashSet<NamedNode> = HashSet::new();
        let mut current: Option<(NamedNode, String)> = None;
        let mut quads: Vec<Quad> = Vec::new();
        for quad in RdfParser::from_format(format.rdf_format()).for_reader(reader) {
            let quad = quad.map_err(|error| syntax_error(file, format, &error))?;
            let graph = match &quad.graph_name {
                GraphName::NamedNode(graph) => graph,
                GraphName::DefaultGraph => {
                    return Err(not_kg(format!(
                        "the statement `{quad}` is outside any named graph"
                    )))
                }
                GraphName::BlankNode(graph) => {
                    return Err(not_kg(format!(
                        "the graph {graph} is a blank node, not a document"
                    )))
                }
            };
            if current.as_ref().map(|(doc, _)| doc) != Some(graph) {
                if let Some((doc, id)) = current.take() {
                    let outcome = self.load_quads(mem::take(&mut quads))?;
                    on_document(&id, outcome);
                    done.insert(doc);
                }
                if done.contains(graph) {
                    return Err(not_kg(format!(
                        "the statements of the graph {graph} are not all together"
                    )));
                }
                let Some(id) = iri::document_id(graph.as_str()) else {
                    return Err(not_kg(format!("the graph {graph} is not a kg document")));
                };
                current = Some((graph.clone(), id));
            }
            quads.push(quad);
        }
        if let Some((_, id)) = current {
            let outcome = self.load_quads(quads)?;
            on_document(&id, outcome);
        }
        Ok(())
    }

    /// Writes every pending document into the store and waits until it is there.
    pub fn commit(&mut self) -> Result<(), GraphError> {
        let store = self.store;
        if self.bulk.is_none() && self.pending.len() < BULK_MIN_QUADS {
            self.write_pending_in_transaction()?;
        } else {
            self.hand_to_bulk_loader()?;
        }
        if let Some(bulk) = self.bulk.take() {
            bulk.commit().map_err(|e| store.storage(e))?;
        }
        self.unwritten.clear();
        Ok(())
    }

    /// Gives the pending statements, with their copies in the default graph, to the bulk
    /// loader, which sorts them into files on its own thread (while the caller goes on) and
    /// hands the files of one batch to RocksDB when the next batch comes, or at the commit.
    fn hand_to_bulk_loader(&mut self) -> Result<(), GraphError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let store = self.store;
        let quads = mem::take(&mut self.pending);
        self.pending_documents.clear();
        // One batch per hand-over (the memory hint is in thousands of statements): each
        // document's graph and union triples reach RocksDB together.
        let statements = 2 * quads.len();
        let threads = self.bulk_threads;
        let bulk = self.bulk.take().unwrap_or_else(|| {
            store
                .inner()
                .bulk_loader()
                .with_num_threads(threads)
                .without_atomicity()
        });
        let mut bulk = bulk.with_max_memory_size_in_megabytes(threads * statements / 1000 + 1);
        let result = bulk.load_quads(quads.into_iter().flat_map(|quad| {
            let union = Quad::new(
                quad.subject.clone(),
                quad.predicate.clone(),
                quad.object.clone(),
                GraphName::DefaultGraph,
            );
            [quad, union]
        }));
        self.bulk = Some(bulk);
        result.map_err(|e| store.storage(e))
    }

    /// Writes the pending documents in one transaction (cheaper than the bulk loader's files
    /// when there are few statements).
    fn write_pending_in_transaction(&mut self) -> Result<(), GraphError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let store = self.store;
        let quads = mem::take(&mut self.pending);
        let documents = mem::take(&mut self.pending_documents);
        let mut transaction = store
            .inner()
            .start_transaction()
            .map_err(|e| store.storage(e))?;
        for doc in &documents {
            transaction.insert_named_graph(doc);
        }
        transaction.extend(&quads);
        for quad in &quads {
            transaction.insert(QuadRef::new(
                &quad.subject,
                &quad.predicate,
                &quad.object,
                GraphNameRef::DefaultGraph,
            ));
        }
        transaction.commit().map_err(|e| store.storage(e))
    }

    /// Writes every pending document and ends the load.
    pub fn finish(mut self) -> Result<(), GraphError> {
        self.commit()
    }
}
