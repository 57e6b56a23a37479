//! What tags, classes and ids say about an element before its text is read.

use std::sync::LazyLock;

#[cfg(test)]
use crate::clean::any_name_word;
use crate::clean::{is_comment_word, read_value};
use crate::wordset::starts_with_any;

/// Substrings of a class or id that mark the article's container.
const POSITIVE: &[&str] = &[
    "article", "content", "post", "entry", "main", "body", "text", "story", "blog", "detail",
    "zhengwen", "neirong", "wenzhang",
];

/// Substrings of a class or id that mark page furniture around the article.
const NEGATIVE: &[&str] = &[
    "comment",
    "footer",
    "footnote",
    "sidebar",
    "nav",
    "menu",
    "related",
    "share",
    "social",
    "sponsor",
    "promo",
    "banner",
    "masthead",
    "widget",
    "combx",
    "contact",
    "outbrain",
    "taboola",
    "shoutbox",
    "skyscraper",
    "popular",
    "recommend",
    "trending",
    "newsletter",
    "subscribe",
    "breadcrumb",
    "pagination",
    "toolbar",
    "login",
    "profile",
    "aboutme",
    "header",
    "legal",
    "copyright",
];

/// Words that mark page furniture only where a name begins with them: `secondary` and
/// `secondary-content` (a theme's second column), not `text-secondary` or `btn-secondary`
/// (a colour, a button style).
const LEADING_NEGATIVE: &[&str] = &["secondary"];

/// Whether a token of a class or id value begins with a [`LEADING_NEGATIVE`] word.
fn leads_negative(value: &str) -> bool {
    value
        .split_ascii_whitespace()
        .any(|token| starts_with_any(token, LEADING_NEGATIVE))
}

/// Substrings of a class or id that mark a byline, date or tag line.
const META: &[&str] = &[
    "byline", "author", "dateline", "date", "update", "time", "meta", "posted", "pubdate", "tags",
    "source", "info",
];

/// Whether `name` is an inline element: its text belongs to the nearest block ancestor.
pub(super) fn is_inline(name: &str) -> bool {
    // A `match` on literals compiles to length and integer compares, not a call per entry.
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "big"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strike"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "tt"
            | "u"
            | "var"
            | "wbr"
            | "br"
            | "img"
            | "picture"
            | "source"
            | "ins"
            | "del"
    )
}

/// An image caption or credit.
const CAPTION: &[&str] = &["caption", "credit"];

/// A class or id that hides the element (furniture too, but no kind of it).
const HIDDEN: &[&str] = &["hidden"];

fn lists() -> [&'static [&'static str]; 5] {
    [POSITIVE, NEGATIVE, META, CAPTION, HIDDEN]
}

