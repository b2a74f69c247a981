//! RDF serialisation in the formats `kg export` and `kg extract` offer.

use crate::error::{GraphError, ParseFormatError};
use crate::order::{sort_and_dedup_quads, sort_and_dedup_triples};
use crate::vocab::{gaf, kg, nif, org, prov, schema, sem, skos};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer, WriterQuadSerializer};
use oxigraph::model::{Quad, Triple};
use std::fmt;
use std::io::Write;
use std::str::FromStr;

/// The prefixes written in Turtle and TriG output (and predeclared for SPARQL queries).
pub const PREFIXES: &[(&str, &str)] = &[
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("org", org::NAMESPACE),
    ("schema", schema::NAMESPACE),
    ("sem", sem::NAMESPACE),
    ("skos", skos::NAMESPACE),
    ("prov", prov::NAMESPACE),
    ("nif", nif::NAMESPACE),
    ("gaf", gaf::NAMESPACE),
    ("kg", kg::NAMESPACE),
    ("person", "https://w3id.org/kg/id/person/"),
    ("organization", "https://w3id.org/kg/id/org/"),
    ("place", "https://w3id.org/kg/id/place/"),
    ("topic", "https://w3id.org/kg/id/topic/"),
    ("role", "https://w3id.org/kg/id/role/"),
];

/// An RDF serialisation format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// Turtle: the union of all graphs as one graph, with prefixes.
    Turtle,
    /// TriG: named graphs kept, with prefixes.
    TriG,
    /// N-Triples: the union of all graphs as one graph.
    NTriples,
    /// N-Quads: named graphs kept.
    NQuads,
    /// JSON-LD: named graphs kept.
    JsonLd,
}

impl ExportFormat {
    /// Every format, in the order help texts list them.
    pub const ALL: [Self; 5] = [
        Self::Turtle,
        Self::TriG,
        Self::NTriples,
        Self::NQuads,
        Self::JsonLd,
    ];

    /// The name used on the command line: `turtle`, `trig`, `ntriples`, `nquads`, `jsonld`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Turtle => "turtle",
            Self::TriG => "trig",
            Self::NTriples => "ntriples",
            Self::NQuads => "nquads",
            Self::JsonLd => "jsonld",
        }
    }

    /// The usual file extension, without the dot.
    pub const fn file_extension(self) -> &'static str {
        match self {
            Self::Turtle => "ttl",
            Self::TriG => "trig",
            Self::NTriples => "nt",
            Self::NQuads => "nq",
            Self::JsonLd => "jsonld",
        }
    }

    /// Whether the format keeps named graphs (otherwise all graphs are merged into one).
    pub const fn keeps_graphs(self) -> bool {
        matches!(self, Self::TriG | Self::NQuads | Self::JsonLd)
    }

    /// The matching oxigraph format.
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::TriG => RdfFormat::TriG,
            Self::NTriples => RdfFormat::NTriples,
            Self::NQuads => RdfFormat::NQuads,
            Self::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ExportFormat {
    type Err = ParseFormatError;

    /// Accepts the names of [`as_str`](Self::as_str) and the file extensions, in any case.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let lower = name.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|format| {
                format.as_str() == lower
                    || format.file_extension() == lower
                    || (*format == Self::JsonLd && lower == "json-ld")
            })
            .ok_or_else(|| ParseFormatError {
                given: name.to_owned(),
                expected: "turtle, trig, ntriples, nquads or jsonld",
            })
    }
}

/// Writes quads in `format`, in canonical order, so the same quads always give the same bytes.
///
/// Formats without named graphs (Turtle, N-Triples) get the union of the graphs, each distinct
/// triple once.
pub fn write_quads(
    quads: impl IntoIterator<Item = Quad>,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<(), GraphError> {
    let mut writer = serializer(format).for_writer(out);
    if format.keeps_graphs() {
        let mut quads: Vec<Quad> = quads.into_iter().collect();
        sort_and_dedup_quads(&mut quads);
        for quad in &quads {
            writer.serialize_quad(quad).map_err(GraphError::Write)?;
        }
    } else {
        let mut triples: Vec<Triple> = quads.into_iter().map(Triple::from).collect();
        sort_and_dedup_triples(&mut triples);
        for triple in &triples {
            writer.serialize_triple(triple).map_err(GraphError::Write)?;
        }
    }
    writer.finish().map_err(GraphError::Write)?;
    Ok(())
}

/// The serializer for `format`, with kg's prefixes.
fn serializer(format: ExportFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format.rdf_format());
    for (name, iri) in PREFIXES {
        serializer = serializer
            .with_prefix(*name, *iri)
            .expect("the built-in prefixes are valid IRIs");
    }
    serializer
}

/// Writes N-Quads or TriG one graph at a time, so memory holds one graph, not the dataset.
///
/// Each graph's statements are sorted as [`write_quads`] sorts them; graphs given in the order
/// of their names (as `kg export` does) give exactly the bytes of [`write_quads`] over all of
/// them, and graphs given in input order (as `kg extract` does) give output whose documents can
/// be split and concatenated freely.
pub struct GraphWriter<W: Write> {
    writer: WriterQuadSerializer<W>,
}

impl<W: Write> GraphWriter<W> {
    /// A writer for N-Quads or TriG; `None` for the formats that need every statement at once
    /// (Turtle and N-Triples merge the graphs, JSON-LD nests them).
    pub fn new(format: ExportFormat, out: W) -> Option<Self> {
        matches!(format, ExportFormat::NQuads | ExportFormat::TriG).then(|| Self {
            writer: serializer(format).for_writer(out),
        })
    }

    /// Writes one graph's statements (they should all be in one graph), sorted, without
    /// duplicates.
    pub fn write_graph(&mut self, mut quads: Vec<Quad>) -> Result<(), GraphError> {
        sort_and_dedup_quads(&mut quads);
        for quad in &quads {
            self.writer
                .serialize_quad(quad)
                .map_err(GraphError::Write)?;
        }
        Ok(())
    }

    /// Writes one graph's statements that are already in canonical order without duplicates,
    /// as [`extraction_to_quads`](crate::extraction_to_quads) returns them (they are not sorted
    /// again).
    pub fn write_sorted_graph(&mut self, quads: &[Quad]) -> Result<(), GraphError> {
        for quad in quads {
            self.writer
                .serialize_quad(quad)
                .map_err(GraphError::Write)?;
        }
        Ok(())
    }

    /// Ends the output (TriG closes its last graph) and returns the writer.
    pub fn finish(self) -> Result<W, GraphError> {
        self.writer.finish().map_err(GraphError::Write)
    }
}
