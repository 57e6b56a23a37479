//! The progress bar (stderr, only on a terminal the articles do not go to) and the
//! summary line.

use super::diag::Diag;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::time::{Duration, Instant};

/// Progress of a batch run: a bar when wanted, and the totals for the summary line.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    files: u64,
    bytes: u64,
    failed: u64,
}

/// Whether to draw the bar: for a run of several inputs, on a terminal stderr, and never
/// on the terminal the articles go to (the bar and the text would interleave on one line).
pub(crate) fn wanted(several: bool, stderr_terminal: bool, articles_to_terminal: bool) -> bool {
    several && stderr_terminal && !articles_to_terminal
}

/// Whether what is written to stdout may end up on a terminal: stdout is one, or a pipe
/// (`textsift … | less` or `| head` shows the articles on the terminal the bar is drawn
/// on). A file or `/dev/null` cannot.
pub(crate) fn stdout_may_reach_a_terminal() -> bool {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() else {
            return true;
        };
        let kind = std::fs::File::from(fd).metadata().map(|m| m.file_type());
        kind.map_or(true, |t| t.is_fifo() || t.is_socket())
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// The `{rate}` key: files per second, rounded (`474/s`, not indicatif's `474.3999/s`).
fn rate(state: &ProgressState, w: &mut dyn std::fmt::Write) {
    let _ = write!(w, "{}/s", round_rate(state.per_sec()));
}

/// A rate as a whole number (one decimal under 10 per second); 0 when not a number.
fn round_rate(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        "0".to_string()
    } else if per_sec < 10.0 {
        format!("{per_sec:.1}")
    } else {
        format!("{per_sec:.0}")
    }
}

impl Progress {
    /// A bar drawn on stderr when `show`; otherwise only the totals are kept.
    pub(crate) fn new(show: bool) -> Self {
        let bar = show
            .then(|| {
                ProgressStyle::with_template(
                    "{bar:30} {pos}/{len} files  {rate}  ETA {eta}  {wide_msg}",
                )
                .ok()
            })
            .flatten()
            .map(|style| {
                let style = style.with_key("rate", rate);
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

    /// Runs `f` (which writes to stderr) with the bar cleared, then redraws it.
    pub(crate) fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Clears the bar and, when `summary`, writes files, MB, MB/s and failures.
    pub(crate) fn finish(self, summary: bool, diag: &mut Diag<'_>) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if summary {
            let secs = self.started.elapsed().as_secs_f64().max(1e-9);
            let mb = self.bytes as f64 / 1e6;
            diag.line(&format!(
                "textsift summary — {} files, {mb:.1} MB in {secs:.2} s ({:.1} MB/s, {:.0} files/s), {} failed",
                self.files,
                mb / secs,
                self.files as f64 / secs,
                self.failed
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{round_rate, wanted};

    #[test]
    fn progress_bar_is_not_drawn_on_the_terminal_the_articles_go_to() {
        assert!(wanted(true, true, false));
        assert!(!wanted(true, true, true));
        assert!(!wanted(true, false, false));
        assert!(!wanted(false, true, false));
    }

    #[test]
    fn progress_rate_is_rounded() {
        assert_eq!(round_rate(474.3999), "474");
        assert_eq!(round_rate(2.71), "2.7");
        assert_eq!(round_rate(f64::NAN), "0");
        assert_eq!(round_rate(f64::INFINITY), "0");
        assert_eq!(round_rate(0.0), "0");
    }
}
