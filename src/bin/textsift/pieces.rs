//! Where `textsift normalize` may cut a line too long to hold whole.
//!
//! `textsift::normalize` works on one line at a time and costs about 18 bytes of memory
//! per byte of line, so a 150 MB line without a newline would need 2.7 GB. A line longer
//! than the piece size is therefore normalised in pieces. A cut is *exact* (the pieces'
//! outputs, concatenated, equal the whole line's output) when nothing the normaliser
//! reads crosses it. What it reads, rule by rule (`src/normalize/`):
//!
//! - whitespace cleanup trims each end and collapses runs; the digit colon looks past
//!   spaces to the next character: a cut with no whitespace on either side is safe;
//! - punctuation decides a mark from its nearest non-space neighbours, spacing decides a
//!   gap from the two characters around it and from Latin runs and phrases (joined by
//!   single spaces), protected tokens and entities are runs of Latin characters: a cut
//!   between a full-width sentence end (`。！？`, class Punct: no gap next to it, never
//!   converted or deleted) and a Han character (never Latin, never deleted) is outside
//!   all of them;
//! - the scope of a line (has Han? has kana or Hangul?) is the line's: the piece must
//!   hold Han; kana is judged per piece (see below);
//! - quotes are paired left to right over the whole line, each kind on its own, and an
//!   odd count pairs none; parentheses are matched with a stack; code spans pair runs of
//!   backticks of the same length; `$…$` math spans freeze what they hold: the cut must
//!   close every one of them, which [`Scan`] follows with the normaliser's own rules
//!   (inch marks, apostrophes, frozen code and math).
//!
//! Hence: on a line without kana or Hangul whose quotes are balanced (an even count of
//! each kind, as the normaliser counts them), cutting at any [`Cut::Exact`] point
//! changes nothing (`tests` check it on lines built from the conformance cases and on
//! random mixes of the characters each rule reads). Where the line is not like that, the
//! pieces differ from the whole only in what is a whole-line judgement: a piece holding
//! kana is left as typed while the others are normalised, and a piece holding an odd
//! quote pairs none of its quotes while the others pair theirs.
//!
//! When a piece has no exact cut in its second half, the best other cut is taken (a
//! sentence end, then between two Han characters, then between two non-space
//! characters, then anywhere), so each piece is at least half the piece size and the
//! work stays linear.

/// How good a cut is, worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Cut {
    /// At the end of the text (nothing better in the window).
    Any,
    /// Between two characters that are not whitespace.
    Between,
    /// Between two Han characters.
    HanHan,
    /// After `。！？` and before a Han character, some pairing still open.
    Sentence,
    /// After `。！？` and before a Han character, everything closed: changes nothing.
    Exact,
}

/// Counts that must be balanced at an exact cut.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    /// Double-quote candidates as the normaliser counts them.
    double: u64,
    /// Single-quote candidates (apostrophes and inch marks left out).
    single: u64,
    /// Open parentheses.
    depth: u64,
}

/// The normaliser's pairing state over a piece, followed character by character.
#[derive(Default)]
pub(crate) struct Scan {
    counts: Counts,
    /// Open backtick runs of length 1, 2, 3: the counts before each.
    code: [Option<Counts>; 3],
    /// Length of the backtick run being read.
    ticks: usize,
    /// Counts before the `$` that may open math.
    math: Option<Counts>,
    /// The previous character was a `$` that may open math (its counts).
    dollar: Option<Counts>,
    /// Inside `(` glued to a possible URL or path, holding only token characters so far:
    /// the normaliser may protect the parenthesis and a `'` in it (`wiki/a_(b')`).
    url_paren: bool,
    /// The piece holds a Han character.
    han: bool,
    /// Something was met whose class this mirror does not know: no exact cut.
    unsure: bool,
    /// The previous cleaned character (whitespace as `' '`), folded.
    prev: Option<char>,
}

impl Scan {
    /// Whether a cut right after everything scanned so far leaves nothing open.
    fn closed(&self) -> bool {
        self.han
            && !self.unsure
            && self.counts.double % 2 == 0
            && self.counts.single % 2 == 0
            && self.counts.depth == 0
            && self.code == [None; 3]
            && self.ticks == 0
            && self.math.is_none()
    }

