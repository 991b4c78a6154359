//! Phonetic keys: where Hindi typed in Roman letters (`lavrov uttar korea`, `samarthan`)
//! meets Hindi in Devanagari (`लावरोव उत्तर कोरिया`, `समर्थन`), and English names written
//! in Devanagari (पुतिन, ट्रंप) meet their Roman spellings. The other Brahmic scripts
//! (Bengali, Gurmukhi, Gujarati, Odia, Tamil, Telugu, Kannada, Malayalam) have their
//! Unicode blocks laid out like Devanagari's, so a word of theirs is first read letter by
//! letter as Devanagari ([`to_devanagari`], with the few letters a script reads otherwise):
//! Roman typing works for each of them, and a name meets itself across scripts
//! (মোদী, मोदी).
//!
//! A Devanagari word is first transliterated to a rough Roman spelling
//! ([`transliterate`]); a Roman word is taken as typed. Both then go through the same
//! [`roman_key`], which folds what casual typists vary and keeps a consonant skeleton:
//!
//! * aspiration: kh → k, gh → g, jh → j, th → t, dh → d, bh → b (an `h` after a consonant);
//! * sh → s, ch/chh → c, ph → f, ck/q/c → k, z → j, w → v, x → ks;
//! * nasals: an m right before a stop, an affricate or s → n (an anusvara: ITRANS writes
//!   अंक as `amka`, typists `ank`; ट्रंप/trump);
//! * vowels: length and quality are dropped (aa/a, ee/i, oo/u …); a word that starts with a
//!   vowel keeps one `a` for it; a `y` or `v` right after a vowel is dropped (कोरिया/korea);
//! * doubled consonants are one (uttar/utar), and a final inherent `a` is gone with the
//!   other vowels.
//!
//! ```
//! use khoj_analyzers::phonetic_key;
//! let k = |w| phonetic_key(w).unwrap();
//! assert_eq!(k("samarthan"), k("समर्थन"));
//! assert_eq!(k("smarthan"), k("samarthn"));
//! assert_eq!(k("lavrov"), k("लावरोव"));
//! assert_eq!(k("trump"), k("ट्रंप"));
//! assert_eq!(k("korea"), k("कोरिया"));
//! ```

use crate::script::{brahmic_script_of, is_devanagari};

/// Whether `c` belongs to Devanagari or to a Brahmic script laid out like it.
#[inline]
pub fn is_brahmic(c: char) -> bool {
    is_devanagari(c) || brahmic_script_of(c).is_some()
}

/// The phonetic key of a word of Devanagari (or of another Brahmic script) or of Roman
/// (ASCII) letters; `None` for other words, and for keys too short to tell words apart
/// (one letter).
pub fn phonetic_key(word: &str) -> Option<String> {
    if word.chars().any(is_tamil) {
        // Tamil writes k and g, t and d … with one letter: its key cannot tell them apart
        let key = roman_key(&transliterate(word));
        return (key.len() >= 2).then(|| voiceless_key(&key));
    }
    let roman = if word.chars().any(is_brahmic) {
        transliterate(word)
    } else if word.bytes().all(|b| b.is_ascii_alphabetic()) {
        word.to_ascii_lowercase()
    } else {
        return None;
    };
    let key = roman_key(&roman);
    (key.len() >= 2).then_some(key)
}

/// Marks a key made voiceless, so that it meets only keys made the same way.
const VOICELESS: char = '~';

fn is_tamil(c: char) -> bool {
    brahmic_script_of(c) == Some(crate::script::Script::Tamil)
}

