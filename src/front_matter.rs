//! YAML front matter (Hexo, Jekyll): `---` … `---` at the top → metadata + the remaining body.

use saphyr::{Scalar, ScanError, Yaml, YamlLoader};
use saphyr_parser::{Event, Parser, Span, SpannedEventReceiver};
use std::collections::HashSet;

/// Largest front-matter block read as YAML; a larger one is skipped with a warning.
pub(crate) const MAX_FRONT_MATTER_BYTES: usize = 256 * 1024;

/// Most the loaded YAML may hold, aliases expanded: its strings plus [`NODE_COST`] per
/// node. A front matter that would load as more is read line by line, with a warning.
pub(crate) const MAX_LOADED_BYTES: usize = 1 << 20;

/// What one loaded node holds besides its text: saphyr's 80-byte `Yaml` and its share of
/// the sequence or mapping it sits in.
const NODE_COST: usize = 96;

/// Deepest nesting of sequences and mappings read as YAML; deeper is read line by line.
pub(crate) const MAX_YAML_DEPTH: usize = 64;

/// Most categories, and most tags, kept from a front matter (duplicates never count).
pub(crate) const MAX_TERMS: usize = 1000;

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
    match load(yaml) {
        Ok(docs) => match docs.first() {
            Some(doc @ Yaml::Mapping(_)) => read_mapping(doc, &mut fm),
            Some(_) | None if yaml.trim().is_empty() => {}
            _ => {
                fm.warnings
                    .push("front matter is not a YAML mapping: read line by line".into());
                read_lines(yaml, &mut fm);
            }
        },
        Err(refused) => {
            fm.warnings.push(match refused {
                Refused::Invalid(e) => {
                    format!("front matter is not valid YAML ({e}): read line by line")
                }
                Refused::TooDeep => format!(
                    "front matter nests deeper than {MAX_YAML_DEPTH} levels: read line by line"
                ),
                Refused::TooLarge => format!(
                    "front matter would load as more than {MAX_LOADED_BYTES} bytes of \
                     YAML (aliases expanded): read line by line"
                ),
            });
            read_lines(yaml, &mut fm);
        }
    }
    (Some(fm), body)
}

/// Why a front matter was not loaded as YAML.
enum Refused {
    /// Not YAML: the parser's or the loader's error.
    Invalid(ScanError),
    /// Nested deeper than [`MAX_YAML_DEPTH`].
    TooDeep,
    /// Would load as more than [`MAX_LOADED_BYTES`].
    TooLarge,
}

/// Loads `yaml` as `Yaml::load_from_str` does (same parser, same loader, same documents and
/// errors), but drives the parser's events itself and meters them before the loader sees
/// them: saphyr's `Parser::load` recurses once per nesting level (a front matter of
/// `- - - …` overflowed the stack), and its loader copies an anchor's whole subtree for
/// every alias (30,000 aliases of a 120 KB string took 3.5 GB), so a count of aliases
/// alone cannot bound it. No event past a limit reaches the loader.
fn load(yaml: &str) -> Result<Vec<Yaml<'_>>, Refused> {
    let mut loader = YamlLoader::<Yaml>::default();
    let mut meter = Meter::default();
    for event in Parser::new_from_iter(yaml.chars()) {
        let (event, span) = event.map_err(Refused::Invalid)?;
        meter.follow(&event, span)?;
        // After a loader error (a duplicate key) only a parse error can still change the
        // outcome, as with `load_from_str`, which reports the parser's error first.
        if loader.error().is_none() {
            meter.admit(&event)?;
            loader.on_event(event, span);
        }
    }
    match loader.error() {
        Some(e) => Err(Refused::Invalid(e.clone())),
        None => Ok(loader.into_documents()),
    }
}

/// What the loaded tree will hold, counted event by event.
#[derive(Default)]
struct Meter {
    /// Bytes held so far ([`NODE_COST`] per node plus its text, anchor copies included).
    total: usize,
    /// Open sequences and mappings: their anchor id (0 for none) and their cost so far.
    open: Vec<(usize, usize)>,
    /// The cost of each finished anchored node, by anchor id (0 while still open).
    anchors: Vec<usize>,
    /// The first anchor id of the current document.
    doc_first: usize,
}

