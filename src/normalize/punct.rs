//! Rules 5 and 6: half-width punctuation and ellipses in Han context, and the
//! left-to-right walk that decides every conversion of a line.
//!
//! The walk visits each character once. At a quote or parenthesis opener it decides the
//! whole pair; at `, . : ; ? !` it decides the mark from the (already final) character on
//! its left. Deciding in position order is what makes the result idempotent: nothing a
//! decision looks at on its left can change after it.

use super::chars::{is_latin_alnum, Class};
use super::line::{Ctx, Line, DEL, DOUBLE, MATCHED, OPENED, PAIRED};
use super::{parens, quotes};

/// Converts the quotes, parentheses, marks and ellipses of `line`.
pub(crate) fn convert(line: &mut Line) {
    let n = line.len();
    // The next entry of `line.openers`, and whether a paired double or single quote is
    // open: paired quotes of a kind alternate opener, closer.
    let mut entry = 0;
    let (mut double_open, mut single_open) = (false, false);
    let mut i = 0;
    while i < n {
        if !line.free(i) {
            i += 1;
            continue;
        }
        let c = line.ch(i);
        let f = line.flags(i);
        if f & (PAIRED | MATCHED) != 0 {
            let opens = if f & MATCHED != 0 {
                matches!(c, '(' | '（')
            } else {
                let open = if quotes::is_double(c) {
                    &mut double_open
                } else {
                    &mut single_open
                };
                *open = !*open;
                *open
            };
            // A closer was decided with its opener.
            if opens {
                if let Some(pair) = line.pair(i, entry) {
                    line.flag(pair.close, OPENED);
                    if parens::is_paren(c) {
                        parens::apply(line, pair);
                    } else {
                        quotes::apply(line, pair);
                    }
                }
                entry += 1;
            }
        } else if c == '.' || c == '…' {
            let end = run_end(line, i, c);
            if c == '.' && end - i < 3 {
                apply_mark(line, i);
            } else if c == '…' && end - i != 1 {
                // `……` is already right; longer runs are left as typed.
            } else if ellipsis_converts(line, end, line.ctx(line.prev(i))) {
                if c == '.' {
                    line.set(i, '…');
                    line.set(i + 1, '…');
                    (i + 2..end).for_each(|j| line.drop_or_double(j, DEL));
                } else {
                    line.drop_or_double(i, DOUBLE);
                }
            }
            i = if c == '.' && end - i < 3 { i + 1 } else { end };
            continue;
        } else if is_mark(c) {
            apply_mark(line, i);
        }
        i += 1;
    }
}

/// One past the run of free `c` characters starting at `i`.
fn run_end(line: &Line, i: usize, c: char) -> usize {
    let mut e = i;
    while e < line.len() && line.ch(e) == c && line.free(e) {
        e += 1;
    }
    e
}

fn is_mark(c: char) -> bool {
    matches!(c, ',' | '.' | ':' | ';' | '?' | '!')
}

fn wide(c: char) -> char {
    match c {
        ',' => '，',
        '.' => '。',
        ':' => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        _ => c,
    }
}

fn apply_mark(line: &mut Line, i: usize) {
    if mark_converts(line, i, line.ctx(line.prev(i))) {
        line.set(i, wide(line.ch(i)));
    }
}

/// Whether the mark at `i` converts when the character on its left gives `left`.
///
/// After Han context every mark converts, except a `.` directly followed by a Latin
/// letter or digit (`問號.jpg`, `阿里巴巴.US`). After anything else only `, ; ?`
/// convert, and only when Han follows (`iPhone,好开心`); `!`, `.` and `:` after a Latin
/// word stay (`Yahoo!`, `Mr.`, `2!`).
fn mark_converts(line: &Line, i: usize, left: Ctx) -> bool {
    let c = line.ch(i);
    match left {
        Ctx::Han => {
            !(c == '.'
                && line
                    .next_adjacent(i)
                    .is_some_and(|j| is_latin_alnum(line.ch(j))))
        }
        Ctx::Latin | Ctx::Other => matches!(c, ',' | ';' | '?') && line.is_han_at(line.next(i)),
    }
}

/// Whether the ellipsis ending before `end` (three or more dots, or one `…`) converts to `……`:
/// after Han context yes, after a Latin word no, otherwise when Han follows.
fn ellipsis_converts(line: &Line, end: usize, left: Ctx) -> bool {
    match left {
        Ctx::Han => true,
        Ctx::Latin => false,
        Ctx::Other => line.is_han_at(line.next(end - 1)),
    }
}

/// Whether the character at `j` is, as it stands, Han or a full-width mark (of any
/// kind, curly quotes included).
pub(crate) fn is_wide(line: &Line, j: usize) -> bool {
    if !line.free(j) {
        return false;
    }
    matches!(
        line.cls(j),
        Class::Han | Class::Punct | Class::Sym | Class::Curly
    )
}

/// Whether the half-width mark or ellipsis at `j`, right after the closer `c` of a pair,
/// converts if that pair stays as typed.
pub(crate) fn would_convert(line: &Line, j: usize, c: usize) -> bool {
    let left = line.ctx(Some(c));
    let ch = line.ch(j);
    if ch == '.' || ch == '…' {
        let end = run_end(line, j, ch);
        if (ch == '.' && end - j >= 3) || (ch == '…' && end - j == 1) {
            return ellipsis_converts(line, end, left);
        }
    }
    is_mark(ch) && mark_converts(line, j, left)
}