/// A key with its voiced stops made voiceless (g → k, j → c, d → t, b → p) and marked
/// as such: the key of a Tamil word, whose script has one letter for both, and the second
/// key a Roman word or a word of another script looks Tamil words up by
/// (`gandhi` → காந்தி).
///
/// ```
/// use khoj_analyzers::{phonetic_key, voiceless_key};
/// let gandhi = phonetic_key("gandhi").unwrap();
/// assert_ne!(Some(gandhi.clone()), phonetic_key("காந்தி"));
/// assert_eq!(Some(voiceless_key(&gandhi)), phonetic_key("காந்தி"));
/// ```
pub fn voiceless_key(key: &str) -> String {
    if key.starts_with(VOICELESS) {
        return key.to_string();
    }
    std::iter::once(VOICELESS)
        .chain(key.chars().map(|c| match c {
            'g' => 'k',
            'j' => 'c',
            'd' => 't',
            'b' => 'p',
            c => c,
        }))
        .collect()
}

/// Fills in the phonetic key of every token of `text` (from the word it was made of), for
/// `khoj analyze` and `/api/analyze`.
pub fn annotate(text: &str, tokens: &mut [crate::AnalyzedToken]) {
    for t in tokens {
        t.key = text.get(t.from..t.to).and_then(phonetic_key);
    }
}

/// A word of a Brahmic script read as Devanagari, letter by letter: each letter sits at the
/// same offset in its block as its Devanagari counterpart, but for the letters a script
/// reads otherwise (Bengali and Odia য/ଯ are "ja", Assamese ৰ ৱ, Gurmukhi tippi and addak,
/// the Dravidian scripts' anusvara, Malayalam chillu letters, Bengali khanda ta, the au
/// length marks).
///
/// ```
/// use khoj_analyzers::to_devanagari;
/// assert_eq!(to_devanagari("কলকাতা"), "कलकाता");
/// assert_eq!(to_devanagari("ਪੰਜਾਬ"), "पंजाब");
/// assert_eq!(to_devanagari("അവൻ"), "अवन्");
/// ```
pub fn to_devanagari(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(script) = brahmic_script_of(c) else {
            out.push(c);
            continue;
        };
        let exception = match c {
            // Bengali য়, Odia ୟ as ya + nukta (NFC's spelling of য়): ya
            '\u{09AF}' | '\u{0B2F}'
                if chars
                    .next_if(|&n| n == '\u{09BC}' || n == '\u{0B3C}')
                    .is_some() =>
            {
                "य"
            }
            '\u{09AF}' | '\u{0B2F}' => "ज", // Bengali, Odia ya: read ja
            '\u{09DF}' | '\u{0B5F}' => "य", // Bengali য়, Odia ୟ: ya
            '\u{09F0}' => "र",              // Assamese ra
            '\u{09F1}' | '\u{0B71}' => "व", // Assamese, Odia wa
            '\u{09CE}' => "त्",              // Bengali khanda ta
            '\u{0A70}' => "ं",               // Gurmukhi tippi: a nasal
            // Telugu, Kannada, Malayalam anusvara: "m" (ప్రభుత్వం prabhutvam, കേരളം keralam);
            // before a stop the key makes it "n" as for Hindi's
            '\u{0C02}' | '\u{0C82}' | '\u{0D02}' => "म्",
            '\u{0A71}' => "",  // Gurmukhi addak: the next consonant doubled
            '\u{0D7A}' => "ण्", // Malayalam chillu letters
            '\u{0D7B}' => "न्",
            '\u{0D7C}' => "र्",
            '\u{0D7D}' => "ल्",
            '\u{0D7E}' => "ळ्",
            '\u{0D7F}' => "क्",
            _ => {
                let offset = c as u32 - script.block_start().unwrap_or(0x0980);
                // the au length marks (ৗ ௗ ൗ …) stand where Devanagari has none
                let d = if offset == 0x57 {
                    0x094C
                } else {
                    0x0900 + offset
                };
                out.push(char::from_u32(d).unwrap_or(c));
                continue;
            }
        };
        out.push_str(exception);
    }
    out
}

