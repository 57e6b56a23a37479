//! A small JSON reader of our own rather than `serde_json`: it keeps the library free of
//! serde when the `serde` feature is off, it is iterative (a stack, no recursion) with
//! bounds on values and nesting, and it is lenient where real pages are sloppy: raw line
//! breaks inside strings, trailing commas, and the JavaScript object literals that state
//! scripts assign (bare keys, `undefined`, `void 0`). Numbers and literals are not
//! read, as no caller needs them.
//!
//! Read by [`crate::metadata`] (JSON-LD) and [`crate::blob`] (a page's state scripts).

/// Bounds on one parse.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Most values kept; a longer document is abandoned.
    pub(crate) max_values: usize,
    /// Deepest nesting read; a deeper document is abandoned.
    pub(crate) max_depth: usize,
}

/// A parsed JSON value; containers hold indices into [`Doc::values`].
#[derive(Debug)]
pub(crate) enum Value {
    /// A number, `true`, `false`, `null` (or a JavaScript literal).
    Other,
    Str(String),
    Array(Vec<usize>),
    Object(Vec<(String, usize)>),
}

/// A parsed document: every value in an arena, the first one the document, each container
/// before its members.
#[derive(Debug)]
pub(crate) struct Doc {
    pub(crate) values: Vec<Value>,
}

impl Doc {
    /// The member `key` of the object `v`.
    pub(crate) fn get(&self, v: usize, key: &str) -> Option<usize> {
        match &self.values[v] {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|&(_, v)| v),
            _ => None,
        }
    }

    /// How many members the object `v` has (0 for any other value).
    pub(crate) fn keys(&self, v: usize) -> usize {
        match &self.values[v] {
            Value::Object(members) => members.len(),
            _ => 0,
        }
    }

    /// The string `v` is, if it is one.
    pub(crate) fn str(&self, v: usize) -> Option<&str> {
        match &self.values[v] {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A string value, trimmed, or the first non-empty string of an array.
    pub(crate) fn text(&self, v: usize) -> Option<String> {
        let pick = |v: usize| self.str(v).map(str::trim).filter(|s| !s.is_empty());
        match &self.values[v] {
            Value::Array(a) => a.iter().find_map(|&e| pick(e)),
            _ => pick(v),
        }
        .map(str::to_string)
    }
}

/// Parses the first value of `s` into an arena, iteratively (what follows it is not read).
/// `None` when it is not JSON, or exceeds `limits`.
pub(crate) fn parse(s: &str, limits: Limits) -> Option<Doc> {
    let b = s.as_bytes();
    let mut values: Vec<Value> = Vec::new();
    // Open containers, with the key awaiting its value when the container is an object.
    let mut stack: Vec<(usize, Option<String>)> = Vec::new();
    let mut i = 0;
    loop {
        i = skip_space(b, i);
        let c = *b.get(i)?;
        // A value, a key, a separator or a closing bracket.
        let in_object = stack
            .last()
            .is_some_and(|&(c, _)| matches!(values[c], Value::Object(_)));
        match c {
            b',' => {
                i += 1;
                continue;
            }
            b'}' | b']' => {
                stack.pop()?;
                i += 1;
                if stack.is_empty() {
                    break;
                }
                continue;
            }
            b'"' if in_object && stack.last().is_some_and(|(_, k)| k.is_none()) => {
                let (key, next) = string(s, i)?;
                i = skip_space(b, next);
                if b.get(i) != Some(&b':') {
                    return None;
                }
                i += 1;
                stack.last_mut()?.1 = Some(key);
                continue;
            }
            // A JavaScript object literal's bare key (`{layout:"post"}`).
            c if in_object
                && stack.last().is_some_and(|(_, k)| k.is_none())
                && (c.is_ascii_alphabetic() || c == b'_' || c == b'$') =>
            {
                let len = b[i..]
                    .iter()
                    .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c == b'$'))
                    .unwrap_or(b.len() - i);
                let key = s.get(i..i + len)?.to_string();
                i = skip_space(b, i + len);
                if b.get(i) != Some(&b':') {
                    return None;
                }
                i += 1;
                stack.last_mut()?.1 = Some(key);
                continue;
            }
            _ => {}
        }
        if values.len() >= limits.max_values {
            return None;
        }
        let (value, next, opens) = match c {
            b'{' => (Value::Object(Vec::new()), i + 1, true),
            b'[' => (Value::Array(Vec::new()), i + 1, true),
            b'"' => {
                let (text, next) = string(s, i)?;
                (Value::Str(text), next, false)
            }
            _ => {
                // Up to the next separator, so JavaScript's `void 0` is one value too.
                let len = b[i..]
                    .iter()
                    .position(|c| matches!(c, b',' | b'}' | b']'))
                    .unwrap_or(b.len() - i);
                if len == 0 {
                    return None;
                }
                (Value::Other, i + len, false)
            }
        };
        let index = values.len();
        values.push(value);
        i = next;
        if let Some((container, key)) = stack.last_mut() {
            match &mut values[*container] {
                Value::Array(a) => a.push(index),
                Value::Object(m) => m.push((key.take()?, index)),
                _ => return None,
            }
        }
        if opens {
            if stack.len() >= limits.max_depth {
                return None;
            }
            stack.push((index, None));
        } else if stack.is_empty() {
            break;
        }
    }
    (!values.is_empty()).then_some(Doc { values })
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The string starting at the quote at `start`, unescaped, and the index after its end.
/// Raw control characters are accepted (pages put line breaks in `articleBody`).
fn string(s: &str, start: usize) -> Option<(String, usize)> {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut i = start + 1;
    let mut run = i;
    while i < b.len() {
        match b[i] {
            b'"' => {
                out.push_str(s.get(run..i)?);
                return Some((out, i + 1));
            }
            b'\\' => {
                out.push_str(s.get(run..i)?);
                let esc = *b.get(i + 1)?;
                i += 2;
                match esc {
                    b'n' => out.push('\n'),
                    b't' => out.push('\t'),
                    b'r' => out.push('\r'),
                    b'b' | b'f' => out.push(' '),
                    b'u' => {
                        let hi = hex4(b, i)?;
                        i += 4;
                        let c = if (0xD800..0xDC00).contains(&hi) && b.get(i) == Some(&b'\\') {
                            match hex4(b, i + 2) {
                                Some(lo @ 0xDC00..0xE000) => {
                                    i += 6;
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                }
                                _ => None,
                            }
                        } else {
                            char::from_u32(hi)
                        };
                        out.push(c.unwrap_or('\u{FFFD}'));
                    }
                    // `\"`, `\\`, `\/`, and any other escaped ASCII stands for itself.
                    c if c.is_ascii() => out.push(c as char),
                    _ => return None,
                }
                run = i;
            }
            _ => i += 1,
        }
    }
    None
}

