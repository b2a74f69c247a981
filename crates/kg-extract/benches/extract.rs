//! Throughput of the extractor on the shared corpus: segmentation, named-entity recognition,
//! roles, and the whole extraction, at 1 MB and 10 MB of text (100 MB with `KG_BENCH_LARGE=1`).
//!
//! ```sh
//! cargo bench -p kg-extract --bench extract            # MB/s per stage and size
//! cargo bench -p kg-extract --bench extract -- full    # only the whole extraction
//! ```

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use kg_extract::analysis::Analysis;
use kg_extract::lexicon::Lexicon;
use kg_extract::{ner, roles, segment, Extractor};
use std::hint::black_box;
use std::time::Duration;

#[path = "support/corpus.rs"]
mod corpus;

fn stages(c: &mut Criterion) {
    let texts = corpus::source_texts();
    let lexicon = Lexicon::builtin();
    let extractor = Extractor::new();
    for size in corpus::sizes() {
        let documents = corpus::corpus(&texts, size);
        let mut group = c.benchmark_group(format!("extract/{}", corpus::label(size)));
        group
            .throughput(Throughput::Bytes(corpus::text_bytes(&documents)))
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(if size > corpus::MB { 20 } else { 5 }));

        group.bench_function("segmentation", |b| {
            b.iter(|| {
                for doc in &documents {
                    let tokens = segment::tokenize(&doc.text);
                    black_box(segment::sentences(&doc.text, &tokens));
                }
            });
        });
        group.bench_function("analysis", |b| {
            // Tokens, sentences and every token folded (lower case, no diacritics).
            b.iter(|| {
                for doc in &documents {
                    black_box(Analysis::new(&doc.text, &lexicon));
                }
            });
        });
        group.bench_function("ner", |b| {
            b.iter(|| {
                for doc in &documents {
                    let mut analysis = Analysis::new(&doc.text, &lexicon);
                    ner::recognize(&mut analysis);
                    black_box(analysis.found.len());
                }
            });
        });
        group.bench_function("ner+roles", |b| {
            b.iter(|| {
                for doc in &documents {
                    let mut analysis = Analysis::new(&doc.text, &lexicon);
                    ner::recognize(&mut analysis);
                    roles::extract(&mut analysis);
                    black_box(analysis.facts.len());
                }
            });
        });
        group.bench_function("full", |b| {
            b.iter(|| {
                for doc in &documents {
                    black_box(extractor.extract(doc));
                }
            });
        });
        group.finish();
    }
}

fn startup(c: &mut Criterion) {
    // Parsing the word lists happens once per process (`Extractor::new`), never per document.
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.bench_function("Extractor::new", |b| {
        b.iter_batched(|| (), |()| Extractor::new(), BatchSize::SmallInput);
    });
    group.finish();
}

criterion_group!(benches, stages, startup);
criterion_main!(benches);
