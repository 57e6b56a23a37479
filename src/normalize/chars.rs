//! Character classes: Han, kana/Hangul, full-width marks, and what counts as "Latin".
//!
//! Every decision the normaliser makes starts from [`class`]. The ranges follow the README
//! of the conformance cases: CJK Ext-A and compatibility ideographs count as Han; `·`,
//! emoji and box drawing are neither Han nor Latin; Greek, Cyrillic, `℃` and Roman
//! numerals are Latin.

/// What a character is, for spacing and punctuation decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// An ASCII space (after whitespace cleanup every space is one).
    Space,
    /// A Han ideograph (CJK Unified, Ext-A.., compatibility, radicals, `々`, `〇`).
    Han,
    /// Full-width punctuation of rule 9 (`，。：（）《》「」……——`): spaces next to it go.
    Punct,
    /// Other full-width symbols (`％`, `－`, `．`, `￥`): break Latin runs, spacing as typed.
    Sym,
    /// Curly quotes `“”‘’`: spaces go only on the side of a Han or full-width neighbour.
    Curly,
    /// Emoji, `·`, arrows, box drawing, controls, kana: neither Han nor Latin.
    Other,
    /// Everything else: ASCII, Latin, Greek, Cyrillic, letter-like symbols.
    Latin,
}

/// Whether `c` is a Han character.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0xF900..=0xFAFF
        | 0x2E80..=0x2FDF
        | 0x3005
        | 0x3007
        | 0x3021..=0x3029
        | 0x3038..=0x303B
        | 0x20000..=0x323AF
    )
}

/// Whether `c` is kana or Hangul: a paragraph holding one is Japanese or Korean.
///
/// The katakana middle dot `・` (U+30FB) is also used in Chinese text and does not count.
pub(crate) fn is_kana_or_hangul(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x3040..=0x30FA
        | 0x30FC..=0x30FF
        | 0x31F0..=0x31FF
        | 0xFF66..=0xFF9F
        | 0x1B000..=0x1B16F
        | 0x1100..=0x11FF
        | 0x3130..=0x318F
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xFFA0..=0xFFDC
    )
}

/// Invisible format characters that only hint at line breaking or ordering, removed
/// everywhere (rule 2): SOFT HYPHEN (a hyphen shown only where a line breaks, which plain
/// text leaves to its reader; `Mit\u{AD}tel\u{AD}al\u{AD}ter` is one word), COMBINING
/// GRAPHEME JOINER, ZERO WIDTH SPACE, LEFT-TO-RIGHT and RIGHT-TO-LEFT MARK, ARABIC LETTER
/// MARK, WORD JOINER, the invisible math operators U+2061–U+2064 and BOM/ZWNBSP.
///
/// Kept: ZWJ and ZWNJ (they hold emoji sequences together and choose letter forms in
/// Indic and Persian words), variation selectors, Mongolian selectors, and the bidi
/// embeddings and isolates (U+202A–U+202E, U+2066–U+2069), which come in pairs that
/// change how a run is shown.
pub(crate) fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{2060}'
            ..='\u{2064}' | '\u{FEFF}'
    )
}

/// Folds a full-width letter or digit to ASCII (rule 3); anything else is returned as is.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// Whether `c` is a full-width letter or digit that [`fold`] changes.
pub(crate) fn is_foldable(c: char) -> bool {
    matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
}

/// The class of `c`.
pub(crate) fn class(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            ' ' => Class::Space,
            '\0'..='\x1F' | '\x7F' => Class::Other,
            _ => Class::Latin,
        };
    }
    if is_han(c) {
        return Class::Han;
    }
    match c as u32 {
        0x2018 | 0x2019 | 0x201C | 0x201D => Class::Curly,
        // — ― ‥ … ⸺ ⸻
        0x2014 | 0x2015 | 0x2025 | 0x2026 | 0x2E3A | 0x2E3B => Class::Punct,
        // 、。 〈〉《》「」『』【】 〔〕〖〗〘〙〚〛〜〝〞〟 〰
        0x3001 | 0x3002 | 0x3008..=0x3011 | 0x3014..=0x301F | 0x3030 => Class::Punct,
        // ！（），：；？ ［］ ｛｝～｟｠ ｡｢｣､･
        0xFF01 | 0xFF08 | 0xFF09 | 0xFF0C | 0xFF1A | 0xFF1B | 0xFF1F => Class::Punct,
        0xFF3B | 0xFF3D | 0xFF5B | 0xFF5D | 0xFF5E..=0xFF65 => Class::Punct,
        // vertical, compatibility and small forms of CJK punctuation
        0xFE10..=0xFE19 | 0xFE30..=0xFE4F | 0xFE50..=0xFE6B => Class::Punct,
        0xFF01..=0xFF60 | 0xFFE0..=0xFFEE => Class::Sym,
        0x3003 | 0x3004 | 0x3006 | 0x3012 | 0x3013 | 0x3020 | 0x303C..=0x303F => Class::Sym,
        0x80..=0x9F
        | 0xB7
        | 0x200C
        | 0x200D
        | 0x2022
        | 0x2027
        | 0x203B
        | 0x20E3
        | 0x2190..=0x21FF
        | 0x2300..=0x23FF
        | 0x2460..=0x24FF
        | 0x2500..=0x27BF
        | 0x2900..=0x297F
        | 0x2B00..=0x2BFF
        | 0x3000..=0x303F
        | 0x3040..=0x33FF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xE000..=0xF8FF
        | 0xFE00..=0xFE0F
        | 0xFF61..=0xFFDC
        | 0xFFF0..=0xFFFF
        | 0x1100..=0x11FF
        | 0x1B000..=0x1B16F
        | 0x1F000..=0x1FAFF
        | 0xE0000..=0xE007F => Class::Other,
        _ => Class::Latin,
    }
}

/// Whether `c` opens a bracket or quotation: such a mark never gives Han context to
/// the punctuation after it.
pub(crate) fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '［'
            | '｛'
            | '《'
            | '〈'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '〝'
            | '“'
            | '‘'
            | '｟'
            | '｢'
            | '﹙'
            | '﹛'
            | '﹝'
            | '＜'
    )
}

/// A Latin letter or digit (any script but CJK): what makes a run of symbols a "Latin run".
pub(crate) fn is_latin_alnum(c: char) -> bool {
    c.is_alphanumeric() && class(c) == Class::Latin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(class('中'), Class::Han);
        assert_eq!(class('㐂'), Class::Han);
        assert_eq!(class('車'), Class::Han);
        assert_eq!(class('，'), Class::Punct);
        assert_eq!(class('—'), Class::Punct);
        assert_eq!(class('％'), Class::Sym);
        assert_eq!(class('“'), Class::Curly);
        assert_eq!(class('·'), Class::Other);
        assert_eq!(class('✅'), Class::Other);
        assert_eq!(class('α'), Class::Latin);
        assert_eq!(class('Ⅶ'), Class::Latin);
        assert_eq!(class('℃'), Class::Latin);
        assert_eq!(class('°'), Class::Latin);
    }

    #[test]
    fn scope_and_folding() {
        assert!(is_kana_or_hangul('あ'));
        assert!(is_kana_or_hangul('ア'));
        assert!(is_kana_or_hangul('를'));
        assert!(!is_kana_or_hangul('・'));
        assert!(!is_kana_or_hangul('中'));
        assert_eq!(fold('Ｗ'), 'W');
        assert_eq!(fold('１'), '1');
        assert_eq!(fold('％'), '％');
        assert!(is_latin_alnum('Ⅶ'));
        assert!(!is_latin_alnum('中'));
    }
}
