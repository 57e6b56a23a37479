//! Page metadata from `<head>` and the body: title, author, date, lead image, language,
//! base and canonical URLs, and the JSON-LD `articleBody` (a hint for the selection).

mod authors;
mod dates;
mod jsonld;

use crate::dom::{attr, descendants, tag, text_content, Dom, NodeRef};
use crate::url::clean_attr;

/// Metadata found in the page markup (raw, not yet normalised or resolved).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct PageMeta {
    pub(crate) title: Option<String>,
    pub(crate) author: Option<String>,
    /// The publication date as structured data states it (`article:published_time`,
    /// JSON-LD `datePublished`), raw.
    pub(crate) stated: Option<String>,
    /// The last-modified date as structured data states it (`article:modified_time`,
    /// `og:updated_time`, JSON-LD `dateModified`), raw.
    pub(crate) modified: Option<String>,
    /// The site's name: `og:site_name`, `application-name`, JSON-LD `publisher`.
    pub(crate) site_name: Option<String>,
    /// The page's own summary: `og:description`, `twitter:description`, `description`.
    pub(crate) description: Option<String>,
    /// The best `<time datetime>`, raw, with its rank ([`time_rank`]).
    pub(crate) time: Option<(u8, String)>,
    /// A date meta of a less precise kind (`pubdate`, `DC.date`…), raw.
    pub(crate) other_date: Option<String>,
    /// The date line a reader sees near the headline ([`dates::Shown`]): its day, and
    /// the same as RFC 3339 (with its time of day, if it gives one).
    pub(crate) shown: Option<(jiff::civil::Date, String)>,
    pub(crate) lead_image: Option<String>,
    pub(crate) base_href: Option<String>,
    pub(crate) canonical: Option<String>,
    /// `og:url`: the canonical URL when no `<link rel=canonical>` gives one.
    pub(crate) og_url: Option<String>,
    /// A BCP 47 tag (`zh-CN`, `en`).
    pub(crate) language: Option<String>,
    /// JSON-LD `articleBody`: the article's text as the publisher states it.
    pub(crate) body_hint: Option<String>,
}

/// A description longer than this (bytes) is not a summary.
const MAX_DESCRIPTION: usize = 4096;

/// `<h1>`s read (the first ones).
const MAX_HEADINGS: usize = 8;

/// Width (a wide character counting two) an `<h1>` needs to be taken as the headline.
const HEADLINE_WIDTH: usize = 15;

/// Byline elements whose text is read (each read walks the element's subtree).
const MAX_BYLINES: usize = 16;

/// `<time datetime>` elements looked at (the first ones in the page).
const MAX_TIMES: usize = 64;

