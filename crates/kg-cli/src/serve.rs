//! `kg serve`'s HTTP side: a read-only SPARQL 1.1 Protocol endpoint at `/query` and a page to
//! type queries at `/`, on `tiny_http`.
//!
//! Queries come as `GET /query?query=…`, as `POST` with `Content-Type:
//! application/sparql-query`, or as an HTML form (`application/x-www-form-urlencoded`).
//! Results are chosen by the `Accept` header (or a `format` parameter, handy in a browser):
//! SPARQL JSON, XML, CSV or TSV for `SELECT` and `ASK`, Turtle, N-Triples or JSON-LD for
//! `CONSTRUCT` and `DESCRIBE`. Updates are refused: the store is opened read-only.

use std::io::{Cursor, Read};

use kg_graph::oxigraph::model::GraphName;
use kg_graph::{write_quads, write_results, ExportFormat, GraphError, KgStore, QueryOutput};
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// The page at `/`: a form that sends a query to `/query` and shows the answer.
const QUERY_PAGE: &str = include_str!("serve_page.html");

/// The largest request body read, so a client cannot make the server buffer without end.
const MAX_BODY_BYTES: u64 = 1 << 20;

/// How solutions and booleans can be written, in the server's order of preference, with the
/// media types that ask for each.
const SOLUTION_FORMATS: &[(kg_graph::ResultFormat, &str, &[&str])] = &[
    (
        kg_graph::ResultFormat::Json,
        "application/sparql-results+json",
        &["application/sparql-results+json", "application/json"],
    ),
    (
        kg_graph::ResultFormat::Xml,
        "application/sparql-results+xml",
        &[
            "application/sparql-results+xml",
            "application/xml",
            "text/xml",
        ],
    ),
    (kg_graph::ResultFormat::Csv, "text/csv", &["text/csv"]),
    (
        kg_graph::ResultFormat::Tsv,
        "text/tab-separated-values",
        &["text/tab-separated-values"],
    ),
];

/// How graphs can be written, in the server's order of preference.
const GRAPH_FORMATS: &[(ExportFormat, &str, &[&str])] = &[
    (ExportFormat::Turtle, "text/turtle", &["text/turtle"]),
    (
        ExportFormat::NTriples,
        "application/n-triples",
        &["application/n-triples", "text/plain"],
    ),
    (
        ExportFormat::JsonLd,
        "application/ld+json",
        &["application/ld+json", "application/json"],
    ),
];

/// Names the `format` parameter accepts, each standing for a media type.
const FORMAT_NAMES: &[(&str, &str)] = &[
    (
        "json",
        "application/sparql-results+json, application/ld+json",
    ),
    ("xml", "application/sparql-results+xml"),
    ("csv", "text/csv"),
    ("tsv", "text/tab-separated-values"),
    ("turtle", "text/turtle"),
    ("ttl", "text/turtle"),
    ("ntriples", "application/n-triples"),
    ("nt", "application/n-triples"),
    ("jsonld", "application/ld+json"),
];

/// An HTTP answer before it is sent.
#[derive(Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    fn text(status: u16, message: impl Into<String>) -> Self {
        let mut body = message.into().into_bytes();
        body.push(b'\n');
        Self {
            status,
            content_type: "text/plain; charset=utf-8".to_owned(),
            body,
        }
    }

    fn into_response(self) -> Response<Cursor<Vec<u8>>> {
        let header = |name: &str, value: &str| {
            Header::from_bytes(name.as_bytes(), value.as_bytes())
                .expect("header names and values here are ASCII")
        };
        Response::from_data(self.body)
            .with_status_code(StatusCode(self.status))
            .with_header(header("Content-Type", &self.content_type))
            // Any page may query this endpoint from a browser; it only reads.
            .with_header(header("Access-Control-Allow-Origin", "*"))
            .with_header(header("Vary", "Accept"))
    }
}

/// Answers one request and returns the status code sent, for the access log.
pub fn respond(store: &KgStore, mut request: Request) -> std::io::Result<u16> {
    let method = request.method().clone();
    let url = request.url().to_owned();
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_owned())
    };
    let content_type = header("Content-Type");
    let accept = header("Accept");
    let mut body = Vec::new();
    let reply = if request
        .body_length()
        .is_some_and(|n| n as u64 > MAX_BODY_BYTES)
    {
        Reply::text(413, "the request body is too large (at most 1 MiB)")
    } else {
        match request
            .as_reader()
            .take(MAX_BODY_BYTES + 1)
            .read_to_end(&mut body)
        {
            Ok(_) if body.len() as u64 > MAX_BODY_BYTES => {
                Reply::text(413, "the request body is too large (at most 1 MiB)")
            }
            Ok(_) => route(
                store,
                &method,
                &url,
                content_type.as_deref(),
                accept.as_deref(),
                &body,
            ),
            Err(err) => Reply::text(400, format!("cannot read the request body: {err}")),
        }
    };
    let status = reply.status;
    request.respond(reply.into_response())?;
    Ok(status)
}

