//! Images: the real source behind lazy-load attributes, `srcset`, `<picture>` and proxies.

use super::trackers::is_tracker;
use crate::dom::{attr, tag, NodeRef};
use crate::url::{resolve, ProxyList};
use url::Url;

/// What URLs are resolved against.
pub(crate) struct UrlContext<'a> {
    pub(crate) base: Option<&'a Url>,
    pub(crate) proxies: &'a ProxyList,
}

/// An image as found in the markup, before its caption and block index are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawImage {
    pub(crate) url: String,
    pub(crate) alt: Option<String>,
    pub(crate) width: Option<u32>,
    pub(crate) height: Option<u32>,
}

/// Lazy-load attributes that hold the full-size image, most specific first.
/// They win over `src`, which lazy loaders fill with a placeholder or a thumbnail.
pub(crate) const LAZY_ATTRS: &[&str] = &[
    "data-original",
    "data-actualsrc",
    "data-lazy-src",
    "data-src",
    "data-original-src",
    "data-hi-res-src",
    "data-full-src",
    "data-lazyload",
    "data-lazy",
    "data-echo",
    "data-url",
    "zoomfile",
    "file",
];

/// Attributes that hold a `srcset`, most specific first.
pub(crate) const SRCSET_ATTRS: &[&str] = &["data-srcset", "data-lazy-srcset", "srcset"];

/// Attributes that give an image's width, then its height, most standard first.
pub(crate) const DIMENSION_ATTRS: &[&str] = &[
    "width",
    "data-width",
    "data-w",
    "height",
    "data-height",
    "data-h",
];

/// The image an `<img>` (or `<amp-img>`) element shows, when it has a real source.
pub(crate) fn image_of(node: NodeRef<'_>, ctx: &UrlContext<'_>) -> Option<RawImage> {
    let (widths, heights) = DIMENSION_ATTRS.split_at(3);
    let width = dimension(node, widths);
    let height = dimension(node, heights);
    // A tracking pixel, a spacer or a rule drawn as an image: not a picture. Its size may
    // be set in its inline style instead (`style="width:1px;height:1px"`).
    let tiny = |d: Option<u32>| d.is_some_and(|d| d <= 2);
    if tiny(width) || tiny(height) {
        return None;
    }
    if let Some(style) = attr(node, "style") {
        if tiny(style_px(style, "width")) || tiny(style_px(style, "height")) {
            return None;
        }
    }
    let url = source(node, ctx).filter(|u| !is_tracker(u))?;
    let alt = attr(node, "alt")
        .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|a| !a.is_empty());
    Some(RawImage {
        url,
        alt,
        width,
        height,
    })
}

fn source(node: NodeRef<'_>, ctx: &UrlContext<'_>) -> Option<String> {
    let usable = |raw: &str| -> Option<String> {
        if is_placeholder(raw) {
            None
        } else {
            resolve(raw, ctx.base, ctx.proxies)
        }
    };
    for name in LAZY_ATTRS {
        if let Some(url) = attr(node, name).and_then(usable) {
            return Some(url);
        }
    }
    for name in SRCSET_ATTRS {
        if let Some(url) = attr(node, name).and_then(best_in_srcset).and_then(usable) {
            return Some(url);
        }
    }
    // <picture><source srcset=…><img src=placeholder></picture>
    if let Some(parent) = node.parent().filter(|p| tag(*p) == Some("picture")) {
        for sibling in parent.children().filter(|c| tag(*c) == Some("source")) {
            for name in SRCSET_ATTRS {
                if let Some(url) = attr(sibling, name)
                    .and_then(best_in_srcset)
                    .and_then(usable)
                {
                    return Some(url);
                }
            }
        }
    }
    attr(node, "src").and_then(usable)
}

