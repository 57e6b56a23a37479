//! Hostile input: every case is generated here (nothing big is stored), must finish without
//! panicking, and must give a sensible, safe result. No timing is asserted: the sizes are the
//! issue's in release builds and smaller in debug builds, where html5ever is ~30× slower.
//! `examples/adversarial.rs` measures time and memory for the same shapes.

#[path = "support/hostile.rs"]
mod hostile;

use hostile::{flood, garbage, nested, open_formatting, reopened_formatting};
use textsift::{Article, Error, Extractor, Policy};

/// `release` in release builds, `debug` in debug builds.
fn size(release: usize, debug: usize) -> usize {
    if cfg!(debug_assertions) {
        debug
    } else {
        release
    }
}

/// Output safety, checked on every result: the same check every fuzz target runs (no control
/// characters but `\n` and `\t` in any text, no URL with a scheme other than http(s)).
#[path = "../fuzz/src/lib.rs"]
mod safety;
use safety::check;

fn short(s: &str) -> String {
    s.chars().take(80).collect()
}

fn extract(page: &str) -> Article {
    let a = textsift::extract_str(page).expect("within the default limits");
    check(&a);
    a
}

fn warned(a: &Article, needle: &str) -> bool {
    a.warnings.iter().any(|w| w.contains(needle))
}

// ---- nesting -----------------------------------------------------------------------

#[test]
fn nesting_100k_deep_is_capped_with_a_warning_and_keeps_the_text() {
    let n = size(100_000, 20_000);
    for (open, close) in [
        ("<div>", "</div>"),
        ("<ul><li>", "</li></ul>"),
        ("<ol><li><p>", "</p></li></ol>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<b>", "</b>"),
        ("<span><i><em>", "</em></i></span>"),
        ("<a href=x>", "</a>"),
        ("<blockquote><section>", "</section></blockquote>"),
        ("<div/>", ""),
    ] {
        let a = extract(&nested(open, close, n));
        assert_eq!(a.text(), "deep", "{open}");
    }
    // Foreign content: completes (its text is not article text).
    extract(&nested("<svg><g>", "</g></svg>", n));
    extract(&nested("<math><mi>", "</mi></math>", n));
    let a = extract(&nested("<div>", "</div>", n));
    assert!(warned(&a, "max_dom_depth"), "{:?}", a.warnings);
}

#[test]
fn nesting_with_text_at_every_level_keeps_all_of_it() {
    let n = size(100_000, 20_000);
    let page = "<div>x".repeat(n);
    let a = extract(&page);
    assert_eq!(a.text().matches('x').count(), n);
}

#[test]
fn content_after_a_deep_subtree_is_still_structured() {
    let page = format!(
        "{}<p>after</p><img src=http://e.com/a.jpg>",
        nested("<div>", "</div>", size(50_000, 10_000))
    );
    let a = extract(&page);
    assert_eq!(a.blocks.last().map(|b| b.text.as_str()), Some("after"));
    assert_eq!(a.images.len(), 1);
}

#[test]
fn depth_cap_is_configurable_and_deep_images_survive() {
    let ex = Extractor::builder().max_dom_depth(8).build().unwrap();
    let page = format!("{}<img src=https://e.com/deep.png>text", "<div>".repeat(50));
    let a = ex.extract_str(&page).unwrap();
    check(&a);
    assert_eq!(a.images.len(), 1, "void elements are kept past the cap");
    assert_eq!(a.text(), "text");
    assert!(warned(&a, "max_dom_depth"));
    // Under the default cap the same page has no warning.
    assert!(extract(&page).warnings.is_empty());
}

// ---- size ----------------------------------------------------------------------------

#[test]
fn one_element_with_a_million_attributes() {
    let n = size(1_000_000, 100_000);
    let attrs: String = (0..n).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let a = extract(&format!(
        "<p{attrs}>hello</p><img{attrs} src=http://e.com/x.png><p>world</p>"
    ));
    assert_eq!(a.text(), "hello\n\nworld");
    assert!(warned(&a, "attributes"));
}

#[test]
fn a_50_mb_text_node() {
    let n = size(50 << 20, 4 << 20);
    let word = "lorem ipsum 中文 ";
    let mut page = String::with_capacity(n + 16);
    page.push_str("<p>");
    while page.len() < n {
        page.push_str(word);
    }
    let a = extract(&page);
    let text = a.text();
    assert!(text.len() > n / 2, "{} of {n}", text.len());
    assert!(text.starts_with("lorem"));
}

