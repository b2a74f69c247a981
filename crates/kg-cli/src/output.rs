//! Where command output goes: stdout, or a file that appears only once it is complete.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tempfile::NamedTempFile;

/// A destination for a command's output.
pub enum Output {
    /// Standard output, buffered.
    Stdout(BufWriter<io::StdoutLock<'static>>),
    /// A temporary file beside `target`, renamed over it by [`Output::finish`].
    File {
        /// The temporary file being written.
        temp: BufWriter<NamedTempFile>,
        /// Where the output should end up.
        target: PathBuf,
    },
}

impl Output {
    /// `-o FILE` when given, else stdout. A file is written beside its final name and only
    /// renamed into place by [`Output::finish`], so a failure never leaves half a file.
    pub fn create(path: Option<&Path>) -> Result<Self> {
        let Some(target) = path else {
            return Ok(Output::Stdout(BufWriter::new(io::stdout().lock())));
        };
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let temp = NamedTempFile::new_in(folder).with_context(|| {
            format!(
                "{}: cannot create a file in {}",
                target.display(),
                folder.display()
            )
        })?;
        Ok(Output::File {
            temp: BufWriter::new(temp),
            target: target.to_path_buf(),
        })
    }

    /// Flushes the output and, for a file, moves it into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(mut out) => out.flush().context("cannot write to standard output"),
            Output::File { temp, target } => {
                let temp = temp
                    .into_inner()
                    .map_err(io::IntoInnerError::into_error)
                    .with_context(|| format!("{}: cannot write the file", target.display()))?;
                temp.as_file()
                    .sync_all()
                    .with_context(|| format!("{}: cannot write the file", target.display()))?;
                let file = temp.persist(&target).with_context(|| {
                    format!("{}: cannot move the file into place", target.display())
                })?;
                // Temporary files are private (0600); the result should be as readable as any
                // file the user creates.
                set_default_permissions(&file, &target)
            }
        }
    }

    /// A description of the destination for messages ("graph.ttl", "standard output").
    pub fn describe(&self) -> String {
        match self {
            Output::Stdout(_) => "standard output".to_owned(),
            Output::File { target, .. } => target.display().to_string(),
        }
    }
}

#[cfg(unix)]
fn set_default_permissions(file: &fs::File, target: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o644))
        .with_context(|| format!("{}: cannot set permissions", target.display()))
}

#[cfg(not(unix))]
fn set_default_permissions(_file: &fs::File, _target: &Path) -> Result<()> {
    Ok(())
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::File { temp, .. } => temp.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File { temp, .. } => temp.flush(),
        }
    }
}
