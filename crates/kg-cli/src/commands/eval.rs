//! `kg eval`: score the extractor against a gold corpus file.

use std::fs::File;
use std::io::{BufReader, Write};

use anyhow::{bail, Context, Result};
use kg_extract::Extractor;
use kg_model::EntityKind;

use super::Completion;
use crate::cli::{EvalArgs, EvalFormat, Split};
use crate::eval::{evaluate, table, EvalOptions};
use crate::output::Output;

/// Runs the extractor over the gold documents and prints precision, recall and F1.
pub fn run(args: &EvalArgs) -> Result<Completion> {
    let mut kinds = Vec::new();
    for name in &args.types {
        let kind = match name.trim() {
            "Person" => EntityKind::Person,
            "Organization" => EntityKind::Organization,
            "Place" => EntityKind::Place,
            other => bail!(
                "unknown entity type {other:?} in --types: use Person, Organization and/or Place"
            ),
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    let heldout: Vec<String> = kg_extract::lexicon::heldout_ids()
        .map(str::to_string)
        .collect();
    let options = EvalOptions {
        kinds,
        genre: args.genre.clone(),
        only_ids: (args.split == Split::Heldout).then(|| heldout.clone()),
        skip_ids: if args.split == Split::Train {
            heldout
        } else {
            Vec::new()
        },
    };
    let file = File::open(&args.gold)
        .with_context(|| format!("cannot open the gold file {}: give a JSON Lines file such as ../shared/corpus/gum.jsonl", args.gold.display()))?;
    let source = args.gold.display().to_string();
    let scores = evaluate(BufReader::new(file), &source, &Extractor::new(), &options)?;
    if scores.documents == 0 {
        bail!("no document of {source} matches the --genre/--split filters");
    }
    let mut out = Output::create(None)?;
    let written = match args.format {
        EvalFormat::Table => out.write_all(table(&scores).as_bytes()),
        EvalFormat::Json => serde_json::to_writer_pretty(&mut out, &scores)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
    };
    written.context("cannot write to standard output")?;
    out.finish()?;
    Ok(Completion::Success)
}
