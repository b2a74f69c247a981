//! The name typer: an averaged-perceptron classifier that types a run of capitalised words as
//! Person, Organization, Place or no name, for the runs the rules cannot type on their own
//! (no gazetteer entry, no organisation word, no title).
//!
//! Its features are the words of the run, their shapes and endings, the words around it and
//! the word-list flags the rules use. The weights in `data/typer.tsv` are learned from the
//! training split of `../shared/corpus` by `cargo run --release -p kg-extract --example
//! train_typer` (held-out documents are never read), and parsed once, at first use.

use crate::analysis::Analysis;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// The classes, in weight-column order.
pub const CLASSES: [&str; 4] = ["Person", "Organization", "Place", "None"];
/// Index of the "no name" class.
pub const NONE: usize = 3;

const WEIGHTS: &str = include_str!("../data/typer.tsv");

/// Added to the "no name" score when typing (not when training). Trained on every gold name as
/// well as on the runs the rules leave open, the typer sees more names than it will be asked
/// about and names a little too readily; on both cross-validation folds of the training split
/// (never the held-out documents) a prior of 2 for "no name" was best of 1, 2 and 3.
const NONE_PRIOR: f32 = 2.0;

/// Learned weights: feature → one weight per class.
#[derive(Debug, Default)]
pub struct Typer {
    weights: HashMap<String, [f32; 4]>,
}

static BUILTIN: LazyLock<Typer> = LazyLock::new(|| Typer::parse(WEIGHTS));

thread_local! {
    /// When set (by the trainer), every run that reaches the typer is recorded here.
    static CANDIDATES: RefCell<Option<Vec<Range<usize>>>> = const { RefCell::new(None) };
}

/// Start (or stop, with `false`) recording the runs that reach the typer on this thread.
pub fn record_candidates(on: bool) {
    CANDIDATES.with(|c| *c.borrow_mut() = on.then(Vec::new));
}

/// The runs recorded since the last call (empty when not recording).
pub fn take_candidates() -> Vec<Range<usize>> {
    CANDIDATES.with(|c| {
        c.borrow_mut()
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    })
}

/// Whether this thread is recording training runs. The trainer then also switches off the
/// known-name list, which was built from the same documents: the typer must learn from names
/// as unknown as those it meets in new text.
pub fn recording() -> bool {
    CANDIDATES.with(|c| c.borrow().is_some())
}

fn note_candidate(range: &Range<usize>) {
    CANDIDATES.with(|c| {
        if let Some(log) = c.borrow_mut().as_mut() {
            log.push(range.clone());
        }
    });
}

impl Typer {
    /// The built-in weights.
    pub fn builtin() -> &'static Typer {
        &BUILTIN
    }

    /// Parse `feature<TAB>w0<TAB>w1<TAB>w2<TAB>w3` lines (`#` comments).
    pub fn parse(text: &str) -> Self {
        let mut weights = HashMap::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut cols = line.split('\t');
            let Some(feature) = cols.next() else { continue };
            let mut w = [0.0f32; 4];
            for slot in &mut w {
                *slot = cols
                    .next()
                    .and_then(|c| c.trim().parse().ok())
                    .unwrap_or(0.0);
            }
            weights.insert(feature.to_string(), w);
        }
        Self { weights }
    }

    /// Class scores for a set of features.
    pub fn scores(&self, features: &[String]) -> [f32; 4] {
        let mut total = [0.0f32; 4];
        for f in features {
            if let Some(w) = self.weights.get(f) {
                for (t, x) in total.iter_mut().zip(w) {
                    *t += x;
                }
            }
        }
        total
    }

    /// The score of each class (Person, Organization, Place, none) for the run.
    pub fn class_scores(&self, a: &Analysis<'_>, range: &Range<usize>) -> [f32; 4] {
        note_candidate(range);
        let mut scores = self.scores(&features(a, range));
        if !recording() {
            scores[NONE] += NONE_PRIOR;
        }
        scores
    }
}

/// The index of the highest score and its margin over the second.
pub fn best(scores: &[f32; 4]) -> (usize, f32) {
    let mut order = [0, 1, 2, 3];
    order.sort_by(|&x, &y| scores[y].total_cmp(&scores[x]).then(x.cmp(&y)));
    (order[0], scores[order[0]] - scores[order[1]])
}

fn shape(word: &str) -> char {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => 'd',
        Some(c) if c.is_uppercase() => {
            if word
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                && word.chars().count() > 1
            {
                'A'
            } else {
                'X'
            }
        }
        Some(c) if c.is_alphabetic() => 'x',
        Some(_) => '.',
        None => '_',
    }
}

