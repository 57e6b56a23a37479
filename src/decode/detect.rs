//! The guess for bytes that declare no encoding and are not UTF-8: `chardetng` (Firefox's
//! detector) fed the whole input and told the top-level domain the page came from, then
//! two checks of its answer when it is a single-byte encoding:
//!
//! - the page's language (`<html lang>`), as a second domain hint, may move it to another
//!   single-byte encoding (a French page is windows-1252, not windows-1250);
//! - the bytes may read as Chinese, Japanese or Korean in a double-byte encoding: a GBK
//!   page with one stray Latin-1 byte (`©` from a template) is no valid GBK, and the
//!   detector then calls it windows-1252. When most of its non-ASCII characters are
//!   common CJK characters in GBK, Big5, Shift_JIS or EUC-KR, that reading wins.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, BIG5, EUC_KR, GBK, SHIFT_JIS};

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

/// Non-ASCII characters the CJK check reads at most (the first ones in the input).
const CJK_SAMPLE: usize = 8192;

/// The fewest non-ASCII characters the CJK check judges.
const CJK_MIN: usize = 8;

/// Guesses the encoding of `bytes` (not valid UTF-8, no declaration).
pub(crate) fn guess(bytes: &[u8], cx: Context<'_>) -> Guess {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = cx.tld.filter(|t| valid_tld(t)).map(str::as_bytes);
    let first = detector.guess(tld, Utf8Detection::Deny);
    if !first.is_single_byte() {
        return Guess {
            encoding: first,
            note: None,
        };
    }
    let mut guess = Guess {
        encoding: first,
        note: None,
    };
    // The language hint only chooses among single-byte encodings: `lang` attributes are
    // often a template's (`lang="en"` on Chinese pages), so it never moves a guess to or
    // from a CJK encoding.
    if let Some(lang_tld) = cx.lang.and_then(tld_for_language) {
        if tld != Some(lang_tld.as_bytes()) {
            let by_lang = detector.guess(Some(lang_tld.as_bytes()), Utf8Detection::Deny);
            if by_lang.is_single_byte() && by_lang != first {
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
    if let Some((cjk, share)) = cjk_reading(bytes) {
        guess = Guess {
            encoding: cjk,
            note: Some(format!(
                "the detector said {}, but {}% of the non-ASCII characters read as common CJK characters in {}",
                guess.encoding.name(),
                share,
                cjk.name()
            )),
        };
    }
    guess
}

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

/// The double-byte reading of `bytes` that is plausibly Chinese, Japanese or Korean text,
/// with its share (in percent) of common characters: at least [`CJK_MIN`] non-ASCII
/// characters, at least 80% of them common (GB2312's level-1 hanzi and punctuation,
/// Big5's level-1 hanzi and punctuation, Shift_JIS's kana, level-1 kanji and punctuation,
/// EUC-KR's hangul and punctuation), at most one invalid sequence in 20; in Shift_JIS a
/// fifth of them kana, since its level-1 kanji include windows-1252's dashes and quotes
/// before an ASCII letter (`\x97w`).
///
/// Western and Cyrillic text in a single-byte encoding never passes: its accented
/// letters mostly stand alone between ASCII ones (which no common pair holds), and the
/// pairs they form fall outside the common rows. When more than one reading passes
/// (GB2312's level-1 rows are EUC-KR's hangul rows), the detector decides between them
/// on the bytes less the invalid ones.
fn cjk_reading(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    let mut passing: Vec<(&'static Encoding, usize, Counts)> = Vec::new();
    for enc in [GBK, BIG5, SHIFT_JIS, EUC_KR] {
        let c = walk(bytes, enc, |_| {});
        let plausible = c.chars >= CJK_MIN
            && c.common * 5 >= c.chars * 4
            && c.invalid * 20 <= c.chars
            && (enc != SHIFT_JIS || c.kana * 5 >= c.chars);
        if plausible {
            passing.push((enc, c.common * 100 / c.chars, c));
        }
    }
    // The best share first; on a tie, the first in the list.
    passing.sort_by_key(|p| std::cmp::Reverse(p.1));
    let &(best, share, ref counts) = passing.first()?;
    if passing.len() == 1 {
        return Some((best, share));
    }
    let mut sample = bytes.get(..counts.end).unwrap_or_default().to_vec();
    walk(bytes, best, |at| {
        if let Some(b) = sample.get_mut(at) {
            *b = b' ';
        }
    });
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(&sample, true);
    let said = detector.guess(None, Utf8Detection::Deny);
    Some(
        passing
            .iter()
            .find(|(enc, ..)| *enc == said)
            .map_or((best, share), |&(enc, share, _)| (enc, share)),
    )
}

/// Characters counted in a double-byte reading.
#[derive(Debug, Default)]
struct Counts {
    /// Non-ASCII characters (and invalid sequences).
    chars: usize,
    /// Common ones.
    common: usize,
    /// Kana (Shift_JIS only).
    kana: usize,
    /// Invalid sequences.
    invalid: usize,
    /// Where the walk stopped.
    end: usize,
}

/// Walks `bytes` as `enc` (one of the four double-byte encodings) up to [`CJK_SAMPLE`]
/// non-ASCII characters, counting common characters and invalid sequences by their
/// bytes, and telling `invalid` where each invalid byte is. One pass, no decoding.
fn walk(bytes: &[u8], enc: &'static Encoding, mut invalid: impl FnMut(usize)) -> Counts {
    let mut c = Counts::default();
    let mut i = 0;
    while c.chars < CJK_SAMPLE {
        // Skip ASCII quickly.
        match bytes
            .get(i..)
            .and_then(|rest| rest.iter().position(|&b| b >= 0x80))
        {
            Some(skip) => i += skip,
            None => {
                i = bytes.len();
                break;
            }
        }
        let Some(&lead) = bytes.get(i) else { break };
        let trail = bytes.get(i + 1).copied();
        c.chars += 1;
        let ch = if enc == GBK {
            gbk(lead, trail, bytes.get(i + 2..i + 4))
        } else if enc == BIG5 {
            big5(lead, trail)
        } else if enc == SHIFT_JIS {
            shift_jis(lead, trail)
        } else {
            euc_kr(lead, trail)
        };
        if ch.len == 0 {
            c.invalid += 1;
            invalid(i);
            i += 1;
        } else {
            c.common += usize::from(ch.common);
            c.kana += usize::from(ch.kana);
            i += ch.len;
        }
    }
    c.end = i.min(bytes.len());
    c
}

/// One character of a double-byte encoding, judged by its bytes.
#[derive(Default)]
struct Char {
    /// Its length in bytes; 0 if the bytes are invalid.
    len: usize,
    common: bool,
    kana: bool,
}

const INVALID: Char = Char {
    len: 0,
    common: false,
    kana: false,
};

fn char_of(len: usize, common: bool) -> Char {
    Char {
        len,
        common,
        kana: false,
    }
}

/// One GBK/GB18030 character at `lead`: its length (0 if invalid) and whether it is
/// common (GB2312 punctuation and full-width forms, rows A1–A3, or level-1 hanzi, rows
/// B0–D7).
fn gbk(lead: u8, trail: Option<u8>, four: Option<&[u8]>) -> Char {
    match lead {
        // The euro sign in GBK.
        0x80 => return char_of(1, false),
        0xFF => return INVALID,
        _ => {}
    }
    let Some(t) = trail else { return INVALID };
    if (0x30..=0x39).contains(&t) {
        // A four-byte GB18030 sequence.
        let ok = four.is_some_and(|f| matches!(f, [0x81..=0xFE, 0x30..=0x39]));
        return if ok { char_of(4, false) } else { INVALID };
    }
    if !(0x40..=0xFE).contains(&t) || t == 0x7F {
        return INVALID;
    }
    char_of(2, t >= 0xA1 && matches!(lead, 0xA1..=0xA3 | 0xB0..=0xD7))
}

/// One Big5 character: punctuation (A140–A3BF) and level-1 hanzi (A440–C67E) are common.
fn big5(lead: u8, trail: Option<u8>) -> Char {
    let Some(t) = trail else { return INVALID };
    if !(0x81..=0xFE).contains(&lead) || !matches!(t, 0x40..=0x7E | 0xA1..=0xFE) {
        return INVALID;
    }
    let code = u16::from(lead) << 8 | u16::from(t);
    char_of(
        2,
        (0xA140..=0xA3BF).contains(&code) || (0xA440..=0xC67E).contains(&code),
    )
}

/// One Shift_JIS character: punctuation (8140–81AC), hiragana and katakana (829F–8396)
/// and level-1 kanji (889F–9872) are common; half-width katakana (A1–DF, one byte) are
/// valid but not common.
fn shift_jis(lead: u8, trail: Option<u8>) -> Char {
    if (0xA1..=0xDF).contains(&lead) {
        return char_of(1, false);
    }
    let Some(t) = trail else { return INVALID };
    if !matches!(lead, 0x81..=0x9F | 0xE0..=0xFC) || !matches!(t, 0x40..=0x7E | 0x80..=0xFC) {
        return INVALID;
    }
    let code = u16::from(lead) << 8 | u16::from(t);
    let kana = (0x829F..=0x8396).contains(&code);
    Char {
        len: 2,
        common: kana || (0x8140..=0x81AC).contains(&code) || (0x889F..=0x9872).contains(&code),
        kana,
    }
}

/// One EUC-KR (UHC) character: KS X 1001 symbols (rows A1–A3) and hangul (rows B0–C8)
/// are common.
fn euc_kr(lead: u8, trail: Option<u8>) -> Char {
    let Some(t) = trail else { return INVALID };
    if !(0x81..=0xFE).contains(&lead) || !matches!(t, 0x41..=0x5A | 0x61..=0x7A | 0x81..=0xFE) {
        return INVALID;
    }
    char_of(2, t >= 0xA1 && matches!(lead, 0xA1..=0xA3 | 0xB0..=0xC8))
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{WINDOWS_1250, WINDOWS_1251, WINDOWS_1252};

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
    fn latin_and_cyrillic_text_never_reads_as_cjk() {
        for (enc, text) in [
            (WINDOWS_1252, "Le gouvernement a annoncé mercredi une série de mesures économiques; À bientôt! ÉTÉ, ÇA, Œuvre, «élu», Ärger über Öl und Übel, Straße, São Paulo, ÀÉÈÊ"),
            (WINDOWS_1250, "Příliš žluťoučký kůň úpěl ďábelské ódy. Zażółć gęślą jaźń. ŚWIĘTO"),
            (WINDOWS_1251, "Москва — столица России. МОСКВА, ПРАВИТЕЛЬСТВО РОССИИ объявило о новых мерах."),
        ] {
            let html = page(&format!("<p>{text}</p>"));
            let bytes = enc.encode(&html).0;
            assert_eq!(cjk_reading(&bytes), None, "{}", enc.name());
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
    fn declared_single_byte_shared_pages_never_read_as_cjk() {
        use std::io::Read;
        let mut seen = 0;
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
                {
                    continue;
                }
                let head = bytes.get(..bytes.len().min(64 << 10)).unwrap_or_default();
                let Some(declared) = super::super::prescan::prescan(head) else {
                    continue;
                };
                if std::str::from_utf8(&bytes).is_ok() {
                    continue;
                }
                seen += 1;
                let cjk = cjk_reading(&bytes).map(|(e, _)| e);
                if declared.encoding.is_single_byte() {
                    assert_eq!(cjk, None, "{}", entry.path().display());
                } else if [GBK, BIG5, SHIFT_JIS, EUC_KR].contains(&declared.encoding) {
                    assert_eq!(cjk, Some(declared.encoding), "{}", entry.path().display());
                }
            }
        }
        if seen == 0 {
            eprintln!("skipped: ../shared/bench is absent");
        }
    }
}
