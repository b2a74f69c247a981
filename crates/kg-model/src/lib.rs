//! Shared value types of kg.
//!
//! `kg-extract` produces an [`Extraction`] from a [`Document`]; `kg-graph` turns it into RDF.
//! Nothing here knows about RDF, files or printing. Every position is a [`Span`]: a half-open
//! UTF-8 byte range into the document text that is never adjusted after it is created.

pub mod fold;

use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open byte range `[start, end)` into a document's UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The text the span covers, or `None` when it is out of bounds or not on char boundaries.
    pub fn text<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies entirely inside this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// One input text with its identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The document's identity: its path as given on the command line (or `-` for stdin).
    pub id: String,
    /// The full text, UTF-8.
    pub text: String,
    /// The publication date (`YYYY-MM-DD`) when the caller knows it; otherwise the extractor
    /// looks for a dateline in the text.
    pub date: Option<String>,
}

impl Document {
    /// A document without a known date.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            text: text.into(),
            date: None,
        }
    }

    /// The same document with a known publication date (`YYYY-MM-DD`).
    #[must_use]
    pub fn with_date(mut self, date: impl Into<String>) -> Self {
        self.date = Some(date.into());
        self
    }
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    /// A human being.
    Person,
    /// A company, ministry, council, party, club, agency or other body (a state acting as an
    /// employer of an office is a Place of subtype Country, and also an organisation in the graph).
    Organization,
    /// A geographic or political place.
    Place,
    /// A subject that is discussed (a SKOS concept in the graph).
    Topic,
}

impl EntityKind {
    /// The name used in JSON output and in the corpus mapping.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Person => "Person",
            Self::Organization => "Organization",
            Self::Place => "Place",
            Self::Topic => "Topic",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finer type for places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PlaceType {
    /// A sovereign state (also acts as an organisation that employs office holders).
    Country,
    /// A city or town.
    City,
    /// Any other place (region, province, body of water …).
    Other,
}

/// Index of an entity inside one [`Extraction`].
/// In JSON it is written `"e3"`, as the corpus writes entity ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub usize);

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "e{}", self.0)
    }
}

impl Serialize for EntityId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EntityId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.strip_prefix('e')
            .and_then(|n| n.parse().ok())
            .map(EntityId)
            .ok_or_else(|| {
                serde::de::Error::custom(format!("entity id {text:?} is not of the form e<number>"))
            })
    }
}

/// A stretch of text that refers to an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Where the mention is (bytes); written as `"start"`/`"end"` in JSON.
    #[serde(flatten)]
    pub span: Span,
    /// The covered text, equal to `text[span]`.
    pub text: String,
    /// The entity's kind; written as `"type"` in JSON.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The entity it refers to.
    pub entity: EntityId,
}

/// Why two differently written mentions were taken as one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MergeRule {
    /// Only the surname was written; it matches the surname of a full name in the same document.
    Surname,
    /// A country written as an alternative name or a demonym ("Turkey", "Turkish" for Türkiye).
    CountryAlias,
    /// An acronym defined by, or formed from the initials of, a longer name.
    Acronym,
    /// "his country", "her country": the country of the person's other offices.
    PossessiveCountry,
    /// "his party", "her party": the party of the person's other offices.
    PossessiveParty,
    /// An organisation's name without its last words ("Riverside Athletic" for "Riverside
    /// Athletic Football Club"), the full name written in the same document.
    ShortName,
}

impl MergeRule {
    /// A short machine name for the rule.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Surname => "surname",
            Self::CountryAlias => "country-alias",
            Self::Acronym => "acronym",
            Self::PossessiveCountry => "possessive-country",
            Self::PossessiveParty => "possessive-party",
            Self::ShortName => "short-name",
        }
    }
}

/// A surface form that was merged into an entity under a rule other than exact spelling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// The surface form as written.
    pub text: String,
    /// The rule that merged it.
    pub rule: MergeRule,
}

