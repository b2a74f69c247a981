//! Opening the store. kg-graph's errors already name the store and say what to do next.

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Result};
use kg_graph::{GraphError, KgStore};

use crate::report::Reporter;

/// The first pause before trying a locked store again; it doubles up to [`MAX_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_millis(50);
/// The longest pause between two tries.
const MAX_PAUSE: Duration = Duration::from_secs(1);

/// Opens an existing store for reading; a missing store is an error that says to run
/// `kg build` first.
pub fn open_for_reading(dir: &Path) -> Result<KgStore> {
    Ok(KgStore::open_read_only(dir)?)
}

/// Opens the store for writing, creating it when it does not exist yet.
///
/// Only one process writes to a store at a time. When another holds it, this fails at once
/// with a "store in use" error, or, with `wait` (`--wait SECONDS`), tries again after a pause
/// that grows from 50 ms to 1 s until `wait` has passed.
pub fn open_for_writing(
    dir: &Path,
    wait: Option<Duration>,
    reporter: &Reporter,
) -> Result<KgStore> {
    let started = Instant::now();
    let mut pause = FIRST_PAUSE;
    let mut said_waiting = false;
    loop {
        let error = match KgStore::open(dir) {
            Ok(store) => return Ok(store),
            Err(error @ GraphError::Locked { .. }) => error,
            Err(error) => return Err(error.into()),
        };
        let Some(wait) = wait else {
            return Err(anyhow!("{error} (or pass --wait SECONDS to wait for it)"));
        };
        let waited = started.elapsed();
        if waited >= wait {
            return Err(anyhow!(
                "{error}; it was still in use after waiting {:.1} s (--wait)",
                waited.as_secs_f64()
            ));
        }
        if !said_waiting {
            reporter.info(format_args!(
                "the store at {} is in use by another kg process; waiting up to {:.1} s for it",
                dir.display(),
                wait.as_secs_f64()
            ));
            said_waiting = true;
        }
        thread::sleep(pause.min(wait.saturating_sub(waited)));
        pause = (pause * 2).min(MAX_PAUSE);
    }
}
