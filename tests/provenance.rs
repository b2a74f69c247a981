//! Provenance, identity and incremental updates (issue 5), end to end: two short invented
//! articles go through the real extractor into a real store, and SPARQL checks what came out.
//!
//! The articles (written for this test; people and companies are invented) spell the same
//! minister "Levent Aydınlı" and "Levent Aydinli", the same country "Türkiye", "Turkey" and
//! "Turkish", define an acronym ("National Energy Regulatory Commission (NERC)") before using it,
//! open with a dateline, say "on Monday" and "on Saturday", and name two different people with
//! the surname Arslan, one in each article.

use kg::extract::Extractor;
use kg::graph::oxigraph::model::Term;
use kg::graph::{ExportFormat, FactDetail, KgStore, LoadOutcome, QueryOutput};
use kg::model::{Confidence, Document, Extraction};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const ANKARA_ID: &str = "news/ankara.txt";
const ANKARA: &str = "\
Türkiye and Moldova agree to monitor Black Sea shipping
ANKARA, April 16, 2025 — Turkish Foreign Minister Levent Aydınlı met Moldovan Foreign Minister Irina Cebotari in Ankara on Monday.
Aydınlı and Cebotari discussed grain exports, energy security and the safety of shipping.
Another key topic was the repair of the power line between the two countries.
Mehmet Arslan, the chief executive of Karadeniz Holdings, said the company would add two ferries.
Arslan said Turkey could carry more grain before the winter.
";

const CHISINAU_ID: &str = "news/chisinau.txt";
const CHISINAU: &str = "\
Moldova's energy regulator prepares for winter with Türkiye
CHISINAU, April 20, 2025 — Moldova's National Energy Regulatory Commission (NERC) said on Sunday that it would send engineers to Ankara.
Victor Arslan, the chairman of NERC, met Turkish Foreign Minister Levent Aydinli in Chisinau on Saturday.
Aydinli and Arslan discussed electricity prices and gas storage.
NERC said Turkey would help Moldova prepare for the winter.
";

const LEVENT: &str = "https://w3id.org/kg/id/person/levent-aydinli";
const TURKIYE: &str = "https://w3id.org/kg/id/place/turkiye";
const NERC: &str = "https://w3id.org/kg/id/org/national-energy-regulatory-commission";
const MEHMET_ARSLAN: &str = "https://w3id.org/kg/id/person/mehmet-arslan";
const VICTOR_ARSLAN: &str = "https://w3id.org/kg/id/person/victor-arslan";

fn extract(id: &str, text: &str) -> Extraction {
    Extractor::new().extract(&Document::new(id, text))
}

/// Opens (or creates) the store in `dir` and loads each `(id, text)` article.
fn build(dir: &Path, articles: &[(&str, &str)]) -> KgStore {
    let store = KgStore::open(dir).expect("open store");
    for (id, text) in articles {
        store.load(&extract(id, text), text).expect("load");
    }
    store
}

fn both() -> [(&'static str, &'static str); 2] {
    [(ANKARA_ID, ANKARA), (CHISINAU_ID, CHISINAU)]
}

fn rows(store: &KgStore, sparql: &str) -> Vec<Vec<String>> {
    match store.query(sparql).expect("query runs") {
        QueryOutput::Solutions { rows, .. } => rows
            .into_iter()
            .map(|row| {
                row.iter()
                    .map(|t| t.as_ref().map(kg::graph::term_text).unwrap_or_default())
                    .collect()
            })
            .collect(),
        other => panic!("expected solutions, got {other:?}"),
    }
}

fn column(store: &KgStore, sparql: &str) -> BTreeSet<String> {
    rows(store, sparql)
        .into_iter()
        .map(|r| r[0].clone())
        .collect()
}

