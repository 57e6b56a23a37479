//! The batch run: a walker thread finds inputs and starts up to `-j N` workers (one per
//! input found, so one file never costs N threads), the workers read, extract and render
//! them, and the main thread writes the outputs in input order.
//!
//! Memory stays bounded however many inputs there are: the walk is lazy, the job queue is
//! bounded, and the walker never runs more than a fixed window ahead of the writer, so at
//! most that many rendered outputs wait to be written (the reorder buffer).
//!
//! Every input the walker admits yields exactly one outcome: a panic inside one input's
//! work is caught ([`super::panics`]) and becomes that input's error, so the writer never
//! waits for an index that will not come and the other inputs complete.

use super::args::{self, Args, Format, Source};
use super::diag::{self, Diag};
use super::inputs::{self, Found, Input, Walk};
use super::output::{self, Claims};
use super::panics;
use super::progress::Progress;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use textsift::Extractor;

/// One input's work before `--out` writing: read, extract, render. It returns the bytes
/// read and the rendered output or why the input failed. The tool uses
/// [`extract_step`]; tests put in a step that panics.
pub(crate) type Step<'a> = dyn Fn(&Path) -> (u64, Result<String, String>) + Sync + 'a;

/// Parses the arguments and runs the batch or the normaliser.
pub(crate) fn main() -> ExitCode {
    let mut diag = Diag::stderr();
    let args = match args::parse() {
        Ok(a) => a,
        Err(e) => {
            diag.line(&format!("textsift: {e}\n{}", args::USAGE));
            return ExitCode::from(2);
        }
    };
    if args.help {
        let mut stdout = std::io::stdout().lock();
        return match writeln!(stdout, "{}", args::USAGE).and_then(|()| stdout.flush()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                diag::write_failed(&mut diag, &e);
                ExitCode::from(1)
            }
        };
    }
    if args.normalize_mode {
        let mut input = std::io::BufReader::with_capacity(1 << 16, std::io::stdin().lock());
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        return ExitCode::from(super::normalize::run(
            args.policy,
            &mut input,
            &mut out,
            &mut diag,
        ));
    }
    let mut builder = Extractor::builder();
    builder.policy(args.policy).explain(args.explain);
    if let Some(url) = &args.base_url {
        builder.base_url(url);
    }
    let extractor = match builder.build() {
        Ok(extractor) => extractor,
        Err(e) => {
            diag.line(&format!("textsift: {e}"));
            return ExitCode::from(2);
        }
    };
    let many = is_many(&args.sources);
    let header = many && args.out.is_none();
    let step = |path: &Path| extract_step(&extractor, args.format, header, path);
    let show_bar = super::progress::wanted(
        many && !args.quiet,
        std::io::stderr().is_terminal(),
        args.out.is_none() && super::progress::stdout_may_reach_a_terminal(),
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    ExitCode::from(batch(&args, &step, &mut out, &mut diag, show_bar))
}

/// Whether the run may have several inputs (then text output gets `==> PATH <==` headers
/// and a summary line ends the run).
pub(crate) fn is_many(sources: &[Source]) -> bool {
    sources.len() > 1
        || sources.iter().any(|s| match s {
            Source::List(_) => true,
            Source::Path(p) => p.as_os_str() != "-" && p.is_dir(),
        })
}

/// The tool's step: read the file, extract the article, render it.
pub(crate) fn extract_step(
    extractor: &Extractor,
    format: Format,
    header: bool,
    path: &Path,
) -> (u64, Result<String, String>) {
    let data = match super::read::read(path, extractor.max_input_bytes()) {
        Ok(data) => data,
        Err(e) => return (0, Err(e)),
    };
    let bytes = data.len() as u64;
    let article = extractor.extract(&data);
    // The input is not needed once the article is out: freed before the output is
    // rendered, the peak of a large page is one copy of it lower.
    drop(data);
    let result = article
        .map(|article| output::render(format, path, &article, header))
        .map_err(|e| e.to_string());
    (bytes, result)
}

/// One input's result, as the writer receives it.
struct Outcome {
    path: PathBuf,
    bytes: u64,
    /// The rendered output (empty under `--out`), or why the input failed.
    result: Result<String, String>,
}

