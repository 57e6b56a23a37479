//! Bytes → text. The first step that answers decides:
//!
//! 1. a byte-order mark;
//! 2. the NUL pattern of UTF-16 without one ([`utf16`]), which no ASCII-compatible
//!    encoding of text shows, so it beats a label;
//! 3. the caller's label (an HTTP `charset`);
//! 4. the page's own declaration, found by the HTML standard's prescan ([`prescan`]),
//!    unless the bytes are (mostly, [`utf8`]) valid UTF-8 holding non-ASCII text (a
//!    copied template's stale `charset=gbk`; multi-byte UTF-8 does not arise by chance);
//! 5. ISO-2022-JP's escape sequences in 7-bit bytes ([`jis`]), else valid UTF-8;
//! 6. a guess ([`detect`]): `chardetng` told the page's domain, checked against its
//!    language and against mostly-UTF-8, CJK and windows-1252 readings of the bytes.
//!
//! A label is not trusted when following it would lose the page: one that names the
//! replacement encoding (`iso-2022-kr`, `hz-gb-2312`, `replacement`…), whose decoder turns
//! a whole page into one U+FFFD; a UTF-8 one for bytes far from UTF-8 (a GBK or
//! windows-1251 page, which would become U+FFFDs); a caller's UTF-16 for bytes without a
//! NUL. The next step decides then, and a warning says what was declared and what was
//! used. Invalid sequences are replaced and recorded.

mod cjk;
mod detect;
mod hints;
mod jis;
mod prescan;
mod utf16;
mod utf8;
mod western;

use encoding_rs::{Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};
use std::borrow::Cow;

/// The most leading bytes the `<meta charset>` prescan reads: the first 1024 (as the
/// standard advises) and on while in the head ([`prescan::prescan`]). Of the 88 shared
/// pages (bench and WARC) that are not UTF-8, 75 declare an encoding: 65 in the first
/// 1024 bytes, 8 more later in the head (the last at 58 KiB), 2 only after a tag that
/// ends the head, where browsers do not read it either (the guess gives both the same
/// text).
const PRESCAN_BYTES: usize = 64 << 10;

/// How many leading bytes are read for the page's language and URL when the encoding
/// must be guessed.
const HINT_BYTES: usize = 64 << 10;

/// The most bytes the guess and its readings judge, from the first non-ASCII byte on:
/// the detector costs 0.1–0.2 µs a byte (three seconds for a 25 MB page), and a
/// megabyte of text is more than any verdict needs.
const SAMPLE_BYTES: usize = 1 << 20;

/// Decoded input text, the encoding used and how it was chosen.
pub(crate) struct Decoded<'a> {
    pub(crate) text: Cow<'a, str>,
    /// Soft problems: a guessed encoding, a wrong declaration, replaced bytes.
    pub(crate) warnings: Vec<String>,
    /// The encoding's WHATWG name (`UTF-8`, `GBK`, `Big5`…).
    pub(crate) encoding: &'static str,
    /// How it was chosen: `bom`, `hint`, `meta`, `utf-8` (the bytes are valid UTF-8) or
    /// `detected` (UTF-16's NUL pattern, or a guess).
    pub(crate) source: &'static str,
    /// Whether invalid byte sequences were replaced with U+FFFD.
    pub(crate) replaced: bool,
}

