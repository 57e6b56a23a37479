//! A paragraph-level reading of the whole page, in the manner of jusText: every block's
//! own text is classed as prose or boilerplate by its length, link share and sentence
//! shape, short blocks take the class of the prose or boilerplate around them, and each
//! element learns how much prose its subtree holds.
//!
//! It gives the judge the page's text mass (where the sentences are, whatever the markup
//! says: the largest run of prose blocks) and a strategy of its own: the element holding
//! that run.

use super::hints::is_inline;
use super::stats::{contains, Stat, NONE};

/// What a block's own text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Sentences: long, few links, punctuated.
    Good,
    /// Could be either: medium length with some punctuation; taken as prose between prose.
    NearGood,
    /// Too short to tell: takes its neighbours' class.
    Short,
    /// Link lists, menus, labels, unpunctuated runs, named widgets.
    Bad,
}

/// Own text (weighted length: a wide character counts 2) below which a block is short.
const SHORT: u32 = 30;
/// Own text from which a punctuated block is prose.
const LONG: u32 = 120;
/// Share of a block's text inside links above which it is boilerplate.
const MAX_LINKS: f32 = 0.3;
/// Prose (weighted length) a run must hold to tell where the article is: a short article
/// is still the article.
pub(super) const MIN_RUN: u32 = 300;
/// How many times the largest plain run a run inside an element named as a widget must
/// hold to stand for the page.
const NAMED_RUN: u32 = 3;
/// Prose (weighted length) of a content-named element that makes it a post.
const MIN_POST: u32 = 150;
/// Text of boilerplate blocks (weighted length) that ends a run of prose.
const BREAK: u32 = 60;

/// Prose (weighted length) a chosen container must hold for [`Mass::holds_most`] to guard
/// the element holding most of it.
const MIN_MOST: u32 = 100;

/// Prose per element, and the page's largest run of prose.
#[derive(Debug)]
pub(super) struct Mass {
    /// Per element (index as in the stats): weighted length of prose in its subtree.
    pub(super) good: Vec<u32>,
    /// Per element: whether its own text is prose.
    prose: Vec<bool>,
    /// Per element: the most prose held by one element of its subtree whose class or id
    /// names a post (`post`, `entry`, `article`…).
    named: Vec<u32>,
    /// The largest run of prose blocks (few and short boilerplate blocks between them):
    /// its prose, and the element holding all of it.
    run: Option<(u32, usize)>,
}

