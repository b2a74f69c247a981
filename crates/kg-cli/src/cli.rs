//! The command line as clap types: every flag, its help text and its validation.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
The store:
  Commands that need a store use --store DIR, else $KG_STORE, else ./kg-store.
  `kg build` creates it; query, export, viz, explain, stats and serve open it
  read-only, so several of them can run side by side.

Exit status:
  0 success, 1 runtime error (including inputs that could not be read and a
  store in use by another kg process), 2 usage error (including a SPARQL
  query that does not parse).

Example session:
  kg build examples/
  kg query --file examples/queries/roles.rq
  kg explain 'Astrid Halvorsen'
  kg export -o graph.ttl
  kg viz --format svg -o graph.svg";

/// `kg`: turn English news text into an RDF knowledge graph.
#[derive(Debug, Parser)]
#[command(
    name = "kg",
    version,
    about = "Turn English news text into an RDF knowledge graph you can query, export and draw",
    long_about = "kg reads English news articles and finds the people, organisations, places and \
topics in them, who holds which office, and who met whom, where, when and to discuss what. It \
stores these as RDF (W3C ORG, SEM, schema.org, NIF) in a persistent oxigraph store with one named \
graph per article, so you can query them with SPARQL, export them as Turtle and the other RDF \
formats, and draw them with Graphviz.",
    after_help = AFTER_HELP,
    propagate_version = true
)]
pub struct Cli {
    /// How much to say on stderr.
    #[command(flatten)]
    pub verbosity: VerbosityArgs,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// `-q` / `-v`, accepted before or after the subcommand.
#[derive(Debug, Args)]
pub struct VerbosityArgs {
    /// Print only errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also print what happens to each document
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print what kg finds in text (entities, mentions, facts), without a store
    #[command(
        long_about = "Print what kg finds in text, without touching a store.\n\n\
By default the output is JSON Lines: one object per document with its mentions \
(UTF-8 byte spans, entity type, entity id such as \"e3\"), entities and facts. \
The RDF formats print the statements `kg build` would load.\n\n\
PATH may be a file, a folder (walked recursively in sorted order for .txt, .md and \
extension-less files; hidden files are skipped) or - for standard input; without PATH kg \
reads standard input.\n\n\
Examples:\n  kg extract examples/berlin-air-defence.txt\n  \
echo 'Foreign Minister Anna Berg met Ivo Lind in Oslo.' | kg extract --format turtle"
    )]
    Extract(ExtractArgs),

    /// Extract text files and load them into the store (idempotent)
    #[command(
        long_about = "Extract text files and load them into the store, one named graph \
per document.\n\n\
A document's identity is its path as given, so building an edited file replaces its earlier \
version and building an unchanged file changes nothing. Files that are not valid UTF-8 or \
are binary (a NUL byte) are reported with the byte offset of the first bad byte, files over \
--max-size with their size, and skipped; the others are still loaded, and the exit status is 1. \
--lossy reads bad bytes anyway, as U+FFFD.\n\n\
Each document is written atomically: a build that is interrupted (even by kill -9) \
leaves every document either wholly in the store or not at all, and running it again \
finishes it. One process writes to a store at a time; another gets a \"store in use\" error \
at once, or waits for it with --wait SECONDS.\n\n\
RDF files (.ttl, .trig, .nt, .nq, .jsonld) are loaded as they are, beside kg's documents: \
the triples of a file go into the named graph of its path, the named graphs of TriG, N-Quads \
and JSON-LD keep their names. An unchanged file (same bytes) changes nothing; `kg remove FILE` \
takes out everything it brought.\n\n\
Examples:\n  kg build examples/\n  kg build --store /tmp/news --date 2026-03-03 today/*.txt\n  \
kg build examples/ vocabularies/countries.ttl"
    )]
    Build(BuildArgs),

    /// Load documents extracted elsewhere (`kg extract --format nquads`) into the store
    #[command(
        long_about = "Load the document graphs that `kg extract --format nquads` (or trig) \
wrote, for instance on other machines, into the store: each named graph is one document, added, \
replaced or left unchanged exactly as `kg build` would, so importing the shards of a corpus \
gives the same store as building the whole corpus in one process.\n\n\
Every named graph must be a kg document graph with its statements together, as kg writes them. \
Other RDF files are loaded with `kg build FILE`, which keeps a file as one unit.\n\n\
Examples:\n  kg extract --format nquads part-1/ > part-1.nq    # on one machine\n  \
kg extract --format nquads part-2/ > part-2.nq    # on another\n  \
kg import part-1.nq part-2.nq                     # in one store"
    )]
    Import(ImportArgs),

    /// Run a SPARQL query over the store
    #[command(
        long_about = "Run a SPARQL query over the store. The default graph is the union \
of all documents' graphs; GRAPH ?doc { … } reaches a single document.\n\n\
The usual prefixes are predeclared: rdf:, rdfs:, xsd:, org:, schema:, sem:, skos:, prov:, nif:, \
gaf:, kg:, and person:, organization:, place:, topic:, role: for kg's own resources.\n\n\
Examples:\n  kg query --file examples/queries/roles.rq\n  \
kg query 'SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name }'\n  \
kg query --format csv --file examples/queries/meetings.rq > meetings.csv"
    )]
    Query(QueryArgs),

    /// Write the store (or one document's graph) as RDF
    #[command(
        long_about = "Write the store, or one document's graph, as RDF. Output is \
deterministic: the same store gives byte-identical output.\n\n\
Turtle, N-Triples and JSON-LD hold the union of all documents' statements; TriG and N-Quads \
keep one named graph per document.\n\n\
Examples:\n  kg export -o graph.ttl\n  kg export --format nquads > graph.nq\n  \
kg export --graph examples/berlin-air-defence.txt"
    )]
    Export(ExportArgs),

    /// Draw the graph with Graphviz (DOT source, SVG, or an HTML page with the facts)
    #[command(
        long_about = "Draw the graph: people, organisations, places, meetings and topics \
as differently shaped nodes, with edges labelled in words (\"foreign minister of\", \"met\", \
\"in\", \"discussed\").\n\n\
--format dot prints Graphviz DOT source; --format svg runs Graphviz's `dot -Tsvg`, which must \
be installed (apt-get install -y graphviz); --format html writes one self-contained page with \
the SVG (drag to pan, wheel or buttons to zoom) above a table of the facts drawn, each with the \
sentences it came from.\n\n\
--doc draws one document, --entity NAME the entities within --depth edges of NAME (matched as \
`kg explain` matches it), --min-confidence leaves out unsure facts. Pictures of more than \
--max-nodes nodes are refused as SVG or HTML: narrow them with these filters.\n\n\
Examples:\n  kg viz -o graph.dot\n  kg viz --format svg -o graph.svg\n  \
kg viz --doc examples/vienna-energy-talks.txt --format svg -o vienna.svg\n  \
kg viz --format html --entity 'Astrid Halvorsen' --depth 2 -o halvorsen.html"
    )]
    Viz(VizArgs),

    /// Remove documents from the store (and entities no document mentions any more)
    #[command(
        long_about = "Remove documents from the store: each document's named graph is \
dropped and entities that no remaining document mentions are swept away.\n\n\
DOC is the document's path as it was given to `kg build`, or its graph IRI.\n\n\
Example:\n  kg remove examples/berlin-air-defence.txt"
    )]
    Remove(RemoveArgs),

    /// Count documents, statements, people, organisations, places and meetings in the store
    #[command(
        long_about = "Count what the store holds: documents, statements, people, \
organisations, places, meetings and topics.\n\n\
Example:\n  kg stats --store out/kg-store"
    )]
    Stats(StatsArgs),

    /// Show what the store says about an entity, with the sentences it came from
    #[command(
        long_about = "Show everything the store says about an entity: its kinds, labels, \
the spellings merged into it (and the rule that merged each), its mentions (document, \
code-point offsets as NIF counts them, text) and the facts it takes part in (offices held, \
meetings with their participants, place, date and topics, containment), each with the \
sentence it came from and its confidence.\n\n\
NAME is matched against every label and alternative label regardless of case, diacritics and \
spacing (\"kalin\" finds \"Kalın\"); an IRI (full, <…> or prefixed such as \
person:levent-aydinli) names one entity exactly. When several entities share a name, each is \
shown. No match is an error (exit status 1).\n\n\
Examples:\n  kg explain 'Astrid Halvorsen'\n  kg explain norway\n  \
kg explain person:astrid-halvorsen"
    )]
    Explain(ExplainArgs),

    /// Measure named-entity precision, recall and F1 against a gold corpus
    #[command(
        long_about = "Measure how well kg finds names: run the extractor on every document \
of a gold JSON Lines file (the format of ../shared/corpus: GUM or Re-DocRED) and compare its \
Person, Organization and Place mentions with the gold named mentions, per type and \
micro-averaged, with exact spans and with overlapping spans.\n\n\
--split heldout scores only the documents that no word list was built from (see \
crates/kg-extract/data/README.md); --split train only the others.\n\n\
Examples:\n  kg eval --gold ../shared/corpus/gum.jsonl --genre news --split heldout\n  \
kg eval --gold ../shared/corpus/redocred-dev.jsonl --types Person --format json"
    )]
    Eval(EvalArgs),

    /// Serve the store as a read-only SPARQL endpoint over HTTP, with a query page
    #[command(
        long_about = "Serve the store as a read-only SPARQL 1.1 Protocol endpoint.\n\n\
GET /query?query=… and POST /query (Content-Type application/sparql-query, or a form with a \
`query` field) answer SPARQL queries over the union of all documents (GRAPH ?doc { … } reaches \
one). Results follow the Accept header: SPARQL JSON (the default), XML, CSV or TSV for SELECT \
and ASK; Turtle (the default), N-Triples or JSON-LD for CONSTRUCT and DESCRIBE; a `format` \
parameter (json, xml, csv, tsv, turtle, ntriples, jsonld) overrides it. A page at / lets you \
type a query in a browser. Updates are refused.\n\n\
The store is opened read-only, so `kg build` can run meanwhile; restart kg serve to see what \
it added. Add -v to log each request.\n\n\
Examples:\n  kg serve --store out/kg-store\n  \
curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \
http://127.0.0.1:7878/query"
    )]
    Serve(ServeArgs),

    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    #[command(
        long_about = "Print a completion script for your shell to standard output.\n\n\
Examples:\n  kg completions bash > ~/.local/share/bash-completion/completions/kg\n  \
kg completions zsh > ~/.zfunc/_kg      # with fpath+=(~/.zfunc) in ~/.zshrc\n  \
kg completions fish > ~/.config/fish/completions/kg.fish"
    )]
    Completions(CompletionsArgs),
}