fn ask(store: &KgStore, sparql: &str) -> bool {
    match store.query(sparql).expect("query runs") {
        QueryOutput::Boolean(b) => b,
        other => panic!("expected a boolean, got {other:?}"),
    }
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// The store as N-Quads, one statement per line, lines sorted.
fn sorted_nquads(store: &KgStore) -> String {
    let mut out = Vec::new();
    store
        .export(ExportFormat::NQuads, None, &mut out)
        .expect("export");
    let text = String::from_utf8(out).expect("N-Quads are UTF-8");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines.join("\n")
}

#[test]
fn one_node_per_real_entity_across_articles() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path(), &both());

    assert_eq!(
        column(&store, "SELECT DISTINCT ?p WHERE { ?p a schema:Person }"),
        set(&[
            "https://w3id.org/kg/id/person/irina-cebotari",
            LEVENT,
            MEHMET_ARSLAN,
            VICTOR_ARSLAN,
        ]),
        "four people: surname-only mentions and the second spelling add no node"
    );

    // Aydınlı (article 1) and Aydinli (article 2) are one node, keeping both spellings.
    assert_eq!(
        column(
            &store,
            &format!("SELECT ?l WHERE {{ <{LEVENT}> rdfs:label ?l }}")
        ),
        set(&["Levent Aydinli", "Levent Aydınlı"])
    );
    assert_eq!(
        column(
            &store,
            &format!("SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{LEVENT}> gaf:denotedBy ?m }} }}")
        ),
        set(&[
            "https://w3id.org/kg/doc/news/ankara.txt",
            "https://w3id.org/kg/doc/news/chisinau.txt"
        ])
    );
    assert_eq!(
        column(
            &store,
            &format!("SELECT DISTINCT ?t WHERE {{ <{LEVENT}> gaf:denotedBy/nif:anchorOf ?t }}")
        ),
        set(&["Aydinli", "Aydınlı", "Levent Aydinli", "Levent Aydınlı"])
    );

    // Türkiye, Turkey and Turkish: one place, in both articles, each merge recorded with its rule.
    assert_eq!(
        column(
            &store,
            "SELECT DISTINCT ?c WHERE { ?c a schema:Country ; rdfs:label ?l FILTER(CONTAINS(?l, \"T\")) }"
        ),
        set(&[TURKIYE])
    );
    assert_eq!(
        column(
            &store,
            &format!("SELECT DISTINCT ?t WHERE {{ <{TURKIYE}> gaf:denotedBy/nif:anchorOf ?t }}")
        ),
        set(&["Turkey", "Turkish", "Türkiye"])
    );
    let merges = rows(
        &store,
        &format!(
            "SELECT ?alias ?rule ?g WHERE {{ GRAPH ?g {{ <{TURKIYE}> kg:mergedFrom ?m .
               ?m a kg:Merge ; kg:alias ?alias ; kg:mergeRule ?rule }} }} ORDER BY ?g ?alias"
        ),
    );
    let ankara_graph = "https://w3id.org/kg/doc/news/ankara.txt";
    let chisinau_graph = "https://w3id.org/kg/doc/news/chisinau.txt";
    let expected: Vec<Vec<String>> = [
        ["Turkey", "country-alias", ankara_graph],
        ["Turkish", "country-alias", ankara_graph],
        ["Turkey", "country-alias", chisinau_graph],
        ["Turkish", "country-alias", chisinau_graph],
    ]
    .iter()
    .map(|row| row.iter().map(|s| (*s).to_owned()).collect())
    .collect();
    assert_eq!(merges, expected);

    // The acronym defined in the text is the organisation, not a second one.
    assert_eq!(
        column(
            &store,
            "SELECT DISTINCT ?o WHERE { ?o a org:Organization ; rdfs:label|skos:altLabel ?l
               FILTER(?l IN (\"NERC\", \"National Energy Regulatory Commission\")) }"
        ),
        set(&[NERC])
    );
    assert_eq!(
        rows(
            &store,
            &format!("SELECT ?alias ?rule WHERE {{ <{NERC}> kg:mergedFrom [ kg:alias ?alias ; kg:mergeRule ?rule ] }}")
        ),
        [["NERC", "acronym"]]
    );
    assert_eq!(
        column(
            &store,
            &format!("SELECT ?b WHERE {{ <{NERC}> gaf:denotedBy [ nif:anchorOf \"NERC\" ; nif:beginIndex ?b ] }}")
        )
        .len(),
        3,
        "the three uses of NERC are mentions of the commission"
    );
    for spelling in ["NERC", "Turkey", "Turkish", "Aydinli", "Arslan"] {
        assert!(
            !ask(&store, &format!("ASK {{ ?x rdfs:label {spelling:?} }}")),
            "{spelling} is an alias, not a node of its own"
        );
    }
}

#[test]
fn people_sharing_a_surname_in_different_articles_stay_two_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path(), &both());

    // Each article's "Arslan" belongs to that article's Arslan.
    let owners = rows(
        &store,
        "SELECT ?person ?g WHERE { GRAPH ?g { ?person gaf:denotedBy/nif:anchorOf \"Arslan\" } }
         ORDER BY ?g",
    );
    assert_eq!(
        owners,
        [
            [MEHMET_ARSLAN, "https://w3id.org/kg/doc/news/ankara.txt"],
            [VICTOR_ARSLAN, "https://w3id.org/kg/doc/news/chisinau.txt"],
        ]
    );
    assert!(!ask(
        &store,
        &format!("ASK {{ <{MEHMET_ARSLAN}> gaf:denotedBy/nif:referenceContext <https://w3id.org/kg/doc/news/chisinau.txt> }}")
    ));
    // Their offices stay apart too.
    assert_eq!(
        rows(
            &store,
            "SELECT ?name ?role ?org WHERE {
               ?p rdfs:label ?name ; org:holds ?post .
               ?post org:role/skos:prefLabel ?role ; org:postIn/rdfs:label ?org .
               FILTER(STRENDS(?name, \"Arslan\")) } ORDER BY ?name",
        ),
        [
            ["Mehmet Arslan", "chief executive", "Karadeniz Holdings"],
            [
                "Victor Arslan",
                "chair",
                "National Energy Regulatory Commission"
            ],
        ]
    );
    for (person, graph) in [
        (MEHMET_ARSLAN, "ankara.txt"),
        (VICTOR_ARSLAN, "chisinau.txt"),
    ] {
        assert!(ask(
            &store,
            &format!(
                "ASK {{ GRAPH <https://w3id.org/kg/doc/news/{graph}> {{
                   <{person}> kg:mergedFrom [ kg:alias \"Arslan\" ; kg:mergeRule \"surname\" ] }} }}"
            )
        ));
    }
}

#[test]
fn every_mention_and_sentence_has_the_code_point_offsets_of_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path(), &both());
    let texts: BTreeMap<String, String> = rows(
        &store,
        "SELECT ?doc ?text WHERE { ?doc a nif:Context ; nif:isString ?text }",
    )
    .into_iter()
    .map(|r| (r[0].clone(), r[1].clone()))
    .collect();
    assert_eq!(texts.len(), 2);

    let strings = rows(
        &store,
        "SELECT ?s ?begin ?end ?anchor ?doc ?class WHERE {
           VALUES ?class { nif:Phrase nif:Sentence }
           ?s a ?class ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor ;
              nif:referenceContext ?doc }",
    );
    let mut checked = BTreeMap::<&str, usize>::new();
    let mut multi_byte_shift = false;
    for row in &strings {
        let [node, begin, end, anchor, doc, class] = &row[..] else {
            unreachable!()
        };
        let (begin, end): (usize, usize) = (begin.parse().unwrap(), end.parse().unwrap());
        let text = &texts[doc];
        let covered: String = text.chars().skip(begin).take(end - begin).collect();
        assert_eq!(&covered, anchor, "{node}: [{begin}, {end}) in {doc}");
        if let Some(doc_id) = kg::graph::iri::document_id(doc) {
            assert!(node.starts_with(kg::graph::iri::document_iri(&doc_id).as_str()));
        }
        // Byte offsets would differ here: "ü", "ı" and "—" take two or three bytes.
        let byte_begin = text.char_indices().nth(begin).map(|(i, _)| i);
        multi_byte_shift |= byte_begin != Some(begin);
        *checked.entry(class.as_str()).or_default() += 1;
    }
    assert!(multi_byte_shift, "the articles exercise multi-byte text");

    // Every mention the extractor found (byte spans) is in the graph with code-point offsets.
    let mut mentions = 0;
    for (id, text) in both() {
        for mention in extract(id, text).mentions {
            let begin = text[..mention.span.start].chars().count();
            let end = text[..mention.span.end].chars().count();
            let doc = kg::graph::iri::document_iri(id).into_string();
            assert!(
                ask(
                    &store,
                    &format!(
                        "ASK {{ GRAPH <{doc}> {{ ?e gaf:denotedBy ?m . ?m a nif:Phrase ;
                           nif:beginIndex {begin} ; nif:endIndex {end} ; nif:anchorOf {:?} }} }}",
                        mention.text
                    )
                ),
                "{id}: {:?} at bytes {:?} = code points [{begin}, {end})",
                mention.text,
                mention.span
            );
            mentions += 1;
        }
    }
    assert_eq!(
        checked.get("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Phrase"),
        Some(&mentions)
    );
    assert!(
        checked["http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Sentence"] >= 10
    );
}

