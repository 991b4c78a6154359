//! Spellings of one word must analyze to identical tokens; different words must not.
//! Precomposed nukta letters are written as escapes, since editors tend to decompose them.

use khoj_analyzers::{Analyzer, Forms};

fn recall(text: &str) -> Vec<String> {
    Analyzer::default()
        .analyze(Some("hi"), text, Forms::Recall)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

/// (spelling, other spelling, what differs)
const SAME: &[(&str, &str, &str)] = &[
    (
        "\u{0958}ानून",
        "क\u{093C}ानून",
        "nukta precomposed / decomposed",
    ),
    ("क\u{093C}ानून", "कानून", "nukta decomposed / absent"),
    (
        "\u{095B}िंदगी",
        "ज\u{093C}िंदगी",
        "nukta precomposed / decomposed",
    ),
    ("\u{095B}िंदगी", "जिंदगी", "nukta precomposed / absent"),
    (
        "ब\u{095C}ा",
        "बड\u{093C}ा",
        "nukta precomposed / decomposed",
    ),
    ("बड\u{093C}ा", "बडा", "nukta decomposed / absent"),
    (
        "\u{095E}ैसला",
        "फ\u{093C}ैसला",
        "nukta precomposed / decomposed",
    ),
    ("फ\u{093C}ैसला", "फैसला", "nukta decomposed / absent"),
    (
        "प\u{095D}ाई",
        "पढ\u{093C}ाई",
        "nukta precomposed / decomposed",
    ),
    ("\u{0959}बर", "खबर", "nukta precomposed / absent"),
    ("\u{095A}लत", "गलत", "nukta precomposed / absent"),
    ("\u{0929}ाम", "नाम", "nukta letter NNNA / NA"),
    ("हँसी", "हंसी", "chandrabindu / anusvara"),
    ("गाँव", "गांव", "chandrabindu / anusvara"),
    ("पाँच", "पांच", "chandrabindu / anusvara"),
    ("महँगा", "महंगा", "chandrabindu / anusvara"),
    ("आँख", "आंख", "chandrabindu / anusvara"),
    ("ऊँचा", "ऊंचा", "chandrabindu / anusvara"),
    ("हिन्दी", "हिंदी", "half nasal / anusvara"),
    ("सम्बन्ध", "संबंध", "half nasal / anusvara"),
    ("पण्डित", "पंडित", "half nasal / anusvara"),
    ("गङ्गा", "गंगा", "half nasal / anusvara"),
    ("चञ्चल", "चंचल", "half nasal / anusvara"),
    ("अन्त", "अंत", "half nasal / anusvara"),
    ("कम्पनी", "कंपनी", "half nasal / anusvara"),
    ("सन्देश", "संदेश", "half nasal / anusvara"),
    ("हिन्दू", "हिंदू", "half nasal / anusvara"),
    ("रक्\u{200D}षा", "रक्षा", "ZWJ / none"),
    ("विद्\u{200C}यालय", "विद्यालय", "ZWNJ / none"),
    ("श्\u{200D}री", "श्री", "ZWJ / none"),
    ("प्र\u{200C}धान", "प्रधान", "ZWNJ / none"),
    ("हिन्\u{200D}दी", "हिंदी", "ZWJ and half nasal / anusvara"),
    ("डॉक्टर", "डोक्टर", "candra O sign / O sign"),
    ("ऑफिस", "ओफिस", "candra O / O"),
    ("कॉलेज", "कोलेज", "candra O sign / O sign"),
    ("हॅलो", "हेलो", "candra E sign / E sign"),
    ("ऍप", "एप", "candra E / E"),
    ("ॲप", "अप", "candra A / A"),
    ("अाज", "आज", "A + AA sign / AA"),
    ("अोर", "ओर", "A + O sign / O"),
    ("अौरत", "औरत", "A + AU sign / AU"),
    ("एेसा", "ऐसा", "E + E sign / AI"),
    ("लाेग", "लोग", "AA sign + E sign / O sign"),
    ("२०२४", "2024", "Devanagari / ASCII digits"),
    ("१५ मार्च", "15 मार्च", "Devanagari / ASCII digits"),
    ("कोविड-१९", "कोविड-19", "Devanagari / ASCII digits"),
    (
        "सेप्टीसीमिया",
        "सेप्टिसीमिया",
        "long / short i (vowel length folded by default)",
    ),
    ("जगत्", "जगत", "final virama / none (dropped by default)"),
];

/// Words that differ in a consonant or in ा: never merged.
const DISTINCT: &[(&str, &str)] = &[
    ("कम", "गम"),
    ("दिल", "दिन"),
    ("पल", "फल"),
    ("बात", "भात"),
    ("राज", "राम"),
    ("काम", "नाम"),
    ("कम", "काम"),
    ("मन", "मान"),
    ("जल", "जाल"),
    ("बल", "बाल"),
    ("चल", "चाल"),
    ("सर", "सार"),
    ("छात्र", "छातर"),
    ("पुल", "फूल"),
];

#[test]
fn spellings_of_one_word_analyze_identically() {
    assert!(SAME.len() >= 40);
    for (a, b, what) in SAME {
        let (ta, tb) = (recall(a), recall(b));
        assert!(!ta.is_empty(), "{a} gives no token");
        assert_eq!(ta, tb, "{a} vs {b}: {what}");
    }
}

#[test]
fn different_words_stay_distinct() {
    for (a, b) in DISTINCT {
        let (ta, tb) = (recall(a), recall(b));
        assert!(
            !ta.is_empty() && !tb.is_empty(),
            "{a} or {b} gives no token"
        );
        assert_ne!(ta, tb, "{a} and {b} were merged");
    }
}

#[test]
fn vowel_length_is_an_option() {
    use khoj_analyzers::{AnalyzerOptions, DevanagariOptions};
    let plain = Analyzer::new(AnalyzerOptions {
        devanagari: DevanagariOptions::PLAIN,
        ..AnalyzerOptions::default()
    });
    let recall_plain = |t: &str| {
        plain
            .analyze(Some("hi"), t, Forms::Recall)
            .into_iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
    };
    for (a, b) in [("दिन", "दीन"), ("किताब", "कीताब"), ("जगत्", "जगत")]
    {
        assert_eq!(recall(a), recall(b), "default options fold {a} and {b}");
        assert_ne!(
            recall_plain(a),
            recall_plain(b),
            "without the option {a} and {b} stay apart"
        );
    }
}

#[test]
fn exact_forms_tell_spellings_apart() {
    // the same recall form, but each spelling keeps its own exact term
    let exact = |t: &str| {
        Analyzer::default()
            .analyze(Some("hi"), t, Forms::Exact)
            .into_iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
    };
    assert_ne!(exact("हिन्दी"), exact("हिंदी"));
    assert_ne!(exact("दिन"), exact("दीन")); // merged for recall, told apart for the boost
    assert_eq!(exact("हिन्\u{200D}दी"), exact("हिन्दी"));
}
