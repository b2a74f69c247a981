//! `kg eval`: named-entity precision, recall and F1 against a gold corpus in the JSON Lines
//! format of `../shared/corpus` (GUM and Re-DocRED), per type and micro-averaged, with exact
//! spans and with overlapping spans.

use kg_extract::Extractor;
use kg_model::{Document, EntityKind, Extraction};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::BufRead;

/// One gold document (unknown fields are ignored).
#[derive(Debug, Deserialize)]
pub struct GoldDocument {
    /// Unique id.
    pub id: String,
    /// GUM genre or "wikipedia".
    #[serde(default)]
    pub genre: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// The text.
    pub text: String,
    /// Gold mentions.
    #[serde(default)]
    pub mentions: Vec<GoldMention>,
    /// Gold relations between entity clusters (Re-DocRED).
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
}

/// One gold relation.
#[derive(Debug, Deserialize)]
pub struct GoldRelation {
    /// Head entity cluster id.
    pub head: String,
    /// Tail entity cluster id.
    pub tail: String,
    /// Wikidata property ("P39").
    pub property: String,
}

/// One gold mention.
#[derive(Debug, Deserialize)]
pub struct GoldMention {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// GUM or DocRED type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Whether it is a proper-name mention.
    #[serde(default)]
    pub named: bool,
    /// Coreference cluster id.
    #[serde(default)]
    pub entity: String,
}

/// The Wikidata properties a role fact (person – role – organisation) can stand for: position
/// held (the tail is the office, found in the role's words), employer, party, member of.
pub const ROLE_PROPERTIES: &[&str] = &["P39", "P108", "P102", "P463"];

/// The kg kind a corpus type maps to (GUM lower-case types, DocRED upper-case ones).
pub fn map_gold_type(kind: &str) -> Option<EntityKind> {
    match kind {
        "person" | "PER" => Some(EntityKind::Person),
        "organization" | "ORG" => Some(EntityKind::Organization),
        "place" | "LOC" => Some(EntityKind::Place),
        _ => None,
    }
}

