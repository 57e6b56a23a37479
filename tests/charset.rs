//! Pages that were lost to their charset (issue 10), through the public API: each test
//! builds a small page of the shape that broke and checks the article's text.

use textsift::Extractor;

/// A long ASCII head (scripts, as real pages put first) before `body`.
fn page(lang: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><title>Title</title>\
         <script>{}</script></head><body><article>{body}</article></body></html>",
        "window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}\n"
            .repeat(60)
    )
}

const ZH: &str = "今天上午，市政府召开新闻发布会，介绍了今年以来全市经济运行的基本情况。\
                  发言人表示，全市经济保持平稳增长，居民收入稳步提高，就业形势总体稳定。";

#[test]
fn undeclared_gbk_page_with_a_long_ascii_head_is_not_mojibake() {
    let html = page("en", &format!("<p>{ZH}</p><p>{ZH}</p>"));
    let mut bytes = encoding_rs::GBK.encode(&html).0.into_owned();
    assert!(bytes.iter().position(|&b| b >= 0x80).unwrap() > 4096);
    // A Latin-1 `©` in the footer: the bytes are no valid GBK any more.
    bytes.extend_from_slice(b"<footer>Copyright \xA9 2020 Example</footer>");
    for extractor in [
        Extractor::default(),
        Extractor::builder()
            .base_url("https://news.example.cn/a/1.html")
            .build()
            .unwrap(),
    ] {
        let article = extractor.extract(&bytes).unwrap();
        assert_eq!(article.encoding.as_deref(), Some("GBK"));
        assert_eq!(article.encoding_source.as_deref(), Some("detected"));
        assert!(article.text().contains(ZH), "{}", article.text());
    }
}

#[test]
fn undeclared_windows_1252_page_is_not_windows_1250() {
    let text = "« Bonjour », dit-il. Le cœur a ses raisons que la raison ne connaît point.";
    // Without a hint the detector reads it as Central European; the page's language or
    // the base URL's domain settles it.
    for (lang, base) in [("fr", None), ("", Some("https://www.example.fr/article"))] {
        let html = page(lang, &format!("<p>{text}</p>"));
        let bytes = encoding_rs::WINDOWS_1252.encode(&html).0;
        let mut builder = Extractor::builder();
        if let Some(url) = base {
            builder.base_url(url);
        }
        let article = builder.build().unwrap().extract(&bytes).unwrap();
        assert_eq!(
            article.encoding.as_deref(),
            Some("windows-1252"),
            "{lang} {base:?}"
        );
        assert_eq!(article.text(), text);
    }
}

#[test]
fn undeclared_windows_1252_page_without_any_hint_is_not_central_european() {
    // Few non-ASCII bytes, no language, no URL: the detector alone says windows-1250
    // (`Ł5`) or ISO-8859-2 (`Ť Bonjour ť`).
    for text in [
        "Welsh membership costs £5 (£10 for families), UK-wide membership £30.",
        "« Bonjour », dit-il en entrant.",
    ] {
        let html = page("", &format!("<p>{text}</p>"));
        let bytes = encoding_rs::WINDOWS_1252.encode(&html).0;
        let article = textsift::extract(&bytes).unwrap();
        assert_eq!(article.encoding.as_deref(), Some("windows-1252"), "{text}");
        assert_eq!(article.text(), text);
    }
}

#[test]
fn undeclared_russian_page_with_one_letter_words_is_not_windows_1252() {
    // `в`, `о`, `и`, `с` are words: the check that keeps Western text out of Central
    // European encodings counted each as a letter alone and chose windows-1252's mojibake.
    let text = "Сегодня в мэрии прошла пресс-конференция о состоянии экономики и с планами.";
    for enc in [
        encoding_rs::KOI8_R,
        encoding_rs::WINDOWS_1251,
        encoding_rs::IBM866,
    ] {
        let html = page("", &format!("<p>{text}</p>"));
        let bytes = enc.encode(&html).0;
        let article = textsift::extract(&bytes).unwrap();
        assert_ne!(
            article.encoding.as_deref(),
            Some("windows-1252"),
            "{}",
            enc.name()
        );
        assert_eq!(article.text(), text, "{}", enc.name());
    }
}

