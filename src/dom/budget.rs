//! A token filter that keeps the tree in proportion to the page: at most
//! [`Limits::node_floor`] nodes plus one per [`BYTES_PER_NODE`] bytes of the page read so
//! far (an image counts two, and every four attributes of an element one more), and at most
//! [`Limits::clone_floor`] formatting elements reopened by the tree builder plus one per
//! [`BYTES_PER_CLONE`] bytes.
//!
//! A node of the tree (an element or a text node, with its links) takes 128 bytes before
//! its attributes, and the selection keeps about as much again per element, the walk as
//! much per image; so a page of tiny tags (`<p>x` is four bytes, `<br>` four) builds a
//! tree 30 to 60 times its size. Past the
//! budget, start tags are ignored with their end tags (and `</p>`, `</br>`, which create
//! elements); their text is kept and lands in the element still open, as with the depth
//! cap ([`super::depth`]). The budget grows as the page is read, so the markup after a
//! flood of tags is structured again, in blocks and images only
//! ([`kept_past_budget`](super::tags::kept_past_budget)): text past the cut lands in
//! whatever element is open, and that must not be one whose text is dropped.
//!
//! The tree builder also creates elements no tag asked for: every formatting element
//! (`<b>`, `<i>`, `<font>`…) left open when its paragraph closed is reopened in the next
//! one ("reconstruct the active formatting elements", HTML Standard §13.2.4.3), so
//! `<p><b class=cN>x</p>` repeated n times builds n²/2 elements (the Noah's Ark clause
//! caps only identical ones). Once the reopened ones pass their budget, formatting tags
//! are ignored (their text kept), and each reopened copy is closed again right after it is
//! made, by an end tag given to the tree builder for it: the adoption agency then pops it
//! and removes it from the list, so it is not made again.
//!
//! Real pages stay far inside both budgets (the densest shared page has a node per 13
//! bytes, 25,000 in all; the most reopened, 91 copies), so their trees are unchanged.

use std::cell::Cell;

use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::Tracer;
use html5ever::{ns, LocalName};
use scraper::Node;

use super::depth::{DepthFilter, PendingEnds};
use super::prune::is_formatting;
use super::tags::{is_special, is_void, kept_past_budget, raw_text};
use super::Limits;

/// Bytes of page per node of the tree, beyond [`Limits::node_floor`].
pub(crate) const BYTES_PER_NODE: usize = 48;

/// Attributes of one element that count as one more node (an attribute takes about a
/// quarter of what a node does).
const ATTRIBUTES_PER_NODE: usize = 4;

/// Bytes of page per formatting element the tree builder may reopen, beyond
/// [`Limits::clone_floor`].
pub(crate) const BYTES_PER_CLONE: usize = 256;

/// Rounds of closing reopened elements after one token (closing one can, in rare
/// misnestings, make the adoption agency copy another).
const CLOSE_ROUNDS: usize = 3;

/// Drops tags beyond the node budget and reopened formatting elements beyond theirs.
pub(super) struct BudgetFilter {
    pub(super) inner: DepthFilter,
    node_floor: usize,
    clone_floor: usize,
    /// Bytes of the page the pre-pass cut: they count from the start.
    removed: usize,
    /// Bytes of the page fed to the tokenizer so far.
    fed: Cell<usize>,
    /// Bytes of the page the tokens seen so far were read from, as far as they tell.
    read: Cell<usize>,
    pending: PendingEnds,
    /// Nodes of the tree counted so far, and what they count for (see [`cost`]).
    counted: Cell<usize>,
    cost: Cell<usize>,
    /// Inside the raw text of a dropped `<title>`, `<textarea>`, `<iframe>`…, until its end
    /// tag.
    skipping: Cell<bool>,
    /// Formatting elements created beyond the start tags that asked for them.
    clones: Cell<usize>,
    /// The reopened ones passed their budget: formatting tags are dropped from now on.
    draining: Cell<bool>,
    /// Tags dropped past the node budget (start tags, and `</p>`, `</br>`).
    pub(super) dropped: Cell<usize>,
    /// Formatting tags (start and end) dropped past the budget of reopened ones.
    pub(super) formatting_dropped: Cell<usize>,
}

