//! Finds what must not be touched: code spans, `$…$` math, URLs, e-mail addresses,
//! `@mentions`, paths, command-line flags, `key=value`, and HTML entity text.
//!
//! Code and math are flagged [`CODE`] (they count as Latin runs for spacing); the tokens
//! are flagged [`PROT`] (under the compact policy the spaces around them are kept);
//! entities are flagged [`ENTITY`]. Each finder is one forward scan.

use super::chars::Class;
use super::line::{Cell, Line, CODE, ENTITY, PROT};

/// Flags everything protected in `line`.
pub(crate) fn mark(line: &mut Line) {
    if line.has_any(b"`") {
        code_spans(line);
    }
    if line.has_any(b"$") {
        math_spans(line);
    }
    if line.has_any(b"/\\@=-") || (line.has_any(b".") && line.has_any(b"wW")) {
        tokens(line);
    }
    if line.has_any(b"&") {
        entities(line);
    }
    for i in 0..line.len() {
        let f = line.flags(i);
        if f & (CODE | PROT) != 0 {
            line.set_cls(i, Class::Latin);
        } else if f & ENTITY != 0 {
            line.set_cls(i, Class::Other);
        }
    }
}

/// Backtick code spans: a run of one to three backticks closes at the next run of the
/// same length. Unclosed runs are left alone.
fn code_spans(line: &mut Line) {
    let mut open: [Option<usize>; 3] = [None; 3];
    let mut i = 0;
    let n = line.len();
    while i < n {
        if line.ch(i) != '`' {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && line.ch(i) == '`' {
            i += 1;
        }
        let len = i - start;
        if len > 3 {
            continue;
        }
        match open[len - 1] {
            Some(o) => {
                (o..i).for_each(|j| line.flag(j, CODE));
                open = [None; 3];
            }
            None => open[len - 1] = Some(start),
        }
    }
}

/// Inline math `$…$`: the opening `$` is followed by a Latin character, the closing one
/// follows a Latin character and is not followed by a digit, and everything between is
/// Latin or space (no Han, no full-width marks). `$999 起` alone is money, not math.
fn math_spans(line: &mut Line) {
    let n = line.len();
    let latin = |line: &Line, j: usize| j < n && line.cls(j) == Class::Latin;
    let mut open: Option<usize> = None;
    for i in 0..n {
        if line.flags(i) & CODE != 0 {
            open = None;
            continue;
        }
        let c = line.ch(i);
        if c != '$' {
            if open.is_some() && !matches!(line.cls(i), Class::Latin | Class::Space) {
                open = None;
            }
            continue;
        }
        if let Some(o) = open {
            let closes =
                i > o + 1 && latin(line, i - 1) && !(i + 1 < n && line.ch(i + 1).is_ascii_digit());
            if closes {
                (o..=i).for_each(|j| line.flag(j, CODE));
                open = None;
                continue;
            }
        }
        open = (latin(line, i + 1) && line.ch(i + 1) != '$').then_some(i);
    }
}

/// Whether `c` can be part of a token (URL, path, ...): anything Latin but a space, a
/// straight quote or a parenthesis. Quotes and parentheses may later turn full-width,
/// which would change the token on a second run, so they always end one.
fn token_char(line: &Line, i: usize) -> bool {
    let c = line.ch(i);
    line.flags(i) & CODE == 0 && line.cls(i) == Class::Latin && !matches!(c, '"' | '\'' | '(' | ')')
}

/// Splits the line into tokens of Latin characters and flags the protected ones.
fn tokens(line: &mut Line) {
    let n = line.len();
    let mut i = 0;
    while i < n {
        if !token_char(line, i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && token_char(line, i) {
            i += 1;
        }
        let mut s = start;
        let mut e = i;
        // Marks at either end may turn full-width (`...` -> `……`), so they are never part
        // of the token; only `./` and `../` keep their dots.
        while s < e
            && matches!(
                line.ch(s),
                '[' | '{' | '<' | ',' | ';' | ':' | '!' | '?' | '*' | '.'
            )
        {
            let at = |k: usize| (s + k < e).then(|| line.ch(s + k));
            let dot_slash = at(0) == Some('.') && at(1) == Some('/');
            let dot_dot_slash = at(0) == Some('.') && at(1) == Some('.') && at(2) == Some('/');
            if dot_slash || dot_dot_slash {
                break;
            }
            s += 1;
        }
        while e > s
            && matches!(
                line.ch(e - 1),
                ']' | '}' | '>' | '.' | ',' | ';' | ':' | '!' | '?' | '*'
            )
        {
            e -= 1;
        }
        if s == e {
            continue;
        }
        // A flag must not be glued to a Latin word or a Han character on its left.
        let after_gap = s == 0 || {
            let p = line.ch(s - 1);
            !p.is_alphanumeric() && line.cls(s - 1) != Class::Han
        };
        if is_protected(Token(&line.cells[s..e]), after_gap) {
            // A URL or path may go on with a parenthesised part: `wiki/Rust_(language)`.
            if e == i && i < n && line.ch(i) == '(' {
                let mut j = i + 1;
                while j < n && (token_char(line, j) || line.ch(j) == '\'') {
                    j += 1;
                }
                if j < n && line.ch(j) == ')' && j > i + 1 {
                    e = j + 1;
                    i = e;
                }
            }
            (s..e).for_each(|j| line.flag(j, PROT));
        }
    }
}

/// A token's characters, read from the line's cells in place.
#[derive(Clone, Copy)]
struct Token<'a>(&'a [Cell]);

impl<'a> Token<'a> {
    fn len(self) -> usize {
        self.0.len()
    }

    fn at(self, i: usize) -> Option<char> {
        self.0.get(i).map(|c| c.ch())
    }

    fn chars(self) -> impl Iterator<Item = char> + 'a {
        self.0.iter().map(|c| c.ch())
    }

    fn contains(self, c: char) -> bool {
        self.chars().any(|x| x == c)
    }

    fn position(self, c: char) -> Option<usize> {
        self.chars().position(|x| x == c)
    }

    fn from(self, i: usize) -> Token<'a> {
        Token(self.0.get(i..).unwrap_or_default())
    }

    fn to(self, i: usize) -> Token<'a> {
        Token(self.0.get(..i).unwrap_or_default())
    }

    /// Whether three consecutive characters are `a`, `b`, `c`.
    fn has3(self, f: impl Fn(char, char, char) -> bool) -> bool {
        self.0
            .windows(3)
            .any(|w| f(w[0].ch(), w[1].ch(), w[2].ch()))
    }
}

