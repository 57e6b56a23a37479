//! Dates as a page shows them to its readers, and as its URL states them: `31.05.2012`,
//! `31. Mai 2012`, `May 31, 2012`, `31 de mayo de 2012`, `2012-05-31`, `5/31/2012`,
//! `/2012/05/31/`. Each is a calendar date (no time, no zone).

use std::sync::OnceLock;

use jiff::civil::Date;
use regex::Regex;

use crate::dom::{attr, descendants, tag, text, NodeRef};

/// Years a page date may have: the web's (a `1.1.1900` or a `2099` is a form default or a
/// placeholder, never a publication).
const YEARS: std::ops::RangeInclusive<i16> = 1993..=2039;

/// Text longer than this is not one date line.
pub(crate) const MAX_LINE: usize = 200;

fn date(y: i16, m: i8, d: i8) -> Option<Date> {
    if !YEARS.contains(&y) {
        return None;
    }
    Date::new(y, m, d).ok()
}

/// The month a name stands for, in the languages of the shared pages and their
/// neighbours (English, German, French, Spanish, Portuguese, Italian, Dutch, Polish in
/// its genitive), full or cut to three or four letters (`Sept`, `Mär`, `déc`), and in
/// the languages that share none of those names.
fn month(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    let m = match w.as_str() {
        "january" | "januar" | "jänner" | "janvier" | "enero" | "janeiro" | "gennaio"
        | "januari" | "stycznia" | "jan" | "jän" | "janv" | "ene" | "gen" => 1,
        "february" | "februar" | "feber" | "février" | "fevrier" | "febrero" | "fevereiro"
        | "febbraio" | "februari" | "lutego" | "feb" | "févr" | "fevr" | "fev" | "fév" | "febr" => {
            2
        }
        "march" | "märz" | "maerz" | "mars" | "marzo" | "março" | "marco" | "maart" | "marca"
        | "mar" | "mär" | "mrz" | "mrt" => 3,
        "april" | "avril" | "abril" | "aprile" | "kwietnia" | "apr" | "avr" | "abr" => 4,
        "may" | "mai" | "mayo" | "maio" | "maggio" | "mei" | "maja" | "mag" | "maj" => 5,
        "june" | "juni" | "juin" | "junio" | "junho" | "giugno" | "czerwca" | "jun" | "giu" => 6,
        "july" | "juli" | "juillet" | "julio" | "julho" | "luglio" | "lipca" | "jul" | "juil"
        | "lug" => 7,
        "august" | "août" | "aout" | "agosto" | "augustus" | "augusti" | "sierpnia" | "aug"
        | "ago" => 8,
        "september" | "septembre" | "septiembre" | "setembro" | "settembre" | "września"
        | "wrzesnia" | "sep" | "sept" | "set" => 9,
        "october" | "oktober" | "octobre" | "octubre" | "outubro" | "ottobre" | "października"
        | "pazdziernika" | "oct" | "okt" | "out" | "ott" => 10,
        "november" | "novembre" | "noviembre" | "novembro" | "listopada" | "nov" => 11,
        "december" | "dezember" | "décembre" | "decembre" | "diciembre" | "dezembro"
        | "dicembre" | "grudnia" | "dec" | "dez" | "déc" | "dic" => 12,
        // Russian and Ukrainian (in the genitive, as dates write them: `15 августа
        // 2016`), Czech (genitive), Finnish (partitive: `19. helmikuuta 2019`), Turkish.
        "января" | "январь" | "січня" | "ledna" | "tammikuuta" | "ocak" => 1,
        "февраля" | "февраль" | "лютого" | "února" | "helmikuuta" | "şubat" | "subat" => {
            2
        }
        "марта" | "март" | "березня" | "března" | "maaliskuuta" | "mart" => 3,
        "апреля" | "апрель" | "квітня" | "dubna" | "huhtikuuta" | "nisan" => 4,
        "мая" | "май" | "травня" | "května" | "toukokuuta" | "mayıs" | "mayis" => 5,
        "июня" | "июнь" | "червня" | "června" | "kesäkuuta" | "haziran" => 6,
        "июля" | "июль" | "липня" | "července" | "heinäkuuta" | "temmuz" => 7,
        "августа" | "август" | "серпня" | "srpna" | "elokuuta" | "ağustos" | "agustos" => {
            8
        }
        "сентября" | "сентябрь" | "вересня" | "září" | "syyskuuta" | "eylül" | "eylul" => {
            9
        }
        "октября" | "октябрь" | "жовтня" | "října" | "lokakuuta" | "ekim" => {
            10
        }
        "ноября" | "ноябрь" | "листопада" | "listopadu" | "marraskuuta" | "kasım" | "kasim" => {
            11
        }
        "декабря" | "декабрь" | "грудня" | "prosince" | "joulukuuta" | "aralık" | "aralik" => {
            12
        }
        _ => return None,
    };
    Some(m)
}

