//! Which writing system a character or a word belongs to.
//!
//! The segmenter uses these predicates for its fast paths, and the analyzer uses
//! [`Script`] to route each word to its script's chain.
//!
//! ```
//! use khoj_analyzers::{Script, script_of_word};
//! assert_eq!(script_of_word("हिन्दी"), Script::Devanagari);
//! assert_eq!(script_of_word("Virat"), Script::Latin);
//! assert_eq!(script_of_word("Москва"), Script::Other);
//! ```

/// The script a word is analyzed as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Devanagari: Hindi, Marathi, Nepali, Sanskrit …
    Devanagari,
    /// Latin letters (ASCII or with diacritics), and numbers.
    Latin,
    /// Han ideographs (Chinese, or Japanese kanji).
    Han,
    /// Hiragana or katakana.
    Kana,
    /// Hangul (Korean).
    Hangul,
    /// Any other script: lowercased words.
    Other,
    /// Bengali–Assamese script: Bengali, Assamese.
    Bengali,
    /// Gurmukhi: Punjabi.
    Gurmukhi,
    /// Gujarati.
    Gujarati,
    /// Odia (Unicode's "Oriya").
    Odia,
    /// Tamil.
    Tamil,
    /// Telugu.
    Telugu,
    /// Kannada.
    Kannada,
    /// Malayalam.
    Malayalam,
    /// Arabic script: Urdu (and Arabic, Persian …).
    Arabic,
}

impl Script {
    /// Every script, in the order of their discriminants.
    pub const ALL: [Script; 15] = [
        Script::Devanagari,
        Script::Latin,
        Script::Han,
        Script::Kana,
        Script::Hangul,
        Script::Other,
        Script::Bengali,
        Script::Gurmukhi,
        Script::Gujarati,
        Script::Odia,
        Script::Tamil,
        Script::Telugu,
        Script::Kannada,
        Script::Malayalam,
        Script::Arabic,
    ];

    /// The Brahmic scripts after Devanagari, whose Unicode blocks of 128 code points follow
    /// it in the same layout (a letter sits at the same offset in each block).
    pub const BRAHMIC: [Script; 8] = [
        Script::Bengali,
        Script::Gurmukhi,
        Script::Gujarati,
        Script::Odia,
        Script::Tamil,
        Script::Telugu,
        Script::Kannada,
        Script::Malayalam,
    ];

    /// The script's place in [`BRAHMIC`](Self::BRAHMIC).
    #[inline]
    pub fn brahmic_index(self) -> Option<usize> {
        let i = (self as usize).wrapping_sub(Script::Bengali as usize);
        (i < Script::BRAHMIC.len()).then_some(i)
    }

    /// The first code point of the script's Unicode block, for Devanagari and the Brahmic
    /// scripts laid out like it (each block follows the one before).
    #[inline]
    pub fn block_start(self) -> Option<u32> {
        let blocks_after_devanagari = match self {
            Script::Devanagari => 0,
            _ => self.brahmic_index()? + 1,
        };
        Some(0x0900 + 0x80 * blocks_after_devanagari as u32)
    }
}

/// The Brahmic script (after Devanagari) of a character of U+0980–U+0D7F.
#[inline]
pub fn brahmic_script_of(c: char) -> Option<Script> {
    let cp = c as u32;
    if !(0x0980..0x0D80).contains(&cp) {
        return None;
    }
    Some(Script::BRAHMIC[((cp - 0x0980) / 0x80) as usize])
}

/// Whether `c` is a letter, mark or sign of the Arabic script (its blocks, without the
/// punctuation and the noncharacters among them).
#[inline]
pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{065F}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}'..='\u{06FF}'
        | '\u{0660}'..='\u{0669}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// ZERO WIDTH NON-JOINER: shapes a Devanagari conjunct, carries no meaning for search.
pub const ZWNJ: char = '\u{200C}';
/// ZERO WIDTH JOINER: shapes a Devanagari conjunct, carries no meaning for search.
pub const ZWJ: char = '\u{200D}';

/// A character that belongs inside a Devanagari word: letters, vowel signs, virama,
/// nukta, anusvara, chandrabindu, visarga, Devanagari digits, and the Devanagari
/// Extended and Vedic Extensions blocks. Danda (।), double danda (॥) and the
/// abbreviation sign (॰) are punctuation and end a word.
#[inline]
pub fn is_devanagari_word_char(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{0963}' | '\u{0966}'..='\u{096F}' | '\u{0971}'..='\u{097F}'
        | '\u{A8E0}'..='\u{A8FF}' | '\u{1CD0}'..='\u{1CFF}')
}

/// Any character of the Devanagari blocks (letters, marks, digits or punctuation).
#[inline]
pub fn is_devanagari(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{097F}' | '\u{A8E0}'..='\u{A8FF}' | '\u{1CD0}'..='\u{1CFF}')
}

/// Hiragana, katakana (full and half width) and the katakana phonetic extensions.
#[inline]
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
}

/// Han ideographs: the unified blocks and their extensions, and compatibility ideographs.
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}' | '\u{3005}' | '\u{3007}')
}

