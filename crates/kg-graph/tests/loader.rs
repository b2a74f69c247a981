//! The bulk `DocumentLoader` and `import` give exactly the store that loading documents one by
//! one with `KgStore::load` gives: the same document graphs and the same union default graph,
//! after additions, replacements, repeats in one run and removals.

use kg_extract::Extractor;
use kg_graph::oxigraph::model::{Quad, Triple};
use kg_graph::{extraction_to_quads, ExportFormat, GraphError, KgStore, LoadOutcome, QueryOutput};
use kg_model::{Document, Extraction};
use std::collections::BTreeSet;
use std::path::Path;

/// The articles of `examples/`, extracted, plus an edited version of the first one.
fn documents() -> Vec<(Extraction, String)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 3, "examples/ has articles");
    let extractor = Extractor::new();
    paths
        .iter()
        .map(|path| {
            let id = format!("examples/{}", path.file_name().unwrap().to_string_lossy());
            let text = std::fs::read_to_string(path).unwrap();
            (extractor.extract(&Document::new(id, text.clone())), text)
        })
        .collect()
}

/// The first document again, edited: same id, other content.
fn edited(first: &(Extraction, String)) -> (Extraction, String) {
    let text = format!(
        "{}\nAnna Berg, the mayor of Oslo, met reporters in Bergen.\n",
        first.1
    );
    let doc = Document::new(first.0.document.clone(), text.clone());
    (Extractor::new().extract(&doc), text)
}

/// Everything observable: each document graph (N-Quads export) and the default graph.
fn content(store: &KgStore) -> (String, BTreeSet<String>) {
    let mut nquads = Vec::new();
    store
        .export(ExportFormat::NQuads, None, &mut nquads)
        .unwrap();
    let QueryOutput::Graph(triples) = store
        .query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        .unwrap()
    else {
        panic!("CONSTRUCT gives a graph")
    };
    let union = triples.iter().map(Triple::to_string).collect();
    (String::from_utf8(nquads).unwrap(), union)
}

/// The union default graph recomputed from the document graphs.
fn union_of_graphs(store: &KgStore) -> BTreeSet<String> {
    let QueryOutput::Graph(triples) = store
        .query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        .unwrap()
    else {
        panic!("CONSTRUCT gives a graph")
    };
    triples.iter().map(Triple::to_string).collect()
}

fn one_by_one(dir: &Path, docs: &[(Extraction, String)]) -> KgStore {
    let store = KgStore::open(dir).unwrap();
    for (ex, text) in docs {
        store.load(ex, text).unwrap();
    }
    store
}

#[test]
fn bulk_and_transaction_loading_equal_loading_one_by_one() {
    let docs = documents();
    let reference_dir = tempfile::tempdir().unwrap();
    let reference = one_by_one(reference_dir.path(), &docs);
    let expected = content(&reference);
    assert_eq!(expected.1, union_of_graphs(&reference));

    // Threshold 1: every document goes through oxigraph's bulk loader on its own.
    // Default threshold: the few statements are written in one transaction at the end.
    for threshold in [1, kg_graph::DEFAULT_FLUSH_QUADS] {
        let dir = tempfile::tempdir().unwrap();
        let store = KgStore::open(dir.path()).unwrap();
        let mut loader = store.loader().unwrap().with_flush_threshold(threshold);
        for (ex, text) in &docs {
            assert_eq!(loader.load(ex, text).unwrap(), LoadOutcome::Added);
        }
        loader.finish().unwrap();
        assert_eq!(content(&store), expected, "threshold {threshold}");

        // Idempotent: the same documents again change nothing.
        let mut loader = store.loader().unwrap().with_flush_threshold(threshold);
        for (ex, text) in &docs {
            assert_eq!(loader.load(ex, text).unwrap(), LoadOutcome::Unchanged);
        }
        loader.finish().unwrap();
        assert_eq!(content(&store), expected);
    }
}

