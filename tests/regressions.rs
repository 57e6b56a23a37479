//! Defects users hit, each a named test saying what broke (issue 10), run through the
//! public API as a user calls it.

use textsift::Extractor;

fn article(html: &str) -> textsift::Article {
    textsift::extract_str(html).expect("extracts")
}

/// Paragraphs long enough that the article is plainly the `<article>` element.
fn long_paragraphs(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the story goes on at some length, with commas, clauses \
                 and full stops, as an article's prose does. It has a second sentence too.</p>"
            )
        })
        .collect()
}

#[test]
fn proxy_url_with_cjk_inner_part_does_not_panic() {
    let hex: String = "中文图片.jpg".bytes().map(|b| format!("{b:02x}")).collect();
    let page = format!(
        "<p>正文内容。</p>\
         <img src='https://cors.zfour.workers.dev/?url=中文图片.jpg'>\
         <img src='https://cors.zfour.workers.dev/?url=%E4%B8%AD%E6%96%87.jpg'>\
         <img src='https://camo.githubusercontent.com/0a1b/{hex}'>\
         <img src='//cors.zfour.workers.dev/?中文图片中文.jpg'>"
    );
    let a = article(&page);
    assert_eq!(a.text(), "正文内容。");
    assert!(a.images.iter().all(|i| i.url.is_ascii()), "{:?}", a.images);
    let post =
        "---\ntitle: 图\ncover: https://cors.zfour.workers.dev/?中文图片.jpg\n---\n<p>正文</p>";
    let a = article(post);
    assert!(a.lead_image.as_deref().is_some_and(str::is_ascii));
}

#[test]
fn og_image_with_a_newline_in_its_scheme_is_no_url() {
    let a = article(
        "<head><meta property='og:image' content='java\nscript:alert(1)'></head><p>Body text.</p>",
    );
    assert_eq!(a.lead_image, None);
    let a = article(
        "<head><meta property='og:image' content='https://e.com/a\nb.jpg'></head><p>Body.</p>",
    );
    assert_eq!(a.lead_image.as_deref(), Some("https://e.com/ab.jpg"));
}

#[test]
fn protocol_relative_url_with_spaces_and_brackets_is_percent_encoded() {
    let a = article("<p>Body.</p><img src='//e.com/a b<c>.jpg'>");
    assert_eq!(a.images[0].url, "https://e.com/a%20b%3Cc%3E.jpg");
}

#[test]
fn proxy_wrapping_javascript_or_data_is_no_image() {
    let a = article(
        "<p>Body.</p><img src='https://cors.zfour.workers.dev/?javascript:alert(1)'>\
         <img src='https://cors.zfour.workers.dev/?data:text/html,x'>",
    );
    assert!(a.images.is_empty(), "{:?}", a.images);
}

#[test]
fn tags_made_only_of_control_characters_are_dropped() {
    let a = article(
        "---\ntitle: t\ntags: [\"\\x01\\x02\", ok]\ncategories: [\"\\x7f\"]\n---\n<p>b</p>",
    );
    assert_eq!(a.tags, ["ok"]);
    assert!(a.categories.is_empty());
    let a = article("<p>a</p><p>&#1;&#2;</p><img src='http://e.com/1.jpg'><p>b</p>");
    assert_eq!(a.blocks.len(), 2, "no empty block: {:?}", a.blocks);
    assert_eq!(a.images[0].block, 1);
}

