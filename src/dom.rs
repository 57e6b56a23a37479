//! The only module that talks to html5ever and scraper: parsing, and an iterative walk.
//!
//! Parsing is bounded for hostile input: tags with more than [`MAX_ATTRIBUTES`] attributes
//! lose the extra ones ([`reduce`], and [`attrs`] where the context is unsure), and start
//! tags nested deeper than [`Limits::max_depth`] are ignored while their text is kept
//! ([`depth`]). Without them html5ever takes quadratic time on both. The tree is kept in
//! proportion to the page, in nodes and in formatting elements the tree builder reopens
//! ([`budget`]). All are reported in [`Dom::warnings`].
//!
//! The tree leaves out what no stage reads: comments, the text of scripts (but JSON-LD)
//! and styles, and unread attributes; its elements are the same. Most of that is cut from
//! the bytes before html5ever reads them ([`reduce`]), the rest from its tokens ([`prune`]).

mod attrs;
mod budget;
#[cfg(test)]
mod corpus;
mod depth;
mod prune;
mod reduce;
mod tags;
mod tokenize;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::TokenizerResult;
use scraper::{Html, HtmlTreeSink, Node};

use crate::pipeline::{Marks, NoMarks};

/// Default for [`Limits::max_depth`] (the same depth at which Blink stops nesting).
pub(crate) const DEFAULT_MAX_DEPTH: usize = 512;

/// Most attributes kept on one tag; the rest are removed with a warning.
pub(crate) const MAX_ATTRIBUTES: usize = 256;

/// Nodes (elements and text; an image counts two, every four attributes one more) any page
/// may have, whatever its size: about 32 MiB with what later stages keep per node. Beyond
/// them, one per [`budget::BYTES_PER_NODE`] bytes of the page.
pub(crate) const NODE_FLOOR: usize = 131_072;

/// Formatting elements the tree builder may reopen on any page; beyond them, one per
/// [`budget::BYTES_PER_CLONE`] bytes of the page.
pub(crate) const CLONE_FLOOR: usize = 4_096;

/// The page is fed to the tokenizer in pieces of this size, so the node budget grows as it
/// is read (html5ever's tokenizer is built for input arriving in pieces: same tree).
const CHUNK: usize = 16 << 10;

/// Bounds on the parsed tree.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Most elements open at once (counting html5ever's open and active formatting
    /// elements); deeper start tags are ignored and their text kept.
    pub(crate) max_depth: usize,
    /// Nodes allowed beyond one per [`budget::BYTES_PER_NODE`] bytes of the page read so
    /// far; further start tags are ignored and their text kept.
    pub(crate) node_floor: usize,
    /// Formatting elements the tree builder may reopen beyond one per
    /// [`budget::BYTES_PER_CLONE`] bytes; after that, formatting tags are ignored.
    pub(crate) clone_floor: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: DEFAULT_MAX_DEPTH,
            node_floor: NODE_FLOOR,
            clone_floor: CLONE_FLOOR,
        }
    }
}

/// A node of the parsed tree.
pub(crate) type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

/// A parsed document.
pub(crate) struct Dom {
    html: Html,
    /// What the limits changed, for [`Article::warnings`](crate::Article::warnings).
    pub(crate) warnings: Vec<String>,
    /// Start tags were ignored past the node budget: the tree's shape no longer says where
    /// the article is.
    pub(crate) cut_to_budget: bool,
}

/// Parses `text` with the default [`Limits`].
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn parse(text: &str) -> Dom {
    parse_with(text, Limits::default())
}

/// Parses `text` as an HTML document with scripting off, so `<noscript>` content is real
/// markup (its lazy-load fallback images are found). Linear time in the input length.
pub(crate) fn parse_with(text: &str, limits: Limits) -> Dom {
    parse_marked(text, limits, &mut NoMarks)
}

/// [`parse_with`], marking the end of the attribute pre-pass.
pub(crate) fn parse_marked(text: &str, limits: Limits, marks: &mut impl Marks) -> Dom {
    let page = text.len();
    let (text, cut) = pre_pass(text);
    marks.mark("pre-pass");
    build(text, cut, limits, page)
}

/// The page as html5ever is given it: [`reduce`]d, with the context-free attribute cap
/// ([`attrs`]) applied again from where the reduction could not be sure of the context.
/// Returns it with the number of tags whose attributes were cut.
fn pre_pass(text: &str) -> (String, usize) {
    let reduced = reduce::reduce(text, MAX_ATTRIBUTES);
    let mut text = reduced.text;
    let mut cut = reduced.capped;
    // `at` is where a tag starts, so a character boundary; `get` checks it all the same.
    if let Some((at, tail)) = reduced
        .recheck_from
        .and_then(|at| Some((at, text.get(at..)?)))
    {
        let (rest, more) = attrs::cap_attributes(tail, MAX_ATTRIBUTES);
        if more > 0 {
            let rest = rest.into_owned();
            text.truncate(at);
            text.push_str(&rest);
            cut += more;
        }
    }
    (text, cut)
}

