//! `kg build`: extract documents and load them into the store.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kg_extract::Extractor;
use kg_graph::oxigraph::model::Quad;
use kg_graph::{extraction_to_quads, ExportFormat, KgStore, LoadOutcome};

use super::Completion;
use crate::cli::{BuildArgs, DecodingArgs};
use crate::input::{collect_sources, read_document, ReadDocument, Source};
use crate::parallel::{default_jobs, for_each_in_order};
use crate::report::{Reporter, Verbosity};
use crate::store::open_for_writing;

/// Runs longer than this many documents get a progress bar (when stderr is a terminal).
const PROGRESS_BAR_THRESHOLD: usize = 5;

/// How many documents ended which way.
#[derive(Debug, Default)]
struct Tally {
    added: usize,
    replaced: usize,
    unchanged: usize,
    failed: usize,
}

/// Loads every input into the store, one named graph per document, and prints a summary.
pub fn run(args: &BuildArgs, reporter: &mut Reporter) -> Result<Completion> {
    if let Some(endpoint) = &args.endpoint {
        return Ok(super::build_remote::run(args, endpoint, reporter));
    }
    let sources = collect_sources(&args.paths);
    let mut tally = Tally {
        failed: sources.errors.len(),
        ..Tally::default()
    };
    sources.report(reporter);
    if sources.found.is_empty() && sources.errors.is_empty() {
        reporter.warn(
            "no text files (.txt, .md or without extension) or RDF files \
             (.ttl, .trig, .nt, .nq, .jsonld) found in the given paths",
        );
    }
    let store_dir = &args.store.store;
    let store = open_for_writing(store_dir, args.wait.wait, reporter)?;
    let extractor = Extractor::new();

    if sources.found.len() > PROGRESS_BAR_THRESHOLD
        && reporter.verbosity() > Verbosity::Quiet
        && std::io::stderr().is_terminal()
    {
        reporter.attach_progress(progress_bar(sources.found.len()));
    }
    let jobs = args.jobs.unwrap_or_else(default_jobs);
    let mut loader = store
        .loader()
        .with_context(|| format!("{}: cannot load into the store", store_dir.display()))?
        .with_threads(jobs.get());
    let date = args.date.as_deref();
    // Reading, extraction and the minting of quads run on `--jobs` threads; loading runs here,
    // in input order, so the store ends the same whatever the number of jobs.
    for_each_in_order(
        &sources.found,
        jobs,
        |source| prepare(&extractor, source, date, args.decoding, args.min_confidence),
        |source, prepared| {
            if let Some(bar) = reporter.progress() {
                bar.set_message(source.id());
            }
            let outcome = match prepared {
                Ok(Prepared::Document(quads, repaired)) => {
                    if let Some(repaired) = repaired {
                        reporter.warn(repaired);
                    }
                    Some(
                        loader.load_quads(quads).with_context(|| {
                            format!("{}: cannot load into the store", source.id())
                        })?,
                    )
                }
                Ok(Prepared::Rdf(path, format)) => match load_rdf(&store, source, &path, format) {
                    Ok(outcome) => Some(outcome),
                    Err(err) => {
                        reporter.error(&err);
                        None
                    }
                },
                Err(err) => {
                    reporter.error(&err);
                    None
                }
            };
            let word = match outcome {
                Some(LoadOutcome::Added) => {
                    tally.added += 1;
                    "added"
                }
                Some(LoadOutcome::Replaced) => {
                    tally.replaced += 1;
                    "replaced"
                }
                Some(LoadOutcome::Unchanged) => {
                    tally.unchanged += 1;
                    "unchanged"
                }
                None => {
                    tally.failed += 1;
                    "failed"
                }
            };
            if outcome.is_some() {
                reporter.detail(format_args!("{}: {word}", source.id()));
            }
            if let Some(bar) = reporter.progress() {
                bar.inc(1);
            }
            Ok(())
        },
    )?;
    loader
        .finish()
        .with_context(|| format!("{}: cannot load into the store", store_dir.display()))?;
    reporter.finish_progress();

    let total = tally.added + tally.replaced + tally.unchanged + tally.failed;
    reporter.info(format_args!(
        "{total} document{}: {} added, {} replaced, {} unchanged, {} failed; store: {}",
        if total == 1 { "" } else { "s" },
        tally.added,
        tally.replaced,
        tally.unchanged,
        tally.failed,
        store_dir.display()
    ));
    Ok(if tally.failed == 0 {
        Completion::Success
    } else {
        Completion::WithFailures
    })
}

/// What a worker thread makes of one input.
enum Prepared {
    /// A text document's statements, as `kg_graph::extraction_to_quads` mints them, and what
    /// `--lossy` repaired in its text, to warn about.
    Document(Vec<Quad>, Option<String>),
    /// An RDF file, loaded as it is (on the loading thread).
    Rdf(PathBuf, ExportFormat),
}

/// Reads and extracts one document and mints its statements (on a worker thread). Nothing is
/// written for a document that cannot be read, so what the store already holds for it stays as
/// it was.
fn prepare(
    extractor: &Extractor,
    source: &Source,
    date: Option<&str>,
    decoding: DecodingArgs,
    min_confidence: Option<f32>,
) -> Result<Prepared> {
    if let (Some(format), Source::File(path)) = (source.rdf_format(), source) {
        return Ok(Prepared::Rdf(path.clone(), format));
    }
    let ReadDocument { document, repaired } = read_document(source, date, decoding)?;
    let mut extraction = extractor.extract(&document);
    if let Some(min) = min_confidence {
        kg_graph::retain_confident_facts(&mut extraction, kg_model::Confidence::new(min));
    }
    Ok(Prepared::Document(
        extraction_to_quads(&extraction, &document.text),
        repaired,
    ))
}

/// Loads one RDF file beside the documents.
fn load_rdf(
    store: &KgStore,
    source: &Source,
    path: &Path,
    format: ExportFormat,
) -> Result<LoadOutcome> {
    let bytes =
        std::fs::read(path).with_context(|| format!("{}: cannot read the file", path.display()))?;
    // A syntax error already names the file and the place in it.
    store
        .load_rdf(&source.id(), &bytes, format)
        .map_err(|err| match err {
            kg_graph::GraphError::RdfSyntax { .. } => anyhow::Error::new(err),
            other => anyhow::Error::new(other)
                .context(format!("{}: cannot load into the store", source.id())),
        })
}

fn progress_bar(len: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(
        Some(u64::try_from(len).unwrap_or(u64::MAX)),
        ProgressDrawTarget::stderr(),
    );
    let style = ProgressStyle::with_template("{bar:30.cyan/blue} {pos}/{len} {elapsed} {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
