//! Export → parse gives the same graph, for random short texts: what kg writes in every RDF
//! format reads back, in an ordinary parser, as exactly the statements it meant (the same IRIs,
//! literals, language tags and datatypes), straight from `extraction_to_quads` and through the
//! store.

use std::collections::BTreeSet;
use std::io::Cursor;
use std::sync::OnceLock;

use kg::extract::Extractor;
use kg::graph::{extraction_to_quads, write_quads, ExportFormat, KgStore};
use kg::model::Document;
use oxigraph::io::RdfParser;
use oxigraph::model::{GraphName, Quad};
use proptest::prelude::*;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

/// Short news-like texts with the characters RDF serialisers must escape.
fn short_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Foreign Minister Anna Berg met Ivo Lind in Oslo on Thursday.".to_owned()),
        Just("Türkiye's intelligence chief, Ibrahim Kalın, discussed energy security.".to_owned()),
        Just("Prime Minister Jonas Rask visited Bergen.".to_owned()),
        Just("\"quoted\" \\ back\\slash <angle> {brace} |pipe| ^caret^ `tick`".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\t".to_owned()),
        Just("\u{0}\u{1}\u{7f}".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\u{2028}\u{2029}".to_owned()),
        Just("'''\"\"\"".to_owned()),
        Just("@en ^^xsd:string _:b0 #hash".to_owned()),
        "[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}",
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.join(" "))
}

/// A document id (a path) with characters IRIs cannot hold as they are.
fn document_id() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("news/a.txt".to_owned()),
        Just("../up/./odd name <1> \"q\" {x}|^`\\ 100%.txt".to_owned()),
        "[a-z/ .%#?<>]{0,16}",
        "\\PC{0,10}",
    ]
}

fn sorted(quads: impl IntoIterator<Item = Quad>) -> BTreeSet<String> {
    quads.into_iter().map(|quad| quad.to_string()).collect()
}

/// The statements of `quads` as `format` keeps them: with their graph for TriG, N-Quads and
/// JSON-LD, in the default graph for the others.
fn as_written(quads: &[Quad], format: ExportFormat) -> BTreeSet<String> {
    sorted(quads.iter().cloned().map(|mut quad| {
        if !format.keeps_graphs() {
            quad.graph_name = GraphName::DefaultGraph;
        }
        quad
    }))
}

fn parse(bytes: &[u8], format: ExportFormat) -> Result<BTreeSet<String>, TestCaseError> {
    let quads = RdfParser::from_format(format.rdf_format())
        .for_reader(Cursor::new(bytes))
        .collect::<Result<Vec<Quad>, _>>()
        .map_err(|error| {
            TestCaseError::fail(format!(
                "kg's {format} does not parse: {error}\n{}",
                String::from_utf8_lossy(bytes)
            ))
        })?;
    Ok(sorted(quads))
}

const FORMATS: [ExportFormat; 5] = [
    ExportFormat::Turtle,
    ExportFormat::TriG,
    ExportFormat::NTriples,
    ExportFormat::NQuads,
    ExportFormat::JsonLd,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_format_reads_back_as_the_same_graph(text in short_text(), id in document_id()) {
        let document = Document::new(id, text);
        let quads = extraction_to_quads(&extractor().extract(&document), &document.text);
        for format in FORMATS {
            let mut bytes = Vec::new();
            write_quads(quads.clone(), format, &mut bytes).unwrap();
            prop_assert_eq!(parse(&bytes, format)?, as_written(&quads, format), "{}", format);
        }
    }
}

proptest! {
    // Each case opens a RocksDB store: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn a_store_export_reads_back_as_what_was_loaded(text in short_text(), id in document_id()) {
        let document = Document::new(id, text);
        let extraction = extractor().extract(&document);
        let quads = extraction_to_quads(&extraction, &document.text);
        let dir = tempfile::tempdir().unwrap();
        let store = KgStore::open(dir.path()).unwrap();
        store.load(&extraction, &document.text).unwrap();
        for format in [ExportFormat::NQuads, ExportFormat::TriG] {
            let mut bytes = Vec::new();
            store.export(format, Some(&document.id), &mut bytes).unwrap();
            prop_assert_eq!(parse(&bytes, format)?, as_written(&quads, format), "{}", format);
        }
    }
}
