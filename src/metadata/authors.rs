//! Authors: bylines as the page shows them near the headline (`By Jane Doe`, `Von Max
//! Muster`, an element named for the author), and the cleaning every author value gets
//! (`View all posts by …`, a date or role glued on, a site's name given as the author).

use crate::dom::{attr, text, NodeRef};
use crate::normalize::comparable;

use super::dates;

/// Text after the headline read for a byline, in bytes.
const AFTER_HEADLINE: usize = 1500;

/// A byline longer than this is prose or a biography, not a byline.
const BYLINE: usize = 120;

/// Levels above a text looked at for the headline or a comment thread holding it.
const ENCLOSING: usize = 16;

/// Levels above a text looked at for the element naming it a byline.
const NAMED_LEVELS: usize = 3;

/// Words that open a byline before the name, in the languages of the shared pages.
const LEADS: &[&str] = &[
    "by ",
    "von ",
    "par ",
    "por ",
    "door ",
    "di ",
    "text: ",
    "text von ",
    "von: ",
    "vom ",
    "by: ",
    "autor: ",
    "autorin: ",
    "author: ",
    "written by ",
    "posted by ",
    "view all posts by ",
    "alle beiträge von ",
    "geschrieben von ",
    "verfasst von ",
    "gespeichert von ",
    "veröffentlicht von ",
    "published by ",
    "publié par ",
    "publicado por ",
    "作者：",
    "作者:",
    "文/",
    "文／",
    "记者 ",
    "记者：",
];

