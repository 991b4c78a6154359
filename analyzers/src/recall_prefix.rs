//! Stage 5 for the Indian languages other than Hindi: a word's recall form is its first few
//! characters (truncation), less a suffix of its language's list found at their end.
//!
//! Marathi, Nepali, Sanskrit, Bengali … Malayalam and Urdu inflect by piling suffixes on a
//! stem (Tamil வீட்டிலிருந்து, "from the house", is வீடு plus three), more than a short list
//! of suffixes can strip. Cutting every word to its first [`RECALL_PREFIX_CHARS`] characters
//! meets most of a word's inflections at the price of some unrelated words that start alike,
//! which the exact form (stacked on the recall form, and boosted) sets apart again. Truncation
//! is a known rival of stemming for such languages (McNamee, Nicholas and Mayfield,
//! "Addressing morphological variation in alphabetic languages", SIGIR 2009). The list then
//! strips what the cut characters end in (a vowel sign, a short case ending), so that a word
//! of four characters or fewer meets its inflections as before; cut first, every word that
//! starts alike ends alike (stripped first, কলকাতা and কলকাতার, "of Kolkata", came out কলক
//! and কলকা). On khoj's sets (`docs/relevance.md`) this gained in every one of the 13
//! languages but Nepali (−0.004) and on both TyDi sets, at one length for all of them.
//! Hindi keeps its own stemmer, which its sets prefer.
//!
//! ```
//! use khoj_analyzers::{Analyzer, Forms};
//! let tokens = Analyzer::default().analyze(Some("ta"), "வீட்டிலிருந்து வீட்டில்", Forms::Recall);
//! assert_eq!(tokens[0].text, "வீட"); // வ ீ ட ் cut, then the virama stripped
//! assert_eq!(tokens[0].text, tokens[1].text);
//! ```

/// Characters (code points, after normalization: a vowel sign or a virama counts as one) that
/// a word of these languages keeps as its recall form, by default.
pub const RECALL_PREFIX_CHARS: u8 = 4;

/// Cuts `word` to its first `chars` characters; `true` when it was longer.
#[inline]
pub fn truncate_chars(word: &mut String, chars: usize) -> bool {
    if word.len() <= chars {
        return false; // no more characters than bytes
    }
    match word.char_indices().nth(chars) {
        Some((cut, _)) => {
            word.truncate(cut);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_word_is_cut_to_its_first_characters() {
        let mut w = String::from("বাংলাদেশের");
        assert!(truncate_chars(&mut w, 4));
        assert_eq!(w, "বাংল");
        let mut short = String::from("ভাত");
        assert!(!truncate_chars(&mut short, 4));
        assert_eq!(short, "ভাত");
        let mut urdu = String::from("پاکستانی");
        assert!(truncate_chars(&mut urdu, 4));
        assert_eq!(urdu, "پاکس");
    }

    proptest! {
        #[test]
        fn the_cut_keeps_a_prefix_of_at_most_that_many_characters(s in "\\PC{0,12}", n in 0usize..8) {
            let mut w = s.clone();
            let cut = truncate_chars(&mut w, n);
            prop_assert!(s.starts_with(&w));
            prop_assert_eq!(w.chars().count(), s.chars().count().min(n));
            prop_assert_eq!(cut, s.chars().count() > n);
        }
    }
}
