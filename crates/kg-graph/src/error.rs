//! Errors of the graph layer. Each message names the store or input and says what to do next.

use oxigraph::sparql::QueryEvaluationError;
use oxigraph::store::StorageError;
use std::io;
use std::path::PathBuf;

/// Everything that can go wrong in the graph layer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    /// Another process has the store open for writing (RocksDB's lock is taken).
    #[error(
        "the store at {} is in use by another kg process; wait for it to finish and try again",
        path.display()
    )]
    Locked {
        /// The store directory.
        path: PathBuf,
        /// RocksDB's report.
        #[source]
        source: StorageError,
    },

    /// A read-only open kept failing because another process was rewriting the store's files.
    #[error(
        "the store at {} is being rewritten by another kg process; try again when it has finished",
        path.display()
    )]
    Changing {
        /// The store directory.
        path: PathBuf,
        /// RocksDB's report of the last attempt.
        #[source]
        source: StorageError,
    },

    /// A read-only command was pointed at a directory that holds no store.
    #[error(
        "there is no kg store at {}; run `kg build` first or pass --store with the right directory",
        path.display()
    )]
    NoStore {
        /// The directory that was expected to hold the store.
        path: PathBuf,
    },

    /// A write was attempted on a store opened with [`KgStore::open_read_only`](crate::KgStore::open_read_only).
    #[error(
        "the store at {} was opened read-only; open it for writing to change it",
        path.display()
    )]
    ReadOnly {
        /// The store directory.
        path: PathBuf,
    },

    /// The store could not be created, opened, read or written.
    #[error("the store at {} failed: {source}", path.display())]
    Storage {
        /// The store directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: StorageError,
    },

    /// The SPARQL text does not parse.
    #[error("SPARQL syntax error: {message}; fix the query and run it again")]
    Syntax {
        /// The parser's message, with the line and column of the problem.
        message: String,
    },

    /// The query parsed but failed while running.
    #[error("the SPARQL query failed on the store at {}: {source}", path.display())]
    Query {
        /// The store directory.
        path: PathBuf,
        /// The evaluation error.
        #[source]
        source: QueryEvaluationError,
    },

    /// A document named on the command line is not in the store.
    #[error(
        "there is no document {document} in the store at {}; `kg stats` counts the documents and \
         `kg query 'SELECT ?doc WHERE {{ ?doc kg:sourcePath ?path }}'` lists them",
        path.display()
    )]
    UnknownDocument {
        /// The document id or IRI as given.
        document: String,
        /// The store directory.
        path: PathBuf,
    },

    /// Writing output (an export, query results, DOT) failed.
    #[error("could not write the output: {0}")]
    Write(#[source] io::Error),
}

/// A format name that is not one of the supported ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format `{given}`; expected {expected}")]
pub struct ParseFormatError {
    /// The name as given.
    pub given: String,
    /// The accepted names.
    pub expected: &'static str,
}
