//! One module per subcommand; each turns parsed arguments into calls on the library crates.

mod build;
mod build_remote;
mod completions;
mod eval;
pub(crate) mod explain;
mod export;
mod extract;
mod import;
mod query;
mod remove;
mod serve;
mod stats;
mod viz;

use anyhow::Result;

use crate::cli::Command;
use crate::report::Reporter;

/// How a command that ran to the end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    /// Everything worked.
    Success,
    /// The command finished, but some inputs failed and were reported (exit status 1).
    WithFailures,
}

/// Runs one subcommand.
pub fn run(command: Command, reporter: &mut Reporter) -> Result<Completion> {
    match command {
        Command::Extract(args) => extract::run(&args, reporter),
        Command::Build(args) => build::run(&args, reporter),
        Command::Import(args) => import::run(&args, reporter),
        Command::Query(args) => query::run(&args),
        Command::Export(args) => export::run(&args, reporter),
        Command::Viz(args) => viz::run(&args, reporter),
        Command::Remove(args) => remove::run(&args, reporter),
        Command::Stats(args) => stats::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Serve(args) => serve::run(&args, reporter),
        Command::Completions(args) => completions::run(&args),
    }
}
