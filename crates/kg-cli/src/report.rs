//! Messages for people on stderr, at the verbosity they asked for.

use std::fmt::Display;

use indicatif::ProgressBar;

use crate::cli::VerbosityArgs;

/// How much to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors, warnings and summaries.
    Normal,
    /// Also one line per document.
    Verbose,
}

/// Prints status messages to stderr, through the progress bar when one is drawn so the two
/// do not garble each other.
#[derive(Debug)]
pub struct Reporter {
    verbosity: Verbosity,
    progress: Option<ProgressBar>,
}

impl Reporter {
    /// A reporter for the command line's `-q` / `-v`.
    pub fn new(args: &VerbosityArgs) -> Self {
        let verbosity = if args.quiet {
            Verbosity::Quiet
        } else if args.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        };
        Self {
            verbosity,
            progress: None,
        }
    }

    /// The verbosity asked for.
    pub fn verbosity(&self) -> Verbosity {
        self.verbosity
    }

    /// Routes messages through `bar` until [`Reporter::finish_progress`].
    pub fn attach_progress(&mut self, bar: ProgressBar) {
        self.progress = Some(bar);
    }

    /// The attached progress bar, if any.
    pub fn progress(&self) -> Option<&ProgressBar> {
        self.progress.as_ref()
    }

    /// Removes the progress bar from the terminal.
    pub fn finish_progress(&mut self) {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
    }

    /// A problem that stops one piece of work; always shown.
    pub fn error(&self, err: &anyhow::Error) {
        self.print(format_args!("error: {err:#}"));
    }

    /// Something worth knowing that is not an error; hidden by `-q`.
    pub fn warn(&self, message: impl Display) {
        if self.verbosity >= Verbosity::Normal {
            self.print(format_args!("warning: {message}"));
        }
    }

    /// A summary line; hidden by `-q`.
    pub fn info(&self, message: impl Display) {
        if self.verbosity >= Verbosity::Normal {
            self.print(message);
        }
    }

    /// Per-document detail; shown only with `-v`.
    pub fn detail(&self, message: impl Display) {
        if self.verbosity >= Verbosity::Verbose {
            self.print(message);
        }
    }

    fn print(&self, message: impl Display) {
        match &self.progress {
            Some(bar) => bar.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }
}
