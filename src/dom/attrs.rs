//! A pre-pass that caps the number of attributes on one tag before html5ever sees it.
//!
//! html5ever's tokenizer checks each new attribute against every earlier one of the same
//! tag, so one tag with n attributes costs O(n²): a million attributes would take hours.
//! This pass finds tags with more than the cap and removes the extra attributes.
//!
//! Where a tag starts depends on what came before (a comment, a `<script>`, an attribute
//! value), so rather than guess the context, every `<` followed by a letter (or `</` and a
//! letter) is followed as a possible tag with the tokenizer's own attribute rules. Such runs
//! that reach the same tokenizer state at the same byte continue identically, so at most one
//! run per state is kept (the one that has counted the most attributes): linear time. A run
//! that passes the cap removes everything but quote characters up to the `>` that ends it
//! (keeping quotes keeps any surrounding quoted value balanced when the run was a false
//! start inside one).
//!
//! Most of a page is outside any run, and most of the rest is one run under the cap: the
//! pass jumps with `memchr` to the next `<`, follows a lone run in a tight loop (quoted
//! values skipped with `memchr2`), and steps every run byte by byte only where runs overlap
//! (a `<` inside a tag) or one reaches the cap: 0.2% of the bench pages' bytes.

use std::borrow::Cow;

/// The tokenizer states inside a tag, as in the HTML standard (13.2.5).
#[derive(Clone, Copy)]
#[repr(u8)]
enum State {
    TagName,
    BeforeAttrName,
    AttrName,
    AfterAttrName,
    BeforeAttrValue,
    ValueDouble,
    ValueSingle,
    ValueUnquoted,
    AfterValueQuoted,
    SelfClosing,
}

const STATES: usize = 10;

/// One followed run per state: attributes counted so far, and whether it passed the cap.
#[derive(Clone, Copy, Default)]
struct Run {
    attrs: u32,
    over: bool,
}

