//! The publisher's-copy strategy: the element whose text best matches the page's JSON-LD
//! `articleBody` is the article, when one matches it well.

use super::hints;
use super::overlap::Hint;
use super::stats::{Stat, NONE};

/// How well (F1 of shingles) an element must match the JSON-LD `articleBody` to be taken
/// as the article over the scores.
const HINT_F1: f32 = 0.6;

/// The element whose text best matches the hint (F1 over shingles), if it matches well.
pub(super) fn best_match(stats: &[Stat<'_>], hint: &Hint) -> Option<usize> {
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