/// Reads the page's metadata, each field from the first source that has it:
///
/// - title: the first `<h1>` (when it is at least [`HEADLINE_WIDTH`] wide and not the site's
///   name), `og:title`, `twitter:title`, JSON-LD `headline`, `<title>` (less the site name),
///   any `<h1>`;
/// - author: `<meta name=author>`, `article:author` (unless a URL), other author metas,
///   JSON-LD `author`, byline markup (`rel=author`, `itemprop=author`);
/// - published: `article:published_time`, JSON-LD `datePublished`, `<time datetime>`
///   (marked as the publication date, else the first after the headline or in the
///   `<article>`), other date metas;
/// - lead image: `og:image`, `twitter:image`, JSON-LD `image`;
/// - language: `<html lang>`, JSON-LD `inLanguage`, `og:locale`, `content-language`.
pub(crate) fn read(dom: &Dom, base: Option<&::url::Url>) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut m = Metas::default();
    let (mut title, mut h1, mut html_lang) = (None, None, None);
    let mut ld = jsonld::LdMeta::default();
    let mut byline: Option<String> = None;
    let mut bylines = 0;
    // The best `<time datetime>` so far, with its rank (higher is better).
    let mut time: Option<(u8, String)> = None;
    let mut times = 0;
    let mut shown = dates::Shown::default();
    // The page's `<h1>`s, each with whether it stands in the page's furniture.
    let mut h1s: Vec<(String, bool)> = Vec::new();
    let mut shown_byline = authors::Bylines::default();
    let mut headline: Option<NodeRef<'_>> = None;
    let mut month_first = false;
    for node in descendants(dom.root()) {
        shown.visit(node, headline, month_first);
        shown_byline.visit(node, headline);
        let Some(name) = tag(node) else { continue };
        match name {
            "html" if html_lang.is_none() => {
                html_lang = attr(node, "lang").map(clean);
                month_first = html_lang.as_deref().is_some_and(writes_month_first);
            }
            "meta" => m.add(node),
            "title" if title.is_none() => {
                title = Some(clean(&text_content(node))).filter(|t| !t.is_empty());
            }
            "h1" if h1s.len() < MAX_HEADINGS => {
                let text = clean(&headline_text(node));
                if h1.is_none() {
                    // The dates and bylines after it are read from the first `<h1>` on
                    // (an empty one too, until one with text comes).
                    headline = Some(node);
                    h1 = Some(text.clone()).filter(|t| !t.is_empty());
                }
                if !text.is_empty() {
                    h1s.push((text, is_furniture(node)));
                }
            }
            "base" if meta.base_href.is_none() => {
                meta.base_href = attr(node, "href").map(clean_attr)
            }
            "link" => {
                let rel = attr(node, "rel").unwrap_or("");
                if meta.canonical.is_none() && reads_link(rel) {
                    meta.canonical = attr(node, "href").map(clean_attr).filter(|h| !h.is_empty());
                }
            }
            "script"
                if attr(node, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                ld.read_script(&text_content(node));
            }
            "time" if times < MAX_TIMES => {
                times += 1;
                if let Some(value) = attr(node, "datetime").map(clean).filter(|v| looks_dated(v)) {
                    let rank = time_rank(node, h1.is_some());
                    if time.as_ref().is_none_or(|(best, _)| rank > *best) {
                        time = Some((rank, value));
                    }
                }
            }
            "a" | "span" | "div" | "p"
                if byline.is_none() && bylines < MAX_BYLINES && is_byline(node) =>
            {
                bylines += 1;
                byline = Some(clean(&text_content(node)))
                    .filter(|t| !t.is_empty() && t.chars().count() <= 80);
            }
            _ => {}
        }
    }
    let raw_title = title.clone();
    let title = title.map(|t| {
        let t = strip_site_name(t, m.site_name.as_deref());
        // `<title>` is the headline plus more (`Headline：Section`): the `<h1>` says where
        // the headline ends.
        match &h1 {
            Some(h) if h.chars().count() >= 4 && t.len() > h.len() && t.starts_with(h.as_str()) => {
                h.clone()
            }
            _ => t,
        }
    });
    // The visible headline first: `og:title` and `<title>` are written for sharing and
    // search, and name the site more often than the article. A short `<h1>` is a logo
    // or a section name.
    let host = meta
        .canonical
        .as_deref()
        .or(m.og_url.as_deref())
        .and_then(|u| ::url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_string))
        .or_else(|| base.and_then(|b| b.host_str().map(str::to_string)));
    let site = m.site_name.as_deref();
    let is_site = |a: &str| authors::is_site(a, site, host.as_deref(), raw_title.as_deref());
    // The visible headline first: `og:title` and `<title>` are written for sharing and
    // search, and name the site more often than the article. Of the `<h1>`s, one outside
    // the header, menus and links, at least [`HEADLINE_WIDTH`] wide (shorter is a logo or
    // a section's name) and not the site's name; the one `og:title` or `<title>` also
    // says, else the first.
    let fits = |h: &str| {
        let width: usize = h.chars().map(|c| if c > '\u{2E80}' { 2 } else { 1 }).sum();
        // (A part of `<title>` is no sign here: `Site | Headline` has the headline as one.)
        (HEADLINE_WIDTH..=600).contains(&width) && !authors::is_site(h, site, host.as_deref(), None)
    };
    let titled = |h: &str| {
        let h = h.to_lowercase();
        [m.og_title.as_deref(), raw_title.as_deref()]
            .into_iter()
            .flatten()
            .any(|t| t.to_lowercase().contains(&h))
    };
    let candidates: Vec<&String> = h1s
        .iter()
        .filter(|(h, furniture)| !furniture && fits(h))
        .map(|(h, _)| h)
        .collect();
    let headline = candidates
        .iter()
        .find(|h| titled(h))
        .or(candidates.first())
        .map(|h| h.to_string());
    meta.title = headline
        .or(m.og_title)
        .or(m.tw_title)
        .or(ld.headline.map(|t| clean(&t)))
        .or(title)
        .or(h1);
    // `Site - Name`: the site's part goes.
    let person = |a: &str| {
        let kept: Vec<&str> = a.split(" - ").filter(|p| !is_site(p.trim())).collect();
        authors::clean(kept.first().copied().unwrap_or(a))
    };
    // The first person named; the site's own name only when no source names a person.
    let found: Vec<String> = [
        m.author.as_deref(),
        m.article_author.as_deref().filter(|a| !is_url(a)),
        m.other_author.as_deref().filter(|a| !is_url(a)),
        ld.author.as_deref(),
        shown_byline.author().as_deref(),
        byline.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter_map(person)
    .collect();
    meta.author = found
        .iter()
        .find(|a| !is_site(a))
        .or(found.first())
        .cloned();
    // The article's own metas, its JSON-LD, then a tool's metas.
    let (own, tools) = match m.published {
        Some((0, d)) => (Some(d), None),
        other => (None, other.map(|(_, d)| d)),
    };
    meta.stated = own.or(ld.published.map(|d| clean(&d))).or(tools);
    meta.modified = m.modified.or(ld.modified.map(|d| clean(&d)));
    meta.site_name = m.site_name.clone().or(ld.publisher.map(|p| clean(&p)));
    meta.description = m
        .og_description
        .or(m.tw_description)
        .or(m.description)
        .filter(|d| d.len() <= MAX_DESCRIPTION);
    meta.time = time;
    meta.other_date = m.other_date;
    meta.shown = shown.date().zip(shown.shown());
    meta.lead_image = m.image.or(ld.image.map(|i| clean_attr(&i)));
    meta.language = [html_lang, ld.language, m.locale, m.content_language]
        .into_iter()
        .flatten()
        .find_map(|l| language_tag(&l));
    meta.og_url = m.og_url;
    meta.body_hint = ld.body;
    meta
}

