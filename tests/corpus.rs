//! Field checks over the shared corpus of real posts (`../shared/corpus/hexo/dev`).
//! Skipped, saying so, when the shared folder is absent.

use regex::Regex;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

fn corpus() -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/hexo/dev");
    if !dir.is_dir() {
        eprintln!("skipping: ../shared/corpus/hexo/dev not found (the crate is tested standalone)");
        return None;
    }
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    Some(files)
}

/// The URL an `<img>` tag really shows, computed independently of the library from the
/// raw tag: the first lazy attribute, else `src`; placeholders and proxies removed.
fn expected_image_url(tag: &str, attr: &Regex) -> Option<String> {
    let mut attrs = std::collections::HashMap::new();
    for c in attr.captures_iter(tag) {
        attrs.insert(c[1].to_ascii_lowercase(), c[2].to_string());
    }
    // srcset counts as a lazy attribute: its widest candidate is the full-size image.
    let widest = |srcset: &String| -> Option<String> {
        srcset
            .split(", ")
            .filter_map(|c| {
                let mut parts = c.split_whitespace();
                let url = parts.next()?.to_string();
                let d = parts.next().unwrap_or("1x");
                let n: f64 = d.trim_end_matches(['w', 'x']).parse().ok()?;
                Some((if d.ends_with('w') { n } else { n * 1000.0 }, url))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, u)| u)
    };
    let lazy = [
        "data-original",
        "data-actualsrc",
        "data-lazy-src",
        "data-src",
    ];
    let raw = lazy
        .iter()
        .filter_map(|k| attrs.get(*k).cloned())
        .chain(
            ["data-srcset", "srcset"]
                .iter()
                .filter_map(|k| attrs.get(*k))
                .filter_map(widest),
        )
        .chain(attrs.get("src").cloned())
        .find(|v| !v.starts_with("data:") && !v.trim().is_empty())?;
    let raw = raw.replace("&amp;", "&");
    let raw = raw.trim();
    let unwrapped = raw
        .strip_prefix("https://cors.zfour.workers.dev/?")
        .unwrap_or(raw);
    Some(unwrapped.to_string())
}

#[test]
fn every_corpus_post_extracts_cleanly() {
    let Some(files) = corpus() else { return };
    assert!(
        files.len() >= 70,
        "corpus looks truncated: {} files",
        files.len()
    );
    let img_tag = Regex::new(r"(?is)<img\b[^>]*>").unwrap();
    let attr = Regex::new(r#"(?is)([a-z-]+)\s*=\s*"([^"]*)""#).unwrap();
    let markup = Regex::new(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>").unwrap();
    let entity = Regex::new(r"&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});").unwrap();
    let mut problems = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let input = fs::read(path).unwrap();
        let article = match textsift::extract(&input) {
            Ok(a) => a,
            Err(e) => {
                problems.push(format!("{name}: failed: {e}"));
                continue;
            }
        };
        let text = article.text();
        let mut say = |what: String| problems.push(format!("{name}: {what}"));
        if article.title.as_deref().unwrap_or("").is_empty() {
            say("no title".into());
        }
        if text.trim().is_empty() {
            say("empty text".into());
        }
        if let Some(m) = markup.find(&text) {
            say(format!("markup in text: {:?}", m.as_str()));
        }
        for needle in [
            "data-original",
            "img_box",
            "cors.zfour.workers.dev",
            "\n\n\n",
        ] {
            if text.contains(needle) {
                say(format!("text contains {needle:?}"));
            }
        }
        if let Some(m) = entity.find(&text) {
            say(format!("undecoded entity {:?}", m.as_str()));
        }
        let urls: Vec<&str> = article.images.iter().map(|i| i.url.as_str()).collect();
        let unique: HashSet<&str> = urls.iter().copied().collect();
        if unique.len() != urls.len() {
            say("duplicate image URLs".into());
        }
        for url in &urls {
            if !(url.starts_with("http://") || url.starts_with("https://")) || url.contains("zfour")
            {
                say(format!("bad image URL {url}"));
            }
        }
        let body = String::from_utf8_lossy(&input);
        for tag in img_tag.find_iter(&body) {
            if let Some(want) = expected_image_url(tag.as_str(), &attr) {
                if !unique.contains(want.as_str()) {
                    say(format!("image {want} missing from images"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