#[test]
fn every_fact_node_has_a_sentence_and_a_confidence() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path(), &both());

    let facts = column(
        &store,
        "SELECT DISTINCT ?f WHERE { VALUES ?class { org:Post sem:Event rdf:Statement } ?f a ?class }",
    );
    let count = |class: &str| {
        column(
            &store,
            &format!("SELECT DISTINCT ?f WHERE {{ ?f a {class} }}"),
        )
        .len()
    };
    assert_eq!(
        count("org:Post"),
        5,
        "three posts in one article, two in the other"
    );
    assert_eq!(count("sem:Event"), 2, "one meeting in each article");
    assert_eq!(count("rdf:Statement"), 1, "NERC is in Moldova");

    for fact in &facts {
        let sentences = rows(
            &store,
            &format!(
                "SELECT ?s ?begin ?end ?text WHERE {{ GRAPH ?g {{
                   <{fact}> prov:wasDerivedFrom ?s .
                   ?s a nif:Sentence ; nif:beginIndex ?begin ; nif:endIndex ?end ;
                      nif:anchorOf ?text ; nif:referenceContext ?g }} }}"
            ),
        );
        assert!(
            !sentences.is_empty(),
            "{fact} is derived from a sentence of its own document"
        );
        let confidences = store
            .query(&format!("SELECT ?c WHERE {{ <{fact}> kg:confidence ?c }}"))
            .unwrap();
        let QueryOutput::Solutions { rows: values, .. } = confidences else {
            unreachable!()
        };
        assert_eq!(values.len(), 1, "{fact} has one confidence");
        let Some(Term::Literal(value)) = &values[0][0] else {
            panic!("{fact}: confidence is a literal")
        };
        assert_eq!(
            value.datatype().as_str(),
            "http://www.w3.org/2001/XMLSchema#decimal"
        );
        let number: f64 = value.value().parse().unwrap();
        assert!((0.0..=1.0).contains(&number), "{fact}: {number}");
    }

    // The sentence is the one that states the fact.
    assert_eq!(
        column(
            &store,
            &format!(
                "SELECT ?text WHERE {{ <{LEVENT}> org:holds ?post .
                   ?post org:postIn <{TURKIYE}> ; prov:wasDerivedFrom/nif:anchorOf ?text }}"
            )
        ),
        set(&[
            "ANKARA, April 16, 2025 — Turkish Foreign Minister Levent Aydınlı met Moldovan Foreign Minister Irina Cebotari in Ankara on Monday.",
            "Victor Arslan, the chairman of NERC, met Turkish Foreign Minister Levent Aydinli in Chisinau on Saturday.",
        ])
    );
    // A meeting is derived from the sentence that introduces it and those that add topics.
    assert_eq!(
        rows(
            &store,
            "SELECT (COUNT(?s) AS ?n) WHERE { GRAPH <https://w3id.org/kg/doc/news/ankara.txt> {
               ?m a sem:Event ; prov:wasDerivedFrom ?s } }"
        ),
        [["3"]]
    );
}

