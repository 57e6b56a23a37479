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

/// Longest entity name read (`hellip`, `#x1F600`…): the `;` must come within this many
/// bytes of the `&`, so each `&` looks at a bounded window and a text of many `&` without
/// `;` costs linear time.
const MAX_NAME: usize = 9;

/// Decodes entities still present in `text`; borrows when there is none.
pub(crate) fn decode_leftovers(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, from_amp)) = rest.find('&').and_then(|amp| rest.split_at_checked(amp)) {
        out.push_str(before);
        let (c, len) = entity_at(from_amp).unwrap_or(('&', 1));
        out.push(c);
        rest = from_amp.get(len..).unwrap_or_default();
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// [`decode_leftovers`] of an owned text: the same `String` back when there is nothing
/// to decode, else the decoded copy, the original dropped at once.
pub(crate) fn decode_owned(text: String) -> String {
    if memchr::memchr(b'&', text.as_bytes()).is_none() {
        return text;
    }
    decode_leftovers(&text).into_owned()
}

/// The entity at the start of `s` (which starts with `&`) and its length, `;` included.
fn entity_at(s: &str) -> Option<(char, usize)> {
    let window = s.as_bytes().get(1..s.len().min(MAX_NAME + 2))?;
    let end = memchr::memchr(b';', window)? + 1;
    let name = s.get(1..end)?;
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

    #[test]
    fn the_semicolon_is_looked_for_only_near_the_ampersand() {
        // Nine bytes of name is the most read: `&#x1F600;` is in, a longer name is not.
        assert_eq!(
            decode_leftovers("&#x1F600; &#x001F600; &#x0001F600;"),
            "😀 😀 &#x0001F600;"
        );
        assert_eq!(decode_leftovers("&#1234567;"), "&#1234567;");
        // A `;` far away, or a name cut by a multi-byte character, decodes nothing.
        assert_eq!(decode_leftovers("&amp and later;"), "&amp and later;");
        assert_eq!(decode_leftovers("&中;&amp;"), "&中;&");
        assert_eq!(decode_leftovers("&&amp;&"), "&&&");
    }
}
