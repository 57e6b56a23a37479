//! The guess for bytes that declare no encoding and are not UTF-8: the judge over the
//! candidate readings, each in its own module.
//!
//! 1. Mostly UTF-8 ([`super::utf8`]): many valid multi-byte sequences, few invalid ones.
//! 2. `chardetng` (Firefox's detector), fed the whole input and told the top-level
//!    domain the page came from.
//! 3. When its answer is a single-byte encoding:
//!    - where the domain says nothing, the page's language (`<html lang>`), as a
//!      second domain hint, may move it to another Latin-script encoding (a French page
//!      is windows-1252, not windows-1250); never to or from a CJK or Cyrillic one, since
//!      `lang` is often a template's;
//!    - a CJK reading ([`super::cjk`]) wins when most non-ASCII characters are common
//!      Chinese, Japanese or Korean ones;
//!    - else windows-1252 wins when it reads the differing bytes more plausibly
//!      ([`super::western`]).
//!
//! Each step that moves the answer says so in [`Guess::note`].

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    Encoding, ISO_8859_10, ISO_8859_13, ISO_8859_14, ISO_8859_15, ISO_8859_16, ISO_8859_2,
    ISO_8859_3, ISO_8859_4, UTF_8, WINDOWS_1250, WINDOWS_1252, WINDOWS_1254, WINDOWS_1257,
    WINDOWS_1258,
};

use super::{cjk, utf8, western};

/// What the guess knows besides the bytes.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Context<'h> {
    /// The top-level domain the page came from, lower-case (`cn`, `fr`).
    pub(crate) tld: Option<&'h str>,
    /// The page's language tag (`fr`, `zh-TW`), from `<html lang>`.
    pub(crate) lang: Option<&'h str>,
}

/// A guess and why.
#[derive(Debug, PartialEq)]
pub(crate) struct Guess {
    pub(crate) encoding: &'static Encoding,
    /// What moved the detector's own answer, for the warning (`None`: its answer).
    pub(crate) note: Option<String>,
}

/// Guesses the encoding of `bytes` (not valid UTF-8, no declaration).
pub(crate) fn guess(bytes: &[u8], cx: Context<'_>) -> Guess {
    let (bytes, cut) = super::sample(bytes);
    if let Some((chars, invalid)) = utf8::mostly_utf8(bytes) {
        return Guess {
            encoding: UTF_8,
            note: Some(format!(
                "{chars} valid multi-byte UTF-8 characters and {invalid} invalid sequence(s)"
            )),
        };
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, !cut);
    let tld = cx.tld.filter(|t| valid_tld(t)).map(str::as_bytes);
    let first = detector.guess(tld, Utf8Detection::Deny);
    let mut guess = Guess {
        encoding: first,
        note: None,
    };
    if !first.is_single_byte() {
        return guess;
    }
    // The language weighs only where the domain does not, and only between Latin-script
    // encodings: a template's `lang="en"` must not turn a Russian page Western.
    let domain_decides = EncodingDetector::tld_may_affect_guess(tld);
    if let Some(lang_tld) = cx
        .lang
        .and_then(tld_for_language)
        .filter(|_| !domain_decides)
    {
        if LATIN.contains(&first) {
            let by_lang = detector.guess(Some(lang_tld.as_bytes()), Utf8Detection::Deny);
            if LATIN.contains(&by_lang) && by_lang != first {
                guess = Guess {
                    encoding: by_lang,
                    note: Some(format!(
                        "the detector's {} became {} for the page's language {:?}",
                        first.name(),
                        by_lang.name(),
                        cx.lang.unwrap_or_default()
                    )),
                };
            }
        }
    }
    if let Some((enc, share)) = cjk::reading(bytes) {
        return Guess {
            encoding: enc,
            note: Some(format!(
                "the detector said {}, but {share}% of the non-ASCII characters read as common CJK characters in {}",
                guess.encoding.name(),
                enc.name()
            )),
        };
    }
    // Only a Latin-script guess is weighed against windows-1252: where the letters are all
    // non-ASCII (Cyrillic, Greek…), one-letter words (`в`, `о`, `и`) look like the letters
    // alone the check counts against a reading, while the windows-1252 mojibake of the
    // same bytes is all letters and passes.
    let western = LATIN
        .contains(&guess.encoding)
        .then(|| western::windows_1252_reads_better(bytes, guess.encoding))
        .flatten();
    if let Some((bad, bad_1252)) = western {
        return Guess {
            encoding: WINDOWS_1252,
            note: Some(format!(
                "the detector said {}, whose reading puts {bad} character(s) where text has none (a letter alone, a symbol inside a word; windows-1252's reading: {bad_1252})",
                guess.encoding.name()
            )),
        };
    }
    guess
}

/// The single-byte encodings for Latin-script text, among which the page's language may
/// choose.
const LATIN: &[&Encoding] = &[
    WINDOWS_1252,
    WINDOWS_1250,
    WINDOWS_1254,
    WINDOWS_1257,
    WINDOWS_1258,
    ISO_8859_2,
    ISO_8859_3,
    ISO_8859_4,
    ISO_8859_10,
    ISO_8859_13,
    ISO_8859_14,
    ISO_8859_15,
    ISO_8859_16,
];