/// Hangul syllables and jamo.
#[inline]
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}'
        | '\u{A960}'..='\u{A97F}' | '\u{D7B0}'..='\u{D7FF}' | '\u{FFA0}'..='\u{FFDC}')
}

/// Latin letters: ASCII, Latin-1 Supplement, Latin Extended-A/B, IPA, Latin Extended
/// Additional, and full-width ASCII letters.
#[inline]
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{024F}' | '\u{0250}'..='\u{02AF}' | '\u{1E00}'..='\u{1EFF}'
            | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
            && c != '\u{00D7}'
            && c != '\u{00F7}')
}

/// The script of one character, or `None` for characters that do not decide a
/// word's script (digits, combining marks, punctuation).
#[inline]
pub fn script_of_char(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    if is_devanagari(c) {
        return Some(Script::Devanagari);
    }
    if is_latin_letter(c) {
        return Some(Script::Latin);
    }
    if is_kana(c) {
        return Some(Script::Kana);
    }
    if is_han(c) {
        return Some(Script::Han);
    }
    if is_hangul(c) {
        return Some(Script::Hangul);
    }
    if let Some(script) = brahmic_script_of(c) {
        return Some(script);
    }
    if is_arabic(c) && (is_alphanumeric(c) || c == '\u{0640}') {
        return Some(Script::Arabic);
    }
    if c.is_alphabetic() {
        return Some(Script::Other);
    }
    None
}

/// [`char::is_alphanumeric`], with the answers for ASCII and the blocks of Urdu and the
/// Indian scripts (U+0600 to U+0D7F, whose letters Unicode's table reaches only after a long
/// walk) from a table.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    const FIRST: u32 = 0x0600;
    const BLOCKS: usize = 15;
    static TABLE: std::sync::OnceLock<[u128; BLOCKS]> = std::sync::OnceLock::new();
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let offset = (c as u32).wrapping_sub(FIRST) as usize;
    if offset >= 128 * BLOCKS {
        return c.is_alphanumeric();
    }
    let table = TABLE.get_or_init(|| {
        std::array::from_fn(|block| {
            (0..128u32)
                .filter(|o| {
                    char::from_u32(FIRST + 128 * block as u32 + o)
                        .is_some_and(char::is_alphanumeric)
                })
                .fold(0u128, |bits, o| bits | (1 << o))
        })
    });
    table[offset / 128] & (1 << (offset % 128)) != 0
}

/// The script of a word: that of its first letter that decides one. A word of
/// digits only counts as [`Script::Latin`] (numbers are analyzed like Latin words).
pub fn script_of_word(word: &str) -> Script {
    word.chars()
        .find_map(script_of_char)
        .unwrap_or(Script::Latin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_route_by_their_first_deciding_letter() {
        assert_eq!(script_of_word("2024"), Script::Latin);
        assert_eq!(script_of_word("१२"), Script::Devanagari);
        assert_eq!(script_of_word("café"), Script::Latin);
        assert_eq!(script_of_word("東京"), Script::Han);
        assert_eq!(script_of_word("ひらがな"), Script::Kana);
        assert_eq!(script_of_word("서울"), Script::Hangul);
        assert_eq!(script_of_word("Москва"), Script::Other);
        assert_eq!(script_of_word("বাংলা"), Script::Bengali);
        assert_eq!(script_of_word("ਪੰਜਾਬੀ"), Script::Gurmukhi);
        assert_eq!(script_of_word("ગુજરાતી"), Script::Gujarati);
        assert_eq!(script_of_word("ଓଡ଼ିଆ"), Script::Odia);
        assert_eq!(script_of_word("தமிழ்"), Script::Tamil);
        assert_eq!(script_of_word("తెలుగు"), Script::Telugu);
        assert_eq!(script_of_word("ಕನ್ನಡ"), Script::Kannada);
        assert_eq!(script_of_word("മലയാളം"), Script::Malayalam);
        assert_eq!(script_of_word("اردو"), Script::Arabic);
        assert_eq!(script_of_word("৩২"), Script::Bengali);
    }

    #[test]
    fn scripts_are_listed_in_discriminant_order() {
        for (i, s) in Script::ALL.iter().enumerate() {
            assert_eq!(*s as usize, i);
            assert_eq!(
                s.brahmic_index(),
                Script::BRAHMIC.iter().position(|b| b == s)
            );
        }
        for s in Script::BRAHMIC {
            let start = s.block_start().unwrap();
            assert_eq!(
                brahmic_script_of(char::from_u32(start + 0x15).unwrap()),
                Some(s)
            );
        }
    }

    #[test]
    fn alphanumeric_as_unicode_says() {
        for cp in (0..0x1000).chain(0x3000..0x3100) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn danda_is_not_part_of_a_word() {
        assert!(!is_devanagari_word_char('।'));
        assert!(!is_devanagari_word_char('॥'));
        assert!(!is_devanagari_word_char('॰'));
        for c in ['क', 'ा', '्', '़', 'ं', 'ँ', 'ः', '०', '९', 'ॐ'] {
            assert!(is_devanagari_word_char(c), "{c}");
        }
    }

    #[test]
    fn examples() {
        {
            assert!(is_devanagari_word_char('क'));
            assert!(is_devanagari_word_char('्'));
            assert!(!is_devanagari_word_char('।'));
        }
    }
}
