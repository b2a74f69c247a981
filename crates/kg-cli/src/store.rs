//! Opening the store. kg-graph's errors already name the store and say what to do next.

use std::path::Path;

use anyhow::Result;
use kg_graph::KgStore;

/// Opens an existing store for reading; a missing store is an error that says to run
/// `kg build` first.
pub fn open_for_reading(dir: &Path) -> Result<KgStore> {
    Ok(KgStore::open_read_only(dir)?)
}

/// Opens the store for writing, creating it when it does not exist yet.
pub fn open_for_writing(dir: &Path) -> Result<KgStore> {
    Ok(KgStore::open(dir)?)
}
