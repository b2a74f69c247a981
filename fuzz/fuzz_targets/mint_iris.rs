//! Arbitrary document ids (paths) and entity keys through IRI minting.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (doc_id, key) = input;
    kg_fuzz::check_minting(doc_id, key);
});