impl BudgetFilter {
    /// `removed`: bytes of the page the pre-pass cut (they count towards the budget).
    pub(super) fn new(inner: DepthFilter, limits: Limits, removed: usize) -> Self {
        BudgetFilter {
            inner,
            node_floor: limits.node_floor,
            clone_floor: limits.clone_floor,
            removed,
            fed: Cell::new(0),
            read: Cell::new(0),
            pending: PendingEnds::default(),
            counted: Cell::new(0),
            cost: Cell::new(0),
            skipping: Cell::new(false),
            clones: Cell::new(0),
            draining: Cell::new(false),
            dropped: Cell::new(0),
            formatting_dropped: Cell::new(0),
        }
    }

    /// `bytes` more of the page are about to be fed to the tokenizer.
    pub(super) fn grant(&self, bytes: usize) {
        self.fed.set(self.fed.get().saturating_add(bytes));
    }

    /// Bytes of the page the budgets are given: what the pre-pass cut, and what the tokens
    /// so far were read from (never more than was fed, so never more than the page).
    fn granted(&self) -> usize {
        self.removed
            .saturating_add(self.read.get().min(self.fed.get()))
    }

    /// Counts the bytes `token` was read from, as written most often (`<p>`, `</p>`,
    /// ` name="value"`; text as decoded, which is never longer than its source). Never more
    /// than was fed is granted, so the budget cannot run ahead of the page.
    fn advance(&self, token: &Token) {
        let bytes = match token {
            Token::TagToken(tag) => {
                let attrs: usize = tag
                    .attrs
                    .iter()
                    .map(|a| {
                        let quoted = if a.value.is_empty() { 0 } else { 3 };
                        1 + a.name.local.len() + a.value.len() + quoted
                    })
                    .sum();
                let end = usize::from(tag.kind == TagKind::EndTag);
                2 + end + usize::from(tag.self_closing) + tag.name.len() + attrs
            }
            Token::CharacterTokens(text) => text.len(),
            Token::NullCharacterToken => 1,
            _ => 0,
        };
        self.read.set(self.read.get().saturating_add(bytes));
    }

    /// Reopened formatting elements so far.
    pub(super) fn clones(&self) -> usize {
        self.clones.get()
    }

    /// Nodes the tree holds (detached ones included: they take memory all the same).
    fn nodes(&self) -> usize {
        self.inner.inner.sink.0.borrow().tree.values().len()
    }

    /// What the tree counts for against the node budget (see [`cost`]); nodes are counted
    /// once, when first seen, whoever made them.
    fn spent(&self) -> usize {
        let html = self.inner.inner.sink.0.borrow();
        let len = html.tree.values().len();
        let new = len.saturating_sub(self.counted.get());
        if new > 0 {
            let more: usize = html.tree.values().rev().take(new).map(cost).sum();
            self.cost.set(self.cost.get().saturating_add(more));
            self.counted.set(len);
        }
        self.cost.get()
    }

    fn node_budget(&self) -> usize {
        self.node_floor
            .saturating_add(self.granted() / BYTES_PER_NODE)
    }

    fn clone_budget(&self) -> usize {
        self.clone_floor
            .saturating_add(self.granted() / BYTES_PER_CLONE)
    }

    /// Ignores a start tag; its end tag will be ignored too. A raw-text element's content
    /// is still read as raw text (and dropped), as the tree builder would have had it read.
    fn drop_start(&self, tag: &Tag, over: bool) -> TokenSinkResult<ego_tree::NodeId> {
        let count = if over {
            &self.dropped
        } else {
            &self.formatting_dropped
        };
        count.set(count.get() + 1);
        if is_void(&tag.name) {
            return TokenSinkResult::Continue;
        }
        self.pending.push(&tag.name);
        if !self
            .inner
            .adjusted_current_node_present_but_not_in_html_namespace()
        {
            if let Some(result) = raw_text(&tag.name) {
                // `<xmp>` and `<plaintext>` show their text (PLAINTEXT never ends: the rest
                // of the page), which is kept; the others' is not read as the article's.
                self.skipping
                    .set(!matches!(&*tag.name, "xmp" | "plaintext"));
                return result;
            }
        }
        TokenSinkResult::Continue
    }

