//! `kg explain`: everything the store says about one entity, with where each statement came from.
//!
//! An entity is looked up by an exact IRI (full, `<…>` or prefixed as `person:levent-aydinli`)
//! or by name: its `rdfs:label`s and `skos:altLabel`s are compared with the name folded to lower
//! case without diacritics, so "kalin", "Kalın" and "KALIN" find the same person. The answer
//! gathers the entity's kinds, labels, merge records (alias, rule, document), mentions (document,
//! code-point offsets, text) and the facts it takes part in (posts, meetings, containment), each
//! with the sentences it was derived from and its confidence.
//!
//! Reading goes through the document graphs (never the derived default graph) for anything that
//! belongs to one document, so each mention, merge and fact is reported once, with its document.

use crate::export::PREFIXES;
use crate::iri;
use crate::vocab::{gaf, kg, nif, org, prov, rdf, rdfs, schema, sem, skos};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Term, TermRef,
};
use oxigraph::store::{StorageError, Store};
use std::collections::BTreeSet;

/// Everything the store says about one entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The entity's IRI.
    pub iri: String,
    /// Its classes (`rdf:type` IRIs), sorted.
    pub kinds: Vec<String>,
    /// Its `rdfs:label`s (one per spelling the documents prefer), sorted.
    pub labels: Vec<String>,
    /// Its `skos:altLabel`s (spellings merged into it), sorted.
    pub alt_labels: Vec<String>,
    /// The merge records: which spelling was merged in by which rule, in which document.
    pub merges: Vec<MergeRecord>,
    /// Its mentions, by document and position.
    pub mentions: Vec<MentionRecord>,
    /// The facts it takes part in, by document and position.
    pub facts: Vec<FactRecord>,
}

/// A spelling merged into an entity under a rule other than exact spelling (`kg:Merge`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MergeRecord {
    /// The document (source path) that made the merge.
    pub document: String,
    /// The spelling as written.
    pub alias: String,
    /// The rule that merged it: `surname`, `country-alias`, `acronym`, `possessive-country`, `possessive-party`, `short-name`.
    pub rule: String,
}

/// One mention of an entity (`nif:Phrase`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MentionRecord {
    /// The document (source path).
    pub document: String,
    /// First code point (inclusive), as NIF counts.
    pub begin: usize,
    /// Last code point (exclusive).
    pub end: usize,
    /// The text the mention covers.
    pub text: String,
}

/// A sentence a fact was derived from (`nif:Sentence`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SentenceRecord {
    /// First code point (inclusive).
    pub begin: usize,
    /// Last code point (exclusive).
    pub end: usize,
    /// The sentence text.
    pub text: String,
}

/// A resource named in a fact, with a label to show for it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NodeLabel {
    /// The resource's IRI.
    pub iri: String,
    /// Its label as the fact's own document spells it (the first in sorted order when there are
    /// several), or its IRI's last segment when it has none.
    pub label: String,
}

/// What a fact states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactDetail {
    /// A person holds a post (`org:Post`).
    HoldsRole {
        /// The office holder.
        person: NodeLabel,
        /// The role's label ("foreign minister").
        role: String,
        /// The role as written in the text ("Foreign Minister"), sorted.
        role_texts: Vec<String>,
        /// The organisation (or country) the post is in.
        organization: NodeLabel,
    },
    /// A meeting (`sem:Event` of type `kg:Meeting`).
    Meeting {
        /// Who took part, sorted by label.
        participants: Vec<NodeLabel>,
        /// Where it happened.
        places: Vec<NodeLabel>,
        /// Resolved dates (`sem:hasTimeStamp`).
        dates: Vec<String>,
        /// The time phrases as written ("on Monday").
        time_texts: Vec<String>,
        /// What was discussed, sorted by label.
        topics: Vec<NodeLabel>,
    },
    /// A place or organisation lies in another place (a reified `schema:containedInPlace` or
    /// `schema:location` statement).
    LocatedIn {
        /// The contained place or organisation.
        inner: NodeLabel,
        /// The containing place.
        outer: NodeLabel,
    },
}

