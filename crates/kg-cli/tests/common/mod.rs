//! What the end-to-end tests of the `kg` binary share: where the workspace and its example
//! articles are, running `kg` in a clean environment, and checking how it exited.

#![allow(
    dead_code,
    reason = "each test crate uses only some of the shared helpers"
)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The workspace root, so that document ids are `examples/….txt` as a user would type them.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The folder of example articles and queries, `examples/` in the workspace root.
pub fn examples_dir() -> PathBuf {
    workspace_root().join("examples")
}

/// The example articles, the `.txt` files that `kg build examples` loads, as absolute paths in
/// sorted order.
pub fn example_articles() -> Vec<PathBuf> {
    let mut articles: Vec<PathBuf> = fs::read_dir(examples_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("txt"))
        })
        .collect();
    articles.sort();
    articles
}

/// `kg` with a clean environment, run from `dir`: no `KG_STORE` from the caller, and no colour
/// switch (`NO_COLOR`, `CLICOLOR_FORCE`) unless a test sets one itself.
pub fn kg_in(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kg"));
    command
        .current_dir(dir)
        .env_remove("KG_STORE")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    command
}

/// `kg` with a clean environment (see [`kg_in`]), run from the workspace root.
pub fn kg() -> Command {
    kg_in(&workspace_root())
}

/// Runs `command` to its end and returns what it wrote, whatever its exit status.
pub fn run(command: &mut Command) -> Output {
    command.output().expect("kg runs")
}

/// Runs `command` with `input` on its standard input and returns what it wrote.
pub fn run_with_stdin(command: &mut Command, input: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kg starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input)
        .expect("kg reads its standard input");
    child.wait_with_output().expect("kg runs")
}

/// Runs `command` and checks that it succeeded.
#[track_caller]
pub fn success(command: &mut Command) -> Output {
    let output = run(command);
    assert_success(&output);
    output
}

/// Standard output as text (kg writes UTF-8; anything else fails the test).
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// Standard error as text (kg writes UTF-8; anything else fails the test).
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Checks that kg exited with status 0, showing what it wrote if not.
#[track_caller]
pub fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "kg failed with {}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Checks the exit status and that kg did not panic (a panic exits with 101 and says so).
#[track_caller]
pub fn assert_status(output: &Output, code: i32) {
    let message = stderr(output);
    assert!(!message.contains("panicked"), "kg panicked:\n{message}");
    assert_eq!(
        output.status.code(),
        Some(code),
        "expected exit status {code}\nstdout:\n{}\nstderr:\n{message}",
        String::from_utf8_lossy(&output.stdout)
    );
}

/// Builds `examples/` into `store` and checks that it worked.
#[track_caller]
pub fn build_examples(store: &Path) -> Output {
    success(kg().args(["build", "examples", "--store"]).arg(store))
}

/// The rows of a CSV query result, header excluded.
#[track_caller]
pub fn csv_rows(store: &Path, sparql: &str) -> Vec<String> {
    let output = success(
        kg().args(["query", "--format", "csv", "--store"])
            .arg(store)
            .arg(sparql),
    );
    stdout(&output)
        .lines()
        .skip(1)
        .map(|line| line.trim_end().to_owned())
        .collect()
}