    /// The HTML formatting elements among the nodes created since the tree held `from`
    /// nodes, last created first.
    fn formatting_since(&self, from: usize) -> Vec<(ego_tree::NodeId, LocalName)> {
        let html = self.inner.inner.sink.0.borrow();
        let created = html.tree.values().len().saturating_sub(from);
        html.tree
            .nodes()
            .rev()
            .take(created)
            .filter(|node| is_html_formatting(node.value()))
            .filter_map(|node| Some((node.id(), node.value().as_element()?.name.local.clone())))
            .collect()
    }

    /// Whether the tree builder holds `id` both as an open element and in its list of
    /// active formatting elements: an end tag for it then pops it and removes it.
    fn open_and_listed(&self, id: ego_tree::NodeId) -> bool {
        let seen = Occurrences {
            target: id,
            seen: Cell::new(0),
        };
        self.inner.inner.trace_handles(&seen);
        seen.seen.get() == 2
    }

    /// Accounts for the formatting elements the last token made the tree builder create
    /// (`own`: the token was a formatting start tag, whose element is not a copy), and
    /// closes them again when `close` (the budget is spent, and nothing that an end tag
    /// for them would split was opened inside them).
    fn settle(&self, from: usize, own: bool, close: bool, line: u64) {
        if self.nodes() == from {
            return;
        }
        let made = {
            let html = self.inner.inner.sink.0.borrow();
            let created = html.tree.values().len().saturating_sub(from);
            html.tree
                .values()
                .rev()
                .take(created)
                .filter(|node| is_html_formatting(node))
                .count()
        };
        let copies = made.saturating_sub(usize::from(own));
        if copies == 0 {
            return;
        }
        self.clones.set(self.clones.get() + copies);
        if self.clones.get() > self.clone_budget() {
            self.draining.set(true);
        }
        if close && !own {
            self.close_copies(from, line);
        }
    }

    /// Gives the tree builder an end tag for each formatting element created since the tree
    /// held `from` nodes, innermost first, while it is open and listed.
    fn close_copies(&self, mut from: usize, line: u64) {
        for _ in 0..CLOSE_ROUNDS {
            let made = self.formatting_since(from);
            if made.is_empty() {
                return;
            }
            from = self.nodes();
            for (id, name) in made {
                if self.open_and_listed(id) {
                    self.inner.inject(
                        Token::TagToken(Tag {
                            kind: TagKind::EndTag,
                            name,
                            self_closing: false,
                            attrs: Vec::new(),
                            had_duplicate_attributes: false,
                        }),
                        line,
                    );
                }
            }
        }
    }
}

/// What a node counts for against the node budget: one, one more for an image (the record
/// the walk keeps of it is about a node's size), and one more per
/// [`ATTRIBUTES_PER_NODE`] attributes.
fn cost(node: &Node) -> usize {
    match node {
        Node::Element(e) => {
            let image = e.name.ns == ns!(html) && matches!(&*e.name.local, "img" | "amp-img");
            1 + usize::from(image) + e.attrs.len() / ATTRIBUTES_PER_NODE
        }
        _ => 1,
    }
}

/// Whether `node` is an HTML formatting element (not an SVG `<a>`).
fn is_html_formatting(node: &Node) -> bool {
    matches!(node, Node::Element(e) if e.name.ns == ns!(html) && is_formatting(&e.name.local))
}

/// Counts how often the tree builder holds one node (once open, once listed as an active
/// formatting element).
struct Occurrences {
    target: ego_tree::NodeId,
    seen: Cell<usize>,
}

impl Tracer for Occurrences {
    type Handle = ego_tree::NodeId;
    fn trace_handle(&self, handle: &ego_tree::NodeId) {
        if *handle == self.target {
            self.seen.set(self.seen.get() + 1);
        }
    }
}

