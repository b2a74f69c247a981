//! `Extraction → quads`: the one place where extracted values become RDF.

use crate::iri;
use crate::order::quad_key;
use crate::vocab::{gaf, kg, nif, org, prov, rdf, rdfs, schema, sem, skos, xsd};
use kg_model::{
    Entity, EntityId, EntityKind, Extraction, Fact, HoldsRole, LocatedIn, Meeting, MergeRule,
    PlaceType, Span,
};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The RDF statements for one document, all in the named graph
/// [`document_iri(&ex.document)`](iri::document_iri), sorted and without duplicates.
///
/// `text` is the document text the extraction's byte spans point into; offsets are converted
/// to Unicode code points here (as NIF counts them). A span that is out of bounds or not on a
/// character boundary cannot be given code-point offsets, so its mention or sentence node is left
/// out rather than written with wrong offsets; facts naming an unknown entity are left out too.
/// Meetings need two distinct participants to be written.
///
/// The last statement added is `<doc> kg:contentHash "sha256:…"`, a hash of all the others,
/// which [`KgStore::load`](crate::KgStore::load) compares to skip unchanged documents.
pub fn extraction_to_quads(ex: &Extraction, text: &str) -> Vec<Quad> {
    let doc = iri::document_iri(&ex.document);
    let mut builder = GraphBuilder {
        ex,
        text,
        offsets: CodePointOffsets::new(text),
        graph: GraphName::NamedNode(doc.clone()),
        doc,
        quads: Vec::new(),
    };
    builder.document();
    builder.sentences();
    builder.entities();
    builder.mentions();
    builder.holds_role_facts();
    builder.meeting_facts();
    builder.located_in_facts();

    // Sorted once, by keys made once: the keys also give the N-Quads lines the hash is over.
    let mut keyed: Vec<(String, Quad)> = builder
        .quads
        .into_iter()
        .map(|quad| (quad_key(quad.as_ref()), quad))
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    let hash = graph_hash(keyed.iter().map(|(key, _)| key.as_str()));
    let hash_quad = Quad::new(
        builder.doc.clone(),
        kg::CONTENT_HASH,
        Literal::new_simple_literal(hash),
        builder.graph,
    );
    let hash_key = quad_key(hash_quad.as_ref());
    let mut quads: Vec<Quad> = keyed.into_iter().map(|(_, quad)| quad).collect();
    // Where the sort would put it (the partition point costs a few keys, not a second sort).
    let at = quads.partition_point(|quad| quad_key(quad.as_ref()) < hash_key);
    if quads.get(at) != Some(&hash_quad) {
        quads.insert(at, hash_quad);
    }
    quads
}

/// The `kg:contentHash` value stored on a document node, if `quads` contain one.
pub(crate) fn content_hash_of(quads: &[Quad]) -> Option<&str> {
    quads.iter().find_map(|quad| match &quad.object {
        Term::Literal(value) if quad.predicate == kg::CONTENT_HASH => Some(value.value()),
        _ => None,
    })
}

