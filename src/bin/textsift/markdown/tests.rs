//! The Markdown output read back by a real CommonMark parser (pulldown-cmark, with every
//! extension that can make links, images, HTML or tables): the only links, images and HTML
//! in it are the images we put there, and the page's text comes back unchanged.

use super::{destination, render};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag};
use textsift::{Article, Block, BlockKind, Image};

/// A block and an image to fill in (built by extraction, so new fields get their
/// defaults).
fn templates() -> (Block, Image) {
    let page = r#"<article><p>Some text of a paragraph.</p><img src="http://e.com/a.jpg" alt="x"><p>More text here.</p></article>"#;
    let a = textsift::extract_str(page).expect("extracts");
    (a.blocks[0].clone(), a.images[0].clone())
}

fn article(
    title: Option<&str>,
    blocks: &[(BlockKind, &str)],
    images: &[(&str, &str, usize)],
) -> Article {
    let (block, image) = templates();
    let mut a = Article::default();
    a.title = title.map(str::to_string);
    a.blocks = blocks
        .iter()
        .map(|&(kind, text)| {
            let mut b = block.clone();
            b.kind = kind;
            b.text = text.to_string();
            b
        })
        .collect();
    a.images = images
        .iter()
        .map(|&(url, alt, at)| {
            let mut i = image.clone();
            i.url = url.to_string();
            i.alt = Some(alt.to_string());
            i.block = at;
            i
        })
        .collect();
    a
}

/// What a parser makes of `md`: link destinations, image destinations, HTML pieces, and
/// the words of the text (whitespace is Markdown's to choose, the words are not).
#[derive(Debug, Default)]
struct Read {
    links: Vec<String>,
    images: Vec<String>,
    html: Vec<String>,
    words: Vec<String>,
}

fn read(md: &str, options: Options) -> Read {
    let mut r = Read::default();
    let mut text = String::new();
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => r.links.push(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => r.images.push(dest_url.to_string()),
            Event::Start(Tag::HtmlBlock) => r.html.push("<html block>".into()),
            Event::Html(h) | Event::InlineHtml(h) => r.html.push(h.to_string()),
            Event::FootnoteReference(f) => r.links.push(format!("footnote {f}")),
            Event::Start(Tag::FootnoteDefinition(f)) => r.links.push(format!("footnote def {f}")),
            Event::Start(Tag::Table(_)) => r.html.push("<table>".into()),
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                text.push('$');
                text.push_str(&t);
                text.push('$');
            }
            Event::TaskListMarker(_) => r.html.push("task list".into()),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            Event::Rule => r.html.push("<hr>".into()),
            _ => {}
        }
    }
    r.words = text.split_whitespace().map(str::to_string).collect();
    r
}

/// Every extension pulldown-cmark has, but the one that rewrites quotes and dashes.
fn all_options() -> Options {
    Options::all() - Options::ENABLE_SMART_PUNCTUATION - Options::ENABLE_OLD_FOOTNOTES
}

/// The words a reader should see: the title, each block's text, each image's alt.
fn expected_words(a: &Article) -> Vec<String> {
    let mut text = String::new();
    let mut push = |s: &str| {
        text.push(' ');
        text.push_str(s);
    };
    if let Some(t) = &a.title {
        push(t);
    }
    for (i, b) in a.blocks.iter().enumerate() {
        for img in a.images.iter().filter(|img| img.block == i) {
            if destination(&img.url).is_some() {
                push(img.alt.as_deref().unwrap_or(""));
            }
        }
        match b.kind {
            BlockKind::TableRow => push(&format!("| {} |", b.text)),
            _ => push(&b.text),
        }
    }
    for img in a.images.iter().filter(|img| img.block >= a.blocks.len()) {
        if destination(&img.url).is_some() {
            push(img.alt.as_deref().unwrap_or(""));
        }
    }
    text.split_whitespace().map(str::to_string).collect()
}

