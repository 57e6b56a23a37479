//! Scores textsift on every dev set of `../shared/bench/` (its README.md tells what each is)
//! in one run, so a change to the selection is judged on all of them at once.
//!
//! ```text
//! cargo run --release --example accuracy [-- --set NAME]... [--worst N] [--out DIR]
//!                                        [--bench DIR] [--jobs N]
//! ```
//!
//! Each page `html/<id>.html.gz` is extracted in-process (the truth file's `url`, where it has
//! one, as the base URL), the predictions go to `DIR/<set>.predictions.json` (`segments`:
//! `.jsonl`, the batch tool's `--json` lines), the set's scorers run on them with `--json`
//! and their per-page scores are kept in `DIR/<set>.per-page.json` (a second scorer's in
//! `DIR/<set>.<scorer>.per-page.json`), so two runs diff page by page. One Markdown table
//! follows, then each set's worst pages. `DIR` is `target/accuracy/` by default, `--worst`
//! 8 (or `$ACCURACY_WORST`), `--jobs` 2.
//!
//! Table: F1, P and R as each scorer defines them (`shingle`: the harmonic mean of the macro
//! P and R; `bag`: macro means; `segments`: F over the segments of all pages summed, with its
//! accuracy and the author, title and date match rates as notes). `F1<0.5` counts pages under
//! 0.5 in the per-page file (`segments`: a page's F over its own segments). `web-en`'s headline
//! is the bag F1, its shingle F1 the row below.

mod extract;
mod report;
mod score;

use score::{PageScore, Scorer, Summary};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// One dev set: its folder, its scorers (the first gives the headline and the worst pages),
/// and whether it only informs.
struct Set {
    name: &'static str,
    scorers: &'static [Scorer],
    info: bool,
}

const SETS: &[Set] = &[
    set("articles", &[Scorer::Shingle], false),
    set("web-en", &[Scorer::Bag, Scorer::Shingle], false),
    set("web-multi", &[Scorer::Bag], false),
    set("segments", &[Scorer::Segments], false),
    set("forums", &[Scorer::Bag], true),
];

const fn set(name: &'static str, scorers: &'static [Scorer], info: bool) -> Set {
    Set {
        name,
        scorers,
        info,
    }
}

impl Set {
    /// `segments` has its own truth file and is scored on the batch tool's JSON lines.
    fn segments(&self) -> bool {
        self.scorers[0] == Scorer::Segments
    }

    fn truth(&self, bench: &Path) -> PathBuf {
        let file = if self.segments() {
            "truth.json"
        } else {
            "ground-truth.json"
        };
        bench.join(self.name).join(file)
    }
}

const USAGE: &str = "usage: cargo run --release --example accuracy -- [--set NAME]... \
[--worst N] [--out DIR] [--bench DIR] [--jobs N]
sets: articles, web-en, web-multi, segments, forums (all by default)";

struct Opts {
    sets: Vec<&'static Set>,
    worst: usize,
    out: PathBuf,
    bench: PathBuf,
    jobs: usize,
}

/// The options, or `None` for `--help`.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Opts>, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let env_worst = std::env::var("ACCURACY_WORST").ok();
    let number = |flag: &str, v: &str| v.parse().map_err(|_| format!("{flag}: not a number: {v}"));
    let mut opts = Opts {
        sets: Vec::new(),
        worst: env_worst
            .as_deref()
            .map_or(Ok(8), |v| number("ACCURACY_WORST", v))?,
        out: root.join("target/accuracy"),
        bench: root.join("../shared/bench"),
        jobs: 2,
    };
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg, None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let value = inline
            .or_else(|| args.next())
            .ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--set" => {
                for name in value.split(',') {
                    let set = SETS.iter().find(|s| s.name == name);
                    opts.sets
                        .push(set.ok_or_else(|| format!("no set {name:?}"))?);
                }
            }
            "--worst" => opts.worst = number(&flag, &value)?,
            "--jobs" => opts.jobs = number(&flag, &value)?.max(1),
            "--out" => opts.out = value.into(),
            "--bench" => opts.bench = value.into(),
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    if opts.sets.is_empty() {
        opts.sets = SETS.iter().collect();
    }
    Ok(Some(opts))
}