/// Parses the pre-passed `text` (`cut`: tags whose attributes the pre-pass cut; `page`:
/// the length of the page before the pre-pass, which the node budget is measured by).
fn build(text: String, cut: usize, limits: Limits, page: usize) -> Dom {
    build_in(text, cut, limits, page, CHUNK)
}

/// [`build`], the budget granted `chunk` bytes at a time: the page is read by
/// [`tokenize`], or, where that declines, by html5ever's tokenizer fed `chunk` bytes at a
/// time. Both give the tree builder the same tokens.
pub(super) fn build_in(text: String, cut: usize, limits: Limits, page: usize, chunk: usize) -> Dom {
    let estimate = node_estimate(&text, limits, page);
    let removed = page.saturating_sub(text.len());
    let text = tokenize::without_cr(text);
    if !tokenize::can_read(&text) {
        let pieces = chunks(&text, chunk);
        drop(text);
        return finish(
            html5ever_tokens(pieces, chain(limits, removed, estimate)),
            cut,
            limits,
        );
    }
    // The tokenizer reads its own copy; the text goes before the tree grows.
    let whole = StrTendril::from_slice(&text);
    drop(text);
    let filter = chain(limits, removed, estimate);
    let filter = match tokenize::feed(&whole, &filter, chunk) {
        Ok(()) => filter,
        Err(tokenize::Unsure) => {
            drop(filter);
            let pieces = chunks(&whole, chunk);
            drop(whole);
            html5ever_tokens(pieces, chain(limits, removed, estimate))
        }
    };
    finish(filter, cut, limits)
}

/// [`build_in`] with html5ever's tokenizer alone, for tests that compare the two.
#[cfg(test)]
fn build_by_html5ever(text: String, cut: usize, limits: Limits, page: usize, chunk: usize) -> Dom {
    let estimate = node_estimate(&text, limits, page);
    let removed = page.saturating_sub(text.len());
    let pieces = chunks(&text, chunk);
    finish(
        html5ever_tokens(pieces, chain(limits, removed, estimate)),
        cut,
        limits,
    )
}

/// The token filters in front of a new tree builder, which reserves `estimate` nodes.
pub(crate) fn chain(limits: Limits, removed: usize, estimate: usize) -> prune::PruneFilter {
    let opts = TreeBuilderOpts {
        scripting_enabled: false,
        ..Default::default()
    };
    let mut html = Html::new_document();
    html.tree = ego_tree::Tree::with_capacity(Node::Document, estimate);
    let builder = TreeBuilder::new(HtmlTreeSink::new(html), opts);
    let filter = depth::DepthFilter::new(builder, limits.max_depth.max(1));
    let filter = budget::BudgetFilter::new(filter, limits, removed);
    prune::PruneFilter::new(filter)
}

/// Feeds the page's `pieces` to `filter` through html5ever's tokenizer.
fn html5ever_tokens(pieces: Vec<StrTendril>, filter: prune::PruneFilter) -> prune::PruneFilter {
    // As html5ever's driver does, without its Parser: feed each piece, resuming after each
    // </script> (scripts are never run), then signal the end.
    let tokenizer = Tokenizer::new(filter, TokenizerOpts::default());
    let input = BufferQueue::default();
    for piece in pieces {
        tokenizer.sink.inner.grant(piece.len());
        input.push_back(piece);
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    }
    tokenizer.end();
    tokenizer.sink
}

/// The tree the filters built, with what the limits changed as warnings (`cut`: tags whose
/// attributes the pre-pass cut).
fn finish(filter: prune::PruneFilter, cut: usize, limits: Limits) -> Dom {
    let mut warnings = Vec::new();
    if cut > 0 {
        warnings.push(format!(
            "{cut} tag(s) had more than {MAX_ATTRIBUTES} attributes: the extra ones were ignored"
        ));
    }
    let budget = &filter.inner;
    let depth = &budget.inner;
    let dropped = depth.dropped.get();
    if dropped > 0 {
        warnings.push(format!(
            "the page nests elements deeper than {}: {dropped} start tag(s) beyond that depth \
             were ignored (their text is kept); raise ExtractorBuilder::max_dom_depth",
            limits.max_depth
        ));
    }
    let dropped = budget.dropped.get();
    if dropped > 0 {
        warnings.push(format!(
            "the page has more tags than its size allows ({} elements and text nodes, and one \
             per {} bytes): {dropped} tag(s) beyond that were ignored (their text is kept)",
            limits.node_floor,
            budget::BYTES_PER_NODE
        ));
    }
    let dropped = budget.formatting_dropped.get();
    if dropped > 0 {
        warnings.push(format!(
            "the page left formatting elements open so often that the parser reopened them \
             {} times: {dropped} later <b>, <i>, <font>… tag(s) were ignored (their text is \
             kept)",
            budget.clones()
        ));
    }
    let cut_to_budget = budget.dropped.get() > 0;
    let html = filter.inner.inner.inner.sink.finish();
    Dom {
        html,
        warnings,
        cut_to_budget,
    }
}

