//! Content root → typed blocks and images in document order (one iterative walk).

use crate::clean::{classify, classify_by_tag, image_of, Role, UrlContext};
use crate::dom::{tag, text, walk, Flow, NodeRef};
use crate::select::Selection;
use crate::wordset::{LazyWords, WordSet};
use crate::BlockKind;
use ego_tree::NodeId;
use std::collections::hash_map::{Entry, HashMap, RandomState};
use std::collections::HashSet;
use std::hash::BuildHasher;

/// A block before normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawBlock {
    pub(crate) kind: BlockKind,
    pub(crate) text: String,
}

/// An image with its place in the block list and its caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlacedImage {
    pub(crate) image: crate::clean::RawImage,
    pub(crate) block: usize,
    pub(crate) caption: Option<Caption>,
}

/// Where an image's caption is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Caption {
    /// A caption block of the body, by index.
    Block(usize),
    /// A caption left out of the body (pruned as a caption or credit), by its text.
    Text(String),
}

/// The longest text read as the caption of an image when the caption is not in the body.
const MAX_CAPTION_CHARS: usize = 1000;

/// Output of the walk.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    pub(crate) blocks: Vec<RawBlock>,
    pub(crate) images: Vec<PlacedImage>,
}

/// Elements that start and end a block of text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Whether `name` is one of [`BLOCK_TAGS`].
fn is_block_tag(name: &str) -> bool {
    static SET: LazyWords = LazyWords::new(|| WordSet::new(BLOCK_TAGS));
    SET.contains(name)
}

/// What entering an element did, undone when leaving it.
#[derive(Debug, Clone, Copy)]
struct Entered {
    block: bool,
    kind: bool,
    pre: bool,
    images_only: bool,
    figure: bool,
    caption_start: Option<usize>,
}

struct Builder<'c> {
    ctx: &'c UrlContext<'c>,
    skip: &'c HashSet<NodeId>,
    /// Elements from which on the rest of their parent is skipped ([`Selection::cut`]).
    cut: &'c HashSet<NodeId>,
    /// The parent whose remaining children are being skipped, after a [`Self::cut`] mark.
    cut_parent: Option<NodeId>,
    /// The selection has judged class and id names: classify by tag only.
    names_judged: bool,
    keep_images: bool,
    out: Walked,
    /// The images kept so far, by the hash of their URL: the first with that hash (a copy
    /// of each URL would cost as much again as the image list).
    seen: HashMap<u64, usize>,
    hasher: RandomState,
    buf: String,
    /// Whitespace is pending before the next character; `true` when it held a line break.
    pending_space: Option<bool>,
    /// A table-cell separator is pending before the next character.
    pending_cell: bool,
    kinds: Vec<BlockKind>,
    entered: Vec<Entered>,
    pre_depth: usize,
    images_only_depth: usize,
    /// For each open `<figure>`: the index of its first image, and its caption so far.
    figures: Vec<(usize, Option<Caption>)>,
}

/// Walks the selection's subtrees into blocks and images, skipping its boilerplate.
/// A root that is `<body>` or the document contributes its children; any other root is
/// walked with its own tag (a `<p>` root is a paragraph).
pub(crate) fn build(selection: &Selection<'_>, ctx: &UrlContext<'_>, keep_images: bool) -> Walked {
    let mut b = Builder {
        ctx,
        skip: &selection.skip,
        cut: &selection.cut,
        cut_parent: None,
        names_judged: selection.names_judged,
        keep_images,
        out: Walked::default(),
        seen: HashMap::new(),
        hasher: RandomState::new(),
        buf: String::new(),
        pending_space: None,
        pending_cell: false,
        kinds: Vec::new(),
        entered: Vec::new(),
        pre_depth: 0,
        images_only_depth: 0,
        figures: Vec::new(),
    };
    let b = std::cell::RefCell::new(&mut b);
    for &root in &selection.roots {
        let own_tag = tag(root).is_some_and(|t| t != "body" && t != "html");
        if own_tag && b.borrow_mut().enter(root) == Flow::Skip {
            b.borrow_mut().leave(root);
            continue;
        }
        walk(
            root,
            |node| b.borrow_mut().enter(node),
            |node| b.borrow_mut().leave(node),
        );
        if own_tag {
            b.borrow_mut().leave(root);
        }
    }
    let b = b.into_inner();
    b.flush();
    std::mem::take(&mut b.out)
}