/// Arguments of `kg serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free port, printed at start)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:7878")]
    pub bind: String,

    #[command(flatten)]
    pub store: StoreArgs,
}

/// Arguments of `kg completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write a completion script for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Which documents of the gold file to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Split {
    /// Every document.
    All,
    /// Documents no word list was built from.
    Heldout,
    /// Documents the word lists were built from.
    Train,
}

/// How `kg eval` prints its scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// An aligned table.
    Table,
    /// One JSON object.
    Json,
}

/// Arguments of `kg eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold JSON Lines file (../shared/corpus/gum.jsonl or redocred-dev.jsonl)
    #[arg(long, value_name = "FILE.jsonl")]
    pub gold: PathBuf,

    /// Entity types to score, comma-separated
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "Person,Organization,Place"
    )]
    pub types: Vec<String>,

    /// Only documents of this genre (GUM: news, interview, bio, …; Re-DocRED: wikipedia)
    #[arg(long)]
    pub genre: Option<String>,

    /// Which documents to score
    #[arg(long, value_enum, default_value_t = Split::All)]
    pub split: Split,

    /// Output format
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,
}

/// Where the store lives.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// The store directory (a persistent oxigraph database)
    #[arg(long, value_name = "DIR", env = "KG_STORE", default_value = "kg-store")]
    pub store: PathBuf,
}

