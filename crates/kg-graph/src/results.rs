//! SPARQL results and how they are written out.
//!
//! [`QueryOutput`] keeps the raw RDF terms rather than display strings: the SPARQL JSON and TSV
//! formats need to know whether a value is an IRI or a literal and of which datatype. Use
//! [`term_text`] to get the plain text a table shows.

use crate::error::{GraphError, ParseFormatError};
use crate::export::{write_quads, ExportFormat};
use crate::order::sort_and_dedup_triples;
use oxigraph::model::{GraphName, Term, Triple, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QuerySolution;
use std::fmt::{self, Write as _};
use std::io::Write;
use std::str::FromStr;

/// The result of a SPARQL query, fully read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryOutput {
    /// `SELECT`: the projected variables (without `?`) and one row per solution, in the query's
    /// order; `None` where a variable is unbound.
    Solutions {
        /// Variable names, without the leading `?`.
        variables: Vec<String>,
        /// One entry per variable in each row.
        rows: Vec<Vec<Option<Term>>>,
    },
    /// `ASK`.
    Boolean(bool),
    /// `CONSTRUCT` / `DESCRIBE`, in canonical order, without duplicates.
    Graph(Vec<Triple>),
}

impl QueryOutput {
    /// Builds the `Solutions` variant from any source of solutions (the local store, an
    /// endpoint's answer), each row in the order of `variables`.
    pub(crate) fn from_solutions<E>(
        variables: &[Variable],
        solutions: impl IntoIterator<Item = Result<QuerySolution, E>>,
        mut error: impl FnMut(E) -> GraphError,
    ) -> Result<Self, GraphError> {
        let variables: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
        let mut rows = Vec::new();
        for solution in solutions {
            let solution = solution.map_err(&mut error)?;
            rows.push(
                variables
                    .iter()
                    .map(|v| solution.get(v.as_str()).cloned())
                    .collect(),
            );
        }
        Ok(Self::Solutions { variables, rows })
    }

    /// Builds the `Graph` variant: sorts the triples canonically so output is reproducible.
    pub(crate) fn graph(mut triples: Vec<Triple>) -> Self {
        sort_and_dedup_triples(&mut triples);
        Self::Graph(triples)
    }
}

/// The text of a term as a person reads it in a table: IRIs bare, literals as their lexical
/// value (no quotes, language tag or datatype), blank nodes as `_:id`.
pub fn term_text(term: &Term) -> String {
    if let Term::NamedNode(node) = term {
        node.as_str().to_owned()
    } else if let Term::Literal(literal) = term {
        literal.value().to_owned()
    } else {
        // Blank nodes (and RDF 1.2 triple terms, should oxigraph be built with them) as N-Triples.
        term.to_string()
    }
}

/// How query results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResultFormat {
    /// An aligned text table for people (graph results are written as Turtle).
    Table,
    /// SPARQL 1.1 CSV results (graph results as `subject,predicate,object` rows).
    Csv,
    /// SPARQL 1.1 TSV results (graph results as `subject predicate object` rows).
    Tsv,
    /// SPARQL 1.1 JSON results (graph results as JSON-LD).
    Json,
    /// SPARQL 1.1 XML results (graph results as `subject predicate object` rows).
    Xml,
}

impl ResultFormat {
    /// Every format, in the order help texts list them.
    pub const ALL: [Self; 5] = [Self::Table, Self::Csv, Self::Tsv, Self::Json, Self::Xml];

    /// The name used on the command line: `table`, `csv`, `tsv`, `json`, `xml`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Csv => "csv",
            Self::Tsv => "tsv",
            Self::Json => "json",
            Self::Xml => "xml",
        }
    }
}

impl fmt::Display for ResultFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ResultFormat {
    type Err = ParseFormatError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let lower = name.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|format| format.as_str() == lower)
            .ok_or_else(|| ParseFormatError {
                given: name.to_owned(),
                expected: "table, csv, tsv, json or xml",
            })
    }
}

/// Writes query results in `format`.
pub fn write_results(
    output: &QueryOutput,
    format: ResultFormat,
    out: &mut dyn Write,
) -> Result<(), GraphError> {
    match (output, format) {
        (QueryOutput::Solutions { variables, rows }, ResultFormat::Table) => {
            write_table(variables, rows, out)
        }
        (QueryOutput::Boolean(value), ResultFormat::Table) => {
            writeln!(out, "{value}").map_err(GraphError::Write)
        }
        (QueryOutput::Graph(triples), ResultFormat::Table) => {
            write_quads(in_default_graph(triples), ExportFormat::Turtle, out)
        }
        (QueryOutput::Graph(triples), ResultFormat::Json) => {
            write_quads(in_default_graph(triples), ExportFormat::JsonLd, out)
        }
        (QueryOutput::Solutions { variables, rows }, _) => {
            write_standard_solutions(variables, rows, format, out)
        }
        (QueryOutput::Boolean(value), _) => {
            QueryResultsSerializer::from_format(standard_format(format))
                .serialize_boolean_to_writer(out, *value)
                .map_err(GraphError::Write)?;
            Ok(())
        }
        (QueryOutput::Graph(triples), _) => {
            let variables = ["subject", "predicate", "object"].map(String::from);
            let rows: Vec<Vec<Option<Term>>> = triples
                .iter()
                .map(|t| {
                    vec![
                        Some(t.subject.clone().into()),
                        Some(t.predicate.clone().into()),
                        Some(t.object.clone()),
                    ]
                })
                .collect();
            write_standard_solutions(&variables, &rows, format, out)
        }
    }
}