#[test]
fn relative_dates_resolve_against_the_dateline() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path(), &both());
    let meetings = rows(
        &store,
        "SELECT ?g ?date ?written WHERE { GRAPH ?g {
           ?m sem:eventType kg:Meeting ; sem:hasTimeStamp ?date ; kg:timeText ?written
           FILTER(DATATYPE(?date) = xsd:date) } } ORDER BY ?g",
    );
    // 16 April 2025 was a Wednesday and 20 April a Sunday: the Monday and Saturday before.
    assert_eq!(
        meetings,
        [
            [
                "https://w3id.org/kg/doc/news/ankara.txt",
                "2025-04-14",
                "on Monday"
            ],
            [
                "https://w3id.org/kg/doc/news/chisinau.txt",
                "2025-04-19",
                "on Saturday"
            ],
        ]
    );
    assert_eq!(
        column(
            &store,
            "SELECT ?d WHERE { ?doc a nif:Context ; schema:datePublished ?d FILTER(DATATYPE(?d) = xsd:date) }"
        ),
        set(&["2025-04-16", "2025-04-20"]),
        "the datelines are the documents' dates"
    );
}

#[test]
fn building_again_is_idempotent() {
    let first = tempfile::tempdir().unwrap();
    let store = build(first.path(), &both());
    let before = sorted_nquads(&store);
    for (id, text) in both() {
        assert_eq!(
            store.load(&extract(id, text), text).unwrap(),
            LoadOutcome::Unchanged
        );
    }
    assert_eq!(sorted_nquads(&store), before);

    // A fresh build in the other order gives the same statements, byte for byte.
    let second = tempfile::tempdir().unwrap();
    let other = build(
        second.path(),
        &[(CHISINAU_ID, CHISINAU), (ANKARA_ID, ANKARA)],
    );
    assert_eq!(sorted_nquads(&other), before);
}

