//! The markup strategy: the element the page itself calls its article
//! (`itemprop=articleBody`, `<article>`, `<main>`, `role=main`), when one holds prose.

use super::paragraphs::Mass;
use super::stats::Stat;
use crate::dom::attr;

/// The marked-up element holding the most prose, the most specific mark winning a tie
/// (`itemprop=articleBody` before `<article>` before `<main>`). `None` when no marked
/// element holds prose.
pub(super) fn best(stats: &[Stat<'_>], mass: &Mass) -> Option<usize> {
    let mut best: Option<(usize, u32, u8)> = None;
    for (i, s) in stats.iter().enumerate().skip(1) {
        let Some(rank) = rank(s) else {
            continue;
        };
        let good = mass.good[i];
        if good == 0 {
            continue;
        }
        if best.is_none_or(|(_, g, r)| good > g || (good == g && rank > r)) {
            best = Some((i, good, rank));
        }
    }
    best.map(|(i, _, _)| i)
}

/// How specific an element's mark is; `None` for an unmarked element.
fn rank(s: &Stat<'_>) -> Option<u8> {
    if attr(s.node, "itemprop").is_some_and(|v| v.eq_ignore_ascii_case("articleBody")) {
        return Some(3);
    }
    match s.name {
        "article" => Some(2),
        "main" => Some(1),
        _ => attr(s.node, "role")
            .is_some_and(|v| v.eq_ignore_ascii_case("main"))
            .then_some(1),
    }
}
