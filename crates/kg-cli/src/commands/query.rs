//! `kg query`: SPARQL over the store.

use std::fs;
use std::io::{self, Read};

use anyhow::{Context, Result};
use kg_graph::{write_results, ResultFormat};

use super::Completion;
use crate::cli::{QueryArgs, QueryFormat};
use crate::output::Output;
use crate::store::open_for_reading;

/// Evaluates the query and prints its results.
pub fn run(args: &QueryArgs) -> Result<Completion> {
    // Where the query came from, to name it in errors (an inline query needs no name).
    let (sparql, origin) = match (&args.sparql, &args.file) {
        (Some(text), _) => (text.clone(), None),
        (None, Some(path)) if path.as_os_str() == "-" => {
            let mut text = String::new();
            io::stdin()
                .read_to_string(&mut text)
                .context("cannot read the query from standard input (is it UTF-8?)")?;
            (text, Some("standard input".to_owned()))
        }
        (None, Some(path)) => {
            let text = fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read the query file", path.display()))?;
            (text, Some(path.display().to_string()))
        }
        // clap's argument group makes one of the two required.
        (None, None) => anyhow::bail!("give a SPARQL query or --file FILE"),
    };
    let answer = |sparql: &str| -> Result<kg_graph::QueryOutput> {
        match &args.endpoint {
            Some(endpoint) => {
                crate::remote::query(endpoint, &kg_graph::query_for_endpoint(sparql)?)
            }
            None => Ok(open_for_reading(&args.store.store)?.query(sparql)?),
        }
    };
    let results = match origin {
        None => answer(&sparql)?,
        Some(origin) => answer(&sparql).context(origin)?,
    };
    let format = match args.format {
        QueryFormat::Table => ResultFormat::Table,
        QueryFormat::Csv => ResultFormat::Csv,
        QueryFormat::Tsv => ResultFormat::Tsv,
        QueryFormat::Json => ResultFormat::Json,
        QueryFormat::Xml => ResultFormat::Xml,
    };
    let mut out = Output::create(None)?;
    write_results(&results, format, &mut out)?;
    out.finish()?;
    Ok(Completion::Success)
}
