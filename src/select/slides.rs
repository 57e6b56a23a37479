//! Slideshows: sibling slides of which the page shows one, marked by a state class
//! (`active`, `current`, `is-selected`, `swiper-slide-active`). The slides it does not
//! show are the page's other pages (a gallery's next photos, a list's other entries),
//! not its text. Slides hidden by `aria-hidden` or `hidden` are already noise.

use super::stats::Stat;
use crate::clean::any_name_word;
use crate::dom::attr;

/// Slides a slideshow needs, at least, to be told from a pair of boxes.
const MIN_SLIDES: usize = 3;

/// Words of a class or id that name a slideshow or its slides.
const SLIDE_WORDS: &[&str] = &[
    "slide",
    "slides",
    "slider",
    "slideshow",
    "carousel",
    "swiper",
    "slick",
    "glide",
    "splide",
    "flickity",
    "gallery",
];

/// Last words of a class token that mark the slide shown (`active`, `is-selected`,
/// `slick-current`).
const SHOWN: &[&str] = &["active", "current", "selected"];

/// Last words of a class token that mark a copy of a slide made for looping
/// (`slick-cloned`, `swiper-slide-duplicate`): not a state, but not the slide's kind either.
const COPY: &[&str] = &["cloned", "clone", "duplicate"];

/// The elements (indices into `stats`, ascending) that are slides a slideshow does not
/// show: siblings of one tag and class, at least [`MIN_SLIDES`] of them, named as slides
/// (they or their parent), of which exactly one carries a state class and has something
/// to show.
pub(super) fn unshown(stats: &[Stat<'_>]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut kids = Vec::new();
    for (p, parent) in stats.iter().enumerate() {
        if (parent.children as usize) < MIN_SLIDES {
            continue;
        }
        kids.clear();
        let mut j = p + 1;
        while j < parent.end {
            kids.push(j);
            j = stats[j].end;
        }
        if let Some(pages) = hidden_pages(stats, &kids) {
            out.extend(pages);
            continue;
        }
        let Some(&shown) = kids
            .iter()
            .find(|&&k| class_of(stats, k).is_some_and(is_marked))
        else {
            continue;
        };
        let kind = |k: usize| (stats[k].name, class_of(stats, k).map(base));
        let slides: Vec<usize> = kids
            .iter()
            .copied()
            .filter(|&k| kind(k) == kind(shown))
            .collect();
        let marked = slides
            .iter()
            .filter(|&&k| class_of(stats, k).is_some_and(is_marked))
            .count();
        let s = &stats[shown];
        if slides.len() < MIN_SLIDES
            || marked != 1
            || s.text + s.images == 0
            || !(names_slides(stats, shown) || names_slides(stats, p))
        {
            continue;
        }
        out.extend(slides.into_iter().filter(|&k| k != shown));
    }
    out.sort_unstable();
    out
}

/// The pages a paged story does not show, among the children `kids` of one element:
/// siblings of one tag and class, at least [`MIN_SLIDES`] of them, all but one marked
/// hidden by a state token of their own class (`item-page item-page_hidden`,
/// `tab tab--hidden`, `is-hidden`). The one left unmarked, with something to show, is the
/// page the reader sees; the others wait for a click on "next page". A lone element
/// named `hidden` is not enough: a CMS may call a label that (the pattern of siblings is
/// what tells a state).
fn hidden_pages(stats: &[Stat<'_>], kids: &[usize]) -> Option<Vec<usize>> {
    let hidden = |k: usize| class_of(stats, k).is_some_and(is_hidden_state);
    let kind = |k: usize| (stats[k].name, class_of(stats, k).map(page_base));
    let first_hidden = *kids.iter().find(|&&k| hidden(k))?;
    // The kind of page, read once (each sibling's is compared with it).
    let page = kind(first_hidden);
    let pages: Vec<usize> = kids.iter().copied().filter(|&k| kind(k) == page).collect();
    let shown: Vec<usize> = pages.iter().copied().filter(|&k| !hidden(k)).collect();
    let [shown] = shown[..] else {
        return None;
    };
    let s = &stats[shown];
    if pages.len() < MIN_SLIDES || s.text + s.images == 0 {
        return None;
    }
    Some(pages.into_iter().filter(|&k| k != shown).collect())
}

/// Whether a token is a hidden state: `hidden`, or a modifier ending in it
/// (`item-page_hidden`, `is-hidden`).
fn is_hidden_token(token: &str) -> bool {
    last_word(token).eq_ignore_ascii_case("hidden")
}

/// Whether a class value has a hidden-state token beside the tokens naming its kind.
fn is_hidden_state(class: &str) -> bool {
    let mut tokens = class.split_ascii_whitespace();
    let hidden = tokens.clone().any(is_hidden_token);
    hidden && tokens.any(|t| !is_hidden_token(t))
}

/// A class value less its hidden-state tokens, as the kind of page it names.
fn page_base(class: &str) -> Vec<&str> {
    kind_without(class, is_hidden_token)
}

/// A class value's tokens, sorted, less those that `state` says are a state: the kind of
/// element it names, whatever state it is in.
fn kind_without(class: &str, state: fn(&str) -> bool) -> Vec<&str> {
    let mut tokens: Vec<&str> = class
        .split_ascii_whitespace()
        .filter(|t| !state(t))
        .collect();
    tokens.sort_unstable();
    tokens
}

fn class_of<'a>(stats: &[Stat<'a>], i: usize) -> Option<&'a str> {
    attr(stats[i].node, "class")
}