/// SHA-256 over the sorted N-Quads lines, given as their sort keys
/// ([`quad_key`]: graph, subject, predicate and object joined by NULs). Because the quads
/// include the full text (`nif:isString`) and every extracted fact, a change in either the text
/// or the extractor's output changes the hash.
fn graph_hash<'k>(sorted_keys: impl Iterator<Item = &'k str>) -> String {
    let mut hasher = Sha256::new();
    for key in sorted_keys {
        // The N-Quads line `s p o g .` of the key `g\0s\0Tp\0o` (T: the rdf:type flag).
        let mut parts = key.splitn(4, '\0');
        let (graph, subject, predicate, object) = (
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
            parts.next().map_or("", |p| p.get(1..).unwrap_or("")),
            parts.next().unwrap_or(""),
        );
        for part in [subject, " ", predicate, " ", object, " ", graph, " .\n"] {
            hasher.update(part.as_bytes());
        }
    }
    let mut out = String::from("sha256:");
    for byte in hasher.finalize() {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Converts UTF-8 byte offsets to code-point offsets, once per document.
pub(crate) struct CodePointOffsets {
    /// Byte offset of every character start, plus the text length at the end.
    boundaries: Vec<usize>,
}

impl CodePointOffsets {
    pub(crate) fn new(text: &str) -> Self {
        let mut boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        boundaries.push(text.len());
        Self { boundaries }
    }

    /// The code-point offset of a byte offset, or `None` when it is not a character boundary.
    pub(crate) fn code_point(&self, byte: usize) -> Option<usize> {
        self.boundaries.binary_search(&byte).ok()
    }

    /// `[begin, end)` of a span in code points, when both ends are boundaries in order.
    pub(crate) fn span(&self, span: Span) -> Option<(usize, usize)> {
        let begin = self.code_point(span.start)?;
        let end = self.code_point(span.end)?;
        (begin <= end).then_some((begin, end))
    }
}

struct GraphBuilder<'a> {
    ex: &'a Extraction,
    text: &'a str,
    offsets: CodePointOffsets,
    doc: NamedNode,
    graph: GraphName,
    quads: Vec<Quad>,
}

impl GraphBuilder<'_> {
    fn add(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        self.quads.push(Quad::new(
            subject.clone(),
            predicate,
            object.into(),
            self.graph.clone(),
        ));
    }

    fn add_type(&mut self, subject: &NamedNode, class: NamedNodeRef<'_>) {
        self.add(subject, rdf::TYPE, class);
    }

    fn entity(&self, id: EntityId) -> Option<(&Entity, NamedNode)> {
        let entity = self.ex.entity(id)?;
        Some((entity, iri::entity_node(entity)))
    }

    /// The sentence node for a sentence index, if that sentence is written.
    fn sentence(&self, index: usize) -> Option<NamedNode> {
        let span = *self.ex.sentences.get(index)?;
        self.offsets.span(span)?;
        Some(iri::sentence_iri(&self.doc, index))
    }

    fn document(&mut self) {
        let doc = self.doc.clone();
        self.add_type(&doc, nif::CONTEXT);
        self.add_type(&doc, prov::ENTITY);
        self.add(&doc, nif::IS_STRING, Literal::from(self.text));
        self.add(
            &doc,
            kg::SOURCE_PATH,
            Literal::from(self.ex.document.as_str()),
        );
        if let Some(date) = &self.ex.date {
            self.add(&doc, schema::DATE_PUBLISHED, date_literal(date));
        }
    }

    fn sentences(&mut self) {
        for index in 0..self.ex.sentences.len() {
            let span = self.ex.sentences[index];
            let (Some((begin, end)), Some(anchor)) =
                (self.offsets.span(span), span.text(self.text))
            else {
                continue;
            };
            let node = iri::sentence_iri(&self.doc, index);
            self.add_type(&node, nif::SENTENCE);
            self.add_offsets(&node, begin, end, anchor);
        }
    }

    fn add_offsets(&mut self, node: &NamedNode, begin: usize, end: usize, anchor: &str) {
        self.add(node, nif::BEGIN_INDEX, index_literal(begin));
        self.add(node, nif::END_INDEX, index_literal(end));
        self.add(node, nif::ANCHOR_OF, Literal::from(anchor));
        let doc = self.doc.clone();
        self.add(node, nif::REFERENCE_CONTEXT, doc);
    }

    fn entities(&mut self) {
        // Whatever employs an office holder is an org:Organization (org:postIn's range), even
        // when it is a country or city; the ORG view and the map view are the same node.
        let ex = self.ex;
        let employers: BTreeSet<EntityId> = ex
            .facts
            .iter()
            .filter_map(|fact| match fact {
                Fact::HoldsRole(f) => Some(f.organization),
                _ => None,
            })
            .collect();
        for entity in &ex.entities {
            let node = iri::entity_node(entity);
            let is_country = entity.place_type == Some(PlaceType::Country);
            match entity.kind {
                EntityKind::Person => self.add_type(&node, schema::PERSON),
                EntityKind::Organization if !is_country => {
                    self.add_type(&node, org::ORGANIZATION);
                    self.add_type(&node, schema::ORGANIZATION);
                }
                EntityKind::Organization | EntityKind::Place => {
                    self.add_type(&node, schema::PLACE);
                    match entity.place_type {
                        Some(PlaceType::Country) => self.add_type(&node, schema::COUNTRY),
                        Some(PlaceType::City) => self.add_type(&node, schema::CITY),
                        Some(PlaceType::Other) | None => {}
                    }
                    if entity.kind == EntityKind::Organization || employers.contains(&entity.id) {
                        self.add_type(&node, org::ORGANIZATION);
                    }
                }
                EntityKind::Topic => {
                    self.add_type(&node, skos::CONCEPT);
                    self.add(
                        &node,
                        skos::PREF_LABEL,
                        Literal::from(entity.label.as_str()),
                    );
                }
            }
            self.add(&node, rdfs::LABEL, Literal::from(entity.label.as_str()));
            for alias in &entity.aliases {
                // "her country" is a reference, not another name: it gets a merge record only.
                let is_name = !matches!(
                    alias.rule,
                    MergeRule::PossessiveCountry | MergeRule::PossessiveParty
                );
                if alias.text != entity.label && is_name {
                    self.add(&node, skos::ALT_LABEL, Literal::from(alias.text.as_str()));
                }
                let rule = alias.rule.as_str();
                let merge = iri::merge_iri(&self.doc, &node, &alias.text, rule);
                self.add(&node, kg::MERGED_FROM, merge.clone());
                self.add_type(&merge, kg::MERGE);
                self.add(&merge, kg::ALIAS, Literal::from(alias.text.as_str()));
                self.add(&merge, kg::MERGE_RULE, Literal::from(rule));
            }
        }
    }

    fn mentions(&mut self) {
        let ex = self.ex;
        for mention in &ex.mentions {
            let Some((_, entity)) = self.entity(mention.entity) else {
                continue;
            };
            let (Some((begin, end)), Some(anchor)) = (
                self.offsets.span(mention.span),
                mention.span.text(self.text),
            ) else {
                continue;
            };
            let node = iri::mention_iri(&self.doc, begin, end);
            self.add(&entity, gaf::DENOTED_BY, node.clone());
            self.add_type(&node, nif::PHRASE);
            self.add_offsets(&node, begin, end, anchor);
            let containing = ex.sentences.iter().position(|s| s.contains(mention.span));
            if let Some(sentence) = containing.and_then(|index| self.sentence(index)) {
                self.add(&node, nif::SENTENCE_PROPERTY, sentence);
            }
        }
    }

    /// One post per (person, role, organisation); when a document states it more than once the
    /// post gathers every sentence, wording and rule, and keeps the highest confidence.
    fn holds_role_facts(&mut self) {
        let ex = self.ex;
        let mut posts: BTreeMap<NamedNode, Vec<&HoldsRole>> = BTreeMap::new();
        let mut parts: BTreeMap<NamedNode, (NamedNode, NamedNode, NamedNode, String)> =
            BTreeMap::new();
        for fact in &ex.facts {
            let Fact::HoldsRole(fact) = fact else {
                continue;
            };
            let (Some((_, person)), Some((_, organization))) =
                (self.entity(fact.person), self.entity(fact.organization))
            else {
                continue;
            };
            let label = if fact.role.trim().is_empty() {
                fact.role_text.trim().to_lowercase()
            } else {
                fact.role.trim().to_owned()
            };
            if label.is_empty() {
                continue;
            }
            let role = iri::role_iri(&label);
            let post = iri::post_iri(&self.doc, &person, &role, &organization);
            posts.entry(post.clone()).or_default().push(fact);
            parts.insert(post, (person, role, organization, label));
        }
        for (post, facts) in posts {
            let (person, role, organization, label) = &parts[&post];
            self.add(person, org::HOLDS, post.clone());
            self.add(&post, org::HELD_BY, person.clone());
            self.add(organization, org::HAS_POST, post.clone());
            self.add(&post, org::POST_IN, organization.clone());
            self.add_type(&post, org::POST);
            self.add(&post, org::ROLE_PROPERTY, role.clone());
            self.add_type(role, org::ROLE);
            self.add(role, skos::PREF_LABEL, Literal::from(label.as_str()));
            self.add(role, rdfs::LABEL, Literal::from(label.as_str()));
            let mut confidence = 0.0_f32;
            for fact in facts {
                self.add(&post, kg::ROLE_TEXT, Literal::from(fact.role_text.as_str()));
                if !fact.rule.is_empty() {
                    self.add(
                        &post,
                        kg::EXTRACTION_RULE,
                        Literal::from(fact.rule.as_str()),
                    );
                }
                if let Some(sentence) = self.sentence(fact.sentence) {
                    self.add(&post, prov::WAS_DERIVED_FROM, sentence);
                }
                confidence = confidence.max(fact.confidence.value());
            }
            self.add(&post, kg::CONFIDENCE, confidence_literal(confidence));
        }
    }

    /// One meeting node per (participants, place, time); repeated statements of the same meeting
    /// are merged like posts.
    fn meeting_facts(&mut self) {
        let ex = self.ex;
        let mut meetings: BTreeMap<NamedNode, Vec<(&Meeting, Vec<NamedNode>)>> = BTreeMap::new();
        for fact in &ex.facts {
            let Fact::Meeting(fact) = fact else {
                continue;
            };
            let mut participants: Vec<NamedNode> = fact
                .participants
                .iter()
                .filter_map(|id| self.entity(*id).map(|(_, node)| node))
                .collect();
            participants.sort_unstable();
            participants.dedup();
            // A meeting takes two sides (ontology/shapes.ttl requires two sem:hasActor).
            if participants.len() < 2 {
                continue;
            }
            let place = fact
                .place
                .and_then(|id| self.entity(id))
                .map(|(_, node)| node);
            let time = fact
                .time
                .as_ref()
                .map(|time| time.date.as_deref().unwrap_or(&time.text));
            let meeting = iri::meeting_iri(&self.doc, &participants, place.as_ref(), time);
            meetings
                .entry(meeting)
                .or_default()
                .push((fact, participants));
        }
        for (meeting, facts) in meetings {
            self.add_type(&meeting, sem::EVENT);
            self.add(&meeting, sem::EVENT_TYPE_PROPERTY, kg::MEETING);
            let mut confidence = 0.0_f32;
            for (fact, participants) in facts {
                for participant in participants {
                    self.add(&meeting, sem::HAS_ACTOR, participant);
                }
                if let Some((_, place)) = fact.place.and_then(|id| self.entity(id)) {
                    self.add(&meeting, sem::HAS_PLACE, place);
                }
                if let Some(time) = &fact.time {
                    self.add(&meeting, kg::TIME_TEXT, Literal::from(time.text.as_str()));
                    if let Some(date) = &time.date {
                        self.add(&meeting, sem::HAS_TIME_STAMP, date_literal(date));
                    }
                }
                for topic in &fact.topics {
                    if let Some((_, topic)) = self.entity(*topic) {
                        self.add(&meeting, kg::DISCUSSES, topic);
                    }
                }
                let sentences =
                    std::iter::once(fact.sentence).chain(fact.topic_sentences.iter().copied());
                for index in sentences {
                    if let Some(sentence) = self.sentence(index) {
                        self.add(&meeting, prov::WAS_DERIVED_FROM, sentence);
                    }
                }
                confidence = confidence.max(fact.confidence.value());
            }
            self.add(&meeting, kg::CONFIDENCE, confidence_literal(confidence));
        }
    }

    /// The containment is stated directly (`schema:containedInPlace` between places,
    /// `schema:location` from anything else), and its sentence and confidence are attached to a
    /// standard `rdf:Statement` reification of that triple. A containment stated more than once
    /// is one statement node with every sentence and the highest confidence, like posts.
    fn located_in_facts(&mut self) {
        let ex = self.ex;
        let mut statements: BTreeMap<NamedNode, (NamedNode, NamedNodeRef<'static>, NamedNode)> =
            BTreeMap::new();
        let mut evidence: BTreeMap<NamedNode, Vec<&LocatedIn>> = BTreeMap::new();
        for fact in &ex.facts {
            let Fact::LocatedIn(fact) = fact else {
                continue;
            };
            let (Some((inner_entity, inner)), Some((_, outer))) =
                (self.entity(fact.inner), self.entity(fact.outer))
            else {
                continue;
            };
            let inner_is_place = inner_entity.kind == EntityKind::Place
                || inner_entity.place_type == Some(PlaceType::Country);
            let predicate = if inner_is_place {
                schema::CONTAINED_IN_PLACE
            } else {
                schema::LOCATION
            };
            let statement = iri::statement_iri(&self.doc, &inner, &predicate.into_owned(), &outer);
            evidence.entry(statement.clone()).or_default().push(fact);
            statements.insert(statement, (inner, predicate, outer));
        }
        for (statement, (inner, predicate, outer)) in statements {
            self.add(&inner, predicate, outer.clone());
            self.add_type(&statement, rdf::STATEMENT);
            self.add(&statement, rdf::SUBJECT, inner);
            self.add(&statement, rdf::PREDICATE, predicate);
            self.add(&statement, rdf::OBJECT, outer);
            let mut confidence = 0.0_f32;
            for fact in &evidence[&statement] {
                if let Some(sentence) = self.sentence(fact.sentence) {
                    self.add(&statement, prov::WAS_DERIVED_FROM, sentence);
                }
                confidence = confidence.max(fact.confidence.value());
            }
            self.add(&statement, kg::CONFIDENCE, confidence_literal(confidence));
        }
    }
}

fn index_literal(index: usize) -> Literal {
    Literal::new_typed_literal(index.to_string(), xsd::NON_NEGATIVE_INTEGER)
}

/// Four decimal places are more than any rule's confidence means, and rounding hides float
/// noise (0.90000004). The text is written the way oxigraph canonicalises decimals ("0.9",
/// "1", "0"), so a literal reads back from the store exactly as it went in.
fn confidence_literal(value: f32) -> Literal {
    Literal::new_typed_literal(confidence_text(value), xsd::DECIMAL)
}

/// The lexical form of [`confidence_literal`].
pub(crate) fn confidence_text(value: f32) -> String {
    if value > 0.0 {
        let fixed = format!("{value:.4}");
        fixed.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        "0".to_owned()
    }
}

/// An `xsd:date` for a well-formed `YYYY-MM-DD`; anything else stays a plain string, because a
/// typed literal with a bad lexical form would break date comparisons in queries.
fn date_literal(date: &str) -> Literal {
    if is_calendar_date(date) {
        Literal::new_typed_literal(date, xsd::DATE)
    } else {
        Literal::from(date)
    }
}

fn is_calendar_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = date.get(range)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_count_characters_not_bytes() {
        let text = "Kalın met Zoë in Türkiye.";
        let offsets = CodePointOffsets::new(text);
        let start = text.find("Zoë").unwrap();
        let end = start + "Zoë".len();
        assert_eq!(offsets.span(Span::new(start, end)), Some((10, 13)));
        assert_eq!(offsets.code_point(text.len()), Some(text.chars().count()));
        // Inside the two bytes of "ı".
        assert_eq!(offsets.code_point(4), None);
        assert_eq!(offsets.code_point(text.len() + 1), None);
        assert_eq!(offsets.span(Span::new(5, 2)), None);
    }

    #[test]
    fn dates_are_typed_only_when_valid() {
        assert_eq!(date_literal("2024-02-29").datatype(), xsd::DATE);
        assert_eq!(date_literal("2023-02-29").datatype(), xsd::STRING);
        assert_eq!(date_literal("2025-13-01").datatype(), xsd::STRING);
        assert_eq!(date_literal("on Thursday").datatype(), xsd::STRING);
        assert_eq!(date_literal("+025-11-27").datatype(), xsd::STRING);
    }

    #[test]
    fn confidences_are_short_decimals() {
        assert_eq!(confidence_literal(0.9).value(), "0.9");
        assert_eq!(confidence_literal(1.0).value(), "1");
        assert_eq!(confidence_literal(0.0).value(), "0");
        assert_eq!(confidence_literal(-0.0).value(), "0");
        assert_eq!(confidence_literal(0.95).value(), "0.95");
        assert_eq!(confidence_literal(0.3 * 3.0).value(), "0.9");
        assert_eq!(confidence_literal(0.000_01).value(), "0");
    }
}
