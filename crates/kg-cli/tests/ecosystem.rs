//! kg among other RDF tools, end to end through the binary: RDF files loaded by `kg build`,
//! the SPARQL endpoint of `kg serve`, shell completions, NO_COLOR and standard input.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfParser};
use serde_json::Value;

mod common;

use common::{build_examples, csv_rows, kg, run_with_stdin, stderr, stdout, success};

const PEOPLE_TTL: &str = "@prefix schema: <https://schema.org/> .\n\
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
<https://w3id.org/kg/id/person/astrid-halvorsen> schema:birthPlace <http://example.org/bergen> .\n\
<http://example.org/bergen> rdfs:label \"Bergen\" .\n";

const GRAPHS_NQ: &str =
    "<http://example.org/a> <http://example.org/p> \"one\" <http://example.org/g1> .\n\
<http://example.org/b> <http://example.org/p> \"two\" <http://example.org/g2> .\n";

#[test]
fn build_loads_rdf_files_beside_the_articles() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    fs::write(data.join("people.ttl"), PEOPLE_TTL).unwrap();
    fs::write(data.join("graphs.nq"), GRAPHS_NQ).unwrap();

    let output = success(
        kg().args(["build", "examples/vienna-energy-talks.txt"])
            .arg(&data)
            .arg("--store")
            .arg(&store),
    );
    assert!(
        stderr(&output).contains("3 documents: 3 added"),
        "{}",
        stderr(&output)
    );
    // The file's triples join kg's own: Astrid Halvorsen is one node.
    assert_eq!(
        csv_rows(
            &store,
            "SELECT ?place WHERE { ?p rdfs:label \"Astrid Halvorsen\" ; \
             schema:birthPlace/rdfs:label ?place }"
        ),
        ["Bergen"]
    );
    // N-Quads keep their graphs.
    assert_eq!(
        csv_rows(
            &store,
            "SELECT ?g WHERE { GRAPH ?g { ?s <http://example.org/p> ?o } } ORDER BY ?g"
        ),
        ["http://example.org/g1", "http://example.org/g2"]
    );
    let again = success(
        kg().args(["build", "examples/vienna-energy-talks.txt"])
            .arg(&data)
            .arg("--store")
            .arg(&store),
    );
    assert!(stderr(&again).contains("3 unchanged"), "{}", stderr(&again));
    success(
        kg().arg("remove")
            .arg(data.join("graphs.nq"))
            .arg("--store")
            .arg(&store),
    );
    assert!(csv_rows(
        &store,
        "SELECT ?g WHERE { GRAPH ?g { ?s <http://example.org/p> ?o } }"
    )
    .is_empty());

    // A broken file is reported with its name and place; the rest of the store stays.
    fs::write(data.join("broken.nt"), "<http://example.org/a> <b> .\n").unwrap();
    let output = kg()
        .arg("build")
        .arg(data.join("broken.nt"))
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("broken.nt: not valid ntriples at byte"),
        "{message}"
    );
    assert_eq!(
        csv_rows(
            &store,
            "SELECT ?l WHERE { <http://example.org/bergen> rdfs:label ?l }"
        ),
        ["Bergen"]
    );

    // `kg extract` reads text only and says so.
    let output = success(kg().arg("extract").arg(data.join("people.ttl")));
    assert!(output.stdout.is_empty());
    assert!(
        stderr(&output).contains("an RDF file, not text"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn build_reads_a_document_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let article = "Foreign Minister Anna Berg met Ivo Lind in Oslo on Monday.";
    for expected in ["1 added", "1 unchanged"] {
        let output = run_with_stdin(
            kg().args(["build", "-", "--store"]).arg(&store),
            article.as_bytes(),
        );
        assert!(output.status.success());
        assert!(stderr(&output).contains(expected), "{}", stderr(&output));
    }
    assert_eq!(
        csv_rows(&store, "SELECT ?path WHERE { ?doc kg:sourcePath ?path }"),
        ["-"]
    );
    let people = csv_rows(
        &store,
        "SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name }",
    );
    assert!(people.contains(&"Anna Berg".to_owned()), "{people:?}");
}

#[test]
fn completions_are_printed_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _kg"),
        ("zsh", "#compdef kg"),
        ("fish", "complete -c kg"),
    ] {
        let output = success(kg().args(["completions", shell]));
        let script = stdout(&output);
        assert!(script.contains(marker), "{shell}: {script}");
        for command in ["build", "serve", "viz", "completions"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    let output = kg().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn no_color_turns_colours_off_even_when_forced() {
    let has_escape =
        |output: &Output| output.stdout.contains(&0x1b) || output.stderr.contains(&0x1b);
    let forced = kg()
        .arg("--help")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(has_escape(&forced), "CLICOLOR_FORCE colours the help");
    for args in [&["--help"][..], &["build", "--no-such-flag"][..]] {
        let plain = kg()
            .args(args)
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(!has_escape(&plain), "{args:?} is coloured despite NO_COLOR");
    }
}

/// A running `kg serve`, stopped when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start(store: &Path) -> Self {
        let mut child = kg()
            .args(["serve", "--bind", "127.0.0.1:0", "--store"])
            .arg(store)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_owned();
        Server { child, address }
    }

    /// Sends one request and returns the status, the Content-Type and the body.
    fn request(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut request = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.address,
            body.len()
        );
        for (name, value) in headers {
            let _ = write!(request, "{name}: {value}\r\n");
        }
        request.push_str("\r\n");
        request.push_str(body);
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8(response).expect("the response is UTF-8");
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        let content_type = head
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("content-type")
                    .then(|| value.trim().to_owned())
            })
            .unwrap_or_default();
        Reply {
            status,
            content_type,
            body: body.to_owned(),
        }
    }

    fn get(&self, target: &str, accept: &str) -> Reply {
        self.request("GET", target, &[("Accept", accept)], "")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    content_type: String,
    body: String,
}

