//! kg's extractor: English news text in, entities and facts with byte spans out.
//!
//! The pipeline is a sequence of passes over one [`analysis::Analysis`]:
//! [`segment`] (tokens, sentences) → [`ner`] (names, types, surname and acronym identity) →
//! [`roles`] (person – role – organisation) → [`events`] (meetings, topics, dates).
//! Everything is rules over tokens plus the word lists in `data/` (see its README); nothing
//! here does I/O, mints IRIs or can fail on any input.

pub mod analysis;
pub mod dates;
pub mod events;
pub mod fold;
pub mod lexicon;
pub mod ner;
pub mod roles;
pub mod segment;
pub mod typer;

use analysis::Analysis;
use kg_model::{Document, EntityId, Extraction, Fact, Mention, Span};
use lexicon::Lexicon;

/// Turns documents into extractions. Built once (it parses the word lists), immutable,
/// `Send + Sync`.
#[derive(Debug)]
pub struct Extractor {
    lexicon: Lexicon,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    /// An extractor with the built-in word lists.
    pub fn new() -> Self {
        Self {
            lexicon: Lexicon::builtin(),
        }
    }

    /// The runs of capitalised words that reach the name typer in `text`, with their byte
    /// spans and features: the training examples of `examples/train_typer.rs`.
    pub fn typer_candidates(&self, text: &str) -> Vec<(Span, Vec<String>)> {
        let mut a = Analysis::new(text, &self.lexicon);
        typer::record_candidates(true);
        ner::recognize(&mut a);
        let runs = typer::take_candidates();
        typer::record_candidates(false);
        runs.into_iter()
            .map(|r| (a.span_of(r.clone()), typer::features(&a, &r)))
            .collect()
    }

    /// The name typer's features for the words inside each byte span of `text` (a leading "the"
    /// and a possessive ending left out), or `None` where a span holds no word: training
    /// examples of `examples/train_typer.rs` from gold names.
    pub fn typer_features_at(&self, text: &str, spans: &[Span]) -> Vec<Option<Vec<String>>> {
        let a = Analysis::new(text, &self.lexicon);
        spans
            .iter()
            .map(|span| {
                let mut start = a.tokens.partition_point(|t| t.span.start < span.start);
                let mut end = a.tokens.partition_point(|t| t.span.end <= span.end);
                if start < end && a.word(start) == "the" {
                    start += 1;
                }
                while end > start && a.tokens[end - 1].kind != segment::TokenKind::Word {
                    end -= 1;
                }
                (start < end).then(|| typer::features(&a, &(start..end)))
            })
            .collect()
    }

    /// Extract entities and facts. Never fails and never panics on any text.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let mut a = Analysis::new(&doc.text, &self.lexicon);
        let anchor = doc
            .date
            .as_deref()
            .and_then(dates::Date::parse_iso)
            .or_else(|| dates::dateline(&doc.text, &a.tokens));
        ner::recognize(&mut a);
        roles::extract(&mut a);
        events::extract(&mut a, anchor);
        finish(a, doc, anchor.map(dates::Date::iso))
    }
}

/// The span a mention is reported with: its name, with the article before the name of an
/// organisation, a place or a group of people ("the United Nations", "the Netherlands", "the
/// US", "the Midwest", "the Palestinians"; not "the Paris office") and a possessive ending
/// ("Türkiye's"), as news annotation (GUM, OntoNotes) marks names. `person_starts` are the
/// tokens where people's names begin. Entity labels and facts are not affected.
fn mention_span(
    a: &Analysis<'_>,
    f: &analysis::Found,
    kind: kg_model::EntityKind,
    person_starts: &std::collections::HashSet<usize>,
) -> Span {
    use kg_model::EntityKind;
    let tokens = &f.tokens;
    if tokens.is_empty() || f.span != a.span_of(tokens.clone()) {
        return f.span;
    }
    let mut span = f.span;
    if a.is_possessive(tokens.end) {
        span.end = a.tokens[tokens.end].span.end;
    }
    let first = tokens.start;
    let article = first > 0
        && a.word(first - 1) == "the"
        && !a.tokens[first].newline_before
        && a.sentence_of.get(first - 1) == a.sentence_of.get(first);
    // After a one-word name, a lower-case word other than a function word makes the name a
    // modifier ("the Google search results"): the article is the noun's. So does a hyphen ("the
    // Russia-Ukraine talks").
    let next = tokens.end + usize::from(a.is_possessive(tokens.end));
    let modifier = matches!(a.raw(next), "-" | "–" | "/")
        || (tokens.len() == 1
            && a.tokens
                .get(next)
                .is_some_and(|t| t.kind == segment::TokenKind::Word)
            && a.raw(next).starts_with(char::is_lowercase)
            && !NOT_NOUNS.contains(&a.word(next)));
    // A capitalised word after the name that begins no person's name continues a longer name
    // ("NATO" in "the NATO Istanbul Summit"), whose article it is.
    let inside_name = a.is_capitalized(tokens.end) && !person_starts.contains(&tokens.end);
    // A group of people named in the plural takes its article too ("the Palestinians").
    let group = kind == EntityKind::Person && tokens.len() == 1 && a.raw(first).ends_with('s');
    if article
        && !inside_name
        && !modifier
        && (group || matches!(kind, EntityKind::Organization | EntityKind::Place))
    {
        span.start = a.tokens[first - 1].span.start;
    }
    span
}

