//! Chooses the article among a page's state-script values: the one with the most prose.

use super::render::{render, MAX_HTML};
use super::Scripts;
use crate::json::{self, Doc, Value};
use crate::normalize::comparable;

/// Bounds on one script: most values kept, deepest nesting read.
const LIMITS: json::Limits = json::Limits {
    max_values: 400_000,
    max_depth: 128,
};

/// Fewest characters of prose a value must hold to be the article.
const MIN_PROSE: usize = 400;
/// How many times the page's own text the value's prose must be.
const RATIO: usize = 3;
/// Fewest sentence ends a value's text must have to be prose.
const MIN_SENTENCES: usize = 3;

/// The article found in a state script.
#[derive(Debug)]
pub(crate) struct Found {
    /// The article as HTML.
    pub(crate) html: String,
    /// Characters of text in it.
    pub(crate) chars: usize,
    /// The script it came from (its id or global).
    pub(crate) script: String,
}

/// The article among `scripts`' values, when the page's own selection holds `page_chars`
/// characters of text and the value at least [`RATIO`] times as many (and [`MIN_PROSE`]).
///
/// A state often caches other articles too (related stories, with their bodies): a value
/// whose nearest object with a title (`title`, `headline`, `seoTitle`…) has the page's
/// `title` is preferred to a longer one whose nearest title is another.
pub(crate) fn pick(scripts: &Scripts, page_chars: usize, title: Option<&str>) -> Option<Found> {
    let floor = MIN_PROSE.max(page_chars.saturating_mul(RATIO));
    let title = title.map(comparable).filter(|t| t.len() >= 8);
    // The best value: whether its title is the page's, then its length.
    let mut best: Option<(bool, Found)> = None;
    for (name, text) in &scripts.scripts {
        // Every character of a value's text takes at least a byte of the script: a script
        // shorter than the floor holds no article long enough (and is not parsed).
        if text.len() < floor {
            continue;
        }
        let text = decode_json_parse(text);
        let Some(doc) = json::parse(text.as_ref(), LIMITS) else {
            continue;
        };
        let parents = parents(&doc);
        let mut seen = vec![false; doc.values.len()];
        for v in 0..doc.values.len() {
            let found = match &doc.values[v] {
                Value::Str(s) if s.len() >= MIN_PROSE => from_string(s),
                Value::Array(items) if items.len() >= 2 && !seen[v] => {
                    let all = |f: fn(&Value) -> bool| items.iter().all(|&i| f(&doc.values[i]));
                    if all(|v| matches!(v, Value::Str(_))) {
                        from_paragraphs(items.iter().filter_map(|&i| doc.str(i)))
                    } else if all(|v| matches!(v, Value::Object(_))) {
                        // Rich-text nodes. A mixed array is no document (Nuxt 3's
                        // `__NUXT_DATA__` is one flat array of every value of the state).
                        let r = render(&doc, v, &mut seen);
                        is_prose(&text_of(&r.html)).then_some((r.html, r.chars))
                    } else {
                        None
                    }
                }
                _ => None,
            };
            let Some((html, chars)) = found else { continue };
            if chars < floor {
                continue;
            }
            let titled = title
                .as_deref()
                .is_some_and(|t| titled_as(&doc, &parents, v, t));
            if best
                .as_ref()
                .is_none_or(|(t, b)| (titled, chars) > (*t, b.chars))
            {
                let script = name.clone();
                best = Some((
                    titled,
                    Found {
                        html,
                        chars,
                        script,
                    },
                ));
            }
        }
    }
    best.map(|(_, found)| found)
}

/// Each value's container (`usize::MAX` for the document).
fn parents(doc: &Doc) -> Vec<usize> {
    let mut parents = vec![usize::MAX; doc.values.len()];
    for (v, value) in doc.values.iter().enumerate() {
        match value {
            Value::Array(items) => items.iter().for_each(|&i| parents[i] = v),
            Value::Object(members) => members.iter().for_each(|&(_, i)| parents[i] = v),
            _ => {}
        }
    }
    parents
}

/// Whether the nearest object above `v` (or `v` itself) with a title-named member has
/// one whose text, folded, is the page's folded `title` or holds it, or is held by it.
fn titled_as(doc: &Doc, parents: &[usize], mut v: usize, title: &str) -> bool {
    let is_title_key = |k: &str| {
        let k = k.to_ascii_lowercase();
        k.ends_with("title") || k.ends_with("headline")
    };
    for _ in 0..LIMITS.max_depth {
        if let Value::Object(members) = &doc.values[v] {
            let mut titles = members
                .iter()
                .filter(|(k, _)| is_title_key(k))
                .filter_map(|&(_, m)| doc.str(m))
                .map(comparable)
                .filter(|t| t.len() >= 8)
                .peekable();
            if titles.peek().is_some() {
                return titles.any(|t| t.contains(title) || title.contains(&t));
            }
        }
        v = match parents.get(v) {
            Some(&p) if p != usize::MAX => p,
            _ => return false,
        };
    }
    false
}

/// A script whose state is `JSON.parse("…")`: the string's text; any other as it is.
fn decode_json_parse(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(inner) = text.strip_prefix("JSON.parse(") else {
        return text.into();
    };
    let doc = json::parse(inner.trim_start(), LIMITS);
    match doc.as_ref().and_then(|d| d.str(0)) {
        Some(s) => s.to_string().into(),
        None => text.into(),
    }
}

