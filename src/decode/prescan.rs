//! The HTML standard's "prescan a byte stream to determine its encoding" (WHATWG HTML
//! §13.2.3.2, <https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding>),
//! with its "get an attribute" and "get an XML encoding" steps, and the "algorithm for
//! extracting a character encoding from a meta element"
//! (<https://html.spec.whatwg.org/multipage/urls-and-fetching.html#algorithm-for-extracting-a-character-encoding-from-a-meta-element>).
//!
//! Comments are skipped, only `<meta>` tags' attributes are read (other tags' attributes
//! are read past, so a `charset=` inside a `content` or `title` of another tag decides
//! nothing), and `<!…>`, `<?…>`, `</…>` are skipped to their `>`.
//!
//! One deviation, as Chromium's meta-charset scanner (which runs its real tokenizer) does:
//! the text of raw-text elements (`<script>`, `<style>`, `<title>`, `<textarea>`…) is
//! skipped to their end tag, so a `<meta charset=…>` inside a JavaScript string declares
//! nothing.
//!
//! Where it ends is the user agent's choice in the standard ("encouraged to only prescan
//! the first 1024 bytes"); here it is the first 1024 bytes and on while the page is still
//! in its head, as in Chromium ([`prescan`]).
//!
//! Iterative, one forward pass over the bytes it is given (the caller bounds them), no
//! allocation beyond one tag's name and one attribute's name and value.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};
use memchr::memmem;

/// A declaration the prescan found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Declared {
    /// The encoding, after the standard's remapping (a declared UTF-16 is UTF-8,
    /// `x-user-defined` is windows-1252). May be the replacement encoding, which the
    /// caller must not trust.
    pub(crate) encoding: &'static Encoding,
    /// The label as written (trimmed, lower-cased, at most [`MAX_LABEL`] bytes), for
    /// warnings.
    pub(crate) label: String,
}

/// The longest label kept for a warning (the longest WHATWG label has 19 bytes).
const MAX_LABEL: usize = 40;

/// How many leading bytes the prescan reads whatever they hold: the standard advises 1024.
pub(crate) const UNCONDITIONAL: usize = 1024;

/// Elements that may stand in `<head>`: past [`UNCONDITIONAL`] bytes the prescan goes on
/// only while every tag so far is one of these (or a start tag `<html>`, `<head>`), as
/// Chromium's scanner does.
const HEAD_TAGS: &[&[u8]] = &[
    b"meta",
    b"link",
    b"script",
    b"style",
    b"title",
    b"base",
    b"noscript",
    b"object",
];

/// Elements whose text the tokenizer reads as raw text or RCDATA (with scripting off):
/// their content is skipped to the end tag.
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"title",
    b"textarea",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// The encoding `bytes` declare, as the prescan finds it reading `bytes` and nothing past
/// them: the first `<meta>` that declares a known encoding, else an XML declaration's
/// `encoding`, else `None`. A declaration cut off by the end of `bytes` is not read.
///
/// The first [`UNCONDITIONAL`] bytes are read whatever they hold; after them, a `<meta>`
/// counts only while the page is still in its head (every tag so far one of
/// [`HEAD_TAGS`]), as in Chromium: real pages put long scripts and styles first, and a
/// `<meta>` in the body declares nothing.
pub(crate) fn prescan(bytes: &[u8]) -> Option<Declared> {
    // "Prescan for UTF-16 XML declarations."
    if bytes.starts_with(b"<\0?\0x\0") {
        return Some(declared(UTF_16LE, b"utf-16le"));
    }
    if bytes.starts_with(b"\0<\0?\0x") {
        return Some(declared(UTF_16BE, b"utf-16be"));
    }
    scan(bytes, UNCONDITIONAL, &mut |_| {}).or_else(|| xml_encoding(bytes))
}

/// An attribute of a start tag, as the scan reads it (names and values lower-cased).
pub(super) struct Attribute<'a> {
    /// Which tag (counting from 0) it belongs to.
    pub(super) tag_index: usize,
    pub(super) tag: &'a [u8],
    pub(super) name: &'a [u8],
    pub(super) value: &'a [u8],
}

