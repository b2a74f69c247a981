//! `kg import`: load document graphs extracted elsewhere.

use std::fs::File;
use std::io::{self, BufReader};

use anyhow::{Context, Result};
use kg_graph::{ExportFormat, LoadOutcome};

use super::Completion;
use crate::cli::ImportArgs;
use crate::parallel::default_jobs;
use crate::report::Reporter;
use crate::store::open_for_writing;

/// Loads every document graph of every file, then prints a summary like `kg build`'s.
pub fn run(args: &ImportArgs, reporter: &mut Reporter) -> Result<Completion> {
    let store_dir = &args.store.store;
    let store = open_for_writing(store_dir, args.wait.wait, reporter)?;
    let mut loader = store
        .loader()
        .with_context(|| format!("{}: cannot load into the store", store_dir.display()))?
        .with_threads(args.jobs.unwrap_or_else(default_jobs).get());
    let (mut added, mut replaced, mut unchanged, mut failed_files) = (0, 0, 0, 0);
    for path in &args.files {
        let name = path.display().to_string();
        let mut on_document = |id: &str, outcome: LoadOutcome| {
            let word = match outcome {
                LoadOutcome::Added => {
                    added += 1;
                    "added"
                }
                LoadOutcome::Replaced => {
                    replaced += 1;
                    "replaced"
                }
                LoadOutcome::Unchanged => {
                    unchanged += 1;
                    "unchanged"
                }
            };
            reporter.detail(format_args!("{id}: {word}"));
        };
        let result = if name == "-" {
            loader.import(
                "standard input",
                io::stdin().lock(),
                ExportFormat::NQuads,
                &mut on_document,
            )
        } else {
            let Some(format @ (ExportFormat::NQuads | ExportFormat::TriG)) =
                ExportFormat::from_path(path)
            else {
                failed_files += 1;
                reporter.error(&anyhow::anyhow!(
                    "{name}: not an N-Quads (.nq) or TriG (.trig) file; \
                     write shards with `kg extract --format nquads`"
                ));
                continue;
            };
            let file = match File::open(path) {
                Ok(file) => file,
                Err(err) => {
                    failed_files += 1;
                    reporter.error(
                        &anyhow::Error::new(err).context(format!("{name}: cannot read the file")),
                    );
                    continue;
                }
            };
            loader.import(&name, BufReader::new(file), format, &mut on_document)
        };
        // The documents before a bad spot are loaded; the file is reported and the rest of it
        // skipped, as `kg build` skips a bad document.
        if let Err(err) = result {
            failed_files += 1;
            reporter.error(&anyhow::Error::new(err));
        }
    }
    loader
        .finish()
        .with_context(|| format!("{}: cannot load into the store", store_dir.display()))?;
    let total = added + replaced + unchanged;
    reporter.info(format_args!(
        "{total} document{} from {} file{}: {added} added, {replaced} replaced, {unchanged} \
         unchanged; {failed_files} file{} failed; store: {}",
        if total == 1 { "" } else { "s" },
        args.files.len(),
        if args.files.len() == 1 { "" } else { "s" },
        if failed_files == 1 { "" } else { "s" },
        store_dir.display()
    ));
    Ok(if failed_files == 0 {
        Completion::Success
    } else {
        Completion::WithFailures
    })
}
