//! Throughput of the graph layer on extractions of the shared corpus: IRI minting, quads,
//! loading a fresh store, export, and the Graphviz picture of a large graph. Sizes are bytes of
//! document text (1 MB and 10 MB; store loading and export at 10 MB and 100 MB only with
//! `KG_BENCH_LARGE=1`), so every figure is MB/s of text.
//!
//! ```sh
//! cargo bench -p kg-graph --bench graph
//! KG_BENCH_LARGE=1 cargo bench -p kg-graph --bench graph -- load
//! ```

use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkGroup, Criterion, Throughput,
};
use kg_extract::Extractor;
use kg_graph::oxigraph::model::Quad;
use kg_graph::{extraction_to_quads, iri, ExportFormat, KgStore};
use kg_model::{Document, Extraction};
use std::hint::black_box;
use std::io;
use std::time::Duration;

#[path = "../../kg-extract/benches/support/corpus.rs"]
mod corpus;

/// The corpus at one size, extracted.
struct Input {
    label: String,
    bytes: u64,
    documents: Vec<Document>,
    extractions: Vec<Extraction>,
}

fn inputs(sizes: &[usize]) -> Vec<Input> {
    let texts = corpus::source_texts();
    let extractor = Extractor::new();
    sizes
        .iter()
        .map(|&size| {
            let documents = corpus::corpus(&texts, size);
            let extractions = documents.iter().map(|d| extractor.extract(d)).collect();
            Input {
                label: corpus::label(size),
                bytes: corpus::text_bytes(&documents),
                documents,
                extractions,
            }
        })
        .collect()
}

/// Store loading and export write or read the whole store: 1 MB by default.
fn store_sizes() -> Vec<usize> {
    let mut sizes = vec![corpus::MB];
    if std::env::var_os("KG_BENCH_LARGE").is_some() {
        sizes.extend([10 * corpus::MB, 100 * corpus::MB]);
    }
    sizes
}

fn quads_of(input: &Input) -> Vec<Vec<Quad>> {
    input
        .extractions
        .iter()
        .zip(&input.documents)
        .map(|(ex, doc)| extraction_to_quads(ex, &doc.text))
        .collect()
}

/// A fresh store holding `input`, loaded by the bulk path `kg build` takes.
fn store_of(input: &Input) -> (tempfile::TempDir, KgStore) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = KgStore::open(dir.path()).expect("a fresh store");
    let mut loader = store.loader().expect("a writable store");
    for quads in quads_of(input) {
        loader.load_quads(quads).expect("loading works");
    }
    loader.finish().expect("loading works");
    (dir, store)
}

/// A group of benchmarks over one input size: ten samples, throughput in bytes of text.
fn sized_group<'c>(
    c: &'c mut Criterion,
    input: &Input,
    measurement_seconds: u64,
) -> BenchmarkGroup<'c, WallTime> {
    let mut group = c.benchmark_group(format!("graph/{}", input.label));
    group
        .throughput(Throughput::Bytes(input.bytes))
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(measurement_seconds));
    group
}

fn minting(c: &mut Criterion) {
    for input in inputs(&corpus::sizes()) {
        let mut group = sized_group(c, &input, 10);
        group.bench_function("iri_minting", |b| {
            b.iter(|| {
                for ex in &input.extractions {
                    black_box(iri::document_iri(&ex.document));
                    for entity in &ex.entities {
                        black_box(iri::entity_node(entity));
                    }
                }
            });
        });
        group.bench_function("extraction_to_quads", |b| {
            b.iter(|| {
                for (ex, doc) in input.extractions.iter().zip(&input.documents) {
                    black_box(extraction_to_quads(ex, &doc.text));
                }
            });
        });
        group.finish();
    }
}

fn store(c: &mut Criterion) {
    for input in inputs(&store_sizes()) {
        let mut group = sized_group(c, &input, 20);
        group.bench_function("load_fresh_store", |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().expect("a temporary folder");
                    (quads_of(&input), dir)
                },
                |(documents, dir)| {
                    let store = KgStore::open(dir.path()).expect("a fresh store");
                    let mut loader = store.loader().expect("a writable store");
                    for quads in documents {
                        loader.load_quads(quads).expect("loading works");
                    }
                    loader.finish().expect("loading works");
                    // The store closes (and the folder goes) outside the measurement.
                    (store, dir)
                },
                BatchSize::PerIteration,
            );
        });
        let (_dir, store) = store_of(&input);
        for format in [ExportFormat::NQuads, ExportFormat::Turtle] {
            group.bench_function(format!("export_{format}"), |b| {
                b.iter(|| {
                    store
                        .export(format, None, &mut io::sink())
                        .expect("export works");
                });
            });
        }
        group.finish();
    }
}

fn picture(c: &mut Criterion) {
    // The largest default size: a graph of thousands of people, places and organisations.
    let input = inputs(&[10 * corpus::MB]).remove(0);
    let (_dir, store) = store_of(&input);
    let mut group = sized_group(c, &input, 20);
    group.bench_function("dot", |b| {
        b.iter(|| black_box(store.dot(None).expect("drawing works")));
    });
    group.finish();
}

criterion_group!(benches, minting, store, picture);
criterion_main!(benches);