/// Decodes `bytes`. `hint` is the caller's encoding label (`gbk`, e.g. from an HTTP
/// `Content-Type` header), preferred over the page's declaration; `url` is where the page
/// came from, whose top-level domain (`.cn`, `.jp`, `.fr`) weighs in a guess.
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    hint: Option<&str>,
    url: Option<&url::Url>,
) -> Decoded<'a> {
    let mut warnings = Vec::new();
    // Labels not followed, and why, for the warning.
    let mut distrusted: Vec<(String, String)> = Vec::new();
    let sniffed = utf16::sniff(bytes);
    let (encoding, source, bytes) = 'choose: {
        if let Some((enc, bom)) = Encoding::for_bom(bytes) {
            break 'choose (enc, "bom", bytes.get(bom..).unwrap_or_default());
        }
        let hinted = hint.map(|h| (h, Encoding::for_label(h.trim().as_bytes())));
        if let Some(enc) = sniffed {
            if let Some((label, Some(e))) =
                hinted.filter(|(_, e)| *e != Some(UTF_16LE) && *e != Some(UTF_16BE))
            {
                warnings.push(format!(
                    "the caller's label {label:?} ({}) is contradicted by the bytes, which are {}: decoded as {}",
                    e.name(),
                    enc.name(),
                    enc.name()
                ));
                break 'choose (enc, "detected", bytes);
            }
            if hinted.is_some_and(|(_, e)| e.is_some()) {
                break 'choose (enc, "hint", bytes);
            }
            warnings.push(format!(
                "input is UTF-16 without a byte-order mark (a NUL in every other byte): decoded as {}",
                enc.name()
            ));
            break 'choose (enc, "detected", bytes);
        }
        match hinted {
            Some((label, None)) => warnings.push(format!(
                "the caller's encoding label {label:?} is unknown: ignored"
            )),
            Some((label, Some(enc))) if enc == REPLACEMENT => {
                distrusted.push((
                    format!("the caller's label {label:?}"),
                    REPLACEMENT_WHY.into(),
                ));
            }
            Some((label, Some(enc)))
                if enc == UTF_8 && utf8::far_from_utf8(sample(bytes).0).is_some() =>
            {
                distrusted.push((format!("the caller's label {label:?}"), not_utf8_why(bytes)));
            }
            Some((label, Some(enc))) if (enc == UTF_16LE || enc == UTF_16BE) && !has_nul(bytes) => {
                warnings.push(format!(
                    "the caller's label {label:?} says UTF-16, but the bytes hold no NUL (they are ASCII-compatible): not trusted"
                ));
            }
            Some((_, Some(enc))) if enc == X_USER_DEFINED => {
                break 'choose (WINDOWS_1252, "hint", bytes)
            }
            Some((_, Some(enc))) => break 'choose (enc, "hint", bytes),
            None => {}
        }
        let head = bytes
            .get(..bytes.len().min(PRESCAN_BYTES))
            .unwrap_or_default();
        if let Some(declared) = prescan::prescan(head) {
            let enc = declared.encoding;
            let who = || format!("the page's <meta> charset {:?}", declared.label);
            if enc == REPLACEMENT {
                distrusted.push((who(), REPLACEMENT_WHY.into()));
            } else if enc == UTF_8 && utf8::far_from_utf8(sample(bytes).0).is_some() {
                distrusted.push((who(), not_utf8_why(bytes)));
            } else if let Some(how) =
                (enc != UTF_8 && enc != UTF_16LE && enc != UTF_16BE && !bytes.is_ascii())
                    .then(|| utf8_reading(bytes))
                    .flatten()
            {
                warnings.push(format!(
                    "the page declares {} but its bytes are {how}: decoded as UTF-8",
                    enc.name()
                ));
                break 'choose (UTF_8, "utf-8", bytes);
            } else {
                break 'choose (enc, "meta", bytes);
            }
        }
        if jis::is_iso_2022_jp(bytes) {
            warnings.push(
                "input declares no encoding and switches character sets as ISO-2022-JP does: decoded as ISO-2022-JP".into(),
            );
            break 'choose (encoding_rs::ISO_2022_JP, "detected", bytes);
        }
        if valid_utf8(bytes) {
            break 'choose (UTF_8, "utf-8", bytes);
        }
        let page = hints::page_hints(bytes.get(..bytes.len().min(HINT_BYTES)).unwrap_or_default());
        let tld = url.or(page.url.as_ref()).and_then(detect::tld_of);
        let guess = detect::guess(
            bytes,
            detect::Context {
                tld: tld.as_deref(),
                lang: page.lang.as_deref(),
            },
        );
        if distrusted.is_empty() {
            warnings.push(format!(
                "input is not valid UTF-8 and declares no encoding: decoded as {} (detected{})",
                guess.encoding.name(),
                guess.note.map(|n| format!("; {n}")).unwrap_or_default()
            ));
        } else if let Some(note) = guess.note {
            warnings.push(format!("encoding detected: {note}"));
        }
        (guess.encoding, "detected", bytes)
    };
    for (label, why) in distrusted {
        warnings.push(format!(
            "{label} {why}: not trusted; decoded as {} ({source})",
            encoding.name()
        ));
    }
    let (text, replaced) = encoding.decode_without_bom_handling(bytes);
    if replaced {
        warnings.push(format!(
            "input is not valid {}: invalid bytes were replaced with U+FFFD",
            encoding.name()
        ));
    }
    Decoded {
        text,
        warnings,
        encoding: encoding.name(),
        source,
        replaced,
    }
}