/// Whether `tld` is what `chardetng` accepts (it panics on a `.`, upper case or
/// non-ASCII): one DNS label, lower-case ASCII.
fn valid_tld(tld: &str) -> bool {
    !tld.is_empty()
        && tld
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

/// The top-level domain of a URL's host, lower-case: `cn` for `https://news.example.cn/`.
/// `None` for an IP address or a host that is no DNS name.
pub(crate) fn tld_of(url: &url::Url) -> Option<String> {
    let host = url.domain()?.trim_end_matches('.');
    let tld = host.rsplit('.').next()?.to_ascii_lowercase();
    valid_tld(&tld).then_some(tld)
}

/// A country domain whose encodings `chardetng` ties to the language of `tag` (`cz` for
/// `cs`): the language hint in its terms. `None` for a language it has no leaning for.
fn tld_for_language(tag: &str) -> Option<&'static str> {
    let mut subtags = tag.split(['-', '_']);
    let primary = subtags.next()?.to_ascii_lowercase();
    let region = subtags.find(|s| s.len() == 2 || s.len() == 4);
    Some(match primary.as_str() {
        // Western European languages: windows-1252.
        "en" | "fr" | "de" | "es" | "it" | "pt" | "nl" | "sv" | "da" | "no" | "nb" | "nn"
        | "fi" | "ca" | "eu" | "gl" | "ga" | "af" | "sq" | "id" | "ms" => "fr",
        "is" | "fo" => "is",
        "cs" => "cz",
        "sk" => "sk",
        "pl" => "pl",
        "hu" => "hu",
        "sl" => "si",
        "hr" | "bs" => "hr",
        "ro" => "ro",
        "et" => "ee",
        "lt" => "lt",
        "lv" => "lv",
        "tr" | "az" => "tr",
        "el" => "gr",
        "ru" => "ru",
        "uk" => "ua",
        "be" => "by",
        "bg" => "bg",
        "sr" => "rs",
        "mk" => "mk",
        "kk" => "kz",
        "he" | "iw" => "il",
        "ar" => "eg",
        "fa" => "ir",
        "th" => "th",
        "vi" => "vn",
        "ja" => "jp",
        "ko" => "kr",
        "zh" => match region.map(str::to_ascii_lowercase).as_deref() {
            Some("tw" | "hant") => "tw",
            Some("hk" | "mo") => "hk",
            _ => "cn",
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, EUC_KR, GBK, SHIFT_JIS};

    /// A page with a long ASCII head (a script) before `body`.
    fn page(body: &str) -> String {
        format!(
            "<html><head><title>News</title><script>{}</script></head><body>{body}</body></html>",
            "var x = 1; function f(a) { return a + 1; }\n".repeat(100)
        )
    }

    const ZH: &str = "<p>今天上午，市政府召开新闻发布会，介绍了今年以来全市经济运行的基本情况。\
                      发言人表示，全市经济保持平稳增长，居民收入稳步提高。</p>";

    #[test]
    fn gbk_page_with_an_ascii_head_and_a_stray_latin1_byte_is_gbk() {
        // The shape that came out as `¹ØÓÚ` mojibake: 4 KB of ASCII, then Chinese, and a
        // footer whose `©` is one Latin-1 byte (no valid GBK), so the detector alone calls
        // it windows-1252.
        let mut bytes = GBK.encode(&page(ZH)).0.into_owned();
        assert!(bytes.iter().position(|&b| b >= 0x80).unwrap() > 4096);
        bytes.extend_from_slice(b"<footer>Copyright \xA9 2020</footer>");
        let mut d = EncodingDetector::new(Iso2022JpDetection::Deny);
        d.feed(&bytes, true);
        assert_eq!(d.guess(None, Utf8Detection::Deny), WINDOWS_1252);
        let g = guess(&bytes, Context::default());
        assert_eq!(g.encoding, GBK);
        assert!(g.note.unwrap().contains("windows-1252"));
        // The same without the stray byte, and with a `.cn` domain.
        let zh_page = page(ZH);
        let clean = GBK.encode(&zh_page).0;
        assert_eq!(guess(&clean, Context::default()).encoding, GBK);
        let cx = Context {
            tld: Some("cn"),
            lang: None,
        };
        assert_eq!(guess(&bytes, cx).encoding, GBK);
    }

    #[test]
    fn big5_shift_jis_and_euc_kr_pages_with_a_stray_byte_read_right() {
        for (enc, text) in [
            (BIG5, "<p>今天上午，市政府召開新聞發布會，介紹了今年以來全市經濟運行的基本情況。</p>"),
            (SHIFT_JIS, "<p>今日の午前、市役所で記者会見が開かれ、今年の経済の状況について説明がありました。</p>"),
            (EUC_KR, "<p>오늘 오전 시청에서 기자회견이 열렸으며, 올해 경제 상황에 대한 설명이 있었습니다.</p>"),
        ] {
            let mut bytes = enc.encode(&page(text)).0.into_owned();
            bytes.extend_from_slice(b"<footer>\xA9 2020</footer>");
            assert_eq!(guess(&bytes, Context::default()).encoding, enc, "{}", enc.name());
        }
    }

    #[test]
    fn windows_1252_french_page_is_not_windows_1250() {
        let text = "<p>« Bonjour », dit-il. Le cœur et l’œuvre.</p>";
        let html = page(text);
        let bytes = WINDOWS_1252.encode(&html).0;
        // The detector alone reads it as Central European.
        let alone = guess(&bytes, Context::default()).encoding;
        assert_ne!(alone, WINDOWS_1252);
        for cx in [
            Context {
                tld: Some("fr"),
                lang: None,
            },
            Context {
                tld: None,
                lang: Some("fr"),
            },
            Context {
                tld: Some("com"),
                lang: Some("fr-FR"),
            },
        ] {
            let g = guess(&bytes, cx);
            assert_eq!(g.encoding, WINDOWS_1252, "{cx:?}");
        }
        // A `lang` never turns a page CJK: a template's `lang="zh"` on a French page.
        let cx = Context {
            tld: None,
            lang: Some("zh-CN"),
        };
        assert!(guess(&bytes, cx).encoding.is_single_byte());
    }

    #[test]
    fn template_lang_does_not_turn_a_cyrillic_or_czech_page_western() {
        let cases = [
            (
                encoding_rs::WINDOWS_1251,
                "Москва — столица России. Правительство объявило о новых мерах поддержки.",
                None,
            ),
            (
                WINDOWS_1250,
                "Příliš žluťoučký kůň úpěl ďábelské ódy. Vláda oznámila nová opatření.",
                Some("cz"),
            ),
        ];
        for (enc, text, tld) in cases {
            let html = page(&format!("<p>{text}</p>"));
            let bytes = enc.encode(&html).0;
            let cx = Context {
                tld,
                lang: Some("en"),
            };
            assert_eq!(guess(&bytes, cx).encoding, enc, "{}", enc.name());
        }
    }

    #[test]
    fn tld_of_never_gives_what_chardetng_panics_on() {
        let tld = |u: &str| tld_of(&url::Url::parse(u).unwrap());
        assert_eq!(tld("https://news.Example.CN/a").as_deref(), Some("cn"));
        assert_eq!(tld("https://example.jp./").as_deref(), Some("jp"));
        assert_eq!(tld("https://例子.中国/").as_deref(), Some("xn--fiqs8s"));
        assert_eq!(tld("http://1.2.3.4/"), None);
        assert_eq!(tld("http://[::1]/"), None);
        assert_eq!(tld("foo://EXAMPLE.%43N/").filter(|t| !valid_tld(t)), None);
        assert_eq!(tld("file:///etc/passwd"), None);
        for t in ["", "a.b", "CN", "中国"] {
            assert!(!valid_tld(t));
            // And `guess` filters them out rather than panicking.
            let cx = Context {
                tld: Some(t),
                lang: None,
            };
            guess(b"\xE9t\xE9", cx);
        }
    }

    #[test]
    fn shared_pages_stripped_of_their_declaration_are_guessed_as_they_declare() {
        use std::io::Read;
        let (mut pages, mut same) = (0, 0);
        let mut wrong = Vec::new();
        for set in ["articles", "web-en", "web-multi", "forums", "segments"] {
            let Ok(dir) = std::fs::read_dir(format!("../shared/bench/{set}/html")) else {
                continue;
            };
            for entry in dir.flatten() {
                let mut bytes = Vec::new();
                let Ok(file) = std::fs::File::open(entry.path()) else {
                    continue;
                };
                if flate2::read::MultiGzDecoder::new(file)
                    .read_to_end(&mut bytes)
                    .is_err()
                    || std::str::from_utf8(&bytes).is_ok()
                {
                    continue;
                }
                let head = bytes.get(..bytes.len().min(64 << 10)).unwrap_or_default();
                let Some(declared) = crate::decode::prescan::prescan(head) else {
                    continue;
                };
                if declared.encoding == UTF_8 {
                    // Declared UTF-8 and not valid: mixed pages, no one encoding is right.
                    continue;
                }
                pages += 1;
                let hints = crate::decode::hints::page_hints(head);
                let tld = hints.url.as_ref().and_then(tld_of);
                let cx = Context {
                    tld: tld.as_deref(),
                    lang: hints.lang.as_deref(),
                };
                let guessed = guess(&bytes, cx).encoding;
                let text = |e: &'static Encoding| e.decode_without_bom_handling(&bytes).0;
                if text(guessed) == text(declared.encoding) {
                    same += 1;
                } else {
                    wrong.push(format!(
                        "{} {} {}",
                        entry.path().display(),
                        declared.encoding.name(),
                        guessed.name()
                    ));
                }
            }
        }
        if pages == 0 {
            eprintln!("skipped: ../shared/bench is absent");
            return;
        }
        eprintln!("{same} of {pages} declared shared pages guessed as declared");
        assert!(
            wrong.is_empty(),
            "{same} of {pages} right; wrong: {wrong:#?}"
        );
    }
}
