//! Train the name typer (`src/typer.rs`) on the training split of `../shared/corpus` and write
//! its weights to `crates/kg-extract/data/typer.tsv`.
//!
//! ```sh
//! cargo run --release -p kg-extract --example train_typer [CORPUS_DIR]
//! ```
//!
//! Every run of capitalised words that reaches the typer in a training document becomes one
//! example, labelled with the type of the gold named mention it overlaps most (GUM person /
//! organization / place, Re-DocRED PER / ORG / LOC), or "None"; and every gold named mention
//! becomes one more, its words typed as the gold says. Held-out documents
//! (`data/heldout.txt`) are skipped. The order of examples is fixed, so the output is the same
//! on every run.

use kg_extract::typer::{Trainer, NONE};
use kg_extract::Extractor;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::BufRead;
use std::path::PathBuf;

const EPOCHS: usize = 8;
/// Strides of the visiting orders (primes): one averaged perceptron is trained per order.
const STRIDES: [usize; 15] = [
    7919, 6007, 5003, 4001, 3001, 7907, 6011, 5009, 4003, 3011, 7901, 6029, 5011, 4007, 3019,
];

fn gold_class(kind: &str) -> Option<usize> {
    match kind {
        "person" | "PER" => Some(0),
        "organization" | "ORG" => Some(1),
        "place" | "LOC" => Some(2),
        _ => None,
    }
}

/// One training example: the features of a run and its class.
type Example = (Vec<String>, usize);
/// A training document: its examples and the words of its gold person names.
type TrainingDocument = (Vec<Example>, HashSet<String>);

/// Features that name a word of the run ("w:fillmore", "first:…", "last:…").
fn is_lexical(feature: &str) -> bool {
    ["w:", "first:", "last:"]
        .iter()
        .any(|prefix| feature.starts_with(prefix))
}