/// Renders `a`, reads it back, and checks that the only links, images and HTML are the
/// images with safe URLs, and that the words are the article's.
fn check(a: &Article) {
    let md = render(a);
    let want_images: Vec<String> = a
        .images
        .iter()
        .filter_map(|i| destination(&i.url))
        .map(|d| d.replace("\\&", "&").replace("\\$", "$"))
        .collect();
    for options in [Options::empty(), all_options()] {
        let r = read(&md, options);
        assert!(r.links.is_empty(), "links {:?} in\n{md}", r.links);
        assert!(r.html.is_empty(), "HTML {:?} in\n{md}", r.html);
        assert_eq!(r.images, want_images, "images in\n{md}");
        for url in &r.images {
            let lower = url.to_ascii_lowercase();
            let scheme = lower.split_once(':').map(|(s, _)| s).filter(|s| {
                s.starts_with(|c: char| c.is_ascii_alphabetic())
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            });
            assert!(matches!(scheme, None | Some("http" | "https")), "{url}");
        }
        if options.contains(Options::ENABLE_MATH) {
            continue; // `$…$` is math there; the words come back with their `$`s moved
        }
        assert_eq!(r.words, expected_words(a), "words of\n{md}");
    }
}

#[test]
fn markdown_text_that_reads_as_a_link_stays_text() {
    let a = article(
        Some("[click me](javascript:alert(1))"),
        &[
            (
                BlockKind::Paragraph,
                "[click me](javascript:alert(1)) and <https://evil.example/>",
            ),
            (
                BlockKind::Paragraph,
                "[ref]: https://evil.example/\n[ref] ![img](http://e.com/x.png)",
            ),
            (
                BlockKind::ListItem,
                "[^1] footnote and [[wiki]] and <me@evil.example>",
            ),
        ],
        &[],
    );
    check(&a);
    let md = render(&a);
    assert!(md.contains(r"\[click me\](javascript:alert(1))"), "{md}");
}

#[test]
fn markdown_escaped_html_in_the_page_is_not_a_tag() {
    let a = article(
        None,
        &[
            (BlockKind::Paragraph, "<script>alert(1)</script>"),
            (
                BlockKind::Paragraph,
                "&lt;script&gt; and &#60;b&#62; and AT&T",
            ),
            (BlockKind::Quote, "<div onclick=x>\n<!-- comment -->"),
            (
                BlockKind::Heading { level: 2 },
                "<img src=x onerror=alert(1)>",
            ),
            (BlockKind::Caption, "<a href=javascript:x>y</a>"),
        ],
        &[],
    );
    check(&a);
    let md = render(&a);
    assert!(
        md.contains(r"\&lt;script\&gt; and \&#60;b\&#62; and AT&T"),
        "{md}"
    );
}

#[test]
fn markdown_image_url_cannot_break_out_of_its_destination() {
    let a = article(
        None,
        &[(BlockKind::Paragraph, "text")],
        &[
            ("http://e.com/a.png)[x](javascript:alert(1))", "alt", 0),
            ("http://e.com/b c<d>e\\f\u{1}.png", "a]b[c](d)", 0),
            ("https://e.com/?a=1&amp;b=2&lt;", "x", 1),
            ("javascript:alert(1)", "evil", 1),
            ("JaVa\nScript:alert(1)", "evil", 1),
            ("data:image/png;base64,AAAA", "data", 1),
            ("//cdn.e.com/p.jpg", "relative", 1),
            ("http://e.com/中文.png", "cjk", 1),
        ],
    );
    check(&a);
    let md = render(&a);
    assert!(
        md.contains("![alt](<http://e.com/a.png)[x](javascript:alert(1))>)"),
        "{md}"
    );
    assert!(!md.contains("evil") && !md.contains("data"), "{md}");
}

#[test]
fn markdown_code_fence_is_longer_than_any_backtick_run_in_the_code() {
    let code = "```\nnot code any more\n````\n`````rust\n~~~";
    let a = article(
        None,
        &[(BlockKind::Code, code), (BlockKind::Paragraph, "after")],
        &[],
    );
    let md = render(&a);
    assert!(md.starts_with("``````\n"), "{md}");
    let mut in_code = String::new();
    let mut code_blocks = 0;
    let mut inside = false;
    for event in Parser::new_ext(&md, all_options()) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                inside = true;
                code_blocks += 1;
            }
            Event::End(_) => inside = false,
            Event::Text(t) if inside => in_code.push_str(&t),
            _ => {}
        }
    }
    assert_eq!(code_blocks, 1);
    assert_eq!(in_code.trim_end(), code);
    check(&a);
}

