//! UTF-16 without a byte-order mark, told by its NUL pattern: markup and Latin text in
//! UTF-16 put a zero in every other byte (the odd bytes in little-endian, the even ones
//! in big-endian), which no ASCII-compatible encoding of text ever does.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// How many leading bytes are looked at.
const SAMPLE: usize = 4096;

/// The fewest code units judged: a shorter input is not called UTF-16.
const MIN_UNITS: usize = 4;

/// The UTF-16 byte order `bytes` are in, if their first [`SAMPLE`] bytes show the NUL
/// pattern: at least one code unit in 8 has a zero high byte (markup between Chinese
/// text is more), a zero low byte is at least 4 times rarer (so UTF-32, whose ASCII puts three
/// zeros in four bytes, does not pass, nor binary data with zeros anywhere), and the low
/// bytes of those units are text (printable ASCII, whitespace, Latin-1). Text in an
/// ASCII-compatible encoding holds no NUL at all.
pub(crate) fn sniff(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = bytes.get(..bytes.len().min(SAMPLE))?;
    let units = sample.len() / 2;
    if units < MIN_UNITS {
        return None;
    }
    // For each byte order: units whose high byte is 0, and of those the ones whose low
    // byte is text; units whose low byte is 0.
    let (mut le, mut be) = (Count::default(), Count::default());
    for pair in sample.chunks_exact(2) {
        let (even, odd) = (pair.first().copied()?, pair.get(1).copied()?);
        le.add(even, odd);
        be.add(odd, even);
    }
    [(le, UTF_16LE), (be, UTF_16BE)]
        .into_iter()
        .find(|(c, _)| c.looks_like_text(units))
        .map(|(_, enc)| enc)
}

/// Code units counted for one byte order.
#[derive(Default)]
struct Count {
    /// High byte 0.
    zero_high: usize,
    /// High byte 0 and a text character in the low byte.
    text: usize,
    /// Low byte 0.
    zero_low: usize,
}

impl Count {
    fn add(&mut self, low: u8, high: u8) {
        if high == 0 {
            self.zero_high += 1;
            if matches!(low, b'\t' | b'\n' | b'\r' | 0x20..=0x7E | 0xA0..=0xFF) {
                self.text += 1;
            }
        }
        if low == 0 {
            self.zero_low += 1;
        }
    }

    fn looks_like_text(&self, units: usize) -> bool {
        self.zero_high * 8 >= units
            && self.zero_low * 4 <= self.zero_high
            && self.text * 10 >= self.zero_high * 9
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn bomless_utf16_is_told_by_its_nul_pattern() {
        for text in [
            "<p>x</p>",
            "<html><head><title>Hello</title></head><body><p>Plain text.</p></body></html>",
            "<html><body><p>中文网页，也有标签。</p><p>第二段。</p></body></html>",
            "<p>Ça coûte cher, dit-il à l’été.</p>",
            "<p>今天上午，市政府召开新闻发布会，介绍了今年以来全市经济运行的基本情况。</p>",
        ] {
            assert_eq!(sniff(&utf16(text, false)), Some(UTF_16LE), "{text}");
            assert_eq!(sniff(&utf16(text, true)), Some(UTF_16BE), "{text}");
        }
    }

    #[test]
    fn ordinary_bytes_never_look_like_utf16() {
        let latin = encoding_rs::WINDOWS_1252
            .encode("<p>Ça coûte cher, dit-il à l’été.</p>")
            .0;
        let gbk = encoding_rs::GBK.encode("<p>中文网页，也有标签。</p>").0;
        // UTF-32LE: three NULs in four bytes.
        let utf32: Vec<u8> = "<p>hello world</p>"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        // Pure CJK in UTF-16 has no NUL pattern to go by; it is left to the other steps.
        let cjk_only = utf16("中文网页也有标签第二段", false);
        for bytes in [
            "<p>x</p>".as_bytes(),
            "<p>中文</p>".as_bytes(),
            &latin,
            &gbk,
            &utf32,
            &cjk_only,
            b"",
            b"a\0",
            b"<\0p\0>\0",
            &[0u8; 64],
        ] {
            assert_eq!(sniff(bytes), None, "{bytes:?}");
        }
    }

    #[test]
    fn shared_pages_never_look_like_utf16() {
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
                    .is_ok()
                {
                    seen += 1;
                    assert_eq!(sniff(&bytes), None, "{}", entry.path().display());
                }
            }
        }
        if seen == 0 {
            eprintln!("skipped: ../shared/bench is absent");
        }
    }
}
