//! Invariants of the whole analyzer over arbitrary text.

use khoj_analyzers::{Analyzer, AnalyzerOptions, DevanagariNormalizer, DevanagariOptions, Forms};
use proptest::prelude::*;

fn check_tokens(text: &str) -> Result<(), TestCaseError> {
    for forms in [Forms::Recall, Forms::Exact, Forms::Both] {
        let tokens = Analyzer::default().analyze(None, text, forms);
        let mut last_from = 0;
        let mut last_position = 0;
        for t in &tokens {
            prop_assert!(t.from < t.to && t.to <= text.len());
            prop_assert!(text.is_char_boundary(t.from) && text.is_char_boundary(t.to));
            prop_assert!(t.from >= last_from, "offsets go back");
            prop_assert!(t.position >= last_position, "positions go back");
            prop_assert!(!t.text.is_empty());
            last_from = t.from;
            last_position = t.position;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode(text in any::<String>()) {
        check_tokens(&text)?;
    }

    #[test]
    fn random_devanagari(text in "[\u{0900}-\u{097F}\u{200C}\u{200D} ,.।a-zA-Z0-9]{0,80}") {
        check_tokens(&text)?;
    }

    #[test]
    fn normalization_is_idempotent(
        text in "[\u{0900}-\u{097F}\u{200C}\u{200D}]{1,16}",
        fold_vowel_length in any::<bool>(),
        drop_final_virama in any::<bool>(),
    ) {
        let n = DevanagariNormalizer::new(DevanagariOptions { fold_vowel_length, drop_final_virama });
        let once = n.normalize(&text);
        prop_assert_eq!(n.normalize(&once), once);
    }

    #[test]
    fn recall_forms_are_stable_without_stemming(text in "[\u{0900}-\u{0963}\u{0971}-\u{097F}a-zA-Z ]{1,40}") {
        // Without stemming, analyzing a token again gives the token back. (Devanagari
        // digits are left out: ०ँ becomes 0ं, which is two words when read again.)
        let analyzer = Analyzer::new(AnalyzerOptions { stemming: false, ..AnalyzerOptions::default() });
        for t in analyzer.analyze(None, &text, Forms::Recall) {
            let again = analyzer.analyze(None, &t.text, Forms::Recall);
            prop_assert_eq!(again.len(), 1, "{:?} splits", t.text);
            prop_assert_eq!(&again[0].text, &t.text);
        }
    }
}
