//! Noise: scripts, styles, widgets, forms, hidden elements, share/related/tip boxes.

use crate::dom::{attr, tag, NodeRef};
use crate::wordset::{LazyWords, WordSet};

/// What an element is to the block walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Dropped with everything inside.
    Noise,
    /// Text inside is dropped, but images inside are kept (`<noscript>` fallbacks).
    ImagesOnly,
    /// Ordinary content.
    Content,
}

/// Elements whose whole subtree is never article text. `<rt>` and `<rp>` are ruby
/// annotations (the small reading above `漢字`, and the parentheses shown where ruby is not
/// supported): the text keeps the base only.
const NOISE_TAGS: &[&str] = &[
    "script", "style", "svg", "button", "input", "select", "option", "textarea", "iframe",
    "object", "embed", "canvas", "template", "audio", "video", "map", "dialog", "head", "link",
    "meta", "title", "nav", "aside", "menu", "datalist", "progress", "meter", "frameset", "frame",
    "applet", "label", "rt", "rp",
];

/// Words in a class or id that mark a widget rather than text (matched as whole words,
/// where words are split at `-`, `_`, spaces and case changes are ignored).
const NOISE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "sns",
    "comment",
    "comments",
    "related",
    "recommend",
    "recommended",
    "advert",
    "advertisement",
    "adsbygoogle",
    "ads",
    "sponsor",
    "sponsored",
    "reward",
    "dashang",
    "donate",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
    "pager",
    "newsletter",
    "subscribe",
    "cookie",
    "cookies",
    "consent",
    "popup",
    "modal",
    "toolbar",
    "sidebar",
    "widget",
    "tougao",
    "rp",
    "btn",
    "copyright",
    "disclaimer",
    "qrcode",
    "zan",
];

/// Whole class or id tokens that mark trailing junk of known publishers.
const NOISE_TOKENS: &[&str] = &[
    "article_bottom",
    "recommend_bottom",
    "article-bottom",
    "post-nav",
    "post-navigation",
    "nav-links",
    "entry-meta",
    "post-meta",
    "tip-box",
    "tips-box",
    "reward-box",
    "print-link",
];

/// Tags never dropped for their class or id (the page's frame and main containers).
const NEVER_BY_CLASS: &[&str] = &["html", "body", "article", "main", "pre", "code"];

/// Classifies an element. Text and other nodes are always [`Role::Content`].
pub(crate) fn classify(node: NodeRef<'_>) -> Role {
    match classify_by_tag(node) {
        Role::Content if has_noise_class(node) => Role::Noise,
        role => role,
    }
}

/// Classifies an element by its tag and visibility alone, ignoring its class and id (on a
/// full page a wrapper named `…sidebar…` may hold the article; the content selection
/// weighs such names against the text inside).
pub(crate) fn classify_by_tag(node: NodeRef<'_>) -> Role {
    let Some(name) = tag(node) else {
        return Role::Content;
    };
    static TAGS: LazyWords = LazyWords::new(|| WordSet::new(NOISE_TAGS));
    if TAGS.contains(name) {
        return Role::Noise;
    }
    if name == "noscript" {
        return Role::ImagesOnly;
    }
    if name == "form" && is_small_form(node) {
        return Role::Noise;
    }
    if is_hidden(node) || is_dialog(node) {
        return Role::Noise;
    }
    Role::Content
}

/// A dialog over the page (a cookie-consent or sign-up box): `role=dialog|alertdialog`
/// or `aria-modal=true`. The `<dialog>` tag is noise by itself.
fn is_dialog(node: NodeRef<'_>) -> bool {
    attr(node, "role")
        .is_some_and(|r| r.eq_ignore_ascii_case("dialog") || r.eq_ignore_ascii_case("alertdialog"))
        || attr(node, "aria-modal").is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// Whether the element's class or id names a widget (never true for the page's frame and
/// main containers).
pub(crate) fn has_noise_class(node: NodeRef<'_>) -> bool {
    if tag(node).is_none_or(|name| NEVER_BY_CLASS.contains(&name)) {
        return false;
    }
    let class = attr(node, "class").unwrap_or("");
    let id = attr(node, "id").unwrap_or("");
    (!class.is_empty() && has_noise_name(class)) || (!id.is_empty() && has_noise_name(id))
}

/// A search box, login, newsletter or comment form: a `<form>` with a text area or little
/// text. A form holding a whole page (as ASP.NET writes them) is kept.
fn is_small_form(node: NodeRef<'_>) -> bool {
    let mut text = 0usize;
    for n in node.descendants() {
        match tag(n) {
            Some("textarea") => return true,
            Some(_) => {}
            None => text += crate::dom::text(n).map_or(0, |t| t.trim().chars().count()),
        }
        if text >= 500 {
            return false;
        }
    }
    true
}

/// Whether the element is hidden by its own attributes: `hidden`, `aria-hidden=true`, or
/// an inline style with `display:none`, `visibility:hidden` or `opacity:0`.
fn is_hidden(node: NodeRef<'_>) -> bool {
    if attr(node, "hidden").is_some() {
        return true;
    }
    if attr(node, "aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return true;
    }
    style_hides(node) != Hides::No
}

/// Whether the element is hidden the way a page hides a body that its script then shows
/// (`style="visibility: hidden"` or `opacity: 0`, as WeChat articles are), not removed from
/// the layout (`display:none`, `hidden`), which is how menus, modals and copies are kept.
/// See [`super::reveal`].
pub(crate) fn is_hidden_until_script(node: NodeRef<'_>) -> bool {
    attr(node, "hidden").is_none() && style_hides(node) == Hides::Invisible
}

/// How an inline style hides its element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hides {
    No,
    /// `visibility:hidden` or `opacity:0`: laid out, but not seen.
    Invisible,
    /// `display:none`: not laid out.
    NotDisplayed,
}

