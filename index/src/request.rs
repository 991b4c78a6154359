//! Requests from outside — a reader's search, an editor's related coverage or copies —
//! parsed and validated once, here, with typed errors. The front ends (the HTTP API, the
//! command line) only gather the parameters as text ([`SearchParams`], [`RelatedParams`])
//! and map an [`InvalidRequest`] to their output; the typed requests they get back
//! ([`SearchRequest`], [`RelatedRequest`]) are what the searcher runs.
//!
//! ```
//! use khoj_index::request::{Fault, SearchParams};
//! let params = SearchParams::from_pairs([("q", "किम"), ("limit", "5"), ("to", "2020-03-01")]).unwrap();
//! let req = params.request().unwrap();
//! assert_eq!(req.limit, 5);
//! // "to" a day means to the end of that day
//! assert_eq!(req.filters.to.unwrap().time().hour(), 23);
//! let e = SearchParams::from_pairs([("query", "kim")]).unwrap_err();
//! assert_eq!((e.field.as_str(), e.fault), ("query", Fault::Unknown));
//! assert_eq!(e.fault.code(), "unknown_parameter");
//! ```

use std::fmt;

use time::OffsetDateTime;

use crate::article::clean_id;
use crate::dates::parse_date;

/// Results per page, at most.
pub const MAX_LIMIT: usize = 100;
/// How deep paging may go.
pub const MAX_OFFSET: usize = 10_000;
/// Queries longer than this (in characters) are refused.
pub const MAX_QUERY_CHARS: usize = 10_000;
/// Related articles per request, at most.
pub const MAX_RELATED: usize = 100;
/// Results per page when the request does not say.
pub const DEFAULT_LIMIT: usize = 10;

/// What kind of mistake a request holds: one code each, for the HTTP API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A parameter that must be given is missing or empty.
    Missing,
    /// A parameter's value cannot be read, or is out of its range.
    Invalid,
    /// A parameter the request does not take.
    Unknown,
}

impl Fault {
    /// The error code of the HTTP API.
    pub fn code(self) -> &'static str {
        match self {
            Fault::Missing => "missing_parameter",
            Fault::Invalid => "invalid_parameter",
            Fault::Unknown => "unknown_parameter",
        }
    }
}

/// A request that cannot be run: which parameter, what kind of mistake, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct InvalidRequest {
    /// The parameter's name (`q`, `limit`, `from` …).
    pub field: String,
    /// The kind of mistake.
    pub fault: Fault,
    /// What is wrong, for a person.
    pub reason: String,
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field, self.reason)
    }
}

impl InvalidRequest {
    /// `field`'s value is wrong: `reason` says how (it follows the field's name).
    pub fn invalid(field: &str, reason: impl Into<String>) -> Self {
        InvalidRequest {
            field: field.to_string(),
            fault: Fault::Invalid,
            reason: reason.into(),
        }
    }

    fn missing(field: &str, reason: impl Into<String>) -> Self {
        InvalidRequest {
            field: field.to_string(),
            fault: Fault::Missing,
            reason: reason.into(),
        }
    }

    fn unknown(field: &str, takes: &[&str]) -> Self {
        InvalidRequest {
            field: field.to_string(),
            fault: Fault::Unknown,
            reason: format!(
                "is not a parameter of this request (it takes {})",
                takes.join(", ")
            ),
        }
    }
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Latest publication first.
    Newest,
}

/// Filters that restrict, without changing scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Published at or after (a time before any the index holds means no bound).
    pub from: Option<OffsetDateTime>,
    /// Published at or before (a time after any the index holds means no bound).
    pub to: Option<OffsetDateTime>,
    /// Exactly this source.
    pub source: Option<String>,
    /// Exactly this category.
    pub category: Option<String>,
    /// Exactly this language.
    pub lang: Option<String>,
}

