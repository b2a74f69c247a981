//! End-to-end tests of the `kg` binary: exit codes, messages and the files it writes.
//!
//! These tests hold whatever the extractor finds; the facts extracted from particular articles
//! are asserted by the extraction and graph tests.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use oxigraph::io::{RdfFormat, RdfParser};
use serde_json::Value;

mod common;

use common::{
    assert_success, build_examples, csv_rows, example_articles, kg, run, run_with_stdin, stderr,
    stdout, success, workspace_root,
};

/// The export of `store` in `format`.
fn export(store: &Path, format: &str) -> Vec<u8> {
    success(
        kg().args(["export", "--format", format, "--store"])
            .arg(store),
    )
    .stdout
}

const GRAPHS_QUERY: &str = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g";

#[test]
fn help_teaches_commands_and_the_default_store() {
    let output = run(kg().arg("--help"));
    assert_success(&output);
    let help = stdout(&output);
    for word in [
        "extract", "build", "query", "export", "viz", "remove", "stats", "KG_STORE", "kg-store",
    ] {
        assert!(
            help.contains(word),
            "`kg --help` should mention {word}:\n{help}"
        );
    }
    for command in [
        "extract", "build", "query", "export", "viz", "remove", "stats",
    ] {
        let output = run(kg().args([command, "--help"]));
        assert_success(&output);
        assert!(
            stdout(&output).contains("Example"),
            "`kg {command} --help` should show an example"
        );
    }
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &["frobnicate"][..],
        &["build", "examples", "--date", "3 March 2026"],
        &["build", "examples", "--date", "2026-02-30"],
        &["query"],
        &["export", "--format", "rdfxml"],
        &["--quiet", "--verbose", "stats"],
    ] {
        let output = run(kg().args(args));
        assert_eq!(
            output.status.code(),
            Some(2),
            "kg {args:?} should be a usage error: {}",
            stderr(&output)
        );
    }
}

#[test]
fn build_then_query_finds_every_document() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let output = build_examples(&store);
    let articles = example_articles();
    let summary = stderr(&output);
    assert!(
        summary.contains(&format!(
            "{n} documents: {n} added, 0 replaced, 0 unchanged, 0 failed",
            n = articles.len()
        )),
        "unexpected summary: {summary}"
    );
    assert_eq!(csv_rows(&store, GRAPHS_QUERY).len(), articles.len());

    for query in ["roles.rq", "meetings.rq", "people.rq", "places.rq"] {
        let path = Path::new("examples/queries").join(query);
        for format in ["table", "csv", "tsv", "json"] {
            let output = run(kg()
                .args(["query", "--format", format, "--file"])
                .arg(&path)
                .arg("--store")
                .arg(&store));
            assert_success(&output);
        }
    }
    let output = run(kg()
        .args(["query", "--format", "json", "--store"])
        .arg(&store)
        .arg("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"));
    assert_success(&output);
    let results: Value = serde_json::from_str(&stdout(&output)).expect("SPARQL JSON results");
    let count: u64 = results["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        count > 0,
        "the union default graph should hold the documents' statements"
    );
}

#[test]
fn building_again_changes_nothing_and_exports_are_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    build_examples(&first);
    let turtle = export(&first, "turtle");
    let nquads = export(&first, "nquads");

    let again = build_examples(&first);
    let n = example_articles().len();
    assert!(
        stderr(&again).contains(&format!(
            "{n} documents: 0 added, 0 replaced, {n} unchanged, 0 failed"
        )),
        "rebuilding should change nothing: {}",
        stderr(&again)
    );
    assert_eq!(
        export(&first, "turtle"),
        turtle,
        "rebuilding changed the Turtle export"
    );

    build_examples(&second);
    assert_eq!(export(&second, "turtle"), turtle, "two fresh builds differ");
    assert_eq!(export(&second, "nquads"), nquads, "two fresh builds differ");
}

#[test]
fn every_export_format_parses() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build_examples(&store);
    for (name, format) in [
        ("turtle", RdfFormat::Turtle),
        ("trig", RdfFormat::TriG),
        ("ntriples", RdfFormat::NTriples),
        ("nquads", RdfFormat::NQuads),
        (
            "jsonld",
            RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        ),
    ] {
        let bytes = export(&store, name);
        let quads: Result<Vec<_>, _> = RdfParser::from_format(format).for_slice(&bytes).collect();
        let quads = quads.unwrap_or_else(|err| panic!("{name} export does not parse: {err}"));
        assert!(!quads.is_empty(), "{name} export is empty");
    }
    let nquads = export(&store, "nquads");
    let graphs: std::collections::HashSet<_> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&nquads)
        .map(|quad| quad.unwrap().graph_name)
        .collect();
    assert!(
        graphs.len() >= example_articles().len(),
        "N-Quads should keep one graph per document"
    );
}

