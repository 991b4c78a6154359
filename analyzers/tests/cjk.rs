//! Chinese, Japanese and Korean through lindera: with the real dictionaries (from
//! `KHOJ_DICT_DIR`; skipped, saying so, without it), with a tiny dictionary built here (so
//! that the lindera path runs in every test run), and the bigram fallback.

use std::borrow::Cow;

use khoj_analyzers::{Analyzer, AnalyzerOptions, CjkLanguage, CjkSegmenters, Forms};
use lindera::dictionary::{load_fs_dictionary, DictionaryBuilder, Metadata};
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;

fn recall(analyzer: &Analyzer, text: &str) -> Vec<String> {
    recall_in(analyzer, None, text)
}

fn recall_in(analyzer: &Analyzer, lang: Option<&str>, text: &str) -> Vec<String> {
    analyzer
        .analyze(lang, text, Forms::Recall)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

/// The real dictionaries, if `KHOJ_DICT_DIR` holds `lang`'s.
fn real(lang: CjkLanguage) -> Option<Analyzer> {
    let dir = std::env::var_os("KHOJ_DICT_DIR");
    let s = dir
        .as_ref()
        .map(|d| CjkSegmenters::from_dir(std::path::Path::new(d)));
    match s {
        Some(s) if s.available().contains(&lang.code()) => {
            Some(Analyzer::with_cjk(AnalyzerOptions::default(), s))
        }
        _ => {
            eprintln!(
                "skipped: no {} dictionary in KHOJ_DICT_DIR (.ci/run unpacks ../shared/lindera)",
                lang.dictionary_folder()
            );
            None
        }
    }
}

#[test]
fn japanese_with_ipadic() {
    let Some(a) = real(CjkLanguage::Japanese) else {
        return;
    };
    let t = recall(&a, "東京タワーに行きました。");
    assert!(
        t.contains(&"東京".to_string()) && t.contains(&"タワー".to_string()),
        "{t:?}"
    );
    assert!(
        t.contains(&"行く".to_string()),
        "verbs are indexed by their base form: {t:?}"
    );
    for particle in ["に", "まし", "た"] {
        assert!(!t.contains(&particle.to_string()), "{particle} kept: {t:?}");
    }
    // width folding and the katakana stem
    assert_eq!(recall(&a, "コンピューター"), recall(&a, "ｺﾝﾋﾟｭｰﾀｰ"));
    assert!(recall(&a, "コンピューター").contains(&"コンピュータ".to_string()));
    // the exact form keeps the inflection
    let exact: Vec<String> = a
        .analyze(None, "行きました", Forms::Exact)
        .into_iter()
        .map(|t| t.text)
        .collect();
    assert!(exact.contains(&"=行き".to_string()), "{exact:?}");
}

#[test]
fn korean_with_ko_dic() {
    let Some(a) = real(CjkLanguage::Korean) else {
        return;
    };
    let t = recall(&a, "서울에서 회의를 했다.");
    assert!(
        t.contains(&"서울".to_string()) && t.contains(&"회의".to_string()),
        "{t:?}"
    );
    for ending in ["에서", "를", "다"] {
        assert!(!t.contains(&ending.to_string()), "{ending} kept: {t:?}");
    }
}

#[test]
fn chinese_with_jieba() {
    let Some(a) = real(CjkLanguage::Chinese) else {
        return;
    };
    let t = recall(&a, "我爱北京天安门。");
    assert!(
        t.contains(&"北京".to_string()) && t.contains(&"天安门".to_string()),
        "{t:?}"
    );
    assert!(!t.iter().any(|w| w == "。"));
}

#[test]
fn mixed_text_gives_each_run_its_language() {
    let a = Analyzer::with_cjk(AnalyzerOptions::default(), CjkSegmenters::none());
    let t = recall(&a, "IPL 2024 में 東京 और 서울 Ｔｏｋｙｏ");
    assert_eq!(t, ["ipl", "2024", "東京", "서울", "tokyo"]);
}

#[test]
fn without_a_dictionary_runs_are_bigrams() {
    let a = Analyzer::with_cjk(AnalyzerOptions::default(), CjkSegmenters::none());
    let tokens = a.analyze(None, "北京大学的学生", Forms::Recall);
    let t: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(t, ["北京", "京大", "大学", "学的", "的学", "学生"]);
    let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
    assert_eq!(positions, [0, 1, 2, 3, 4, 5]);
    assert_eq!(recall(&a, "猫"), ["猫"]);
}

const CHAR_DEF: &str = "DEFAULT 0 1 0\nSPACE 0 1 0\nHIRAGANA 0 1 2\nKATAKANA 1 1 2\nKANJI 0 0 2\n0x0020 SPACE\n0x3041..0x309F HIRAGANA\n0x30A1..0x30FF KATAKANA\n0x4E00..0x9FFF KANJI\n";
const UNK_DEF: &str = "DEFAULT,0,0,10000,記号,一般,*,*,*,*,*\nSPACE,0,0,10000,記号,空白,*,*,*,*,*\nHIRAGANA,0,0,10000,名詞,一般,*,*,*,*,*\nKATAKANA,0,0,10000,名詞,一般,*,*,*,*,*\nKANJI,0,0,10000,名詞,一般,*,*,*,*,*\n";
const LEX_CSV: &str = "東京,0,0,100,名詞,固有名詞,地域,一般,*,*,東京,トウキョウ,トウキョウ\n都,0,0,100,名詞,接尾,地域,*,*,*,都,ト,ト\nに,0,0,100,助詞,格助詞,一般,*,*,*,に,ニ,ニ\n住む,0,0,100,動詞,自立,*,*,五段・マ行,基本形,住む,スム,スム\n住ん,0,0,100,動詞,自立,*,*,五段・マ行,連用タ接続,住む,スン,スン\nで,0,0,100,助詞,接続助詞,*,*,*,*,で,デ,デ\nいる,0,0,100,動詞,非自立,*,*,一段,基本形,いる,イル,イル\n";
const MATRIX_DEF: &str = "1 1\n0 0 0\n";

/// A dictionary of a few MeCab-format lines, built with lindera's DictionaryBuilder.
fn tiny_japanese() -> (tempfile::TempDir, Segmenter) {
    let src = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    for (name, content) in [
        ("char.def", CHAR_DEF),
        ("unk.def", UNK_DEF),
        ("lex.csv", LEX_CSV),
        ("matrix.def", MATRIX_DEF),
    ] {
        std::fs::write(src.path().join(name), content).unwrap();
    }
    DictionaryBuilder::new(Metadata::default())
        .build_dictionary(src.path(), out.path())
        .unwrap();
    let segmenter = Segmenter::new(Mode::Normal, load_fs_dictionary(out.path()).unwrap(), None);
    (out, segmenter)
}

#[test]
fn a_tiny_dictionary_built_here() {
    let (_dir, segmenter) = tiny_japanese();
    // lindera itself, on our dictionary
    let mut tokens = segmenter.segment(Cow::Borrowed("東京都に住む")).unwrap();
    let surfaces: Vec<String> = tokens.iter_mut().map(|t| t.surface.to_string()).collect();
    assert_eq!(surfaces, ["東京", "都", "に", "住む"]);
    // through khoj: particles dropped, base forms, offsets into the text, positions counted
    let s = CjkSegmenters::none().with(CjkLanguage::Japanese, segmenter);
    let a = Analyzer::with_cjk(AnalyzerOptions::default(), s);
    let text = "東京都に住んでいる";
    let tokens = a.analyze(None, text, Forms::Recall);
    let t: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(t, ["東京", "都", "住む", "いる"]);
    assert_eq!(&text[tokens[2].from..tokens[2].to], "住ん");
    let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
    assert_eq!(positions, [0, 1, 3, 5]);
    // Han-only text is Chinese unless the article is marked ja
    assert_eq!(recall(&a, "東京都"), ["東京", "京都"]); // no Chinese dictionary: bigrams
    assert_eq!(recall_in(&a, Some("ja"), "東京都"), ["東京", "都"]);
}
