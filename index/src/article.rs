//! The article: what khoj indexes, and how a record from outside becomes one.
//!
//! ```
//! use khoj_index::article::Article;
//! let a = Article::from_json(r#"{"id": 7, "title": "शीर्षक", "body": "उत्तर कोरिया के नेता"}"#).unwrap();
//! assert_eq!(a.id, "7");
//! assert_eq!(a.lang, "hi"); // inferred from the script
//! ```

use std::borrow::Cow;
use std::fmt;

use khoj_analyzers::{script_of_char, without_noncharacters, Script};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::dates::{indexable, parse_date};

/// One news article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Unique key: a re-ingested id replaces its article.
    pub id: String,
    /// Where the article lives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The headline (may be empty).
    #[serde(default)]
    pub title: String,
    /// The text.
    pub body: String,
    /// Publication time.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub published_at: Option<OffsetDateTime>,
    /// The publication or site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Who wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Section or category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// ISO 639-1 language code (inferred from the script when the input has none).
    pub lang: String,
}

/// Why a record is not an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// Not valid JSON.
    #[error("malformed JSON: {0}")]
    Json(String),
    /// Not a JSON object.
    #[error("not a JSON object")]
    NotAnObject,
    /// No id, or an empty one.
    #[error("missing id")]
    MissingId,
    /// No body, or an empty one.
    #[error("missing body")]
    MissingBody,
    /// A field of the wrong type.
    #[error("field {field}: {reason}")]
    BadField {
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A date that is not in a format khoj reads.
    #[error("unknown date format: {0:?} (use RFC 3339, e.g. 2020-03-01T10:00:00+05:30)")]
    UnknownDate(String),
    /// Bytes that are not UTF-8.
    #[error("invalid UTF-8")]
    InvalidUtf8,
    /// A page from which no article could be extracted.
    #[error("no article text found in the page")]
    NoArticle,
    /// A publication date the index cannot hold.
    #[error("published_at {0} is outside the dates the index holds (1677-09-22 to 2262-04-11)")]
    DateOutOfRange(String),
}

/// A record that is not an article: where it is, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRecord {
    /// The file (or `-` for standard input).
    pub origin: String,
    /// The 1-based line where the record starts (1 for a page).
    pub line: usize,
    /// What is wrong with it.
    pub reason: RecordError,
}

impl fmt::Display for BadRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.origin, self.line, self.reason)
    }
}

impl std::error::Error for BadRecord {}

/// An article in a list: what a reader or an editor needs to recognize it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    /// Its id.
    pub id: String,
    /// Its headline.
    pub title: String,
    /// Its URL.
    pub url: Option<String>,
    /// Its publication time (RFC 3339 in JSON).
    #[serde(with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
    /// Its source.
    pub source: Option<String>,
}

impl From<Article> for ArticleSummary {
    fn from(a: Article) -> ArticleSummary {
        ArticleSummary {
            id: a.id,
            title: a.title,
            url: a.url,
            published_at: a.published_at,
            source: a.source,
        }
    }
}

/// Ids longer than this are refused (an id is a key, not a text).
pub const MAX_ID_BYTES: usize = 512;

/// The one rule for ids, wherever they come from (a record, a path, a command line): white
/// space around an id is not part of it, and an id is 1 to [`MAX_ID_BYTES`] bytes.
///
/// ```
/// use khoj_index::article::clean_id;
/// assert_eq!(clean_id(" hn2020-00005\t").unwrap(), "hn2020-00005");
/// assert!(clean_id("  ").is_err());
/// ```
pub fn clean_id(raw: &str) -> Result<String, RecordError> {
    let id = raw.trim();
    if id.is_empty() {
        return Err(RecordError::MissingId);
    }
    if id.len() > MAX_ID_BYTES {
        return Err(bad("id", &format!("longer than {MAX_ID_BYTES} bytes")));
    }
    Ok(id.to_string())
}

