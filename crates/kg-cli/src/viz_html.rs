//! The page `kg viz --format html` writes: one self-contained HTML file with the SVG Graphviz
//! drew (drag to pan, wheel or buttons to zoom, by a few lines of inline script) above a table
//! of the facts drawn, each with the sentences it came from. Nothing is loaded from elsewhere,
//! so the file can be mailed or opened offline.

use std::fmt::Write as _;

use kg_graph::{FactRecord, Picture};

use crate::commands::explain::describe;

const STYLE: &str = r"
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #222; }
  header { padding: .8rem 1.2rem .4rem; }
  h1 { font-size: 1.25rem; margin: 0; }
  h2 { font-size: 1.1rem; margin: 1.2rem 1.2rem .5rem; }
  .summary { color: #555; margin: .2rem 0 .4rem; }
  .controls { display: flex; gap: .4rem; align-items: center; }
  .controls button { font-size: 1rem; min-width: 2.2rem; }
  .controls span { color: #666; font-size: .9rem; margin-left: .6rem; }
  #viewport { height: 72vh; margin: 0 1.2rem; border: 1px solid #ccc; background: #fff;
              overflow: hidden; cursor: grab; touch-action: none; }
  #viewport.dragging { cursor: grabbing; }
  #viewport svg { width: 100%; height: 100%; display: block; user-select: none; }
  table { border-collapse: collapse; margin: 0 1.2rem 2rem; width: calc(100% - 2.4rem); font-size: 14px; }
  th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f0f0f0; position: sticky; top: 0; }
  td.number { text-align: right; white-space: nowrap; }
  .sentence { margin: 0 0 .25rem; }
  .offsets { color: #777; font-size: 12px; margin-right: .3rem; }
";

/// Pan and zoom by rewriting the SVG's viewBox; `data-ready` tells tests the script ran.
const SCRIPT: &str = r#"
"use strict";
(function () {
  const viewport = document.getElementById("viewport");
  const svg = viewport.querySelector("svg");
  if (!svg) return;
  const box = svg.viewBox.baseVal;
  const home = { x: box.x, y: box.y, w: box.width, h: box.height };
  let view = Object.assign({}, home);
  function apply() {
    svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h);
  }
  function toSvg(clientX, clientY) {
    const matrix = svg.getScreenCTM();
    if (!matrix) return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    const point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
    return { x: point.x, y: point.y };
  }
  function zoom(factor, at) {
    const w = view.w * factor;
    if (w < home.w / 50 || w > home.w * 20) return;
    view.x = at.x - (at.x - view.x) * factor;
    view.y = at.y - (at.y - view.y) * factor;
    view.w = w;
    view.h = view.h * factor;
    apply();
  }
  function centre() {
    return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
  }
  viewport.addEventListener("wheel", function (event) {
    event.preventDefault();
    zoom(event.deltaY < 0 ? 0.8 : 1.25, toSvg(event.clientX, event.clientY));
  }, { passive: false });
  let drag = null;
  viewport.addEventListener("pointerdown", function (event) {
    drag = { x: event.clientX, y: event.clientY, view: Object.assign({}, view) };
    viewport.setPointerCapture(event.pointerId);
    viewport.classList.add("dragging");
  });
  viewport.addEventListener("pointermove", function (event) {
    if (!drag) return;
    const scale = Math.max(view.w / viewport.clientWidth, view.h / viewport.clientHeight);
    view.x = drag.view.x - (event.clientX - drag.x) * scale;
    view.y = drag.view.y - (event.clientY - drag.y) * scale;
    apply();
  });
  function endDrag() { drag = null; viewport.classList.remove("dragging"); }
  viewport.addEventListener("pointerup", endDrag);
  viewport.addEventListener("pointercancel", endDrag);
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.8, centre()); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.25, centre()); });
  document.getElementById("reset").addEventListener("click", function () {
    view = Object.assign({}, home);
    apply();
  });
  document.body.dataset.ready = "yes";
})();
"#;

/// The whole page for a picture, its rendered SVG and the facts it shows.
pub fn page(title: &str, svg: &[u8], picture: &Picture, facts: &[FactRecord]) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>kg — {}</title>", escape(title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(
        out,
        "<header>\n<h1>kg — {}</h1>\n<p class=\"summary\">{} nodes, {} edges, {} facts</p>",
        escape(title),
        picture.nodes,
        picture.edges,
        facts.len()
    );
    out.push_str(
        "<div class=\"controls\"><button id=\"zoom-in\" title=\"Zoom in\">+</button>\
         <button id=\"zoom-out\" title=\"Zoom out\">−</button>\
         <button id=\"reset\">Reset</button>\
         <span>Drag to pan; the mouse wheel zooms.</span></div>\n</header>\n",
    );
    let _ = writeln!(
        out,
        "<div id=\"viewport\">\n{}\n</div>",
        inline_svg(&String::from_utf8_lossy(svg))
    );
    out.push_str("<h2>Facts</h2>\n");
    facts_table(&mut out, facts);
    let _ = writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>");
    out
}

fn facts_table(out: &mut String, facts: &[FactRecord]) {
    out.push_str(
        "<table id=\"facts\">\n<thead><tr><th>Fact</th><th>Document</th><th>Confidence</th>\
         <th>Sentences it came from</th></tr></thead>\n<tbody>\n",
    );
    for fact in facts {
        let confidence = fact.confidence.map(|c| format!("{c}")).unwrap_or_default();
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"number\">{}</td><td>",
            escape(&describe(&fact.detail)),
            escape(&fact.document),
            confidence
        );
        for sentence in &fact.sentences {
            let _ = write!(
                out,
                "<p class=\"sentence\"><span class=\"offsets\">[{}, {})</span>{}</p>",
                sentence.begin,
                sentence.end,
                escape(&sentence.text)
            );
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Graphviz's SVG without the XML declaration and doctype (not allowed inside HTML), and with
/// its fixed size removed so it fills the viewport; its viewBox keeps the proportions.
fn inline_svg(svg: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return String::new();
    };
    let svg = &svg[start..];
    let tag_end = svg.find('>').unwrap_or(svg.len());
    let (tag, rest) = svg.split_at(tag_end);
    let tag = remove_attribute(&remove_attribute(tag, "width"), "height");
    format!("{tag}{rest}")
}

fn remove_attribute(tag: &str, name: &str) -> String {
    let pattern = format!(" {name}=\"");
    match tag.find(&pattern) {
        Some(at) => {
            let value_start = at + pattern.len();
            match tag[value_start..].find('"') {
                Some(len) => format!("{}{}", &tag[..at], &tag[value_start + len + 1..]),
                None => tag.to_owned(),
            }
        }
        None => tag.to_owned(),
    }
}

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_is_inlined_without_prolog_or_fixed_size() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg width=\"300pt\" height=\"200pt\" \
                   viewBox=\"0.00 0.00 300.00 200.00\" xmlns=\"http://www.w3.org/2000/svg\">\
                   <g id=\"graph0\"></g></svg>\n";
        assert_eq!(
            inline_svg(svg),
            "<svg viewBox=\"0.00 0.00 300.00 200.00\" xmlns=\"http://www.w3.org/2000/svg\">\
             <g id=\"graph0\"></g></svg>\n"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<b>\"Tom & Jerry's\"</b>"),
            "&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;"
        );
    }
}
