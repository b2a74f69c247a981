//! Throughput of the extractor on the shared corpus: segmentation, named-entity recognition,
//! roles, and the whole extraction, at 1 MB and 10 MB of text (100 MB with `KG_BENCH_LARGE=1`).
//!
//! ```sh
//! cargo bench -p kg-extract --bench extract            # MB/s per stage and size
//! cargo bench -p kg-extract --bench extract -- full    # only the whole extraction
//! cargo bench -p kg-extract --bench extract -- adversarial  # one long run of name-like words
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

/// One sentence of name-like words, connectors, hyphens and quotes, as long as `words`: every
/// step of the recogniser must stay linear in the length of such a run (a quadratic step once
/// made 2 MB of this take minutes). Compare the MB/s of the two sizes: they should be close.
fn adversarial_text(words: usize) -> String {
    const WORDS: [&str; 12] = [
        "Anna", "Berg", "Oslo", "Council", "of", "the", "-", "Lund", "NATO", "Summit", "\"", "Jean",
    ];
    let mut state = 12_345u64;
    let mut out = String::with_capacity(words * 6);
    for _ in 0..words {
        // A fixed linear congruential sequence: the same text on every run.
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        #[allow(clippy::cast_possible_truncation)]
        let word = WORDS[(state >> 33) as usize % WORDS.len()];
        out.push_str(word);
        out.push(' ');
    }
    out
}

fn adversarial(c: &mut Criterion) {
    let extractor = Extractor::new();
    let mut group = c.benchmark_group("extract/adversarial");
    group.sample_size(10);
    for words in [50_000, 200_000] {
        let text = adversarial_text(words);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{words}-words"), |b| {
            b.iter(|| black_box(extractor.extract(&kg_model::Document::new("adv", &text))));
        });
    }
    group.finish();
}

criterion_group!(benches, stages, startup, adversarial);
criterion_main!(benches);