#[test]
fn export_to_a_file_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build_examples(&store);
    let target = dir.path().join("graph.ttl");
    assert_success(&run(kg()
        .args(["export", "-o"])
        .arg(&target)
        .arg("--store")
        .arg(&store)));
    assert_eq!(fs::read(&target).unwrap(), export(&store, "turtle"));

    let nowhere = dir.path().join("no-such-folder/graph.ttl");
    let output = run(kg()
        .args(["export", "-o"])
        .arg(&nowhere)
        .arg("--store")
        .arg(&store));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("graph.ttl"),
        "the error should name the file: {}",
        stderr(&output)
    );
    assert!(!nowhere.exists());
}

#[test]
fn invalid_utf8_is_reported_with_file_and_offset_and_the_rest_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("articles");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("good.txt"),
        "Foreign Minister Anna Berg met Ivo Lind in Oslo on Monday.\n",
    )
    .unwrap();
    let mut bad = "Prime Minister Jonas Rask visited Bergen.\n"
        .as_bytes()
        .to_vec();
    let offset = bad.len();
    bad.extend_from_slice(b"Caf\xe9 owners complained.\n");
    fs::write(input.join("latin1.txt"), &bad).unwrap();
    let store = dir.path().join("store");

    let output = run(kg().arg("build").arg(&input).arg("--store").arg(&store));
    assert_eq!(
        output.status.code(),
        Some(1),
        "a bad file should make the run fail: {}",
        stderr(&output)
    );
    let message = stderr(&output);
    assert!(
        message.contains("latin1.txt"),
        "the error should name the file: {message}"
    );
    let bad_byte = offset + 3;
    assert!(
        message.contains(&format!("byte {bad_byte}")),
        "the error should give byte {bad_byte}: {message}"
    );
    assert!(
        message.contains("2 documents: 1 added, 0 replaced, 0 unchanged, 1 failed"),
        "{message}"
    );

    let graphs = csv_rows(&store, GRAPHS_QUERY);
    assert_eq!(
        graphs.len(),
        1,
        "the good file should be loaded: {graphs:?}"
    );

    let output = run(kg().arg("extract").arg(&input));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("latin1.txt"));
    assert_eq!(
        stdout(&output).lines().count(),
        1,
        "the good file is still extracted"
    );
}

#[test]
fn malformed_sparql_is_an_error_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build_examples(&store);
    let output = run(kg()
        .args(["query", "--store"])
        .arg(&store)
        .arg("SELECT ?x WHERE { ?x ?y"));
    // A query that does not parse is a usage error (bad_input.rs checks the message).
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error:"), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
}

#[test]
fn reading_a_missing_store_says_to_build_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("never-built");
    for command in ["query", "export", "viz", "stats"] {
        let mut kg = kg();
        kg.arg(command).arg("--store").arg(&store);
        if command == "query" {
            kg.arg("SELECT * WHERE { ?s ?p ?o }");
        }
        let output = run(&mut kg);
        assert_eq!(output.status.code(), Some(1), "kg {command}");
        assert!(
            stderr(&output).contains("kg build"),
            "kg {command}: {}",
            stderr(&output)
        );
        assert!(!store.exists(), "kg {command} must not create a store");
    }
}

#[test]
fn the_store_defaults_to_kg_store_env() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("from-env");
    let output = run(kg()
        .args(["build", "examples/vienna-energy-talks.txt"])
        .env("KG_STORE", &store));
    assert_success(&output);
    assert!(store.is_dir());
    assert_success(&run(kg().arg("stats").env("KG_STORE", &store)));
}

#[test]
fn viz_writes_dot_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build_examples(&store);
    let output = run(kg().args(["viz", "--store"]).arg(&store));
    assert_success(&output);
    assert!(
        stdout(&output).trim_start().starts_with("digraph"),
        "{}",
        stdout(&output)
    );

    let doc = run(kg()
        .args(["viz", "--doc", "examples/berlin-air-defence.txt", "--store"])
        .arg(&store));
    assert_success(&doc);
    assert!(stdout(&doc).trim_start().starts_with("digraph"));

    let graphviz_installed = Command::new("dot")
        .arg("-V")
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if graphviz_installed {
        let svg = dir.path().join("graph.svg");
        assert_success(&run(kg()
            .args(["viz", "--format", "svg", "-o"])
            .arg(&svg)
            .arg("--store")
            .arg(&store)));
        let svg = fs::read_to_string(svg).unwrap();
        assert!(svg.contains("<svg"), "not an SVG: {svg}");
    } else {
        let output = run(kg().args(["viz", "--format", "svg", "--store"]).arg(&store));
        assert_eq!(output.status.code(), Some(1));
        assert!(stderr(&output).contains("graphviz"), "{}", stderr(&output));
    }
}