#[test]
fn replacing_and_repeating_in_one_run_keep_the_union_right() {
    let docs = documents();
    let edit = edited(&docs[0]);
    // Reference: every document, then the first one's edit, one transaction each.
    let reference_dir = tempfile::tempdir().unwrap();
    let reference = one_by_one(reference_dir.path(), &docs);
    reference.load(&edit.0, &edit.1).unwrap();

    for threshold in [1, 3, kg_graph::DEFAULT_FLUSH_QUADS] {
        let dir = tempfile::tempdir().unwrap();
        let store = KgStore::open(dir.path()).unwrap();
        let mut loader = store.loader().unwrap().with_flush_threshold(threshold);
        for (ex, text) in &docs {
            loader.load(ex, text).unwrap();
        }
        // The same document again in the same run, edited: it replaces the pending version.
        assert_eq!(
            loader.load(&edit.0, &edit.1).unwrap(),
            LoadOutcome::Replaced
        );
        loader.finish().unwrap();
        assert_eq!(
            content(&store),
            content(&reference),
            "threshold {threshold}"
        );
        assert_eq!(content(&store).1, union_of_graphs(&store));

        // Removing a bulk-loaded document takes exactly its own triples out of the union.
        assert!(store.remove(&docs[1].0.document).unwrap());
        assert!(reference.remove(&docs[1].0.document).unwrap());
        assert_eq!(content(&store), content(&reference));
        assert_eq!(content(&store).1, union_of_graphs(&store));
        // Put it back for the next round.
        reference.load(&docs[1].0, &docs[1].1).unwrap();
    }
}

#[test]
fn a_replacement_between_bulk_batches_keeps_triples_pending_documents_state() {
    // Document B states what the old version of A stated; A is replaced while B waits in the
    // loader, so A's replacement takes those triples out of the union and B's batch must put
    // them back.
    let docs = documents();
    let (a, a_text) = &docs[0];
    let mut b = a.clone();
    b.document = "other/copy-of-a.txt".to_owned();
    // A's new version is another article altogether, so A's people leave A's graph.
    let other_text = docs[1].1.clone();
    let edit = (
        Extractor::new().extract(&Document::new(a.document.clone(), other_text.clone())),
        other_text,
    );

    let reference_dir = tempfile::tempdir().unwrap();
    let reference = KgStore::open(reference_dir.path()).unwrap();
    reference.load(a, a_text).unwrap();
    reference.load(&b, a_text).unwrap();
    reference.load(&edit.0, &edit.1).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let store = KgStore::open(dir.path()).unwrap();
    store.load(a, a_text).unwrap();
    let mut loader = store.loader().unwrap();
    assert_eq!(loader.load(&b, a_text).unwrap(), LoadOutcome::Added);
    assert_eq!(
        loader.load(&edit.0, &edit.1).unwrap(),
        LoadOutcome::Replaced
    );
    // The replacement took A's people out of the union: only B, still waiting, states them.
    // (NIF offsets left out: the store keeps them as xsd:integer.)
    let waiting: BTreeSet<String> = extraction_to_quads(&b, a_text)
        .into_iter()
        .filter(|quad| !quad.predicate.as_str().ends_with("Index"))
        .map(|quad| Triple::from(quad).to_string())
        .collect();
    assert!(!waiting.is_subset(&content(&store).1));
    loader.finish().unwrap();
    assert!(waiting.is_subset(&content(&store).1));
    assert_eq!(content(&store), content(&reference));
    assert_eq!(content(&store).1, union_of_graphs(&store));
}

