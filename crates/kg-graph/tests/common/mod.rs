//! A hand-built extraction of a short article, shared by the integration tests.

#![allow(dead_code)]

use kg_model::{
    Alias, Confidence, Entity, EntityId, EntityKind, Extraction, Fact, HoldsRole, LocatedIn,
    Meeting, Mention, MergeRule, PlaceType, Span, TimeRef,
};

pub const TEXT: &str =
    "Türkiye's intelligence chief, Ibrahim Kalın, met Zoë Brand in Ankara on Thursday. \
They discussed regional stability. \
Turkish Foreign Minister Hakan Fidan also attended.";

/// The byte span of the `nth` (0-based) occurrence of `needle`.
pub fn span_of(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in text"))
        .0;
    Span::new(start, start + needle.len())
}

/// Code-point offsets of a byte span, computed independently of kg-graph.
pub fn code_points(text: &str, span: Span) -> (usize, usize) {
    (
        text[..span.start].chars().count(),
        text[..span.end].chars().count(),
    )
}

fn entity(
    id: usize,
    kind: EntityKind,
    place_type: Option<PlaceType>,
    label: &str,
    key: &str,
) -> Entity {
    Entity {
        id: EntityId(id),
        kind,
        place_type,
        label: label.into(),
        key: key.into(),
        aliases: vec![],
    }
}

/// Sentences are split at ". " (the test text has no other periods).
pub fn sentences(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        spans.push(Span::new(start, i + 1));
        start = i + 2;
    }
    spans.push(Span::new(start, text.len()));
    spans
}

pub const KALIN: EntityId = EntityId(0);
pub const TURKIYE: EntityId = EntityId(1);
pub const ZOE: EntityId = EntityId(2);
pub const ANKARA: EntityId = EntityId(3);
pub const STABILITY: EntityId = EntityId(4);
pub const FIDAN: EntityId = EntityId(5);

/// The extraction of [`TEXT`] (or of a text that starts the same way) as document `doc`.
pub fn extraction(doc: &str, text: &str) -> Extraction {
    let mut turkiye = entity(
        1,
        EntityKind::Place,
        Some(PlaceType::Country),
        "Türkiye",
        "turkiye",
    );
    turkiye.aliases.push(Alias {
        text: "Turkish".into(),
        rule: MergeRule::CountryAlias,
    });
    let entities = vec![
        entity(
            0,
            EntityKind::Person,
            None,
            "Ibrahim Kalın",
            "ibrahim kalin",
        ),
        turkiye,
        entity(2, EntityKind::Person, None, "Zoë Brand", "zoe brand"),
        entity(
            3,
            EntityKind::Place,
            Some(PlaceType::City),
            "Ankara",
            "ankara",
        ),
        entity(
            4,
            EntityKind::Topic,
            None,
            "regional stability",
            "regional stability",
        ),
        entity(5, EntityKind::Person, None, "Hakan Fidan", "hakan fidan"),
    ];
    let mention = |needle: &str, entity: EntityId, kind: EntityKind| Mention {
        span: span_of(text, needle, 0),
        text: needle.into(),
        kind,
        entity,
    };
    let mut mentions = vec![
        mention("Türkiye", TURKIYE, EntityKind::Place),
        mention("Ibrahim Kalın", KALIN, EntityKind::Person),
        mention("Zoë Brand", ZOE, EntityKind::Person),
        mention("Ankara", ANKARA, EntityKind::Place),
        mention("regional stability", STABILITY, EntityKind::Topic),
        mention("Turkish", TURKIYE, EntityKind::Place),
        mention("Hakan Fidan", FIDAN, EntityKind::Person),
    ];
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let facts = vec![
        Fact::HoldsRole(HoldsRole {
            person: KALIN,
            role: "intelligence chief".into(),
            role_text: "intelligence chief".into(),
            organization: TURKIYE,
            evidence: span_of(text, "Türkiye's intelligence chief, Ibrahim Kalın", 0),
            sentence: 0,
            confidence: Confidence::new(0.9),
            rule: "possessive".into(),
        }),
        Fact::Meeting(Meeting {
            participants: vec![KALIN, ZOE],
            place: Some(ANKARA),
            time: Some(TimeRef {
                text: "on Thursday".into(),
                span: span_of(text, "on Thursday", 0),
                date: Some("2025-11-27".into()),
            }),
            topics: vec![STABILITY],
            trigger: span_of(text, "met", 0),
            sentence: 0,
            topic_sentences: vec![1],
            confidence: Confidence::new(0.8),
        }),
        Fact::LocatedIn(LocatedIn {
            inner: ANKARA,
            outer: TURKIYE,
            evidence: span_of(text, "in Ankara", 0),
            sentence: 0,
            confidence: Confidence::new(0.6),
        }),
        Fact::HoldsRole(HoldsRole {
            person: FIDAN,
            role: "foreign minister".into(),
            role_text: "Foreign Minister".into(),
            organization: TURKIYE,
            evidence: span_of(text, "Turkish Foreign Minister Hakan Fidan", 0),
            sentence: 2,
            confidence: Confidence::new(0.95),
            rule: "demonym".into(),
        }),
    ];
    Extraction {
        document: doc.into(),
        date: Some("2025-11-28".into()),
        sentences: sentences(text),
        entities,
        mentions,
        facts,
    }
}

/// A second article that shares Hakan Fidan (same key) with the first.
pub const OTHER_TEXT: &str = "Hakan Fidan met \"Rustem\\Umerov\" in Istanbul.";

pub fn other_extraction(doc: &str) -> Extraction {
    let text = OTHER_TEXT;
    let entities = vec![
        entity(0, EntityKind::Person, None, "Hakan Fidan", "hakan fidan"),
        entity(
            1,
            EntityKind::Person,
            None,
            "Rustem\\Umerov\"",
            "rustem umerov",
        ),
        entity(
            2,
            EntityKind::Place,
            Some(PlaceType::City),
            "Istanbul",
            "istanbul",
        ),
    ];
    let mentions = vec![
        Mention {
            span: span_of(text, "Hakan Fidan", 0),
            text: "Hakan Fidan".into(),
            kind: EntityKind::Person,
            entity: EntityId(0),
        },
        Mention {
            span: span_of(text, "Rustem\\Umerov", 0),
            text: "Rustem\\Umerov".into(),
            kind: EntityKind::Person,
            entity: EntityId(1),
        },
        Mention {
            span: span_of(text, "Istanbul", 0),
            text: "Istanbul".into(),
            kind: EntityKind::Place,
            entity: EntityId(2),
        },
    ];
    let facts = vec![Fact::Meeting(Meeting {
        participants: vec![EntityId(0), EntityId(1)],
        place: Some(EntityId(2)),
        time: None,
        topics: vec![],
        trigger: span_of(text, "met", 0),
        sentence: 0,
        topic_sentences: vec![],
        confidence: Confidence::new(0.7),
    })];
    Extraction {
        document: doc.into(),
        date: None,
        sentences: vec![Span::new(0, text.len())],
        entities,
        mentions,
        facts,
    }
}