/// One fact node, with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct FactRecord {
    /// The fact node's IRI (a post, a meeting or an `rdf:Statement`).
    pub node: String,
    /// The document (source path) that states it.
    pub document: String,
    /// What it states.
    pub detail: FactDetail,
    /// The sentences it was derived from (`prov:wasDerivedFrom`), in text order.
    pub sentences: Vec<SentenceRecord>,
    /// Its `kg:confidence`, when recorded.
    pub confidence: Option<f64>,
    /// The names of the extraction rules that found it (`kg:extractionRule`), sorted.
    pub rules: Vec<String>,
}

/// The classes whose members `kg explain` treats as entities.
const ENTITY_CLASSES: [NamedNodeRef<'static>; 6] = [
    schema::PERSON,
    schema::ORGANIZATION,
    org::ORGANIZATION,
    schema::PLACE,
    skos::CONCEPT,
    org::ROLE,
];

/// Folds a name for comparison: canonical decomposition, combining marks dropped, lower case,
/// the letters that do not decompose (ı, ø, ł, đ, ß, æ, œ, þ) spelt out, typographic
/// apostrophes and dashes made plain, and runs of white space made one space.
///
/// ```
/// assert_eq!(kg_graph::fold_name("  Levent  AYDINLI"), kg_graph::fold_name("Levent Aydınlı"));
/// assert_eq!(kg_graph::fold_name("Türkiye’s"), "turkiye's");
/// ```
pub fn fold_name(name: &str) -> String {
    kg_model::fold::fold(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Expands `prefix:local` with one of kg's [`PREFIXES`] (`person:`, `org:`, …), strips `<…>`,
/// and returns the IRI when the result is an absolute IRI.
fn as_iri(name_or_iri: &str) -> Option<NamedNode> {
    let text = name_or_iri.trim();
    let text = text
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(text);
    if let Some((prefix, local)) = text.split_once(':') {
        if let Some((_, namespace)) = PREFIXES.iter().find(|(name, _)| *name == prefix) {
            if !local.starts_with("//") {
                return NamedNode::new(format!("{namespace}{local}")).ok();
            }
        }
    }
    if text.contains(':') && !text.contains(char::is_whitespace) {
        NamedNode::new(text).ok()
    } else {
        None
    }
}

/// Reads one entity's neighbourhood from the store.
pub(crate) struct Explainer<'a> {
    store: &'a Store,
}

impl<'a> Explainer<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// The entities `name_or_iri` names: the IRI itself when it is an entity in the store,
    /// otherwise every entity with a label or alternative label that folds to the same text.
    pub(crate) fn find(&self, name_or_iri: &str) -> Result<Vec<NamedNode>, StorageError> {
        if let Some(iri) = as_iri(name_or_iri) {
            if self.is_entity(iri.as_ref())? {
                return Ok(vec![iri]);
            }
        }
        let wanted = fold_name(name_or_iri);
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let mut found = BTreeSet::new();
        for predicate in [rdfs::LABEL, skos::ALT_LABEL] {
            for quad in self.default_graph(None, Some(predicate), None) {
                let quad = quad?;
                let (Term::Literal(label), oxigraph::model::NamedOrBlankNode::NamedNode(node)) =
                    (&quad.object, &quad.subject)
                else {
                    continue;
                };
                if fold_name(label.value()) == wanted && self.is_entity(node.as_ref())? {
                    found.insert(node.clone());
                }
            }
        }
        Ok(found.into_iter().collect())
    }

    fn is_entity(&self, node: NamedNodeRef<'_>) -> Result<bool, StorageError> {
        for class in ENTITY_CLASSES {
            if self.store.contains(oxigraph::model::QuadRef::new(
                node,
                rdf::TYPE,
                class,
                GraphNameRef::DefaultGraph,
            ))? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub(crate) fn explain(&self, entity: &NamedNode) -> Result<Explanation, StorageError> {
        let node = entity.as_ref();
        let mut explanation = Explanation {
            iri: entity.as_str().to_owned(),
            kinds: self.iris(node, rdf::TYPE)?,
            labels: self.literals(node, rdfs::LABEL)?,
            alt_labels: self.literals(node, skos::ALT_LABEL)?,
            merges: Vec::new(),
            mentions: Vec::new(),
            facts: Vec::new(),
        };

        for (merge, document) in self.per_document(node, kg::MERGED_FROM)? {
            let merge = merge.as_ref();
            for alias in self.literals(merge, kg::ALIAS)? {
                for rule in self.literals(merge, kg::MERGE_RULE)? {
                    explanation.merges.push(MergeRecord {
                        document: document.clone(),
                        alias: alias.clone(),
                        rule,
                    });
                }
            }
        }
        explanation.merges.sort();
        explanation.merges.dedup();

        for (mention, document) in self.per_document(node, gaf::DENOTED_BY)? {
            if let Some((begin, end, text)) = self.offsets(mention.as_ref())? {
                explanation.mentions.push(MentionRecord {
                    document,
                    begin,
                    end,
                    text,
                });
            }
        }
        explanation.mentions.sort();
        explanation.mentions.dedup();

        let mut fact_nodes = BTreeSet::new();
        for predicate in [org::HELD_BY, org::POST_IN] {
            fact_nodes.extend(self.subjects(predicate, node)?);
        }
        for predicate in [sem::HAS_ACTOR, sem::HAS_PLACE, kg::DISCUSSES] {
            fact_nodes.extend(self.subjects(predicate, node)?);
        }
        for predicate in [rdf::SUBJECT, rdf::OBJECT] {
            fact_nodes.extend(self.subjects(predicate, node)?);
        }
        // A role's facts are the posts of that role.
        fact_nodes.extend(self.subjects(org::ROLE_PROPERTY, node)?);
        for fact in fact_nodes {
            if let Some(record) = self.fact(&fact)? {
                explanation.facts.push(record);
            }
        }
        explanation.facts.sort_by(|a, b| {
            (&a.document, a.sentences.first(), &a.node).cmp(&(
                &b.document,
                b.sentences.first(),
                &b.node,
            ))
        });
        Ok(explanation)
    }

    fn fact(&self, node: &NamedNode) -> Result<Option<FactRecord>, StorageError> {
        let subject = node.as_ref();
        let Some(graph) = self.graph_of(subject)? else {
            return Ok(None);
        };
        let graph = Some(&graph);
        let types = self.iris(subject, rdf::TYPE)?;
        let is = |class: NamedNodeRef<'_>| types.iter().any(|t| t == class.as_str());
        let detail = if is(org::POST) {
            let (Some(person), Some(organization)) = (
                self.first_node(subject, org::HELD_BY)?,
                self.first_node(subject, org::POST_IN)?,
            ) else {
                return Ok(None);
            };
            let role = match self.first_node(subject, org::ROLE_PROPERTY)? {
                Some(role) => self
                    .literals(role.as_ref(), skos::PREF_LABEL)?
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| last_segment(role.as_str()).to_owned()),
                None => String::new(),
            };
            FactDetail::HoldsRole {
                person: self.label(&person, graph)?,
                role,
                role_texts: self.literals(subject, kg::ROLE_TEXT)?,
                organization: self.label(&organization, graph)?,
            }
        } else if is(sem::EVENT) {
            FactDetail::Meeting {
                participants: self.labels_of(subject, sem::HAS_ACTOR, graph)?,
                places: self.labels_of(subject, sem::HAS_PLACE, graph)?,
                dates: self.literals(subject, sem::HAS_TIME_STAMP)?,
                time_texts: self.literals(subject, kg::TIME_TEXT)?,
                topics: self.labels_of(subject, kg::DISCUSSES, graph)?,
            }
        } else if is(rdf::STATEMENT) {
            let (Some(inner), Some(outer)) = (
                self.first_node(subject, rdf::SUBJECT)?,
                self.first_node(subject, rdf::OBJECT)?,
            ) else {
                return Ok(None);
            };
            FactDetail::LocatedIn {
                inner: self.label(&inner, graph)?,
                outer: self.label(&outer, graph)?,
            }
        } else {
            return Ok(None);
        };
        let mut sentences = Vec::new();
        for sentence in self.nodes(subject, prov::WAS_DERIVED_FROM)? {
            if let Some((begin, end, text)) = self.offsets(sentence.as_ref())? {
                sentences.push(SentenceRecord { begin, end, text });
            }
        }
        sentences.sort();
        sentences.dedup();
        let confidence = self
            .literals(subject, kg::CONFIDENCE)?
            .iter()
            .filter_map(|value| value.parse::<f64>().ok())
            .reduce(f64::max);
        Ok(Some(FactRecord {
            node: node.as_str().to_owned(),
            document: graph.map(document_name).unwrap_or_default(),
            detail,
            sentences,
            confidence,
            rules: self.literals(subject, kg::EXTRACTION_RULE)?,
        }))
    }

    /// Quads of the default graph, which is the union of the document graphs.
    fn default_graph(
        &self,
        subject: Option<NamedNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
    ) -> impl Iterator<Item = Result<oxigraph::model::Quad, StorageError>> + 'a {
        self.store.quads_for_pattern(
            subject.map(NamedOrBlankNodeRef::from),
            predicate,
            object,
            Some(GraphNameRef::DefaultGraph),
        )
    }

    fn objects(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<Term>, StorageError> {
        self.default_graph(Some(subject), Some(predicate), None)
            .map(|quad| quad.map(|quad| quad.object))
            .collect()
    }

    fn literals(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<String>, StorageError> {
        let set: BTreeSet<String> = self
            .objects(subject, predicate)?
            .into_iter()
            .filter_map(|term| match term {
                Term::Literal(literal) => Some(literal.value().to_owned()),
                _ => None,
            })
            .collect();
        Ok(set.into_iter().collect())
    }

    fn nodes(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<NamedNode>, StorageError> {
        let set: BTreeSet<NamedNode> = self
            .objects(subject, predicate)?
            .into_iter()
            .filter_map(|term| match term {
                Term::NamedNode(node) => Some(node),
                _ => None,
            })
            .collect();
        Ok(set.into_iter().collect())
    }

    fn iris(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<String>, StorageError> {
        Ok(self
            .nodes(subject, predicate)?
            .into_iter()
            .map(NamedNode::into_string)
            .collect())
    }

    fn first_node(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Option<NamedNode>, StorageError> {
        Ok(self.nodes(subject, predicate)?.into_iter().next())
    }

    fn subjects(
        &self,
        predicate: NamedNodeRef<'_>,
        object: NamedNodeRef<'_>,
    ) -> Result<Vec<NamedNode>, StorageError> {
        self.default_graph(None, Some(predicate), Some(object.into()))
            .filter_map(|quad| match quad {
                Ok(quad) => match quad.subject {
                    oxigraph::model::NamedOrBlankNode::NamedNode(node) => Some(Ok(node)),
                    oxigraph::model::NamedOrBlankNode::BlankNode(_) => None,
                },
                Err(e) => Some(Err(e)),
            })
            .collect()
    }

    /// `(object, document id)` for each document graph that states `subject predicate object`.
    fn per_document(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<(NamedNode, String)>, StorageError> {
        let mut out = Vec::new();
        for quad in self
            .store
            .quads_for_pattern(Some(subject.into()), Some(predicate), None, None)
        {
            let quad = quad?;
            if let (Term::NamedNode(object), GraphName::NamedNode(graph)) =
                (quad.object, quad.graph_name)
            {
                out.push((object, document_name(&graph)));
            }
        }
        Ok(out)
    }

    /// The document graph that types `node` (fact nodes live in exactly one document graph).
    fn graph_of(&self, node: NamedNodeRef<'_>) -> Result<Option<NamedNode>, StorageError> {
        for quad in self
            .store
            .quads_for_pattern(Some(node.into()), Some(rdf::TYPE), None, None)
        {
            if let GraphName::NamedNode(graph) = quad?.graph_name {
                return Ok(Some(graph));
            }
        }
        Ok(None)
    }

    /// `nif:beginIndex`, `nif:endIndex` and `nif:anchorOf` of a string node.
    fn offsets(
        &self,
        node: NamedNodeRef<'_>,
    ) -> Result<Option<(usize, usize, String)>, StorageError> {
        let index = |predicate| -> Result<Option<usize>, StorageError> {
            Ok(self
                .literals(node, predicate)?
                .first()
                .and_then(|value| value.parse().ok()))
        };
        let (Some(begin), Some(end)) = (index(nif::BEGIN_INDEX)?, index(nif::END_INDEX)?) else {
            return Ok(None);
        };
        let text = self
            .literals(node, nif::ANCHOR_OF)?
            .into_iter()
            .next()
            .unwrap_or_default();
        Ok(Some((begin, end, text)))
    }

    /// A label for `node`: the one `graph` gives it when it gives one (so a fact reads with the
    /// spelling of its own document), else the first in sorted order, else its IRI's last segment.
    fn label(
        &self,
        node: &NamedNode,
        graph: Option<&NamedNode>,
    ) -> Result<NodeLabel, StorageError> {
        let mut own = BTreeSet::new();
        if let Some(graph) = graph {
            for quad in self.store.quads_for_pattern(
                Some(node.as_ref().into()),
                Some(rdfs::LABEL),
                None,
                Some(graph.as_ref().into()),
            ) {
                if let Term::Literal(value) = quad?.object {
                    own.insert(value.value().to_owned());
                }
            }
        }
        let label = match own.pop_first() {
            Some(label) => label,
            None => self
                .literals(node.as_ref(), rdfs::LABEL)?
                .into_iter()
                .next()
                .unwrap_or_else(|| last_segment(node.as_str()).to_owned()),
        };
        Ok(NodeLabel {
            iri: node.as_str().to_owned(),
            label,
        })
    }

    fn labels_of(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
        graph: Option<&NamedNode>,
    ) -> Result<Vec<NodeLabel>, StorageError> {
        let mut labels = self
            .nodes(subject, predicate)?
            .iter()
            .map(|node| self.label(node, graph))
            .collect::<Result<Vec<_>, _>>()?;
        labels.sort_by(|a, b| (&a.label, &a.iri).cmp(&(&b.label, &b.iri)));
        Ok(labels)
    }
}

/// A document graph's source path, from its IRI.
fn document_name(graph: &NamedNode) -> String {
    iri::document_id(graph.as_str()).unwrap_or_else(|| graph.as_str().to_owned())
}

fn last_segment(iri: &str) -> &str {
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

/// Writes an IRI with the longest matching prefix of [`PREFIXES`] (`person:levent-aydinli`,
/// `schema:Person`), or whole when none matches or the rest would not be a plain local name.
///
/// ```
/// assert_eq!(kg_graph::compact_iri("https://schema.org/Person"), "schema:Person");
/// assert_eq!(kg_graph::compact_iri("https://example.org/x"), "https://example.org/x");
/// ```
pub fn compact_iri(iri: &str) -> String {
    PREFIXES
        .iter()
        .filter_map(|(name, namespace)| Some((*name, iri.strip_prefix(namespace)?)))
        .filter(|(_, local)| {
            !local.is_empty()
                && local
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '%' | '.'))
                && !local.ends_with('.')
        })
        .min_by_key(|(_, local)| local.len())
        .map_or_else(|| iri.to_owned(), |(name, local)| format!("{name}:{local}"))
}

/// The explanations for every entity `name_or_iri` names (see [`Explainer::find`]).
pub(crate) fn explain(store: &Store, name_or_iri: &str) -> Result<Vec<Explanation>, StorageError> {
    let explainer = Explainer::new(store);
    explainer
        .find(name_or_iri)?
        .iter()
        .map(|entity| explainer.explain(entity))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_case_diacritics_and_spacing() {
        assert_eq!(fold_name("Levent Aydınlı"), "levent aydinli");
        assert_eq!(fold_name("  LEVENT\tAYDINLI "), "levent aydinli");
        assert_eq!(fold_name("Türkiye"), fold_name("turkiye"));
        assert_eq!(fold_name("Zoë Ørsted"), "zoe orsted");
    }

    #[test]
    fn iris_are_recognised_full_bracketed_or_prefixed() {
        let person = "https://w3id.org/kg/id/person/levent-aydinli";
        for given in [
            person.to_owned(),
            format!("<{person}>"),
            "person:levent-aydinli".to_owned(),
        ] {
            assert_eq!(
                as_iri(&given).map(NamedNode::into_string).as_deref(),
                Some(person)
            );
        }
        assert_eq!(as_iri("Levent Aydınlı"), None);
        assert_eq!(as_iri("NERC"), None);
    }

    #[test]
    fn iris_compact_with_the_known_prefixes() {
        assert_eq!(
            compact_iri("https://w3id.org/kg/id/person/levent-aydinli"),
            "person:levent-aydinli"
        );
        assert_eq!(compact_iri("http://www.w3.org/ns/org#Post"), "org:Post");
        assert_eq!(
            compact_iri("https://w3id.org/kg/id/person/"),
            "https://w3id.org/kg/id/person/"
        );
    }
}