/// A search, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// What the reader typed.
    pub query: String,
    /// Results per page (1 to [`MAX_LIMIT`]).
    pub limit: usize,
    /// Results to skip (at most [`MAX_OFFSET`]).
    pub offset: usize,
    /// Filters.
    pub filters: Filters,
    /// Order.
    pub sort: Sort,
    /// Count hits per source, category, language and month.
    pub facets: bool,
    /// Compute snippets.
    pub snippets: bool,
    /// List every copy of a story, instead of the best one standing for the others.
    pub expand_copies: bool,
    /// As you type: the query's last word is a prefix (unless the query ends in a space or
    /// punctuation), completed from the index's words.
    pub instant: bool,
    /// Also match index words a small spelling distance from a query word the index does
    /// not hold, or holds rarely, at a lower weight (on by default).
    pub typos: bool,
    /// The language to analyze the query as (ISO 639-1); by default the language filter's,
    /// else the script decides (Han alone is read as Chinese).
    pub query_lang: Option<String>,
    /// When the caller stops waiting: past it, the search stops its work and answers
    /// `IndexError::TimedOut`.
    pub deadline: Option<std::time::Instant>,
}

impl SearchRequest {
    /// The first page of results for `query`, by relevance, with facets and snippets.
    pub fn new(query: &str) -> SearchRequest {
        SearchRequest {
            query: query.to_string(),
            limit: DEFAULT_LIMIT,
            offset: 0,
            filters: Filters::default(),
            sort: Sort::Relevance,
            facets: true,
            snippets: true,
            expand_copies: false,
            instant: false,
            typos: true,
            query_lang: None,
            deadline: None,
        }
    }
}

/// The parameters of a search as a front end receives them: text, each optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchParams {
    /// The query.
    pub q: Option<String>,
    /// Results per page.
    pub limit: Option<String>,
    /// Results to skip.
    pub offset: Option<String>,
    /// Published on or after: `YYYY-MM-DD` or RFC 3339.
    pub from: Option<String>,
    /// Published on or before: `YYYY-MM-DD` (to the end of that day) or RFC 3339.
    pub to: Option<String>,
    /// Only this source.
    pub source: Option<String>,
    /// Only this category.
    pub category: Option<String>,
    /// Only this language.
    pub lang: Option<String>,
    /// `relevance` or `newest`.
    pub sort: Option<String>,
    /// `collapse` (the default) or `expand`.
    pub copies: Option<String>,
    /// `1` (or `true`): as you type; `0` (or `false`, the default): not.
    pub instant: Option<String>,
    /// `1` (the default): forgive typing errors; `0`: not.
    pub typos: Option<String>,
    /// `1` (the default): count the matches per source, category, language and month;
    /// `0`: not (faster, for a client that shows no facets).
    pub facets: Option<String>,
}

