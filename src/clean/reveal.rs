//! Bodies a page hides until its scripts run: a WeChat-style body with an inline
//! `visibility:hidden` that a script lifts, a body only inside `<noscript>`, or one in a
//! `<template>` a script clones into the page. A reader sees them, so they are shown
//! before the content is selected; everything else hidden stays noise.
//!
//! Elements removed from the layout (`display:none`, `hidden`) are no candidates: that is
//! how pages keep menus, modals, paywall notices and `itemprop` copies of the article.
//! A hidden element counts as the body only when it holds more prose than the whole
//! visible page and at least [`MIN_PROSE`] characters of it: a hidden menu, a modal or a
//! `<noscript>` copy of the visible text never does. Prose is text outside links (a hidden
//! menu is mostly links); an element whose class or id names a widget (`modal`, `popup`,
//! `cookie`…) is no candidate.

use super::noise::{classify_tag, has_noise_class, is_hidden_until_script, Role};
use crate::dom::{attrs, tag, text, walk, Attrs, Dom, Flow, NodeRef};
use ego_tree::NodeId;

/// Fewest prose characters (not whitespace, not in links) a hidden body holds.
const MIN_PROSE: usize = 200;

/// Rounds of revealing: a revealed body may hold the next one (a `<template>` inside a
/// hidden `<div>`), as each round sees only the outermost hidden elements.
const MAX_ROUNDS: usize = 3;

/// Shows the page's hidden body, if it has one (see the module docs).
pub(crate) fn reveal(dom: &mut Dom) {
    for _ in 0..MAX_ROUNDS {
        let Some(id) = hidden_body(dom) else {
            return;
        };
        dom.unhide(id);
    }
}

/// Whether an element hides its content from a reader until scripts run.
fn is_concealer(name: &str, a: &Attrs<'_>) -> bool {
    name == "noscript" || name == "template" || is_hidden_until_script(a)
}

/// The outermost hidden element that is the page's body, by the rule of the module docs.
fn hidden_body(dom: &Dom) -> Option<NodeId> {
    let census = std::cell::RefCell::new(Census::default());
    walk(
        dom.root(),
        |node| census.borrow_mut().enter(node),
        |_| census.borrow_mut().leave(),
    );
    let census = census.into_inner();
    let (id, prose) = census
        .candidates
        .into_iter()
        .max_by_key(|&(_, prose)| prose)?;
    (prose >= MIN_PROSE && prose > census.visible).then_some(id)
}

/// Flags of an open node ([`Census::open`]).
const LINK: u8 = 1;
const CONCEALER: u8 = 2;

/// The page's prose, visible and in each outermost hidden element.
#[derive(Default)]
struct Census {
    /// Prose characters outside every hidden element.
    visible: usize,
    /// The outermost hidden elements, each with its prose.
    candidates: Vec<(NodeId, usize)>,
    /// The candidate the walk is inside, by index.
    inside: Option<usize>,
    /// Open links.
    links: usize,
    /// Flags of each open node (text nodes too: the walk leaves every node it enters).
    open: Vec<u8>,
}

impl Census {
    fn enter(&mut self, node: NodeRef<'_>) -> Flow {
        let (flags, flow) = self.visit(node);
        self.open.push(flags);
        if flags & LINK != 0 {
            self.links += 1;
        }
        flow
    }

    fn leave(&mut self) {
        let flags = self.open.pop().unwrap_or(0);
        if flags & LINK != 0 {
            self.links -= 1;
        }
        if flags & CONCEALER != 0 {
            self.inside = None;
        }
    }

