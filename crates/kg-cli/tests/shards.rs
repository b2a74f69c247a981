//! Scaling past one process: `kg extract --format nquads` on shards of a corpus, then
//! `kg import` of the shards, gives the same store as `kg build` of the whole corpus; and
//! `--jobs` changes neither `kg extract`'s output nor the store `kg build` makes.

use std::fs;
use std::path::{Path, PathBuf};

mod common;

use common::{example_articles, kg, run, stderr, stdout, success};

/// Everything observable of a store: its N-Quads export (every document graph) and every
/// triple of its default graph (the union), as N-Triples text.
fn store_content(store: &Path) -> (String, String) {
    let export = success(
        kg().args(["export", "--format", "nquads", "--store"])
            .arg(store),
    );
    let union = success(
        kg().args(["query", "--format", "tsv", "--store"])
            .arg(store)
            .arg("SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"),
    );
    (stdout(&export), stdout(&union))
}

/// The example articles as a user names them from the workspace root: `examples/….txt`.
fn articles() -> Vec<String> {
    let articles: Vec<String> = example_articles()
        .iter()
        .map(|path| format!("examples/{}", path.file_name().unwrap().to_string_lossy()))
        .collect();
    assert!(articles.len() >= 2);
    articles
}

/// `kg import` of `shards` into `store`; returns its summary (standard error).
fn import(shards: &[PathBuf], store: &Path) -> String {
    stderr(&success(
        kg().arg("import").args(shards).arg("--store").arg(store),
    ))
}

#[test]
fn importing_extracted_shards_equals_building_in_one_process() {
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    success(
        kg().args(["build", "-q", "examples", "--store"])
            .arg(&whole),
    );

    // Two "machines", each extracting half of the corpus to N-Quads.
    let articles = articles();
    let (first, second) = articles.split_at(articles.len() / 2);
    let mut shards = Vec::new();
    for (i, part) in [first, second].into_iter().enumerate() {
        let output = success(
            kg().args(["extract", "--format", "nquads", "--jobs", "2"])
                .args(part),
        );
        let shard = tmp.path().join(format!("part-{i}.nq"));
        fs::write(&shard, output.stdout).unwrap();
        shards.push(shard);
    }
    let merged = tmp.path().join("merged");
    // The second import of the same shards changes nothing.
    for outcome in ["added", "unchanged"] {
        let summary = import(&shards, &merged);
        assert!(
            summary.contains(&format!("{} {outcome}", articles.len())),
            "{summary}"
        );
        assert_eq!(store_content(&merged), store_content(&whole));
    }
}

#[test]
fn the_number_of_jobs_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    for format in ["json", "nquads", "turtle"] {
        let one = success(kg().args(["extract", "--format", format, "--jobs", "1", "examples"]));
        let three = success(kg().args(["extract", "--format", format, "--jobs", "3", "examples"]));
        assert_eq!(one.stdout, three.stdout, "{format}");
    }
    let one = tmp.path().join("one");
    let three = tmp.path().join("three");
    success(
        kg().args(["build", "-q", "--jobs", "1", "examples", "--store"])
            .arg(&one),
    );
    success(
        kg().args(["build", "-q", "--jobs", "3", "examples", "--store"])
            .arg(&three),
    );
    assert_eq!(store_content(&one), store_content(&three));
}

#[test]
fn import_rejects_files_kg_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let foreign = tmp.path().join("foreign.nq");
    fs::write(
        &foreign,
        "<http://example.org/s> <http://example.org/p> \"o\" <http://example.org/g> .\n",
    )
    .unwrap();
    let store = tmp.path().join("store");
    let output = run(kg().arg("import").arg(&foreign).arg("--store").arg(&store));
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("foreign.nq") && message.contains("kg build"),
        "{message}"
    );
}
