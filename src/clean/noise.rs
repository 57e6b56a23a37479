//! Noise: scripts, styles, widgets, forms, hidden elements, share/related/tip boxes.

use crate::dom::{attr, attrs, tag, Attrs, NodeRef};
use crate::wordset::{starts_with_any, LazyWords, WordSet};

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
    "layer",
    "modal",
    "toolbar",
    "sidebar",
    "widget",
    "tougao",
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
    match tag(node) {
        Some(name) => classify_tag(node, name, &attrs(node)),
        None => Role::Content,
    }
}

/// [`classify_by_tag`] of the element `node` named `name`, whose [`attrs`] are read.
pub(crate) fn classify_tag(node: NodeRef<'_>, name: &str, a: &Attrs<'_>) -> Role {
    static TAGS: LazyWords = LazyWords::new(|| WordSet::new(NOISE_TAGS));
    if TAGS.contains(name) && !(name == "aside" && holds_article_body(node)) {
        return Role::Noise;
    }
    if name == "noscript" {
        return Role::ImagesOnly;
    }
    if name == "form" && is_small_form(node) {
        return Role::Noise;
    }
    if is_hidden(a) || is_dialog(a) {
        return Role::Noise;
    }
    Role::Content
}

/// A dialog over the page (a cookie-consent or sign-up box): `role=dialog|alertdialog`
/// or `aria-modal=true`. The `<dialog>` tag is noise by itself.
fn is_dialog(a: &Attrs<'_>) -> bool {
    a.role
        .is_some_and(|r| r.eq_ignore_ascii_case("dialog") || r.eq_ignore_ascii_case("alertdialog"))
        || a.aria_modal.is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// Whether the element's class or id names a widget (never true for the page's frame and
/// main containers).
pub(crate) fn has_noise_class(node: NodeRef<'_>) -> bool {
    if tag(node).is_none_or(never_by_class) {
        return false;
    }
    [attr(node, "class"), attr(node, "id")]
        .into_iter()
        .any(|v| v.is_some_and(names_widget))
}

/// Whether elements named `name` are never dropped for their class or id: the page's
/// frame and main containers ([`has_noise_class`]).
pub(crate) fn never_by_class(name: &str) -> bool {
    NEVER_BY_CLASS.contains(&name)
}

/// Whether one class or id value names a widget ([`has_noise_class`]).
pub(crate) fn names_widget(value: &str) -> bool {
    !value.is_empty() && has_noise_name(value)
}

/// Whether a word of a class or id value ([`any_name_word`]) names readers' comments
/// (`comments`, `CommentList`, `disqus_thread`): prose by nature, so the share of the
/// page's prose such an element holds says nothing about whether it is the article.
pub(crate) fn is_comment_word(word: &str) -> bool {
    starts_with_any(word, &["comment", "disqus"])
}

/// A search box, login, newsletter or comment form: a `<form>` with little text, or a
/// comment form (one with a text area) with its notes and consent lines. A form holding
/// a whole page (as ASP.NET writes them, text area and all) is kept.
fn is_small_form(node: NodeRef<'_>) -> bool {
    let (mut text, mut comment) = (0usize, false);
    for n in node.descendants() {
        match tag(n) {
            Some("textarea") => comment = true,
            Some(_) => {}
            None => text += crate::dom::text(n).map_or(0, |t| t.trim().chars().count()),
        }
        if text >= COMMENT_FORM {
            return false;
        }
    }
    comment || text < SMALL_FORM
}

/// Characters of text a form without a text area holds at most to be a small form.
const SMALL_FORM: usize = 500;

/// Characters of text a form with a text area (a comment form) holds at most.
const COMMENT_FORM: usize = 1000;

/// Whether the element is hidden by its own attributes: `hidden`, `aria-hidden=true`, or
/// an inline style with `display:none`, `visibility:hidden` or `opacity:0`.
fn is_hidden(a: &Attrs<'_>) -> bool {
    if a.hidden {
        return true;
    }
    if a.aria_hidden
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    style_hides(a) != Hides::No
}

/// Whether the element is hidden the way a page hides a body that its script then shows
/// (`style="visibility: hidden"` or `opacity: 0`, as WeChat articles are), not removed from
/// the layout (`display:none`, `hidden`), which is how menus, modals and copies are kept.
/// See [`super::reveal`].
pub(crate) fn is_hidden_until_script(a: &Attrs<'_>) -> bool {
    !a.hidden && style_hides(a) == Hides::Invisible
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

fn style_hides(a: &Attrs<'_>) -> Hides {
    let Some(style) = a.style.filter(|s| s.len() < 400) else {
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

/// Whether an `<aside>` holds the page's article body as the markup names it
/// (`itemprop=articleBody`): a template that wraps the whole story in one is no sidebar
/// (an `<h1>` says less: a sidebar may hold the site's logo as one). The scan stops at the
/// first such element, and at the aside's end.
fn holds_article_body(node: NodeRef<'_>) -> bool {
    node.descendants().any(|n| {
        n.value().as_element().is_some_and(|e| {
            e.attr("itemprop")
                .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
        })
    })
}

/// True when a class/id value names a widget.
fn has_noise_name(value: &str) -> bool {
    read_value(value, |_| {})
}

/// Reads a class or id value in one pass: calls `word` with each of its name words (every
/// word [`any_name_word`] would offer, `hidden` included where a token hides its element)
/// and returns whether the value names a widget ([`names_widget`]). The widget words, the
/// author-box words and the name words share one split of each token.
pub(crate) fn read_value(value: &str, mut word: impl FnMut(&str)) -> bool {
    let mut widget = false;
    for token in value.split_ascii_whitespace() {
        widget |= read_token(token, &mut word);
    }
    widget
}

/// Words that name an author's box together with an author word ([`read_token`]).
const BOX_WORDS: &[&str] = &[
    "box",
    "bio",
    "about",
    "card",
    "profile",
    "desc",
    "description",
    "authorbox",
];

/// [`read_value`] for one whitespace-separated token.
///
/// A widget token is a [`NOISE_TOKENS`] token, one that [`starts_noise`], an author's box
/// (an author word and a box word in one name: `TestReport__AuthorBox`, `author-bio`,
/// `about-author`, `saboxplugin-wrap`; not a byline, `author` or `post-author`, which the
/// content selection reads), or one with a [`NOISE_WORDS`] word where words are split at
/// `-` and `_` only. The name words are those of [`any_name_word`]; the author and box
/// words are read among them.
fn read_token(token: &str, word: &mut impl FnMut(&str)) -> bool {
    // Case-insensitive lookups in the lower-case lists: no allocation per element.
    static TOKENS: LazyWords = LazyWords::new(|| WordSet::new(NOISE_TOKENS));
    static WORDS: LazyWords = LazyWords::new(|| WordSet::new(NOISE_WORDS));
    static BOXES: LazyWords = LazyWords::new(|| WordSet::new(BOX_WORDS));
    static RELATIONS: LazyWords = LazyWords::new(|| WordSet::new(RELATION_WORDS));
    let mut widget = TOKENS.contains(token)
        || starts_noise(token)
        || token.eq_ignore_ascii_case("authorbox")
        || starts_with_any(token, &["saboxplugin"]);
    let (mut author, mut boxed) = (false, false);
    // A relation word ends the name words of the token; the widget words (split at `-`
    // and `_` only) meet their own relation words.
    let (mut part_related, mut word_related) = (false, false);
    let mut name_word = |w: &str| {
        word_related |= RELATIONS.contains(w);
        if !word_related && !w.eq_ignore_ascii_case("hidden") {
            author |= w.eq_ignore_ascii_case("author") || w.eq_ignore_ascii_case("autor");
            boxed |= BOXES.contains(w);
            word(w);
        }
    };
    let bytes = token.as_bytes();
    let (mut part, mut start) = (0, 0);
    for i in 0..=bytes.len() {
        let b = bytes.get(i).copied();
        if matches!(b, None | Some(b'-' | b'_')) {
            // Cuts fall on ASCII bytes, so both ends are character boundaries.
            if let Some(w) = token.get(start..i).filter(|w| !w.is_empty()) {
                name_word(w);
            }
            if let Some(p) = token.get(part..i).filter(|p| !p.is_empty()) {
                part_related |= RELATIONS.contains(p);
                widget |= !part_related && !p.eq_ignore_ascii_case("hidden") && WORDS.contains(p);
            }
            (part, start) = (i + 1, i + 1);
        } else if let (true, Some(b)) = (start < i, b) {
            let a = bytes[i - 1];
            if (a.is_ascii_lowercase() && b.is_ascii_uppercase())
                || (a.is_ascii_alphabetic() && b.is_ascii_digit())
                || (a.is_ascii_digit() && b.is_ascii_alphabetic())
            {
                if let Some(w) = token.get(start..i) {
                    name_word(w);
                }
                start = i;
            }
        }
    }
    if hides_itself(token) {
        word("hidden");
    }
    widget || author && boxed
}

/// Whether a token begins with a consent-box word run together with another
/// (`cookiecontent`, `CookieNotice`, `consentBanner`: the words alone are noise words) or
/// with the prefix of a related-posts plugin (`wp_rp_wrap`; `rp` alone is no word of it:
/// `gmi_rp_recipeSteps` holds a recipe's steps).
fn starts_noise(token: &str) -> bool {
    starts_with_any(token, &["cookie", "consent", "wp_rp"])
}

/// Words that open the part of a compound name about the element's neighbours, not the
/// element: `has-sidebar`, `main-with-sidebar`, `no-comments`, `one-sidebar`.
const RELATION_WORDS: &[&str] = &[
    "has", "with", "without", "no", "one", "two", "three", "both",
];

/// Words that may stand before `hidden` in a name that hides the element itself
/// (`is-hidden`, `js-hidden`, `u-hidden`).
const STATE_PREFIXES: &[&str] = &["is", "js", "u"];

/// Whether `f` holds for a word of a class or id value that says what the element is.
///
/// The value is read as compound names, not as a string: each space-separated token is
/// split into words at `-` and `_`, and here also where a lower-case letter meets a
/// capital and where letters meet digits (`articleBody`, `sidebar2`); then
/// - the words from a relation word on name neighbours, not the element
///   (`main-with-sidebar`, `has-ads`, `no-comments`);
/// - `hidden` hides the element only on its own or as a modifier (`hidden`, `is-hidden`,
///   `item_hidden`, `menu--hidden`): after another word it says something of that word
///   (`field--label-hidden`, `overflow-hidden`), and before one it is a condition
///   (Bootstrap's `hidden-xs`).
///
/// The widget names of [`classify`] are read the same way, but split at `-` and `_` only
/// (they drop an element outright: Word's `MsoCommentText` is a paragraph style).
pub(crate) fn any_name_word(value: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    value
        .split_ascii_whitespace()
        .any(|token| any_token_word(token, true, &mut f))
}

fn any_token_word(token: &str, camel: bool, f: &mut impl FnMut(&str) -> bool) -> bool {
    static RELATIONS: LazyWords = LazyWords::new(|| WordSet::new(RELATION_WORDS));
    let mut related = false;
    let found = words(token, camel, |w| {
        related |= RELATIONS.contains(w);
        !related && !w.eq_ignore_ascii_case("hidden") && f(w)
    });
    found || (hides_itself(token) && f("hidden"))
}

/// Whether a token ending in `hidden` hides its element: `hidden`, `is-hidden`, or a
/// modifier of its own (`item_hidden`, `menu--hidden`), not a word of a longer name.
fn hides_itself(token: &str) -> bool {
    static STATES: LazyWords = LazyWords::new(|| WordSet::new(STATE_PREFIXES));
    let bytes = token.as_bytes();
    let Some(rest) = bytes.len().checked_sub(6).map(|n| &bytes[..n]) else {
        return false;
    };
    if !bytes[rest.len()..].eq_ignore_ascii_case(b"hidden") {
        return false;
    }
    rest.is_empty()
        || rest.ends_with(b"_")
        || rest.ends_with(b"--")
        || rest
            .strip_suffix(b"-")
            .is_some_and(|prefix| STATES.contains_bytes(prefix))
}

/// Calls `f` with each word of one token until it returns true; returns whether it did.
fn words(token: &str, camel: bool, mut f: impl FnMut(&str) -> bool) -> bool {
    let bytes = token.as_bytes();
    let mut start = 0;
    for i in 0..=bytes.len() {
        let cut = match (i.checked_sub(1).map(|j| bytes[j]), bytes.get(i)) {
            (_, None) | (_, Some(b'-' | b'_')) => true,
            (Some(a), Some(&b)) if camel => {
                (a.is_ascii_lowercase() && b.is_ascii_uppercase())
                    || (a.is_ascii_alphabetic() && b.is_ascii_digit())
                    || (a.is_ascii_digit() && b.is_ascii_alphabetic())
            }
            _ => false,
        };
        if !cut {
            continue;
        }
        // Cuts fall on ASCII bytes, so both ends are character boundaries.
        if let Some(word) = token.get(start..i).filter(|w| !w.is_empty()) {
            if f(word) {
                return true;
            }
        }
        start = if matches!(bytes.get(i), Some(b'-' | b'_')) {
            i + 1
        } else {
            i
        };
    }
    false
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
    fn consent_boxes_by_run_together_names() {
        for name in [
            "cookiecontent",
            "CookieNotice",
            "consentBanner",
            "cookie-bar",
        ] {
            let html = format!("<div class='{name}'>We use cookies.</div>");
            assert_eq!(role_of(&html, "div"), Role::Noise, "{name}");
        }
        assert_eq!(
            role_of("<div class='mycookiejar'>x</div>", "div"),
            Role::Content
        );
    }

    #[test]
    fn a_page_wrapping_form_with_a_text_area_is_kept() {
        let para = "<p>A paragraph of the article, long enough to be read as one of its parts.</p>";
        let page = format!(
            "<form id='mainform'><textarea></textarea>{}</form>",
            para.repeat(20)
        );
        assert_eq!(role_of(&page, "form"), Role::Content);
        let comment =
            "<form><p>Your email address will not be published.</p><textarea></textarea></form>";
        assert_eq!(role_of(comment, "form"), Role::Noise);
    }

    #[test]
    fn a_related_posts_prefix_is_no_word_of_its_own() {
        assert_eq!(
            role_of("<div id='gmi_rp_recipeSteps'>x</div>", "div"),
            Role::Content
        );
        assert_eq!(
            role_of("<div class='wp_rp_content'>x</div>", "div"),
            Role::Noise
        );
    }

    #[test]
    fn an_aside_wrapping_the_article_body_is_no_sidebar() {
        let page = "<aside class='pa'><h1>T</h1><div itemprop='articleBody'><p>x</p></div></aside>";
        assert_eq!(role_of(page, "aside"), Role::Content);
        assert_eq!(
            role_of("<aside><h1>Site</h1><p>x</p></aside>", "aside"),
            Role::Noise
        );
    }

    #[test]
    fn popup_layers_are_widgets() {
        for name in ["view_layer", "login-layer", "layer_popup"] {
            let html = format!("<div class='{name}'>x</div>");
            assert_eq!(role_of(&html, "div"), Role::Noise, "{name}");
        }
        assert_eq!(
            role_of("<div class='overlay-text'>x</div>", "div"),
            Role::Content
        );
    }

    #[test]
    fn author_boxes_but_not_bylines() {
        for name in [
            "TestReport__AuthorBox",
            "author-bio",
            "about-author",
            "saboxplugin-wrap",
        ] {
            let html = format!("<div class='{name}'>x</div>");
            assert_eq!(role_of(&html, "div"), Role::Noise, "{name}");
        }
        for name in ["author", "post-author", "byline author-name"] {
            let html = format!("<div class='{name}'>x</div>");
            assert_eq!(role_of(&html, "div"), Role::Content, "{name}");
        }
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

    #[test]
    fn names_about_neighbours_are_no_widgets() {
        for class in [
            "has-ads",
            "main-with-sidebar",
            "layout no-comments",
            "one-sidebar",
        ] {
            let html = format!("<div class='{class}'>x</div>");
            assert_eq!(role_of(&html, "div"), Role::Content, "{class}");
        }
        assert_eq!(role_of("<div class='ads'>x</div>", "div"), Role::Noise);
        assert_eq!(
            role_of("<div class='sidebar-left'>x</div>", "div"),
            Role::Noise
        );
        // Word's paragraph style names no comment: widget names split at `-` and `_` only.
        assert_eq!(
            role_of("<p class='MsoCommentText'>x</p>", "p"),
            Role::Content
        );
    }

    #[test]
    fn a_token_hides_its_element_only_on_its_own() {
        for (token, hides) in [
            ("hidden", true),
            ("is-hidden", true),
            ("item_hidden", true),
            ("menu--hidden", true),
            ("field--label-hidden", false),
            ("overflow-hidden", false),
            ("visually-hidden", false),
            ("hidden-xs", false),
            ("hid", false),
        ] {
            assert_eq!(hides_itself(token), hides, "{token}");
        }
    }

    /// [`has_noise_name`] as it read before [`read_value`] shared one split.
    fn noise_name_by_three_splits(value: &str) -> bool {
        static TOKENS: LazyWords = LazyWords::new(|| WordSet::new(NOISE_TOKENS));
        static WORDS: LazyWords = LazyWords::new(|| WordSet::new(NOISE_WORDS));
        let author_box = |token: &str| {
            let (mut author, mut boxed) = (false, false);
            any_token_word(token, true, &mut |w| {
                author |= w.eq_ignore_ascii_case("author") || w.eq_ignore_ascii_case("autor");
                boxed |= BOX_WORDS.iter().any(|b| w.eq_ignore_ascii_case(b));
                false
            });
            author && boxed
                || token.eq_ignore_ascii_case("authorbox")
                || starts_with_any(token, &["saboxplugin"])
        };
        value.split_ascii_whitespace().any(|token| {
            TOKENS.contains(token)
                || starts_noise(token)
                || author_box(token)
                || any_token_word(token, false, &mut |word| WORDS.contains(word))
        })
    }

    #[test]
    fn one_split_reads_as_the_separate_ones_did() {
        const PIECES: &[&str] = &[
            "author",
            "Box",
            "bio",
            "has",
            "No",
            "with",
            "hidden",
            "Hidden",
            "is",
            "-",
            "_",
            "--",
            "comment",
            "Comments",
            "share",
            "cookie",
            "Consent",
            "wp_rp",
            "saboxplugin",
            "sidebar2",
            "x",
            "2",
            "Ads",
            "ads",
            " ",
            "post",
            "Body",
            "authorbox",
            "AuthorBox",
            "one",
            "Mso",
            "é",
            "nav-links",
            "post-meta",
            "layer",
            "u",
            "js",
            "\t",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut value = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 7) {
                value.push_str(PIECES[(seed >> (8 + 5 * k)) as usize % PIECES.len()]);
            }
            let mut old = Vec::new();
            any_name_word(&value, |w| {
                old.push(w.to_string());
                false
            });
            let mut new = Vec::new();
            let widget = read_value(&value, |w| new.push(w.to_string()));
            old.sort();
            new.sort();
            assert_eq!(old, new, "{value:?}");
            assert_eq!(widget, noise_name_by_three_splits(&value), "{value:?}");
        }
    }

    #[test]
    fn words_split_at_separators_cases_and_digits() {
        let mut seen = Vec::new();
        any_name_word("postBody sidebar2 x--y_z", |w| {
            seen.push(w.to_string());
            false
        });
        assert_eq!(seen, ["post", "Body", "sidebar", "2", "x", "y", "z"]);
        assert!(any_name_word("disqus_thread", is_comment_word));
    }
}
