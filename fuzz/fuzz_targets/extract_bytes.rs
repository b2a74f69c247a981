//! Arbitrary bytes, decoded as `kg build --lossy` does, through the extractor.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    kg_fuzz::extract_and_check(&text, None);
});
