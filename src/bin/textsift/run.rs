//! The batch run: a walker thread finds inputs, `-j N` workers extract and render them, and
//! the main thread writes the outputs in input order.
//!
//! Memory stays bounded however many inputs there are: the walk is lazy, the job queue is
//! bounded, and the walker never runs more than a fixed window ahead of the writer, so at
//! most that many rendered outputs wait to be written (the reorder buffer).

use super::args::{self, Args, Format, Source};
use super::inputs::{self, Found, Walk};
use super::output;
use super::progress::Progress;
use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::{Arc, Condvar, Mutex};
use textsift::{Extractor, Policy};

/// Parses the arguments and runs the batch or the normaliser.
pub(crate) fn main() -> ExitCode {
    let args = match args::parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("textsift: {e}\n{}", args::USAGE);
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
    match builder.build() {
        Ok(extractor) => batch(&args, &extractor),
        Err(e) => {
            eprintln!("textsift: {e}");
            ExitCode::from(2)
        }
    }
}

/// One input's result, as the writer receives it.
struct Outcome {
    path: PathBuf,
    bytes: u64,
    /// The rendered output (empty under `--out`), or why the input failed.
    result: Result<String, String>,
}

/// Keeps the walker at most `window` inputs ahead of the writer.
struct Gate {
    written: Mutex<usize>,
    moved: Condvar,
    stop: AtomicBool,
    window: usize,
}

impl Gate {
    /// Waits until input `index` may be queued; false once the run is stopping.
    fn admit(&self, index: usize) -> bool {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        while index >= *written + self.window && !self.stop.load(Ordering::Relaxed) {
            written = self.moved.wait(written).unwrap_or_else(|e| e.into_inner());
        }
        !self.stop.load(Ordering::Relaxed)
    }

    fn advance(&self, written: usize) {
        *self.written.lock().unwrap_or_else(|e| e.into_inner()) = written;
        self.moved.notify_all();
    }

    fn halt(&self) {
        self.stop.store(true, Ordering::Relaxed);
        self.advance(usize::MAX / 2);
    }
}

fn batch(args: &Args, extractor: &Extractor) -> ExitCode {
    let many = args.sources.len() > 1
        || args.sources.iter().any(|s| match s {
            Source::List(_) => true,
            Source::Path(p) => p.as_os_str() != "-" && p.is_dir(),
        });
    let mut progress = Progress::new(many && !args.quiet && std::io::stderr().is_terminal());
    let gate = Gate {
        written: Mutex::new(0),
        moved: Condvar::new(),
        stop: AtomicBool::new(false),
        window: 16 * args.jobs + 16,
    };
    let (job_tx, job_rx) = sync_channel::<(usize, Found)>(2 * args.jobs);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (done_tx, done_rx) = channel::<(usize, Outcome)>();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut closed = false;

    std::thread::scope(|s| {
        let gate = &gate;
        if let Some(bar) = progress.length_handle() {
            // A second, cheap walk that only counts, so the bar can show an ETA.
            s.spawn(move || {
                for _ in Walk::new(&args.sources) {
                    if gate.stop.load(Ordering::Relaxed) {
                        break;
                    }
                    bar.inc_length(1);
                }
            });
        }
        s.spawn(move || {
            for (index, found) in Walk::new(&args.sources).enumerate() {
                if !gate.admit(index) || job_tx.send((index, found)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..args.jobs {
            let (job_rx, done_tx) = (Arc::clone(&job_rx), done_tx.clone());
            s.spawn(move || worker(&job_rx, &done_tx, extractor, args, many));
        }
        drop((job_rx, done_tx));

        // Write in input order: hold early finishers until their turn.
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        let mut first = true;
        'results: for (index, outcome) in done_rx {
            waiting.insert(index, outcome);
            while let Some(o) = waiting.remove(&next) {
                next += 1;
                gate.advance(next);
                progress.done(o.bytes, o.result.is_err());
                match o.result {
                    Ok(text) if args.out.is_none() => {
                        let sep = many && !first && args.format != Format::Json;
                        first = false;
                        if (sep && out.write_all(b"\n").is_err())
                            || out.write_all(text.as_bytes()).is_err()
                        {
                            closed = true;
                            gate.halt();
                            break 'results;
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        failed = true;
                        progress.println(&format!("textsift: {}: {e}", o.path.display()));
                    }
                }
            }
        }
    });
    if out.flush().is_err() {
        closed = true;
    }
    progress.finish(many && !args.quiet && !closed);
    if failed || closed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Takes inputs off the queue until it is closed: read, extract, render (and write under
/// `--out`), and pass the outcome to the writer.
fn worker(
    jobs: &Mutex<Receiver<(usize, Found)>>,
    done: &std::sync::mpsc::Sender<(usize, Outcome)>,
    extractor: &Extractor,
    args: &Args,
    many: bool,
) {
    loop {
        let job = jobs.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok((index, found)) = job else { return };
        let outcome = match found {
            Ok(input) => process(input, extractor, args, many),
            Err((path, e)) => Outcome {
                path,
                bytes: 0,
                result: Err(e),
            },
        };
        if done.send((index, outcome)).is_err() {
            return;
        }
    }
}

fn process(input: inputs::Input, extractor: &Extractor, args: &Args, many: bool) -> Outcome {
    let mut bytes = 0;
    let result = inputs::read(&input.path, extractor.max_input_bytes()).and_then(|data| {
        bytes = data.len() as u64;
        let article = extractor.extract(&data).map_err(|e| e.to_string())?;
        let header = many && args.out.is_none();
        let text = output::render(args.format, &input.path, &article, header);
        let Some(dir) = &args.out else {
            return Ok(text);
        };
        let target = output::out_path(dir, &input.rel, args.format);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("creating {}: {e}", parent.display()))?;
        }
        std::fs::write(&target, text).map_err(|e| format!("writing {}: {e}", target.display()))?;
        Ok(String::new())
    });
    Outcome {
        path: input.path,
        bytes,
        result,
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
