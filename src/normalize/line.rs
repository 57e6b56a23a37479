//! One line of Chinese text being normalised: its characters, per-character flags and
//! quote/parenthesis partners, plus the order of the passes over it.
//!
//! Every pass is a single left-to-right scan (pair matching uses a stack or a list of
//! candidates), so a line costs linear time. The buffers live in [`Line`] and are reused
//! from one line to the next. Per character they hold 4 bytes (the character, its class and
//! its flags packed in a [`Cell`]); quote and parenthesis pairs are listed apart, 4 bytes a
//! pair, as are the spacing pass's Latin runs, 1 byte each.

use super::chars::{class, is_kana_or_hangul, is_opening, Class};
use super::{parens, protect, punct, quotes, spacing, whitespace, Policy};

/// Inside a protected token (URL, e-mail, path, flag, `key=value`): never converted.
pub(crate) const PROT: u8 = 1;
/// Inside a code span or `$…$` math: never converted, spaced as a Latin run.
pub(crate) const CODE: u8 = 2;
/// Part of an HTML entity such as `&quot;`: never converted, neither Han nor Latin.
pub(crate) const ENTITY: u8 = 4;
/// Removed from the output.
pub(crate) const DEL: u8 = 8;
/// Written twice (a lone `…` next to Han becomes `……`).
pub(crate) const DOUBLE: u8 = 16;
/// A quote that belongs to a matched pair (so it is not an apostrophe).
pub(crate) const PAIRED: u8 = 32;
/// A parenthesis that belongs to a matched pair.
pub(crate) const MATCHED: u8 = 64;
/// The closer of a pair whose opener the left-to-right walk has passed.
pub(crate) const OPENED: u8 = 128;
/// Characters no conversion may touch.
pub(crate) const FROZEN: u8 = PROT | CODE | ENTITY;

/// A character of the line with its class and flags, packed in 4 bytes: the character in
/// bits 0–20, its [`Class`] in bits 21–23, its flags in bits 24–31. Three arrays took 6
/// bytes a character, and a line can be the whole of a 50 MB paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cell(u32);

const CHAR_BITS: u32 = 0x1F_FFFF;
const CLASS_SHIFT: u32 = 21;
const FLAG_SHIFT: u32 = 24;

/// [`Class`] by its 3-bit number (`Class as u32`); 7 is never stored.
const CLASSES: [Class; 8] = [
    Class::Space,
    Class::Han,
    Class::Punct,
    Class::Sym,
    Class::Curly,
    Class::Other,
    Class::Latin,
    Class::Other,
];

impl Cell {
    /// `c` of class `k`, no flags.
    pub(crate) fn new(c: char, k: Class) -> Cell {
        Cell(c as u32 | (k as u32) << CLASS_SHIFT)
    }

    /// The character.
    pub(crate) fn ch(self) -> char {
        char::from_u32(self.0 & CHAR_BITS).unwrap_or('\u{FFFD}')
    }

    /// Its class as it stands.
    pub(crate) fn class(self) -> Class {
        CLASSES[(self.0 >> CLASS_SHIFT & 7) as usize]
    }

    /// Its flags ([`PROT`], [`CODE`], …).
    pub(crate) fn flags(self) -> u8 {
        (self.0 >> FLAG_SHIFT) as u8
    }

    fn with_class(self, k: Class) -> Cell {
        Cell(self.0 & !(7 << CLASS_SHIFT) | (k as u32) << CLASS_SHIFT)
    }
}

/// Whether `text` holds Han before any kana or Hangul ([`Scope::Han`]), kana or Hangul
/// first ([`Scope::KanaOrHangul`]), or neither. Cleaning neither makes nor removes such
/// characters, so the raw characters tell what the loaded ones would.
fn first_han_or_kana(text: &str) -> Option<Scope> {
    text.chars().find_map(|c| {
        if c.is_ascii() {
            return None;
        }
        match class(c) {
            Class::Han => Some(Scope::Han),
            Class::Other if is_kana_or_hangul(c) => Some(Scope::KanaOrHangul),
            _ => None,
        }
    })
}

