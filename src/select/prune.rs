//! Boilerplate inside the chosen containers: link lists, bylines, widgets.

use super::hints::is_inline;
use super::labels;
use super::paragraphs::Mass;
use super::slides;
use super::stats::{contains, Stat, NONE};
use crate::clean::{any_name_word, is_comment_word};
use crate::dom::{attr, text_content};
use std::collections::{HashMap, HashSet};

/// Containers judged by their link density (paragraph-like elements are kept whole).
const CONTAINERS: &[&str] = &[
    "div", "section", "ul", "ol", "dl", "table", "header", "footer", "aside", "nav", "form", "li",
    "span", "center", "figure", "details", "td",
];

/// Text (weighted length) a "related" box must leave in the root to be dropped.
const MIN_LEFT: u32 = 150;

/// Text (weighted length) of its own, captions aside, under which a root is a photo story:
/// its captions are its text.
const PHOTO_STORY: u32 = 400;

/// Text (weighted length) a caption needs to be a sentence, not a credit.
const CAPTION_SENTENCE: u32 = 40;

/// Text (weighted length) under which a paragraph that is all link is a related link.
const LINK_PARAGRAPH: u32 = 150;

/// Elements with at most this much text (weighted length) are read for labels.
const LABEL_TEXT: u32 = 120;

