//! Entities left in text after parsing: sources that escape twice (`&amp;nbsp;` in the
//! markup) leave `&nbsp;` in the text. Decoded once more outside code; `&lt;` and `&gt;`
//! stay, so escaped markup shown as text never turns into tags.

use std::borrow::Cow;

const NAMED: &[(&str, char)] = &[
    ("nbsp", '\u{A0}'),
    ("amp", '&'),
    ("quot", '"'),
    ("apos", '\''),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("middot", '·'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("times", '×'),
    ("yen", '¥'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("thinsp", '\u{2009}'),
    ("zwsp", '\u{200B}'),
    ("bull", '•'),
    ("laquo", '«'),
    ("raquo", '»'),
];

/// Decodes entities still present in `text`; borrows when there is none.
pub(crate) fn decode_leftovers(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match entity_at(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The entity at the start of `s` (which starts with `&`) and its length, `;` included.
fn entity_at(s: &str) -> Option<(char, usize)> {
    let end = s[1..].find(';')? + 1;
    if end > 10 {
        return None;
    }
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        let c = char::from_u32(code)?;
        if c == '<' || c == '>' || (c.is_control() && c != '\n' && c != '\t') {
            return None;
        }
        c
    } else {
        NAMED.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)?
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::decode_leftovers;

    #[test]
    fn decodes_double_escaped_entities_but_not_tags() {
        assert_eq!(
            decode_leftovers("a&nbsp;b &#123; &#x4E2D; &amp; x"),
            "a\u{A0}b { 中 & x"
        );
        assert_eq!(
            decode_leftovers("&lt;div&gt; &#60;p&#62;"),
            "&lt;div&gt; &#60;p&#62;"
        );
        assert_eq!(
            decode_leftovers("AT&T; R&D &unknown; &"),
            "AT&T; R&D &unknown; &"
        );
        assert!(matches!(
            decode_leftovers("none"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
