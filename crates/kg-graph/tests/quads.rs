//! `Extraction → quads`: offsets, named graph, types and shapes, without a store.

mod common;

use common::{code_points, extraction, span_of, TEXT};
use kg_graph::extraction_to_quads;
use kg_graph::iri::{document_iri, entity_iri, mention_iri, role_iri, sentence_iri};
use kg_graph::oxigraph::model::{
    GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use kg_graph::vocab::{gaf, kg, nif, org, prov, rdf, schema, sem, skos, xsd};
use kg_model::{EntityId, EntityKind, Fact, Span};

fn has(quads: &[Quad], s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) -> bool {
    let o = o.into();
    quads.iter().any(|q| {
        q.subject == NamedOrBlankNode::NamedNode(s.clone()) && q.predicate == p && q.object == o
    })
}

fn objects(quads: &[Quad], s: &NamedNode, p: NamedNodeRef<'_>) -> Vec<Term> {
    quads
        .iter()
        .filter(|q| q.subject == NamedOrBlankNode::NamedNode(s.clone()) && q.predicate == p)
        .map(|q| q.object.clone())
        .collect()
}

fn index(n: usize) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::NON_NEGATIVE_INTEGER)
}

#[test]
fn every_quad_is_in_the_document_graph() {
    let quads = extraction_to_quads(&extraction("news/a.txt", TEXT), TEXT);
    let doc = document_iri("news/a.txt");
    assert_eq!(doc.as_str(), "https://w3id.org/kg/doc/news/a.txt");
    assert!(!quads.is_empty());
    for quad in &quads {
        assert_eq!(quad.graph_name, GraphName::NamedNode(doc.clone()), "{quad}");
    }
}

#[test]
fn mention_offsets_are_code_points() {
    let quads = extraction_to_quads(&extraction("a.txt", TEXT), TEXT);
    let doc = document_iri("a.txt");
    for (needle, entity) in [
        ("Türkiye", entity_iri(EntityKind::Place, "turkiye")),
        (
            "Ibrahim Kalın",
            entity_iri(EntityKind::Person, "ibrahim kalin"),
        ),
        ("Zoë Brand", entity_iri(EntityKind::Person, "zoe brand")),
        ("Hakan Fidan", entity_iri(EntityKind::Person, "hakan fidan")),
    ] {
        let span = span_of(TEXT, needle, 0);
        let (begin, end) = code_points(TEXT, span);
        let mention = mention_iri(&doc, begin, end);
        assert!(
            has(&quads, &entity, gaf::DENOTED_BY, mention.clone()),
            "{needle}"
        );
        assert!(has(&quads, &mention, rdf::TYPE, nif::PHRASE));
        assert!(has(&quads, &mention, nif::BEGIN_INDEX, index(begin)));
        assert!(has(&quads, &mention, nif::END_INDEX, index(end)));
        assert!(has(&quads, &mention, nif::ANCHOR_OF, Literal::from(needle)));
        assert!(has(&quads, &mention, nif::REFERENCE_CONTEXT, doc.clone()));
        assert!(has(
            &quads,
            &mention,
            nif::SENTENCE_PROPERTY,
            sentence_iri(&doc, if needle == "Hakan Fidan" { 2 } else { 0 })
        ));
    }
    // After "Türkiye" (8 bytes, 7 code points) and "Kalın" byte and code-point offsets differ.
    let zoe = span_of(TEXT, "Zoë Brand", 0);
    assert_ne!(code_points(TEXT, zoe).0, zoe.start);
    assert_eq!(code_points(TEXT, span_of(TEXT, "Türkiye", 0)), (0, 7));
}

#[test]
fn sentences_carry_code_point_offsets_and_text() {
    let ex = extraction("a.txt", TEXT);
    let quads = extraction_to_quads(&ex, TEXT);
    let doc = document_iri("a.txt");
    for (i, span) in ex.sentences.iter().enumerate() {
        let node = sentence_iri(&doc, i);
        let (begin, end) = code_points(TEXT, *span);
        assert!(has(&quads, &node, rdf::TYPE, nif::SENTENCE));
        assert!(has(&quads, &node, nif::BEGIN_INDEX, index(begin)));
        assert!(has(&quads, &node, nif::END_INDEX, index(end)));
        assert!(has(
            &quads,
            &node,
            nif::ANCHOR_OF,
            Literal::from(&TEXT[span.start..span.end])
        ));
    }
}