/// Picks the handler for a method and path.
pub fn route(
    store: &KgStore,
    method: &Method,
    url: &str,
    content_type: Option<&str>,
    accept: Option<&str>,
    body: &[u8],
) -> Reply {
    let (path, query_string) = url.split_once('?').unwrap_or((url, ""));
    match (method, path) {
        (Method::Get | Method::Head, "/" | "/index.html") => Reply {
            status: 200,
            content_type: "text/html; charset=utf-8".to_owned(),
            body: QUERY_PAGE.as_bytes().to_vec(),
        },
        (Method::Get | Method::Head, "/query") => {
            let params = parse_form(query_string.as_bytes());
            query(store, &params, accept)
        }
        (Method::Post, "/query") => {
            let mut params = parse_form(query_string.as_bytes());
            let media_type = content_type.map(|value| {
                value
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            });
            match media_type.as_deref() {
                Some("application/sparql-query") => match std::str::from_utf8(body) {
                    Ok(text) => params.push(("query".to_owned(), text.to_owned())),
                    Err(_) => return Reply::text(400, "the query is not valid UTF-8"),
                },
                Some("application/x-www-form-urlencoded") => params.extend(parse_form(body)),
                _ => {
                    return Reply::text(
                        415,
                        "send the query as application/sparql-query or as an \
                         application/x-www-form-urlencoded form with a `query` field",
                    )
                }
            }
            query(store, &params, accept)
        }
        (Method::Options, _) => Reply {
            status: 204,
            content_type: "text/plain".to_owned(),
            body: Vec::new(),
        },
        (_, "/update") => Reply::text(
            403,
            "kg serve is read-only; change the store with `kg build` and `kg remove`",
        ),
        (_, "/query" | "/" | "/index.html") => Reply::text(405, "use GET or POST"),
        _ => Reply::text(
            404,
            "not found; the SPARQL endpoint is /query and a query page is at /",
        ),
    }
}

fn parse_form(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes).into_owned().collect()
}

/// Runs the `query` parameter and writes its results as the client asked.
fn query(store: &KgStore, params: &[(String, String)], accept: Option<&str>) -> Reply {
    let param = |name: &str| params.iter().find(|(key, _)| key == name).map(|(_, v)| v);
    let queries: Vec<&String> = params
        .iter()
        .filter(|(key, _)| key == "query")
        .map(|(_, v)| v)
        .collect();
    let sparql = match queries.as_slice() {
        [one] => *one,
        [] => return Reply::text(400, "give the SPARQL query in a `query` parameter"),
        _ => return Reply::text(400, "give exactly one `query` parameter"),
    };
    if param("default-graph-uri").is_some() || param("named-graph-uri").is_some() {
        return Reply::text(
            400,
            "default-graph-uri and named-graph-uri are not supported; use FROM, FROM NAMED \
             or GRAPH in the query (the default graph is the union of all documents)",
        );
    }
    // A `format` parameter stands in for an Accept header a browser link cannot set.
    let accept = match param("format") {
        Some(name) => match FORMAT_NAMES.iter().find(|(known, _)| known == name) {
            Some((_, media_types)) => Some(*media_types),
            None => {
                return Reply::text(
                    400,
                    format!(
                        "unknown format `{name}`; use json, xml, csv, tsv, turtle, ntriples \
                         or jsonld"
                    ),
                )
            }
        },
        None => accept,
    };
    let output = match store.query(sparql) {
        Ok(output) => output,
        Err(err @ GraphError::Syntax { .. }) => return Reply::text(400, err.to_string()),
        Err(err) => return Reply::text(500, err.to_string()),
    };
    let mut body = Vec::new();
    let written = match &output {
        QueryOutput::Graph(triples) => {
            let Some((format, media_type)) = negotiate(GRAPH_FORMATS, accept) else {
                return not_acceptable(GRAPH_FORMATS);
            };
            let quads = triples
                .iter()
                .map(|t| t.clone().in_graph(GraphName::DefaultGraph));
            write_quads(quads, format, &mut body).map(|()| media_type)
        }
        QueryOutput::Solutions { .. } | QueryOutput::Boolean(_) => {
            let Some((format, media_type)) = negotiate(SOLUTION_FORMATS, accept) else {
                return not_acceptable(SOLUTION_FORMATS);
            };
            write_results(&output, format, &mut body).map(|()| media_type)
        }
    };
    match written {
        Ok(media_type) => Reply {
            status: 200,
            content_type: if media_type.starts_with("text/") {
                format!("{media_type}; charset=utf-8")
            } else {
                media_type.to_owned()
            },
            body,
        },
        Err(err) => Reply::text(500, err.to_string()),
    }
}

