//! Picks the article's containers from the scored elements.

use super::hints;
use super::overlap::Hint;
use super::prune::{is_boilerplate, prune};
use super::stats::{collect, Stat, NONE};
use crate::dom::{attr, Dom, NodeRef};
use std::collections::HashSet;

/// The content of a page: the roots to walk, in document order, and elements to skip.
#[derive(Debug)]
pub(crate) struct Selection<'a> {
    /// Subtrees holding the article, in document order. The first may be `<body>` (or the
    /// document), whose own tag is not part of the article.
    pub(crate) roots: Vec<NodeRef<'a>>,
    /// Elements inside the roots that are boilerplate (link lists, bylines, widgets).
    pub(crate) skip: HashSet<ego_tree::NodeId>,
    /// Whether `skip` already holds every element dropped for its class or id, so the walk
    /// judges the rest by tag alone.
    pub(crate) names_judged: bool,
}

/// Share of the page's own (non-link) text the chosen containers must leave out before the
/// choice is trusted over the whole body.
const WHOLE_BODY_SHARE: f32 = 0.9;

/// How well (F1 of shingles) an element must match the JSON-LD `articleBody` to be taken
/// as the article over the scores.
const HINT_F1: f32 = 0.6;

/// Finds the article. With `whole` (a front-matter post: already just an article) the whole
/// body is kept as it is. `hint` is the publisher's plain-text copy of the article (JSON-LD
/// `articleBody`): the element whose text best matches it is the article, when one matches
/// it well.
pub(crate) fn content<'a>(dom: &'a Dom, whole: bool, hint: Option<&str>) -> Selection<'a> {
    let body = dom.find("body").unwrap_or_else(|| dom.root());
    let everything = Selection {
        roots: vec![body],
        skip: HashSet::new(),
        names_judged: false,
    };
    if whole {
        return everything;
    }
    let hint = hint.and_then(Hint::new);
    let stats = collect(body, hint.as_ref());
    let by_hint = hint.as_ref().and_then(|h| best_match(&stats, h));
    let roots = match by_hint {
        Some(top) => vec![top],
        None => match best(&stats) {
            Some(top) => {
                let mut roots = with_siblings(&stats, top);
                // A sibling kept for its score may be a byline or widget of the article.
                let total = roots.iter().map(|&r| stats[r].text).sum::<u32>().max(1);
                roots.retain(|&r| r == top || !is_boilerplate(&stats[r], total));
                roots
            }
            None => return everything,
        },
    };
    let own = |i: usize| stats[i].text.saturating_sub(stats[i].links) as f32;
    let chosen: f32 = roots.iter().map(|&i| own(i)).sum();
    let roots = if roots == [0] || chosen >= WHOLE_BODY_SHARE * own(0) {
        vec![0]
    } else {
        roots
    };
    let skip = prune(&stats, &roots, by_hint.is_some());
    Selection {
        roots: roots.iter().map(|&i| stats[i].node).collect(),
        skip,
        names_judged: true,
    }
}

/// The element whose text best matches the hint (F1 over shingles), if it matches well.
fn best_match(stats: &[Stat<'_>], hint: &Hint) -> Option<usize> {
    let wanted = hint.len() as f32;
    let f1 = |s: &Stat<'_>| 2.0 * s.hits.min(hint.len()) as f32 / (s.shingles as f32 + wanted);
    let mut best: Option<(usize, f32)> = None;
    for (i, s) in stats.iter().enumerate() {
        if s.hits == 0 || hints::is_inline(s.name) {
            continue;
        }
        let score = f1(s);
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((i, score));
        }
    }
    let (mut top, _) = best.filter(|&(_, score)| score >= HINT_F1)?;
    // The body text alone leaves out the figures and headings around it: climb while an
    // ancestor adds little text (what it adds, the pruning judges).
    let limit = stats[top].shingles + (stats[top].shingles / 4).max(20);
    while stats[top].parent != NONE
        && stats[top].parent != 0
        && stats[stats[top].parent].shingles <= limit
    {
        top = stats[top].parent;
    }
    Some(top)
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
fn contains(stats: &[Stat<'_>], outer: usize, inner: usize) -> bool {
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

#[cfg(test)]
mod tests {
    const PARA: &str = "This paragraph is long enough to count, with commas, clauses, and a full stop at the end of it.";

    fn page(article: &str) -> String {
        format!(
            "<html><head><title>T</title></head><body>\
             <div class='nav'><a href='/'>Home</a> <a href='/a'>About</a> <a href='/b'>World</a></div>\
             <div class='layout has-sidebar'><div class='post-content'><h1>T</h1>{article}\
             <div class='share'><a href='/s'>Share this</a></div></div>\
             <div class='comments'><p>{PARA} A comment.</p></div>\
             <div class='widget'><ul><li><a href='/1'>Related one</a></li><li><a href='/2'>Related two</a></li></ul></div></div>\
             <div class='footer'><p>© Site, all rights reserved.</p></div></body></html>"
        )
    }

    #[test]
    fn finds_the_article_inside_a_full_page() {
        let body = format!("<p>{PARA} One.</p><p>{PARA} Two.</p><p>{PARA} Three.</p>");
        let text = crate::extract_str(&page(&body)).unwrap().text();
        assert_eq!(text.matches("This paragraph").count(), 3, "{text}");
        for junk in ["Home", "Share", "comment", "Related", "©", "T\n"] {
            assert!(!text.contains(junk), "{junk} in {text}");
        }
    }

    #[test]
    fn a_fragment_keeps_everything() {
        let html =
            format!("<h2>Intro</h2><p>{PARA}</p><ul><li>one</li><li>two</li></ul><p>short</p>");
        let text = crate::extract_str(&html).unwrap().text();
        assert_eq!(text, format!("Intro\n\n{PARA}\n\none\n\ntwo\n\nshort"));
    }
}
