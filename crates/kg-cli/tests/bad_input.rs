//! Messy input: every kind of bad or odd file either works or fails cleanly (a message naming the
//! file and the byte, exit status 1), never with a panic, and the other inputs of the run still
//! load. One test per item of the input matrix of issue 8, plus malformed SPARQL and bad options.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use kg_graph::oxigraph::io::{RdfFormat, RdfParser};
use kg_graph::oxigraph::model::Quad;
use kg_graph::KgStore;
use serde_json::Value;

mod common;

use common::{assert_status, examples_dir, kg_in, run, stderr, stdout};

/// An example article's text.
fn example(name: &str) -> String {
    fs::read_to_string(examples_dir().join(name)).unwrap()
}

const ARTICLE: &str = "berlin-air-defence.txt";

/// The JSON Lines of `kg extract`, one value per document.
fn extract_json(dir: &Path, args: &[&str]) -> Vec<Value> {
    let output = run(kg_in(dir).arg("extract").args(args));
    assert_status(&output, 0);
    stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// `(start, end, text, type)` of each mention.
fn mentions(document: &Value) -> Vec<(usize, usize, String, String)> {
    document["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                usize::try_from(m["start"].as_u64().unwrap()).unwrap(),
                usize::try_from(m["end"].as_u64().unwrap()).unwrap(),
                m["text"].as_str().unwrap().to_owned(),
                m["type"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Every mention's byte span, applied to the file's bytes, gives the mention's text.
#[track_caller]
fn assert_spans_index_the_file(file: &[u8], document: &Value) {
    for (start, end, text, _) in mentions(document) {
        assert_eq!(
            file.get(start..end),
            Some(text.as_bytes()),
            "the span {start}..{end} of {text:?} is not where the file has it"
        );
    }
}

/// Parses RDF strictly (oxigraph validates IRIs and literals).
fn parse_rdf(bytes: &[u8], format: RdfFormat) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_reader(Cursor::new(bytes))
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("kg wrote invalid {format}: {e}"))
}

fn export(dir: &Path, store: &Path, args: &[&str]) -> Vec<u8> {
    let output = run(kg_in(dir)
        .arg("export")
        .args(args)
        .arg("--store")
        .arg(store));
    assert_status(&output, 0);
    output.stdout
}

fn store_documents(store: &Path) -> Vec<String> {
    KgStore::open_read_only(store).unwrap().documents().unwrap()
}

/// The peak resident memory of a child, read from `/proc` while it runs (Linux only; `None`
/// elsewhere), and its output.
fn run_measuring_memory(command: &mut Command) -> (Output, Option<u64>) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kg starts");
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak_kib = None;
    // Pipes are drained by threads so a chatty child cannot block on a full pipe.
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut out_pipe, &mut bytes).unwrap();
        bytes
    });
    let err_thread = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut err_pipe, &mut bytes).unwrap();
        bytes
    });
    let status = loop {
        // VmHWM is the peak so far; the last reading before the child exits is its peak
        // (to within the polling interval).
        if let Ok(text) = fs::read_to_string(&status_file) {
            if let Some(kib) = text
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|rest| {
                    rest.trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<u64>()
                        .ok()
                })
            {
                peak_kib = Some(kib);
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let output = Output {
        status,
        stdout: out_thread.join().unwrap(),
        stderr: err_thread.join().unwrap(),
    };
    (output, peak_kib.map(|kib| kib * 1024))
}

#[test]
fn invalid_utf8_and_binary_files_are_reported_and_skipped_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("good.txt"), example(ARTICLE)).unwrap();
    let mut latin1 = b"Prime Minister Jonas Rask visited Bergen.\n".to_vec();
    let latin1_bad = latin1.len() + 3;
    latin1.extend_from_slice(b"Caf\xe9 owners complained.\n");
    fs::write(input.join("latin1.txt"), &latin1).unwrap();
    // A PNG header: 0x89 is not UTF-8, at byte 0. No extension, so the folder walk takes it.
    fs::write(input.join("picture"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    // Valid UTF-8 with a NUL byte, as in UTF-16 text or a binary format.
    fs::write(input.join("nul.txt"), b"Anna Berg met\0 Ivo Lind in Oslo.").unwrap();
    let store = dir.path().join("store");

    let output = run(kg_in(dir.path())
        .args(["build", "in", "--store"])
        .arg(&store));
    assert_status(&output, 1);
    let message = stderr(&output);
    for expected in [
        format!("latin1.txt: not valid UTF-8 at byte {latin1_bad}"),
        "picture: not valid UTF-8 at byte 0".to_owned(),
        "nul.txt: a NUL byte at byte 13".to_owned(),
        "4 documents: 1 added, 0 replaced, 0 unchanged, 3 failed".to_owned(),
    ] {
        assert!(
            message.contains(&expected),
            "missing {expected:?} in:\n{message}"
        );
    }
    assert_eq!(store_documents(&store), ["in/good.txt"]);

    // `kg extract` skips the same files and still prints the good one.
    let output = run(kg_in(dir.path()).args(["extract", "in"]));
    assert_status(&output, 1);
    assert_eq!(stdout(&output).lines().count(), 1);
    assert!(stderr(&output).contains("nul.txt: a NUL byte at byte 13"));
}

#[test]
fn lossy_decodes_with_replacement_characters_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    let mut latin1 = b"Prime Minister Jonas Rask visited Bergen.\n".to_vec();
    let latin1_bad = latin1.len() + 3;
    latin1.extend_from_slice(b"Caf\xe9 owners met Foreign Minister Anna Berg in Oslo.\n");
    fs::write(input.join("latin1.txt"), &latin1).unwrap();
    fs::write(input.join("nul.txt"), b"Anna Berg met\0 Ivo Lind in Oslo.").unwrap();

    let output = run(kg_in(dir.path()).args(["extract", "--lossy", "in/latin1.txt"]));
    assert_status(&output, 0);
    let warning = stderr(&output);
    assert!(
        warning.contains(&format!("latin1.txt: not valid UTF-8 at byte {latin1_bad}"))
            && warning.contains("U+FFFD")
            && warning.contains("--lossy"),
        "{warning}"
    );
    let document: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    // Spans index the repaired text, which has U+FFFD (3 bytes) for the 1-byte 0xE9.
    let repaired = String::from_utf8_lossy(&latin1).into_owned();
    assert!(repaired.contains("Caf\u{fffd} owners"));
    assert_spans_index_the_file(repaired.as_bytes(), &document);

    // Without -q the warning shows; the store takes both documents.
    let store = dir.path().join("store");
    let output = run(kg_in(dir.path())
        .args(["build", "--lossy", "in", "--store"])
        .arg(&store));
    assert_status(&output, 0);
    assert!(stderr(&output).contains("nul.txt: a NUL byte at byte 13"));
    assert!(stderr(&output).contains("2 documents: 2 added"));
    // The NUL and the U+FFFD are written as valid RDF.
    let nquads = export(dir.path(), &store, &["--format", "nquads"]);
    let quads = parse_rdf(&nquads, RdfFormat::NQuads);
    assert!(quads
        .iter()
        .any(|q| q.object.to_string().contains("Caf\u{fffd}")));
    parse_rdf(
        &export(dir.path(), &store, &["--format", "trig"]),
        RdfFormat::TriG,
    );
}

