//! Command-line arguments.

use std::path::PathBuf;
use textsift::Policy;

pub(crate) const USAGE: &str = "\
usage: textsift [--json | --markdown] [--policy compact|pangu|keep] [--base-url URL]
                [--out DIR] [-j N] [--quiet] PATH...
       textsift normalize [--policy compact|pangu|keep]   (stdin to stdout)

PATH is a file, a directory (searched recursively for .html, .htm, .md, .html.gz),
@LIST (a file naming one input per line) or - for standard input.
  --json         one JSON object per input per line (path first, then the article)
  --markdown     the article as Markdown
  --out DIR      one output file per input under DIR, mirroring the input tree
  -j, --jobs N   worker threads (default: all cores)
  -q, --quiet    no progress bar and no summary line";

/// How each article is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Title, a blank line, the text.
    Text,
    /// One JSON object per line.
    Json,
    /// Markdown.
    Markdown,
}

/// One `PATH` argument.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    /// A file, a directory, or `-`.
    Path(PathBuf),
    /// `@LIST`: a file naming one input per line.
    List(PathBuf),
}

/// The parsed command line.
#[derive(Debug)]
pub(crate) struct Args {
    pub(crate) format: Format,
    pub(crate) policy: Policy,
    pub(crate) base_url: Option<String>,
    pub(crate) normalize_mode: bool,
    pub(crate) out: Option<PathBuf>,
    pub(crate) jobs: usize,
    pub(crate) quiet: bool,
    pub(crate) sources: Vec<Source>,
}

/// Parses the process's arguments.
pub(crate) fn parse() -> Result<Args, String> {
    use lexopt::prelude::*;
    let err = |e: lexopt::Error| e.to_string();
    let mut args = Args {
        format: Format::Text,
        policy: Policy::Compact,
        base_url: None,
        normalize_mode: false,
        out: None,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        quiet: false,
        sources: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(err)? {
        match arg {
            Long("json") => args.format = Format::Json,
            Long("markdown") => args.format = Format::Markdown,
            Long("policy") => {
                let value = parser.value().map_err(err)?.string().map_err(err)?;
                args.policy = value.parse().map_err(|e: textsift::Error| e.to_string())?;
            }
            Long("base-url") => {
                args.base_url = Some(parser.value().map_err(err)?.string().map_err(err)?)
            }
            Long("out") => args.out = Some(PathBuf::from(parser.value().map_err(err)?)),
            Short('j') | Long("jobs") => {
                let n: usize = parser.value().map_err(err)?.parse().map_err(err)?;
                args.jobs = n.max(1);
            }
            Short('q') | Long("quiet") => args.quiet = true,
            Short('h') | Long("help") => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            Value(v) if v == "normalize" && args.sources.is_empty() && !args.normalize_mode => {
                args.normalize_mode = true
            }
            Value(v) => {
                let list = v
                    .to_str()
                    .and_then(|s| s.strip_prefix('@'))
                    .filter(|s| !s.is_empty())
                    .map(PathBuf::from);
                args.sources.push(match list {
                    Some(list) => Source::List(list),
                    None => Source::Path(PathBuf::from(v)),
                });
            }
            other => return Err(other.unexpected().to_string()),
        }
    }
    if !args.normalize_mode && args.sources.is_empty() {
        return Err("no input given: name files, directories, @LIST, or - for stdin".into());
    }
    Ok(args)
}
