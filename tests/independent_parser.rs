//! kg's Turtle, TriG, N-Triples and N-Quads output (of `kg export` and of `kg extract`) parses
//! in an independent parser (Raptor's `rapper`, a C library unrelated to oxigraph) with the same
//! number of statements kg wrote. `scripts/test.sh` installs it (Debian package
//! `raptor2-utils`). Raptor does not read JSON-LD; `scripts/check-with-python.sh` parses all
//! five formats, JSON-LD included, with Python's rdflib.

use kg::extract::Extractor;
use kg::graph::{extraction_to_quads, write_quads, ExportFormat, KgStore};
use kg::model::Document;
use std::path::Path;
use std::process::Command;

fn rapper_count(syntax: &str, file: &Path) -> usize {
    let output = Command::new("rapper")
        .args(["--input", syntax, "--count"])
        .arg(file)
        .output()
        .expect("`rapper` runs: install it with `apt-get install -y raptor2-utils` (scripts/test.sh does)");
    assert!(
        output.status.success(),
        "rapper rejected {}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    // rapper reports "rapper: Parsing returned N triples" on stderr.
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr
        .split("returned ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("rapper printed no count: {stderr}"))
}

/// The seed article and the examples, in a fixed order.
fn inputs() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = vec![root.join("../shared/seed/000_0a0cc7baca249987.txt")];
    let mut examples: Vec<_> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    examples.sort();
    inputs.extend(examples);
    inputs
}

fn documents() -> Vec<Document> {
    inputs()
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            Document::new(path.display().to_string(), text)
        })
        .collect()
}

fn line_count(bytes: &[u8]) -> usize {
    bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count()
}

/// Writes every format rapper reads through `write` and checks rapper's count against the
/// N-Triples (for the union formats) or N-Quads (for the graph-keeping formats) line count.
fn check_all_rapper_formats(write: impl Fn(ExportFormat) -> Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let triples = line_count(&write(ExportFormat::NTriples));
    let quads = line_count(&write(ExportFormat::NQuads));
    assert!(triples > 100, "the union graph has statements");
    assert!(quads >= triples, "every triple is in a document graph");
    for (format, syntax) in [
        (ExportFormat::Turtle, "turtle"),
        (ExportFormat::TriG, "trig"),
        (ExportFormat::NTriples, "ntriples"),
        (ExportFormat::NQuads, "nquads"),
    ] {
        let path = dir.path().join(format!("all.{}", format.file_extension()));
        std::fs::write(&path, write(format)).unwrap();
        let expected = if format.keeps_graphs() {
            quads
        } else {
            triples
        };
        assert_eq!(rapper_count(syntax, &path), expected, "{format}");
    }
}

#[test]
fn every_export_format_rapper_reads_parses_with_equal_counts() {
    let dir = tempfile::tempdir().unwrap();
    let store = KgStore::open(&dir.path().join("store")).unwrap();
    let extractor = Extractor::new();
    for doc in documents() {
        store.load(&extractor.extract(&doc), &doc.text).unwrap();
    }
    check_all_rapper_formats(|format| {
        let mut out = Vec::new();
        store.export(format, None, &mut out).unwrap();
        out
    });
}

#[test]
fn every_extract_format_rapper_reads_parses_with_equal_counts() {
    // What `kg extract --format …` writes: the quads of every document, in one RDF document.
    let extractor = Extractor::new();
    let quads: Vec<_> = documents()
        .iter()
        .flat_map(|doc| extraction_to_quads(&extractor.extract(doc), &doc.text))
        .collect();
    check_all_rapper_formats(|format| {
        let mut out = Vec::new();
        write_quads(quads.clone(), format, &mut out).unwrap();
        out
    });
}
