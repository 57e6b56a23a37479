//! The judge: asks every strategy for a candidate and picks one, by rules kept here in one
//! place, with its reasons.
//!
//! The strategies, in the judge's order of trust: the element matching the publisher's
//! copy of the body ([`hinted`]), the best-scoring container ([`score`]), the element the
//! markup names ([`semantic`]), the element holding the most prose ([`paragraphs`]), the
//! whole body. The first is taken unless it is implausible: it holds a small share of the
//! page's prose (the densest run of sentence-shaped paragraphs) while another holds it.

use super::paragraphs::{Mass, MIN_RUN};
use super::prune::prune;
use super::stats::{collect, contains, Stat, NONE};
use super::{anchor, hinted, score, semantic};
use crate::dom::{attr, Dom, NodeRef};
use crate::explain::{Candidate, Explanation};
use std::collections::HashSet;

/// The content of a page: the roots to walk, in document order, and elements to skip.
#[derive(Debug)]
pub(crate) struct Selection<'a> {
    /// Subtrees holding the article, in document order. The first may be `<body>` (or the
    /// document), whose own tag is not part of the article.
    pub(crate) roots: Vec<NodeRef<'a>>,
    /// Elements inside the roots that are boilerplate (link lists, bylines, widgets).
    pub(crate) skip: HashSet<ego_tree::NodeId>,
    /// Elements inside the roots from which on the rest of their parent is boilerplate
    /// (the mark opening a comment thread that has no wrapper of its own), themselves
    /// included.
    pub(crate) cut: HashSet<ego_tree::NodeId>,
    /// Whether `skip` already holds every element dropped for its class or id, so the walk
    /// judges the rest by tag alone.
    pub(crate) names_judged: bool,
    /// Why, when asked for.
    pub(crate) explanation: Option<Explanation>,
}

/// Share of the page's largest run of prose a candidate must hold to be plausible.
const PLAUSIBLE_SHARE: f32 = 0.5;

/// Text (weighted length) below which a candidate is no article when the page has a
/// real run of prose elsewhere.
const TINY: u32 = 100;

/// Prose (weighted length) the wrapper of the page's headline must hold to be its article.
const ANCHOR_PROSE: u32 = 150;

/// Which strategy proposed a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strategy {
    ArticleBody,
    Score,
    Markup,
    Paragraphs,
    /// The article wrapper around the page's headline.
    Headline,
    Body,
}

impl Strategy {
    fn name(self) -> &'static str {
        match self {
            Strategy::ArticleBody => "article-body",
            Strategy::Score => "score",
            Strategy::Markup => "markup",
            Strategy::Paragraphs => "paragraphs",
            Strategy::Headline => "headline",
            Strategy::Body => "body",
        }
    }
}

struct Proposal {
    strategy: Strategy,
    roots: Vec<usize>,
    prose: u32,
}

