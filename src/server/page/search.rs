//! `GET /`: the search page. Results with highlighted snippets; facets as filters with
//! counts; page numbers; "did you mean"; help when nothing is found. With `fragment=1` only
//! the page's `<main>` is sent (the script asks for it as the reader types).

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use khoj_index::facets::FacetCount;
use khoj_index::request::{SearchParams, SuggestRequest, MAX_OFFSET};
use khoj_index::search::SearchResponse;

use super::text;
use super::{layout, url_param};
use crate::render::{day, escape, snippet_html};
use crate::server::api::{query_pairs, run_search};
use crate::server::AppState;

const PAGE_SIZE: usize = 10;
/// Page numbers shown around the current one.
const PAGE_LINKS: usize = 3;

/// The searches offered on the empty page: one typed in Roman letters.
const EXAMPLES: &[&str] = &[
    "लावरोव उत्तर कोरिया",
    "मौसम बारिश",
    "kisan andolan",
    "क्रिकेट",
    "\"प्रधानमंत्री मोदी\"",
];

/// The page's parameters: the filters a reader chose, kept in links and in the form.
#[derive(Debug, Default, Clone)]
struct PageParams {
    q: String,
    page: usize,
    source: Option<String>,
    category: Option<String>,
    lang: Option<String>,
    month: Option<String>,
    sort: Option<String>,
    fragment: bool,
    instant: bool,
    /// Count the facets (not while the reader types: they come when typing pauses).
    facets: bool,
}

impl PageParams {
    fn read(raw: Option<&str>) -> PageParams {
        let mut p = PageParams {
            page: 1,
            facets: true,
            ..PageParams::default()
        };
        // what cannot be read is left out: the page searches as far as it can
        for (name, value) in query_pairs(raw).unwrap_or_default() {
            let value = Some(value).filter(|v| !v.trim().is_empty());
            match name.as_str() {
                "q" => p.q = value.unwrap_or_default(),
                "page" => {
                    p.page = value
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_OFFSET / PAGE_SIZE + 1)
                }
                "source" => p.source = value,
                "category" => p.category = value,
                "lang" => p.lang = value,
                "month" => p.month = value.filter(|m| month_bounds(m).is_some()),
                "sort" => p.sort = value.filter(|s| s == "newest"),
                "fragment" => p.fragment = value.as_deref() == Some("1"),
                "instant" => p.instant = value.as_deref() == Some("1"),
                "facets" => p.facets = value.as_deref() != Some("0"),
                _ => {}
            }
        }
        p
    }

    /// The filters as (name, value) pairs, without the query and the page.
    fn filters(&self) -> Vec<(&'static str, &str)> {
        [
            ("source", &self.source),
            ("category", &self.category),
            ("lang", &self.lang),
            ("month", &self.month),
            ("sort", &self.sort),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
        .collect()
    }

    /// A link to this search with `change` made to its filters (a value of `None` removes
    /// one) and page `page`.
    fn link(&self, change: &[(&str, Option<&str>)], page: usize) -> String {
        let mut qs = format!("/?q={}", url_param(&self.q));
        for (k, v) in self.filters() {
            if !change.iter().any(|(c, _)| *c == k) {
                let _ = write!(qs, "&{k}={}", url_param(v));
            }
        }
        for (k, v) in change {
            if let Some(v) = v {
                let _ = write!(qs, "&{k}={}", url_param(v));
            }
        }
        if page > 1 {
            let _ = write!(qs, "&page={page}");
        }
        escape(&qs)
    }

    fn search_params(&self) -> SearchParams {
        let (from, to) = self
            .month
            .as_deref()
            .and_then(month_bounds)
            .map_or((None, None), |(f, t)| (Some(f), Some(t)));
        SearchParams {
            q: Some(self.q.clone()),
            limit: Some(PAGE_SIZE.to_string()),
            offset: Some(((self.page - 1) * PAGE_SIZE).to_string()),
            from,
            to,
            source: self.source.clone(),
            category: self.category.clone(),
            lang: self.lang.clone(),
            sort: self.sort.clone(),
            instant: Some(if self.instant { "1" } else { "0" }.into()),
            facets: Some(if self.facets { "1" } else { "0" }.into()),
            ..SearchParams::default()
        }
    }
}