#[test]
fn empty_and_blank_files_are_documents_without_statements() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(dir.path().join("blank.txt"), "\n \t\r\n\u{a0}\n").unwrap();
    let documents = extract_json(dir.path(), &["empty.txt", "blank.txt"]);
    assert_eq!(documents.len(), 2);
    for document in &documents {
        assert_eq!(document["mentions"], Value::Array(vec![]), "{document}");
    }
    let store = dir.path().join("store");
    let output = run(kg_in(dir.path())
        .args(["build", "empty.txt", "blank.txt", "--store"])
        .arg(&store));
    assert_status(&output, 0);
    assert!(stderr(&output).contains("2 documents: 2 added"));
    let output = run(kg_in(dir.path())
        .args(["build", "empty.txt", "blank.txt", "--store"])
        .arg(&store));
    assert_status(&output, 0);
    assert!(stderr(&output).contains("2 unchanged"));
    parse_rdf(
        &export(dir.path(), &store, &["--format", "nquads"]),
        RdfFormat::NQuads,
    );
}

#[test]
fn a_byte_order_mark_is_kept_so_spans_stay_offsets_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = example(ARTICLE);
    let mut with_bom = "\u{feff}".as_bytes().to_vec();
    with_bom.extend_from_slice(text.as_bytes());
    fs::write(dir.path().join("plain.txt"), &text).unwrap();
    fs::write(dir.path().join("bom.txt"), &with_bom).unwrap();
    let documents = extract_json(dir.path(), &["plain.txt", "bom.txt"]);
    let (plain, bom) = (&documents[0], &documents[1]);
    assert_spans_index_the_file(&with_bom, bom);
    // The same findings, three bytes further on.
    let shifted: Vec<_> = mentions(plain)
        .into_iter()
        .map(|(start, end, text, kind)| (start + 3, end + 3, text, kind))
        .collect();
    assert!(!shifted.is_empty());
    assert_eq!(mentions(bom), shifted);
    assert_eq!(
        plain["facts"].as_array().unwrap().len(),
        bom["facts"].as_array().unwrap().len()
    );
    assert_eq!(plain["date"], bom["date"]);
}