/// Arguments of `kg extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to read; - reads standard input (the default)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, short, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,

    /// Publication date of the documents, used to resolve "on Tuesday" (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<String>,

    /// Threads that read and extract documents (default: one per core); the output is the
    /// same for any number
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,

    #[command(flatten)]
    pub decoding: DecodingArgs,
}

/// How input files are read: `--lossy` and `--max-size`, on `kg extract` and `kg build`.
#[derive(Debug, Clone, Copy, Args)]
pub struct DecodingArgs {
    /// Read files that are not valid UTF-8 or contain NUL bytes anyway: each invalid byte
    /// sequence becomes U+FFFD (spans then count bytes of the decoded text), and a warning
    /// names the file
    #[arg(long)]
    pub lossy: bool,

    /// Skip documents larger than SIZE (bytes, or with K, M or G: 512K, 16M), which would take
    /// a lot of memory to load (roughly 500 bytes per byte of name-dense text)
    #[arg(long, value_name = "SIZE", default_value = "4M", value_parser = parse_size)]
    pub max_size: u64,
}

/// Waiting for a store that another kg process is writing: `--wait SECONDS`.
#[derive(Debug, Clone, Copy, Args)]
pub struct WaitArgs {
    /// When another kg process is writing to the store, wait up to SECONDS for it to finish
    /// (trying again with a growing pause) instead of failing at once
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub wait: Option<Duration>,
}

