//! `kg build`: extract documents and load them into the store.

use std::io::IsTerminal;
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kg_extract::Extractor;
use kg_graph::LoadOutcome;

use super::Completion;
use crate::cli::BuildArgs;
use crate::input::{collect_sources, read_document, Source};
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
    let sources = collect_sources(&args.paths);
    let mut tally = Tally {
        failed: sources.errors.len(),
        ..Tally::default()
    };
    for err in &sources.errors {
        reporter.error(err);
    }
    if sources.waits_for_typing() {
        reporter.info("reading a document from standard input; end it with Ctrl-D");
    }
    if sources.found.is_empty() && sources.errors.is_empty() {
        reporter.warn("no text files (.txt, .md or without extension) found in the given paths");
    }
    let store_dir = &args.store.store;
    let store = open_for_writing(store_dir)?;
    let extractor = Extractor::new();

    if sources.found.len() > PROGRESS_BAR_THRESHOLD
        && reporter.verbosity() > Verbosity::Quiet
        && std::io::stderr().is_terminal()
    {
        reporter.attach_progress(progress_bar(sources.found.len()));
    }
    for source in &sources.found {
        if let Some(bar) = reporter.progress() {
            bar.set_message(source.id());
        }
        match build_one(
            &extractor,
            &store,
            source,
            args.date.as_deref(),
            args.min_confidence,
        ) {
            Ok(outcome) => {
                let word = match outcome {
                    LoadOutcome::Added => {
                        tally.added += 1;
                        "added"
                    }
                    LoadOutcome::Replaced => {
                        tally.replaced += 1;
                        "replaced"
                    }
                    LoadOutcome::Unchanged => {
                        tally.unchanged += 1;
                        "unchanged"
                    }
                };
                reporter.detail(format_args!("{}: {word}", source.id()));
            }
            Err(err) => {
                tally.failed += 1;
                reporter.error(&err);
            }
        }
        if let Some(bar) = reporter.progress() {
            bar.inc(1);
        }
    }
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

/// Reads, extracts and loads one document. Nothing is written for a document that cannot be
/// read, so what the store already holds for it stays as it was.
fn build_one(
    extractor: &Extractor,
    store: &kg_graph::KgStore,
    source: &Source,
    date: Option<&str>,
    min_confidence: Option<f32>,
) -> Result<LoadOutcome> {
    let document = read_document(source, date)?;
    let mut extraction = extractor.extract(&document);
    if let Some(min) = min_confidence {
        kg_graph::retain_confident_facts(&mut extraction, kg_model::Confidence::new(min));
    }
    store
        .load(&extraction, &document.text)
        .with_context(|| format!("{}: cannot load into the store", document.id))
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