#[test]
fn extract_prints_one_json_object_per_document_with_byte_spans() {
    let output = run(kg().arg("extract").arg("examples"));
    assert_success(&output);
    let lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    let articles = example_articles();
    assert_eq!(lines.len(), articles.len());
    for (line, article) in lines.iter().zip(&articles) {
        let value: Value = serde_json::from_str(line).expect("each line is JSON");
        let document = value["document"].as_str().unwrap();
        assert_eq!(workspace_root().join(document), *article);
        let text = fs::read_to_string(article).unwrap();
        assert!(value["facts"].is_array());
        for mention in value["mentions"].as_array().expect("mentions") {
            let start = usize::try_from(mention["start"].as_u64().unwrap()).unwrap();
            let end = usize::try_from(mention["end"].as_u64().unwrap()).unwrap();
            assert_eq!(
                text.get(start..end),
                mention["text"].as_str(),
                "{document}: {mention}"
            );
            let kind = mention["type"].as_str().unwrap();
            assert!(
                ["Person", "Organization", "Place", "Topic"].contains(&kind),
                "{kind}"
            );
            let entity = mention["entity"].as_str().unwrap();
            assert!(
                entity.starts_with('e') && entity[1..].parse::<usize>().is_ok(),
                "{entity}"
            );
        }
    }
}

#[test]
fn extract_reads_stdin_and_writes_rdf() {
    let text = "Canadian Trade Minister Claire Donovan met Hiroshi Tanabe in Ottawa on Monday.\n";
    let output = run_with_stdin(
        kg().args(["extract", "--date", "2026-03-02"]),
        text.as_bytes(),
    );
    assert_success(&output);
    let value: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(value["document"], "-");
    assert_eq!(value["date"], "2026-03-02");

    for (name, format) in [
        ("turtle", RdfFormat::Turtle),
        ("nquads", RdfFormat::NQuads),
        ("trig", RdfFormat::TriG),
        ("ntriples", RdfFormat::NTriples),
    ] {
        let output = run(kg().args([
            "extract",
            "--format",
            name,
            "examples/ottawa-critical-minerals.txt",
        ]));
        assert_success(&output);
        let parsed: Result<Vec<_>, _> = RdfParser::from_format(format)
            .for_slice(&output.stdout)
            .collect();
        parsed.unwrap_or_else(|err| panic!("extract --format {name} does not parse: {err}"));
    }
}

#[test]
fn remove_retracts_a_document_and_reports_unknown_ones() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build_examples(&store);
    let before = csv_rows(&store, GRAPHS_QUERY).len();
    assert_success(&run(kg()
        .args(["remove", "examples/berlin-air-defence.txt", "--store"])
        .arg(&store)));
    assert_eq!(csv_rows(&store, GRAPHS_QUERY).len(), before - 1);

    let output = run(kg()
        .args(["remove", "examples/never-built.txt", "--store"])
        .arg(&store));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("never-built.txt"),
        "{}",
        stderr(&output)
    );

    let rebuilt = build_examples(&store);
    assert!(stderr(&rebuilt).contains("1 added"), "{}", stderr(&rebuilt));
}

#[test]
fn build_reports_missing_paths_and_loads_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let output = run(kg()
        .args([
            "build",
            "examples/vienna-energy-talks.txt",
            "examples/no-such-article.txt",
            "--store",
        ])
        .arg(&store));
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("no-such-article.txt"), "{message}");
    assert!(message.contains("1 added"), "{message}");
}

#[test]
fn quiet_build_prints_nothing_and_verbose_names_each_document() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let quiet = run(kg()
        .args(["build", "-q", "examples", "--store"])
        .arg(&store));
    assert_success(&quiet);
    assert!(stderr(&quiet).is_empty(), "{}", stderr(&quiet));
    assert!(quiet.stdout.is_empty());

    let verbose = run(kg()
        .args(["-v", "build", "examples", "--store"])
        .arg(&store));
    assert_success(&verbose);
    for article in example_articles() {
        let name = article.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            stderr(&verbose).contains(&format!("{name}: unchanged")),
            "{}",
            stderr(&verbose)
        );
    }
}
