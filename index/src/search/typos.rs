//! Forgiving typing: the spellings a reader may have meant by a word the index does not
//! know. The variants are made from the word itself, by the slips of the finger that are
//! common in Devanagari, and each is looked up in the term dictionary (not in the
//! documents): an aspirate for its plain consonant and back (ख/क …), श/ष/स, ण/न, ब/व, a
//! dropped or extra vowel sign, a dropped virama, a dropped anusvara, two aksharas swapped,
//! a doubled consonant. Latin words get the variants one ordinary edit away.
//!
//! ```
//! use khoj_index::search::typos::devanagari_variants;
//! let v = devanagari_variants("सरकर");      // a vowel sign dropped
//! assert!(v.iter().any(|w| w == "सरकार"));
//! let v = devanagari_variants("भारत");
//! assert!(v.iter().any(|w| w == "बारत") && v.iter().any(|w| w == "भरत"));
//! ```

/// Pairs of consonants a typist confuses: aspirate and plain, the sibilants, the nasals, ब/व.
const CONFUSED: &[(char, char)] = &[
    ('ख', 'क'),
    ('घ', 'ग'),
    ('छ', 'च'),
    ('झ', 'ज'),
    ('ठ', 'ट'),
    ('ढ', 'ड'),
    ('थ', 'त'),
    ('ध', 'द'),
    ('फ', 'प'),
    ('भ', 'ब'),
    ('श', 'स'),
    ('ष', 'स'),
    ('श', 'ष'),
    ('ण', 'न'),
    ('ब', 'व'),
];

/// The vowel signs a typist drops or adds.
const MATRAS: &[char] = &['ा', 'ि', 'ी', 'ु', 'ू', 'े', 'ै', 'ो', 'ौ', 'ृ'];

const VIRAMA: char = '\u{094D}';
const ANUSVARA: char = '\u{0902}';

fn is_consonant(c: char) -> bool {
    matches!(c, '\u{0915}'..='\u{0939}' | '\u{0958}'..='\u{095F}')
}

fn is_sign(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}' | '\u{0962}' | '\u{0963}')
}

/// The aksharas of a word: a letter with the signs after it (a consonant with virama joins
/// the next consonant).
fn aksharas(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut joining = false;
    for c in word.chars() {
        match out.last_mut() {
            Some(last) if is_sign(c) || joining => last.push(c),
            _ => out.push(c.to_string()),
        }
        joining = c == VIRAMA;
    }
    out
}

/// The spellings one slip away from `word` (a Devanagari word), without `word` itself, each
/// once.
pub fn devanagari_variants(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: String| {
        if v != word && !v.is_empty() && !out.contains(&v) {
            out.push(v);
        }
    };
    let with = |i: usize, replace: &[char]| -> String {
        chars[..i]
            .iter()
            .chain(replace)
            .chain(&chars[i + 1..])
            .collect()
    };
    let inserted = |i: usize, c: char| -> String {
        chars[..i]
            .iter()
            .chain(std::iter::once(&c))
            .chain(&chars[i..])
            .collect()
    };
    for (i, &c) in chars.iter().enumerate() {
        // confused consonants
        for &(a, b) in CONFUSED {
            if c == a {
                push(with(i, &[b]));
            } else if c == b {
                push(with(i, &[a]));
            }
        }
        // an extra vowel sign, virama or anusvara
        if MATRAS.contains(&c) || c == VIRAMA || c == ANUSVARA {
            push(with(i, &[]));
        }
        if is_consonant(c) {
            let next = chars.get(i + 1).copied();
            let bare = next.is_none_or(|n| !is_sign(n));
            // a dropped vowel sign, or a dropped anusvara, after a bare consonant
            if bare {
                for &m in MATRAS {
                    push(inserted(i + 1, m));
                }
            }
            // a dropped virama between two consonants
            if next.is_some_and(is_consonant) {
                push(inserted(i + 1, VIRAMA));
            }
            // a doubled consonant typed once: का → क्का
            push(
                chars[..i]
                    .iter()
                    .chain(&[c, VIRAMA])
                    .chain(&chars[i..])
                    .collect(),
            );
        }
        // a dropped anusvara after a vowel or a consonant's vowel
        if (is_consonant(c) || MATRAS.contains(&c))
            && chars
                .get(i + 1)
                .is_none_or(|&n| n != ANUSVARA && !MATRAS.contains(&n) && n != VIRAMA)
        {
            push(inserted(i + 1, ANUSVARA));
        }
    }
    // a consonant doubled by mistake: क्क → क
    for i in 0..chars.len().saturating_sub(2) {
        if is_consonant(chars[i]) && chars[i + 1] == VIRAMA && chars[i + 2] == chars[i] {
            push(chars[..i].iter().chain(&chars[i + 2..]).collect());
        }
    }
    // two aksharas swapped
    let ak = aksharas(word);
    for i in 0..ak.len().saturating_sub(1) {
        let mut swapped = ak.clone();
        swapped.swap(i, i + 1);
        push(swapped.concat());
    }
    out
}