/// A matched quote or parenthesis pair, as [`Line::pair`] gives it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pair {
    /// The opener's index in the line.
    pub(crate) open: usize,
    /// The closer's index in the line.
    pub(crate) close: usize,
    /// Whether a Han character lies between the two.
    pub(crate) han_inside: bool,
}

/// Set in an entry of [`Line::openers`] when a Han character lies inside the pair.
const HAN_INSIDE: u32 = 1 << 31;

/// Where a punctuation mark gets its context from: the nearest character on its left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ctx {
    /// A Han character or a closing full-width mark.
    Han,
    /// A Latin letter, digit or symbol (including a straight quote or ASCII parenthesis).
    Latin,
    /// Nothing, an opening mark, or a character that is neither.
    Other,
}

/// What [`Line::load`] found in a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The line holds kana or Hangul: it is returned unchanged.
    KanaOrHangul,
    /// No Han: only whitespace cleanup and folding apply (already done by the load).
    NoHan,
    /// Chinese text: every rule applies.
    Han,
}

/// Reusable buffers for one line.
#[derive(Default)]
pub(crate) struct Line {
    /// Each character, with its class as it stands (kept up to date by conversions;
    /// protected and code characters count as Latin, entities as Other) and its flags.
    pub(crate) cells: Vec<Cell>,
    /// For each matched quote or parenthesis pair (both ends flagged, quotes [`PAIRED`],
    /// parentheses [`MATCHED`]), in the order of their openers: the closer's index, with
    /// [`HAN_INSIDE`]. A dense partner index and Han count per character took 8 bytes a
    /// character; pairs are few, and only the walk from the left reads them.
    pub(crate) openers: Vec<u32>,
    /// Scratch list of candidate indices (quotes) or open parentheses (stack).
    pub(crate) stack: Vec<u32>,
    /// Which ASCII characters occur in the line (bit `c` for `c < 128`).
    pub(crate) ascii: u128,
    /// Whether the line holds a curly quote, a full-width parenthesis or `…`.
    pub(crate) wide_marks: bool,
    /// Whether some character was deleted or doubled (the spacing pass then compacts).
    pub(crate) dirty: bool,
    /// Output-side buffers used by the spacing pass.
    pub(crate) spacing: spacing::Buffers,
}

impl Line {
    /// Normalises `text` (one line, no newline) into `out`.
    pub(crate) fn normalize(&mut self, text: &str, policy: Policy, out: &mut String) {
        match self.load(text) {
            Scope::KanaOrHangul => out.push_str(text),
            Scope::NoHan => whitespace::clean(text, true, |c| out.push(c)),
            scope => self.finish(scope, policy, out),
        }
    }

    /// Runs the passes over a line [`Line::load`] found to be [`Scope::Han`] and writes it
    /// to `out` (the other scopes load no characters: see [`Line::load`]).
    pub(crate) fn finish(&mut self, scope: Scope, policy: Policy, out: &mut String) {
        match scope {
            Scope::KanaOrHangul | Scope::NoHan => {}
            Scope::Han => {
                protect::mark(self);
                self.openers.clear();
                if self.has_any(b"\"'()") || self.wide_marks {
                    quotes::pair(self);
                    parens::pair(self);
                    self.list_pairs();
                }
                if self.has_any(b",.:;?!\"'()") || self.wide_marks {
                    punct::convert(self);
                }
                spacing::emit(self, policy, out);
            }
        }
    }

    /// Cleans `text` into the buffers (one pass) and says what kind of line it is. Only a
    /// line with Han is loaded: one without is only whitespace-cleaned
    /// ([`Scope::NoHan`]), one with kana or Hangul left as typed, and a cell per character
    /// (4 bytes) made a long paragraph of Latin-1 letters read as windows-1252 (2 bytes
    /// each) four times its size again.
    pub(crate) fn load(&mut self, text: &str) -> Scope {
        self.cells.clear();
        match first_han_or_kana(text) {
            Some(Scope::Han) => {}
            Some(other) => return other,
            None => return Scope::NoHan,
        }
        // Cleaning only drops characters: the count is enough (the byte length was up to
        // four times too much for Chinese text).
        self.cells.reserve(text.chars().count());
        self.ascii = 0;
        self.wide_marks = false;
        self.dirty = false;
        let mut han = false;
        let mut kana = false;
        let (cells, ascii, wide) = (&mut self.cells, &mut self.ascii, &mut self.wide_marks);
        whitespace::clean(text, true, |c| {
            let k = class(c);
            if (c as u32) < 128 {
                *ascii |= 1u128 << (c as u32);
            } else {
                han |= k == Class::Han;
                kana |= k == Class::Other && is_kana_or_hangul(c);
                *wide |= matches!(c, '“' | '”' | '‘' | '’' | '（' | '）' | '…');
            }
            cells.push(Cell::new(c, k));
        });
        if kana {
            return Scope::KanaOrHangul;
        }
        if !han {
            return Scope::NoHan;
        }
        Scope::Han
    }