#[test]
fn an_edited_article_replaces_its_graph() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path(), &both());
    let edited = ANKARA
        .replace("on Monday", "on Tuesday")
        .replace(
            "grain exports, energy security and the safety of shipping",
            "grain exports and port fees",
        )
        .replace("the chief executive of", "the chairman of");
    assert_eq!(
        store.load(&extract(ANKARA_ID, &edited), &edited).unwrap(),
        LoadOutcome::Replaced
    );

    let ankara = "https://w3id.org/kg/doc/news/ankara.txt";
    let dates = |graph: &str| {
        column(
            &store,
            &format!("SELECT ?d WHERE {{ GRAPH <{graph}> {{ ?m sem:hasTimeStamp ?d }} }}"),
        )
    };
    assert_eq!(dates(ankara), set(&["2025-04-15"]));
    assert_eq!(
        dates("https://w3id.org/kg/doc/news/chisinau.txt"),
        set(&["2025-04-19"])
    );
    let topics = column(
        &store,
        &format!("SELECT ?t WHERE {{ GRAPH <{ankara}> {{ ?m kg:discusses/skos:prefLabel ?t }} }}"),
    );
    assert!(topics.contains("port fees"), "{topics:?}");
    assert!(!topics.contains("safety of shipping"), "{topics:?}");
    assert!(
        !ask(&store, "ASK { ?t skos:prefLabel \"safety of shipping\" }"),
        "a topic only the old version discussed is gone from the union too"
    );
    assert!(!ask(
        &store,
        "ASK { ?d nif:isString ?text FILTER(CONTAINS(?text, \"on Monday\")) }"
    ));
    assert_eq!(
        column(
            &store,
            &format!("SELECT ?role WHERE {{ <{MEHMET_ARSLAN}> org:holds/org:role/skos:prefLabel ?role }}")
        ),
        set(&["chair"])
    );

    // The store now equals a fresh build of the edited article and the other one.
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = build(
        fresh_dir.path(),
        &[(ANKARA_ID, edited.as_str()), (CHISINAU_ID, CHISINAU)],
    );
    assert_eq!(sorted_nquads(&store), sorted_nquads(&fresh));
}

#[test]
fn removing_an_article_equals_building_without_it() {
    for (removed, kept) in [
        (ANKARA_ID, (CHISINAU_ID, CHISINAU)),
        (CHISINAU_ID, (ANKARA_ID, ANKARA)),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let store = build(dir.path(), &both());
        assert!(store.remove(removed).unwrap());

        let fresh_dir = tempfile::tempdir().unwrap();
        let fresh = build(fresh_dir.path(), &[kept]);
        assert_eq!(
            sorted_nquads(&store),
            sorted_nquads(&fresh),
            "after removing {removed}"
        );
        // The union (what queries see) has followed: only what the kept article says is left.
        let everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o";
        assert_eq!(rows(&store, everything), rows(&fresh, everything));
        assert_eq!(store.documents().unwrap(), [kept.0]);
    }

    // Shared entities keep what the remaining article supports, and lose the rest.
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path(), &both());
    store.remove(ANKARA_ID).unwrap();
    assert_eq!(
        column(
            &store,
            &format!("SELECT ?l WHERE {{ <{LEVENT}> rdfs:label ?l }}")
        ),
        set(&["Levent Aydinli"])
    );
    assert!(!ask(&store, &format!("ASK {{ <{MEHMET_ARSLAN}> ?p ?o }}")));
}

