//! The title anchor: the heading that states the page's title, and the article wrapper
//! around it. On a page of stacked articles (an infinite scroll, a "next story" stream)
//! the article is the one under the page's own headline.

use super::hints::is_inline;
use super::paragraphs::Mass;
use super::stats::{Stat, NONE};
use crate::clean::any_name_word;
use crate::dom::text_content;
use crate::normalize::comparable;

/// Headings longer than this (in bytes) are read no further: no title is that long.
const MAX_HEADING: u32 = 600;
/// Own text (weighted length) of a lead paragraph: a sentence or more.
const LEAD: u32 = 120;
/// Characters of a title (letters and digits) it takes to tell it by.
const MIN_TITLE: usize = 12;

/// The heading stating `title`, and its lowest ancestor that holds a real run of prose
/// (`min_prose` or more): the page's own article. `None` when no heading states the title
/// or no ancestor below the body holds prose.
pub(super) fn wrapper(
    stats: &[Stat<'_>],
    mass: &Mass,
    title: &str,
    min_prose: u32,
) -> Option<(usize, usize)> {
    let wanted = comparable(title);
    if wanted.chars().count() < MIN_TITLE {
        return None;
    }
    let heading = (0..stats.len()).find(|&i| {
        let s = &stats[i];
        matches!(s.name, "h1" | "h2")
            && s.text <= MAX_HEADING
            && same_title(&comparable(&text_content(s.node)), &wanted)
    })?;
    let mut up = stats[heading].parent;
    while up != NONE && up != 0 {
        if mass.good[up] >= min_prose {
            return Some((heading, up));
        }
        up = stats[up].parent;
    }
    None
}

/// The lead: prose paragraphs after the headline `heading` and before `first`, the
/// chosen container (a standfirst set apart from the body), in document order.
pub(super) fn lead(stats: &[Stat<'_>], mass: &Mass, heading: usize, first: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = stats[heading].end;
    while j < first {
        let s = &stats[j];
        if s.end > first {
            // An ancestor of the container: look inside it.
            j += 1;
            continue;
        }
        if matches!(s.name, "figure" | "figcaption" | "header" | "footer")
            || s.names.caption
            || s.names.meta
            || s.in_noise
        {
            // Captions, bylines, datelines: not the lead.
            j = s.end;
            continue;
        }
        // Text in a box with an image is its caption.
        let captioned = s.images > 0
            || stats
                .get(s.parent)
                .is_some_and(|p| p.images > 0 && 2 * s.text >= p.text);
        let sentence = !captioned && s.own_text >= LEAD && s.own_punct + s.own_stops >= 1;
        // A standfirst is a paragraph or a box of its own (`div.abstract`), not a list
        // item or a table cell; a heading only where its class names it the lead
        // (`h2.article-deck`, `h2.entry-summary`): a plain subheading under the headline
        // is a deck that some publishers count with the article and others not.
        let standfirst = if matches!(s.name, "h2" | "h3" | "h4" | "h5" | "h6") {
            s.own_stops >= 1 && s.class.is_some_and(names_lead)
        } else {
            !is_inline(s.name)
                && !matches!(s.name, "li" | "dd" | "dt" | "td" | "th")
                && mass.is_prose(j)
        };
        if sentence && standfirst {
            out.push(j);
            j = s.end;
        } else {
            j += 1;
        }
    }
    out
}

/// Whether a class value has a word naming a lead (`article-lead`, `entry-summary`,
/// `article__deck`, `excerpt`, `teaser`).
fn names_lead(class: &str) -> bool {
    const WORDS: &[&str] = &[
        "lead",
        "deck",
        "dek",
        "excerpt",
        "summary",
        "teaser",
        "abstract",
        "intro",
        "standfirst",
    ];
    any_name_word(class, |w| WORDS.iter().any(|l| w.eq_ignore_ascii_case(l)))
}

/// Whether a heading's letters state the title: the same, or one holding the other (a
/// title with its site name, a heading with a kicker).
fn same_title(heading: &str, title: &str) -> bool {
    heading.chars().count() >= MIN_TITLE && (heading.contains(title) || title.contains(heading))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_match_with_site_names_and_kickers() {
        let t = comparable("Council approves the new bridge");
        assert!(same_title(
            &comparable("Council approves the new bridge!"),
            &t
        ));
        assert!(same_title(
            &comparable("Council approves the new bridge | Riverton Gazette"),
            &t
        ));
        assert!(!same_title(&comparable("Council"), &t));
        assert!(!same_title(&comparable("Weather for the weekend"), &t));
    }
}
