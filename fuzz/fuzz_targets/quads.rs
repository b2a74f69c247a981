//! Arbitrary text → extraction → quads → N-Quads and TriG → parsed back: the same statements.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let extraction = kg_fuzz::extract_and_check(text, Some("2026-03-05"));
    kg_fuzz::check_quads_round_trip(&extraction, text);
});
