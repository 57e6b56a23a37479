//! What every fuzz target checks on an extracted article: the output-safety promises.

use textsift::Article;

/// Panics (a fuzz finding) when `a` holds a control character other than `\n`/`\t` in its
/// text, or a URL whose scheme is not http(s).
pub fn check(a: &Article) {
    let texts = a
        .title
        .iter()
        .chain(&a.author)
        .chain(&a.published)
        .chain(&a.categories)
        .chain(&a.tags)
        .chain(a.blocks.iter().map(|b| &b.text))
        .chain(a.images.iter().filter_map(|i| i.alt.as_ref()))
        .chain(a.images.iter().filter_map(|i| i.caption.as_ref()));
    for t in texts {
        assert!(
            !t.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
            "control character in {:?}",
            t.chars().take(80).collect::<String>()
        );
    }
    for url in a.images.iter().map(|i| &i.url).chain(&a.lead_image) {
        assert!(
            !url.chars().any(char::is_control),
            "control character in URL {url:?}"
        );
        let lower = url.to_ascii_lowercase();
        if let Some((scheme, _)) = lower.split_once(':') {
            // A scheme starts with a letter (URL standard); `1ttps:` is a relative path.
            let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
            assert!(
                !is_scheme || scheme == "http" || scheme == "https",
                "unsafe URL {:?}",
                url.chars().take(80).collect::<String>()
            );
        }
    }
}
