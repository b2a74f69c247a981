//! kg's graph layer: vocabulary, IRI minting, `Extraction → quads`, the oxigraph store,
//! SPARQL, export and the Graphviz view.
//!
//! ```text
//! Extraction ──extraction_to_quads──► quads in graph <doc IRI> ──KgStore::load──► RocksDB
//!                                                                   │
//!            query (union default graph) · explain · export · stats · dot · remove
//! ```
//!
//! Everything a document says lives in the named graph named by its [`iri::document_iri`], so
//! loading a new version replaces one graph and removing a document drops one graph. Output is
//! deterministic: IRIs come from content, never from counters or clocks, and statements are
//! sorted before they are written.
//!
//! ```
//! use kg_graph::{KgStore, LoadOutcome, QueryOutput};
//! use kg_model::{Entity, EntityId, EntityKind, Extraction, Mention, Span};
//!
//! let text = "Zoë Brand spoke.";
//! let extraction = Extraction {
//!     document: "news/zoe.txt".into(),
//!     date: None,
//!     sentences: vec![Span::new(0, text.len())],
//!     entities: vec![Entity {
//!         id: EntityId(0),
//!         kind: EntityKind::Person,
//!         place_type: None,
//!         label: "Zoë Brand".into(),
//!         key: "zoe brand".into(),
//!         aliases: vec![],
//!     }],
//!     mentions: vec![Mention {
//!         span: Span::new(0, "Zoë Brand".len()),
//!         text: "Zoë Brand".into(),
//!         kind: EntityKind::Person,
//!         entity: EntityId(0),
//!     }],
//!     facts: vec![],
//! };
//! let dir = tempfile::tempdir()?;
//! let store = KgStore::open(dir.path())?;
//! assert_eq!(store.load(&extraction, text)?, LoadOutcome::Added);
//! assert_eq!(store.load(&extraction, text)?, LoadOutcome::Unchanged);
//! let QueryOutput::Solutions { rows, .. } =
//!     store.query("SELECT ?end WHERE { person:zoe-brand gaf:denotedBy/nif:endIndex ?end }")?
//! else {
//!     unreachable!()
//! };
//! // 9 code points, although "Zoë Brand" is 10 bytes.
//! assert_eq!(rows[0][0].as_ref().map(kg_graph::term_text).as_deref(), Some("9"));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```
//!
//! This crate does not parse text: it receives the extractor's byte spans and the document text,
//! and converts offsets to Unicode code points (as NIF counts them) exactly once, in
//! [`extraction_to_quads`].

// Without the store (`fuzz/` builds it so), the helpers only the store uses are idle.
#![cfg_attr(not(feature = "rocksdb"), allow(dead_code, unused_imports))]

mod confidence;
#[cfg(feature = "rocksdb")]
mod dot;
mod error;
mod explain;
mod export;
pub mod iri;
#[cfg(feature = "rocksdb")]
mod loader;
mod order;
#[cfg(feature = "rocksdb")]
mod picture;
mod quads;
#[cfg(feature = "rocksdb")]
mod rdf_file;
mod remote;
mod results;
#[cfg(feature = "rocksdb")]
mod store;
pub mod vocab;

pub use confidence::retain_confident_facts;
pub use error::{GraphError, ParseFormatError};
pub use explain::{
    compact_iri, fold_name, Explanation, FactDetail, FactRecord, MentionRecord, MergeRecord,
    NodeLabel, SentenceRecord,
};
pub use export::{write_quads, ExportFormat, GraphWriter, PREFIXES};
#[cfg(feature = "rocksdb")]
pub use loader::{DocumentLoader, DEFAULT_FLUSH_QUADS};
#[cfg(feature = "rocksdb")]
pub use picture::{Picture, PictureOptions};
pub use quads::extraction_to_quads;
pub use remote::{
    content_hash_in_graph, graph_store_body, parse_endpoint_answer, query_for_endpoint,
    ENDPOINT_ACCEPT,
};
pub use results::{term_text, write_results, QueryOutput, ResultFormat};
#[cfg(feature = "rocksdb")]
pub use store::{KgStore, LoadOutcome, Stats};

/// The RDF library the graph layer is built on, so callers can name its types (`Quad`, `Term`)
/// without depending on it separately.
pub use oxigraph;
