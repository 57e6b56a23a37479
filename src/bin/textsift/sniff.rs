//! Is a file HTML (or a Markdown post) at all? Binary files — images, archives, executables,
//! random bytes — are refused with a one-line reason instead of being extracted as noise.

/// Why `bytes` are not an HTML or text document, if they are not.
pub(crate) fn not_html(bytes: &[u8]) -> Option<String> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"RIFF", "a RIFF file (WebP, WAV or AVI)"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1F\x8B", "gzip data (name it .gz to have it unpacked)"),
        (b"\x7FELF", "an executable"),
        (b"\x28\xB5\x2F\xFD", "zstd data"),
        (b"BZh", "bzip2 data"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(format!("not HTML: looks like {what}"));
        }
    }
    // UTF-16 text has a BOM or a NUL in every other byte; leave it to the decoder.
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return None;
    }
    let sample = bytes.get(..8192).unwrap_or(bytes);
    if sample.is_empty() {
        return None;
    }
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    // BOM-less UTF-16, as the library's decoder tells it: NULs in one byte position of at
    // least one code unit in 8 (markup between Chinese text is more), at least 4 times
    // rarer in the other.
    let half = sample.len() / 2;
    let utf16 =
        |zero_high: usize, zero_low: usize| zero_high * 8 >= half && zero_low * 4 <= zero_high;
    if half > 8 && (utf16(odd_nuls, even_nuls) || utf16(even_nuls, odd_nuls)) {
        return None;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    // Text has almost none; random bytes have one in eight.
    if controls * 20 > sample.len() {
        return Some(format!(
            "not HTML: {controls} control bytes in the first {} (binary data)",
            sample.len()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::not_html;

    #[test]
    fn binary_is_refused_and_text_is_not() {
        assert!(not_html(b"\x89PNG\r\n\x1a\n....").unwrap().contains("PNG"));
        let random: Vec<u8> = (0u32..4000)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(not_html(&random).is_some());
        assert_eq!(not_html("<p>中文 text\t\r\n</p>".as_bytes()), None);
        assert_eq!(not_html(b""), None);
        let utf16: Vec<u8> = "<p>hello world</p>"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(not_html(&utf16), None);
    }

    #[test]
    fn bomless_utf16_chinese_page_is_not_refused_as_binary() {
        let page = "<html><body><p>今天上午，市政府召开新闻发布会，介绍了今年以来全市经济运行的基本情况。</p></body></html>";
        for big_endian in [false, true] {
            let bytes: Vec<u8> = page
                .encode_utf16()
                .flat_map(|u| {
                    if big_endian {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    }
                })
                .collect();
            assert_eq!(not_html(&bytes), None);
        }
    }
}
