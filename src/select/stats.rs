//! One iterative pass over the page: per element, how much text, link text and punctuation
//! its subtree holds, and the Readability-style content score its paragraphs give it.

use super::hints::{is_inline, tag_weight, Names, ValueNames};
use super::overlap::{tokens, Hint, Window};
use crate::clean::{classify_tag, never_by_class, Role};
use crate::dom::{attrs, tag, text, walk, Attrs, Flow, NodeRef};
use std::cell::RefCell;
use std::collections::HashMap;

/// Sentinel for "no element".
pub(super) const NONE: usize = usize::MAX;

/// Text below this weighted length does not make a paragraph score.
const MIN_PARAGRAPH: u32 = 25;

/// The most text (weighted length) an item of a navigation list holds on average.
const NAV_ITEM_TEXT: u32 = 120;

/// What the pass learned about one element (elements are stored in document order).
#[derive(Debug)]
pub(super) struct Stat<'a> {
    pub(super) node: NodeRef<'a>,
    pub(super) name: &'a str,
    /// The `class` attribute.
    pub(super) class: Option<&'a str>,
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
    /// Text in sentence-shaped blocks of the subtree: the non-link text directly in a block
    /// element, where that is a paragraph's worth (headings, link lists and menus add none).
    pub(super) prose: u32,
    /// Whether this element, or the elements sharing its class, hold most of the page's
    /// prose: then its name may damp nothing and drop nothing (a blog engine that calls its
    /// posts a `widget`, a photo blog whose every paragraph sits in a `caption-image`).
    pub(super) carries_prose: bool,
    /// Whether this element or an ancestor is named as a widget (a comment thread's
    /// paragraphs) and does not carry the page's prose (a link-heavy widget is damped
    /// however much text it has; a wrapper around the whole article is not).
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
    /// For a list item with text: whether its first text is a link's.
    link_led: Option<bool>,
}

impl Stat<'_> {
    /// Whether the class or id names page furniture, a widget or a caption.
    pub(super) fn named_furniture(&self) -> bool {
        self.noise_name || self.names.negative || self.names.caption
    }

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
        items: Vec::new(),
        hint,
        window: Window::default(),
        classes: HashMap::new(),
    };
    pass.open(root, tag(root).unwrap_or(""), attrs(root));
    let pass = RefCell::new(pass);
    walk(
        root,
        |node| pass.borrow_mut().enter(node),
        |node| pass.borrow_mut().leave(node),
    );
    let mut pass = pass.into_inner();
    pass.close();
    let mut nodes = pass.nodes;
    score_and_weigh(&mut nodes);
    mark_prose_carriers(&mut nodes);
    // Parents come before their children, so one forward pass settles `in_noise`.
    for i in 0..nodes.len() {
        let inherited = nodes.get(nodes[i].parent).is_some_and(|p| p.in_noise);
        let own = nodes[i].noise_name && !nodes[i].carries_prose;
        nodes[i].in_noise = inherited || own;
        nodes[i].in_comments |= nodes.get(nodes[i].parent).is_some_and(|p| p.in_comments);
    }
    nodes
}