/// Lower-case words after a name that do not make it the modifier of a noun.
const NOT_NOUNS: &[&str] = &[
    "and", "or", "but", "in", "on", "at", "to", "for", "with", "from", "by", "of", "as", "is",
    "was", "are", "were", "has", "had", "have", "will", "would", "could", "should", "said", "says",
    "which", "who", "that", "where", "when", "after", "before", "since", "until",
];

/// Drop entities left without mentions (merged away), renumber the rest in order of creation,
/// and sort mentions by position.
fn finish(mut a: Analysis<'_>, doc: &Document, date: Option<String>) -> Extraction {
    let mut used = vec![false; a.entities.len()];
    for f in &a.found {
        used[f.entity.0] = true;
    }
    let mut new_id = vec![None; a.entities.len()];
    let mut entities = Vec::new();
    for (old, mut e) in std::mem::take(&mut a.entities).into_iter().enumerate() {
        if used[old] {
            let id = EntityId(entities.len());
            new_id[old] = Some(id);
            e.id = id;
            entities.push(e);
        }
    }
    let map = |id: EntityId| new_id[id.0].unwrap_or(id);
    // Where people's names begin: a name right before one is complete ("the Federation of
    // Coastal Fishermen Maria Delgado").
    let person_starts: std::collections::HashSet<usize> = a
        .found
        .iter()
        .filter(|f| entities[map(f.entity).0].kind == kg_model::EntityKind::Person)
        .map(|f| f.tokens.start)
        .collect();
    let mut mentions: Vec<Mention> = a
        .found
        .iter()
        .map(|f| {
            let kind = entities[map(f.entity).0].kind;
            let span = mention_span(&a, f, kind, &person_starts);
            Mention {
                span,
                text: span.text(a.text).unwrap_or("").to_string(),
                kind,
                entity: map(f.entity),
            }
        })
        .collect();
    mentions.sort_by(|x, y| {
        x.span
            .start
            .cmp(&y.span.start)
            .then(y.span.end.cmp(&x.span.end))
            .then(x.entity.cmp(&y.entity))
    });
    mentions.dedup_by(|x, y| x.span == y.span && x.entity == y.entity);
    let facts = a
        .facts
        .into_iter()
        .map(|mut f| {
            match &mut f {
                Fact::HoldsRole(h) => {
                    h.person = map(h.person);
                    h.organization = map(h.organization);
                }
                Fact::Meeting(m) => {
                    for p in &mut m.participants {
                        *p = map(*p);
                    }
                    m.place = m.place.map(map);
                    for t in &mut m.topics {
                        *t = map(*t);
                    }
                }
                Fact::LocatedIn(l) => {
                    l.inner = map(l.inner);
                    l.outer = map(l.outer);
                }
            }
            f
        })
        .collect();
    let sentences = a.sentences.iter().map(|r| {
        let first = a.tokens[r.start].span.start;
        let last = a.tokens[r.end - 1].span.end;
        kg_model::Span::new(first, last)
    });
    Extraction {
        document: doc.id.clone(),
        date,
        sentences: sentences.collect(),
        entities,
        mentions,
        facts,
    }
}