/// The part of `bytes` the guess and its readings judge: from just before the first
/// non-ASCII byte (the ASCII before it holds no evidence, and the byte that follows it
/// starts a character in every ASCII-compatible encoding) to at most [`SAMPLE_BYTES`]
/// past it; and whether it stops short of the end.
fn sample(bytes: &[u8]) -> (&[u8], bool) {
    let first = Encoding::ascii_valid_up_to(bytes);
    let end = bytes.len().min(first.saturating_add(SAMPLE_BYTES));
    let sample = bytes.get(first.saturating_sub(2)..end).unwrap_or_default();
    (sample, end < bytes.len())
}

/// How the bytes are UTF-8, if they are: `valid UTF-8`, or mostly ([`utf8::mostly_utf8`]).
fn utf8_reading(bytes: &[u8]) -> Option<String> {
    if valid_utf8(bytes) {
        return Some("valid UTF-8".into());
    }
    let (chars, invalid) = utf8::mostly_utf8(sample(bytes).0)?;
    Some(format!(
        "UTF-8 but for {invalid} invalid sequence(s) among {chars} multi-byte characters"
    ))
}

/// Why a label of the replacement encoding is not followed.
const REPLACEMENT_WHY: &str =
    "names the replacement encoding, which would decode the whole page to one U+FFFD";

/// Why a UTF-8 label is not followed for `bytes` ([`utf8::far_from_utf8`]).
fn not_utf8_why(bytes: &[u8]) -> String {
    let (chars, invalid) = utf8::far_from_utf8(sample(bytes).0).unwrap_or_default();
    format!(
        "is UTF-8, but the bytes hold {invalid} invalid UTF-8 sequence(s) and {chars} multi-byte character(s), so most of the page would be U+FFFD"
    )
}

fn valid_utf8(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok()
}

