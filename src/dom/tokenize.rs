//! A tokenizer for the pre-passed page that hands html5ever's tree builder the tokens its
//! own tokenizer would, read a run of bytes at a time.
//!
//! html5ever's tokenizer reads tags one character at a time through a queue of buffers
//! (over the shared articles, about a third of all the instructions of an extraction went
//! to it, after the pre-pass had cut the page to a quarter). This one follows the same
//! states of the HTML Standard's tokenizer (tags and attributes, character references with
//! their historical rules in attributes, comments, doctypes, RCDATA, raw text, script data,
//! CDATA in foreign content, plaintext) over bytes, with `memchr` between the bytes that
//! matter, and gives text and attribute values to the tree as slices of one shared buffer.
//! Token boundaries may differ (text is not split at line breaks); the tree cannot tell.
//!
//! What it does not follow it declines ([`Unsure`]), before or while reading, and the
//! caller parses the page with html5ever's tokenizer instead: a NUL character (replaced
//! differently in every state), a script whose text holds `<!--` (the script escape
//! states), and a doctype the input ends in. Tests compare its trees with html5ever's over every shared page and over
//! generated markup.

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{ns, Attribute, LocalName, QualName};
use memchr::memmem;

use super::prune::PruneFilter;
use super::reduce::comment_end;

/// The page holds something this tokenizer does not follow: parse it with html5ever's.
#[derive(Debug)]
pub(super) struct Unsure;

/// How the bytes after a start tag are read, as the tree builder asks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Data,
    /// Text with character references up to the end tag (`<title>`, `<textarea>`).
    Rcdata,
    /// Text up to the end tag (`<style>`, `<xmp>`, `<iframe>`…).
    Rawtext,
    /// Script text up to `</script>`.
    Script,
    /// Text to the end of the input.
    Plaintext,
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b' ')
}

/// Whether [`feed`] may be given `text`: no NUL character (html5ever's tokenizer replaces
/// it differently in every state), and at most 4 GiB (what one tendril holds).
pub(super) fn can_read(text: &str) -> bool {
    u32::try_from(text.len()).is_ok() && memchr::memchr(0, text.as_bytes()).is_none()
}

/// Feeds the tokens of `text` (which [`can_read`], and has no `\r`: see [`without_cr`]) to
/// `sink`, then the end of the input. `chunk`: the budget is granted the page in pieces of about this size,
/// each before the first token read from it, as when html5ever's tokenizer is fed pieces.
pub(super) fn feed(text: &StrTendril, sink: &PruneFilter, chunk: usize) -> Result<(), Unsure> {
    let s: &str = text;
    let b = s.as_bytes();
    debug_assert!(can_read(s));
    let mut reader = Reader {
        s,
        b,
        whole: text,
        sink,
        chunk: chunk.max(1),
        granted: 0,
        last_start: None,
        names: String::new(),
    };
    reader.run()
}

/// `text` with line breaks as the tokenizer's input stream has them: `\r\n` and `\r` are
/// `\n`.
pub(super) fn without_cr(text: String) -> String {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut pieces = text.split('\r');
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        out.push('\n');
        out.push_str(piece.strip_prefix('\n').unwrap_or(piece));
    }
    out
}

struct Reader<'a> {
    s: &'a str,
    b: &'a [u8],
    whole: &'a StrTendril,
    sink: &'a PruneFilter,
    chunk: usize,
    /// Bytes of `b` granted to the budget so far.
    granted: usize,
    last_start: Option<LocalName>,
    /// Room to lower-case a name in.
    names: String,
}

/// A tag read: the token, and the index after its `>`.
struct ReadTag {
    tag: Tag,
    end: usize,
}