impl Meter {
    /// Notes documents and anchors. `Parser::load` forgets anchors at each new document,
    /// its event iterator does not: an alias to an earlier document's anchor is the error
    /// `load` would report.
    fn follow(&mut self, event: &Event<'_>, span: Span) -> Result<(), Refused> {
        match *event {
            Event::DocumentStart(_) => self.doc_first = self.anchors.len(),
            Event::SequenceStart(anchor, _)
            | Event::MappingStart(anchor, _)
            | Event::Scalar(_, _, anchor, _)
                if anchor >= self.anchors.len() =>
            {
                self.anchors.resize(anchor + 1, 0);
            }
            Event::Alias(id) if id < self.doc_first => {
                return Err(Refused::Invalid(ScanError::new_str(
                    span.start,
                    "while parsing node, found unknown anchor",
                )))
            }
            _ => {}
        }
        Ok(())
    }

    /// Counts what `event` adds to the loaded tree; refuses it past a limit.
    fn admit(&mut self, event: &Event<'_>) -> Result<(), Refused> {
        let (cost, anchor) = match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.open.len() >= MAX_YAML_DEPTH {
                    return Err(Refused::TooDeep);
                }
                self.open.push((*anchor, NODE_COST));
                return self.charge(NODE_COST);
            }
            Event::SequenceEnd | Event::MappingEnd => match self.open.pop() {
                Some((anchor, cost)) => (cost, anchor),
                None => return Ok(()),
            },
            Event::Scalar(text, _, anchor, _) => {
                let cost = NODE_COST + text.len();
                self.charge(cost)?;
                (cost, *anchor)
            }
            // An alias copies its anchor; one still open (or unknown) loads as a bad value.
            Event::Alias(id) => {
                let cost = self.anchors.get(*id).copied().filter(|&c| c > 0);
                let cost = cost.unwrap_or(NODE_COST);
                self.charge(cost)?;
                (cost, 0)
            }
            _ => return Ok(()),
        };
        if anchor > 0 {
            // The loader keeps a copy of every anchored node.
            self.charge(cost)?;
            if let Some(slot) = self.anchors.get_mut(anchor) {
                *slot = cost;
            }
        }
        if let Some((_, parent)) = self.open.last_mut() {
            *parent += cost;
        }
        Ok(())
    }

    fn charge(&mut self, cost: usize) -> Result<(), Refused> {
        self.total = self.total.saturating_add(cost);
        if self.total > MAX_LOADED_BYTES {
            return Err(Refused::TooLarge);
        }
        Ok(())
    }
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
            let (yaml, rest) = after_open.split_at_checked(offset)?;
            return Some((yaml, rest.get(line.len()..)?));
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
        .or_else(|| get("authors").and_then(|v| flatten(v).list.into_iter().next()));
    fm.date = ["date", "published", "pubDate", "created"]
        .iter()
        .find_map(|k| get(k).and_then(scalar_string));
    if let Some(v) = get("categories").or_else(|| get("category")) {
        fm.categories = flatten(v).finish("categories", &mut fm.warnings);
    }
    if let Some(v) = get("tags").or_else(|| get("tag")) {
        fm.tags = flatten(v).finish("tags", &mut fm.warnings);
    }
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
    let number;
    let s: &str = match v {
        Yaml::Value(Scalar::String(s)) | Yaml::Representation(s, _, _) => s,
        Yaml::Value(Scalar::Integer(i)) => {
            number = i.to_string();
            &number
        }
        Yaml::Value(Scalar::FloatingPoint(f)) => {
            number = f.to_string();
            &number
        }
        Yaml::Value(Scalar::Boolean(b)) => return Some(b.to_string()),
        Yaml::Tagged(_, inner) => return scalar_string(inner),
        _ => return None,
    };
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// A list of categories or tags as it is read: duplicates dropped, at most [`MAX_TERMS`]
/// kept (a front matter of 256 KiB could list 100,000 one-letter tags).
#[derive(Default)]
struct Terms {
    list: Vec<String>,
    seen: HashSet<String>,
    /// Whether a term past the limit was dropped.
    dropped: bool,
}