    /// Lists the pairs [`quotes::pair`] and [`parens::pair`] flagged, in the order of their
    /// openers, with whether each holds Han. Each kind (double quotes, single quotes,
    /// parentheses) pairs without crossing itself, so a pending opener per quote kind and
    /// a stack of parentheses find every closer's opener in this one scan.
    fn list_pairs(&mut self) {
        let (mut double, mut single) = (None, None);
        let mut open = std::mem::take(&mut self.stack);
        open.clear();
        let mut han = 0u32;
        for (i, &cell) in self.cells.iter().enumerate() {
            let (c, f, k) = (cell.ch(), cell.flags(), cell.class());
            if f & (PAIRED | MATCHED) != 0 {
                let here = self.openers.len() as u32;
                let opener = if f & PAIRED != 0 {
                    let pending = if quotes::is_double(c) {
                        &mut double
                    } else {
                        &mut single
                    };
                    match pending.take() {
                        Some(o) => Some(o),
                        None => {
                            *pending = Some(here);
                            None
                        }
                    }
                } else if matches!(c, '(' | '（') {
                    open.push(here);
                    None
                } else {
                    open.pop()
                };
                match opener.and_then(|o| self.openers.get_mut(o as usize)) {
                    // A closer: its opener's entry held the Han count until now.
                    Some(entry) => {
                        let inside = if han > *entry { HAN_INSIDE } else { 0 };
                        *entry = i as u32 | inside;
                    }
                    None => self.openers.push(han),
                }
            }
            han += u32::from(k == Class::Han);
        }
        self.stack = open;
    }

    /// The pair opened at `open`, listed at `openers[entry]`.
    pub(crate) fn pair(&self, open: usize, entry: usize) -> Option<Pair> {
        let link = *self.openers.get(entry)?;
        Some(Pair {
            open,
            close: (link & !HAN_INSIDE) as usize,
            han_inside: link & HAN_INSIDE != 0,
        })
    }

    /// Whether any of the ASCII characters `set` occurs in the line.
    pub(crate) fn has_any(&self, set: &[u8]) -> bool {
        set.iter().any(|&b| self.ascii & (1u128 << b) != 0)
    }

    /// The character at `i`.
    pub(crate) fn ch(&self, i: usize) -> char {
        self.cells[i].ch()
    }

    /// The class of the character at `i`, as it stands.
    pub(crate) fn cls(&self, i: usize) -> Class {
        self.cells[i].class()
    }

    /// The flags of the character at `i`.
    pub(crate) fn flags(&self, i: usize) -> u8 {
        self.cells[i].flags()
    }

    /// Adds `flag` to the flags of the character at `i`.
    pub(crate) fn flag(&mut self, i: usize, flag: u8) {
        self.cells[i].0 |= u32::from(flag) << FLAG_SHIFT;
    }

    /// Sets the class of the character at `i` (protected text counts as Latin).
    pub(crate) fn set_cls(&mut self, i: usize, k: Class) {
        self.cells[i] = self.cells[i].with_class(k);
    }

    /// Replaces the character at `i` (a conversion), keeping its class up to date.
    pub(crate) fn set(&mut self, i: usize, c: char) {
        let flags = self.cells[i].0 & !(CHAR_BITS | 7 << CLASS_SHIFT);
        self.cells[i] = Cell(Cell::new(c, class(c)).0 | flags);
    }