fn suffix(word: &str, n: usize) -> String {
    let chars: Vec<char> = word.chars().collect();
    chars[chars.len().saturating_sub(n)..].iter().collect()
}

/// A coarse class of a context word: prepositions of place, determiners, possessives, verbs of
/// saying.
fn word_class(word: &str) -> Option<&'static str> {
    Some(match word {
        "in" | "at" | "from" | "near" | "across" | "into" | "throughout" | "outside" | "inside"
        | "around" | "towards" | "toward" => "place-preposition",
        "the" | "a" | "an" => "determiner",
        "his" | "her" | "their" | "its" | "our" | "my" | "your" => "possessive",
        "said" | "says" | "told" | "added" | "wrote" | "stated" | "explained" | "argued"
        | "noted" | "announced" | "agreed" | "proposed" | "asked" | "replied" | "claimed" => {
            "saying"
        }
        "mr" | "mrs" | "ms" | "dr" => "honorific",
        _ => return None,
    })
}

/// The features of a run of tokens.
pub fn features(a: &Analysis<'_>, range: &Range<usize>) -> Vec<String> {
    let lex = a.lexicon;
    let (first, last) = (range.start, range.end.saturating_sub(1));
    let mut f = Vec::with_capacity(24);
    f.push("bias".to_string());
    for k in range.clone() {
        f.push(format!("w:{}", a.word(k)));
    }
    f.push(format!("first:{}", a.word(first)));
    f.push(format!("last:{}", a.word(last)));
    f.push(format!("suf3:{}", suffix(a.word(last), 3)));
    f.push(format!("suf2:{}", suffix(a.word(last), 2)));
    f.push(format!("suf4:{}", suffix(a.word(last), 4)));
    if range.len() > 1 {
        f.push(format!("fsuf3:{}", suffix(a.word(first), 3)));
    }
    for k in range.clone() {
        let raw = a.raw(k);
        // Inner capitals ("ResearchGate", "McDonald"), hyphens, apostrophes and digits.
        if raw.chars().skip(1).any(char::is_uppercase) && raw.chars().any(char::is_lowercase) {
            f.push("flag:inner-capital".to_string());
        }
        if raw.contains('-') {
            f.push("flag:hyphen".to_string());
        }
        if raw.contains('\'') || raw.contains('’') {
            f.push("flag:apostrophe".to_string());
        }
        if raw.chars().any(|c| c.is_ascii_digit()) {
            f.push("flag:digit".to_string());
        }
    }
    let shape: String = range.clone().map(|k| shape(a.raw(k))).collect();
    f.push(format!("shape:{shape}"));
    f.push(format!("len:{}", range.len().min(4)));
    let prev = if first > 0 { a.word(first - 1) } else { "<s>" };
    let prev2 = if first > 1 { a.word(first - 2) } else { "<s>" };
    f.push(format!("prev:{prev}"));
    f.push(format!("prev2:{prev2} {prev}"));
    f.push(format!("next:{}", a.word(range.end)));
    f.push(format!(
        "next2:{} {}",
        a.word(range.end),
        a.word(range.end + 1)
    ));
    if lex.is_first_name(a.word(first)) {
        f.push("flag:first-name".to_string());
        f.push(format!("first-name-len:{}", range.len().min(3)));
    }
    // "the CEO of Hilton", "a spokesman for Delta", "director at Sandia": the name a title
    // belongs to is an organisation or a place, not a person.
    if matches!(prev, "of" | "for" | "at")
        && first > 1
        && lex.role(a.word(first - 2)).is_some_and(|r| r.is_head)
    {
        f.push(format!("after-role:{prev}"));
    }
    if let Some(class) = word_class(prev) {
        f.push(format!("prev-class:{class}"));
    }
    if let Some(class) = word_class(a.word(range.end)) {
        f.push(format!("next-class:{class}"));
    }
    if lex.is_famous_surname(a.word(last)) {
        f.push("flag:famous-surname".to_string());
    }
    if range.clone().any(|k| lex.is_person_name(a.word(k))) {
        f.push("flag:person-name".to_string());
    }
    if range.clone().any(|k| lex.is_org_word(a.word(k))) {
        f.push("flag:org-word".to_string());
    }
    if range.clone().any(|k| lex.place(a.word(k)).is_some()) {
        f.push("flag:place-word".to_string());
    }
    if range.clone().all(|k| lex.is_common_word(a.word(k))) {
        f.push("flag:all-common".to_string());
    }
    let sentence = a
        .sentences
        .get(a.sentence_of.get(first).copied().unwrap_or(0))
        .cloned()
        .unwrap_or(0..0);
    if first == sentence.start {
        f.push("flag:sentence-initial".to_string());
    }
    if a.is_possessive(range.end) {
        f.push("flag:possessive".to_string());
    }
    if range.len() == 1 && !a.in_longer_name(a.word(first)) {
        // Written only on its own in the whole text: news names people in full at least once.
        f.push("doc:lone-only".to_string());
    }
    if let Some(pronoun) = next_pronoun(a, range.end) {
        f.push(format!("pronoun:{pronoun}"));
    }
    // The lower-case words around the run, beyond the neighbours above: "shares", "company",
    // "band", "village", "wife" say what the name is.
    let window = first.saturating_sub(WIDE).max(sentence.start)..first.saturating_sub(2);
    let after = (range.end + 2).min(sentence.end)..(range.end + WIDE).min(sentence.end);
    for k in window.chain(after) {
        let w = a.word(k);
        if w.len() > 3 && !a.is_capitalized(k) {
            f.push(format!("near:{w}"));
        }
    }
    f
}