/// A year as written: four digits, or two (`22` is 2022, `98` is 1998).
fn full_year(y: &str) -> Option<i16> {
    let n: i16 = y.parse().ok()?;
    match y.len() {
        4 => Some(n),
        2 if n <= 39 => Some(2000 + n),
        2 if n >= 93 => Some(1900 + n),
        _ => None,
    }
}

fn num<T: std::str::FromStr>(caps: &regex::Captures<'_>, name: &str) -> Option<T> {
    caps.name(name)?.as_str().parse().ok()
}

/// The first date in `text` (a line of at most [`MAX_LINE`] bytes; longer text is not
/// read). `month_first`: a date of two small numbers and a year
/// (`5/6/2012`) is month first, as in the United States.
pub(crate) fn in_text(text: &str, month_first: bool) -> Option<Date> {
    first_date(text, month_first).map(|(d, _)| d)
}

/// Where (in bytes) the first date in `text` starts, if it holds one.
pub(crate) fn date_start(text: &str) -> Option<usize> {
    first_date(text, false).map(|(_, at)| at)
}

/// [`in_text`], with where (in bytes) the match that gave the date starts: at its first
/// digit or letter, or the character before it.
fn first_date(text: &str, month_first: bool) -> Option<(Date, usize)> {
    if text.len() > MAX_LINE || !may_hold_a_date(text.as_bytes()) {
        return None;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?:^|[^0-9.])(?P<iy>[0-9]{4})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2})(?:$|[^0-9A-Za-zÀ-ÖØ-öø-ž])
            | (?:^|[^0-9.])(?P<ey>[0-9]{4})(?:[./]|\s*年\s*)(?P<em>[0-9]{1,2})(?:[./]|\s*月\s*)(?P<ed>[0-9]{1,2})(?:$|[^0-9.])
            | (?:^|[^0-9.\-–])(?P<gd>[0-9]{1,2})\.\s?(?P<gm>[0-9]{1,2})\.\s?(?P<gy>[0-9]{4}|[0-9]{2})(?:$|[^0-9A-Za-zÀ-ÖØ-öø-ž.])
            | (?:^|[^0-9/])(?P<sa>[0-9]{1,2})/(?P<sb>[0-9]{1,2})/(?P<sy>[0-9]{4})(?:$|[^0-9A-Za-zÀ-ÖØ-öø-ž/])
            | (?:^|[^0-9.\-–])(?P<nd>[0-9]{1,2})(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+)?(?P<nm>[A-Za-zÀ-ÖØ-öø-žЀ-ӿ]{3,12})\.?,?\s+(?:de\s+)?(?P<ny>[0-9]{4})(?:$|[^0-9A-Za-zÀ-ÖØ-öø-ž])
            | (?:^|[^A-Za-zÀ-ÖØ-öø-žЀ-ӿ])(?P<mm>[A-Za-zÀ-ÖØ-öø-žЀ-ӿ]{3,12})\.?\s+(?P<md>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?P<my>[0-9]{4})(?:$|[^0-9A-Za-zÀ-ÖØ-öø-ž])
            ",
        )
        .expect("valid regex")
    });
    for caps in re.captures_iter(text) {
        let found = if caps.name("iy").is_some() {
            date(num(&caps, "iy")?, num(&caps, "im")?, num(&caps, "id")?)
        } else if caps.name("ey").is_some() {
            date(num(&caps, "ey")?, num(&caps, "em")?, num(&caps, "ed")?)
        } else if let Some(y) = caps.name("gy") {
            date(full_year(y.as_str())?, num(&caps, "gm")?, num(&caps, "gd")?)
        } else if caps.name("sy").is_some() {
            let (a, b): (i8, i8) = (num(&caps, "sa")?, num(&caps, "sb")?);
            let (m, d) = if a > 12 || (b <= 12 && !month_first) {
                (b, a)
            } else {
                (a, b)
            };
            date(num(&caps, "sy")?, m, d)
        } else if caps.name("ny").is_some() {
            month(caps.name("nm")?.as_str())
                .and_then(|m| date(num(&caps, "ny")?, m, num(&caps, "nd")?))
        } else {
            month(caps.name("mm")?.as_str())
                .and_then(|m| date(num(&caps, "my")?, m, num(&caps, "md")?))
        };
        let start = caps.get(0).map_or(0, |m| m.start());
        if let Some(d) = found.filter(|_| !ends_a_range(text, start)) {
            return Some((d, start));
        }
    }
    None
}

