//! Messages on standard error, written so that a failing stderr never panics.
//!
//! `eprintln!` panics when stderr cannot be written (`2>/dev/full`); every message of the
//! tool goes through [`Diag`] instead, which stops writing after the first failure and
//! remembers it, so the run can end with a non-zero status without another word.

use std::io::Write;

/// Where messages go: standard error in the tool, a buffer in tests.
pub(crate) struct Diag<'a> {
    w: Box<dyn Write + 'a>,
    broken: bool,
}

impl<'a> Diag<'a> {
    /// Messages to `w`.
    pub(crate) fn new(w: impl Write + 'a) -> Self {
        Diag {
            w: Box::new(w),
            broken: false,
        }
    }

    /// Messages to the process's standard error.
    pub(crate) fn stderr() -> Diag<'static> {
        Diag::new(std::io::stderr())
    }

    /// Writes `message` and a newline; after a failure, nothing more is written.
    pub(crate) fn line(&mut self, message: &str) {
        if self.broken {
            return;
        }
        let mut line = String::with_capacity(message.len() + 1);
        line.push_str(message);
        line.push('\n');
        if self
            .w
            .write_all(line.as_bytes())
            .and_then(|()| self.w.flush())
            .is_err()
        {
            self.broken = true;
        }
    }

    /// Whether some message could not be written.
    pub(crate) fn broken(&self) -> bool {
        self.broken
    }
}

/// Reports a failure to write the output (once: the caller stops writing after it).
/// A closed pipe (`textsift … | head`) is not reported: the reader chose to stop.
pub(crate) fn write_failed(diag: &mut Diag<'_>, e: &std::io::Error) {
    if e.kind() != std::io::ErrorKind::BrokenPipe {
        diag.line(&format!("textsift: writing output: {e}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Full;
    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("device full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn failing_stderr_is_remembered_not_a_panic() {
        let mut diag = Diag::new(Full);
        diag.line("textsift: one");
        diag.line("textsift: two");
        assert!(diag.broken());
        let mut buf = Vec::new();
        let mut ok = Diag::new(&mut buf);
        ok.line("a");
        assert!(!ok.broken());
        drop(ok);
        assert_eq!(buf, b"a\n");
    }
}
