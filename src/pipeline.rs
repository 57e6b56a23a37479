//! The extraction pipeline: front matter → DOM → metadata → content → blocks → normalise.

use crate::blocks::{self, Caption, Walked};
use crate::clean::UrlContext;
use crate::{blob, credit, dom, entities, front_matter, metadata, normalize, select, url};
use crate::{Article, Block, BlockKind, Extractor, Image, Policy};
use std::borrow::Cow;

/// Told when each stage ends, for the per-stage benchmark ([`crate::stages`]); the
/// pipeline's own runs pass [`NoMarks`], which compiles to nothing.
pub(crate) trait Marks {
    /// The stage named `stage` has just finished.
    fn mark(&mut self, stage: &'static str);
}

/// Marks nothing.
pub(crate) struct NoMarks;

impl Marks for NoMarks {
    #[inline(always)]
    fn mark(&mut self, _: &'static str) {}
}

/// Runs every stage on decoded text.
pub(crate) fn run(ex: &Extractor, text: Cow<'_, str>) -> Article {
    run_marked(ex, text, &mut NoMarks)
}

/// [`run`], telling `marks` as each stage ends.
pub(crate) fn run_marked(ex: &Extractor, text: Cow<'_, str>, marks: &mut impl Marks) -> Article {
    let (fm, body) = front_matter::split(&text);
    marks.mark("front matter");
    // A front-matter post is already just the article: its whole body is kept.
    let whole_post = fm.is_some();
    let fm = fm.unwrap_or_default();
    let limits = dom::Limits {
        max_depth: ex.max_dom_depth,
        ..dom::Limits::default()
    };
    // The tree keeps no script text: a client-rendered page's state scripts are copied
    // out now, in case the page shows too little of its article (read below).
    let scripts = if whole_post {
        blob::Scripts::default()
    } else {
        blob::scan(body)
    };
    let mut dom = dom::parse_marked(body, limits, marks);
    // The tree holds all the later stages read: text decoded here (not the caller's)
    // goes now, not when the article is done (a page decoded from GBK, or with U+FFFD for
    // bad bytes, can be three times its input).
    drop(text);
    marks.mark("parse");
    let dom_warnings = std::mem::take(&mut dom.warnings);
    // A body hidden until scripts run (inline style, <noscript>, <template>) is shown.
    crate::clean::reveal(&mut dom);
    let page = metadata::read(&dom, ex.base_url.as_ref());

    // The base URL: the caller's, refined by the page's <base href> or canonical URL (one
    // longer than any URL kept is no URL: see `url::MAX_URL_BYTES`).
    let short = |href: &&str| href.len() <= url::MAX_URL_BYTES;
    let page_base = page
        .base_href
        .as_deref()
        .filter(short)
        .or(page.canonical.as_deref().filter(short))
        .and_then(|href| match &ex.base_url {
            Some(b) => b.join(href).ok(),
            None => ::url::Url::parse(href).ok(),
        })
        .filter(|u| matches!(u.scheme(), "http" | "https") && url::has_dns_host(u));
    let base = page_base.as_ref().or(ex.base_url.as_ref());
    // The canonical URL is resolved against `<base href>` (itself against the caller's
    // base), not against an earlier canonical.
    let href_base = page
        .base_href
        .as_deref()
        .filter(short)
        .and_then(|href| match &ex.base_url {
            Some(b) => b.join(href).ok(),
            None => ::url::Url::parse(href).ok(),
        })
        .or_else(|| ex.base_url.clone());
    let canonical_url = page
        .canonical
        .as_deref()
        .or(page.og_url.as_deref())
        .filter(short)
        .and_then(|href| match &href_base {
            Some(b) => b.join(href).ok(),
            None => ::url::Url::parse(href).ok(),
        })
        .filter(|u| {
            matches!(u.scheme(), "http" | "https") && url::has_dns_host(u) && short(&u.as_str())
        })
        .map(String::from);
    let ctx = UrlContext {
        base,
        proxies: &ex.proxies,
    };

    marks.mark("metadata");
    // A tree cut to its node budget misleads the judge of containers (the text past the
    // cut lands wherever the parser stood): such a page is kept whole.
    let whole = whole_post || dom.cut_to_budget;
    let mut selection = select::content(
        &dom,
        whole,
        page.body_hint.as_deref(),
        page.title.as_deref(),
        ex.explain,
    );
    marks.mark("clean + select");
    let mut walked = blocks::build(&selection, &ctx, ex.keep_images);
    let mut explanation = selection.explanation.take();
    marks.mark("blocks");
    if !scripts.scripts.is_empty() {
        let title = fm.title.as_deref().or(page.title.as_deref());
        from_scripts(
            &scripts,
            title,
            &mut walked,
            &mut explanation,
            limits,
            &ctx,
            ex,
        );
    }
    drop(scripts);
    // The tree is no longer needed: dropping it is a cost of its own.
    drop(selection);
    drop(dom);
    marks.mark("drop tree");

    // The date the page's URL states, from its canonical URL, else the caller's.
    let url_date = canonical_url
        .as_deref()
        .and_then(|u| ::url::Url::parse(u).ok())
        .or_else(|| ex.base_url.clone())
        .and_then(|u| metadata::url_date(u.path()));
    let published = page.published(url_date);
    let mut article = Article {
        warnings: fm.warnings,
        language: page.language,
        canonical_url,
        explanation,
        ..Article::default()
    };
    article.warnings.extend(dom_warnings);
    let norm = |s: &str| normalize(s, ex.policy);
    article.title = fm
        .title
        .or(page.title)
        .map(|t| norm(&t))
        .filter(|t| !t.is_empty());
    article.author = fm
        .author
        .or(page.author)
        .map(|a| norm(&a))
        .filter(|a| !a.is_empty());
    if let Some(raw) = fm.date.or(published) {
        article.published = metadata::read_date(&raw);
        if article.published.is_none() {
            article
                .warnings
                .push(format!("unrecognised date {raw:?}: published left empty"));
        }
    }
    // Several names only: one is `author` itself.
    article.authors = article
        .author
        .as_deref()
        .map(metadata::split_authors)
        .filter(|names| names.len() > 1)
        .unwrap_or_default();
    article.modified = page.modified.as_deref().and_then(metadata::read_date);
    article.site_name = page.site_name.map(|s| norm(&s)).filter(|s| !s.is_empty());
    article.description = page.description.map(|d| norm(&d)).filter(|d| !d.is_empty());
    article.categories = fm
        .categories
        .iter()
        .map(|c| norm(c))
        .filter(|c| !c.is_empty())
        .collect();
    article.tags = fm
        .tags
        .iter()
        .map(|c| norm(c))
        .filter(|c| !c.is_empty())
        .collect();
    article.lead_image = fm
        .images
        .iter()
        .chain(page.lead_image.as_ref())
        .filter_map(|raw| url::resolve(raw, base, &ex.proxies))
        .find(|u| !is_random_placeholder(u));
    finish_body(&mut article, walked, ex.policy);
    if !whole_post {
        drop_title_heading(&mut article);
    }
    let empty = article.blocks.is_empty();
    if empty || !whole_post && is_fragment(&article.blocks) {
        if let Some(title) = article
            .title
            .as_ref()
            .filter(|t| empty || t.chars().take(HEADLINE + 1).count() <= HEADLINE)
            .filter(|t| !article.blocks.iter().any(|b| &b.text == *t))
        {
            // A body with images only (a comic, a poster), or a fragment of a line (a
            // contact line under a post whose title says what it offers): the title leads
            // the text, as a reader sees it, so no article comes back without a sentence.
            article.blocks.insert(
                0,
                Block {
                    kind: BlockKind::Heading { level: 1 },
                    text: title.clone(),
                },
            );
            for image in &mut article.images {
                image.block += 1;
            }
            if empty {
                article
                    .warnings
                    .push("the body has no text: the title stands in for it".into());
            }
        }
    }
    if article.lead_image.is_none() {
        article.lead_image = article.images.first().map(|i| i.url.clone());
    }
    remove_control_chars(&mut article);
    marks.mark("normalise + finish");
    article
}

/// Characters under which a body without a sentence end is a fragment: its title leads it.
const LINE_BODY: usize = 50;

/// Whether the blocks are a fragment of a line, no sentence: under [`LINE_BODY`]
/// characters in all, with no full stop, question or exclamation mark.
fn is_fragment(blocks: &[Block]) -> bool {
    let mut chars = 0;
    for b in blocks {
        chars += b.text.chars().count();
        if chars >= LINE_BODY || b.text.contains(['.', '!', '?', '。', '！', '？', '…']) {
            return false;
        }
    }
    true
}

/// Characters beyond which a title is no headline to lead a line-long body.
const HEADLINE: usize = 200;

/// Replaces `walked` by the article a state script holds, when the page's own selection
/// is thin beside it ([`blob::pick`]): its HTML is parsed and goes through the same
/// stages as the page (reveal, select, blocks), so it is cleaned and normalised alike.
fn from_scripts(
    scripts: &blob::Scripts,
    title: Option<&str>,
    walked: &mut Walked,
    explanation: &mut Option<crate::Explanation>,
    limits: dom::Limits,
    ctx: &UrlContext<'_>,
    ex: &Extractor,
) {
    let page_chars: usize = walked.blocks.iter().map(|b| b.text.chars().count()).sum();
    let Some(found) = blob::pick(scripts, page_chars, title) else {
        return;
    };
    let mut dom = dom::parse_with(&found.html, limits);
    crate::clean::reveal(&mut dom);
    let selection = select::content(&dom, false, None, title, false);
    let from_script = blocks::build(&selection, ctx, ex.keep_images);
    let chars: usize = from_script
        .blocks
        .iter()
        .map(|b| b.text.chars().count())
        .sum();
    if chars <= page_chars {
        return;
    }
    *walked = from_script;
    if let Some(e) = explanation {
        e.strategy = "script-data".into();
        e.reasons.push(format!(
            "the page shows {page_chars} characters of text; its script {} holds {} of prose: \
             the body is read from there",
            found.script, found.chars
        ));
    }
}

/// Removes control characters other than `\n` and `\t` from every text field: the page
/// may hold them raw or as references (`&#1;`), and the normaliser passes some through.
/// A value left empty by it (a tag made only of control characters) is dropped.
fn remove_control_chars(article: &mut Article) {
    fn clean(s: &mut String) {
        if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            s.retain(|c| !c.is_control() || c == '\n' || c == '\t');
            let trimmed = s.trim();
            if trimmed.len() != s.len() {
                *s = trimmed.to_string();
            }
        }
    }
    fn clean_opt(value: &mut Option<String>) {
        if let Some(s) = value {
            clean(s);
            if s.is_empty() {
                *value = None;
            }
        }
    }
    fn clean_list(values: &mut Vec<String>) {
        values.iter_mut().for_each(clean);
        values.retain(|v| !v.is_empty());
    }
    let Article {
        title,
        author,
        published,
        language,
        canonical_url,
        categories,
        tags,
        blocks,
        images,
        ..
    } = article;
    [title, author, published, language, canonical_url]
        .into_iter()
        .for_each(clean_opt);
    clean_list(categories);
    clean_list(tags);
    blocks.iter_mut().for_each(|b| clean(&mut b.text));
    if blocks.iter().any(|b| b.text.is_empty()) {
        // An image keeps its place: it now precedes the next block that is kept.
        let mut removed_before = Vec::with_capacity(blocks.len() + 1);
        let mut removed = 0;
        for b in blocks.iter() {
            removed_before.push(removed);
            removed += usize::from(b.text.is_empty());
        }
        removed_before.push(removed);
        for image in images.iter_mut() {
            image.block -= removed_before.get(image.block).copied().unwrap_or(removed);
        }
        blocks.retain(|b| !b.text.is_empty());
    }
    for image in images {
        clean_opt(&mut image.alt);
        clean_opt(&mut image.caption);
    }
}

/// Normalises the blocks and attaches images (with their captions) to the article.
fn finish_body(article: &mut Article, walked: Walked, policy: Policy) {
    article.blocks = walked
        .blocks
        .into_iter()
        .map(|b| {
            // Each block's text is handed on and freed as soon as its stage is done with it.
            let text = if b.kind == BlockKind::Code {
                b.text
            } else {
                normalize::normalize_owned(entities::decode_owned(b.text), policy)
            };
            Block { kind: b.kind, text }
        })
        .collect();
    article.images = walked
        .images
        .into_iter()
        .map(|p| {
            let caption = match p.caption {
                Some(Caption::Block(i)) => article.blocks.get(i).map(|b| b.text.clone()),
                Some(Caption::Text(t)) => Some(normalize(&t, policy)).filter(|t| !t.is_empty()),
                None => None,
            };
            let (caption, credit) = caption.map_or((None, None), |c| credit::split(&c));
            Image {
                url: p.image.url,
                alt: p
                    .image
                    .alt
                    .map(|a| normalize(&a, policy))
                    .filter(|a| !a.is_empty()),
                caption,
                credit,
                width: p.image.width,
                height: p.image.height,
                block: p.block,
            }
        })
        .collect();
}

/// Removes the page's headline from the body: the first heading (or paragraph, or table
/// row, as old table layouts set it) among the first blocks whose text is the title (or the title begins with it, as when a site name follows).
fn drop_title_heading(article: &mut Article) {
    let Some(title) = article.title.as_deref() else {
        return;
    };
    let fold = normalize::comparable;
    let title = fold(title);
    if title.is_empty() {
        return;
    }
    let found = article.blocks.iter().take(8).position(|b| {
        matches!(
            b.kind,
            BlockKind::Heading { .. } | BlockKind::Paragraph | BlockKind::TableRow
        ) && is_title(&b.text, &title)
    });
    let found = found.or_else(|| {
        let first_text = article
            .blocks
            .iter()
            .position(|b| b.kind == BlockKind::Paragraph)
            .unwrap_or(0);
        article.blocks[..first_text]
            .iter()
            .position(|b| b.kind == BlockKind::Heading { level: 1 })
    });
    let Some(index) = found else {
        return;
    };
    article.blocks.remove(index);
    for image in &mut article.images {
        if image.block > index {
            image.block -= 1;
        }
    }
}

/// Whether `text`, folded as the title was (letters and digits, lower-cased), is the
/// folded `title`, or begins it and is at least 12 bytes long. Compared as it is folded,
/// so a long paragraph is neither copied nor read past the title's length.
fn is_title(text: &str, title: &str) -> bool {
    let mut rest = title.chars();
    let mut len = 0;
    for c in text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
    {
        if rest.next() != Some(c) {
            return false;
        }
        len += c.len_utf8();
    }
    len > 0 && (rest.as_str().is_empty() || len >= 12)
}

/// Random-image services used as stand-in covers (not a real lead image).
fn is_random_placeholder(url: &str) -> bool {
    const HOSTS: &[&str] = &[
        "picsum.photos",
        "source.unsplash.com",
        "placehold.it",
        "placehold.co",
        "via.placeholder.com",
        "placekitten.com",
        "dummyimage.com",
        "loremflickr.com",
        "api.ixiaowai.cn",
        "api.btstu.cn",
    ];
    let rest = url.split("//").nth(1).unwrap_or(url);
    let host = rest.split(['/', '?', ':']).next().unwrap_or("");
    HOSTS
        .iter()
        .any(|h| host.eq_ignore_ascii_case(h) || host.ends_with(&format!(".{h}")))
}