/// The first `n` bytes of `t`, or fewer, cut at a character boundary.
pub(crate) fn head(t: &str, n: usize) -> &str {
    let mut at = n.min(t.len());
    while !t.is_char_boundary(at) {
        at -= 1;
    }
    t.get(..at).unwrap_or_default()
}

/// Whether `b` has what every date read here has: four digits in a row (the year), or a
/// `d.m.yy` shape. Most lines do not, and skip the regex.
fn may_hold_a_date(b: &[u8]) -> bool {
    let mut run = 0;
    for (i, c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            run += 1;
            if run == 4 {
                return true;
            }
        } else {
            if *c == b'.' && run > 0 && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                // `23.09.22`: let the regex judge.
                if b[i + 1..].iter().filter(|&&c| c == b'.').count() > 0 {
                    return true;
                }
            }
            run = 0;
        }
    }
    false
}

/// Whether the date found at `at` ends a range (`vom 9. bis 23. Februar`, `from 9 to 23
/// May`): the word before it. (`9–23 Feb`, a dash on a digit, is no match at all.)
fn ends_a_range(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default().trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    ["bis", "to", "until", "till", "au", "al", "hasta", "do"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
}

/// The date a URL's path states: `/2012/05/31/`, `/2012-05-31-title`, `/20120531/`
/// (a year, month and day in order, each segment bounded). A year and month alone
/// (`/2012/05/title`) is no date.
pub(crate) fn in_url(path: &str) -> Option<Date> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            /(?P<y>\d{4})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:[/_.-]|$)
            | /(?P<cy>\d{4})(?P<cm>\d{2})(?P<cd>\d{2})(?:[/_.-]|$)
            ",
        )
        .expect("valid regex")
    });
    re.captures_iter(path).find_map(|caps| {
        if caps.name("y").is_some() {
            date(num(&caps, "y")?, num(&caps, "m")?, num(&caps, "d")?)
        } else {
            date(num(&caps, "cy")?, num(&caps, "cm")?, num(&caps, "cd")?)
        }
    })
}

/// Elements whose date is looked for in their text.
const MAX_DATE_LINES: usize = 32;

/// Text after the headline read for a date line, in bytes.
const AFTER_HEADLINE: usize = 600;

/// A text node longer than this after the headline is prose, not a date line (but it
/// may open with a dateline: `27.1.2022 – Bei …`).
const DATE_LINE: usize = 60;

/// How far into prose a dateline's date may start.
const DATELINE_START: usize = 2;

/// The date lines a reader sees: the first after the headline (in an element named for a
/// date, a `<time>`, after a date label such as `Datum:`, or a short line of its own, or
/// opening the first paragraph), else the first named or labelled before it. Comments'
/// dates, clocks (`Aktuelle Zeit: …`) and the ends of ranges (`bis 23. Februar`) are not
/// read, nor a list's: an element whose tag and class come again with another date
/// (teasers, a comment thread) dates its list's items, not the page. Fed every node of the
/// page in document order.
#[derive(Default)]
pub(crate) struct Shown {
    after: Option<Found>,
    before: Option<Found>,
    /// Tag and class of elements seen with two dates, and the lists holding them: no date
    /// inside is the page's.
    lists: Vec<String>,
    list_roots: Vec<ego_tree::NodeId>,
    lines: usize,
    read_after: usize,
    /// A short date line before the headline: see [`Kicker`].
    kicker: Option<Kicker>,
    /// Text nodes still to read after a date label.
    labelled: u8,
    /// Texts looked at since the date after the headline was found (for a list it may
    /// belong to: see [`FOUND_THEN`]).
    since: usize,
    /// The named element last read, and whether it is a date line (then its texts after
    /// the first are not read again).
    last_named: Option<(ego_tree::NodeId, bool)>,
    /// The last text was another field's label (`<b>Release:</b>`): the label and its
    /// element; a text right after either is that field's value.
    fielded: Option<(ego_tree::NodeId, Option<ego_tree::NodeId>)>,
}