/// The id a JSON value gives: a string, or a number written as JSON writes it (`7`,
/// `1.5`); `None` for any other value.
pub fn id_of_json(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl Article {
    /// Parses one JSON object.
    pub fn from_json(json: &str) -> Result<Article, RecordError> {
        // The common shape, read straight into borrowed strings; anything else goes through
        // a JSON value, field by field, for a precise error.
        let object = json.trim_start().starts_with('{');
        if let Some(typed) = object
            .then(|| serde_json::from_str::<TypedArticle<'_>>(json).ok())
            .flatten()
        {
            return typed.into_article();
        }
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| RecordError::Json(e.to_string()))?;
        Article::from_value(value)
    }

    /// Builds an article from a JSON value, checking every field.
    pub fn from_value(value: serde_json::Value) -> Result<Article, RecordError> {
        let serde_json::Value::Object(mut map) = value else {
            return Err(RecordError::NotAnObject);
        };
        let mut take = |k: &str| map.remove(k).filter(|v| !v.is_null());
        let id = match take("id") {
            Some(v) => id_of_json(&v).ok_or_else(|| bad("id", "must be a string or a number"))?,
            None => return Err(RecordError::MissingId),
        };
        let id = clean_id(&id)?;
        let body = string_field(take("body"), "body")?.unwrap_or_default();
        let title = string_field(take("title"), "title")?.unwrap_or_default();
        let url = string_field(take("url"), "url")?;
        let source = string_field(take("source"), "source")?;
        let author = string_field(take("author"), "author")?;
        let category = string_field(take("category"), "category")?;
        let lang = string_field(take("lang"), "lang")?;
        let published_at = match take("published_at") {
            None => None,
            Some(serde_json::Value::String(s)) if s.trim().is_empty() => None,
            Some(serde_json::Value::String(s)) => {
                Some(parse_date(&s).ok_or(RecordError::UnknownDate(s))?)
            }
            Some(serde_json::Value::Number(n)) => {
                let secs = n
                    .as_i64()
                    .ok_or_else(|| bad("published_at", "not whole seconds"))?;
                Some(
                    OffsetDateTime::from_unix_timestamp(secs)
                        .map_err(|_| bad("published_at", "out of range"))?,
                )
            }
            Some(_) => return Err(bad("published_at", "must be a string or a number")),
        };
        let tags = match take("tags") {
            None => Vec::new(),
            Some(serde_json::Value::String(s)) => s
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect(),
            Some(serde_json::Value::Array(items)) => items
                .into_iter()
                .map(|v| match v {
                    serde_json::Value::String(s) => Ok(s.trim().to_string()),
                    _ => Err(bad("tags", "must be strings")),
                })
                .filter(|t| t.as_ref().map_or(true, |t| !t.is_empty()))
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(bad("tags", "must be a string or an array of strings")),
        };
        Article::new(ArticleParts {
            id,
            url,
            title,
            body,
            published_at,
            source,
            author,
            category,
            tags,
            lang,
        })
    }

    /// Builds an article from its parts, checking them: the id follows [`clean_id`], the
    /// body must not be empty, a publication date must be one the index can hold, the
    /// language (when given) must be an ISO 639 code, and it is inferred otherwise.
    pub fn new(parts: ArticleParts) -> Result<Article, RecordError> {
        let id = clean_id(&parts.id)?;
        if let Some(t) = parts.published_at.filter(|t| !indexable(*t)) {
            return Err(RecordError::DateOutOfRange(t.date().to_string()));
        }
        let clean = without_noncharacters;
        let body = clean(parts.body);
        if body.trim().is_empty() {
            return Err(RecordError::MissingBody);
        }
        let title = clean(parts.title).trim().to_string();
        let lang = match parts.lang.map(|l| l.trim().to_ascii_lowercase()) {
            Some(l) if !l.is_empty() => {
                let code = l.split(['-', '_']).next().unwrap_or_default().to_string();
                if !(2..=3).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_lowercase()) {
                    return Err(bad("lang", &format!("{l:?} is not an ISO 639-1 code")));
                }
                code
            }
            _ => infer_language(&title, &body).to_string(),
        };
        let opt = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(Article {
            id,
            url: opt(parts.url),
            title,
            body,
            published_at: parts.published_at,
            source: opt(parts.source),
            author: opt(parts.author),
            category: opt(parts.category),
            tags: parts.tags,
            lang,
        })
    }
}

/// An article object as it usually comes: strings borrowed from the input where they have no
/// escapes. Only this shape is read this way; any other goes through [`Article::from_value`].
#[derive(Deserialize)]
struct TypedArticle<'a> {
    #[serde(default, borrow)]
    id: Option<Scalar<'a>>,
    #[serde(default, borrow)]
    title: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    body: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    url: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    published_at: Option<Scalar<'a>>,
    #[serde(default, borrow)]
    source: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    author: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    category: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    lang: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    tags: Option<Vec<Cow<'a, str>>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar<'a> {
    Int(i64),
    Str(#[serde(borrow)] Cow<'a, str>),
}

impl TypedArticle<'_> {
    fn into_article(self) -> Result<Article, RecordError> {
        let id = match self.id {
            Some(Scalar::Str(s)) => clean_id(&s)?,
            Some(Scalar::Int(n)) => n.to_string(),
            None => return Err(RecordError::MissingId),
        };
        let published_at = match self.published_at {
            None => None,
            Some(Scalar::Str(s)) if s.trim().is_empty() => None,
            Some(Scalar::Str(s)) => {
                Some(parse_date(&s).ok_or_else(|| RecordError::UnknownDate(s.to_string()))?)
            }
            Some(Scalar::Int(secs)) => Some(
                OffsetDateTime::from_unix_timestamp(secs)
                    .map_err(|_| bad("published_at", "out of range"))?,
            ),
        };
        let own = |s: Option<Cow<'_, str>>| s.map(Cow::into_owned);
        Article::new(ArticleParts {
            id,
            url: own(self.url),
            title: own(self.title).unwrap_or_default(),
            body: own(self.body).unwrap_or_default(),
            published_at,
            source: own(self.source),
            author: own(self.author),
            category: own(self.category),
            tags: self
                .tags
                .unwrap_or_default()
                .into_iter()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            lang: own(self.lang),
        })
    }
}

