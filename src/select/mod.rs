//! Finds the content: the elements whose subtrees hold the article, and the boilerplate
//! inside them to skip. Never mutates.
//!
//! One pass ([`stats`]) measures every element; [`choose`] picks the best-scoring container
//! and the siblings that continue it, or the element that best matches the page's JSON-LD
//! `articleBody` ([`overlap`]); [`prune`] marks link lists, bylines and widgets inside.

mod choose;
mod hints;
mod labels;
mod overlap;
mod prune;
mod stats;

pub(crate) use choose::{content, Selection};
