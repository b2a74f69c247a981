//! `kg explain`: an entity's labels, merges, mentions and facts, each with its source.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::{bail, Context, Result};
use kg_graph::{compact_iri, Explanation, FactDetail, FactRecord, NodeLabel};

use super::Completion;
use crate::cli::ExplainArgs;
use crate::output::Output;
use crate::store::open_for_reading;

/// Prints the explanation of every entity the name or IRI names.
pub fn run(args: &ExplainArgs) -> Result<Completion> {
    let store = open_for_reading(&args.store.store)?;
    let explanations = store.explain(&args.name)?;
    if explanations.is_empty() {
        bail!(
            "no entity in the store at {} is called or identified by `{}`; \
             `kg query 'SELECT ?name WHERE {{ ?e rdfs:label ?name }}'` lists the names",
            args.store.store.display(),
            args.name
        );
    }
    let mut text = String::new();
    for (i, explanation) in explanations.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        write_explanation(&mut text, explanation);
    }
    let mut out = Output::create(None)?;
    out.write_all(text.as_bytes())
        .context("cannot write to standard output")?;
    out.finish()?;
    Ok(Completion::Success)
}

/// The explanation as indented plain text, one item per line.
fn write_explanation(out: &mut String, e: &Explanation) {
    let _ = writeln!(out, "{}", compact_iri(&e.iri));
    let _ = writeln!(out, "  iri:      {}", e.iri);
    let kinds: Vec<String> = e.kinds.iter().map(|kind| compact_iri(kind)).collect();
    let _ = writeln!(out, "  kinds:    {}", kinds.join(", "));
    let _ = writeln!(out, "  labels:   {}", quoted_list(&e.labels));
    if !e.alt_labels.is_empty() {
        let _ = writeln!(out, "  also:     {}", quoted_list(&e.alt_labels));
    }

    if !e.merges.is_empty() {
        let _ = writeln!(out, "  merged spellings ({}):", e.merges.len());
        for merge in &e.merges {
            let _ = writeln!(
                out,
                "    {:?} by rule {} in {}",
                merge.alias, merge.rule, merge.document
            );
        }
    }

    let _ = writeln!(out, "  mentions ({}):", e.mentions.len());
    for mention in &e.mentions {
        let _ = writeln!(
            out,
            "    {} [{}, {}) {:?}",
            mention.document, mention.begin, mention.end, mention.text
        );
    }

    let _ = writeln!(out, "  facts ({}):", e.facts.len());
    for fact in &e.facts {
        write_fact(out, fact);
    }
}

fn write_fact(out: &mut String, fact: &FactRecord) {
    let _ = writeln!(out, "    {}", describe(&fact.detail));
    let mut source = format!("in {}", fact.document);
    if let Some(confidence) = fact.confidence {
        let _ = write!(source, ", confidence {confidence}");
    }
    if !fact.rules.is_empty() {
        let _ = write!(source, ", rule {}", fact.rules.join(", "));
    }
    let _ = writeln!(out, "      {source}");
    for sentence in &fact.sentences {
        let _ = writeln!(
            out,
            "      from [{}, {}) {:?}",
            sentence.begin, sentence.end, sentence.text
        );
    }
}

/// One line saying what a fact states (also the first column of `kg viz --format html`'s table).
pub(crate) fn describe(detail: &FactDetail) -> String {
    match detail {
        FactDetail::HoldsRole {
            person,
            role,
            role_texts,
            organization,
        } => {
            let mut line = format!("{} is {role} of {}", person.label, organization.label);
            if !role_texts.is_empty() {
                let _ = write!(line, " (written {})", quoted_list(role_texts));
            }
            line
        }
        FactDetail::Meeting {
            participants,
            places,
            dates,
            time_texts,
            topics,
        } => {
            let mut line = format!("meeting of {}", labels(participants));
            if !places.is_empty() {
                let _ = write!(line, " in {}", labels(places));
            }
            if !dates.is_empty() {
                let _ = write!(line, " on {}", dates.join(", "));
            }
            if !time_texts.is_empty() {
                let _ = write!(line, " (written {})", quoted_list(time_texts));
            }
            if !topics.is_empty() {
                let _ = write!(line, "; discussed {}", labels(topics));
            }
            line
        }
        FactDetail::LocatedIn { inner, outer } => {
            format!("{} is located in {}", inner.label, outer.label)
        }
    }
}

fn labels(nodes: &[NodeLabel]) -> String {
    nodes
        .iter()
        .map(|node| node.label.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("{item:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(label: &str) -> NodeLabel {
        NodeLabel {
            iri: format!("https://w3id.org/kg/id/x/{label}"),
            label: label.to_owned(),
        }
    }

    #[test]
    fn facts_read_as_sentences() {
        let post = FactDetail::HoldsRole {
            person: node("Anna Berg"),
            role: "foreign minister".into(),
            role_texts: vec!["Foreign Minister".into()],
            organization: node("Norway"),
        };
        assert_eq!(
            describe(&post),
            "Anna Berg is foreign minister of Norway (written \"Foreign Minister\")"
        );
        let meeting = FactDetail::Meeting {
            participants: vec![node("Anna Berg"), node("Ivo Lind")],
            places: vec![node("Oslo")],
            dates: vec!["2026-03-02".into()],
            time_texts: vec!["on Monday".into()],
            topics: vec![node("trade")],
        };
        assert_eq!(
            describe(&meeting),
            "meeting of Anna Berg, Ivo Lind in Oslo on 2026-03-02 (written \"on Monday\"); \
             discussed trade"
        );
    }
}
