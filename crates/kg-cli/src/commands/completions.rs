//! `kg completions SHELL`: a completion script for the shell, generated from the command line.

use std::io::Write;

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::Completion;
use crate::cli::{Cli, CompletionsArgs};
use crate::output::Output;

/// Prints the completion script for `args.shell` to standard output.
pub fn run(args: &CompletionsArgs) -> Result<Completion> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "kg", &mut script);
    let mut out = Output::create(None)?;
    out.write_all(&script)
        .context("cannot write to standard output")?;
    out.finish()?;
    Ok(Completion::Success)
}
