//! Stage 5 for the Indian languages after Hindi: a light stemmer that strips the longest
//! inflectional suffix of a list.
//!
//! Each language's list is data, in `analyzers/data/suffixes-<code>.txt`, with its sources
//! named there. The suffixes are put through the same normalization as the words, so that a
//! suffix written in another of the spellings that normalization unifies still matches.
//! A suffix is removed only when at least [`MIN_STEM_CHARS`] characters remain, so that a
//! short word is left whole; then the longest suffix of what remains, once more.
//!
//! ```
//! use khoj_analyzers::SuffixStemmer;
//! let stemmer = SuffixStemmer::parse("# plural and case endings\nগুলো\nকে\nের\n", |s| s.to_string());
//! assert_eq!(stemmer.stem("ছেলেগুলো"), "ছেলে");
//! assert_eq!(stemmer.stem("বাংলাদেশের"), "বাংলাদেশ");
//! assert_eq!(stemmer.stem("কে"), "কে"); // nothing would remain
//! ```

/// At least this many characters (code points) stay after a suffix is removed.
pub const MIN_STEM_CHARS: usize = 2;

/// Suffixes are stripped up to this many times: an agglutinating word stacks a plural or
/// oblique ending and a case ending (Bengali ছেলেদেরকে = ছেলে + দের + কে), and two passes
/// measured better than one on every Indian language of the developers' sets but Urdu
/// and Sanskrit, which lost 0.001 (docs/relevance.md).
const PASSES: usize = 2;

/// Strips the longest suffix of a list.
#[derive(Debug, Clone)]
pub struct SuffixStemmer {
    /// The suffixes by the low 7 bits of their last character (its offset in a Brahmic
    /// block), longest first; a lookup costs no hashing.
    by_last: Box<[Vec<Box<str>>; 128]>,
    /// The same lists packed like a [`BrahmicScan`]'s tail, when every suffix is written in
    /// one Brahmic block: a word of that block is then stemmed without reading its bytes.
    ///
    /// [`BrahmicScan`]: crate::BrahmicScan
    packed: Option<Packed>,
    empty: bool,
}

/// [`SuffixStemmer::by_last`] packed: suffixes of the block starting at `block`.
#[derive(Debug, Clone)]
struct Packed {
    block: u32,
    /// By a word's last two characters packed (`last * 129 + before`, 0 for none): which
    /// of `lists` holds the suffixes that may end it, in the order of [`SuffixStemmer`]'s.
    by_last_two: Vec<u16>,
    lists: Vec<Vec<PackedSuffix>>,
}

/// A suffix's last characters (at most eight), one byte each: offset in the block plus
/// one, the last in the low byte; `mask` covers them.
#[derive(Debug, Clone)]
struct PackedSuffix {
    key: u64,
    mask: u64,
    chars: usize,
    text: Box<str>,
}

impl Default for SuffixStemmer {
    fn default() -> Self {
        SuffixStemmer {
            by_last: Box::new(std::array::from_fn(|_| Vec::new())),
            packed: None,
            empty: true,
        }
    }
}

/// The bucket of a suffix or word ending in `c`.
#[inline]
fn bucket(c: char) -> usize {
    (c as u32 & 0x7F) as usize
}

impl SuffixStemmer {
    /// A stemmer for the suffixes listed in `text` (one a line; `#` starts a comment line),
    /// each put through `normalize` first.
    pub fn parse(text: &str, normalize: impl Fn(&str) -> String) -> Self {
        let mut stemmer = SuffixStemmer::default();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let suffix = normalize(line);
            let Some(last) = suffix.chars().next_back() else {
                continue;
            };
            let list = &mut stemmer.by_last[bucket(last)];
            if !list.iter().any(|s| **s == *suffix) {
                list.push(suffix.into());
                stemmer.empty = false;
            }
        }
        for list in stemmer.by_last.iter_mut() {
            list.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
        stemmer.packed = Packed::new(&stemmer.by_last);
        stemmer
    }

    /// Whether the list is empty (the stemmer changes nothing).
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// The byte length of `word`'s stem. A word of the block the suffixes are written in
    /// is stemmed on its last characters packed.
    #[inline]
    pub fn stem_len(&self, word: &str) -> usize {
        if let Some(packed) = &self.packed {
            if let Some((tail, chars)) = pack_word(word, packed.block) {
                return self.stem_packed(packed, word, tail, chars);
            }
        }
        self.stem_len_passes(word, PASSES)
    }

