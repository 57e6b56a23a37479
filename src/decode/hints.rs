//! What a page says about itself that helps guess its encoding: its language and its
//! own URL, read with the prescan's tag and attribute rules ([`super::prescan`]), so a
//! URL in a comment or a script is not read.

use super::prescan::{scan, Attribute};

/// What the page says about itself that helps a guess at its encoding.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct PageHints {
    /// `<html lang>` (lower-cased, as the prescan reads attributes).
    pub(crate) lang: Option<String>,
    /// The first of `<base href>`, `<link rel=canonical href>`, `<meta property=og:url
    /// content>` that is an absolute URL.
    pub(crate) url: Option<url::Url>,
}

/// The hints in `bytes`, read with the prescan's tag and attribute rules (so a URL in a
/// comment or a script is not read).
pub(crate) fn page_hints(bytes: &[u8]) -> PageHints {
    let mut hints = PageHints::default();
    // The tag being read: its index, and the `rel`/`property` and `href`/`content` seen.
    let mut current = usize::MAX;
    let (mut role, mut target): (Vec<u8>, Vec<u8>) = (Vec::new(), Vec::new());
    scan(bytes, usize::MAX, &mut |a: Attribute<'_>| {
        if a.tag_index != current {
            current = a.tag_index;
            role.clear();
            target.clear();
        }
        match (a.tag, a.name) {
            (b"html", b"lang") if hints.lang.is_none() => {
                hints.lang = std::str::from_utf8(a.value.trim_ascii())
                    .ok()
                    .map(str::to_string);
            }
            (b"link", b"rel") | (b"meta", b"property") => role = a.value.to_vec(),
            (b"link" | b"base", b"href") | (b"meta", b"content") => target = a.value.to_vec(),
            _ => return,
        }
        let wanted = match a.tag {
            b"base" => true,
            b"link" => role == b"canonical",
            _ => role == b"og:url",
        };
        if wanted && hints.url.is_none() && !target.is_empty() {
            hints.url = std::str::from_utf8(&target)
                .ok()
                .and_then(|t| url::Url::parse(t.trim()).ok())
                .filter(|u| u.domain().is_some());
        }
    });
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_hints_read_lang_and_url() {
        let h = page_hints(
            b"<!-- <html lang=ja> --><html lang=zh-TW><head><script>x='<link rel=canonical href=https://a.jp/>'</script>\
              <link href='https://news.example.com.tw/a' rel=canonical></head>",
        );
        assert_eq!(h.lang.as_deref(), Some("zh-tw"));
        assert_eq!(
            h.url.as_ref().and_then(|u| u.domain()),
            Some("news.example.com.tw")
        );
        let h =
            page_hints(b"<meta property=og:url content='/relative'><base href='http://1.2.3.4/'>");
        assert_eq!(h, PageHints::default());
    }
}
