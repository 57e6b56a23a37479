//! The shared corpora's pages, for tests that check a change leaves real trees alone.

use std::io::Read;
use std::path::{Path, PathBuf};

use ego_tree::iter::Edge;
use scraper::Node;

use super::Dom;

/// Every shared set: the benchmark pages (gzip) and the Hexo posts.
pub(super) const ALL: &[&str] = &[
    "bench/articles/html",
    "bench/web-en/html",
    "bench/web-multi/html",
    "bench/forums/html",
    "bench/segments/html",
    "corpus/hexo/dev",
];

/// The decoded pages of the shared sets `dirs` (paths under `../shared`), or `None`, said
/// on stderr, when the shared folder is absent (the crate tested on its own).
pub(super) fn pages(dirs: &[&str]) -> Option<Vec<(PathBuf, String)>> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut pages = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(shared.join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let text = if path.extension().is_some_and(|e| e == "gz") {
                let mut raw = Vec::new();
                if flate2::read::GzDecoder::new(bytes.as_slice())
                    .read_to_end(&mut raw)
                    .is_err()
                {
                    continue;
                }
                crate::decode::decode(&raw, None, None).text.into_owned()
            } else if path.extension().is_some_and(|e| e == "md") {
                match String::from_utf8(bytes) {
                    Ok(t) => t,
                    Err(_) => continue,
                }
            } else {
                continue;
            };
            pages.push((path, text));
        }
    }
    if pages.is_empty() {
        eprintln!("skipped: ../shared/bench and ../shared/corpus are absent");
        return None;
    }
    Some(pages)
}

/// Every node in document order with its exact content, and where each element ends.
pub(super) fn dump(dom: &Dom) -> String {
    let mut out = format!("{:?}", dom.html.quirks_mode);
    for edge in dom.html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    out.push_str(&format!("<{:?}", e.name));
                    for (k, v) in e.attrs() {
                        out.push_str(&format!(" {k}={v:?}"));
                    }
                    out.push('>');
                }
                Node::Text(t) => out.push_str(&format!("{:?}", &*t.text)),
                other => out.push_str(&format!("{other:?}")),
            },
            Edge::Close(node) if node.value().is_element() => out.push_str("</>"),
            Edge::Close(_) => {}
        }
    }
    out
}