/// What one byte does to a run in `state`.
enum Step {
    /// The run moves to this state; `true` when the byte starts a new attribute.
    To(State, bool),
    /// The `>` that ends the tag.
    End,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// A byte that no tag state treats specially (it only extends a name or a value).
fn is_plain(b: u8) -> bool {
    !is_space(b) && !matches!(b, b'/' | b'=' | b'>' | b'"' | b'\'' | b'<')
}

fn step(state: State, b: u8) -> Step {
    use State::*;
    let new_attr = |b: u8| match b {
        _ if is_space(b) => Step::To(BeforeAttrName, false),
        b'/' => Step::To(SelfClosing, false),
        b'>' => Step::End,
        _ => Step::To(AttrName, true),
    };
    match state {
        TagName => match b {
            _ if is_space(b) => Step::To(BeforeAttrName, false),
            b'/' => Step::To(SelfClosing, false),
            b'>' => Step::End,
            _ => Step::To(TagName, false),
        },
        BeforeAttrName | SelfClosing | AfterValueQuoted => new_attr(b),
        AttrName => match b {
            _ if is_space(b) => Step::To(AfterAttrName, false),
            b'/' => Step::To(SelfClosing, false),
            b'=' => Step::To(BeforeAttrValue, false),
            b'>' => Step::End,
            _ => Step::To(AttrName, false),
        },
        AfterAttrName => match b {
            b'=' => Step::To(BeforeAttrValue, false),
            _ if is_space(b) => Step::To(AfterAttrName, false),
            _ => new_attr(b),
        },
        BeforeAttrValue => match b {
            _ if is_space(b) => Step::To(BeforeAttrValue, false),
            b'"' => Step::To(ValueDouble, false),
            b'\'' => Step::To(ValueSingle, false),
            b'>' => Step::End,
            _ => Step::To(ValueUnquoted, false),
        },
        ValueDouble => match b {
            b'"' => Step::To(AfterValueQuoted, false),
            _ => Step::To(ValueDouble, false),
        },
        ValueSingle => match b {
            b'\'' => Step::To(AfterValueQuoted, false),
            _ => Step::To(ValueSingle, false),
        },
        ValueUnquoted => match b {
            _ if is_space(b) => Step::To(BeforeAttrName, false),
            b'>' => Step::End,
            _ => Step::To(ValueUnquoted, false),
        },
    }
}

/// `text` with no tag holding more than `max` attributes, and how many tags were cut.
pub(super) fn cap_attributes(text: &str, max: usize) -> (Cow<'_, str>, usize) {
    let max = u32::try_from(max).unwrap_or(u32::MAX);
    let bytes = text.as_bytes();
    let mut runs: [Option<Run>; STATES] = [None; STATES];
    let mut active = false;
    let mut out: Option<Vec<u8>> = None;
    let mut cutting = false;
    let mut cut_tags = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !cutting && (!active || lone(&runs).is_some()) {
            // The common case: no possible tag open, or one under the cap. Jump with `memchr`
            // between tags and follow a lone run in a tight loop; anything else (a `<` inside
            // a tag, the cap reached) is left to the general step below.
            let mut lone_run = match lone(&runs) {
                Some(s) => Some((state_of(s), runs[s].map_or(0, |r| r.attrs))),
                None => {
                    let Some(off) = memchr::memchr(b'<', &bytes[i..]) else {
                        if let Some(out) = &mut out {
                            out.extend_from_slice(&bytes[i..]);
                        }
                        break;
                    };
                    let at = i + off;
                    if let Some(out) = &mut out {
                        out.extend_from_slice(&bytes[i..=at]);
                    }
                    i = at + 1;
                    if !opens_tag(bytes, at) {
                        continue;
                    }
                    Some((State::TagName, 0))
                }
            };
            if let Some((state, attrs)) = lone_run {
                let (end, after) = advance_lone(bytes, i, state, attrs, max);
                if let Some(out) = &mut out {
                    out.extend_from_slice(&bytes[i..end]);
                }
                i = end;
                lone_run = after;
            }
            runs = [None; STATES];
            active = false;
            let Some((state, attrs)) = lone_run else {
                continue;
            };
            runs[state as usize] = Some(Run { attrs, over: false });
            active = true;
        }
        let Some(&b) = bytes.get(i) else { break };
        if is_plain(b) && runs.iter().flatten().count() == 1 {
            // One run in a state that plain bytes do not change: skip them all at once.
            let s = runs.iter().position(Option::is_some).unwrap_or(0);
            if matches!(
                state_of(s),
                State::TagName
                    | State::AttrName
                    | State::ValueDouble
                    | State::ValueSingle
                    | State::ValueUnquoted
            ) {
                let len = bytes[i..].iter().take_while(|&&b| is_plain(b)).count();
                if let (Some(out), false) = (&mut out, cutting) {
                    out.extend_from_slice(&bytes[i..i + len]);
                }
                i += len;
                continue;
            }
        }
        // Advance every run by this byte, merging runs that land in the same state.
        let mut next: [Option<Run>; STATES] = [None; STATES];
        let mut any_over = false;
        for (s, run) in runs.iter().enumerate() {
            let Some(run) = *run else { continue };
            if let Step::To(to, new_attr) = step(state_of(s), b) {
                let attrs = run.attrs + u32::from(new_attr);
                let over = run.over || attrs > max;
                let slot = &mut next[to as usize];
                let merged = match *slot {
                    Some(o) => Run {
                        attrs: o.attrs.max(attrs),
                        over: o.over || over,
                    },
                    None => Run { attrs, over },
                };
                any_over |= merged.over;
                *slot = Some(merged);
            }
        }
        // A '<' followed by a letter, or by '/' and a letter, may open a tag.
        if b == b'<' && !cutting && opens_tag(bytes, i) {
            let slot = &mut next[State::TagName as usize];
            *slot = Some(slot.unwrap_or_default());
        }
        runs = next;
        active = runs.iter().any(Option::is_some);
        if any_over && !cutting {
            cut_tags += 1;
            out.get_or_insert_with(|| {
                let mut v = Vec::with_capacity(bytes.len());
                v.extend_from_slice(&bytes[..i]);
                v
            });
        }
        // Cutting starts at the first byte of the attribute past the cap and ends at the
        // '>' that closes the run (which is kept). It starts on a character's first byte
        // and ends on an ASCII byte, so whole characters are removed: the output is UTF-8.
        cutting = any_over;
        if let Some(out) = &mut out {
            if !cutting || matches!(b, b'"' | b'\'') {
                out.push(b);
            }
        }
        i += 1;
    }
    match out {
        None => (Cow::Borrowed(text), 0),
        Some(v) => {
            let s = String::from_utf8(v)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            (Cow::Owned(s), cut_tags)
        }
    }
}