/// A date found, with the element it was named by (and that element's tag and class), if
/// any.
struct Found {
    date: Date,
    key: Option<(String, ego_tree::NodeId)>,
    /// The line, when it holds that date with a time of day (`2023-05-12 09:15`).
    timed: Option<String>,
}

/// A short date line before the headline, kept until the headline comes.
struct Kicker {
    date: Date,
    node: ego_tree::NodeId,
    line: String,
    /// Texts read since.
    texts: usize,
}

/// Texts that may stand between a kicker date and the headline (`31.01.2022`, `2. HBL`).
const KICKER_TEXTS: usize = 1;

/// Texts looked at after the date after the headline is found, for another item of its
/// list.
const FOUND_THEN: usize = 300;

/// Levels above a text looked at for the headline, a footer or a comment thread holding
/// it.
const ENCLOSING: usize = 16;

/// Levels above a text looked at for the element it names a date in.
const NAMED_LEVELS: usize = 3;

/// Levels up within which two elements of one tag and class are items of one list.
const LIST_LEVELS: usize = 4;

/// The common ancestor of `a` and `b` within [`LIST_LEVELS`] of both, if any.
fn near(a: NodeRef<'_>, b: NodeRef<'_>) -> Option<ego_tree::NodeId> {
    let up: Vec<_> = a.ancestors().take(LIST_LEVELS).map(|n| n.id()).collect();
    b.ancestors()
        .take(LIST_LEVELS)
        .map(|n| n.id())
        .find(|id| up.contains(id))
}

impl Shown {
    /// Looks at `node`; `headline`: the `<h1>` met so far, if any. Only text nodes are
    /// read (an element named for a date is found from the text in it): most elements
    /// hold no date, and a text without four digits in a row (or `d.m.yy`) is no date.
    pub(crate) fn visit(
        &mut self,
        node: NodeRef<'_>,
        headline: Option<NodeRef<'_>>,
        month_first: bool,
    ) {
        let Some(t) = text(node) else {
            return;
        };
        if self.after.is_some() {
            self.since += 1;
            if self.since > FOUND_THEN {
                return;
            }
        }
        let t = t.trim();
        if t.is_empty() {
            return;
        }
        match (&mut self.kicker, headline) {
            (Some(k), None) => {
                k.texts += 1;
                if k.texts > KICKER_TEXTS {
                    self.kicker = None;
                }
            }
            (Some(_), Some(h)) => self.kicker_dates(h),
            _ => {}
        }
        // A text longer than a line is read only for a dateline at its start.
        let head = if t.len() > MAX_LINE { head(t, 40) } else { t };
        let digits = may_hold_a_date(head.as_bytes());
        if digits && t.len() <= MAX_LINE && self.lines < MAX_DATE_LINES {
            if let Some(named) = node
                .ancestors()
                .take(NAMED_LEVELS)
                .find(|&a| names_a_date(a))
            {
                let line = match self.last_named {
                    Some((id, line)) if id == named.id() => line,
                    _ => {
                        self.lines += 1;
                        let line = self.visit_named(named, headline.is_some(), month_first);
                        self.last_named = Some((named.id(), line));
                        line
                    }
                };
                // An element too long to be a date line (a post's wrapper, its class
                // `status-publish`) names nothing: its texts are read as any other.
                if line {
                    return;
                }
            }
        }
        if self.after.is_none() {
            self.visit_text(node, t, digits, headline, month_first);
        }
    }