/// Whether a token is a URL, e-mail address, mention, path, flag or `key=value`.
/// `may_be_flag` says the token starts right after a space, a mark or the line start
/// (not glued to a Latin word or a Han character).
fn is_protected(t: Token<'_>, may_be_flag: bool) -> bool {
    let has_alnum = t.chars().any(|c| c.is_alphanumeric());
    if !has_alnum {
        return false;
    }
    let lower_starts = |p: &str| {
        t.len() >= p.len()
            && t.chars()
                .zip(p.chars())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    };
    // URL: scheme:// or www.
    if lower_starts("www.") || t.has3(|a, b, c| a == ':' && b == '/' && c == '/') {
        return true;
    }
    // E-mail (local@domain.tld) or @mention.
    if let Some(at) = t.position('@') {
        if at == 0 {
            return t.at(1).is_some_and(|c| c.is_alphanumeric() || c == '_');
        }
        let domain = t.from(at + 1);
        if t.at(at - 1).is_some_and(char::is_alphanumeric)
            && domain.contains('.')
            && domain.at(0).is_some_and(char::is_alphanumeric)
        {
            return true;
        }
    }
    // Paths: leading /, ~/, ./, ../, a drive letter, a backslash, or / with a .ext.
    let Some(first) = t.at(0) else { return false };
    // A lone `/segment` glued to Han is a unit (`元/kg`), not a path.
    let rooted = first == '/' && t.len() > 1 && (may_be_flag || t.from(1).contains('/'));
    if rooted
        || lower_starts("~/")
        || lower_starts("./")
        || lower_starts("../")
        || t.contains('\\')
        || (first.is_ascii_alphabetic()
            && t.at(1) == Some(':')
            && matches!(t.at(2), Some('/' | '\\')))
    {
        return true;
    }
    if t.contains('/') && has_extension(t) {
        return true;
    }
    // Command-line flags: -U, --force.
    if may_be_flag && first == '-' {
        let rest = if t.at(1) == Some('-') {
            t.from(2)
        } else {
            t.from(1)
        };
        if rest.at(0).is_some_and(|c| c.is_ascii_alphabetic()) {
            return true;
        }
    }
    // key=value
    if let Some(eq) = t.position('=') {
        let key = t.to(eq);
        let value = t.from(eq + 1);
        let key_ok = key
            .at(0)
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if key_ok && value.len() > 0 && !value.contains('=') {
            return true;
        }
    }
    false
}

/// Whether some `.` in `t` is followed by a letter and preceded by a letter or digit
/// (`nginx.conf`, `example.com`), as opposed to `1.1`.
fn has_extension(t: Token<'_>) -> bool {
    t.has3(|a, b, c| b == '.' && a.is_ascii_alphanumeric() && c.is_ascii_alphabetic())
}

/// HTML entity text (`&quot;`, `&#39;`, `&#x27;`): left exactly as typed.
fn entities(line: &mut Line) {
    let n = line.len();
    let mut i = 0;
    let at = |line: &Line, j: usize| (j < n).then(|| line.ch(j));
    while i < n {
        if line.ch(i) != '&' || line.flags(i) != 0 {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let numeric = at(line, j) == Some('#');
        if numeric {
            j += 1;
            if matches!(at(line, j), Some('x' | 'X')) {
                j += 1;
            }
        }
        let body = j;
        while j < n && j - body < 32 && line.ch(j).is_ascii_alphanumeric() {
            j += 1;
        }
        if j < n && j > body && line.ch(j) == ';' {
            (i..=j).for_each(|k| line.flag(k, ENTITY));
            i = j + 1;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prot(s: &str) -> bool {
        let t: Vec<Cell> = s
            .chars()
            .map(|c| Cell::new(c, super::super::chars::class(c)))
            .collect();
        is_protected(Token(&t), true)
    }

    #[test]
    fn recognises_protected_tokens() {
        for yes in [
            "https://example.com/a",
            "www.example.com",
            "news@example.cn",
            "@someone",
            "/etc/nginx/nginx.conf",
            "~/Downloads/",
            "C:\\Windows",
            "example.com/zh-cn/",
            "-U",
            "--force",
            "timeout=30",
        ] {
            assert!(prot(yes), "{yes}");
        }
        for no in [
            "setup.exe",
            "Node.js",
            "C/LLVM",
            "HTTP/1.1",
            "114/07/02",
            "-255",
            "A/B",
            "/",
            "a==b",
        ] {
            assert!(!prot(no), "{no}");
        }
    }
}
