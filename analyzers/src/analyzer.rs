//! The whole pipeline — segment, route by script, normalize, drop stopwords, stem — as
//! one tantivy [`Tokenizer`](tantivy::tokenizer::Tokenizer): the analyzer, built once from its
//! options ([`crate::tables`]), and the token streams it starts ([`crate::token_stream`]).
//!
//! Each word gives a *recall form* (normalized and stemmed) and an *exact form* (the word
//! as written); which of them become tokens is chosen by [`Forms`]:
//!
//! ```
//! use khoj_analyzers::{Analyzer, Forms};
//! let analyzer = Analyzer::default();
//! let texts = |forms| analyzer.analyze(Some("hi"), "हिन्दी किताबें", forms).into_iter().map(|t| t.text).collect::<Vec<_>>();
//! assert_eq!(texts(Forms::Recall), ["हिंद", "किताब"]);
//! assert_eq!(texts(Forms::Both), ["हिंद", "=हिन्दी", "किताब", "=किताबें"]);
//! assert_eq!(texts(Forms::Exact), ["=हिन्दी", "=किताबें"]);
//! ```

use std::sync::Arc;

use tantivy::tokenizer::TokenStream;

use crate::cjk::CjkSegmenters;
use crate::tables::{AnalyzerOptions, Forms, Tables};
use crate::token_stream::{KhojTokenStream, KhojTokenizer};

/// One token, for callers outside tantivy (query planning, snippets, `khoj analyze`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AnalyzedToken {
    /// The term.
    pub text: String,
    /// Byte offset of the word in the analyzed text.
    pub from: usize,
    /// Byte offset one past the word.
    pub to: usize,
    /// The word's position: words count from 0, stopwords included.
    pub position: usize,
    /// The word's phonetic key (Devanagari and Roman words), where it was asked for
    /// ([`crate::annotate`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// The khoj analyzer: cheap to clone, shared between threads.
#[derive(Debug, Clone)]
pub struct Analyzer {
    tables: Arc<Tables>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new(AnalyzerOptions::default())
    }
}

impl Analyzer {
    /// An analyzer with the given options and no CJK dictionary (Chinese, Japanese and
    /// Korean text as character bigrams).
    pub fn new(options: AnalyzerOptions) -> Self {
        Analyzer::with_cjk(options, CjkSegmenters::none())
    }

    /// An analyzer with the given options and CJK dictionaries.
    pub fn with_cjk(options: AnalyzerOptions, cjk: CjkSegmenters) -> Self {
        Analyzer {
            tables: Arc::new(Tables::new(options, cjk)),
        }
    }

    /// The options this analyzer was built with.
    pub fn options(&self) -> AnalyzerOptions {
        self.tables.options
    }

    /// The same analysis with every Chinese, Japanese and Korean run cut into character
    /// bigrams, whatever dictionaries are loaded: the second view of CJK text that khoj
    /// indexes beside the dictionary's words ([`crate::KHOJ_CJK_BIGRAMS`]).
    pub fn bigram_view(&self) -> Analyzer {
        Analyzer::with_cjk(self.options(), CjkSegmenters::bigrams_only())
    }

