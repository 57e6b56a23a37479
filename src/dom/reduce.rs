//! A pre-pass that hands html5ever a smaller page with the same tree.
//!
//! html5ever's tokenizer spends most of its time in tags, reading every attribute one
//! character at a time, and in comments. This pass follows the tokenizer's own states over
//! the bytes (text, tags, comments, raw text) and leaves out what the [prune filter]
//! (super::prune) would drop from the tree anyway: comments, the text of `<script>` (not
//! JSON-LD) and `<style>`, attributes no stage reads (not on formatting elements other than
//! `<a>`, whose attributes the tree builder compares) and the attributes of end tags
//! (ignored by the tree builder). Tags with more than `max` attributes lose the extra ones, as in
//! [`super::attrs`]. Source indentation (whitespace between two tags that holds a line
//! break, outside `<pre>` and `<listing>`) becomes one `\n`, which the block walk reads the
//! same: html5ever splits text at line breaks, so this saves tokens, not just bytes.
//!
//! Tags, comments and the raw text of scripts and styles are recognised exactly as the
//! tokenizer does (the script escape states included). What the pass cannot know is the
//! tree builder's view: `<title>`, `<textarea>`, `<iframe>`, `<xmp>`, `<noembed>`,
//! `<noframes>`, `<plaintext>`, JSON-LD and CDATA sections are copied verbatim, as raw
//! text, though in some contexts (inside `<svg>`, `<select>`…) html5ever reads them as
//! markup. Verbatim bytes change nothing; but when such a region holds a `<`, the two views
//! may part from there, so [`Reduced::recheck_from`] tells the caller where to apply the
//! context-free attribute cap again.
//!
//! One pass with `memchr` between tags: the output is a copy of the input with spans left
//! out, at about a gigabyte per second.

use memchr::memmem;

use super::prune::{compares_attributes, keeps_bytes};
use crate::wordset::{LazyWords, WordSet};

/// The reduced page.
pub(super) struct Reduced {
    pub(super) text: String,
    /// Start tags that had more than the cap of attributes.
    pub(super) capped: usize,
    /// Where (in `text`) the first verbatim raw region holding a `<` starts, if any.
    pub(super) recheck_from: Option<usize>,
    /// Bytes read ahead to decide whether boxes could be left out (at most the input's
    /// length; the tests check it).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) looked_ahead: usize,
}