/// The training examples as the typer would see them in a document it was not trained on.
///
/// The corpus-derived word lists (`person_names.txt`) and the word features were made from the
/// same documents the examples come from, so inside a training document every person's name is
/// "known". Trained on that, the typer learns to trust the list and the words and to call
/// any unknown name "no name", which is exactly wrong on new text. So, leaving each document
/// out in turn: a word feature is kept only when the word also occurs in another training
/// document, and the person-name flag only when a word of the run is a given name or part of a
/// person's name in another training document.
fn leave_document_out(docs: Vec<TrainingDocument>) -> Vec<Example> {
    let lexicon = kg_extract::lexicon::Lexicon::builtin();
    let mut feature_docs: HashMap<String, usize> = HashMap::new();
    let mut person_docs: HashMap<String, usize> = HashMap::new();
    for (runs, person_words) in &docs {
        let lexical: HashSet<&String> = runs
            .iter()
            .flat_map(|(f, _)| f.iter())
            .filter(|f| is_lexical(f))
            .collect();
        for f in lexical {
            *feature_docs.entry(f.clone()).or_default() += 1;
        }
        for w in person_words {
            *person_docs.entry(w.clone()).or_default() += 1;
        }
    }
    let mut examples = Vec::new();
    for (runs, person_words) in docs {
        for (features, label) in runs {
            let elsewhere_person = features.iter().any(|f| {
                f.strip_prefix("w:").is_some_and(|w| {
                    lexicon.is_first_name(w)
                        || person_docs.get(w).copied().unwrap_or(0)
                            > usize::from(person_words.contains(w))
                })
            });
            let kept = features
                .into_iter()
                .filter(|f| !is_lexical(f) || feature_docs.get(f).copied().unwrap_or(0) > 1)
                .filter(|f| f != "flag:person-name" || elsewhere_person)
                .collect();
            examples.push((kept, label));
        }
    }
    examples
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = std::env::args()
        .nth(1)
        .map_or_else(|| root.join("../../../shared/corpus"), PathBuf::from);
    let heldout: HashSet<&str> = kg_extract::lexicon::heldout_ids().collect();
    let extractor = Extractor::new();
    // Per training document: its runs (features, label) and the words of its gold person names.
    let mut docs: Vec<TrainingDocument> = Vec::new();
    for file in ["gum.jsonl", "redocred-dev.jsonl"] {
        let path = corpus.join(file);
        let reader = std::io::BufReader::new(
            std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?,
        );
        for line in reader.lines() {
            let doc: serde_json::Value = serde_json::from_str(&line?)?;
            let id = doc["id"].as_str().unwrap_or_default();
            if heldout.contains(id) {
                continue;
            }
            let text = doc["text"].as_str().unwrap_or_default();
            let gold: Vec<(usize, usize, usize)> = doc["mentions"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|m| m["named"].as_bool() == Some(true))
                .filter_map(|m| {
                    let class = gold_class(m["type"].as_str()?)?;
                    Some((
                        usize::try_from(m["start"].as_u64()?).ok()?,
                        usize::try_from(m["end"].as_u64()?).ok()?,
                        class,
                    ))
                })
                .collect();
            let person_words: HashSet<String> = gold
                .iter()
                .filter(|g| g.2 == 0)
                .filter_map(|g| text.get(g.0..g.1))
                .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let mut runs = Vec::new();
            for (span, features) in extractor.typer_candidates(text) {
                let label = gold
                    .iter()
                    .filter(|(s, e, _)| *s < span.end && span.start < *e)
                    .max_by_key(|(s, e, _)| span.end.min(*e) - span.start.max(*s))
                    .map_or(NONE, |g| g.2);
                runs.push((features, label));
            }
            // Every gold name is an example too, seen in its own words and context: more
            // people, organisations and places to learn from than the runs the rules leave.
            {
                let spans: Vec<kg_model::Span> = gold
                    .iter()
                    .map(|&(s, e, _)| kg_model::Span::new(s, e))
                    .collect();
                for (features, &(_, _, class)) in extractor
                    .typer_features_at(text, &spans)
                    .into_iter()
                    .zip(&gold)
                {
                    if let Some(features) = features {
                        runs.push((features, class));
                    }
                }
            }
            docs.push((runs, person_words));
        }
    }
    let examples = leave_document_out(docs);
    // One perceptron per visiting order, their weights averaged: a single order's weights swing
    // with small changes in the examples; the mean of several is steadier.
    let mut sum: BTreeMap<String, [f64; 4]> = BTreeMap::new();
    for (run, stride) in STRIDES.iter().enumerate() {
        let mut trainer = Trainer::default();
        for epoch in 0..EPOCHS {
            let mut right = 0usize;
            // A fixed interleaving per epoch instead of a random shuffle keeps training
            // reproducible (a prime stride visits every example once).
            let n = examples.len();
            for i in 0..n {
                let k = (i * stride + epoch * 104_729 + run * 31) % n;
                let (features, label) = &examples[k];
                right += usize::from(trainer.learn(features, *label));
            }
            eprintln!(
                "order {} epoch {}: {right}/{n} right before update",
                run + 1,
                epoch + 1
            );
        }
        for line in trainer.finish().lines() {
            let mut cols = line.split('\t');
            let Some(feature) = cols.next() else { continue };
            let total = sum.entry(feature.to_string()).or_default();
            for (t, c) in total.iter_mut().zip(cols) {
                *t += c.parse::<f64>().unwrap_or(0.0);
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let runs = STRIDES.len() as f64;
    let mut weights = String::new();
    for (feature, w) in &sum {
        if w.iter().any(|x| (x / runs).abs() >= 0.001) {
            let _ = writeln!(
                weights,
                "{feature}\t{:.4}\t{:.4}\t{:.4}\t{:.4}",
                w[0] / runs,
                w[1] / runs,
                w[2] / runs,
                w[3] / runs
            );
        }
    }
    let mut counts = [0usize; 4];
    for (_, l) in &examples {
        counts[*l] += 1;
    }
    let header = format!(
        "# typer.tsv — weights of the name typer (src/typer.rs): feature<TAB>Person<TAB>Organization<TAB>Place<TAB>None.\n\
         # Mean of {} averaged perceptrons (one per visiting order), {EPOCHS} epochs over {} runs from the training split of ../shared/corpus\n\
         # (Person {}, Organization {}, Place {}, None {}); held-out documents are never read.\n\
         # Generated by: cargo run --release -p kg-extract --example train_typer\n",
        STRIDES.len(),
        examples.len(),
        counts[0],
        counts[1],
        counts[2],
        counts[3]
    );
    let out = root.join("data/typer.tsv");
    std::fs::write(&out, header + &weights)?;
    eprintln!("wrote {}", out.display());
    Ok(())
}
