//! Command-line arguments.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use textsift::Policy;

/// The most worker threads `-j` accepts. More would not run faster on any machine this
/// tool targets, and each costs a thread stack and a share of the reorder buffer.
pub(crate) const MAX_JOBS: usize = 256;

pub(crate) const USAGE: &str = "\
usage: textsift [--json | --markdown] [--policy compact|pangu|keep] [--base-url URL]
                [--out DIR] [-j N] [--quiet] [--explain] PATH...
       textsift normalize [--policy compact|pangu|keep]   (stdin to stdout)

PATH is a file, a directory (searched recursively for .html, .htm, .md, .html.gz),
@LIST (a file naming one input per line) or - for standard input.
  --json         one JSON object per input per line (path first, then the article)
  --markdown     the article as Markdown
  --out DIR      one output file per input under DIR, mirroring the input tree
                 (several PATHs: each directory under its own path below DIR)
  -j, --jobs N   worker threads, 1 to 256 (default: all cores, at most 256;
                 never more than there are inputs)
  -q, --quiet    no progress bar and no summary line
  --explain      say how each body was chosen (JSON: an \"explain\" object; text:
                 lines starting [explain] after the article)";

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
    /// `--explain`: the content selection's reasons with each article.
    pub(crate) explain: bool,
    /// `-h`/`--help`: print the usage and stop.
    pub(crate) help: bool,
    pub(crate) sources: Vec<Source>,
}

impl Args {
    /// The defaults: text, compact, all cores (at most [`MAX_JOBS`]), no inputs.
    pub(crate) fn new() -> Self {
        Args {
            format: Format::Text,
            policy: Policy::Compact,
            base_url: None,
            normalize_mode: false,
            out: None,
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_JOBS)),
            quiet: false,
            explain: false,
            help: false,
            sources: Vec::new(),
        }
    }
}

/// Parses the process's arguments.
pub(crate) fn parse() -> Result<Args, String> {
    parse_from(std::env::args_os().skip(1))
}

/// Parses `args` (without the program name).
pub(crate) fn parse_from<I>(argv: I) -> Result<Args, String>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    use lexopt::prelude::*;
    let err = |e: lexopt::Error| e.to_string();
    let mut parser = lexopt::Parser::from_args(argv);
    let mut args_out = Args::new();
    let args = &mut args_out;
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
            Long("out") => {
                let dir = parser.value().map_err(err)?;
                if dir.is_empty() {
                    // `PathBuf::from("")` joins to bare names: the outputs would land in
                    // the current directory, where the walk would read them back.
                    return Err(
                        "--out: an empty name is no directory; give one, such as --out out".into(),
                    );
                }
                args.out = Some(PathBuf::from(dir));
            }
            Short('j') | Long("jobs") => args.jobs = parse_jobs(&parser.value().map_err(err)?)?,
            Short('q') | Long("quiet") => args.quiet = true,
            Long("explain") => args.explain = true,
            Short('h') | Long("help") => args.help = true,
            Value(v) if v == "normalize" && args.sources.is_empty() && !args.normalize_mode => {
                args.normalize_mode = true
            }
            Value(v) => args.sources.push(source(v)),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if args.normalize_mode && !args.sources.is_empty() {
        // It would wait on stdin while the user waits for the file.
        return Err(
            "normalize reads standard input and takes no PATH: textsift normalize < FILE".into(),
        );
    }
    if !args.help && !args.normalize_mode && args.sources.is_empty() {
        return Err("no input given: name files, directories, @LIST, or - for stdin".into());
    }
    Ok(args_out)
}

/// `@LIST` (any bytes after the `@`) or a path.
fn source(v: OsString) -> Source {
    let list = v
        .as_encoded_bytes()
        .strip_prefix(b"@")
        .filter(|rest| !rest.is_empty())
        .and_then(super::inputs::path_from_bytes);
    match list {
        Some(list) => Source::List(list),
        None => Source::Path(PathBuf::from(v)),
    }
}

/// The value of `-j`: a whole number from 1 to [`MAX_JOBS`]; anything else is refused
/// with a message that names `-j` (the caller exits with status 2).
fn parse_jobs(value: &OsStr) -> Result<usize, String> {
    let shown = value.to_string_lossy();
    let range = format!("give a number of worker threads from 1 to {MAX_JOBS}");
    let n: u64 = match shown.trim().parse() {
        Ok(n) => n,
        Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => u64::MAX,
        Err(_) => return Err(format!("-j: '{shown}' is not a number; {range}")),
    };
    match usize::try_from(n) {
        Ok(0) => Err(format!("-j: 0 worker threads cannot run; {range}")),
        Ok(n) if n <= MAX_JOBS => Ok(n),
        _ => Err(format!(
            "-j: {shown} is above the maximum of {MAX_JOBS} worker threads"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jobs(v: &str) -> Result<usize, String> {
        parse_from(["-j", v, "x.html"]).map(|a| a.jobs)
    }

    #[test]
    fn absurd_job_counts_are_refused_naming_j() {
        for bad in [
            "10000000000",
            "18446744073709551615",
            "9223372036854775808",
            "1000000",
            "257",
            "0",
            "-3",
            "four",
            "",
            "99999999999999999999999999",
        ] {
            let e = jobs(bad).expect_err(bad);
            assert!(e.starts_with("-j: "), "{bad}: {e}");
        }
        assert_eq!(jobs("1"), Ok(1));
        assert_eq!(jobs("256"), Ok(256));
        assert_eq!(parse_from(["--jobs=8", "x"]).map(|a| a.jobs), Ok(8));
        assert!(Args::new().jobs >= 1 && Args::new().jobs <= MAX_JOBS);
    }

    #[test]
    fn empty_out_directory_is_refused_not_the_current_directory() {
        let e = parse_from(["--out", "", "x.html"]).unwrap_err();
        assert!(e.starts_with("--out: "), "{e}");
        assert!(parse_from(["--out=", "x.html"]).is_err());
        assert!(parse_from(["--out", ".", "x.html"]).is_ok());
    }

    #[test]
    fn normalize_with_a_path_is_refused_instead_of_waiting_on_stdin() {
        let e = parse_from(["normalize", "file.txt"]).unwrap_err();
        assert!(e.contains("standard input"), "{e}");
        assert!(parse_from(["normalize", "--policy", "pangu"]).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn list_argument_that_is_not_utf8_is_still_a_list() {
        use std::os::unix::ffi::OsStrExt;
        let arg = OsStr::from_bytes(b"@lis\xfft").to_owned();
        let args = parse_from([arg]).unwrap();
        match &args.sources[..] {
            [Source::List(p)] => assert_eq!(p.as_os_str().as_bytes(), b"lis\xfft"),
            other => panic!("{other:?}"),
        }
    }
}