    /// The byte length of `word` without its longest suffix.
    #[inline]
    fn stem_len1(&self, word: &str) -> usize {
        let Some(last) = word.chars().next_back() else {
            return 0;
        };
        for suffix in &self.by_last[bucket(last)] {
            if let Some(stem) = word.strip_suffix(&**suffix) {
                if more_than(stem, MIN_STEM_CHARS - 1) {
                    return stem.len();
                }
            }
        }
        word.len()
    }

    /// [`stem_len`](Self::stem_len) for a word of `chars` characters of the Brahmic block
    /// that starts at `block`, none of them a joiner, whose last characters are packed in
    /// `tail` (a [`BrahmicScan`]'s): the suffixes are matched on the packed characters.
    ///
    /// [`BrahmicScan`]: crate::BrahmicScan
    #[inline]
    pub fn stem_len_packed(&self, word: &str, block: u32, tail: u64, chars: usize) -> usize {
        match self.packed.as_ref().filter(|p| p.block == block) {
            Some(packed) => self.stem_packed(packed, word, tail, chars),
            None => self.stem_len_passes(word, PASSES),
        }
    }

    /// [`stem_len_packed`](Self::stem_len_packed) with the word known to be of `packed`'s block.
    #[inline]
    fn stem_packed(&self, packed: &Packed, word: &str, tail: u64, chars: usize) -> usize {
        let (mut len, mut tail, mut chars) = (word.len(), tail, chars);
        'passes: for pass in 1..=PASSES {
            let tail_chars = chars.min(8);
            if tail_chars == 0 {
                break;
            }
            let last_two = (tail & 0xFF) as usize * 129 + ((tail >> 8) & 0xFF) as usize;
            let list = packed.by_last_two.get(last_two).copied().unwrap_or(0);
            for s in &packed.lists[usize::from(list)] {
                let ends_with = if s.chars <= tail_chars {
                    tail & s.mask == s.key
                } else {
                    word[..len].ends_with(&*s.text)
                };
                if ends_with && chars >= s.chars + MIN_STEM_CHARS {
                    len -= s.text.len();
                    chars -= s.chars;
                    tail = tail.checked_shr(8 * s.chars as u32).unwrap_or(0);
                    // past the eight packed characters: the rest from the bytes
                    if chars > tail_chars.saturating_sub(s.chars) {
                        return self.stem_len_passes(&word[..len], PASSES - pass);
                    }
                    continue 'passes;
                }
            }
            break;
        }
        len
    }

    /// The byte length of `word`'s stem after `passes` passes.
    #[inline]
    fn stem_len_passes(&self, word: &str, passes: usize) -> usize {
        let mut len = word.len();
        for _ in 0..passes {
            let n = self.stem_len1(&word[..len]);
            if n == len {
                break;
            }
            len = n;
        }
        len
    }

    /// `word` without its longest suffix.
    pub fn stem<'a>(&self, word: &'a str) -> &'a str {
        &word[..self.stem_len(word)]
    }
}

impl Packed {
    /// The lists packed, if every suffix is written in one Brahmic block (3-byte characters
    /// of U+0900..U+0D7F), all the same.
    fn new(by_last: &[Vec<Box<str>>; 128]) -> Option<Packed> {
        let mut block = None;
        for suffix in by_last.iter().flatten() {
            for c in suffix.chars() {
                let cp = c as u32;
                if !(0x0900..0x0D80).contains(&cp) || *block.get_or_insert(cp & !0x7F) != cp & !0x7F
                {
                    return None;
                }
            }
        }
        let pack = |suffix: &str| {
            let (mut key, mut mask, mut chars) = (0u64, 0u64, 0);
            for c in suffix.chars() {
                key = (key << 8) | u64::from((c as u32 & 0x7F) + 1);
                mask = (mask << 8) | 0xFF;
                chars += 1;
            }
            PackedSuffix {
                key,
                mask,
                chars,
                text: suffix.into(),
            }
        };
        // Each pair of last characters gets the suffixes of its last character's list that
        // may end a word so (a suffix of one character, or whose character before the last
        // is that one), in that list's order: the first that matches is the same.
        let mut packed = Packed {
            block: block?,
            by_last_two: vec![0; 129 * 129],
            lists: vec![Vec::new()],
        };
        for (last, suffixes) in by_last.iter().enumerate() {
            let suffixes: Vec<PackedSuffix> = suffixes.iter().map(|s| pack(s)).collect();
            let mut list_for = |before: Option<u64>| -> Option<u16> {
                let list: Vec<PackedSuffix> = suffixes
                    .iter()
                    .filter(|s| s.chars == 1 || Some((s.key >> 8) & 0xFF) == before)
                    .cloned()
                    .collect();
                if list.is_empty() {
                    return Some(0);
                }
                packed.lists.push(list);
                u16::try_from(packed.lists.len() - 1).ok()
            };
            // the suffixes of one character, whatever comes before; then, for each character
            // that comes before the last in a longer suffix, those too
            let singles = list_for(None)?;
            let row = &mut packed.by_last_two[(last + 1) * 129..(last + 2) * 129];
            row.fill(singles);
            let mut befores: Vec<u64> = suffixes
                .iter()
                .filter(|s| s.chars > 1)
                .map(|s| (s.key >> 8) & 0xFF)
                .collect();
            befores.sort_unstable();
            befores.dedup();
            for before in befores {
                let index = list_for(Some(before))?;
                packed.by_last_two[(last + 1) * 129 + before as usize] = index;
            }
        }
        Some(packed)
    }
}

