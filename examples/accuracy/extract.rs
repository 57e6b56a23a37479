//! Reading and extracting the pages, and the batch tool's `--json` line.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Every page's article, in the order given, extracted on `jobs` threads.
pub fn extract_all(
    pages: &[(&String, Option<&str>, PathBuf)],
    jobs: usize,
) -> Vec<Result<textsift::Article, String>> {
    let next = AtomicUsize::new(0);
    let mut out: Vec<_> = pages.iter().map(|_| Err("not extracted".into())).collect();
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((_, url, path)) = pages.get(i) else {
                            break mine;
                        };
                        let result = std::panic::catch_unwind(|| extract(path, *url))
                            .unwrap_or_else(|_| Err("textsift panicked".into()));
                        mine.push((i, result));
                    }
                })
            })
            .collect();
        for (i, result) in workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
        {
            out[i] = result;
        }
    });
    out
}

fn extract(path: &Path, url: Option<&str>) -> Result<textsift::Article, String> {
    let gz = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut html = Vec::new();
    flate2::read::MultiGzDecoder::new(gz.as_slice())
        .read_to_end(&mut html)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut builder = textsift::Extractor::builder();
    if let Some(url) = url {
        builder.base_url(url);
    }
    let extractor = builder.build().map_err(|e| e.to_string())?;
    extractor.extract(&html).map_err(|e| e.to_string())
}

/// The batch tool's `--json` line for `article`: `{"path": …, <the article's fields>}`.
pub fn json_line(path: &Path, article: &textsift::Article) -> serde_json::Result<String> {
    let mut line = serde_json::Map::new();
    line.insert("path".into(), path.to_string_lossy().into());
    if let serde_json::Value::Object(fields) = serde_json::to_value(article)? {
        line.extend(fields);
    }
    Ok(serde_json::to_string(&line)? + "\n")
}