impl Terms {
    fn push(&mut self, term: String) {
        if term.is_empty() || self.seen.contains(&term) {
            return;
        }
        if self.list.len() >= MAX_TERMS {
            self.dropped = true;
            return;
        }
        self.seen.insert(term.clone());
        self.list.push(term);
    }

    /// The terms; a warning in `warnings` when some were dropped.
    fn finish(self, what: &str, warnings: &mut Vec<String>) -> Vec<String> {
        if self.dropped {
            warnings.push(format!(
                "front matter lists more than {MAX_TERMS} {what}: the rest are left out"
            ));
        }
        self.list
    }
}

/// A list (possibly nested, as Hexo allows for category paths) or a single value, flattened.
fn flatten(v: &Yaml) -> Terms {
    let mut out = Terms::default();
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Yaml::Sequence(items) => stack.extend(items.iter().rev()),
            Yaml::Tagged(_, inner) => stack.push(inner),
            other => {
                if let Some(s) = scalar_string(other) {
                    out.push(s);
                }
            }
        }
    }
    out
}

/// Fallback for broken YAML: top-level `key: value` lines and `- item` lists.
fn read_lines(yaml: &str, fm: &mut FrontMatter) {
    let mut categories = Terms::default();
    let mut tags = Terms::default();
    let mut current_list: Option<&str> = None;
    for line in yaml.lines() {
        let trimmed = line.trim();
        if let Some(item) = trimmed.strip_prefix("- ") {
            match current_list {
                Some("categories" | "category") => categories.push(unquote(item)),
                Some("tags" | "tag") => tags.push(unquote(item)),
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
                    &mut tags
                } else {
                    &mut categories
                };
                items.split(',').for_each(|item| list.push(unquote(item)));
            }
            k if IMAGE_KEYS.contains(&k) => fm.images.push(value),
            _ => {}
        }
    }
    fm.categories = categories.finish("categories", &mut fm.warnings);
    fm.tags = tags.finish("tags", &mut fm.warnings);
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

    /// `load` must give what `Yaml::load_from_str` gives (documents, or the error's text)
    /// on every front matter within the limits: the posts of the shared corpus when present,
    /// and shapes that exercise its errors, documents and anchors.
    #[test]
    fn load_matches_saphyr_load_from_str() {
        use saphyr::LoadableYamlNode;
        let mut samples: Vec<String> = [
            "title: t\ntags: [a, b]\n",
            "a: &x {b: 1, c: [2, 3.5, true, ~]}\nd: *x\ne: !t 'x'\n",
            "a: 1\na: 2\n",
            "a: [\n",
            "- a\n- b\n",
            "",
            "a: 1\n--- \nb: 2\n",
            "a: &x 1\n--- \nb: *x\n",
            "a: &x 1\n--- \nb: &x 2\nc: *x\n",
            "a: 1\na: 2\n---\nb: [\n",
            "a: &r [*r]\n",
            "? [a, b]\n: c\n",
            "%YAML 1.2\n---\nt: x\n",
        ]
        .map(String::from)
        .to_vec();
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/hexo/dev");
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                if let Some((yaml, _)) = locate(&text) {
                    samples.push(yaml.to_string());
                }
            }
        } else {
            eprintln!("../shared/corpus/hexo/dev not found: only the inline samples are compared");
        }
        for yaml in &samples {
            let ours = match load(yaml) {
                Ok(docs) => Ok(docs),
                Err(Refused::Invalid(e)) => Err(e.to_string()),
                Err(_) => panic!("refused within the limits: {yaml:?}"),
            };
            let theirs = Yaml::load_from_str(yaml).map_err(|e| e.to_string());
            assert_eq!(ours, theirs, "{yaml:?}");
        }
    }

    #[test]
    fn alias_amplification_is_bounded_by_the_loaded_size_not_the_alias_count() {
        // 300 aliases of a 10 KB string: few aliases, 3 MB once loaded.
        let yaml = format!(
            "---\ntitle: t\nbase: &a {}\ntags: [{}]\n---\nbody",
            "x".repeat(10_000),
            vec!["*a"; 300].join(", ")
        );
        let (fm, body) = split(&yaml);
        let fm = fm.unwrap();
        assert_eq!(body, "body");
        assert_eq!(fm.title.as_deref(), Some("t"));
        assert!(
            fm.warnings[0].contains("would load as more than"),
            "{:?}",
            fm.warnings
        );
        assert!(fm.tags.iter().all(|t| t.len() < 8), "{:?}", fm.tags);
        // The same anchor used a few times loads as usual.
        let yaml = format!(
            "---\nbase: &a {}\ntags: [*a, *a, *a]\n---\n",
            "x".repeat(1000)
        );
        let fm = split(&yaml).0.unwrap();
        assert!(fm.warnings.is_empty(), "{:?}", fm.warnings);
        assert_eq!(fm.tags, ["x".repeat(1000)]);
    }

    #[test]
    fn many_tiny_nodes_are_read_line_by_line() {
        // 100,000 one-letter items load as 10 MB of nodes.
        let yaml = format!(
            "---\ntitle: t\ntags: [{}]\n---\n",
            vec!["a"; 100_000].join(",")
        );
        let fm = split(&yaml).0.unwrap();
        assert_eq!(fm.title.as_deref(), Some("t"));
        assert_eq!(fm.tags, ["a"]);
        assert_eq!(fm.warnings.len(), 1, "{:?}", fm.warnings);
    }

    #[test]
    fn deep_block_nesting_does_not_overflow_the_stack() {
        for yaml in [
            format!(
                "---\ntitle: t\ntags:\n  {}x\n---\nbody",
                "- ".repeat(100_000)
            ),
            format!(
                "---\ntitle: t\nb: &a\n  {}x\ntags: [*a, *a]\n---\nbody",
                "- ".repeat(50_000)
            ),
            format!("---\ntitle: t\nb: {}x\n---\nbody", "{a: ".repeat(200)),
        ] {
            let (fm, body) = split(&yaml);
            let fm = fm.unwrap();
            assert_eq!(body, "body");
            assert_eq!(fm.title.as_deref(), Some("t"));
            assert_eq!(fm.warnings.len(), 1, "{:?}", fm.warnings);
        }
        // Nesting within the cap loads.
        let yaml = format!("---\ntags:\n  {}x\n---\n", "- ".repeat(MAX_YAML_DEPTH - 1));
        let fm = split(&yaml).0.unwrap();
        assert!(fm.warnings.is_empty(), "{:?}", fm.warnings);
        assert_eq!(fm.tags, ["x"]);
    }

    #[test]
    fn tags_are_deduplicated_and_capped_in_both_readers() {
        let list: Vec<String> = (0..3000).map(|i| format!("t{}", i % 2000)).collect();
        for yaml in [
            format!("---\ntags: [{}]\n---\n", list.join(", ")),
            format!("---\ntags: [{}]\nbad: [\n---\n", list.join(", ")),
            format!("---\ntags:\n- {}\nbad: [\n---\n", list.join("\n- ")),
        ] {
            let fm = split(&yaml).0.unwrap();
            assert_eq!(fm.tags.len(), MAX_TERMS);
            assert_eq!(fm.tags[0], "t0");
            assert_eq!(fm.tags[MAX_TERMS - 1], format!("t{}", MAX_TERMS - 1));
            assert!(fm
                .warnings
                .iter()
                .any(|w| w.contains("more than 1000 tags")));
        }
        let fm = split("---\ntags: [a, b, a]\ncategories: [c, c]\n---\n")
            .0
            .unwrap();
        assert_eq!(
            (fm.tags, fm.categories),
            (vec!["a".into(), "b".into()], vec!["c".into()])
        );
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