/// The list words keyed by two letters, each with its list's bit: a word is compared only
/// with the list words that begin (or end) with its own first (or last) two letters, ASCII
/// case ignored. All list words are lower-case ASCII letters, at least [`SHORTEST`] long.
struct Pairs {
    /// The words, grouped by key.
    words: Vec<(&'static [u8], u8)>,
    /// Where each key's words begin in `words` (and, one on, end).
    at: Vec<u16>,
}

/// The length of the shortest list word (`nav`).
const SHORTEST: usize = 3;

/// The key of two bytes that are ASCII letters, case ignored.
fn pair_key(a: u8, b: u8) -> Option<usize> {
    let letter = |c: u8| {
        let c = c.to_ascii_lowercase();
        c.is_ascii_lowercase().then(|| usize::from(c - b'a'))
    };
    Some(letter(a)? * 26 + letter(b)?)
}

impl Pairs {
    /// The list words keyed by `key` (their first or last two letters).
    fn new(key: impl Fn(&[u8]) -> usize) -> Pairs {
        let mut words: Vec<(&'static [u8], u8)> = Vec::new();
        for (bit, list) in lists().iter().enumerate() {
            words.extend(list.iter().map(|w| (w.as_bytes(), 1 << bit)));
        }
        words.sort_by_key(|&(w, _)| key(w));
        let mut at = vec![0u16; 26 * 26 + 1];
        for &(w, _) in &words {
            at[key(w) + 1] += 1;
        }
        for k in 1..at.len() {
            at[k] += at[k - 1];
        }
        Pairs { words, at }
    }

    /// The words under `key`.
    fn get(&self, key: Option<usize>) -> &[(&'static [u8], u8)] {
        key.map_or(&[], |k| {
            &self.words[usize::from(self.at[k])..usize::from(self.at[k + 1])]
        })
    }
}

/// The list words by their first two letters and by their last two.
fn pairs() -> &'static (Pairs, Pairs) {
    static PAIRS: LazyLock<(Pairs, Pairs)> = LazyLock::new(|| {
        let key = |w: &[u8]| pair_key(w[0], w[1]).expect("list words are letters");
        let last =
            |w: &[u8]| pair_key(w[w.len() - 2], w[w.len() - 1]).expect("list words are letters");
        (Pairs::new(key), Pairs::new(last))
    });
    &PAIRS
}

/// Which word lists a class or id value has a word of, as bits in [`lists`] order.
///
/// The value is read word by word ([`any_name_word`]: `field-label-hidden` hides no
/// field, `main-with-sidebar` is no sidebar), and a list word counts where it begins or
/// ends a word, as in names run together (`maincontent`, `navbar`, `subheader`), but not
/// inside one (`canvas` holds no `nav`, `domains` no `main`).
#[cfg(test)]
fn lists_in(value: &str) -> u8 {
    let mut bits = 0u8;
    any_name_word(value, |word| {
        bits |= word_lists(word);
        bits == ALL_LISTS
    });
    bits
}

/// Every list's bit.
#[cfg(test)]
const ALL_LISTS: u8 = 0b1_1111;

/// [`NEGATIVE`]'s bit.
const NEGATIVE_BIT: u8 = 0b10;

/// The lists with a word at the start or the end of `word` ([`lists_in`]), ASCII case
/// ignored.
fn word_lists(word: &str) -> u8 {
    let bytes = word.as_bytes();
    if bytes.len() < SHORTEST {
        return 0;
    }
    let (first, last) = pairs();
    let n = bytes.len();
    let mut bits = 0u8;
    for &(w, bit) in first.get(pair_key(bytes[0], bytes[1])) {
        if bytes
            .get(..w.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(w))
        {
            bits |= bit;
        }
    }
    for &(w, bit) in last.get(pair_key(bytes[n - 2], bytes[n - 1])) {
        if n >= w.len() && bytes[n - w.len()..].eq_ignore_ascii_case(w) {
            bits |= bit;
        }
    }
    bits
}

/// What an element's class and id say about it, read once.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Names {
    /// +25 for each of class and id that names a content container, -25 for furniture.
    pub(super) weight: f32,
    /// The class or id names page furniture.
    pub(super) negative: bool,
    /// The class or id names a byline, date, tag or source line.
    pub(super) meta: bool,
    /// The class or id names an image caption or credit.
    pub(super) caption: bool,
    /// The class or id says the element is hidden (`hidden`, `is-hidden`, `item_hidden`).
    pub(super) hidden: bool,
    /// A word of the class or id names a post or article ([`is_post_word`]).
    pub(super) post: bool,
}

/// What one class or id value says: its word lists, and whether it names a widget or
/// readers' comments. Read once per distinct value on a page (a page repeats its class
/// names on many elements).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ValueNames {
    /// [`lists_in`] bits, for a value read as a name (present, shorter than 300 bytes).
    lists: u8,
    /// The value names a widget ([`crate::clean::read_value`]).
    pub(super) widget: bool,
    /// A word of the value names readers' comments ([`crate::clean::is_comment_word`]).
    pub(super) comments: bool,
    /// A word of the value names a post or article ([`is_post_word`]).
    post: bool,
}

/// Whether a word of a class or id value names a post or article (`post-body`, `hentry`,
/// `entry`, `article`, `story`, `text`), the words a blog engine gives its posts; not
/// `body` or `content`, which frameworks give any box (Bootstrap's `card-body`).
fn is_post_word(word: &str) -> bool {
    ["post", "entry", "hentry", "article", "story", "text"]
        .iter()
        .any(|p| word.eq_ignore_ascii_case(p))
}

impl ValueNames {
    /// Reads one class or id value.
    pub(super) fn read(value: &str) -> Self {
        // Longer values are generated data, not names. The word lists, the comment
        // names ([`crate::clean::is_comment_word`]) and the post names read the same
        // words: one split serves all, going on until none can change.
        // The widget names ([`read_value`]) read every value, and share its split.
        let (mut lists, mut comments, mut post) = (0u8, false, false);
        let short = value.len() < 300;
        let widget = read_value(value, |word| {
            if short {
                lists |= word_lists(word);
                comments |= is_comment_word(word);
                post |= is_post_word(word);
            }
        });
        if short && leads_negative(value) {
            lists |= NEGATIVE_BIT;
        }
        ValueNames {
            lists,
            widget,
            comments,
            post,
        }
    }
}