/// Room to reserve for the tree of the pre-passed `text`: its nodes live in one vector, and
/// growing it by doubling copied the whole tree about log2(n) times (over the shared
/// articles, 35 M instructions in reallocation plus the copying). The shared pages have
/// 0.57 to 1.45 nodes per `<` of the pre-passed text (1.08 overall), so one and a half per
/// `<` rarely grows; it is never more than the node budget allows (a page of bare `<`
/// reserves no more than the tree it may build).
fn node_estimate(text: &str, limits: Limits, page: usize) -> usize {
    let tags = memchr::memchr_iter(b'<', text.as_bytes()).count();
    let budget = limits
        .node_floor
        .saturating_add(page / budget::BYTES_PER_NODE);
    tags.saturating_add(tags / 2).saturating_add(16).min(budget)
}

/// `text` as tendrils of about `size` bytes, cut at character boundaries.
fn chunks(text: &str, size: usize) -> Vec<StrTendril> {
    let mut out = Vec::with_capacity(text.len() / size.max(1) + 1);
    let mut rest = text;
    while !rest.is_empty() {
        let mut at = size.min(rest.len());
        while !rest.is_char_boundary(at) {
            at += 1;
        }
        let (head, tail) = rest.split_at(at);
        out.push(StrTendril::from_slice(head));
        rest = tail;
    }
    out
}

impl Dom {
    /// The document node.
    pub(crate) fn root(&self) -> NodeRef<'_> {
        self.html.tree.root()
    }

    /// Shows an element the page hides until its scripts run: a `<noscript>` or
    /// `<template>` becomes a `<div>` (a template's content, which the parser keeps in a
    /// fragment of its own, becomes its children), and the attributes that hide it
    /// (`style`, `hidden`, `aria-hidden`) go. Anything else is left as it is.
    pub(crate) fn unhide(&mut self, id: ego_tree::NodeId) {
        // A template's content: a fragment, its first child.
        let fragment = self
            .html
            .tree
            .get(id)
            .and_then(|n| n.first_child())
            .filter(|f| f.value().is_fragment())
            .map(|f| f.id());
        let Some(mut node) = self.html.tree.get_mut(id) else {
            return;
        };
        let Node::Element(e) = node.value() else {
            return;
        };
        let template = e.name() == "template";
        if template || e.name() == "noscript" {
            e.name =
                html5ever::QualName::new(None, html5ever::ns!(html), html5ever::local_name!("div"));
        }
        e.attrs
            .retain(|(q, _)| !matches!(&*q.local, "style" | "hidden" | "aria-hidden"));
        if let Some(fragment) = fragment.filter(|_| template) {
            node.reparent_from_id_append(fragment);
            if let Some(mut f) = self.html.tree.get_mut(fragment) {
                f.detach();
            }
        }
    }

    /// The first element named `name` in document order (`body`, `head`, `title`…).
    pub(crate) fn find(&self, name: &str) -> Option<NodeRef<'_>> {
        descendants(self.root()).find(|n| tag(*n) == Some(name))
    }
}

/// The lower-case tag name of an element node.
pub(crate) fn tag<'a>(node: NodeRef<'a>) -> Option<&'a str> {
    match node.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

/// An attribute of an element node (`name` in lower case; no namespace).
pub(crate) fn attr<'a>(node: NodeRef<'a>, name: &str) -> Option<&'a str> {
    match node.value() {
        // A scan of the few attributes the parse keeps, comparing text: scraper's own
        // lookup interns `name` as an atom first, which for names outside html5ever's
        // static set (`data-src`…) takes a global lock.
        Node::Element(e) => e
            .attrs
            .iter()
            .find(|(q, _)| q.prefix.is_none() && q.ns.is_empty() && &*q.local == name)
            .map(|(_, v)| &**v),
        _ => None,
    }
}

/// The attributes the cleaning rules and the selection read of every element, found in
/// one scan of its attributes (each [`attr`] call is a scan of its own).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Attrs<'a> {
    pub(crate) class: Option<&'a str>,
    pub(crate) id: Option<&'a str>,
    pub(crate) style: Option<&'a str>,
    pub(crate) role: Option<&'a str>,
    pub(crate) itemprop: Option<&'a str>,
    pub(crate) aria_hidden: Option<&'a str>,
    pub(crate) aria_modal: Option<&'a str>,
    /// The `hidden` attribute is present.
    pub(crate) hidden: bool,
}