impl PageMeta {
    /// The publication date, raw: structured data's (unless a date the page shows, or
    /// its URL states, is a day from it and neither agrees with it: the structured value
    /// is then in another zone than the page's own, UTC most often), else a `<time
    /// datetime>` after the headline or marked as such, else the URL's date, else the date
    /// line shown, else any other `<time>` or date meta. `url_date`: the date the page's
    /// URL states.
    pub(crate) fn published(&self, url_date: Option<jiff::civil::Date>) -> Option<String> {
        let url = url_date.map(|d| (d, d.to_string()));
        let seen = url.clone().or_else(|| self.shown.clone());
        // A stated value no reader can read is no date (`published left empty` otherwise).
        let stated = self.stated.as_ref().and_then(|s| Some((s, read_date(s)?)));
        if let Some((stated, read)) = stated {
            let day: Option<jiff::civil::Date> = read.get(..10).and_then(|d| d.parse().ok());
            let others = [&url, &self.shown];
            if let Some(day) = day {
                // A source that agrees keeps the stated value; else one a day off wins.
                let agrees = others
                    .iter()
                    .any(|o| o.as_ref().is_some_and(|(d, _)| *d == day));
                let off = others.iter().find_map(|o| {
                    o.as_ref()
                        .filter(|(d, _)| (day - *d).get_days().abs() == 1)
                        .map(|(_, text)| text.clone())
                });
                if let (false, Some(off)) = (agrees, off) {
                    return Some(off);
                }
            }
            return Some(stated.clone());
        }
        if let Some((rank, t)) = &self.time {
            if *rank >= 2 {
                return Some(t.clone());
            }
        }
        seen.map(|(_, text)| text)
            .or_else(|| self.time.as_ref().map(|(_, t)| t.clone()))
            .or_else(|| self.other_date.clone())
    }
}

/// A date in any spelling the metadata reads: [`crate::date::parse`]'s, else a date as
/// pages show one (`11.11.2021`, `31. Mai 2012`).
pub(crate) fn read_date(raw: &str) -> Option<String> {
    crate::date::parse(raw).or_else(|| dates::in_text(raw, false).map(|d| d.to_string()))
}

/// The names in an author value ([`authors::split`]).
pub(crate) fn split_authors(author: &str) -> Vec<String> {
    authors::split(author)
}

/// The date a URL's path states (`/2012/05/31/`).
pub(crate) fn url_date(path: &str) -> Option<jiff::civil::Date> {
    dates::in_url(path)
}