impl Names {
    /// What an element's class and id values (each read by [`ValueNames::read`]) say.
    pub(super) fn of(values: [ValueNames; 2]) -> Names {
        let mut n = Names::default();
        for v in values {
            let bits = v.lists;
            if bits & 0b1_0010 != 0 {
                n.weight -= 25.0;
                n.negative = true;
            }
            if bits & 0b1 != 0 {
                n.weight += 25.0;
            }
            n.meta |= bits & 0b100 != 0;
            n.caption |= bits & 0b1000 != 0;
            n.hidden |= bits & 0b1_0000 != 0;
            n.post |= v.post;
        }
        n
    }
}

/// The score an element starts with for its tag (Readability's values, plus `<article>`,
/// `<main>` and `itemprop=articleBody`), given its `itemprop`.
pub(super) fn tag_weight(name: &str, itemprop: Option<&str>) -> f32 {
    let mut w = match name {
        "div" => 5.0,
        "article" => 15.0,
        "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" | "header" | "footer" => -5.0,
        _ => 0.0,
    };
    if itemprop.is_some_and(|v| v.eq_ignore_ascii_case("articleBody")) {
        w += 30.0;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    const POS: u8 = 0b1;
    const NEG: u8 = 0b10;
    const META_BIT: u8 = 0b100;
    const HID: u8 = 0b1_0000;

    /// [`word_lists`] as it read with an Aho-Corasick automaton over all the lists.
    fn word_lists_by_automaton(word: &str) -> u8 {
        use aho_corasick::{AhoCorasick, AhoCorasickKind};
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(lists().concat())
            .unwrap();
        let mut bits = 0u8;
        for m in automaton.find_overlapping_iter(word) {
            if m.start() != 0 && m.end() != word.len() {
                continue;
            }
            let mut id = m.pattern().as_usize();
            for (bit, list) in lists().iter().enumerate() {
                if id < list.len() {
                    bits |= 1 << bit;
                    break;
                }
                id -= list.len();
            }
        }
        bits
    }

    #[test]
    fn list_words_are_found_as_the_automaton_found_them() {
        let mut words: Vec<String> = lists().concat().iter().map(|w| w.to_string()).collect();
        for w in lists().concat() {
            for other in ["", "x", "Main", "nav", "é", "2", "_", "Z"] {
                words.push(format!("{other}{w}"));
                words.push(format!("{w}{other}"));
                words.push(format!("{other}{}{other}", w.to_uppercase()));
                words.push(w.get(1..).unwrap().to_string());
                words.push(w.get(..w.len() - 1).unwrap().to_string());
            }
        }
        words.extend(
            [
                "",
                "a",
                "na",
                "é",
                "navé",
                "énav",
                "@nav",
                "nav@",
                "maincontent",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(word_lists(w), word_lists_by_automaton(w), "{w:?}");
        }
    }

    #[test]
    fn list_words_begin_or_end_a_word() {
        assert_eq!(lists_in("maincontent"), POS);
        assert_eq!(lists_in("articleBody"), POS);
        assert_eq!(lists_in("navbar"), NEG);
        assert_eq!(lists_in("topnav"), NEG);
        assert_eq!(lists_in("canvas-wrap"), 0, "no nav inside canvas");
        assert_eq!(lists_in("domains"), 0, "no main inside domains");
        assert_eq!(lists_in("lastUpdated"), META_BIT);
        assert_eq!(lists_in("LegalLinks"), NEG, "a footer's legal links");
        assert_eq!(lists_in("site-copyright"), NEG);
    }

    #[test]
    fn secondary_names_furniture_only_at_the_start_of_a_name() {
        let neg = |v: &str| ValueNames::read(v).lists & NEGATIVE_BIT != 0;
        assert!(neg("secondary"));
        assert!(neg("secondary-content"));
        assert!(neg("wrap Secondary"));
        assert!(!neg("text-secondary"), "a colour");
        assert!(!neg("btn btn-secondary"), "a button style");
    }

    #[test]
    fn compound_names_are_read_as_a_whole() {
        assert_eq!(lists_in("main-with-sidebar"), POS);
        assert_eq!(lists_in("layout has-sidebar"), 0);
        assert_eq!(lists_in("field field--name-body field--label-hidden"), POS);
        assert_eq!(lists_in("field-label-hidden"), 0);
        assert_eq!(lists_in("relative overflow-hidden"), 0);
        assert_eq!(lists_in("hidden-xs"), 0);
        assert_eq!(lists_in("hidden"), HID);
        assert_eq!(lists_in("is-hidden"), HID);
        assert_eq!(lists_in("article-body__page_hidden"), POS | HID);
    }
}
