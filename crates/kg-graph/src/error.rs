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

    /// The SPARQL text does not parse. Made by [`GraphError::sparql_syntax`].
    #[error(
        "SPARQL syntax error{}: {message}; {}",
        position.map(|(line, column)| format!(" at line {line}, column {column}")).unwrap_or_default(),
        near.as_ref().map_or_else(
            || "fix the query and run it again".to_owned(),
            |near| format!("check the query near `{near}` (fix the query and run it again)")
        )
    )]
    Syntax {
        /// The line and column (in characters) of the problem, counted from 1, when the parser
        /// gives them.
        position: Option<(usize, usize)>,
        /// What the parser expected there, shortened to the tokens a person types.
        message: String,
        /// The query text around the problem.
        near: Option<String>,
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

    /// A name given to draw the neighbourhood of matches no entity in the picture.
    #[error(
        "no person, organisation, place or topic called {name:?} is in the {}; \
         `kg query 'SELECT ?name WHERE {{ ?e rdfs:label ?name }}'` lists the names",
        in_document.as_ref().map_or_else(|| "store".to_owned(), |doc| format!("document {doc}"))
    )]
    UnknownEntity {
        /// The name as given.
        name: String,
        /// The document the picture was narrowed to, if any.
        in_document: Option<String>,
    },

    /// A remote SPARQL endpoint or graph store sent an answer kg cannot read.
    #[error("the endpoint's answer ({content_type}) cannot be read: {message}")]
    EndpointAnswer {
        /// The `Content-Type` it came with.
        content_type: String,
        /// What is wrong with it.
        message: String,
    },

    /// An RDF file given to `kg build` does not parse in its format.
    #[error(
        "{file}: not valid {format}{}: {message}; fix the file (or its extension) and build it again",
        offset.map(|offset| format!(" at byte {offset}")).unwrap_or_default()
    )]
    RdfSyntax {
        /// The file as given.
        file: String,
        /// The format its extension names (`turtle`, `trig`, …).
        format: &'static str,
        /// The line of the error, counted from 1, when the parser knows it.
        line: Option<u64>,
        /// The column of the error, counted from 1, when the parser knows it.
        column: Option<u64>,
        /// The byte offset of the error, when the parser knows it.
        offset: Option<u64>,
        /// The parser's message.
        message: String,
    },

    /// Statements given to be loaded as one document's graph were not all in one named graph.
    #[error(
        "the statements to load as one document are not all in one named graph ({detail}); \
         give one document's statements at a time, as `extraction_to_quads` returns them"
    )]
    NotOneDocument {
        /// What was wrong.
        detail: String,
    },

    /// A file given to `kg import` is not N-Quads or TriG of kg's document graphs.
    #[error(
        "{file}: {problem}; `kg import` loads what `kg extract --format nquads` (or `kg export \
         --format nquads`) writes; load other RDF with `kg build {file}`"
    )]
    NotKgOutput {
        /// The file as given (`-` for standard input).
        file: String,
        /// What is not as kg writes it.
        problem: String,
    },

    /// Writing output (an export, query results, DOT) failed.
    #[error("could not write the output: {0}")]
    Write(#[source] io::Error),
}

impl GraphError {
    /// A [`GraphError::Syntax`] for `query` from the SPARQL parser's error, which reads
    /// `error at LINE:COLUMN: expected one of …` followed by every token and character range the
    /// grammar allows there. Only the tokens are kept (at most a dozen), and the query
    /// text at that position is quoted.
    pub fn sparql_syntax(query: &str, error: &dyn std::fmt::Display) -> Self {
        let text = error.to_string();
        let Some((position, rest)) = parse_error_position(&text) else {
            return GraphError::Syntax {
                position: None,
                message: text,
                near: None,
            };
        };
        GraphError::Syntax {
            position: Some(position),
            message: shorten_expected(rest),
            near: Some(text_near(query, position)),
        }
    }
}

/// How many expected tokens a SPARQL syntax error lists.
const MAX_EXPECTED: usize = 12;

/// `error at 3:14: rest` → `((3, 14), "rest")`.
fn parse_error_position(text: &str) -> Option<((usize, usize), &str)> {
    let rest = text.strip_prefix("error at ")?;
    let (position, rest) = rest.split_once(": ")?;
    let (line, column) = position.split_once(':')?;
    Some(((line.parse().ok()?, column.parse().ok()?), rest))
}

/// Keeps the quoted tokens and keywords of `expected one of …` and drops the character ranges
/// (`['0' ..= '9' | …]`), which the parser lists last.
fn shorten_expected(message: &str) -> String {
    let Some(list) = message.strip_prefix("expected one of ") else {
        return message.lines().next().unwrap_or_default().to_owned();
    };
    let items: Vec<&str> = list.split(", ").collect();
    let tokens: Vec<&str> = items
        .iter()
        .take_while(|item| !item.starts_with('['))
        .copied()
        .collect();
    if tokens.is_empty() {
        return "unexpected text".to_owned();
    }
    let shown = tokens.len().min(MAX_EXPECTED);
    let mut out = format!("expected one of {}", tokens[..shown].join(", "));
    if shown < items.len() {
        out.push_str(", …");
    }
    out
}

/// The query text around a 1-based line and column: up to 20 characters before the position
/// and 10 after, on that line; "the end of the query" when it is past the last character.
fn text_near(query: &str, (line, column): (usize, usize)) -> String {
    let Some(text) = query.lines().nth(line.saturating_sub(1)) else {
        return "the end of the query".to_owned();
    };
    let chars: Vec<char> = text.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    // Whole words only: the start moves forward and the end back to white space.
    let mut start = at.saturating_sub(20);
    while start > 0 && start < at && !chars[start - 1].is_whitespace() {
        start += 1;
    }
    let mut end = (at + 10).min(chars.len());
    while end < chars.len() && end > at + 1 && !chars[end].is_whitespace() {
        end -= 1;
    }
    let snippet: String = chars[start..end].iter().collect();
    let snippet = snippet.trim();
    if snippet.is_empty() {
        "the end of the query".to_owned()
    } else {
        snippet.to_owned()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparql_syntax_errors_are_short_and_point_at_the_query() {
        let parser_message = "error at 2:9: expected one of \"(\", \"+\", GRAPH, MINUS, \
             ['0' ..= '9' | '\\u{00B7}'], ['_'], [_]";
        let query = "SELECT ?x\nWHERE { ?x ?y";
        let error = GraphError::sparql_syntax(query, &parser_message);
        let GraphError::Syntax {
            position,
            message,
            near,
        } = &error
        else {
            panic!("{error:?}")
        };
        assert_eq!(*position, Some((2, 9)));
        assert_eq!(message, "expected one of \"(\", \"+\", GRAPH, MINUS, …");
        assert_eq!(near.as_deref(), Some("WHERE { ?x ?y"));
        assert_eq!(
            error.to_string(),
            "SPARQL syntax error at line 2, column 9: expected one of \"(\", \"+\", GRAPH, \
             MINUS, …; check the query near `WHERE { ?x ?y` (fix the query and run it again)"
        );
        // Past the last line, and without a position.
        assert_eq!(text_near("ASK {", (3, 1)), "the end of the query");
        let error = GraphError::sparql_syntax("ASK", &"The blank node _:b cannot be shared");
        assert_eq!(
            error.to_string(),
            "SPARQL syntax error: The blank node _:b cannot be shared; fix the query and run it \
             again"
        );
    }
}