/// The spellings one edit away from a lowercase Latin `word`: a letter dropped, added,
/// changed, or two neighbours swapped.
pub fn latin_variants(word: &str) -> Vec<String> {
    let b = word.as_bytes();
    if !b.iter().all(u8::is_ascii_lowercase) {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: Vec<u8>| {
        if v != b && !v.is_empty() {
            if let Ok(v) = String::from_utf8(v) {
                if !out.contains(&v) {
                    out.push(v);
                }
            }
        }
    };
    for i in 0..=b.len() {
        for c in b'a'..=b'z' {
            let mut v = b.to_vec();
            v.insert(i, c);
            push(v);
            if i < b.len() && b[i] != c {
                let mut v = b.to_vec();
                v[i] = c;
                push(v);
            }
        }
        if i < b.len() {
            let mut v = b.to_vec();
            v.remove(i);
            push(v);
        }
        if i + 1 < b.len() {
            let mut v = b.to_vec();
            v.swap(i, i + 1);
            push(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(word: &str, variant: &str) -> bool {
        devanagari_variants(word).iter().any(|v| v == variant)
    }

    #[test]
    fn each_kind_of_slip() {
        // (typed, meant)
        for (typed, meant) in [
            ("कबर", "खबर"),         // plain for aspirate
            ("खरीद", "करीद"),       // and back
            ("सिक्षा", "शिक्षा"),     // स for श
            ("कारन", "कारण"),       // न for ण
            ("विजली", "बिजली"),     // व for ब
            ("सरकर", "सरकार"),      // a vowel sign dropped
            ("सराकार", "सरकार"),    // an extra one
            ("विदयालय", "विद्यालय"), // a virama dropped
            ("हिदी", "हिंदी"),       // an anusvara dropped
            ("मलतब", "मतलब"),       // two aksharas swapped
            ("पका", "पक्का"),        // a doubled consonant typed once
            ("पक्की", "पकी"),        // or doubled by mistake
        ] {
            assert!(
                has(typed, meant),
                "{typed} → {meant}: {:?}",
                devanagari_variants(typed)
            );
        }
        assert!(!has("सरकार", "सरकार"));
    }

    #[test]
    fn aksharas_keep_their_signs_and_conjuncts() {
        assert_eq!(aksharas("विद्यालय"), ["वि", "द्या", "ल", "य"]);
        assert_eq!(aksharas("हिंदी"), ["हिं", "दी"]);
    }

    #[test]
    fn latin_one_edit_away() {
        let v = latin_variants("goverment");
        assert!(v.contains(&"government".to_string()));
        assert!(latin_variants("teh").contains(&"the".to_string()));
        assert!(latin_variants("cat").contains(&"at".to_string()));
        assert!(latin_variants("Café").is_empty());
    }
}
