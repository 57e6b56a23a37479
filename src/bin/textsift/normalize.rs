//! `textsift normalize`: standard input to standard output, one line at a time, in
//! bounded memory.
//!
//! Lines are read as bytes. Bytes that are not UTF-8 become U+FFFD, as extraction does,
//! with a warning naming the line (the first [`MAX_WARNINGS`] such lines, then a count),
//! and the rest of the input is still read. A line up to [`PIECE`] bytes is normalised
//! whole; a longer one in pieces of [`PIECE`] / 2 to [`PIECE`] bytes cut where the
//! normaliser's output cannot depend on the other side ([`super::pieces`]), so memory
//! stays a small constant however long the line. Output keeps the tool's old shape: each
//! line ends with `\n` (a `\r` before it is dropped), the last one too.

use super::diag::{self, Diag};
use super::pieces::{self, Cut};
use std::io::{BufRead, Write};
use textsift::Policy;

/// The longest line normalised in one go (bytes of input).
pub(crate) const PIECE: usize = 1 << 20;

/// How many lines with invalid UTF-8 are named before only a count is given.
pub(crate) const MAX_WARNINGS: u64 = 10;

/// Normalises `input` into `out` line by line; messages go to `diag`. Returns the exit
/// status: 0, or 1 when the input could not be read or the output written.
pub(crate) fn run(
    policy: Policy,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    diag: &mut Diag<'_>,
) -> u8 {
    let mut lines = Lines::new(policy, PIECE);
    let result = lines.copy(input, out, diag);
    if lines.invalid > MAX_WARNINGS {
        let more = lines.invalid - MAX_WARNINGS;
        diag.line(&format!(
            "textsift: -: {more} more lines held bytes that are not UTF-8 (replaced with U+FFFD)"
        ));
    }
    let status = match result {
        Ok(()) => out.flush().map_err(Failure::Write),
        Err(e) => Err(e),
    };
    let code = match status {
        Ok(()) => 0,
        Err(Failure::Write(e)) => {
            diag::write_failed(diag, &e);
            1
        }
        Err(Failure::Read(e)) => {
            diag.line(&format!("textsift: -: reading: {e}"));
            1
        }
    };
    if diag.broken() {
        1
    } else {
        code
    }
}

enum Failure {
    Read(std::io::Error),
    Write(std::io::Error),
}

/// The state of the line being read.
struct Lines {
    policy: Policy,
    piece: usize,
    /// Bytes of the current line not yet normalised (at most `piece` + 1).
    raw: Vec<u8>,
    /// Number of the current line, from 1.
    line_no: u64,
    /// Whether the current line held bytes that are not UTF-8.
    bad_line: bool,
    /// Lines that held such bytes.
    invalid: u64,
    /// Whether some of the current line has been written.
    written: bool,
    /// A space is owed between what was written and the next non-empty piece (the cut
    /// fell in whitespace, which each piece trims).
    gap: bool,
    /// The cuts made so far (tests).
    #[cfg(test)]
    cuts: Vec<Cut>,
}

impl Lines {
    fn new(policy: Policy, piece: usize) -> Self {
        Lines {
            policy,
            piece,
            raw: Vec::new(),
            line_no: 1,
            bad_line: false,
            invalid: 0,
            written: false,
            gap: false,
            #[cfg(test)]
            cuts: Vec::new(),
        }
    }