impl TokenSink for BudgetFilter {
    type Handle = ego_tree::NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Self::Handle> {
        self.advance(&token);
        let over = self.spent() >= self.node_budget();
        let closing = over || self.draining.get();
        // The token is a formatting start tag that reaches the tree builder.
        let mut own = false;
        // Copies made for this token can be closed right after it: it opened nothing
        // "special" inside them (an end tag for them would copy them into it).
        let mut close = closing;
        match &token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                let formatting = is_formatting(&tag.name);
                let past = self.dropped.get() > 0 && !kept_past_budget(&tag.name);
                if over || past || (closing && formatting) {
                    return self.drop_start(tag, over || past);
                }
                own = formatting;
                close &= is_void(&tag.name) || !is_special(&tag.name);
            }
            Token::TagToken(tag) => {
                // In raw text the only tag the tokenizer emits is the one that ends it.
                self.skipping.set(false);
                if self.pending.pop(&tag.name) {
                    return TokenSinkResult::Continue;
                }
                // `</p>` and `</br>` can create an element; a formatting end tag can make
                // the adoption agency copy elements (counted with the reopened ones).
                if over && matches!(&*tag.name, "p" | "br") {
                    self.dropped.set(self.dropped.get() + 1);
                    return TokenSinkResult::Continue;
                }
                if self.draining.get() && is_formatting(&tag.name) {
                    let dropped = &self.formatting_dropped;
                    dropped.set(dropped.get() + 1);
                    return TokenSinkResult::Continue;
                }
            }
            Token::CharacterTokens(_) | Token::NullCharacterToken if self.skipping.get() => {
                return TokenSinkResult::Continue;
            }
            Token::EOFToken => self.skipping.set(false),
            _ => {}
        }
        let from = self.nodes();
        let result = self.inner.process_token(token, line_number);
        self.settle(from, own, close, line_number);
        result
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
    use crate::dom::{parse_with, Dom, DEFAULT_MAX_DEPTH};

    /// `release` in release builds, `debug` in debug builds (html5ever is ~30× slower).
    fn size(release: usize, debug: usize) -> usize {
        if cfg!(debug_assertions) {
            debug
        } else {
            release
        }
    }

    fn nodes(dom: &Dom) -> usize {
        dom.html.tree.values().len()
    }

    fn elements(dom: &Dom, name: &str) -> usize {
        dom.html
            .tree
            .values()
            .filter(|n| n.as_element().is_some_and(|e| e.name() == name))
            .count()
    }

    fn text(dom: &Dom) -> String {
        crate::dom::text_content(dom.root())
    }

    /// The text of `markup` outside its tags.
    fn outside_tags(markup: &str) -> String {
        markup
            .split('<')
            .map(|part| part.split_once('>').map_or(part, |(_, text)| text))
            .collect()
    }

    fn small(node_floor: usize, clone_floor: usize) -> Limits {
        Limits {
            max_depth: DEFAULT_MAX_DEPTH,
            node_floor,
            clone_floor,
        }
    }

    /// Issue 10: `<p><b class=cN>x</p>` × 20,000 made the tree builder reopen every earlier
    /// `<b>` in every paragraph (n²/2 elements: 2.8 GB, 18 s). The copies now stop at their
    /// budget; every paragraph and every `x` stay.
    #[test]
    fn reopened_formatting_elements_stay_linear() {
        let n = size(20_000, 3_000);
        let page: String = (0..n).map(|i| format!("<p><b class=c{i}>x</p>")).collect();
        let dom = parse_with(&page, Limits::default());
        let budget = CLONE_FLOOR_FOR_TESTS + page.len() / BYTES_PER_CLONE;
        assert!(
            elements(&dom, "b") <= n + budget + DEFAULT_MAX_DEPTH,
            "{} <b> elements for {n} tags",
            elements(&dom, "b")
        );
        assert_eq!(elements(&dom, "p"), n);
        assert_eq!(text(&dom).matches('x').count(), n);
        assert!(dom.warnings.iter().any(|w| w.contains("reopened")));
    }

    const CLONE_FLOOR_FOR_TESTS: usize = crate::dom::CLONE_FLOOR;

    /// 500 formatting elements left open across paragraphs, then 40,000 plain paragraphs:
    /// each of those reopened all 500 (5.7 GB, 36 s). Once the copies pass their budget each
    /// is closed right after it is made, so later paragraphs reopen nothing.
    #[test]
    fn paragraphs_after_reopened_formatting_stay_linear() {
        let after = size(40_000, 5_000);
        let mut page: String = (0..500)
            .map(|i| format!("<p><b class=c{i}>x</p>"))
            .collect();
        page.push_str(&"<p>x</p>".repeat(after));
        // A floor high enough that only the copies' budget acts.
        let dom = parse_with(&page, small(1 << 30, crate::dom::CLONE_FLOOR));
        let b = elements(&dom, "b");
        assert!(
            b < 500 + 2 * (crate::dom::CLONE_FLOOR + DEFAULT_MAX_DEPTH),
            "{b}"
        );
        assert_eq!(elements(&dom, "p"), 500 + after);
        assert_eq!(text(&dom).matches('x').count(), 500 + after);
    }

    /// The same with the `<b>`s left open outside any paragraph: the depth cap already
    /// bounds it, and it stays as it was.
    #[test]
    fn open_formatting_then_paragraphs_stay_linear() {
        let after = size(40_000, 5_000);
        let mut page: String = (0..500).map(|i| format!("<b class=c{i}>")).collect();
        page.push_str(&"<p>x</p>".repeat(after));
        let dom = parse_with(&page, Limits::default());
        assert!(
            nodes(&dom) < 2 * DEFAULT_MAX_DEPTH + 2 * after,
            "{}",
            nodes(&dom)
        );
        assert_eq!(text(&dom).matches('x').count(), after);
    }

    /// Floods of the smallest tags there are, each of which makes a node or more: the tree
    /// holds at most the floor plus one node per `BYTES_PER_NODE` bytes (and what one token
    /// past the budget can add), and keeps all the text.
    #[test]
    fn floods_of_tiny_tags_stay_within_the_node_budget() {
        let len = size(400_000, 60_000);
        let floor = 1_000;
        for unit in [
            "<p>x",
            "<br>",
            "x</p>",
            "</br>",
            "<p>x</p>",
            "<a>x",
            "<li>x",
            "<td>x",
            "<tr>x",
            "<option>x",
            "<b>x</b>",
            "<i><b>x</i></b>",
            "<b><p>x</b></p>",
            "<div>x</div>x",
            "<xmp></xmp>",
            "<title></title>",
            "<textarea></textarea>",
            "<script></script>",
            "<template>x</template>",
            "<table>x",
            "<select><option>x",
            "<svg><g>x</g></svg>",
            "<math><mi>x</mi></math>",
            "<img>",
            "<hr>",
            "<p><b class=a>x</p>",
            "<nobr>x",
            "<x>",
        ] {
            let page = unit.repeat(len / unit.len());
            let dom = parse_with(&page, small(floor, 64));
            let budget = floor + page.len() / BYTES_PER_NODE;
            let n = nodes(&dom);
            assert!(
                n <= budget + 4 * DEFAULT_MAX_DEPTH,
                "{unit}: {n} nodes, budget {budget}"
            );
            let xs = outside_tags(unit).matches('x').count() * (len / unit.len());
            if !matches!(unit, "<select><option>x" | "<svg><g>x</g></svg>") {
                assert_eq!(text(&dom).matches('x').count(), xs, "{unit}");
            }
        }
    }

    /// An image counts two nodes (the walk keeps a record of it about a node's size), and
    /// every four attributes of an element one more: 100,000 `<img>` with `src` and `alt`
    /// held about ten times the page, a node-count budget alone let that grow without bound.
    #[test]
    fn images_and_attributes_count_toward_the_node_budget() {
        let floor = 1_000;
        let page = "<img src=a.jpg>".repeat(20_000);
        let dom = parse_with(&page, small(floor, 64));
        let budget = floor + page.len() / BYTES_PER_NODE;
        let images = elements(&dom, "img");
        assert!(images <= budget / 2 + 8, "{images} images, budget {budget}");
        assert!(images >= budget / 2 - 8, "{images} images, budget {budget}");
        let unit = "<p class=a id=b style=c lang=d rel=e name=f type=g href=h>x";
        let page = unit.repeat(20_000);
        let dom = parse_with(&page, small(floor, 64));
        let budget = floor + page.len() / BYTES_PER_NODE;
        // The paragraph, its two fours of attributes, its text.
        let p = elements(&dom, "p");
        assert!(p <= budget / 4 + 8, "{p} paragraphs, budget {budget}");
    }

    /// The budget grows as the page is read: paragraphs after a flood of tags are elements
    /// again.
    #[test]
    fn markup_after_a_flood_is_structured_again() {
        let mut page = "<p>x".repeat(20_000);
        let para = format!("<p>{}</p>", "word ".repeat(40));
        page.push_str(&para.repeat(100));
        let dom = parse_with(&page, small(1_000, 64));
        assert!(dom.warnings.iter().any(|w| w.contains("more tags")));
        let whole = dom
            .html
            .tree
            .values()
            .filter_map(|n| n.as_text())
            .filter(|t| t.trim() == "word ".repeat(40).trim())
            .count();
        assert!(whole >= 95, "{whole} of 100 paragraphs kept whole");
    }

    /// Raw-text elements dropped past the budget still have their content read as raw text:
    /// nothing inside becomes an element. Script and style text is dropped (as always), and
    /// so is that of the others whose text is not shown; `<xmp>` keeps its text, and
    /// `<plaintext>` the rest of the page.
    #[test]
    fn raw_text_past_the_budget_stays_raw_text() {
        let mut page = "<br>".repeat(2_000);
        page.push_str(
            "<title><p>t1</p></title><textarea><p>t2</p></textarea><xmp><p>t3</p></xmp>\
             <iframe><p>t4</p></iframe><noembed><p>t5</p></noembed><style><p>t6</p></style>\
             <script>'<p>t7</p>'</script><xmp><b>shown</b></xmp><p>kept<plaintext><p>rest</p>",
        );
        let dom = parse_with(&page, small(100, 64));
        // At most the `<p>` before `kept`, which the grown budget may let through.
        assert!(elements(&dom, "p") <= 1);
        let text = text(&dom);
        assert!(!text.contains("t1") && !text.contains("t7"), "{text}");
        assert!(text.ends_with("<b>shown</b>kept<p>rest</p>"), "{text}");
    }
}

