//! Short texts that announce boilerplate whatever the markup: a "related reading" heading,
//! a tag line, an editor's credit line.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Headings that open a list of other articles (compared case-insensitively, after
/// trailing punctuation and ellipses are removed). Words that may also head a section of
/// an article (`Related`, `Recommended`, `Trending`) or label a button (`Read more`) are
/// left out.
const RELATED: &[&str] = &[
    "related articles",
    "related posts",
    "related stories",
    "related news",
    "related content",
    "related reading",
    "you may also like",
    "you might also like",
    "you may like",
    "recommended for you",
    "more stories",
    "read next",
    "more to read",
    "você pode gostar",
    "você também pode gostar",
    "leia também",
    "veja também",
    "lea también",
    "te puede interesar",
    "lire aussi",
    "à lire aussi",
    "weitere artikel",
    "weitere artikel zum thema",
    "weitere beiträge",
    "ähnliche artikel",
    "ähnliche beiträge",
    "mehr zum thema",
    "zum weiterlesen",
    "lust auf mehr",
    "das könnte sie auch interessieren",
    "das könnte sie interessieren",
    "das könnte dich auch interessieren",
    "das könnte dich interessieren",
    "sur le même sujet",
    "articles similaires",
    "dans la même rubrique",
    "también te puede interesar",
    "noticias relacionadas",
    "artículos relacionados",
    "articoli correlati",
    "potrebbe interessarti",
    "gerelateerde artikelen",
    "相关阅读",
    "相關閱讀",
    "相关文章",
    "相關文章",
    "相关新闻",
    "相關新聞",
    "相关推荐",
    "相關推薦",
    "推荐阅读",
    "推薦閱讀",
    "延伸阅读",
    "延伸閱讀",
    "热门文章",
    "熱門文章",
    "热门推荐",
    "熱門推薦",
    "热点新闻",
    "熱點新聞",
    "猜你喜欢",
    "猜你喜歡",
    "精彩推荐",
    "精彩推薦",
    "大家都在看",
    "更多阅读",
    "更多閱讀",
    "最新文章",
    "热门阅读",
    "熱門閱讀",
    // So do the links to the next and previous posts, and the newest ones.
    "next article",
    "previous article",
    "next post",
    "previous post",
    "nächster artikel",
    "vorheriger artikel",
    "vorschau auf den nächsten artikel",
    "article suivant",
    "article précédent",
    "artículo siguiente",
    "artículo anterior",
    "neueste artikel",
    "neueste beiträge",
    "aktuelle artikel",
    "latest articles",
    "latest posts",
    "meistgelesen",
    "meistgelesene artikel",
    "most read",
    "most popular",
    // So do the author's box and a press release's contacts.
    "about the author",
    "about the authors",
    "über den autor",
    "über die autorin",
    "über die autoren",
    "zum autor",
    "zur autorin",
    "à propos de l'auteur",
    "sobre el autor",
    "sobre o autor",
    "o autorze",
    "sull'autore",
    "over de auteur",
    "关于作者",
    "作者简介",
    "pressekontakt",
    "medienkontakt",
    "press contact",
    "media contact",
    "contact presse",
    // Comment threads open the same way.
    "comments",
    "leave a comment",
    "leave a reply",
    "no comments",
    "kommentare",
    "kommentar schreiben",
    "kommentare schreiben",
    "keine kommentare",
    "commentaires",
    "laisser un commentaire",
    "comentarios",
    "deja un comentario",
    "komentarze",
    "reacties",
    "commenti",
    "网友评论",
    "網友評論",
    "发表评论",
    "發表評論",
    "全部评论",
    "全部評論",
    "最新评论",
    "最新評論",
    "热门评论",
    "熱門評論",
    "评论区",
    "評論區",
    "我要评论",
    "我要評論",
];