    /// An element named for a date, found from a text in it. Whether it is short enough
    /// to be a date line.
    fn visit_named(&mut self, node: NodeRef<'_>, after: bool, month_first: bool) -> bool {
        let Some(line) = short_text(node) else {
            return false;
        };
        let Some(date) = line_date(&line, month_first) else {
            return true;
        };
        let key = format!(
            "{}.{}",
            tag(node).unwrap_or(""),
            attr(node, "class").unwrap_or("")
        );
        if self.lists.contains(&key) || self.in_list(node) {
            return true;
        }
        for slot in [&mut self.after, &mut self.before] {
            let Some((k, id)) = slot
                .as_ref()
                .filter(|f| f.date != date)
                .and_then(|f| f.key.as_ref())
            else {
                continue;
            };
            if *k != key {
                continue;
            }
            // Another date in an element of the same tag and class: near the first, both
            // are items of one list; far from it, this one is a teaser's (the page's own
            // template, reused below for other pages).
            if let Some(root) = near(node.tree().get(*id).unwrap_or(node), node) {
                *slot = None;
                self.lists.push(key);
                self.list_roots.push(root);
            }
            return true;
        }
        self.found(node, date, Some((key, node.id())), &line, after);
        true
    }

    /// Whether `node` is inside a list of dated items.
    fn in_list(&self, node: NodeRef<'_>) -> bool {
        !self.list_roots.is_empty()
            && node
                .ancestors()
                .take(16)
                .any(|a| self.list_roots.contains(&a.id()))
    }

    /// The headline is met: a kicker date just before it dates the page.
    fn kicker_dates(&mut self, headline: NodeRef<'_>) {
        let Some(k) = self.kicker.take() else { return };
        let Some(node) = headline.tree().get(k.node) else {
            return;
        };
        if near(node, headline).is_some() && !self.in_list(node) && !in_chrome(node) {
            let timed = timed(&k.line, k.date);
            self.before = Some(Found {
                date: k.date,
                key: None,
                timed,
            });
        }
    }

    fn visit_text(
        &mut self,
        node: NodeRef<'_>,
        t: &str,
        digits: bool,
        headline: Option<NodeRef<'_>>,
        month_first: bool,
    ) {
        let after = headline.is_some();
        let field = self.fielded.take().is_some_and(|(label, holder)| {
            node.prev_sibling()
                .is_some_and(|p| p.id() == label || Some(p.id()) == holder)
        });
        if t.len() <= DATE_LINE && is_date_label(t) {
            self.labelled = 2;
            return;
        }
        if t.len() <= 40 && t.ends_with([':', '：']) {
            self.fielded = Some((node.id(), node.parent().map(|p| p.id())));
            return;
        }
        if self.labelled > 0 {
            self.labelled -= 1;
            if let Some(d) = line_date(t, month_first).filter(|_| !self.in_list(node)) {
                self.found(node, d, None, t, after);
                return;
            }
        }
        // `Erschienen am: 01.11.2023`, `Datum: 18.10.2021`: a label and its date in one text.
        if digits && t.len() <= DATE_LINE {
            let labelled = t
                .split_once([':', '：'])
                .filter(|(label, _)| is_date_label(label))
                .and_then(|(_, rest)| line_date(rest, month_first));
            if let Some(d) = labelled.filter(|_| !self.in_list(node)) {
                self.found(node, d, None, t, after);
                return;
            }
        }
        if !after {
            // A short date line may be the headline's kicker (`<small>31.01.2022</small>
            // <h1>…`): kept until the headline comes, or more text does.
            if digits && t.len() <= DATE_LINE && !field && !other_field(t) {
                if let Some(date) = line_date(t, month_first) {
                    self.kicker = Some(Kicker {
                        date,
                        node: node.id(),
                        line: t.to_string(),
                        texts: 0,
                    });
                }
            }
            return;
        }
        if self.read_after >= AFTER_HEADLINE {
            return;
        }
        // Not the headline's own text (but its date line: `<h1>Title<br><small>02.02.2022
        // </small></h1>`), nor a footer's (`Last modified …`) or a comment's.
        for a in node.ancestors().take(ENCLOSING) {
            if Some(a) == headline {
                // (Looked for only in a headline's texts: most texts are in none.)
                let dated = node
                    .ancestors()
                    .take_while(|&b| b != a)
                    .any(dates_the_headline);
                if !dated {
                    return;
                }
                break;
            }
            if tag(a) == Some("footer") || names_a_comment(a) {
                return;
            }
        }
        self.read_after += t.len();
        let date = if !digits || field || other_field(t) {
            None
        } else if t.len() <= DATE_LINE {
            line_date(t, month_first)
        } else {
            // A dateline opening the paragraph.
            let head = head(t, 40);
            first_date(head, month_first)
                .filter(|&(_, at)| at <= DATELINE_START)
                .map(|(d, _)| d)
        };
        if let Some(d) = date.filter(|_| !self.in_list(node)) {
            self.found(node, d, None, t, true);
        }
    }