impl SearchParams {
    /// The parameters a search takes.
    pub const NAMES: &'static [&'static str] = &[
        "q", "limit", "offset", "from", "to", "source", "category", "lang", "sort", "copies",
        "instant", "typos", "facets",
    ];

    /// The parameters of `(name, value)` pairs (a query string); a name a search does not
    /// take, or one given twice, is refused.
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<SearchParams, InvalidRequest> {
        let mut p = SearchParams::default();
        for (name, value) in pairs {
            let name = name.as_ref();
            let slot = match name {
                "q" => &mut p.q,
                "limit" => &mut p.limit,
                "offset" => &mut p.offset,
                "from" => &mut p.from,
                "to" => &mut p.to,
                "source" => &mut p.source,
                "category" => &mut p.category,
                "lang" => &mut p.lang,
                "sort" => &mut p.sort,
                "copies" => &mut p.copies,
                "instant" => &mut p.instant,
                "typos" => &mut p.typos,
                "facets" => &mut p.facets,
                _ => return Err(InvalidRequest::unknown(name, Self::NAMES)),
            };
            set_once(slot, name, value.into())?;
        }
        Ok(p)
    }

    /// The search these parameters ask for, or what is wrong with them.
    pub fn request(&self) -> Result<SearchRequest, InvalidRequest> {
        let q = nonempty(&self.q).ok_or_else(|| {
            InvalidRequest::missing("q", "is empty: give the words to search for")
        })?;
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(InvalidRequest::invalid(
                "q",
                format!("is longer than {MAX_QUERY_CHARS} characters"),
            ));
        }
        let mut req = SearchRequest::new(q);
        req.limit = number("limit", &self.limit, DEFAULT_LIMIT, 1, MAX_LIMIT)?;
        req.offset = number("offset", &self.offset, 0, 0, MAX_OFFSET)?;
        req.filters = Filters {
            from: date("from", &self.from, false)?,
            to: date("to", &self.to, true)?,
            source: nonempty(&self.source).map(String::from),
            category: nonempty(&self.category).map(String::from),
            lang: nonempty(&self.lang).map(String::from),
        };
        if let (Some(from), Some(to)) = (req.filters.from, req.filters.to) {
            if from > to {
                return Err(InvalidRequest::invalid("from", "is after to"));
            }
        }
        req.sort = match nonempty(&self.sort) {
            None | Some("relevance") => Sort::Relevance,
            Some("newest") => Sort::Newest,
            Some(other) => {
                return Err(InvalidRequest::invalid(
                    "sort",
                    format!("must be relevance or newest, not {other:?}"),
                ))
            }
        };
        req.instant = flag("instant", &self.instant, false)?;
        req.typos = flag("typos", &self.typos, true)?;
        req.facets = flag("facets", &self.facets, true)?;
        req.expand_copies = match nonempty(&self.copies) {
            None | Some("collapse") => false,
            Some("expand") => true,
            Some(other) => {
                return Err(InvalidRequest::invalid(
                    "copies",
                    format!("must be collapse or expand, not {other:?}"),
                ))
            }
        };
        Ok(req)
    }
}

/// Suggestions for what is being typed, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestRequest {
    /// What has been typed so far.
    pub q: String,
    /// Suggestions, at most (1 to [`MAX_SUGGESTIONS`]).
    pub limit: usize,
}

/// Suggestions per request, at most.
pub const MAX_SUGGESTIONS: usize = 8;

/// The parameters of a suggestions request as a front end receives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SuggestParams {
    /// What has been typed so far.
    pub q: Option<String>,
    /// Suggestions, at most.
    pub limit: Option<String>,
}

impl SuggestParams {
    /// The parameters a suggestions request takes.
    pub const NAMES: &'static [&'static str] = &["q", "limit"];

    /// The parameters of `(name, value)` pairs; a name it does not take is refused.
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<SuggestParams, InvalidRequest> {
        let mut p = SuggestParams::default();
        for (name, value) in pairs {
            let name = name.as_ref();
            let slot = match name {
                "q" => &mut p.q,
                "limit" => &mut p.limit,
                _ => return Err(InvalidRequest::unknown(name, Self::NAMES)),
            };
            set_once(slot, name, value.into())?;
        }
        Ok(p)
    }

    /// The request, or what is wrong with it. An empty `q` is a request for nothing.
    pub fn request(&self) -> Result<SuggestRequest, InvalidRequest> {
        let q = self.q.clone().unwrap_or_default();
        if q.chars().count() > 200 {
            return Err(InvalidRequest::invalid(
                "q",
                "is longer than 200 characters",
            ));
        }
        Ok(SuggestRequest {
            q: q.trim_start().to_string(),
            limit: number("limit", &self.limit, MAX_SUGGESTIONS, 1, MAX_SUGGESTIONS)?,
        })
    }
}

/// Related coverage of one article, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedRequest {
    /// The article's id.
    pub id: String,
    /// Related articles to list (1 to [`MAX_RELATED`]).
    pub limit: usize,
    /// Only articles published within this many days of it.
    pub days: Option<u32>,
}

/// The parameters of a related-coverage request as a front end receives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelatedParams {
    /// Related articles to list.
    pub limit: Option<String>,
    /// Only articles published within this many days of the article.
    pub days: Option<String>,
}

