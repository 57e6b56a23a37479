//! How much of an element's text is in the publisher's own copy of the article (JSON-LD
//! `articleBody`): word shingles of the hint in a set, matched while the stats pass reads
//! the page's text in document order.

use std::collections::HashSet;

/// Tokens per shingle.
const SHINGLE: usize = 3;
/// A hint shorter than this (in shingles, about as many words or Han characters) is a
/// teaser, not the article.
const MIN_SHINGLES: usize = 120;
/// Most characters of a hint read.
const MAX_HINT: usize = 400_000;

/// The hint's shingles.
#[derive(Debug)]
pub(super) struct Hint {
    shingles: HashSet<u64>,
}

impl Hint {
    /// The shingles of `text`; `None` when it is too short to tell an article by, or cut
    /// short (it ends with an ellipsis: sites often give only the first few hundred
    /// characters).
    pub(super) fn new(text: &str) -> Option<Hint> {
        let trimmed = text.trim_end();
        if ["…", "...", "&hellip;", "&#8230;"]
            .iter()
            .any(|e| trimmed.ends_with(e))
        {
            return None;
        }
        let end = text
            .char_indices()
            .nth(MAX_HINT)
            .map_or(text.len(), |(i, _)| i);
        let mut shingles = HashSet::new();
        let mut window = Window::default();
        tokens(text.get(..end).unwrap_or(text), |t| {
            if let Some(s) = window.push(t) {
                shingles.insert(s);
            }
        });
        (shingles.len() >= MIN_SHINGLES).then_some(Hint { shingles })
    }

    /// How many distinct shingles the hint has.
    pub(super) fn len(&self) -> u32 {
        self.shingles.len() as u32
    }

    pub(super) fn contains(&self, shingle: u64) -> bool {
        self.shingles.contains(&shingle)
    }
}

/// The last tokens seen, carried across text nodes (a link splits no sentence).
#[derive(Debug, Default)]
pub(super) struct Window {
    last: [u64; SHINGLE],
    seen: usize,
}

impl Window {
    /// Adds a token; the shingle it ends, once there are enough tokens.
    pub(super) fn push(&mut self, token: u64) -> Option<u64> {
        self.last.rotate_left(1);
        self.last[SHINGLE - 1] = token;
        self.seen += 1;
        (self.seen >= SHINGLE).then(|| {
            self.last.iter().fold(0u64, |h, &t| {
                h.wrapping_mul(0x100_0000_01B3).wrapping_add(t)
            })
        })
    }
}

/// Calls `f` with the hash of each token of `text`: a run of letters or digits (lower
/// case), or one wide character (a Han character is a word for this purpose).
pub(super) fn tokens(text: &str, mut f: impl FnMut(u64)) {
    const BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    let mut h = BASIS;
    let mut open = false;
    for c in text.chars() {
        let wide = super::stats::is_wide(c);
        if c.is_alphanumeric() && !wide {
            for l in c.to_lowercase() {
                h = (h ^ l as u64).wrapping_mul(0x100_0000_01B3);
            }
            open = true;
            continue;
        }
        if open {
            f(h);
            h = BASIS;
            open = false;
        }
        if wide && c.is_alphanumeric() {
            f((BASIS ^ c as u64).wrapping_mul(0x100_0000_01B3));
        }
    }
    if open {
        f(h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        tokens(text, |t| out.push(t));
        out
    }

    #[test]
    fn words_and_han_characters() {
        assert_eq!(all("Hello, WORLD 2021年").len(), 4);
        assert_eq!(all("hello world"), all("Hello  World!"));
        assert_eq!(all("中文，句子。").len(), 4);
    }

    #[test]
    fn short_hints_are_ignored() {
        assert!(Hint::new("A teaser of a few words.").is_none());
        let long = "word ".repeat(10) + &(0..130).map(|i| format!("w{i} ")).collect::<String>();
        assert!(Hint::new(&long).is_some());
        assert!(Hint::new(&format!("{long} and so&hellip;")).is_none());
    }
}
