//! The pages' words: Hindi messages, language and month names. The API keeps its English
//! codes and messages; the pages say the same in Hindi.

use khoj_index::request::{Fault, InvalidRequest};

/// A language's name, in Hindi (its code when khoj does not know it).
pub fn language(code: &str) -> String {
    let name = match code {
        "hi" => "हिंदी",
        "en" => "अंग्रेज़ी",
        "mr" => "मराठी",
        "ne" => "नेपाली",
        "sa" => "संस्कृत",
        "bn" => "बांग्ला",
        "as" => "असमिया",
        "pa" => "पंजाबी",
        "gu" => "गुजराती",
        "or" => "ओड़िया",
        "ta" => "तमिल",
        "te" => "तेलुगु",
        "kn" => "कन्नड़",
        "ml" => "मलयालम",
        "ur" => "उर्दू",
        "zh" => "चीनी",
        "ja" => "जापानी",
        "ko" => "कोरियाई",
        _ => return code.to_string(),
    };
    name.to_string()
}

/// A month `YYYY-MM`, in Hindi: `मार्च 2020`.
pub fn month(ym: &str) -> String {
    const NAMES: [&str; 12] = [
        "जनवरी",
        "फ़रवरी",
        "मार्च",
        "अप्रैल",
        "मई",
        "जून",
        "जुलाई",
        "अगस्त",
        "सितंबर",
        "अक्टूबर",
        "नवंबर",
        "दिसंबर",
    ];
    match ym
        .split_once('-')
        .and_then(|(y, m)| Some((y, m.parse::<usize>().ok()?)))
    {
        Some((y, m)) if (1..=12).contains(&m) => format!("{} {y}", NAMES[m - 1]),
        _ => ym.to_string(),
    }
}

/// What is wrong with a search, for a reader.
pub fn invalid(e: &InvalidRequest) -> String {
    match (e.field.as_str(), e.fault) {
        ("q", Fault::Missing) => "खोजने के लिए कुछ शब्द लिखें।".into(),
        ("q", _) => "खोज बहुत लंबी है; कम शब्दों में खोजें।".into(),
        ("from" | "to", _) => "तारीख़ सही नहीं है: इसे वर्ष-महीना-दिन (जैसे 2025-11-06) में लिखें, और ‘से’ की तारीख़ ‘तक’ से पहले हो।".into(),
        ("offset" | "page", _) => "इतने आगे के पृष्ठ नहीं दिखाए जाते।".into(),
        _ => "यह खोज समझ में नहीं आई; शब्द बदलकर फिर खोजें।".into(),
    }
}

/// A failure of the server, for a reader (by the API's error code).
pub fn failure(code: &str) -> String {
    match code {
        "timeout" => "खोज में बहुत समय लग रहा है; थोड़ी देर में फिर कोशिश करें।".into(),
        _ => "अभी खोज नहीं हो पाई; थोड़ी देर में फिर कोशिश करें।".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(month("2020-03"), "मार्च 2020");
        assert_eq!(month("bad"), "bad");
        assert_eq!(language("mr"), "मराठी");
        assert_eq!(language("xx"), "xx");
    }
}