fn is_space(b: u8) -> bool {
    // The tokenizer reads `\r` as `\n`.
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// What follows a start tag, by its name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    /// Markup.
    Markup,
    /// Raw text dropped up to the end tag (`script` in script data rules, `style`).
    Drop(&'static [u8]),
    /// Raw text copied verbatim up to the end tag named.
    Verbatim(&'static [u8]),
    /// Everything to the end of the input is text.
    Plaintext,
}

fn after(name: &[u8]) -> After {
    const RAW: &[&[u8]] = &[
        b"title",
        b"textarea",
        b"xmp",
        b"iframe",
        b"noembed",
        b"noframes",
    ];
    if name.eq_ignore_ascii_case(b"script") {
        After::Drop(b"script")
    } else if name.eq_ignore_ascii_case(b"style") {
        After::Drop(b"style")
    } else if name.eq_ignore_ascii_case(b"plaintext") {
        After::Plaintext
    } else if let Some(raw) = RAW.iter().find(|r| name.eq_ignore_ascii_case(r)) {
        After::Verbatim(raw)
    } else {
        After::Markup
    }
}

/// One attribute of a tag: its span in the input, and its name's span.
#[derive(Clone, Copy)]
struct Attr {
    start: usize,
    name_end: usize,
    end: usize,
    /// The value's span (without quotes), when it has one.
    value: Option<(usize, usize)>,
    /// The record of every attribute past [`RECORDED_ATTRIBUTES`], as one span: no name,
    /// never kept.
    rest: bool,
}

/// The attributes of one tag recorded one by one; those after them share one record.
/// A record is 56 bytes and an attribute can be two (` a`): one tag of two million
/// one-letter attributes took 27 times the page in records. Only the first
/// [`MAX_ATTRIBUTES`](super::MAX_ATTRIBUTES) kept ones are ever written, so an attribute
/// this far in is dropped unless it is the only one read.
const RECORDED_ATTRIBUTES: usize = 4 * super::MAX_ATTRIBUTES;

/// Reads the tag whose name starts at `i` (just after `<` or `</`), as the tokenizer's tag
/// states do. Returns the end of the name and the index of the `>` that closes the tag, or
/// `None` when the input ends first (the tokenizer then drops the tag).
fn scan_tag(b: &[u8], mut i: usize, attrs: &mut Vec<Attr>) -> Option<(usize, usize)> {
    attrs.clear();
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name_end = i;
    // Before an attribute name (after the tag name, a space, a `/` or a quoted value).
    loop {
        let &c = b.get(i)?;
        if is_space(c) || c == b'/' {
            // A `/` not followed by `>` is read again as before an attribute name.
            i += 1;
            continue;
        }
        if c == b'>' {
            return Some((name_end, i));
        }
        // An attribute name: its first character may be anything (`=` too).
        let start = i;
        i += 1;
        while let Some(&c) = b.get(i) {
            if is_space(c) || matches!(c, b'/' | b'>' | b'=') {
                break;
            }
            i += 1;
        }
        let name_end = i;
        let mut attr = Attr {
            start,
            name_end,
            end: name_end,
            value: None,
            rest: false,
        };
        // After the name: spaces, then `=` for a value, or another attribute.
        let mut j = i;
        while b.get(j).is_some_and(|&c| is_space(c)) {
            j += 1;
        }
        if b.get(j) == Some(&b'=') {
            j += 1;
            while b.get(j).is_some_and(|&c| is_space(c)) {
                j += 1;
            }
            match *b.get(j)? {
                q @ (b'"' | b'\'') => {
                    let close = j + 1 + memchr::memchr(q, &b[j + 1..])?;
                    attr.value = Some((j + 1, close));
                    attr.end = close + 1;
                }
                // `a=>`: an empty value, and the tag ends.
                b'>' => attr.end = j,
                _ => {
                    let from = j;
                    while b.get(j).is_some_and(|&c| !is_space(c) && c != b'>') {
                        j += 1;
                    }
                    attr.value = Some((from, j));
                    attr.end = j;
                }
            }
            i = attr.end;
        } else {
            i = j;
        }
        if attrs.len() < RECORDED_ATTRIBUTES {
            attrs.push(attr);
        } else if let Some(rest) = attrs.last_mut().filter(|last| last.rest) {
            rest.end = attr.end;
        } else {
            attrs.push(Attr {
                name_end: attr.start,
                value: None,
                rest: true,
                ..attr
            });
        }
    }
}

/// Whether the start tag whose name ends at `name_end` and that closes at `gt` ends with a
/// self-closing `/` (not one inside an unquoted value).
fn self_closing(b: &[u8], name_end: usize, gt: usize, attrs: &[Attr]) -> bool {
    b[gt - 1] == b'/' && gt > attrs.last().map_or(name_end, |a| a.end)
}

/// Elements of SVG drawing that the tree builder keeps inside the `<svg>` (no HTML
/// "breakout" name such as `p` or `div`, no raw text, no `foreignObject`).
fn is_drawing(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"svg",
        b"g",
        b"path",
        b"use",
        b"symbol",
        b"defs",
        b"circle",
        b"rect",
        b"line",
        b"polyline",
        b"polygon",
        b"ellipse",
        b"title",
        b"desc",
        b"lineargradient",
        b"radialgradient",
        b"stop",
        b"clippath",
        b"mask",
        b"pattern",
        b"image",
        b"text",
        b"tspan",
        b"textpath",
        b"filter",
        b"metadata",
        b"marker",
        b"view",
    ];
    (name.len() > 2 && name[..2].eq_ignore_ascii_case(b"fe"))
        || NAMES.iter().any(|n| name.eq_ignore_ascii_case(n))
}

/// Where the content of an `<svg>` starting at `from` ends (the `</svg` that closes it),
/// when all of it is drawing ([`is_drawing`] tags, text and comments), so that leaving it
/// out moves nothing outside: the `<svg>` is noise to every later stage. `None` for
/// anything else (which is then read as usual), or a `<title>` inside a `<title>` (an
/// HTML title there would read its content as text).
fn svg_content_end(b: &[u8], from: usize, look: &mut Lookahead) -> Option<usize> {
    let mut depth = 1;
    let mut in_title = false;
    look.scan(b, from, |t, attrs| {
        let name = &b[t.at..t.name_end];
        if !is_drawing(name) || (name.eq_ignore_ascii_case(b"title") && !t.end_tag && in_title) {
            return Next::Fail;
        }
        if name.eq_ignore_ascii_case(b"title") {
            in_title = !t.end_tag;
        }
        if name.eq_ignore_ascii_case(b"svg") {
            if t.end_tag {
                depth -= 1;
                if depth == 0 {
                    return Next::Done(t.lt);
                }
            } else if !self_closing(b, t.name_end, t.gt, attrs) {
                depth += 1;
            }
        }
        Next::Go
    })
}

/// The scans ahead that decide whether a box's content can be left out, with a budget:
/// all of them together read at most the input's length (a failed scan reads on to where
/// it fails, and a page of a million unclosed `<svg>` would otherwise make each one read to
/// the end), so the pass stays linear.
struct Lookahead {
    attrs: Vec<Attr>,
    /// Bytes the scans may still read.
    budget: usize,
}

/// A tag met by a scan ahead: `name` spans `b[at..name_end]`; `lt` is its `<`, `gt` its `>`.
struct Met {
    end_tag: bool,
    at: usize,
    name_end: usize,
    lt: usize,
    gt: usize,
}

/// What a scan ahead does after a tag.
enum Next {
    Go,
    /// Go on from this index (past the raw text of a `<script>` or `<style>`).
    GoFrom(usize),
    /// The box ends here.
    Done(usize),
    /// The content is not what the scan leaves out.
    Fail,
}

impl Lookahead {
    /// Reads the tags from `from` on, giving each (with its attributes) to `visit` until it
    /// says the box ends, and charges the bytes read to the budget. Text and comments are
    /// passed over; anything else (a doctype, a bogus comment, CDATA, a tag the input ends
    /// in, the end of the budget) fails the scan.
    fn scan(
        &mut self,
        b: &[u8],
        from: usize,
        mut visit: impl FnMut(&Met, &[Attr]) -> Next,
    ) -> Option<usize> {
        let stop = from.saturating_add(self.budget).min(b.len());
        let mut i = from;
        let end = loop {
            if i >= stop {
                break None;
            }
            let Some(off) = memchr::memchr(b'<', &b[i..stop]) else {
                i = stop;
                break None;
            };
            let lt = i + off;
            let Some(&next) = b.get(lt + 1) else {
                break None;
            };
            if next == b'/' || next.is_ascii_alphabetic() {
                let end_tag = next == b'/';
                let at = lt + 1 + usize::from(end_tag);
                if !b.get(at).is_some_and(u8::is_ascii_alphabetic) {
                    break None;
                }
                let Some((name_end, gt)) = scan_tag(b, at, &mut self.attrs) else {
                    // It read to the end of the input.
                    i = b.len();
                    break None;
                };
                let met = Met {
                    end_tag,
                    at,
                    name_end,
                    lt,
                    gt,
                };
                i = gt + 1;
                match visit(&met, &self.attrs) {
                    Next::Go => {}
                    Next::GoFrom(at) => i = at.max(i),
                    Next::Done(end) => break Some(end),
                    Next::Fail => break None,
                }
            } else if b[lt..].starts_with(b"<!--") {
                i = comment_end(b, lt);
            } else if matches!(next, b'!' | b'?') {
                break None;
            } else {
                i = lt + 1;
            }
        };
        self.budget = self.budget.saturating_sub(i.saturating_sub(from).max(1));
        end
    }
}

/// Whether a start tag opens a menu or sidebar (`<nav>`, `<aside>`): noise to every stage.
fn is_noise_box(name: &[u8]) -> bool {
    name.eq_ignore_ascii_case(b"nav") || name.eq_ignore_ascii_case(b"aside")
}

/// Plain content a left-out box may hold: elements no stage reads outside the content
/// (no `<h1>`, `<time>`, script, form control, table, media or foreign content) and whose
/// tags cannot close anything outside the box when they are balanced.
fn is_plain_content(name: &[u8]) -> bool {
    static PLAIN: LazyWords = LazyWords::new(|| {
        WordSet::new(&[
            "a",
            "abbr",
            "b",
            "br",
            "div",
            "em",
            "figure",
            "figcaption",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "i",
            "img",
            "li",
            "ol",
            "p",
            "picture",
            "section",
            "small",
            "source",
            "span",
            "strong",
            "sub",
            "sup",
            "u",
            "ul",
            "wbr",
            "dl",
            "dt",
            "dd",
            "header",
            "footer",
        ])
    });
    PLAIN.contains_bytes(name)
}

fn is_void(name: &[u8]) -> bool {
    [&b"br"[..], b"hr", b"img", b"source", b"wbr"]
        .iter()
        .any(|v| name.eq_ignore_ascii_case(v))
}

/// Where the content of a box named `outer` starting at `from` ends (the `</outer` that
/// closes it), when that content is [plain](is_plain_content) elements, text and
/// comments, every element closed by its own end tag in order, and no `itemprop` or
/// `rel=author` (a byline the metadata would read). Then the tree builder closes nothing
/// outside the box while reading it, so leaving it out moves nothing else. `None` for
/// anything else.
///
/// Three more things a menu holds are as plain, as the same rules as elsewhere in this
/// pass tell: an inline icon (`<svg>` holding only drawing, as [`svg_content_end`] has
/// it, closed by its `</svg>`), and a `<script>` (not JSON-LD) or `<style>`, whose raw
/// text is passed over as the tokenizer reads it, up to its end tag. (Over the bench
/// articles, 9,000 tags in 90 menus and sidebars: a `rel=nofollow` link, an icon or a
/// script had kept them.)
fn noise_content_end(b: &[u8], from: usize, outer: &[u8], look: &mut Lookahead) -> Option<usize> {
    let mut open: Vec<(usize, usize)> = Vec::new();
    // Inside an icon: its `<svg>` depth, and whether inside its `<title>`.
    let mut svg = 0usize;
    let mut in_title = false;
    look.scan(b, from, |t, attrs| {
        let name = &b[t.at..t.name_end];
        let value = |a: &Attr| a.value.map_or(&b[0..0], |(from, to)| &b[from..to]);
        let reads = |a: &Attr| {
            let n = &b[a.start..a.name_end];
            n.eq_ignore_ascii_case(b"itemprop")
                || (n.eq_ignore_ascii_case(b"rel")
                    && (value(a).eq_ignore_ascii_case(b"author") || value(a).contains(&b'&')))
        };
        if attrs.iter().any(reads) {
            return Next::Fail;
        }
        if svg > 0 {
            let title = name.eq_ignore_ascii_case(b"title");
            if !is_drawing(name) || (title && !t.end_tag && in_title) {
                return Next::Fail;
            }
            if title {
                in_title = !t.end_tag;
            }
            if name.eq_ignore_ascii_case(b"svg") {
                if t.end_tag {
                    svg -= 1;
                } else if !self_closing(b, t.name_end, t.gt, attrs) {
                    svg += 1;
                }
            }
            return Next::Go;
        }
        if t.end_tag {
            return match open.pop() {
                Some((from, to)) if b[from..to].eq_ignore_ascii_case(name) => Next::Go,
                None if name.eq_ignore_ascii_case(outer) => Next::Done(t.lt),
                _ => Next::Fail,
            };
        }
        if name.eq_ignore_ascii_case(b"svg") {
            svg = usize::from(!self_closing(b, t.name_end, t.gt, attrs));
            return Next::Go;
        }
        let raw = match after(name) {
            After::Drop(raw) if raw != b"script" || !keeps_script_text(b, attrs) => Some(raw),
            After::Markup if closes_open(b, &open, name) => return Next::Fail,
            After::Markup if is_plain_content(name) => None,
            _ => return Next::Fail,
        };
        if !is_void(name) {
            open.push((t.at, t.name_end));
        }
        match raw {
            Some(b"script") => Next::GoFrom(script_end(b, t.gt + 1)),
            Some(raw) => Next::GoFrom(raw_end(b, t.gt + 1, raw)),
            None => Next::Go,
        }
    })
}

/// Whether a start tag named `name`, met in a box whose open elements are `open` (the
/// spans of their names, innermost last), closes one of them by itself, as the tree builder
/// does: a `<li>` closes an open `<li>` (a `<dd>` or `<dt>` an open `<dd>` or `<dt>`) below
/// the nearest other special element but `<div>` and `<p>`, a heading closes the heading
/// just open, and a block closes an open `<p>`. The end tags that follow, which the scan
/// pairs with the elements it counts as open, would then close elements outside the box
/// (`<li><nav><li><li>x</li></li></nav>` closes the outer `<li>` at the second `</li>`).
/// For `<p>`, any tag but an inline one counts (more than the tree builder closes a `<p>`
/// for: such a box is copied, which changes nothing).
fn closes_open(b: &[u8], open: &[(usize, usize)], name: &[u8]) -> bool {
    let heading = |n: &[u8]| {
        n.len() == 2 && n[0].eq_ignore_ascii_case(&b'h') && (b'1'..=b'6').contains(&n[1])
    };
    let one_of = |n: &[u8], names: &[&[u8]]| names.iter().any(|m| n.eq_ignore_ascii_case(m));
    let items: &[&[u8]] = if name.eq_ignore_ascii_case(b"li") {
        &[b"li"]
    } else if one_of(name, &[b"dd", b"dt"]) {
        &[b"dd", b"dt"]
    } else {
        &[]
    };
    if !items.is_empty() {
        // The special elements a plain box holds (`li`, `dd` and `dt` aside), which end
        // the search; `<div>` and `<p>` do not.
        const STOP: &[&[u8]] = &[
            b"dl",
            b"ol",
            b"ul",
            b"li",
            b"dd",
            b"dt",
            b"figure",
            b"figcaption",
            b"footer",
            b"header",
            b"section",
            b"h1",
            b"h2",
            b"h3",
            b"h4",
            b"h5",
            b"h6",
        ];
        for &(from, to) in open.iter().rev() {
            let n = &b[from..to];
            if one_of(n, items) {
                return true;
            }
            if one_of(n, STOP) {
                break;
            }
        }
    }
    const INLINE: &[&[u8]] = &[
        b"a", b"abbr", b"b", b"br", b"em", b"i", b"img", b"picture", b"small", b"source", b"span",
        b"strong", b"sub", b"sup", b"u", b"wbr",
    ];
    let p_open = open
        .iter()
        .any(|&(from, to)| b[from..to].eq_ignore_ascii_case(b"p"));
    (p_open && !one_of(name, INLINE))
        || (heading(name) && open.last().is_some_and(|&(from, to)| heading(&b[from..to])))
}

/// The end of a script's text starting at `i`, following the tokenizer's script data
/// states (a `<!--` … `<script>` run hides a `</script>` until `-->`): the index of the
/// `</` that ends it, or the input's length.
fn script_end(b: &[u8], i: usize) -> usize {
    // Fast path: no `<!--` before the first end tag.
    let first_end = raw_end(b, i, b"script");
    if memmem::find(&b[i..first_end], b"<!--").is_none() {
        return first_end;
    }
    #[derive(PartialEq)]
    enum S {
        Data,
        Escaped,
        Double,
    }
    let mut s = S::Data;
    let mut j = i;
    while j < b.len() {
        match s {
            S::Data => {
                if b[j..].starts_with(b"<!--") {
                    s = S::Escaped;
                    // The dashes of `<!--` may also end it (`<!-->`).
                    j += 2;
                    continue;
                }
                if ends_here(b, j, b"script") {
                    return j;
                }
            }
            S::Escaped => {
                if b[j..].starts_with(b"-->") {
                    s = S::Data;
                    j += 3;
                    continue;
                }
                if ends_here(b, j, b"script") {
                    return j;
                }
                if b[j] == b'<' && names_script(b, j + 1) {
                    s = S::Double;
                    j += 7;
                    continue;
                }
            }
            S::Double => {
                if b[j..].starts_with(b"-->") {
                    s = S::Data;
                    j += 3;
                    continue;
                }
                if b[j..].starts_with(b"</") && names_script(b, j + 2) {
                    s = S::Escaped;
                    j += 8;
                    continue;
                }
            }
        }
        j += 1;
    }
    b.len()
}

/// Whether `script` (ASCII case ignored) starts at `i` and is followed by a space, `/` or
/// `>`, as the tokenizer's double-escape states require.
fn names_script(b: &[u8], i: usize) -> bool {
    b.get(i..i + 6)
        .is_some_and(|n| n.eq_ignore_ascii_case(b"script"))
        && b.get(i + 6)
            .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
}

/// Whether the end tag `</name` that closes raw text starts at `j`.
fn ends_here(b: &[u8], j: usize, name: &[u8]) -> bool {
    b[j..].starts_with(b"</")
        && b.get(j + 2..j + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && b.get(j + 2 + name.len())
            .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
}

/// The index of the `</name` that ends raw text starting at `i`, or the input's length.
fn raw_end(b: &[u8], i: usize, name: &[u8]) -> usize {
    let mut from = i;
    while let Some(off) = memmem::find(&b[from..], b"</") {
        let at = from + off;
        if ends_here(b, at, name) {
            return at;
        }
        from = at + 2;
    }
    b.len()
}

/// The end (one past the last byte) of the comment whose `<!--` starts at `at`.
pub(super) fn comment_end(b: &[u8], at: usize) -> usize {
    let p = at + 4;
    // `<!-->` and `<!--->` are whole (empty) comments.
    if b.get(p) == Some(&b'>') {
        return p + 1;
    }
    if b[p..].starts_with(b"->") {
        return p + 2;
    }
    let mut from = p;
    while let Some(off) = memmem::find(&b[from..], b"--") {
        let q = from + off;
        match b.get(q + 2) {
            Some(b'>') => return q + 3,
            Some(b'!') if b.get(q + 3) == Some(&b'>') => return q + 4,
            _ => from = q + 1,
        }
    }
    b.len()
}

/// Whether a `<script>`'s attributes make it JSON-LD, or leave it unsure (a character
/// reference in its type): its text is then copied rather than dropped.
fn keeps_script_text(b: &[u8], attrs: &[Attr]) -> bool {
    let Some(ty) = attrs
        .iter()
        .find(|a| b[a.start..a.name_end].eq_ignore_ascii_case(b"type"))
    else {
        return false;
    };
    let Some((from, to)) = ty.value else {
        return false;
    };
    let value = &b[from..to];
    value.contains(&b'&')
        || value
            .trim_ascii()
            .eq_ignore_ascii_case(b"application/ld+json")
}

/// Reduces `text` (see the module documentation).
pub(super) fn reduce(text: &str, max: usize) -> Reduced {
    let b = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len() / 2);
    let mut capped = 0;
    let mut recheck_from = None;
    let mut attrs: Vec<Attr> = Vec::new();
    let mut look = Lookahead {
        attrs: Vec::new(),
        budget: b.len(),
    };
    // `b[copied..]` is not yet in `out`.
    let mut copied = 0;
    let mut i = 0;
    // Open `<pre>` and `<listing>` elements, as far as their tags tell: whitespace inside
    // them is kept as it is.
    let mut pre_depth = 0usize;
    let mut seen_markup = false;
    // `<a>` start tags not yet matched by an end tag: a new `<a>` inside a left-out box
    // could have closed one of them (the adoption agency), so no box is left out then.
    let mut open_a = 0usize;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        // Whitespace between tags that holds a line break (source indentation) becomes one
        // `\n`: the block walk collapses it to the same space or line join, and html5ever
        // reads it as one text token instead of two or more.
        if pre_depth == 0
            && off > 1
            && b[i..lt].iter().all(|&c| is_space(c))
            && b[i..lt].contains(&b'\n')
        {
            out.extend_from_slice(&b[copied..i]);
            out.push(b'\n');
            copied = lt;
        }
        let next = b.get(lt + 1).copied();
        match next {
            Some(c) if c.is_ascii_alphabetic() => {
                let Some((name_end, gt)) = scan_tag(b, lt + 1, &mut attrs) else {
                    // The input ends inside the tag: copied as it is, and rechecked (it may
                    // hold any number of attributes).
                    recheck_from.get_or_insert(out.len() + (lt - copied));
                    break;
                };
                let name = &b[lt + 1..name_end];
                // An unread `<meta>` or `<link>` (void, so nothing else moves) is left out,
                // once a doctype or another tag has been seen (before a doctype it would
                // set quirks mode), and where the text on its two sides cannot join.
                let clear = lt > 0 && (b[lt - 1] == b'>' || is_space(b[lt - 1]));
                if seen_markup && clear && unread_void(b, name, &attrs) {
                    out.extend_from_slice(&b[copied..lt]);
                    copied = gt + 1;
                    i = gt + 1;
                    continue;
                }
                seen_markup = true;
                if name.eq_ignore_ascii_case(b"a") {
                    open_a += 1;
                }
                if is_pre(name) {
                    pre_depth += 1;
                }
                out.extend_from_slice(&b[copied..name_end]);
                let all = compares_attributes(name);
                let mut n = 0;
                let mut at = name_end;
                for a in &attrs {
                    // Kept: read by a stage, or on an element whose attributes the tree
                    // builder compares (formatting ones but `<a>`), or after a `/`
                    // (dropping it could make the tag self-closing); at most `max`.
                    let keep = !a.rest
                        && (all || b[a.start - 1] == b'/' || keeps_bytes(&b[a.start..a.name_end]));
                    if keep && n < max {
                        out.extend_from_slice(&b[at..a.end]);
                        n += 1;
                    } else {
                        out.extend_from_slice(&b[at..a.start]);
                    }
                    at = a.end;
                }
                // Reported as the context-free cap reports it: by the attributes written.
                capped += usize::from(attrs.len() > max);
                out.extend_from_slice(&b[at..=gt]);
                copied = gt + 1;
                i = gt + 1;
                match after(name) {
                    After::Markup if name.eq_ignore_ascii_case(b"svg") => {
                        // An inline icon: its drawing is left out when it is only drawing.
                        if !self_closing(b, name_end, gt, &attrs) {
                            if let Some(end) = svg_content_end(b, i, &mut look) {
                                copied = end;
                                i = end;
                            }
                        }
                    }
                    After::Markup if open_a == 0 && is_noise_box(name) => {
                        // A menu or sidebar: its content is left out when it is plain and
                        // balanced.
                        if let Some(end) = noise_content_end(b, i, name, &mut look) {
                            copied = end;
                            i = end;
                        }
                    }
                    After::Markup => {}
                    After::Drop(raw) => {
                        let end = if raw == b"script" {
                            if keeps_script_text(b, &attrs) {
                                let end = script_end(b, i);
                                if memchr::memchr(b'<', &b[i..end]).is_some() {
                                    recheck_from.get_or_insert(out.len());
                                }
                                out.extend_from_slice(&b[i..end]);
                                end
                            } else {
                                script_end(b, i)
                            }
                        } else {
                            raw_end(b, i, raw)
                        };
                        copied = end;
                        i = end;
                    }
                    After::Verbatim(raw) => {
                        let end = raw_end(b, i, raw);
                        if memchr::memchr(b'<', &b[i..end]).is_some() {
                            recheck_from.get_or_insert(out.len());
                        }
                        i = end;
                    }
                    After::Plaintext => {
                        if memchr::memchr(b'<', &b[i..]).is_some() {
                            recheck_from.get_or_insert(out.len());
                        }
                        break;
                    }
                }
            }
            Some(b'/') if b.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => {
                // An end tag: its attributes are ignored, so only `</name>` is kept.
                let Some((name_end, gt)) = scan_tag(b, lt + 2, &mut attrs) else {
                    recheck_from.get_or_insert(out.len() + (lt - copied));
                    break;
                };
                if is_pre(&b[lt + 2..name_end]) {
                    pre_depth = pre_depth.saturating_sub(1);
                }
                if b[lt + 2..name_end].eq_ignore_ascii_case(b"a") {
                    open_a = open_a.saturating_sub(1);
                }
                out.extend_from_slice(&b[copied..name_end]);
                out.push(b'>');
                copied = gt + 1;
                i = gt + 1;
            }
            Some(b'!') if b[lt..].starts_with(b"<!--") => {
                i = comment_end(b, lt);
                // Dropped where it follows a tag or a space, so the text on its two sides
                // cannot join into a tag or a character reference (`<<!---->b`,
                // `&am<!---->p;`); elsewhere copied, and the filter drops it.
                let joins = lt > 0 && !(b[lt - 1] == b'>' || is_space(b[lt - 1]));
                if !joins {
                    out.extend_from_slice(&b[copied..lt]);
                    copied = i;
                }
            }
            Some(b'!') if b[lt..].starts_with(b"<![CDATA[") => {
                // CDATA in foreign content, a bogus comment elsewhere: copied verbatim.
                let end = memmem::find(&b[lt..], b"]]>").map_or(b.len(), |o| lt + o + 3);
                if memchr::memchr(b'<', &b[lt + 1..end]).is_some() {
                    recheck_from.get_or_insert(out.len() + (lt - copied));
                }
                i = end;
            }
            Some(b'/') => {
                // `</>` is ignored; `</` and anything else but a letter opens a bogus
                // comment up to the next `>`: copied verbatim.
                i = memchr::memchr(b'>', &b[lt..]).map_or(b.len(), |o| lt + o + 1);
            }
            Some(b'!' | b'?') => {
                seen_markup = true;
                // A doctype or a bogus comment: up to the next `>`, copied verbatim.
                i = memchr::memchr(b'>', &b[lt..]).map_or(b.len(), |o| lt + o + 1);
            }
            _ => i = lt + 1,
        }
    }
    out.extend_from_slice(&b[copied..]);
    let text = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Reduced {
        text,
        capped,
        recheck_from,
        looked_ahead: b.len() - look.budget,
    }
}