/// Whether a language writes `5/6/2012` month first (the United States' English).
fn writes_month_first(lang: &str) -> bool {
    lang.eq_ignore_ascii_case("en") || lang.to_ascii_lowercase().starts_with("en-us")
}

/// What a `<meta>` says, by its key (`property`, else `name`, `itemprop`, `http-equiv`).
#[derive(Clone, Copy)]
enum MetaField {
    SiteName,
    OgTitle,
    TwitterTitle,
    Author,
    ArticleAuthor,
    OtherAuthor,
    /// A publication date, with its rank: 0 the article's own, 1 a tool's.
    Published(u8),
    Modified,
    OgDescription,
    TwitterDescription,
    Description,
    OtherDate,
    Image,
    OgUrl,
    Locale,
    ContentLanguage,
}

/// The field a `<meta>` with this (lower-case) key fills, if any is read. The DOM
/// pre-pass leaves out the `<meta>` tags this says no to.
pub(crate) fn reads_meta(key: &str) -> bool {
    meta_field(key).is_some()
}

fn meta_field(key: &str) -> Option<MetaField> {
    use MetaField::*;
    Some(match key {
        "og:site_name" | "application-name" => SiteName,
        "og:title" => OgTitle,
        "twitter:title" => TwitterTitle,
        "author" => Author,
        "article:author" => ArticleAuthor,
        "byl" | "dc.creator" | "sailthru.author" | "parsely-author" => OtherAuthor,
        // The article's own date, as its markup states it.
        "article:published_time"
        | "og:article:published_time"
        | "og:published_time"
        | "article:published"
        | "datepublished"
        | "publication_date"
        | "article.published" => Published(0),
        // An analytics or mailing tool's (`sailthru.date` is the last change on some
        // sites): read when the article's own says nothing.
        "parsely-pub-date" | "sailthru.date" | "og:pubdate" | "pub_date" | "publish-date"
        | "published_at" => Published(1),
        "article:modified_time"
        | "og:article:modified_time"
        | "article:modified"
        | "og:updated_time"
        | "datemodified"
        | "dcterms.modified" => Modified,
        "og:description" => OgDescription,
        "twitter:description" => TwitterDescription,
        "description" | "dc.description" => Description,
        "pubdate" | "publishdate" | "dc.date" | "dc.date.issued" | "dc.date.created"
        | "dcterms.date" | "dcterms.created" | "dcterms.issued" | "date" => OtherDate,
        "og:image" | "twitter:image" | "og:image:url" | "twitter:image:src" => Image,
        "og:url" => OgUrl,
        "og:locale" => Locale,
        "content-language" | "language" | "dc.language" => ContentLanguage,
        _ => return None,
    })
}

/// Whether a `<link>` with this `rel` is read (the canonical URL).
pub(crate) fn reads_link(rel: &str) -> bool {
    rel.eq_ignore_ascii_case("canonical")
}

/// The `<meta>` values read, by what they say.
#[derive(Default)]
struct Metas {
    site_name: Option<String>,
    og_title: Option<String>,
    tw_title: Option<String>,
    author: Option<String>,
    article_author: Option<String>,
    other_author: Option<String>,
    /// The best-ranked publication date (see [`MetaField::Published`]).
    published: Option<(u8, String)>,
    modified: Option<String>,
    og_description: Option<String>,
    tw_description: Option<String>,
    description: Option<String>,
    other_date: Option<String>,
    image: Option<String>,
    og_url: Option<String>,
    locale: Option<String>,
    content_language: Option<String>,
}

