//! Word skeletons for near-duplicate detection: each word of a text reduced to its letters —
//! no vowel signs, nukta, anusvara, candrabindu, virama, harakat or joiners; a nasal
//! consonant with a virama left out (the half nasal that anusvara also writes); long independent vowels folded to short; native digits as ASCII; ASCII
//! lowercased — and hashed. Stopwords (every list in `analyzers/data/`) and one-letter
//! words are left out.
//!
//! A copy fingerprint reads every word of every article's body, so this is one pass over
//! the bytes with no normalization, allocation or table beyond a few offsets: several times
//! cheaper than the analyzer, and blind to every respelling a site's CMS makes. Skeletons
//! are coarser than the analyzer's words (किताब and किताबें meet), which a fingerprint of
//! three-word shingles can afford.
//!
//! ```
//! use khoj_analyzers::SkeletonHasher;
//! let h = SkeletonHasher::new();
//! // nukta, half nasal and anusvara, vowel length: one skeleton
//! assert_eq!(h.hashes("हिन्दी की ख़बर", 100), h.hashes("हिंदी की खबर", 100));
//! assert_eq!(h.hashes("हिन्दी की ख़बर", 100).len(), 2); // की is a stopword
//! ```

use std::sync::OnceLock;

use crate::language::LANGUAGES;
use crate::shingles::mix;
use crate::stopwords::{ENGLISH, HINDI};
use crate::word_bytes::after_e0;

/// Hashes the skeletons of a text's words.
#[derive(Debug, Clone, Copy)]
pub struct SkeletonHasher {
    stop: &'static StopSkeletons,
}

impl Default for SkeletonHasher {
    fn default() -> Self {
        SkeletonHasher::new()
    }
}

impl SkeletonHasher {
    /// The hasher (its stopword table is built once per process).
    pub fn new() -> Self {
        static STOP: OnceLock<StopSkeletons> = OnceLock::new();
        SkeletonHasher {
            stop: STOP.get_or_init(StopSkeletons::build),
        }
    }

    /// The hashes of the first `max_words` words of `text` that are neither stopwords nor
    /// one letter long.
    pub fn hashes(&self, text: &str, max_words: usize) -> Vec<u64> {
        let mut out = Vec::new();
        if max_words > 0 {
            self.for_each(text, |h| {
                out.push(h);
                out.len() < max_words
            });
        }
        out
    }

    /// Calls `f` with the hash of each word of `text` that is neither a stopword nor one
    /// letter long, in order, until it returns `false`.
    #[inline]
    pub fn for_each(&self, text: &str, mut f: impl FnMut(u64) -> bool) {
        each_skeleton(text, |h, letters| {
            letters < 2 || self.stop.contains(h) || f(h)
        });
    }
}

/// The first of the nine Brahmic blocks (Devanagari) and the end of the last (Malayalam).
const BRAHMIC_START: u32 = 0x0900;
const BRAHMIC_END: u32 = 0x0D80;

/// What a character is to a skeleton, packed in a `u32`, so that the hot path (letters and
/// marks, most of any text) is one lookup, one compare and no branch on what it found: the
/// character's code in the skeleton in the low [`CODE`] bits, how far the word's hash is
/// rotated before it is added (11 bits for a letter, 0 for a mark) in bits 24-27, and a
/// special kind, which the hot path leaves to a slower one, in the top four bits.
const CODE: u32 = 0x1F_FFFF;
/// Bits a letter rotates the word's hash by: five letters of a block without overlap.
const ROTATE: u32 = 11;
/// A letter.
const LETTER: u32 = ROTATE << 24;
/// A nasal consonant (a letter): left out when a virama follows it (a half nasal).
const NASAL: u32 = LETTER | 1 << 23;
/// A mark or joiner: inside the word, not in its skeleton (rotated in by 0 bits, code 0).
const MARK: u32 = 0;
/// The first special kind: a virama.
const VIRAMA: u32 = 1 << 28;
/// A character of Chinese, Japanese or Korean: a word of its own.
const IDEOGRAPH: u32 = 2 << 28;
/// Anything else ends a word.
const BOUNDARY: u32 = 3 << 28;
/// Not in a table: [`other_class`] says.
const ELSEWHERE: u32 = 4 << 28;