fn style_hides(node: NodeRef<'_>) -> Hides {
    let Some(style) = attr(node, "style").filter(|s| s.len() < 400) else {
        return Hides::No;
    };
    // The declarations with whitespace removed and ASCII lower-cased, on the stack (a
    // non-ASCII character stands as 0xFF, which no needle contains).
    let mut compact = [0u8; 400];
    let mut n = 0;
    for c in style.chars().filter(|c| !c.is_whitespace()) {
        compact[n] = if c.is_ascii() {
            c.to_ascii_lowercase() as u8
        } else {
            0xFF
        };
        n += 1;
    }
    let compact = &compact[..n];
    let has = |needle: &[u8]| compact.windows(needle.len()).any(|w| w == needle);
    // `opacity:0`, but not `opacity:0.5`.
    let transparent = compact.windows(9).enumerate().any(|(at, w)| {
        w == b"opacity:0"
            && compact
                .get(at + 9)
                .is_none_or(|c| !c.is_ascii_digit() && *c != b'.')
    });
    if has(b"display:none") {
        Hides::NotDisplayed
    } else if has(b"visibility:hidden") || transparent {
        Hides::Invisible
    } else {
        Hides::No
    }
}

/// True when a class/id value names a widget.
fn has_noise_name(value: &str) -> bool {
    // Case-insensitive lookups in the lower-case lists: no allocation per element.
    static TOKENS: LazyWords = LazyWords::new(|| WordSet::new(NOISE_TOKENS));
    static WORDS: LazyWords = LazyWords::new(|| WordSet::new(NOISE_WORDS));
    value.split_ascii_whitespace().any(|token| {
        TOKENS.contains(token) || token.split(['-', '_']).any(|word| WORDS.contains(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{descendants, parse};

    fn role_of(html: &str, name: &str) -> Role {
        let dom = parse(html);
        let node = descendants(dom.root())
            .find(|n| tag(*n) == Some(name))
            .unwrap();
        classify(node)
    }

    #[test]
    fn widgets_by_tag_and_name() {
        assert_eq!(role_of("<script>x</script>", "script"), Role::Noise);
        assert_eq!(
            role_of("<div class='recommend_bottom'>x</div>", "div"),
            Role::Noise
        );
        assert_eq!(
            role_of("<div id='article_bottom'>x</div>", "div"),
            Role::Noise
        );
        assert_eq!(
            role_of("<span class='copy-code-btn'>复制代码</span>", "span"),
            Role::Noise
        );
        assert_eq!(
            role_of("<div class='wp_rp_wrap wp_rp_plain'>x</div>", "div"),
            Role::Noise
        );
        assert_eq!(role_of("<p style='display: none'>x</p>", "p"), Role::Noise);
        assert_eq!(
            role_of("<div style='opacity: 0;'>x</div>", "div"),
            Role::Noise
        );
        assert_eq!(
            role_of("<div style='opacity:0.5'>x</div>", "div"),
            Role::Content
        );
        assert_eq!(
            role_of("<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>", "rt"),
            Role::Noise
        );
        assert_eq!(
            role_of("<noscript><img src=a></noscript>", "noscript"),
            Role::ImagesOnly
        );
    }

    #[test]
    fn content_is_not_noise() {
        assert_eq!(
            role_of("<div class='markdown-body'>x</div>", "div"),
            Role::Content
        );
        assert_eq!(role_of("<a class='trsHotWords'>x</a>", "a"), Role::Content);
        assert_eq!(
            role_of("<div class='commentary shareholder'>x</div>", "div"),
            Role::Content
        );
        assert_eq!(
            role_of("<code class='hljs copyable'>x</code>", "code"),
            Role::Content
        );
        assert_eq!(
            role_of("<article class='post share'>x</article>", "article"),
            Role::Content
        );
    }
}
