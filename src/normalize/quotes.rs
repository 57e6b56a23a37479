//! Rule 7: quotation marks.
//!
//! Double quotes (straight or curly, however misused) are paired left to right; a
//! straight quote right after a digit is an inch mark and takes no part, unless a quote
//! is open (`这是"iPhone 13"的发布会`). With an odd count nothing is paired. Single quotes are paired the same way, leaving out
//! apostrophes (a quote between two Latin letters or digits, as in `It's`).
//!
//! A double pair becomes `“…”` when its content holds Han or a Han character or
//! full-width mark sits next to it outside; a single pair becomes `‘…’` only when its
//! content holds Han. Padding spaces inside a converted double pair are dropped. Pairs that do
//! not qualify are left exactly as typed.

use super::chars::is_latin_alnum;
use super::line::{Line, Pair, DEL, FROZEN, MATCHED, OPENED, PAIRED};
use super::punct;

/// Whether `c` is a double quote, straight or curly.
pub(crate) fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

fn is_single(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’')
}

/// Pairs the double quotes, then the single quotes, of `line`.
pub(crate) fn pair(line: &mut Line) {
    pair_kind(line, true);
    pair_kind(line, false);
}

fn pair_kind(line: &mut Line, double: bool) {
    // One pass counts the candidates, a second flags them if they pair up: whether a
    // quote is a candidate depends only on how many came before it.
    let count = candidates(line, double, |_, _| {});
    if count % 2 == 0 {
        candidates(line, double, |line, i| line.flag(i, PAIRED));
    }
}

/// Calls `found` on each quote of the kind that takes part in pairing, left to right, and
/// returns how many there are.
fn candidates(line: &mut Line, double: bool, mut found: impl FnMut(&mut Line, usize)) -> usize {
    let mut count = 0;
    for i in 0..line.len() {
        let c = line.ch(i);
        if line.flags(i) & FROZEN != 0 || !(if double { is_double(c) } else { is_single(c) }) {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| line.ch(j));
        let next = (i + 1 < line.len()).then(|| line.ch(i + 1));
        let after_digit = prev.is_some_and(|p| p.is_ascii_digit());
        if matches!(c, '"' | '\'') && after_digit && count % 2 == 0 {
            continue; // an inch or foot mark (where a quote would open)
        }
        if !double && prev.is_some_and(is_latin_alnum) && next.is_some_and(is_latin_alnum) {
            continue; // apostrophe
        }
        found(line, i);
        count += 1;
    }
    count
}

/// Decides `pair` (when the left-to-right walk reaches its opener) and converts it if it
/// qualifies.
pub(crate) fn apply(line: &mut Line, pair: Pair) {
    let (o, c) = (pair.open, pair.close);
    let double = is_double(line.ch(o));
    let convert =
        pair.han_inside || (double && (outside_left(line, o) || outside_right(line, pair)));
    if !convert {
        return;
    }
    let (open, close) = if double {
        ('“', '”')
    } else {
        ('‘', '’')
    };
    line.set(o, open);
    line.set(c, close);
    // Padding inside a double pair goes. Inside a single pair it stays unless spacing
    // removes it: dropping it could glue `’` between two letters, where a second run
    // would take it for an apostrophe.
    for pad in [o + 1, c - 1] {
        if double && pad > o && pad < c && line.ch(pad) == ' ' {
            line.drop_or_double(pad, DEL);
        }
    }
}

/// Whether a Han character or full-width mark sits left of the pair opened at `o`.
/// Everything left of `o` is already final.
pub(crate) fn outside_left(line: &Line, o: usize) -> bool {
    line.prev(o).is_some_and(|j| punct::is_wide(line, j))
}

/// Whether a Han character or full-width mark sits right of `pair`.
///
/// The walk has not reached that character yet, so this predicts what it will be:
/// another pair's opener does not count (it is undecided and would make the answer
/// depend on the order of decisions); a closer of an enclosing pair is already final;
/// a half-width mark counts when it converts even if this pair stays as typed.
pub(crate) fn outside_right(line: &Line, pair: Pair) -> bool {
    let c = pair.close;
    let Some(j) = line.next(c) else { return false };
    if line.flags(j) & FROZEN != 0 {
        return false;
    }
    // A paired mark counts only as the closer of a pair opened before `o`, which the walk
    // has passed.
    if line.flags(j) & (PAIRED | MATCHED) != 0 {
        return line.flags(j) & OPENED != 0 && punct::is_wide(line, j);
    }
    punct::is_wide(line, j) || punct::would_convert(line, j, c)
}

#[cfg(test)]
mod tests {
    use super::super::chars::class;
    use super::super::line::Cell;
    use super::*;

    #[test]
    fn pairs_skip_inch_marks_and_apostrophes() {
        let mut line = Line {
            cells: "It's 5\" \"a\""
                .chars()
                .map(|c| Cell::new(c, class(c)))
                .collect(),
            ..Line::default()
        };
        pair(&mut line);
        let paired: Vec<usize> = (0..line.len())
            .filter(|&i| line.flags(i) & PAIRED != 0)
            .collect();
        assert_eq!(paired, [8, 10]);
    }
}