/// The last word of a class token (`swiper-slide-active` → `active`).
fn last_word(token: &str) -> &str {
    token.rsplit(['-', '_']).next().unwrap_or(token)
}

fn is_state(token: &str) -> bool {
    let word = last_word(token);
    SHOWN
        .iter()
        .chain(COPY)
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether a class value marks the slide shown.
fn is_marked(class: &str) -> bool {
    class.split_ascii_whitespace().any(|t| {
        let word = last_word(t);
        SHOWN.iter().any(|w| w.eq_ignore_ascii_case(word))
    })
}

/// A class value less its state tokens, as the kind of slide it names.
fn base(class: &str) -> Vec<&str> {
    kind_without(class, is_state)
}

/// Whether the element's class or id names a slide or a slideshow.
fn names_slides(stats: &[Stat<'_>], i: usize) -> bool {
    let node = stats[i].node;
    ["class", "id"].iter().any(|name| {
        attr(node, name).is_some_and(|v| {
            any_name_word(v, |w| SLIDE_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w)))
        })
    })
}

#[cfg(test)]
mod tests {
    const TEXT: &str = "A caption of the slide, long enough to be read as prose, with a stop.";

    fn text_of(html: &str) -> String {
        crate::extract_str(html).unwrap().text()
    }

    fn show(classes: &[&str]) -> String {
        let slides: String = classes
            .iter()
            .enumerate()
            .map(|(i, c)| {
                format!(
                    "<div class='{c}'><img src='http://e.com/{i}.jpg'>\
                     <p>Slide {i}. {TEXT} {TEXT}</p></div>"
                )
            })
            .collect();
        text_of(&format!(
            "<html><body><div class='post'><h1>Ten photos</h1>\
             <div class='slideshow'>{slides}</div></div></body></html>"
        ))
    }

    #[test]
    fn only_the_shown_slide_is_kept() {
        let text = show(&["slide", "slide", "slide active", "slide"]);
        assert!(text.contains("Slide 2."), "{text}");
        assert_eq!(text.matches("Slide ").count(), 1, "{text}");
        let text = show(&[
            "swiper-slide",
            "swiper-slide swiper-slide-active",
            "swiper-slide",
        ]);
        assert_eq!(text.matches("Slide ").count(), 1, "{text}");
        assert!(text.contains("Slide 1."), "{text}");
    }

    #[test]
    fn several_marked_or_unnamed_siblings_are_kept() {
        // Three slides shown at once: no one of them is the page.
        let text = show(&["slide active", "slide active", "slide"]);
        assert_eq!(text.matches("Slide ").count(), 3, "{text}");
        // Boxes that are not slides, one of them `current` (a post list's open post).
        let posts: String = (0..3)
            .map(|i| {
                let c = if i == 1 { "entry current" } else { "entry" };
                format!("<div class='{c}'><p>Post {i}. {TEXT} {TEXT}</p></div>")
            })
            .collect();
        let text = text_of(&format!(
            "<html><body><div class='posts'>{posts}</div></body></html>"
        ));
        assert_eq!(text.matches("Post ").count(), 3, "{text}");
    }

    #[test]
    fn a_paged_story_keeps_the_page_shown() {
        let pages = |classes: &[&str]| -> String {
            let pages: String = classes
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    // A later page holds the longest run of the story's prose.
                    let more = if i == 2 { 6 } else { 1 };
                    let paragraphs = format!("<p>{TEXT} {TEXT}</p>").repeat(more);
                    format!("<div class='{c}'><p>Page {i}.</p>{paragraphs}</div>")
                })
                .collect();
            text_of(&format!(
                "<html><body><article><h1>A story in pages</h1>\
                 <div class='body'>{pages}</div></article></body></html>"
            ))
        };
        let text = pages(&[
            "item-page",
            "item-page item-page_hidden",
            "item-page item-page_hidden",
        ]);
        assert_eq!(text.matches("Page ").count(), 1, "{text}");
        assert!(text.contains("Page 0."), "{text}");
        let text = pages(&[
            "tab tab--hidden",
            "tab",
            "tab tab--hidden",
            "tab tab--hidden",
        ]);
        assert_eq!(text.matches("Page ").count(), 1, "{text}");
        assert!(text.contains("Page 1."), "{text}");
        // Two shown, or too few to be pages: not a paged story, the shown ones stay.
        let text = pages(&["item-page", "item-page", "item-page item-page_hidden"]);
        assert!(
            text.contains("Page 0.") && text.contains("Page 1."),
            "{text}"
        );
        let text = pages(&["part", "part part_hidden"]);
        assert!(text.contains("Page 0."), "{text}");
    }
}
