//! A token filter in front of the tree builder that leaves out what no later stage reads,
//! so the tree is smaller and cheaper to build, walk and drop.
//!
//! - Comments and parse errors are dropped.
//! - The text of `<script>` (other than JSON-LD, which the metadata reads) and `<style>` is
//!   dropped: the start tag still reaches the tree builder, so the element is created where
//!   it always was and the tokenizer is still told to read its content as raw text; the
//!   filter drops the text tokens up to the end tag. (The pre-pass, [`super::reduce`], has
//!   already cut that text from the bytes; the filter covers what it copies verbatim.)
//! - Attributes that nothing reads are dropped ([`keeps`]): event handlers, most `data-*`,
//!   SVG geometry. Formatting elements but `<a>` (`<b>`, `<font>`…) keep all of theirs,
//!   since the tree builder compares their attributes ([`compares_attributes`]).
//!
//! Every element is still created, in the same place; the only other change to the tree is
//! that text on both sides of a dropped comment becomes one text node. The attribute lists
//! kept are trimmed to their length.

use std::cell::Cell;

use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult};

use super::budget::BudgetFilter;
use crate::clean::{DIMENSION_ATTRS, LAZY_ATTRS, SRCSET_ATTRS};
use crate::wordset::{LazyWords, WordSet};

/// Drops comments, parse errors, script and style text, and unread attributes.
pub(crate) struct PruneFilter {
    pub(super) inner: BudgetFilter,
    /// Inside a `<script>` or `<style>` whose text is dropped, until its end tag.
    skipping: Cell<bool>,
}

impl PruneFilter {
    pub(super) fn new(inner: BudgetFilter) -> Self {
        PruneFilter {
            inner,
            skipping: Cell::new(false),
        }
    }
}

/// Elements the tree builder may reopen (the formatting elements of the HTML Standard).
pub(super) fn is_formatting(name: &str) -> bool {
    is_formatting_bytes(name.as_bytes())
}

/// [`is_formatting`] for a name as the page writes it (ASCII case ignored).
pub(super) fn is_formatting_bytes(name: &[u8]) -> bool {
    static FORMATTING: LazyWords = LazyWords::new(|| {
        WordSet::new(&[
            "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong",
            "tt", "u",
        ])
    });
    FORMATTING.contains_bytes(name)
}

/// Whether the tree builder compares the attributes of elements named `name` (ASCII case
/// ignored): dropping some could make two of them equal and change the tree. That is the
/// Noah's Ark clause (§13.2.4.3: a fourth formatting element equal in name and attributes
/// to three after the last marker removes the earliest), so the formatting elements, but
/// `<a>`: a start tag `<a>` first removes any `a` after the last marker from the list
/// (§13.2.6.4.7, the adoption agency for a misnested `<a>`), so there is never another
/// `a` to compare it with. Its copies (reopened or split by the adoption agency) take the
/// start tag's attributes, as filtered. Over the shared articles, 13,000 attributes of
/// `<a>` (target, title, onclick, tracking data) are read by no stage.
pub(super) fn compares_attributes(name: &[u8]) -> bool {
    is_formatting_bytes(name) && !name.eq_ignore_ascii_case(b"a")
}

/// Whether an attribute is kept: those the stages read (class and id names, hidden and
/// inline-style checks, microdata, links and image sources, `<meta>`, `<time>`, language,
/// JSON-LD's `type`) and those the tree builder reads (`<input type>`, `<font color face
/// size>`, `<annotation-xml encoding>`, declarative shadow roots). A stage that starts
/// reading another attribute adds it here (a test checks every `attr(node, "name")`).
pub(super) fn keeps(name: &str) -> bool {
    keeps_bytes(name.as_bytes())
}

/// [`keeps`] for a name as the page writes it (ASCII case ignored, as the tokenizer
/// lower-cases it).
pub(super) fn keeps_bytes(name: &[u8]) -> bool {
    static KEPT: LazyWords = LazyWords::new(|| {
        WordSet::new(
            &[
                READ,
                TREE_BUILDER,
                LAZY_ATTRS,
                SRCSET_ATTRS,
                DIMENSION_ATTRS,
            ]
            .concat(),
        )
    });
    KEPT.contains_bytes(name)
}