/// Labels an ad slot carries in place of text (compared case-insensitively, after dashes,
/// brackets and trailing punctuation are removed).
const AD_LABELS: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "reklama",
    "advertentie",
    "广告",
    "廣告",
    // What a publisher prints above an ad in the middle of the story.
    "story continues below",
    "article continues below",
    "story continues below advertisement",
    "continue reading below",
    "continue reading the main story",
    "advertisement - scroll to continue",
    "weiterlesen nach der anzeige",
    "artikel wird unter der anzeige fortgesetzt",
    "la suite après cette publicité",
    "la suite après la publicité",
    "el artículo continúa debajo",
    "içeriğin devamı aşağıda",
    // `İ` lower-cases to `i` and a combining dot.
    "i\u{307}çeriğin devamı aşağıda",
    "reklamdan sonra devam ediyor",
];

/// Whether `text` opens with an ad label and goes on (`广告英国的大学排名全知晓`,
/// `ANZEIGE - Heute mal ausgehen?`, `*Werbung. Dieser Beitrag…`): a sponsored line. A
/// Latin label must end at a separator or a space (`Werbungskosten` is a word).
pub(super) fn starts_ad_label(text: &str) -> bool {
    let t = text
        .trim_start()
        .trim_start_matches(['*', '[', '(', '-', '–', ' ']);
    opens_with(t, AD_LABELS, |label, rest| {
        !label.is_ascii() || !rest.starts_with(char::is_alphanumeric)
    })
}

/// Whether `text` is only an ad slot's label (`Advertisement`, `- Anzeige -`).
pub(super) fn is_ad_label(text: &str) -> bool {
    let t = bare(text.trim().trim_matches(|c: char| {
        matches!(c, '-' | '–' | '—' | '[' | ']' | '(' | ')' | '*') || c.is_whitespace()
    }));
    static SET: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| AD_LABELS.iter().copied().collect());
    t.chars().count() <= 40 && SET.contains(t.to_lowercase().as_str())
}

/// Words that open a tag line (`Tags: a, b, c`).
const TAGS: &[&str] = &[
    "tags",
    "tagged",
    "tagged with",
    "tagged as",
    "topics",
    "etiquetas",
    "schlagwörter",
    "mots-clés",
    "标签",
    "標籤",
    "标签云",
    "关键词",
    "關鍵詞",
    "关键字",
    "關鍵字",
];

/// Prefixes (before `：` or `:`) of an editor's or source's credit line in Chinese news.
const CREDITS: &[&str] = &[
    "责任编辑",
    "責任編輯",
    "责编",
    "責編",
    "编辑",
    "編輯",
    "来源",
    "來源",
    "稿源",
    "校对",
    "校對",
    "审核",
    "審核",
    "监制",
    "監製",
    "作者",
    "记者",
    "記者",
    "撰文",
    "原标题",
    "原標題",
    "本文来源",
    "本文來源",
    "文章来源",
    "文章來源",
    "图片来源",
    "圖片來源",
];

/// Strips whitespace, trailing `:`, `.`, `…` and the like.
fn bare(text: &str) -> &str {
    text.trim()
        .trim_end_matches(|c: char| {
            matches!(c, ':' | '：' | '.' | '…' | '»' | '›' | '>' | '|') || c.is_whitespace()
        })
        .trim()
}

/// Whether `text` is a heading that opens a list of other articles.
pub(super) fn is_related_heading(text: &str) -> bool {
    static SET: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| RELATED.iter().copied().collect());
    let t = bare(text);
    t.len() <= 60 && SET.contains(t.to_lowercase().as_str())
}

/// Labels that open a line pointing to another article (`Lesen Sie auch: <a>…</a>`),
/// compared case-insensitively; a line is one when a separator follows the label.
const SEE_ALSO: &[&str] = &[
    "read also",
    "also read",
    "read more",
    "see also",
    "related",
    "more on this",
    "lesen sie auch",
    "lesen sie hier",
    "lesen sie mehr",
    "lesen sie dazu",
    "auch interessant",
    "mehr dazu",
    "mehr zum thema",
    "siehe auch",
    "weiterlesen",
    "à lire aussi",
    "lire aussi",
    "voir aussi",
    "lire également",
    "puedes ver",
    "lee también",
    "lea también",
    "ver también",
    "mire",
    "leia também",
    "veja também",
    "leggi anche",
    "dowiedz się więcej",
    "czytaj też",
    "czytaj także",
    "zobacz też",
    "zobacz także",
    "lees ook",
    "相关阅读",
    "延伸阅读",
    "推荐阅读",
];

