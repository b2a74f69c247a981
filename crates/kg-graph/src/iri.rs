//! Deterministic IRI minting. Only this module makes IRIs for kg's own resources.
//!
//! The scheme (base `https://w3id.org/kg/`):
//!
//! | resource | IRI |
//! |---|---|
//! | person, organisation, place, topic | `https://w3id.org/kg/id/{person,org,place,topic}/{slug of key}` |
//! | role | `https://w3id.org/kg/id/role/{slug of role label}` |
//! | document (also its named graph) | `https://w3id.org/kg/doc/{percent-encoded doc id}` |
//! | sentence | `{doc}#sentence-{index}` |
//! | mention | `{doc}#char={begin},{end}` (code points, RFC 5147 style as NIF uses) |
//! | post | `{doc}#post-{hash of person, role, organisation}` |
//! | meeting | `{doc}#meeting-{hash of participants, place, time}` |
//! | merge record | `{doc}#merge-{hash of entity, alias, rule}` |
//! | reified statement | `{doc}#statement-{hash of subject, predicate, object}` |
//!
//! Entity IRIs depend only on kind and key, so the same person in two documents is one node.
//! Countries are always minted under `/id/place/`, whatever kind the extractor gave them, because a
//! country that employs office holders is the same node as the country on the map.
//! Per-document IRIs hash the fact's content rather than counting, so re-extracting the same text
//! gives the same IRIs, and the same fact stated twice in a document is one node.

use kg_model::{Entity, EntityKind, PlaceType};
use oxigraph::model::NamedNode;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use unicode_normalization::UnicodeNormalization;

/// The base of every IRI kg mints.
pub const BASE: &str = "https://w3id.org/kg/";
/// The base of entity and role IRIs.
pub const ID_BASE: &str = "https://w3id.org/kg/id/";
/// The base of document IRIs.
pub const DOC_BASE: &str = "https://w3id.org/kg/doc/";

/// The path segment for an entity kind: `person`, `org`, `place` or `topic`.
pub const fn kind_segment(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "org",
        EntityKind::Place => "place",
        EntityKind::Topic => "topic",
    }
}

/// Makes an identity key IRI-safe: NFC-normalised, lower case; ASCII letters and digits kept;
/// runs of white space, `-` and `_` become one `-` (trimmed at both ends); every other character
/// is percent-encoded as UTF-8. An empty result becomes `unnamed`.
///
/// ```
/// assert_eq!(kg_graph::iri::slug("Hakan Fidan"), "hakan-fidan");
/// assert_eq!(kg_graph::iri::slug("ibrahim kalın"), "ibrahim-kal%C4%B1n");
/// ```
pub fn slug(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    // Pending separator: emitted only before the next kept character, which trims the ends and
    // collapses runs.
    let mut separator = false;
    for c in key.nfc().flat_map(char::to_lowercase) {
        if c.is_whitespace() || c == '-' || c == '_' {
            separator = true;
            continue;
        }
        if separator && !out.is_empty() {
            out.push('-');
        }
        separator = false;
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else {
            percent_encode_char(&mut out, c);
        }
    }
    if out.is_empty() {
        out.push_str("unnamed");
    }
    out
}

/// The IRI of an entity of `kind` with identity `key` (see [`slug`]).
///
/// This does not apply the country rule; use [`entity_node`] for an [`Entity`].
pub fn entity_iri(kind: EntityKind, key: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ID_BASE}{}/{}", kind_segment(kind), slug(key)))
}

/// The IRI of an extracted entity: [`entity_iri`], except that countries always live under
/// `/id/place/` even when the extractor saw them as an organisation.
pub fn entity_node(entity: &Entity) -> NamedNode {
    let is_country = entity.place_type == Some(PlaceType::Country)
        && matches!(entity.kind, EntityKind::Organization | EntityKind::Place);
    let kind = if is_country {
        EntityKind::Place
    } else {
        entity.kind
    };
    entity_iri(kind, &entity.key)
}

/// The IRI of a role, minted from its canonical label so all posts of that role share it.
pub fn role_iri(label: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ID_BASE}role/{}", slug(label)))
}

