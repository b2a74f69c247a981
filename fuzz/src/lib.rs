//! What every fuzz target checks: the invariants the extractor and the graph layer promise for
//! any input. A broken invariant panics, which libFuzzer reports as a crash with its input.

use std::io::Cursor;
use std::sync::OnceLock;

use kg_extract::Extractor;
use kg_graph::oxigraph::io::{RdfFormat, RdfParser};
use kg_graph::oxigraph::model::{NamedNode, Quad};
use kg_graph::{extraction_to_quads, iri, write_quads, ExportFormat};
use kg_model::{Document, Extraction, Fact, Span};

/// One extractor for the whole run: building it parses the word lists.
pub fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

/// Extracts `text` (with `date` as the publication date, if any) and checks the extraction's
/// invariants.
pub fn extract_and_check(text: &str, date: Option<&str>) -> Extraction {
    let mut document = Document::new("fuzz/input.txt", text);
    document.date = date.map(str::to_owned);
    let extraction = extractor().extract(&document);
    check_spans(text, &extraction);
    extraction
}

/// Every span is a range of character boundaries inside the text, and a mention's text is the
/// text its span covers.
pub fn check_spans(text: &str, extraction: &Extraction) {
    let check = |what: &str, span: Span| {
        assert!(
            span.start <= span.end && span.text(text).is_some(),
            "{what} span {span:?} is not a range of char boundaries in a text of {} bytes",
            text.len()
        );
    };
    for sentence in &extraction.sentences {
        check("sentence", *sentence);
    }
    for mention in &extraction.mentions {
        check("mention", mention.span);
        assert_eq!(
            mention.span.text(text),
            Some(mention.text.as_str()),
            "a mention's text differs from its span"
        );
        assert!(
            extraction.entity(mention.entity).is_some(),
            "a mention names an unknown entity"
        );
    }
    for fact in &extraction.facts {
        assert!(
            fact.sentence() < extraction.sentences.len(),
            "a fact names an unknown sentence"
        );
        match fact {
            Fact::HoldsRole(f) => check("role evidence", f.evidence),
            Fact::Meeting(f) => {
                check("meeting trigger", f.trigger);
                if let Some(time) = &f.time {
                    check("time", time.span);
                }
            }
            Fact::LocatedIn(f) => check("located-in evidence", f.evidence),
        }
    }
}

/// The quads of an extraction are valid RDF that N-Quads and TriG write and read back as the
/// same statements.
pub fn check_quads_round_trip(extraction: &Extraction, text: &str) {
    let quads = extraction_to_quads(extraction, text);
    let mut expected = quads.clone();
    expected.sort_by_cached_key(ToString::to_string);
    expected.dedup();
    for (format, rdf_format) in [
        (ExportFormat::NQuads, RdfFormat::NQuads),
        (ExportFormat::TriG, RdfFormat::TriG),
    ] {
        let mut bytes = Vec::new();
        write_quads(quads.clone(), format, &mut bytes).expect("writing to memory works");
        let mut parsed = RdfParser::from_format(rdf_format)
            .for_reader(Cursor::new(&bytes))
            .collect::<Result<Vec<Quad>, _>>()
            .unwrap_or_else(|error| {
                panic!(
                    "{format} that kg wrote does not parse: {error}\n{}",
                    String::from_utf8_lossy(&bytes)
                )
            });
        parsed.sort_by_cached_key(ToString::to_string);
        parsed.dedup();
        assert_eq!(
            parsed, expected,
            "{format} did not read back the same quads"
        );
    }
}

/// Minted IRIs are valid IRIs, and a document's IRI gives its id back.
pub fn check_minting(doc_id: &str, key: &str) {
    let valid = |node: &NamedNode| {
        assert!(
            NamedNode::new(node.as_str()).is_ok(),
            "minted an invalid IRI: {node}"
        );
    };
    let doc = iri::document_iri(doc_id);
    valid(&doc);
    assert_eq!(
        iri::document_id(doc.as_str()).as_deref(),
        Some(doc_id),
        "the document IRI {doc} does not give its id back"
    );
    assert_eq!(iri::resolve_document(doc_id), doc);
    assert_eq!(iri::resolve_document(doc.as_str()), doc);
    for kind in [
        kg_model::EntityKind::Person,
        kg_model::EntityKind::Organization,
        kg_model::EntityKind::Place,
        kg_model::EntityKind::Topic,
    ] {
        valid(&iri::entity_iri(kind, key));
    }
    valid(&iri::role_iri(key));
    let slug = iri::slug(key);
    assert!(!slug.is_empty());
}
