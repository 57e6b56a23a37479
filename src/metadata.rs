//! Page metadata from `<head>` and the body: title, author, date, lead image, base URL.

use crate::dom::{attr, descendants, tag, text_content, Dom};

/// Metadata found in the page markup (raw, not yet normalised or resolved).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct PageMeta {
    pub(crate) title: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) lead_image: Option<String>,
    pub(crate) base_href: Option<String>,
    pub(crate) canonical: Option<String>,
}

/// Reads the page's metadata. Title: `og:title`, `twitter:title`, `<title>`, first `<h1>`.
pub(crate) fn read(dom: &Dom) -> PageMeta {
    let mut meta = PageMeta::default();
    let (mut og_title, mut tw_title, mut title, mut h1) = (None, None, None, None);
    let mut site_name: Option<String> = None;
    for node in descendants(dom.root()) {
        let Some(name) = tag(node) else { continue };
        match name {
            "meta" => {
                let key = attr(node, "property")
                    .or_else(|| attr(node, "name"))
                    .or_else(|| attr(node, "itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(content) = attr(node, "content").map(clean).filter(|c| !c.is_empty())
                else {
                    continue;
                };
                let slot = match key.as_str() {
                    "og:site_name" | "application-name" => &mut site_name,
                    "og:title" => &mut og_title,
                    "twitter:title" => &mut tw_title,
                    "author" | "article:author" | "byl" | "dc.creator" => &mut meta.author,
                    "article:published_time"
                    | "datepublished"
                    | "pubdate"
                    | "publishdate"
                    | "dc.date"
                    | "dc.date.issued"
                    | "date"
                    | "og:published_time" => &mut meta.published,
                    "og:image" | "twitter:image" | "og:image:url" | "twitter:image:src" => {
                        &mut meta.lead_image
                    }
                    _ => continue,
                };
                slot.get_or_insert(content);
            }
            "title" if title.is_none() => {
                title = Some(clean(&text_content(node))).filter(|t| !t.is_empty());
            }
            "h1" if h1.is_none() => {
                h1 = Some(clean(&text_content(node))).filter(|t| !t.is_empty());
            }
            "base" if meta.base_href.is_none() => meta.base_href = attr(node, "href").map(clean),
            "link"
                if meta.canonical.is_none()
                    && attr(node, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                meta.canonical = attr(node, "href").map(clean);
            }
            _ => {}
        }
    }
    let title = title.map(|t| strip_site_name(&t, site_name.as_deref()));
    meta.title = og_title.or(tw_title).or(title).or(h1);
    meta
}

/// A `<title>` less its site-name part (`Headline - Site`, `Site | Headline`): the part
/// that is the `og:site_name`, else a trailing part shorter than the headline.
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    const SEPARATORS: &[&str] = &[" - ", " | ", " _ ", " – ", " — ", "——", "_", "|"];
    for sep in SEPARATORS {
        let Some((head, tail)) = title.rsplit_once(sep) else {
            continue;
        };
        let (head, tail) = (head.trim(), tail.trim());
        if head.is_empty() || tail.is_empty() {
            continue;
        }
        if let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) {
            if tail.eq_ignore_ascii_case(site) {
                return head.to_string();
            }
            if let Some((first, rest)) = title.split_once(sep) {
                if first.trim().eq_ignore_ascii_case(site) && !rest.trim().is_empty() {
                    return rest.trim().to_string();
                }
            }
        }
        if tail.chars().count() * 2 <= head.chars().count() {
            return head.to_string();
        }
        return title.to_string();
    }
    title.to_string()
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    #[test]
    fn title_precedence() {
        let t = |html: &str| read(&parse(html)).title;
        assert_eq!(
            t("<meta property='og:title' content='OG'><title>T</title><h1>H</h1>").as_deref(),
            Some("OG")
        );
        assert_eq!(t("<title> T  x </title><h1>H</h1>").as_deref(), Some("T x"));
        assert_eq!(t("<p>x</p><h1>H <b>1</b></h1>").as_deref(), Some("H 1"));
        assert_eq!(t("<p>x</p>"), None);
    }

    #[test]
    fn title_loses_its_site_name() {
        let t = |html: &str| read(&parse(html)).title;
        assert_eq!(
            t("<title>城区老旧小区改造工程全面启动 - 某某日报</title>").as_deref(),
            Some("城区老旧小区改造工程全面启动")
        );
        assert_eq!(
            t("<meta property='og:site_name' content='Daily'><title>Daily | A long headline here</title>").as_deref(),
            Some("A long headline here")
        );
        assert_eq!(
            t("<title>Ask HN | Jobs</title>").as_deref(),
            Some("Ask HN | Jobs")
        );
    }

    #[test]
    fn head_fields() {
        let m = read(&parse(
            "<head><base href='https://e.com/a/'><link rel=canonical href='https://e.com/p'>\
             <meta name=author content='Ann'><meta property='article:published_time' content='2021-01-02T03:04:05Z'>\
             <meta property='og:image' content='/i.jpg'></head>",
        ));
        assert_eq!(m.author.as_deref(), Some("Ann"));
        assert_eq!(m.published.as_deref(), Some("2021-01-02T03:04:05Z"));
        assert_eq!(m.lead_image.as_deref(), Some("/i.jpg"));
        assert_eq!(m.base_href.as_deref(), Some("https://e.com/a/"));
        assert_eq!(m.canonical.as_deref(), Some("https://e.com/p"));
    }
}
