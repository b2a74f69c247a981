//! Scaling past one process: `kg extract --format nquads` on shards of a corpus, then
//! `kg import` of the shards, gives the same store as `kg build` of the whole corpus; and
//! `--jobs` changes neither `kg extract`'s output nor the store `kg build` makes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root, so that document ids are `examples/….txt` as in the README.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn kg(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_kg"))
        .current_dir(workspace_root())
        .env_remove("KG_STORE")
        .args(args)
        .output()
        .expect("kg runs");
    assert!(
        output.status.success(),
        "kg {args:?} failed with {}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn path(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// Everything observable of a store: its N-Quads export (every document graph) and every
/// triple of its default graph (the union), as N-Triples text.
fn store_content(store: &Path) -> (String, String) {
    let export = kg(&["export", "--format", "nquads", "--store", path(store)]);
    let union = kg(&[
        "query",
        "--format",
        "tsv",
        "--store",
        path(store),
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
    ]);
    (
        String::from_utf8(export.stdout).unwrap(),
        String::from_utf8(union.stdout).unwrap(),
    )
}

fn articles() -> Vec<String> {
    let mut articles: Vec<String> = fs::read_dir(workspace_root().join("examples"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            Path::new(name)
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("txt"))
        })
        .map(|name| format!("examples/{name}"))
        .collect();
    articles.sort();
    assert!(articles.len() >= 2);
    articles
}

#[test]
fn importing_extracted_shards_equals_building_in_one_process() {
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    kg(&["build", "-q", "examples", "--store", path(&whole)]);

    // Two "machines", each extracting half of the corpus to N-Quads.
    let articles = articles();
    let (first, second) = articles.split_at(articles.len() / 2);
    let mut shards = Vec::new();
    for (i, part) in [first, second].into_iter().enumerate() {
        let mut args = vec!["extract", "--format", "nquads", "--jobs", "2"];
        args.extend(part.iter().map(String::as_str));
        let shard = tmp.path().join(format!("part-{i}.nq"));
        fs::write(&shard, kg(&args).stdout).unwrap();
        shards.push(shard);
    }
    let merged = tmp.path().join("merged");
    let output = kg(&[
        "import",
        path(&shards[0]),
        path(&shards[1]),
        "--store",
        path(&merged),
    ]);
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(
        summary.contains(&format!("{} added", articles.len())),
        "{summary}"
    );
    assert_eq!(store_content(&merged), store_content(&whole));

    // Importing the same shards again changes nothing.
    let output = kg(&[
        "import",
        path(&shards[0]),
        path(&shards[1]),
        "--store",
        path(&merged),
    ]);
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(
        summary.contains(&format!("{} unchanged", articles.len())),
        "{summary}"
    );
    assert_eq!(store_content(&merged), store_content(&whole));
}

#[test]
fn the_number_of_jobs_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    for format in ["json", "nquads", "turtle"] {
        let one = kg(&["extract", "--format", format, "--jobs", "1", "examples"]);
        let three = kg(&["extract", "--format", format, "--jobs", "3", "examples"]);
        assert_eq!(one.stdout, three.stdout, "{format}");
    }
    let one = tmp.path().join("one");
    let three = tmp.path().join("three");
    kg(&[
        "build",
        "-q",
        "--jobs",
        "1",
        "examples",
        "--store",
        path(&one),
    ]);
    kg(&[
        "build",
        "-q",
        "--jobs",
        "3",
        "examples",
        "--store",
        path(&three),
    ]);
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
    let output = Command::new(env!("CARGO_BIN_EXE_kg"))
        .current_dir(workspace_root())
        .args(["import", path(&foreign), "--store", path(&store)])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("foreign.nq") && message.contains("kg build"),
        "{message}"
    );
}
