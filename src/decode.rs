//! Bytes → text: byte-order mark, then UTF-8; invalid sequences are replaced and recorded.

use std::borrow::Cow;

/// Decoded input text and any soft problem met on the way.
pub(crate) struct Decoded<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) warning: Option<String>,
}

/// Decodes `bytes` as UTF-8, skipping a UTF-8 byte-order mark.
pub(crate) fn decode(bytes: &[u8]) -> Decoded<'_> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: Cow::Borrowed(text),
            warning: None,
        },
        Err(_) => Decoded {
            text: String::from_utf8_lossy(bytes),
            warning: Some(
                "input is not valid UTF-8: invalid bytes were replaced with U+FFFD".into(),
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_borrows_valid_utf8() {
        let d = decode("\u{FEFF}<p>中文</p>".as_bytes());
        assert!(matches!(d.text, Cow::Borrowed("<p>中文</p>")));
        assert!(d.warning.is_none());
    }

    #[test]
    fn invalid_bytes_are_replaced_and_recorded() {
        let d = decode(b"<p>a\xFFb</p>");
        assert_eq!(d.text, "<p>a\u{FFFD}b</p>");
        assert!(d.warning.is_some());
    }
}