#[test]
fn figure_caption_reaches_the_image_even_when_pruned_from_the_text() {
    let page = format!(
        "<html><body><nav><a href='/'>Home</a></nav><article><h1>Headline</h1>{}\
         <figure><img src='https://e.com/photo.jpg'>\
         <figcaption>The harbour at dawn. Photo: Jane Roe</figcaption></figure>{}\
         <div class='wp-caption'><img src='https://e.com/second.jpg'>\
         <p class='wp-caption-text'>A second picture</p></div>{}</article></body></html>",
        long_paragraphs(4),
        long_paragraphs(3),
        long_paragraphs(2)
    );
    let a = article(&page);
    let caption = |url: &str| {
        a.images
            .iter()
            .find(|i| i.url == url)
            .unwrap_or_else(|| panic!("{url} in {:?}", a.images))
            .caption
            .clone()
    };
    // The credit line is told apart (issue 12): caption and credit both reach the image.
    assert_eq!(
        caption("https://e.com/photo.jpg").as_deref(),
        Some("The harbour at dawn.")
    );
    let credit = a
        .images
        .iter()
        .find(|i| i.url == "https://e.com/photo.jpg")
        .and_then(|i| i.credit.clone());
    assert_eq!(credit.as_deref(), Some("Jane Roe"));
    assert_eq!(
        caption("https://e.com/second.jpg").as_deref(),
        Some("A second picture")
    );
    // A caption before its image in the figure captions it too.
    let a = article("<figure><figcaption>Before</figcaption><img src='https://e.com/x.jpg'></figure><p>Text.</p>");
    assert_eq!(a.images[0].caption.as_deref(), Some("Before"));
}

#[test]
fn tracking_pixels_are_not_images() {
    let a = article(
        "<p>Body text.</p><img src='https://e.com/real.jpg' width=640 height=480>\
         <img src='https://e.com/p.gif' width=1 height=1>\
         <img src='https://e.com/line.gif' width=600 height=1>\
         <noscript><img src='https://sb.scorecardresearch.com/p?c1=2&c2=1&cj=1'></noscript>\
         <img src='https://pixel.wp.com/b.gif?v=noscript'>\
         <img src='https://www.facebook.com/tr?id=1&ev=PageView&noscript=1'>\
         <img src='/piwik.php?idsite=1&rec=1'>",
    );
    let urls: Vec<_> = a.images.iter().map(|i| i.url.as_str()).collect();
    assert_eq!(urls, ["https://e.com/real.jpg"]);
    let a = Extractor::default()
        .extract_str("<p>x</p><img src='https://stats.wordpress.com/b.gif'>")
        .unwrap();
    assert_eq!(a.lead_image, None);
}

#[test]
fn url_longer_than_two_mib_is_dropped_not_copied_into_the_article() {
    // One 8 MB src of CJK became a 24 MB image URL and the same again as the lead image
    // (15 times the page at the peak); a canonical URL as long was kept and used as base.
    let huge = format!("https://e.com/{}", "中".repeat(3 << 20));
    let page = format!(
        "<head><link rel=canonical href='{huge}'></head><article>{}\
         <img src='{huge}'><img src='/kept.jpg'></article>",
        long_paragraphs(3)
    );
    let a = Extractor::builder()
        .base_url("https://base.example/p")
        .build()
        .unwrap()
        .extract_str(&page)
        .unwrap();
    let urls: Vec<&str> = a.images.iter().map(|i| i.url.as_str()).collect();
    assert_eq!(urls, ["https://base.example/kept.jpg"]);
    assert_eq!(
        a.lead_image.as_deref(),
        Some("https://base.example/kept.jpg")
    );
    assert_eq!(a.canonical_url, None);
}

#[test]
fn image_url_with_a_quote_in_its_host_does_not_break_out_of_an_attribute() {
    // The URL standard keeps `"` in a host: `https://e.com"onerror="alert(1)/x.jpg` left
    // the library as an image URL, and as the base for the page's relative images.
    let page = format!(
        "<head><base href='https://e.com\"x/'><link rel=canonical href='https://e.com\"x/p'></head>\
         <article>{}<img src='https://e.com\"onerror=\"alert(1)/x.jpg'><img src='/kept.jpg'></article>",
        long_paragraphs(3)
    );
    let a = Extractor::builder()
        .base_url("https://base.example/p")
        .build()
        .unwrap()
        .extract_str(&page)
        .unwrap();
    let urls: Vec<&str> = a.images.iter().map(|i| i.url.as_str()).collect();
    assert_eq!(urls, ["https://base.example/kept.jpg"]);
    assert_eq!(a.canonical_url, None);
}
