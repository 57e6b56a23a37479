//! Rule 8: round parentheses.
//!
//! Parentheses are matched with a stack, whatever their width (`(`, `（`), so converting
//! one pair never changes how the others match. A pair becomes `（…）` when its content
//! holds Han, or when it is not glued to a Latin word on its left and a Han character or
//! full-width mark sits next to it outside (`阿里巴巴 (BABA.N) 旗下`). `function(123)`
//! and `Paris(France)` stay; unbalanced parentheses stay; square brackets, `<< >>` and
//! corner brackets are never converted.

use super::chars::is_latin_alnum;
use super::line::{Line, Pair, FROZEN, MATCHED};
use super::quotes::{outside_left, outside_right};

/// Matches the parentheses of `line` and flags both ends of each pair [`MATCHED`]
/// (`Line::list_pairs` links them).
pub(crate) fn pair(line: &mut Line) {
    let mut stack = std::mem::take(&mut line.stack);
    stack.clear();
    for i in 0..line.len() {
        if line.flags(i) & FROZEN != 0 {
            continue;
        }
        match line.ch(i) {
            '(' | '（' => stack.push(i as u32),
            ')' | '）' => {
                if let Some(o) = stack.pop() {
                    line.flag(o as usize, MATCHED);
                    line.flag(i, MATCHED);
                }
            }
            _ => {}
        }
    }
    line.stack = stack;
}

/// Whether `c` is a parenthesis this module pairs.
pub(crate) fn is_paren(c: char) -> bool {
    matches!(c, '(' | ')' | '（' | '）')
}

/// Decides `pair` (when the left-to-right walk reaches its opener) and converts it if it
/// qualifies.
pub(crate) fn apply(line: &mut Line, pair: Pair) {
    let (o, c) = (pair.open, pair.close);
    if line.ch(o) == '（' && line.ch(c) == '）' {
        return;
    }
    let glued = line
        .prev_adjacent(o)
        .is_some_and(|j| is_latin_alnum(line.ch(j)));
    let convert =
        pair.han_inside || (!glued && (outside_left(line, o) || outside_right(line, pair)));
    if convert {
        line.set(o, '（');
        line.set(c, '）');
    }
}