fn hex4(b: &[u8], i: usize) -> Option<u32> {
    let digits = std::str::from_utf8(b.get(i..i + 4)?).ok()?;
    u32::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        max_values: 1000,
        max_depth: 64,
    };

    #[test]
    fn broken_or_hostile_documents_are_refused() {
        let deep = "[".repeat(100_000);
        for s in [
            "",
            "{",
            "{\"a\":",
            "{\"a\" 1}",
            "]]]",
            deep.as_str(),
            "\"\\u12\"",
        ] {
            assert!(parse(s, LIMITS).is_none(), "{s:?}");
        }
        assert!(parse(&format!("{}1{}", "[".repeat(60), "]".repeat(60)), LIMITS).is_some());
        assert!(parse(&format!("[{}]", "1,".repeat(2000)), LIMITS).is_none());
    }

    #[test]
    fn javascript_object_literals() {
        let doc = parse(
            r#"{layout:"post",$x:void 0,data:[{body:"Hi."}],n:undefined};var a=1"#,
            LIMITS,
        )
        .unwrap();
        let data = doc.get(0, "data").unwrap();
        let Value::Array(items) = &doc.values[data] else {
            panic!("not an array")
        };
        assert_eq!(
            doc.get(items[0], "body")
                .and_then(|b| doc.text(b))
                .as_deref(),
            Some("Hi.")
        );
        assert_eq!(doc.keys(0), 4);
    }
}