    /// Whether the whole text scanned has balanced quotes (tests: the lines on which
    /// exact cuts are promised to change nothing).
    #[cfg(test)]
    pub(crate) fn balanced(mut self) -> bool {
        self.end_ticks();
        !self.unsure && self.counts.double % 2 == 0 && self.counts.single % 2 == 0
    }

    /// Whether the whole text scanned leaves nothing open: the texts after which every
    /// later sentence end is an exact cut (tests).
    #[cfg(test)]
    pub(crate) fn settled(mut self) -> bool {
        self.end_ticks();
        self.han = true;
        self.closed()
    }

    /// Feeds one character (`next`: the cleaned character after it, for apostrophes).
    fn feed(&mut self, c: char, next: Option<char>) {
        // Most characters change nothing but the Han flag.
        let plain = !matches!(
            c,
            '$' | '`' | '"' | '\'' | '“' | '”' | '‘' | '’' | '(' | ')' | '（' | '）'
        );
        if plain && self.ticks == 0 && self.math.is_none() && !self.url_paren {
            self.dollar = None;
            self.han |= is_han(c);
            self.prev = Some(c);
            return;
        }
        if c != '`' {
            self.end_ticks();
        }
        let latin = latin_class(c);
        // `$…$` math, as `protect::math_spans` reads it.
        let dollar = self.dollar.take();
        if c == '$' {
            if let Some(before) = self.math {
                let closes = dollar.is_none()
                    && self.prev.is_some_and(|p| latin_class(p) == Some(true))
                    && !next.is_some_and(|n| n.is_ascii_digit());
                if closes {
                    self.counts = before;
                    self.math = None;
                    self.prev = Some(c);
                    return;
                }
            }
            self.math = None;
            if next.is_some_and(|n| n != '$' && latin_class(n) == Some(true)) {
                self.math = Some(self.counts);
                self.dollar = Some(self.counts);
            } else if next.is_some_and(|n| n != '$' && latin_class(n).is_none()) {
                self.unsure = true;
            }
        } else if self.math.is_some() && c != ' ' && latin != Some(true) {
            if latin.is_none() {
                self.unsure = true;
            }
            self.math = None;
        }
        let token_char = latin != Some(false) && !matches!(c, '"' | '\'' | '(' | ')' | '`');
        if !token_char && c != '\'' {
            self.url_paren = false;
        }
        match c {
            '`' => self.ticks += 1,
            '"' | '“' | '”' => {
                let inch = c == '"' && self.after_digit() && self.counts.double % 2 == 0;
                self.counts.double += u64::from(!inch);
            }
            '\'' | '‘' | '’' => {
                let inch = c == '\'' && self.after_digit() && self.counts.single % 2 == 0;
                let (l, r) = (latin_alnum(self.prev), latin_alnum(next));
                if !inch && (l.is_none() || r.is_none()) && l != Some(false) && r != Some(false) {
                    self.unsure = true;
                }
                let apostrophe = l == Some(true) && r == Some(true);
                self.unsure |= self.url_paren && !inch && !apostrophe;
                self.counts.single += u64::from(!inch && !apostrophe);
            }
            '(' | '（' => {
                self.url_paren = c == '('
                    && self.prev.is_some_and(|p| {
                        latin_class(p) != Some(false) && !matches!(p, '"' | '\'' | '(' | ')')
                    });
                self.counts.depth += 1
            }
            ')' | '）' => self.counts.depth = self.counts.depth.saturating_sub(1),
            _ => {}
        }
        self.han |= is_han(c);
        self.prev = Some(c);
    }

    fn after_digit(&self) -> bool {
        self.prev.is_some_and(|p| p.is_ascii_digit())
    }

    /// A run of backticks ended: it opens or closes a code span (`protect::code_spans`).
    fn end_ticks(&mut self) {
        let len = std::mem::take(&mut self.ticks);
        let Some(slot) = len.checked_sub(1).filter(|&i| i < 3) else {
            return;
        };
        match self.code.get(slot).copied().flatten() {
            Some(before) => {
                // Everything from the opener on is code: frozen, as if never counted.
                self.counts = before;
                self.code = [None; 3];
                self.math = None;
            }
            None => {
                if let Some(open) = self.code.get_mut(slot) {
                    *open = Some(self.counts);
                }
            }
        }
    }
}