impl Metas {
    fn add(&mut self, node: NodeRef<'_>) {
        let key = attr(node, "property")
            .or_else(|| attr(node, "name"))
            .or_else(|| attr(node, "itemprop"))
            .or_else(|| attr(node, "http-equiv"))
            .unwrap_or("")
            .to_ascii_lowercase();
        let Some(field) = meta_field(&key) else {
            return;
        };
        // A URL keeps its own reading: tabs and newlines removed, not turned into spaces.
        let read = match field {
            MetaField::Image | MetaField::OgUrl => clean_attr,
            _ => clean,
        };
        let Some(content) = attr(node, "content").map(read).filter(|c| !c.is_empty()) else {
            return;
        };
        if let MetaField::Published(rank) = field {
            if self.published.as_ref().is_none_or(|(best, _)| rank < *best) {
                self.published = Some((rank, content));
            }
            return;
        }
        let slot = match field {
            MetaField::SiteName => &mut self.site_name,
            MetaField::OgTitle => &mut self.og_title,
            MetaField::TwitterTitle => &mut self.tw_title,
            MetaField::Author => &mut self.author,
            MetaField::ArticleAuthor => &mut self.article_author,
            MetaField::OtherAuthor => &mut self.other_author,
            MetaField::Published(_) => return,
            MetaField::Modified => &mut self.modified,
            MetaField::OgDescription => &mut self.og_description,
            MetaField::TwitterDescription => &mut self.tw_description,
            MetaField::Description => &mut self.description,
            MetaField::OtherDate => &mut self.other_date,
            MetaField::Image => &mut self.image,
            MetaField::OgUrl => &mut self.og_url,
            MetaField::Locale => &mut self.locale,
            MetaField::ContentLanguage => &mut self.content_language,
        };
        slot.get_or_insert(content);
    }
}

/// Whether a heading stands in the page's furniture: in a link (a logo), a `<nav>`,
/// `<aside>` or `<footer>`, or the page's `<header>` (not an article's: one inside an
/// `<article>` or `<main>` holds its headline).
fn is_furniture(node: NodeRef<'_>) -> bool {
    for a in node.ancestors().take(16) {
        match tag(a) {
            Some("article" | "main") => return false,
            Some("nav" | "aside" | "footer" | "a") => return true,
            _ => {}
        }
    }
    false
}

/// A headline's text, less its date line ([`dates::dates_the_headline`]).
fn headline_text(node: NodeRef<'_>) -> String {
    let mut out = String::new();
    crate::dom::walk(
        node,
        |n| {
            if let Some(t) = crate::dom::text(n) {
                out.push_str(t);
            } else if tag(n).is_some() && dates::dates_the_headline(n) {
                return crate::dom::Flow::Skip;
            }
            crate::dom::Flow::Descend
        },
        |_| {},
    );
    out
}

/// Whether a `<time datetime>` value holds a date (not a duration such as `PT5M`).
fn looks_dated(v: &str) -> bool {
    v.len() >= 8 && v.as_bytes()[..4].iter().all(u8::is_ascii_digit)
}

