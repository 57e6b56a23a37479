//! JSON-LD (`<script type="application/ld+json">`): the article's headline, author, date,
//! image, language and body text.
//!
//! A small JSON reader of our own rather than `serde_json`: it keeps the library free of
//! serde when the `serde` feature is off, it is iterative (a stack, no recursion) with
//! bounds on size, nesting and values, and it is lenient where real pages are sloppy: raw
//! line breaks inside strings, trailing commas, `<!--`/`CDATA` wrappers. Numbers and
//! literals are skipped, as no field read here needs them.

/// Scripts longer than this (bytes) are not read.
const MAX_SCRIPT: usize = 2 << 20;
/// Most values kept from one script.
const MAX_VALUES: usize = 50_000;
/// Deepest nesting read; a deeper script is abandoned.
const MAX_DEPTH: usize = 64;

/// What the page's JSON-LD says about its article (raw strings, not normalised).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct LdMeta {
    pub(crate) headline: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) image: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) body: Option<String>,
    /// Whether the fields above came from an article-typed object (`NewsArticle`,
    /// `BlogPosting`…): a later article object does not replace them.
    from_article: bool,
}

impl LdMeta {
    /// Reads one script's text into `self`. The first article-typed object wins; fields
    /// missing from it are taken from other objects only for the language.
    pub(crate) fn read_script(&mut self, script: &str) {
        if script.len() > MAX_SCRIPT {
            return;
        }
        let Some(doc) = parse(strip_wrappers(script)) else {
            return;
        };
        let items = doc.items();
        // References in a `@graph` (`"author": {"@id": "#person"}`) point at other items.
        let lookup = |v: usize| -> usize {
            match doc.get(v, "@id").and_then(|id| doc.str(id)) {
                Some(id) if doc.keys(v) == 1 => items
                    .iter()
                    .copied()
                    .find(|&i| i != v && doc.get(i, "@id").and_then(|x| doc.str(x)) == Some(id))
                    .unwrap_or(v),
                _ => v,
            }
        };
        for &item in &items {
            if self.language.is_none() {
                self.language = doc.get(item, "inLanguage").and_then(|v| doc.text(v));
            }
        }
        if self.from_article {
            return;
        }
        let article = items
            .iter()
            .copied()
            .find(|&i| doc.is_article(i))
            .or_else(|| {
                // A page without an article object: a `WebPage` may still carry a headline.
                (self.headline.is_none())
                    .then(|| {
                        items
                            .iter()
                            .copied()
                            .find(|&i| doc.get(i, "headline").is_some())
                    })
                    .flatten()
            });
        let Some(a) = article else { return };
        self.from_article = doc.is_article(a);
        let field = |key: &str| doc.get(a, key).map(lookup);
        self.headline = field("headline")
            .or_else(|| field("name"))
            .and_then(|v| doc.text(v));
        self.author = field("author")
            .or_else(|| field("creator"))
            .and_then(|v| doc.names(v, &lookup));
        self.published = field("datePublished")
            .or_else(|| field("dateCreated"))
            .and_then(|v| doc.text(v));
        self.image = field("image")
            .or_else(|| field("thumbnailUrl"))
            .and_then(|v| doc.url(v, &lookup));
        self.body = field("articleBody")
            .or_else(|| field("text"))
            .and_then(|v| doc.text(v));
        if let Some(lang) = field("inLanguage").and_then(|v| doc.text(v)) {
            self.language = Some(lang);
        }
    }
}

/// `@type`s of an article (schema.org's `Article` and its common subtypes).
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "Report",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "TechArticle",
    "ScholarlyArticle",
    "SocialMediaPosting",
    "LiveBlogPosting",
];

/// Strips `<!--`/`-->` and `<![CDATA[`/`]]>` wrappers (and `//` before them).
fn strip_wrappers(s: &str) -> &str {
    let mut s = s.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
    ] {
        if let Some(rest) = s.strip_prefix(open) {
            s = rest.trim();
            s = s.strip_suffix(close).unwrap_or(s).trim();
        }
    }
    s
}

/// A parsed JSON value: an index into [`Doc::values`].
#[derive(Debug)]
enum Value {
    /// A number, `true`, `false` or `null`.
    Other,
    Str(String),
    Array(Vec<usize>),
    Object(Vec<(String, usize)>),
}

/// A parsed script: every value in an arena, the first one the document.
#[derive(Debug)]
struct Doc {
    values: Vec<Value>,
}

impl Doc {
    /// The objects describing things: the top value, the elements of a top array, and the
    /// members of any `@graph` among those.
    fn items(&self) -> Vec<usize> {
        let mut top = match &self.values[0] {
            Value::Array(a) => a.clone(),
            _ => vec![0],
        };
        let mut i = 0;
        while i < top.len() && top.len() < 1000 {
            if let Some(Value::Array(graph)) = self.get(top[i], "@graph").map(|g| &self.values[g]) {
                top.extend(graph.iter().copied());
            }
            i += 1;
        }
        top.retain(|&v| matches!(self.values[v], Value::Object(_)));
        top
    }