#[test]
fn crlf_line_endings_find_the_same_names_as_lf() {
    let dir = tempfile::tempdir().unwrap();
    let text = example(ARTICLE);
    let crlf = text.replace('\n', "\r\n");
    fs::write(dir.path().join("lf.txt"), &text).unwrap();
    fs::write(dir.path().join("crlf.txt"), &crlf).unwrap();
    let documents = extract_json(dir.path(), &["lf.txt", "crlf.txt"]);
    let (lf, crlf_doc) = (&documents[0], &documents[1]);
    assert_spans_index_the_file(crlf.as_bytes(), crlf_doc);
    let names = |document: &Value| -> Vec<(String, String)> {
        mentions(document)
            .into_iter()
            .map(|(_, _, text, kind)| (text, kind))
            .collect()
    };
    assert!(!names(lf).is_empty());
    assert_eq!(names(crlf_doc), names(lf));
    assert!(names(crlf_doc).iter().all(|(text, _)| !text.contains('\r')));
    assert_eq!(
        lf["facts"].as_array().unwrap().len(),
        crlf_doc["facts"].as_array().unwrap().len()
    );
    assert_eq!(lf["date"], crlf_doc["date"]);
}

/// Words without a single newline: `bytes` long, with a name now and then.
fn one_long_line(bytes: usize) -> String {
    let words = [
        "the",
        "talks",
        "went",
        "on",
        "for",
        "hours",
        "while",
        "officials",
        "waited",
        "outside",
    ];
    let mut line = String::with_capacity(bytes + 64);
    let mut i = 0_usize;
    while line.len() < bytes {
        if i.is_multiple_of(500) {
            line.push_str("Anna Berg met Ivo Lind in Oslo; ");
        }
        line.push_str(words[i % words.len()]);
        line.push(' ');
        i += 1;
    }
    line.truncate(bytes);
    line
}

