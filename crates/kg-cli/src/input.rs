//! Finding input documents on disk (or stdin) and decoding them as UTF-8.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use kg_model::Document;

use crate::cli::DecodingArgs;
use crate::report::Reporter;

/// Where one document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input, named `-`.
    Stdin,
    /// A file, named by its path as given or as found while walking a folder.
    File(PathBuf),
}

impl Source {
    /// The RDF format of a file kg loads as RDF rather than text (`.ttl`, `.trig`, `.nt`,
    /// `.nq`, `.jsonld`), or `None` for text.
    pub fn rdf_format(&self) -> Option<kg_graph::ExportFormat> {
        match self {
            Source::Stdin => None,
            Source::File(path) => kg_graph::ExportFormat::from_path(path),
        }
    }

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
    /// Reports the paths that could not be read, and that a document is awaited on a terminal.
    pub fn report(&self, reporter: &Reporter) {
        for err in &self.errors {
            reporter.error(err);
        }
        if self.waits_for_typing() {
            reporter.info("reading a document from standard input; end it with Ctrl-D");
        }
    }

    /// Whether a person would have to type a document: stdin is read and is a terminal.
    pub fn waits_for_typing(&self) -> bool {
        self.found.contains(&Source::Stdin) && io::stdin().is_terminal()
    }
}

/// Expands the command line's paths: `-` is stdin, a file is itself, a folder is walked
/// recursively (sorted by name) for text files and RDF files (see [`Source::rdf_format`]).
/// An empty list means stdin.
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
        } else if (is_text_file_name(&child) || kg_graph::ExportFormat::from_path(&child).is_some())
            && fs::metadata(&child).is_ok_and(|m| m.is_file())
        {
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

/// A document as read, with the warning `--lossy` owes the user when it had to repair it.
#[derive(Debug)]
pub struct ReadDocument {
    /// The document.
    pub document: Document,
    /// Set when `--lossy` read a file that is not valid UTF-8 or has NUL bytes: names the
    /// file and the first bad byte.
    pub repaired: Option<String>,
}

/// Reads one document and checks that it is text: UTF-8 without NUL bytes, and at most
/// `--max-size` bytes. The error names the file and, for bad bytes, the byte offset of the
/// first. With `--lossy`, bad bytes are replaced with U+FFFD (NUL bytes are kept) and
/// [`ReadDocument::repaired`] says so.
///
/// A UTF-8 byte-order mark is kept as the text's first character, so that spans stay byte
/// offsets into the file as it is on disk.
pub fn read_document(
    source: &Source,
    date: Option<&str>,
    decoding: DecodingArgs,
) -> Result<ReadDocument> {
    let id = source.id();
    let name = if id == "-" {
        "standard input".to_owned()
    } else {
        id.clone()
    };
    let too_big = |size: String| {
        anyhow!(
            "{name}: {size}, and a document may have at most {} (--max-size); split it into \
             articles, or raise --max-size (loading takes memory in proportion to the size)",
            decoding.max_size
        )
    };
    // One byte more than allowed is enough to know the input is too big.
    let limit = decoding.max_size.saturating_add(1);
    let mut bytes = Vec::new();
    match source {
        Source::Stdin => {
            io::stdin()
                .lock()
                .take(limit)
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
        }
        Source::File(path) => {
            let cannot_read = || format!("{}: cannot read the file", path.display());
            let file = fs::File::open(path).with_context(cannot_read)?;
            let size = file.metadata().with_context(cannot_read)?.len();
            if size > decoding.max_size {
                return Err(too_big(format!("{size} bytes")));
            }
            file.take(limit)
                .read_to_end(&mut bytes)
                .with_context(cannot_read)?;
        }
    }
    if bytes.len() as u64 > decoding.max_size {
        return Err(too_big(format!("more than {} bytes", decoding.max_size)));
    }
    let (text, repaired) = match (first_bad_byte(&bytes), decoding.lossy) {
        (None, _) => (String::from_utf8(bytes)?, None),
        (Some(bad), true) => (
            String::from_utf8_lossy(&bytes).into_owned(),
            Some(match bad {
                BadByte::NotUtf8(offset) => format!(
                    "{name}: not valid UTF-8 at byte {offset}; read anyway (--lossy), with \
                     U+FFFD for each invalid byte sequence, so its spans count bytes of the \
                     repaired text"
                ),
                BadByte::Nul(offset) => format!(
                    "{name}: a NUL byte at byte {offset}, as in a binary file; read as text \
                     anyway (--lossy)"
                ),
            }),
        ),
        (Some(BadByte::NotUtf8(offset)), false) => bail!(
            "{name}: not valid UTF-8 at byte {offset}; convert it first \
             (e.g. `iconv -f WINDOWS-1252 -t UTF-8`) and build it again, or read it with \
             --lossy"
        ),
        (Some(BadByte::Nul(offset)), false) => bail!(
            "{name}: a NUL byte at byte {offset}: this looks like a binary file, not text, so \
             it was skipped; --lossy reads it anyway"
        ),
    };
    let mut document = Document::new(id, text);
    document.date = date.map(str::to_owned);
    Ok(ReadDocument { document, repaired })
}

/// The first byte that keeps input from being read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BadByte {
    /// The offset of the first byte that is not part of valid UTF-8.
    NotUtf8(usize),
    /// The offset of the first NUL byte, which text does not have and binary files do.
    Nul(usize),
}

/// Whichever comes first: a byte that is not UTF-8, or a NUL byte.
fn first_bad_byte(bytes: &[u8]) -> Option<BadByte> {
    let valid_up_to = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(err) => err.valid_up_to(),
    };
    if let Some(nul) = bytes[..valid_up_to].iter().position(|&b| b == 0) {
        Some(BadByte::Nul(nul))
    } else if valid_up_to < bytes.len() {
        Some(BadByte::NotUtf8(valid_up_to))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_byte_offset_is_reported() {
        assert_eq!(first_bad_byte(b"ab\xffcd"), Some(BadByte::NotUtf8(2)));
        assert_eq!(first_bad_byte("Kalın \u{2019}".as_bytes()), None);
        // A truncated multi-byte character at the end is reported where it starts.
        assert_eq!(first_bad_byte(b"abc\xc4"), Some(BadByte::NotUtf8(3)));
        // NUL marks a binary file; whichever bad byte comes first is reported.
        assert_eq!(first_bad_byte(b"ab\0c\xff"), Some(BadByte::Nul(2)));
        assert_eq!(first_bad_byte(b"a\xffb\0"), Some(BadByte::NotUtf8(1)));
        // A byte-order mark is text.
        assert_eq!(first_bad_byte(b"\xef\xbb\xbfabc"), None);
        assert_eq!(first_bad_byte(b""), None);
    }

    #[test]
    fn folders_are_walked_in_sorted_order_for_text_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/nested")).unwrap();
        fs::create_dir_all(root.join("data")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for name in [
            "z.txt",
            "a.md",
            "README",
            "b/nested/c.txt",
            "b/x.txt",
            "image.png",
            "data/people.ttl",
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
            [
                "README",
                "a.md",
                "b/nested/c.txt",
                "b/x.txt",
                "data/people.ttl",
                "z.txt"
            ]
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
