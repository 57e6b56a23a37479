//! Finds the content: the elements whose subtrees hold the article, and the boilerplate
//! inside them to skip. Never mutates.
//!
//! One pass ([`stats`]) measures every element and [`paragraphs`] classes each block's
//! text; each strategy proposes the article ([`hinted`], [`score`], [`semantic`],
//! [`paragraphs`]) and [`judge`] picks one; [`prune`] marks link lists, bylines and
//! widgets inside.

mod anchor;
mod hinted;
mod hints;
mod judge;
mod labels;
mod overlap;
mod paragraphs;
mod prune;
mod score;
mod semantic;
mod slides;
mod stats;

pub(crate) use judge::{content, Selection};