fn main() -> ExitCode {
    let start = Instant::now();
    let opts = match parse_args(std::env::args().skip(1)) {
        Ok(Some(opts)) => opts,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("accuracy: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    for set in &opts.sets {
        let truth = set.truth(&opts.bench);
        if !truth.is_file() {
            eprintln!(
                "accuracy: no bench set at {} (looked for {}); give --bench DIR",
                opts.bench.join(set.name).display(),
                truth.display()
            );
            return ExitCode::from(2);
        }
    }
    if let Err(e) = std::fs::create_dir_all(&opts.out) {
        eprintln!("accuracy: {}: {e}", opts.out.display());
        return ExitCode::from(2);
    }
    match run(&opts) {
        Ok(()) => {
            println!("\ntotal {:.1} s", start.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("accuracy: {e}");
            ExitCode::from(1)
        }
    }
}

/// One set's results: extraction time and errors, each scorer's summary and per-page scores.
struct Done {
    set: &'static Set,
    secs: f64,
    errors: usize,
    scores: Vec<(Summary, BTreeMap<String, PageScore>)>,
    /// Characters of each page's extracted text.
    chars: BTreeMap<String, usize>,
}

fn run(opts: &Opts) -> Result<(), Box<dyn std::error::Error>> {
    // Each set's scorers run while the next set is extracted.
    let mut pending = Vec::new();
    for &set in &opts.sets {
        let (done, pred) = extract_set(opts, set)?;
        let mut children = Vec::new();
        for (k, &scorer) in set.scorers.iter().enumerate() {
            let name = match k {
                0 => format!("{}.per-page.json", set.name),
                _ => format!("{}.{}.per-page.json", set.name, scorer.label()),
            };
            let per_page = opts.out.join(name);
            let child = scorer.spawn(&opts.bench, &set.truth(&opts.bench), &pred, &per_page)?;
            children.push((scorer, child, per_page));
        }
        pending.push((done, children));
    }
    let mut done = Vec::new();
    for (mut d, children) in pending {
        for (scorer, child, per_page) in children {
            d.scores.push(scorer.finish(child, &per_page)?);
        }
        done.push(d);
    }
    report::table(&done);
    for d in &done {
        report::worst(d, opts.worst);
    }
    Ok(())
}

/// Extracts every page of `set` and writes the predictions file; returns its path.
fn extract_set(
    opts: &Opts,
    set: &'static Set,
) -> Result<(Done, PathBuf), Box<dyn std::error::Error>> {
    let truth: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&std::fs::read(set.truth(&opts.bench))?)?;
    let html = opts.bench.join(set.name).join("html");
    let pages: Vec<(&String, Option<&str>, PathBuf)> = truth
        .iter()
        .map(|(id, t)| {
            let url = t
                .get("url")
                .and_then(|u| u.as_str())
                .filter(|u| !u.is_empty());
            (id, url, html.join(format!("{id}.html.gz")))
        })
        .collect();
    let started = Instant::now();
    let articles = extract::extract_all(&pages, opts.jobs);
    let secs = started.elapsed().as_secs_f64();

    let (mut errors, mut chars) = (0, BTreeMap::new());
    let (mut lines, mut bodies) = (String::new(), serde_json::Map::new());
    for ((id, _, path), article) in pages.iter().zip(&articles) {
        let article = match article {
            Ok(a) => a,
            Err(e) => {
                eprintln!("accuracy: {}/{id}: {e}", set.name);
                errors += 1;
                continue;
            }
        };
        let text = article.text();
        chars.insert(id.to_string(), text.chars().count());
        if set.segments() {
            lines.push_str(&extract::json_line(path, article)?);
        } else {
            bodies.insert(id.to_string(), serde_json::json!({ "articleBody": text }));
        }
    }
    let (ext, out) = match set.segments() {
        true => ("jsonl", lines),
        false => ("json", serde_json::to_string(&bodies)?),
    };
    let pred = opts.out.join(format!("{}.predictions.{ext}", set.name));
    std::fs::write(&pred, out)?;
    eprintln!(
        "{}: {} pages in {secs:.1} s, {errors} errors",
        set.name,
        pages.len()
    );
    let done = Done {
        set,
        secs,
        errors,
        scores: Vec::new(),
        chars,
    };
    Ok((done, pred))
}