#[test]
fn a_10_mb_title() {
    let n = size(10 << 20, 1 << 20);
    let page = format!("<title>{}</title><p>body</p>", "t ".repeat(n / 2));
    let a = extract(&page);
    assert!(a.title.as_ref().is_some_and(|t| t.len() >= n / 2));
    assert_eq!(a.text(), "body");
}

#[test]
fn a_hundred_thousand_images() {
    let n = size(100_000, 20_000);
    let page: String = (0..n)
        .map(|i| format!("<img src=\"https://e.com/{i}.jpg\" alt=\"a{i}\">"))
        .collect();
    let a = extract(&format!("<p>text</p>{page}"));
    assert_eq!(a.images.len(), n);
    assert_eq!(a.lead_image.as_deref(), Some("https://e.com/0.jpg"));
}

#[test]
fn a_hundred_thousand_empty_paragraphs() {
    let n = size(100_000, 20_000);
    let page = format!("{}<p>end</p>", "<p></p>".repeat(n));
    let a = extract(&page);
    assert_eq!(a.text(), "end");
    let a = extract(&"<p>".repeat(n));
    assert!(a.blocks.is_empty());
}

#[test]
fn unclosed_tags_everywhere() {
    let n = size(50_000, 10_000);
    let unit = "<p>para <b>bold <i>it <a href=/x>link <li>item <td>cell <option>o <h2>head <span>";
    let a = extract(&unit.repeat(n));
    assert!(a.text().contains("para bold it link"));
    let a = extract(&"</div></p></table></li>".repeat(n));
    assert_eq!(a.text(), "");
}

#[test]
fn a_table_of_1000_by_1000() {
    let n = size(1000, 200);
    let row = format!("<tr>{}</tr>", "<td>c</td>".repeat(n));
    let a = extract(&format!("<table>{}</table>", row.repeat(n)));
    assert_eq!(a.text().matches('c').count(), n * n);
}

// ---- tree size -------------------------------------------------------------------------

/// Issue 10: `<p><b class=cN>x</p>` × 20,000 (0.46 MB) took 18 s and 2.8 GB: the tree
/// builder reopened every earlier `<b>`, with its attributes, in every paragraph. Every
/// paragraph and all the text stay, and the warning says what was ignored.
#[test]
fn reopened_formatting_elements_stay_linear() {
    let n = size(20_000, 3_000);
    let a = extract(&reopened_formatting(n, 0));
    assert_eq!(a.blocks.len(), n);
    assert_eq!(a.text().matches('x').count(), n);
    assert!(warned(&a, "reopened"), "{:?}", a.warnings);
}

/// Issue 10: 500 such paragraphs, then `<p>x</p>` × 40,000 (0.33 MB): 36 s and 5.7 GB, each
/// plain paragraph reopening all 500.
#[test]
fn paragraphs_after_reopened_formatting_stay_linear() {
    let after = size(40_000, 5_000);
    let a = extract(&reopened_formatting(500, after));
    assert_eq!(a.text().matches('x').count(), 500 + after);
    // A paragraph needs two nodes for its eight bytes: most, not all, keep their own block.
    assert!(a.blocks.len() > after / 2, "{} blocks", a.blocks.len());
}

/// 500 `<b class>` left open outside any paragraph, then `<p>x</p>` × 40,000: bounded by
/// the depth cap before issue 10, and still.
#[test]
fn paragraphs_after_open_formatting_stay_linear() {
    let after = size(40_000, 5_000);
    let a = extract(&open_formatting(500, after));
    assert_eq!(a.text().matches('x').count(), after);
}

/// Issue 10: `<p>` and 3,000,000 `<br>` (12 MB) peaked at 735 MB: a tree node and a
/// statistics record per `<br>`. Past the node budget the rest are ignored; the text on both
/// sides stays in two blocks.
#[test]
fn three_million_line_breaks_stay_proportional() {
    let n = size(3_000_000, 300_000);
    let a = extract(&format!("<p>before{}after", "<br>".repeat(n)));
    assert_eq!(a.text(), "before\n\nafter");
    assert!(warned(&a, "more tags"), "{:?}", a.warnings);
}

