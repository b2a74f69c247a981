//! Remote stores over HTTP: a SPARQL 1.1 query endpoint for `kg query --endpoint`, and a
//! SPARQL 1.1 Graph Store Protocol service for `kg build --endpoint` (Oxigraph server, Apache
//! Jena Fuseki, GraphDB …). Plain HTTP only.

use std::time::Duration;

use anyhow::{bail, Context, Result};
use kg_graph::oxigraph::io::RdfFormat;
use kg_graph::oxigraph::model::NamedNode;
use kg_graph::{content_hash_in_graph, parse_endpoint_answer, QueryOutput, ENDPOINT_ACCEPT};
use ureq::http::Response;
use ureq::{Agent, Body};

/// Answers larger than this are refused rather than held in memory.
const MAX_ANSWER_BYTES: u64 = 1 << 30;

/// An HTTP client that hands back error statuses instead of failing on them.
fn agent() -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_mins(10)))
        .build()
        .into()
}

fn read_body(response: &mut Response<Body>, url: &str) -> Result<Vec<u8>> {
    response
        .body_mut()
        .with_config()
        .limit(MAX_ANSWER_BYTES)
        .read_to_vec()
        .with_context(|| format!("{url}: cannot read the answer"))
}

/// Fails with the server's own words when the status is not a success.
fn check_status(response: &mut Response<Body>, url: &str, what: &str) -> Result<()> {
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    let body = read_body(response, url).unwrap_or_default();
    let message = String::from_utf8_lossy(&body);
    bail!(
        "{url}: {what} failed with HTTP {status}: {}",
        message.trim().chars().take(500).collect::<String>()
    );
}

/// Runs `sparql` (kg's prefixes already expanded) on a SPARQL endpoint.
pub fn query(endpoint: &str, sparql: &str) -> Result<QueryOutput> {
    let mut response = agent()
        .post(endpoint)
        .header("Content-Type", "application/sparql-query")
        .header("Accept", ENDPOINT_ACCEPT)
        .send(sparql)
        .with_context(|| format!("{endpoint}: cannot reach the SPARQL endpoint"))?;
    check_status(&mut response, endpoint, "the query")?;
    let content_type = response
        .headers()
        .get("Content-Type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = read_body(&mut response, endpoint)?;
    parse_endpoint_answer(&body, &content_type)
        .with_context(|| format!("{endpoint}: unexpected answer"))
}

/// A SPARQL 1.1 Graph Store Protocol service, graphs named with `?graph=IRI`.
pub struct GraphStore {
    url: String,
    agent: Agent,
}

impl GraphStore {
    /// A client for the service at `url`.
    pub fn new(url: &str) -> Self {
        Self {
            url: url.to_owned(),
            agent: agent(),
        }
    }

    /// The service URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn graph_url(&self, graph: &NamedNode) -> String {
        let separator = if self.url.contains('?') { '&' } else { '?' };
        let encoded: String = form_urlencoded::byte_serialize(graph.as_str().as_bytes()).collect();
        format!("{}{separator}graph={encoded}", self.url)
    }

    /// The `kg:contentHash` of the document whose graph is `graph`, or `None` when the server
    /// has no such graph (or the graph states no hash).
    pub fn stored_hash(&self, graph: &NamedNode) -> Result<Option<String>> {
        let url = self.graph_url(graph);
        let mut response = self
            .agent
            .get(&url)
            .header("Accept", "application/n-triples")
            .call()
            .with_context(|| format!("{}: cannot reach the graph store", self.url))?;
        if response.status() == 404 {
            return Ok(None);
        }
        check_status(&mut response, &self.url, "reading a graph")?;
        let body = read_body(&mut response, &self.url)?;
        content_hash_in_graph(&body, RdfFormat::NTriples, graph)
            .with_context(|| format!("{}: unexpected answer", self.url))
    }

    /// Replaces the graph `graph` with `ntriples`.
    pub fn put(&self, graph: &NamedNode, ntriples: Vec<u8>) -> Result<()> {
        let url = self.graph_url(graph);
        let mut response = self
            .agent
            .put(&url)
            .header("Content-Type", "application/n-triples")
            .send(ntriples)
            .with_context(|| format!("{}: cannot reach the graph store", self.url))?;
        check_status(&mut response, &self.url, "writing a graph")
    }
}
