//! One iterative pass over the page: per element, how much text, link text and punctuation
//! its subtree holds, and the Readability-style content score its paragraphs give it.

use super::hints::{is_inline, names_of, tag_weight, Names};
use super::overlap::{tokens, Hint, Window};
use crate::clean::{classify_by_tag, has_noise_class, Role};
use crate::dom::{attr, tag, text, walk, Flow, NodeRef};
use std::cell::RefCell;

/// Sentinel for "no element".
pub(super) const NONE: usize = usize::MAX;

/// Text below this weighted length does not make a paragraph score.
const MIN_PARAGRAPH: u32 = 25;

/// What the pass learned about one element (elements are stored in document order).
#[derive(Debug)]
pub(super) struct Stat<'a> {
    pub(super) node: NodeRef<'a>,
    pub(super) name: &'a str,
    pub(super) parent: usize,
    /// One past the index of the last element of this subtree.
    pub(super) end: usize,
    /// Weighted length of the subtree's text (wide characters count 2, spaces 0).
    pub(super) text: u32,
    /// The part of `text` inside links.
    pub(super) links: u32,
    /// Commas and sentence punctuation (Western and Chinese) in the subtree.
    pub(super) punct: u32,
    /// Text directly in this block element (through inline children, not nested blocks),
    /// outside links.
    pub(super) own_text: u32,
    /// Commas and sentence punctuation in `own_text`.
    pub(super) own_punct: u32,
    /// Text directly in this block element inside links.
    pub(super) own_links: u32,
    /// Full stops, question and exclamation marks ending a sentence (followed by a space
    /// or the end of the text) in `own_text`.
    pub(super) own_stops: u32,
    /// Class/id and tag hints.
    pub(super) weight: f32,
    /// What the class and id name.
    pub(super) names: Names,
    /// Score received from paragraphs.
    pub(super) score: f32,
    /// Whether any paragraph scored this element.
    pub(super) candidate: bool,
    /// Number of direct element children.
    pub(super) children: u32,
    /// Whether the class or id names a widget (`share`, `sidebar`, `comments`…).
    pub(super) noise_name: bool,
    /// Whether this element or an ancestor is named as a widget (a comment thread's
    /// paragraphs) and holds less than half the page's text: a layout wrapper named
    /// `has-sidebar` around the whole page damps nothing.
    pub(super) in_noise: bool,
    /// Whether this element or an ancestor is named as a comment thread (`comments`,
    /// `commentsContainer`, `disqus_thread`; not `commentary`).
    pub(super) in_comments: bool,
    /// Word shingles in the subtree (counted only when there is an `articleBody` hint).
    pub(super) shingles: u32,
    /// The part of `shingles` also in the hint.
    pub(super) hits: u32,
    /// `<img>` elements in the subtree (itself included).
    pub(super) images: u32,
}

impl Stat<'_> {
    /// Share of the text inside links, 0 to 1.
    pub(super) fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.links as f32 / self.text as f32
        }
    }

    /// The final score: (hints + paragraph score) scaled down by link density.
    pub(super) fn final_score(&self) -> f32 {
        if !self.candidate {
            return 0.0;
        }
        let score = (self.weight + self.score) * (1.0 - self.link_density());
        if self.in_noise {
            score * 0.3
        } else {
            score
        }
    }
}

/// The statistics of every non-noise element under (and including) `root`, with the
/// overlap of each with `hint` when there is one.
pub(super) fn collect<'a>(root: NodeRef<'a>, hint: Option<&Hint>) -> Vec<Stat<'a>> {
    let mut pass = Pass {
        nodes: Vec::new(),
        stack: Vec::new(),
        blocks: Vec::new(),
        link_depth: 0,
        hint,
        window: Window::default(),
    };
    pass.open(root, tag(root).unwrap_or(""));
    let pass = RefCell::new(pass);
    walk(
        root,
        |node| pass.borrow_mut().enter(node),
        |node| pass.borrow_mut().leave(node),
    );
    let mut pass = pass.into_inner();
    pass.close();
    let mut nodes = pass.nodes;
    // Parents come before their children, so one forward pass settles `in_noise`.
    let page = nodes.first().map_or(0, |n| n.text);
    for i in 0..nodes.len() {
        let inherited = nodes.get(nodes[i].parent).is_some_and(|p| p.in_noise);
        let own = nodes[i].noise_name && nodes[i].text * 2 < page;
        nodes[i].in_noise = inherited || own;
        nodes[i].in_comments |= nodes.get(nodes[i].parent).is_some_and(|p| p.in_comments);
    }
    nodes
}

struct Pass<'a, 'h> {
    nodes: Vec<Stat<'a>>,
    /// Open elements: index into `nodes`, or `NONE` for a skipped (noise) element.
    stack: Vec<usize>,
    /// For each open element: the nearest block element (itself unless inline).
    blocks: Vec<usize>,
    link_depth: usize,
    hint: Option<&'h Hint>,
    window: Window,
}