fn not_acceptable<F>(formats: &[(F, &str, &[&str])]) -> Reply {
    let offered: Vec<&str> = formats
        .iter()
        .map(|(_, media_type, _)| *media_type)
        .collect();
    Reply::text(
        406,
        format!(
            "none of the accepted media types can be written; this result can be {}",
            offered.join(", ")
        ),
    )
}

/// The format the `Accept` header prefers most, with its media type; ties go to the earlier
/// format in `formats`. No header means the first format.
fn negotiate<F: Copy>(
    formats: &[(F, &'static str, &[&str])],
    accept: Option<&str>,
) -> Option<(F, &'static str)> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return formats.first().map(|(f, m, _)| (*f, *m));
    };
    let ranges = parse_accept(accept);
    let mut best: Option<(F, &'static str, f32)> = None;
    for (format, media_type, aliases) in formats {
        let quality = aliases
            .iter()
            .filter_map(|alias| quality_for(&ranges, alias))
            .fold(None, |best: Option<f32>, q| {
                Some(best.map_or(q, |b| b.max(q)))
            });
        if let Some(q) = quality.filter(|q| *q > 0.0) {
            if best.is_none_or(|(_, _, b)| q > b) {
                best = Some((*format, media_type, q));
            }
        }
    }
    best.map(|(format, media_type, _)| (format, media_type))
}

/// One media range of an `Accept` header: type, subtype (either may be `*`) and quality.
#[derive(Debug, PartialEq)]
struct MediaRange {
    kind: String,
    subtype: String,
    quality: f32,
}

fn parse_accept(accept: &str) -> Vec<MediaRange> {
    accept
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let (kind, subtype) = parts.next()?.trim().split_once('/')?;
            let mut quality = 1.0;
            for parameter in parts {
                if let Some((name, value)) = parameter.split_once('=') {
                    if name.trim().eq_ignore_ascii_case("q") {
                        quality = value.trim().parse().unwrap_or(0.0);
                    }
                }
            }
            Some(MediaRange {
                kind: kind.trim().to_ascii_lowercase(),
                subtype: subtype.trim().to_ascii_lowercase(),
                quality,
            })
        })
        .collect()
}

/// The quality the most specific matching range gives `media_type`, if any range matches.
fn quality_for(ranges: &[MediaRange], media_type: &str) -> Option<f32> {
    let (kind, subtype) = media_type.split_once('/')?;
    ranges
        .iter()
        .filter_map(|range| {
            let specificity = match (range.kind.as_str(), range.subtype.as_str()) {
                (k, s) if k == kind && s == subtype => 2,
                (k, "*") if k == kind => 1,
                ("*", "*") => 0,
                _ => return None,
            };
            Some((specificity, range.quality))
        })
        .max_by_key(|(specificity, _)| *specificity)
        .map(|(_, quality)| quality)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kg_graph::ResultFormat;

    fn solution_format(accept: Option<&str>) -> Option<ResultFormat> {
        negotiate(SOLUTION_FORMATS, accept).map(|(f, _)| f)
    }

    #[test]
    fn accept_headers_choose_the_result_format() {
        assert_eq!(solution_format(None), Some(ResultFormat::Json));
        assert_eq!(solution_format(Some("*/*")), Some(ResultFormat::Json));
        assert_eq!(solution_format(Some("text/csv")), Some(ResultFormat::Csv));
        assert_eq!(
            solution_format(Some("text/tab-separated-values")),
            Some(ResultFormat::Tsv)
        );
        assert_eq!(
            solution_format(Some("application/sparql-results+xml")),
            Some(ResultFormat::Xml)
        );
        // Qualities rank; a more specific range overrides */*.
        assert_eq!(
            solution_format(Some("application/sparql-results+json;q=0.5, text/csv")),
            Some(ResultFormat::Csv)
        );
        assert_eq!(
            solution_format(Some("*/*;q=0.1, application/sparql-results+xml")),
            Some(ResultFormat::Xml)
        );
        // text/* takes XML (as text/xml) first, in the server's order.
        assert_eq!(
            solution_format(Some("text/*, application/json;q=0")),
            Some(ResultFormat::Xml)
        );
        assert_eq!(
            solution_format(Some("text/tab-separated-values, text/*;q=0.2")),
            Some(ResultFormat::Tsv)
        );
        assert_eq!(solution_format(Some("image/png")), None);
    }

    #[test]
    fn graph_results_default_to_turtle() {
        let graph = |accept| negotiate(GRAPH_FORMATS, accept).map(|(f, _)| f);
        assert_eq!(graph(None), Some(ExportFormat::Turtle));
        assert_eq!(
            graph(Some("application/sparql-results+json, */*;q=0.1")),
            Some(ExportFormat::Turtle)
        );
        assert_eq!(
            graph(Some("application/n-triples")),
            Some(ExportFormat::NTriples)
        );
        assert_eq!(
            graph(Some("application/ld+json")),
            Some(ExportFormat::JsonLd)
        );
    }
}