/// The [`Attrs`] of an element node (all empty for other nodes). Each is the value
/// [`attr`] would give.
pub(crate) fn attrs(node: NodeRef<'_>) -> Attrs<'_> {
    use html5ever::local_name;
    let mut out = Attrs::default();
    let Node::Element(e) = node.value() else {
        return out;
    };
    for (q, v) in e.attrs.iter() {
        if q.prefix.is_some() || !q.ns.is_empty() {
            continue;
        }
        // Static atoms: each comparison is one integer compare, and a name interns to its
        // static atom whenever it has one, so equality of atoms is equality of names.
        let slot = match q.local {
            local_name!("class") => &mut out.class,
            local_name!("id") => &mut out.id,
            local_name!("style") => &mut out.style,
            local_name!("role") => &mut out.role,
            local_name!("itemprop") => &mut out.itemprop,
            local_name!("aria-hidden") => &mut out.aria_hidden,
            local_name!("aria-modal") => &mut out.aria_modal,
            local_name!("hidden") => {
                out.hidden = true;
                continue;
            }
            _ => continue,
        };
        // The first of a name, as `attr` finds it.
        slot.get_or_insert(&**v);
    }
    out
}

/// The text of a text node.
pub(crate) fn text<'a>(node: NodeRef<'a>) -> Option<&'a str> {
    match node.value() {
        Node::Text(t) => Some(&t.text),
        _ => None,
    }
}

/// Every node below `root` (not `root` itself) in document order; iterative.
pub(crate) fn descendants(root: NodeRef<'_>) -> impl Iterator<Item = NodeRef<'_>> {
    root.descendants().skip(1)
}

/// All text below `node`, concatenated (no whitespace handling).
pub(crate) fn text_content(node: NodeRef<'_>) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        if let Some(t) = text(n) {
            out.push_str(t);
        }
    }
    out
}

/// What the walker should do after entering an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    /// Visit the node's children.
    Descend,
    /// Skip the children; `leave` is still called.
    Skip,
}

/// Walks the subtree under `root` (excluding `root`) in document order without recursion,
/// calling `enter` on the way down and `leave` on the way up for every node.
pub(crate) fn walk<'a>(
    root: NodeRef<'a>,
    mut enter: impl FnMut(NodeRef<'a>) -> Flow,
    mut leave: impl FnMut(NodeRef<'a>),
) {
    let Some(mut node) = root.first_child() else {
        return;
    };
    loop {
        let flow = enter(node);
        if flow == Flow::Descend {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
        }
        // Leave this node and climb until a next sibling exists.
        loop {
            leave(node);
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) if parent.id() != root.id() => node = parent,
                _ => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noscript_content_is_markup() {
        let dom = parse("<noscript><img src=a.jpg></noscript>");
        assert!(descendants(dom.root()).any(|n| tag(n) == Some("img")));
    }

    #[test]
    fn unhide_shows_noscript_template_and_styled_elements() {
        let mut dom = parse(
            "<body><noscript id=n>a</noscript><template id=t><p>b</p></template>\
             <div id=d style='visibility:hidden' class=c>c</div></body>",
        );
        let ids: Vec<_> = descendants(dom.root())
            .filter(|n| attr(*n, "id").is_some())
            .map(|n| n.id())
            .collect();
        assert_eq!(ids.len(), 3);
        for id in ids {
            dom.unhide(id);
        }
        let body = dom.find("body").unwrap();
        let shown: Vec<_> = body
            .children()
            .map(|n| (tag(n), attr(n, "style"), attr(n, "class")))
            .collect();
        assert_eq!(
            shown,
            [
                (Some("div"), None, None),
                (Some("div"), None, None),
                (Some("div"), None, Some("c"))
            ]
        );
        // The template's paragraph is now an ordinary child, reached by any walk.
        assert_eq!(text_content(body), "abc");
        assert!(descendants(body).all(|n| !n.value().is_fragment()));
    }

    #[test]
    fn walk_visits_in_order_and_skips() {
        let dom = parse("<body><p>a<b>b</b></p><div>skip<i>x</i></div><p>c</p></body>");
        let body = dom.find("body").unwrap();
        let mut seen = String::new();
        walk(
            body,
            |n| {
                if let Some(t) = text(n) {
                    seen.push_str(t);
                }
                if tag(n) == Some("div") {
                    Flow::Skip
                } else {
                    Flow::Descend
                }
            },
            |_| {},
        );
        assert_eq!(seen, "abc");
    }
}
