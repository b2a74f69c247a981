//! Arbitrary UTF-8 text through the extractor, with a publication date so that relative dates
//! are resolved too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    kg_fuzz::extract_and_check(text, Some("2026-03-05"));
});