/// Whether `text` opens with a "see also" label and a separator (`:`, `»`, `›`, `>`,
/// `|`, a dash): a pointer to another article.
pub(super) fn starts_see_also(text: &str) -> bool {
    let t = text.trim_start();
    opens_with(t, SEE_ALSO, |_, rest| {
        rest.trim_start_matches([' ', '\u{a0}'])
            .starts_with([':', '：', '»', '›', '>', '|', '-', '–', '—'])
    })
}

/// Whether `text` is a date and nothing else (`23.10.2018`, `2021-10-16`, `12.10.2015,
/// 19:16 Uhr`, `3/4/2022 3:59 PM`): a dateline, not the article.
pub(super) fn is_bare_date(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 40 {
        return false;
    }
    let digits = t.chars().filter(char::is_ascii_digit).count();
    let letters: String = t.chars().filter(|c| c.is_alphabetic()).collect();
    let words_ok = letters.is_empty()
        || ["uhr", "am", "pm", "h", "um"]
            .iter()
            .any(|w| letters.eq_ignore_ascii_case(w));
    // The first three numbers read as a day, month and year in some order (not a phone
    // number's 317-862-2713).
    let mut runs = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty());
    let dated = match (runs.next(), runs.next(), runs.next()) {
        (Some(a), Some(b), Some(c)) => {
            (a.len() == 4 && b.len() <= 2 && c.len() <= 2)
                || (a.len() <= 2 && b.len() <= 2 && matches!(c.len(), 2 | 4))
        }
        _ => false,
    };
    digits >= 6
        && words_ok
        && dated
        && t.chars()
            .all(|c| c.is_ascii_digit() || c.is_alphabetic() || " .-/:,|\u{a0}".contains(c))
}

/// A site's own interface lines, compared case-insensitively after trailing punctuation:
/// what a logged-out reader, a rating widget or a list view says, not the article.
const UI_LINES: &[&str] = &[
    "zurück zur listenansicht",
    "zurück zur übersicht",
    "back to overview",
    "back to list",
    "back to top",
    "nach oben",
    "sie sind aktuell nicht eingeloggt",
    "sie sind nicht eingeloggt",
    "hier können sie den artikel bewerten",
    "artikel bewerten",
    "rate this article",
    "you are not logged in",
];

/// Whether `text` is one of [`UI_LINES`].
pub(super) fn is_ui_line(text: &str) -> bool {
    let t = bare(text);
    t.chars().count() <= 60 && UI_LINES.iter().any(|l| lower_eq(t, l))
}

/// Whether `text` opens with a tag-line label (`Tags`, `标签：`…).
pub(super) fn starts_tag_line(text: &str) -> bool {
    let t = text.trim_start();
    opens_with(t, TAGS, |_, rest| {
        rest.is_empty()
            || rest.starts_with([':', '：', ' ', '\n', '\t', '\u{a0}'])
            || !rest.starts_with(char::is_alphanumeric)
    })
}

/// Field names of a Chinese news page's information line (`发布时间：… 来源：… 浏览次数：…`).
const FIELDS: &[&str] = &[
    "来源",
    "來源",
    "作者",
    "编辑",
    "編輯",
    "记者",
    "記者",
    "发布时间",
    "發佈時間",
    "发布日期",
    "发表时间",
    "时间",
    "時間",
    "日期",
    "浏览",
    "瀏覽",
    "浏览次数",
    "点击",
    "點擊",
    "阅读",
    "閱讀",
    "字号",
    "字體",
    "通讯员",
    "稿源",
];

