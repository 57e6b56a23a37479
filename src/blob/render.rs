//! Rich-text nodes in JSON as HTML: the trees CMSes and editors store instead of markup
//! (htmlparser2's `{type, name, attribs, children, data}`, Contentful's
//! `{nodeType, content, value}`, Portable Text's `{_type: "block", style, children: [{text}]}`,
//! Draft.js's `{type: "unstyled", text}`, or `{type: "p", children}`). Iterative, bounded.

use crate::json::{Doc, Value};

/// Most bytes of HTML written for one array.
pub(crate) const MAX_HTML: usize = 4 << 20;

/// Keys that name a node's type.
const TYPE_KEYS: &[&str] = &["type", "_type", "nodeType", "tag", "tagName"];
/// Keys that hold a node's children.
const CHILD_KEYS: &[&str] = &["children", "content", "nodes"];
/// Keys that hold a text node's text.
const TEXT_KEYS: &[&str] = &["text", "data", "value"];

/// HTML rendered from an array of nodes, and the characters of text in it.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    pub(crate) html: String,
    pub(crate) chars: usize,
}

/// What a node's type makes of it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// An HTML element.
    Tag(&'static str),
    /// Its children's text only (inline marks, wrappers, text nodes).
    Transparent,
    /// Nothing (media, embeds, ads).
    Skip,
}

/// Renders the array `root` of `doc` as HTML: each member a block (a `<p>` unless its type
/// says otherwise). Marks every value it visits in `seen`, so an array already rendered
/// as part of another is not rendered again (the walk over the arena stays linear).
pub(crate) fn render(doc: &Doc, root: usize, seen: &mut [bool]) -> Rendered {
    enum Step {
        Open(usize, bool),
        Close(&'static str),
    }
    let mut out = Rendered::default();
    let Value::Array(members) = &doc.values[root] else {
        return out;
    };
    seen[root] = true;
    let mut stack: Vec<Step> = members.iter().rev().map(|&m| Step::Open(m, true)).collect();
    while let Some(step) = stack.pop() {
        if out.html.len() > MAX_HTML {
            break;
        }
        let (v, top) = match step {
            Step::Close(tag) => {
                out.html.push_str("</");
                out.html.push_str(tag);
                out.html.push('>');
                continue;
            }
            Step::Open(v, top) => (v, top),
        };
        if std::mem::replace(&mut seen[v], true) {
            continue;
        }
        match &doc.values[v] {
            Value::Str(s) => push_text(&mut out, s),
            Value::Array(a) => stack.extend(a.iter().rev().map(|&m| Step::Open(m, false))),
            Value::Object(_) => {
                let kind = match kind(doc, v) {
                    Kind::Transparent if top => Kind::Tag("p"),
                    k => k,
                };
                let tag = match kind {
                    Kind::Skip => continue,
                    Kind::Tag(tag) => {
                        out.html.push('<');
                        out.html.push_str(tag);
                        if tag == "a" {
                            if let Some(href) = href(doc, v) {
                                out.html.push_str(" href=\"");
                                push_escaped(&mut out.html, href);
                                out.html.push('"');
                            }
                        }
                        out.html.push('>');
                        Some(tag)
                    }
                    Kind::Transparent => None,
                };
                if let Some(tag) = tag.filter(|t| *t != "br") {
                    stack.push(Step::Close(tag));
                }
                if let Some(text) = TEXT_KEYS
                    .iter()
                    .find_map(|k| doc.get(v, k).and_then(|t| doc.str(t)))
                {
                    push_text(&mut out, text);
                }
                if let Some(children) = CHILD_KEYS.iter().find_map(|k| doc.get(v, k)) {
                    if matches!(doc.values[children], Value::Array(_)) {
                        stack.push(Step::Open(children, false));
                    }
                }
            }
            Value::Other => {}
        }
    }
    out
}

fn push_text(out: &mut Rendered, text: &str) {
    out.chars += text.chars().count();
    push_escaped(&mut out.html, text);
}

fn push_escaped(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '&' => html.push_str("&amp;"),
            '"' => html.push_str("&quot;"),
            c => html.push(c),
        }
    }
}

/// A link node's target: `href`, `url`, `attribs.href` or `data.uri`.
fn href(doc: &Doc, v: usize) -> Option<&str> {
    let direct = ["href", "url"]
        .iter()
        .find_map(|k| doc.get(v, k).and_then(|h| doc.str(h)));
    direct.or_else(|| {
        [("attribs", "href"), ("attrs", "href"), ("data", "uri")]
            .iter()
            .find_map(|(outer, k)| {
                let o = doc.get(v, outer)?;
                doc.str(doc.get(o, k)?)
            })
    })
}