    fn found(
        &mut self,
        node: NodeRef<'_>,
        date: Date,
        key: Option<(String, ego_tree::NodeId)>,
        line: &str,
        after: bool,
    ) {
        let slot = if after {
            &mut self.after
        } else {
            &mut self.before
        };
        if slot.is_none() && !in_chrome(node) {
            let timed = timed(line, date);
            *slot = Some(Found { date, key, timed });
        }
    }

    /// The date found: after the headline, else before it.
    pub(crate) fn date(&self) -> Option<Date> {
        self.found_line().map(|f| f.date)
    }

    /// The date found as RFC 3339: with the time of day the line gives, if any.
    pub(crate) fn shown(&self) -> Option<String> {
        self.found_line()
            .map(|f| f.timed.clone().unwrap_or_else(|| f.date.to_string()))
    }

    fn found_line(&self) -> Option<&Found> {
        self.after.as_ref().or(self.before.as_ref())
    }
}

/// The line as `date::parse` reads it, when that is `date` with a time of day.
fn timed(line: &str, date: Date) -> Option<String> {
    crate::date::parse(line)
        .filter(|t| t.len() > 10 && t.get(..10) == Some(date.to_string().as_str()))
}

/// Whether an element inside a headline is its date line (`<h1>Title<br><small>02.02.2022
/// • Section</small></h1>`): a `<small>`, a `<time>` or an element named for a date,
/// whose short text holds a date. Its text is no part of the title.
pub(crate) fn dates_the_headline(node: NodeRef<'_>) -> bool {
    (matches!(tag(node), Some("small" | "time")) || names_a_date(node))
        && short_text(node).is_some_and(|t| line_date(&t, false).is_some())
}

/// Whether `node` stands in the page's chrome, whose dates are a clock's (`Mittwoch, 01.
/// November 2023` atop every page) or other pages' (menus, sidebars): a `<nav>`, an
/// `<aside>`, or a `<header>` holding no `<h1>` (the site's, not the article's), outside
/// any `<article>` or `<main>`. (A `<footer>` may be a post's own meta line: Drupal's
/// `node__meta`.)
fn in_chrome(node: NodeRef<'_>) -> bool {
    for a in node.ancestors().take(ENCLOSING) {
        match tag(a) {
            Some("article" | "main") => return false,
            Some("nav" | "aside") => return true,
            Some("header") => {
                return !descendants(a)
                    .take(MAX_HEADER_NODES)
                    .any(|n| tag(n) == Some("h1"))
            }
            _ => {}
        }
    }
    false
}

/// Nodes of a `<header>` looked through for a headline.
const MAX_HEADER_NODES: usize = 2_000;

/// The date of a date line, unless the line is a clock (`Aktuelle Zeit: …`, `Heute ist
/// …`), a page's last change or generation (`Last modified …`, `Page generated …`) or a
/// copyright.
fn line_date(line: &str, month_first: bool) -> Option<Date> {
    const NOT_PUBLISHED: &[&str] = &[
        "aktuelle zeit",
        "current time",
        "heute ist",
        "today is",
        "last modified",
        "zuletzt geändert",
        "letzte änderung",
        "generated",
        "generiert",
        "copyright",
        "©",
    ];
    let lower = line.to_lowercase();
    if NOT_PUBLISHED.iter().any(|c| lower.contains(c)) {
        return None;
    }
    in_text(line, month_first)
}

/// Whether a line is another field's (`Release: 14.11.2019`, `Termin: …`): a label
/// before a colon that is no date label.
fn other_field(line: &str) -> bool {
    line.split_once([':', '：']).is_some_and(|(label, _)| {
        label.len() <= 40
            && label.chars().any(char::is_alphabetic)
            && !label.chars().any(|c| c.is_ascii_digit())
            && !is_date_label(label)
    })
}

