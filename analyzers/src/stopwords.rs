//! Stage 4: stopword lists, kept as data in `analyzers/data/` with their sources.
//!
//! Each list is put through the same normalization as the words it is checked against,
//! so an entry written with a nukta or a half nasal still matches its folded form.

/// The Hindi list (Jacques Savoy's, as shipped with Lucene).
pub const HINDI: &str = include_str!("../data/stopwords-hi.txt");
/// The English list (Lucene's EnglishAnalyzer default).
pub const ENGLISH: &str = include_str!("../data/stopwords-en.txt");

use crate::devanagari::pack_word;

/// A set of stopwords in normalized form.
///
/// Checked once for every word of every text, so it is a small open-addressing table
/// keyed by a word's length and its first and last eight bytes (which, for words of up
/// to 16 bytes, are the whole word), rather than a general hash set.
#[derive(Debug, Clone)]
pub struct StopWords {
    /// Kept small (24 bytes a slot) so that the table stays in the L1 cache.
    slots: Vec<Slot>,
    /// The words, for the rare ones longer than 16 bytes.
    words: Vec<Box<str>>,
    /// The Devanagari words as packed by [`pack_word`], for
    /// [`contains_packed`](Self::contains_packed): buckets of four (0: empty), a key in
    /// the bucket its hash picks, so that a lookup compares one bucket without a branch.
    packed: Vec<[u64; 4]>,
    /// Whether every word is in `packed` (so that a word that cannot be packed is
    /// known not to be a stopword).
    all_packed: bool,
    max_len: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    head: u64,
    tail: u64,
    /// 0 for an empty slot.
    len: u32,
    /// Index into `words`.
    word: u32,
}

/// A word's length and first and last eight bytes (zero-padded when shorter).
#[inline]
fn fingerprint(b: &[u8]) -> (u64, u64) {
    let n = b.len();
    if n >= 8 {
        let head = u64::from_le_bytes(b[..8].try_into().unwrap_or_default());
        let tail = u64::from_le_bytes(b[n - 8..].try_into().unwrap_or_default());
        return (head, tail);
    }
    // Overlapping loads that together cover every byte (the length tells them apart).
    let v = if n >= 4 {
        let lo = u32::from_le_bytes(b[..4].try_into().unwrap_or_default());
        let hi = u32::from_le_bytes(b[n - 4..].try_into().unwrap_or_default());
        (lo as u64) | ((hi as u64) << 32)
    } else if n > 0 {
        (b[0] as u64) | ((b[n / 2] as u64) << 8) | ((b[n - 1] as u64) << 16)
    } else {
        0
    };
    (v, v)
}

#[inline]
fn packed_slot(key: u64, capacity: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (capacity - 1)
}

/// The buckets for [`StopWords::contains_packed`]: as few as hold every key in the
/// bucket of its hash (at most four a bucket), and at least twice as many as needed.
fn packed_buckets(keys: &[u64]) -> Vec<[u64; 4]> {
    let mut capacity = (keys.len() / 2).next_power_of_two().max(16);
    'grow: loop {
        let mut buckets = vec![[0u64; 4]; capacity];
        for &key in keys {
            let bucket = &mut buckets[packed_slot(key, capacity)];
            if bucket.contains(&key) {
                continue;
            }
            match bucket.iter_mut().find(|k| **k == 0) {
                Some(free) => *free = key,
                None => {
                    capacity *= 2;
                    continue 'grow;
                }
            }
        }
        return buckets;
    }
}

impl Default for StopWords {
    fn default() -> Self {
        StopWords {
            slots: vec![Slot::default(); 1],
            words: Vec::new(),
            packed: vec![[0; 4]; 1],
            all_packed: true,
            max_len: 0,
        }
    }
}

impl StopWords {
    /// Parses a list (one word a line, `#` comments), normalizing each entry.
    pub fn parse(list: &str, normalize: impl Fn(&str) -> String) -> Self {
        let mut words: Vec<String> = list
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .map(normalize)
            .filter(|w| !w.is_empty())
            .collect();
        words.sort();
        words.dedup();
        let capacity = (words.len() * 2).next_power_of_two().max(16);
        let mut set = StopWords {
            slots: vec![Slot::default(); capacity],
            words: Vec::with_capacity(words.len()),
            packed: Vec::new(),
            all_packed: true,
            max_len: words.iter().map(String::len).max().unwrap_or(0),
        };
        let mut keys = Vec::with_capacity(words.len());
        for w in words {
            match pack_word(&w) {
                Some(key) => keys.push(key),
                None => set.all_packed = false,
            }
            let (head, tail) = fingerprint(w.as_bytes());
            let mut i = set.slot_of(w.len(), head, tail);
            while set.slots[i].len != 0 {
                i = (i + 1) & (capacity - 1);
            }
            set.slots[i] = Slot {
                len: w.len() as u32,
                head,
                tail,
                word: set.words.len() as u32,
            };
            set.words.push(w.into_boxed_str());
        }
        set.packed = packed_buckets(&keys);
        set
    }