/// What the type of the object `v` makes of it.
fn kind(doc: &Doc, v: usize) -> Kind {
    let Some(name) = TYPE_KEYS
        .iter()
        .find_map(|k| doc.get(v, k).and_then(|t| doc.str(t)))
    else {
        return Kind::Transparent;
    };
    // htmlparser2 names the element apart (`{type: "tag", name: "p"}`); Portable Text
    // names a block's style apart (`{_type: "block", style: "h2"}`).
    let name = match name {
        "tag" => doc.get(v, "name").and_then(|n| doc.str(n)).unwrap_or(""),
        "block" => doc.get(v, "style").and_then(|n| doc.str(n)).unwrap_or("p"),
        n => n,
    };
    kind_of(&name.to_ascii_lowercase().replace('_', "-"))
}

/// What a (lower-cased, `-`-separated) node type makes of a node.
fn kind_of(name: &str) -> Kind {
    const LEVELS: [(&str, &str); 6] = [
        ("one", "h1"),
        ("two", "h2"),
        ("three", "h3"),
        ("four", "h4"),
        ("five", "h5"),
        ("six", "h6"),
    ];
    if let Some(level) = name
        .strip_prefix("heading")
        .or_else(|| name.strip_prefix("header"))
        .map(|l| l.trim_start_matches('-'))
    {
        let tag = LEVELS
            .iter()
            .find(|(word, tag)| level == *word || tag.get(1..) == Some(level))
            .map_or("h2", |(_, tag)| tag);
        return Kind::Tag(tag);
    }
    Kind::Tag(match name {
        "p" | "paragraph" | "unstyled" | "normal" | "par" => "p",
        "h1" => "h1",
        "h2" => "h2",
        "h3" => "h3",
        "h4" => "h4",
        "h5" => "h5",
        "h6" => "h6",
        "blockquote" | "quote" => "blockquote",
        "ul" | "unordered-list" | "bulleted-list" | "bullet-list" => "ul",
        "ol" | "ordered-list" | "numbered-list" => "ol",
        "li" | "list-item" | "listitem" | "unordered-list-item" | "ordered-list-item" => "li",
        "a" | "link" | "hyperlink" => "a",
        "br" | "hard-break" => "br",
        "pre" | "code-block" => "pre",
        "img"
        | "image"
        | "figure"
        | "embed"
        | "video"
        | "audio"
        | "iframe"
        | "script"
        | "style"
        | "ad"
        | "advert"
        | "advertisement"
        | "entry-hyperlink"
        | "embedded-entry-block"
        | "embedded-asset-block" => return Kind::Skip,
        _ => return Kind::Transparent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{self, Limits};

    fn html_of(json: &str) -> String {
        let doc = json::parse(
            json,
            Limits {
                max_values: 10_000,
                max_depth: 64,
            },
        )
        .unwrap();
        let mut seen = vec![false; doc.values.len()];
        render(&doc, 0, &mut seen).html
    }

    #[test]
    fn editor_formats() {
        assert_eq!(
            html_of(
                r#"[{"type":"p","children":[{"type":"text","data":"A "},
                {"type":"a","attribs":{"href":"/x"},"children":[{"type":"text","data":"link"}]}]},
                {"type":"tag","name":"h2","children":[{"type":"text","data":"Sub <head>"}]},
                {"type":"img","attribs":{"src":"/i.jpg"}}]"#
            ),
            "<p>A <a href=\"/x\">link</a></p><h2>Sub &lt;head&gt;</h2>"
        );
        // Contentful, Portable Text, Draft.js.
        assert_eq!(
            html_of(
                r#"[{"nodeType":"heading-3","content":[{"nodeType":"text","value":"T"}]},
                {"nodeType":"paragraph","content":[{"nodeType":"text","value":"One."}]}]"#
            ),
            "<h3>T</h3><p>One.</p>"
        );
        assert_eq!(
            html_of(
                r#"[{"_type":"block","style":"normal","children":[{"_type":"span","text":"A"},{"_type":"span","text":"B."}]}]"#
            ),
            "<p>AB.</p>"
        );
        assert_eq!(
            html_of(
                r#"[{"type":"header-two","text":"H"},{"type":"unstyled","text":"P."},{"text":"Q."}]"#
            ),
            "<h2>H</h2><p>P.</p><p>Q.</p>"
        );
    }

    #[test]
    fn shared_values_are_rendered_once() {
        // A value reached twice (as only a hand-built arena can) is written once.
        let mut doc = json::parse(
            r#"[{"text":"A."}, 1]"#,
            Limits {
                max_values: 10,
                max_depth: 4,
            },
        )
        .unwrap();
        doc.values[0] = Value::Array(vec![1, 1]);
        let mut seen = vec![false; doc.values.len()];
        assert_eq!(render(&doc, 0, &mut seen).html, "<p>A.</p>");
    }
}