impl Reader<'_> {
    fn run(&mut self) -> Result<(), Unsure> {
        let b = self.b;
        // html5ever's tokenizer discards a byte order mark.
        let mut i = if self.s.starts_with('\u{FEFF}') { 3 } else { 0 };
        let mut mode = Mode::Data;
        'read: while i < b.len() {
            match mode {
                Mode::Data => {
                    // Literal text runs from `run` to where a token interrupts it.
                    let run = i;
                    let mut from = i;
                    loop {
                        let Some(off) = memchr::memchr2(b'<', b'&', &b[from..]) else {
                            self.text(run, b.len());
                            break 'read;
                        };
                        let at = from + off;
                        if b[at] == b'&' {
                            match char_ref(b, at, false) {
                                Some((chars, end)) => {
                                    self.text(run, at);
                                    self.chars(&chars, end);
                                    i = end;
                                    continue 'read;
                                }
                                None => {
                                    from = at + 1;
                                    continue;
                                }
                            }
                        }
                        match self.markup(at, run)? {
                            Some((next, m)) => {
                                i = next;
                                mode = m;
                                continue 'read;
                            }
                            None => from = at + 1,
                        }
                    }
                }
                Mode::Rcdata | Mode::Rawtext | Mode::Script => {
                    let end = self.raw_end(i);
                    if mode == Mode::Script && memmem::find(&b[i..end], b"<!--").is_some() {
                        return Err(Unsure);
                    }
                    if mode == Mode::Rcdata {
                        self.text_with_refs(i, end);
                    } else {
                        self.text(i, end);
                    }
                    if end == b.len() {
                        break;
                    }
                    let Some(read) = self.read_tag(end + 2, TagKind::EndTag) else {
                        break;
                    };
                    i = read.end;
                    mode = self.emit_tag(read);
                }
                Mode::Plaintext => {
                    self.text(i, b.len());
                    break;
                }
            }
        }
        self.reach(b.len());
        let _ = self.sink.process_token(Token::EOFToken, 0);
        self.sink.end();
        Ok(())
    }

    /// Grants the budget every piece of the page up to `end`.
    fn reach(&mut self, end: usize) {
        while self.granted < end {
            let mut next = self.granted.saturating_add(self.chunk).min(self.b.len());
            while !self.s.is_char_boundary(next) {
                next += 1;
            }
            self.sink.inner.grant(next - self.granted);
            self.granted = next;
        }
    }

    /// Text `b[from..to]` (cut at ASCII bytes), as a slice of the shared buffer.
    fn text(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        self.reach(to);
        let text = self.slice(from, to);
        let _ = self.sink.process_token(Token::CharacterTokens(text), 0);
    }

    /// `s[from..to]`, cut at ASCII bytes (empty if it were not).
    fn piece(&self, from: usize, to: usize) -> &str {
        self.s.get(from..to).unwrap_or_default()
    }

    fn slice(&self, from: usize, to: usize) -> StrTendril {
        // Both ends are at ASCII bytes or the ends of the text, and the text fits in u32
        // ([`can_read`]), so this never fails; an empty tendril if it did.
        self.whole
            .try_subtendril(from as u32, (to - from) as u32)
            .unwrap_or_default()
    }

    /// What a character reference ending at `end` stands for.
    fn chars(&mut self, chars: &Chars, end: usize) {
        self.reach(end);
        let mut buf = [0u8; 8];
        let text = chars.encode(&mut buf);
        let _ = self
            .sink
            .process_token(Token::CharacterTokens(StrTendril::from_slice(text)), 0);
    }

    /// Text `b[from..to]` with its character references decoded (RCDATA).
    fn text_with_refs(&mut self, from: usize, to: usize) {
        let b = &self.b[..to];
        let mut run = from;
        let mut at = from;
        while let Some(off) = memchr::memchr(b'&', &b[at..]) {
            let amp = at + off;
            match char_ref(b, amp, false) {
                Some((chars, end)) => {
                    self.text(run, amp);
                    self.chars(&chars, end);
                    run = end;
                    at = end;
                }
                None => at = amp + 1,
            }
        }
        self.text(run, to);
    }

    /// The index of the appropriate end tag (`</` and the last start tag's name, then a
    /// space, `/` or `>`) from `i` on, or the input's length.
    fn raw_end(&self, i: usize) -> usize {
        let b = self.b;
        let name = self.last_start.as_deref().unwrap_or("").as_bytes();
        let mut from = i;
        while let Some(off) = memmem::find(&b[from..], b"</") {
            let at = from + off;
            let after = at + 2 + name.len();
            if b.get(at + 2..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
                && b.get(after)
                    .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
            {
                return at;
            }
            from = at + 2;
        }
        b.len()
    }

    /// Reads the markup opened by the `<` at `at`, inside a text run that began at `run`.
    /// `None` when the `<` is text; otherwise (after the run is given to the tree) where
    /// to go on from and how.
    fn markup(&mut self, at: usize, run: usize) -> Result<Option<(usize, Mode)>, Unsure> {
        let b = self.b;
        let next = b.get(at + 1).copied();
        let after_gt =
            |from: usize| memchr::memchr(b'>', &b[from..]).map_or(b.len(), |o| from + o + 1);
        match next {
            Some(c) if c.is_ascii_alphabetic() => {
                self.text(run, at);
                Ok(Some(self.tag(at + 1, TagKind::StartTag)))
            }
            Some(b'/') => match b.get(at + 2) {
                // `</` at the end of the input is text.
                None => Ok(None),
                Some(c) if c.is_ascii_alphabetic() => {
                    self.text(run, at);
                    Ok(Some(self.tag(at + 2, TagKind::EndTag)))
                }
                // `</>` is nothing; `</` and anything else opens a bogus comment.
                Some(b'>') => {
                    self.text(run, at);
                    Ok(Some((at + 3, Mode::Data)))
                }
                Some(_) => {
                    self.text(run, at);
                    Ok(Some((after_gt(at + 2), Mode::Data)))
                }
            },
            Some(b'!') => {
                self.text(run, at);
                let rest = &b[at + 2..];
                if rest.starts_with(b"--") {
                    return Ok(Some((comment_end(b, at), Mode::Data)));
                }
                if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
                    return Ok(Some((self.doctype(at + 9)?, Mode::Data)));
                }
                if rest.starts_with(b"[CDATA[")
                    && self
                        .sink
                        .adjusted_current_node_present_but_not_in_html_namespace()
                {
                    let from = at + 9;
                    let end = memmem::find(&b[from..], b"]]>").map_or(b.len(), |o| from + o);
                    self.text(from, end);
                    return Ok(Some(((end + 3).min(b.len()), Mode::Data)));
                }
                Ok(Some((after_gt(at + 2), Mode::Data)))
            }
            Some(b'?') => {
                self.text(run, at);
                Ok(Some((after_gt(at + 1), Mode::Data)))
            }
            _ => Ok(None),
        }
    }

    /// Reads the tag whose name starts at `at` and gives it to the tree: where to go on
    /// from and how (the input's end when the input ends inside the tag, which drops it).
    fn tag(&mut self, at: usize, kind: TagKind) -> (usize, Mode) {
        match self.read_tag(at, kind) {
            Some(read) => {
                let end = read.end;
                (end, self.emit_tag(read))
            }
            None => (self.b.len(), Mode::Data),
        }
    }

    /// Gives a tag to the tree and returns how to read on.
    fn emit_tag(&mut self, read: ReadTag) -> Mode {
        self.reach(read.end);
        let start = read.tag.kind == TagKind::StartTag;
        if start {
            self.last_start = Some(read.tag.name.clone());
        }
        match self.sink.process_token(Token::TagToken(read.tag), 0) {
            TokenSinkResult::RawData(RawKind::Rcdata) => Mode::Rcdata,
            TokenSinkResult::RawData(RawKind::Rawtext) => Mode::Rawtext,
            TokenSinkResult::RawData(_) => Mode::Script,
            TokenSinkResult::Plaintext => Mode::Plaintext,
            _ => Mode::Data,
        }
    }

    /// `b[from..to]` as a name: ASCII upper case lowered.
    fn name(&mut self, from: usize, to: usize) -> LocalName {
        let raw = self.s.get(from..to).unwrap_or_default();
        if !raw.bytes().any(|c| c.is_ascii_uppercase()) {
            return LocalName::from(raw);
        }
        self.names.clear();
        self.names.push_str(raw);
        self.names.make_ascii_lowercase();
        LocalName::from(self.names.as_str())
    }

    /// Reads the tag whose name starts at `i` (a letter), as the tag states do. `None` when
    /// the input ends inside it (the tag is then dropped, and the input is over).
    fn read_tag(&mut self, mut i: usize, kind: TagKind) -> Option<ReadTag> {
        let b = self.b;
        let start = i;
        while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        let name = self.name(start, i);
        let mut tag = Tag {
            kind,
            name,
            self_closing: false,
            attrs: Vec::new(),
            had_duplicate_attributes: false,
        };
        // Before an attribute name.
        loop {
            let c = *b.get(i)?;
            if is_space(c) {
                i += 1;
                continue;
            }
            if c == b'/' {
                // The self-closing start tag state: `/>` ends the tag, anything else is
                // read again as before an attribute name.
                if *b.get(i + 1)? == b'>' {
                    tag.self_closing = true;
                    return Some(ReadTag { tag, end: i + 2 });
                }
                i += 1;
                continue;
            }
            if c == b'>' {
                return Some(ReadTag { tag, end: i + 1 });
            }
            // An attribute name: its first character may be anything (`=` too).
            let name_start = i;
            i += 1;
            while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let name_end = i;
            // After the name: spaces, then `=` and a value, or another attribute.
            while b.get(i).is_some_and(|&c| is_space(c)) {
                i += 1;
            }
            let mut value = StrTendril::new();
            if *b.get(i)? == b'=' {
                i += 1;
                while b.get(i).is_some_and(|&c| is_space(c)) {
                    i += 1;
                }
                match *b.get(i)? {
                    q @ (b'"' | b'\'') => {
                        let from = i + 1;
                        let close = from + memchr::memchr(q, &b[from..])?;
                        value = self.value(from, close);
                        i = close + 1;
                        // After a quoted value: a space, `/` or `>` as usual; anything
                        // else starts the next attribute (read as before a name).
                    }
                    // `a=>`: an empty value, and the tag ends there.
                    b'>' => {}
                    _ => {
                        let from = i;
                        while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                        if i == b.len() {
                            return None;
                        }
                        value = self.value(from, i);
                    }
                }
            }
            let attr_name = self.name(name_start, name_end);
            if tag.attrs.iter().any(|a| a.name.local == attr_name) {
                tag.had_duplicate_attributes = true;
            } else {
                tag.attrs.push(Attribute {
                    name: QualName::new(None, ns!(), attr_name),
                    value,
                });
            }
        }
    }

    /// An attribute value `b[from..to]`, character references decoded as attributes have
    /// them.
    fn value(&self, from: usize, to: usize) -> StrTendril {
        let b = &self.b[..to];
        let Some(first) = memchr::memchr(b'&', &b[from..]) else {
            return if from == to {
                StrTendril::new()
            } else {
                self.slice(from, to)
            };
        };
        let mut out = String::with_capacity(to - from);
        let mut run = from;
        let mut at = from + first;
        loop {
            if let Some((chars, end)) = char_ref(b, at, true) {
                out.push_str(self.piece(run, at));
                let mut buf = [0u8; 8];
                out.push_str(chars.encode(&mut buf));
                run = end;
                at = end;
            } else {
                at += 1;
            }
            match memchr::memchr(b'&', &b[at..]) {
                Some(off) => at += off,
                None => break,
            }
        }
        out.push_str(self.piece(run, to));
        StrTendril::from(out)
    }

    /// Reads a doctype whose `<!DOCTYPE` ends at `i`, gives it to the tree, and returns
    /// where it ends.
    fn doctype(&mut self, mut i: usize) -> Result<usize, Unsure> {
        let b = self.b;
        let mut doctype = Doctype::default();
        let skip = |i: &mut usize| {
            while b.get(*i).is_some_and(|&c| is_space(c)) {
                *i += 1;
            }
        };
        skip(&mut i);
        // The end of the input inside a doctype: left to html5ever.
        let end = match *b.get(i).ok_or(Unsure)? {
            b'>' => {
                doctype.force_quirks = true;
                i + 1
            }
            _ => {
                let from = i;
                while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
                let mut name = StrTendril::from_slice(self.piece(from, i));
                name.make_ascii_lowercase();
                doctype.name = Some(name);
                self.doctype_ids(i, &mut doctype)?
            }
        };
        self.reach(end);
        let _ = self.sink.process_token(Token::DoctypeToken(doctype), 0);
        Ok(end)
    }

    /// The rest of a doctype after its name, from `i`: a public and a system identifier, as
    /// the doctype states read them. Returns the index after its `>`.
    fn doctype_ids(&self, mut i: usize, doctype: &mut Doctype) -> Result<usize, Unsure> {
        let b = self.b;
        let at = |i: usize| b.get(i).copied().ok_or(Unsure);
        let skip = |i: &mut usize| {
            while b.get(*i).is_some_and(|&c| is_space(c)) {
                *i += 1;
            }
        };
        // A bogus doctype: up to the next `>`.
        let bogus = |i: usize| {
            memchr::memchr(b'>', &b[i..])
                .map(|o| i + o + 1)
                .ok_or(Unsure)
        };
        skip(&mut i);
        if at(i)? == b'>' {
            return Ok(i + 1);
        }
        let keyword = b.get(i..i + 6).unwrap_or_default();
        let public = keyword.eq_ignore_ascii_case(b"public");
        if !public && !keyword.eq_ignore_ascii_case(b"system") {
            doctype.force_quirks = true;
            return bogus(i);
        }
        i += 6;
        // Reads a quoted identifier at `i`: its value, and the index after its quote, or
        // `None` when a `>` cuts it short (then after the `>`).
        let quoted = |i: usize| -> Result<(StrTendril, Result<usize, usize>), Unsure> {
            let q = b[i];
            let from = i + 1;
            let stop = memchr::memchr2(q, b'>', &b[from..]).ok_or(Unsure)? + from;
            let id = StrTendril::from_slice(self.piece(from, stop));
            Ok(if b[stop] == q {
                (id, Ok(stop + 1))
            } else {
                (id, Err(stop + 1))
            })
        };
        skip(&mut i);
        let c = at(i)?;
        if c == b'>' {
            doctype.force_quirks = true;
            return Ok(i + 1);
        }
        if c != b'"' && c != b'\'' {
            doctype.force_quirks = true;
            return bogus(i);
        }
        let (id, after) = quoted(i)?;
        let after = if public {
            doctype.public_id = Some(id);
            match after {
                Ok(after) => after,
                Err(gt) => {
                    doctype.force_quirks = true;
                    return Ok(gt);
                }
            }
        } else {
            doctype.system_id = Some(id);
            return self.after_system_id(after, doctype);
        };
        // After the public identifier: an optional system identifier.
        i = after;
        skip(&mut i);
        let c = at(i)?;
        if c == b'>' {
            return Ok(i + 1);
        }
        if c != b'"' && c != b'\'' {
            doctype.force_quirks = true;
            return bogus(i);
        }
        let (id, after) = quoted(i)?;
        doctype.system_id = Some(id);
        self.after_system_id(after, doctype)
    }

    /// After a system identifier that ended at its quote (`Ok`, the index after it) or
    /// at a `>` (`Err`, the index after that: quirks): spaces, then `>`, else a bogus
    /// doctype up to the next `>`.
    fn after_system_id(
        &self,
        after: Result<usize, usize>,
        doctype: &mut Doctype,
    ) -> Result<usize, Unsure> {
        let b = self.b;
        match after {
            Ok(mut after) => {
                while b.get(after).is_some_and(|&c| is_space(c)) {
                    after += 1;
                }
                match b.get(after) {
                    None => Err(Unsure),
                    Some(b'>') => Ok(after + 1),
                    Some(_) => memchr::memchr(b'>', &b[after..])
                        .map(|o| after + o + 1)
                        .ok_or(Unsure),
                }
            }
            Err(gt) => {
                doctype.force_quirks = true;
                Ok(gt)
            }
        }
    }
}

