//! Rules 4 and 9 and the Han–Latin gap: decides every space of the finished line.
//!
//! A "Latin run" is a maximal run of Latin characters holding a letter or digit (a code
//! span or math counts as one). Spaces next to full-width punctuation go; next to a
//! curly quote they go only on the side of a Han or full-width neighbour; between Han and
//! a Latin run the policy decides; every other space is content and stays.

use super::chars::{class, Class};
use super::line::{Line, CODE, DEL, DOUBLE, ENTITY, PAIRED, PROT};
use super::Policy;

/// One Latin run of the compacted line.
#[derive(Clone, Copy, Default)]
struct Run {
    /// Holds a letter or digit (or is code/math).
    alnum: bool,
    /// Holds a protected token.
    prot: bool,
    /// Is a printf/positional placeholder (`%s`, `%05.2f`, `$1`).
    placeholder: bool,
    /// Starts with `.`, an apostrophe, `-` not before a digit, or `/`: no space is added
    /// between it and Han on its left (`問號.jpg`, `林依諾's`, `小米集团-W`).
    sticky_start: bool,
    /// Ends with `-` or `/`: no space is added between it and Han on its right.
    sticky_end: bool,
    /// Follows the previous run after a single space.
    joined_prev: bool,
    /// Under compact: the phrase (runs joined by single spaces) holds a protected token,
    /// so the spaces around it are kept.
    phrase_prot: bool,
}

/// Buffers reused from line to line.
#[derive(Default)]
pub(crate) struct Buffers {
    chars: Vec<char>,
    flags: Vec<u8>,
    class: Vec<Class>,
    run_of: Vec<u32>,
    runs: Vec<Run>,
}

/// Writes the line to `out` with its spaces decided under `policy`.
pub(crate) fn emit(line: &mut Line, policy: Policy, out: &mut String) {
    let b = &mut line.spacing;
    compact(&line.chars, &line.flags, b);
    find_runs(b);
    let n = b.chars.len();
    for i in 0..n {
        let c = b.chars[i];
        if c == ' ' {
            if gap(b, i - 1, i + 1, true, policy) {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
        if i + 1 < n && b.chars[i + 1] != ' ' && gap(b, i, i + 1, false, policy) {
            out.push(' ');
        }
    }
}

/// Copies the kept characters, doubling [`DOUBLE`] ones and collapsing and trimming the
/// spaces that deletions may have left behind.
fn compact(chars: &[char], flags: &[u8], b: &mut Buffers) {
    b.chars.clear();
    b.flags.clear();
    b.class.clear();
    for (&c, &f) in chars.iter().zip(flags) {
        if f & DEL != 0 || (c == ' ' && b.chars.last().map_or(true, |&p| p == ' ')) {
            continue;
        }
        let cls = if f & (CODE | PROT) != 0 {
            Class::Latin
        } else if f & ENTITY != 0 {
            Class::Other
        } else {
            class(c)
        };
        for _ in 0..if f & DOUBLE != 0 { 2 } else { 1 } {
            b.chars.push(c);
            b.flags.push(f);
            b.class.push(cls);
        }
    }
    if b.chars.last() == Some(&' ') {
        b.chars.pop();
        b.flags.pop();
        b.class.pop();
    }
}

/// Finds the Latin runs and, for compact, which phrases are protected.
fn find_runs(b: &mut Buffers) {
    let n = b.chars.len();
    b.runs.clear();
    b.run_of.clear();
    b.run_of.resize(n, u32::MAX);
    let mut i = 0;
    while i < n {
        if b.class[i] != Class::Latin {
            i += 1;
            continue;
        }
        let s = i;
        while i < n && b.class[i] == Class::Latin {
            i += 1;
        }
        let t = &b.chars[s..i];
        let f = &b.flags[s..i];
        let first = t[0];
        let run = Run {
            alnum: f.iter().any(|f| f & CODE != 0) || t.iter().any(|c| c.is_alphanumeric()),
            prot: f.iter().any(|f| f & PROT != 0),
            placeholder: is_placeholder(t),
            sticky_start: first == '.'
                || first == '/'
                || (first == '\'' && f[0] & PAIRED == 0)
                || (first == '-' && !t.get(1).is_some_and(|c| c.is_ascii_digit())),
            sticky_end: matches!(t[t.len() - 1], '-' | '/'),
            joined_prev: s >= 2 && b.chars[s - 1] == ' ' && b.class[s - 2] == Class::Latin,
            phrase_prot: false,
        };
        let id = b.runs.len() as u32;
        b.run_of[s..i].iter_mut().for_each(|r| *r = id);
        b.runs.push(run);
    }
    // A phrase is a sequence of runs joined by single spaces; under compact a phrase
    // holding a protected token keeps the spaces around it.
    let mut k = 0;
    while k < b.runs.len() {
        let start = k;
        let mut prot = b.runs[k].prot;
        while k + 1 < b.runs.len() && b.runs[k + 1].joined_prev {
            k += 1;
            prot |= b.runs[k].prot;
        }
        b.runs[start..=k]
            .iter_mut()
            .for_each(|r| r.phrase_prot = prot);
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
fn gap(b: &Buffers, l: usize, r: usize, had_space: bool, policy: Policy) -> bool {
    use Class::*;
    let (lc, rc) = (b.class[l], b.class[r]);
    if lc == Punct || rc == Punct {
        return false;
    }
    if lc == Curly || rc == Curly {
        let other = if lc == Curly { rc } else { lc };
        return had_space && !matches!(other, Han | Sym | Curly);
    }
    let (han_left, run) = match (lc, rc) {
        (Han, Latin) => (true, b.runs[b.run_of[r] as usize]),
        (Latin, Han) => (false, b.runs[b.run_of[l] as usize]),
        _ => return had_space,
    };
    if !run.alnum {
        return had_space;
    }
    match policy {
        Policy::Compact | Policy::Keep => had_space && run.phrase_prot,
        Policy::Pangu => {
            let sticky = if han_left {
                run.sticky_start
            } else {
                run.sticky_end
            };
            if run.prot {
                true
            } else if run.placeholder || sticky {
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
