//! The article as CommonMark, with the page's text and URLs escaped so that nothing from
//! the page becomes a link, image, HTML tag, heading, list or code fence it did not have.
//!
//! - Text: the ASCII punctuation that can start inline markup anywhere is
//!   backslash-escaped everywhere (`` \ ` * [ ] < | ~ ^ ``: `|`, `~`, `^` for GFM tables,
//!   strikethrough and common extensions; `_` unless it sits inside a word, where
//!   CommonMark never reads it; `&` where it could start an entity such as `&lt;`). What
//!   only starts a block at the beginning of a line is escaped there (`#`, `>`, `-`,
//!   `+`, `=`, `:`, the `.`/`)` of `1.`), after the line's indentation is
//!   dropped (it would otherwise make an indented code block). `!`, `(` and `)` need no
//!   escape: with `[` and `]` escaped they cannot form a link or image. Ordinary text
//!   stays readable: a `.` or `-` inside a sentence is left alone.
//! - URLs (images): only `http:`/`https:` or relative ones; written in angle brackets
//!   with controls, spaces, `<`, `>`, `\` and non-ASCII bytes percent-encoded.
//! - Code: a fence of backticks longer than any backtick run inside the code.
//!
//! CommonMark spec 0.31.2, sections 2.4 (backslash escapes), 2.5 (entities), 4.1–4.7
//! (block starts), 6.3 (link destinations).

use std::fmt::Write as _;
use textsift::{Article, BlockKind};

/// The article as Markdown: `# title`, then each block, with images where they stand.
pub(crate) fn render(article: &Article) -> String {
    let mut out = String::new();
    if let Some(title) = &article.title {
        out.push_str("# ");
        inline(&one_line(title), Mode::Heading, &mut out);
        out.push_str("\n\n");
    }
    let mut images = article.images.iter().peekable();
    let mut put_images = |out: &mut String, before: usize| {
        while let Some(image) = images.next_if(|i| i.block <= before) {
            if let Some(url) = destination(&image.url) {
                out.push_str("![");
                // `$` too: under a math extension a `$` here could pair with one in
                // the URL and swallow the image.
                let alt = one_line(image.alt.as_deref().unwrap_or(""));
                inline(&alt, Mode::Alt, out);
                let _ = write!(out, "](<{url}>)\n\n");
            }
        }
    };
    for (i, block) in article.blocks.iter().enumerate() {
        put_images(&mut out, i);
        let text = block.text.as_str();
        match block.kind {
            BlockKind::Heading { level } => {
                let level = usize::from(level.clamp(1, 6));
                out.extend(std::iter::repeat_n('#', level));
                out.push(' ');
                inline(&one_line(text), Mode::Heading, &mut out);
            }
            BlockKind::ListItem => lines(text, "- ", "  ", &mut out),
            BlockKind::Quote => lines(text, "> ", "> ", &mut out),
            BlockKind::Code => code(text, &mut out),
            BlockKind::Caption => {
                let caption = one_line(text);
                if !caption.is_empty() {
                    out.push('*');
                    inline(&caption, Mode::Text, &mut out);
                    out.push('*');
                }
            }
            BlockKind::TableRow => {
                out.push('|');
                for cell in text.split(" | ") {
                    out.push(' ');
                    inline(&one_line(cell), Mode::Text, &mut out);
                    out.push_str(" |");
                }
            }
            _ => lines(text, "", "", &mut out),
        }
        out.push_str("\n\n");
    }
    put_images(&mut out, usize::MAX);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Text on one line: every run of whitespace as one space, trimmed (headings, captions,
/// table cells and alt text cannot span lines).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each line of `text` escaped, the first after `first`, the others after `rest` (a list
/// item's continuation indent, a quote's `> `); blank lines stay blank.
fn lines(text: &str, first: &str, rest: &str, out: &mut String) {
    // CommonMark ends a line at `\n`, `\r\n` or a lone `\r`.
    let text = text.replace("\r\n", "\n");
    for (n, line) in text.split(['\n', '\r']).enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let line = line.trim_start_matches([' ', '\t']);
        let lead = if n == 0 { first } else { rest };
        if line.trim().is_empty() {
            out.push_str(lead.trim_end());
            continue;
        }
        out.push_str(lead);
        line_start(line, out);
    }
}

/// One line that starts a block (or continues one): its block markers escaped, then the rest.
fn line_start(line: &str, out: &mut String) {
    // An ordered-list marker: up to nine digits, then `.` or `)`, then a space or the end.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        if let Some((number, rest)) = line.split_at_checked(digits) {
            if let Some(after) = rest.strip_prefix(['.', ')']) {
                if after.is_empty() || after.starts_with([' ', '\t']) {
                    out.push_str(number);
                    out.push('\\');
                    out.push_str(rest.get(..1).unwrap_or(""));
                    inline(after, Mode::Text, out);
                    return;
                }
            }
        }
    }
    if let Some(c @ ('#' | '>' | '-' | '+' | '=' | ':')) = line.chars().next() {
        out.push('\\');
        out.push(c);
        inline(line.get(1..).unwrap_or(""), Mode::Text, out);
        return;
    }
    inline(line, Mode::Text, out);
}

