//! Rules 4 and 9 and the Han–Latin gap: decides every space of the finished line.
//!
//! A "Latin run" is a maximal run of Latin characters holding a letter or digit (a code
//! span or math counts as one). Spaces next to full-width punctuation go; next to a
//! curly quote they go only on the side of a Han or full-width neighbour; between Han and
//! a Latin run the policy decides; every other space is content and stays.

use super::chars::Class;
use super::line::{Line, CODE, DEL, DOUBLE, PAIRED, PROT};
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

/// The finished characters of a line, with their flags and classes.
#[derive(Clone, Copy)]
struct View<'a> {
    chars: &'a [char],
    flags: &'a [u8],
    class: &'a [Class],
}

/// Writes the line to `out` with its spaces decided under `policy`.
pub(crate) fn emit(line: &mut Line, policy: Policy, out: &mut String) {
    if line.dirty {
        compact(&mut line.chars, &mut line.flags, &mut line.cls);
    }
    let v = View {
        chars: &line.chars,
        flags: &line.flags,
        class: &line.cls,
    };
    let runs = &mut line.spacing.runs;
    find_runs(v, runs);
    let n = v.chars.len();
    // The number of runs started at or before `i`: `runs[next - 1]` holds `i` (or is the
    // last run before it), `runs[next]` is the first to start after it.
    let mut next = 0;
    for i in 0..n {
        let c = v.chars[i];
        if v.class[i] == Class::Latin && (i == 0 || v.class[i - 1] != Class::Latin) {
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
        if i + 1 < n && v.chars[i + 1] != ' ' && gap(v, runs, next, i, i + 1, false, policy) {
            out.push(' ');
        }
    }
}

/// Drops the deleted characters in place, doubles [`DOUBLE`] ones, and collapses and trims
/// the spaces that deletions may have left behind.
fn compact(chars: &mut Vec<char>, flags: &mut Vec<u8>, cls: &mut Vec<Class>) {
    let mut w = 0;
    let mut doubles = 0;
    for r in 0..chars.len() {
        let (c, f, k) = (chars[r], flags[r], cls[r]);
        if f & DEL != 0 || (c == ' ' && (w == 0 || chars[w - 1] == ' ')) {
            continue;
        }
        chars[w] = c;
        flags[w] = f;
        cls[w] = k;
        w += 1;
        doubles += usize::from(f & DOUBLE != 0);
    }
    if w > 0 && chars[w - 1] == ' ' {
        w -= 1;
    }
    chars.truncate(w);
    flags.truncate(w);
    cls.truncate(w);
    if doubles == 0 {
        return;
    }
    // Written from the end, doubled characters twice: the write index stays at or ahead
    // of the read index, so nothing is overwritten before it is read.
    let total = w + doubles;
    chars.resize(total, ' ');
    flags.resize(total, 0);
    cls.resize(total, Class::Space);
    let mut to = total;
    for from in (0..w).rev() {
        for _ in 0..1 + usize::from(flags[from] & DOUBLE != 0) {
            to -= 1;
            chars[to] = chars[from];
            flags[to] = flags[from];
            cls[to] = cls[from];
        }
    }
}

/// Finds the Latin runs and, for compact, which phrases are protected.
fn find_runs(v: View<'_>, runs: &mut Vec<Run>) {
    let n = v.chars.len();
    runs.clear();
    let mut i = 0;
    while i < n {
        if v.class[i] != Class::Latin {
            i += 1;
            continue;
        }
        let s = i;
        while i < n && v.class[i] == Class::Latin {
            i += 1;
        }
        let t = &v.chars[s..i];
        let f = &v.flags[s..i];
        let first = t[0];
        let facts = [
            (
                Run::ALNUM,
                f.iter().any(|f| f & CODE != 0) || t.iter().any(|c| c.is_alphanumeric()),
            ),
            (Run::PROT, f.iter().any(|f| f & PROT != 0)),
            (Run::PLACEHOLDER, is_placeholder(t)),
            (
                Run::STICKY_START,
                first == '.'
                    || first == '/'
                    || (first == '\'' && f[0] & PAIRED == 0)
                    || (first == '-' && !t.get(1).is_some_and(|c| c.is_ascii_digit())),
            ),
            (Run::STICKY_END, matches!(t[t.len() - 1], '-' | '/')),
            (
                Run::JOINED_PREV,
                s >= 2 && v.chars[s - 1] == ' ' && v.class[s - 2] == Class::Latin,
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
fn is_placeholder(t: &[char]) -> bool {
    match t {
        ['$', d] => d.is_ascii_digit(),
        ['{', mid @ .., '}'] => !mid.is_empty() && mid.iter().all(char::is_ascii_digit),
        ['%', rest @ ..] if !rest.is_empty() && rest.len() <= 8 => {
            let (last, body) = rest.split_last().unwrap_or((&' ', &[]));
            last.is_ascii_alphabetic()
                && body.iter().all(|c| {
                    c.is_ascii_digit() || matches!(c, '-' | '+' | '#' | '.' | '$' | 'l' | 'h')
                })
        }
        _ => false,
    }
}

/// Whether a space goes between `l` and `r` (`had_space`: whether one was typed).
/// `next` is the number of runs started at or before `l` (see [`emit`]).
fn gap(
    v: View<'_>,
    runs: &[Run],
    next: usize,
    l: usize,
    r: usize,
    had_space: bool,
    policy: Policy,
) -> bool {
    use Class::*;
    let (lc, rc) = (v.class[l], v.class[r]);
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
        let p = |s: &str| is_placeholder(&s.chars().collect::<Vec<_>>());
        assert!(p("%s"));
        assert!(p("%05.2f"));
        assert!(p("$1"));
        assert!(!p("$999"));
        assert!(!p("%"));
        assert!(!p("25%OFF"));
    }
}
