//! Article pages as a crawler hands them over: the article (headline, date, paragraphs)
//! inside the site's chrome (menus, date lines, image placeholders, "latest posts" lists,
//! newsletter boxes). The rules below find the article without knowing any site:
//!
//! * **recurring lines**: a line found on many pages of one site is chrome
//!   ([`SiteChrome`]);
//! * **paragraphs**: the body is the largest run of sentence-like lines — lines of six
//!   words or more that end with sentence punctuation (। . ? ! …, before closing quotes), or
//!   long lines — allowing blank lines and a couple of short lines (subheads) between them;
//!   short lines without sentence punctuation before and after that run are chrome;
//! * **date line**: a line that is a date and nothing else gives the publication date,
//!   and is not text;
//! * **headline**: the nearest line above the body, in the body's script, of 2–40 words,
//!   that is neither a date nor chrome.
//!
//! ```
//! use khoj_index::ingest::page::{extract_page, SiteChrome};
//! let page = "Menu\nNovember 6, 2025\nLatest Posts\n\nबड़ी खबर का शीर्षक\n\nयह पहला अनुच्छेद है जो एक पूरा वाक्य है।\nयह दूसरा अनुच्छेद भी पूरा वाक्य है और खत्म होता है।\n\nDon't Miss";
//! let article = extract_page(page, &SiteChrome::default()).unwrap();
//! assert_eq!(article.title, "बड़ी खबर का शीर्षक");
//! assert!(article.body.starts_with("यह पहला") && article.body.ends_with("होता है।"));
//! assert_eq!(article.published.unwrap().day(), 6);
//! ```

use std::collections::{HashMap, HashSet};

use khoj_analyzers::{script_of_char, Script};
use time::Date;

use crate::dates::parse_date_line;

/// What was extracted from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedPage {
    /// The headline ("" when none was found).
    pub title: String,
    /// The date line's date.
    pub published: Option<Date>,
    /// The paragraphs, one per line.
    pub body: String,
}

/// Lines that recur across the pages of one site: chrome, wherever they stand.
#[derive(Debug, Clone, Default)]
pub struct SiteChrome {
    lines: HashSet<String>,
}

/// A line is chrome when at least this many pages of the site hold it...
const CHROME_MIN_PAGES: usize = 3;
/// ...and at least this share of them.
const CHROME_MIN_SHARE: f64 = 0.5;

impl SiteChrome {
    /// Learns the recurring lines of a site from its pages (at least three are needed).
    pub fn learn<'a>(pages: impl IntoIterator<Item = &'a str>) -> SiteChrome {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let mut n = 0;
        for page in pages {
            n += 1;
            let distinct: HashSet<&str> = page
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            for line in distinct {
                *counts.entry(line).or_default() += 1;
            }
        }
        let min = CHROME_MIN_PAGES.max((n as f64 * CHROME_MIN_SHARE).ceil() as usize);
        SiteChrome {
            lines: counts
                .into_iter()
                .filter(|&(_, c)| c >= min)
                .map(|(l, _)| l.to_string())
                .collect(),
        }
    }

    /// Whether `line` (trimmed) recurs across the site's pages.
    pub fn contains(&self, line: &str) -> bool {
        self.lines.contains(line)
    }

    /// How many recurring lines were learned.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether none were.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Chrome,
    Date,
    Paragraph,
    Short,
}

/// Extracts the article from the text of a page, or `None` when it has no paragraph.
pub fn extract_page(text: &str, chrome: &SiteChrome) -> Option<ExtractedPage> {
    extract_lines(&text.lines().collect::<Vec<_>>(), chrome)
}

/// [`extract_page`] for a page already split into lines (or blocks, for HTML).
pub fn extract_lines(lines: &[&str], chrome: &SiteChrome) -> Option<ExtractedPage> {
    let lines: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    let kinds: Vec<Kind> = lines.iter().map(|l| kind_of(l, chrome)).collect();
    let (start, end) = best_paragraph_run(&kinds)?;
    let body: Vec<&str> = (start..=end)
        .filter(|&i| matches!(kinds[i], Kind::Paragraph | Kind::Short))
        .map(|i| lines[i])
        .collect();
    let body = body.join("\n");
    let script = dominant_script(&body);
    let title = (0..start)
        .rev()
        .filter(|&i| kinds[i] != Kind::Blank)
        .take(8)
        .find(|&i| kinds[i] == Kind::Short && is_headline(lines[i], script))
        .map(|i| lines[i].to_string())
        .unwrap_or_default();
    let published = lines
        .iter()
        .zip(&kinds)
        .filter(|(_, k)| **k == Kind::Date)
        .find_map(|(l, _)| parse_date_line(l));
    Some(ExtractedPage {
        title,
        published,
        body,
    })
}