/// Issue 10: 63 MiB of `<p>x` (16 million tiny elements) aborted at a 6 GiB cap. The tree
/// keeps a node per 48 bytes beyond its floor; every `x` is kept, in fewer blocks.
#[test]
fn sixteen_million_tiny_tags_fit_the_node_budget() {
    let len = size(63 << 20, 2 << 20);
    let page = flood("<p>x", len);
    let a = extract(&page);
    assert_eq!(a.text().matches('x').count(), page.len() / 4);
    // A block needs a node at least: 131,072 of them and one per 48 bytes.
    assert!(
        a.blocks.len() < 131_072 + page.len() / 48,
        "{}",
        a.blocks.len()
    );
    assert!(warned(&a, "more tags"), "{:?}", a.warnings);
}

/// The unclosed-tags page past the node budget: the tags that still pass (the budget grows
/// as the page is read) left text scattered where the judge of containers took a small part
/// for the article (312 bytes of 1.5 MB kept). A page cut to its budget is kept whole.
#[test]
fn unclosed_tags_past_the_node_budget_keep_all_their_text() {
    let n = size(50_000, 10_000);
    let unit = "<p>para <b>bold <i>it <a href=/x>link <li>item <td>cell <span>";
    let a = extract(&unit.repeat(n));
    for word in ["para", "bold", "link", "cell"] {
        assert_eq!(a.text().matches(word).count(), n, "{word}");
    }
}

/// Other floods of the smallest tags that each make an element (or, for `</p>` and
/// `</br>`, an end tag that makes one): all finish with their text.
#[test]
fn floods_of_tiny_tags_keep_their_text() {
    let len = size(8 << 20, 1 << 20);
    for unit in [
        "x</p>",
        "</br>x",
        "<li>x",
        "<a>x",
        "<i><b>x</i></b>",
        "<b><p>x</b></p>",
    ] {
        let page = flood(unit, len);
        let a = extract(&page);
        let units = page.len() / unit.len();
        assert_eq!(a.text().matches('x').count(), units, "{unit}");
    }
}

// ---- bytes ---------------------------------------------------------------------------

#[test]
fn binary_garbage_and_nul_bytes() {
    for seed in 1..=8 {
        let a = textsift::extract(&garbage(size(1 << 20, 128 << 10), seed)).unwrap();
        check(&a);
    }
    let mut mixed = b"<p>a\0b</p><img src=\"http://e.com/\0.png\">".to_vec();
    mixed.extend(garbage(4096, 99));
    mixed.extend(b"\0\0\0<p>tail\0</p>");
    let a = textsift::extract(&mixed).unwrap();
    check(&a);
    assert!(a.text().contains("tail"));
    let a = textsift::extract(&vec![0u8; 1 << 20]).unwrap();
    check(&a);
}

#[test]
fn control_characters_never_reach_the_text() {
    let page = "<title>t\u{1}i\u{7}t\u{1b}le</title>\
                <p>a\u{1}b\u{8}c\u{b}d\u{c}e\u{7f}f\u{85}g\u{9b}h\rj\r\nk\u{0}l</p>\
                <p>&#1;&#x7f;&#x80;&#0;&#x9f;&#13;ent</p><pre>x\u{1}y</pre>\
                <img src=a.png alt=\"al\u{2}t\"><code>\u{1b}[31mred</code>";
    let a = extract(page);
    assert!(a.text().contains("ent"));
    let a = textsift::extract(page.as_bytes()).unwrap();
    check(&a);
}

#[test]
fn invalid_utf8_through_the_bytes_api() {
    let a = textsift::extract(b"<p>caf\xE9 \xFF\xFE ok \xC3</p>").unwrap();
    check(&a);
    assert!(a.text().contains("ok"));
}

#[test]
fn mislabelled_charsets() {
    // Says GBK, is UTF-8.
    let a = textsift::extract("<meta charset=gbk><p>中文内容</p>".as_bytes()).unwrap();
    check(&a);
    assert!(!a.text().is_empty());
    // Says UTF-8, is GBK ("中文" in GBK is D6 D0 CE C4).
    let a = textsift::extract(b"<meta charset=utf-8><p>\xD6\xD0\xCE\xC4 text</p>").unwrap();
    check(&a);
    assert!(a.text().contains("text"));
    // An unknown label, and a UTF-16 byte-order mark on UTF-8 bytes.
    let a = textsift::extract(b"<meta charset=x-nonsense-42><p>plain</p>").unwrap();
    assert!(a.text().contains("plain"));
    let a = textsift::extract(b"\xFF\xFE<p>plain</p>").unwrap();
    check(&a);
}