/// The packed class of every character from U+0800 to U+0FFF (those whose UTF-8 begins
/// with 0xE0: the Brahmic blocks among them), computed at compile time and indexed by the
/// character's second and third bytes read as one little-endian `u16` and masked
/// ([`e0_index`]): the hot path reads it straight off the bytes. (Sparse: 64 KiB, of which
/// a text of one script reads some 4 KiB.)
static E0_CHARS: [u32; E0_ENTRIES] = {
    let mut table = [ELSEWHERE; E0_ENTRIES];
    let mut u = BRAHMIC_START;
    while u < BRAHMIC_END {
        let (b1, b2) = (0x80 | (u >> 6) & 0x3F, 0x80 | u & 0x3F);
        table[e0_index(b2 << 8 | b1)] = brahmic_class(u & !0x7F, u & 0x7F);
        u += 1;
    }
    table
};
/// The packed class of each ASCII character: letters lowercased, digits kept.
static ASCII: [u32; 128] = {
    let mut table = [BOUNDARY; 128];
    let mut u = 0;
    while u < 128 {
        let c = u as u8;
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            table[u] = LETTER | u as u32;
        } else if c.is_ascii_uppercase() {
            table[u] = LETTER | (u as u32 + 32);
        }
        u += 1;
    }
    table
};

/// Where a character of U+0800..U+0FFF is in [`E0_CHARS`], from its second and third UTF-8
/// bytes (little-endian, as [`after_e0`] reads them): the low five bits of the one and six
/// of the other.
const fn e0_index(tail: u32) -> usize {
    (tail & 0x3F1F) as usize
}
/// Entries of [`E0_CHARS`]: one past the largest [`e0_index`].
const E0_ENTRIES: usize = 0x3F20;

/// The code of the nasal consonant just before the virama that ends at `end` (the three
/// bytes before the virama's three), if that is what precedes it.
#[inline]
fn nasal_before(text: &str, end: usize) -> Option<u32> {
    // 0xE0 only ever leads a three-byte character, which the virama's then follows
    let tail = after_e0(text, end.checked_sub(6)?)?;
    let packed = E0_CHARS[e0_index(u32::from(tail))];
    (packed & !CODE == NASAL).then_some(packed & CODE)
}

/// The packed class of the character at `at` in `text` (outside ASCII and the Brahmic
/// blocks), and where the next character begins (the end of `text` if `at` is not on a
/// character). Returned, not written through a reference, so that the caller's position
/// stays in a register.
#[cold]
fn decode_other(text: &str, at: usize) -> (u32, usize) {
    match text.get(at..).and_then(|t| t.chars().next()) {
        Some(c) => (other_class(c), at + c.len_utf8()),
        None => (BOUNDARY, text.len()),
    }
}

/// Characters outside ASCII and the Brahmic blocks (the packed class).
#[inline(never)]
fn other_class(c: char) -> u32 {
    let u = c as u32;
    match u {
        0x0300..=0x036F | 0x00AD | 0x200C | 0x200D => MARK,
        0x0640 | 0x064B..=0x065F | 0x0670 => MARK, // tatweel, harakat
        0x0660..=0x0669 => LETTER | (u - 0x0660 + '0' as u32),
        0x06F0..=0x06F9 => LETTER | (u - 0x06F0 + '0' as u32),
        0x0649 | 0x064A => LETTER | 0x06CC, // alef maksura, Arabic yeh: Farsi yeh
        0x0643 => LETTER | 0x06A9,          // Arabic kaf: keheh
        0x0647 | 0x06C2 | 0x0629 => LETTER | 0x06C1, // heh, heh with yeh, teh marbuta: heh goal
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF => {
            IDEOGRAPH | u
        }
        _ if c.is_alphanumeric() && u <= CODE => LETTER | u,
        _ => BOUNDARY,
    }
}

