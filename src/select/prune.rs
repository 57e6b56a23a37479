//! Boilerplate inside the chosen containers: link lists, bylines, widgets.

use super::hints::{is_caption, is_meta, is_negative};
use super::stats::Stat;
use std::collections::HashSet;

/// Containers judged by their link density (paragraph-like elements are kept whole).
const CONTAINERS: &[&str] = &[
    "div", "section", "ul", "ol", "dl", "table", "header", "footer", "aside", "nav", "form", "li",
    "span", "center", "figure", "details",
];

/// The elements under `roots` to skip. With `hinted` (the roots were chosen by the JSON-LD
/// `articleBody`), an element whose text is mostly in that body is never skipped.
pub(super) fn prune(
    stats: &[Stat<'_>],
    roots: &[usize],
    hinted: bool,
) -> HashSet<ego_tree::NodeId> {
    let mut skip = HashSet::new();
    for &root in roots {
        let total = stats[root].text.max(1);
        let mut i = root + 1;
        while i < stats[root].end {
            let s = &stats[i];
            let stated = hinted && s.shingles > 0 && s.hits * 2 >= s.shingles;
            if !stated && is_boilerplate(s, total) {
                skip.insert(s.node.id());
                i = s.end;
            } else {
                i += 1;
            }
        }
    }
    skip
}

fn is_boilerplate(s: &Stat<'_>, root_text: u32) -> bool {
    // Never drop the bulk of the article.
    if s.text * 2 > root_text {
        return false;
    }
    if s.noise_name || matches!(s.name, "header" | "footer" | "figcaption") || is_caption(s.node) {
        return true;
    }
    if is_meta(s.node) && s.text < 200 && s.punct < 4 {
        return true;
    }
    if !CONTAINERS.contains(&s.name) {
        return false;
    }
    let density = s.link_density();
    if is_negative(s.node) && s.score < 20.0 {
        return true;
    }
    if s.text == 0 {
        return false;
    }
    density > 0.5 || (density > 0.3 && s.punct < 2)
}
