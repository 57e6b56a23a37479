//! The scored-container strategy, as Readability has it: paragraphs give their score to
//! their ancestors, the best-scoring element is the article, with the siblings that
//! continue it.

use super::prune::is_boilerplate;
use super::stats::{Stat, NONE};
use crate::dom::attr;

/// The article's containers by score: the best candidate and its siblings that continue
/// it, less those that are its byline or widgets. `None` when nothing scored.
pub(super) fn choose(stats: &[Stat<'_>]) -> Option<Vec<usize>> {
    let top = best(stats)?;
    let mut roots = with_siblings(stats, top);
    let total = roots.iter().map(|&r| stats[r].text).sum::<u32>().max(1);
    // A sibling kept for its score may be a byline or widget of the article, or the
    // comment thread under it.
    let comments = stats[top].in_comments;
    roots.retain(|&r| {
        r == top || !(is_boilerplate(&stats[r], total) || stats[r].in_comments && !comments)
    });
    Some(roots)
}

/// The best candidate, refined as Readability does: a shared ancestor of several close
/// runners-up, a parent scoring better, or the parent of an only child.
fn best(stats: &[Stat<'_>]) -> Option<usize> {
    let mut ranked: Vec<(usize, f32)> = stats
        .iter()
        .enumerate()
        .filter(|(_, s)| s.candidate)
        .map(|(i, s)| (i, s.final_score()))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let &(mut top, top_score) = ranked.first()?;
    if top_score <= 0.0 {
        return None;
    }

    // Several runners-up close to the top under one ancestor: the ancestor is the article.
    let close: Vec<usize> = ranked[1..ranked.len().min(5)]
        .iter()
        .filter(|(_, s)| *s >= 0.75 * top_score)
        .map(|&(i, _)| i)
        .collect();
    if close.len() >= 3 {
        let mut ancestor = stats[top].parent;
        while ancestor != NONE && ancestor != 0 {
            let inside = close
                .iter()
                .filter(|&&c| contains(stats, ancestor, c))
                .count();
            if inside >= 3 {
                top = ancestor;
                break;
            }
            ancestor = stats[ancestor].parent;
        }
    }

    // A parent scoring better than its child is the better container.
    let mut last = stats[top].final_score();
    let mut parent = stats[top].parent;
    while parent != NONE && parent != 0 {
        if !stats[parent].candidate {
            parent = stats[parent].parent;
            continue;
        }
        let score = stats[parent].final_score();
        if score < last / 3.0 {
            break;
        }
        if score > last {
            top = parent;
            break;
        }
        last = score;
        parent = stats[parent].parent;
    }

    // An only child stands for its parent.
    while stats[top].parent != NONE && stats[stats[top].parent].children == 1 {
        top = stats[top].parent;
    }
    Some(top)
}

/// Whether element `inner` lies in the subtree of element `outer`.
pub(super) fn contains(stats: &[Stat<'_>], outer: usize, inner: usize) -> bool {
    outer <= inner && inner < stats[outer].end
}

/// The top candidate and those of its siblings that continue the article.
fn with_siblings(stats: &[Stat<'_>], top: usize) -> Vec<usize> {
    let parent = stats[top].parent;
    if parent == NONE {
        return vec![top];
    }
    let top_score = stats[top].final_score();
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = attr(stats[top].node, "class").filter(|c| !c.is_empty());
    let mut roots = Vec::new();
    let mut i = parent + 1;
    while i < stats[parent].end {
        let s = &stats[i];
        let keep = if i == top {
            true
        } else {
            let bonus = if top_class.is_some() && attr(s.node, "class") == top_class {
                top_score * 0.2
            } else {
                0.0
            };
            if s.candidate && s.final_score() + bonus >= threshold {
                true
            } else if s.name == "p" {
                let density = s.link_density();
                (s.text > 80 && density < 0.25) || (s.text > 0 && density == 0.0 && s.punct > 0)
            } else {
                false
            }
        };
        if keep {
            roots.push(i);
        }
        i = s.end;
    }
    roots
}
