//! `kg viz`: the graph as Graphviz DOT, as SVG rendered by Graphviz's `dot`, or as an HTML page
//! with the SVG and a table of the facts drawn.

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};
use std::thread;

use anyhow::{anyhow, bail, Context, Result};
use kg_graph::PictureOptions;

use super::Completion;
use crate::cli::{VizArgs, VizFormat};
use crate::output::Output;
use crate::report::Reporter;
use crate::store::open_for_reading;

/// Draws the store (or part of it) and writes DOT, SVG or an HTML page.
pub fn run(args: &VizArgs, reporter: &Reporter) -> Result<Completion> {
    let store = open_for_reading(&args.store.store)?;
    let options = PictureOptions {
        doc: args.doc.clone(),
        min_confidence: args.min_confidence.map(kg_model::Confidence::new),
        entity: args.entity.clone(),
        depth: args.depth,
    };
    let picture = store.picture(&options)?;
    if args.format != VizFormat::Dot && args.max_nodes > 0 && picture.nodes > args.max_nodes {
        bail!(
            "the picture would have {} nodes and {} edges, too many to draw readably (the limit \
             is --max-nodes {}); draw one document with --doc PATH, one entity's neighbourhood \
             with --entity NAME --depth 1, only sure facts with --min-confidence 0.8, or raise \
             --max-nodes (--format dot writes the source whatever its size)",
            picture.nodes,
            picture.edges,
            args.max_nodes
        );
    }
    let bytes = match args.format {
        VizFormat::Dot => picture.dot.into_bytes(),
        VizFormat::Svg => render_svg(&picture.dot)?,
        VizFormat::Html => {
            let svg = render_svg(&picture.dot)?;
            let facts = store.facts_of(&picture.entities, &options)?;
            let title = match (&args.entity, &args.doc) {
                (Some(entity), _) => format!("{entity} (within {} edges)", args.depth),
                (None, Some(doc)) => doc.clone(),
                (None, None) => format!("the store {}", args.store.store.display()),
            };
            crate::viz_html::page(&title, &svg, &picture, &facts).into_bytes()
        }
    };
    let mut out = Output::create(args.output.as_deref())?;
    let destination = out.describe();
    out.write_all(&bytes)
        .with_context(|| format!("cannot write to {destination}"))?;
    out.finish()?;
    if args.output.is_some() {
        reporter.detail(format_args!(
            "wrote {destination} ({} nodes, {} edges)",
            picture.nodes, picture.edges
        ));
    }
    Ok(Completion::Success)
}

/// Runs `dot -Tsvg` with the DOT source on its stdin.
fn render_svg(dot: &str) -> Result<Vec<u8>> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| {
            if err.kind() == io::ErrorKind::NotFound {
                anyhow!(
                    "Graphviz's `dot` program was not found; install Graphviz \
                     (e.g. `apt-get install -y graphviz`) or use `--format dot`"
                )
            } else {
                anyhow!(err).context("cannot run Graphviz's `dot`")
            }
        })?;
    let mut stdin = child
        .stdin
        .take()
        .context("cannot write to Graphviz's `dot`")?;
    let source = dot.to_owned();
    // Feed stdin from another thread: `dot` may fill its stdout pipe before it has read all of
    // its input, and waiting on both from one thread could deadlock.
    let feeder = thread::spawn(move || stdin.write_all(source.as_bytes()));
    let mut svg = Vec::new();
    child
        .stdout
        .take()
        .context("cannot read from Graphviz's `dot`")?
        .read_to_end(&mut svg)
        .context("cannot read from Graphviz's `dot`")?;
    let mut diagnostics = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        // Best effort: the messages only decorate the error below.
        let _ = stderr.read_to_string(&mut diagnostics);
    }
    let status = child.wait().context("Graphviz's `dot` did not finish")?;
    let fed = feeder
        .join()
        .map_err(|_| anyhow!("writing to Graphviz's `dot` failed"))?;
    if !status.success() {
        bail!(
            "Graphviz's `dot -Tsvg` failed ({status}): {}",
            diagnostics.trim()
        );
    }
    fed.context("cannot write to Graphviz's `dot`")?;
    Ok(svg)
}