/// The prescan's loop, telling `visit` each start tag's attributes. Returns the first
/// declaration, unless `head_after` is `usize::MAX` (then it reads all of `b` and returns
/// `None`); past `head_after` bytes it stops once the head has ended. `None` when it runs
/// out of bytes.
pub(super) fn scan(
    b: &[u8],
    head_after: usize,
    visit: &mut dyn FnMut(Attribute<'_>),
) -> Option<Declared> {
    let stop = head_after != usize::MAX;
    let mut i = 0;
    let mut tag_index = 0;
    let mut in_head = true;
    loop {
        // Only a `<` starts anything the loop acts on ("any other byte: do nothing").
        i += memchr::memchr(b'<', b.get(i..)?)?;
        if i >= head_after && !in_head {
            return None;
        }
        let rest = b.get(i..)?;
        if rest.starts_with(b"<!--") {
            // To the first `>` preceded by two `-`; the dashes of `<!--` count (`<!-->`).
            let dashes = i + 2;
            i = dashes + memmem::find(b.get(dashes..)?, b"-->")? + 3;
        } else if starts_with_ignore_case(rest, b"<meta")
            && rest.get(5).is_some_and(|&c| space_or_slash(c))
        {
            tag_index += 1;
            let (found, end) = meta(b, i + 6, &mut |name, value| {
                visit(Attribute {
                    tag_index,
                    tag: b"meta",
                    name,
                    value,
                })
            })?;
            if stop && found.is_some() {
                return found;
            }
            i = end + 1;
        } else if let Some(name_at) = tag_name_start(rest) {
            // A start or end tag: read past its attributes.
            tag_index += 1;
            let name_start = i + name_at;
            let name_len = b
                .get(name_start..)?
                .iter()
                .position(|&c| is_space(c) || c == b'/' || c == b'>')?;
            let name = b
                .get(name_start..name_start + name_len)?
                .to_ascii_lowercase();
            let head_start_tag = name_at == 1 && (name == b"html" || name == b"head");
            if !head_start_tag && !HEAD_TAGS.contains(&name.as_slice()) {
                in_head = false;
                if i >= head_after {
                    return None;
                }
            }
            let mut j = name_start
                + b.get(name_start..)?
                    .iter()
                    .position(|&c| is_space(c) || c == b'>')?;
            loop {
                match attribute(b, j) {
                    Attr::Got {
                        name: attr,
                        value,
                        end,
                    } => {
                        if name_at == 1 {
                            visit(Attribute {
                                tag_index,
                                tag: &name,
                                name: &attr,
                                value: &value,
                            });
                        }
                        j = end;
                    }
                    Attr::None { at } => {
                        j = at;
                        break;
                    }
                    Attr::End => return None,
                }
            }
            i = j + 1;
            if name_at == 1 {
                if name == b"plaintext" {
                    return None;
                }
                if RAW_TEXT.contains(&name.as_slice()) {
                    i = end_tag(b, i, &name)?;
                }
            }
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            i += 1 + memchr::memchr(b'>', rest.get(1..)?)? + 1;
        } else {
            i += 1;
        }
    }
}

/// Where the tag name starts in `rest` (which starts with `<`): 1 for `<x`, 2 for `</x`
/// with `x` an ASCII letter; `None` for anything else.
fn tag_name_start(rest: &[u8]) -> Option<usize> {
    match rest.get(1)? {
        c if c.is_ascii_alphabetic() => Some(1),
        b'/' if rest.get(2)?.is_ascii_alphabetic() => Some(2),
        _ => None,
    }
}

/// Where the raw text that starts at `from` ends: at the `<` of its end tag
/// `</name` (followed by a space, `/` or `>`). `None` if there is none.
fn end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    loop {
        i += memmem::find(b.get(i..)?, b"</")?;
        let after = i + 2;
        let candidate = b.get(after..after + name.len())?;
        if candidate.eq_ignore_ascii_case(name)
            && b.get(after + name.len())
                .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return Some(i);
        }
        i = after;
    }
}