/// The widest candidate of a `srcset` (by `w`, then `x` descriptor; the first on ties).
fn best_in_srcset(srcset: &str) -> Option<&str> {
    let mut best: Option<(&str, f64)> = None;
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let url_end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let Some((mut url, after)) = rest.split_at_checked(url_end) else {
            break;
        };
        rest = after;
        let mut descriptor = "";
        if url.ends_with(',') {
            url = url.trim_end_matches(',');
        } else {
            let d_end = rest.find(',').unwrap_or(rest.len());
            let Some((d, after)) = rest.split_at_checked(d_end) else {
                break;
            };
            descriptor = d.trim();
            rest = after;
        }
        let score = descriptor
            .strip_suffix(['w', 'x'])
            .and_then(|n| n.trim().parse::<f64>().ok())
            .map(|n| {
                if descriptor.ends_with('w') {
                    n
                } else {
                    n * 1000.0
                }
            })
            .unwrap_or(1000.0);
        if !url.is_empty() && best.is_none_or(|(_, s)| score > s) {
            best = Some((url, score));
        }
    }
    best.map(|(u, _)| u)
}

/// Placeholders lazy loaders put in `src`: data URIs, blank/loading/spacer images.
fn is_placeholder(raw: &str) -> bool {
    let raw = raw.trim();
    if raw.is_empty() {
        return true;
    }
    let head = raw.get(..11).unwrap_or(raw).to_ascii_lowercase();
    if head.starts_with("data:") || head.starts_with("about:") || head.starts_with("blob:") {
        return true;
    }
    let path = raw.split(['?', '#']).next().unwrap_or(raw);
    let file = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let stem = file.split('.').next().unwrap_or(&file);
    const WORDS: &[&str] = &[
        "blank",
        "placeholder",
        "spacer",
        "loading",
        "lazy",
        "lazyload",
        "pixel",
        "transparent",
        "1x1",
        "grey",
        "gray",
        "empty",
        "clear",
        "loader",
        "spinner",
    ];
    stem.split(['-', '_']).any(|w| WORDS.contains(&w))
}

fn dimension(node: NodeRef<'_>, names: &[&str]) -> Option<u32> {
    names
        .iter()
        .find_map(|name| pixels(attr(node, name)?, Unit::Optional))
}

/// Whether a length needs its `px`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// An attribute: `100` or `100px`.
    Optional,
    /// CSS: `100px`, or `0` alone.
    Required,
}

/// A length in whole pixels: `100`, `100px`, `1.0` (as browsers read a dimension
/// attribute, the fraction dropped); `None` for `100%`, `auto`, `10em`.
fn pixels(value: &str, unit: Unit) -> Option<u32> {
    let value = value.trim();
    let digits_end = value
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(value.len());
    let (whole, rest) = value.split_at_checked(digits_end)?;
    let rest = match rest.strip_prefix('.') {
        Some(fraction) => fraction.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => rest,
    };
    let n = whole.parse::<u32>().ok()?;
    let rest = rest.trim();
    let unit_ok =
        rest.eq_ignore_ascii_case("px") || (rest.is_empty() && (unit == Unit::Optional || n == 0));
    unit_ok.then_some(n)
}

/// The `width` or `height` (`name`) an inline style gives in pixels, the last declaration
/// winning as in CSS.
fn style_px(style: &str, name: &str) -> Option<u32> {
    style
        .rsplit(';')
        .filter_map(|declaration| declaration.split_once(':'))
        .find(|(property, _)| property.trim().eq_ignore_ascii_case(name))
        .and_then(|(_, value)| {
            let value = value.trim();
            let value = strip_important(value).unwrap_or(value);
            pixels(value, Unit::Required)
        })
}

