//! The store under stress: `kill -9` in the middle of `kg build`, a second writer, and readers
//! side by side. Nothing is lost, nothing is half-written, and nobody hangs.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use kg_graph::oxigraph::io::{RdfFormat, RdfParser};
use kg_graph::{ExportFormat, KgStore, QueryOutput};

mod common;

use common::{assert_status, example_articles, kg_in, stderr};

/// How many documents the crash test builds: enough that a build takes about a second in the
/// dev profile and that a fresh build goes through oxigraph's bulk loader (20 000 statements or
/// more), so the kills land in every phase: extraction, the bulk write of new documents, and
/// the one transaction per replaced document.
const DOCUMENTS: usize = 64;

/// Writes the corpus into `dir/in`: the example articles, each several times with a closing
/// line that differs between version `A` and version `B`, so a second build replaces every
/// document.
fn write_corpus(dir: &Path, version: char) {
    let input = dir.join("in");
    fs::create_dir_all(&input).unwrap();
    let articles = example_articles();
    for k in 0..DOCUMENTS {
        let article = &articles[k % articles.len()];
        let mut text = fs::read_to_string(article).unwrap();
        let closing = if version == 'A' {
            format!("\nEditor's note {k}: Prime Minister Jonas Rask visited Bergen.\n")
        } else {
            format!("\nCorrection {k}: Foreign Minister Anna Berg met Ivo Lind in Oslo.\n")
        };
        text.push_str(&closing);
        let stem = article.file_stem().unwrap().to_string_lossy();
        fs::write(input.join(format!("{stem}-{k:03}.txt")), text).unwrap();
    }
}

/// The rows of a SELECT, each term as text.
fn select(store: &KgStore, sparql: &str) -> Vec<Vec<String>> {
    let QueryOutput::Solutions { rows, .. } = store.query(sparql).unwrap() else {
        panic!("not a SELECT")
    };
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|term| term.as_ref().map(kg_graph::term_text).unwrap_or_default())
                .collect()
        })
        .collect()
}

fn count(store: &KgStore, sparql: &str) -> usize {
    select(store, sparql)[0][0].parse().unwrap()
}

/// Each named graph's `kg:contentHash` (a hash of all its other statements, as
/// `kg_graph::extraction_to_quads` made them) and its number of statements. A graph written in
/// part would lack its hash or have fewer statements than the version its hash names.
type Fingerprints = BTreeMap<String, (String, usize)>;

fn fingerprints(store: &KgStore) -> Fingerprints {
    let hashes: BTreeMap<String, String> = select(
        store,
        "SELECT ?g ?hash WHERE { GRAPH ?g { ?g kg:contentHash ?hash } }",
    )
    .into_iter()
    .map(|row| (row[0].clone(), row[1].clone()))
    .collect();
    select(
        store,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    )
    .into_iter()
    .map(|row| {
        let hash = hashes.get(&row[0]).cloned().unwrap_or_default();
        (row[0].clone(), (hash, row[1].parse().unwrap()))
    })
    .collect()
}

/// Every named graph's statements as N-Quads lines: the whole content, for the final check.
fn statements(store: &KgStore) -> BTreeSet<String> {
    let mut bytes = Vec::new();
    store
        .export(ExportFormat::NQuads, None, &mut bytes)
        .unwrap();
    RdfParser::from_format(RdfFormat::NQuads)
        .for_reader(Cursor::new(bytes))
        .map(|quad| quad.unwrap().to_string())
        .collect()
}

/// The store opens, every document in it is exactly one of its two complete versions, and the
/// default graph is still the union of the document graphs. Returns how many documents are in
/// version A and how many in version B.
#[track_caller]
fn assert_consistent(
    store_dir: &Path,
    a: &Fingerprints,
    b: &Fingerprints,
    context: &str,
) -> (usize, usize) {
    let store = KgStore::open(store_dir)
        .unwrap_or_else(|e| panic!("{context}: the store does not open: {e}"));
    let graphs = fingerprints(&store);
    let mut versions = (0, 0);
    for (graph, fingerprint) in &graphs {
        if a.get(graph) == Some(fingerprint) {
            versions.0 += 1;
        } else if b.get(graph) == Some(fingerprint) {
            versions.1 += 1;
        } else {
            panic!("{context}: {graph} is neither version A nor version B: {fingerprint:?}");
        }
    }
    assert_eq!(
        store.documents().unwrap().len(),
        graphs.len(),
        "{context}: a graph without its document node"
    );
    let union = count(&store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
    let distinct = count(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }",
    );
    assert_eq!(
        union, distinct,
        "{context}: the default graph is not the union"
    );
    versions
}

/// A small xorshift generator: the kill points vary from run to run, and the seed is printed
/// so a failure can be replayed with `KG_CRASH_SEED`.
struct Random(u64);

impl Random {
    fn next_fraction(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        // The top 53 bits as a fraction of 1.
        #[allow(clippy::cast_precision_loss)]
        let fraction = (self.0 >> 11) as f64 / (1_u64 << 53) as f64;
        fraction
    }
}