/// A rough Roman spelling of a Devanagari word (or of a word of another Brahmic script,
/// read as Devanagari by [`to_devanagari`]), as a casual typist might write it: consonants
/// carry their inherent `a` unless a vowel sign or virama follows.
///
/// ```
/// use khoj_analyzers::transliterate;
/// assert_eq!(transliterate("समर्थन"), "samarthana");
/// assert_eq!(transliterate("ज़िंदगी"), "zindagii");
/// assert_eq!(transliterate("সমর্থন"), "samarthana");
/// ```
pub fn transliterate(word: &str) -> String {
    let devanagari;
    let word = if word.chars().any(|c| brahmic_script_of(c).is_some()) {
        devanagari = to_devanagari(word);
        devanagari.as_str()
    } else {
        word
    };
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let nukta = chars.get(i + 1) == Some(&'\u{093C}');
        if let Some(cons) = consonant(c, nukta) {
            out.push_str(cons);
            i += 1 + usize::from(nukta);
            match chars.get(i) {
                Some('\u{094D}') => i += 1, // virama: no vowel
                Some(&m) if vowel_sign(m).is_some() => {
                    out.push_str(vowel_sign(m).unwrap_or(""));
                    i += 1;
                }
                _ => out.push('a'),
            }
            continue;
        }
        if let Some(v) = independent_vowel(c) {
            out.push_str(v);
        } else if let Some(v) = vowel_sign(c) {
            out.push_str(v); // a vowel sign after a vowel (unusual spelling)
        } else {
            match c {
                '\u{0901}' | '\u{0902}' => out.push('n'), // chandrabindu, anusvara
                '\u{0903}' => out.push('h'),              // visarga
                '०'..='९' | '0'..='9' => {}
                _ => {}
            }
        }
        i += 1;
    }
    out
}

fn consonant(c: char, nukta: bool) -> Option<&'static str> {
    Some(match (c, nukta) {
        ('क', true) | ('\u{0958}', _) => "q",
        ('ख', true) | ('\u{0959}', _) => "kh",
        ('ग', true) | ('\u{095A}', _) => "gh",
        ('ज', true) | ('\u{095B}', _) => "z",
        ('फ', true) | ('\u{095E}', _) => "f",
        ('ड', _) | ('\u{095C}', _) => "d",
        ('ढ', _) | ('\u{095D}', _) => "dh",
        ('य', _) | ('\u{095F}', _) => "y",
        ('क', _) => "k",
        ('ख', _) => "kh",
        ('ग', _) => "g",
        ('घ', _) => "gh",
        ('ङ', _) | ('ञ', _) | ('ण', _) | ('न', _) | ('\u{0929}', _) => "n",
        ('च', _) => "ch",
        ('छ', _) => "chh",
        ('ज', _) => "j",
        ('झ', _) => "jh",
        ('ट', _) | ('त', _) => "t",
        ('ठ', _) | ('थ', _) => "th",
        ('द', _) => "d",
        ('ध', _) => "dh",
        ('प', _) => "p",
        ('फ', _) => "ph",
        ('ब', _) => "b",
        ('भ', _) => "bh",
        ('म', _) => "m",
        ('र', _) | ('\u{0931}', _) => "r",
        ('ल', _) | ('ळ', _) | ('\u{0934}', _) => "l",
        ('व', _) => "v",
        ('श', _) | ('ष', _) => "sh",
        ('स', _) => "s",
        ('ह', _) => "h",
        _ => return None,
    })
}

fn independent_vowel(c: char) -> Option<&'static str> {
    Some(match c {
        'अ' | 'ॲ' | 'ऄ' => "a",
        'आ' => "aa",
        'इ' => "i",
        'ई' => "ii",
        'उ' => "u",
        'ऊ' => "uu",
        'ऋ' | 'ॠ' => "ri",
        'ए' | 'ऍ' | 'ऎ' => "e",
        'ऐ' => "ai",
        'ओ' | 'ऑ' | 'ऒ' => "o",
        'औ' => "au",
        _ => return None,
    })
}

