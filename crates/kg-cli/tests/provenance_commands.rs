//! End-to-end tests of `kg explain` and of `--min-confidence` on `build`, `export` and `viz`.
//!
//! The facts themselves are asserted by the root `tests/provenance.rs`; these tests check what
//! the commands print, their exit codes, and that the three `--min-confidence` flags agree.

use std::path::Path;
use std::process::Output;

mod common;

use common::{assert_success, kg, run, stderr, stdout, success};

/// Builds `examples/` quietly into `store`, with the options `extra`.
fn build(store: &Path, extra: &[&str]) {
    success(
        kg().args(["build", "-q", "examples", "--store"])
            .arg(store)
            .args(extra),
    );
}

fn explain(store: &Path, name: &str) -> Output {
    run(kg().args(["explain", "--store"]).arg(store).arg(name))
}

/// The N-Quads export of `store`, with the options `extra`.
fn export_nquads(store: &Path, extra: &[&str]) -> String {
    stdout(&success(
        kg().args(["export", "--format", "nquads", "--store"])
            .arg(store)
            .args(extra),
    ))
}

/// The fact nodes (posts, meetings, statements) an N-Quads text gives a confidence.
fn fact_nodes(nquads: &str) -> Vec<String> {
    let mut nodes: Vec<String> = nquads
        .lines()
        .filter(|line| line.contains("<https://w3id.org/kg/ns#confidence>"))
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect();
    nodes.sort();
    nodes
}

#[test]
fn explain_prints_mentions_merges_and_facts_with_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build(&store, &[]);

    let output = explain(&store, "astrid HALVORSEN");
    assert_success(&output);
    let text = stdout(&output);
    for expected in [
        "person:astrid-halvorsen\n",
        "  kinds:    schema:Person\n",
        "\"Halvorsen\" by rule surname in examples/vienna-energy-talks.txt",
        "examples/vienna-energy-talks.txt [104, 120) \"Astrid Halvorsen\"",
        "Astrid Halvorsen is foreign minister of Norway",
        "in examples/vienna-energy-talks.txt, confidence 0.9, rule premodifier",
        "from [77, 191) \"Norwegian Foreign Minister Astrid Halvorsen met Austrian Foreign \
         Minister Lukas Brandstetter in Vienna on Tuesday.\"",
        "on 2026-03-03 (written \"on Tuesday\")",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }

    // The same entity by IRI, and a country by a demonym merged into it.
    let by_iri = explain(&store, "https://w3id.org/kg/id/person/astrid-halvorsen");
    assert_success(&by_iri);
    assert_eq!(stdout(&by_iri), text);
    let norway = explain(&store, "norwegian");
    assert_success(&norway);
    assert!(stdout(&norway).starts_with("place:norway\n"));
    assert!(stdout(&norway).contains("\"Norwegian\" by rule country-alias"));
}

#[test]
fn explain_of_an_unknown_name_is_an_error_and_needs_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let missing = explain(&store, "Astrid Halvorsen");
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("kg build"),
        "{}",
        stderr(&missing)
    );

    build(&store, &[]);
    let unknown = explain(&store, "Nobody Atall");
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stdout(&unknown).is_empty());
    assert!(
        stderr(&unknown).contains("no entity") && stderr(&unknown).contains("Nobody Atall"),
        "{}",
        stderr(&unknown)
    );
    assert_eq!(
        run(kg().args(["explain", "--store"]).arg(&store))
            .status
            .code(),
        Some(2),
        "NAME is required"
    );
}

#[test]
fn min_confidence_agrees_across_build_export_and_viz() {
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("full");
    let filtered = dir.path().join("filtered");
    build(&full, &[]);
    build(&filtered, &["--min-confidence", "0.85"]);

    let everything = export_nquads(&full, &[]);
    let exported = export_nquads(&full, &["--min-confidence", "0.85"]);
    let built = export_nquads(&filtered, &[]);
    assert!(
        fact_nodes(&everything).len() > fact_nodes(&exported).len(),
        "the examples have facts below 0.85"
    );
    assert_eq!(fact_nodes(&exported), fact_nodes(&built));
    for line in exported.lines() {
        if let Some(rest) = line.split("<https://w3id.org/kg/ns#confidence> \"").nth(1) {
            let value: f64 = rest.split('"').next().unwrap().parse().unwrap();
            assert!(value >= 0.85, "{line}");
        }
    }

    let dot = |store: &Path, extra: &[&str]| {
        stdout(&success(
            kg().args(["viz", "--store"]).arg(store).args(extra),
        ))
    };
    let all = dot(&full, &[]);
    let picture = dot(&full, &["--min-confidence", "0.85"]);
    assert!(all.contains("chief negotiator of"));
    assert!(!picture.contains("chief negotiator of"));
    assert_eq!(picture, dot(&filtered, &[]), "viz and build filter alike");

    for bad in ["1.5", "-1", "high"] {
        let output = run(kg()
            .args(["export", "--store"])
            .arg(&full)
            .arg(format!("--min-confidence={bad}")));
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&output).contains("from 0 to 1"),
            "{}",
            stderr(&output)
        );
    }
}