/// The packed class of a character of a Brahmic block (`block` its first code point, `o`
/// its offset): the nine blocks are laid out in parallel, so offsets say what a character
/// is, with a few exceptions named below.
const fn brahmic_class(block: u32, o: u32) -> u32 {
    const DEVANAGARI: u32 = 0x0900;
    const BENGALI: u32 = 0x0980;
    const GURMUKHI: u32 = 0x0A00;
    const MALAYALAM: u32 = 0x0D00;
    const NUKTA_LETTERS: [u32; 8] = [0x15, 0x16, 0x17, 0x1C, 0x21, 0x22, 0x2B, 0x2F];
    const CHILLU_LETTERS: [u32; 4] = [0x30, 0x32, 0x33, 0x15];
    let letter = match o {
        0x00..=0x03 => return MARK, // candrabindu, anusvara, visarga
        // independent vowels, long folded to short: आ ई ऊ ऐ औ (and the short e, o of the
        // Dravidian scripts)
        0x06 => 0x05,
        0x08 => 0x07,
        0x0A => 0x09,
        0x0E | 0x10 => 0x0F,
        0x12 | 0x14 => 0x13,
        0x04..=0x14 => o,
        // precomposed nukta letters in the main range: Devanagari ऩ ऱ ऴ, Gurmukhi ਲ਼ ਸ਼
        0x29 | 0x31 | 0x34 if block == DEVANAGARI => o - 1,
        0x33 if block == GURMUKHI => 0x32,
        0x36 if block == GURMUKHI => 0x38,
        0x19 | 0x1E | 0x23 | 0x28 | 0x2E => return NASAL | (block + o), // ङ ञ ण न म
        0x15..=0x39 => o,
        0x3C => return MARK, // nukta
        0x4D => return VIRAMA,
        0x4E if block == BENGALI => 0x24, // khanda ta: ত
        0x3D..=0x57 => return MARK,       // avagraha, vowel signs, length marks
        // precomposed nukta letters: Devanagari क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़, Gurmukhi ਖ਼ ਗ਼ ਜ਼ ਫ਼,
        // Bengali and Odia ড় ঢ় য় (ଡ଼ ଢ଼ ୟ)
        0x58..=0x5F if block == DEVANAGARI => NUKTA_LETTERS[(o - 0x58) as usize],
        0x59..=0x5B if block == GURMUKHI => NUKTA_LETTERS[(o - 0x58) as usize],
        0x5E if block == GURMUKHI => 0x2B,
        0x5C | 0x5D if block != GURMUKHI => o - 0x3B, // ড় ঢ়: ড ঢ
        0x5F => 0x2F,
        0x62 | 0x63 => return MARK,     // vocalic vowel signs
        0x64 | 0x65 => return BOUNDARY, // danda, double danda
        0x66..=0x6F => return LETTER | (o - 0x66 + '0' as u32),
        0x70 | 0x71 | 0x75 if block == GURMUKHI => return MARK, // tippi, addak, yakash
        // Malayalam chillus: the consonant they end a word with (ർ ൽ ൾ ൿ); ൺ and ൻ are
        // nasals with a virama in their old spelling, left out as every half nasal is
        0x7A | 0x7B if block == MALAYALAM => return MARK,
        0x7C..=0x7F if block == MALAYALAM => CHILLU_LETTERS[(o - 0x7C) as usize],
        _ => o,
    };
    LETTER | (block + letter)
}

/// Calls `word(hash, letters)` for each word of `text` (letters: how many the skeleton
/// holds), until it returns `false`.
#[inline(always)]
fn each_skeleton(text: &str, mut word: impl FnMut(u64, usize) -> bool) {
    // letters' codes rotated in, mixed at the word's end; `rotated`: the bits the word's
    // hash was rotated by, [`ROTATE`] for each letter
    let (mut h, mut rotated) = (0u64, 0u32);
    let bytes = text.as_bytes();
    let mut i = 0;
    // letters, nasals and marks, most of the text, without a branch: a mark's code is 0, and
    // it is rotated in by 0 bits (no special kind: the top bits are 0)
    let rotate_in = |h: &mut u64, rotated: &mut u32, packed: u32| {
        let rotate = packed >> 24;
        *h = h.rotate_left(rotate) ^ u64::from(packed & CODE);
        *rotated += rotate;
    };
    while i < bytes.len() {
        let (b, start) = (bytes[i], i);
        let mut packed = if let Some(tail) = after_e0(text, i) {
            // a three-byte character of U+0800..U+0FFF
            i += 3;
            E0_CHARS[e0_index(u32::from(tail))]
        } else if b < 0x80 {
            i += 1;
            ASCII[usize::from(b)]
        } else {
            ELSEWHERE
        };
        if packed < VIRAMA {
            rotate_in(&mut h, &mut rotated, packed);
            continue;
        }
        if packed == ELSEWHERE {
            (packed, i) = decode_other(text, start);
            if packed < VIRAMA {
                rotate_in(&mut h, &mut rotated, packed);
                continue;
            }
        }
        if packed == VIRAMA {
            // a virama right after a nasal consonant takes the nasal out again: the half
            // nasal, which anusvara also writes, is left out
            if let Some(nasal) = nasal_before(text, i) {
                h = (h ^ u64::from(nasal)).rotate_right(ROTATE);
                rotated -= ROTATE;
            }
            continue;
        }
        // (`rotated` is 0 for no letters: a boundary after a boundary takes no division)
        if rotated > 0 {
            let letters = u64::from(rotated / ROTATE);
            if !word(mix(h ^ letters << 59), letters as usize) {
                return;
            }
        }
        (h, rotated) = (0, 0);
        if packed & !CODE == IDEOGRAPH {
            // one ideograph, one word (counted as two letters, so that it is kept)
            if !word(mix(u64::from(packed & CODE) ^ 2 << 59), 2) {
                return;
            }
        }
    }
    let letters = u64::from(rotated / ROTATE);
    if letters > 0 {
        word(mix(h ^ letters << 59), letters as usize);
    }
}