/// Output formats of `kg extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// JSON Lines, one object per document
    Json,
    /// Turtle (all documents' statements in one graph)
    Turtle,
    /// N-Triples (all documents' statements in one graph)
    Ntriples,
    /// TriG, one named graph per document
    Trig,
    /// N-Quads, one named graph per document
    Nquads,
    /// JSON-LD, one named graph per document
    Jsonld,
}

/// Arguments of `kg build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Text or RDF files, or folders, to load; - reads a text document from standard input
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Publication date of the documents, used to resolve "on Tuesday" (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<String>,

    /// Do not load facts (offices, meetings, containment) whose confidence is below X (0 to 1)
    #[arg(long, value_name = "X", value_parser = parse_confidence)]
    pub min_confidence: Option<f32>,

    /// Threads that read and extract documents (default: one per core); the output is the
    /// same for any number
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,

    /// Write each document's graph to this SPARQL 1.1 Graph Store Protocol URL instead of the
    /// store (Oxigraph server: http://HOST:PORT/store; Fuseki: http://HOST:PORT/DATASET/data)
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,

    #[command(flatten)]
    pub decoding: DecodingArgs,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub store: StoreArgs,
}

/// Arguments of `kg import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// N-Quads (.nq) or TriG (.trig) files written by `kg extract` or `kg export`; - reads
    /// N-Quads from standard input
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Threads that sort statements into the store's files (default: one per core)
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub store: StoreArgs,
}

/// Arguments of `kg query`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("source").required(true).args(["sparql", "file"])))]
pub struct QueryArgs {
    /// The SPARQL query text
    #[arg(value_name = "SPARQL")]
    pub sparql: Option<String>,

    /// Read the query from a file (- for standard input)
    #[arg(long, short = 'F', value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Result format
    #[arg(long, short, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,

    /// Ask this SPARQL 1.1 query endpoint instead of the store (Oxigraph server:
    /// http://HOST:PORT/query; Fuseki: http://HOST:PORT/DATASET/sparql)
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,

    #[command(flatten)]
    pub store: StoreArgs,
}

/// Result formats of `kg query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// An aligned text table for people
    Table,
    /// SPARQL 1.1 CSV
    Csv,
    /// SPARQL 1.1 TSV
    Tsv,
    /// SPARQL 1.1 JSON results
    Json,
    /// SPARQL 1.1 XML results
    Xml,
}

/// Arguments of `kg export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// RDF format
    #[arg(long, short, value_enum, default_value_t = ExportFormat::Turtle)]
    pub format: ExportFormat,

    /// Export only this document's graph (its path as built, or its graph IRI)
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,

    /// Write to FILE instead of standard output (replaced only when the export succeeds)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Leave out facts (offices, meetings, containment) whose confidence is below X (0 to 1)
    #[arg(long, value_name = "X", value_parser = parse_confidence)]
    pub min_confidence: Option<f32>,

    #[command(flatten)]
    pub store: StoreArgs,
}

/// Formats of `kg export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Turtle
    Turtle,
    /// TriG (named graphs kept)
    Trig,
    /// N-Triples
    Ntriples,
    /// N-Quads (named graphs kept)
    Nquads,
    /// JSON-LD
    Jsonld,
}

/// Arguments of `kg viz`.
#[derive(Debug, Args)]
pub struct VizArgs {
    /// DOT source, SVG rendered by Graphviz's `dot`, or an HTML page with the SVG and the facts
    #[arg(long, short, value_enum, default_value_t = VizFormat::Dot)]
    pub format: VizFormat,

    /// Draw only this document (its path as built, or its graph IRI)
    #[arg(long, value_name = "IRI")]
    pub doc: Option<String>,

    /// Draw only the neighbourhood of this entity (a name in any case, or an IRI)
    #[arg(long, value_name = "NAME|IRI")]
    pub entity: Option<String>,

    /// How many edges from --entity to draw
    #[arg(long, value_name = "N", default_value_t = 2, requires = "entity")]
    pub depth: usize,

