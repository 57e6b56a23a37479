//! The textsift command line: extract articles from HTML files, or normalise text.
//!
//! ```text
//! textsift [--json] [--policy compact|pangu|keep] [--base-url URL] PATH...
//! textsift normalize [--policy compact|pangu|keep]      (stdin -> stdout, line by line)
//! ```
//! PATH is a file, a directory (searched recursively for .html, .htm and .md files, in
//! name order) or `-` for standard input. A file that fails is reported on stderr as
//! `textsift: PATH: reason`; the others go on, and the exit status is 1.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use textsift::{Article, Extractor, Policy};

const USAGE: &str =
    "usage: textsift [--json] [--policy compact|pangu|keep] [--base-url URL] PATH...
       textsift normalize [--policy compact|pangu|keep]   (stdin to stdout)";

struct Args {
    json: bool,
    policy: Policy,
    base_url: Option<String>,
    normalize_mode: bool,
    paths: Vec<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    use lexopt::prelude::*;
    let mut args = Args {
        json: false,
        policy: Policy::Compact,
        base_url: None,
        normalize_mode: false,
        paths: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("json") => args.json = true,
            Long("policy") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                let value = value.string().map_err(|e| e.to_string())?;
                args.policy = value.parse().map_err(|e: textsift::Error| e.to_string())?;
            }
            Long("base-url") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                args.base_url = Some(value.string().map_err(|e| e.to_string())?);
            }
            Short('h') | Long("help") => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            Value(v) if v == "normalize" && args.paths.is_empty() && !args.normalize_mode => {
                args.normalize_mode = true
            }
            Value(v) => args.paths.push(PathBuf::from(v)),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if !args.normalize_mode && args.paths.is_empty() {
        return Err("no input given: name files, directories, or - for stdin".into());
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("textsift: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.normalize_mode {
        return normalize_stdin(args.policy);
    }
    let mut builder = Extractor::builder();
    builder.policy(args.policy);
    if let Some(url) = &args.base_url {
        builder.base_url(url);
    }
    let extractor = match builder.build() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("textsift: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut first = true;
    let many = args.paths.len() > 1 || args.paths.iter().any(|p| p.is_dir());
    for root in &args.paths {
        let files = match inputs(root) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("textsift: {}: {e}", root.display());
                failed = true;
                continue;
            }
        };
        for path in files {
            match read(&path).and_then(|bytes| extractor.extract(&bytes).map_err(|e| e.to_string()))
            {
                Ok(article) => {
                    let written = if args.json {
                        writeln!(out, "{}", json_line(&path, &article))
                    } else {
                        write_text(&mut out, &path, &article, many, first)
                    };
                    if written.is_err() {
                        return ExitCode::from(1); // stdout closed
                    }
                    first = false;
                }
                Err(e) => {
                    eprintln!("textsift: {}: {e}", path.display());
                    failed = true;
                }
            }
        }
    }
    if out.flush().is_err() || failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn normalize_stdin(policy: Policy) -> ExitCode {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("textsift: -: {e}");
                return ExitCode::from(1);
            }
        };
        if writeln!(out, "{}", textsift::normalize(&line, policy)).is_err() {
            return ExitCode::from(1);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// The files an argument names: itself, `-`, or a directory's HTML and Markdown files.
fn inputs(root: &Path) -> Result<Vec<PathBuf>, String> {
    if root.as_os_str() == "-" || !root.is_dir() {
        return Ok(vec![root.to_path_buf()]);
    }
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| e.to_string())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for path in entries.into_iter().rev() {
            if path.is_dir() {
                dirs.push(path);
            } else if has_input_extension(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn has_input_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm" | "md"))
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| e.to_string())?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| e.to_string())
}

fn write_text(
    out: &mut impl Write,
    path: &Path,
    article: &Article,
    many: bool,
    first: bool,
) -> std::io::Result<()> {
    if many {
        if !first {
            writeln!(out)?;
        }
        writeln!(out, "==> {} <==", path.display())?;
    }
    writeln!(out, "{}\n", article.title.as_deref().unwrap_or(""))?;
    writeln!(out, "{}", article.text())
}

fn json_line(path: &Path, article: &Article) -> String {
    let mut line = serde_json::Map::new();
    line.insert("path".into(), path.display().to_string().into());
    if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(article) {
        line.extend(fields);
    }
    serde_json::Value::Object(line).to_string()
}