/// Attributes the stages read.
const READ: &[&str] = &[
    "class",
    "id",
    "style",
    "hidden",
    "aria-hidden",
    "aria-modal",
    "role",
    "itemprop",
    "rel",
    "href",
    "src",
    "alt",
    "width",
    "height",
    "type",
    "lang",
    "property",
    "name",
    "content",
    "http-equiv",
    "datetime",
    "pubdate",
];

/// Attributes the tree builder reads.
const TREE_BUILDER: &[&str] = &[
    "color",
    "face",
    "size",
    "encoding",
    "shadowrootmode",
    "shadowrootdelegatesfocus",
    "shadowrootclonable",
    "shadowrootserializable",
];

/// Whether a start tag's text is dropped: `<style>`, and `<script>` unless it holds JSON-LD.
fn drops_text(tag: &html5ever::tokenizer::Tag) -> bool {
    match &*tag.name {
        "style" => true,
        "script" => !tag.attrs.iter().any(|a| {
            &*a.name.local == "type" && a.value.trim().eq_ignore_ascii_case("application/ld+json")
        }),
        _ => false,
    }
}

impl TokenSink for PruneFilter {
    type Handle = ego_tree::NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Self::Handle> {
        match token {
            Token::CommentToken(_) | Token::ParseError(_) => TokenSinkResult::Continue,
            Token::CharacterTokens(_) | Token::NullCharacterToken if self.skipping.get() => {
                TokenSinkResult::Continue
            }
            Token::TagToken(mut tag) => {
                // In raw text the only tag the tokenizer emits is the end tag that closes it.
                self.skipping.set(false);
                if tag.kind == TagKind::StartTag {
                    let drop_text = drops_text(&tag);
                    if !compares_attributes(tag.name.as_bytes()) {
                        tag.attrs.retain(|a| keeps(&a.name.local));
                    }
                    // The element keeps this vector as its attribute list, with the room the
                    // tokenizer grew it to (four at least: 160 bytes for one `src`).
                    tag.attrs.shrink_to_fit();
                    let result = self.inner.process_token(Token::TagToken(tag), line_number);
                    // The tree builder asked for raw text: the element was inserted.
                    if drop_text && matches!(result, TokenSinkResult::RawData(_)) {
                        self.skipping.set(true);
                    }
                    return result;
                }
                self.inner.process_token(Token::TagToken(tag), line_number)
            }
            Token::EOFToken => {
                self.skipping.set(false);
                self.inner.process_token(token, line_number)
            }
            token => self.inner.process_token(token, line_number),
        }
    }