/// Whether a start tag is a `<meta>` whose key (`property`, else `name`, `itemprop`,
/// `http-equiv`) the metadata does not read, or a `<link>` whose `rel` it does not read.
/// A value with a character reference is taken as read.
fn unread_void(b: &[u8], name: &[u8], attrs: &[Attr]) -> bool {
    let value = |n: &[u8]| {
        attrs
            .iter()
            .find(|a| b[a.start..a.name_end].eq_ignore_ascii_case(n))
            .map(|a| a.value.map_or(&b[0..0], |(from, to)| &b[from..to]))
    };
    let read = |v: &[u8], reads: fn(&str) -> bool| {
        let mut buf = [0u8; 64];
        if v.contains(&b'&') {
            return true;
        }
        if v.len() > buf.len() {
            return false;
        }
        for (d, s) in buf.iter_mut().zip(v) {
            *d = s.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..v.len()]).is_ok_and(reads)
    };
    if name.eq_ignore_ascii_case(b"meta") {
        let key = [&b"property"[..], b"name", b"itemprop", b"http-equiv"]
            .into_iter()
            .find_map(value)
            .unwrap_or_default();
        !read(key, crate::metadata::reads_meta)
    } else if name.eq_ignore_ascii_case(b"link") {
        !read(
            value(b"rel").unwrap_or_default(),
            crate::metadata::reads_link,
        )
    } else {
        false
    }
}

