//! Bytes → text: byte-order mark, then the caller's hint, then a `<meta charset>` /
//! `http-equiv` prescan of the head, then valid UTF-8, then a detector (`chardetng`).
//! Invalid sequences are replaced and recorded.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;
use std::borrow::Cow;
use std::sync::OnceLock;

/// How many leading bytes the `<meta charset>` prescan reads (the HTML standard says 1024;
/// real pages put long `<script>`s first, so more is read).
const PRESCAN_BYTES: usize = 8192;

/// Decoded input text, the encoding used and how it was chosen.
pub(crate) struct Decoded<'a> {
    pub(crate) text: Cow<'a, str>,
    /// Soft problems: a guessed encoding, a wrong declaration, replaced bytes.
    pub(crate) warnings: Vec<String>,
    /// The encoding's WHATWG name (`UTF-8`, `GBK`, `Big5`…).
    pub(crate) encoding: &'static str,
    /// How it was chosen: `bom`, `hint`, `meta`, `utf-8` (the bytes are valid UTF-8) or
    /// `detected`.
    pub(crate) source: &'static str,
    /// Whether invalid byte sequences were replaced with U+FFFD.
    pub(crate) replaced: bool,
}

/// Decodes `bytes`, with `hint` (an encoding label such as `gbk`, e.g. from an HTTP
/// `Content-Type` header) preferred over anything in the document but a byte-order mark.
///
/// A `<meta>` declaration loses to valid UTF-8 holding non-ASCII text: multi-byte UTF-8
/// does not arise by chance, while copied templates often keep a stale `charset=gbk`.
pub(crate) fn decode<'a>(bytes: &'a [u8], hint: Option<&str>) -> Decoded<'a> {
    let mut warnings = Vec::new();
    let valid_utf8 = || std::str::from_utf8(bytes).is_ok();
    let (encoding, source, bytes) = if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        (enc, "bom", &bytes[bom..])
    } else if let Some(enc) = hint.and_then(|h| Encoding::for_label(h.trim().as_bytes())) {
        (enc, "hint", bytes)
    } else if let Some(enc) = prescan(bytes) {
        if enc != UTF_8 && !bytes.is_ascii() && valid_utf8() {
            warnings.push(format!(
                "the page declares {} but its bytes are valid UTF-8: decoded as UTF-8",
                enc.name()
            ));
            (UTF_8, "utf-8", bytes)
        } else {
            (enc, "meta", bytes)
        }
    } else if valid_utf8() {
        (UTF_8, "utf-8", bytes)
    } else {
        let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        let enc = detector.guess(None, Utf8Detection::Allow);
        warnings.push(format!(
            "input is not valid UTF-8 and declares no encoding: decoded as {} (detected)",
            enc.name()
        ));
        (enc, "detected", bytes)
    };
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

/// The encoding a `<meta charset=…>` or `<meta http-equiv=Content-Type content="…;
/// charset=…">` in the first bytes declares. As the HTML standard says, a declared UTF-16
/// means UTF-8 (the bytes are ASCII-compatible if the tag could be read) and
/// `x-user-defined` means windows-1252.
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    static META: OnceLock<Regex> = OnceLock::new();
    let re = META.get_or_init(|| {
        Regex::new(r#"(?i)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)"#)
            .expect("valid regex")
    });
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let label = re.captures(head)?.get(1)?.as_bytes();
    let enc = Encoding::for_label(label)?;
    Some(match enc.name() {
        "UTF-16LE" | "UTF-16BE" => UTF_8,
        "x-user-defined" => encoding_rs::WINDOWS_1252,
        _ => enc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_borrows_valid_utf8() {
        let d = decode("\u{FEFF}<p>中文</p>".as_bytes(), None);
        assert!(matches!(d.text, Cow::Borrowed("<p>中文</p>")));
        assert!(d.warnings.is_empty());
        assert_eq!((d.encoding, d.source), ("UTF-8", "bom"));
    }

    #[test]
    fn invalid_bytes_are_replaced_and_recorded() {
        let d = decode(b"<meta charset=utf-8><p>a\xFFb</p>", None);
        assert_eq!(d.text, "<meta charset=utf-8><p>a\u{FFFD}b</p>");
        assert!(!d.warnings.is_empty() && d.replaced);
    }

    #[test]
    fn meta_charset_and_http_equiv() {
        // "中文" in GBK.
        let d = decode(b"<meta charset=gb2312><p>\xD6\xD0\xCE\xC4</p>", None);
        assert_eq!((d.encoding, d.source), ("GBK", "meta"));
        assert!(d.text.contains("中文"));
        let d = decode(
            b"<meta http-equiv='Content-Type' content='text/html; charset=big5'><p>\xA4\xA4\xA4\xE5</p>",
            None,
        );
        assert_eq!(d.encoding, "Big5");
        assert!(d.text.contains("中文"));
    }

    #[test]
    fn hint_beats_meta_and_bom_beats_hint() {
        let d = decode(b"<meta charset=utf-8><p>\xD6\xD0\xCE\xC4</p>", Some("gbk"));
        assert_eq!((d.encoding, d.source), ("GBK", "hint"));
        let d = decode("\u{FEFF}中".as_bytes(), Some("gbk"));
        assert_eq!((d.encoding, d.text.as_ref()), ("UTF-8", "中"));
    }

    #[test]
    fn valid_utf8_beats_a_stale_declaration() {
        let d = decode("<meta charset=gbk><p>中文</p>".as_bytes(), None);
        assert_eq!((d.encoding, d.source), ("UTF-8", "utf-8"));
        assert!(d.text.contains("中文") && !d.warnings.is_empty());
    }

    #[test]
    fn undeclared_gbk_is_detected() {
        let text = "<p>今天上午，市政府召开新闻发布会，介绍了今年以来全市经济运行的基本情况。\
                    发言人表示，全市经济保持平稳增长，居民收入稳步提高。</p>";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let d = decode(&bytes, None);
        assert_eq!((d.encoding, d.source), ("GBK", "detected"));
        assert_eq!(d.text, text);
    }
}