/// Whether `text` is an editor's or source's credit line (`责任编辑：王某`, `来源：新华社`),
/// or a page's information line holding two or more such fields.
pub(super) fn is_credit_line(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '(' | '（' | '['));
    let chars = t.chars().count();
    if chars > 80 {
        return false;
    }
    let field_at = |rest: &str| rest.trim_start().starts_with([':', '：']);
    let opens = chars <= 40
        && CREDITS.iter().chain(FIELDS).any(|c| {
            t.strip_prefix(c).is_some_and(|rest| {
                rest.trim_start()
                    .starts_with([':', '：', '|', '丨', '/', '／'])
            })
        });
    // A date first (`2024-04-01 08:00 来源：晚报`) counts as a field.
    let dated = t.len() > 5
        && t.as_bytes().iter().take(4).all(u8::is_ascii_digit)
        && t.get(4..)
            .is_some_and(|r| r.starts_with(['-', '/', '.', '年']));
    // A field counts only before a colon: text without one has none.
    let fields = || {
        FIELDS
            .iter()
            .filter(|f| {
                t.match_indices(*f)
                    .any(|(i, _)| t.get(i + f.len()..).is_some_and(field_at))
            })
            .count()
    };
    opens || (t.contains([':', '：']) && fields() + usize::from(dated) >= 2)
}

/// Whether `text` is a copyright notice (`© 2024 …`, `版权所有 …`), short as a page's are.
/// Phrases of a page's machine-written footer line: when it was generated or last
/// changed, its visitor counter (lower-case; CJK as written).
const STAMPS: &[&str] = &[
    "page generated in",
    "generated in 0",
    "last modified",
    "last updated",
    "page updated",
    "you are visitor",
    "visitor number",
    "zuletzt geändert",
    "zuletzt aktualisiert",
    "letzte änderung",
    "dernière mise à jour",
    "última actualización",
    "ostatnia aktualizacja",
    "页面生成",
    "最后更新",
    "最後更新",
    "访问次数",
];

/// A page's footer stamp: a short line saying when the page was generated or last
/// changed, or which visitor the reader is (`Page generated in 0.04 seconds`, `Last
/// modified 2024-03-03`, `You are visitor number 004521`).
pub(super) fn is_page_stamp(text: &str) -> bool {
    let t = text.trim();
    if t.chars().count() > 120 {
        return false;
    }
    let lower = t.to_lowercase();
    STAMPS.iter().any(|s| lower.contains(s))
}

pub(super) fn is_copyright(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 100
        && (t.contains('©')
            || t.contains("版权所有")
            || t.contains("版權所有")
            || t.get(..9)
                .is_some_and(|h| h.eq_ignore_ascii_case("copyright"))
            || t.to_ascii_lowercase().contains("all rights reserved"))
}

/// Whether `text` is only bracketed tool links: `【打印本页】【关闭窗口】`, `[打印] [关闭]`.
pub(super) fn is_tool_line(text: &str) -> bool {
    let t = text.trim();
    let mut groups = 0;
    let mut rest = t;
    while let Some(r) = rest.strip_prefix(['【', '[']) {
        let Some(close) = r.find(['】', ']']) else {
            return false;
        };
        let Some((name, after)) = r.split_at_checked(close) else {
            return false;
        };
        if name.chars().count() > 12 {
            return false;
        }
        groups += 1;
        rest = after.trim_start_matches(['】', ']']).trim_start();
    }
    // Bracketed names in Latin script (`[ Engadget ]`) are sources the article cites.
    let cjk = t.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    groups >= 1 && rest.is_empty() && cjk
}

/// Whether `t` opens with one of `labels` (case ignored) and `rest_ok` accepts that label
/// and the text after it (a separator, the end, no letter running on).
fn opens_with(t: &str, labels: &[&str], rest_ok: impl Fn(&str, &str) -> bool) -> bool {
    labels.iter().any(|label| {
        t.get(..label.len())
            .is_some_and(|head| lower_eq(head, label))
            && t.get(label.len()..)
                .is_some_and(|rest| rest_ok(label, rest))
    })
}