/// The steps for a `<meta>` whose attributes start at `at`: the declaration it makes, if
/// any, and where its attributes ended (its `>`). `None` when the bytes end first.
fn meta(
    b: &[u8],
    at: usize,
    visit: &mut dyn FnMut(&[u8], &[u8]),
) -> Option<(Option<Declared>, usize)> {
    /// The standard's "charset" variable: null, failure, or an encoding.
    enum Charset {
        Null,
        Failure,
        Found(Declared),
    }
    // The attribute list only matters for the three names the steps read: a second
    // `charset`, `content` or `http-equiv` is ignored.
    let (mut seen_http_equiv, mut seen_content, mut seen_charset) = (false, false, false);
    let mut got_pragma = false;
    let mut need_pragma: Option<bool> = None;
    let mut charset = Charset::Null;
    let mut i = at;
    let end = loop {
        let (name, value) = match attribute(b, i) {
            Attr::Got { name, value, end } => {
                i = end;
                (name, value)
            }
            Attr::None { at } => break at,
            Attr::End => return None,
        };
        visit(&name, &value);
        match name.as_slice() {
            b"http-equiv" if !seen_http_equiv => {
                seen_http_equiv = true;
                got_pragma = value == b"content-type";
            }
            b"content" if !seen_content => {
                seen_content = true;
                if matches!(charset, Charset::Null) {
                    if let Some(d) = from_content(&value) {
                        charset = Charset::Found(d);
                        need_pragma = Some(true);
                    }
                }
            }
            b"charset" if !seen_charset => {
                seen_charset = true;
                charset = match Encoding::for_label(&value) {
                    Some(enc) => Charset::Found(declared(enc, &value)),
                    None => Charset::Failure,
                };
                need_pragma = Some(false);
            }
            _ => {}
        }
    };
    // "Processing": a `charset` attribute needs no pragma; a `content` one needs
    // `http-equiv=content-type`.
    let found = match charset {
        Charset::Found(d) if need_pragma == Some(false) || got_pragma => Some(remap(d)),
        _ => None,
    };
    Some((found, end))
}

/// "Extracting a character encoding from a meta element", on a `content` value.
fn from_content(s: &[u8]) -> Option<Declared> {
    let mut i = 0;
    loop {
        // "Find the first seven characters … that are an ASCII case-insensitive match
        // for `charset`."
        i += s
            .get(i..)?
            .windows(7)
            .position(|w| w.eq_ignore_ascii_case(b"charset"))?
            + 7;
        while s.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        if s.get(i) != Some(&b'=') {
            // "Move position to point just before that next character, and jump back."
            continue;
        }
        i += 1;
        while s.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        let label = match *s.get(i)? {
            q @ (b'"' | b'\'') => {
                let rest = s.get(i + 1..)?;
                rest.get(..memchr::memchr(q, rest)?)?
            }
            _ => {
                let rest = s.get(i..)?;
                let len = rest
                    .iter()
                    .position(|&c| is_space(c) || c == b';')
                    .unwrap_or(rest.len());
                rest.get(..len)?
            }
        };
        return Encoding::for_label(label).map(|enc| declared(enc, label));
    }
}

/// What "get an attribute" gives.
enum Attr {
    /// An attribute (name and value lower-cased), and where the scan goes on.
    Got {
        name: Vec<u8>,
        value: Vec<u8>,
        end: usize,
    },
    /// No further attribute: the tag ends at `at` (its `>`).
    None { at: usize },
    /// The bytes ended inside the tag.
    End,
}

/// "Get an attribute" starting at `i`.
fn attribute(b: &[u8], mut i: usize) -> Attr {
    let byte = |i: usize| b.get(i).copied();
    // Step 1: skip spaces and slashes.
    while byte(i).is_some_and(space_or_slash) {
        i += 1;
    }
    match byte(i) {
        None => return Attr::End,
        Some(b'>') => return Attr::None { at: i },
        Some(_) => {}
    }
    let (mut name, mut value) = (Vec::new(), Vec::new());
    // Step 4: the name.
    loop {
        let Some(c) = byte(i) else { return Attr::End };
        match c {
            b'=' if !name.is_empty() => {
                i += 1;
                break;
            }
            c if is_space(c) => {
                // "Spaces": an `=` may still follow.
                while byte(i).is_some_and(is_space) {
                    i += 1;
                }
                match byte(i) {
                    None => return Attr::End,
                    Some(b'=') => {
                        i += 1;
                        break;
                    }
                    Some(_) => {
                        return Attr::Got {
                            name,
                            value,
                            end: i,
                        }
                    }
                }
            }
            b'/' | b'>' => {
                return Attr::Got {
                    name,
                    value,
                    end: i,
                }
            }
            c => name.push(c.to_ascii_lowercase()),
        }
        i += 1;
    }
    // "Value".
    while byte(i).is_some_and(is_space) {
        i += 1;
    }
    match byte(i) {
        None => return Attr::End,
        Some(q @ (b'"' | b'\'')) => {
            let Some(rest) = b.get(i + 1..) else {
                return Attr::End;
            };
            let Some(len) = memchr::memchr(q, rest) else {
                return Attr::End;
            };
            value.extend(rest.iter().take(len).map(u8::to_ascii_lowercase));
            return Attr::Got {
                name,
                value,
                end: i + 1 + len + 1,
            };
        }
        Some(b'>') => {
            return Attr::Got {
                name,
                value,
                end: i,
            }
        }
        Some(_) => {}
    }
    loop {
        match byte(i) {
            None => return Attr::End,
            Some(c) if is_space(c) || c == b'>' => {
                return Attr::Got {
                    name,
                    value,
                    end: i,
                }
            }
            Some(c) => value.push(c.to_ascii_lowercase()),
        }
        i += 1;
    }
}