#[test]
fn a_very_long_line_loads_and_a_huge_file_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    // 1 MB without a newline is extracted and loaded.
    fs::write(dir.path().join("long.txt"), one_long_line(1 << 20)).unwrap();
    // 40 MB without a newline is over the default --max-size (4 MiB) and refused before it is
    // read, while the other file of the run still loads.
    fs::write(dir.path().join("huge.txt"), one_long_line(40 << 20)).unwrap();
    let store = dir.path().join("store");
    let started = Instant::now();
    let (output, peak) = run_measuring_memory(
        kg_in(dir.path())
            .args(["build", "long.txt", "huge.txt", "--store"])
            .arg(&store),
    );
    let took = started.elapsed();
    assert_status(&output, 1);
    let message = stderr(&output);
    assert!(
        message.contains("huge.txt: 41943040 bytes") && message.contains("--max-size"),
        "{message}"
    );
    assert!(message.contains("2 documents: 1 added"), "{message}");
    assert_eq!(store_documents(&store), ["long.txt"]);
    if let Some(peak) = peak {
        // The 40 MB file is never in memory; the 1 MB one takes a few hundred MB at most.
        assert!(peak < 400 << 20, "kg build peaked at {} MiB", peak >> 20);
    }
    assert!(took < Duration::from_mins(1), "took {took:?}");

    // A smaller --max-size refuses the 1 MB file too, and standard input is held to it.
    let output = run(kg_in(dir.path()).args(["extract", "--max-size", "64K", "long.txt"]));
    assert_status(&output, 1);
    assert!(stderr(&output).contains("long.txt: 1048576 bytes"));
    let mut child = kg_in(dir.path())
        .args(["extract", "--max-size", "1K", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // kg stops reading after the limit, so the write may fail with a broken pipe.
    let _ = std::io::Write::write_all(&mut stdin, one_long_line(64 << 10).as_bytes());
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_status(&output, 1);
    assert!(
        stderr(&output).contains("standard input: more than 1024 bytes"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn deeply_nested_punctuation_is_text_like_any_other() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 20_000;
    let mut text = String::new();
    text.push_str(&"(".repeat(depth));
    text.push_str("Foreign Minister Anna Berg met Ivo Lind in Oslo.");
    text.push_str(&")".repeat(depth));
    text.push(' ');
    text.push_str(&"[{\"<«“'".repeat(depth / 4));
    text.push_str("Hakan Fidan");
    text.push_str(&"'”»>\"}]".repeat(depth / 4));
    text.push_str(&".!?…".repeat(depth / 4));
    text.push_str(&" -- ".repeat(depth / 4));
    fs::write(dir.path().join("nested.txt"), &text).unwrap();
    let documents = extract_json(dir.path(), &["nested.txt"]);
    assert_spans_index_the_file(text.as_bytes(), &documents[0]);
    let store = dir.path().join("store");
    let output = run(kg_in(dir.path())
        .args(["build", "nested.txt", "--store"])
        .arg(&store));
    assert_status(&output, 0);
    parse_rdf(
        &export(dir.path(), &store, &["--format", "trig"]),
        RdfFormat::TriG,
    );
}

#[test]
fn iri_illegal_characters_in_names_and_paths_give_valid_iris() {
    let dir = tempfile::tempdir().unwrap();
    let name = "odd <name> \"q\" {x}|^`\\ 100%.txt";
    let text = "Foreign Minister Anna <Berg> met \"Ivo\" {Lind}|^ in Oslo on Monday. \
                Prime Minister Jo^nas Ra|sk and Pres`ident Ma\\ria <Sol> visited Ber{gen}. \
                The <NATO> secretary general, Mark Rutte, met Anna Berg in Brussels.";
    fs::write(dir.path().join(name), text).unwrap();
    let store = dir.path().join("store");
    let output = run(kg_in(dir.path())
        .args(["build", name, "--store"])
        .arg(&store));
    assert_status(&output, 0);
    assert_eq!(store_documents(&store), [name]);

    // Every format parses strictly, and the document's IRI is percent-encoded.
    for (format, rdf_format) in [
        ("nquads", RdfFormat::NQuads),
        ("trig", RdfFormat::TriG),
        ("turtle", RdfFormat::Turtle),
        ("ntriples", RdfFormat::NTriples),
    ] {
        parse_rdf(
            &export(dir.path(), &store, &["--format", format]),
            rdf_format,
        );
    }
    let quads = parse_rdf(
        &export(dir.path(), &store, &["--format", "nquads", "--graph", name]),
        RdfFormat::NQuads,
    );
    let graph = quads[0].graph_name.to_string();
    assert!(
        graph.contains("odd%20%3Cname%3E%20%22q%22%20%7Bx%7D%7C%5E%60%5C%20100%25.txt"),
        "{graph}"
    );
    let output = run(kg_in(dir.path()).args(["extract", "--format", "nquads", name]));
    assert_status(&output, 0);
    parse_rdf(&output.stdout, RdfFormat::NQuads);

    // The path as given finds the document again.
    let output = run(kg_in(dir.path())
        .args(["remove", name, "--store"])
        .arg(&store));
    assert_status(&output, 0);
    assert!(store_documents(&store).is_empty());
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_still_loads() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let dir = tempfile::tempdir().unwrap();
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(dir.path().join(name), "Anna Berg met Ivo Lind in Oslo.").unwrap();
    let store = dir.path().join("store");
    let output = run(kg_in(dir.path())
        .arg("build")
        .arg(name)
        .arg("--store")
        .arg(&store));
    assert_status(&output, 0);
    // The id is the name as far as it is text; the IRI is valid.
    assert_eq!(store_documents(&store), ["caf\u{fffd}.txt"]);
    parse_rdf(
        &export(dir.path(), &store, &["--format", "nquads"]),
        RdfFormat::NQuads,
    );
}

#[test]
fn malformed_sparql_is_a_usage_error_with_the_position_and_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    fs::write(dir.path().join("a.txt"), example(ARTICLE)).unwrap();
    assert_status(
        &run(kg_in(dir.path())
            .args(["build", "a.txt", "--store"])
            .arg(&store)),
        0,
    );
    let query = "SELECT ?name\nWHERE { ?p a schema:Person ; rdfs:label ?name\n";
    fs::write(dir.path().join("bad.rq"), query).unwrap();
    let output = run(kg_in(dir.path())
        .args(["query", "--file", "bad.rq", "--store"])
        .arg(&store));
    assert_status(&output, 2);
    let message = stderr(&output);
    assert!(
        message.starts_with("error: bad.rq: SPARQL syntax error at line "),
        "{message}"
    );
    assert!(message.contains("check the query near `"), "{message}");
    // Short: no character ranges from the grammar, one line.
    assert!(!message.contains("..="), "{message}");
    assert_eq!(message.trim_end().lines().count(), 1, "{message}");
    assert!(stdout(&output).is_empty());

    let output = run(kg_in(dir.path())
        .args(["query", "--store"])
        .arg(&store)
        .arg("SELECT ?x WHERE { ?x ?y"));
    assert_status(&output, 2);
    assert!(
        stderr(&output).contains("at line 1, column 24")
            && stderr(&output).contains("near `?x WHERE { ?x ?y`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bad_options_are_usage_errors_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["build", "a.txt", "--wait", "soon"][..],
        &["build", "a.txt", "--wait", "-1"],
        &["build", "a.txt", "--max-size", "4T"],
        &["extract", "--max-size", "0", "a.txt"],
        &["build", "a.txt", "--lossy=maybe"],
        &["query", "--format", "yaml", "ASK {}"],
        &["remove"],
        &["build", "--no-such-option", "a.txt"],
    ] {
        let output = run(kg_in(dir.path()).args(args));
        assert_status(&output, 2);
        let message = stderr(&output);
        assert!(
            message.starts_with("error:") && message.contains("--help"),
            "kg {args:?}: {message}"
        );
    }
}
