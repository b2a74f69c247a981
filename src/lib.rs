//! kg: English news text → RDF knowledge graph.
//!
//! This root package is a thin facade over the workspace crates so that the integration tests
//! in `tests/` and the programs in `examples/` can use all of kg through one name. The command
//! line tool is the `kg` binary of `crates/kg-cli`.

pub use kg_extract as extract;
pub use kg_graph as graph;
pub use kg_model as model;