/// A string value as HTML with its text's length, if it is prose: HTML (real `<p>` markup,
/// or text with little markup) kept as it is, plain text made a paragraph per line.
fn from_string(s: &str) -> Option<(String, usize)> {
    let looks_html = s.contains("</") || s.contains("<br") || s.contains("<p");
    if looks_html {
        let text = text_of(s);
        let has_paragraphs = s.contains("<p>") || s.contains("<p ");
        // Markup with a little text (a widget's template) is not an article.
        if !(has_paragraphs || text.len() * 2 >= s.len()) || !is_prose(&text) {
            return None;
        }
        return Some((s.to_string(), text.chars().count()));
    }
    if !is_prose(s) {
        return None;
    }
    from_paragraphs(s.lines())
}

/// Paragraph strings as `<p>` elements, with their text's length, if together they are
/// prose. Only the strings that hold a sentence count.
fn from_paragraphs<'a>(lines: impl Iterator<Item = &'a str>) -> Option<(String, usize)> {
    let mut html = String::new();
    let mut chars = 0;
    let mut sentences = 0;
    for line in lines.map(str::trim).filter(|l| !l.is_empty()) {
        let ends = sentence_ends(line);
        if ends == 0 || html.len() > MAX_HTML {
            continue;
        }
        sentences += ends;
        chars += line.chars().count();
        html.push_str("<p>");
        for c in line.chars() {
            match c {
                '<' => html.push_str("&lt;"),
                '&' => html.push_str("&amp;"),
                c => html.push(c),
            }
        }
        html.push_str("</p>");
    }
    (sentences >= MIN_SENTENCES).then_some((html, chars))
}

/// Whether `text` reads as prose: enough sentence ends, words between spaces (or CJK).
fn is_prose(text: &str) -> bool {
    sentence_ends(text) >= MIN_SENTENCES && !text.contains("function(") && !text.contains("=>")
}

/// Sentence ends in `text`: `.`, `!` or `?` before a space or the end, or a CJK full stop,
/// exclamation or question mark.
fn sentence_ends(text: &str) -> usize {
    let mut n = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        n += usize::from(match c {
            '.' | '!' | '?' => chars.peek().is_none_or(|n| n.is_whitespace() || *n == '"'),
            '。' | '！' | '？' => true,
            _ => false,
        });
    }
    n
}

/// The text of an HTML string: what lies outside its tags (references left as they are).
fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: &str =
        "The council met on Tuesday. It voted to fund the bridge. Work starts in May! \
        Residents asked why it took so long? The mayor said the money was not there before. ";

    fn scripts(json: &str) -> Scripts {
        Scripts {
            scripts: vec![("__NEXT_DATA__".into(), json.into())],
        }
    }

    #[test]
    fn the_longest_prose_value_wins() {
        let body = format!("<p>{PARA}</p><p>{PARA}</p><p>{PARA}</p>").replace('"', "\\\"");
        let json = format!(
            r#"{{"props":{{"pageProps":{{"teaser":"{PARA}","post":{{"body":"{body}"}},
               "css":".a{{color:red}}","nav":["Home","News","Sport"]}}}}}}"#
        );
        let found = pick(&scripts(&json), 40, None).unwrap();
        assert!(found.html.starts_with("<p>The council"), "{}", found.html);
        assert_eq!(found.chars, PARA.len() * 3);
        // The page's own text is not thin next to it: nothing is found.
        assert!(pick(&scripts(&json), found.chars / 2, None).is_none());
    }

    #[test]
    fn paragraph_arrays_text_and_json_parse() {
        let json = format!(r#"{{"paragraphs":["{PARA}","{PARA}","Share","{PARA}"]}}"#);
        let found = pick(&scripts(&json), 0, None).unwrap();
        assert_eq!(found.html.matches("<p>").count(), 3);
        let json = format!(r#"JSON.parse("{{\"body\":\"{PARA}\\n{PARA}\\n{PARA}\"}}")"#);
        let found = pick(&scripts(&json), 0, None).unwrap();
        assert_eq!(found.html.matches("<p>").count(), 3, "{}", found.html);
    }

    #[test]
    fn the_pages_own_article_beats_a_longer_cached_one() {
        let json = format!(
            r#"{{"related":{{"headline":"Another story entirely","body":"{PARA}{PARA}{PARA}{PARA}"}},
               "article":{{"seoTitle":"Bridge vote: the council says yes","body":{{"text":"{PARA}{PARA}{PARA}"}}}}}}"#
        );
        let title = Some("Bridge vote: the council says yes | The Daily");
        // Plain text is trimmed: the last sentence's space goes.
        let found = pick(&scripts(&json), 0, title).unwrap();
        assert_eq!(found.chars, PARA.len() * 3 - 1);
        let longest = pick(&scripts(&json), 0, None).unwrap();
        assert_eq!(longest.chars, PARA.len() * 4 - 1);
    }

    #[test]
    fn a_mixed_array_is_not_rendered() {
        let json = format!(
            r#"[{{"a":1}},"user","https://e.com/a.jpg",{{"text":"{PARA}"}},"{PARA}{PARA}"]"#
        );
        assert!(pick(&scripts(&json), 0, None).is_none());
    }

    #[test]
    fn markup_code_and_short_values_are_not_prose() {
        let long_markup = format!(
            r#"{{"tpl":"{}","js":"{}","short":"One. Two. Three."}}"#,
            "<div class=\\\"x\\\"><span>A. B. C. </span></div>".repeat(40),
            "function(a){ return a. b. c. }".repeat(40)
        );
        assert!(pick(&scripts(&long_markup), 0, None).is_none());
    }
}