/// Whether a text is a date label (`Datum:`, `Published`, `发布时间：`), the date in the
/// text that follows. ASCII case is ignored (the labels' other letters are lower case as
/// written).
fn is_date_label(t: &str) -> bool {
    const LABELS: &[&str] = &[
        "datum",
        "date",
        "published",
        "published on",
        "posted on",
        "veröffentlicht",
        "veröffentlicht am",
        "erschienen",
        "erschienen am",
        "erstellt am",
        "erstellt",
        "stand",
        "stand des artikels",
        "aktualisiert",
        "aktualisiert am",
        "zuletzt aktualisiert",
        "updated",
        "last updated",
        "publié le",
        "fecha",
        "data",
        "pubblicato il",
        "gepubliceerd op",
        "opublikowano",
        "发布时间",
        "发布日期",
        "日期",
        "发表于",
    ];
    if t.len() > 32 {
        return false;
    }
    let t = t.trim_end_matches([':', '：', ' ']).trim();
    LABELS.iter().any(|l| t.eq_ignore_ascii_case(l))
}

/// Whether an element is named for a date line: a `<time>` without a machine-readable
/// date, or a class, id or `itemprop` with `date`, `datum`, `time`, `publish`, `posted`,
/// `submitted`, `created`, `fecha`, `meta` or `byline` in it, but not `comment`.
fn names_a_date(node: NodeRef<'_>) -> bool {
    if tag(node) == Some("time") {
        return !names_a_comment(node);
    }
    const WORDS: &[&[u8]] = &[
        b"date",
        b"datum",
        b"time",
        b"publish",
        b"posted",
        b"submitted",
        b"created",
        b"fecha",
        b"meta",
        b"byline",
    ];
    let named = ["class", "id", "itemprop"]
        .iter()
        .any(|a| attr(node, a).is_some_and(|v| holds_any(v.as_bytes(), WORDS)));
    named && !names_a_comment(node)
}

/// Whether an element's class or id names a comment (`comment`, `kommentar`).
pub(crate) fn names_a_comment(node: NodeRef<'_>) -> bool {
    ["class", "id"].iter().any(|a| {
        attr(node, a).is_some_and(|v| holds_any(v.as_bytes(), &[b"comment", b"kommentar"]))
    })
}

/// Whether `hay` holds one of `words` (lower-case ASCII), ASCII case ignored: one pass,
/// each word tried only where its first letter is (most bytes are no word's first).
pub(crate) fn holds_any(hay: &[u8], words: &[&[u8]]) -> bool {
    let mut firsts = [false; 128];
    for w in words {
        if let Some(&c) = w.first() {
            firsts[usize::from(c & 0x7F)] = true;
        }
    }
    hay.iter().enumerate().any(|(i, c)| {
        let c = c.to_ascii_lowercase();
        c.is_ascii()
            && firsts[usize::from(c)]
            && words.iter().any(|w| {
                w.first() == Some(&c)
                    && hay
                        .get(i..i + w.len())
                        .is_some_and(|h| h.eq_ignore_ascii_case(w))
            })
    })
}