fn in_default_graph(triples: &[Triple]) -> impl Iterator<Item = oxigraph::model::Quad> + '_ {
    triples
        .iter()
        .map(|t| t.clone().in_graph(GraphName::DefaultGraph))
}

fn standard_format(format: ResultFormat) -> QueryResultsFormat {
    match format {
        ResultFormat::Csv => QueryResultsFormat::Csv,
        ResultFormat::Tsv => QueryResultsFormat::Tsv,
        ResultFormat::Xml => QueryResultsFormat::Xml,
        ResultFormat::Json | ResultFormat::Table => QueryResultsFormat::Json,
    }
}

fn write_standard_solutions(
    variables: &[String],
    rows: &[Vec<Option<Term>>],
    format: ResultFormat,
    out: &mut dyn Write,
) -> Result<(), GraphError> {
    let variables: Vec<Variable> = variables
        .iter()
        .map(|name| Variable::new_unchecked(name.clone()))
        .collect();
    let mut writer = QueryResultsSerializer::from_format(standard_format(format))
        .serialize_solutions_to_writer(out, variables.clone())
        .map_err(GraphError::Write)?;
    for row in rows {
        let bound = variables
            .iter()
            .zip(row)
            .filter_map(|(variable, term)| Some((variable, term.as_ref()?)));
        writer.serialize(bound).map_err(GraphError::Write)?;
    }
    writer.finish().map_err(GraphError::Write)?;
    Ok(())
}

/// A plain text table: a header, a rule, one line per row, columns padded to the widest cell.
/// Widths count characters, so names like "Kalın" line up.
fn write_table(
    variables: &[String],
    rows: &[Vec<Option<Term>>],
    out: &mut dyn Write,
) -> Result<(), GraphError> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|term| term.as_ref().map(term_text).unwrap_or_default())
                // A cell must stay on its line.
                .map(|text| text.replace(['\n', '\r', '\t'], " "))
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = variables.iter().map(|v| v.chars().count()).collect();
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = table_line(variables, &widths);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat((*w).max(1))).collect();
    text.push_str(&rule.join("-+-"));
    text.push('\n');
    for row in &cells {
        text.push_str(&table_line(row, &widths));
    }
    let plural = if cells.len() == 1 { "" } else { "s" };
    let _ = writeln!(text, "({} row{plural})", cells.len());
    out.write_all(text.as_bytes()).map_err(GraphError::Write)
}

fn table_line(cells: &[String], widths: &[usize]) -> String {
    let mut line = String::new();
    for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            line.push_str(" | ");
        }
        line.push_str(cell);
        let pad = width.saturating_sub(cell.chars().count());
        line.push_str(&" ".repeat(pad));
    }
    // No trailing blanks after the last column.
    let mut line = line.trim_end().to_owned();
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    fn sample() -> QueryOutput {
        QueryOutput::Solutions {
            variables: vec!["person".into(), "name".into()],
            rows: vec![
                vec![
                    Some(
                        NamedNode::new_unchecked("https://w3id.org/kg/id/person/ibrahim-kalin")
                            .into(),
                    ),
                    Some(Literal::from("Ibrahim Kalın").into()),
                ],
                vec![None, Some(Literal::from("a, \"quoted\"").into())],
            ],
        }
    }

    fn render(output: &QueryOutput, format: ResultFormat) -> String {
        let mut out = Vec::new();
        write_results(output, format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn table_shows_bare_iris_and_lexical_values() {
        let table = render(&sample(), ResultFormat::Table);
        let iri = "https://w3id.org/kg/id/person/ibrahim-kalin";
        let width = iri.len();
        let expected = [
            format!("{:width$} | name", "person"),
            format!(
                "{}-+-{}",
                "-".repeat(width),
                "-".repeat("Ibrahim Kalın".chars().count())
            ),
            format!("{iri} | Ibrahim Kalın"),
            format!("{:width$} | a, \"quoted\"", ""),
            "(2 rows)".to_owned(),
        ];
        assert_eq!(table, expected.join("\n") + "\n");
    }

    #[test]
    fn csv_quotes_and_json_types() {
        let csv = render(&sample(), ResultFormat::Csv);
        assert!(csv.starts_with("person,name\r\n"), "{csv}");
        assert!(csv.contains(",\"a, \"\"quoted\"\"\""), "{csv}");
        let json = render(&sample(), ResultFormat::Json);
        assert!(json.contains("\"type\":\"uri\""), "{json}");
        assert!(json.contains("\"Ibrahim Kalın\""), "{json}");
        let xml = render(&sample(), ResultFormat::Xml);
        assert!(xml.contains("<variable name=\"person\"/>"), "{xml}");
        assert!(xml.contains("<literal>Ibrahim Kalın</literal>"), "{xml}");
        let tsv = render(&sample(), ResultFormat::Tsv);
        assert!(tsv.starts_with("?person\t?name\n"), "{tsv}");
    }

    #[test]
    fn booleans() {
        assert_eq!(
            render(&QueryOutput::Boolean(true), ResultFormat::Table),
            "true\n"
        );
        assert!(render(&QueryOutput::Boolean(false), ResultFormat::Json).contains("false"));
    }

    #[test]
    fn format_names_round_trip() {
        for format in ResultFormat::ALL {
            assert_eq!(format.as_str().parse::<ResultFormat>(), Ok(format));
        }
        assert!("yaml".parse::<ResultFormat>().is_err());
    }
}
