//! Identity keys: lower case, diacritics removed, so "Kalın" = "Kalin" and "Türkiye" = "Turkiye".
//! The folding itself lives in `kg-model`, shared with the graph layer.

pub use kg_model::fold::fold;
