//! The scored-container strategy, as Readability has it: paragraphs give their score to
//! their ancestors, the best-scoring element is the article, with the siblings that
//! continue it.

use super::prune::is_boilerplate;
use super::stats::{contains, Stat, NONE};
use crate::dom::attr;

/// The article's containers by score: the best candidate and its siblings that continue
/// it, less those that are its byline or widgets. `None` when nothing scored.
pub(super) fn choose(stats: &[Stat<'_>]) -> Option<Vec<usize>> {
    let top = best(stats)?;
    let mut roots = repeated_units(stats, top).unwrap_or_else(|| with_siblings(stats, top));
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

/// How far above the best candidate a post's outermost element may be.
const UNIT_LEVELS: usize = 4;

/// Posts a page must repeat, at least, to be read as a thread of them.
const MIN_UNITS: usize = 3;

/// Where the best candidate is the text of one post of several cut from one template (a
/// forum's posts, a guestbook's entries, a blog's posts as sibling tables with no wrapper
/// around them): the posts. A post is an ancestor of the best candidate (at most
/// [`UNIT_LEVELS`] up) that is one of [`MIN_UNITS`] or more siblings of its tag and class,
/// most of which hold an element of the best candidate's tag and class with text, and
/// whose ids (where they have them) differ only in their number. (Posts that are the
/// best candidate's own siblings are [`with_siblings`]'.)
fn repeated_units(stats: &[Stat<'_>], top: usize) -> Option<Vec<usize>> {
    let kind = |i: usize| (stats[i].name, attr(stats[i].node, "class"));
    let named = |k: (&str, Option<&str>)| k.1.is_some_and(|c| !c.trim().is_empty());
    let text_kind = kind(top);
    let mut unit = stats[top].parent;
    for _ in 0..UNIT_LEVELS {
        // The posts may sit right in `<body>`, with no wrapper of their own.
        let parent = stats.get(unit)?.parent;
        if parent == NONE {
            return None;
        }
        let unit_kind = kind(unit);
        // A post names itself by its class, or its text's element does.
        if named(unit_kind) || named(text_kind) {
            let (mut alike, mut units) = (0, Vec::new());
            let mut i = parent + 1;
            while i < stats[parent].end {
                if kind(i) == unit_kind {
                    alike += 1;
                    if i == unit || holds_kind(stats, i, text_kind, kind) {
                        units.push(i);
                    }
                }
                i = stats[i].end;
            }
            if units.len() >= MIN_UNITS && units.len() * 2 > alike && one_template(stats, &units) {
                return Some(units);
            }
            if named(unit_kind) && alike >= MIN_UNITS {
                // Repeated boxes that are not posts like this one: no thread here.
                return None;
            }
        }
        unit = parent;
    }
    None
}

/// Whether the units' ids, where they have them, are one template's (`post-12`,
/// `post-15`), not a layout's hand-named columns (`primary`, `tertiary`).
fn one_template(stats: &[Stat<'_>], units: &[usize]) -> bool {
    let stem = |i: usize| {
        attr(stats[i].node, "id").map(|id| id.trim_end_matches(|c: char| c.is_ascii_digit()))
    };
    let first = stem(units[0]);
    units.iter().all(|&u| stem(u) == first)
}

/// Whether the subtree of `unit` holds an element of the given kind with text.
fn holds_kind<'a>(
    stats: &[Stat<'a>],
    unit: usize,
    want: (&str, Option<&str>),
    kind: impl Fn(usize) -> (&'a str, Option<&'a str>),
) -> bool {
    (unit + 1..stats[unit].end).any(|j| stats[j].text > 0 && kind(j) == want)
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

#[cfg(test)]
mod tests {
    fn text_of(html: &str) -> String {
        crate::extract_str(html).unwrap().text()
    }

    /// A forum thread of sibling tables, no wrapper: the poster's box, then the post.
    fn thread(ids: [&str; 3]) -> String {
        let posts: String = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                format!(
                    "<table class='outer' id='{id}'><tr><td class='head'>Re: Seeds</td></tr>\
                     <tr><td class='odd'>Joined: 2005</td><td><div class='comText'>Reply {i}: \
                     I sowed mine in March, under glass, and they came up well.</div></td></tr></table>"
                )
            })
            .collect();
        let menu: String = (0..12)
            .map(|i| format!("<a href='/{i}'>Forum {i}</a> | "))
            .collect();
        format!("<html><body><div class='top'>{menu}</div>{posts}</body></html>")
    }

    #[test]
    fn posts_cut_from_one_template_are_all_kept() {
        let text = text_of(&thread(["post401", "post402", "post409"]));
        assert_eq!(text.matches("I sowed mine").count(), 3, "{text}");
        assert!(!text.contains("Forum 3"), "{text}");
    }

    #[test]
    fn hand_named_columns_are_not_posts() {
        // Boxes alike but for their names: a layout's columns, not a thread.
        let text = text_of(&thread(["primary", "secondary", "tertiary"]));
        assert_eq!(text.matches("I sowed mine").count(), 1, "{text}");
    }
}