/// Gives each paragraph's score to its ancestors and sums the prose of each subtree,
/// leaving out navigation lists: however many descriptions a mega-menu's items carry, its
/// text is neither paragraphs nor prose.
fn score_and_weigh(nodes: &mut [Stat<'_>]) {
    let mut in_nav = vec![false; nodes.len()];
    for i in 0..nodes.len() {
        let inherited = nodes.get(nodes[i].parent).is_some() && in_nav[nodes[i].parent];
        in_nav[i] = inherited || is_navigation(nodes, i);
    }
    for (i, nav) in in_nav.iter().enumerate() {
        if !nav {
            score_paragraph(nodes, i);
        }
    }
    // Children come after their parents: a backward pass sums each subtree.
    for i in (0..nodes.len()).rev() {
        let s = &mut nodes[i];
        let heading = s.name.len() == 2 && s.name.starts_with('h');
        if !in_nav[i] && s.own_text >= MIN_PARAGRAPH && !heading && !is_inline(s.name) {
            s.prose += s.own_text;
        }
        let (prose, parent) = (s.prose, s.parent);
        if let Some(p) = nodes.get_mut(parent) {
            p.prose += prose;
        }
    }
}

/// Whether element `i` is a navigation list: a list of at least three short items that
/// nearly all open with a link (a menu, however long, not a list of posts or replies).
fn is_navigation(nodes: &[Stat<'_>], i: usize) -> bool {
    let s = &nodes[i];
    if !matches!(s.name, "ul" | "ol") {
        return false;
    }
    let (mut items, mut led) = (0u32, 0u32);
    let mut j = i + 1;
    while j < s.end {
        if nodes[j].name == "li" {
            items += 1;
            led += u32::from(nodes[j].link_led == Some(true));
        }
        j = nodes[j].end;
    }
    items >= 3 && led * 5 >= items * 4 && s.text <= NAV_ITEM_TEXT * items
}

/// Sets `carries_prose` on each element named as furniture (a widget, caption or
/// sidebar name) that holds, alone or with the other elements of the same class, more
/// than half the page's prose: a name may damp a score, never take the article.
fn mark_prose_carriers(nodes: &mut [Stat<'_>]) {
    let page = nodes.first().map_or(0, |n| n.prose);
    if page == 0 {
        return;
    }
    // Per class value: the prose of its outermost elements, and where the last one ends
    // (a nested element of the same class, a reply in a reply, is already counted).
    let mut groups: HashMap<&str, (u32, usize)> = HashMap::new();
    for (i, s) in nodes.iter().enumerate() {
        if !s.named_furniture() {
            continue;
        }
        let Some(class) = grouping_class(s.class) else {
            continue;
        };
        let group = groups.entry(class).or_insert((0, 0));
        if i >= group.1 {
            group.0 += s.prose;
            group.1 = s.end;
        }
    }
    for s in nodes.iter_mut() {
        // `in_comments` is still the element's own name here ([`collect`]).
        if !s.named_furniture() || s.names.hidden || s.in_comments {
            continue;
        }
        let group = grouping_class(s.class)
            .and_then(|c| groups.get(c))
            .map_or(0, |g| g.0);
        s.carries_prose = s.prose.max(group) * 2 > page;
    }
}

/// The class value elements are grouped by, when it has one.
fn grouping_class(class: Option<&str>) -> Option<&str> {
    class
        .map(str::trim)
        .filter(|c| !c.is_empty() && c.len() < 300)
}

struct Pass<'a, 'h> {
    nodes: Vec<Stat<'a>>,
    /// Open elements: index into `nodes`, or `NONE` for a skipped (noise) element.
    stack: Vec<usize>,
    /// For each open element: the nearest block element (itself unless inline).
    blocks: Vec<usize>,
    link_depth: usize,
    /// Open list items, innermost last.
    items: Vec<usize>,
    hint: Option<&'h Hint>,
    window: Window,
    /// What each class value seen so far says (read once per value, not per element).
    classes: HashMap<&'a str, ValueNames>,
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
        let a = attrs(node);
        if classify_tag(node, name, &a) != Role::Content {
            self.stack.push(NONE);
            self.blocks
                .push(self.blocks.last().copied().unwrap_or(NONE));
            return Flow::Skip;
        }
        self.open(node, name, a);
        Flow::Descend
    }

    fn open(&mut self, node: NodeRef<'a>, name: &'a str, a: Attrs<'a>) {
        let parent = self.stack.last().copied().unwrap_or(NONE);
        if let Some(p) = self.nodes.get_mut(parent) {
            p.children += 1;
        }
        let index = self.nodes.len();
        let class = match a.class {
            Some(c) => *self.classes.entry(c).or_insert_with(|| ValueNames::read(c)),
            None => ValueNames::default(),
        };
        let id = a.id.map(ValueNames::read).unwrap_or_default();
        let names = Names::of([class, id]);
        self.nodes.push(Stat {
            node,
            name,
            class: a.class,
            parent,
            end: index + 1,
            text: 0,
            links: 0,
            punct: 0,
            own_text: 0,
            own_punct: 0,
            own_links: 0,
            own_stops: 0,
            weight: tag_weight(name, a.itemprop) + names.weight,
            names,
            score: 0.0,
            candidate: false,
            children: 0,
            noise_name: !never_by_class(name) && (class.widget || id.widget),
            in_comments: class.comments || id.comments,
            prose: 0,
            carries_prose: false,
            in_noise: false,
            shingles: 0,
            hits: 0,
            images: u32::from(name == "img"),
            link_led: None,
        });
        if name == "li" {
            self.items.push(index);
        }
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
        if let Some(&item) = self.items.last() {
            if len > 0 && self.nodes[item].link_led.is_none() {
                self.nodes[item].link_led = Some(self.link_depth > 0);
            }
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
        if s.name == "li" {
            self.items.pop();
        }
        if let Some(p) = self.nodes.get_mut(parent) {
            p.text += text;
            p.links += links;
            p.punct += punct;
            p.shingles += shingles;
            p.hits += hits;
            p.images += images;
        }
    }
}

/// Gives a paragraph's score to its ancestors (and to itself when it is a generic
/// container holding loose text), less at each level up, as Readability does.
fn score_paragraph(nodes: &mut [Stat<'_>], index: usize) {
    let s = &nodes[index];
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
        let Some(t) = nodes.get_mut(target) else {
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

/// Whether element `inner` lies in the subtree of element `outer`.
pub(super) fn contains(stats: &[Stat<'_>], outer: usize, inner: usize) -> bool {
    outer <= inner && inner < stats[outer].end
}

/// Characters that render wide (Han, kana, CJK punctuation, full-width forms).
pub(super) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    const PARA: &str =
        "A sentence of the post, long enough to be prose, with commas, and a full stop.";

    fn text_of(html: &str) -> String {
        crate::extract_str(html).unwrap().text()
    }

    fn page(body: &str) -> String {
        let menu: String = (0..20)
            .map(|i| format!("<li><a href='/{i}'>Section {i}</a></li>"))
            .collect();
        format!(
            "<html><body><div class='menu'><ul>{menu}</ul></div>{body}\
             <div class='footer'><p>Copyright, all rights reserved, the site.</p></div></body></html>"
        )
    }

    #[test]
    fn boxes_named_as_captions_that_hold_the_post_are_kept() {
        // A photo blog: each paragraph of the post sits in the box of its photo.
        let boxes: String = (1..=4)
            .map(|i| {
                format!(
                    "<div class='caption-image'><img src='http://e.com/{i}.jpg'>\
                     <div class='inline-edit'><p>{PARA} Photo {i}.</p></div></div>"
                )
            })
            .collect();
        let text = text_of(&page(&format!("<div class='post-body'>{boxes}</div>")));
        assert_eq!(text.matches("A sentence of the post").count(), 4, "{text}");
        assert!(!text.contains("Section 3"), "{text}");
    }

    #[test]
    fn a_widget_holding_the_post_is_kept_and_a_small_one_dropped() {
        // A blog engine that calls every box of the page a widget, the posts too; the
        // archive's links make the post less than half the text, not less than half the prose.
        let archive: String = (1..=30)
            .map(|i| format!("<li><a href='/{i}'>November 2012 ({i})</a></li>"))
            .collect();
        let text = text_of(&page(&format!(
            "<div id='main'><div class='widget Blog'><h3>Post title</h3>\
             <p>{PARA} One.</p><p>{PARA} Two.</p><p>{PARA} Three.</p></div>\
             <div class='widget BlogArchive'><ul>{archive}</ul></div>\
             <div class='widget Profile'><p>About me: I write, now and then, about things.</p></div></div>"
        )));
        assert_eq!(text.matches("A sentence of the post").count(), 3, "{text}");
        assert!(
            !text.contains("About me") && !text.contains("2012"),
            "{text}"
        );
    }

    #[test]
    fn a_mega_menu_with_descriptions_is_no_article() {
        // Each menu item opens with its link and carries a sentence of its own: 300 of
        // them outscored the article as paragraphs before.
        let items: String = (0..300)
            .map(|i| {
                format!(
                    "<li><a href='/p{i}'>Product {i}</a>\
                     <p>Product line {i}, made for teams, with support and training.</p></li>"
                )
            })
            .collect();
        let html = format!(
            "<html><body><header><div class='mega-panel'><ul>{items}</ul></div></header>\
             <div class='story'><h1>Title</h1><p>{PARA} One.</p><p>{PARA} Two.</p></div></body></html>"
        );
        let text = text_of(&html);
        assert_eq!(text.matches("A sentence of the post").count(), 2, "{text}");
        assert!(!text.contains("Product line"), "{text}");
    }

    #[test]
    fn comments_stay_furniture_however_long() {
        let comments: String = (1..=6)
            .map(|i| {
                format!("<div class='comment'><p>{PARA} Reply {i}, a long one, really.</p></div>")
            })
            .collect();
        let text = text_of(&page(&format!(
            "<div class='entry-content'><p>{PARA} The article.</p><p>{PARA} Its end.</p>\
             <div class='comments'>{comments}</div></div>"
        )));
        assert!(
            text.contains("The article") && text.contains("Its end"),
            "{text}"
        );
        assert!(!text.contains("Reply"), "{text}");
    }
}