/// How far (in tokens) the typer looks around a run for telling words.
const WIDE: usize = 10;

/// The class of the first third-person pronoun after token `from`, in its sentence or the
/// next: "he" / "she" follow people, "it" / "its" organisations and places ("Quantcast ranks
/// the site …; its figures").
fn next_pronoun(a: &Analysis<'_>, from: usize) -> Option<&'static str> {
    const WINDOW: usize = 20;
    let sentence = *a.sentence_of.get(from)?;
    let limit = a
        .sentences
        .get(sentence + 1)
        .or_else(|| a.sentences.get(sentence))
        .map_or(from, |s| s.end)
        .min(from + WINDOW);
    (from..limit).find_map(|k| match a.word(k) {
        "he" | "him" | "his" | "himself" => Some("male"),
        "she" | "her" | "hers" | "herself" => Some("female"),
        "it" | "its" | "itself" => Some("it"),
        "they" | "them" | "their" | "themselves" => Some("they"),
        _ => None,
    })
}

/// Averaged-perceptron training.
#[derive(Debug, Default)]
pub struct Trainer {
    weights: HashMap<String, [f32; 4]>,
    totals: HashMap<String, [f64; 4]>,
    stamps: HashMap<String, [u64; 4]>,
    step: u64,
}

impl Trainer {
    /// Learn from one example; returns whether it was already right.
    pub fn learn(&mut self, features: &[String], gold: usize) -> bool {
        self.step += 1;
        let mut scores = [0.0f32; 4];
        for f in features {
            if let Some(w) = self.weights.get(f) {
                for (s, x) in scores.iter_mut().zip(w) {
                    *s += x;
                }
            }
        }
        let (guess, _) = best(&scores);
        if guess == gold {
            return true;
        }
        for f in features {
            for (class, delta) in [(gold, 1.0f32), (guess, -1.0f32)] {
                let w = self.weights.entry(f.clone()).or_default();
                let total = self.totals.entry(f.clone()).or_default();
                let stamp = self.stamps.entry(f.clone()).or_default();
                #[allow(clippy::cast_precision_loss)]
                let elapsed = (self.step - stamp[class]) as f64;
                total[class] += elapsed * f64::from(w[class]);
                stamp[class] = self.step;
                w[class] += delta;
            }
        }
        false
    }

    /// The averaged weights as `data/typer.tsv` text, leaving out near-zero features.
    pub fn finish(mut self) -> String {
        let mut lines = Vec::new();
        let features: Vec<String> = self.weights.keys().cloned().collect();
        for f in features {
            let w = self.weights[&f];
            let total = self.totals.entry(f.clone()).or_default();
            let stamp = self.stamps.entry(f.clone()).or_default();
            let mut avg = [0.0f32; 4];
            for class in 0..4 {
                #[allow(clippy::cast_precision_loss)]
                let elapsed = (self.step - stamp[class]) as f64;
                let sum = total[class] + elapsed * f64::from(w[class]);
                #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
                let mean = (sum / self.step.max(1) as f64) as f32;
                avg[class] = mean;
            }
            if avg.iter().any(|x| x.abs() >= 0.001) {
                lines.push(format!(
                    "{f}\t{:.4}\t{:.4}\t{:.4}\t{:.4}",
                    avg[0], avg[1], avg[2], avg[3]
                ));
            }
        }
        lines.sort();
        lines.join("\n") + "\n"
    }
}