/// "Get an XML encoding": the `encoding` of an `<?xml …?>` declaration at the start.
fn xml_encoding(b: &[u8]) -> Option<Declared> {
    if !b.starts_with(b"<?xml") {
        return None;
    }
    let decl = b.get(..memchr::memchr(b'>', b)?)?;
    let mut i = decl
        .windows(8)
        .position(|w| w.eq_ignore_ascii_case(b"encoding"))?
        + 8;
    while decl.get(i).is_some_and(|&c| c <= 0x20) {
        i += 1;
    }
    if decl.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while decl.get(i).is_some_and(|&c| c <= 0x20) {
        i += 1;
    }
    let q = *decl.get(i).filter(|&&q| q == b'"' || q == b'\'')?;
    let rest = decl.get(i + 1..)?;
    let label = rest.get(..memchr::memchr(q, rest)?)?;
    if label.iter().any(|&c| c <= 0x20) {
        return None;
    }
    Some(remap(declared(Encoding::for_label(label)?, label)))
}

/// The standard's remapping of a declared encoding: a UTF-16 one means UTF-8 (the bytes
/// are ASCII-compatible if the declaration could be read), `x-user-defined` means
/// windows-1252.
fn remap(mut d: Declared) -> Declared {
    if d.encoding == UTF_16BE || d.encoding == UTF_16LE {
        d.encoding = UTF_8;
    } else if d.encoding == X_USER_DEFINED {
        d.encoding = WINDOWS_1252;
    }
    d
}

fn declared(encoding: &'static Encoding, label: &[u8]) -> Declared {
    let label = label.trim_ascii();
    let label = label.get(..label.len().min(MAX_LABEL)).unwrap_or_default();
    Declared {
        encoding,
        label: String::from_utf8_lossy(label).to_ascii_lowercase(),
    }
}

/// ASCII whitespace as the prescan counts it: TAB, LF, FF, CR, space.
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn space_or_slash(c: u8) -> bool {
    is_space(c) || c == b'/'
}