/// One input for a worker: its place in the output order, and its `--out` file.
struct Job {
    index: usize,
    found: Found,
    target: Option<PathBuf>,
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
        while index >= *written + self.window && !self.stopped() {
            written = self.moved.wait(written).unwrap_or_else(|e| e.into_inner());
        }
        !self.stopped()
    }

    fn advance(&self, written: usize) {
        *self.written.lock().unwrap_or_else(|e| e.into_inner()) = written;
        self.moved.notify_all();
    }

    fn halt(&self) {
        self.stop.store(true, Ordering::Relaxed);
        self.advance(usize::MAX / 2);
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// Runs the batch: every input through `step`, outputs to `out` (or files under `--out`),
/// messages to `diag`. Returns the exit status: 0, or 1 when an input failed or the
/// output could not be written.
pub(crate) fn batch(
    args: &Args,
    step: &Step<'_>,
    out: &mut dyn Write,
    diag: &mut Diag<'_>,
    show_bar: bool,
) -> u8 {
    let many = is_many(&args.sources);
    // The output directory exists before the walk starts, so the walk can skip it.
    let mut skip = None;
    if let Some(dir) = &args.out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            diag.line(&format!("textsift: creating {}: {e}", output::shown(dir)));
            return 1;
        }
        skip = inputs::dir_id(dir).ok();
    }
    let mut progress = Progress::new(show_bar);
    let jobs = args.jobs.clamp(1, args::MAX_JOBS);
    let gate = Gate {
        written: Mutex::new(0),
        moved: Condvar::new(),
        stop: AtomicBool::new(false),
        window: 16 * jobs + 16,
    };
    let (job_tx, job_rx) = sync_channel::<Job>(2 * jobs);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (done_tx, done_rx) = channel::<(usize, Outcome)>();
    let mut failed = false;
    let mut closed = false;

    std::thread::scope(|s| {
        let gate = &gate;
        let skip = skip.as_ref();
        if let Some(bar) = progress.length_handle() {
            // A second, cheap walk that only counts, so the bar can show an ETA.
            let count = move || {
                for _ in Walk::counting(&args.sources, skip.cloned()) {
                    if gate.stopped() {
                        break;
                    }
                    bar.inc_length(1);
                }
            };
            let _ = std::thread::Builder::new().spawn_scoped(s, count);
        }
        let walker = move || {
            let mut claims = Claims::default();
            let mut workers = 0;
            for (index, found) in Walk::new(&args.sources, skip.cloned()).enumerate() {
                if !gate.admit(index) {
                    break;
                }
                let job = claim(index, found, args, &mut claims);
                // One more worker per input found, up to `-j`.
                if workers < jobs && workers <= index {
                    let (rx, tx) = (Arc::clone(&job_rx), done_tx.clone());
                    let work = move || worker(&rx, &tx, step, gate);
                    if std::thread::Builder::new().spawn_scoped(s, work).is_ok() {
                        workers += 1;
                    }
                }
                let sent = if workers == 0 {
                    // No thread could be started: do the work here.
                    done_tx.send(run_job(job, step)).is_ok()
                } else {
                    job_tx.send(job).is_ok()
                };
                if !sent {
                    break;
                }
            }
        };
        if let Err(e) = std::thread::Builder::new().spawn_scoped(s, walker) {
            diag.line(&format!("textsift: starting a thread: {e}"));
            failed = true;
        }

        // Write in input order: hold early finishers until their turn.
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        let mut first = true;
        for (index, outcome) in done_rx {
            if closed {
                continue; // stopping: drain what the workers still send
            }
            waiting.insert(index, outcome);
            while let Some(o) = waiting.remove(&next) {
                next += 1;
                gate.advance(next);
                progress.done(o.bytes, o.result.is_err());
                match o.result {
                    Ok(text) if args.out.is_none() => {
                        let sep = many && !first && args.format != Format::Json;
                        first = false;
                        let written = if sep {
                            out.write_all(b"\n")
                                .and_then(|()| out.write_all(text.as_bytes()))
                        } else {
                            out.write_all(text.as_bytes())
                        };
                        if let Err(e) = written {
                            progress.suspend(|| diag::write_failed(diag, &e));
                            closed = true;
                            gate.halt();
                            waiting.clear();
                            break;
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        failed = true;
                        let line = format!("textsift: {}: {e}", output::shown(&o.path));
                        progress.suspend(|| diag.line(&line));
                    }
                }
            }
        }
    });
    if !closed {
        if let Err(e) = out.flush() {
            diag::write_failed(diag, &e);
            closed = true;
        }
    }
    progress.finish(many && !args.quiet && !closed, diag);
    u8::from(failed || closed || diag.broken())
}

/// The job for input `index`, with its `--out` file claimed; an input whose output an
/// earlier input of this run already claimed becomes an error instead (it is not written).
fn claim(index: usize, found: Found, args: &Args, claims: &mut Claims) -> Job {
    let (Ok(input), Some(dir)) = (&found, &args.out) else {
        return Job {
            index,
            found,
            target: None,
        };
    };
    let target = output::out_path(dir, &input.rel, args.format);
    if claims.claim(&target) {
        return Job {
            index,
            found,
            target: Some(target),
        };
    }
    let msg = format!(
        "its output {} is also the output of an earlier input; not written",
        output::shown(&target)
    );
    Job {
        index,
        found: Err((input.path.clone(), msg)),
        target: None,
    }
}

/// Takes jobs off the queue until it is closed and passes each outcome to the writer.
/// Once the run is stopping, the jobs still queued are dropped undone.
fn worker(
    jobs: &Mutex<Receiver<Job>>,
    done: &Sender<(usize, Outcome)>,
    step: &Step<'_>,
    gate: &Gate,
) {
    loop {
        let job = jobs.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(job) = job else { return };
        if gate.stopped() {
            continue;
        }
        // A failed send means the writer is gone; keep draining so the walker never
        // blocks on a full queue.
        let _ = done.send(run_job(job, step));
    }
}

/// Does one job: its outcome, whatever happens inside (a panic is an error).
fn run_job(job: Job, step: &Step<'_>) -> (usize, Outcome) {
    let outcome = match job.found {
        Err((path, e)) => Outcome {
            path,
            bytes: 0,
            result: Err(e),
        },
        Ok(input) => match panics::catch(|| process(&input, job.target.as_deref(), step)) {
            Ok((bytes, result)) => Outcome {
                path: input.path,
                bytes,
                result,
            },
            Err(panic) => Outcome {
                path: input.path,
                bytes: 0,
                result: Err(format!("internal error: {panic}")),
            },
        },
    };
    (job.index, outcome)
}

/// The step, then (under `--out`) the output file written.
fn process(input: &Input, target: Option<&Path>, step: &Step<'_>) -> (u64, Result<String, String>) {
    let (bytes, result) = step(&input.path);
    let result = result.and_then(|text| {
        let Some(target) = target else {
            return Ok(text);
        };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("creating {}: {e}", output::shown(parent)))?;
        }
        if let Err(e) = std::fs::write(target, text) {
            // A part of an output (a full disk) would pass for the whole of it.
            let _ = std::fs::remove_file(target);
            return Err(format!("writing {}: {e}", output::shown(target)));
        }
        Ok(String::new())
    });
    (bytes, result)
}

#[cfg(test)]
mod tests;
