//! Text normaliser: whitespace cleanup and CJK spacing/punctuation repair.
//!
//! Pure `&str -> String` functions, no DOM. See [`normalize`]. The rules are those of
//! `shared/normalize/README.md`; each child module implements a few of them:
//!
//! - [`whitespace`]: rule 2 (spaces) and rule 3 (full-width letters and digits);
//! - [`chars`]: what is Han, kana/Hangul, a full-width mark, or Latin;
//! - [`protect`]: code spans, math, URLs, e-mails, paths, flags, `key=value`, entities;
//! - [`quotes`], [`parens`]: rules 7 and 8 (pairing and conversion);
//! - [`punct`]: rules 5 and 6, and the walk that orders all conversions;
//! - [`spacing`]: rules 4 and 9 and the Han–Latin gap of each policy;
//! - [`line`](mod@line): the buffers of one line and the order of the passes.

mod chars;
mod line;
mod parens;
mod protect;
mod punct;
mod quotes;
mod spacing;
mod whitespace;

/// How the normaliser treats the gap between Han characters and Latin letters or digits.
///
/// Everything except that gap is shared by [`Policy::Compact`] and [`Policy::Pangu`];
/// [`Policy::Keep`] only cleans up whitespace. The default is [`Policy::Compact`].
///
/// ```
/// use textsift::{normalize, Policy};
/// assert_eq!(normalize("2021 年", Policy::Compact), "2021年");
/// assert_eq!(normalize("2021年", Policy::Pangu), "2021 年");
/// assert_eq!(normalize("2021 年", Policy::Keep), "2021 年");
/// assert_eq!("pangu".parse::<Policy>().unwrap(), Policy::Pangu);
/// assert_eq!(Policy::Pangu.name(), "pangu");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Policy {
    /// No space between Han and an adjacent Latin word or number (`2021年`). The default.
    #[default]
    Compact,
    /// Exactly one space between Han and an adjacent Latin word or number (`2021 年`).
    Pangu,
    /// Whitespace cleanup only: collapse runs, trim lines, drop zero-width characters.
    Keep,
}

impl Policy {
    /// The policy's name as the command line spells it: `compact`, `pangu` or `keep`.
    ///
    /// ```
    /// assert_eq!(textsift::Policy::Compact.name(), "compact");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Policy::Compact => "compact",
            Policy::Pangu => "pangu",
            Policy::Keep => "keep",
        }
    }
}

impl std::str::FromStr for Policy {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "compact" => Ok(Policy::Compact),
            "pangu" => Ok(Policy::Pangu),
            "keep" => Ok(Policy::Keep),
            _ => Err(crate::Error::UnknownPolicy {
                name: s.to_string(),
            }),
        }
    }
}

/// Normalises one text (any number of lines) under `policy`.
///
/// Each line is processed on its own; newlines (and a `\r` before them) are kept. Every
/// line gets whitespace cleanup: Unicode spaces and tabs become one space, lines are
/// trimmed, zero-width spaces are dropped. Under [`Policy::Compact`] and
/// [`Policy::Pangu`], a line holding kana or Hangul is returned unchanged; a line without
/// Han only has full-width letters and digits folded to ASCII; a line with Han also gets
/// its quotes, parentheses, punctuation and spacing repaired. URLs, e-mail addresses,
/// paths, flags, `key=value` and code spans are never changed.
///
/// The result is idempotent (`normalize(normalize(x, p), p) == normalize(x, p)`), the
/// cost is linear in the length of the text, and no input makes it panic.
///
/// ```
/// use textsift::{normalize, Policy};
/// assert_eq!(normalize("开展 \" 云外交 \" 活动", Policy::Compact), "开展“云外交”活动");
/// assert_eq!(normalize("今天 ( 8 月 12 日 ) 播出", Policy::Pangu), "今天（8 月 12 日）播出");
/// assert_eq!(normalize("Ｗｉｎｄｏｗｓ１１", Policy::Compact), "Windows11");
/// assert_eq!(normalize("Rust를 사용", Policy::Pangu), "Rust를 사용");
/// ```
pub fn normalize(text: &str, policy: Policy) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16 + 8);
    let mut line = line::Line::default();
    for (i, raw) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let (body, cr) = match raw.strip_suffix('\r') {
            Some(body) => (body, true),
            None => (raw, false),
        };
        normalize_line(body, policy, &mut line, &mut out);
        if cr {
            out.push('\r');
        }
    }
    out
}

/// `text`'s letters and digits only, lower-cased: titles, headings and names as they are
/// compared (`STERN.de` → `sternde`, `Council approves…!` → `councilapproves…`).
pub(crate) fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`normalize`] of an owned text, which it drops as soon as it can: a text of one line
/// with Han is dropped once the line's characters are loaded, before the passes run and
/// the output grows (the extractor's largest blocks are one long paragraph).
pub(crate) fn normalize_owned(text: String, policy: Policy) -> String {
    if policy == Policy::Keep || text.is_ascii() || memchr::memchr(b'\n', text.as_bytes()).is_some()
    {
        return normalize(&text, policy);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16 + 8);
    let mut line = line::Line::default();
    let (body, cr) = match text.strip_suffix('\r') {
        Some(body) => (body, true),
        None => (text.as_str(), false),
    };
    match line.load(body) {
        line::Scope::KanaOrHangul => out.push_str(body),
        line::Scope::NoHan => whitespace::clean(body, true, |c| out.push(c)),
        scope => {
            drop(text);
            line.finish(scope, policy, &mut out);
        }
    }
    if cr {
        out.push('\r');
    }
    out
}

/// Normalises one line (no `\n`) into `out`.
fn normalize_line(text: &str, policy: Policy, line: &mut line::Line, out: &mut String) {
    if policy == Policy::Keep || text.is_ascii() {
        // No Han and nothing to fold: whitespace cleanup only, usually a plain copy.
        whitespace::clean_into(text, false, out);
    } else {
        line.normalize(text, policy, out);
    }
}
