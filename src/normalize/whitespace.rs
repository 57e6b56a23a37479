//! Rule 2 (whitespace) and rule 3 (full-width letters and digits) for one line.
//!
//! U+3000, NBSP, thin and other Unicode spaces and tabs act as ordinary spaces; runs
//! collapse to one space; the line is trimmed; soft hyphens, ZERO WIDTH SPACE, bidi
//! marks, BOM, WORD JOINER and the other invisible format characters of
//! [`is_zero_width`] are dropped. With folding on, full-width letters and digits become ASCII and a full-width
//! colon between two digits becomes `:`.

use super::chars::{fold, is_foldable, is_zero_width};

/// Feeds the cleaned characters of `line` to `emit`, in order.
pub(crate) fn clean(line: &str, folding: bool, mut emit: impl FnMut(char)) {
    let mut pending_space = false;
    let mut started = false;
    let mut prev_digit = false;
    // Right after a digit colon: the spaces after it go too (`3 ：2` -> `3:2`).
    let mut glue = false;
    let mut rest = line.chars();
    while let Some(raw) = rest.next() {
        if is_zero_width(raw) {
            continue;
        }
        if raw.is_whitespace() {
            pending_space = started && !glue;
            continue;
        }
        glue = false;
        let mut c = if folding { fold(raw) } else { raw };
        if folding && c == '：' && prev_digit {
            // Look past spaces and zero-width characters, which are about to go anyway.
            let next = rest
                .clone()
                .find(|&n| !is_zero_width(n) && !n.is_whitespace());
            if next.is_some_and(|n| fold(n).is_ascii_digit()) {
                c = ':';
                pending_space = false;
                glue = true;
            }
        }
        if pending_space {
            emit(' ');
            pending_space = false;
        }
        started = true;
        prev_digit = c.is_ascii_digit();
        emit(c);
    }
}

/// Appends `line` to `out` with whitespace cleaned up (and letters/digits folded when
/// `folding`). Lines that need nothing are copied in one go.
pub(crate) fn clean_into(line: &str, folding: bool, out: &mut String) {
    if is_clean(line, folding) {
        out.push_str(line);
    } else {
        clean(line, folding, |c| out.push(c));
    }
}

/// Whether [`clean`] would return `line` unchanged. Cheap for ASCII lines.
fn is_clean(line: &str, folding: bool) -> bool {
    let bytes = line.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    if line.is_ascii() {
        let mut prev_space = false;
        for &b in bytes {
            let space = b == b' ';
            if (space && prev_space) || (b.is_ascii_whitespace() && !space) || b == 0x0B {
                return false;
            }
            prev_space = space;
        }
        return true;
    }
    let mut prev_space = true;
    for c in line.chars() {
        if c == ' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
            continue;
        }
        if c.is_whitespace() || is_zero_width(c) || (folding && (is_foldable(c) || c == '：')) {
            return false;
        }
        prev_space = false;
    }
    !prev_space || line.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, folding: bool) -> String {
        let mut out = String::new();
        clean_into(s, folding, &mut out);
        out
    }

    #[test]
    fn collapses_trims_and_drops_zero_width() {
        assert_eq!(run("\u{3000}\u{3000}中文\t 123\u{00A0}", false), "中文 123");
        assert_eq!(run("云外交\u{200B}活动", false), "云外交活动");
        assert_eq!(run("a\u{200D}b", false), "a\u{200D}b");
        // Soft hyphens and bidi marks inside words go; ZWNJ in a Persian word stays.
        assert_eq!(run("Mit\u{AD}tel\u{AD}al\u{AD}ter", false), "Mittelalter");
        assert_eq!(
            run("Ver\u{AD}natsch Qu\u{34F}ali\u{2060}tät", true),
            "Vernatsch Qualität"
        );
        assert_eq!(run("\u{200F}שלום\u{200E} 2024", false), "שלום 2024");
        assert_eq!(run("می\u{200C}خواهم", false), "می\u{200C}خواهم");
        assert_eq!(run("\u{AD}", false), "");
        assert_eq!(run("plain ascii line", false), "plain ascii line");
        assert_eq!(run("  two  spaces ", false), "two spaces");
        assert_eq!(run("", true), "");
        assert_eq!(run(" ", true), "");
    }

    #[test]
    fn folds_letters_digits_and_digit_colons() {
        assert_eq!(run("Ｗｉｎｄｏｗｓ１１", true), "Windows11");
        assert_eq!(run("１６：３２分", true), "16:32分");
        assert_eq!(run("时间：１０", true), "时间：10");
        assert_eq!(run("增长了５０％", true), "增长了50％");
        assert_eq!(run("Ｗｉｎｄｏｗｓ", false), "Ｗｉｎｄｏｗｓ");
        assert_eq!(run("1：\u{200B}2", true), "1:2");
        assert_eq!(run("比分 3 ：2", true), "比分 3:2");
        assert_eq!(run("3 ：中", true), "3 ：中");
    }
}
