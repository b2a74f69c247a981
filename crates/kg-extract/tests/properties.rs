//! Properties that hold for any text: the extractor never panics, and every span it returns is
//! a range of character boundaries inside the text whose slice is what the span claims.
//! (`fuzz/` runs the same checks under libFuzzer for much longer; see README, "Fuzzing".)

use std::sync::OnceLock;

use kg_extract::Extractor;
use kg_model::{Document, Extraction, Fact, Span};
use proptest::prelude::*;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

/// Pieces of news-like text (names, offices, meeting words, dates, punctuation, odd characters)
/// joined at random, so the rules fire far more often than on random characters alone.
fn newsy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Foreign Minister".to_owned()),
        Just("Anna Berg".to_owned()),
        Just("Ibrahim Kalın".to_owned()),
        Just("Türkiye's intelligence chief,".to_owned()),
        Just("the Turkish".to_owned()),
        Just("met".to_owned()),
        Just("met with".to_owned()),
        Just("held talks".to_owned()),
        Just("in Oslo".to_owned()),
        Just("on Thursday".to_owned()),
        Just("on 5 March 2026".to_owned()),
        Just("discussed".to_owned()),
        Just("energy security and trade".to_owned()),
        Just("the National Security and Defense Council (NSDC)".to_owned()),
        Just("who is also his country's top negotiator".to_owned()),
        Just("BERLIN (Reuters) —".to_owned()),
        Just("\"".to_owned()),
        Just("’s".to_owned()),
        Just(".".to_owned()),
        Just(",".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\u{0}".to_owned()),
        Just("\u{fffd}".to_owned()),
        Just("e\u{301}".to_owned()),
        Just("👩‍👩‍👧".to_owned()),
        "[A-Z][a-z]{0,8}",
        "\\PC{0,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec((piece, prop_oneof![Just(" "), Just(""), Just("  ")]), 0..40)
        .prop_map(|pieces| pieces.into_iter().map(|(p, sep)| p + sep).collect())
}

fn extract(text: &str, date: Option<&str>) -> Extraction {
    let mut document = Document::new("property.txt", text);
    document.date = date.map(str::to_owned);
    extractor().extract(&document)
}

/// Fails unless `span` is an ordered range of character boundaries inside `text`.
fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.text(text).is_some(),
        "{} span {:?} is not a range of char boundaries in {:?}",
        what,
        span,
        text
    );
    Ok(())
}

fn check_spans(text: &str, extraction: &Extraction) -> Result<(), TestCaseError> {
    for sentence in &extraction.sentences {
        check_span(text, *sentence, "sentence")?;
    }
    for mention in &extraction.mentions {
        check_span(text, mention.span, "mention")?;
        prop_assert_eq!(mention.span.text(text), Some(mention.text.as_str()));
        prop_assert!(extraction.entity(mention.entity).is_some());
    }
    for fact in &extraction.facts {
        prop_assert!(fact.sentence() < extraction.sentences.len());
        match fact {
            Fact::HoldsRole(f) => check_span(text, f.evidence, "role evidence")?,
            Fact::Meeting(f) => {
                check_span(text, f.trigger, "meeting trigger")?;
                if let Some(time) = &f.time {
                    check_span(text, time.span, "time")?;
                    prop_assert_eq!(time.span.text(text), Some(time.text.as_str()));
                }
            }
            Fact::LocatedIn(f) => check_span(text, f.evidence, "located-in evidence")?,
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn extraction_never_panics_on_arbitrary_strings(text in any::<String>()) {
        let extraction = extract(&text, None);
        check_spans(&text, &extraction)?;
    }

    #[test]
    fn spans_are_char_boundaries_and_slices_match_on_newsy_text(
        text in newsy_text(),
        dated in any::<bool>(),
    ) {
        let extraction = extract(&text, dated.then_some("2026-03-05"));
        check_spans(&text, &extraction)?;
    }

    #[test]
    fn extraction_is_deterministic(text in newsy_text()) {
        prop_assert_eq!(extract(&text, None), extract(&text, None));
    }
}

/// Regression (found by `fuzz/extract_utf8`): the headline check looked at the token before
/// the end of a text with no tokens at all, and overflowed.
#[test]
fn an_empty_text_extracts_to_nothing() {
    for text in ["", " ", "\n\n", "\u{feff}"] {
        let extraction = extract(text, Some("2026-03-05"));
        assert!(extraction.mentions.is_empty(), "{text:?}");
        assert!(extraction.facts.is_empty(), "{text:?}");
    }
}
