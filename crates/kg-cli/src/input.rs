//! Finding input documents on disk (or stdin) and decoding them as UTF-8.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use kg_model::Document;

/// Where one document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input, named `-`.
    Stdin,
    /// A file, named by its path as given or as found while walking a folder.
    File(PathBuf),
}

impl Source {
    /// The document's identity: its path as given, or `-` for stdin.
    pub fn id(&self) -> String {
        match self {
            Source::Stdin => "-".to_owned(),
            Source::File(path) => path.to_string_lossy().into_owned(),
        }
    }
}

/// The documents named by the command line, in order, plus the paths that could not be used.
#[derive(Debug, Default)]
pub struct Sources {
    /// Documents to read, in command-line order, folders expanded in sorted order.
    pub found: Vec<Source>,
    /// Paths that do not exist or could not be listed, with the reason.
    pub errors: Vec<anyhow::Error>,
}

impl Sources {
    /// Whether a person would have to type a document: stdin is read and is a terminal.
    pub fn waits_for_typing(&self) -> bool {
        self.found.contains(&Source::Stdin) && io::stdin().is_terminal()
    }
}

/// Expands the command line's paths: `-` is stdin, a file is itself, a folder is walked
/// recursively (sorted by name) for text files. An empty list means stdin.
pub fn collect_sources(paths: &[PathBuf]) -> Sources {
    let mut sources = Sources::default();
    if paths.is_empty() {
        sources.found.push(Source::Stdin);
    }
    for path in paths {
        if path.as_os_str() == "-" {
            sources.found.push(Source::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_folder(path, &mut sources),
            Ok(_) => sources.found.push(Source::File(path.clone())),
            Err(err) => sources
                .errors
                .push(anyhow!(err).context(format!("{}: cannot read this path", path.display()))),
        }
    }
    sources
}

/// Adds the text files under `folder`, depth first, in byte order of their names.
fn walk_folder(folder: &Path, sources: &mut Sources) {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) => {
            let context = format!("{}: cannot list this folder", folder.display());
            sources.errors.push(anyhow!(err).context(context));
            return;
        }
    };
    let mut children: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) if !is_hidden(&entry.file_name()) => children.push(entry.path()),
            Ok(_) => {}
            Err(err) => {
                let context = format!("{}: cannot list this folder", folder.display());
                sources.errors.push(anyhow!(err).context(context));
            }
        }
    }
    children.sort();
    for child in children {
        // Symbolic links to folders are not followed, so a link cycle cannot loop forever.
        let Ok(link_meta) = fs::symlink_metadata(&child) else {
            continue;
        };
        if link_meta.is_dir() {
            walk_folder(&child, sources);
        } else if is_text_file_name(&child) && fs::metadata(&child).is_ok_and(|m| m.is_file()) {
            sources.found.push(Source::File(child));
        }
    }
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Text files are `.txt`, `.md` or have no extension at all.
fn is_text_file_name(path: &Path) -> bool {
    match path.extension() {
        None => true,
        Some(ext) => ext.eq_ignore_ascii_case("txt") || ext.eq_ignore_ascii_case("md"),
    }
}

/// Reads one document and checks that it is UTF-8. The error names the file and, for bad
/// encoding, the byte offset of the first byte that is not UTF-8.
pub fn read_document(source: &Source, date: Option<&str>) -> Result<Document> {
    let id = source.id();
    let bytes = match source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            bytes
        }
        Source::File(path) => {
            fs::read(path).with_context(|| format!("{}: cannot read the file", path.display()))?
        }
    };
    let text = decode_utf8(bytes).map_err(|offset| {
        let name = if id == "-" {
            "standard input"
        } else {
            id.as_str()
        };
        anyhow!(
            "{name}: not valid UTF-8 at byte {offset}; convert it first \
             (e.g. `iconv -f WINDOWS-1252 -t UTF-8`) and build it again"
        )
    })?;
    let mut document = Document::new(id, text);
    document.date = date.map(str::to_owned);
    Ok(document)
}

/// The text, or the byte offset of the first byte that is not part of valid UTF-8.
fn decode_utf8(bytes: Vec<u8>) -> Result<String, usize> {
    String::from_utf8(bytes).map_err(|err| err.utf8_error().valid_up_to())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_byte_offset_is_reported() {
        assert_eq!(decode_utf8(b"ab\xffcd".to_vec()), Err(2));
        assert_eq!(
            decode_utf8("Kalın \u{2019}".as_bytes().to_vec()).as_deref(),
            Ok("Kalın \u{2019}")
        );
        // A truncated multi-byte character at the end is reported where it starts.
        assert_eq!(decode_utf8(b"abc\xc4".to_vec()), Err(3));
    }

    #[test]
    fn folders_are_walked_in_sorted_order_for_text_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/nested")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for name in [
            "z.txt",
            "a.md",
            "README",
            "b/nested/c.txt",
            "b/x.txt",
            "image.png",
            ".hidden.txt",
            ".git/HEAD",
        ] {
            fs::write(root.join(name), "text").unwrap();
        }
        let sources = collect_sources(&[root.to_path_buf()]);
        assert!(sources.errors.is_empty());
        let names: Vec<String> = sources
            .found
            .iter()
            .map(|s| match s {
                Source::File(p) => p.strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                Source::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(
            names,
            ["README", "a.md", "b/nested/c.txt", "b/x.txt", "z.txt"]
        );
    }

    #[test]
    fn missing_paths_are_errors_and_dash_is_stdin() {
        let sources = collect_sources(&[PathBuf::from("-"), PathBuf::from("/no/such/file.txt")]);
        assert_eq!(sources.found, [Source::Stdin]);
        assert_eq!(sources.errors.len(), 1);
        assert!(format!("{:#}", sources.errors[0]).contains("/no/such/file.txt"));
        assert_eq!(collect_sources(&[]).found, [Source::Stdin]);
    }
}