/// The IRI of a document, which is also the name of the graph holding its statements.
///
/// The id (a path) is percent-encoded except for ASCII letters, digits, `-`, `.`, `_`, `~` and
/// `/`. A `/` that would start an empty path segment, and a `.` that starts a segment, are
/// encoded too, so `../a.txt` or `/abs/a.txt` cannot turn into dot segments or `//`.
///
/// ```
/// assert_eq!(
///     kg_graph::iri::document_iri("corpus/a b.txt").as_str(),
///     "https://w3id.org/kg/doc/corpus/a%20b.txt"
/// );
/// ```
pub fn document_iri(doc_id: &str) -> NamedNode {
    let mut out = String::from(DOC_BASE);
    let mut segment_start = true;
    for c in doc_id.chars() {
        let keep = match c {
            '/' | '.' => !segment_start,
            c => c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '~'),
        };
        if keep {
            out.push(c);
        } else {
            percent_encode_char(&mut out, c);
        }
        segment_start = c == '/' && keep;
    }
    NamedNode::new_unchecked(out)
}

/// The document id encoded in a document IRI, or `None` when `iri` is not one.
pub fn document_id(iri: &str) -> Option<String> {
    let encoded = iri.strip_prefix(DOC_BASE)?;
    if encoded.contains('#') {
        return None;
    }
    percent_decode(encoded)
}

/// The graph a user means by `doc_id_or_iri`: a document IRI as is, anything else as a
/// document id (path).
pub fn resolve_document(doc_id_or_iri: &str) -> NamedNode {
    match document_id(doc_id_or_iri) {
        // Re-minting normalises the encoding, so `%7e` and `~` name the same graph.
        Some(id) => document_iri(&id),
        None => document_iri(doc_id_or_iri),
    }
}

/// The IRI of the sentence with this index in the document.
pub fn sentence_iri(doc: &NamedNode, index: usize) -> NamedNode {
    NamedNode::new_unchecked(format!("{}#sentence-{index}", doc.as_str()))
}

/// The IRI of a mention, from its code-point offsets (half-open).
pub fn mention_iri(doc: &NamedNode, begin: usize, end: usize) -> NamedNode {
    NamedNode::new_unchecked(format!("{}#char={begin},{end}", doc.as_str()))
}

/// The IRI of the post a person holds: one per (person, role, organisation) in a document.
pub fn post_iri(
    doc: &NamedNode,
    person: &NamedNode,
    role: &NamedNode,
    organization: &NamedNode,
) -> NamedNode {
    let hash = content_hash(&[person.as_str(), role.as_str(), organization.as_str()]);
    NamedNode::new_unchecked(format!("{}#post-{hash}", doc.as_str()))
}

/// The IRI of a meeting: one per (participants, place, time) in a document.
/// Participant order does not matter.
pub fn meeting_iri(
    doc: &NamedNode,
    participants: &[NamedNode],
    place: Option<&NamedNode>,
    time: Option<&str>,
) -> NamedNode {
    let mut parts: Vec<&str> = participants.iter().map(NamedNode::as_str).collect();
    parts.sort_unstable();
    parts.dedup();
    parts.push("|");
    parts.push(place.map_or("", NamedNode::as_str));
    parts.push(time.unwrap_or(""));
    let hash = content_hash(&parts);
    NamedNode::new_unchecked(format!("{}#meeting-{hash}", doc.as_str()))
}

/// The IRI of a merge record: `alias` was merged into `entity` under `rule`.
pub fn merge_iri(doc: &NamedNode, entity: &NamedNode, alias: &str, rule: &str) -> NamedNode {
    let hash = content_hash(&[entity.as_str(), alias, rule]);
    NamedNode::new_unchecked(format!("{}#merge-{hash}", doc.as_str()))
}

/// The IRI of a reified statement (`rdf:Statement`) carrying a fact's provenance.
pub fn statement_iri(
    doc: &NamedNode,
    subject: &NamedNode,
    predicate: &NamedNode,
    object: &NamedNode,
) -> NamedNode {
    let hash = content_hash(&[subject.as_str(), predicate.as_str(), object.as_str()]);
    NamedNode::new_unchecked(format!("{}#statement-{hash}", doc.as_str()))
}

