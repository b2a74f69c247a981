//! `kg remove`: retract documents from the store.

use anyhow::{anyhow, Context, Result};

use super::Completion;
use crate::cli::RemoveArgs;
use crate::report::Reporter;
use crate::store::open_for_writing;

/// Removes each named document; a name the store does not know is reported and counted.
pub fn run(args: &RemoveArgs, reporter: &Reporter) -> Result<Completion> {
    let store_dir = &args.store.store;
    if !store_dir.exists() {
        anyhow::bail!("no store at {}; nothing to remove", store_dir.display());
    }
    let store = open_for_writing(store_dir, args.wait.wait, reporter)?;
    let mut removed = 0_usize;
    let mut missing = 0_usize;
    for doc in &args.docs {
        let found = store
            .remove(doc)
            .with_context(|| format!("{doc}: cannot remove it from the store"))?;
        if found {
            removed += 1;
            reporter.detail(format_args!("{doc}: removed"));
        } else {
            missing += 1;
            reporter.error(&anyhow!(
                "{doc}: no such document in the store at {}; give the path exactly as it was \
                 given to `kg build`, or its graph IRI",
                store_dir.display()
            ));
        }
    }
    reporter.info(format_args!(
        "{removed} document{} removed, {missing} not found; store: {}",
        if removed == 1 { "" } else { "s" },
        store_dir.display()
    ));
    Ok(if missing == 0 {
        Completion::Success
    } else {
        Completion::WithFailures
    })
}