/// Weekdays, which a date cut off leaves behind (`am Samstag`).
const WEEKDAYS: &[&str] = &[
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Values that name no one.
const NOBODY: &[&str] = &[
    "posted",
    "published",
    "veröffentlicht",
    "admin",
    "administrator",
    "no author",
    "unknown",
    "anonymous",
    "author",
    "autor",
    "editor",
    "guest",
    "staff",
    "webmaster",
];

/// The author a byline's text names: its lead words (`By`, `Von`, `作者：`) and what is
/// glued after the name (a date, `|` and more, `, CNN`-like agency parts stay) removed;
/// `None` when no name is left, it names no one (`admin`, `No Author`), or it is a URL,
/// an e-mail address or longer than a byline.
pub(crate) fn clean(raw: &str) -> Option<String> {
    let mut s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.len() > BYLINE {
        return None;
    }
    // Lead words, case ignored (several: `Posted by`, `Text von`).
    loop {
        let lower = s.to_lowercase();
        let Some(lead) = LEADS.iter().find(|l| lower.starts_with(*l)) else {
            break;
        };
        // The lead words are the same length lower-cased but for `ß`-like letters,
        // which none of them has.
        s = s.get(lead.len()..).unwrap_or_default().trim().to_string();
    }
    // A date or time glued on, and what follows a separator.
    if let Some(at) = dates::date_start(&s) {
        s.truncate(at);
    }
    for sep in [" | ", " – ", " — ", "|", " · ", " • ", "·", "•"] {
        if let Some((head, _)) = s.split_once(sep) {
            s = head.to_string();
        }
    }
    // Connectors left before a date cut off (`Ann on`, `Redaktion am`).
    let mut s = s.trim();
    loop {
        let t = s.trim_end_matches([',', ';', ':', '·', '•', '/', '-', '|', ' ']);
        let t = [
            " on", " am", " le", " el", " il", " um", " at", " the", " under", " in",
        ]
        .iter()
        .find_map(|c| t.strip_suffix(c))
        .unwrap_or(t);
        // A weekday left before the date (`am Samstag`).
        let t = match t.rsplit_once(' ') {
            Some((head, last)) if WEEKDAYS.contains(&last.to_lowercase().as_str()) => head,
            _ => t,
        };
        if t.len() == s.len() {
            break;
        }
        s = t;
    }
    // A site's or a photo's credit line names no author of the text.
    const CREDITS: &[&str] = &[
        "powered by",
        "designed by",
        "design by",
        "theme by",
        "template by",
        "developed by",
        "hosted by",
        "realisiert von",
        "umgesetzt von",
        "foto",
        "photo",
        "фото",
        "bild:",
        "image:",
        "credits",
    ];
    let lower = s.to_lowercase();
    let bad = s.is_empty()
        || CREDITS.iter().any(|c| lower.contains(c))
        || !s.chars().any(char::is_alphabetic)
        || NOBODY.contains(&lower.as_str())
        || WEEKDAYS.contains(&lower.as_str())
        || lower.starts_with("http")
        || lower.starts_with("www.")
        || s.contains('@')
        || lower.contains("[at]")
        || lower.contains("(at)")
        || is_lead(&lower)
        || s.split_whitespace().count() > 10;
    (!bad).then(|| s.to_string())
}

/// The names in an author value: split at `;`, then at `,`, ` und `, ` and `, ` & `,
/// ` et `, ` y `, `、` where every part is a name of two words or more (a Chinese name of
/// two characters or more); else the value is one name.
pub(crate) fn split(author: &str) -> Vec<String> {
    let two_words = |p: &str| {
        let p = p.trim();
        p.split_whitespace().count() >= 2
            || (p.chars().count() >= 2 && p.chars().all(|c| c > '\u{2E80}'))
    };
    let mut out = Vec::new();
    for group in author.split(';').map(str::trim).filter(|g| !g.is_empty()) {
        let mut parts = vec![group.to_string()];
        for sep in [", ", ",", " und ", " and ", " & ", " et ", " y ", "、"] {
            let next: Vec<String> = parts
                .iter()
                .flat_map(|p| p.split(sep).map(|q| q.trim().to_string()))
                .filter(|q| !q.is_empty())
                .collect();
            if next.len() > parts.len() && next.iter().all(|q| two_words(q)) {
                parts = next;
            }
        }
        out.extend(parts);
    }
    let mut unique: Vec<String> = Vec::new();
    for name in out {
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    unique
}

/// Whether `author` is the site's own name rather than a person's: the page's
/// `og:site_name`, its host (`www.stern.de` for `STERN.de`; not the host's first label
/// alone, which on a personal blog is its author's name), or a part of its `<title>`
/// after a separator (`Headline - LAOLA1.at`).
pub(crate) fn is_site(
    author: &str,
    site: Option<&str>,
    host: Option<&str>,
    title: Option<&str>,
) -> bool {
    let a = comparable(author);
    if a.len() < 2 {
        return false;
    }
    if site.is_some_and(|s| comparable(s) == a) {
        return true;
    }
    if let Some(host) = host {
        let host = host.trim_start_matches("www.");
        if comparable(host) == a {
            return true;
        }
    }
    title.is_some_and(|t| {
        [" - ", " | ", " – ", " — ", " :: ", " · "]
            .iter()
            .flat_map(|sep| t.split(sep).skip(1))
            .any(|part| comparable(part) == a)
    })
}

/// The first byline after the headline: the text of an element named for the author
/// (`author`, `byline`, `autor`, `verfasser`, `writer`, `creator` in its class, id or
/// `itemprop`), or a short line opening with `By`, `Von`, `作者：`…; not a comment's.
/// Fed every node of the page in document order.
#[derive(Default)]
pub(crate) struct Bylines {
    found: Option<String>,
    read: usize,
    /// The last text was a byline's lead alone (`von`, `Published by`): the name follows.
    lead: bool,
    /// The named element last read.
    last_named: Option<ego_tree::NodeId>,
}

impl Bylines {
    /// Looks at `node`; `headline`: the `<h1>` met so far, if any.
    pub(crate) fn visit(&mut self, node: NodeRef<'_>, headline: Option<NodeRef<'_>>) {
        if self.found.is_some() || headline.is_none() || self.read >= AFTER_HEADLINE {
            return;
        }
        let Some(t) = text(node) else {
            return;
        };
        let t = t.trim();
        if t.is_empty() {
            return;
        }
        self.read += t.len();
        if t.len() > BYLINE {
            return;
        }
        let mut named = None;
        for (i, a) in node.ancestors().take(ENCLOSING).enumerate() {
            if Some(a) == headline || dates::names_a_comment(a) {
                return;
            }
            if named.is_none() && i < NAMED_LEVELS && names_an_author(a) {
                named = Some(a);
            }
        }
        let after_lead = std::mem::take(&mut self.lead);
        if let Some(named) = named {
            if self.last_named != Some(named.id()) {
                self.last_named = Some(named.id());
                let line = dates::short_text(named).unwrap_or_default();
                if is_lead(&line.to_lowercase()) {
                    // `<span class=byline>By</span> <a>Name</a>`.
                    self.lead = true;
                } else {
                    self.found = clean(&line);
                }
            }
            return;
        }
        // Leads are short: the start of the text is enough to tell.
        let lower = dates::head(t, 32).to_lowercase();
        if is_lead(&lower) {
            self.lead = true;
            return;
        }
        if after_lead || LEADS.iter().any(|l| lower.starts_with(l)) {
            self.found = clean(t);
        }
    }

    /// The byline's author, if one was found.
    pub(crate) fn author(self) -> Option<String> {
        self.found
    }
}

/// Whether a text is a byline's lead alone (`von`, `By`, `Veröffentlicht von`, `· von`),
/// the name in the text after it.
fn is_lead(lower: &str) -> bool {
    let t = lower
        .trim_start_matches(['·', '•', '|', '-', ' '])
        .trim_end();
    t.len() <= 24
        && LEADS.iter().any(|l| {
            let l = l.trim_end();
            t == l || t.strip_suffix(l).is_some_and(|head| head.ends_with(' '))
        })
}

fn names_an_author(node: NodeRef<'_>) -> bool {
    const WORDS: &[&[u8]] = &[
        b"author",
        b"byline",
        b"autor",
        b"verfasser",
        b"writer",
        b"creator",
    ];
    ["class", "id", "itemprop", "rel"]
        .iter()
        .any(|a| attr(node, a).is_some_and(|v| dates::holds_any(v.as_bytes(), WORDS)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_are_cleaned() {
        for (raw, want) in [
            ("By Jane Doe", Some("Jane Doe")),
            ("Von Max Muster | 3. März 2021", Some("Max Muster")),
            ("View all posts by Daniel Lemire", Some("Daniel Lemire")),
            ("Posted by Ann on May 4, 2019", Some("Ann")),
            ("作者：张三", Some("张三")),
            ("  Jessica Holly,  ", Some("Jessica Holly")),
            ("No Author", None),
            ("admin", None),
            ("https://www.facebook.com/x", None),
            ("jane@example.com", None),
            ("", None),
        ] {
            assert_eq!(clean(raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn several_authors_are_split_one_name_each() {
        let s = |a: &str| split(a);
        assert_eq!(
            s("Lars Fischer und Alina Schadwinkel"),
            ["Lars Fischer", "Alina Schadwinkel"]
        );
        assert_eq!(
            s("Jane Doe, John Roe and Ann Smith"),
            ["Jane Doe", "John Roe", "Ann Smith"]
        );
        assert_eq!(
            s("Nathan Parker; Varun Khaneja"),
            ["Nathan Parker", "Varun Khaneja"]
        );
        assert_eq!(s("张三、李四"), ["张三", "李四"]);
        // One name, whatever its commas.
        assert_eq!(s("Müller, Hans"), ["Müller, Hans"]);
        assert_eq!(s("Rob Picheta, CNN"), ["Rob Picheta, CNN"]);
        assert_eq!(s("Tobi"), ["Tobi"]);
    }

    #[test]
    fn a_sites_name_is_no_author() {
        let t = Some("Rapids Barisic geschlaucht - LAOLA1.at");
        assert!(is_site("LAOLA1.at", None, Some("www.laola1.at"), t));
        assert!(is_site("STERN.de", None, Some("www.stern.de"), None));
        // A personal blog's author is often its host's name: that is no site's name.
        assert!(!is_site(
            "happyface313",
            None,
            Some("happyface313.com"),
            None
        ));
        assert!(is_site("Prisma Média", Some("Prisma Média"), None, None));
        assert!(is_site(
            "Die Tagespost",
            None,
            None,
            Some("Warum wir Demut brauchen | Die Tagespost")
        ));
        assert!(!is_site(
            "Jane Doe",
            Some("Daily"),
            Some("daily.example"),
            t
        ));
    }
}