impl Builder<'_> {
    fn enter(&mut self, node: NodeRef<'_>) -> Flow {
        if let Some(p) = self.cut_parent {
            if node.parent().is_some_and(|n| n.id() == p) {
                if tag(node).is_some() {
                    self.entered.push(Entered::noop());
                }
                return Flow::Skip;
            }
        }
        if !self.cut.is_empty() && self.cut.contains(&node.id()) {
            if let Some(parent) = node.parent() {
                self.flush();
                self.cut_parent = Some(parent.id());
                if tag(node).is_some() {
                    self.entered.push(Entered::noop());
                }
                return Flow::Skip;
            }
        }
        if let Some(t) = text(node) {
            if self.images_only_depth == 0 {
                self.push_text(t);
            }
            return Flow::Skip;
        }
        let Some(name) = tag(node) else {
            return Flow::Skip; // comments, doctypes, processing instructions
        };
        let role = if self.skip.contains(&node.id()) {
            Role::Noise
        } else if self.names_judged {
            classify_by_tag(node)
        } else {
            classify(node)
        };
        if role == Role::Noise {
            if is_caption_box(name, node) {
                self.pruned_caption(node);
            }
            self.entered.push(Entered::noop());
            return Flow::Skip;
        }
        match name {
            "img" | "amp-img" => {
                self.image(node);
                self.entered.push(Entered::noop());
                return Flow::Skip;
            }
            "br" => {
                if self.pre_depth > 0 {
                    self.buf.push('\n');
                } else {
                    self.flush();
                }
                self.entered.push(Entered::noop());
                return Flow::Skip;
            }
            "td" | "th" if !self.buf.is_empty() => self.pending_cell = true,
            _ => {}
        }
        let mut e = Entered::noop();
        if role == Role::ImagesOnly {
            self.images_only_depth += 1;
            e.images_only = true;
        }
        let kind = match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading {
                level: name.as_bytes()[1] - b'0',
            }),
            "li" | "dt" | "dd" => Some(BlockKind::ListItem),
            "blockquote" => Some(BlockKind::Quote),
            "pre" => Some(BlockKind::Code),
            "figcaption" | "caption" => Some(BlockKind::Caption),
            "tr" => Some(BlockKind::TableRow),
            "p" => Some(BlockKind::Paragraph),
            "td" | "th" if has_block_child(node) => Some(BlockKind::Paragraph),
            _ => None,
        };
        if is_block_tag(name) || kind.is_some() {
            self.flush();
            e.block = true;
        }
        if let Some(kind) = kind {
            self.kinds.push(kind);
            e.kind = true;
        }
        if name == "pre" {
            self.pre_depth += 1;
            e.pre = true;
        }
        if name == "figure" {
            self.figures.push((self.out.images.len(), None));
            e.figure = true;
        }
        if kind == Some(BlockKind::Caption) {
            e.caption_start = Some(self.out.blocks.len());
        }
        self.entered.push(e);
        Flow::Descend
    }

    fn leave(&mut self, node: NodeRef<'_>) {
        if tag(node).is_none() {
            return;
        }
        if self.cut_parent == Some(node.id()) {
            self.cut_parent = None;
        }
        let Some(e) = self.entered.pop() else {
            return;
        };
        if e.block {
            self.flush();
        }
        if e.kind {
            self.kinds.pop();
        }
        if e.pre {
            self.pre_depth -= 1;
        }
        if e.images_only {
            self.images_only_depth -= 1;
        }
        if let Some(start) = e.caption_start {
            // The caption belongs to the images of the enclosing figure (or the one just before).
            if self.out.blocks.len() > start {
                match self.figures.last_mut() {
                    Some((_, caption)) => {
                        caption.get_or_insert(Caption::Block(start));
                    }
                    None => {
                        if let Some(img) = self.out.images.last_mut() {
                            img.caption.get_or_insert(Caption::Block(start));
                        }
                    }
                }
            }
        }
        if e.figure {
            if let Some((first, Some(caption))) = self.figures.pop() {
                // Every image of the figure, before or after its caption.
                for img in self.out.images.get_mut(first..).unwrap_or_default() {
                    img.caption.get_or_insert_with(|| caption.clone());
                }
            }
        }
    }

    /// A caption box the selection left out of the body: its images are still the
    /// article's (`<div class=wp-caption><img>…`), and its text still captions them, or
    /// the images of its `<figure>`, or the image just before it (no block in between).
    fn pruned_caption(&mut self, node: NodeRef<'_>) {
        let first_inside = self.out.images.len();
        for n in crate::dom::descendants(node) {
            if matches!(tag(n), Some("img" | "amp-img")) {
                self.image(n);
            }
        }
        let mut text = String::new();
        for t in node.descendants().filter_map(crate::dom::text) {
            for word in t.split_whitespace() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(word);
            }
            if text.len() > 4 * MAX_CAPTION_CHARS {
                return; // not a caption
            }
        }
        if text.is_empty() || text.chars().count() > MAX_CAPTION_CHARS {
            return;
        }
        if self.out.images.len() > first_inside {
            for img in self.out.images.get_mut(first_inside..).unwrap_or_default() {
                img.caption
                    .get_or_insert_with(|| Caption::Text(text.clone()));
            }
            return;
        }
        if let Some((_, caption)) = self.figures.last_mut() {
            caption.get_or_insert(Caption::Text(text));
            return;
        }
        let blocks = self.out.blocks.len();
        if let Some(img) = self.out.images.last_mut() {
            if img.block == blocks && self.buf.trim().is_empty() {
                img.caption.get_or_insert(Caption::Text(text));
            }
        }
    }

    fn image(&mut self, node: NodeRef<'_>) {
        if !self.keep_images {
            return;
        }
        let Some(image) = image_of(node, self.ctx) else {
            return;
        };
        if self.seen_before(&image.url) {
            return;
        }
        self.out.images.push(PlacedImage {
            image,
            block: self.out.blocks.len(),
            caption: None,
        });
    }

    /// Whether an image with this URL is already kept; if not, it will be the next one.
    fn seen_before(&mut self, url: &str) -> bool {
        let images = &self.out.images;
        match self.seen.entry(self.hasher.hash_one(url)) {
            Entry::Vacant(slot) => {
                slot.insert(images.len());
                false
            }
            Entry::Occupied(first) if images[*first.get()].image.url == url => true,
            // Another URL with the same hash: compare with all of them (64-bit hashes
            // collide about never, so this stays linear).
            Entry::Occupied(_) => images.iter().any(|p| p.image.url == url),
        }
    }

    fn push_text(&mut self, t: &str) {
        if self.pre_depth > 0 {
            if self.pending_cell {
                self.pending_cell = false;
            }
            self.buf.extend(
                t.chars()
                    .filter(|&c| !is_stray_control(c) || c == '\n' || c == '\t'),
            );
            return;
        }
        for c in t.chars() {
            if c.is_ascii_whitespace() {
                let newline = c == '\n' || c == '\r';
                self.pending_space = Some(self.pending_space.unwrap_or(false) || newline);
                continue;
            }
            if is_stray_control(c) {
                continue;
            }
            if self.pending_cell {
                self.pending_cell = false;
                self.pending_space = None;
                self.buf.push_str(" | ");
            }
            if let Some(newline) = self.pending_space.take() {
                let prev = self.buf.chars().next_back();
                let joins = newline && prev.is_some_and(is_wide) && is_wide(c);
                if prev.is_some() && !joins {
                    self.buf.push(' ');
                }
            }
            self.buf.push(c);
        }
    }

    /// Ends the current block, if it has any text.
    fn flush(&mut self) {
        self.pending_space = None;
        self.pending_cell = false;
        if self.buf.is_empty() {
            return;
        }
        let kind = current_kind(&self.kinds);
        let text = if kind == BlockKind::Code {
            self.buf.trim_matches(['\n', '\r']).trim_end().to_string()
        } else {
            self.buf.trim().to_string()
        };
        self.buf.clear();
        if !text.trim().is_empty() {
            self.out.blocks.push(RawBlock { kind, text });
        }
    }
}