#[test]
fn explain_gives_mentions_merges_and_facts_with_their_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path(), &both());

    // Any spelling, case or diacritics finds the one node.
    for name in [
        "Levent Aydınlı",
        "levent aydinli",
        "LEVENT AYDINLI",
        "person:levent-aydinli",
        LEVENT,
    ] {
        let found = store.explain(name).unwrap();
        assert_eq!(found.len(), 1, "{name}");
        assert_eq!(found[0].iri, LEVENT, "{name}");
    }
    let levent = store.explain("Levent Aydinli").unwrap().remove(0);
    assert_eq!(levent.kinds, ["https://schema.org/Person"]);
    assert_eq!(levent.labels, ["Levent Aydinli", "Levent Aydınlı"]);
    let mentions: Vec<(&str, usize, usize, &str)> = levent
        .mentions
        .iter()
        .map(|m| (m.document.as_str(), m.begin, m.end, m.text.as_str()))
        .collect();
    let at = |text: &str, needle: &str| {
        let byte = text.find(needle).unwrap();
        let begin = text[..byte].chars().count();
        (begin, begin + needle.chars().count())
    };
    let (b1, e1) = at(ANKARA, "Levent Aydınlı");
    let (b2, e2) = at(CHISINAU, "Levent Aydinli");
    assert!(
        mentions.contains(&(ANKARA_ID, b1, e1, "Levent Aydınlı")),
        "{mentions:?}"
    );
    assert!(
        mentions.contains(&(CHISINAU_ID, b2, e2, "Levent Aydinli")),
        "{mentions:?}"
    );
    assert_eq!(mentions.len(), 4);
    let merges: Vec<(&str, &str, &str)> = levent
        .merges
        .iter()
        .map(|m| (m.document.as_str(), m.alias.as_str(), m.rule.as_str()))
        .collect();
    assert_eq!(
        merges,
        [
            (ANKARA_ID, "Aydınlı", "surname"),
            (CHISINAU_ID, "Aydinli", "surname")
        ]
    );

    // Facts: a post and a meeting in each article, each with its sentence and confidence.
    assert_eq!(levent.facts.len(), 4);
    for fact in &levent.facts {
        assert!(!fact.sentences.is_empty(), "{fact:?}");
        assert!(fact.confidence.is_some_and(|c| (0.0..=1.0).contains(&c)));
    }
    let ankara_meeting = levent
        .facts
        .iter()
        .find_map(|fact| match &fact.detail {
            FactDetail::Meeting {
                participants,
                places,
                dates,
                time_texts,
                topics,
            } if fact.document == ANKARA_ID => {
                Some((participants, places, dates, time_texts, topics))
            }
            _ => None,
        })
        .expect("the Ankara meeting");
    let labels = |nodes: &[kg::graph::NodeLabel]| -> Vec<String> {
        nodes.iter().map(|n| n.label.clone()).collect()
    };
    assert_eq!(
        labels(ankara_meeting.0),
        ["Irina Cebotari", "Levent Aydınlı"]
    );
    assert_eq!(labels(ankara_meeting.1), ["Ankara"]);
    assert_eq!(ankara_meeting.2, &["2025-04-14"]);
    assert_eq!(ankara_meeting.3, &["on Monday"]);
    assert_eq!(labels(ankara_meeting.4).len(), 4);
    let post = levent
        .facts
        .iter()
        .find(|fact| {
            fact.document == CHISINAU_ID && matches!(fact.detail, FactDetail::HoldsRole { .. })
        })
        .expect("the post stated in the Chisinau article");
    let FactDetail::HoldsRole {
        role, organization, ..
    } = &post.detail
    else {
        unreachable!()
    };
    assert_eq!(role, "foreign minister");
    assert_eq!(organization.iri, TURKIYE);
    assert_eq!(post.confidence, Some(0.9));
    assert_eq!(post.rules, ["premodifier"]);
    let (begin, end) = at(CHISINAU, "Victor Arslan, the chairman");
    assert_eq!(post.sentences[0].begin, begin);
    assert!(post.sentences[0].end > end);
    assert!(post.sentences[0]
        .text
        .starts_with("Victor Arslan, the chairman of NERC, met"));

    // A country answers to each of its names, with its merges and the posts in it.
    for name in ["turkey", "Türkiye", "TURKISH"] {
        let found = store.explain(name).unwrap();
        assert_eq!(found.len(), 1, "{name}");
        assert_eq!(found[0].iri, TURKIYE);
    }
    let turkiye = store.explain("Turkiye").unwrap().remove(0);
    assert_eq!(turkiye.merges.len(), 4);
    assert!(turkiye.merges.iter().all(|m| m.rule == "country-alias"));
    assert_eq!(
        turkiye.facts.len(),
        2,
        "the foreign minister's post, once per article"
    );

    // The acronym finds the commission, with the containment and the chair's post.
    let nerc = store.explain("nerc").unwrap();
    assert_eq!(nerc.len(), 1);
    assert_eq!(nerc[0].iri, NERC);
    assert!(nerc[0].facts.iter().any(|f| matches!(
        &f.detail,
        FactDetail::LocatedIn { outer, .. } if outer.label == "Moldova"
    )));

    // A name two entities answer to gives both; an unknown name gives none.
    let arslans: Vec<String> = store
        .explain("Arslan")
        .unwrap()
        .into_iter()
        .map(|e| e.iri)
        .collect();
    assert_eq!(arslans, [MEHMET_ARSLAN, VICTOR_ARSLAN]);
    assert!(store.explain("Selin Arslan").unwrap().is_empty());
    assert!(store.explain("").unwrap().is_empty());
}

