//! `kg stats`: what the store holds.

use std::io::Write;

use anyhow::{Context, Result};

use super::Completion;
use crate::cli::StatsArgs;
use crate::output::Output;
use crate::store::open_for_reading;

/// Prints counts of documents, statements and entities.
pub fn run(args: &StatsArgs) -> Result<Completion> {
    let store = open_for_reading(&args.store.store)?;
    let stats = store.stats()?;
    let mut out = Output::create(None)?;
    writeln!(out, "store: {}", args.store.store.display())
        .and_then(|()| writeln!(out, "{stats}"))
        .context("cannot write to standard output")?;
    out.finish()?;
    Ok(Completion::Success)
}
