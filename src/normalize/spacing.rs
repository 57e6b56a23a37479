//! Rules 4 and 9 and the Han–Latin gap: decides every space of the finished line.
//!
//! A "Latin run" is a maximal run of Latin characters holding a letter or digit (a code
//! span or math counts as one). Spaces next to full-width punctuation go; next to a
//! curly quote they go only on the side of a Han or full-width neighbour; between Han and
//! a Latin run the policy decides; every other space is content and stays.

use super::chars::Class;
use super::line::{Line, CODE, DEL, DOUBLE, PAIRED, PROT};
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

/// The finished characters of a line, with their flags and classes.
#[derive(Clone, Copy)]
struct View<'a> {
    chars: &'a [char],
    flags: &'a [u8],
    class: &'a [Class],
}

/// Writes the line to `out` with its spaces decided under `policy`.
pub(crate) fn emit(line: &mut Line, policy: Policy, out: &mut String) {
    let Line {
        chars,
        flags,
        cls,
        dirty,
        spacing: b,
        ..
    } = line;
    let Buffers {
        chars: bc,
        flags: bf,
        class: bk,
        run_of,
        runs,
    } = b;
    let v = if *dirty {
        compact(chars, flags, cls, bc, bf, bk);
        View {
            chars: bc,
            flags: bf,
            class: bk,
        }
    } else {
        View {
            chars,
            flags,
            class: cls,
        }
    };
    find_runs(v, run_of, runs);
    let runs = &runs[..];
    let run_of = &run_of[..];
    let n = v.chars.len();
    for i in 0..n {
        let c = v.chars[i];
        if c == ' ' {
            if gap(v, runs, run_of, i - 1, i + 1, true, policy) {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
        if i + 1 < n && v.chars[i + 1] != ' ' && gap(v, runs, run_of, i, i + 1, false, policy) {
            out.push(' ');
        }
    }
}

/// Copies the kept characters, doubling [`DOUBLE`] ones and collapsing and trimming the
/// spaces that deletions may have left behind.
fn compact(
    chars: &[char],
    flags: &[u8],
    cls: &[Class],
    bc: &mut Vec<char>,
    bf: &mut Vec<u8>,
    bk: &mut Vec<Class>,
) {
    bc.clear();
    bf.clear();
    bk.clear();
    for ((&c, &f), &k) in chars.iter().zip(flags).zip(cls) {
        if f & DEL != 0 || (c == ' ' && !matches!(bc.last(), Some(&p) if p != ' ')) {
            continue;
        }
        for _ in 0..if f & DOUBLE != 0 { 2 } else { 1 } {
            bc.push(c);
            bf.push(f);
            bk.push(k);
        }
    }
    if bc.last() == Some(&' ') {
        bc.pop();
        bf.pop();
        bk.pop();
    }
}

/// Finds the Latin runs and, for compact, which phrases are protected.
fn find_runs(v: View<'_>, run_of: &mut Vec<u32>, runs: &mut Vec<Run>) {
    let n = v.chars.len();
    runs.clear();
    run_of.clear();
    run_of.resize(n, u32::MAX);
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
        let run = Run {
            alnum: f.iter().any(|f| f & CODE != 0) || t.iter().any(|c| c.is_alphanumeric()),
            prot: f.iter().any(|f| f & PROT != 0),
            placeholder: is_placeholder(t),
            sticky_start: first == '.'
                || first == '/'
                || (first == '\'' && f[0] & PAIRED == 0)
                || (first == '-' && !t.get(1).is_some_and(|c| c.is_ascii_digit())),
            sticky_end: matches!(t[t.len() - 1], '-' | '/'),
            joined_prev: s >= 2 && v.chars[s - 1] == ' ' && v.class[s - 2] == Class::Latin,
            phrase_prot: false,
        };
        let id = runs.len() as u32;
        run_of[s..i].iter_mut().for_each(|r| *r = id);
        runs.push(run);
    }
    // A phrase is a sequence of runs joined by single spaces; under compact a phrase
    // holding a protected token keeps the spaces around it.
    let mut k = 0;
    while k < runs.len() {
        let start = k;
        let mut prot = runs[k].prot;
        while k + 1 < runs.len() && runs[k + 1].joined_prev {
            k += 1;
            prot |= runs[k].prot;
        }
        runs[start..=k]
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
fn gap(
    v: View<'_>,
    runs: &[Run],
    run_of: &[u32],
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
    let (han_left, run) = match (lc, rc) {
        (Han, Latin) => (true, runs[run_of[r] as usize]),
        (Latin, Han) => (false, runs[run_of[l] as usize]),
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
