//! The facts of Indian-script normalization, one a row ([`INDIC_RULES`]), and the
//! characters every script drops or rewrites alone (joiners, harakat, native digits):
//! the data [`super::IndicNormalizer`] is built from, and the tables of spellings that must
//! meet and words that must stay apart that check it.

use unicode_normalization::UnicodeNormalization;

use crate::script::Script;

/// One normalization fact: in `script`, the sequence `from` (after NFC) is written `to`.
#[derive(Debug, Clone, Copy)]
pub struct IndicRule {
    /// The script the rule applies to.
    pub script: Script,
    /// What the text may hold (in NFC).
    pub from: &'static str,
    /// What it becomes.
    pub to: &'static str,
    /// Why.
    pub why: &'static str,
}

const fn rule(
    script: Script,
    from: &'static str,
    to: &'static str,
    why: &'static str,
) -> IndicRule {
    IndicRule {
        script,
        from,
        to,
        why,
    }
}

use Script::*;

/// The rules, applied longest `from` first at each position, after NFC.
pub const INDIC_RULES: &[IndicRule] = &[
    // Bengali–Assamese
    rule(
        Bengali,
        "ত্\u{200D}",
        "ৎ",
        "khanda ta: its old spelling ta + virama + ZWJ",
    ),
    rule(
        Bengali,
        "\u{0981}",
        "",
        "candrabindu, often left out, dropped (as Lucene's BengaliNormalizer)",
    ),
    rule(
        Bengali,
        "ী",
        "ি",
        "long and short i signs written alike since the spelling reform",
    ),
    rule(Bengali, "ূ", "ু", "long and short u signs, the same"),
    rule(Bengali, "ঈ", "ই", "long and short i letters"),
    rule(Bengali, "ঊ", "উ", "long and short u letters"),
    // Gurmukhi
    rule(
        Gurmukhi,
        "\u{0A3C}",
        "",
        "nukta, often left out (ਜ਼ as ਜ), dropped",
    ),
    rule(
        Gurmukhi,
        "\u{0A70}",
        "\u{0A02}",
        "tippi and bindi: one nasal sign, two shapes",
    ),
    rule(
        Gurmukhi,
        "\u{0A01}",
        "\u{0A02}",
        "adak bindi: the same nasal sign",
    ),
    // Gujarati
    rule(
        Gujarati,
        "\u{0A81}",
        "\u{0A82}",
        "candrabindu written as anusvara",
    ),
    // Odia
    rule(Odia, "ଯ\u{0B3C}", "ୟ", "yya: ya + nukta is the letter ୟ"),
    rule(
        Odia,
        "\u{0B01}",
        "\u{0B02}",
        "candrabindu written as anusvara",
    ),
    // Telugu
    rule(
        Telugu,
        "\u{0C01}",
        "\u{0C02}",
        "arasunna (half nasal), archaic, written as sunna",
    ),
    // Kannada: NFC is enough
    // Malayalam
    rule(
        Malayalam,
        "ണ്\u{200D}",
        "ൺ",
        "chillu nn: old spelling with ZWJ",
    ),
    rule(
        Malayalam,
        "ന്\u{200D}",
        "ൻ",
        "chillu n: old spelling with ZWJ",
    ),
    rule(
        Malayalam,
        "ര്\u{200D}",
        "ർ",
        "chillu rr: old spelling with ZWJ",
    ),
    rule(
        Malayalam,
        "ല്\u{200D}",
        "ൽ",
        "chillu l: old spelling with ZWJ",
    ),
    rule(
        Malayalam,
        "ള്\u{200D}",
        "ൾ",
        "chillu ll: old spelling with ZWJ",
    ),
    rule(
        Malayalam,
        "ക്\u{200D}",
        "ൿ",
        "chillu k: old spelling with ZWJ",
    ),
    rule(
        Malayalam,
        "\u{0D4C}",
        "\u{0D57}",
        "au sign: the old two-part form and the new length mark",
    ),
    // Urdu (Arabic script)
    rule(Arabic, "ي", "ی", "Arabic yeh typed for Farsi/Urdu yeh"),
    rule(Arabic, "ى", "ی", "alef maksura typed for yeh"),
    rule(Arabic, "ك", "ک", "Arabic kaf typed for keheh"),
    rule(Arabic, "ه", "ہ", "Arabic heh typed for heh goal"),
    rule(Arabic, "ە", "ہ", "ae typed for heh goal"),
    rule(
        Arabic,
        "ۂ",
        "ہ",
        "heh goal with hamza (izafat) written without it",
    ),
    rule(Arabic, "ۃ", "ہ", "teh marbuta goal"),
    rule(Arabic, "ة", "ہ", "Arabic teh marbuta"),
    rule(Arabic, "أ", "ا", "alef with hamza above"),
    rule(Arabic, "إ", "ا", "alef with hamza below"),
    rule(Arabic, "ٱ", "ا", "alef wasla"),
    rule(Arabic, "ۓ", "ے", "yeh barree with hamza"),
];