/// 16 hex digits (64 bits) of SHA-256 over the parts, separated so that `["ab", "c"]` and
/// `["a", "bc"]` differ. Enough to keep the facts of one document apart.
fn content_hash(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    let digest = hasher.finalize();
    let mut out = String::with_capacity(16);
    for byte in &digest[..8] {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

fn percent_encode_char(out: &mut String, c: char) {
    let mut buffer = [0; 4];
    for byte in c.encode_utf8(&mut buffer).bytes() {
        let _ = write!(out, "%{byte:02X}");
    }
}

fn percent_decode(encoded: &str) -> Option<String> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = encoded.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kg_model::{EntityId, PlaceType};

    #[test]
    fn slug_keeps_ascii_and_encodes_the_rest() {
        assert_eq!(slug("Hakan Fidan"), "hakan-fidan");
        assert_eq!(slug("  rustem   umerov "), "rustem-umerov");
        assert_eq!(slug("a_b--c"), "a-b-c");
        assert_eq!(slug("zoë"), "zo%C3%AB");
        assert_eq!(slug("u.s."), "u%2Es%2E");
        assert_eq!(slug(""), "unnamed");
        assert_eq!(slug(" - "), "unnamed");
    }

    #[test]
    fn slug_is_the_same_for_canonically_equivalent_keys() {
        // "ë" precomposed and as "e" + combining diaeresis.
        assert_eq!(slug("zo\u{eb}"), slug("zoe\u{308}"));
    }

    #[test]
    fn entity_iris_depend_on_kind_and_key_only() {
        assert_eq!(
            entity_iri(EntityKind::Person, "hakan fidan").as_str(),
            "https://w3id.org/kg/id/person/hakan-fidan"
        );
        assert_eq!(
            entity_iri(EntityKind::Organization, "nsdc").as_str(),
            "https://w3id.org/kg/id/org/nsdc"
        );
    }

    #[test]
    fn countries_are_places_even_as_organisations() {
        let turkiye = Entity {
            id: EntityId(0),
            kind: EntityKind::Organization,
            place_type: Some(PlaceType::Country),
            label: "Türkiye".into(),
            key: "turkiye".into(),
            aliases: vec![],
        };
        assert_eq!(
            entity_node(&turkiye).as_str(),
            "https://w3id.org/kg/id/place/turkiye"
        );
    }

    #[test]
    fn document_iris_round_trip() {
        for id in [
            "corpus/a.txt",
            "../x/./y.txt",
            "/abs//path.txt",
            "-",
            "naïve file#1?.txt",
            "",
        ] {
            let iri = document_iri(id);
            assert!(NamedNode::new(iri.as_str()).is_ok(), "{iri}");
            assert_eq!(document_id(iri.as_str()).as_deref(), Some(id), "{iri}");
            assert_eq!(resolve_document(id), iri);
            assert_eq!(resolve_document(iri.as_str()), iri);
        }
        assert_eq!(
            document_iri("../a.txt").as_str(),
            "https://w3id.org/kg/doc/%2E./a.txt"
        );
        assert_eq!(
            document_iri("/abs//a").as_str(),
            "https://w3id.org/kg/doc/%2Fabs/%2Fa"
        );
    }

    #[test]
    fn fact_iris_hash_content_not_order() {
        let doc = document_iri("a.txt");
        let a = entity_iri(EntityKind::Person, "a");
        let b = entity_iri(EntityKind::Person, "b");
        let ab = meeting_iri(&doc, &[a.clone(), b.clone()], None, Some("2025-11-27"));
        let ba = meeting_iri(&doc, &[b.clone(), a.clone()], None, Some("2025-11-27"));
        assert_eq!(ab, ba);
        assert_ne!(ab, meeting_iri(&doc, &[a.clone(), b.clone()], None, None));
        let role = role_iri("foreign minister");
        assert_eq!(
            role.as_str(),
            "https://w3id.org/kg/id/role/foreign-minister"
        );
        assert_ne!(post_iri(&doc, &a, &role, &b), post_iri(&doc, &b, &role, &a));
        assert!(post_iri(&doc, &a, &role, &b)
            .as_str()
            .starts_with("https://w3id.org/kg/doc/a.txt#post-"));
    }
}