#[test]
fn importing_extracted_nquads_equals_building() {
    let docs = documents();
    let reference_dir = tempfile::tempdir().unwrap();
    let reference = one_by_one(reference_dir.path(), &docs);

    // Two shards, as two machines would write them with `kg extract --format nquads`.
    let mut shards = Vec::new();
    for part in docs.chunks(2) {
        let mut writer = kg_graph::GraphWriter::new(ExportFormat::NQuads, Vec::new()).unwrap();
        for (ex, text) in part {
            writer.write_graph(extraction_to_quads(ex, text)).unwrap();
        }
        shards.push(writer.finish().unwrap());
    }
    let dir = tempfile::tempdir().unwrap();
    let store = KgStore::open(dir.path()).unwrap();
    let mut loader = store.loader().unwrap().with_flush_threshold(1);
    let mut seen = Vec::new();
    for (i, shard) in shards.iter().enumerate() {
        loader
            .import(
                &format!("shard-{i}.nq"),
                shard.as_slice(),
                ExportFormat::NQuads,
                |id, outcome| {
                    seen.push((id.to_owned(), outcome));
                },
            )
            .unwrap();
    }
    loader.finish().unwrap();
    let ids: Vec<String> = docs.iter().map(|(ex, _)| ex.document.clone()).collect();
    assert_eq!(
        seen.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>(),
        ids
    );
    assert!(seen
        .iter()
        .all(|(_, outcome)| *outcome == LoadOutcome::Added));
    assert_eq!(content(&store), content(&reference));

    // Importing a store's own export into another store gives the same store too.
    let mut exported = Vec::new();
    reference
        .export(ExportFormat::NQuads, None, &mut exported)
        .unwrap();
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = KgStore::open(copy_dir.path()).unwrap();
    let mut loader = copy.loader().unwrap();
    loader
        .import(
            "export.nq",
            exported.as_slice(),
            ExportFormat::NQuads,
            |_, _| {},
        )
        .unwrap();
    loader.finish().unwrap();
    assert_eq!(content(&copy), content(&reference));
}

#[test]
fn import_refuses_what_kg_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let store = KgStore::open(dir.path()).unwrap();
    let default_graph = "<http://example.org/s> <http://example.org/p> \"o\" .\n";
    let foreign_graph =
        "<http://example.org/s> <http://example.org/p> \"o\" <http://example.org/g> .\n";
    let doc = "https://w3id.org/kg/doc/a.txt";
    let split = format!(
        "<{doc}#x> <http://example.org/p> \"1\" <{doc}> .\n\
         <{doc}2#x> <http://example.org/p> \"2\" <{doc}2> .\n\
         <{doc}#x> <http://example.org/p> \"3\" <{doc}> .\n"
    );
    for (input, expected) in [
        (default_graph.to_owned(), "outside any named graph"),
        (foreign_graph.to_owned(), "is not a kg document"),
        (split, "not all together"),
        ("<broken".to_owned(), "not valid nquads"),
    ] {
        let mut loader = store.loader().unwrap();
        let error = loader
            .import("bad.nq", input.as_bytes(), ExportFormat::NQuads, |_, _| {})
            .unwrap_err();
        assert!(
            matches!(
                error,
                GraphError::NotKgOutput { .. } | GraphError::RdfSyntax { .. }
            ),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(
            message.contains("bad.nq") && message.contains(expected),
            "{message}"
        );
        drop(loader);
    }
}

#[test]
fn load_quads_wants_one_document_graph() {
    let dir = tempfile::tempdir().unwrap();
    let store = KgStore::open(dir.path()).unwrap();
    let mut loader = store.loader().unwrap();
    assert!(matches!(
        loader.load_quads(Vec::<Quad>::new()),
        Err(GraphError::NotOneDocument { .. })
    ));
    let docs = documents();
    let mut mixed = extraction_to_quads(&docs[0].0, &docs[0].1);
    mixed.extend(extraction_to_quads(&docs[1].0, &docs[1].1));
    assert!(matches!(
        loader.load_quads(mixed),
        Err(GraphError::NotOneDocument { .. })
    ));
    drop(loader);
    drop(store);
    let read_only = KgStore::open_read_only(dir.path()).unwrap();
    assert!(matches!(
        read_only.loader(),
        Err(GraphError::ReadOnly { .. })
    ));
}
