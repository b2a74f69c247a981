//! Named-entity accuracy on a cross-validation fold of the training split: the measure used to
//! judge changes to the extractor without looking at the held-out documents. Run by
//! `scripts/ner-cv.sh`, which first builds the word lists and the typer without the fold.
//!
//! ```sh
//! cargo run --release -p kg-extract --example ner_cv -- CORPUS_DIR FOLD_IDS [--errors | --probe | --predictions]
//! ```
//!
//! For each corpus file, and for GUM's interview and news genres on their own, it prints
//! precision, recall and F1 per type (Person, Organization, Place) and micro-averaged, counting a
//! predicted name right when it overlaps a gold named mention of the same type (as `kg eval`
//! and `scripts/ner-vs-spacy.sh` do, but every prediction and gold mention on its own rather
//! than matched one to one; the one-to-one micro F1 is printed too). `--errors` also lists every
//! miss and false alarm with its context; `--probe` prints the names found in standard input;
//! `--predictions` prints every name found in the fold (`PRED`, document, start, end, type).

use kg_extract::Extractor;
use kg_model::{Document, EntityKind};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::BufRead;
use std::path::PathBuf;

const TYPES: [&str; 3] = ["Person", "Organization", "Place"];

/// A name: byte span, type index into `TYPES`, text.
type Name = (usize, usize, usize, String);

/// Counts of one evaluation: per type, (right predictions, predictions, found gold, gold), and
/// the pairs matched one to one (as `scripts/ner_vs_spacy.py` scores).
#[derive(Default)]
struct Score([[usize; 4]; 3], usize);

impl Score {
    fn line(&self, label: &str) -> String {
        let total = (0..4)
            .map(|i| self.0.iter().map(|t| t[i]).sum())
            .collect::<Vec<usize>>();
        let mut out = format!("{label:<24}");
        for t in &self.0 {
            let _ = write!(out, " {:>6.3}", f1(t));
        }
        let _ = write!(
            out,
            "  micro P {:.3} R {:.3} F1 {:.3}  one-to-one F1 {:.3}",
            ratio(total[0], total[1]),
            ratio(total[2], total[3]),
            f1(&[total[0], total[1], total[2], total[3]]),
            f1(&[self.1, total[1], self.1, total[3]])
        );
        out
    }
}

#[allow(clippy::cast_precision_loss)]
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn f1(counts: &[usize; 4]) -> f64 {
    let (p, r) = (ratio(counts[0], counts[1]), ratio(counts[2], counts[3]));
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn type_index(kind: &str) -> Option<usize> {
    match kind {
        "person" | "PER" => Some(0),
        "organization" | "ORG" => Some(1),
        "place" | "LOC" => Some(2),
        _ => None,
    }
}

fn overlaps(x: &Name, y: &Name) -> bool {
    x.0 < y.1 && y.0 < x.1
}

/// Pairs of a prediction and a gold name of the same type matched one to one, greedily by
/// decreasing shared bytes (exact spans first on ties), as `scripts/ner_vs_spacy.py` does.
fn one_to_one(predicted: &[Name], gold: &[Name]) -> usize {
    let mut pairs = Vec::new();
    for (i, p) in predicted.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let shared = p.1.min(g.1).saturating_sub(p.0.max(g.0));
            if p.2 == g.2 && shared > 0 {
                pairs.push((
                    std::cmp::Reverse(shared),
                    (p.0, p.1) != (g.0, g.1),
                    g.0,
                    p.0,
                    i,
                    j,
                ));
            }
        }
    }
    pairs.sort_unstable();
    let (mut used_p, mut used_g) = (HashSet::new(), HashSet::new());
    for (.., i, j) in pairs {
        if !used_p.contains(&i) && !used_g.contains(&j) {
            used_p.insert(i);
            used_g.insert(j);
        }
    }
    used_p.len()
}