fn vowel_sign(c: char) -> Option<&'static str> {
    Some(match c {
        'ा' => "aa",
        'ि' => "i",
        'ी' => "ii",
        'ु' => "u",
        'ू' => "uu",
        'ृ' | 'ॄ' => "ri",
        'े' | 'ॅ' | 'ॆ' => "e",
        'ै' => "ai",
        'ो' | 'ॉ' | 'ॊ' => "o",
        'ौ' => "au",
        _ => return None,
    })
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The key of a lowercase Roman spelling (see the [module docs](self)).
///
/// ```
/// use khoj_analyzers::roman_key;
/// assert_eq!(roman_key("uttar"), roman_key("utar"));
/// assert_eq!(roman_key("delhi"), roman_key("dilli"));
/// assert_eq!(roman_key("phool"), roman_key("fool"));
/// ```
pub fn roman_key(roman: &str) -> String {
    // 1. Fold spellings of one sound to one letter.
    let b: Vec<u8> = roman
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut folded: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let (letter, used): (&[u8], usize) = if rest.starts_with(b"chh") {
            (b"c", 3)
        } else if rest.starts_with(b"ch") {
            (b"c", 2)
        } else if rest.starts_with(b"sh") {
            (b"s", 2)
        } else if rest.starts_with(b"ph") {
            (b"f", 2)
        } else if rest.starts_with(b"ck") {
            (b"k", 2)
        } else {
            let c = rest[0];
            match c {
                b'q' | b'c' => (b"k", 1),
                b'z' => (b"j", 1),
                b'w' => (b"v", 1),
                b'x' => (b"ks", 1),
                // an h after a consonant is aspiration: dropped
                b'h' if folded.last().is_some_and(|&p| !is_vowel(p)) => (b"", 1),
                _ => (std::slice::from_ref(&rest[0]), 1),
            }
        };
        folded.extend_from_slice(letter);
        i += used;
    }
    // 2. The consonant skeleton.
    let mut key = String::with_capacity(folded.len());
    let mut prev_vowel = false;
    for (i, &c) in folded.iter().enumerate() {
        if is_vowel(c) {
            if i == 0 {
                key.push('a');
            }
            prev_vowel = true;
            continue;
        }
        if (c == b'y' || c == b'v') && prev_vowel {
            prev_vowel = false;
            continue;
        }
        // An m right before a stop, an affricate or s is an anusvara (ITRANS writes
        // अंक as "amka", typists "ank"; ट्रंप is "trump").
        let c = match c {
            b'm' if matches!(
                folded.get(i + 1),
                Some(b'p' | b'b' | b'f' | b'v' | b'k' | b'g' | b'c' | b'j' | b't' | b'd' | b's')
            ) =>
            {
                b'n'
            }
            _ => c,
        };
        if key.as_bytes().last() != Some(&c) {
            key.push(c as char);
        }
        prev_vowel = false;
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) {
        assert_eq!(phonetic_key(a), phonetic_key(b), "{a} vs {b}");
        assert!(phonetic_key(a).is_some(), "{a} has no key");
    }

    #[test]
    fn casual_spellings_meet_devanagari() {
        for (roman, dev) in [
            ("samarthan", "समर्थन"),
            ("samarthn", "समर्थन"),
            ("smarthan", "समर्थन"),
            ("lavrov", "लावरोव"),
            ("uttar", "उत्तर"),
            ("utar", "उत्तर"),
            ("korea", "कोरिया"),
            ("koriya", "कोरिया"),
            ("kim", "किम"),
            ("jong", "जोंग"),
            ("rus", "रूस"),
            ("russ", "रूस"),
            ("putin", "पुतिन"),
            ("trump", "ट्रंप"),
            ("corona", "कोरोना"),
            ("lockdown", "लॉकडाउन"),
            ("delhi", "दिल्ली"),
            ("dilli", "दिल्ली"),
            ("zindagi", "ज़िंदगी"),
            ("jindagi", "ज़िंदगी"),
            ("fir", "फिर"),
            ("phir", "फिर"),
            ("shahar", "शहर"),
            ("sahar", "शहर"),
            ("khabar", "ख़बर"),
            ("kabar", "खबर"),
            ("vikas", "विकास"),
            ("wikas", "विकास"),
            ("chunav", "चुनाव"),
            ("sarkar", "सरकार"),
            ("pradhanmantri", "प्रधानमंत्री"),
            ("hindi", "हिन्दी"),
            ("hindee", "हिंदी"),
            ("amka", "अंक"),
            ("ank", "अंक"),
            ("himdi", "हिंदी"),
            ("sambandh", "संबंध"),
            ("kitne", "कितने"),
            ("kitane", "कितने"),
        ] {
            same(roman, dev);
        }
    }

    #[test]
    fn different_words_keep_different_keys() {
        // words that differ in a consonant
        for (a, b) in [
            ("kam", "gam"),
            ("sarkar", "sarpanch"),
            ("chunav", "kunav"),
            ("putin", "potter"),
            ("राम", "राज"),
        ] {
            assert_ne!(phonetic_key(a), phonetic_key(b), "{a} vs {b}");
        }
        // vowels are dropped: दिल and दल share a key (the ranking tells them apart)
        assert_eq!(phonetic_key("dil"), phonetic_key("दल"));
    }

    #[test]
    fn roman_typing_meets_every_brahmic_script() {
        for (roman, word) in [
            ("kolkata", "কলকাতা"),
            ("sarkar", "সরকার"),
            ("jatra", "যাত্রা"),
            ("kolkatay", "কলকাতায়"),
            ("kolkatay", "কলকাতায\u{09BC}"),
            ("punjab", "ਪੰਜਾਬ"),
            ("sarkar", "ਸਰਕਾਰ"),
            ("gujarat", "ગુજરાત"),
            ("odisha", "ଓଡ଼ିଶା"),
            ("telangana", "తెలంగాణ"),
            ("bengaluru", "ಬೆಂಗಳೂರು"),
            ("keralam", "കേരളം"),
            ("avan", "അവൻ"),
            ("prabhutvam", "ప్రభుత్వం"),
            ("telangana", "తెలంగాణ"),
        ] {
            same(roman, word);
        }
    }

    #[test]
    fn tamil_words_meet_voiced_and_voiceless_spellings() {
        let tamil = |w| phonetic_key(w).unwrap();
        let roman = |w| voiceless_key(&phonetic_key(w).unwrap());
        assert_eq!(roman("gandhi"), tamil("காந்தி"));
        assert_eq!(roman("kandhi"), tamil("காந்தி"));
        assert_eq!(roman("chennai"), tamil("சென்னை"));
        assert_eq!(roman("madurai"), tamil("மதுரை"));
        assert_eq!(voiceless_key(&tamil("காந்தி")), tamil("காந்தி"));
        // a Tamil key never meets a plain key
        assert_ne!(phonetic_key("gandhi").unwrap(), tamil("காந்தி"));
        assert_ne!(tamil("காந்தி"), tamil("மதுரை"));
    }

    #[test]
    fn a_name_meets_itself_across_scripts() {
        same("ट्रंप", "ট্রাম্প");
        same("मोदी", "মোদী");
        same("पुतिन", "পুতিন");
        assert_eq!(
            phonetic_key("புதின்"),
            phonetic_key("पुतिन").map(|k| voiceless_key(&k))
        );
        same("मोदी", "మోదీ");
        same("दिल्ली", "ದಿಲ್ಲಿ");
    }

    #[test]
    fn no_key_for_other_words() {
        assert_eq!(phonetic_key("2024"), None);
        assert_eq!(phonetic_key("Москва"), None);
        assert_eq!(phonetic_key("a"), None);
    }
}