impl RelatedParams {
    /// The parameters a related-coverage request takes.
    pub const NAMES: &'static [&'static str] = &["limit", "days"];

    /// The parameters of `(name, value)` pairs; a name it does not take is refused.
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<RelatedParams, InvalidRequest> {
        let mut p = RelatedParams::default();
        for (name, value) in pairs {
            let name = name.as_ref();
            let slot = match name {
                "limit" => &mut p.limit,
                "days" => &mut p.days,
                _ => return Err(InvalidRequest::unknown(name, Self::NAMES)),
            };
            set_once(slot, name, value.into())?;
        }
        Ok(p)
    }

    /// The request for the article `id`, or what is wrong with it.
    pub fn request(&self, id: &str) -> Result<RelatedRequest, InvalidRequest> {
        Ok(RelatedRequest {
            id: article_id(id)?,
            limit: number("limit", &self.limit, DEFAULT_LIMIT, 1, MAX_RELATED)?,
            days: match nonempty(&self.days) {
                None => None,
                Some(d) => Some(d.parse::<u32>().map_err(|_| {
                    InvalidRequest::invalid(
                        "days",
                        format!("must be a whole number of days, not {d:?}"),
                    )
                })?),
            },
        })
    }
}

/// An article's id as a request names it (a path, a command line), by the one rule for ids
/// ([`clean_id`]).
pub fn article_id(raw: &str) -> Result<String, InvalidRequest> {
    clean_id(raw).map_err(|e| InvalidRequest::invalid("id", e.to_string()))
}

/// Refuses any parameter: for requests that take none.
pub fn no_params<K: AsRef<str>, V>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> Result<(), InvalidRequest> {
    match pairs.into_iter().next() {
        Some((name, _)) => Err(InvalidRequest {
            field: name.as_ref().to_string(),
            fault: Fault::Unknown,
            reason: "is not a parameter of this request (it takes none)".into(),
        }),
        None => Ok(()),
    }
}

