//! JSON-LD (`<script type="application/ld+json">`): the article's headline, author, date,
//! image, language and body text.
//!
//! Read with [`crate::json`]'s bounded reader, after stripping the `<!--`/`CDATA`
//! wrappers pages put around it.

use crate::json::{self, Doc, Value};

/// Scripts longer than this (bytes) are not read.
const MAX_SCRIPT: usize = 2 << 20;
/// Bounds on one script: most values kept, deepest nesting read.
const LIMITS: json::Limits = json::Limits {
    max_values: 50_000,
    max_depth: 64,
};

/// What the page's JSON-LD says about its article (raw strings, not normalised).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct LdMeta {
    pub(crate) headline: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) modified: Option<String>,
    /// The publisher's name (`publisher.name`).
    pub(crate) publisher: Option<String>,
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
        let Some(doc) = json::parse(strip_wrappers(script), LIMITS) else {
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
        self.modified = field("dateModified").and_then(|v| doc.text(v));
        self.publisher = field("publisher").and_then(|v| doc.names(v, &lookup));
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

/// What JSON-LD reads of a document: its items, their types, names and URLs.
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
        assert!(json::parse(&format!("{}1{}", "[".repeat(60), "]".repeat(60)), LIMITS).is_some());
    }
}
