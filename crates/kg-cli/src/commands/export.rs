//! `kg export`: the store as RDF.

use anyhow::Result;

use super::Completion;
use crate::cli::{ExportArgs, ExportFormat};
use crate::output::Output;
use crate::report::Reporter;
use crate::store::open_for_reading;

/// Writes the store (or one graph) in the chosen RDF format.
pub fn run(args: &ExportArgs, reporter: &Reporter) -> Result<Completion> {
    let store = open_for_reading(&args.store.store)?;
    let format = match args.format {
        ExportFormat::Turtle => kg_graph::ExportFormat::Turtle,
        ExportFormat::Trig => kg_graph::ExportFormat::TriG,
        ExportFormat::Ntriples => kg_graph::ExportFormat::NTriples,
        ExportFormat::Nquads => kg_graph::ExportFormat::NQuads,
        ExportFormat::Jsonld => kg_graph::ExportFormat::JsonLd,
    };
    let mut out = Output::create(args.output.as_deref())?;
    let destination = out.describe();
    store
        .export_with_min_confidence(
            format,
            args.graph.as_deref(),
            args.min_confidence.map(kg_model::Confidence::new),
            &mut out,
        )
        .map_err(|err| match err {
            // Name the file; every other error already says what went wrong with the store.
            kg_graph::GraphError::Write(_) => {
                anyhow::Error::new(err).context(format!("cannot write to {destination}"))
            }
            other => other.into(),
        })?;
    out.finish()?;
    if args.output.is_some() {
        reporter.detail(format_args!("wrote {destination}"));
    }
    Ok(Completion::Success)
}