/// The last characters (at most eight) of a word all of whose characters are of the block
/// that starts at `block`, packed as a [`crate::BrahmicScan`]'s, and how many it has.
#[inline]
fn pack_word(word: &str, block: u32) -> Option<(u64, usize)> {
    let bytes = word.as_bytes();
    let lead = crate::block_bytes::lead(block);
    if !bytes.len().is_multiple_of(3)
        || !bytes
            .chunks_exact(3)
            .all(|c| c[0] == 0xE0 && c[1] & !1 == lead)
    {
        return None;
    }
    Some((
        crate::brahmic_words::pack_last_chars(bytes),
        bytes.len() / 3,
    ))
}

/// Whether `s` has more than `n` characters.
#[inline]
fn more_than(s: &str, n: usize) -> bool {
    s.chars().nth(n).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_suffix_goes() {
        let s = SuffixStemmer::parse("ের\nদের\n", str::to_string);
        assert_eq!(s.stem("ছাত্রদের"), "ছাত্র");
        assert_eq!(s.stem("দেশের"), "দেশ");
    }

    #[test]
    fn a_case_ending_then_a_plural_ending_go() {
        let s = SuffixStemmer::parse("দের\nকে\n", str::to_string);
        assert_eq!(s.stem("ছেলেদেরকে"), "ছেলে");
        // not a third time
        let s = SuffixStemmer::parse("ক\nখ\nগ\n", str::to_string);
        assert_eq!(s.stem("আআকখগ"), "আআক");
    }

    #[test]
    fn suffixes_are_normalized_like_words() {
        let s = SuffixStemmer::parse("ী\n", |w| w.replace('ী', "ি"));
        assert_eq!(s.stem("সরকারি"), "সরকার");
    }

    /// `word`'s characters of the block at `block`, packed as a `BrahmicScan` packs them.
    fn pack(word: &str) -> u64 {
        word.chars().fold(0u64, |tail, c| {
            (tail << 8) | u64::from((c as u32 & 0x7F) + 1)
        })
    }

    proptest::proptest! {
        #[test]
        fn packed_stemming_agrees_with_stemming_the_bytes(
            suffixes in proptest::collection::vec(proptest::collection::vec(0x3Eu32..0x4E, 1..11), 1..12),
            stem in proptest::collection::vec(0x15u32..0x4E, 0..12),
            ends in proptest::collection::vec(0usize..12, 0..3),
        ) {
            const BLOCK: u32 = 0x0C00; // Telugu
            let text = |offsets: &[u32]| -> String {
                offsets.iter().filter_map(|o| char::from_u32(BLOCK + o)).collect()
            };
            let list: Vec<String> = suffixes.iter().map(|s| text(s)).collect();
            let stemmer = SuffixStemmer::parse(&list.join("\n"), str::to_string);
            // a stem, then up to two of the suffixes (or not)
            let mut word = text(&stem);
            for e in ends {
                if let Some(s) = list.get(e) {
                    word.push_str(s);
                }
            }
            let chars = word.chars().count();
            let bytes_way = stemmer.stem_len_passes(&word, PASSES);
            proptest::prop_assert_eq!(
                stemmer.stem_len_packed(&word, BLOCK, pack(&word), chars),
                bytes_way,
                "{:?} {:?}", word, list
            );
            proptest::prop_assert_eq!(stemmer.stem_len(&word), bytes_way);
        }
    }

    #[test]
    fn comments_blank_lines_and_short_words() {
        let s = SuffixStemmer::parse("# a comment\n\n  কে  \n", str::to_string);
        assert_eq!(s.stem("তাকে"), "তা");
        assert_eq!(s.stem("কে"), "কে");
        assert_eq!(s.stem(""), "");
        assert!(!s.is_empty());
        assert!(SuffixStemmer::parse("# nothing\n", str::to_string).is_empty());
    }
}
