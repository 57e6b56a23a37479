//! Credit lines inside image captions (`… Foto: Max Muster`, `(Photo: Reuters)`, `© AFP`,
//! `摄影：张三`): told apart from the caption, for [`Image::credit`](crate::Image::credit).

/// Marks that open a credit, lower case (ASCII case is ignored when matching).
const MARKS: &[&str] = &[
    "fotos:",
    "foto:",
    "photos:",
    "photo:",
    "photograph:",
    "bild:",
    "bilder:",
    "image:",
    "credits:",
    "credit:",
    "quelle:",
    "photo by ",
    "foto von ",
    "©",
    "(c) ",
    "摄影：",
    "摄影:",
    "图片来源：",
    "图：",
    "图/",
];

/// A credit longer than this (bytes) is a sentence, not a credit.
const MAX_CREDIT: usize = 120;

/// `caption` split into what it says and who made the picture: the last credit mark and
/// what follows it (brackets around it dropped). A caption that is only a credit gives no
/// caption.
pub(crate) fn split(caption: &str) -> (Option<String>, Option<String>) {
    let lower = caption.to_ascii_lowercase();
    let Some((at, mark)) = MARKS
        .iter()
        .filter_map(|m| lower.rfind(m).map(|at| (at, *m)))
        .max_by_key(|&(at, _)| at)
    else {
        return (Some(caption.to_string()), None);
    };
    let (Some(head), Some(tail)) = (caption.get(..at), caption.get(at + mark.len()..)) else {
        return (Some(caption.to_string()), None);
    };
    let credit = tail.trim().trim_end_matches([')', ']', '）', '】']).trim();
    if credit.is_empty() || credit.len() > MAX_CREDIT {
        return (Some(caption.to_string()), None);
    }
    let head = head
        .trim_end()
        .trim_end_matches(['(', '[', '（', '【', '|', '/', '-', '–', '—'])
        .trim();
    let caption = (!head.is_empty()).then(|| head.to_string());
    (caption, Some(credit.to_string()))
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn credits_are_told_apart() {
        let s = |c: &str| {
            let (a, b) = split(c);
            (a.unwrap_or_default(), b.unwrap_or_default())
        };
        assert_eq!(
            s("Der neue Radweg an der Hauptstraße. Foto: Max Muster"),
            (
                "Der neue Radweg an der Hauptstraße.".into(),
                "Max Muster".into()
            )
        );
        assert_eq!(
            s("Crowds on the bridge (Photo: Jane Roe/Reuters)"),
            ("Crowds on the bridge".into(), "Jane Roe/Reuters".into())
        );
        assert_eq!(s("© AFP"), (String::new(), "AFP".into()));
        assert_eq!(
            s("新建的口袋公园（摄影：张三）"),
            ("新建的口袋公园".into(), "张三".into())
        );
        assert_eq!(
            s("A quiet street at dawn"),
            ("A quiet street at dawn".into(), String::new())
        );
    }
}
