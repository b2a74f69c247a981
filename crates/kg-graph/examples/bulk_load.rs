//! Oxigraph's own bulk loader on an N-Quads file, as the yardstick for `kg import` and
//! `kg build` (used by `scripts/bench-vs-spacy.sh`).
//!
//! ```sh
//! cargo run --release -p kg-graph --example bulk_load -- STORE_DIR FILE.nq [THREADS]
//! ```
//!
//! Loads every quad of FILE.nq into a new store at STORE_DIR with
//! `Store::bulk_loader().load_from_reader`, on THREADS threads (default 1, like `kg import`),
//! and prints `quads=N seconds=S quads_per_second=Q` (the time covers opening the store,
//! parsing, sorting and writing; not the count afterwards).

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::store::Store;
use std::error::Error;
use std::fs::File;
use std::io::BufReader;
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(store_dir), Some(file)) = (args.next(), args.next()) else {
        return Err("usage: bulk_load STORE_DIR FILE.nq [THREADS]".into());
    };
    let threads: usize = args.next().map_or(Ok(1), |t| t.parse())?;
    let start = Instant::now();
    let store = Store::open(&store_dir)?;
    let mut loader = store.bulk_loader().with_num_threads(threads);
    let input = BufReader::new(File::open(&file)?);
    loader.load_from_reader(RdfParser::from_format(RdfFormat::NQuads), input)?;
    loader.commit()?;
    let seconds = start.elapsed().as_secs_f64();
    // Counted after the clock stopped: counting reads the whole store.
    let quads = store.len()?;
    // A rate to print: f64's 52 bits of mantissa are plenty.
    #[allow(clippy::cast_precision_loss)]
    let rate = quads as f64 / seconds;
    println!("quads={quads} seconds={seconds:.3} quads_per_second={rate:.0}");
    Ok(())
}
