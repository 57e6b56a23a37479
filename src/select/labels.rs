//! Short texts that announce boilerplate whatever the markup: a "related reading" heading,
//! a tag line, an editor's credit line.

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
    "das könnte sie auch interessieren",
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
];

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
    let t = bare(text);
    t.len() <= 60
        && RELATED
            .iter()
            .any(|r| t.eq_ignore_ascii_case(r) || lower_eq(t, r))
}

/// Whether `text` opens with a tag-line label (`Tags`, `标签：`…).
pub(super) fn starts_tag_line(text: &str) -> bool {
    let t = text.trim_start();
    TAGS.iter().any(|label| {
        t.get(..label.len())
            .is_some_and(|head| lower_eq(head, label))
            && {
                let rest = &t[label.len()..];
                rest.is_empty()
                    || rest.starts_with([':', '：', ' ', '\n', '\t', '\u{a0}'])
                    || !rest.starts_with(char::is_alphanumeric)
            }
    })
}

/// Whether `text` is an editor's or source's credit line (`责任编辑：王某`, `来源：新华社`).
pub(super) fn is_credit_line(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '(' | '（' | '['));
    if t.chars().count() > 40 {
        return false;
    }
    CREDITS.iter().any(|c| {
        t.strip_prefix(c).is_some_and(|rest| {
            rest.trim_start()
                .starts_with([':', '：', '|', '丨', '/', '／'])
        })
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
    fn labels() {
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
    }
}
