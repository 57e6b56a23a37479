//! Finds a page's state scripts in its decoded text: `<script type="application/json"
//! id="__…">` and inline scripts assigning `window.__…__ =`. Their JSON is copied out,
//! up to [`MAX_TOTAL`] bytes in all, as the decoded text is dropped once it is parsed.

use memchr::memmem;

/// Most bytes of script text kept from one page; a script that would pass it is skipped.
const MAX_TOTAL: usize = 4 << 20;
/// Most scripts kept from one page.
const MAX_SCRIPTS: usize = 8;
/// Longest `<script …>` tag read.
const MAX_TAG: usize = 1024;

/// The state scripts of one page, in document order.
#[derive(Debug, Default)]
pub(crate) struct Scripts {
    /// Each script's name (its id, or the global it assigns) and its JSON text.
    pub(crate) scripts: Vec<(String, String)>,
}

/// Copies the state scripts out of `text` (linear: one search for `<script`).
pub(crate) fn scan(text: &str) -> Scripts {
    let mut found = Scripts::default();
    let bytes = text.as_bytes();
    let mut total = 0;
    let mut from = 0;
    let opener = memmem::Finder::new(b"<script");
    let closer = memmem::Finder::new(b"</script");
    while let Some(at) = bytes.get(from..).and_then(|rest| opener.find(rest)) {
        let start = from + at;
        from = start + 7;
        if !matches!(bytes.get(from), Some(b' ' | b'\t' | b'\n' | b'\r' | b'>')) {
            continue;
        }
        let Some(tag_len) = bytes
            .get(from..(from + MAX_TAG).min(bytes.len()))
            .and_then(|t| memchr::memchr(b'>', t))
        else {
            continue;
        };
        let tag = text.get(from..from + tag_len).unwrap_or("");
        let body_start = from + tag_len + 1;
        let Some(body_len) = bytes.get(body_start..).and_then(|rest| closer.find(rest)) else {
            break;
        };
        from = body_start + body_len;
        let body = text.get(body_start..from).unwrap_or("");
        let Some((name, json)) = state_script(tag, body) else {
            continue;
        };
        if total + json.len() > MAX_TOTAL {
            continue;
        }
        total += json.len();
        found.scripts.push((name.to_string(), json.to_string()));
        if found.scripts.len() == MAX_SCRIPTS {
            break;
        }
    }
    found
}

/// The name and JSON of a script whose tag is `tag` (its attributes) and text `body`, if
/// it is a state script.
fn state_script<'a>(tag: &'a str, body: &'a str) -> Option<(&'a str, &'a str)> {
    let kind = attr(tag, "type").unwrap_or("");
    if kind.eq_ignore_ascii_case("application/json") {
        let id = attr(tag, "id").filter(|id| is_global(id))?;
        return Some((id, body.trim()));
    }
    if !(kind.is_empty() || kind.to_ascii_lowercase().contains("javascript")) {
        return None;
    }
    let s = body.trim_start();
    let s = ["window.", "self.", "globalThis."]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(s);
    let name_len = s
        .bytes()
        .position(|c| !(c.is_ascii_alphanumeric() || c == b'_'))
        .unwrap_or(s.len());
    let (name, rest) = s.split_at_checked(name_len)?;
    if !is_global(name) {
        return None;
    }
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    // Nuxt 2 wraps its state in a function of the values it shares:
    // `(function(a,b){return {…}}(1,"x"))`; the object after `return` is the state.
    let rest = if rest.starts_with("(function") || rest.starts_with("function") {
        rest.find("return")
            .and_then(|at| rest.get(at + 6..))?
            .trim_start()
    } else {
        rest
    };
    Some((name, rest))
}

/// Whether `name` is a framework's global: `__` + letters, digits or `_` + `__`.
fn is_global(name: &str) -> bool {
    name.len() > 4
        && name.starts_with("__")
        && name.ends_with("__")
        && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// The value of attribute `name` in a start tag's attribute text (quoted or not).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut from = 0;
    while let Some(at) = lower.get(from..).and_then(|rest| rest.find(name)) {
        let start = from + at;
        from = start + name.len();
        let before_ok = start == 0 || b[start - 1].is_ascii_whitespace();
        let mut i = from;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if !before_ok || b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let (open, close) = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => (i + 1, memchr::memchr(q, &b[i + 1..]).map(|n| i + 1 + n)),
            _ => (
                i,
                Some(
                    b[i..]
                        .iter()
                        .position(|c| c.is_ascii_whitespace() || *c == b'/')
                        .map_or(b.len(), |n| i + n),
                ),
            ),
        };
        return tag.get(open..close.unwrap_or(b.len()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_and_json(html: &str) -> Vec<(String, String)> {
        scan(html).scripts
    }

    #[test]
    fn finds_state_scripts_only() {
        let html = r#"<script>var x = 1;</script>
            <script type="application/ld+json">{"@type":"Article"}</script>
            <script id="__NEXT_DATA__" type="application/json">{"props":{}}</script>
            <script type="application/json" data-id="__X__">{"no":1}</script>
            <script>window.__INITIAL_STATE__ = {"a":1};</script>
            <SCRIPT>window.__IGNORED_UPPER_TAG__={}</SCRIPT>
            <script>  __APOLLO_STATE__={"b":2}</script>
            <script>window.__NUXT__=(function(a){return {data:[a]}}("x"));</script>
            <scripts>window.__NOT__={}</scripts>"#;
        let found = names_and_json(html);
        let got: Vec<(&str, &str)> = found
            .iter()
            .map(|(n, j)| (n.as_str(), j.get(..8.min(j.len())).unwrap_or(j)))
            .collect();
        assert_eq!(
            got,
            [
                ("__NEXT_DATA__", "{\"props\""),
                ("__INITIAL_STATE__", "{\"a\":1};"),
                ("__APOLLO_STATE__", "{\"b\":2}"),
                ("__NUXT__", "{data:[a"),
            ]
        );
    }

    #[test]
    fn unterminated_and_huge_scripts_are_bounded() {
        assert!(names_and_json("<script>window.__A__={").is_empty());
        let big = format!(
            "<script>window.__A__=\"{}\"</script>",
            "x".repeat(MAX_TOTAL)
        );
        assert!(names_and_json(&big).is_empty());
        assert_eq!(attr(r#" id=__X__ type="a""#, "id"), Some("__X__"));
        assert_eq!(attr(r#" data-id="b" id = 'c'"#, "id"), Some("c"));
    }
}