/// Characters dropped in every script: ZWJ, ZWNJ, and for the Arabic script the short
/// vowels and other harakat (U+064B–U+065F, U+0670 superscript alef) and tatweel (U+0640).
#[inline]
pub(super) fn is_dropped(script: Script, c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
        || (script == Arabic
            && matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}'))
}

/// The characters of U+0600..U+06FF that need nothing (see
/// [`super::IndicNormalizer`], its field `arabic_quiet`).
pub(super) fn arabic_quiet() -> [bool; 256] {
    let block = || (0x0600u32..0x0700).filter_map(char::from_u32);
    let mut quiet = [false; 256];
    for c in block() {
        let named = INDIC_RULES
            .iter()
            .any(|r| r.script == Arabic && r.from.contains(c));
        let composes = block().any(|a| unicode_normalization::char::compose(a, c).is_some());
        if !is_dropped(Arabic, c)
            && digit_value(Arabic, c).is_none()
            && !named
            && !composes
            && c.nfc().eq([c])
            && unicode_normalization::char::canonical_combining_class(c) == 0
            && c.is_alphabetic()
        {
            quiet[(c as u32 - 0x0600) as usize] = true;
        }
    }
    quiet
}

/// The ASCII digit a native digit stands for.
#[inline]
pub(super) fn digit_value(script: Script, c: char) -> Option<char> {
    let cp = c as u32;
    let zero = match script {
        Arabic => {
            if (0x0660..=0x0669).contains(&cp) {
                0x0660
            } else {
                0x06F0
            }
        }
        _ => script.block_start()? + 0x66,
    };
    (zero..zero + 10)
        .contains(&cp)
        .then(|| char::from(b'0' + (cp - zero) as u8))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indic::IndicNormalizer;

    fn n(word: &str, script: Script) -> String {
        IndicNormalizer::new().normalize(word, script)
    }

    /// Spellings that must meet, by script.
    const MEET: &[(Script, &str, &str)] = &[
        // two-part vowel signs, as parts and as one character
        (Tamil, "க\u{0BC7}\u{0BBE}", "கோ"),
        (Tamil, "க\u{0BC6}\u{0BBE}", "கொ"),
        (Tamil, "க\u{0BC6}\u{0BD7}", "கௌ"),
        (Malayalam, "ക\u{0D46}\u{0D3E}", "കൊ"),
        (Malayalam, "ക\u{0D46}\u{0D57}", "കൗ"),
        (Malayalam, "കൌ", "കൗ"),
        (Bengali, "ক\u{09C7}\u{09BE}", "কো"),
        (Bengali, "ক\u{09C7}\u{09D7}", "কৌ"),
        (Odia, "କ\u{0B47}\u{0B3E}", "କୋ"),
        (Odia, "କ\u{0B47}\u{0B56}", "କୈ"),
        (Kannada, "ಕ\u{0CC6}\u{0CC2}", "ಕೊ"),
        (Kannada, "ಕ\u{0CBF}\u{0CD5}", "ಕೀ"),
        (Kannada, "ಕ\u{0CCA}\u{0CD5}", "ಕೋ"),
        (Kannada, "ಕ\u{0CC6}\u{0CC2}\u{0CD5}", "ಕೋ"),
        (Telugu, "క\u{0C46}\u{0C56}", "కై"),
        // nukta letters, precomposed and as letter + nukta
        (Bengali, "\u{09DF}", "য\u{09BC}"),
        (Bengali, "\u{09DC}", "ড\u{09BC}"),
        (Bengali, "\u{09DD}", "ঢ\u{09BC}"),
        (Gurmukhi, "\u{0A36}", "ਸ"),
        (Gurmukhi, "ਸ\u{0A3C}", "ਸ"),
        (Gurmukhi, "\u{0A59}", "ਖ"),
        (Gurmukhi, "\u{0A5A}", "ਗ"),
        (Gurmukhi, "\u{0A5B}", "ਜ"),
        (Gurmukhi, "\u{0A5E}", "ਫ"),
        (Gurmukhi, "\u{0A33}", "ਲ"),
        (Odia, "\u{0B5C}", "ଡ\u{0B3C}"),
        (Odia, "\u{0B5D}", "ଢ\u{0B3C}"),
        (Odia, "ଯ\u{0B3C}", "ୟ"),
        // chillu letters and their old spellings
        (Malayalam, "അവന്\u{200D}", "അവൻ"),
        (Malayalam, "അവള്\u{200D}", "അവൾ"),
        (Malayalam, "അവര്\u{200D}", "അവർ"),
        (Malayalam, "കല്\u{200D}", "കൽ"),
        (Malayalam, "കണ്\u{200D}", "കൺ"),
        (Malayalam, "വാക്\u{200D}", "വാൿ"),
        // Bengali khanda ta and its old spelling
        (Bengali, "হঠাত্\u{200D}", "হঠাৎ"),
        // candrabindu / anusvara where they are one
        (Bengali, "চাঁদ", "চাদ"),
        (Gurmukhi, "ਪੰਜ", "ਪਂਜ"),
        (Gujarati, "હઁ", "હં"),
        (Odia, "ଚାଁଦ", "ଚାଂଦ"),
        (Telugu, "సఁ", "సం"),
        // vowel length (Bengali spelling reform)
        (Bengali, "সরকারী", "সরকারি"),
        (Bengali, "ঈদ", "ইদ"),
        (Bengali, "পূজা", "পুজা"),
        (Bengali, "ঊষা", "উষা"),
        // joiners
        (Kannada, "ಕ\u{200C}ನ್ನ", "ಕನ್ನ"),
        (Tamil, "க்\u{200D}ஷ", "க்ஷ"),
        // native digits
        (Bengali, "১৯৪৭", "1947"),
        (Gurmukhi, "੧੯੪੭", "1947"),
        (Gujarati, "૧૯૪૭", "1947"),
        (Odia, "୧୯୪୭", "1947"),
        (Tamil, "௧௯௪௭", "1947"),
        (Telugu, "౧౯౪౭", "1947"),
        (Kannada, "೧೯೪೭", "1947"),
        (Malayalam, "൧൯൪൭", "1947"),
        (Arabic, "١٩٤٧", "1947"),
        (Arabic, "۱۹۴۷", "1947"),
        // Urdu: Arabic letter forms, harakat and tatweel
        (Arabic, "پاكستان", "پاکستان"),
        (Arabic, "علي", "علی"),
        (Arabic, "عيسى", "عیسی"),
        (Arabic, "مدرسه", "مدرسہ"),
        (Arabic, "خانۂ", "خانہ"),
        (Arabic, "مُحَمَّد", "محمد"),
        (Arabic, "کـتـاب", "کتاب"),
        (Arabic, "أحمد", "احمد"),
        (Arabic, "إسلام", "اسلام"),
        (Arabic, "ٱلله", "الله"),
        (Arabic, "زكوة", "زکوہ"),
        (Arabic, "زکوۃ", "زکوہ"),
        (Arabic, "مدرسە", "مدرسہ"),
        (Arabic, "آۓ", "آے"),
        (Gurmukhi, "ਕਁ", "ਕਂ"),
    ];

    /// Words that must stay apart.
    const APART: &[(Script, &str, &str)] = &[
        (Bengali, "কাল", "খাল"),
        (Bengali, "ড", "ড\u{09BC}"), // ḍa and ṛa are two letters
        (Bengali, "য", "য\u{09BC}"),
        (Tamil, "கொ", "கோ"), // short and long o
        (Tamil, "மன", "மண"),
        (Malayalam, "അവൻ", "അവൾ"),
        (Malayalam, "കൊ", "കോ"),
        (Telugu, "కల", "కాల"),
        (Kannada, "ಕಲ", "ಕಾಲ"),
        (Gujarati, "કલ", "કાલ"),
        (Odia, "କଳ", "କଲ"),
        (Gurmukhi, "ਕਲ", "ਕਾਲ"),
        (Arabic, "آپ", "اپ"), // alef madda is a letter of its own in Urdu
        (Arabic, "ہ", "ھ"),   // heh goal and do-chashmi heh (aspiration)
        (Arabic, "ی", "ے"),   // yeh and yeh barree
    ];

    #[test]
    fn variant_spellings_meet() {
        for (script, a, b) in MEET {
            assert_eq!(n(a, *script), n(b, *script), "{script:?} {a} / {b}");
        }
    }

    #[test]
    fn distinct_words_stay_apart() {
        for (script, a, b) in APART {
            assert_ne!(n(a, *script), n(b, *script), "{script:?} {a} / {b}");
        }
    }

    #[test]
    fn every_rule_is_tested() {
        for r in INDIC_RULES {
            let tested = MEET
                .iter()
                .any(|(s, a, b)| *s == r.script && (a.contains(r.from) || b.contains(r.from)));
            assert!(
                tested,
                "no test for {:?} {:?} ({})",
                r.script, r.from, r.why
            );
        }
    }
}