fn encode(query: &str) -> String {
    let mut out = String::new();
    for byte in query.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[test]
fn serve_answers_sparql_protocol_requests_by_content_negotiation() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build_examples(&store);
    let server = Server::start(&store);
    let people = "SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name";
    let expected = csv_rows(&store, people);
    assert!(expected.len() >= 4);
    let get = |accept: &str| server.get(&format!("/query?query={}", encode(people)), accept);

    // SPARQL JSON is the default; the names are those `kg query` gives.
    let json = get("application/sparql-results+json");
    assert_eq!(json.status, 200, "{json:?}");
    assert_eq!(json.content_type, "application/sparql-results+json");
    let parsed: Value = serde_json::from_str(&json.body).unwrap();
    let names: Vec<&str> = parsed["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"]["value"].as_str().unwrap())
        .collect();
    assert_eq!(names, expected);
    assert_eq!(get("").content_type, "application/sparql-results+json");

    let csv = get("text/csv");
    assert_eq!(csv.content_type, "text/csv; charset=utf-8");
    let rows: Vec<&str> = csv.body.lines().skip(1).map(str::trim_end).collect();
    assert_eq!(rows, expected);

    let tsv = get("text/tab-separated-values");
    assert!(tsv.body.starts_with("?name\n"), "{tsv:?}");
    assert_eq!(tsv.body.lines().count(), expected.len() + 1);

    let xml = get("application/sparql-results+xml");
    assert_eq!(xml.content_type, "application/sparql-results+xml");
    assert_eq!(xml.body.matches("<result>").count(), expected.len());

    // POST, both as a SPARQL body and as a form; ASK.
    let posted = server.request(
        "POST",
        "/query",
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "text/csv"),
        ],
        people,
    );
    assert_eq!(posted.body, csv.body);
    let form = server.request(
        "POST",
        "/query",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/sparql-results+json"),
        ],
        &format!("query={}", encode("ASK { ?p a schema:Person }")),
    );
    assert_eq!(form.status, 200, "{form:?}");
    assert_eq!(
        serde_json::from_str::<Value>(&form.body).unwrap()["boolean"],
        Value::Bool(true)
    );

    // Graph results: Turtle by default, N-Triples on request; both parse to the same triples.
    let construct =
        encode("CONSTRUCT { ?p rdfs:label ?name } WHERE { ?p a schema:Person ; rdfs:label ?name }");
    let turtle = server.get(&format!("/query?query={construct}"), "*/*");
    assert_eq!(turtle.content_type, "text/turtle; charset=utf-8");
    let ntriples = server.get(
        &format!("/query?query={construct}"),
        "application/n-triples",
    );
    assert_eq!(ntriples.content_type, "application/n-triples");
    let count = |format: RdfFormat, body: &str| {
        RdfParser::from_format(format)
            .for_slice(body.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
            .len()
    };
    assert_eq!(count(RdfFormat::Turtle, &turtle.body), expected.len());
    assert_eq!(count(RdfFormat::NTriples, &ntriples.body), expected.len());

    // The page, and what is refused.
    let page = server.get("/", "text/html");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<textarea"), "{page:?}");
    assert_eq!(server.get("/query?query=SELEC", "*/*").status, 400);
    assert_eq!(server.get("/query", "*/*").status, 400);
    assert_eq!(get("image/png").status, 406);
    assert_eq!(
        server
            .request(
                "POST",
                "/update",
                &[("Content-Type", "application/sparql-update")],
                "CLEAR ALL"
            )
            .status,
        403
    );
    assert_eq!(server.get("/nowhere", "*/*").status, 404);
}

#[test]
fn an_unreachable_endpoint_is_a_clear_runtime_error() {
    let output = kg()
        .args([
            "query",
            "--endpoint",
            "http://127.0.0.1:9/query",
            "ASK { ?s ?p ?o }",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("http://127.0.0.1:9/query: cannot reach the SPARQL endpoint"),
        "{message}"
    );
    // The query is checked (with kg's prefixes) before anything is sent.
    let output = kg()
        .args(["query", "--endpoint", "http://127.0.0.1:9/query", "SELEC"])
        .output()
        .unwrap();
    assert!(stderr(&output).contains("SPARQL syntax error"));
}
