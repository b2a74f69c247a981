//! kg's Turtle and N-Quads exports parse in an independent parser (Raptor's `rapper`, a C
//! library unrelated to oxigraph) with the same number of statements kg wrote.
//! `scripts/test.sh` installs it (Debian package `raptor2-utils`).

use kg::extract::Extractor;
use kg::graph::{ExportFormat, KgStore};
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

#[test]
fn turtle_and_nquads_parse_in_rapper_with_equal_counts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let store = KgStore::open(&dir.path().join("store")).unwrap();
    let extractor = Extractor::new();
    let mut inputs = vec![root.join("../shared/seed/000_0a0cc7baca249987.txt")];
    let mut examples: Vec<_> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    examples.sort();
    inputs.extend(examples);
    for path in &inputs {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = Document::new(path.display().to_string(), text);
        store.load(&extractor.extract(&doc), &doc.text).unwrap();
    }

    let mut nquads = Vec::new();
    store
        .export(ExportFormat::NQuads, None, &mut nquads)
        .unwrap();
    let nq_path = dir.path().join("all.nq");
    std::fs::write(&nq_path, &nquads).unwrap();
    let lines = nquads
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    assert_eq!(rapper_count("nquads", &nq_path), lines);

    let mut turtle = Vec::new();
    store
        .export(ExportFormat::Turtle, None, &mut turtle)
        .unwrap();
    let ttl_path = dir.path().join("all.ttl");
    std::fs::write(&ttl_path, &turtle).unwrap();
    let mut ntriples = Vec::new();
    store
        .export(ExportFormat::NTriples, None, &mut ntriples)
        .unwrap();
    let triples = ntriples
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    assert!(triples > 100, "the union graph has statements");
    assert_eq!(rapper_count("turtle", &ttl_path), triples);
}