    /// The CJK languages analyzed with a dictionary (the others fall back to bigrams).
    pub fn cjk_dictionaries(&self) -> Vec<&'static str> {
        self.tables.cjk.available()
    }

    /// A tantivy tokenizer producing `forms`.
    pub fn tokenizer(&self, forms: Forms) -> KhojTokenizer {
        KhojTokenizer::new(self.tables.clone(), forms)
    }

    /// The token stream of `text` in `lang` (see [`analyze`](Self::analyze)).
    pub(crate) fn stream<'a>(
        &'a self,
        lang: Option<&str>,
        text: &'a str,
        forms: Forms,
    ) -> KhojTokenStream<'a> {
        KhojTokenStream::new(&self.tables, forms, lang, text, 0)
    }

    /// All tokens of `text`, analyzed as the language `lang` (an ISO 639-1 code such as
    /// `hi`, `mr`, `ja`; `None` when it is not known: then the script decides, and
    /// Devanagari is read as Hindi).
    pub fn analyze(&self, lang: Option<&str>, text: &str, forms: Forms) -> Vec<AnalyzedToken> {
        let mut stream = self.stream(lang, text, forms);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push(AnalyzedToken {
                text: t.text.clone(),
                from: t.offset_from,
                to: t.offset_to,
                position: t.position,
                key: None,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devanagari::{
        is_zero_width_joiner, DevanagariNormalizer, DevanagariOptions, HindiStemmer,
    };
    use crate::script::Script;
    use crate::stopwords::{self, StopWords};
    use crate::tables::EXACT_PREFIX;
    use proptest::prelude::*;
    use tantivy::tokenizer::Tokenizer;
    use unicode_normalization::UnicodeNormalization;

    fn texts(text: &str, forms: Forms) -> Vec<String> {
        Analyzer::default()
            .analyze(Some("hi"), text, forms)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn positions_count_words_including_stopwords() {
        let tokens = Analyzer::default().analyze(Some("hi"), "उत्तर कोरिया के नेता", Forms::Recall);
        let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 3]); // के is a stopword
    }

    #[test]
    fn stacked_exact_forms_share_the_position() {
        let tokens = Analyzer::default().analyze(Some("hi"), "हिन्दी", Forms::Both);
        assert_eq!(tokens.len(), 2);
        assert_eq!(tokens[0].position, tokens[1].position);
        assert_eq!((tokens[1].from, tokens[1].to), (0, "हिन्दी".len()));
    }

    #[test]
    fn mixed_text_routes_each_word_to_its_script() {
        assert_eq!(
            texts("IPL 2024 में विराट कोहली ने 50 रन बनाए", Forms::Recall),
            ["ipl", "2024", "विराट", "कोहल", "50", "रन", "बन"]
        );
        assert_eq!(texts("Running CAFÉS", Forms::Recall), ["run", "cafe"]);
        assert_eq!(texts("Running CAFÉS", Forms::Exact), ["=running", "=cafés"]);
    }

    #[test]
    fn exact_form_keeps_the_spelling_but_not_joiners() {
        assert_eq!(texts("क्\u{200D}षमा", Forms::Exact), ["=क्षमा"]);
        assert_eq!(texts("क्षमा", Forms::Exact), ["=क्षमा"]);
        // precomposed and decomposed nukta: one exact form (NFC)
        assert_eq!(
            texts("\u{095B}मीन", Forms::Exact),
            texts("ज\u{093C}मीन", Forms::Exact)
        );
        // a word already in its recall form is its own exact term
        assert_eq!(texts("भारत", Forms::Exact), ["भारत"]);
        assert_eq!(texts("भारत", Forms::Both), ["भारत"]);
    }

    /// Text of a Brahmic block's characters (biased to the letters, signs and virama that
    /// words are made of), joiners, spaces and punctuation.
    fn brahmic_text() -> impl Strategy<Value = (Script, String)> {
        let script = prop::sample::select(Script::BRAHMIC.to_vec());
        let piece = prop_oneof![
            4 => (0x15u32..0x4E).prop_map(|o| vec![o]),
            2 => (0u32..128).prop_map(|o| vec![o]),
            // the parts of two-part vowel signs (ে + া, ெ + ா, ె + ౖ, ೆ + ೂ …), nukta, virama
            1 => prop::sample::select(vec![
                vec![0x47, 0x3E], vec![0x46, 0x3E], vec![0x47, 0x57], vec![0x46, 0x56],
                vec![0x46, 0x55], vec![0x46, 0x42], vec![0x3F, 0x55], vec![0x4A, 0x55],
                vec![0x4D, 0x3C], vec![0x3C, 0x4D], vec![0x47, 0x56], vec![0x46, 0x57],
            ]),
            1 => prop::sample::select(vec![' ', ' ', '\u{200C}', '\u{200D}', ',', '.', '-', '।', 'a', '1', '\u{00A0}', '\u{2019}', '\u{201D}', '\u{2026}'])
                .prop_map(|c| vec![c as u32 + 0x10000]),
        ];
        (script, prop::collection::vec(piece, 0..40)).prop_map(|(script, pieces)| {
            let start = script.block_start().unwrap_or(0x0980);
            let text = pieces
                .into_iter()
                .flatten()
                .filter_map(|p| match p {
                    0x10000.. => char::from_u32(p - 0x10000),
                    _ => char::from_u32(start + p),
                })
                .collect();
            (script, text)
        })
    }

    proptest::proptest! {
        #[test]
        fn the_brahmic_fast_path_agrees_with_the_general_path(
            (script, text) in brahmic_text(),
            forms in prop::sample::select(vec![Forms::Both, Forms::Recall, Forms::Exact]),
        ) {
            let analyzer = Analyzer::default();
            let lang = crate::language::LANGUAGES
                .iter()
                .find(|l| l.script == script)
                .map(|l| l.code);
            let fast = analyzer.analyze(lang, &text, forms);
            let general = crate::brahmic_words::without_fast_path(|| analyzer.analyze(lang, &text, forms));
            let view = |tokens: Vec<AnalyzedToken>| -> Vec<(String, usize, usize, usize)> {
                tokens.into_iter().map(|t| (t.text, t.from, t.to, t.position)).collect()
            };
            prop_assert_eq!(view(fast), view(general), "{:?}", text);
        }
    }

    /// The chain done the plain way for one Devanagari word: normalize in full, drop a
    /// stopword, stem; the exact form beside the recall form when they differ.
    fn plain_chain(options: AnalyzerOptions, word: &str) -> Vec<String> {
        let n = DevanagariNormalizer::new(options.devanagari);
        let stop = StopWords::parse(stopwords::HINDI, |w| n.normalize(w));
        let normalized = n.normalize(word);
        if normalized.is_empty() || (options.stopwords && stop.contains(&normalized)) {
            return Vec::new();
        }
        let recall = match options.stemming {
            true => HindiStemmer::new(&n).stem(&normalized).to_string(),
            false => normalized,
        };
        let exact: String = std::iter::once(EXACT_PREFIX)
            .chain(word.chars().filter(|&c| !is_zero_width_joiner(c)).nfc())
            .collect();
        if exact[1..] == recall {
            vec![recall]
        } else {
            vec![recall, exact]
        }
    }

    /// Words that exercise the fast path: stopwords and suffixes with their vowels
    /// lengthened or not, and random syllables.
    fn devanagari_word() -> impl Strategy<Value = String> {
        let stopword = prop::sample::select(
            stopwords::HINDI
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(|l| l.trim().to_string())
                .collect::<Vec<_>>(),
        );
        let suffix = prop::sample::select(crate::devanagari::SUFFIXES.to_vec());
        let syllables = "[कगजडनमरसतपहयअइईउऊएऑािीुूृॄेोंँ़्\u{095C}\u{200D}]{1,5}";
        let lengthen = |w: String, flips: u32| {
            w.chars()
                .enumerate()
                .map(|(i, c)| match (c, flips >> (i % 32) & 1) {
                    ('ि', 1) => 'ी',
                    ('ी', 1) => 'ि',
                    ('ु', 1) => 'ू',
                    ('ू', 1) => 'ु',
                    _ => c,
                })
                .collect::<String>()
        };
        prop_oneof![
            (stopword, any::<u32>()).prop_map(move |(w, f)| lengthen(w, f)),
            (syllables, suffix, any::<u32>())
                .prop_map(move |(stem, suffix, f)| lengthen(format!("{stem}{suffix}"), f)),
            syllables.prop_map(String::from),
        ]
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_agrees_with_the_plain_chain(
            word in devanagari_word(),
            fold_vowel_length: bool,
            drop_final_virama: bool,
            stemming: bool,
            stopwords: bool,
        ) {
            let options = AnalyzerOptions {
                devanagari: DevanagariOptions { fold_vowel_length, drop_final_virama },
                stemming,
                stopwords,
                ..AnalyzerOptions::default()
            };
            let texts: Vec<String> = Analyzer::new(options)
                .analyze(Some("hi"), &word, Forms::Both)
                .into_iter()
                .map(|t| t.text)
                .collect();
            proptest::prop_assert_eq!(texts, plain_chain(options, &word), "{}", word);
        }
    }

    /// The analyzer with the suffix lists of the Indian languages instead of truncation.
    fn with_suffix_lists() -> Analyzer {
        Analyzer::new(AnalyzerOptions {
            recall_prefix_chars: 0,
            ..AnalyzerOptions::default()
        })
    }

    #[test]
    fn marathi_is_stemmed_as_marathi_not_as_hindi() {
        let analyzer = with_suffix_lists();
        let recall = |lang, word| {
            analyzer.analyze(Some(lang), word, Forms::Recall)[0]
                .text
                .clone()
        };
        // मुंबईतील: Marathi's -तील ("in"), not a Hindi suffix
        assert_eq!(recall("mr", "मुंबईतील"), recall("mr", "मुंबई"));
        assert_ne!(recall("hi", "मुंबईतील"), recall("hi", "मुंबई"));
        // किताबें: Hindi's plural, not Marathi's
        assert_eq!(recall("hi", "किताबें"), "किताब");
        assert_eq!(recall("mr", "किताबें"), "किताबें");
        // through a field, the same: offsets are the field's
        let field = crate::field_text("mr", "मुंबईतील");
        let mut tokenizer = analyzer.tokenizer(Forms::Recall);
        let mut stream = tokenizer.token_stream(&field);
        assert!(stream.advance());
        assert_eq!(stream.token().text, recall("mr", "मुंबई"));
        assert_eq!(
            &field[stream.token().offset_from..stream.token().offset_to],
            "मुंबईतील"
        );
    }

    #[test]
    fn indian_languages_but_hindi_keep_a_words_first_characters() {
        let analyzer = Analyzer::default();
        let recall = |lang, text| {
            analyzer
                .analyze(Some(lang), text, Forms::Recall)
                .into_iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
        };
        // Tamil: a noun and its case endings piled up meet (வீடு, வீட்டில், வீட்டிலிருந்து)
        assert_eq!(recall("ta", "வீட்டிலிருந்து"), recall("ta", "வீட்டில்"));
        assert_eq!(recall("ta", "வீடு"), recall("ta", "வீட்டில்"));
        // cut first, then stripped: words that start alike end alike (stripped first, the
        // bare name lost more than its genitive)
        assert_eq!(recall("bn", "কলকাতা"), recall("bn", "কলকাতার"));
        // Bengali, the exact form stacked on the cut one
        let both: Vec<String> = analyzer
            .analyze(Some("bn"), "বাংলাদেশের", Forms::Both)
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(both, ["বাংল", "=বাংলাদেশের"]);
        // Marathi (Devanagari) too, while Hindi keeps its stemmer
        assert_eq!(recall("mr", "मुंबईतील"), ["मुंब"]);
        assert_eq!(recall("hi", "किताबें"), ["किताब"]);
        // Urdu; a word no longer than the prefix stays whole
        assert_eq!(recall("ur", "پاکستانی"), recall("ur", "پاکستان"));
        assert_eq!(recall("bn", "বই"), ["বই"]);
        // Arabic or Persian text (a language khoj does not know) is not cut as Urdu
        assert_eq!(recall("fa", "پاکستانی"), ["پاکستانی"]);
        assert_eq!(recall("ar", "الحكومة")[0].chars().count(), 7); // its letters folded, not cut
                                                                   // numbers are not cut, native digits or not
        assert_eq!(recall("bn", "১৯৪৭৫"), ["19475"]);
        assert_eq!(recall("te", "20245"), ["20245"]);
        // a word that is loud (its vowel sign in two parts) is cut after normalizing
        assert_eq!(
            recall("ta", "கொடிகள்"),
            recall("ta", "க\u{0BC6}\u{0BBE}டிகள்")
        );
        // (without stemming nothing is cut: the next test)
    }

    #[test]
    fn indian_scripts_are_normalized_and_stemmed_as_their_language() {
        let analyzer = with_suffix_lists();
        let texts = |lang, text, forms| {
            analyzer
                .analyze(lang, text, forms)
                .into_iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
        };
        // Bengali: a stopword dropped, plural and case endings stripped, the exact form kept
        let both = texts(Some("bn"), "ছেলেদেরকে এবং বাংলাদেশের", Forms::Both);
        assert_eq!(both.len(), 4, "{both:?}");
        assert_eq!(both[0], texts(Some("bn"), "ছেলেদের", Forms::Recall)[0]);
        assert_eq!(&both[1..], ["=ছেলেদেরকে", "বাংলাদেশ", "=বাংলাদেশের"]);
        // with no language named, the script decides (Bengali script: Bengali)
        assert_eq!(texts(None, "বাংলাদেশের", Forms::Recall), ["বাংলাদেশ"]);
        // Tamil: the plural; its vowel sign typed in two parts meets the one character
        assert_eq!(
            texts(Some("ta"), "மரங்கள்", Forms::Recall),
            texts(Some("ta"), "மரம்", Forms::Recall)
        );
        assert_eq!(
            texts(Some("ta"), "கொடி", Forms::Recall),
            texts(Some("ta"), "க\u{0BC6}\u{0BBE}டி", Forms::Recall)
        );
        // Assamese: the locative and genitive of a name meet it
        for inflected in ["অসমত", "অসমৰ"] {
            assert_eq!(
                texts(Some("as"), inflected, Forms::Recall),
                texts(Some("as"), "অসম", Forms::Recall)
            );
        }
        // Urdu: postpositions and auxiliaries are stopwords, the words around them are not
        let urdu = texts(Some("ur"), "پاکستان کی حکومت نے کہا ہے", Forms::Recall);
        assert_eq!(urdu.len(), 2, "{urdu:?}");
        assert_eq!(urdu[0], texts(Some("ur"), "پاکستان", Forms::Recall)[0]);
        // native digits are numbers
        assert_eq!(texts(Some("bn"), "১৯৪৭", Forms::Recall), ["1947"]);
        // without stemming: normalized only, not cut
        let plain = Analyzer::new(AnalyzerOptions {
            stemming: false,
            ..AnalyzerOptions::default()
        });
        assert_eq!(
            plain.analyze(Some("bn"), "বাংলাদেশের", Forms::Recall)[0].text,
            "বাংলাদেশের"
        );
    }
}