fn starts_with_ignore_case(s: &[u8], prefix: &[u8]) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8]) -> Option<&'static str> {
        prescan(bytes).map(|d| d.encoding.name())
    }

    #[test]
    fn meta_charset_in_every_spelling() {
        for page in [
            &b"<meta charset=gbk>"[..],
            b"<META CHARSET=GBK>",
            b"<meta charset='gbk'>",
            b"<meta charset=\" gbk \">",
            b"<meta/charset=gbk>",
            b"<meta name=x charset = gbk >",
            b"<meta http-equiv=Content-Type content='text/html; charset=gbk'>",
            b"<meta content=\"text/html;charset=gbk\" http-equiv=\"content-type\">",
            b"<meta http-equiv=content-type content='text/html; charset = \"gbk\"'>",
            b"<!doctype html><html lang=zh><head><title>t</title><meta charset=gbk>",
        ] {
            assert_eq!(name(page), Some("GBK"), "{}", String::from_utf8_lossy(page));
        }
    }

    #[test]
    fn commented_out_meta_charset_does_not_decide() {
        assert_eq!(name(b"<!-- <meta charset=iso-2022-kr> --><p>x"), None);
        assert_eq!(
            name(b"<!--<meta charset=shift_jis>--><meta charset=windows-1252>"),
            Some("windows-1252")
        );
        // `<!-->` is a whole comment; the `-->` that ends one may share its dashes.
        assert_eq!(name(b"<!--><meta charset=gbk>"), Some("GBK"));
        assert_eq!(name(b"<!-- a -- b <meta charset=gbk> -->"), None);
        // An unclosed comment runs to the end.
        assert_eq!(name(b"<!-- <meta charset=gbk>"), None);
    }

    #[test]
    fn meta_charset_in_a_script_string_does_not_decide() {
        assert_eq!(
            name(b"<script>var s = \"<meta charset=hz-gb-2312>\";</script><p>x"),
            None
        );
        assert_eq!(
            name(b"<script type=text/javascript>document.write('<meta charset=shift_jis>')</SCRIPT ><meta charset=utf-8>"),
            Some("UTF-8")
        );
        assert_eq!(name(b"<style>/* <meta charset=gbk> */</style>"), None);
        assert_eq!(name(b"<title><meta charset=gbk></title>"), None);
        // A `</script` that is not the end tag (`</scripts`) does not end it.
        assert_eq!(
            name(b"<script>'</scripts><meta charset=gbk>'</script>"),
            None
        );
    }

    #[test]
    fn charset_in_other_attributes_does_not_decide() {
        for page in [
            &b"<meta name=description content='Set charset=shift_jis in your editor'>"[..],
            b"<meta property=og:description content='text/html; charset=gbk'>",
            b"<div title='<meta charset=gbk>'>x</div>",
            b"<a href='?charset=gbk'>x</a>",
            b"<img alt=\"<meta charset=gbk>\">",
            b"<p>Type &lt;meta charset=gbk&gt; here</p>",
            b"<meta http-equiv=refresh content='0; charset=gbk'>",
            b"<meta charset=no-such-encoding><p>x",
        ] {
            assert_eq!(name(page), None, "{}", String::from_utf8_lossy(page));
        }
        // Text (not markup) holding a declaration is read, as the standard says: only a
        // real tag can be skipped. The bytes `<meta charset=gbk>` are one.
        assert_eq!(name(b"<p>see <meta charset=gbk></p>"), Some("GBK"));
    }

    #[test]
    fn first_declaration_of_a_meta_wins_and_charset_beats_content() {
        assert_eq!(name(b"<meta charset=gbk charset=big5>"), Some("GBK"));
        assert_eq!(
            name(b"<meta http-equiv=content-type content='charset=big5' charset=gbk>"),
            Some("GBK")
        );
        // A `content` declaration without the pragma declares nothing, and the scan goes on.
        assert_eq!(
            name(b"<meta content='charset=big5'><meta charset=gbk>"),
            Some("GBK")
        );
    }

    #[test]
    fn declared_utf16_means_utf8_and_x_user_defined_means_windows_1252() {
        assert_eq!(name(b"<meta charset=utf-16>"), Some("UTF-8"));
        assert_eq!(name(b"<meta charset=utf-16be>"), Some("UTF-8"));
        assert_eq!(name(b"<meta charset=x-user-defined>"), Some("windows-1252"));
        let d = prescan(b"<meta charset=\"  ISO-2022-KR \">").unwrap();
        assert_eq!(
            (d.encoding.name(), d.label.as_str()),
            ("replacement", "iso-2022-kr")
        );
    }

    #[test]
    fn xml_declaration_is_read_when_no_meta_declares() {
        assert_eq!(
            name(b"<?xml version='1.0' encoding='big5'?><html>"),
            Some("Big5")
        );
        assert_eq!(
            name(b"<?xml version='1.0' encoding='big5'?><meta charset=gbk>"),
            Some("GBK")
        );
        assert_eq!(
            name(b"<?xml version='1.0' encoding='utf-16'?>"),
            Some("UTF-8")
        );
        assert_eq!(name(b"<?xml version='1.0'?><p encoding='gbk'>"), None);
        assert_eq!(name(b"<\0?\0x\0m\0l\0"), Some("UTF-16LE"));
    }

    #[test]
    fn declaration_cut_off_by_the_end_is_not_read() {
        assert_eq!(name(b"<meta charset=gbk"), None);
        assert_eq!(name(b"<meta charset='gbk"), None);
        assert_eq!(
            name(b"<meta http-equiv=content-type content='charset=gbk'"),
            None
        );
    }

    #[test]
    fn declaration_after_a_long_head_is_read_but_not_one_in_the_body() {
        let script = format!("<script>{}</script>", "var a = 1;\n".repeat(500));
        let head = format!("<html><head><title>t</title>{script}<meta charset=gbk></head>");
        assert_eq!(name(head.as_bytes()), Some("GBK"));
        let body = format!("<html><head></head><body>{script}<meta charset=gbk>");
        assert_eq!(name(body.as_bytes()), None);
        // Within the first 1024 bytes, anywhere counts.
        assert_eq!(name(b"<body><p>x</p><meta charset=gbk>"), Some("GBK"));
    }

    #[test]
    fn hostile_shapes_end_quickly() {
        // Every shape is one forward pass; the caller gives at most 64 KiB.
        for unit in [
            &b"<meta "[..],
            b"<a ",
            b"<!--",
            b"<meta a='",
            b"<meta content=charset",
            b"</",
            b"<script>",
            b"<meta charset",
        ] {
            let page = unit.repeat((64 << 10) / unit.len());
            let started = std::time::Instant::now();
            assert_eq!(prescan(&page), None);
            assert!(
                started.elapsed().as_secs() < 2,
                "{}",
                String::from_utf8_lossy(unit)
            );
        }
    }
}
