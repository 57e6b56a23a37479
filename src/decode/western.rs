//! A check of the detector's single-byte guess against windows-1252, the most common
//! legacy encoding. On a page with few non-ASCII bytes and no domain or language to go
//! by, the detector can call Western text Central European: `(£5/£10)` becomes
//! `(Ł5/Ł10)` in windows-1250, `« Bonjour »` becomes `Ť Bonjour ť` in ISO-8859-2. At the
//! bytes where the two readings differ, each reading is judged by where its characters
//! stand: a letter alone between non-letters, a symbol or control inside a word, is
//! what text does not hold. Real Central European text read as windows-1252 does worse
//! (`ą` becomes `¹` inside a word), so only a reading that is worse than windows-1252's
//! loses to it.

use encoding_rs::{Encoding, WINDOWS_1252};

/// Non-ASCII bytes looked at most (the first ones in the input).
const SAMPLE: usize = 8192;

/// The implausible characters in `guess`'s reading and in windows-1252's, when
/// windows-1252's has fewer. `guess` is a single-byte encoding.
pub(crate) fn windows_1252_reads_better(
    bytes: &[u8],
    guess: &'static Encoding,
) -> Option<(usize, usize)> {
    if guess == WINDOWS_1252 || !guess.is_single_byte() {
        return None;
    }
    let (g, w) = (high_half(guess), high_half(WINDOWS_1252));
    let (mut bad_g, mut bad_w) = (0, 0);
    let mut looked = 0;
    let mut i = 0;
    while looked < SAMPLE {
        let Some(skip) = bytes
            .get(i..)
            .and_then(|r| r.iter().position(|&b| b >= 0x80))
        else {
            break;
        };
        i += skip;
        let Some(&b) = bytes.get(i) else { break };
        looked += 1;
        let prev = i.checked_sub(1).and_then(|p| bytes.get(p)).copied();
        let next = bytes.get(i + 1).copied();
        let (cg, cw) = (char_of(&g, b), char_of(&w, b));
        if cg != cw {
            let at = |t: &[char; 128], x: Option<u8>| x.map(|x| char_of(t, x));
            bad_g += usize::from(implausible(cg, at(&g, prev), at(&g, next)));
            bad_w += usize::from(implausible(cw, at(&w, prev), at(&w, next)));
        }
        i += 1;
    }
    (bad_g > bad_w).then_some((bad_g, bad_w))
}

/// Whether text does not hold `c` between `prev` and `next`: a control, a replacement
/// character, a letter with no letter beside it, a non-alphanumeric inside a word.
fn implausible(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let letter = |x: Option<char>| x.is_some_and(char::is_alphabetic);
    if c.is_control() || c == '\u{FFFD}' {
        true
    } else if c.is_alphabetic() {
        !letter(prev) && !letter(next)
    } else {
        !c.is_alphanumeric() && letter(prev) && letter(next)
    }
}

/// The characters a single-byte encoding gives bytes 0x80–0xFF (one each).
fn high_half(enc: &'static Encoding) -> [char; 128] {
    let bytes: Vec<u8> = (0x80..=0xFF).collect();
    let (text, _) = enc.decode_without_bom_handling(&bytes);
    let mut table = ['\u{FFFD}'; 128];
    for (slot, c) in table.iter_mut().zip(text.chars()) {
        *slot = c;
    }
    table
}

fn char_of(table: &[char; 128], b: u8) -> char {
    match b.checked_sub(0x80) {
        None => char::from(b),
        Some(high) => table.get(usize::from(high)).copied().unwrap_or('\u{FFFD}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_2, WINDOWS_1250, WINDOWS_1251};

    fn check(text: &str, written: &'static Encoding, guess: &'static Encoding) -> bool {
        let bytes = written.encode(text).0;
        windows_1252_reads_better(&bytes, guess).is_some()
    }

    #[test]
    fn western_text_guessed_central_european_reads_better_as_windows_1252() {
        assert!(check(
            "Membership (£5/£10), or £30 for all.",
            WINDOWS_1252,
            WINDOWS_1250
        ));
        assert!(check("« Bonjour », dit-il.", WINDOWS_1252, ISO_8859_2));
        assert!(check(
            "<b>· </b>news <b>· </b>more ©2003 San Francisco",
            WINDOWS_1252,
            ISO_8859_2
        ));
    }

    #[test]
    fn central_european_and_cyrillic_text_keeps_its_guess() {
        for (text, enc) in [
            ("Příliš žluťoučký kůň úpěl ďábelské ódy.", WINDOWS_1250),
            ("Zażółć gęślą jaźń. Cena: 5 zł, «tanio».", WINDOWS_1250),
            ("Zażółć gęślą jaźń. Łódź, 5 zł.", ISO_8859_2),
            ("Árvíztűrő tükörfúrógép", ISO_8859_2),
            ("Москва — столица России. Всё, №5.", WINDOWS_1251),
        ] {
            assert!(!check(text, enc, enc), "{text}");
        }
        // No verdict where the readings agree or are as good: `cœur` is `cśur` in
        // windows-1250, a letter inside a word in both.
        assert!(!check("Le cœur et l’œuvre", WINDOWS_1252, WINDOWS_1250));
        assert!(!check("plain ASCII", WINDOWS_1252, WINDOWS_1250));
    }
}
