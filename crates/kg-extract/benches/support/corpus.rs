//! Benchmark inputs: the texts of `../shared/corpus` (GUM news and Re-DocRED), repeated until a
//! corpus reaches the size asked for.
//!
//! The corpus is read when the benchmark runs, never copied into the repository. It is looked
//! for in `$KG_CORPUS_DIR`, else in `../shared/corpus` beside the workspace. Each repeat gets
//! its own document ids (`r0001/GUM_news_afghan`), so a store sees distinct documents.

use kg_model::Document;
use std::path::PathBuf;

/// One megabyte, as the sizes are counted (bytes of UTF-8 text).
pub const MB: usize = 1_000_000;

/// The sizes every benchmark runs at: 1 MB and 10 MB, and 100 MB when `KG_BENCH_LARGE` is set
/// (a run at 100 MB takes minutes).
pub fn sizes() -> Vec<usize> {
    let mut sizes = vec![MB, 10 * MB];
    if std::env::var_os("KG_BENCH_LARGE").is_some() {
        sizes.push(100 * MB);
    }
    sizes
}

/// A human name for a size: `1MB`.
pub fn label(size: usize) -> String {
    format!("{}MB", size / MB)
}

/// Where the shared corpus is.
fn corpus_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("KG_CORPUS_DIR") {
        return PathBuf::from(dir);
    }
    // crates/<crate>/ → the workspace → its sibling `shared`.
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

/// The source texts: GUM's news documents and every Re-DocRED document, as `(id, text)`.
pub fn source_texts() -> Vec<(String, String)> {
    let dir = corpus_dir();
    let mut texts = Vec::new();
    for file in ["gum.jsonl", "redocred-dev.jsonl"] {
        let path = dir.join(file);
        let data = std::fs::read_to_string(&path).unwrap_or_else(|err| {
            panic!(
                "cannot read {}: {err}; set KG_CORPUS_DIR to the folder with gum.jsonl and \
                 redocred-dev.jsonl",
                path.display()
            )
        });
        for line in data.lines().filter(|line| !line.trim().is_empty()) {
            let doc: serde_json::Value = serde_json::from_str(line).expect("corpus lines are JSON");
            let news = doc["source"] == "redocred" || doc["genre"] == "news";
            if let (true, Some(id), Some(text)) = (news, doc["id"].as_str(), doc["text"].as_str()) {
                texts.push((id.to_owned(), text.to_owned()));
            }
        }
    }
    assert!(!texts.is_empty(), "no documents in {}", dir.display());
    texts
}

/// Documents repeating `texts` in order until their texts hold at least `bytes` bytes.
pub fn corpus(texts: &[(String, String)], bytes: usize) -> Vec<Document> {
    let mut documents = Vec::new();
    let mut size = 0;
    let mut k = 0;
    while size < bytes {
        let (id, text) = &texts[k % texts.len()];
        documents.push(Document::new(
            format!("r{:04}/{id}", k / texts.len()),
            text.clone(),
        ));
        size += text.len();
        k += 1;
    }
    documents
}

/// Total bytes of text.
pub fn text_bytes(documents: &[Document]) -> u64 {
    documents.iter().map(|d| d.text.len() as u64).sum()
}