/// The first and last day of a month `YYYY-MM`.
fn month_bounds(ym: &str) -> Option<(String, String)> {
    let (y, m) = ym.split_once('-')?;
    let (y, m): (i32, u8) = (y.parse().ok()?, m.parse().ok()?);
    let month = time::Month::try_from(m).ok()?;
    let last = time::util::days_in_month(month, y);
    Some((
        format!("{y:04}-{m:02}-01"),
        format!("{y:04}-{m:02}-{last:02}"),
    ))
}

/// `GET /`
pub async fn page(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> impl IntoResponse {
    let p = PageParams::read(raw.as_deref());
    let mut status = StatusCode::OK;
    let main = if p.q.trim().is_empty() {
        home()
    } else {
        match p.search_params().request() {
            Err(e) => {
                status = StatusCode::BAD_REQUEST;
                format!("<p class=\"error\">{}</p>", escape(&text::invalid(&e)))
            }
            Ok(req) => match run_search(&state, req).await {
                Err(e) => {
                    status = e.status;
                    format!("<p class=\"error\">{}</p>", escape(&text::failure(e.code)))
                }
                Ok(r) => {
                    let related = if r.total == 0 {
                        related_queries(&state, &p.q).await
                    } else {
                        Vec::new()
                    };
                    results(&p, &r, &related)
                }
            },
        }
    };
    let main = format!("<div class=\"page\" id=\"main\">{main}</div>");
    if p.fragment {
        // the inside of <main>, for the script
        let inner = &main["<div class=\"page\" id=\"main\">".len()..main.len() - "</div>".len()];
        return (status, Html(inner.to_string()));
    }
    let hidden = p.filters();
    (status, Html(layout(&p.q, &p.q, &hidden, &main, true)))
}

/// The empty page: what khoj does, and searches to try.
fn home() -> String {
    let mut h = String::from("<section class=\"help\"><p>हिंदी, अंग्रेज़ी या किसी भी भाषा में समाचार खोजें। हिंदी रोमन अक्षरों में भी लिख सकते हैं (<i>modi</i>, <i>kisan andolan</i>)। टाइप करते ही परिणाम दिखते हैं; वर्तनी की छोटी ग़लतियाँ माफ़ हैं।</p><p class=\"examples\">आज़माएँ: ");
    for e in EXAMPLES {
        let _ = write!(
            h,
            "<a href=\"/?q={}\">{}</a>",
            escape(&url_param(e)),
            escape(e)
        );
    }
    h.push_str("</p><p class=\"meta\">\"उद्धरण चिह्नों\" में पूरा वाक्यांश, +ज़रूरी और -हटाएँ शब्द, title: से केवल शीर्षक में।</p></section>");
    h
}

/// Queries to try when nothing was found: suggestions for the words typed.
async fn related_queries(state: &Arc<AppState>, q: &str) -> Vec<String> {
    let first: String = q.split_whitespace().next().unwrap_or("").to_string();
    let s = state.clone();
    tokio::task::spawn_blocking(move || {
        s.searcher
            .suggest(&SuggestRequest { q: first, limit: 5 })
            .into_iter()
            .map(|x| x.text)
            .collect()
    })
    .await
    .unwrap_or_default()
}

fn results(p: &PageParams, r: &SearchResponse, related: &[String]) -> String {
    let mut h = String::with_capacity(16 * 1024);
    h.push_str("<section class=\"results\">");
    if let Some(s) = &r.suggestion {
        let _ = write!(
            h,
            "<p class=\"didyoumean\">क्या आपका मतलब <a href=\"{}\"><b>{}</b></a> था?</p>",
            PageParams {
                q: s.clone(),
                ..p.clone()
            }
            .link(&[], 1),
            escape(s)
        );
    }
    let pages = (r.total as usize)
        .div_ceil(PAGE_SIZE)
        .clamp(1, MAX_OFFSET / PAGE_SIZE + 1);
    if r.total == 0 {
        h.push_str("<div class=\"help\"><p><b>कोई परिणाम नहीं मिला।</b></p><ul>");
        if !p.filters().is_empty() {
            let _ = write!(
                h,
                "<li><a href=\"{}\">सभी फ़िल्टर हटाकर खोजें</a></li>",
                escape(&format!("/?q={}", url_param(&p.q)))
            );
        }
        h.push_str("<li>कम या दूसरे शब्दों से खोजें।</li><li>वर्तनी जाँचें, या रोमन अक्षरों में लिखें (जैसे <i>dilli</i>)।</li></ul>");
        if !related.is_empty() {
            h.push_str("<p class=\"examples\">इन्हें खोजें: ");
            for q in related {
                let _ = write!(
                    h,
                    "<a href=\"/?q={}\">{}</a>",
                    escape(&url_param(q)),
                    escape(q)
                );
            }
            h.push_str("</p>");
        }
        h.push_str("</div></section>");
        return h;
    }
    if r.hits.is_empty() {
        // a page past the end
        let _ = write!(
            h,
            "<div class=\"help\"><p>इस खोज के केवल {pages} पृष्ठ हैं; यह पृष्ठ {} उनसे आगे है।</p><p><a href=\"{}\">आख़िरी पृष्ठ ({pages}) पर जाएँ</a></p></div>",
            p.page,
            p.link(&[], pages)
        );
        h.push_str("</section>");
        facets(&mut h, p, r);
        return h;
    }
    chips(&mut h, p);
    let _ = write!(
        h,
        "<p class=\"meta\">{} परिणाम ({} ms) · <a href=\"{}\">{}</a></p>",
        r.total,
        r.took_ms,
        p.link(
            &[(
                "sort",
                if p.sort.is_some() {
                    None
                } else {
                    Some("newest")
                }
            )],
            1
        ),
        if p.sort.is_some() {
            "प्रासंगिकता से क्रम"
        } else {
            "नवीनतम पहले"
        }
    );
    let first = (p.page - 1) * PAGE_SIZE + 1;
    let _ = write!(h, "<ol class=\"results\" start=\"{first}\">");
    for hit in &r.hits {
        let a = &hit.article;
        let page_link = format!("/articles/{}", url_param(&a.id));
        let href = match a.url.as_deref() {
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => escape(u),
            _ => escape(&page_link),
        };
        let title = if a.title.trim().is_empty() {
            "(शीर्षक नहीं)"
        } else {
            a.title.as_str()
        };
        let mut info = Vec::new();
        if let Some(s) = &a.source {
            info.push(escape(s));
        }
        if let Some(d) = a.published_at {
            info.push(day(d));
        }
        if hit.copies > 0 {
            info.push(format!(
                "<a class=\"copies\" href=\"{}#copies\">+{} प्रतियाँ</a>",
                escape(&page_link),
                hit.copies
            ));
        }
        info.push(format!(
            "<a href=\"{}#related\">संबंधित</a>",
            escape(&page_link)
        ));
        let _ = write!(
            h,
            "<li class=\"hit\" data-id=\"{}\"><h2><a href=\"{href}\">{}</a></h2><div class=\"info\">{}</div><p class=\"snippet\">{}</p></li>",
            escape(&a.id),
            escape(title),
            info.join(" · "),
            snippet_html(&hit.snippet)
        );
    }
    h.push_str("</ol>");
    paging(&mut h, p, pages);
    h.push_str("</section>");
    facets(&mut h, p, r);
    h
}

/// The filters chosen, each a link that removes it (on a phone the facets are below the
/// results: what narrows them is shown above).
fn chips(h: &mut String, p: &PageParams) {
    let chosen: Vec<(&str, String)> = [
        ("source", p.source.clone()),
        ("category", p.category.clone()),
        ("lang", p.lang.as_deref().map(text::language)),
        ("month", p.month.as_deref().map(text::month)),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    if chosen.is_empty() {
        return;
    }
    h.push_str("<p class=\"chips\">");
    for (k, v) in chosen {
        let _ = write!(
            h,
            "<a href=\"{}\" title=\"हटाएँ\">{} ✕</a>",
            p.link(&[(k, None)], 1),
            escape(&v)
        );
    }
    h.push_str("</p>");
}

/// Page numbers: the first, the last, and a few around the current one.
fn paging(h: &mut String, p: &PageParams, pages: usize) {
    if pages <= 1 {
        return;
    }
    h.push_str("<nav class=\"paging\" aria-label=\"पृष्ठ\">");
    if p.page > 1 {
        let _ = write!(
            h,
            "<a rel=\"prev\" href=\"{}\">← पिछला</a>",
            p.link(&[], p.page - 1)
        );
    }
    let mut last_shown = 0;
    for n in 1..=pages {
        let near = n.abs_diff(p.page) <= PAGE_LINKS;
        if n != 1 && n != pages && !near {
            continue;
        }
        if last_shown + 1 < n {
            h.push_str("<span class=\"gap\">…</span>");
        }
        if n == p.page {
            let _ = write!(
                h,
                "<span class=\"current\" aria-current=\"page\">{n}</span>"
            );
        } else {
            let _ = write!(h, "<a href=\"{}\">{n}</a>", p.link(&[], n));
        }
        last_shown = n;
    }
    if p.page < pages {
        let _ = write!(
            h,
            "<a rel=\"next\" href=\"{}\">अगला →</a>",
            p.link(&[], p.page + 1)
        );
    }
    h.push_str("</nav>");
}

/// A facet as the page shows it: heading, parameter, counts, the value chosen, and how a
/// value is named.
type FacetGroup<'a> = (
    &'a str,
    &'a str,
    &'a [FacetCount],
    &'a Option<String>,
    fn(&str) -> String,
);

/// The facets as filters, with the counts of the matches: a value chosen is marked, and its
/// link removes it.
fn facets(h: &mut String, p: &PageParams, r: &SearchResponse) {
    h.push_str("<aside class=\"facets\" aria-label=\"फ़िल्टर\">");
    let groups: [FacetGroup; 4] = [
        (
            "स्रोत",
            "source",
            &r.facets.source,
            &p.source,
            |v| v.to_string(),
        ),
        (
            "श्रेणी",
            "category",
            &r.facets.category,
            &p.category,
            |v| v.to_string(),
        ),
        ("भाषा", "lang", &r.facets.lang, &p.lang, text::language),
        ("महीना", "month", &r.facets.month, &p.month, text::month),
    ];
    for (label, key, counts, chosen, name) in groups {
        if counts.is_empty() && chosen.is_none() {
            continue;
        }
        let _ = write!(h, "<h3>{label}</h3><ul>");
        for f in counts.iter().take(8) {
            let on = chosen.as_deref() == Some(f.value.as_str());
            let change = if on { None } else { Some(f.value.as_str()) };
            let _ = write!(
                h,
                "<li><a{} href=\"{}\"><span>{}</span><span class=\"count\">{}</span></a></li>",
                if on { " class=\"on\"" } else { "" },
                p.link(&[(key, change)], 1),
                escape(&name(&f.value)),
                f.count
            );
        }
        h.push_str("</ul>");
    }
    h.push_str("</aside>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_links() {
        assert_eq!(
            month_bounds("2020-02"),
            Some(("2020-02-01".into(), "2020-02-29".into()))
        );
        assert_eq!(month_bounds("2020-13"), None);
        let p = PageParams::read(Some(
            "q=%E0%A4%95%E0%A4%BF%E0%A4%AE&source=A&page=3&month=2020-03",
        ));
        assert_eq!((p.q.as_str(), p.page), ("किम", 3));
        let link = p.link(&[("source", None)], 1);
        assert!(
            !link.contains("source") && link.contains("month=2020%2D03"),
            "{link}"
        );
        let link = p.link(&[], 2);
        assert!(
            link.contains("source=A") && link.contains("page=2"),
            "{link}"
        );
    }
}
