//! YAML front matter (Hexo, Jekyll): `---` … `---` at the top → metadata + the remaining body.

use saphyr::{LoadableYamlNode, Scalar, Yaml};

/// Largest front-matter block read as YAML; a larger one is skipped with a warning.
pub(crate) const MAX_FRONT_MATTER_BYTES: usize = 256 * 1024;

/// Metadata read from the front matter. Values are raw (not yet normalised or resolved).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct FrontMatter {
    pub(crate) title: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) categories: Vec<String>,
    pub(crate) tags: Vec<String>,
    /// Lead-image candidates in order of preference (`headimg`, `cover`, `thumbnail`, …).
    pub(crate) images: Vec<String>,
    pub(crate) warnings: Vec<String>,
}

/// Splits `text` into its front matter (when it opens with one) and the body after it.
pub(crate) fn split(text: &str) -> (Option<FrontMatter>, &str) {
    let Some((yaml, body)) = locate(text) else {
        return (None, text);
    };
    let mut fm = FrontMatter::default();
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        fm.warnings.push(format!(
            "front matter is {} bytes, over the {MAX_FRONT_MATTER_BYTES}-byte limit: ignored",
            yaml.len()
        ));
        return (Some(fm), body);
    }
    match Yaml::load_from_str(yaml) {
        Ok(docs) => match docs.first() {
            Some(doc @ Yaml::Mapping(_)) => read_mapping(doc, &mut fm),
            Some(_) | None if yaml.trim().is_empty() => {}
            _ => {
                fm.warnings
                    .push("front matter is not a YAML mapping: read line by line".into());
                read_lines(yaml, &mut fm);
            }
        },
        Err(e) => {
            fm.warnings.push(format!(
                "front matter is not valid YAML ({e}): read line by line"
            ));
            read_lines(yaml, &mut fm);
        }
    }
    (Some(fm), body)
}

/// Finds the YAML between an opening `---` line (after optional BOM and blank lines) and
/// the next `---` or `...` line. Returns (yaml, body).
fn locate(text: &str) -> Option<(&str, &str)> {
    let start = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let trimmed = start.trim_start_matches(['\n', '\r', ' ', '\t']);
    // The opening fence must be a line of its own.
    let after_open = trimmed.strip_prefix("---")?;
    let after_open = after_open.trim_start_matches([' ', '\t']);
    let after_open = after_open
        .strip_prefix("\r\n")
        .or_else(|| after_open.strip_prefix('\n'))?;
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r', ' ', '\t']);
        if bare == "---" || bare == "..." {
            let yaml = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            return Some((yaml, body));
        }
        offset += line.len();
    }
    None
}

fn read_mapping(doc: &Yaml, fm: &mut FrontMatter) {
    let get = |key: &str| doc.as_mapping_get(key);
    fm.title = get("title").and_then(scalar_string);
    fm.author = get("author")
        .and_then(|v| scalar_string(v).or_else(|| v.as_mapping_get("name").and_then(scalar_string)))
        .or_else(|| get("authors").and_then(|v| flatten(v).into_iter().next()));
    fm.date = ["date", "published", "pubDate", "created"]
        .iter()
        .find_map(|k| get(k).and_then(scalar_string));
    fm.categories = get("categories")
        .or_else(|| get("category"))
        .map(flatten)
        .unwrap_or_default();
    fm.tags = get("tags")
        .or_else(|| get("tag"))
        .map(flatten)
        .unwrap_or_default();
    for key in IMAGE_KEYS {
        if let Some(v) = get(key).and_then(scalar_string) {
            fm.images.push(v);
        }
    }
}

const IMAGE_KEYS: [&str; 6] = [
    "headimg",
    "cover",
    "thumbnail",
    "image",
    "banner",
    "featured_image",
];

/// A scalar as text (numbers and booleans too); `None` for null, empty, lists and maps.
fn scalar_string(v: &Yaml) -> Option<String> {
    let s = match v {
        Yaml::Value(Scalar::String(s)) => s.to_string(),
        Yaml::Value(Scalar::Integer(i)) => i.to_string(),
        Yaml::Value(Scalar::FloatingPoint(f)) => f.to_string(),
        Yaml::Value(Scalar::Boolean(b)) => b.to_string(),
        Yaml::Representation(s, _, _) => s.to_string(),
        Yaml::Tagged(_, inner) => return scalar_string(inner),
        _ => return None,
    };
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// A list (possibly nested, as Hexo allows for category paths) or a single value, flattened.
fn flatten(v: &Yaml) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Yaml::Sequence(items) => stack.extend(items.iter().rev()),
            Yaml::Tagged(_, inner) => stack.push(inner),
            other => {
                if let Some(s) = scalar_string(other) {
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
        }
    }
    out
}

