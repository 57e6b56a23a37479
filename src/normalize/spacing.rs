//! Rules 4 and 9 and the Han–Latin gap: decides every space of the finished line.
//!
//! A "Latin run" is a maximal run of Latin characters holding a letter or digit (a code
//! span or math counts as one). Spaces next to full-width punctuation go; next to a
//! curly quote they go only on the side of a Han or full-width neighbour; between Han and
//! a Latin run the policy decides; every other space is content and stays.

use super::chars::Class;
use super::line::{Cell, Line, CODE, DEL, DOUBLE, PAIRED, PROT};
use super::Policy;

/// One Latin run of the compacted line: what the spacing rules need to know about it,
/// packed in a byte (a line may hold millions of runs).
#[derive(Clone, Copy, Default)]
struct Run(u8);

impl Run {
    /// Holds a letter or digit (or is code/math).
    const ALNUM: u8 = 1;
    /// Holds a protected token.
    const PROT: u8 = 2;
    /// Is a printf/positional placeholder (`%s`, `%05.2f`, `$1`).
    const PLACEHOLDER: u8 = 4;
    /// Starts with `.`, an apostrophe, `-` not before a digit, or `/`: no space is added
    /// between it and Han on its left (`問號.jpg`, `林依諾's`, `小米集团-W`).
    const STICKY_START: u8 = 8;
    /// Ends with `-` or `/`: no space is added between it and Han on its right.
    const STICKY_END: u8 = 16;
    /// Follows the previous run after a single space.
    const JOINED_PREV: u8 = 32;
    /// Under compact: the phrase (runs joined by single spaces) holds a protected token,
    /// so the spaces around it are kept.
    const PHRASE_PROT: u8 = 64;

    fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

/// Buffers reused from line to line.
#[derive(Default)]
pub(crate) struct Buffers {
    runs: Vec<Run>,
}

/// Writes the line to `out` with its spaces decided under `policy`.
pub(crate) fn emit(line: &mut Line, policy: Policy, out: &mut String) {
    if line.dirty {
        compact(&mut line.cells);
    }
    let v = &line.cells[..];
    let runs = &mut line.spacing.runs;
    find_runs(v, runs);
    let n = v.len();
    // The number of runs started at or before `i`: `runs[next - 1]` holds `i` (or is the
    // last run before it), `runs[next]` is the first to start after it.
    let mut next = 0;
    for i in 0..n {
        let c = v[i].ch();
        if v[i].class() == Class::Latin && (i == 0 || v[i - 1].class() != Class::Latin) {
            next += 1;
        }
        if c == ' ' {
            // A compacted line never starts with a space.
            if i > 0 && gap(v, runs, next, i - 1, i + 1, true, policy) {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
        if i + 1 < n && v[i + 1].ch() != ' ' && gap(v, runs, next, i, i + 1, false, policy) {
            out.push(' ');
        }
    }
}

/// Drops the deleted characters in place, doubles [`DOUBLE`] ones, and collapses and trims
/// the spaces that deletions may have left behind.
fn compact(cells: &mut Vec<Cell>) {
    let mut w = 0;
    let mut doubles = 0;
    for r in 0..cells.len() {
        let cell = cells[r];
        let f = cell.flags();
        if f & DEL != 0 || (cell.ch() == ' ' && (w == 0 || cells[w - 1].ch() == ' ')) {
            continue;
        }
        cells[w] = cell;
        w += 1;
        doubles += usize::from(f & DOUBLE != 0);
    }
    if w > 0 && cells[w - 1].ch() == ' ' {
        w -= 1;
    }
    cells.truncate(w);
    if doubles == 0 {
        return;
    }
    // Written from the end, doubled characters twice: the write index stays at or ahead
    // of the read index, so nothing is overwritten before it is read.
    let total = w + doubles;
    cells.resize(total, Cell::new(' ', Class::Space));
    let mut to = total;
    for from in (0..w).rev() {
        let cell = cells[from];
        for _ in 0..1 + usize::from(cell.flags() & DOUBLE != 0) {
            to -= 1;
            cells[to] = cell;
        }
    }
}

/// Finds the Latin runs and, for compact, which phrases are protected.
fn find_runs(v: &[Cell], runs: &mut Vec<Run>) {
    let n = v.len();
    runs.clear();
    let mut i = 0;
    while i < n {
        if v[i].class() != Class::Latin {
            i += 1;
            continue;
        }
        let s = i;
        while i < n && v[i].class() == Class::Latin {
            i += 1;
        }
        let t = &v[s..i];
        let first = t[0].ch();
        let facts = [
            (
                Run::ALNUM,
                t.iter()
                    .any(|c| c.flags() & CODE != 0 || c.ch().is_alphanumeric()),
            ),
            (Run::PROT, t.iter().any(|c| c.flags() & PROT != 0)),
            (Run::PLACEHOLDER, is_placeholder(t)),
            (
                Run::STICKY_START,
                first == '.'
                    || first == '/'
                    || (first == '\'' && t[0].flags() & PAIRED == 0)
                    || (first == '-' && !t.get(1).is_some_and(|c| c.ch().is_ascii_digit())),
            ),
            (Run::STICKY_END, matches!(t[t.len() - 1].ch(), '-' | '/')),
            (
                Run::JOINED_PREV,
                s >= 2 && v[s - 1].ch() == ' ' && v[s - 2].class() == Class::Latin,
            ),
        ];
        let bits = facts
            .iter()
            .filter(|(_, yes)| *yes)
            .fold(0, |bits, (bit, _)| bits | bit);
        runs.push(Run(bits));
    }
    // A phrase is a sequence of runs joined by single spaces; under compact a phrase
    // holding a protected token keeps the spaces around it.
    let mut k = 0;
    while k < runs.len() {
        let start = k;
        let mut prot = runs[k].has(Run::PROT);
        while k + 1 < runs.len() && runs[k + 1].has(Run::JOINED_PREV) {
            k += 1;
            prot |= runs[k].has(Run::PROT);
        }
        if prot {
            runs[start..=k]
                .iter_mut()
                .for_each(|r| r.0 |= Run::PHRASE_PROT);
        }
        k += 1;
    }
}

/// Whether a Latin run is a printf or positional placeholder.
fn is_placeholder(t: &[Cell]) -> bool {
    let n = t.len();
    let at = |i: usize| t[i].ch();
    let between = || t[1..n - 1].iter().map(|c| c.ch());
    match t.first().map(|c| c.ch()) {
        Some('$') => n == 2 && at(1).is_ascii_digit(),
        Some('{') => n >= 3 && at(n - 1) == '}' && between().all(|c| c.is_ascii_digit()),
        Some('%') if (2..=9).contains(&n) => {
            at(n - 1).is_ascii_alphabetic()
                && between().all(|c| {
                    c.is_ascii_digit() || matches!(c, '-' | '+' | '#' | '.' | '$' | 'l' | 'h')
                })
        }
        _ => false,
    }
}

/// Whether a space goes between `l` and `r` (`had_space`: whether one was typed).
/// `next` is the number of runs started at or before `l` (see [`emit`]).
fn gap(
    v: &[Cell],
    runs: &[Run],
    next: usize,
    l: usize,
    r: usize,
    had_space: bool,
    policy: Policy,
) -> bool {
    use Class::*;
    let (lc, rc) = (v[l].class(), v[r].class());
    if lc == Punct || rc == Punct {
        return false;
    }
    if lc == Curly || rc == Curly {
        let other = if lc == Curly { rc } else { lc };
        return had_space && !matches!(other, Han | Sym | Curly);
    }
    // Han then Latin: the run starting at `r`; Latin then Han: the run holding `l`.
    let (han_left, run) = match (lc, rc) {
        (Han, Latin) => (true, runs.get(next)),
        (Latin, Han) => (false, next.checked_sub(1).and_then(|k| runs.get(k))),
        _ => return had_space,
    };
    let Some(&run) = run else { return had_space };
    if !run.has(Run::ALNUM) {
        return had_space;
    }
    match policy {
        Policy::Compact | Policy::Keep => had_space && run.has(Run::PHRASE_PROT),
        Policy::Pangu => {
            let sticky = run.has(if han_left {
                Run::STICKY_START
            } else {
                Run::STICKY_END
            });
            if run.has(Run::PROT) {
                true
            } else if run.has(Run::PLACEHOLDER) || sticky {
                had_space
            } else {
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        let p = |s: &str| {
            let t: Vec<Cell> = s
                .chars()
                .map(|c| Cell::new(c, super::super::chars::class(c)))
                .collect();
            is_placeholder(&t)
        };
        assert!(p("%s"));
        assert!(p("%05.2f"));
        assert!(p("$1"));
        assert!(!p("$999"));
        assert!(!p("%"));
        assert!(!p("25%OFF"));
    }
}
