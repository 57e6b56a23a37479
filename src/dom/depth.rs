//! A token filter between html5ever's tokenizer and tree builder that caps nesting depth.
//!
//! html5ever's tree builder scans its stack of open elements (and its list of active
//! formatting elements) for many start and end tags, so a page nested n deep costs O(n²).
//! This filter asks the tree builder how many elements it holds before every start tag and
//! ignores start tags that would go deeper than the cap, along with their matching end tags.
//! The text inside ignored tags is kept (it lands in the deepest element still open), so
//! nothing is lost but structure; the number of ignored tags is reported.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{Tracer, TreeBuilder};
use html5ever::LocalName;
use scraper::HtmlTreeSink;

use super::tags::{is_void, raw_text};

type Builder = TreeBuilder<ego_tree::NodeId, HtmlTreeSink>;

/// Forwards tokens to the tree builder, dropping start tags beyond `max_depth`.
pub(super) struct DepthFilter {
    pub(super) inner: Builder,
    max_depth: usize,
    /// The tree builder held at least `max_depth` elements when last counted, and no token
    /// that could pop one has been forwarded since.
    full: Cell<bool>,
    /// Dropped start tags that still await their end tag.
    pending_ends: PendingEnds,
    /// Start tags dropped so far.
    pub(super) dropped: Cell<usize>,
}

/// Elements that never hold child elements: they cannot deepen the tree, so they are always
/// forwarded (void elements, and raw-text elements whose content the tokenizer must still
/// treat as text).
fn never_deepens(name: &str) -> bool {
    is_void(name) || raw_text::<()>(name).is_some()
}

/// Start tags a filter dropped, by name, whose end tags it drops too. Names are counted;
/// past [`PendingEnds::MAX_NAMES`] distinct ones (a page of made-up tag names) the rest are
/// not remembered and their end tags pass, so the record stays small.
#[derive(Default)]
pub(super) struct PendingEnds(RefCell<HashMap<LocalName, usize>>);

impl PendingEnds {
    const MAX_NAMES: usize = 1024;

    /// A start tag named `name` was dropped.
    pub(super) fn push(&self, name: &LocalName) {
        let mut map = self.0.borrow_mut();
        if let Some(n) = map.get_mut(name) {
            *n += 1;
        } else if map.len() < Self::MAX_NAMES {
            map.insert(name.clone(), 1);
        }
    }

    /// Whether an end tag named `name` matches a dropped start tag (and is dropped).
    pub(super) fn pop(&self, name: &LocalName) -> bool {
        let mut map = self.0.borrow_mut();
        let Some(n) = map.get_mut(name) else {
            return false;
        };
        *n -= 1;
        if *n == 0 {
            map.remove(name);
        }
        true
    }
}

/// Counts the handles the tree builder holds (open elements, active formatting elements and
/// a few pointers); a cheap pass over a stack that the filter keeps short.
struct Counter(Cell<usize>);

impl Tracer for Counter {
    type Handle = ego_tree::NodeId;
    fn trace_handle(&self, _: &ego_tree::NodeId) {
        self.0.set(self.0.get() + 1);
    }
}

impl DepthFilter {
    pub(super) fn new(inner: Builder, max_depth: usize) -> Self {
        DepthFilter {
            inner,
            max_depth,
            full: Cell::new(false),
            pending_ends: PendingEnds::default(),
            dropped: Cell::new(0),
        }
    }

    /// Gives `token` to the tree builder unfiltered (an end tag the budget filter makes).
    pub(super) fn inject(&self, token: Token, line_number: u64) {
        self.full.set(false);
        let _ = self.inner.process_token(token, line_number);
    }

    /// Whether the tree builder is at or over the depth cap.
    fn is_full(&self) -> bool {
        if self.full.get() {
            return true;
        }
        let counter = Counter(Cell::new(0));
        self.inner.trace_handles(&counter);
        let full = counter.0.get() >= self.max_depth;
        self.full.set(full);
        full
    }
}

impl TokenSink for DepthFilter {
    type Handle = ego_tree::NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Self::Handle> {
        match &token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                // `<div/>` still opens a div in HTML, so the self-closing flag is ignored.
                if !never_deepens(&tag.name) && self.is_full() {
                    self.pending_ends.push(&tag.name);
                    self.dropped.set(self.dropped.get() + 1);
                    return TokenSinkResult::Continue;
                }
                // A forwarded start tag may push: count again next time.
                self.full.set(false);
            }
            Token::TagToken(tag) => {
                if self.pending_ends.pop(&tag.name) {
                    return TokenSinkResult::Continue;
                }
                self.full.set(false);
            }
            // Text can reopen formatting elements (deeper, never shallower); comments, parse
            // errors and doctypes leave the stack alone.
            Token::CharacterTokens(_)
            | Token::NullCharacterToken
            | Token::CommentToken(_)
            | Token::ParseError(_)
            | Token::DoctypeToken(_) => {}
            Token::EOFToken => self.full.set(false),
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}