    /// Reads `input` to its end, writing each normalised line to `out`.
    fn copy(
        &mut self,
        input: &mut dyn BufRead,
        out: &mut dyn Write,
        diag: &mut Diag<'_>,
    ) -> Result<(), Failure> {
        let mut started = false;
        loop {
            let chunk = match input.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Failure::Read(e)),
            };
            if chunk.is_empty() {
                if started {
                    self.end_line(false, out, diag)?;
                }
                return Ok(());
            }
            started = true;
            // One byte past a piece: a line of exactly `piece` bytes is still whole.
            let room = (self.piece + 1).saturating_sub(self.raw.len()).max(1);
            let window = chunk.get(..room.min(chunk.len())).unwrap_or(chunk);
            match memchr::memchr(b'\n', window) {
                Some(i) => {
                    self.raw
                        .extend_from_slice(window.get(..i).unwrap_or_default());
                    input.consume(i + 1);
                    self.end_line(true, out, diag)?;
                    started = false;
                }
                None => {
                    let n = window.len();
                    self.raw.extend_from_slice(window);
                    input.consume(n);
                    if self.raw.len() > self.piece {
                        self.cut_piece(out)?;
                    }
                }
            }
        }
    }

    /// The line ended (at a newline, or at the end of the input): normalise the rest.
    fn end_line(
        &mut self,
        newline: bool,
        out: &mut dyn Write,
        diag: &mut Diag<'_>,
    ) -> Result<(), Failure> {
        let mut text = self.decode(true);
        if newline && text.ends_with('\r') {
            text.pop();
        }
        self.write_piece(&text, out)?;
        out.write_all(b"\n").map_err(Failure::Write)?;
        if self.bad_line {
            self.invalid += 1;
            if self.invalid <= MAX_WARNINGS {
                diag.line(&format!(
                    "textsift: -: line {}: bytes that are not UTF-8 replaced with U+FFFD",
                    self.line_no
                ));
            }
        }
        self.line_no += 1;
        self.bad_line = false;
        self.written = false;
        self.gap = false;
        Ok(())
    }

    /// The line is longer than a piece: normalise its best cut and keep the rest.
    fn cut_piece(&mut self, out: &mut dyn Write) -> Result<(), Failure> {
        let text = self.decode(false);
        let (mut at, kind) = pieces::find(&text, text.len() / 2);
        if kind == Cut::Any && at > 1 && text.get(..at).is_some_and(|l| l.ends_with('\r')) {
            at -= 1; // a piece ending in `\r` would keep it as a line ending
        }
        #[cfg(test)]
        self.cuts.push(kind);
        let (left, right) = text.split_at_checked(at).unwrap_or((&text, ""));
        self.write_piece(left, out)?;
        let ends_in_space = left
            .trim_end_matches(['\u{200B}', '\u{FEFF}', '\u{2060}'])
            .ends_with(char::is_whitespace);
        self.gap |= ends_in_space || right.starts_with(char::is_whitespace);
        // What is left was decoded already (it is valid UTF-8) and goes before the bytes
        // `decode` kept back.
        let mut rest = Vec::with_capacity(right.len() + self.raw.len() + self.piece);
        rest.extend_from_slice(right.as_bytes());
        rest.append(&mut self.raw);
        self.raw = rest;
        Ok(())
    }

    /// Normalises one piece of the line and writes it (after the space owed, if any).
    fn write_piece(&mut self, text: &str, out: &mut dyn Write) -> Result<(), Failure> {
        let normalized = textsift::normalize(text, self.policy);
        if normalized.is_empty() {
            return Ok(());
        }
        if self.gap && self.written {
            out.write_all(b" ").map_err(Failure::Write)?;
        }
        self.gap = false;
        self.written = true;
        out.write_all(normalized.as_bytes()).map_err(Failure::Write)
    }

    /// Takes the bytes read so far as text, invalid bytes as U+FFFD. Unless `all`, an
    /// incomplete character at the end is left in `raw` for the next read.
    fn decode(&mut self, all: bool) -> String {
        let raw = std::mem::take(&mut self.raw);
        let mut text = String::with_capacity(raw.len());
        let mut rest = raw.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    text.push_str(valid);
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                    match e.error_len() {
                        Some(bad) => {
                            text.push('\u{FFFD}');
                            self.bad_line = true;
                            rest = after.get(bad..).unwrap_or_default();
                        }
                        None if !all => {
                            self.raw.extend_from_slice(after);
                            break;
                        }
                        None => {
                            text.push('\u{FFFD}');
                            self.bad_line = true;
                            break;
                        }
                    }
                }
            }
        }
        text
    }
}

#[cfg(test)]
mod tests;