#[test]
fn markdown_line_starts_are_not_block_markup() {
    let lines = [
        "# not a heading",
        "> not a quote",
        "- not a list",
        "+ not a list",
        "* not a list",
        "1. not a list",
        "12) not a list",
        "---",
        "***",
        "___",
        "===",
        "    not code",
        "\tnot code",
        "```",
        "~~~",
        "<div>",
        "| a | b |",
        "|---|---|",
        "[x]: /url",
        ": not a definition",
        "- [ ] not a task",
    ];
    let text = lines.join("\n");
    let a = article(
        Some("# title #"),
        &[
            (BlockKind::Paragraph, &text),
            (BlockKind::ListItem, &text),
            (BlockKind::Quote, &text),
            (BlockKind::Heading { level: 3 }, "heading # {#id .class}"),
            (BlockKind::TableRow, "a | --- | b"),
            (BlockKind::TableRow, "--- | ---"),
        ],
        &[],
    );
    check(&a);
}

#[test]
fn markdown_ordinary_text_stays_readable() {
    let a = article(
        Some("Hello, world."),
        &[(
            BlockKind::Paragraph,
            "It costs 3.5 dollars - or so (roughly). snake_case stays! 1.5 is a number.",
        )],
        &[],
    );
    assert_eq!(
        render(&a),
        "# Hello, world.\n\nIt costs 3.5 dollars - or so (roughly). snake_case stays! 1.5 is a number.\n"
    );
    check(&a);
}

/// Pieces of hostile text: every character that can start markup, in many contexts.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "[",
        "]",
        "(",
        ")",
        "![",
        "](",
        "<",
        ">",
        "`",
        "```",
        "~~~",
        "*",
        "**",
        "_",
        "__",
        "#",
        "# ",
        "- ",
        "+ ",
        "1. ",
        "2) ",
        "> ",
        "|",
        "\\",
        "&",
        "&lt;",
        "&#60;",
        "&amp;",
        "&x",
        ";",
        "!",
        "^",
        "~",
        ":",
        ": ",
        "=",
        "---",
        "\n",
        "\n\n",
        " ",
        "    ",
        "\t",
        "a",
        "word",
        "中文",
        "。",
        "javascript:alert(1)",
        "http://e.com/",
        "<script>",
        "</p>",
        "<!--",
        "-->",
        "<a href=x>",
        "<http://x.y>",
        "[^1]",
        "[[w]]",
        "{#id}",
        "$",
        "$x$",
        "'",
        "\"",
        "a_b",
        "x*y",
        "e.com",
        "@",
        "1",
        "\r",
    ])
}

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..24).prop_map(|v| v.concat())
}

fn kind() -> impl Strategy<Value = BlockKind> {
    prop::sample::select(vec![
        BlockKind::Paragraph,
        BlockKind::Heading { level: 1 },
        BlockKind::Heading { level: 4 },
        BlockKind::ListItem,
        BlockKind::Quote,
        BlockKind::Code,
        BlockKind::Caption,
        BlockKind::TableRow,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn markdown_random_hostile_text_makes_no_links_images_or_html(
        title in prop::option::of(hostile()),
        blocks in prop::collection::vec((kind(), hostile()), 1..6),
        images in prop::collection::vec((hostile(), hostile(), 0usize..7), 0..3),
    ) {
        // The library never emits an empty block (or one that is only whitespace).
        let blocks: Vec<(BlockKind, &str)> = blocks
            .iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(k, t)| (*k, t.as_str()))
            .collect();
        let urls: Vec<String> = images.iter().map(|(u, _, _)| format!("http://e.com/{u}")).collect();
        let images: Vec<(&str, &str, usize)> = images
            .iter()
            .zip(&urls)
            .map(|((_, alt, at), url)| (url.as_str(), alt.as_str(), *at))
            .collect();
        let mut images = images;
        images.sort_by_key(|i| i.2);
        check(&article(title.as_deref(), &blocks, &images));
    }
}