/// The cleaned characters of `text` (zero-width ones dropped, whitespace as `' '`,
/// full-width letters and digits folded, as `whitespace::clean` does), with their byte
/// offsets in `text`.
fn cleaned(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    text.char_indices().filter_map(|(i, c)| {
        if matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}') {
            None
        } else if c.is_whitespace() {
            Some((i, ' '))
        } else {
            Some((i, fold(c)))
        }
    })
}

/// The best cut of `text` at a byte offset of at least `from`: the last one of the best
/// kind (a cut at `text.len()` when there is none).
pub(crate) fn find(text: &str, from: usize) -> (usize, Cut) {
    let mut scan = Scan::default();
    let mut best = (text.len(), Cut::Any);
    let mut chars = cleaned(text).peekable();
    let mut prev_raw: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        // The cut between the previous character and this one.
        if let Some(p) = prev_raw.filter(|_| i >= from) {
            let kind = if matches!(p, '。' | '！' | '？') && is_han(c) {
                if scan.closed() {
                    Cut::Exact
                } else {
                    Cut::Sentence
                }
            } else if is_han(p) && is_han(c) {
                Cut::HanHan
            } else if p != ' ' && c != ' ' {
                Cut::Between
            } else {
                Cut::Any
            };
            if kind >= best.1 && kind > Cut::Any {
                best = (i, kind);
            }
        }
        scan.feed(c, next);
        prev_raw = Some(c);
    }
    best
}

/// Every exact cut of `text`, each judged from the one before (tests).
#[cfg(test)]
pub(crate) fn exact_cuts(text: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut scan = Scan::default();
    let mut chars = cleaned(text).peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if prev.is_some_and(|p| matches!(p, '。' | '！' | '？')) && is_han(c) && scan.closed() {
            cuts.push(i);
            scan = Scan::default();
        }
        scan.feed(c, next);
        prev = Some(c);
    }
    cuts
}

/// The scan of a whole text (tests).
#[cfg(test)]
pub(crate) fn scan_all(text: &str) -> Scan {
    let mut scan = Scan::default();
    let mut chars = cleaned(text).peekable();
    while let Some((_, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        scan.feed(c, next);
    }
    scan
}

/// A Han character, with the ranges of `normalize::chars::is_han`.
fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0xF900..=0xFAFF
        | 0x2E80..=0x2FDF
        | 0x3005
        | 0x3007
        | 0x3021..=0x3029
        | 0x3038..=0x303B
        | 0x20000..=0x323AF
    )
}

/// Full-width letters and digits as ASCII (`normalize::chars::fold`).
fn fold(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// Whether the normaliser classes `c` as Latin: `Some(true)` or `Some(false)` where this
/// mirror is sure, `None` for the non-ASCII characters it does not try to know (and for
/// `：`, which the normaliser turns into `:` between digits).
fn latin_class(c: char) -> Option<bool> {
    if c.is_ascii() {
        return Some(c.is_ascii_graphic());
    }
    let u = c as u32;
    let not_latin = is_han(c)
        || matches!(
            u,
            0x3000..=0x33FF
                | 0xFF01..=0xFF19
                | 0xFF1B..=0xFFDC
                | 0xFFE0..=0xFFEE
                | 0xAC00..=0xD7FF
                | 0x2014
                | 0x2015
                | 0x2018
                | 0x2019
                | 0x201C
                | 0x201D
                | 0x2025
                | 0x2026
        );
    // Latin-1 letters through Latin Extended-B, Greek and Cyrillic are Latin.
    let latin =
        matches!(u, 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F | 0x370..=0x3FF | 0x400..=0x4FF);
    if not_latin {
        Some(false)
    } else if latin {
        Some(true)
    } else {
        None
    }
}

/// Whether `c` is a Latin letter or digit (`chars::is_latin_alnum`), where sure.
fn latin_alnum(c: Option<char>) -> Option<bool> {
    let Some(c) = c else { return Some(false) };
    if !c.is_alphanumeric() {
        return Some(false);
    }
    latin_class(c)
}