#[test]
fn document_node_has_text_path_and_hash() {
    let quads = extraction_to_quads(&extraction("a.txt", TEXT), TEXT);
    let doc = document_iri("a.txt");
    assert!(has(&quads, &doc, rdf::TYPE, nif::CONTEXT));
    assert!(has(&quads, &doc, rdf::TYPE, prov::ENTITY));
    assert!(has(&quads, &doc, nif::IS_STRING, Literal::from(TEXT)));
    assert!(has(&quads, &doc, kg::SOURCE_PATH, Literal::from("a.txt")));
    assert!(has(
        &quads,
        &doc,
        schema::DATE_PUBLISHED,
        Literal::new_typed_literal("2025-11-28", xsd::DATE)
    ));
    let hashes = objects(&quads, &doc, kg::CONTENT_HASH);
    assert_eq!(hashes.len(), 1);
    let Term::Literal(hash) = &hashes[0] else {
        panic!("hash is a literal")
    };
    let hex = hash
        .value()
        .strip_prefix("sha256:")
        .expect("sha256: prefix");
    assert_eq!(hex.len(), 64);
    assert!(hex
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
}

#[test]
fn entities_are_typed_with_standard_vocabularies() {
    let quads = extraction_to_quads(&extraction("a.txt", TEXT), TEXT);
    let kalin = entity_iri(EntityKind::Person, "ibrahim kalin");
    assert_eq!(
        kalin.as_str(),
        "https://w3id.org/kg/id/person/ibrahim-kalin"
    );
    assert!(has(&quads, &kalin, rdf::TYPE, schema::PERSON));
    assert!(has(
        &quads,
        &kalin,
        kg_graph::vocab::rdfs::LABEL,
        Literal::from("Ibrahim Kalın")
    ));

    // A country that employs office holders is a place, a country and an organisation.
    let turkiye = entity_iri(EntityKind::Place, "turkiye");
    for class in [schema::PLACE, schema::COUNTRY, org::ORGANIZATION] {
        assert!(has(&quads, &turkiye, rdf::TYPE, class), "{class}");
    }
    let ankara = entity_iri(EntityKind::Place, "ankara");
    assert!(has(&quads, &ankara, rdf::TYPE, schema::CITY));
    assert!(!has(&quads, &ankara, rdf::TYPE, org::ORGANIZATION));
    assert!(has(
        &quads,
        &ankara,
        schema::CONTAINED_IN_PLACE,
        turkiye.clone()
    ));

    let topic = entity_iri(EntityKind::Topic, "regional stability");
    assert!(has(&quads, &topic, rdf::TYPE, skos::CONCEPT));
    assert!(has(
        &quads,
        &topic,
        skos::PREF_LABEL,
        Literal::from("regional stability")
    ));
}

#[test]
fn merges_are_recorded() {
    let quads = extraction_to_quads(&extraction("a.txt", TEXT), TEXT);
    let turkiye = entity_iri(EntityKind::Place, "turkiye");
    assert!(has(
        &quads,
        &turkiye,
        skos::ALT_LABEL,
        Literal::from("Turkish")
    ));
    let merges = objects(&quads, &turkiye, kg::MERGED_FROM);
    assert_eq!(merges.len(), 1);
    let Term::NamedNode(merge) = &merges[0] else {
        panic!("merge is an IRI")
    };
    assert!(merge
        .as_str()
        .starts_with("https://w3id.org/kg/doc/a.txt#merge-"));
    assert!(has(&quads, merge, rdf::TYPE, kg::MERGE));
    assert!(has(&quads, merge, kg::ALIAS, Literal::from("Turkish")));
    assert!(has(
        &quads,
        merge,
        kg::MERGE_RULE,
        Literal::from("country-alias")
    ));
}

#[test]
fn holds_role_becomes_an_org_post() {
    let quads = extraction_to_quads(&extraction("a.txt", TEXT), TEXT);
    let doc = document_iri("a.txt");
    let fidan = entity_iri(EntityKind::Person, "hakan fidan");
    let turkiye = entity_iri(EntityKind::Place, "turkiye");
    let role = role_iri("foreign minister");
    assert_eq!(
        role.as_str(),
        "https://w3id.org/kg/id/role/foreign-minister"
    );
    let posts = objects(&quads, &fidan, org::HOLDS);
    assert_eq!(posts.len(), 1);
    let Term::NamedNode(post) = &posts[0] else {
        panic!("post is an IRI")
    };
    assert!(post
        .as_str()
        .starts_with("https://w3id.org/kg/doc/a.txt#post-"));
    assert!(has(&quads, post, rdf::TYPE, org::POST));
    assert!(has(&quads, post, org::ROLE_PROPERTY, role.clone()));
    assert!(has(&quads, post, org::POST_IN, turkiye.clone()));
    assert!(has(&quads, post, org::HELD_BY, fidan.clone()));
    assert!(has(&quads, &turkiye, org::HAS_POST, post.clone()));
    assert!(has(
        &quads,
        post,
        kg::ROLE_TEXT,
        Literal::from("Foreign Minister")
    ));
    assert!(has(
        &quads,
        post,
        kg::EXTRACTION_RULE,
        Literal::from("demonym")
    ));
    assert!(has(
        &quads,
        post,
        kg::CONFIDENCE,
        Literal::new_typed_literal("0.95", xsd::DECIMAL)
    ));
    assert!(has(
        &quads,
        post,
        prov::WAS_DERIVED_FROM,
        sentence_iri(&doc, 2)
    ));
    assert!(has(&quads, &role, rdf::TYPE, org::ROLE));
    assert!(has(
        &quads,
        &role,
        skos::PREF_LABEL,
        Literal::from("foreign minister")
    ));
}

#[test]
fn meeting_becomes_a_sem_event() {
    let quads = extraction_to_quads(&extraction("a.txt", TEXT), TEXT);
    let doc = document_iri("a.txt");
    let kalin = entity_iri(EntityKind::Person, "ibrahim kalin");
    let meetings: Vec<NamedNode> = quads
        .iter()
        .filter(|q| q.predicate == sem::EVENT_TYPE_PROPERTY)
        .filter_map(|q| match &q.subject {
            NamedOrBlankNode::NamedNode(n) => Some(n.clone()),
            NamedOrBlankNode::BlankNode(_) => None,
        })
        .collect();
    assert_eq!(meetings.len(), 1);
    let m = &meetings[0];
    assert!(m
        .as_str()
        .starts_with("https://w3id.org/kg/doc/a.txt#meeting-"));
    assert!(has(&quads, m, rdf::TYPE, sem::EVENT));
    assert!(has(&quads, m, sem::EVENT_TYPE_PROPERTY, kg::MEETING));
    assert!(has(&quads, m, sem::HAS_ACTOR, kalin));
    assert!(has(
        &quads,
        m,
        sem::HAS_ACTOR,
        entity_iri(EntityKind::Person, "zoe brand")
    ));
    assert!(has(
        &quads,
        m,
        sem::HAS_PLACE,
        entity_iri(EntityKind::Place, "ankara")
    ));
    assert!(has(
        &quads,
        m,
        sem::HAS_TIME_STAMP,
        Literal::new_typed_literal("2025-11-27", xsd::DATE)
    ));
    assert!(has(&quads, m, kg::TIME_TEXT, Literal::from("on Thursday")));
    assert!(has(
        &quads,
        m,
        kg::DISCUSSES,
        entity_iri(EntityKind::Topic, "regional stability")
    ));
    assert!(has(
        &quads,
        m,
        prov::WAS_DERIVED_FROM,
        sentence_iri(&doc, 0)
    ));
    assert!(has(
        &quads,
        m,
        prov::WAS_DERIVED_FROM,
        sentence_iri(&doc, 1)
    ));
    assert!(has(
        &quads,
        m,
        kg::CONFIDENCE,
        Literal::new_typed_literal("0.8", xsd::DECIMAL)
    ));
}

#[test]
fn same_input_same_quads_and_a_repeated_fact_is_one_node() {
    let ex = extraction("a.txt", TEXT);
    assert_eq!(
        extraction_to_quads(&ex, TEXT),
        extraction_to_quads(&ex, TEXT)
    );

    let mut twice = ex.clone();
    let first_meeting = ex
        .facts
        .iter()
        .find(|f| matches!(f, Fact::Meeting(_)))
        .unwrap()
        .clone();
    twice.facts.push(first_meeting);
    let meetings = |quads: &[Quad]| {
        quads
            .iter()
            .filter(|q| q.predicate == sem::EVENT_TYPE_PROPERTY)
            .count()
    };
    assert_eq!(meetings(&extraction_to_quads(&twice, TEXT)), 1);
}

#[test]
fn bad_spans_and_unknown_entities_are_left_out_without_panicking() {
    let mut ex = extraction("a.txt", TEXT);
    // Inside the two bytes of "ü", past the end, reversed.
    ex.mentions[0].span = Span::new(2, 5);
    ex.mentions[1].span = Span::new(TEXT.len(), TEXT.len() + 10);
    ex.sentences.push(Span::new(10, 3));
    ex.mentions.push(kg_model::Mention {
        span: Span::new(0, 1),
        text: "T".into(),
        kind: EntityKind::Person,
        entity: EntityId(99),
    });
    if let Fact::HoldsRole(f) = &mut ex.facts[0] {
        f.organization = EntityId(42);
    }
    let quads = extraction_to_quads(&ex, TEXT);
    let doc = document_iri("a.txt");
    // No node for the bad sentence or the unknown entity's mention.
    assert!(!quads
        .iter()
        .any(|q| q.subject == NamedOrBlankNode::NamedNode(sentence_iri(&doc, 3))));
    assert!(!quads
        .iter()
        .any(|q| q.subject == NamedOrBlankNode::NamedNode(mention_iri(&doc, 0, 1))));
    // Kalın's post is gone, Fidan's stays.
    assert!(objects(
        &quads,
        &entity_iri(EntityKind::Person, "ibrahim kalin"),
        org::HOLDS
    )
    .is_empty());
    assert_eq!(
        objects(
            &quads,
            &entity_iri(EntityKind::Person, "hakan fidan"),
            org::HOLDS
        )
        .len(),
        1
    );
    // Nothing at all for an empty extraction of an empty text, except the document node.
    let empty = kg_model::Extraction {
        document: String::new(),
        date: Some("yesterday".into()),
        sentences: vec![],
        entities: vec![],
        mentions: vec![],
        facts: vec![],
    };
    let quads = extraction_to_quads(&empty, "");
    assert!(quads
        .iter()
        .all(|q| q.subject == NamedOrBlankNode::NamedNode(document_iri(""))));
}

/// Regression: a containment stated twice in one document used to get two `kg:confidence`
/// values on its one statement node (the SHACL shape allows one).
#[test]
fn a_containment_stated_twice_has_one_confidence_and_both_sentences() {
    let mut ex = extraction("news/a.txt", TEXT);
    let Some(Fact::LocatedIn(first)) = ex
        .facts
        .iter()
        .find(|f| matches!(f, Fact::LocatedIn(_)))
        .cloned()
    else {
        panic!("the shared extraction has a containment")
    };
    let mut second = first.clone();
    second.sentence = 1;
    second.confidence = kg_model::Confidence::new(0.7);
    ex.facts.push(Fact::LocatedIn(second));
    let quads = extraction_to_quads(&ex, TEXT);
    let statements: Vec<&Quad> = quads
        .iter()
        .filter(|q| q.predicate == rdf::TYPE && q.object == rdf::STATEMENT.into())
        .collect();
    assert_eq!(statements.len(), 1);
    let NamedOrBlankNode::NamedNode(statement) = &statements[0].subject else {
        panic!("statement nodes are IRIs")
    };
    // The highest of the two, as for posts and meetings.
    assert_eq!(
        objects(&quads, statement, kg::CONFIDENCE),
        [Term::from(Literal::new_typed_literal("0.7", xsd::DECIMAL))]
    );
    let doc = document_iri("news/a.txt");
    assert!(has(
        &quads,
        statement,
        prov::WAS_DERIVED_FROM,
        sentence_iri(&doc, first.sentence)
    ));
    assert!(has(
        &quads,
        statement,
        prov::WAS_DERIVED_FROM,
        sentence_iri(&doc, 1)
    ));
}
