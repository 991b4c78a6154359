//! The facts of Indian-script normalization, one a row ([`INDIC_RULES`]), and the
//! characters every script drops or rewrites alone (joiners, harakat, native digits):
//! the data [`super::IndicNormalizer`] is built from (the spellings that must meet and the
//! words that must stay apart are tested beside it).

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