/// Where inline text goes: what is escaped beyond the common set.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Running text.
    Text,
    /// A heading: `#` (a closing sequence), `{` and `}` (heading attributes) too.
    Heading,
    /// An image's alt text: `$` too (under a math extension it could pair with a `$` in
    /// the URL and swallow the image).
    Alt,
}

/// Escapes `text` for inline content.
fn inline(text: &str, mode: Mode, out: &mut String) {
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '|' | '~' | '^' => true,
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '&' => could_be_entity(text.get(i + 1..).unwrap_or("")),
            '#' | '{' | '}' => mode == Mode::Heading,
            '$' => mode == Mode::Alt,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
}

/// Whether `rest` (what follows an `&`) reads as an entity or numeric character
/// reference: `name;`, `#123;` or `#x1F;` with at most 32 characters before the `;`.
fn could_be_entity(rest: &str) -> bool {
    let body = rest
        .strip_prefix("#x")
        .or_else(|| rest.strip_prefix("#X"))
        .or_else(|| rest.strip_prefix('#'))
        .unwrap_or(rest);
    let len = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    (1..=32).contains(&len) && body.as_bytes().get(len) == Some(&b';')
}

/// A fenced code block whose fence is longer than any run of backticks in `code`.
fn code(code: &str, out: &mut String) {
    let mut longest = 0;
    let mut run = 0;
    for b in code.bytes() {
        run = if b == b'`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    let _ = write!(out, "{fence}\n{code}\n{fence}");
}

/// An image URL as a link destination (the part inside `<…>`), or `None` when its scheme
/// is not `http`/`https` (the library never emits another; this is the last check).
fn destination(url: &str) -> Option<String> {
    // As the URL standard reads it: surrounding controls and spaces go, tabs and
    // newlines inside are removed (`java\nscript:` is `javascript:`).
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if url.is_empty() {
        return None;
    }
    let scheme_end = url.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)));
    if let Some(end) = scheme_end.filter(|&e| e > 0 && url.as_bytes().get(e) == Some(&b':')) {
        let scheme = url.get(..end).unwrap_or("");
        let letter_first = scheme.starts_with(|c: char| c.is_ascii_alphabetic());
        if letter_first
            && !scheme.eq_ignore_ascii_case("http")
            && !scheme.eq_ignore_ascii_case("https")
        {
            return None;
        }
    }
    let mut dest = String::with_capacity(url.len() + 8);
    for (i, b) in url.bytes().enumerate() {
        match b {
            b'&' if could_be_entity(url.get(i + 1..).unwrap_or("")) => dest.push_str("\\&"),
            b'$' => dest.push_str("\\$"),
            b'<' | b'>' | b'\\' | b' ' | 0x7F.. | ..=0x1F => {
                let _ = write!(dest, "%{b:02X}");
            }
            _ => dest.push(char::from(b)),
        }
    }
    Some(dest)
}

#[cfg(test)]
mod tests;
