//! Working on many documents with several threads, in bounded batches, in input order.
//!
//! The sources are cut into batches (a few hundred documents, a few megabytes of text); the
//! documents of a batch are read and worked on by a pool of `jobs` threads while the calling
//! thread consumes the previous batch's results in input order. At most three batches exist at
//! once (one being worked on, one waiting, one being consumed), so memory does not grow with
//! the size of the corpus, and output and store content are the same for any number of jobs.

use std::fs;
use std::num::NonZeroUsize;
use std::sync::mpsc;
use std::thread;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::input::Source;

/// A batch ends after this many documents …
const BATCH_DOCUMENTS: usize = 256;
/// … or once its files hold this many bytes (a megabyte of news text becomes some 180,000
/// statements, about 70 MB in memory).
const BATCH_BYTES: u64 = 1 << 20;

/// The number of threads `--jobs` gives when it is not set: one per core.
pub fn default_jobs() -> NonZeroUsize {
    thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
}

/// Runs `work` on every source and hands each result to `consume`, in the order of `sources`.
///
/// With one job everything runs on the calling thread, one document after the other. With more,
/// `jobs` threads run `work` on a batch while the calling thread runs `consume` on the previous
/// one. An error from `consume` stops the run (work already started is finished and dropped).
pub fn for_each_in_order<T, W, C>(
    sources: &[Source],
    jobs: NonZeroUsize,
    work: W,
    mut consume: C,
) -> Result<()>
where
    T: Send,
    W: Fn(&Source) -> T + Sync,
    C: FnMut(&Source, T) -> Result<()>,
{
    if jobs.get() == 1 {
        for source in sources {
            consume(source, work(source))?;
        }
        return Ok(());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.get())
        .thread_name(|i| format!("kg-worker-{i}"))
        .build()
        .context("cannot start the worker threads")?;
    let batches = batches(sources);
    thread::scope(|scope| {
        // One finished batch may wait while the next is worked on.
        let (sender, receiver) = mpsc::sync_channel::<Vec<T>>(1);
        let work = &work;
        let pool = &pool;
        let producer_batches = &batches;
        scope.spawn(move || {
            for batch in producer_batches {
                let results = pool.install(|| batch.par_iter().map(work).collect::<Vec<T>>());
                if sender.send(results).is_err() {
                    // The consumer stopped.
                    break;
                }
            }
        });
        let mut consumed = || -> Result<()> {
            for (batch, results) in batches.iter().zip(receiver.iter()) {
                for (source, result) in batch.iter().zip(results) {
                    consume(source, result)?;
                }
            }
            Ok(())
        };
        let outcome = consumed();
        // Dropping the receiver (here, before the scope joins the producer) lets a producer
        // blocked on a full channel see that nobody listens any more.
        drop(receiver);
        outcome
    })
}

/// Cuts `sources` into batches of at most [`BATCH_DOCUMENTS`] documents and about
/// [`BATCH_BYTES`] bytes (file sizes as the file system reports them; standard input counts as
/// empty).
fn batches(sources: &[Source]) -> Vec<&[Source]> {
    let mut batches = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, source) in sources.iter().enumerate() {
        if let Source::File(path) = source {
            bytes += fs::metadata(path).map_or(0, |meta| meta.len());
        }
        if i + 1 - start >= BATCH_DOCUMENTS || bytes >= BATCH_BYTES {
            batches.push(&sources[start..=i]);
            start = i + 1;
            bytes = 0;
        }
    }
    if start < sources.len() {
        batches.push(&sources[start..]);
    }
    batches
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn sources(n: usize) -> Vec<Source> {
        (0..n)
            .map(|i| Source::File(PathBuf::from(format!("/no/such/dir/{i}.txt"))))
            .collect()
    }

    #[test]
    fn results_arrive_in_input_order_for_any_number_of_jobs() {
        let sources = sources(1000);
        for jobs in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            for_each_in_order(
                &sources,
                NonZeroUsize::new(jobs).unwrap(),
                Source::id,
                |source, id| {
                    assert_eq!(source.id(), id);
                    seen.push(id);
                    Ok(())
                },
            )
            .unwrap();
            let expected: Vec<String> = sources.iter().map(Source::id).collect();
            assert_eq!(seen, expected, "{jobs} jobs");
        }
    }

    #[test]
    fn an_error_stops_the_run() {
        let sources = sources(2000);
        let mut consumed = 0;
        let result = for_each_in_order(
            &sources,
            NonZeroUsize::new(2).unwrap(),
            |_| (),
            |_, ()| {
                consumed += 1;
                if consumed == 300 {
                    anyhow::bail!("stop");
                }
                Ok(())
            },
        );
        assert!(result.is_err());
        assert_eq!(consumed, 300);
    }

    #[test]
    fn batches_cover_every_source_once() {
        let sources = sources(BATCH_DOCUMENTS * 2 + 5);
        let batches = batches(&sources);
        assert_eq!(batches.len(), 3);
        assert_eq!(
            batches.iter().map(|b| b.len()).sum::<usize>(),
            sources.len()
        );
    }
}
