//! `kg`: turn English news text into an RDF knowledge graph, query it, export it and draw it.
//!
//! This binary only parses the command line, reads files, prints and picks exit codes; the
//! extraction lives in `kg-extract` and everything RDF in `kg-graph`.

mod cli;
mod commands;
mod eval;
mod extraction_json;
mod input;
mod output;
mod parallel;
mod remote;
mod report;
mod serve;
mod store;
mod viz_html;

use std::io;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::commands::Completion;
use crate::report::Reporter;

/// Exit status for a runtime error.
const EXIT_RUNTIME_ERROR: u8 = 1;
/// Exit status for a usage error: clap's own (bad options), and a SPARQL query that does not
/// parse.
const EXIT_USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    // clap already honours NO_COLOR (https://no-color.org); the progress bar's colours come
    // from `console`, which lets CLICOLOR_FORCE win over it, so switch them off here.
    if std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()) {
        console::set_colors_enabled(false);
        console::set_colors_enabled_stderr(false);
    }
    let cli = Cli::parse();
    let mut reporter = Reporter::new(&cli.verbosity);
    let result = commands::run(cli.command, &mut reporter);
    reporter.finish_progress();
    match result {
        Ok(Completion::Success) => ExitCode::SUCCESS,
        Ok(Completion::WithFailures) => ExitCode::from(EXIT_RUNTIME_ERROR),
        // A reader such as `head` went away: what it wanted was written.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            reporter.error(&err);
            if is_usage_error(&err) {
                ExitCode::from(EXIT_USAGE_ERROR)
            } else {
                ExitCode::from(EXIT_RUNTIME_ERROR)
            }
        }
    }
}

/// Whether the command line itself was wrong in a way clap cannot see: a SPARQL query that
/// does not parse.
fn is_usage_error(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<kg_graph::GraphError>(),
            Some(kg_graph::GraphError::Syntax { .. })
        )
    })
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|cause| cause.kind() == io::ErrorKind::BrokenPipe)
}