/// Whether a tag name is `pre` or `listing`, whose whitespace is text.
fn is_pre(name: &[u8]) -> bool {
    name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"listing")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{build, pre_pass, Dom, Limits, MAX_ATTRIBUTES};
    use scraper::Node;

    /// The tree as text: elements with their sorted attributes, and text nodes, where
    /// outside `<pre>` and `<listing>` a whitespace run holding a line break is one `\n`
    /// (as the reduction writes the whitespace between two tags).
    fn dump(dom: &Dom) -> String {
        let mut out = String::new();
        let mut pre = 0;
        // Text waiting for the next element: text nodes on both sides of a left-out
        // element are one text in the reduced tree.
        let mut text = String::new();
        let flush = |out: &mut String, text: &mut String, pre: usize| {
            if !text.is_empty() {
                let t = if pre > 0 {
                    text.clone()
                } else {
                    collapse_breaks(text)
                };
                out.push_str(&format!("{t:?}"));
                text.clear();
            }
        };
        let is_pre = |e: &scraper::node::Element| matches!(e.name(), "pre" | "listing");
        // `<meta>` and `<link>` elements the metadata does not read are left out.
        let unread = |e: &scraper::node::Element| {
            let value = |n: &str| e.attrs().find(|(k, _)| *k == n).map(|(_, v)| v);
            match e.name() {
                "meta" => !crate::metadata::reads_meta(
                    &["property", "name", "itemprop", "http-equiv"]
                        .into_iter()
                        .find_map(value)
                        .unwrap_or("")
                        .to_ascii_lowercase(),
                ),
                "link" => !crate::metadata::reads_link(value("rel").unwrap_or("")),
                _ => false,
            }
        };
        // Inside an `<svg>`, `<nav>` or `<aside>` (noise to every stage; the reduction may
        // leave out what they hold), nothing is written.
        let mut svg: Option<ego_tree::NodeId> = None;
        for edge in dom.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(_) if svg.is_some() => {}
                ego_tree::iter::Edge::Close(n) if svg.is_some_and(|id| id != n.id()) => {}
                ego_tree::iter::Edge::Open(n) => match n.value() {
                    Node::Element(e) if unread(e) => {}
                    Node::Element(e) if matches!(e.name(), "svg" | "nav" | "aside") => {
                        flush(&mut out, &mut text, pre);
                        out.push_str(&format!("<{}>", e.name()));
                        svg = Some(n.id());
                    }
                    Node::Element(e) => {
                        flush(&mut out, &mut text, pre);
                        pre += usize::from(is_pre(e));
                        let mut attrs: Vec<String> =
                            e.attrs().map(|(k, v)| format!("{k}={v:?}")).collect();
                        attrs.sort();
                        out.push_str(&format!("<{} {}>", e.name(), attrs.join(" ")));
                    }
                    Node::Text(t) => text.push_str(t),
                    _ => {}
                },
                ego_tree::iter::Edge::Close(n) => match n.value() {
                    Node::Element(e) if unread(e) => {}
                    Node::Element(e) if matches!(e.name(), "svg" | "nav" | "aside") => {
                        out.push_str(&format!("</{}>", e.name()));
                        svg = None;
                    }
                    Node::Element(e) => {
                        flush(&mut out, &mut text, pre);
                        pre -= usize::from(is_pre(e));
                        out.push_str(&format!("</{}>", e.name()));
                    }
                    _ => {}
                },
            }
        }
        flush(&mut out, &mut text, pre);
        out
    }

    /// `text` with every ASCII whitespace run that holds a `\n` replaced by one `\n`.
    fn collapse_breaks(text: &str) -> String {
        let mut out = String::new();
        let mut run = String::new();
        for c in text.chars().chain(std::iter::once('x')) {
            if c.is_ascii_whitespace() {
                run.push(c);
                continue;
            }
            if run.contains('\n') {
                out.push('\n');
            } else {
                out.push_str(&run);
            }
            run.clear();
            out.push(c);
        }
        out.pop();
        out
    }

    /// The tree built from the reduced page, and the one built from the page as it is
    /// (none of these pages has a tag with more attributes than the cap).
    fn both(html: &str) -> (String, String) {
        let (text, cut) = pre_pass(html);
        let reduced = dump(&build(text, cut, Limits::default(), html.len()));
        let plain = dump(&build(html.to_string(), 0, Limits::default(), html.len()));
        (reduced, plain)
    }

    #[test]
    fn the_tree_is_the_same_on_tricky_markup() {
        let cases = [
            // Comments.
            "<p>a<!-- x -->b</p><!----><!--><!--->c<!-- a --!> d<p>e<!-- f",
            "<<!---->b>x</b> &am<!---->p; <i>y</i>",
            "<div>\n<!-- <p onclick=1> -- > --->\n</div>",
            // Scripts, with and without their escape states.
            "<script>if (a<b) x = '</scr' + 'ipt>';</script><p>t</p>",
            "<script><!-- document.write('<script>x</script>') --></script><p>after</p>",
            "<script><!-- x --></script><p>a</p><script><!--<script></script>-->y</script>z",
            "<SCRIPT type=' application/LD+JSON'>{\"a\":\"<b onclick=1>\"}</SCRIPT><p>j</p>",
            "<script type=\"text/javascript\">var a = 1;</script ><script/>x</script>",
            "<script>unclosed <p onclick=1>",
            "<script type=application&#47;ld+json>{}</script>",
            // Styles and raw text.
            "<style>p>a{color:red}</style><p>s</p>",
            "<svg><title>t<b onclick=1></title><path d='M0'/></svg><p>x</p>",
            "<title>a <b onclick=1> c</title><textarea><p onclick=x></textarea>",
            "<iframe><a onclick=x>i</a></iframe><noembed><b data-x=1></noembed>",
            "<select><iframe><b onclick=1>x</b></iframe></select><p>y</p>",
            "<p>before<plaintext><a onclick=1>rest",
            // Attributes.
            "<div onclick=\"a>b\" class=x data-track='1' id=y>d</div>",
            "<div a=\"1\"b=\"2\" c class=k>e</div><div/onclick=1>f</div><x a=1/>g",
            "<p data-src=a.jpg DATA-X=1 CLASS=c Style='display:none'>h</p>",
            "<a onclick=1 href=x data-y=2>l</a><b data-x=1><b data-x=2>m</b></b>",
            "<div =x>n</div><div a  =  \"b\" c = d class  = e>o</div>",
            "<img src=x alt='a \"b\"' width=5 data-lazy-src=y loading=lazy>",
            "<div 甲=1 class=c>p</div><di\0v onclick=1>q</di\0v>",
            "<div\r\nonclick=1\rclass=x>r</div><script>x</script\r>s",
            "<div a=\"unclosed",
            "<p a=1 b",
            // Unread <meta> and <link> tags, and read ones.
            "<!doctype html><head>\n <meta charset=utf-8>\n <meta property=og:title content=T>\n\
             <meta name=viewport content=w><link rel=stylesheet href=a.css>\n\
             <link rel=Canonical href=/c><meta name='a&#117;thor' content=x></head><p>a<meta>b",
            "<meta name=viewport><!doctype html><p>quirks: <table>t</table>",
            "<p>x<link rel=preload>y &am<meta name=x>p; <<link rel=x>i>",
            // Inline SVG: drawing only, or with HTML inside.
            "<p>a<svg viewBox='0 0 1 1'><title>t</title><g><path d='M0'/></g></svg>b</p>",
            "<svg><path/><p>breaks out</p></svg><p>after</p>",
            "<svg/><p>x</p><svg><svg><circle/></svg><rect/></svg><p>y</p>",
            "<svg><style>.a{}</style><path/></svg><svg><foreignObject><p>f</p></foreignObject></svg>",
            "<svg><title><title></svg><p>z</p></title></svg><p>w</p>",
            "<svg><path/><!-- c --><desc>d</desc></svg><p>v</p><svg><path/>",
            "<svg><a href=x>l</a></svg><svg><PATH/></SVG><p>u</p>",
            // Menus and sidebars: plain and balanced, or not.
            "<nav class=m><ul><li><a href=/>Home</a></li><li><b>x</b></li></ul></nav><p>a</p>",
            "<nav><ul><li>one<li>two</ul></nav><p>b</p><aside><div><p>c</div></aside><p>d</p>",
            "<aside><h1>Site</h1></aside><nav><time datetime=2020-01-01>t</time></nav><p>e</p>",
            "<p><b>x</p><nav><i>y</i></nav>z<a href=1><nav><a href=2>w</a></nav></a>v",
            "<nav><a rel=author href=/me>Me</a></nav><aside><form><input></form></aside>f",
            "<div><nav><div>unclosed</nav></div><p>g</p><nav><nav>n</nav></nav><aside>",
            "<nav><a rel=nofollow href=/>x</a><svg><path/></svg><script>a('</nav>')</script></nav>h",
            "<nav><script><!--<script></nav></script>--></script><style>p{}</style>i</nav>j",
            "<nav><svg><title>t</title><g><path></g></svg><svg/><b>b</b></nav><p>k</p>",
            "<nav><a rel=Author href=/me>Me</a></nav><nav><a rel='&#97;uthor'>m</a></nav>l",
            "<nav><svg><p>breaks out</p></svg></nav><nav><svg><path></nav><p>m</p>",
            "<nav><script type=application/ld+json>{}</script></nav><aside><script>n",
            "<nav><span itemprop=name>x</span></nav><aside><svg><a rel=x>y</a></svg></aside>o",
            // A start tag inside a menu that closes an element the scan counts as open:
            // the end tags that follow then close what is outside the menu.
            "<ul><li><nav><li><li>x</li></li></nav>after</ul>",
            "<ul><li><aside><li><span><li>x</li></span></li></aside>after</ul>",
            "<ul><li><nav><ul><li>a</li></ul><li>b</li></li></nav>after</ul>",
            "<ul><li><nav><div><li>x</li></div></nav>after</li></ul>",
            "<ul><li><nav><li><b><li>x</li></b></li></nav>after</ul>",
            "<dl><dt><nav><dt><dd>x</dd></dt></nav>after</dl>",
            "<dl><dd><aside><dd><dd>x</dd></dd></aside>after</dl>",
            "<h2><nav><h3><h4>x</h4></h3></nav>after</h2>",
            "<div><nav><p><p>x</p></p></nav>after</div><nav><p><div>y</div></p></nav>z",
            // Whitespace between tags, inside and outside <pre>.
            "<ul>\n  <li>a</li>\n\n  <li>b</li> <li>c</li>\r\n\t</ul>",
            "<pre>\n  <b>x</b>\n    <i>y</i>\n</pre>\n  <p>z</p><listing>\n <b>w</b>\n</listing>",
            "<pre><pre>\n <b>a</b></pre>\n <b>b</b></pre>\n <b>c</b>",
            "<table>\n <tr>\n  <td>a</td>\n </tr>\n</table>",
            // End tags, bogus comments, doctypes, CDATA.
            "<div>t</div class=\"x>y\"><p>u</p/>",
            "</ <div a=\"b>c\" onclick=x>v</div>",
            "<?php echo '<b onclick=1>' ?>w<!doctype html><!x <i onclick=1>>",
            "<![CDATA[<b onclick=1>]]>x<svg><![CDATA[<b onclick=1>]]></svg><math><![CDATA[y",
            "</>z<//p>a</",
        ];
        for html in cases {
            let (reduced, plain) = both(html);
            assert_eq!(reduced, plain, "{html:?}");
        }
    }

    #[test]
    fn one_tag_of_millions_of_attributes_keeps_a_bounded_record() {
        // ` a` is two bytes and a record 56: 4 MB of them peaked at 109 MiB.
        let many = " a".repeat(200_000);
        let mut attrs = Vec::new();
        let page = format!("<p{many} class=c />x");
        let (name_end, gt) = scan_tag(page.as_bytes(), 1, &mut attrs).unwrap();
        assert_eq!((name_end, gt), (2, page.len() - 2));
        assert_eq!(attrs.len(), RECORDED_ATTRIBUTES + 1);
        assert!(attrs
            .last()
            .is_some_and(|a| a.rest && a.end == page.len() - 4));
        assert!(self_closing(page.as_bytes(), name_end, gt, &attrs));
        // Every attribute past the records is dropped, the tag's end kept as it was.
        let r = reduce(&page, MAX_ATTRIBUTES);
        assert!(r.text.len() < 3 * RECORDED_ATTRIBUTES, "{}", r.text.len());
        assert!(r.text.ends_with("/>x"), "{}", r.text);
        assert_eq!(r.capped, 1);
        // A formatting element keeps its first attributes, up to the cap, as before.
        let bold = format!("<b{}>x</b>", " c=1".repeat(3 * RECORDED_ATTRIBUTES));
        let r = reduce(&bold, MAX_ATTRIBUTES);
        assert_eq!(r.text.matches("c=1").count(), MAX_ATTRIBUTES);
        // Unclosed: the input ends inside the tag, which is copied for the recheck.
        let open = format!("<p{many}");
        assert_eq!(scan_tag(open.as_bytes(), 1, &mut attrs), None);
        assert!(attrs.len() <= RECORDED_ATTRIBUTES + 1);
    }

    #[test]
    fn comments_scripts_styles_and_unread_attributes_are_left_out() {
        let page = "<!doctype html><html><head><style>p{}</style>\
                    <script src=a.js>var x = 1;</script></head>\
                    <body onload=f()><!-- c --><p class=a data-track=1>t</p></body></html>";
        let r = reduce(page, MAX_ATTRIBUTES);
        assert_eq!(
            r.text,
            "<!doctype html><html><head><style></style><script src=a.js></script></head>\
             <body ><p class=a >t</p></body></html>"
        );
        assert_eq!((r.capped, r.recheck_from), (0, None));
        let icon = "<p><svg class=i><title>t</title><path d='M0'/></svg>x</p>";
        assert_eq!(reduce(icon, 5).text, "<p><svg class=i></svg>x</p>");
        let breakout = "<svg><path/><p>t</p></svg>";
        assert_eq!(reduce(breakout, 5).text, breakout);
        let menu = "<nav id=m><ul><li><a href=/x>x</a></li></ul></nav><p>t</p>";
        assert_eq!(reduce(menu, 5).text, "<nav id=m></nav><p>t</p>");
        let menu = "<nav><a rel=nofollow><svg><path/></svg>x</a><script>f('</a>')</script>\
                    <style>a{}</style></nav>";
        assert_eq!(reduce(menu, 5).text, "<nav></nav>");
        for kept in [
            "<aside><a rel=author>me</a></aside>",
            "<aside><script type=application/ld+json>{}</script></aside>",
            "<aside><svg><p>x</p></svg></aside>",
        ] {
            assert_ne!(reduce(kept, 5).text, "<aside></aside>", "{kept}");
        }
        let unbalanced = "<nav><ul><li>a<li>b</ul></nav>";
        assert_eq!(reduce(unbalanced, 5).text, unbalanced);
    }

    #[test]
    fn caps_attributes_and_rechecks_after_unsure_raw_text() {
        let attrs: String = (0..10).map(|i| format!(" class=v{i}")).collect();
        let r = reduce(&format!("<p{attrs}>x</p>"), 3);
        assert_eq!(r.text, "<p class=v0 class=v1 class=v2       >x</p>");
        assert_eq!(r.capped, 1);
        let r = reduce("<p>a</p><title>a<b</title><i>b</i>", 3);
        assert_eq!(r.recheck_from, Some(15));
        assert_eq!(r.text.get(15..), Some("a<b</title><i>b</i>"));
        assert_eq!(reduce("<p a b c", 3).recheck_from, Some(0));
    }

    /// Whatever the context, html5ever is never given a tag with more than the cap of
    /// attributes (plus one: the quotes the context-free cap keeps run together into one
    /// more name): a context-free cap one higher finds nothing left to cut.
    #[test]
    fn no_context_hides_a_tag_over_the_cap() {
        let many: String = (0..2000).map(|i| format!(" x{i}")).collect();
        let quoted: String = (0..2000).map(|i| format!(" x{i}=\">\"")).collect();
        let pages = [
            format!("<p{many}>a</p>"),
            format!("<p{quoted}>a</p>"),
            format!("<select><iframe><a{many} title=\"</iframe>\"{many}>x</iframe>"),
            format!("<svg><title><b{many}></title></svg>"),
            format!("<script type=application/ld+json>\"<a{many}>\"</script>"),
            format!("<plaintext><a{many}>"),
            format!("<![CDATA[<a{many}>]]>"),
            format!("</p{many}>"),
            format!("<p{many}"),
            format!("<textarea></textarea x{many}><a{many}>"),
        ];
        for page in &pages {
            let (text, _) = pre_pass(page);
            let (_, cut) = crate::dom::attrs::cap_attributes(&text, MAX_ATTRIBUTES + 1);
            assert_eq!(cut, 0, "{}", page.get(..60).unwrap_or(page));
        }
    }

    /// Boxes whose content cannot be left out do not make the pass read the rest of the
    /// page again for each of them: on a page of 60,000 unclosed `<svg>`, `<nav>` and
    /// `<aside>` tags before a long text, all the scans ahead read at most the page once
    /// (without the budget they would read it 60,000 times).
    #[test]
    fn failed_lookaheads_stay_linear() {
        let mut page = "<svg><nav><aside>".repeat(20_000);
        page.push_str(&"x".repeat(1 << 20));
        page.push_str("<path d=");
        let r = reduce(&page, MAX_ATTRIBUTES);
        assert!(r.text.len() >= page.len() - 20);
        assert!(
            r.looked_ahead <= page.len(),
            "{} > {}",
            r.looked_ahead,
            page.len()
        );
        // The ordinary page is not starved: its boxes are still left out.
        let r = reduce("<nav><a>x</a></nav><svg><path/></svg>", MAX_ATTRIBUTES);
        assert_eq!(r.text, "<nav></nav><svg></svg>");
    }

    /// Every page of the shared corpora gives the same tree reduced and as it is.
    #[test]
    fn the_tree_is_the_same_on_the_shared_corpora() {
        let Some(pages) = crate::dom::corpus::pages(crate::dom::corpus::ALL) else {
            return;
        };
        for (path, text) in &pages {
            let (reduced, plain) = both(text);
            if reduced != plain {
                let at = reduced
                    .bytes()
                    .zip(plain.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                let around = |s: &str| {
                    let from = s.floor_char_boundary(at.saturating_sub(150));
                    let to = s.ceil_char_boundary((at + 150).min(s.len()));
                    s.get(from..to).unwrap_or_default().to_string()
                };
                panic!(
                    "{}: the trees differ\nreduced: {}\nplain:   {}",
                    path.display(),
                    around(&reduced),
                    around(&plain)
                );
            }
        }
    }
}