impl Mass {
    /// Reads the page's blocks.
    pub(super) fn read(stats: &[Stat<'_>]) -> Mass {
        let blocks: Vec<usize> = (0..stats.len())
            .filter(|&i| is_block(&stats[i]) && stats[i].own_text + stats[i].own_links > 0)
            .collect();
        let mut classes: Vec<Class> = blocks.iter().map(|&i| classify(&stats[i])).collect();
        smooth(&mut classes);
        let mut good = vec![0u32; stats.len()];
        let mut prose = vec![false; stats.len()];
        // Runs: (prose, first block, last block). Names play no part in the classes (a
        // name may hide the article), but a run never crosses into or out of an element
        // named as a widget (a comment thread after the article is a run of its own).
        let mut run: Option<(u32, usize, usize)> = None;
        // The largest run outside widgets, and the largest inside widgets other than a
        // comment thread (a page builder's `widget` may hold the article).
        let mut best: Option<(u32, usize, usize)> = None;
        let mut best_named: Option<(u32, usize, usize)> = None;
        let mut gap = 0u32;
        for (&i, class) in blocks.iter().zip(&classes) {
            let s = &stats[i];
            if *class == Class::Good {
                good[i] = s.own_text;
                prose[i] = true;
                run = Some(match run {
                    Some((g, first, last)) if gap < BREAK && stats[last].in_noise == s.in_noise => {
                        (g + s.own_text, first, i)
                    }
                    _ => (s.own_text, i, i),
                });
                let slot = if s.in_comments {
                    None
                } else if s.in_noise {
                    Some(&mut best_named)
                } else {
                    Some(&mut best)
                };
                if let Some(slot) = slot {
                    if slot.is_none_or(|(g, _, _)| run.is_some_and(|(r, _, _)| r > g)) {
                        *slot = run;
                    }
                }
                gap = 0;
            } else {
                gap += s.own_text + s.own_links;
            }
        }
        // Children come after their parents: one backward pass sums every subtree, and
        // carries up the largest prose of a content-named element.
        let mut named = vec![0u32; stats.len()];
        for i in (0..stats.len()).rev() {
            if good[i] > 0 && stats[i].names.post {
                named[i] = named[i].max(good[i]);
            }
            let p = stats[i].parent;
            if p != NONE && i > 0 {
                good[p] += good[i];
                named[p] = named[p].max(named[i]);
            }
        }
        // A named run stands for the page only when it dwarfs every plain one.
        let size = |r: Option<(u32, usize, usize)>| r.map_or(0, |(g, _, _)| g);
        let best = if size(best_named) >= NAMED_RUN * size(best).max(MIN_RUN) {
            best_named
        } else {
            best
        };
        let run = best.map(|(g, first, last)| {
            let mut holder = first;
            while stats[holder].parent != NONE && !contains(stats, holder, last) {
                holder = stats[holder].parent;
            }
            (g, holder)
        });
        Mass {
            good,
            prose,
            named,
            run,
        }
    }

    /// Whether element `i` holds the page's largest run of prose (a real run:
    /// [`MIN_RUN`] or more): it is the article, or holds it, whatever its name.
    pub(super) fn holds_run(&self, stats: &[Stat<'_>], i: usize) -> bool {
        self.run
            .is_some_and(|(g, holder)| g >= MIN_RUN && holder != 0 && contains(stats, i, holder))
    }

    /// Whether element `i` holds most (over half) of the prose of `root`, the chosen
    /// container, when that is more than a line: on a page too short for a run, the
    /// message of an error page or a short notice in a layout table.
    pub(super) fn holds_most(&self, i: usize, root: usize) -> bool {
        let root_prose = self.good.get(root).copied().unwrap_or(0);
        let own = self.good.get(i).copied().unwrap_or(0);
        root_prose >= MIN_MOST && 2 * own > root_prose
    }

    /// Whether element `i`'s own text is prose.
    pub(super) fn is_prose(&self, i: usize) -> bool {
        self.prose.get(i).copied().unwrap_or(false)
    }

    /// Whether element `i` holds a post: a content-named element (`post-body`, `entry`)
    /// whose prose is most of `i`'s own text and a good part (a quarter) of the prose of
    /// `root`, the chosen container. A Blogger post sits in `div.widget.Blog`.
    pub(super) fn holds_post(&self, stats: &[Stat<'_>], i: usize, root: usize) -> bool {
        let own = stats[i].text.saturating_sub(stats[i].links);
        let post = self.named.get(i).copied().unwrap_or(0);
        let root_prose = self.good.get(root).copied().unwrap_or(0);
        post >= MIN_POST && 2 * post >= own && 4 * post >= root_prose
    }

    /// The largest run of prose: how much prose it holds (0 on a page without prose).
    pub(super) fn run_prose(&self) -> u32 {
        self.run.map_or(0, |(g, _)| g)
    }

    /// The element holding the largest run of prose, unless that is the body; an only
    /// child stands for its parent.
    pub(super) fn run_holder(&self, stats: &[Stat<'_>]) -> Option<usize> {
        let (_, mut top) = self.run?;
        while stats[top].parent != NONE
            && stats[top].parent != 0
            && stats[stats[top].parent].children == 1
        {
            top = stats[top].parent;
        }
        (top != 0).then_some(top)
    }

    /// Prose in the given subtrees. An inline element (a `<font>` holding a whole old
    /// page) shares its block's class: its text is prose when its block's is.
    pub(super) fn good_in(&self, stats: &[Stat<'_>], roots: &[usize]) -> u32 {
        roots
            .iter()
            .map(|&r| {
                let mut block = r;
                while block != NONE && is_inline(stats[block].name) {
                    block = stats[block].parent;
                }
                if block != r && block != NONE && self.prose[block] {
                    self.good[r].max(stats[r].text.saturating_sub(stats[r].links))
                } else {
                    self.good[r]
                }
            })
            .sum()
    }
}

/// Elements whose own text is a paragraph of the page.
fn is_block(s: &Stat<'_>) -> bool {
    !is_inline(s.name)
}

fn classify(s: &Stat<'_>) -> Class {
    let all = s.own_text + s.own_links;
    if s.own_links as f32 > MAX_LINKS * all as f32 {
        return Class::Bad;
    }
    let marks = s.own_punct + s.own_stops;
    let heading = s.name.len() == 2 && s.name.starts_with('h');
    if all < SHORT || heading {
        return Class::Short;
    }
    if all >= LONG && marks >= 2 {
        return Class::Good;
    }
    if all >= 2 * LONG && marks >= 1 {
        return Class::Good;
    }
    if marks >= 1 {
        return Class::NearGood;
    }
    if all >= 2 * LONG {
        return Class::Bad;
    }
    Class::Short
}

/// jusText's context rule: a short or near-good block between prose on both sides is
/// prose; a near-good block next to prose on one side is prose; everything else is not.
fn smooth(classes: &mut [Class]) {
    let n = classes.len();
    // The nearest Good or Bad class before and after each block.
    let mut before = vec![Class::Bad; n];
    let mut last = Class::Bad;
    for i in 0..n {
        before[i] = last;
        if matches!(classes[i], Class::Good | Class::Bad) {
            last = classes[i];
        }
    }
    let mut after = vec![Class::Bad; n];
    let mut next = Class::Bad;
    for i in (0..n).rev() {
        after[i] = next;
        if matches!(classes[i], Class::Good | Class::Bad) {
            next = classes[i];
        }
    }
    for i in 0..n {
        let (b, a) = (before[i] == Class::Good, after[i] == Class::Good);
        classes[i] = match classes[i] {
            Class::Short if b && a => Class::Good,
            Class::NearGood if b || a => Class::Good,
            Class::Good => Class::Good,
            _ => Class::Bad,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(list: &[Class]) -> Vec<Class> {
        let mut v = list.to_vec();
        smooth(&mut v);
        v
    }

    #[test]
    fn short_blocks_between_prose_are_prose() {
        use Class::*;
        assert_eq!(classes(&[Good, Short, Good]), [Good, Good, Good]);
        assert_eq!(classes(&[Good, Short, Bad]), [Good, Bad, Bad]);
        assert_eq!(classes(&[Bad, NearGood, Good]), [Bad, Good, Good]);
        assert_eq!(classes(&[Bad, NearGood, Bad]), [Bad, Bad, Bad]);
    }
}
