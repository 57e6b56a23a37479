//! Membership in a fixed word list, ASCII case ignored, without a lower-cased copy: the
//! words are bucketed by length and first letter, so a lookup compares only the one or
//! two words that share both (a bucket per length alone held up to twenty).

use std::sync::LazyLock;

/// Whether `text` begins with any of `prefixes`, ASCII case ignored (`CookieNotice`
/// begins with `cookie`).
pub(crate) fn starts_with_any(text: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| {
        text.as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// A word list bucketed by length and first letter.
pub(crate) struct WordSet {
    buckets: Vec<Vec<&'static str>>,
}

/// Buckets per length: the first byte's low five bits, case folded (`a`/`A` → 1).
const FIRSTS: usize = 32;

/// The bucket of a word: its length and first byte (none for the empty word).
fn key(word: &[u8]) -> Option<usize> {
    let first = *word.first()?;
    Some(word.len() * FIRSTS + (first.to_ascii_lowercase() as usize % FIRSTS))
}

impl WordSet {
    /// The set of `words`.
    pub(crate) fn new(words: &[&'static str]) -> Self {
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        let mut buckets = vec![Vec::new(); (longest + 1) * FIRSTS];
        for w in words {
            if let Some(k) = key(w.as_bytes()) {
                buckets[k].push(*w);
            }
        }
        WordSet { buckets }
    }

    /// Whether `word` is in the set, ASCII case ignored.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.contains_bytes(word.as_bytes())
    }

    /// [`WordSet::contains`] for bytes (a name as the page writes it).
    pub(crate) fn contains_bytes(&self, word: &[u8]) -> bool {
        key(word)
            .and_then(|k| self.buckets.get(k))
            .is_some_and(|bucket| {
                bucket
                    .iter()
                    .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
            })
    }
}

/// A [`WordSet`] built on first use, for a `static`.
pub(crate) type LazyWords = LazyLock<WordSet>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_ignore_ascii_case_and_compare_whole_words() {
        let set = WordSet::new(&["share", "ads", "sidebar"]);
        assert!(set.contains("share") && set.contains("ADS") && set.contains("SideBar"));
        assert!(!set.contains("shar") && !set.contains("shares") && !set.contains(""));
        assert!(!set.contains("a much longer word than any in the set"));
    }
}