/// Whether the first bytes (as many as the UTF-16 sniff reads) hold a NUL.
fn has_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes.get(..bytes.len().min(4096)).unwrap_or_default()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_borrows_valid_utf8() {
        let d = decode("\u{FEFF}<p>中文</p>".as_bytes(), None, None);
        assert!(matches!(d.text, Cow::Borrowed("<p>中文</p>")));
        assert!(d.warnings.is_empty());
        assert_eq!((d.encoding, d.source), ("UTF-8", "bom"));
    }

    #[test]
    fn invalid_bytes_are_replaced_and_recorded() {
        let d = decode(b"<meta charset=utf-8><p>a\xFFb</p>", None, None);
        assert_eq!(d.text, "<meta charset=utf-8><p>a\u{FFFD}b</p>");
        assert!(!d.warnings.is_empty() && d.replaced);
    }

    #[test]
    fn meta_charset_and_http_equiv() {
        // "中文" in GBK.
        let d = decode(b"<meta charset=gb2312><p>\xD6\xD0\xCE\xC4</p>", None, None);
        assert_eq!((d.encoding, d.source), ("GBK", "meta"));
        assert!(d.text.contains("中文"));
        let d = decode(
            b"<meta http-equiv='Content-Type' content='text/html; charset=big5'><p>\xA4\xA4\xA4\xE5</p>",
            None,
            None,
        );
        assert_eq!(d.encoding, "Big5");
        assert!(d.text.contains("中文"));
    }

    #[test]
    fn hint_beats_meta_and_bom_beats_hint() {
        let d = decode(
            b"<meta charset=utf-8><p>\xD6\xD0\xCE\xC4</p>",
            Some("gbk"),
            None,
        );
        assert_eq!((d.encoding, d.source), ("GBK", "hint"));
        let d = decode("\u{FEFF}中".as_bytes(), Some("gbk"), None);
        assert_eq!((d.encoding, d.text.as_ref()), ("UTF-8", "中"));
    }

    #[test]
    fn valid_utf8_beats_a_stale_declaration() {
        let d = decode("<meta charset=gbk><p>中文</p>".as_bytes(), None, None);
        assert_eq!((d.encoding, d.source), ("UTF-8", "utf-8"));
        assert!(d.text.contains("中文") && !d.warnings.is_empty());
    }

    #[test]
    fn undeclared_gbk_is_detected() {
        let text = "<p>今天上午，市政府召开新闻发布会，介绍了今年以来全市经济运行的基本情况。\
                    发言人表示，全市经济保持平稳增长，居民收入稳步提高。</p>";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let d = decode(&bytes, None, None);
        assert_eq!((d.encoding, d.source), ("GBK", "detected"));
        assert_eq!(d.text, text);
    }

    #[test]
    fn replacement_label_does_not_blank_the_page() {
        // Every label whose WHATWG encoding is the replacement encoding.
        for label in [
            "replacement",
            "iso-2022-kr",
            "csiso2022kr",
            "hz-gb-2312",
            "iso-2022-cn",
            "iso-2022-cn-ext",
        ] {
            let page = format!("<meta charset={label}><p>中文 and text</p>");
            let d = decode(page.as_bytes(), None, None);
            assert_eq!((d.encoding, d.source), ("UTF-8", "utf-8"), "{label}");
            assert_eq!(d.text, page);
            let w = d.warnings.join("\n");
            assert!(
                w.contains(label) && w.contains("not trusted") && w.contains("UTF-8"),
                "{w}"
            );
            // Not UTF-8: the guess decides.
            let page = format!("<meta http-equiv=content-type content='text/html; charset={label}'><p>今天上午，市政府召开新闻发布会，介绍了经济运行情况。</p>");
            let bytes = encoding_rs::GBK.encode(&page).0;
            let d = decode(&bytes, None, None);
            assert_eq!((d.encoding, d.source), ("GBK", "detected"), "{label}");
            assert_eq!(d.text, page);
            assert!(d.warnings.join("\n").contains("decoded as GBK (detected)"));
            // From the caller: the same.
            let d = decode(b"<p>plain</p>", Some(label), None);
            assert_eq!(
                (d.encoding, d.text.as_ref()),
                ("UTF-8", "<p>plain</p>"),
                "{label}"
            );
            assert!(d.warnings.join("\n").contains("the caller's label"));
        }
    }

    #[test]
    fn commented_out_shift_jis_does_not_turn_latin1_into_mojibake() {
        let page = "<!-- <meta charset=shift_jis> --><html lang=fr><p>Le cœur a ses raisons. Ça coûte très cher, dit-il à l’été.</p>";
        let bytes = encoding_rs::WINDOWS_1252.encode(page).0;
        let d = decode(&bytes, None, None);
        assert_eq!((d.encoding, d.source), ("windows-1252", "detected"));
        assert_eq!(d.text, page);
    }

    #[test]
    fn meta_in_a_script_string_does_not_decide() {
        let page = "<script>var tpl = '<meta charset=hz-gb-2312>';</script><p>naïve café</p>";
        let d = decode(page.as_bytes(), None, None);
        assert_eq!((d.encoding, d.source), ("UTF-8", "utf-8"));
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn bomless_utf16_is_not_read_as_windows_1252() {
        let page = "<html><head><title>标题</title></head><body><p>中文段落，English too.</p></body></html>";
        for (enc, bytes) in [
            (
                "UTF-16LE",
                page.encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<u8>>(),
            ),
            (
                "UTF-16BE",
                page.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            ),
        ] {
            let d = decode(&bytes, None, None);
            assert_eq!(
                (d.encoding, d.source, d.text.as_ref()),
                (enc, "detected", page)
            );
            assert!(d.warnings.join("\n").contains("without a byte-order mark"));
            // A caller's ASCII-compatible label is contradicted by the NUL pattern.
            let d = decode(&bytes, Some("utf-8"), None);
            assert_eq!((d.encoding, d.text.as_ref()), (enc, page));
            // A caller's UTF-16 of either byte order agrees; the bytes tell which.
            let d = decode(&bytes, Some("utf-16"), None);
            assert_eq!((d.encoding, d.source, d.text.as_ref()), (enc, "hint", page));
        }
    }

    #[test]
    fn caller_utf16_label_on_ascii_compatible_bytes_is_not_trusted() {
        let d = decode("<p>中文</p>".as_bytes(), Some("utf-16le"), None);
        assert_eq!((d.encoding, d.text.as_ref()), ("UTF-8", "<p>中文</p>"));
        assert!(d.warnings.join("\n").contains("not trusted"));
        let d = decode(b"<p>caf\xE9</p>", Some("x-user-defined"), None);
        assert_eq!(
            (d.encoding, d.text.as_ref()),
            ("windows-1252", "<p>café</p>")
        );
        let d = decode(b"<p>x</p>", Some("no-such-label"), None);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.join("\n").contains("unknown"));
    }

    #[test]
    fn url_tld_weighs_in_the_guess() {
        let page = "<p>« Bonjour », dit-il. Le cœur et l’œuvre.</p>";
        let bytes = encoding_rs::WINDOWS_1252.encode(page).0;
        let fr = url::Url::parse("https://www.example.fr/a").unwrap();
        let d = decode(&bytes, None, Some(&fr));
        assert_eq!((d.encoding, d.text.as_ref()), ("windows-1252", page));
        // A page's own canonical URL serves as well.
        let page = format!("<link rel=canonical href='https://www.example.fr/a'>{page}");
        let bytes = encoding_rs::WINDOWS_1252.encode(&page).0;
        let d = decode(&bytes, None, None);
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn stale_gbk_declaration_on_utf8_with_a_stray_byte_is_utf8() {
        let text = "<meta charset=gbk><p>今天上午，市政府召开新闻发布会，介绍了经济运行情况。</p>";
        let mut bytes = text.as_bytes().to_vec();
        bytes.extend_from_slice(b"<p>\xA9 2020</p>");
        let d = decode(&bytes, None, None);
        assert_eq!((d.encoding, d.source), ("UTF-8", "utf-8"));
        assert!(d.text.starts_with(text) && d.replaced);
        assert!(d.warnings.join("\n").contains("1 invalid sequence(s)"));
    }

    #[test]
    fn utf8_declaration_on_gbk_or_cyrillic_bytes_does_not_lose_the_page() {
        let zh = "<p>今天上午，市政府召开新闻发布会，介绍了今年以来全市经济运行的基本情况。</p>";
        let ru = "<p>Москва — столица России. Правительство объявило о новых мерах поддержки.</p>";
        for (enc, text) in [(encoding_rs::GBK, zh), (encoding_rs::WINDOWS_1251, ru)] {
            let page = format!("<meta charset=utf-8>{text}");
            let bytes = enc.encode(&page).0;
            let d = decode(&bytes, None, None);
            assert_eq!((d.encoding, d.source), (enc.name(), "detected"));
            assert_eq!(d.text, page);
            let w = d.warnings.join("\n");
            assert!(
                w.contains("\"utf-8\" is UTF-8, but") && w.contains("not trusted"),
                "{w}"
            );
            let d = decode(&bytes, Some("utf-8"), None);
            assert_eq!((d.encoding, d.text.as_ref()), (enc.name(), page.as_str()));
        }
        // A page that is only partly broken keeps its UTF-8.
        let mut bytes = "<meta charset=utf-8><p>“quoted” — and ‘more’ …</p>"
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(b"<p>caf\xE9</p>");
        assert_eq!(decode(&bytes, None, None).source, "meta");
    }

    #[test]
    fn stale_iso_2022_jp_declaration_on_utf8_is_utf8() {
        let page = "<meta charset=iso-2022-jp><p>中文段落</p>";
        let d = decode(page.as_bytes(), None, None);
        assert_eq!((d.encoding, d.text.as_ref()), ("UTF-8", page));
    }
}