/// Fallback for broken YAML: top-level `key: value` lines and `- item` lists.
fn read_lines(yaml: &str, fm: &mut FrontMatter) {
    let mut current_list: Option<&str> = None;
    for line in yaml.lines() {
        let trimmed = line.trim();
        if let Some(item) = trimmed.strip_prefix("- ") {
            let item = unquote(item);
            match current_list {
                Some("categories" | "category") if !item.is_empty() => fm.categories.push(item),
                Some("tags" | "tag") if !item.is_empty() => fm.tags.push(item),
                _ => {}
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let key = key.trim();
        let value = unquote(value);
        current_list = Some(key);
        if value.is_empty() {
            continue;
        }
        match key {
            "title" => fm.title = Some(value),
            "author" => fm.author = Some(value),
            "date" | "published" | "pubDate" | "created" if fm.date.is_none() => {
                fm.date = Some(value)
            }
            "categories" | "category" | "tags" | "tag" => {
                let items = value.trim_start_matches('[').trim_end_matches(']');
                let list = if key.starts_with("tag") {
                    &mut fm.tags
                } else {
                    &mut fm.categories
                };
                list.extend(items.split(',').map(unquote).filter(|s| !s.is_empty()));
            }
            k if IMAGE_KEYS.contains(&k) => fm.images.push(value),
            _ => {}
        }
    }
}

/// Strips surrounding quotes, repeatedly while they pair up (scrapers that re-quote a title
/// write `"""'Title'"""`), undoing `''` inside single quotes.
fn unquote(s: &str) -> String {
    let mut s = s.trim();
    let mut single = false;
    loop {
        let inner = s
            .strip_prefix('\'')
            .and_then(|x| x.strip_suffix('\''))
            .map(|x| (x, true))
            .or_else(|| {
                s.strip_prefix('"')
                    .and_then(|x| x.strip_suffix('"'))
                    .map(|x| (x, false))
            });
        match inner {
            Some((x, is_single)) if s.len() >= 2 => {
                s = x.trim();
                single |= is_single;
            }
            _ => break,
        }
    }
    if single {
        s.replace("''", "'")
    } else {
        s.replace("\\\"", "\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hexo_front_matter() {
        let text = "\n---\ntitle: 'It''s \"here\"'\ncategories: \n - 新媒体\n - ZAKER\ntags: [a, b]\nheadimg: 'https://e.com/a.jpg'\nauthor: ZAKER\ndate: Thu, 12 Aug 2021 06:07:34 GMT\n---\n\n<p>x</p>";
        let (fm, body) = split(text);
        let fm = fm.unwrap();
        assert_eq!(fm.title.as_deref(), Some("It's \"here\""));
        assert_eq!(fm.categories, ["新媒体", "ZAKER"]);
        assert_eq!(fm.tags, ["a", "b"]);
        assert_eq!(fm.images, ["https://e.com/a.jpg"]);
        assert_eq!(fm.author.as_deref(), Some("ZAKER"));
        assert_eq!(fm.date.as_deref(), Some("Thu, 12 Aug 2021 06:07:34 GMT"));
        assert!(fm.warnings.is_empty());
        assert_eq!(body, "\n<p>x</p>");
    }

    #[test]
    fn broken_yaml_is_read_line_by_line_with_a_warning() {
        let text =
            "---\ntitle: 'It's broken'\ndate: 2021-10-28 14:08:07\ncategories:\n - a\n---\nbody";
        let (fm, body) = split(text);
        let fm = fm.unwrap();
        assert_eq!(fm.title.as_deref(), Some("It's broken"));
        assert_eq!(fm.date.as_deref(), Some("2021-10-28 14:08:07"));
        assert_eq!(fm.categories, ["a"]);
        assert_eq!(fm.warnings.len(), 1);
        assert_eq!(body, "body");
        let (fm, _) = split("---\ntitle: \"\"\"'Re-quoted: 『a』'\"\"\"\n---\n");
        assert_eq!(fm.unwrap().title.as_deref(), Some("Re-quoted: 『a』"));
    }

    #[test]
    fn no_front_matter_or_unclosed_is_all_body() {
        assert_eq!(split("<p>hi</p>"), (None, "<p>hi</p>"));
        assert_eq!(split("---\ntitle: x\n<p>never closed</p>").0, None);
        assert_eq!(split("--- not a fence\n---\n").0, None);
    }

    #[test]
    fn bom_blank_lines_and_crlf() {
        let (fm, body) = split("\u{FEFF}\r\n\r\n---\r\ntitle: T\r\n---\r\nB");
        assert_eq!(fm.unwrap().title.as_deref(), Some("T"));
        assert_eq!(body, "B");
    }

    #[test]
    fn alias_bombs_do_not_explode() {
        let mut yaml = String::from("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='k' {
            yaml.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = name;
        }
        yaml.push_str("title: ok\n---\nbody");
        let (fm, body) = split(&yaml);
        assert!(fm.is_some());
        assert_eq!(body, "body");
    }
}