fn set_once(slot: &mut Option<String>, name: &str, value: String) -> Result<(), InvalidRequest> {
    if slot.is_some() {
        return Err(InvalidRequest::invalid(name, "is given more than once"));
    }
    *slot = Some(value);
    Ok(())
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn flag(name: &str, v: &Option<String>, default: bool) -> Result<bool, InvalidRequest> {
    match nonempty(v) {
        None => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => Err(InvalidRequest::invalid(
            name,
            format!("must be 1 or 0, not {other:?}"),
        )),
    }
}

fn number(
    name: &str,
    v: &Option<String>,
    default: usize,
    min: usize,
    max: usize,
) -> Result<usize, InvalidRequest> {
    let Some(s) = nonempty(v) else {
        return Ok(default);
    };
    let n: usize = s
        .parse()
        .map_err(|_| InvalidRequest::invalid(name, format!("must be a whole number, not {s:?}")))?;
    if n < min || n > max {
        let range = if min == 0 {
            format!("at most {max}")
        } else {
            format!("{min} to {max}")
        };
        return Err(InvalidRequest::invalid(
            name,
            format!("must be {range}, not {n}"),
        ));
    }
    Ok(n)
}

/// A date bound: `YYYY-MM-DD` (the start of the day, or with `end_of_day` its last
/// second) or RFC 3339.
fn date(
    name: &str,
    v: &Option<String>,
    end_of_day: bool,
) -> Result<Option<OffsetDateTime>, InvalidRequest> {
    let Some(s) = nonempty(v) else {
        return Ok(None);
    };
    let d = parse_date(s).ok_or_else(|| {
        InvalidRequest::invalid(
            name,
            format!(
                "must be a date, YYYY-MM-DD or RFC 3339 (2020-03-01T10:00:00+05:30), not {s:?}"
            ),
        )
    })?;
    let is_day = s.len() == 10;
    Ok(Some(if end_of_day && is_day {
        d.saturating_add(time::Duration::seconds(86_399))
    } else {
        d
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(pairs: &[(&str, &str)]) -> Result<SearchRequest, InvalidRequest> {
        SearchParams::from_pairs(pairs.iter().copied())?.request()
    }

    #[test]
    fn each_mistake_names_its_parameter() {
        type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, Fault);
        let cases: &[Case] = &[
            (&[("q", " ")], "q", Fault::Missing),
            (&[], "q", Fault::Missing),
            (&[("q", "x"), ("limit", "500")], "limit", Fault::Invalid),
            (&[("q", "x"), ("limit", "0")], "limit", Fault::Invalid),
            (&[("q", "x"), ("limit", "ten")], "limit", Fault::Invalid),
            (&[("q", "x"), ("offset", "10001")], "offset", Fault::Invalid),
            (&[("q", "x"), ("from", "yesterday")], "from", Fault::Invalid),
            (
                &[("q", "x"), ("from", "2020-03-02"), ("to", "2020-03-01")],
                "from",
                Fault::Invalid,
            ),
            (&[("q", "x"), ("sort", "oldest")], "sort", Fault::Invalid),
            (&[("q", "x"), ("copies", "all")], "copies", Fault::Invalid),
            (&[("q", "x"), ("query", "kim")], "query", Fault::Unknown),
            (&[("q", "x"), ("q", "y")], "q", Fault::Invalid),
        ];
        for (pairs, field, fault) in cases {
            let e = search(pairs).unwrap_err();
            assert_eq!(
                (e.field.as_str(), e.fault),
                (*field, *fault),
                "{pairs:?}: {e}"
            );
        }
        let long = "क".repeat(MAX_QUERY_CHARS + 1);
        assert_eq!(search(&[("q", &long)]).unwrap_err().field, "q");
        // the date message offers both formats
        let e = search(&[("q", "x"), ("to", "1/3/2020")]).unwrap_err();
        assert!(
            e.reason.contains("YYYY-MM-DD") && e.reason.contains("RFC 3339"),
            "{e}"
        );
    }

    #[test]
    fn a_good_search() {
        let r = search(&[
            ("q", " किम "),
            ("limit", "100"),
            ("offset", "20"),
            ("from", "2020-03-01"),
            ("to", "2020-03-01"),
            ("source", ""),
            ("lang", "hi"),
            ("sort", "newest"),
            ("copies", "expand"),
        ])
        .unwrap();
        assert_eq!(r.query, "किम");
        assert_eq!((r.limit, r.offset, r.sort), (100, 20, Sort::Newest));
        assert!(r.expand_copies);
        let (from, to) = (r.filters.from.unwrap(), r.filters.to.unwrap());
        assert_eq!((to - from).whole_seconds(), 86_399);
        assert_eq!(r.filters.source, None);
        assert_eq!(r.filters.lang.as_deref(), Some("hi"));
        // dates far outside the index's range are bounds all the same (the search treats
        // them as no bound), not errors
        assert!(search(&[("q", "x"), ("to", "9999-12-31"), ("from", "1600-01-01")]).is_ok());
    }

    #[test]
    fn related_requests() {
        let r = RelatedParams::default().request(" a1 ").unwrap();
        assert_eq!(
            (r.id.as_str(), r.limit, r.days),
            ("a1", DEFAULT_LIMIT, None)
        );
        let p = RelatedParams::from_pairs([("limit", "100"), ("days", "7")]).unwrap();
        assert_eq!(p.request("a1").unwrap().days, Some(7));
        for (pairs, field) in [
            (vec![("limit", "0")], "limit"),
            (vec![("limit", "101")], "limit"),
            (vec![("days", "-1")], "days"),
        ] {
            let e = RelatedParams::from_pairs(pairs)
                .and_then(|p| p.request("a1"))
                .unwrap_err();
            assert_eq!((e.field.as_str(), e.fault), (field, Fault::Invalid));
        }
        assert_eq!(
            RelatedParams::from_pairs([("q", "x")]).unwrap_err().fault,
            Fault::Unknown
        );
        assert_eq!(
            RelatedParams::default().request(" ").unwrap_err().field,
            "id"
        );
        assert!(no_params(Vec::<(String, String)>::new()).is_ok());
        assert_eq!(no_params([("x", "1")]).unwrap_err().fault, Fault::Unknown);
    }
}
