//! The RDF side of remote stores (`--endpoint`): queries made ready for a server that does not
//! know kg's prefixes, answers read back into a [`QueryOutput`], and a document's graph as a
//! SPARQL 1.1 Graph Store Protocol body. The HTTP itself is the caller's.

use crate::error::GraphError;
use crate::export::{write_quads, ExportFormat, PREFIXES};
use crate::results::QueryOutput;
use crate::vocab::kg;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Quad, Term, Triple};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use spargebra::SparqlParser;

/// The media types to ask an endpoint for, so that [`parse_endpoint_answer`] can read the
/// answer whatever the query's form.
pub const ENDPOINT_ACCEPT: &str =
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, \
     application/n-triples;q=0.8, text/turtle;q=0.7";

/// The query with kg's predeclared prefixes (`org:`, `schema:`, `person:` …) expanded to full
/// IRIs, as any SPARQL endpoint accepts it. A syntax error is reported as for a local query.
///
/// ```
/// let text = kg_graph::query_for_endpoint("SELECT ?p WHERE { ?p a schema:Person }").unwrap();
/// assert!(text.contains("<https://schema.org/Person>"));
/// ```
pub fn query_for_endpoint(sparql: &str) -> Result<String, GraphError> {
    let mut parser = SparqlParser::new();
    for (name, iri) in PREFIXES {
        parser = parser
            .with_prefix(*name, *iri)
            .expect("the built-in prefixes are valid IRIs");
    }
    let query = parser
        .parse_query(sparql)
        .map_err(|e| GraphError::sparql_syntax(sparql, &e))?;
    // Written back out, every name is a full IRI and no PREFIX is left.
    Ok(query.to_string())
}

/// Reads an endpoint's answer: SPARQL JSON or XML results, or a graph in N-Triples or Turtle,
/// chosen by the `Content-Type` the endpoint sent.
pub fn parse_endpoint_answer(body: &[u8], content_type: &str) -> Result<QueryOutput, GraphError> {
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let unreadable = |message: String| GraphError::EndpointAnswer {
        content_type: content_type.to_owned(),
        message,
    };
    if let Some(format) = QueryResultsFormat::from_media_type(&media_type)
        .filter(|f| matches!(f, QueryResultsFormat::Json | QueryResultsFormat::Xml))
    {
        let parsed = QueryResultsParser::from_format(format)
            .for_slice(body)
            .map_err(|e| unreadable(e.to_string()))?;
        return Ok(match parsed {
            SliceQueryResultsParserOutput::Boolean(value) => QueryOutput::Boolean(value),
            SliceQueryResultsParserOutput::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                QueryOutput::from_solutions(&variables, solutions, |e| unreadable(e.to_string()))?
            }
        });
    }
    if let Some(format) = RdfFormat::from_media_type(&media_type) {
        let triples = RdfParser::from_format(format)
            .for_slice(body)
            .map(|quad| quad.map(Triple::from))
            .collect::<Result<Vec<Triple>, _>>()
            .map_err(|e| unreadable(e.to_string()))?;
        return Ok(QueryOutput::graph(triples));
    }
    Err(unreadable("kg cannot read this kind of answer".to_owned()))
}

/// A document's graph as the body of a Graph Store Protocol `PUT`: its statements as
/// N-Triples (the graph is named in the request), and the `kg:contentHash` they carry, which
/// tells whether the server already holds this version.
pub fn graph_store_body(quads: Vec<Quad>) -> Result<(Vec<u8>, Option<String>), GraphError> {
    let hash = content_hash_in(&quads);
    let mut body = Vec::new();
    write_quads(quads, ExportFormat::NTriples, &mut body)?;
    Ok((body, hash))
}

/// The `kg:contentHash` of `document` in an N-Triples or Turtle graph fetched from a server, if
/// it states one.
pub fn content_hash_in_graph(
    body: &[u8],
    format: RdfFormat,
    document: &NamedNode,
) -> Result<Option<String>, GraphError> {
    for quad in RdfParser::from_format(format).for_slice(body) {
        let quad = quad.map_err(|e| GraphError::EndpointAnswer {
            content_type: format.media_type().to_owned(),
            message: e.to_string(),
        })?;
        if quad.predicate == kg::CONTENT_HASH && quad.subject == document.clone().into() {
            if let Term::Literal(value) = quad.object {
                return Ok(Some(value.value().to_owned()));
            }
        }
    }
    Ok(None)
}

fn content_hash_in(quads: &[Quad]) -> Option<String> {
    quads.iter().find_map(|quad| match &quad.object {
        Term::Literal(value) if quad.predicate == kg::CONTENT_HASH => {
            Some(value.value().to_owned())
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_expanded_and_results_read_back() {
        let text = query_for_endpoint("ASK { person:ada a schema:Person }").unwrap();
        assert!(
            text.contains("<https://w3id.org/kg/id/person/ada>"),
            "{text}"
        );
        assert!(matches!(
            query_for_endpoint("SELEC"),
            Err(GraphError::Syntax { .. })
        ));
        let json = br#"{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"Ada"}}]}}"#;
        let QueryOutput::Solutions { variables, rows } =
            parse_endpoint_answer(json, "application/sparql-results+json; charset=utf-8").unwrap()
        else {
            panic!("not solutions")
        };
        assert_eq!(variables, ["x"]);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            parse_endpoint_answer(
                br#"{"head":{},"boolean":true}"#,
                "application/sparql-results+json"
            )
            .unwrap(),
            QueryOutput::Boolean(true)
        );
        let graph =
            parse_endpoint_answer(b"<http://a> <http://b> \"c\" .\n", "application/n-triples")
                .unwrap();
        assert!(matches!(graph, QueryOutput::Graph(t) if t.len() == 1));
        assert!(parse_endpoint_answer(b"<html/>", "text/html").is_err());
    }
}