/// The text of a small element, or `None` when it holds more than one line of text or
/// many nodes.
pub(crate) fn short_text(node: NodeRef<'_>) -> Option<String> {
    let mut out = String::new();
    for (i, n) in descendants(node).enumerate() {
        if i >= 64 {
            return None;
        }
        // (Its texts trimmed: a template's indentation is no part of a line.)
        if let Some(t) = text(n).map(str::trim).filter(|t| !t.is_empty()) {
            if out.len() + t.len() > MAX_LINE {
                return None;
            }
            out.push_str(t);
            out.push(' ');
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        in_text(s, false).map(|d| d.to_string())
    }

    #[test]
    fn dates_as_pages_show_them() {
        for (text, want) in [
            ("Veröffentlicht am 31.05.2012 um 06:07 Uhr", "2012-05-31"),
            ("31. Mai 2012", "2012-05-31"),
            ("Von Max Muster | 3. März 2021", "2021-03-03"),
            ("May 31, 2012", "2012-05-31"),
            ("Posted on Sept. 4th, 2019 by Ann", "2019-09-04"),
            ("4 September 2019", "2019-09-04"),
            ("le 12 décembre 2022", "2022-12-12"),
            ("31 de mayo de 2012", "2012-05-31"),
            ("15 października 2021", "2021-10-15"),
            ("2021-08-12 14:08:07", "2021-08-12"),
            ("2012年5月31日 06:07", "2012-05-31"),
            ("2012.05.31", "2012-05-31"),
            ("31/05/2012", "2012-05-31"),
            ("Stand: 1.2.2023", "2023-02-01"),
        ] {
            assert_eq!(d(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(
            in_text("5/6/2012", true).map(|d| d.to_string()).as_deref(),
            Some("2012-05-06")
        );
        assert_eq!(d("5/6/2012").as_deref(), Some("2012-06-05"));
    }

    #[test]
    fn what_is_no_date() {
        for text in [
            "Version 1.2.2023a",
            "© 2012 Example",
            "31.02.2012",
            "Tel. 030 12.34.5678",
            "Mai 2012",
            "01.01.1900",
            "12 Monkeys 1995",
            "Seite 1/2/3",
        ] {
            assert_eq!(d(text), None, "{text}");
        }
        assert_eq!(d(&"1. Mai 2012 ".repeat(40)), None);
    }

    /// The publication date `read` gives a page.
    fn published(html: &str) -> Option<String> {
        crate::metadata::read(&crate::dom::parse(html), None).published(None)
    }

    #[test]
    fn date_lines_near_the_headline() {
        for (html, want) in [
            ("<h1>T</h1><div class=byline>Von A | 31. Mai 2012</div>", Some("2012-05-31")),
            ("<h1>T</h1><p>am 20.09.2020</p><p>Text.</p>", Some("2020-09-20")),
            ("<span>Datum:</span><span>18.10.2021</span><h1>T</h1>", Some("2021-10-18")),
            ("<h1>T</h1><p>Text.</p><p>Erschienen am: 01.11.2023</p>", Some("2023-11-01")),
            ("<h1>T</h1><div class=info>2023-10-20 09:30 来源：某报</div>", Some("2023-10-20T09:30:00")),
            ("<h1>T</h1><p>27.1.2022 - Bei der Erinnerung an die Verfolgten des Regimes ging es am Donnerstag um viel.</p>", Some("2022-01-27")),
            // A clock, a comment's date, another field's date, the end of a range.
            ("<div class=date>Heute ist Montag, 4. Dezember 2023</div><h1>T</h1>", None),
            ("<h1>T</h1><p>Text.</p><div class=comment-date>2. Juni 2012</div>", None),
            ("<h1>T</h1><div><b>Release:</b> 14.11.2019</div>", None),
            ("<h1>T</h1><p>Ausstellung vom 9. bis 23. Februar 2017</p>", None),
            ("<h1>T</h1><footer><p>Zuletzt geändert am 03.06.2012</p></footer>", None),
            // A list's dates: teasers whose tag and class repeat with other dates.
            (
                "<h1>T</h1><p>Text.</p><div class=posts>\
                 <div><a href=/a>A</a><span class=post-date>22. Juni 2022</span></div>\
                 <div><a href=/b>B</a><span class=post-date>20. Juni 2022</span></div></div>",
                None,
            ),
        ] {
            assert_eq!(published(html).as_deref(), want, "{html}");
        }
    }

    #[test]
    fn a_stated_date_a_day_off_the_shown_one_is_in_another_zone() {
        let page = "<meta property=article:published_time content=2022-11-06T23:00:00Z>\
                    <h1>T</h1><div class=date>7. November 2022</div>";
        assert_eq!(published(page).as_deref(), Some("2022-11-07"));
        // A shown date that agrees, or is further off, leaves the stated one.
        let page = "<meta property=article:published_time content=2022-11-06T23:00:00Z>\
                    <h1>T</h1><div class=date>1. März 2020</div>";
        assert_eq!(published(page).as_deref(), Some("2022-11-06T23:00:00Z"));
    }

    #[test]
    fn dates_in_urls() {
        let u = |p: &str| in_url(p).map(|d| d.to_string());
        assert_eq!(u("/2022/12/01/title/").as_deref(), Some("2022-12-01"));
        assert_eq!(u("/news/2012-05-31-title").as_deref(), Some("2012-05-31"));
        assert_eq!(u("/a/20120531/b.html").as_deref(), Some("2012-05-31"));
        assert_eq!(u("/2012/05/title"), None);
        assert_eq!(u("/p/123456789"), None);
        assert_eq!(u("/item/20121399/"), None);
    }
}
