//! `kg viz --format html` and the filters of `kg viz`, end to end. The page is opened in headless
//! Chromium (Debian package `chromium`, installed by scripts/prerequisites.sh), which shows that
//! the SVG is in the rendered DOM and that the page's script ran.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{build_examples, kg, stdout, success};

/// `examples/` built into `dir/store`.
fn built_store(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    build_examples(&store);
    store
}

/// The first Chromium on PATH, if any.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

/// The DOM Chromium renders for `page`, after its scripts ran.
fn rendered_dom(browser: &str, page: &Path, profile: &Path) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Read stdout on another thread: the DOM is larger than a pipe holds, so Chromium would
    // wait for a reader while we waited for it to exit.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut dom = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut dom).map(|_| dom)
    });
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_mins(1) {
            let _ = child.kill();
            panic!(
                "{browser} did not finish rendering {} in 60 s",
                page.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    String::from_utf8_lossy(&reader.join().unwrap().unwrap()).into_owned()
}

#[test]
fn the_html_page_renders_in_headless_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let store = built_store(dir.path());
    let page = dir.path().join("graph.html");
    success(
        kg().args(["viz", "--format", "html", "--store"])
            .arg(&store)
            .arg("-o")
            .arg(&page),
    );
    let html = fs::read_to_string(&page).unwrap();
    // Self-contained: nothing is fetched from elsewhere.
    for outside in ["src=\"http", "href=\"http", "<link", "@import"] {
        assert!(!html.contains(outside), "the page loads {outside}");
    }
    assert!(html.contains("Halvorsen"), "the table names the people");

    let Some(browser) = chromium() else {
        println!(
            "SKIPPED the_html_page_renders_in_headless_chromium: no chromium on PATH \
             (apt-get install -y chromium, or run scripts/test.sh, which installs it)"
        );
        return;
    };
    let dom = rendered_dom(browser, &page, &dir.path().join("profile"));
    assert!(dom.contains("<svg"), "no SVG in the rendered DOM:\n{dom}");
    assert!(
        dom.contains("data-ready=\"yes\""),
        "the pan-and-zoom script did not run to its end"
    );
    // Graphviz draws each node as a <g class="node">: the legend's five and the graph's.
    assert!(dom.matches("class=\"node\"").count() > 10);
    let rows = dom
        .split("<tbody>")
        .nth(1)
        .unwrap_or("")
        .matches("<tr>")
        .count();
    assert!(rows >= 8, "{rows} fact rows");
    assert!(dom.contains("Astrid Halvorsen is foreign minister of Norway"));
}

#[test]
fn an_entity_and_depth_narrow_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let store = built_store(dir.path());
    let dot = |args: &[&str]| {
        stdout(&success(
            kg().arg("viz").args(args).arg("--store").arg(&store),
        ))
    };
    let all = dot(&[]);
    let near = dot(&["--entity", "astrid halvorsen", "--depth", "1"]);
    let further = dot(&["--entity", "person:astrid-halvorsen", "--depth", "2"]);
    let nodes = |dot: &str| {
        dot.lines()
            .filter(|l| l.trim_start().starts_with('n') && l.contains("[label="))
            .count()
    };
    assert!(near.contains("Astrid Halvorsen") && near.contains("Norway"));
    assert!(!near.contains("Lukas Brandstetter"), "two edges away");
    assert!(further.contains("Lukas Brandstetter") && further.contains("energy security"));
    assert!(!further.contains("Katrin Vogler"), "another article");
    assert!(nodes(&near) < nodes(&further) && nodes(&further) < nodes(&all));

    let output = kg()
        .args(["viz", "--entity", "Nobody Atall", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("\"Nobody Atall\""));
    let output = kg().args(["viz", "--depth", "1"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "--depth needs --entity");
}

#[test]
fn too_large_a_picture_is_refused_with_the_filters_to_use() {
    let dir = tempfile::tempdir().unwrap();
    let store = built_store(dir.path());
    for format in ["svg", "html"] {
        let output = kg()
            .args(["viz", "--format", format, "--max-nodes", "10", "--store"])
            .arg(&store)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("nodes"), "{stderr}");
        for hint in ["--doc", "--entity", "--max-nodes"] {
            assert!(stderr.contains(hint), "{stderr}");
        }
        assert!(output.stdout.is_empty());
    }
    // DOT source is written whatever its size.
    success(
        kg().args(["viz", "--max-nodes", "10", "--store"])
            .arg(&store),
    );
}