/// The skeletons of every stopword list's words, in an open-addressing table, with a bit
/// filter before it.
#[derive(Debug)]
struct StopSkeletons {
    /// One bit per value of a hash's top [`FILTER_BITS`] bits, set for each stopword's: a
    /// word whose bit is clear is no stopword. Most words of a text are not, and their
    /// slots, spread over a table larger than the first-level cache, were a cache miss a
    /// word; the filter (2 KiB) stays in that cache, and the slots read are mostly those of
    /// the stopwords a text keeps using.
    filter: Box<[u64; 1 << (FILTER_BITS - 6)]>,
    slots: Vec<u64>,
}

/// Bits of a skeleton's hash that index [`StopSkeletons::filter`]: its top ones (the slots
/// are indexed by its low ones). 16,384 bits for ~1,400 stopwords: about one word in twelve
/// passes the filter without being one.
const FILTER_BITS: u32 = 14;

/// Where a (well-mixed) hash is in [`StopSkeletons::filter`]: its word and bit.
#[inline(always)]
fn filter_bit(h: u64) -> (usize, u32) {
    let bit = h >> (64 - FILTER_BITS);
    ((bit >> 6) as usize, (bit & 63) as u32)
}

impl StopSkeletons {
    fn build() -> Self {
        let lists = [HINDI, ENGLISH]
            .into_iter()
            .chain(LANGUAGES.iter().filter_map(|l| l.stopwords));
        let mut hashes = Vec::new();
        for list in lists {
            for line in list.lines() {
                let entry = line.split('#').next().unwrap_or("").trim();
                each_skeleton(entry, |h, _| {
                    hashes.push(h | 1);
                    true
                });
            }
        }
        let mut slots = vec![0u64; (hashes.len() * 4).next_power_of_two().max(64)];
        let mut filter = Box::new([0u64; 1 << (FILTER_BITS - 6)]);
        let mask = slots.len() - 1;
        for h in hashes {
            let (word, bit) = filter_bit(h);
            filter[word] |= 1 << bit;
            let mut i = h as usize & mask;
            while slots[i] != 0 && slots[i] != h {
                i = (i + 1) & mask;
            }
            slots[i] = h;
        }
        StopSkeletons { filter, slots }
    }

