//! The JSON Lines shape of `kg extract`: one object per document, byte spans, entity ids "eN".

use kg_model::{Extraction, PlaceType};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Fields of facts that refer to entities, written as "eN" like the mentions' `entity`.
const ENTITY_REFERENCE_FIELDS: &[&str] = &[
    "person",
    "organization",
    "participants",
    "place",
    "topics",
    "inner",
    "outer",
];

/// The JSON object for one document: `document`, `date`, `sentences`, `entities`, `mentions`
/// (`start`, `end`, `text`, `type`, `entity`) and `facts` (each with its `type`). Keys are
/// written in alphabetical order.
///
/// The document and its mentions (most of the output) are serialised straight from typed
/// fields; entities and facts, which are few, go through `serde_json::Value`.
pub fn extraction_to_json(extraction: &Extraction) -> ExtractionJson<'_> {
    let sentences = extraction
        .sentences
        .iter()
        .map(|s| [s.start, s.end])
        .collect();
    let entities: Vec<Value> = extraction
        .entities
        .iter()
        .map(|entity| {
            let mut object = Map::new();
            object.insert("id".into(), json!(entity.id.to_string()));
            object.insert("type".into(), json!(entity.kind.as_str()));
            if let Some(place_type) = entity.place_type {
                object.insert("place_type".into(), json!(place_type_name(place_type)));
            }
            object.insert("label".into(), json!(entity.label));
            object.insert("key".into(), json!(entity.key));
            if !entity.aliases.is_empty() {
                let aliases: Vec<Value> = entity
                    .aliases
                    .iter()
                    .map(|alias| json!({"text": alias.text, "rule": alias.rule.as_str()}))
                    .collect();
                object.insert("aliases".into(), Value::Array(aliases));
            }
            Value::Object(object)
        })
        .collect();
    let mentions = extraction
        .mentions
        .iter()
        .map(|mention| MentionJson {
            end: mention.span.end,
            entity: mention.entity.to_string(),
            start: mention.span.start,
            text: &mention.text,
            kind: mention.kind.as_str(),
        })
        .collect();
    let facts: Vec<Value> = extraction
        .facts
        .iter()
        .map(|fact| {
            // The model's serde form (tagged by "type") with entity indices written as "eN".
            let mut value = serde_json::to_value(fact).unwrap_or(Value::Null);
            if let Value::Object(object) = &mut value {
                for field in ENTITY_REFERENCE_FIELDS {
                    if let Some(reference) = object.get_mut(*field) {
                        name_entity_references(reference);
                    }
                }
            }
            value
        })
        .collect();
    ExtractionJson {
        date: extraction.date.as_deref(),
        document: &extraction.document,
        entities,
        facts,
        mentions,
        sentences,
    }
}

/// One document of `kg extract`'s JSON Lines (fields in alphabetical order, as written).
#[derive(Debug, Serialize)]
pub struct ExtractionJson<'a> {
    date: Option<&'a str>,
    document: &'a str,
    entities: Vec<Value>,
    facts: Vec<Value>,
    mentions: Vec<MentionJson<'a>>,
    sentences: Vec<[usize; 2]>,
}

/// One mention (fields in alphabetical order, as written).
#[derive(Debug, Serialize)]
struct MentionJson<'a> {
    end: usize,
    entity: String,
    start: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// Rewrites entity indices (a number, or an array of numbers) as "eN".
fn name_entity_references(value: &mut Value) {
    match value {
        Value::Number(number) => {
            if let Some(index) = number.as_u64() {
                *value = Value::String(format!("e{index}"));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(name_entity_references),
        _ => {}
    }
}

fn place_type_name(place_type: PlaceType) -> &'static str {
    match place_type {
        PlaceType::Country => "Country",
        PlaceType::City => "City",
        PlaceType::Other => "Other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kg_model::{Confidence, Entity, EntityId, EntityKind, Fact, HoldsRole, Mention, Span};

    #[test]
    fn mentions_and_facts_use_contract_names() {
        let text = "Foreign Minister Anna Berg of Norway";
        let entity = |id, kind: EntityKind, label: &str| Entity {
            id: EntityId(id),
            kind,
            place_type: None,
            label: label.into(),
            key: label.to_lowercase(),
            aliases: Vec::new(),
        };
        let extraction = Extraction {
            document: "a.txt".into(),
            date: None,
            sentences: vec![Span::new(0, text.len())],
            entities: vec![
                entity(0, EntityKind::Person, "Anna Berg"),
                entity(1, EntityKind::Place, "Norway"),
            ],
            mentions: vec![Mention {
                span: Span::new(17, 26),
                text: "Anna Berg".into(),
                kind: EntityKind::Person,
                entity: EntityId(0),
            }],
            facts: vec![Fact::HoldsRole(HoldsRole {
                person: EntityId(0),
                role: "foreign minister".into(),
                role_text: "Foreign Minister".into(),
                organization: EntityId(1),
                evidence: Span::new(0, 26),
                sentence: 0,
                confidence: Confidence::new(0.9),
                rule: "premodifier".into(),
            })],
        };
        let value = serde_json::to_value(extraction_to_json(&extraction)).unwrap();
        assert_eq!(value["document"], "a.txt");
        assert_eq!(
            value["mentions"][0],
            json!({"start": 17, "end": 26, "text": "Anna Berg", "type": "Person", "entity": "e0"})
        );
        assert_eq!(value["facts"][0]["type"], "HoldsRole");
        assert_eq!(value["facts"][0]["person"], "e0");
        assert_eq!(value["facts"][0]["organization"], "e1");
        assert_eq!(value["facts"][0]["sentence"], 0);
        assert_eq!(value["entities"][1]["id"], "e1");
    }
}
