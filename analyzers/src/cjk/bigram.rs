//! The fallback for Chinese, Japanese and Korean text when no dictionary is loaded:
//! overlapping character bigrams, as Lucene's CJKAnalyzer makes (a run of one character
//! is a unigram).

/// The byte ranges of the bigrams of `run`.
pub fn bigrams(run: &str) -> Vec<(usize, usize)> {
    let starts: Vec<usize> = run
        .char_indices()
        .map(|(i, _)| i)
        .chain([run.len()])
        .collect();
    let n = starts.len() - 1;
    if n <= 1 {
        return if n == 1 {
            vec![(0, run.len())]
        } else {
            Vec::new()
        };
    }
    (0..n - 1).map(|i| (starts[i], starts[i + 2])).collect()
}

/// Whether `text` may hold a Chinese, Japanese or Korean character: a byte test that is
/// false for nearly all other text (Devanagari, Latin, punctuation), then a check of the
/// characters.
///
/// ```
/// use khoj_analyzers::may_hold_cjk;
/// assert!(may_hold_cjk("IPL 北京"));
/// assert!(!may_hold_cjk("हिंदी “समाचार” — ₹50 café"));
/// ```
pub fn may_hold_cjk(text: &str) -> bool {
    // Lead bytes of U+1100–U+1FFF, U+3000–U+FFFF and the supplementary planes; not E0
    // (Devanagari among others) nor E2 (general punctuation, symbols). In chunks without
    // an early exit inside one, so that the test runs on many bytes at once.
    let candidate = text.as_bytes().chunks(64).any(|chunk| {
        chunk
            .iter()
            .fold(false, |seen, &b| seen | (b == 0xE1) | (b >= 0xE3))
    });
    candidate && text.chars().any(super::is_cjk_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unigram_for_one_character() {
        assert_eq!(bigrams("猫"), [(0, 3)]);
        assert!(bigrams("").is_empty());
        let text = "서울특별시";
        let words: Vec<&str> = bigrams(text).iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(words, ["서울", "울특", "특별", "별시"]);
    }

    #[test]
    fn examples() {
        {
            let b: Vec<(usize, usize)> = bigrams("東京都");
            assert_eq!(b, [(0, 6), (3, 9)]); // 東京, 京都
        }
    }
}