    #[inline(always)]
    fn contains(&self, h: u64) -> bool {
        let (word, bit) = filter_bit(h);
        if self.filter[word] >> bit & 1 == 0 {
            return false;
        }
        let (h, mask) = (h | 1, self.slots.len() - 1);
        let mut i = h as usize & mask;
        loop {
            match self.slots[i] {
                0 => return false,
                s if s == h => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(word: &str) -> Vec<u64> {
        SkeletonHasher::new().hashes(word, 9)
    }

    /// Spellings a copy may use for its original's words: each pair one skeleton.
    const MEET: &[(&str, &str)] = &[
        ("ख़बर", "खबर"), // nukta, precomposed or not
        ("ख़बर", "ख\u{093C}बर"),
        ("हिन्दी", "हिंदी"), // half nasal, anusvara
        ("सम्बन्ध", "संबंध"),
        ("गाँव", "गांव"),         // candrabindu
        ("कीमत", "किमत"),       // vowel length
        ("ईमानदार", "इमानदार"), // independent vowel length
        ("२०२०", "2020"),       // Devanagari digits
        ("Delhi", "DELHI"),
        ("सिद्ध\u{200D}ार्थ", "सिद्धार्थ"), // joiner
        ("ফ্য়াশন", "ফ্যাশন"),               // Bengali য় decomposed
        ("ਖ਼ਬਰ", "ਖਬਰ"),                 // Gurmukhi nukta letter
        ("ਸ਼ਹਿਰ", "ਸਹਿਰ"),
        ("അവൻ", "അവന്\u{200D}"), // Malayalam chillu and its old spelling
        ("كتاب", "کتاب"),       // Arabic and Urdu kaf
        ("مُلک", "ملک"),         // harakat
        ("০১২", "012"),         // Bengali digits
    ];

    /// Words that must stay apart.
    const APART: &[(&str, &str)] = &[
        ("खबर", "खतरा"),
        ("दिल्ली", "मुंबई"),
        ("delhi", "dilli"),
        ("নদী", "নারী"),
    ];

    #[test]
    fn spellings_meet() {
        for (a, b) in MEET {
            assert_eq!(one(a), one(b), "{a} and {b}");
            assert_eq!(one(a).len(), 1, "{a}");
        }
    }

    #[test]
    fn words_stay_apart() {
        for (a, b) in APART {
            assert_ne!(one(a), one(b), "{a} and {b}");
        }
    }

    #[test]
    fn stopwords_and_single_letters_left_out() {
        assert!(one("की").is_empty());
        assert!(one("और").is_empty());
        assert!(one("the").is_empty());
        assert!(one("a").is_empty());
        assert!(one("5").is_empty());
        assert_eq!(one("सरकार").len(), 1);
    }

    #[test]
    fn every_stopword_passes_the_filter_and_is_found() {
        let stop = StopSkeletons::build();
        let lists = [HINDI, ENGLISH]
            .into_iter()
            .chain(LANGUAGES.iter().filter_map(|l| l.stopwords));
        let mut checked = 0;
        for line in lists.flat_map(str::lines) {
            let entry = line.split('#').next().unwrap_or("").trim();
            each_skeleton(entry, |h, _| {
                let (word, bit) = filter_bit(h);
                assert!(
                    stop.filter[word] >> bit & 1 == 1,
                    "{entry}: not in the filter"
                );
                assert!(stop.contains(h), "{entry}: not found");
                checked += 1;
                true
            });
        }
        assert!(checked > 1000, "{checked} stopwords");
    }

    #[test]
    fn other_characters_led_by_e0_are_read_whole() {
        let h = SkeletonHasher::new();
        // Thai and Tibetan (U+0E00..U+0FFF: led by 0xE0, not in the Brahmic table), and a
        // text that ends in a three-byte character
        assert_eq!(h.hashes("ไทย བོད सरकार", 9).len(), 3);
        assert_eq!(h.hashes("ไทย", 9), h.hashes(" ไทย. ", 9));
        assert_ne!(h.hashes("ไทย", 9), h.hashes("ไทว", 9));
        assert_eq!(h.hashes("सरकार", 9), h.hashes("सरकार।", 9));
    }

    #[test]
    fn words_split_at_spaces_punctuation_and_danda() {
        let h = SkeletonHasher::new();
        assert_eq!(
            h.hashes("सरकार ने कहा। सरकार, कहा", 99),
            h.hashes("सरकार कहा सरकार कहा", 99)
        );
        assert_eq!(h.hashes("एक दो तीन चार पांच छह सात", 3).len(), 3);
        // each ideograph a word
        assert_eq!(h.hashes("東京都", 99).len(), 3);
    }

    #[test]
    fn never_panics_on_any_text() {
        let h = SkeletonHasher::new();
        for text in ["", "्", "न्", "न््", "ं", "\u{200D}", "न्\u{200D}", "म्म्म्"]
        {
            let _ = h.hashes(text, 9);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_hashes(text in ".{0,64}") {
            let h = SkeletonHasher::new();
            let all = h.hashes(&text, usize::MAX);
            proptest::prop_assert_eq!(h.hashes(&text, 2).len(), all.len().min(2));
        }
    }
}
