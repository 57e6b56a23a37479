//! One line of Chinese text being normalised: its characters, per-character flags and
//! quote/parenthesis partners, plus the order of the passes over it.
//!
//! Every pass is a single left-to-right scan (pair matching uses a stack or a list of
//! candidates), so a line costs linear time. The buffers live in [`Line`] and are reused
//! from one line to the next.

use super::chars::{class, is_han, is_opening, Class};
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
/// Characters no conversion may touch.
pub(crate) const FROZEN: u8 = PROT | CODE | ENTITY;
/// No partner.
pub(crate) const NONE: u32 = u32::MAX;

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

/// Reusable buffers for one line.
#[derive(Default)]
pub(crate) struct Line {
    pub(crate) chars: Vec<char>,
    pub(crate) flags: Vec<u8>,
    /// For a paired quote or parenthesis: the index of its partner, else [`NONE`].
    pub(crate) partner: Vec<u32>,
    /// `han[i]` = number of Han characters before index `i`.
    pub(crate) han: Vec<u32>,
    /// Scratch list of candidate indices (quotes) or open parentheses (stack).
    pub(crate) stack: Vec<u32>,
    /// Output-side buffers used by the spacing pass.
    pub(crate) spacing: spacing::Buffers,
}

impl Line {
    /// Normalises `text` (one line containing Han, no kana or Hangul) into `out`.
    pub(crate) fn normalize(&mut self, text: &str, policy: Policy, out: &mut String) {
        self.load(text);
        protect::mark(self);
        quotes::pair(self);
        parens::pair(self);
        punct::convert(self);
        spacing::emit(self, policy, out);
    }

    fn load(&mut self, text: &str) {
        self.chars.clear();
        whitespace::clean(text, true, |c| self.chars.push(c));
        let n = self.chars.len();
        self.flags.clear();
        self.flags.resize(n, 0);
        self.partner.clear();
        self.partner.resize(n, NONE);
        self.han.clear();
        self.han.reserve(n + 1);
        let mut count = 0;
        self.han.push(0);
        for &c in &self.chars {
            count += u32::from(is_han(c));
            self.han.push(count);
        }
    }

    /// Number of characters.
    pub(crate) fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether any Han character lies strictly between `a` and `b`.
    pub(crate) fn han_between(&self, a: usize, b: usize) -> bool {
        a + 1 < b && self.han[b] > self.han[a + 1]
    }

    /// Whether index `i` may be converted.
    pub(crate) fn free(&self, i: usize) -> bool {
        self.flags[i] & FROZEN == 0
    }

    /// The nearest kept character left of `i` that is not a space.
    pub(crate) fn prev(&self, i: usize) -> Option<usize> {
        (0..i)
            .rev()
            .find(|&j| self.flags[j] & DEL == 0 && self.chars[j] != ' ')
    }

    /// The nearest kept character right of `i` that is not a space.
    pub(crate) fn next(&self, i: usize) -> Option<usize> {
        (i + 1..self.len()).find(|&j| self.flags[j] & DEL == 0 && self.chars[j] != ' ')
    }

    /// The kept character directly left of `i` (a space counts).
    pub(crate) fn prev_adjacent(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| self.flags[j] & DEL == 0)
    }

    /// The kept character directly right of `i` (a space counts).
    pub(crate) fn next_adjacent(&self, i: usize) -> Option<usize> {
        (i + 1..self.len()).find(|&j| self.flags[j] & DEL == 0)
    }

    /// Whether the character at `j` is Han and free.
    pub(crate) fn is_han_at(&self, j: Option<usize>) -> bool {
        j.is_some_and(|j| self.free(j) && is_han(self.chars[j]))
    }

    /// The context that the character at `j`, as it stands now, gives to a mark after it.
    pub(crate) fn ctx(&self, j: Option<usize>) -> Ctx {
        let Some(j) = j else { return Ctx::Other };
        let f = self.flags[j];
        if f & (PROT | CODE) != 0 {
            return Ctx::Latin;
        }
        if f & ENTITY != 0 {
            return Ctx::Other;
        }
        let c = self.chars[j];
        match class(c) {
            Class::Han => Ctx::Han,
            Class::Punct | Class::Sym | Class::Curly if !is_opening(c) => Ctx::Han,
            Class::Latin => Ctx::Latin,
            _ => Ctx::Other,
        }
    }
}
