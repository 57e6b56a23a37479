//! What tags, classes and ids say about an element before its text is read.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::dom::{attr, NodeRef};

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
    "side-bar",
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
    "hidden",
    "login",
    "header",
];

/// Substrings of a class or id that mark a byline, date or tag line.
const META: &[&str] = &[
    "byline", "author", "dateline", "date", "time", "meta", "posted", "pubdate", "tags", "source",
    "info",
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

/// Matchers for the word lists, built once: one scan of a class or id value finds whether
/// any word of a list occurs in it, ASCII case ignored (no lower-cased copy, no scan per
/// word).
struct Matchers {
    positive: AhoCorasick,
    negative: AhoCorasick,
    meta: AhoCorasick,
    caption: AhoCorasick,
}

fn matchers() -> &'static Matchers {
    static MATCHERS: LazyLock<Matchers> = LazyLock::new(|| {
        let build = |words: &[&str]| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(words)
                .expect("the word lists are small and valid")
        };
        Matchers {
            positive: build(POSITIVE),
            negative: build(NEGATIVE),
            meta: build(META),
            caption: build(&["caption", "credit"]),
        }
    });
    &MATCHERS
}

/// The element's class and id values, where present and shorter than 300 bytes (longer
/// ones are generated data, not names).
fn names<'a>(node: NodeRef<'a>) -> impl Iterator<Item = &'a str> {
    ["class", "id"]
        .into_iter()
        .filter_map(move |name| attr(node, name).filter(|v| !v.is_empty() && v.len() < 300))
}

/// The score an element starts with for its tag (Readability's values, plus `<article>`,
/// `<main>` and `itemprop=articleBody`).
pub(super) fn tag_weight(node: NodeRef<'_>, name: &str) -> f32 {
    let mut w = match name {
        "div" => 5.0,
        "article" => 15.0,
        "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" | "header" | "footer" => -5.0,
        _ => 0.0,
    };
    if attr(node, "itemprop").is_some_and(|v| v.eq_ignore_ascii_case("articleBody")) {
        w += 30.0;
    }
    w
}

/// +25 for each of class and id that names a content container, -25 for furniture.
pub(super) fn class_weight(node: NodeRef<'_>) -> f32 {
    let m = matchers();
    let mut w = 0.0;
    for v in names(node) {
        if m.negative.is_match(v) {
            w -= 25.0;
        }
        if m.positive.is_match(v) {
            w += 25.0;
        }
    }
    w
}

/// Whether the class or id names a byline, date, tag or source line.
pub(super) fn is_meta(node: NodeRef<'_>) -> bool {
    names(node).any(|v| matchers().meta.is_match(v))
}

/// Whether the class or id names page furniture.
pub(super) fn is_negative(node: NodeRef<'_>) -> bool {
    names(node).any(|v| matchers().negative.is_match(v))
}

/// Whether the class or id names an image caption or credit.
pub(super) fn is_caption(node: NodeRef<'_>) -> bool {
    names(node).any(|v| matchers().caption.is_match(v))
}