fn context(text: &str, start: usize, end: usize) -> &str {
    let mut from = start.saturating_sub(50);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + 30).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    &text[from..to]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(corpus), Some(fold)) = (args.first(), args.get(1)) else {
        return Err("usage: ner_cv CORPUS_DIR FOLD_IDS [--errors]".into());
    };
    let errors = args.iter().any(|a| a == "--errors");
    let dump = args.iter().any(|a| a == "--predictions");
    if args.iter().any(|a| a == "--probe") {
        return probe();
    }
    let fold_ids = std::fs::read_to_string(fold).map_err(|e| format!("{fold}: {e}"))?;
    let fold: HashSet<&str> = fold_ids.lines().collect();
    let extractor = Extractor::new();
    for file in ["gum.jsonl", "redocred-dev.jsonl"] {
        let path = PathBuf::from(corpus).join(file);
        let reader = std::io::BufReader::new(
            std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?,
        );
        let mut all = Score::default();
        let mut genres = [("interview", Score::default()), ("news", Score::default())];
        for line in reader.lines() {
            let doc: serde_json::Value = serde_json::from_str(&line?)?;
            let id = doc["id"].as_str().unwrap_or_default();
            if !fold.contains(id) {
                continue;
            }
            let text = doc["text"].as_str().unwrap_or_default();
            let gold: Vec<Name> = doc["mentions"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|m| m["named"].as_bool() == Some(true))
                .filter_map(|m| {
                    Some((
                        usize::try_from(m["start"].as_u64()?).ok()?,
                        usize::try_from(m["end"].as_u64()?).ok()?,
                        type_index(m["type"].as_str()?)?,
                        m["text"].as_str()?.to_string(),
                    ))
                })
                .collect();
            let extraction = extractor.extract(&Document::new(id, text));
            let predicted: Vec<Name> = extraction
                .mentions
                .iter()
                .filter_map(|m| {
                    let t = match m.kind {
                        EntityKind::Person => 0,
                        EntityKind::Organization => 1,
                        EntityKind::Place => 2,
                        EntityKind::Topic => return None,
                    };
                    Some((m.span.start, m.span.end, t, m.text.clone()))
                })
                .collect();
            if dump {
                for p in &predicted {
                    println!("PRED\t{id}\t{}\t{}\t{}", p.0, p.1, TYPES[p.2]);
                }
            }
            let mut score = Score([[0; 4]; 3], one_to_one(&predicted, &gold));
            for p in &predicted {
                let right = gold.iter().any(|g| g.2 == p.2 && overlaps(p, g));
                score.0[p.2][0] += usize::from(right);
                score.0[p.2][1] += 1;
                if errors && !right {
                    let gold_here: Vec<String> = gold
                        .iter()
                        .filter(|g| overlaps(p, g))
                        .map(|g| format!("{}:{}", TYPES[g.2], g.3))
                        .collect();
                    println!(
                        "FP {} {:?} gold {gold_here:?} [{id}] {:?}",
                        TYPES[p.2],
                        p.3,
                        context(text, p.0, p.1)
                    );
                }
            }
            for g in &gold {
                let found = predicted.iter().any(|p| p.2 == g.2 && overlaps(p, g));
                score.0[g.2][2] += usize::from(found);
                score.0[g.2][3] += 1;
                if errors && !found {
                    let got: Vec<String> = predicted
                        .iter()
                        .filter(|p| overlaps(p, g))
                        .map(|p| format!("{}:{}", TYPES[p.2], p.3))
                        .collect();
                    println!(
                        "FN {} {:?} got {got:?} [{id}] {:?}",
                        TYPES[g.2],
                        g.3,
                        context(text, g.0, g.1)
                    );
                }
            }
            let genre = doc["genre"].as_str().unwrap_or_default();
            for (name, genre_score) in &mut genres {
                if *name == genre {
                    add(genre_score, &score);
                }
            }
            add(&mut all, &score);
        }
        println!(
            "{:<24} {:>6} {:>6} {:>6}",
            "F1 (overlap)", "PER", "ORG", "LOC"
        );
        println!("{}", all.line(file));
        if file == "gum.jsonl" {
            for (name, score) in genres.iter().filter(|(_, s)| s.0.iter().any(|t| t[3] > 0)) {
                println!("{}", score.line(&format!("gum.jsonl {name}")));
            }
        }
    }
    Ok(())
}

/// `--probe`: the names found in standard input, one line each (type, text), with the word
/// lists and typer of this build (for `scripts/ner-cv.sh`, those built without the fold).
fn probe() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)?;
    let extraction = Extractor::new().extract(&Document::new("probe", &text));
    for m in &extraction.mentions {
        println!("{:?}\t{}", m.kind, m.text);
    }
    Ok(())
}

fn add(total: &mut Score, score: &Score) {
    for (t, s) in total.0.iter_mut().zip(&score.0) {
        for (x, y) in t.iter_mut().zip(s) {
            *x += y;
        }
    }
    total.1 += score.1;
}
