//! A client-rendered page's article, read from the JSON its scripts hold (Next.js's
//! `__NEXT_DATA__`, `window.__INITIAL_STATE__ = {…}`, Nuxt, Apollo) when the visible page
//! holds little prose of its own.
//!
//! [`scan`] runs on the decoded text before it is parsed (the tree keeps no script text)
//! and copies out the state scripts, bounded; only when the selected content is thin does
//! [`pick`] read them ([`crate::json`]) and choose the longest prose value: an HTML or text
//! string, an array of paragraph strings, or rich-text nodes that [`render`] turns into
//! HTML. The pipeline parses that HTML and runs it through the same stages as the page.

mod pick;
mod render;
mod scan;

pub(crate) use pick::pick;
pub(crate) use scan::{scan, Scripts};
