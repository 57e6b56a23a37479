//! UTF-8 with a few invalid bytes: a UTF-8 page with one stray Latin-1 byte is no valid
//! UTF-8, and the detector (which disqualifies an encoding at its first error) then
//! reads every one of its multi-byte characters as two or three Latin letters. Valid
//! multi-byte UTF-8 does not arise by chance in other encodings' text (an accented
//! Latin-1 letter is followed by ASCII, which no UTF-8 lead byte takes), so many valid
//! sequences and few invalid ones mean UTF-8.

/// The fewest valid multi-byte characters that make the call.
const MIN_CHARS: usize = 8;

/// Multi-byte characters and invalid sequences in `bytes` (a sample, [`super::sample`]),
/// when they are mostly UTF-8: at least [`MIN_CHARS`] multi-byte characters and at most one
/// invalid sequence for 20 of them.
pub(crate) fn mostly_utf8(bytes: &[u8]) -> Option<(usize, usize)> {
    let (chars, invalid) = count(bytes);
    (chars >= MIN_CHARS && invalid * 20 <= chars).then_some((chars, invalid))
}

/// Multi-byte characters and invalid sequences, when the bytes are far from UTF-8: at
/// least [`MIN_CHARS`] invalid sequences, and more of them than valid multi-byte
/// characters (a GBK or windows-1251 page is all invalid sequences).
pub(crate) fn far_from_utf8(bytes: &[u8]) -> Option<(usize, usize)> {
    // Most pages are valid UTF-8: the invalid sequences decide first, and the characters
    // are counted only when there are enough of them (the count is the costly part).
    if invalid_sequences(bytes) < MIN_CHARS {
        return None;
    }
    let (chars, invalid) = count(bytes);
    (invalid >= MIN_CHARS && invalid > chars).then_some((chars, invalid))
}

/// The invalid sequences of [`count`], without counting the characters.
fn invalid_sequences(bytes: &[u8]) -> usize {
    let mut rest = bytes;
    let mut invalid = 0;
    while let Err(e) = std::str::from_utf8(rest) {
        let Some(len) = e.error_len() else { break };
        invalid += 1;
        match rest.get(e.valid_up_to() + len..) {
            Some(r) => rest = r,
            None => break,
        }
    }
    invalid
}

/// Valid multi-byte characters and invalid sequences in `bytes`. A sequence cut off by
/// the end is not counted: the sample may end inside a character.
fn count(bytes: &[u8]) -> (usize, usize) {
    let mut rest = bytes;
    let (mut chars, mut invalid) = (0, 0);
    loop {
        let (valid, skip) = match std::str::from_utf8(rest) {
            Ok(_) => (rest.len(), None),
            Err(e) => (e.valid_up_to(), Some(e.error_len())),
        };
        // Lead bytes of multi-byte characters in the valid part.
        chars += rest
            .get(..valid)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| b >= 0xC0)
            .count();
        match skip {
            None => break,
            Some(None) => break,
            Some(Some(len)) => {
                invalid += 1;
                match rest.get(valid + len..) {
                    Some(r) => rest = r,
                    None => break,
                }
            }
        }
    }
    (chars, invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_a_stray_byte_is_mostly_utf8() {
        let text = "<p>今天上午，市政府召开新闻发布会，介绍了经济运行情况。Ça coûte très cher.</p>";
        let mut page = text.as_bytes().to_vec();
        page.extend_from_slice(b"<footer>\xA9 2020</footer>");
        let chars = text.chars().filter(|c| !c.is_ascii()).count();
        assert_eq!(mostly_utf8(&page), Some((chars, 1)));
        // Cut inside a character is no error.
        let mut cut = page.repeat(3);
        cut.truncate(cut.len() - 2);
        assert!(mostly_utf8(&cut).is_some());
    }

    #[test]
    fn other_encodings_are_not_mostly_utf8() {
        for (enc, text) in [
            (encoding_rs::WINDOWS_1252, "Le gouvernement a annoncé mercredi une série de mesures économiques. Ça coûte très cher, à l’été. «Ôté»"),
            (encoding_rs::GBK, "今天上午，市政府召开新闻发布会，介绍了今年以来全市经济运行的基本情况。"),
            (encoding_rs::BIG5, "今天上午，市政府召開新聞發布會，介紹了今年以來全市經濟運行的基本情況。"),
            (encoding_rs::SHIFT_JIS, "今日の午前、市役所で記者会見が開かれました。"),
            (encoding_rs::WINDOWS_1251, "Москва — столица России. Правительство объявило о новых мерах."),
        ] {
            let bytes = enc.encode(text).0;
            assert_eq!(mostly_utf8(&bytes), None, "{}", enc.name());
        }
        // Too few characters to call.
        assert_eq!(mostly_utf8("é".as_bytes()), None);
    }

    #[test]
    fn far_from_utf8_needs_more_errors_than_characters() {
        let gbk = encoding_rs::GBK
            .encode("今天上午，市政府召开新闻发布会，介绍了经济运行情况。")
            .0;
        assert!(far_from_utf8(&gbk).is_some());
        let cyrillic = encoding_rs::WINDOWS_1251
            .encode("Москва — столица России.")
            .0;
        assert!(far_from_utf8(&cyrillic).is_some());
        // A page mixing the two (as some do) is not called.
        let mut mixed = "“quoted” — dashes – and ‘more’ …".as_bytes().to_vec();
        mixed.extend_from_slice(b" caf\xE9 na\xEFve \xA3 5");
        assert_eq!(far_from_utf8(&mixed), None);
        assert_eq!(far_from_utf8("<p>中文</p>".as_bytes()), None);
    }
}