/// One real-world thing mentioned in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Its index in [`Extraction::entities`].
    pub id: EntityId,
    /// What it is.
    pub kind: EntityKind,
    /// A finer type for places (countries also employ office holders).
    pub place_type: Option<PlaceType>,
    /// The preferred label ("Ibrahim Kalın", "Türkiye", "regional stability").
    pub label: String,
    /// The normalised identity key (lower case, no diacritics, canonical country name):
    /// the same key in two documents means the same entity.
    pub key: String,
    /// Surface forms merged under a rule other than plain spelling.
    pub aliases: Vec<Alias>,
}

/// How sure the extractor is, in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Confidence(f32);

impl Confidence {
    /// A confidence clamped to `[0, 1]` (NaN becomes 0).
    pub fn new(value: f32) -> Self {
        if value.is_nan() {
            Self(0.0)
        } else {
            Self(value.clamp(0.0, 1.0))
        }
    }

    /// The value in `[0, 1]`.
    pub const fn value(self) -> f32 {
        self.0
    }
}

/// A person holds a role (an office) in an organisation: W3C ORG's `org:Post`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoldsRole {
    /// The office holder.
    pub person: EntityId,
    /// Canonical role label, lower case ("foreign minister").
    pub role: String,
    /// The role as written ("Foreign Minister").
    pub role_text: String,
    /// The organisation (or country) the office belongs to.
    pub organization: EntityId,
    /// The words that state the fact.
    pub evidence: Span,
    /// Index into [`Extraction::sentences`].
    pub sentence: usize,
    /// How sure the rule is.
    pub confidence: Confidence,
    /// The name of the pattern that found it ("premodifier", "possessive", …).
    pub rule: String,
}

/// A time expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRef {
    /// The phrase as written ("on Thursday").
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// The resolved calendar date (`YYYY-MM-DD`) when the document has a date to resolve against.
    pub date: Option<String>,
}

/// A meeting between two or more participants (SEM event of type meeting).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    /// Who took part (people, or organisations/countries when no person is named).
    pub participants: Vec<EntityId>,
    /// Where it happened.
    pub place: Option<EntityId>,
    /// When it happened.
    pub time: Option<TimeRef>,
    /// Topic entities discussed.
    pub topics: Vec<EntityId>,
    /// The words that introduce the meeting ("met with").
    pub trigger: Span,
    /// Index into [`Extraction::sentences`] of the sentence that introduces it.
    pub sentence: usize,
    /// Sentences that add topics to it.
    pub topic_sentences: Vec<usize>,
    /// How sure the rule is.
    pub confidence: Confidence,
}

/// A place is inside another place ("Ankara" in "Türkiye").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocatedIn {
    /// The contained place or organisation.
    pub inner: EntityId,
    /// The containing place.
    pub outer: EntityId,
    /// The words that state the fact.
    pub evidence: Span,
    /// Index into [`Extraction::sentences`].
    pub sentence: usize,
    /// How sure the rule is.
    pub confidence: Confidence,
}

/// A statement extracted from text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Fact {
    /// Person – holds role – office in organisation.
    HoldsRole(HoldsRole),
    /// Meeting with participants, place, time and topics.
    Meeting(Meeting),
    /// An organisation or place belongs to a country or place.
    LocatedIn(LocatedIn),
}

impl Fact {
    /// The sentence the fact comes from.
    pub fn sentence(&self) -> usize {
        match self {
            Fact::HoldsRole(f) => f.sentence,
            Fact::Meeting(f) => f.sentence,
            Fact::LocatedIn(f) => f.sentence,
        }
    }

    /// The confidence of the fact.
    pub fn confidence(&self) -> Confidence {
        match self {
            Fact::HoldsRole(f) => f.confidence,
            Fact::Meeting(f) => f.confidence,
            Fact::LocatedIn(f) => f.confidence,
        }
    }
}

/// Everything the extractor found in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The document's identity (its path).
    pub document: String,
    /// The publication date used to resolve relative dates, if any.
    pub date: Option<String>,
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    /// Entities, indexed by [`EntityId`].
    pub entities: Vec<Entity>,
    /// Mentions, sorted by start then end descending.
    pub mentions: Vec<Mention>,
    /// Facts in text order.
    pub facts: Vec<Fact>,
}

impl Extraction {
    /// The entity with this id.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.0)
    }

    /// Mentions of one entity.
    pub fn mentions_of(&self, id: EntityId) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(move |m| m.entity == id)
    }
}