    #[inline]
    fn slot_of(&self, len: usize, head: u64, tail: u64) -> usize {
        let mut h = (len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ head;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD) ^ tail.rotate_left(29);
        h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        (h >> 40) as usize & (self.slots.len() - 1)
    }

    /// Whether `word` (already normalized) is a stopword.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.len() > self.max_len || b.is_empty() {
            return false;
        }
        let (head, tail) = fingerprint(b);
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(b.len(), head, tail);
        loop {
            let slot = &self.slots[i];
            if slot.len == 0 {
                return false;
            }
            if slot.len as usize == b.len()
                && slot.head == head
                && slot.tail == tail
                && (b.len() <= 16 || *self.words[slot.word as usize] == *word)
            {
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether the Devanagari word whose scan gave `tail` (see [`DevanagariScan`]) is a
    /// stopword, for a word of `chars` characters that the normalizer leaves unchanged
    /// (or, after [`with_spellings`](Self::with_spellings), changes only as those
    /// spellings say). Needs no look at the word's bytes: the packed characters are the
    /// key. `None` when the packed characters cannot tell (a word of more than eight
    /// characters, with longer stopwords in the set): ask [`contains`](Self::contains).
    ///
    /// [`DevanagariScan`]: crate::devanagari::DevanagariScan
    #[inline]
    pub fn contains_packed(&self, tail: u64, chars: usize) -> Option<bool> {
        if chars > 8 {
            return if self.all_packed { Some(false) } else { None };
        }
        let bucket = &self.packed[packed_slot(tail, self.packed.len())];
        let found =
            (bucket[0] == tail) | (bucket[1] == tail) | (bucket[2] == tail) | (bucket[3] == tail);
        Some(found & (tail != 0)) // 0 marks an empty place: no word packs to it
    }

    /// Lets [`contains_packed`](Self::contains_packed) also find every word as written in
    /// one of `spellings(entry)`, for each entry: the analyzer then checks a word before
    /// normalizing it (with [`DevanagariNormalizer::vowel_length_spellings`], a word whose
    /// only change is its vowel length).
    ///
    /// [`DevanagariNormalizer::vowel_length_spellings`]: crate::devanagari::DevanagariNormalizer::vowel_length_spellings
    pub fn with_spellings(mut self, spellings: impl Fn(&str) -> Vec<String>) -> Self {
        let keys: Vec<u64> = self
            .words
            .iter()
            .flat_map(|w| spellings(w))
            .filter_map(|w| pack_word(&w))
            .collect();
        self.packed = packed_buckets(&keys);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devanagari::DevanagariNormalizer;

    #[test]
    fn entries_are_normalized_like_the_text() {
        let n = DevanagariNormalizer::default();
        let stop = StopWords::parse(HINDI, |w| n.normalize(w));
        // listed as जहाँ and काफ़ी: their folded forms match
        assert!(stop.contains(&n.normalize("जहां")));
        assert!(stop.contains(&n.normalize("काफी")));
        let entries = HINDI
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        assert!(entries.count() > 150);
        // every entry is found, and words that are not entries are not
        for line in HINDI.lines().filter(|l| !l.starts_with('#')) {
            let word = n.normalize(line.trim());
            assert!(stop.contains(&word), "{line}");
            let (_, scan) = crate::devanagari::scan_word(&word, 0);
            let packed = stop.contains_packed(scan.tail, word.chars().count());
            assert!(packed != Some(false), "{line}");
        }
        for word in ["कोरिया", "भारत", "", "क", "हिंदी"] {
            assert!(!stop.contains(word), "{word}");
        }
        assert_eq!(stop.contains_packed(0, 0), Some(false));
        // the packed lookup agrees with the plain one
        for word in ["में", "के", "इत्यादि", "कोरिया", "भारत", "हिंदी", "प्रधानमंत्री"]
        {
            let (_, scan) = crate::devanagari::scan_word(word, 0);
            let chars = word.chars().count();
            assert_eq!(
                stop.contains_packed(scan.tail, chars),
                Some(stop.contains(word)),
                "{word}"
            );
        }
    }

    #[test]
    fn english_list_is_lucenes() {
        let stop = StopWords::parse(ENGLISH, |w| w.to_string());
        let entries: Vec<&str> = ENGLISH
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        assert_eq!(entries.len(), 33);
        assert!(entries.iter().all(|w| stop.contains(w)));
        assert!(stop.contains("the"));
        assert!(!stop.contains("khoj"));
    }

    #[test]
    fn examples() {
        {
            let stop = StopWords::parse(HINDI, |w| w.to_string());
            assert!(stop.contains("में"));
            assert!(!stop.contains("कोरिया"));
        }
    }
}