    /// Refuse to render SVG or HTML of more nodes than this (0: no limit)
    #[arg(long, value_name = "N", default_value_t = 400)]
    pub max_nodes: usize,

    /// Write to FILE instead of standard output (replaced only when drawing succeeds)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Leave out facts (offices, meetings, containment) whose confidence is below X (0 to 1)
    #[arg(long, value_name = "X", value_parser = parse_confidence)]
    pub min_confidence: Option<f32>,

    #[command(flatten)]
    pub store: StoreArgs,
}

/// Formats of `kg viz`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VizFormat {
    /// Graphviz DOT source
    Dot,
    /// SVG, rendered by Graphviz `dot -Tsvg`
    Svg,
    /// One self-contained HTML page: the SVG with zoom and pan, and a table of the facts
    Html,
}

/// Arguments of `kg remove`.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Documents to remove: paths as given to `kg build`, or graph IRIs
    #[arg(value_name = "DOC", required = true)]
    pub docs: Vec<String>,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub store: StoreArgs,
}

/// Arguments of `kg explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A name or alternative name (any case, with or without diacritics), or an entity's IRI
    #[arg(value_name = "NAME|IRI")]
    pub name: String,

    #[command(flatten)]
    pub store: StoreArgs,
}

/// Arguments of `kg stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Accepts a confidence threshold: a number from 0 to 1.
fn parse_confidence(value: &str) -> Result<f32, String> {
    match value.trim().parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "`{value}` is not a confidence; give a number from 0 to 1, e.g. 0.8"
        )),
    }
}

/// Accepts a size in bytes: a whole number, optionally followed by K, M or G (powers of 1024;
/// `KB`, `KiB` and the like are read the same).
fn parse_size(value: &str) -> Result<u64, String> {
    let invalid =
        || format!("`{value}` is not a size; give bytes, or a number with K, M or G, e.g. 16M");
    let trimmed = value.trim();
    let digits_end = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(digits_end);
    let number: u64 = number.parse().map_err(|_| invalid())?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return Err(invalid()),
    };
    match number.checked_mul(1 << shift) {
        Some(bytes) if bytes > 0 => Ok(bytes),
        _ => Err(invalid()),
    }
}

/// Accepts a time to wait in seconds (fractions allowed), at most a day.
fn parse_seconds(value: &str) -> Result<Duration, String> {
    let invalid = || format!("`{value}` is not a number of seconds, e.g. 30 or 0.5");
    let seconds: f64 = value.trim().parse().map_err(|_| invalid())?;
    if !(0.0..=86_400.0).contains(&seconds) {
        return Err(invalid());
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// Accepts a calendar date written `YYYY-MM-DD`.
fn parse_date(value: &str) -> Result<String, String> {
    let invalid = || format!("`{value}` is not a date; write it as YYYY-MM-DD, e.g. 2026-03-03");
    let bytes = value.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(invalid());
    }
    let number = |range: std::ops::Range<usize>| value[range].parse::<u32>().map_err(|_| invalid());
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(invalid()),
    };
    if day == 0 || day > days_in_month {
        return Err(invalid());
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn confidences_are_between_0_and_1() {
        assert_eq!(parse_confidence("0.8"), Ok(0.8));
        assert_eq!(parse_confidence("1"), Ok(1.0));
        assert_eq!(parse_confidence("0"), Ok(0.0));
        for bad in ["1.5", "-0.1", "NaN", "high", ""] {
            assert!(parse_confidence(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn sizes_and_seconds_are_validated() {
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size("4M"), Ok(4 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("2 GiB"), Ok(2 << 30));
        for bad in ["", "0", "M", "4T", "-1", "1.5M", "99999999999999999999G"] {
            assert!(parse_size(bad).is_err(), "{bad} should be rejected");
        }
        assert_eq!(parse_seconds("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_seconds("30"), Ok(Duration::from_secs(30)));
        for bad in ["", "-1", "NaN", "inf", "1e9", "soon"] {
            assert!(parse_seconds(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn dates_are_validated() {
        assert_eq!(parse_date("2026-03-03").as_deref(), Ok("2026-03-03"));
        assert!(parse_date("2024-02-29").is_ok());
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "2026-3-3",
            "03/03/2026",
            "2026-00-10",
            "２０２６-03-03",
        ] {
            assert!(parse_date(bad).is_err(), "{bad} should be rejected");
        }
    }
}