/// How likely a `<time>` is the publication date: marked as such (3), after the
/// headline (2), inside an `<article>` (1), elsewhere (0).
fn time_rank(node: NodeRef<'_>, after_h1: bool) -> u8 {
    let marked = attr(node, "pubdate").is_some()
        || attr(node, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
        || attr(node, "class").is_some_and(|c| c.to_ascii_lowercase().contains("publish"));
    if marked {
        return 3;
    }
    if after_h1 {
        return 2;
    }
    // Bounded: only the first MAX_TIMES `<time>`s look at their ancestors.
    let in_article = node.ancestors().take(64).any(|a| tag(a) == Some("article"));
    u8::from(in_article)
}

/// Byline markup: `rel=author` or `itemprop=author` (or its `name` inside).
fn is_byline(node: NodeRef<'_>) -> bool {
    attr(node, "rel").is_some_and(|r| r.eq_ignore_ascii_case("author"))
        || (attr(node, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("author"))
            && !descendants(node).any(|n| attr(n, "itemprop").is_some()))
        || (attr(node, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("name"))
            && node.parent().is_some_and(|p| {
                attr(p, "itemprop").is_some_and(|v| v.eq_ignore_ascii_case("author"))
            }))
}

fn is_url(s: &str) -> bool {
    let s = s.trim_start();
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

/// A well-formed BCP 47 language tag (`en`, `zh-CN`, `zh-Hant-TW`) from any source the
/// metadata reads, with `_` read as `-` (`og:locale` writes `zh_CN`); `None` for anything
/// else: `UTF-8` in a `Content-Language`, `text/html`, `*`, an empty value. Well-formed is
/// RFC 5646's syntax ([`well_formed_language_tag`]); a value that is an encoding label
/// (`windows-1252` has that shape) is refused too.
fn language_tag(raw: &str) -> Option<String> {
    let tag = raw.trim().replace('_', "-");
    let ok = tag.len() <= 35
        && well_formed_language_tag(&tag)
        && encoding_rs::Encoding::for_label(tag.as_bytes()).is_none();
    ok.then_some(tag)
}

/// Whether `tag` has the syntax of RFC 5646 §2.1 `langtag` (the registry is not
/// consulted): a primary language of 2–8 letters, up to three 3-letter extended
/// language subtags (after a 2–3 letter primary), a 4-letter script, a region (2 letters
/// or 3 digits), variants (5–8 alphanumerics, or a digit and 3), extensions (a singleton
/// and subtags of 2–8), private use (`x` and subtags of 1–8). Case is not checked.
fn well_formed_language_tag(tag: &str) -> bool {
    fn alpha(s: &str) -> bool {
        s.bytes().all(|b| b.is_ascii_alphabetic())
    }
    fn alnum(s: &str) -> bool {
        s.bytes().all(|b| b.is_ascii_alphanumeric())
    }
    let mut subtags = tag.split('-').peekable();
    let Some(language) = subtags.next() else {
        return false;
    };
    if !(2..=8).contains(&language.len()) || !alpha(language) {
        return false;
    }
    let mut take = |ok: &dyn Fn(&str) -> bool| -> bool {
        let next = subtags.next_if(|s| ok(s));
        next.is_some()
    };
    if language.len() <= 3 {
        for _ in 0..3 {
            if !take(&|s| s.len() == 3 && alpha(s)) {
                break;
            }
        }
    }
    take(&|s| s.len() == 4 && alpha(s));
    take(&|s| {
        (s.len() == 2 && alpha(s)) || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
    });
    while take(&|s| {
        alnum(s)
            && ((5..=8).contains(&s.len())
                || (s.len() == 4 && s.as_bytes().first().is_some_and(u8::is_ascii_digit)))
    }) {}
    // Extensions, then private use: each a singleton and at least one subtag.
    while let Some(singleton) = subtags.next() {
        if singleton.len() != 1 || !alnum(singleton) {
            return false;
        }
        let private = singleton.eq_ignore_ascii_case("x");
        let mut count = 0;
        while let Some(s) = subtags.next_if(|s| private || s.len() != 1) {
            let len_ok = if private {
                (1..=8).contains(&s.len())
            } else {
                (2..=8).contains(&s.len())
            };
            if !len_ok || !alnum(s) {
                return false;
            }
            count += 1;
        }
        if count == 0 {
            return false;
        }
    }
    true
}

/// A `<title>` less its site-name part (`Headline - Site`, `Site | Headline`): the part
/// that is the `og:site_name`, else a trailing part shorter than the headline.
fn strip_site_name(title: String, site: Option<&str>) -> String {
    const SEPARATORS: &[&str] = &[
        " - ", " | ", " _ ", " – ", " — ", " » ", "——", "--", "_", "|",
    ];
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
        if tail.chars().count() * 2 > head.chars().count() {
            return title;
        }
        // `Headline_Section_Site`: short parts keep coming off the end.
        let mut head = head;
        for _ in 0..3 {
            match head.rsplit_once(sep) {
                Some((h, t))
                    if !h.trim().is_empty()
                        && t.trim().chars().count() * 2 <= h.trim().chars().count() =>
                {
                    head = h.trim();
                }
                _ => break,
            }
        }
        return head.to_string();
    }
    title
}

/// `s` with its whitespace runs made single spaces and its ends trimmed. Written word by
/// word: a list of the words first took 16 bytes a word (134 MB for a 10 MB `<title>`).
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn read_page(dom: &Dom) -> PageMeta {
        read(dom, None)
    }

    fn shown(html: &str) -> (Option<String>, Option<String>) {
        let m = read_page(&parse(html));
        (m.title.clone(), m.published(None))
    }

    #[test]
    fn date_lines_by_their_place() {
        // A kicker date just before the headline.
        let (_, d) = shown(
            "<body><small>31.01.2022 Liga</small><h1>A headline of some width</h1><p>Text.</p>",
        );
        assert_eq!(d.as_deref(), Some("2022-01-31"));
        // A date line inside the headline is its date, not its title.
        let (t, d) = shown(
            "<body><h1>A headline of some width<br><small>\n  02.02.2022\n  • Presse</small></h1>",
        );
        assert_eq!(t.as_deref(), Some("A headline of some width"));
        assert_eq!(d.as_deref(), Some("2022-02-02"));
        // A post wrapper whose class names a date (`status-publish`) is no date line.
        let long = "Prose that goes on. ".repeat(20);
        let (_, d) = shown(&format!(
            "<body><div class='post status-publish'><h1>A headline of some width</h1>\
             <p>January 22, 2014</p><p>{long}</p></div>"
        ));
        assert_eq!(d.as_deref(), Some("2014-01-22"));
        // A teaser far below, in the same template, does not replace the page's date.
        let (_, d) = shown(&format!(
            "<body><div><div><span class=headline-date>02. November 2021</span></div></div>\
             <div><h1>A headline of some width</h1><p>{long}</p></div>\
             <div><div><div><div><span class=headline-date>16.02.2022</span></div></div></div></div>"
        ));
        assert_eq!(d.as_deref(), Some("2021-11-02"));
        // A clock in the site's header is no date.
        let (_, d) = shown(
            "<body><header><nav><time>Mittwoch, 01. November 2023</time></nav></header>\
             <p><span class=text_datum>31. Oktober 2023.</span> Text.</p>",
        );
        assert_eq!(d.as_deref(), Some("2023-10-31"));
        // Russian months.
        let (_, d) = shown(
            "<body><p class=date>15 августа 2016, 13:43</p><h1>A headline of some width</h1>",
        );
        assert_eq!(d.as_deref().and_then(|d| d.get(..10)), Some("2016-08-15"));
    }

    #[test]
    fn the_articles_own_date_meta_beats_a_tools() {
        let m = read_page(&parse(
            "<head><meta name=sailthru.date content=2020-01-20T09:49:32Z>\
             <meta property=og:article:published_time content=2020-01-19T12:25:36Z></head>",
        ));
        assert_eq!(m.published(None).as_deref(), Some("2020-01-19T12:25:36Z"));
    }

    #[test]
    fn title_precedence() {
        let t = |html: &str| read_page(&parse(html)).title;
        assert_eq!(
            t("<meta property='og:title' content='OG'><title>T</title><h1>H</h1>").as_deref(),
            Some("OG")
        );
        assert_eq!(t("<title> T  x </title><h1>H</h1>").as_deref(), Some("T x"));
        assert_eq!(t("<p>x</p><h1>H <b>1</b></h1>").as_deref(), Some("H 1"));
        assert_eq!(t("<p>x</p>"), None);
    }

    #[test]
    fn the_title_is_the_visible_headline_not_a_logo_or_the_sites_name() {
        let t = |html: &str| read_page(&parse(html)).title;
        // og:title worded for sharing: the page's own headline wins.
        assert_eq!(
            t(
                "<meta property=og:title content='Dubai: the biggest plant - Solar'>\
               <h1>The biggest solar thermal plant rises in Dubai</h1>"
            )
            .as_deref(),
            Some("The biggest solar thermal plant rises in Dubai")
        );
        // A logo (in a link), the site's name, a menu's heading and a short section name
        // are passed over.
        assert_eq!(
            t(
                "<meta property=og:site_name content='Federal Customs Office'>\
               <h1><a href=/>Customs</a></h1><h1>Federal Customs Office</h1>\
               <nav><h1>Navigation and service</h1></nav><h1>News</h1>\
               <h1>New tobacco tax law published in the gazette</h1>"
            )
            .as_deref(),
            Some("New tobacco tax law published in the gazette")
        );
        // Of several, the one `<title>` also says.
        assert_eq!(
            t("<title>Bridge reopens after repairs | Daily</title>\
               <h1>Most read stories this week</h1><h1>Bridge reopens after repairs</h1>")
            .as_deref(),
            Some("Bridge reopens after repairs")
        );
    }

    #[test]
    fn title_loses_its_site_name() {
        let t = |html: &str| read_page(&parse(html)).title;
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
        assert_eq!(
            t("<title>我市新建三座口袋公园本月开放_新闻中心_江城在线</title>").as_deref(),
            Some("我市新建三座口袋公园本月开放")
        );
        assert_eq!(
            t("<title>县级融媒体中心建设取得新进展--地方新闻</title>").as_deref(),
            Some("县级融媒体中心建设取得新进展")
        );
    }

    #[test]
    fn a_person_is_preferred_to_the_sites_name_which_stays_when_no_one_is_named() {
        let author = |html: &str| read_page(&parse(html)).author;
        let head = "<meta name=author content='Daily Post'><meta property=og:site_name content='Daily Post'>";
        assert_eq!(
            author(&format!(
                "{head}<h1>T</h1><p class=byline>By <a href=/j>Jane Roe</a></p>"
            ))
            .as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(
            author(&format!("{head}<h1>T</h1><p>Text.</p>")).as_deref(),
            Some("Daily Post")
        );
        assert_eq!(author("<h1>T</h1><p>Powered by WordPress</p>"), None);
    }

    #[test]
    fn head_fields() {
        let m = read_page(&parse(
            "<head><base href='https://e.com/a/'><link rel=canonical href='https://e.com/p'>\
             <meta name=author content='Ann'><meta property='article:published_time' content='2021-01-02T03:04:05Z'>\
             <meta property='og:image' content='/i.jpg'></head>",
        ));
        assert_eq!(m.author.as_deref(), Some("Ann"));
        assert_eq!(m.published(None).as_deref(), Some("2021-01-02T03:04:05Z"));
        assert_eq!(m.lead_image.as_deref(), Some("/i.jpg"));
        assert_eq!(m.base_href.as_deref(), Some("https://e.com/a/"));
        assert_eq!(m.canonical.as_deref(), Some("https://e.com/p"));
    }

    #[test]
    fn json_ld_and_body_sources() {
        let m = read_page(&parse(
            r#"<html lang="zh_CN"><head><meta property='article:author' content='https://fb.com/x'>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"LD head",
            "author":{"name":"Dan"},"datePublished":"2020-05-06","image":"https://e.com/i.jpg",
            "articleBody":"Body."}</script><title>T - Site</title></head><body>
            <time datetime="2019-01-01">old</time><h1>H</h1><time datetime="PT5M">5 min</time>
            <time datetime="2020-05-07T08:00">today</time></body></html>"#,
        ));
        assert_eq!(m.title.as_deref(), Some("LD head"));
        assert_eq!(m.author.as_deref(), Some("Dan"));
        assert_eq!(m.published(None).as_deref(), Some("2020-05-06"));
        assert_eq!(m.lead_image.as_deref(), Some("https://e.com/i.jpg"));
        assert_eq!(m.language.as_deref(), Some("zh-CN"));
        assert_eq!(m.body_hint.as_deref(), Some("Body."));
        let m = read_page(&parse(
            "<meta property=og:locale content=en_GB><time datetime='2019-01-01'>x</time><h1>H</h1>\
             <p>By <a rel=author href=/a>Eve Moss</a></p><time datetime='2020-05-07'>y</time>",
        ));
        assert_eq!(m.published(None).as_deref(), Some("2020-05-07"));
        assert_eq!(m.author.as_deref(), Some("Eve Moss"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn content_language_utf8_is_not_a_language() {
        let lang = |html: &str| read_page(&parse(html)).language;
        // The shape that was reported as the page's language.
        assert_eq!(
            lang(r#"<meta http-equiv="Content-Language" content="UTF-8"><p>x</p>"#),
            None
        );
        // The same values from every source the metadata reads.
        for bad in [
            "UTF-8",
            "utf8",
            "text/html",
            "*",
            "",
            " ",
            "windows-1252",
            "gb2312",
            "zh-",
            "-en",
            "en--us",
            "en-8",
            "x-private",
            "i-klingon",
            "en_US.UTF-8",
            "en,fr",
            "123",
        ] {
            for page in [
                format!(r#"<html lang="{bad}"><p>x</p></html>"#),
                format!(r#"<meta http-equiv="content-language" content="{bad}">"#),
                format!(r#"<meta property="og:locale" content="{bad}">"#),
                format!(
                    r#"<script type="application/ld+json">{{"@type":"Article","inLanguage":"{bad}"}}</script>"#
                ),
            ] {
                assert_eq!(lang(&page), None, "{page}");
            }
        }
        // A bad value gives way to a good one from the next source.
        assert_eq!(
            lang(r#"<html lang="UTF-8"><meta property="og:locale" content="zh_CN"></html>"#)
                .as_deref(),
            Some("zh-CN")
        );
        for good in [
            "en",
            "en-US",
            "zh-Hant-TW",
            "zh-cmn-Hans-CN",
            "sr-Latn-RS",
            "de-CH-1996",
            "es-419",
            "en-US-x-twain",
            "de-DE-u-co-phonebk",
            "ZH-cn",
        ] {
            assert_eq!(
                lang(&format!(r#"<html lang="{good}">"#)).as_deref(),
                Some(good)
            );
        }
    }
}