impl Entered {
    fn noop() -> Self {
        Entered {
            block: false,
            kind: false,
            pre: false,
            images_only: false,
            figure: false,
            caption_start: None,
        }
    }
}

/// A `<figcaption>`, or an element whose class names a caption (`wp-caption-text`).
fn is_caption_box(name: &str, node: NodeRef<'_>) -> bool {
    name == "figcaption"
        || crate::dom::attr(node, "class").is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|w| w.len() >= 7 && w.to_ascii_lowercase().contains("caption"))
        })
}

/// The kind of a block flushed with `stack` open: the innermost specific kind, where a
/// paragraph inside a quote, list item or caption takes the outer kind, and a paragraph
/// inside a table cell stays a paragraph.
fn current_kind(stack: &[BlockKind]) -> BlockKind {
    let mut saw_paragraph = false;
    for &kind in stack.iter().rev() {
        match kind {
            BlockKind::Paragraph => saw_paragraph = true,
            BlockKind::TableRow if saw_paragraph => return BlockKind::Paragraph,
            other => return other,
        }
    }
    BlockKind::Paragraph
}

fn has_block_child(node: NodeRef<'_>) -> bool {
    node.children()
        .any(|c| tag(c).is_some_and(|t| is_block_tag(t) || t == "br"))
}