/// `value` without a trailing `!important`.
fn strip_important(value: &str) -> Option<&str> {
    let (rest, flag) = value.rsplit_once('!')?;
    flag.trim()
        .eq_ignore_ascii_case("important")
        .then(|| rest.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{descendants, parse};

    fn first_image(html: &str) -> Option<RawImage> {
        let dom = parse(html);
        let proxies = ProxyList::default();
        let base = Url::parse("https://site.test/post/").unwrap();
        let ctx = UrlContext {
            base: Some(&base),
            proxies: &proxies,
        };
        let img = descendants(dom.root()).find(|n| tag(*n) == Some("img"))?;
        image_of(img, &ctx)
    }

    fn url_of(html: &str) -> Option<String> {
        first_image(html).map(|i| i.url)
    }

    #[test]
    fn lazy_attribute_wins_over_thumbnail_src() {
        assert_eq!(
            url_of(r#"<img src="/thumb_200.jpg" data-original="/full.jpg">"#).as_deref(),
            Some("https://site.test/full.jpg")
        );
        assert_eq!(
            url_of(r#"<img src="data:image/gif;base64,R0lG" data-src="a.png">"#).as_deref(),
            Some("https://site.test/post/a.png")
        );
    }

    #[test]
    fn placeholders_are_ignored() {
        assert_eq!(url_of(r#"<img src="/img/loading.gif">"#), None);
        assert_eq!(
            url_of(r#"<img src="/static/blank.gif" data-lazy-src="/x.jpg">"#).as_deref(),
            Some("https://site.test/x.jpg")
        );
        assert_eq!(url_of(r#"<img src="/a.gif" width="1" height="1">"#), None);
        assert_eq!(url_of(r#"<img src="javascript:alert(1)">"#), None);
    }

    #[test]
    fn srcset_takes_the_widest() {
        assert_eq!(
            url_of(r#"<img srcset="/s.jpg 300w, /l.jpg 1200w, /m.jpg 800w">"#).as_deref(),
            Some("https://site.test/l.jpg")
        );
        assert_eq!(
            url_of(r#"<img data-srcset="/a,w_1.jpg 1x, /a,w_2.jpg 2x" src="data:,">"#).as_deref(),
            Some("https://site.test/a,w_2.jpg")
        );
        assert_eq!(
            url_of(r#"<picture><source srcset="/p.webp 2x"><img src="/spacer.gif"></picture>"#)
                .as_deref(),
            Some("https://site.test/p.webp")
        );
    }

    #[test]
    fn dimensions_and_alt() {
        let img =
            first_image(r#"<img src="/a.jpg" data-width="845" data-height="468px" alt="  图 1 ">"#)
                .unwrap();
        assert_eq!((img.width, img.height), (Some(845), Some(468)));
        assert_eq!(img.alt.as_deref(), Some("图 1"));
        let img = first_image(r#"<img src="/a.jpg" width="100%">"#).unwrap();
        assert_eq!(img.width, None);
        let img = first_image(r#"<img src="/a.jpg" width="640.0" height=" 480.5px ">"#).unwrap();
        assert_eq!((img.width, img.height), (Some(640), Some(480)));
    }

    #[test]
    fn one_pixel_image_sized_in_style_or_with_a_fraction_is_not_an_image() {
        for img in [
            r#"<img src="/t.jpg" style="width:1px;height:1px">"#,
            r#"<img src="/t.jpg" style="border:0; WIDTH : 1PX ; height: 1px !important">"#,
            r#"<img src="/t.jpg" style="width:0;height:0">"#,
            r#"<img src="/t.jpg" width="1.0" height="1.0">"#,
        ] {
            assert!(first_image(img).is_none(), "{img}");
        }
        for img in [
            r#"<img src="/a.jpg" style="width:100%;height:auto">"#,
            r#"<img src="/a.jpg" style="max-width:1px;width:300px">"#,
            r#"<img src="/a.jpg" style="width:1em">"#,
            r#"<img src="/a.jpg" style="width:1">"#,
            r#"<img src="/a.jpg" style="width:1px;width:640px">"#,
        ] {
            assert!(first_image(img).is_some(), "{img}");
        }
    }
}
