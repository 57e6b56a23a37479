//! ISO-2022-JP without a declaration. Its bytes are all 7-bit, so they are valid UTF-8 and
//! would be read as ASCII: `$B:#F|$O` where the page says 今日は. Such text switches
//! character sets with escape sequences that no other text holds (ESC `$B`, ESC `$@`,
//! ESC `(J`…), as Firefox's detector also reads them.

use encoding_rs::ISO_2022_JP;

/// Whether ASCII-only `bytes` are ISO-2022-JP: they switch to a JIS X 0208 or 0212 set
/// (ESC `$@`, ESC `$B`, ESC `$(D`) and decode without an error.
pub(super) fn is_iso_2022_jp(bytes: &[u8]) -> bool {
    let switches = memchr::memmem::find_iter(bytes, b"\x1B$").any(|at| {
        let set = bytes.get(at + 2..).unwrap_or_default();
        set.starts_with(b"@") || set.starts_with(b"B") || set.starts_with(b"(D")
    });
    switches
        && bytes.is_ascii()
        && ISO_2022_JP
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_bit_japanese_is_told_from_ascii() {
        let (jis, _, _) = ISO_2022_JP.encode("<p>今日は良い天気です。</p>");
        assert!(is_iso_2022_jp(&jis));
        assert!(!is_iso_2022_jp(b"<p>plain ASCII, $B and @ signs</p>"));
        // An escape to a set it never leaves correctly is not ISO-2022-JP.
        assert!(!is_iso_2022_jp(b"<p>\x1B$B\x1B</p>"));
        assert!(!is_iso_2022_jp("\x1B$B中".as_bytes()));
    }
}