    fn get(&self, v: usize, key: &str) -> Option<usize> {
        match &self.values[v] {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|&(_, v)| v),
            _ => None,
        }
    }

    fn keys(&self, v: usize) -> usize {
        match &self.values[v] {
            Value::Object(members) => members.len(),
            _ => 0,
        }
    }

    fn str(&self, v: usize) -> Option<&str> {
        match &self.values[v] {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A string value, trimmed, or the first non-empty string of an array.
    fn text(&self, v: usize) -> Option<String> {
        let pick = |v: usize| self.str(v).map(str::trim).filter(|s| !s.is_empty());
        match &self.values[v] {
            Value::Array(a) => a.iter().find_map(|&e| pick(e)),
            _ => pick(v),
        }
        .map(str::to_string)
    }

    fn is_article(&self, v: usize) -> bool {
        let Some(t) = self.get(v, "@type") else {
            return false;
        };
        let is = |v: usize| self.str(v).is_some_and(|s| ARTICLE_TYPES.contains(&s));
        match &self.values[t] {
            Value::Array(a) => a.iter().any(|&e| is(e)),
            _ => is(t),
        }
    }

    /// Author names: a string, an object's `name`, or an array of either, joined by `, `.
    fn names(&self, v: usize, lookup: &dyn Fn(usize) -> usize) -> Option<String> {
        let one = |v: usize| -> Option<String> {
            let v = lookup(v);
            match &self.values[v] {
                Value::Str(_) => self.text(v),
                Value::Object(_) => self.get(v, "name").and_then(|n| self.text(n)),
                _ => None,
            }
        };
        let names: Vec<String> = match &self.values[v] {
            Value::Array(a) => a.iter().take(20).filter_map(|&e| one(e)).collect(),
            _ => one(v).into_iter().collect(),
        };
        let mut unique: Vec<String> = Vec::new();
        for n in names {
            if !unique.contains(&n) {
                unique.push(n);
            }
        }
        (!unique.is_empty()).then(|| unique.join(", "))
    }

    /// An image URL: a string, an object's `url`/`contentUrl`, or the first of an array.
    fn url(&self, v: usize, lookup: &dyn Fn(usize) -> usize) -> Option<String> {
        let one = |v: usize| -> Option<String> {
            let v = lookup(v);
            match &self.values[v] {
                Value::Str(_) => self.text(v),
                Value::Object(_) => self
                    .get(v, "url")
                    .or_else(|| self.get(v, "contentUrl"))
                    .and_then(|u| self.text(u)),
                _ => None,
            }
        };
        match &self.values[v] {
            Value::Array(a) => a.iter().find_map(|&e| one(e)),
            _ => one(v),
        }
    }
}

/// Parses `s` into an arena, iteratively. `None` when it is not JSON (or too big).
fn parse(s: &str) -> Option<Doc> {
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
            _ => {}
        }
        if values.len() >= MAX_VALUES {
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
                let len = b[i..]
                    .iter()
                    .position(|c| matches!(c, b',' | b'}' | b']') || c.is_ascii_whitespace())
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
            if stack.len() >= MAX_DEPTH {
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

    fn read(scripts: &[&str]) -> LdMeta {
        let mut m = LdMeta::default();
        for s in scripts {
            m.read_script(s);
        }
        m
    }

    #[test]
    fn article_fields() {
        let m = read(&[r#"{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Big \"news\" \u4e2d\u6587 \ud83d\ude00","author":[{"@type":"Person","name":"Ann"},"Bob",{"name":"Ann"}],
            "datePublished":"2021-03-04T05:06:07+08:00","image":{"@type":"ImageObject","url":"https://e.com/a.jpg"},
            "inLanguage":"zh-CN","articleBody":"Line one.
Line two.", "wordCount": 12, "isFree": true, }"#]);
        assert_eq!(m.headline.as_deref(), Some("Big \"news\" 中文 😀"));
        assert_eq!(m.author.as_deref(), Some("Ann, Bob"));
        assert_eq!(m.published.as_deref(), Some("2021-03-04T05:06:07+08:00"));
        assert_eq!(m.image.as_deref(), Some("https://e.com/a.jpg"));
        assert_eq!(m.language.as_deref(), Some("zh-CN"));
        assert_eq!(m.body.as_deref(), Some("Line one.\nLine two."));
    }

    #[test]
    fn graph_with_references() {
        let m = read(&[
            r#"<!-- {"@type":"WebSite","name":"Site"} -->"#,
            r##"{"@context":"https://schema.org","@graph":[
              {"@type":"WebPage","@id":"#page","inLanguage":"en-US","name":"Page"},
              {"@type":["Article"],"@id":"#a","headline":"Head","author":{"@id":"#p"},
               "image":["https://e.com/1.jpg","https://e.com/2.jpg"]},
              {"@type":"Person","@id":"#p","name":"Carol"}]}"##,
        ]);
        assert_eq!(m.headline.as_deref(), Some("Head"));
        assert_eq!(m.author.as_deref(), Some("Carol"));
        assert_eq!(m.image.as_deref(), Some("https://e.com/1.jpg"));
        assert_eq!(m.language.as_deref(), Some("en-US"));
    }

    #[test]
    fn broken_or_hostile_scripts_are_ignored() {
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
            assert_eq!(read(&[s]), LdMeta::default(), "{s:?}");
        }
        assert!(parse(&format!("{}1{}", "[".repeat(60), "]".repeat(60))).is_some());
    }
}