/// Trees built with and without the budgets, and fed in pieces of any size, are the same on
/// real pages.
#[cfg(test)]
mod same_tree {
    use crate::dom::corpus::{self, dump};
    use crate::dom::{build_in, pre_pass, Limits};

    fn tree(page: &str, limits: Limits, chunk: usize) -> String {
        let (text, cut) = pre_pass(page);
        dump(&build_in(text, cut, limits, page.len(), chunk))
    }

    const UNBOUNDED: Limits = Limits {
        max_depth: crate::dom::DEFAULT_MAX_DEPTH,
        node_floor: usize::MAX,
        clone_floor: usize::MAX,
    };

    /// Every shared page in release builds; every eighth in debug builds, where html5ever
    /// is about 30 times slower.
    #[test]
    fn the_budgets_leave_the_shared_corpora_alone() {
        let Some(pages) = corpus::pages(corpus::ALL) else {
            return;
        };
        let step = if cfg!(debug_assertions) { 8 } else { 1 };
        for (path, page) in pages.iter().step_by(step) {
            let bounded = tree(page, Limits::default(), super::super::CHUNK);
            let whole = tree(page, UNBOUNDED, usize::MAX);
            assert!(bounded == whole, "{}: the trees differ", path.display());
        }
    }

    #[test]
    fn feeding_in_pieces_builds_the_same_tree() {
        let pages = [
            "<p>a\r\nb &amp; c &amp d &#x4E2D;&#25991; &notin; &notit;</p>\r<pre>\n\nx</pre>",
            "<script>if (a<b) x = '</scr' + 'ipt>';</script><p>t<!-- c --></p><br/>",
            "<table><tr><td>a<b>b<p>c</b>d</td></tr>x</table><title>t &lt; u</title>",
            "<svg><title><b>t</b></title><![CDATA[x<y]]></svg><math><mi>m</mi></math>",
            "中文<p class=\"a b\" id='i'>文字&nbsp;字</p><textarea>\n<p>x</textarea>",
        ];
        for page in pages {
            let whole = tree(page, Limits::default(), usize::MAX);
            for chunk in 1..=9 {
                assert_eq!(
                    tree(page, Limits::default(), chunk),
                    whole,
                    "{chunk}: {page}"
                );
            }
        }
        if let Some(pages) = corpus::pages(&["bench/articles/html"]) {
            for (path, page) in pages.iter().take(40) {
                let whole = tree(page, Limits::default(), usize::MAX);
                assert!(
                    tree(page, Limits::default(), 1000) == whole,
                    "{}: the trees differ",
                    path.display()
                );
            }
        }
    }
}