/// Characters that render wide (Han, kana, CJK punctuation, full-width forms): a line
/// break between two of them is not a space (CSS Text segment-break rule).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
        && !matches!(c as u32, 0x1100..=0x115F) // Hangul keeps its spaces
}

fn is_stray_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;
    use crate::url::ProxyList;

    fn blocks(html: &str) -> Walked {
        let dom = parse(html);
        let proxies = ProxyList::default();
        let ctx = UrlContext {
            base: None,
            proxies: &proxies,
        };
        let selection = Selection {
            roots: vec![dom.find("body").unwrap()],
            skip: HashSet::new(),
            cut: HashSet::new(),
            names_judged: false,
            explanation: None,
        };
        build(&selection, &ctx, true)
    }

    fn texts(html: &str) -> Vec<(BlockKind, String)> {
        blocks(html)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn bare_text_and_br_runs_become_paragraphs() {
        let t = texts("<div>one<br>two<br><br> three <p>four</p>five</div>");
        let words: Vec<_> = t.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(words, ["one", "two", "three", "four", "five"]);
    }

    #[test]
    fn kinds() {
        let t = texts(
            "<h2>H</h2><ul><li>a<ul><li>b</li></ul></li></ul><blockquote><p>q</p></blockquote>\
             <pre>  x\n    y\n</pre><table><tr><td>1</td><td>2</td></tr></table>\
             <figure><img src='http://e.com/i.png'><figcaption>cap</figcaption></figure>",
        );
        assert_eq!(
            t,
            [
                (BlockKind::Heading { level: 2 }, "H".into()),
                (BlockKind::ListItem, "a".into()),
                (BlockKind::ListItem, "b".into()),
                (BlockKind::Quote, "q".into()),
                (BlockKind::Code, "  x\n    y".into()),
                (BlockKind::TableRow, "1 | 2".into()),
                (BlockKind::Caption, "cap".into()),
            ]
        );
    }

    #[test]
    fn whitespace_collapses_and_cjk_line_breaks_join() {
        let t = texts("<p>  a \n\t b <b>c</b>d\n</p><p>中文\n换行 English\nword</p>");
        assert_eq!(t[0].1, "a b cd");
        assert_eq!(t[1].1, "中文换行 English word");
    }

    #[test]
    fn images_are_placed_deduplicated_and_captioned() {
        let w = blocks(
            "<p>a</p><div class='img_box'><img src='http://e.com/1.jpg'></div><p>b</p>\
             <img src='http://e.com/1.jpg'><noscript><img src='http://e.com/2.jpg'>no js</noscript>\
             <figure><img src='http://e.com/3.jpg'><figcaption>图三</figcaption></figure>",
        );
        let urls: Vec<_> = w
            .images
            .iter()
            .map(|i| (i.image.url.as_str(), i.block, i.caption.clone()))
            .collect();
        assert_eq!(
            urls,
            [
                ("http://e.com/1.jpg", 1, None),
                ("http://e.com/2.jpg", 2, None),
                ("http://e.com/3.jpg", 2, Some(Caption::Block(2)))
            ]
        );
        assert_eq!(w.blocks.len(), 3);
    }

    #[test]
    fn noise_never_reaches_text() {
        let t = texts("<style>.a{}</style><script>x()</script><p>keep<button>no</button></p><form><p>form text</p></form>");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].1, "keep");
    }
}