// ---- front matter ----------------------------------------------------------------------

#[test]
fn front_matter_that_never_closes_is_body() {
    let n = size(1 << 20, 128 << 10);
    let page = format!("---\ntitle: x\n{}", "key: <p>value</p>\n".repeat(n / 20));
    let a = extract(&page);
    assert!(a.text().contains("value"));
    let a = extract("---\n");
    assert!(a.warnings.is_empty());
}

#[test]
fn yaml_alias_expansion_billion_laughs() {
    let mut yaml = String::from("---\na: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    let names: Vec<char> = ('b'..='z').collect();
    let mut prev = 'a';
    for &name in &names {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        yaml.push_str(&format!("{name}: &{name} [{refs}]\n"));
        prev = name;
    }
    // The bomb is also used where the extractor reads: title, tags, categories.
    yaml.push_str(&format!(
        "title: ok\ntags: *{prev}\ncategories: [*{prev}, *{prev}]\n---\n<p>body</p>"
    ));
    let a = extract(&yaml);
    assert_eq!(a.text(), "body");
    // Never expanded (saphyr refuses or keeps aliases; the line-by-line fallback reads
    // them as the literal `*z`).
    for t in a.tags.iter().chain(&a.categories) {
        assert!(t.len() < 8, "{}", short(t));
    }
    assert!(a.tags.len() + a.categories.len() <= 4);
}

#[test]
fn deep_yaml_nesting() {
    let n = size(100_000, 100_000);
    for (open, close) in [("[", "]"), ("{a: ", "}")] {
        let page = format!(
            "---\ntitle: {}x{}\n---\n<p>body</p>",
            open.repeat(n),
            close.repeat(n)
        );
        let a = extract(&page);
        assert_eq!(a.text(), "body");
    }
    let block: String = (0..2000)
        .map(|i| format!("{}- \n", " ".repeat(i)))
        .collect();
    let a = extract(&format!("---\ntags:\n{block}---\n<p>body</p>"));
    assert_eq!(a.text(), "body");
}

#[test]
fn huge_yaml_scalars_and_oversized_front_matter() {
    let big = "x".repeat(200_000);
    let a = extract(&format!("---\ntitle: {big}\n---\n<p>body</p>"));
    assert_eq!(a.title.as_deref().map(str::len), Some(200_000));
    let huge = "y".repeat(2 << 20);
    let a = extract(&format!("---\ntitle: {huge}\n---\n<p>body</p>"));
    assert_eq!(a.text(), "body");
    assert!(warned(&a, "front matter"), "{:?}", a.warnings);
}

#[test]
fn custom_yaml_tags() {
    let page = "---\ntitle: !custom 'Tagged'\ndate: !!timestamp 2021-01-02\ntags: !!set {a, b}\n\
                cover: !img javascript:alert(1)\nauthor: !!binary aGVsbG8=\n\
                categories: !<tag:x.org,2000:c> [x]\n---\n<p>body</p>";
    let a = extract(page);
    assert_eq!(a.text(), "body");
    assert_eq!(a.lead_image, None);
}

#[test]
fn dates_out_of_range() {
    for date in [
        "99999-99-99",
        "-5000-01-01",
        "2021-13-45",
        "2021-02-30T25:61:61Z",
        "Thu, 99 Foo 2021 99:99:99 +9999",
        "10000-01-01T00:00:00Z",
        "0000-00-00",
        "2021年13月45日",
        "1e308",
        "18446744073709551616",
        "",
    ] {
        let a = extract(&format!("---\ndate: '{date}'\n---\n<p>body</p>"));
        assert_eq!(a.text(), "body");
        let a = extract(&format!(
            "<meta property=article:published_time content=\"{date}\"><p>body</p>"
        ));
        assert_eq!(a.text(), "body");
    }
}

/// Issue 10: a 120 KB string anchor used 30,000 times in `tags` (205 KiB of front matter,
/// under its limit) loaded as 3.5 GB in 11 s: saphyr copies the anchor for every alias,
/// and its alias budget counts nodes, not bytes.
#[test]
fn front_matter_alias_amplification_is_bounded_and_the_body_kept() {
    let a = extract(&hostile::alias_amplification(120_000, 30_000));
    assert_eq!(a.text(), "body");
    assert_eq!(a.title.as_deref(), Some("t"));
    assert!(
        warned(&a, "front matter would load as more than"),
        "{:?}",
        a.warnings
    );
    assert!(a.tags.iter().all(|t| t.len() < 8), "{:?}", a.tags);
}

/// A block sequence nested 100,000 deep (`- - - … x`) overflowed the stack: saphyr's
/// parser recursed once per level.
#[test]
fn front_matter_nested_100k_deep_does_not_overflow_the_stack() {
    for page in [
        format!(
            "---\ntitle: t\ntags:\n  {}x\n---\n<p>body</p>",
            "- ".repeat(100_000)
        ),
        format!(
            "---\ntitle: t\nb: &a\n  {}x\ntags: [*a, *a]\n---\n<p>body</p>",
            "- ".repeat(100_000)
        ),
    ] {
        let a = extract(&page);
        assert_eq!(a.text(), "body");
        assert_eq!(a.title.as_deref(), Some("t"));
        assert!(warned(&a, "front matter nests deeper"), "{:?}", a.warnings);
    }
}

/// 100,000 one-letter tags (200 KB) loaded as 100 bytes a node, and their de-duplication
/// compared every tag with every other.
#[test]
fn front_matter_with_100k_tags_stays_bounded() {
    let one_letter = vec!["a"; 100_000].join(",");
    let distinct: Vec<String> = (0..30_000).map(|i| format!("t{i}")).collect();
    for tags in [one_letter, distinct.join(", ")] {
        let a = extract(&format!("---\ntitle: t\ntags: [{tags}]\n---\n<p>body</p>"));
        assert_eq!(a.text(), "body");
        assert!(a.tags.len() <= 1000, "{}", a.tags.len());
        assert!(warned(&a, "front matter"), "{:?}", a.warnings);
    }
}

// ---- text: entities and the normaliser ------------------------------------------------

/// Issue 10: 10 MB of `&amp` without `;` took over a minute, 1 MB of bare `& ` 25 s: the
/// leftover-entity pass searched the rest of the text for a `;` at every `&`.
#[test]
fn unterminated_entities_decode_in_linear_time() {
    let n = size(10 << 20, 1 << 20) / 4;
    let a = extract(&format!("<p>{}", "&amp".repeat(n)));
    assert_eq!(a.text(), "&".repeat(n));
    // Escaped twice, without `;`: the leftover pass sees `&amp` itself.
    let a = extract(&format!("<p>{}", "&amp;amp".repeat(n / 2)));
    assert_eq!(a.text(), "&amp".repeat(n / 2));
    let a = extract(&format!("<p>{}", "& ".repeat(n)));
    assert_eq!(a.text(), "& ".repeat(n).trim_end());
    // A `;` far after each leftover `&hellip` does not make it an entity.
    let a = extract(&format!("<p>{};", "&amp;hellip 中".repeat(n / 4)));
    assert!(
        a.text().starts_with("&hellip中&hellip"),
        "{}",
        short(&a.text())
    );
}

/// The normaliser's passes look a bounded way ahead or pair with a stack, so a text made
/// of one mark that never closes (issue 10 asked for 10 MB of each) stays linear, and is
/// normalised once for all (idempotent).
#[test]
fn unmatched_marks_normalise_in_linear_time() {
    let n = size(10 << 20, 256 << 10);
    for unit in [
        "中(",
        "中)",
        "中（",
        "中\"",
        "中“",
        "中'",
        "中`",
        "中``a`",
        "中$a",
        "$a中",
        "中http://",
        "http://x中",
        "中1：",
        "1： 中",
        "中...",
        "中…",
        "中&amp",
        "&#中",
        "a@b中",
        "中 ,",
        "a,中",
        "【中",
        "中 x(",
        "中\" a \"",
        "中-U",
        "k=v中",
    ] {
        let text = unit.repeat(n / unit.len());
        for policy in [Policy::Compact, Policy::Pangu] {
            let once = textsift::normalize(&text, policy);
            assert!(once.len() >= text.len() / 2, "{unit}");
            assert_eq!(
                textsift::normalize(&once, policy),
                once,
                "{unit} not idempotent"
            );
        }
    }
    let a = extract(&hostile::repeated("<p>中", "( \" “ ` $ http:// 1：", n));
    assert!(a.text().len() >= n / 2);
}

// ---- URLs and limits ---------------------------------------------------------------

#[test]
fn unsafe_urls_never_leave_the_library() {
    let bad = [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java&#x09;script:alert(1)",
        "&#106;avascript:alert(1)",
        "\u{1}javascript:alert(1)",
        "data:image/png;base64,AAAA",
        "DATA:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
        "jar:http://e.com!/x",
        "https://cors.zfour.workers.dev/?javascript:alert(1)",
        "https://images.weserv.nl/?url=data:image/png,x",
    ];
    for url in bad {
        let page = format!(
            "<meta property=og:image content=\"{url}\"><p>t</p>\
             <img src=\"{url}\"><img data-src=\"{url}\" src=\"{url}\"><img srcset=\"{url} 2x\">\
             <noscript><img src=\"{url}\"></noscript>"
        );
        for base in [None, Some("https://e.com/post/1")] {
            let mut b = Extractor::builder();
            if let Some(base) = base {
                b.base_url(base);
            }
            let a = b.build().unwrap().extract_str(&page).unwrap();
            check(&a);
        }
        // YAML decodes no HTML references: `java&#x09;script:` stays a harmless relative
        // path there, which `check` allows.
        extract(&format!("---\ncover: '{url}'\n---\n<p>t</p>"));
    }
}

/// Fuzz finding (extract_html, crash-1b408415): a proxied image URL whose scheme had lost
/// its first letter (`1ttps://cors.zfour.workers.dev/?http://…`) came out as written. Not
/// unsafe (a scheme must start with a letter, so browsers read a relative path), but the
/// fuzz check called it one; both checks now follow the URL standard.
#[test]
fn fuzz_digit_led_scheme_is_a_relative_path() {
    let a = extract(
        "<p>t</p><img src=\"1ttps://cors.zfour.workers.dev/?http://lain.bgm.tv/a.jpg\">\
         <img src=\"1javascript:alert(1)\">",
    );
    assert!(a.images.iter().all(|i| i.url.starts_with('1')));
}

/// Fuzz finding (front_matter, crash-7a0f3cdb): a mutated post whose image attribute held
/// a run of front matter and markup (`---title: …<img src=`) gave that text as the lead
/// image: a relative path, so not unsafe; kept as a regression case for the check.
#[test]
fn fuzz_front_matter_text_as_image_path() {
    let a = extract(
        "---\ntitle: x\n---\n<img src=\"---title: 'a'categories: - b<h2> false:x<img src=\">",
    );
    assert!(a.lead_image.is_none_or(|u| !u.contains("javascript:")));
}

#[test]
fn input_too_large_is_an_error_that_says_what_to_raise() {
    let ex = Extractor::builder().max_input_bytes(10).build().unwrap();
    let err = ex.extract(b"<p>eleven b</p>").unwrap_err();
    assert!(matches!(
        err,
        Error::InputTooLarge {
            size: 15,
            limit: 10
        }
    ));
    assert!(err.to_string().contains("max_input_bytes"));
    let err = ex.extract_str("<p>eleven b</p>").unwrap_err();
    assert!(matches!(err, Error::InputTooLarge { .. }));
}

/// Issue 11's new scans over siblings stay linear: a hundred thousand empty comment marks,
/// teaser-card shapes and list items in one parent, after too little text for any of them
/// to cut, each met once.
#[test]
fn a_hundred_thousand_comment_marks_cards_and_items_stay_linear() {
    let n = size(100_000, 10_000);
    let marks = "<a name='comments'></a>".repeat(n);
    let page =
        format!("<div><p>Short.</p>{marks}<p>The end of the story, said in a sentence.</p></div>");
    let a = extract(&page);
    assert!(
        a.text().contains("The end of the story"),
        "{}",
        short(&a.text())
    );
    let card = "<div><h3><a href='/s'>Another story here</a></h3><p>A line.</p></div>";
    let items = "<li><a href='/x'>A linked item</a> with a note of its own after it</li>";
    let page = format!(
        "<div><p>{}</p>{}<ul>{}</ul></div>",
        "A sentence of the article, with a comma. ".repeat(20),
        card.repeat(n / 10),
        items.repeat(n / 10)
    );
    let a = extract(&page);
    assert!(a.text().contains("A sentence of the article"));
}
