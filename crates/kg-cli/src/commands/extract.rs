//! `kg extract`: text in, JSON Lines or RDF out, no store.

use std::io::Write;

use anyhow::{Context, Result};
use kg_extract::Extractor;
use kg_graph::oxigraph::model::Quad;
use kg_graph::{extraction_to_quads, write_quads, ExportFormat, GraphWriter};

use super::Completion;
use crate::cli::{DecodingArgs, ExtractArgs, ExtractFormat};
use crate::extraction_json::extraction_to_json;
use crate::input::{collect_sources, read_document, Source};
use crate::output::Output;
use crate::parallel::{default_jobs, for_each_in_order};
use crate::report::Reporter;

/// Extracts every input and prints the result in the chosen format.
pub fn run(args: &ExtractArgs, reporter: &mut Reporter) -> Result<Completion> {
    let sources = collect_sources(&args.paths);
    let mut failed = sources.errors.len();
    sources.report(reporter);
    let extractor = Extractor::new();
    let mut out = Output::create(None)?;
    let rdf_format = rdf_format(args.format);
    // N-Quads and TriG are written one document at a time, in input order, each document's
    // statements sorted; Turtle, N-Triples and JSON-LD merge or nest the documents, so their
    // statements are gathered and written, sorted, at the end.
    let mut sink = match rdf_format {
        None => Sink::Json(&mut out),
        Some(format) => match GraphWriter::new(format, &mut out) {
            Some(writer) => Sink::Graphs(Box::new(writer)),
            None => Sink::Gather(format, Vec::new()),
        },
    };
    let date = args.date.as_deref();
    for_each_in_order(
        &sources.found,
        args.jobs.unwrap_or_else(default_jobs),
        |source| {
            extract_one(
                &extractor,
                source,
                date,
                args.decoding,
                rdf_format.is_some(),
            )
        },
        |source, extracted| {
            let (summary, piece) = match extracted {
                Extracted::RdfFile => {
                    reporter.warn(format_args!(
                        "{}: an RDF file, not text; skipped (`kg build` loads it beside the documents)",
                        source.id()
                    ));
                    return Ok(());
                }
                Extracted::Failed(err) => {
                    reporter.error(&err);
                    failed += 1;
                    return Ok(());
                }
                Extracted::Done(summary, piece) => (summary, piece),
            };
            if let Some(repaired) = &summary.repaired {
                reporter.warn(repaired);
            }
            reporter.detail(format_args!(
                "{}: {} mentions, {} facts",
                source.id(),
                summary.mentions,
                summary.facts
            ));
            match (&mut sink, piece) {
                (Sink::Json(out), Piece::Json(line)) => out
                    .write_all(&line)
                    .context("cannot write to standard output"),
                // Minted quads come sorted, as the canonical order wants them.
                (Sink::Graphs(writer), Piece::Quads(quads)) => writer
                    .write_sorted_graph(&quads)
                    .context("cannot write to standard output"),
                (Sink::Gather(_, all), Piece::Quads(quads)) => {
                    all.extend(quads);
                    Ok(())
                }
                _ => unreachable!("the workers make the pieces the sink takes"),
            }
        },
    )?;
    match sink {
        Sink::Json(_) => {}
        Sink::Graphs(writer) => {
            writer.finish().context("cannot write to standard output")?;
        }
        Sink::Gather(format, quads) => {
            // One RDF document for all inputs, in the same canonical order as `kg export`.
            write_quads(quads, format, &mut out).context("cannot write to standard output")?;
        }
    }
    out.finish()?;
    Ok(if failed == 0 {
        Completion::Success
    } else {
        Completion::WithFailures
    })
}

/// Where the documents' output goes.
enum Sink<'o> {
    /// JSON Lines, one line per document as it comes.
    Json(&'o mut Output),
    /// N-Quads or TriG, one graph per document as it comes.
    Graphs(Box<GraphWriter<&'o mut Output>>),
    /// Turtle, N-Triples or JSON-LD: every statement, written at the end.
    Gather(ExportFormat, Vec<Quad>),
}

/// What a worker made of one input.
enum Extracted {
    /// An RDF file, which `kg extract` does not read.
    RdfFile,
    /// The file could not be read.
    Failed(anyhow::Error),
    /// The counts for `-v`, and the output.
    Done(Summary, Piece),
}

/// Counts for the `-v` line of one document.
struct Summary {
    mentions: usize,
    facts: usize,
    /// What `--lossy` repaired, to warn about.
    repaired: Option<String>,
}

/// One document's output.
enum Piece {
    /// Its JSON line, newline included.
    Json(Vec<u8>),
    /// Its statements.
    Quads(Vec<Quad>),
}

/// Reads and extracts one document and turns it into output (on a worker thread).
fn extract_one(
    extractor: &Extractor,
    source: &Source,
    date: Option<&str>,
    decoding: DecodingArgs,
    rdf: bool,
) -> Extracted {
    if source.rdf_format().is_some() {
        return Extracted::RdfFile;
    }
    let (document, repaired) = match read_document(source, date, decoding) {
        Ok(read) => (read.document, read.repaired),
        Err(err) => return Extracted::Failed(err),
    };
    let extraction = extractor.extract(&document);
    let summary = Summary {
        mentions: extraction.mentions.len(),
        facts: extraction.facts.len(),
        repaired,
    };
    let piece = if rdf {
        Piece::Quads(extraction_to_quads(&extraction, &document.text))
    } else {
        let mut line = serde_json::to_vec(&extraction_to_json(&extraction))
            .expect("an extraction always serialises to JSON");
        line.push(b'\n');
        Piece::Json(line)
    };
    Extracted::Done(summary, piece)
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
