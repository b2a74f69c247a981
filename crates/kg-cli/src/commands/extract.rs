//! `kg extract`: text in, JSON Lines or RDF out, no store.

use std::io::Write;

use anyhow::{Context, Result};
use kg_extract::Extractor;
use kg_graph::{extraction_to_quads, write_quads, ExportFormat};

use super::Completion;
use crate::cli::{ExtractArgs, ExtractFormat};
use crate::extraction_json::extraction_to_json;
use crate::input::{collect_sources, read_document};
use crate::output::Output;
use crate::report::Reporter;

/// Extracts every input and prints the result in the chosen format.
pub fn run(args: &ExtractArgs, reporter: &mut Reporter) -> Result<Completion> {
    let sources = collect_sources(&args.paths);
    let mut failed = sources.errors.len();
    for err in &sources.errors {
        reporter.error(err);
    }
    if sources.waits_for_typing() {
        reporter.info("reading a document from standard input; end it with Ctrl-D");
    }
    let extractor = Extractor::new();
    let mut out = Output::create(None)?;
    let rdf_format = rdf_format(args.format);
    let mut quads = Vec::new();
    for source in &sources.found {
        let document = match read_document(source, args.date.as_deref()) {
            Ok(document) => document,
            Err(err) => {
                reporter.error(&err);
                failed += 1;
                continue;
            }
        };
        let extraction = extractor.extract(&document);
        reporter.detail(format_args!(
            "{}: {} mentions, {} facts",
            document.id,
            extraction.mentions.len(),
            extraction.facts.len()
        ));
        if rdf_format.is_some() {
            quads.extend(extraction_to_quads(&extraction, &document.text));
        } else {
            // JSON Lines stream: each document is printed as soon as it is extracted.
            serde_json::to_writer(&mut out, &extraction_to_json(&extraction))
                .context("cannot write to standard output")?;
            out.write_all(b"\n")
                .context("cannot write to standard output")?;
        }
    }
    if let Some(format) = rdf_format {
        // One RDF document for all inputs, in the same canonical order as `kg export`.
        write_quads(quads, format, &mut out).context("cannot write to standard output")?;
    }
    out.finish()?;
    Ok(if failed == 0 {
        Completion::Success
    } else {
        Completion::WithFailures
    })
}

/// The RDF format for `--format`, or `None` for JSON Lines.
fn rdf_format(format: ExtractFormat) -> Option<ExportFormat> {
    match format {
        ExtractFormat::Json => None,
        ExtractFormat::Turtle => Some(ExportFormat::Turtle),
        ExtractFormat::Ntriples => Some(ExportFormat::NTriples),
        ExtractFormat::Trig => Some(ExportFormat::TriG),
        ExtractFormat::Nquads => Some(ExportFormat::NQuads),
        ExtractFormat::Jsonld => Some(ExportFormat::JsonLd),
    }
}
