//! `kg build --endpoint URL`: each document's named graph written to a SPARQL 1.1 Graph Store
//! Protocol service instead of the local store.
//!
//! A graph is replaced with `PUT` only when the server's copy carries another `kg:contentHash`
//! (or none), so building again changes nothing. The server's default graph is left alone: ask
//! it to answer queries over the union of its graphs (Oxigraph: `--union-default-graph`).

use anyhow::{bail, Result};
use kg_extract::Extractor;
use kg_graph::iri::document_iri;
use kg_graph::{extraction_to_quads, graph_store_body};

use super::Completion;
use crate::cli::BuildArgs;
use crate::input::{collect_sources, read_document, ReadDocument, Source};
use crate::remote::GraphStore;
use crate::report::Reporter;

/// Extracts every input and writes its graph to the graph store at `endpoint`.
pub fn run(args: &BuildArgs, endpoint: &str, reporter: &Reporter) -> Completion {
    let sources = collect_sources(&args.paths);
    let mut failed = sources.errors.len();
    sources.report(reporter);
    let store = GraphStore::new(endpoint);
    let extractor = Extractor::new();
    let (mut added, mut replaced, mut unchanged) = (0, 0, 0);
    for source in &sources.found {
        match send_one(&extractor, &store, source, args, reporter) {
            Ok(Sent::Added) => {
                added += 1;
                reporter.detail(format_args!("{}: added", source.id()));
            }
            Ok(Sent::Replaced) => {
                replaced += 1;
                reporter.detail(format_args!("{}: replaced", source.id()));
            }
            Ok(Sent::Unchanged) => {
                unchanged += 1;
                reporter.detail(format_args!("{}: unchanged", source.id()));
            }
            Err(err) => {
                failed += 1;
                reporter.error(&err);
            }
        }
    }
    let total = added + replaced + unchanged + failed;
    reporter.info(format_args!(
        "{total} document{}: {added} added, {replaced} replaced, {unchanged} unchanged, \
         {failed} failed; graph store: {}",
        if total == 1 { "" } else { "s" },
        store.url()
    ));
    if failed == 0 {
        Completion::Success
    } else {
        Completion::WithFailures
    }
}

enum Sent {
    Added,
    Replaced,
    Unchanged,
}

fn send_one(
    extractor: &Extractor,
    store: &GraphStore,
    source: &Source,
    args: &BuildArgs,
    reporter: &Reporter,
) -> Result<Sent> {
    if source.rdf_format().is_some() {
        bail!(
            "{}: RDF files are not sent with --endpoint; load them into the server with its own \
             loader (e.g. curl -X POST --data-binary @FILE -H 'Content-Type: …' URL)",
            source.id()
        );
    }
    let ReadDocument { document, repaired } =
        read_document(source, args.date.as_deref(), args.decoding)?;
    if let Some(repaired) = repaired {
        reporter.warn(repaired);
    }
    let mut extraction = extractor.extract(&document);
    if let Some(min) = args.min_confidence {
        kg_graph::retain_confident_facts(&mut extraction, kg_model::Confidence::new(min));
    }
    let graph = document_iri(&document.id);
    let (body, hash) = graph_store_body(extraction_to_quads(&extraction, &document.text))?;
    let stored = store.stored_hash(&graph)?;
    if stored.is_some() && stored == hash {
        return Ok(Sent::Unchanged);
    }
    store.put(&graph, body)?;
    Ok(if stored.is_some() {
        Sent::Replaced
    } else {
        Sent::Added
    })
}