    /// Flags `i` with `flag` (one of [`DEL`], [`DOUBLE`]).
    pub(crate) fn drop_or_double(&mut self, i: usize, flag: u8) {
        self.flag(i, flag);
        self.dirty = true;
    }

    /// Number of characters.
    pub(crate) fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether index `i` may be converted.
    pub(crate) fn free(&self, i: usize) -> bool {
        self.flags(i) & FROZEN == 0
    }

    /// Whether the character at `j` is kept and not a space.
    fn kept_mark(&self, j: usize) -> bool {
        self.flags(j) & DEL == 0 && self.ch(j) != ' '
    }

    /// The nearest kept character left of `i` that is not a space.
    pub(crate) fn prev(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| self.kept_mark(j))
    }

    /// The nearest kept character right of `i` that is not a space.
    pub(crate) fn next(&self, i: usize) -> Option<usize> {
        (i + 1..self.len()).find(|&j| self.kept_mark(j))
    }

    /// The kept character directly left of `i` (a space counts).
    pub(crate) fn prev_adjacent(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| self.flags(j) & DEL == 0)
    }

    /// The kept character directly right of `i` (a space counts).
    pub(crate) fn next_adjacent(&self, i: usize) -> Option<usize> {
        (i + 1..self.len()).find(|&j| self.flags(j) & DEL == 0)
    }

    /// Whether the character at `j` is Han and free.
    pub(crate) fn is_han_at(&self, j: Option<usize>) -> bool {
        j.is_some_and(|j| self.cls(j) == Class::Han && self.free(j))
    }

    /// The context that the character at `j`, as it stands now, gives to a mark after it.
    pub(crate) fn ctx(&self, j: Option<usize>) -> Ctx {
        let Some(j) = j else { return Ctx::Other };
        let f = self.flags(j);
        if f & (PROT | CODE) != 0 {
            return Ctx::Latin;
        }
        if f & ENTITY != 0 {
            return Ctx::Other;
        }
        let c = self.ch(j);
        match self.cls(j) {
            Class::Han => Ctx::Han,
            Class::Punct | Class::Sym | Class::Curly if !is_opening(c) => Ctx::Han,
            Class::Latin => Ctx::Latin,
            _ => Ctx::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_without_han_loads_no_cells_and_is_only_cleaned() {
        let mut line = Line::default();
        // A long paragraph of Latin-1 letters (windows-1252 bytes above 0x7F) or U+FFFD
        // took 4 bytes a character in cells it never needed.
        let text = "ÿþ  Déjà\u{3000}vu ｈ１ \u{200B}3 ： 4 \u{FFFD}";
        assert_eq!(line.load(text), Scope::NoHan);
        assert!(line.cells.is_empty() && line.cells.capacity() == 0);
        let mut out = String::new();
        line.normalize(text, Policy::Compact, &mut out);
        assert_eq!(out, "ÿþ Déjà vu h1 3:4 \u{FFFD}");
        assert_eq!(line.load("カタカナ 中文"), Scope::KanaOrHangul);
        assert_eq!(line.load("中文 カタカナ"), Scope::KanaOrHangul);
        assert_eq!(line.load("é 中文"), Scope::Han);
        assert!(!line.cells.is_empty());
    }

    #[test]
    fn a_cell_keeps_its_character_class_and_flags_apart() {
        let classes = [
            Class::Space,
            Class::Han,
            Class::Punct,
            Class::Sym,
            Class::Curly,
            Class::Other,
            Class::Latin,
        ];
        for c in ['\0', 'a', '中', '“', '\u{FFFF}', '\u{20000}', char::MAX] {
            for k in classes {
                let mut line = Line::default();
                line.cells.push(Cell::new(c, k));
                assert_eq!((line.ch(0), line.cls(0), line.flags(0)), (c, k, 0));
                line.flag(0, 0xFF);
                line.set_cls(0, Class::Latin);
                assert_eq!(
                    (line.ch(0), line.cls(0), line.flags(0)),
                    (c, Class::Latin, 0xFF)
                );
                line.set(0, '（');
                assert_eq!(
                    (line.ch(0), line.cls(0), line.flags(0)),
                    ('（', class('（'), 0xFF)
                );
            }
        }
    }
}