    /// Counts a text node, or judges an element: its flags, and whether to descend.
    fn visit(&mut self, node: NodeRef<'_>) -> (u8, Flow) {
        if let Some(t) = text(node) {
            if self.links == 0 {
                let n = t.chars().filter(|c| !c.is_whitespace()).count();
                match self.inside.and_then(|i| self.candidates.get_mut(i)) {
                    Some((_, prose)) => *prose += n,
                    None => self.visible += n,
                }
            }
            return (0, Flow::Skip);
        }
        let Some(name) = tag(node) else {
            // A template's content sits in a fragment below it.
            let fragment = node.value().is_fragment();
            return (0, if fragment { Flow::Descend } else { Flow::Skip });
        };
        let link = u8::from(name == "a") * LINK;
        let a = attrs(node);
        if is_concealer(name, &a) {
            if has_noise_class(node) {
                return (0, Flow::Skip);
            }
            if self.inside.is_some() {
                // Hidden inside a candidate: its prose is the candidate's (if that is
                // shown, this one is judged in the next round).
                return (link, Flow::Descend);
            }
            self.inside = Some(self.candidates.len());
            self.candidates.push((node.id(), 0));
            return (CONCEALER | link, Flow::Descend);
        }
        if classify_tag(node, name, &a) == Role::Noise {
            return (0, Flow::Skip);
        }
        (link, Flow::Descend)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::classify_by_tag;
    use crate::dom::{parse, text_content};

    fn shown(html: &str) -> String {
        let mut dom = parse(html);
        reveal(&mut dom);
        // What the block walk would read: text outside noise.
        let mut out = String::new();
        let body = dom.find("body").unwrap();
        walk(
            body,
            |n| {
                if let Some(t) = text(n) {
                    out.push_str(t.trim());
                    return Flow::Skip;
                }
                match tag(n) {
                    Some(_) if classify_by_tag(n) == Role::Content => Flow::Descend,
                    _ => Flow::Skip,
                }
            },
            |_| {},
        );
        out
    }

    fn prose(word: &str) -> String {
        format!("<p>{}</p>", [word; 60].join(" "))
    }

    #[test]
    fn a_body_hidden_until_a_script_runs_is_shown() {
        let body = prose("word");
        let page = format!(
            "<body><h1>T</h1><div id=js_content style='visibility: hidden;'>{body}</div></body>"
        );
        assert!(shown(&page).contains("word word"), "{}", shown(&page));
        let page = format!("<body><div style='opacity:0'>{body}</div></body>");
        assert!(shown(&page).contains("word"));
        let page = format!("<body><noscript>{body}</noscript><p>Enable JS</p></body>");
        assert!(shown(&page).contains("word"));
        let page = format!("<body><template>{body}</template></body>");
        assert!(shown(&page).contains("word"));
    }

    #[test]
    fn hidden_menus_modals_and_copies_stay_hidden() {
        let body = [prose("word"), prose("word")].concat();
        let hidden = prose("secret");
        // The visible page has more prose.
        let page = format!("<body>{body}<div style='visibility:hidden'>{hidden}</div></body>");
        assert!(!shown(&page).contains("secret"));
        // A <noscript> copy of the visible body.
        let page = format!("<body>{body}<noscript>{body}</noscript></body>");
        assert_eq!(shown(&page).matches("word").count(), 120);
        // A modal by name, and a menu of links.
        let page =
            format!("<body><div class=modal style='opacity:0'>{hidden}</div><p>Hi</p></body>");
        assert!(!shown(&page).contains("secret"));
        // Removed from the layout: a copy kept for search engines, whatever its size.
        let page = format!("<body><div style='display:none'>{hidden}</div><p>Hi</p></body>");
        assert!(!shown(&page).contains("secret"));
        let links = format!("<a href=x>{}</a>", [hidden.as_str(); 3].concat());
        let page = format!("<body><div style='visibility:hidden'>{links}</div><p>Hi</p></body>");
        assert!(!shown(&page).contains("secret"));
        // Too little to be a body.
        let page = "<body><div style='opacity:0'><p>Loading the page</p></div></body>";
        assert!(!shown(page).contains("Loading"));
    }

    #[test]
    fn nested_hidden_bodies_are_shown_round_by_round() {
        let body = prose("word");
        let page = format!(
            "<body><div style='visibility:hidden'><template>{body}</template></div></body>"
        );
        let mut dom = parse(&page);
        reveal(&mut dom);
        assert!(text_content(dom.find("body").unwrap()).contains("word"));
        assert!(shown(&page).contains("word"));
    }
}