/// The fields of an article before they are checked.
#[derive(Debug, Clone, Default)]
pub struct ArticleParts {
    /// See [`Article::id`].
    pub id: String,
    /// See [`Article::url`].
    pub url: Option<String>,
    /// See [`Article::title`].
    pub title: String,
    /// See [`Article::body`].
    pub body: String,
    /// See [`Article::published_at`].
    pub published_at: Option<OffsetDateTime>,
    /// See [`Article::source`].
    pub source: Option<String>,
    /// See [`Article::author`].
    pub author: Option<String>,
    /// See [`Article::category`].
    pub category: Option<String>,
    /// See [`Article::tags`].
    pub tags: Vec<String>,
    /// See [`Article::lang`].
    pub lang: Option<String>,
}

fn bad(field: &'static str, reason: &str) -> RecordError {
    RecordError::BadField {
        field,
        reason: reason.to_string(),
    }
}

fn string_field(
    v: Option<serde_json::Value>,
    field: &'static str,
) -> Result<Option<String>, RecordError> {
    match v {
        None => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s)),
        Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(bad(field, "must be a string")),
    }
}

/// The language of a text from its script, looking at up to 2,000 letters: Devanagari →
/// `hi`, Latin → `en`, Hangul → `ko`, kana → `ja`, Han → `zh` (`ja` when kana are present
/// too), each Indian script → its most widely written language (Bengali → `bn`, Arabic →
/// `ur` …), other scripts → `und`.
pub fn infer_language(title: &str, body: &str) -> &'static str {
    let mut counts = [0usize; Script::ALL.len()];
    let mut seen = 0;
    for c in title.chars().chain(body.chars()) {
        let Some(script) = script_of_char(c) else {
            continue;
        };
        counts[script as usize] += 1;
        seen += 1;
        if seen >= 2000 {
            break;
        }
    }
    let kana = counts[Script::Kana as usize];
    let best = Script::ALL
        .into_iter()
        .max_by_key(|&s| counts[s as usize])
        .unwrap_or(Script::Other);
    if counts[best as usize] == 0 {
        return "und";
    }
    match best {
        Script::Latin => "en",
        Script::Han if kana > 0 => "ja",
        Script::Han => "zh",
        Script::Kana => "ja",
        Script::Hangul => "ko",
        // Devanagari and the other Indian scripts: the script's first language
        script => khoj_analyzers::script_language(script).unwrap_or("und"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_fields() {
        assert_eq!(
            Article::from_json(r#"{"body": "x"}"#),
            Err(RecordError::MissingId)
        );
        assert_eq!(
            Article::from_json(r#"{"id": " ", "body": "x"}"#),
            Err(RecordError::MissingId)
        );
        assert_eq!(
            Article::from_json(r#"{"id": "a"}"#),
            Err(RecordError::MissingBody)
        );
        assert_eq!(
            Article::from_json(r#"{"id": "a", "body": "  "}"#),
            Err(RecordError::MissingBody)
        );
        assert!(matches!(Article::from_json("{"), Err(RecordError::Json(_))));
        assert_eq!(Article::from_json("[1]"), Err(RecordError::NotAnObject));
    }

    #[test]
    fn dates_and_languages() {
        let a =
            Article::from_json(r#"{"id":"a","body":"Hello world","published_at":"2020-03-01"}"#)
                .unwrap();
        assert_eq!(a.lang, "en");
        assert_eq!(a.published_at.unwrap().unix_timestamp(), 1583020800);
        assert!(matches!(
            Article::from_json(r#"{"id":"a","body":"x","published_at":"1st of March"}"#),
            Err(RecordError::UnknownDate(_))
        ));
        assert!(matches!(
            Article::from_json(r#"{"id":"a","body":"x","lang":"hindi"}"#),
            Err(RecordError::BadField { field: "lang", .. })
        ));
        let a = Article::from_json(r#"{"id":"a","body":"x","lang":"HI-in"}"#).unwrap();
        assert_eq!(a.lang, "hi");
        assert_eq!(infer_language("", "東京でニュース"), "ja");
        assert_eq!(infer_language("", "北京新闻"), "zh");
        assert_eq!(infer_language("", "서울 뉴스"), "ko");
    }

    #[test]
    fn tags_and_noncharacters() {
        let a = Article::from_json(
            "{\"id\":\"a\",\"body\":\"\u{FDD0}mr\u{FDD1}text\",\"tags\":\"x, y\"}",
        )
        .unwrap();
        assert_eq!(a.body, "mrtext");
        assert_eq!(a.tags, ["x", "y"]);
    }
}
