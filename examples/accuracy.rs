//! Scores textsift on the article-body benchmark in `../shared/bench/articles/`.
//!
//! ```text
//! cargo run --release --example accuracy [-- BENCH_DIR [PREDICTIONS_JSON]]
//! ```
//!
//! Extracts every `html/<id>.html.gz` page (with the page's `url` from `ground-truth.json` as
//! the base URL), writes `{id: {"articleBody": text}}` to `PREDICTIONS_JSON` (default
//! `target/accuracy-predictions.json`) and runs `python3 ../score.py` on it.

use flate2::read::GzDecoder;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let bench = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/articles"));
    let out = args.next().map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/accuracy-predictions.json")
    });
    let truth_path = bench.join("ground-truth.json");
    let truth: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&truth_path)?)?;

    let mut predictions = serde_json::Map::new();
    let mut empty = Vec::new();
    for (id, entry) in &truth {
        let gz = std::fs::read(bench.join("html").join(format!("{id}.html.gz")))?;
        let mut html = Vec::new();
        GzDecoder::new(gz.as_slice()).read_to_end(&mut html)?;
        let mut builder = textsift::Extractor::builder();
        if let Some(url) = entry.get("url").and_then(|u| u.as_str()) {
            builder.base_url(url);
        }
        let extractor = builder.build()?;
        let text = extractor.extract(&html)?.text();
        if text.trim().is_empty() {
            empty.push(id.clone());
        }
        predictions.insert(id.clone(), serde_json::json!({ "articleBody": text }));
    }
    std::fs::write(&out, serde_json::to_string(&predictions)?)?;
    eprintln!(
        "{} pages, {} empty: {:?}; predictions in {}",
        predictions.len(),
        empty.len(),
        empty,
        out.display()
    );
    let status = Command::new("python3")
        .arg(bench.join("../score.py"))
        .arg(&truth_path)
        .arg(&out)
        .args(std::env::var_os("ACCURACY_PER_PAGE").map(|p| {
            let mut a = std::ffi::OsString::from("--per-page=");
            a.push(p);
            a
        }))
        .status()?;
    if !status.success() {
        return Err("score.py failed".into());
    }
    Ok(())
}