/// Whether the `<` at `at` is followed by a letter, or by `/` and a letter.
fn opens_tag(bytes: &[u8], at: usize) -> bool {
    let name_at = if bytes.get(at + 1) == Some(&b'/') {
        at + 2
    } else {
        at + 1
    };
    bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic)
}

/// The state of the only run, when exactly one is followed.
fn lone(runs: &[Option<Run>; STATES]) -> Option<usize> {
    let mut live = runs.iter().enumerate().filter(|(_, r)| r.is_some());
    match (live.next(), live.next()) {
        (Some((s, _)), None) => Some(s),
        _ => None,
    }
}

/// Advances a lone run (in `state`, `attrs` attributes counted, not over the cap) from
/// `bytes[i]` while it stays alone and under the cap, skipping with `memchr` the bytes that
/// leave its state unchanged. Stops before a `<` (which may open another run) and before
/// an attribute that would pass the cap, both left to the general step. Returns where it
/// stopped and the run's state and count then, or `None` past the `>` that ended it.
fn advance_lone(
    bytes: &[u8],
    mut i: usize,
    mut state: State,
    mut attrs: u32,
    max: u32,
) -> (usize, Option<(State, u32)>) {
    while i < bytes.len() {
        let rest = &bytes[i..];
        i += match state {
            State::ValueDouble => memchr::memchr2(b'"', b'<', rest).unwrap_or(rest.len()),
            State::ValueSingle => memchr::memchr2(b'\'', b'<', rest).unwrap_or(rest.len()),
            State::TagName | State::AttrName | State::ValueUnquoted => {
                rest.iter().take_while(|&&b| is_plain(b)).count()
            }
            _ => 0,
        };
        let Some(&b) = bytes.get(i) else { break };
        if b == b'<' {
            break;
        }
        match step(state, b) {
            Step::End => return (i + 1, None),
            Step::To(_, true) if attrs >= max => break,
            Step::To(to, new_attr) => {
                attrs += u32::from(new_attr);
                state = to;
            }
        }
        i += 1;
    }
    (i, Some((state, attrs)))
}

fn state_of(i: usize) -> State {
    use State::*;
    [
        TagName,
        BeforeAttrName,
        AttrName,
        AfterAttrName,
        BeforeAttrValue,
        ValueDouble,
        ValueSingle,
        ValueUnquoted,
        AfterValueQuoted,
        SelfClosing,
    ][i]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_and_keeps_quotes_balanced() {
        let attrs: String = (0..10).map(|i| format!(" a{i}=\"v{i}\"")).collect();
        let page = format!("<p{attrs}>x</p>");
        let (out, n) = cap_attributes(&page, 3);
        assert_eq!(n, 1);
        assert_eq!(
            out,
            "<p a0=\"v0\" a1=\"v1\" a2=\"v2\" \"\"\"\"\"\"\"\"\"\"\"\"\"\">x</p>"
        );
        let (out, n) = cap_attributes(&page, 10);
        assert_eq!((out.as_ref(), n), (page.as_str(), 0));
    }

    #[test]
    fn tags_under_the_cap_and_text_are_untouched() {
        for page in [
            "<p a b c>x < y <b>z</b></p>",
            "<!-- <a b c d e f> --><img alt=\"a<b c d\" src=x>",
            "a<b",
            "<p a=\"unclosed",
            "中文<p 甲 乙 丙>文</p>",
        ] {
            assert_eq!(cap_attributes(page, 5), (Cow::Borrowed(page), 0), "{page}");
        }
    }

    #[test]
    fn a_tag_inside_a_quoted_value_is_followed_too() {
        // `<q` may open a tag (when the quote was itself not in a tag): its run is counted
        // alongside the outer one, and each passes the cap on its own.
        let page = "<p title=\"<q a b c d\" id=x>t</p><a href='/x' class=\"a b c\" id=y>z</a>";
        let (out, n) = cap_attributes(page, 2);
        assert_eq!(n, 2);
        assert_eq!(
            out,
            "<p title=\"<q a b \">t</p><a href='/x' class=\"a b c\" >z</a>"
        );
    }

    #[test]
    fn cuts_whole_characters_and_every_over_long_tag() {
        let attrs = " 甲 乙 丙 丁 戊";
        let page = format!("<p{attrs}>中</p><br{attrs}/><i>x</i>");
        let (out, n) = cap_attributes(&page, 2);
        assert_eq!(n, 2);
        assert_eq!(out, "<p 甲 乙 >中</p><br 甲 乙 ><i>x</i>");
    }
}