/// The one or two characters a character reference stands for.
struct Chars(char, Option<char>);

impl Chars {
    fn encode<'b>(&self, buf: &'b mut [u8; 8]) -> &'b str {
        let n = self.0.encode_utf8(&mut buf[..4]).len();
        let m = self
            .1
            .map_or(0, |c| c.encode_utf8(&mut buf[n..n + 4]).len());
        std::str::from_utf8(&buf[..n + m]).unwrap_or_default()
    }
}

/// The character reference at the `&` at `at` in `b` (its end bounding the text it may
/// read), as the character reference state reads it: what it stands for and where it ends,
/// or `None` when the `&` is text (no reference, or, `in_attribute`, a named one without
/// its `;` followed by `=` or a letter or digit).
fn char_ref(b: &[u8], at: usize, in_attribute: bool) -> Option<(Chars, usize)> {
    let first = *b.get(at + 1)?;
    if first == b'#' {
        return numeric(b, at + 2);
    }
    if !first.is_ascii_alphanumeric() {
        return None;
    }
    // The longest name in the table: every prefix of a name is in it too (with no
    // characters), so the search stops at the first miss. Names are ASCII.
    let mut best = None;
    let mut k = at + 1;
    while k < b.len() && b[k].is_ascii() {
        let name = std::str::from_utf8(&b[at + 1..=k]).ok()?;
        match NAMED_ENTITIES.get(name) {
            Some(&(c1, c2)) => {
                if c1 != 0 {
                    best = Some((c1, c2, k + 1));
                }
                k += 1;
            }
            None => break,
        }
    }
    let (c1, c2, end) = best?;
    if in_attribute
        && b[end - 1] != b';'
        && b.get(end)
            .is_some_and(|&c| c == b'=' || c.is_ascii_alphanumeric())
    {
        return None;
    }
    let c1 = char::from_u32(c1)?;
    let c2 = if c2 == 0 { None } else { char::from_u32(c2) };
    Some((Chars(c1, c2), end))
}