fn lower_eq(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn see_also_lines() {
        assert!(starts_see_also(
            "Lesen Sie hier: Spielabbruch in der Kreisliga"
        ));
        assert!(starts_see_also("À lire aussi » Ballonnements, lourdeurs"));
        assert!(starts_see_also("PUEDES VER: ¿Qué es la Sunedu?"));
        assert!(starts_see_also("Mire: El cantante da positivo"));
        assert!(starts_see_also("Dowiedz się więcej: Kto jak głosował"));
        assert!(!starts_see_also(
            "Related research shows that sleep matters."
        ));
        assert!(!starts_see_also("Mireille Mathieu sang: it was lovely."));
    }

    #[test]
    fn interface_lines_and_next_post_headings() {
        assert!(is_ui_line("zurück zur Listenansicht"));
        assert!(is_ui_line("Sie sind aktuell nicht eingeloggt."));
        assert!(!is_ui_line(
            "Sie sind aktuell nicht eingeloggt, sagte er, und ging."
        ));
        assert!(is_related_heading("Nächster Artikel"));
        assert!(is_related_heading("Neueste Artikel:"));
        assert!(!is_related_heading("Weitere US-Zellprojekte im Aufbau"));
    }

    #[test]
    fn ads_announced_mid_story() {
        assert!(is_ad_label("Story continues below advertisement"));
        assert!(is_ad_label("İçeriğin Devamı Aşağıda"));
        assert!(is_ad_label("- Anzeige -"));
        assert!(!is_ad_label("The story continues below the bridge."));
    }

    #[test]
    fn sponsored_lines() {
        assert!(starts_ad_label("广告英国的大学排名全知晓。"));
        assert!(starts_ad_label("ANZEIGE - Heute mal ausgehen?"));
        assert!(starts_ad_label("*Werbung. Dieser Beitrag enthält Werbung."));
        assert!(!starts_ad_label("Werbungskosten absetzen: so geht es"));
        assert!(!starts_ad_label(
            "Advertisements were everywhere in the town."
        ));
    }

    #[test]
    fn bare_dates() {
        for date in [
            "23.10.2018",
            "2021-10-16",
            "12.10.2015, 19:16 Uhr",
            "3/4/2022 3:59 PM",
        ] {
            assert!(is_bare_date(date), "{date}");
        }
        for not in [
            "317-862-2713",
            "1.2.3",
            "23.10.2018 Berlin",
            "Version 2.10.2018",
        ] {
            assert!(!is_bare_date(not), "{not}");
        }
    }

    #[test]
    fn labels() {
        assert!(is_ad_label("Advertisement"));
        assert!(is_ad_label("- Anzeige -"));
        assert!(is_ad_label("[ Werbung ]"));
        assert!(!is_ad_label("Advertisement rules changed on Monday."));
        assert!(is_related_heading("Mehr zum Thema"));
        assert!(!is_related_heading("Leggi anche"));
        assert!(is_related_heading("Você pode gostar..."));
        assert!(is_related_heading(" 相关阅读： "));
        assert!(is_related_heading("RELATED ARTICLES"));
        assert!(!is_related_heading("Read More"));
        assert!(!is_related_heading("Related to the budget, the mayor said"));
        assert!(starts_tag_line("Tags\ncalendario, stock car"));
        assert!(starts_tag_line("标签：经济 民生"));
        assert!(!starts_tag_line("Tagsmith was a company"));
        assert!(is_credit_line("责任编辑：王大同"));
        assert!(is_credit_line("（來源： 中央社）"));
        assert!(!is_credit_line(
            "编辑部今天表示：明年将改版。这是一句正文，说了很多内容，不是署名，而是新闻事实。"
        ));
        assert!(!is_credit_line("来源广泛的资料显示"));
        assert!(is_credit_line(
            "2023-05-12 09:15:32　来源：江城日报　作者：刘晓　我要评论(8)"
        ));
        assert!(is_credit_line(
            "发布时间：2022年11月3日　来源：新华网　浏览次数：1024"
        ));
        assert!(is_credit_line("2024-04-01 08:00 来源：晚报"));
        assert!(!is_credit_line("2024年是关键的一年：经济增长目标明确。"));
        assert!(is_copyright("版权所有 © 晚报社 未经许可不得转载"));
        assert!(is_copyright("Copyright 2019 The Associated Press."));
        assert!(is_related_heading("网友评论"));
        assert!(is_tool_line("【打印本页】【关闭窗口】"));
        assert!(is_tool_line("[打印] [关闭]"));
        assert!(!is_tool_line("[ Engadget ]"));
        assert!(!is_tool_line("【新华社】今天上午，会议在京召开。"));
    }
}