#[test]
fn undeclared_iso_2022_jp_page_is_not_read_as_ascii() {
    // All its bytes are 7-bit: read as UTF-8 the text was `$B:#F|$ONI$$E75$$G$9!#`.
    let text = "今日は良い天気です。東京の会議について説明しました。";
    let html = page("", &format!("<p>{text}</p>"));
    let bytes = encoding_rs::ISO_2022_JP.encode(&html).0;
    assert!(bytes.is_ascii());
    let article = textsift::extract(&bytes).unwrap();
    assert_eq!(article.encoding.as_deref(), Some("ISO-2022-JP"));
    assert_eq!(article.text(), text);
}

#[test]
fn undeclared_utf8_page_with_one_stray_byte_is_not_mojibake() {
    let html = page("zh", &format!("<p>{ZH}</p>"));
    let mut bytes = html.into_bytes();
    bytes.extend_from_slice(b"<footer>\xA9 2020</footer>");
    let article = textsift::extract(&bytes).unwrap();
    assert_eq!(article.encoding.as_deref(), Some("UTF-8"));
    assert!(article.text().contains(ZH));
    assert!(article.bytes_replaced);
}

#[test]
fn replacement_charset_does_not_turn_the_page_into_one_replacement_character() {
    for label in ["replacement", "iso-2022-kr", "csiso2022kr", "hz-gb-2312"] {
        let html = format!("<meta charset={label}><title>T</title><p>{ZH}</p>");
        let article = textsift::extract(html.as_bytes()).unwrap();
        assert_eq!(article.text(), ZH, "{label}");
        assert!(!article.bytes_replaced);
        assert!(
            article
                .warnings
                .iter()
                .any(|w| w.contains(label) && w.contains("decoded as UTF-8")),
            "{:?}",
            article.warnings
        );
        // The caller's label: the same.
        let article = Extractor::default()
            .extract_with_encoding(html.as_bytes(), Some(label))
            .unwrap();
        assert_eq!(article.text(), ZH, "{label}");
    }
}

#[test]
fn commented_out_or_scripted_meta_charset_does_not_decide() {
    let text = "Déjà vu: la fenêtre est là, où êtes-vous? Ça coûte très cher.";
    for trap in [
        "<!-- <meta charset=shift_jis> -->",
        "<!--<meta charset=iso-2022-kr>-->",
        "<script>var s = '<meta charset=hz-gb-2312>';</script>",
        "<meta name=description content='Save it with charset=shift_jis'>",
    ] {
        let html = format!("<html lang=fr><head>{trap}<title>T</title></head><p>{text}</p>");
        let bytes = encoding_rs::WINDOWS_1252.encode(&html).0;
        let article = textsift::extract(&bytes).unwrap();
        assert_eq!(article.encoding.as_deref(), Some("windows-1252"), "{trap}");
        assert_eq!(article.text(), text, "{trap}");
    }
}

#[test]
fn bomless_utf16_markup_does_not_become_the_article_text() {
    let html = format!("<html><head><title>标题</title></head><body><p>{ZH}</p></body></html>");
    for bytes in [
        html.encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
        html.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    ] {
        let article = textsift::extract(&bytes).unwrap();
        assert_eq!(article.text(), ZH);
        assert_eq!(article.title.as_deref(), Some("标题"));
        assert!(article.encoding.as_deref().unwrap().starts_with("UTF-16"));
    }
}

#[test]
fn content_language_utf8_is_not_the_pages_language() {
    let article = textsift::extract(
        br#"<meta http-equiv="Content-Language" content="UTF-8"><title>T</title><p>Body text.</p>"#,
    )
    .unwrap();
    assert_eq!(article.language, None);
    let article = textsift::extract(
        br#"<html lang="utf8"><meta property="og:locale" content="zh_CN"><p>x</p>"#,
    )
    .unwrap();
    assert_eq!(article.language.as_deref(), Some("zh-CN"));
}
