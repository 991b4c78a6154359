//! Which morphemes are dropped, by part of speech, as Lucene's Kuromoji (Japanese) and Nori
//! (Korean) analyzers drop them by default; and the Japanese katakana stem.

/// Japanese (IPADIC) major parts of speech dropped: particles, auxiliary verbs, symbols,
/// conjunctions, fillers and non-verbal sounds (Lucene's default `stoptags.txt`).
pub const JAPANESE_STOP_POS: &[&str] =
    &["助詞", "助動詞", "記号", "接続詞", "フィラー", "非言語音"];

/// Korean (mecab-ko-dic) tags dropped: Lucene Nori's `DEFAULT_STOP_TAGS` — endings (E*),
/// particles (J*), interjections, conjunctive adverbs, determiners, punctuation and
/// symbols, affixes, and unknowns.
pub const KOREAN_STOP_TAGS: &[&str] = &[
    "EP", "EF", "EC", "ETN", "ETM", "IC", "JKS", "JKC", "JKG", "JKO", "JKB", "JKV", "JKQ", "JX",
    "JC", "MAG", "MAJ", "MM", "SP", "SSC", "SSO", "SC", "SE", "XPN", "XSA", "XSN", "XSV", "UNA",
    "NA", "VSV", "SF", "SY",
];

/// Chinese (jieba) parts of speech dropped, by their first letter: auxiliaries (u: 的, 了),
/// modal particles (y), interjections (e), onomatopoeia (o), punctuation and non-words
/// (w, x). Conjunctions (c), prepositions (p) and pronouns (r: 什么, 谁, 这) are kept: dropping
/// them moved XQuAD zh and CMRC in opposite directions (docs/relevance.md).
pub const CHINESE_STOP_POS: &[char] = &['u', 'y', 'e', 'o', 'w', 'x'];

/// Whether a Chinese word with this jieba part of speech is dropped.
pub fn chinese_dropped(pos: &str) -> bool {
    pos.chars()
        .next()
        .is_some_and(|c| CHINESE_STOP_POS.contains(&c))
}

/// Whether a Japanese morpheme with these IPADIC details is dropped.
pub fn japanese_dropped(pos: &str, pos1: &str) -> bool {
    JAPANESE_STOP_POS.contains(&pos) || (pos == "その他" && pos1 == "間投")
}

/// Whether a Korean morpheme with this mecab-ko-dic tag (possibly `VV+EC`: the first tag
/// decides) is dropped.
pub fn korean_dropped(tag: &str) -> bool {
    let first = tag.split('+').next().unwrap_or(tag);
    KOREAN_STOP_TAGS.contains(&first)
}

/// Lucene's JapaneseKatakanaStemFilter: a katakana word of at least four characters loses a
/// final prolonged sound mark (コンピューター → コンピュータ).
pub fn katakana_stem(word: &str) -> &str {
    let katakana = word.chars().all(|c| matches!(c, '\u{30A0}'..='\u{30FF}'));
    if katakana && word.chars().count() >= 4 {
        word.strip_suffix('ー').unwrap_or(word)
    } else {
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_tags() {
        assert!(japanese_dropped("助詞", "格助詞"));
        assert!(!japanese_dropped("名詞", "一般"));
        assert!(korean_dropped("JKS"));
        assert!(korean_dropped("EC"));
        assert!(korean_dropped("XSV+EC"));
        assert!(!korean_dropped("NNG"));
        assert!(!korean_dropped("VV+EC"));
    }

    #[test]
    fn examples() {
        {
            assert_eq!(katakana_stem("コンピューター"), "コンピュータ");
            assert_eq!(katakana_stem("ケーキ"), "ケーキ");
        }
    }
}