fn kind_of(line: &str, chrome: &SiteChrome) -> Kind {
    if line.is_empty() {
        Kind::Blank
    } else if chrome.contains(line) {
        Kind::Chrome
    } else if parse_date_line(line).is_some() {
        Kind::Date
    } else if is_paragraph(line) {
        Kind::Paragraph
    } else {
        Kind::Short
    }
}

/// A sentence-like line: six words or more ending with sentence punctuation, or a long line.
fn is_paragraph(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let end = line.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' ']);
    let sentence_end = end.ends_with(['।', '॥', '.', '?', '!', '…', '|', '؟', '。', '？', '！']);
    (words >= 6 && sentence_end) || (words >= 20 && line.chars().count() >= 120)
}

/// The longest run (by characters of paragraph text) of paragraphs, with blank lines and
/// up to two short lines in a row between them. Returns its first and last paragraph.
fn best_paragraph_run(kinds: &[Kind]) -> Option<(usize, usize)> {
    let lens: Vec<usize> = kinds
        .iter()
        .map(|k| usize::from(*k == Kind::Paragraph))
        .collect();
    let mut best: Option<(usize, usize, usize)> = None; // (score, start, end)
    let mut i = 0;
    while i < kinds.len() {
        if kinds[i] != Kind::Paragraph {
            i += 1;
            continue;
        }
        let (start, mut end, mut score) = (i, i, lens[i]);
        let mut j = i + 1;
        let mut shorts = 0;
        while j < kinds.len() {
            match kinds[j] {
                Kind::Paragraph => {
                    end = j;
                    score += lens[j];
                    shorts = 0;
                }
                Kind::Blank => {}
                Kind::Short if shorts < 2 => shorts += 1,
                _ => break,
            }
            j += 1;
        }
        if best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, start, end));
        }
        i = end + 1;
    }
    best.map(|(_, s, e)| (s, e))
}

fn dominant_script(text: &str) -> Option<Script> {
    let mut counts: HashMap<Script, usize> = HashMap::new();
    for c in text.chars().take(4000) {
        if let Some(s) = script_of_char(c) {
            *counts.entry(s).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|&(_, n)| n).map(|(s, _)| s)
}

fn is_headline(line: &str, body_script: Option<Script>) -> bool {
    let words = line.split_whitespace().count();
    (2..=40).contains(&words) && (body_script.is_none() || dominant_script(line) == body_script)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "No menu items!\nThursday, November 6, 2025\nspot_img\n\nLatest Posts\n\nकिम ने दोहराया, ‘रूस को हमारा पूरा समर्थन’\n\nसोल। उत्तर कोरिया के नेता किम जोंग-उन ने रूसी विदेश मंत्री से मुलाकात की।\nदूसरा अनुच्छेद भी एक पूरा वाक्य है जो यहां खत्म होता है।\n\nतीसरा अनुच्छेद, जिसमें और बातें हैं, यहां पूरा होता है।\n\nLatest Posts\n\nspot_imgspot_img\n\nDon't Miss\n\nStay in touch\n\nTo be updated with all the latest news, offers and special announcements.";

    #[test]
    fn finds_headline_date_and_body_without_chrome() {
        let a = extract_page(PAGE, &SiteChrome::default()).unwrap();
        assert_eq!(a.title, "किम ने दोहराया, ‘रूस को हमारा पूरा समर्थन’");
        assert_eq!(
            a.published,
            Date::from_calendar_date(2025, time::Month::November, 6).ok()
        );
        assert!(a.body.starts_with("सोल।"));
        assert!(a.body.ends_with("यहां पूरा होता है।"));
        for chrome in [
            "Latest Posts",
            "spot_img",
            "Don't Miss",
            "Stay in touch",
            "November",
            "updated",
        ] {
            assert!(!a.body.contains(chrome), "{chrome} in body");
        }
    }

    #[test]
    fn recurring_lines_are_chrome() {
        let pages: Vec<String> = (0..4)
            .map(|i| format!("Also read: the site's links now.\nयह अनुच्छेद {i} एक पूरा वाक्य है जो यहां खत्म होता है।\nAlso read: the site's links now.\n"))
            .collect();
        let chrome = SiteChrome::learn(pages.iter().map(String::as_str));
        assert!(chrome.contains("Also read: the site's links now."));
        let a = extract_page(&pages[0], &chrome).unwrap();
        assert!(!a.body.contains("Also read"));
        // without learning, the sentence-like link line would have counted as text
        let b = extract_page(&pages[0], &SiteChrome::default()).unwrap();
        assert!(b.body.contains("Also read"));
    }

    #[test]
    fn no_paragraph_no_article() {
        assert!(extract_page("Home\nAbout\nContact", &SiteChrome::default()).is_none());
    }
}