fn build(dir: &Path, store: &Path) -> Command {
    let mut command = kg_in(dir);
    command
        .args(["-q", "build", "in", "--store"])
        .arg(store)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

#[test]
fn kill_9_mid_build_leaves_every_document_whole_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    // Reference stores: every document in version A, and in version B.
    let mut reference = BTreeMap::new();
    let mut all_of_a = BTreeSet::new();
    let mut fresh_build = Duration::ZERO;
    for version in ['A', 'B'] {
        write_corpus(dir.path(), version);
        let store = dir.path().join(format!("reference-{version}"));
        let started = Instant::now();
        assert_status(&build(dir.path(), &store).output().unwrap(), 0);
        fresh_build = fresh_build.max(started.elapsed());
        let reference_store = KgStore::open_read_only(&store).unwrap();
        let graphs = fingerprints(&reference_store);
        assert_eq!(graphs.len(), DOCUMENTS);
        reference.insert(version, graphs);
        if version == 'A' {
            all_of_a = statements(&reference_store);
        }
    }
    let (a, b) = (&reference[&'A'], &reference[&'B']);
    assert!(a.iter().zip(b).all(|(x, y)| x.0 == y.0 && x.1 != y.1));

    let seed = std::env::var("KG_CRASH_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(|| {
            let nanos = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .subsec_nanos();
            u64::from(nanos) | 1
        });
    eprintln!("kill points from KG_CRASH_SEED={seed}; a fresh build takes {fresh_build:.2?}");
    let mut random = Random(seed);
    let store = dir.path().join("store");
    // Replacing every document takes about twice as long as a fresh build.
    let longest = fresh_build.mul_f64(2.2);
    for iteration in 0..8 {
        let version = if iteration % 2 == 0 { 'A' } else { 'B' };
        write_corpus(dir.path(), version);
        let delay = longest.mul_f64(random.next_fraction());
        let mut child = build(dir.path(), &store).spawn().unwrap();
        std::thread::sleep(delay);
        // SIGKILL on Unix: no destructor runs, nothing is flushed or unlocked.
        let _ = child.kill();
        let output = child.wait_with_output().unwrap();
        assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
        let context = format!("after a kill at {delay:.2?} of building version {version}");
        let (in_a, in_b) = assert_consistent(&store, a, b, &context);
        eprintln!(
            "{context}: {in_a} documents in version A, {in_b} in B, {} absent",
            DOCUMENTS - in_a - in_b
        );
    }

    // Building again finishes the job: the store equals a clean build.
    write_corpus(dir.path(), 'A');
    let output = build(dir.path(), &store).output().unwrap();
    assert_status(&output, 0);
    assert_eq!(
        assert_consistent(&store, a, b, "after the final build"),
        (DOCUMENTS, 0)
    );
    assert!(
        statements(&KgStore::open_read_only(&store).unwrap()) == all_of_a,
        "building again did not give the store a clean build gives"
    );
    // No leftovers of an interrupted bulk write (oxigraph writes `bulk-*.sst` beside the store's
    // own files before handing them to RocksDB).
    let leftovers: Vec<String> = fs::read_dir(&store)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("bulk-"))
        .collect();
    assert!(leftovers.is_empty(), "left over: {leftovers:?}");
}

fn small_store(dir: &Path) -> PathBuf {
    fs::write(
        dir.join("a.txt"),
        "Foreign Minister Anna Berg met Ivo Lind in Oslo on Monday.\n",
    )
    .unwrap();
    let store = dir.join("store");
    let output = kg_in(dir)
        .args(["build", "a.txt", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert_status(&output, 0);
    store
}

#[test]
fn a_second_writer_is_told_the_store_is_in_use_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = small_store(dir.path());
    fs::write(
        dir.path().join("b.txt"),
        "Prime Minister Jonas Rask visited Bergen.\n",
    )
    .unwrap();
    // This process is the first writer.
    let writer = KgStore::open(&store).unwrap();
    for args in [&["build", "b.txt"][..], &["remove", "a.txt"]] {
        let started = Instant::now();
        let output = kg_in(dir.path())
            .args(args)
            .arg("--store")
            .arg(&store)
            .output()
            .unwrap();
        assert_status(&output, 1);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "it should not hang"
        );
        let message = stderr(&output);
        assert!(
            message.contains("is in use by another kg process") && message.contains("--wait"),
            "kg {args:?}: {message}"
        );
    }
    // --wait gives up after the time it was given.
    let started = Instant::now();
    let output = kg_in(dir.path())
        .args(["build", "b.txt", "--wait", "0.5", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert_status(&output, 1);
    assert!(started.elapsed() >= Duration::from_millis(500));
    assert!(
        stderr(&output).contains("still in use after waiting"),
        "{}",
        stderr(&output)
    );
    // … and goes ahead as soon as the store is free.
    let waiting = kg_in(dir.path())
        .args(["build", "b.txt", "--wait", "60", "--store"])
        .arg(&store)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(writer.documents().unwrap(), ["a.txt"]);
    drop(writer);
    let output = waiting.wait_with_output().unwrap();
    assert_status(&output, 0);
    assert!(
        stderr(&output).contains("waiting up to 60.0 s"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        KgStore::open_read_only(&store)
            .unwrap()
            .documents()
            .unwrap(),
        ["a.txt", "b.txt"]
    );
}

#[test]
fn readers_work_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let store = small_store(dir.path());
    let reader = KgStore::open_read_only(&store).unwrap();
    let query = |format: &str| {
        kg_in(dir.path())
            .args(["query", "--format", format, "--store"])
            .arg(&store)
            .arg("SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children = [query("csv"), query("tsv"), query("json")];
    let stats = kg_in(dir.path())
        .args(["stats", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert_status(&stats, 0);
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert_status(&output, 0);
        assert!(String::from_utf8_lossy(&output.stdout).contains("Anna Berg"));
    }
    assert_eq!(reader.documents().unwrap(), ["a.txt"]);
}