    fn end(&self) {
        self.inner.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{descendants, parse, tag, text_content};

    #[test]
    fn script_and_style_text_is_dropped_but_json_ld_is_kept() {
        let dom = parse(
            "<head><style>p{}</style><script>var a = '<p>x</p>';</script>\
             <script type=' application/LD+JSON'>{\"a\":1}</script></head>\
             <body><!-- c --><p>a<script>if (a<b) {}</script>b</p><style>q{}</style></body>",
        );
        let texts: Vec<_> = descendants(dom.root())
            .filter(|n| matches!(tag(*n), Some("script" | "style")))
            .map(text_content)
            .collect();
        assert_eq!(texts, ["", "", "{\"a\":1}", "", ""]);
        let p = descendants(dom.root())
            .find(|n| tag(*n) == Some("p"))
            .unwrap();
        assert_eq!(p.children().count(), 3, "a, <script>, b");
        assert!(!descendants(dom.root()).any(|n| n.value().is_comment()));
    }

    #[test]
    fn raw_text_ends_only_at_its_end_tag() {
        let dom = parse("<script>a</p><div>b</script><div>kept</div>");
        let div = descendants(dom.root())
            .find(|n| tag(*n) == Some("div"))
            .unwrap();
        assert_eq!(text_content(div), "kept");
        assert_eq!(
            descendants(dom.root())
                .filter(|n| tag(*n) == Some("div"))
                .count(),
            1
        );
    }

    #[test]
    fn unread_attributes_are_dropped_except_on_formatting_elements() {
        let dom = parse(
            "<div id=x onclick='f()' data-track=1 data-src=a.jpg style='color:red'>\
             <b data-x=1>b</b><a href=x target=_blank data-track=1>a</a>\
             <svg viewBox='0 0 1 1'><path d='M0'/></svg></div>",
        );
        let attrs = |name: &str| -> Vec<String> {
            let n = descendants(dom.root())
                .find(|n| tag(*n) == Some(name))
                .unwrap();
            let mut v: Vec<String> = n
                .value()
                .as_element()
                .unwrap()
                .attrs()
                .map(|(k, _)| k.to_string())
                .collect();
            v.sort();
            v
        };
        assert_eq!(attrs("div"), ["data-src", "id", "style"]);
        assert_eq!(attrs("b"), ["data-x"]);
        assert_eq!(attrs("a"), ["href"]);
        assert!(attrs("svg").is_empty());
    }

    /// Dropping the unread attributes of `<a>` builds the same elements as the tree
    /// builder makes with all of them (misnested, reopened and split links).
    #[test]
    fn links_lose_unread_attributes_and_keep_their_shape() {
        fn shape(root: crate::dom::NodeRef<'_>) -> String {
            descendants(root)
                .filter_map(|n| tag(n).map(|t| format!("{t}{}", n.children().count())))
                .collect::<Vec<_>>()
                .join(" ")
        }
        let pages = [
            "<p><a data-x=1 href=a>1<a data-x=2 href=a>2<a data-x=3>3<a data-x=4>4</p><p>5",
            "<a t=1><a t=1><a t=1><a t=1>x</a></a></a></a>y",
            "<a t=1 href=x><b>b<p>p</a>q</b>r<a t=2>s",
            "<table><tr><td><a t=1>a</td><td><a t=1>b<a t=2>c</table><a t=1>d",
            "<a t=1><div><a t=2>x</div></a><p><a t=3><i>i<a t=4>j</i>k",
        ];
        for page in pages {
            let ours = parse(page);
            let theirs = scraper::Html::parse_document(page);
            assert_eq!(shape(ours.root()), shape(theirs.tree.root()), "{page}");
        }
    }

    /// Issue 10: an element kept the tokenizer's attribute vector with its spare room (four
    /// attributes at least, 160 bytes for one `src`): 100,000 images held 16 MB of it.
    #[test]
    fn attribute_lists_take_only_their_length() {
        let dom = parse("<img src=a.jpg><p class=x id=y>t</p><b class=z>b</b>");
        let mut seen = 0;
        for n in descendants(dom.root()) {
            if let Some(e) = n.value().as_element() {
                assert_eq!(e.attrs.capacity(), e.attrs.len(), "<{}>", e.name());
                seen += usize::from(!e.attrs.is_empty());
            }
        }
        assert_eq!(seen, 3);
    }

    /// Every attribute name the crate reads with `dom::attr` and a literal name is kept.
    #[test]
    fn every_attribute_read_is_kept() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut dirs = vec![std::path::PathBuf::from(root)];
        let mut checked = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap();
                for call in source.split("attr(").skip(1) {
                    // Only calls of the form `attr(node, "name")`.
                    let Some((head, rest)) = call.split_once(',') else {
                        continue;
                    };
                    let Some(rest) = rest.strip_prefix(" \"") else {
                        continue;
                    };
                    let Some((name, _)) = rest.split_once('"') else {
                        continue;
                    };
                    if head.contains(['(', ')', '"', '\n']) {
                        continue;
                    }
                    assert!(keeps(name), "{}: attr {name:?} is dropped", path.display());
                    checked += 1;
                }
            }
        }
        assert!(checked > 20, "only {checked} attribute reads found");
    }
}