/// Counts for one type.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Predicted mentions matched to gold ones.
    pub true_positives: usize,
    /// Predicted mentions.
    pub predicted: usize,
    /// Gold mentions.
    pub gold: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }

    /// Precision, recall, F1.
    #[allow(clippy::cast_precision_loss)]
    pub fn prf(self) -> (f64, f64, f64) {
        let p = if self.predicted == 0 {
            0.0
        } else {
            self.true_positives as f64 / self.predicted as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.true_positives as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// Scores of a whole run, by type name and matching mode ("exact", "overlap").
#[derive(Debug, Default, serde::Serialize)]
pub struct Scores {
    /// Documents scored.
    pub documents: usize,
    /// `mode → type → counts`, plus a `micro` type.
    pub counts: BTreeMap<String, BTreeMap<String, Counts>>,
    /// Role facts against gold relations, by property and `any` (all of [`ROLE_PROPERTIES`]):
    /// `predicted` counts role facts (the same for every property), `gold` the gold relations,
    /// `true_positives` the gold relations some role fact matches (for `any`: the role facts
    /// that match some gold relation, so its precision is meaningful).
    pub relations: BTreeMap<String, Counts>,
}

/// Score role facts against gold relations of [`ROLE_PROPERTIES`]. A fact matches a relation
/// when one of the person's mentions overlaps a mention of the relation's head and, for
/// employer/party/member-of, one of the organisation's mentions overlaps a tail mention; for
/// position held, a tail mention overlaps the fact's words other than the person's name.
pub fn score_relations(
    ex: &Extraction,
    doc: &GoldDocument,
    relations: &mut BTreeMap<String, Counts>,
) {
    let spans_of = |entity: kg_model::EntityId| -> Vec<(usize, usize)> {
        ex.mentions
            .iter()
            .filter(|m| m.entity == entity)
            .map(|m| (m.span.start, m.span.end))
            .collect()
    };
    let gold_spans = |cluster: &str| -> Vec<(usize, usize)> {
        doc.mentions
            .iter()
            .filter(|m| m.entity == cluster)
            .map(|m| (m.start, m.end))
            .collect()
    };
    let overlaps = |a: &[(usize, usize)], b: &[(usize, usize)]| {
        a.iter().any(|x| b.iter().any(|y| x.0 < y.1 && y.0 < x.1))
    };
    // Per role fact: the person's mention spans, the organisation's, and the office's words.
    let facts: Vec<[Vec<(usize, usize)>; 3]> = ex
        .facts
        .iter()
        .filter_map(|f| match f {
            kg_model::Fact::HoldsRole(h) => {
                let person = spans_of(h.person);
                // The fact's words without the person's own name: the office.
                let office: Vec<(usize, usize)> = person
                    .iter()
                    .filter(|p| h.evidence.start <= p.0 && p.1 <= h.evidence.end)
                    .flat_map(|p| [(h.evidence.start, p.0), (p.1, h.evidence.end)])
                    .filter(|(a, b)| a < b)
                    .collect();
                let office = if office.is_empty() {
                    vec![(h.evidence.start, h.evidence.end)]
                } else {
                    office
                };
                Some([person, spans_of(h.organization), office])
            }
            _ => None,
        })
        .collect();
    let mut fact_matched = vec![false; facts.len()];
    for property in ROLE_PROPERTIES {
        let gold: Vec<&GoldRelation> = doc
            .relations
            .iter()
            .filter(|r| r.property == *property)
            .collect();
        let mut c = Counts {
            true_positives: 0,
            predicted: facts.len(),
            gold: gold.len(),
        };
        for r in gold {
            let (head, tail) = (gold_spans(&r.head), gold_spans(&r.tail));
            let mut hit = false;
            for (i, [person, org, office]) in facts.iter().enumerate() {
                let tail_ok = if *property == "P39" {
                    overlaps(office, &tail)
                } else {
                    overlaps(org, &tail)
                };
                if overlaps(person, &head) && tail_ok {
                    fact_matched[i] = true;
                    hit = true;
                }
            }
            c.true_positives += usize::from(hit);
        }
        relations.entry((*property).to_string()).or_default().add(c);
    }
    let any = Counts {
        true_positives: fact_matched.iter().filter(|m| **m).count(),
        predicted: facts.len(),
        gold: doc
            .relations
            .iter()
            .filter(|r| ROLE_PROPERTIES.contains(&r.property.as_str()))
            .count(),
    };
    relations.entry("any".to_string()).or_default().add(any);
}

type Spans = Vec<(usize, usize, EntityKind)>;

/// Predicted named mentions of the wanted kinds: written with a capital letter after an optional
/// "the " (so that "his country" resolved to a country does not count as a name, and "the
/// United Nations" does).
pub fn predicted_spans(ex: &Extraction, text: &str, kinds: &[EntityKind]) -> Spans {
    let mut spans: Spans = ex
        .mentions
        .iter()
        .filter(|m| kinds.contains(&m.kind))
        .filter(|m| {
            text.get(m.span.start..m.span.end)
                .map(|t| t.strip_prefix("the ").unwrap_or(t))
                .and_then(|t| t.chars().next())
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .map(|m| (m.span.start, m.span.end, m.kind))
        .collect();
    spans.sort_unstable_by_key(|s| (s.0, s.1, s.2));
    spans.dedup();
    spans
}

/// Gold named mentions of the wanted kinds.
pub fn gold_spans(doc: &GoldDocument, kinds: &[EntityKind]) -> Spans {
    let mut spans: Spans = doc
        .mentions
        .iter()
        .filter(|m| m.named)
        .filter_map(|m| {
            map_gold_type(&m.kind)
                .filter(|k| kinds.contains(k))
                .map(|k| (m.start, m.end, k))
        })
        .collect();
    spans.sort_unstable_by_key(|s| (s.0, s.1, s.2));
    spans.dedup();
    spans
}

/// Match predicted to gold one-to-one: exact (same span and type) or overlapping (same type,
/// spans share a byte). Overlapping pairs are taken greedily by decreasing shared bytes (on ties
/// exact spans first, then by gold and predicted start), as `scripts/ner_vs_spacy.py` scores.
/// Returns true positives per kind.
pub fn match_spans(predicted: &Spans, gold: &Spans, overlap: bool) -> BTreeMap<EntityKind, usize> {
    let mut pairs = Vec::new();
    for (i, &(s, e, k)) in predicted.iter().enumerate() {
        for (j, &(gs, ge, gk)) in gold.iter().enumerate() {
            let shared = e.min(ge).saturating_sub(s.max(gs));
            let exact = s == gs && e == ge;
            if gk == k && (exact || (overlap && shared > 0)) {
                pairs.push((std::cmp::Reverse(shared), !exact, gs, s, i, j));
            }
        }
    }
    pairs.sort_unstable();
    let (mut used_p, mut used_g) = (vec![false; predicted.len()], vec![false; gold.len()]);
    let mut tp = BTreeMap::new();
    for (.., i, j) in pairs {
        if !used_p[i] && !used_g[j] {
            used_p[i] = true;
            used_g[j] = true;
            *tp.entry(predicted[i].2).or_insert(0) += 1;
        }
    }
    tp
}

/// Options of a run.
pub struct EvalOptions {
    /// Kinds to score.
    pub kinds: Vec<EntityKind>,
    /// Only documents of this genre.
    pub genre: Option<String>,
    /// Only documents whose id is in this list (when given).
    pub only_ids: Option<Vec<String>>,
    /// Leave out documents whose id is in this list.
    pub skip_ids: Vec<String>,
}

/// Score every document of a gold JSON Lines stream.
pub fn evaluate(
    reader: impl BufRead,
    source: &str,
    extractor: &Extractor,
    options: &EvalOptions,
) -> anyhow::Result<Scores> {
    let mut scores = Scores::default();
    for (n, line) in reader.lines().enumerate() {
        let line =
            line.map_err(|e| anyhow::anyhow!("{source}: cannot read line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: GoldDocument = serde_json::from_str(&line)
            .map_err(|e| anyhow::anyhow!("{source}: line {} is not a gold document: {e}", n + 1))?;
        if options
            .genre
            .as_ref()
            .is_some_and(|g| doc.genre.as_ref() != Some(g))
            || options
                .only_ids
                .as_ref()
                .is_some_and(|ids| !ids.contains(&doc.id))
            || options.skip_ids.contains(&doc.id)
        {
            continue;
        }
        let mut input = Document::new(doc.id.clone(), doc.text.clone());
        input.date.clone_from(&doc.date);
        let ex = extractor.extract(&input);
        let predicted = predicted_spans(&ex, &doc.text, &options.kinds);
        let gold = gold_spans(&doc, &options.kinds);
        for (mode, overlap) in [("exact", false), ("overlap", true)] {
            let tp = match_spans(&predicted, &gold, overlap);
            let by_type = scores.counts.entry(mode.to_string()).or_default();
            for &kind in &options.kinds {
                let c = Counts {
                    true_positives: tp.get(&kind).copied().unwrap_or(0),
                    predicted: predicted.iter().filter(|s| s.2 == kind).count(),
                    gold: gold.iter().filter(|s| s.2 == kind).count(),
                };
                by_type.entry(kind.as_str().to_string()).or_default().add(c);
                by_type.entry("micro".to_string()).or_default().add(c);
            }
        }
        score_relations(&ex, &doc, &mut scores.relations);
        scores.documents += 1;
    }
    Ok(scores)
}

/// A plain-text table of the scores.
pub fn table(scores: &Scores) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} documents", scores.documents);
    let _ = writeln!(
        out,
        "{:<8} {:<13} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
        "match", "type", "tp", "pred", "gold", "P", "R", "F1"
    );
    for (mode, by_type) in &scores.counts {
        let mut rows: Vec<_> = by_type.iter().filter(|(t, _)| *t != "micro").collect();
        rows.extend(by_type.get_key_value("micro"));
        for (kind, c) in rows {
            let (p, r, f) = c.prf();
            let _ = writeln!(
                out,
                "{mode:<8} {kind:<13} {:>6} {:>6} {:>6} {p:>7.3} {r:>7.3} {f:>7.3}",
                c.true_positives, c.predicted, c.gold
            );
        }
    }
    if scores.relations.values().any(|c| c.gold > 0) {
        let _ = writeln!(out, "\nrole facts against gold relations (recall per property; precision of 'any' = facts matching one)");
        let _ = writeln!(
            out,
            "{:<8} {:>6} {:>6} {:>6} {:>7} {:>7}",
            "property", "tp", "facts", "gold", "P", "R"
        );
        for (property, c) in &scores.relations {
            let (p, r, _) = c.prf();
            let precision = if property == "any" {
                format!("{p:>7.3}")
            } else {
                format!("{:>7}", "-")
            };
            let _ = writeln!(
                out,
                "{property:<8} {:>6} {:>6} {:>6} {precision} {r:>7.3}",
                c.true_positives, c.predicted, c.gold
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_overlap_matching() {
        let gold = vec![(0, 10, EntityKind::Person), (20, 26, EntityKind::Place)];
        let predicted = vec![
            (4, 10, EntityKind::Person),
            (20, 26, EntityKind::Place),
            (30, 35, EntityKind::Place),
        ];
        let exact = match_spans(&predicted, &gold, false);
        assert_eq!(exact.get(&EntityKind::Person), None);
        assert_eq!(exact.get(&EntityKind::Place), Some(&1));
        let overlap = match_spans(&predicted, &gold, true);
        assert_eq!(overlap.get(&EntityKind::Person), Some(&1));
        let c = Counts {
            true_positives: 2,
            predicted: 3,
            gold: 2,
        };
        let (p, r, f) = c.prf();
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 1.0).abs() < 1e-9 && (f - 0.8).abs() < 1e-9);
    }

    #[test]
    fn overlapping_pairs_are_matched_by_most_shared_bytes() {
        // Matching in order would give the long prediction the first gold name it touches and
        // leave the short one without a partner; the most shared bytes first matches both.
        let gold = vec![(0, 3, EntityKind::Person), (5, 10, EntityKind::Person)];
        let predicted = vec![(0, 10, EntityKind::Person), (0, 3, EntityKind::Person)];
        let overlap = match_spans(&predicted, &gold, true);
        assert_eq!(overlap.get(&EntityKind::Person), Some(&2));
    }

    #[test]
    fn scores_a_gold_line() {
        let line = r#"{"id":"d1","genre":"news","text":"Foreign Minister Anna Berg met Ivo Lind in Oslo.","mentions":[{"start":17,"end":26,"type":"person","named":true},{"start":31,"end":39,"type":"person","named":true},{"start":43,"end":47,"type":"place","named":true}],"relations":[]}"#;
        let options = EvalOptions {
            kinds: vec![
                EntityKind::Person,
                EntityKind::Organization,
                EntityKind::Place,
            ],
            genre: None,
            only_ids: None,
            skip_ids: Vec::new(),
        };
        let scores = evaluate(line.as_bytes(), "test", &Extractor::new(), &options).unwrap();
        assert_eq!(scores.documents, 1);
        let micro = scores.counts["overlap"]["micro"];
        assert_eq!(micro.gold, 3);
        assert!(micro.true_positives >= 2, "{micro:?}");
        assert!(table(&scores).contains("micro"));
    }
}
