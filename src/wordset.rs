//! Membership in a fixed word list, ASCII case ignored, without a lower-cased copy: the
//! words are bucketed by length, so a lookup compares only the few of the same length.

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

/// A word list bucketed by length.
pub(crate) struct WordSet {
    by_len: Vec<Vec<&'static str>>,
}

impl WordSet {
    /// The set of `words`.
    pub(crate) fn new(words: &[&'static str]) -> Self {
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        let mut by_len = vec![Vec::new(); longest + 1];
        for w in words {
            by_len[w.len()].push(*w);
        }
        WordSet { by_len }
    }

    /// Whether `word` is in the set, ASCII case ignored.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.contains_bytes(word.as_bytes())
    }

    /// [`WordSet::contains`] for bytes (a name as the page writes it).
    pub(crate) fn contains_bytes(&self, word: &[u8]) -> bool {
        self.by_len.get(word.len()).is_some_and(|bucket| {
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
