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
mod report;
mod store;

use std::io;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::commands::Completion;
use crate::report::Reporter;

/// Exit status for a runtime error (usage errors exit with 2, from clap).
const EXIT_RUNTIME_ERROR: u8 = 1;

fn main() -> ExitCode {
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
            ExitCode::from(EXIT_RUNTIME_ERROR)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|cause| cause.kind() == io::ErrorKind::BrokenPipe)
}
