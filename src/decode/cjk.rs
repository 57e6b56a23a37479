//! Reading bytes as Chinese, Japanese or Korean in a double-byte encoding (GBK, Big5,
//! Shift_JIS, EUC-KR), judged by the bytes alone: how many of the non-ASCII characters
//! are common ones and how many sequences are invalid. The detector disqualifies an
//! encoding at the first invalid sequence, so a GBK page with one stray Latin-1 byte (a
//! `©` from a template) comes back from it as windows-1252; this reading still finds it.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, BIG5, EUC_KR, GBK, SHIFT_JIS};

/// Non-ASCII characters read at most (the first ones in the input).
const SAMPLE: usize = 8192;

/// The fewest non-ASCII characters judged.
const MIN_CHARS: usize = 8;

/// The double-byte reading of `bytes` that is plausibly Chinese, Japanese or Korean text,
/// with its share (in percent) of common characters: at least [`MIN_CHARS`] non-ASCII
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
pub(crate) fn reading(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    let mut passing: Vec<(&'static Encoding, usize, Counts)> = Vec::new();
    for enc in [GBK, BIG5, SHIFT_JIS, EUC_KR] {
        let c = walk(bytes, enc, |_| {});
        let plausible = c.chars >= MIN_CHARS
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

/// Walks `bytes` as `enc` (one of the four double-byte encodings) up to [`SAMPLE`]
/// non-ASCII characters, counting common characters and invalid sequences by their
/// bytes, and telling `invalid` where each invalid byte is. One pass, no decoding.
fn walk(bytes: &[u8], enc: &'static Encoding, mut invalid: impl FnMut(usize)) -> Counts {
    let mut c = Counts::default();
    let mut i = 0;
    while c.chars < SAMPLE {
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

    #[test]
    fn latin_and_cyrillic_text_never_reads_as_cjk() {
        for (enc, text) in [
            (WINDOWS_1252, "Le gouvernement a annoncé mercredi une série de mesures économiques; À bientôt! ÉTÉ, ÇA, Œuvre, «élu», Ärger über Öl und Übel, Straße, São Paulo, ÀÉÈÊ"),
            (WINDOWS_1250, "Příliš žluťoučký kůň úpěl ďábelské ódy. Zażółć gęślą jaźń. ŚWIĘTO"),
            (WINDOWS_1251, "Москва — столица России. МОСКВА, ПРАВИТЕЛЬСТВО РОССИИ объявило о новых мерах."),
        ] {
            let html = page(&format!("<p>{text}</p>"));
            let bytes = enc.encode(&html).0;
            assert_eq!(reading(&bytes), None, "{}", enc.name());
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
                let Some(declared) = crate::decode::prescan::prescan(head) else {
                    continue;
                };
                if std::str::from_utf8(&bytes).is_ok() {
                    continue;
                }
                seen += 1;
                let cjk = reading(&bytes).map(|(e, _)| e);
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