/// Finds the article. With `whole` (a front-matter post: already just an article) the whole
/// body is kept as it is. `hint` is the publisher's plain-text copy of the article (JSON-LD
/// `articleBody`). With `explain`, the selection says why.
pub(crate) fn content<'a>(
    dom: &'a Dom,
    whole: bool,
    hint: Option<&str>,
    title: Option<&str>,
    explain: bool,
) -> Selection<'a> {
    let body = dom.find("body").unwrap_or_else(|| dom.root());
    if whole {
        return Selection {
            roots: vec![body],
            skip: HashSet::new(),
            cut: HashSet::new(),
            names_judged: false,
            explanation: explain.then(|| Explanation {
                strategy: "front-matter".into(),
                reasons: vec!["a post with front matter is already just its article".into()],
                ..Explanation::default()
            }),
        };
    }
    let hint = hint.and_then(super::overlap::Hint::new);
    let stats = collect(body, hint.as_ref());
    let mass = Mass::read(&stats);
    let mut reasons = Vec::new();

    let mut proposals = Vec::new();
    let mut propose = |strategy, roots: Vec<usize>| {
        let prose = mass.good_in(&stats, &roots);
        proposals.push(Proposal {
            strategy,
            roots,
            prose,
        });
    };
    if let Some(top) = hint.as_ref().and_then(|h| hinted::best_match(&stats, h)) {
        propose(Strategy::ArticleBody, vec![top]);
    }
    if let Some(roots) = score::choose(&stats) {
        propose(Strategy::Score, roots);
    }
    if let Some(top) = semantic::best(&stats, &mass) {
        propose(Strategy::Markup, vec![top]);
    }
    let holder = mass.run_holder(&stats);
    if let Some(top) = holder {
        propose(Strategy::Paragraphs, vec![top]);
    }
    propose(Strategy::Body, vec![0]);

    // A run spread over the whole body tells nothing of where the article is.
    // Nor does a run in a box named as furniture (an "about me" sidebar beside a short post
    // of credits or links): it does not make the post implausible.
    let reference = match holder {
        Some(h) if !in_furniture(&stats, h) => mass.run_prose(),
        _ => 0,
    };
    let body_prose = mass.good[0];
    let doubt = |p: &Proposal| -> Option<String> {
        let text: u32 = p.roots.iter().map(|&r| stats[r].text).sum();
        // On a forum the thread is the page: a candidate that is mostly a comment thread
        // is doubted only when the page has prose outside the thread.
        let thread: u32 = p
            .roots
            .iter()
            .filter(|&&r| stats[r].in_comments)
            .map(|&r| mass.good[r])
            .sum();
        if thread > 0 && thread * 2 >= p.prose && body_prose.saturating_sub(thread) >= MIN_RUN {
            return Some(format!("{} is mostly a comment thread", p.strategy.name()));
        }
        // A few words with no prose, on a page whose only prose is short (a notice).
        if text < TINY && (body_prose >= MIN_RUN || p.prose == 0 && body_prose >= TINY) {
            return Some(format!(
                "{} holds {text} of text where the page has {body_prose} of prose",
                p.strategy.name()
            ));
        }
        if reference >= MIN_RUN && (p.prose as f32) < PLAUSIBLE_SHARE * reference as f32 {
            return Some(format!(
                "{} holds {} of the {} prose of the largest run",
                p.strategy.name(),
                p.prose,
                reference
            ));
        }
        None
    };
    let mut chosen = proposals.len() - 1;
    for (i, p) in proposals.iter().enumerate() {
        if p.strategy == Strategy::Body {
            break;
        }
        match doubt(p) {
            Some(why) => reasons.push(format!("{why}: implausible")),
            None => {
                chosen = i;
                break;
            }
        }
    }
    if reasons.is_empty() {
        reasons.push(format!(
            "{} is plausible",
            proposals[chosen].strategy.name()
        ));
    }

    // A part of the article: the container holding the page's run of prose around the
    // chosen one holds much more of it (the body split into blocks between ads).
    if let Some(h) = holder {
        let p = &proposals[chosen];
        if matches!(p.strategy, Strategy::Score | Strategy::Markup)
            && !in_furniture(&stats, h)
            && p.roots.iter().all(|&r| r != h && contains(&stats, h, r))
            && (2 * mass.good[h] >= 3 * p.prose
                || p.roots.len() > 1
                    && p.roots
                        .iter()
                        .all(|&r| stats[r].parent == h && !is_story(&stats, r)))
        {
            if let Some(i) = proposals
                .iter()
                .position(|q| q.strategy == Strategy::Paragraphs)
            {
                reasons.push(format!(
                    "{} holds {} of the prose, {} around it {}: widened",
                    p.strategy.name(),
                    p.prose,
                    describe(&stats[h]),
                    mass.good[h]
                ));
                chosen = i;
            }
        }
    }

    // Stacked articles: the page's own is the one under its headline.
    let mut roots = proposals[chosen].roots.clone();
    let mut strategy = proposals[chosen].strategy;
    let wrapper = title.and_then(|t| anchor::wrapper(&stats, &mass, t, ANCHOR_PROSE));
    if let Some((_, w)) = wrapper {
        let related = |r: usize| contains(&stats, w, r) || contains(&stats, r, w);
        if !roots.iter().any(|&r| related(r)) && mass.good[w] >= proposals[chosen].prose {
            reasons.push(format!(
                "{} lies outside {}, the article under the page's headline",
                strategy.name(),
                describe(&stats[w])
            ));
            match proposals.iter().find(|p| {
                p.strategy != Strategy::Body && p.roots.iter().all(|&r| contains(&stats, w, r))
            }) {
                Some(p) => {
                    roots = p.roots.clone();
                    strategy = p.strategy;
                }
                None => {
                    roots = vec![w];
                    strategy = Strategy::Headline;
                }
            }
        } else if roots.len() > 1 && roots.iter().any(|&r| related(r)) {
            // Siblings kept with the headline's article that are stories of their own
            // (an `<article>` with its own heading), loaded below it.
            let before = roots.len();
            roots.retain(|&r| related(r) || !is_story(&stats, r));
            if roots.len() < before {
                reasons.push(format!(
                    "{} sibling(s) with headings of their own left out: stories after the page's own",
                    before - roots.len()
                ));
            }
        }
    }
    // A lead set apart between the headline and the chosen container belongs to it.
    // The headline's article is the lowest box holding both it and the container (the
    // headline's own wrapper may be a header box holding the lead and no more).
    if let Some((heading, _)) = wrapper {
        let first = roots[0];
        let mut w = stats[heading].parent;
        while w != NONE && w != 0 && !roots.iter().all(|&r| contains(&stats, w, r)) {
            w = stats[w].parent;
        }
        if first != 0 && w != NONE && w != 0 && stats[heading].end <= first {
            let lead = anchor::lead(&stats, &mass, heading, first);
            if !lead.is_empty() {
                reasons.push(format!(
                    "{} lead paragraph(s) after the headline kept",
                    lead.len()
                ));
                roots.splice(0..0, lead);
            }
        }
    }
    if roots == [0] && strategy == Strategy::Body {
        reasons.push("no strategy found an article inside the page".into());
    }
    let (skip, cut) = prune(&stats, &mass, &roots, strategy == Strategy::ArticleBody);
    let explanation = explain.then(|| Explanation {
        strategy: strategy.name().into(),
        candidates: proposals
            .iter()
            .map(|p| Candidate {
                strategy: p.strategy.name().into(),
                elements: p.roots.iter().map(|&r| describe(&stats[r])).collect(),
                text: p.roots.iter().map(|&r| stats[r].text).sum(),
                prose: p.prose,
            })
            .collect(),
        reasons,
    });
    Selection {
        roots: roots.iter().map(|&i| stats[i].node).collect(),
        skip,
        cut,
        names_judged: true,
        explanation,
    }
}

