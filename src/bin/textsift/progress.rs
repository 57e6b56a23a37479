//! The progress bar (stderr, only on a terminal) and the summary line.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::{Duration, Instant};

/// Progress of a batch run: a bar when wanted, and the totals for the summary line.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    files: u64,
    bytes: u64,
    failed: u64,
}

impl Progress {
    /// A bar drawn on stderr when `show`; otherwise only the totals are kept.
    pub(crate) fn new(show: bool) -> Self {
        let bar = show.then(|| {
            let style = ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files  {per_sec}  ETA {eta}  {wide_msg}",
            )
            .expect("the template is valid");
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr())
                .with_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            files: 0,
            bytes: 0,
            failed: 0,
        }
    }

    /// A handle the counting thread uses to grow the bar's length as it finds inputs.
    pub(crate) fn length_handle(&self) -> Option<ProgressBar> {
        self.bar.clone()
    }

    /// One input done: `bytes` read, or failed.
    pub(crate) fn done(&mut self, bytes: u64, failed: bool) {
        self.files += 1;
        self.bytes += bytes;
        self.failed += u64::from(failed);
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Prints `message` above the bar (or plainly when there is none).
    pub(crate) fn println(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }

    /// Clears the bar and, when `summary`, prints files, MB, MB/s and failures.
    pub(crate) fn finish(self, summary: bool) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if summary {
            let secs = self.started.elapsed().as_secs_f64().max(1e-9);
            let mb = self.bytes as f64 / 1e6;
            eprintln!(
                "textsift summary — {} files, {mb:.1} MB in {secs:.2} s ({:.1} MB/s, {:.0} files/s), {} failed",
                self.files,
                mb / secs,
                self.files as f64 / secs,
                self.failed
            );
        }
    }
}