/// The elements under `roots` to skip. With `hinted` (the roots were chosen by the JSON-LD
/// `articleBody`), an element whose text is mostly in that body is never skipped; nor is
/// one holding most of the page's largest run of prose (`mass`), whatever its name says.
/// The slides a slideshow does not show are skipped whatever they hold.
pub(super) fn prune(
    stats: &[Stat<'_>],
    mass: &Mass,
    roots: &[usize],
    hinted: bool,
) -> (HashSet<ego_tree::NodeId>, HashSet<ego_tree::NodeId>) {
    let mut skip = HashSet::new();
    let mut cut = HashSet::new();
    let cards = Cards::read(stats);
    let mut before = HashMap::new();
    let holder = mass.run_holder(stats);
    let unshown = slides::unshown(stats);
    let captions = photo_captions(stats, roots, &unshown);
    for &root in roots {
        let total = stats[root].text.max(1);
        let mut list: Option<usize> = None;
        let mut i = root + 1;
        while i < stats[root].end {
            let s = &stats[i];
            let stated = hinted && s.shingles > 0 && s.hits * 2 >= s.shingles;
            // With the publisher's copy of the body at hand, a container holding none of
            // it and no image (an ad label, a tag line, a teaser box) is not the article.
            let unstated = hinted
                && s.hits == 0
                && s.shingles > 0
                && s.images == 0
                && CONTAINERS.contains(&s.name);
            if unshown.binary_search(&i).is_ok() {
                skip.insert(s.node.id());
                i = s.end;
                continue;
            }
            // A widget-named box around a post (its prose in a `post`- or `entry`-named
            // element) is the post's frame: judged inside, not dropped whole.
            if mass.holds_run(stats, i)
                || !is_frame(s.name) && mass.holds_most(i, root)
                || s.noise_name && mass.holds_post(stats, i, root)
            {
                i += 1;
                continue;
            }
            // An annotated list and its annotated items are content, links and all: judged
            // inside (their share buttons and bylines still go), not dropped as link lists.
            if !unstated && annotated_list(stats, i) {
                list = Some(i);
                i += 1;
                continue;
            }
            // A photo story's captions, and the boxes that hold them, are judged inside.
            let first = captions.partition_point(|&c| c < i);
            if captions.get(first).is_some_and(|&c| c < s.end) && !s.noise_name {
                i += 1;
                continue;
            }
            if list.is_some_and(|l| s.parent == l) && s.name == "li" && is_noted(s) {
                i += 1;
                continue;
            }
            if unstated
                || (!stated && (is_boilerplate(s, total) || cards.is_teaser(stats, i, holder)))
            {
                skip.insert(s.node.id());
                i = s.end;
                continue;
            }
            if opens_thread(stats, i, &mut before) {
                cut.insert(s.node.id());
                // The rest of the parent is not read: on to the parent's next sibling.
                i = stats.get(s.parent).map_or(stats[root].end, |p| p.end);
                continue;
            }
            if let Some(next) = labelled(stats, root, i, &mut skip) {
                i = next;
                continue;
            }
            i += 1;
        }
    }
    (skip, cut)
}

/// Whether the element is a caption: a `<figcaption>`, or named as a caption or credit.
fn is_caption(s: &Stat<'_>) -> bool {
    s.name == "figcaption" || s.names.caption
}

/// The captions (indices into `stats`, ascending) under `roots` if they are a photo
/// story: a line or two of text of their own and shown captions that say as much (a news
/// site's photo page, a gallery post). There the captions are what a reader reads;
/// elsewhere (an empty list) they are left to the images they caption.
fn photo_captions(stats: &[Stat<'_>], roots: &[usize], unshown: &[usize]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut captions = 0;
    let mut total = 0;
    for &root in roots {
        total += stats[root].text;
        let mut i = root + 1;
        while i < stats[root].end {
            let s = &stats[i];
            if unshown.binary_search(&i).is_ok() || s.noise_name && !is_caption(s) {
                i = s.end;
            } else if is_caption(s) {
                if s.text >= CAPTION_SENTENCE {
                    captions += s.text;
                    found.push(i);
                }
                i = s.end;
            } else {
                i += 1;
            }
        }
    }
    found.sort_unstable();
    if total.saturating_sub(captions) >= PHOTO_STORY {
        found.clear();
    }
    found
}

/// Whether element `i` is the mark that opens a comment thread with no wrapper of its
/// own: an empty anchor or box named for the comments (`<a name="comments">`,
/// `<a name="commentSection">`, `<div id="comments"></div>`), after at least a short
/// article's worth of text in its parent. Everything from it to the end of its parent is
/// the thread.
///
/// The mark is named by its `id` or an anchor's `name` (a section's target), not by a
/// class (`<span class="comments-link">` is a count in a byline). `before` remembers, per
/// parent, how far its children have been summed, so that no sibling is summed twice.
fn opens_thread(stats: &[Stat<'_>], i: usize, before: &mut HashMap<usize, (usize, u32)>) -> bool {
    let s = &stats[i];
    if s.text != 0 || s.end != i + 1 || s.parent == NONE {
        return false;
    }
    let comment_named = |v: Option<&str>| v.is_some_and(|v| any_name_word(v, is_comment_word));
    let named =
        comment_named(attr(s.node, "id")) || s.name == "a" && comment_named(attr(s.node, "name"));
    if !named || stats[s.parent].in_comments {
        return false;
    }
    let (j, text) = before.entry(s.parent).or_insert((s.parent + 1, 0));
    while *j < i {
        *text += stats[*j].text;
        *j = stats[*j].end;
    }
    *text >= MIN_LEFT
}

/// Boilerplate announced by its text: a credit line, a tag line, or a "related" heading
/// (dropped with what follows it in its box). Returns where the scan goes on.
fn labelled(
    stats: &[Stat<'_>],
    root: usize,
    i: usize,
    skip: &mut HashSet<ego_tree::NodeId>,
) -> Option<usize> {
    let s = &stats[i];
    if s.text == 0 || s.text > 5 * LABEL_TEXT || s.text * 2 > stats[root].text {
        return None;
    }
    let text = text_content(s.node);
    if s.link_density() >= 0.4
        && (labels::starts_tag_line(&text)
            || labels::starts_see_also(&text)
            || labels::starts_ad_label(&text))
    {
        skip.insert(s.node.id());
        return Some(s.end);
    }
    if s.text > LABEL_TEXT || is_inline(s.name) {
        return None;
    }
    if labels::is_credit_line(&text)
        || labels::is_tool_line(&text)
        || labels::is_copyright(&text)
        || labels::is_page_stamp(&text)
        || labels::is_ad_label(&text)
        // A date in a table cell or a list item is data (a schedule, a results table).
        || !matches!(s.name, "td" | "th" | "li" | "dd" | "dt") && labels::is_bare_date(&text)
        || labels::is_ui_line(&text)
    {
        skip.insert(s.node.id());
        return Some(s.end);
    }
    if !labels::is_related_heading(&text) {
        return None;
    }
    // The box the heading opens: while it is the first element of its parent, the parent.
    let mut label = i;
    loop {
        let parent = stats[label].parent;
        if parent == NONE || parent == root || parent + 1 != label {
            break;
        }
        label = parent;
    }
    let root_text = stats[root].text;
    let dropped: Vec<usize> = if label != i {
        // A box of its own: dropped whole, as long as some article is left.
        if root_text.saturating_sub(stats[label].text) < MIN_LEFT {
            return None;
        }
        vec![label]
    } else {
        // A heading among the article's blocks: it and what follows it in its parent,
        // unless that is much of the article.
        let parent = stats[label].parent;
        let end = stats.get(parent).map_or(stats[root].end, |p| p.end);
        let mut dropped = Vec::new();
        let mut text = 0;
        let mut j = label;
        while j < end {
            dropped.push(j);
            text += stats[j].text;
            j = stats[j].end;
        }
        if text * 2 > root_text {
            return None;
        }
        dropped
    };
    let next = dropped.last().map_or(i + 1, |&j| stats[j].end);
    skip.extend(dropped.into_iter().map(|j| stats[j].node.id()));
    Some(next)
}

/// Whether an element is boilerplate in a root holding `root_text`.
pub(super) fn is_boilerplate(s: &Stat<'_>, root_text: u32) -> bool {
    // Never drop the bulk of the article.
    if s.text * 2 > root_text {
        return false;
    }
    if s.carries_prose {
        // Named as furniture, but the page's prose: a name drops no article.
    } else if s.noise_name || matches!(s.name, "header" | "footer") || is_caption(s) {
        return true;
    }
    if s.names.meta && s.text < 200 && s.punct < 4 {
        return true;
    }
    // A paragraph that is one link and no sentence (`<p><a>Another story</a></p>`) points
    // to another page: a related link set among the article's paragraphs.
    if s.name == "p"
        && s.text > 0
        && s.images == 0
        && s.text < LINK_PARAGRAPH
        && s.links * 10 >= s.text * 9
        && !ends_sentence(s)
    {
        return true;
    }
    if !CONTAINERS.contains(&s.name) {
        return false;
    }
    let density = s.link_density();
    if s.names.negative && s.score < 20.0 && !s.carries_prose {
        return true;
    }
    // A span holding no elements is a word or phrase, link or not (a dictionary link's
    // `<a><span>word</span></a>` inside a sentence): never a link list.
    if s.text == 0 || s.name == "span" && s.children == 0 {
        return false;
    }
    // Items that carry a sentence of their own besides their link (a news round-up's
    // "<a>Headline</a>. What happened.") are prose, not a link list.
    let linky = density > 0.3 && s.punct < 2;
    density > 0.5 || (linky && (s.text - s.links < 50 || !ends_sentence(s)))
}

/// Whether the element's text ends a sentence (`.`, `!`, `?`, `。`…), as a teaser
/// headline does not.
fn ends_sentence(s: &Stat<'_>) -> bool {
    let text = text_content(s.node);
    text.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', '）'])
        .ends_with(['.', '!', '?', '。', '！', '？'])
}

/// Whether a tag names the page's frame rather than its content.
fn is_frame(name: &str) -> bool {
    matches!(name, "header" | "footer" | "nav" | "aside")
}

/// Items of text beside their links an annotated list needs, at least.
const MIN_ITEMS: usize = 3;

/// Text (weighted length) outside its link an annotated item holds, at least.
const ITEM_NOTE: u32 = 25;

/// Whether element `i` is a list whose items say something besides their link (a deal
/// list's `<a>Drive</a> for $161 at Dell (normally $180)`, a round-up's `<a>Story</a> –
/// why it matters`): content with links, not a link list. Two thirds of its items, and
/// [`MIN_ITEMS`] or more, hold [`ITEM_NOTE`] of their own text besides their links.
fn annotated_list(stats: &[Stat<'_>], i: usize) -> bool {
    let s = &stats[i];
    if !matches!(s.name, "ul" | "ol") || s.names.negative || s.noise_name {
        return false;
    }
    let (mut items, mut noted) = (0usize, 0usize);
    let mut j = i + 1;
    while j < s.end {
        let c = &stats[j];
        if c.name == "li" {
            items += 1;
            noted += usize::from(is_noted(c));
        }
        j = c.end;
    }
    noted >= MIN_ITEMS && 3 * noted >= 2 * items
}

/// Whether a list item holds a link and [`ITEM_NOTE`] of text besides it.
fn is_noted(s: &Stat<'_>) -> bool {
    s.links > 0 && s.text.saturating_sub(s.links) >= ITEM_NOTE
}

/// Text (weighted length) a teaser card holds at most: a headline, a line or two, a byline.
const CARD_TEXT: u32 = 600;

/// Teaser cards a box must hold to be a stream of them.
const MIN_CARDS: u32 = 3;

/// The teaser cards of a page: boxes of a linked headline and a line or two about the
/// story it links to, stacked in a "more stories" stream.
struct Cards {
    /// Whether the element holds a linked headline (an `h2`–`h4` that is all link, to
    /// another page).
    headline: Vec<bool>,
    /// How many children of the element are cards.
    count: Vec<u32>,
}

impl Cards {
    fn read(stats: &[Stat<'_>]) -> Cards {
        let mut headline = vec![false; stats.len()];
        for (i, s) in stats.iter().enumerate() {
            if matches!(s.name, "h2" | "h3" | "h4")
                && s.text >= 10
                && s.links * 10 >= s.text * 8
                && links_away(s)
            {
                headline[i] = true;
            }
        }
        for i in (1..stats.len()).rev() {
            let p = stats[i].parent;
            if headline[i] && p != NONE {
                headline[p] = true;
            }
        }
        let mut count = vec![0u32; stats.len()];
        for (i, s) in stats.iter().enumerate() {
            if s.parent != NONE && is_card(s, headline[i]) {
                count[s.parent] += 1;
            }
        }
        Cards { headline, count }
    }

    /// Whether element `i` is a card of a stream: [`MIN_CARDS`] or more of its siblings
    /// (itself included) are cards, and the page's run of prose (`holder`) lies outside
    /// the stream (cards inside the article's own run are its items: a digest's stories).
    fn is_teaser(&self, stats: &[Stat<'_>], i: usize, holder: Option<usize>) -> bool {
        let s = &stats[i];
        s.parent != NONE
            && is_card(s, self.headline[i])
            && self.count[s.parent] >= MIN_CARDS
            && holder.is_some_and(|h| !contains(stats, h, i) && !contains(stats, s.parent, h))
    }
}

/// Whether an element holding a linked headline (`headline`) is small enough to be a card.
fn is_card(s: &Stat<'_>, headline: bool) -> bool {
    headline && s.text <= CARD_TEXT && !matches!(s.name, "h2" | "h3" | "h4")
}

/// Whether a heading's links lead to another page (not `#section` anchors of its own).
fn links_away(s: &Stat<'_>) -> bool {
    s.node.descendants().any(|n| {
        n.value()
            .as_element()
            .is_some_and(|e| e.name() == "a" && e.attr("href").is_some_and(|h| !h.starts_with('#')))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{parse, tag};

    const PARA: &str = "A paragraph of the story, long enough to count as prose, with commas, \
                        clauses, and a full stop at the end of it. It goes on for a while.";

    /// The texts left under the element `root_tag` after pruning.
    fn kept(html: &str, root_tag: &str) -> String {
        let dom = parse(html);
        let body = dom.find("body").unwrap();
        let stats = super::super::stats::collect(body, None);
        let mass = Mass::read(&stats);
        let root = stats.iter().position(|s| s.name == root_tag).unwrap();
        let (skip, _) = prune(&stats, &mass, &[root], false);
        let mut out = String::new();
        let mut walk = vec![stats[root].node];
        while let Some(n) = walk.pop() {
            if skip.contains(&n.id()) {
                continue;
            }
            if tag(n).is_none() {
                out.extend(crate::dom::text(n));
            }
            walk.extend(n.children().rev());
        }
        out
    }

    #[test]
    fn a_stream_of_teaser_cards_beside_the_article_goes() {
        let card = |i: usize| {
            format!(
                "<div class='card'><a href='/topic/{i}'>Topic {i}</a>\
                 <h3><a href='/story/{i}'>Another story number {i} here</a></h3>\
                 <div><a href='/author/{i}'>Writer Name {i}</a></div><div>2 hours ago</div>\
                 <p>A line about story {i}, said in a sentence or two, as teasers do.</p></div>"
            )
        };
        let cards: String = (0..4).map(card).collect();
        let html = format!(
            "<body><main><div class='entry'><h1>The story</h1><p>{PARA} {PARA}</p>\
             <p>{PARA} {PARA}</p><p>{PARA}</p></div><div class='stream'>{cards}</div></main></body>"
        );
        let text = kept(&html, "main");
        assert!(text.contains("A paragraph of the story"), "{text}");
        assert!(!text.contains("Another story"), "{text}");
        assert!(!text.contains("A line about story"), "{text}");
    }

    #[test]
    fn a_linked_word_in_a_sentence_stays() {
        let html = format!(
            "<body><div><p>{PARA} The <a href='javascript:void(0)' class='dic'><span>law</span></a> \
             changed, <a href='#w'><span>parents</span></a> said.</p><p>{PARA} {PARA}</p></div></body>"
        );
        let text = kept(&html, "div");
        assert!(text.contains("The law changed, parents said."), "{text}");
    }

    #[test]
    fn a_paragraph_that_is_one_link_goes_a_linked_sentence_stays() {
        let html = format!(
            "<body><div><p>{PARA} {PARA}</p><p>{PARA} {PARA}</p>\
             <p><a href='/other'>Team names its squad for next season</a></p>\
             <p><a href='/report'>Read the full report on the council's site.</a></p></div></body>"
        );
        let text = kept(&html, "div");
        assert!(!text.contains("names its squad"), "{text}");
        assert!(text.contains("Read the full report"), "{text}");
    }

    #[test]
    fn a_dateline_goes_a_date_in_a_table_stays() {
        let html = format!(
            "<body><div><p>23.10.2018</p><p>{PARA} {PARA}</p><p>{PARA} {PARA}</p>\
             <table><tr><td>12.03.2020</td><td>Opening night, with the full company</td></tr>\
             </table></div></body>"
        );
        let text = kept(&html, "div");
        assert!(!text.contains("23.10.2018"), "{text}");
        assert!(text.contains("12.03.2020"), "{text}");
    }

    #[test]
    fn cards_inside_the_article_are_its_items() {
        let item = |i: usize| {
            format!(
                "<div class='item'><h3><a href='/place/{i}'>Place number {i} to visit</a></h3>\
                 <p>{PARA} Item {i}.</p></div>"
            )
        };
        let items: String = (0..4).map(item).collect();
        let html = format!("<body><main><h1>Places</h1>{items}</main></body>");
        let text = kept(&html, "main");
        assert!(text.contains("Place number 3"), "{text}");
    }
}