/// A numeric reference whose digits (after `&#`) start at `i`.
fn numeric(b: &[u8], mut i: usize) -> Option<(Chars, usize)> {
    let hex = matches!(b.get(i), Some(b'x' | b'X'));
    let base = if hex { 16 } else { 10 };
    i += usize::from(hex);
    let digits = i;
    let mut n: u32 = 0;
    let mut too_big = false;
    while let Some(d) = b.get(i).and_then(|&c| (c as char).to_digit(base)) {
        n = n.wrapping_mul(base);
        too_big |= n > 0x10FFFF;
        n = n.wrapping_add(d);
        i += 1;
    }
    if i == digits {
        // No digits: `&#` (and the `x`) are text.
        return None;
    }
    if b.get(i) == Some(&b';') {
        i += 1;
    }
    let c = match n {
        _ if too_big || n > 0x10FFFF => '\u{FFFD}',
        0 | 0xD800..=0xDFFF => '\u{FFFD}',
        0x80..=0x9F => C1_REPLACEMENTS[(n - 0x80) as usize]
            .or_else(|| char::from_u32(n))
            .unwrap_or('\u{FFFD}'),
        _ => char::from_u32(n).unwrap_or('\u{FFFD}'),
    };
    Some((Chars(c, None), i))
}

#[cfg(test)]
mod tests;
