//! Finds the content root: the element whose subtree holds the article. Never mutates.

use crate::dom::{Dom, NodeRef};

/// The element to extract blocks from: `<body>` (html5ever always makes one).
pub(crate) fn content_root(dom: &Dom) -> NodeRef<'_> {
    dom.find("body").unwrap_or_else(|| dom.root())
}