impl<'a> Pass<'a, '_> {
    fn enter(&mut self, node: NodeRef<'a>) -> Flow {
        if let Some(t) = text(node) {
            self.text(t);
            return Flow::Skip;
        }
        let Some(name) = tag(node) else {
            return Flow::Skip;
        };
        if classify_by_tag(node) != Role::Content {
            self.stack.push(NONE);
            self.blocks
                .push(self.blocks.last().copied().unwrap_or(NONE));
            return Flow::Skip;
        }
        self.open(node, name);
        Flow::Descend
    }

    fn open(&mut self, node: NodeRef<'a>, name: &'a str) {
        let parent = self.stack.last().copied().unwrap_or(NONE);
        if let Some(p) = self.nodes.get_mut(parent) {
            p.children += 1;
        }
        let index = self.nodes.len();
        let names = names_of(node);
        self.nodes.push(Stat {
            node,
            name,
            parent,
            end: index + 1,
            text: 0,
            links: 0,
            punct: 0,
            own_text: 0,
            own_punct: 0,
            own_links: 0,
            own_stops: 0,
            weight: tag_weight(node, name) + names.weight,
            names,
            score: 0.0,
            candidate: false,
            children: 0,
            noise_name: has_noise_class(node),
            in_comments: names_comments(node),
            in_noise: false,
            shingles: 0,
            hits: 0,
            images: u32::from(name == "img"),
        });
        self.stack.push(index);
        let block = if is_inline(name) {
            self.blocks.last().copied().unwrap_or(index)
        } else {
            index
        };
        self.blocks.push(block);
        if name == "a" {
            self.link_depth += 1;
        }
    }

    fn text(&mut self, t: &str) {
        let (mut len, mut punct, mut stops) = (0u32, 0u32, 0u32);
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            len += if is_wide(c) { 2 } else { 1 };
            match c {
                // Commas and stops of Chinese, Arabic-script (Arabic, Persian, Urdu) and
                // Indic text count as Western commas do.
                ',' | '，' | '。' | '！' | '？' | '；' | '：' | '、' | '،' | '؛' | '؟' | '۔'
                | '।' | '॥' => punct += 1,
                '.' | '!' | '?' if chars.peek().is_none_or(|n| n.is_whitespace()) => stops += 1,
                _ => {}
            }
        }
        let Some(&top) = self.stack.last() else {
            return;
        };
        let (mut shingles, mut hits) = (0, 0);
        if let Some(hint) = self.hint {
            let window = &mut self.window;
            tokens(t, |token| {
                if let Some(s) = window.push(token) {
                    shingles += 1;
                    hits += u32::from(hint.contains(s));
                }
            });
        }
        if let Some(s) = self.nodes.get_mut(top) {
            s.shingles += shingles;
            s.hits += hits;
            s.text += len;
            s.punct += punct;
            if self.link_depth > 0 {
                s.links += len;
            }
        }
        if let Some(b) = self.blocks.last().and_then(|&b| self.nodes.get_mut(b)) {
            if self.link_depth == 0 {
                b.own_text += len;
                b.own_punct += punct;
                b.own_stops += stops;
            } else {
                b.own_links += len;
            }
        }
    }

    fn leave(&mut self, node: NodeRef<'a>) {
        if tag(node).is_some() {
            self.close();
        }
    }

    fn close(&mut self) {
        self.blocks.pop();
        let Some(index) = self.stack.pop() else {
            return;
        };
        if index == NONE {
            return;
        }
        let len = self.nodes.len();
        let s = &mut self.nodes[index];
        s.end = len;
        let (text, links, punct, parent) = (s.text, s.links, s.punct, s.parent);
        let (shingles, hits, images) = (s.shingles, s.hits, s.images);
        if s.name == "a" {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if let Some(p) = self.nodes.get_mut(parent) {
            p.text += text;
            p.links += links;
            p.punct += punct;
            p.shingles += shingles;
            p.hits += hits;
            p.images += images;
        }
        self.score_paragraph(index);
    }

    /// Gives a paragraph's score to its ancestors (and to itself when it is a generic
    /// container holding loose text), less at each level up, as Readability does.
    fn score_paragraph(&mut self, index: usize) {
        let s = &self.nodes[index];
        let paragraph_like = matches!(s.name, "p" | "pre" | "td" | "blockquote");
        let (len, punct) = if paragraph_like {
            (s.text, s.punct)
        } else if is_inline(s.name) || s.name.starts_with('h') && s.name.len() == 2 {
            return;
        } else {
            (s.own_text, s.own_punct)
        };
        if len < MIN_PARAGRAPH || matches!(s.name, "li" | "dt" | "dd" | "th" | "figcaption") {
            return;
        }
        let score = 1.0 + punct as f32 + (len / 100).min(3) as f32;
        let mut target = if paragraph_like { s.parent } else { index };
        let mut level = 0;
        while level < 5 {
            let Some(t) = self.nodes.get_mut(target) else {
                break;
            };
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            t.score += score / divider;
            t.candidate = true;
            target = t.parent;
            level += 1;
        }
    }
}

/// Whether the class or id names a comment thread: `comment` (not `commentary`) or
/// `disqus`, any case, anywhere in the value.
fn names_comments(node: NodeRef<'_>) -> bool {
    ["class", "id"].into_iter().any(|name| {
        attr(node, name).is_some_and(|v| {
            v.len() < 300 && {
                let bytes = v.as_bytes();
                bytes.windows(7).enumerate().any(|(i, w)| {
                    w.eq_ignore_ascii_case(b"comment")
                        && !bytes
                            .get(i + 7..i + 10)
                            .is_some_and(|r| r.eq_ignore_ascii_case(b"ary"))
                }) || bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"disqus"))
            }
        })
    })
}

/// Characters that render wide (Han, kana, CJK punctuation, full-width forms).
pub(super) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}