/// Whether element `i` or an ancestor is named as page furniture (`sidebar`, `aboutme`,
/// `secondary`) and not as content (`content-sidebar-wrap` names both).
fn in_furniture(stats: &[Stat<'_>], mut i: usize) -> bool {
    while i != NONE && i != 0 {
        if stats[i].names.weight < 0.0 {
            return true;
        }
        i = stats[i].parent;
    }
    false
}

/// Whether `r` is a story of its own: an `<article>` holding an `<h1>` or `<h2>` (a
/// `<div>` of an article with its own subheading is a section, not a story).
fn is_story(stats: &[Stat<'_>], r: usize) -> bool {
    stats[r].name == "article"
        && stats[r..stats[r].end]
            .iter()
            .any(|s| matches!(s.name, "h1" | "h2"))
}

/// An element as `tag#id.class` (its first class only).
fn describe(s: &Stat<'_>) -> String {
    let mut out = s.name.to_string();
    if let Some(id) = attr(s.node, "id").filter(|v| !v.is_empty()) {
        out.push('#');
        out.extend(id.chars().take(60));
    }
    if let Some(class) = attr(s.node, "class").and_then(|c| c.split_whitespace().next()) {
        out.push('.');
        out.extend(class.chars().take(60));
    }
    out
}

#[cfg(test)]
#[path = "judge_tests.rs"]
mod tests;
