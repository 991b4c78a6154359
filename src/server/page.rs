//! `GET /`: the readers' search page, rendered on the server — a search box, results with
//! highlighted snippets, source and date filters, paging. No script, no web font, no CDN:
//! it is fast on a phone and readable in Devanagari with the system's fonts.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use khoj_index::request::{SearchParams, MAX_OFFSET};
use khoj_index::search::SearchResponse;

use super::api::{query_pairs, run_search};
use super::AppState;
use crate::render::{day, escape, snippet_html};

const PAGE_SIZE: usize = 10;

const STYLE: &str = r#"
:root{--fg:#1b1b1b;--muted:#5b5b5b;--accent:#a4331c;--bg:#fffdf8;--line:#e6e1d8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.65 system-ui,-apple-system,"Segoe UI","Noto Sans Devanagari","Noto Sans","Mangal","Nirmala UI",sans-serif}
header{padding:1rem;border-bottom:1px solid var(--line);background:#fff}
h1{margin:0 0 .5rem;font-size:1.4rem;color:var(--accent)}
form{display:flex;flex-wrap:wrap;gap:.5rem}
input,select,button{font:inherit;padding:.45rem .6rem;border:1px solid #c9c2b6;border-radius:6px;background:#fff;min-width:0}
input[type=search]{flex:1 1 16rem}
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}
label{font-size:.85rem;color:var(--muted);display:flex;flex-direction:column}
main{max-width:48rem;margin:0 auto;padding:1rem}
.meta{color:var(--muted);font-size:.9rem}
ol{list-style:none;padding:0;margin:0}
li.hit{padding:.9rem 0;border-bottom:1px solid var(--line)}
li.hit h2{margin:0;font-size:1.15rem;line-height:1.4}
li.hit h2 a{color:#1a4d8f;text-decoration:none}
.info{color:var(--muted);font-size:.85rem}
.snippet{margin:.3rem 0 0}
mark{background:#ffe08a;color:inherit;padding:0 .1em;border-radius:2px}
nav.paging{display:flex;justify-content:space-between;padding:1rem 0}
nav.paging a{color:#1a4d8f}
.error{color:#9b1c1c}
"#;

/// `GET /`
pub async fn page(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> impl IntoResponse {
    // The page's own parameter, `page`; the rest are a search's. What cannot be read is
    // searched as far as it can be (an unknown parameter is left out).
    let mut page_no = 1;
    let mut pairs = Vec::new();
    for (name, value) in query_pairs(raw.as_deref()).unwrap_or_default() {
        match name.as_str() {
            "page" => page_no = value.trim().parse::<usize>().unwrap_or(1).clamp(1, 1000),
            "limit" | "offset" => {}
            _ if SearchParams::NAMES.contains(&name.as_str()) => pairs.push((name, value)),
            _ => {}
        }
    }
    let mut params = SearchParams::from_pairs(pairs).unwrap_or_default();
    let q = params.q.clone().unwrap_or_default();
    let mut outcome: Option<Result<SearchResponse, String>> = None;
    if !q.trim().is_empty() {
        params.offset = Some(((page_no - 1) * PAGE_SIZE).to_string());
        params.limit = Some(PAGE_SIZE.to_string());
        outcome = Some(match params.request() {
            Ok(req) => run_search(&state, req).await.map_err(|e| e.message),
            Err(e) => Err(e.to_string()),
        });
    }
    let status = match &outcome {
        Some(Err(_)) => StatusCode::BAD_REQUEST,
        _ => StatusCode::OK,
    };
    (status, Html(render(&params, page_no, outcome.as_ref())))
}

fn url_param(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|x| x.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

fn render(
    params: &SearchParams,
    page_no: usize,
    outcome: Option<&Result<SearchResponse, String>>,
) -> String {
    let q = params.q.as_deref().unwrap_or("");
    let source = params.source.as_deref().unwrap_or("");
    let mut h = String::with_capacity(16 * 1024);
    let title = if q.is_empty() {
        "खोज".to_string()
    } else {
        format!("{} — खोज", escape(q))
    };
    let _ = write!(
        h,
        "<!doctype html><html lang=\"hi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>{STYLE}</style></head><body><header><h1>खोज</h1><form method=\"get\" action=\"/\" role=\"search\"><input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"समाचार खोजें…\" aria-label=\"खोज\" autofocus>",
        escape(q)
    );
    // Sources: those of the current results (facets), and the one chosen.
    let mut sources: Vec<String> = match outcome {
        Some(Ok(r)) => r.facets.source.iter().map(|f| f.value.clone()).collect(),
        _ => Vec::new(),
    };
    if !source.is_empty() && !sources.iter().any(|s| s == source) {
        sources.insert(0, source.to_string());
    }
    let _ = write!(
        h,
        "<label>स्रोत<select name=\"source\"><option value=\"\">सभी</option>"
    );
    for s in &sources {
        let selected = if s == source { " selected" } else { "" };
        let _ = write!(h, "<option value=\"{0}\"{selected}>{0}</option>", escape(s));
    }
    let _ = write!(
        h,
        "</select></label><label>से<input type=\"date\" name=\"from\" value=\"{}\"></label><label>तक<input type=\"date\" name=\"to\" value=\"{}\"></label>",
        escape(params.from.as_deref().unwrap_or("")),
        escape(params.to.as_deref().unwrap_or(""))
    );
    let newest = params.sort.as_deref() == Some("newest");
    let _ = write!(
        h,
        "<label>क्रम<select name=\"sort\"><option value=\"relevance\">प्रासंगिक</option><option value=\"newest\"{}>नवीनतम</option></select></label><button type=\"submit\">खोजें</button></form></header><main>",
        if newest { " selected" } else { "" }
    );
    match outcome {
        None => {
            let _ = write!(h, "<p class=\"meta\">हिंदी, अंग्रेज़ी या किसी भी भाषा में खोजें। \"उद्धरण चिह्नों\" में वाक्यांश, +ज़रूरी और -हटाएँ शब्द।</p>");
        }
        Some(Err(message)) => {
            let _ = write!(h, "<p class=\"error\">{}</p>", escape(message));
        }
        Some(Ok(r)) => {
            let _ = write!(
                h,
                "<p class=\"meta\">{} परिणाम ({} ms)</p>",
                r.total, r.took_ms
            );
            let first = (page_no - 1) * PAGE_SIZE + 1;
            let _ = write!(h, "<ol class=\"results\" start=\"{first}\">");
            for hit in &r.hits {
                let a = &hit.article;
                let href = match a.url.as_deref() {
                    Some(u) if u.starts_with("https://") || u.starts_with("http://") => escape(u),
                    _ => format!("/api/articles/{}", escape(&url_param(&a.id))),
                };
                let title = if a.title.is_empty() {
                    a.id.as_str()
                } else {
                    a.title.as_str()
                };
                let mut info = Vec::new();
                if let Some(s) = &a.source {
                    info.push(escape(s));
                }
                if let Some(d) = hit.article.published_at {
                    info.push(day(d));
                }
                if hit.copies > 0 {
                    // the same wire story elsewhere, collapsed under this hit
                    info.push(format!(
                        "<a class=\"copies\" href=\"/api/articles/{}/copies\">+{} प्रतियाँ</a>",
                        escape(&url_param(&a.id)),
                        hit.copies
                    ));
                }
                let _ = write!(
                    h,
                    "<li class=\"hit\" data-id=\"{}\"><h2><a href=\"{href}\">{}</a></h2><div class=\"info\">{}</div><p class=\"snippet\">{}</p></li>",
                    escape(&a.id),
                    escape(title),
                    info.join(" · "),
                    snippet_html(&hit.snippet)
                );
            }
            let _ = write!(h, "</ol><nav class=\"paging\">");
            let link = |page: usize| -> String {
                let mut qs = format!("?q={}&page={page}", url_param(q));
                for (k, v) in [
                    ("source", &params.source),
                    ("from", &params.from),
                    ("to", &params.to),
                    ("sort", &params.sort),
                    ("lang", &params.lang),
                    ("category", &params.category),
                ] {
                    if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                        qs.push_str(&format!("&{k}={}", url_param(v)));
                    }
                }
                escape(&qs)
            };
            if page_no > 1 {
                let _ = write!(
                    h,
                    "<a rel=\"prev\" href=\"{}\">← पिछले</a>",
                    link(page_no - 1)
                );
            } else {
                h.push_str("<span></span>");
            }
            if (page_no * PAGE_SIZE) < r.total as usize && page_no * PAGE_SIZE < MAX_OFFSET {
                let _ = write!(
                    h,
                    "<a rel=\"next\" href=\"{}\">अगले →</a>",
                    link(page_no + 1)
                );
            }
            h.push_str("</nav>");
        }
    }
    h.push_str("</main></body></html>");
    h
}