#[test]
fn min_confidence_leaves_facts_out_of_build_export_and_picture() {
    let threshold = Confidence::new(0.85);
    let dir = tempfile::tempdir().unwrap();
    let full = build(dir.path(), &both());

    // Build: the facts below the threshold are not loaded.
    let filtered_dir = tempfile::tempdir().unwrap();
    let filtered = KgStore::open(filtered_dir.path()).unwrap();
    for (id, text) in both() {
        let mut extraction = extract(id, text);
        kg::graph::retain_confident_facts(&mut extraction, threshold);
        assert!(extraction
            .facts
            .iter()
            .all(|f| f.confidence().value() >= 0.85));
        filtered.load(&extraction, text).unwrap();
    }
    let low = "SELECT ?f WHERE { ?f kg:confidence ?c FILTER(?c < 0.85) }";
    assert!(
        !column(&full, low).is_empty(),
        "the articles have facts below 0.85"
    );
    assert!(column(&filtered, low).is_empty());
    let facts = "SELECT ?f WHERE { VALUES ?class { org:Post sem:Event rdf:Statement } ?f a ?class ;
                   kg:confidence ?c FILTER(?c >= 0.85) }";
    let confident = column(&full, facts);
    assert_eq!(column(&filtered, facts), confident);
    assert_eq!(
        confident.len(),
        5,
        "three foreign-minister posts and two meetings"
    );
    // Names stay: only facts are filtered.
    assert!(ask(
        &filtered,
        &format!("ASK {{ <{MEHMET_ARSLAN}> gaf:denotedBy ?m }}")
    ));
    assert!(!ask(
        &filtered,
        &format!("ASK {{ <{MEHMET_ARSLAN}> org:holds ?p }}")
    ));

    // Export: the same facts, and nothing about the ones left out.
    let mut out = Vec::new();
    full.export_with_min_confidence(ExportFormat::NQuads, None, Some(threshold), &mut out)
        .unwrap();
    let parsed = kg::graph::oxigraph::store::Store::new().unwrap();
    parsed
        .load_from_slice(kg::graph::oxigraph::io::RdfFormat::NQuads, &out)
        .expect("the filtered export parses");
    let text = String::from_utf8(out).unwrap();
    for dropped in column(&full, low) {
        assert!(
            !text.contains(&format!("<{dropped}>")),
            "{dropped} is left out"
        );
    }
    for kept in &confident {
        assert!(text.contains(&format!(
            "<{kept}> <http://www.w3.org/ns/prov#wasDerivedFrom>"
        )));
    }
    assert!(
        !text.contains("<https://schema.org/location>"),
        "the containment below the threshold goes with its statement"
    );
    assert!(
        !text.contains("/role/chair>"),
        "a role no post has any more goes too"
    );
    assert!(text.contains("/role/foreign-minister>"));

    // Picture: the low-confidence offices are not drawn, the others are.
    let all = full.dot(None).unwrap();
    let picture = full.dot_with_min_confidence(None, Some(threshold)).unwrap();
    assert!(all.contains("\"chief executive of\"") && all.contains("\"chair of\""));
    assert!(!picture.contains("\"chief executive of\"") && !picture.contains("\"chair of\""));
    assert!(!picture.contains("\"located in\""));
    assert!(picture.contains("\"foreign minister of\"") && picture.contains("\"met in\""));
    assert_eq!(
        full.dot_with_min_confidence(None, Some(Confidence::new(0.0)))
            .unwrap(),
        all,
        "a threshold of 0 changes nothing"
    );
}
