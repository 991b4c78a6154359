//! The JSON API's read handlers (search, articles, related coverage, the story, copies,
//! suggestions, analysis, health, metrics) and what the write handlers share with them.
//! Parameters are read as text and handed to the index crate's request layer, which
//! validates them; the handlers only map its answers and errors. Writes: [`super::write_api`].

use std::sync::Arc;

use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::response::IntoResponse;
use axum::Json;
use khoj_analyzers::{annotate, strip_noncharacters, Forms};
use khoj_index::article::ArticleSummary;
use khoj_index::related::RelatedHit;
use khoj_index::request::{
    article_id, no_params, InvalidRequest, RelatedParams, SearchParams, SearchRequest,
    SuggestParams,
};
use khoj_index::search::{SearchResponse, Searcher};
use khoj_index::story::StoryEntry;
use khoj_index::{Article, IndexError};
use serde::Serialize;

use super::errors::ApiError;
use super::{timed_out, AppState};
use crate::render::SearchJson;

/// The `(name, value)` pairs of a query string, percent-decoded (`+` is a space). A value
/// that is not UTF-8 once decoded is refused, naming its parameter.
pub fn query_pairs(raw: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    let decode = |s: &str| -> Option<String> {
        let s = s.replace('+', " ");
        percent_encoding::percent_decode_str(&s)
            .decode_utf8()
            .ok()
            .map(|c| c.into_owned())
    };
    let mut pairs = Vec::new();
    for part in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        let name = decode(name).ok_or_else(|| {
            ApiError::bad_request(
                "invalid_parameter",
                "a parameter name is not UTF-8 once percent-decoded",
            )
        })?;
        let value = decode(value).ok_or_else(|| {
            ApiError::from(InvalidRequest::invalid(
                &name,
                "is not UTF-8 once percent-decoded",
            ))
        })?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// The `{id}` of a route, percent-decoded; one that cannot be read is a JSON 400 like any
/// other mistake.
pub struct IdPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(id)) => Ok(IdPath(id)),
            Err(e) => Err(ApiError::bad_request(
                "invalid_parameter",
                format!("id cannot be read: {}", e.body_text()),
            )),
        }
    }
}

/// The search a query string asks for.
pub fn search_request(pairs: Vec<(String, String)>) -> Result<SearchRequest, ApiError> {
    Ok(SearchParams::from_pairs(pairs)?.request()?)
}

/// Runs a search on the blocking pool; it stops its work (and answers 503) when it runs
/// past the request timeout.
pub async fn run_search(
    state: &Arc<AppState>,
    mut req: SearchRequest,
) -> Result<SearchResponse, ApiError> {
    let timeout = state.limits.request_timeout;
    req.deadline = Some(std::time::Instant::now() + timeout);
    let state = state.clone();
    let answer = tokio::task::spawn_blocking(move || {
        let resp = state.searcher.search(&req);
        // a query that found something (typed to the end) helps the next reader's typing
        if let Ok(r) = &resp {
            if r.total > 0 && !req.instant {
                state.searcher.record_query(&req.query);
            }
        }
        resp
    });
    match answer.await? {
        Err(IndexError::TimedOut) => Err(timed_out(timeout)),
        other => Ok(other?),
    }
}

/// `GET /api/search`
pub async fn search(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<impl IntoResponse, ApiError> {
    let req = search_request(query_pairs(raw.as_deref())?)?;
    let resp = run_search(&state, req).await?;
    Ok(Json(serde_json::to_value(SearchJson::of(&resp)).map_err(
        |e| {
            tracing::error!("serializing a search answer: {e}");
            ApiError::internal()
        },
    )?))
}

/// `GET /api/articles/{id}`
pub async fn get_article(
    State(state): State<Arc<AppState>>,
    IdPath(id): IdPath,
    RawQuery(raw): RawQuery,
) -> Result<Json<Article>, ApiError> {
    no_params(query_pairs(raw.as_deref())?)?;
    Ok(Json(by_id(&state, &id, |s, id| s.get(id)).await?))
}

/// Runs a lookup of the article `id` (by the one rule for ids) on the blocking pool; 404
/// when there is no such article.
pub(super) async fn by_id<T: Send + 'static>(
    state: &Arc<AppState>,
    raw_id: &str,
    lookup: impl FnOnce(&Searcher, &str) -> khoj_index::Result<Option<T>> + Send + 'static,
) -> Result<T, ApiError> {
    let id = article_id(raw_id)?;
    let s = state.clone();
    let owned = id.clone();
    tokio::task::spawn_blocking(move || lookup(&s.searcher, &owned))
        .await??
        .ok_or_else(|| ApiError::not_found(format!("no article with id {id:?}")))
}

/// The answer of `GET /api/articles/{id}/related`.
#[derive(Serialize)]
pub struct RelatedJson {
    id: String,
    took_ms: f64,
    related: Vec<RelatedHit>,
}

/// `GET /api/articles/{id}/related?limit=&days=`: articles on the same story or topic (not
/// the article's copies), each with the words it shares with the article.
pub async fn related(
    State(state): State<Arc<AppState>>,
    IdPath(id): IdPath,
    RawQuery(raw): RawQuery,
) -> Result<Json<RelatedJson>, ApiError> {
    let (id, took_ms, related) = for_article(&state, &id, raw, Searcher::related).await?;
    Ok(Json(RelatedJson {
        id,
        took_ms,
        related,
    }))
}

/// Runs `lookup` for the article `raw_id` with the parameters of related coverage (`limit`,
/// `days`): the article's id, the milliseconds it took, and what it found.
async fn for_article<T: Send + 'static>(
    state: &Arc<AppState>,
    raw_id: &str,
    raw_query: Option<String>,
    lookup: fn(&Searcher, &khoj_index::request::RelatedRequest) -> khoj_index::Result<Option<T>>,
) -> Result<(String, f64, T), ApiError> {
    let req = RelatedParams::from_pairs(query_pairs(raw_query.as_deref())?)?.request(raw_id)?;
    let started = std::time::Instant::now();
    let id = req.id.clone();
    let found = by_id(state, &id, move |s, _| lookup(s, &req)).await?;
    Ok((id, started.elapsed().as_secs_f64() * 1000.0, found))
}

/// The answer of `GET /api/articles/{id}/story`.
#[derive(Serialize)]
pub struct StoryJson {
    id: String,
    took_ms: f64,
    story: Vec<StoryEntry>,
}

/// `GET /api/articles/{id}/story?limit=&days=`: the article, its copies and its related
/// coverage within `days` of it (7 if not given), oldest first.
pub async fn story(
    State(state): State<Arc<AppState>>,
    IdPath(id): IdPath,
    RawQuery(raw): RawQuery,
) -> Result<Json<StoryJson>, ApiError> {
    let (id, took_ms, story) = for_article(&state, &id, raw, Searcher::story).await?;
    Ok(Json(StoryJson { id, took_ms, story }))
}

/// The answer of `GET /api/articles/{id}/copies`.
#[derive(Serialize)]
pub struct CopiesJson {
    id: String,
    copies: Vec<ArticleSummary>,
}

/// `GET /api/articles/{id}/copies`: the other copies of the article's wire story.
pub async fn copies(
    State(state): State<Arc<AppState>>,
    IdPath(id): IdPath,
    RawQuery(raw): RawQuery,
) -> Result<Json<CopiesJson>, ApiError> {
    no_params(query_pairs(raw.as_deref())?)?;
    let copies = by_id(&state, &id, |s, id| s.copies(id)).await?;
    Ok(Json(CopiesJson {
        id: article_id(&id)?,
        copies,
    }))
}

/// The answer of `GET /api/suggest`.
#[derive(Serialize)]
pub struct SuggestJson {
    q: String,
    suggestions: Vec<khoj_index::search::suggest::Suggestion>,
}

/// `GET /api/suggest?q=&limit=`: completions of what is being typed.
pub async fn suggest(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SuggestJson>, ApiError> {
    let req = SuggestParams::from_pairs(query_pairs(raw.as_deref())?)?.request()?;
    let s = state.clone();
    let q = req.q.clone();
    let suggestions = tokio::task::spawn_blocking(move || s.searcher.suggest(&req)).await?;
    Ok(Json(SuggestJson { q, suggestions }))
}

/// Texts longer than this are not analyzed by `/api/analyze`.
const MAX_ANALYZE_CHARS: usize = 100_000;

/// `GET /api/analyze?text=…&lang=…`: the tokens the index makes of a text (in `lang`; by
/// default the script decides).
pub async fn analyze(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<impl IntoResponse, ApiError> {
    let (mut text, mut lang) = (String::new(), None);
    for (name, value) in query_pairs(raw.as_deref())? {
        match name.as_str() {
            "text" => text = value,
            "lang" => lang = Some(value).filter(|l| !l.trim().is_empty()),
            _ => {
                return Err(InvalidRequest {
                    field: name,
                    fault: khoj_index::request::Fault::Unknown,
                    reason: "is not a parameter of this request (it takes text, lang)".into(),
                }
                .into())
            }
        }
    }
    if text.is_empty() {
        return Err(ApiError::bad_request(
            "missing_parameter",
            "text is empty: give the text to analyze",
        ));
    }
    if text.chars().count() > MAX_ANALYZE_CHARS {
        return Err(ApiError::bad_request(
            "invalid_parameter",
            format!("text is longer than {MAX_ANALYZE_CHARS} characters"),
        ));
    }
    let text = strip_noncharacters(&text).into_owned();
    let mut tokens = state
        .searcher
        .index()
        .analyze(lang.as_deref(), &text, Forms::Both);
    annotate(&text, &mut tokens);
    Ok(Json(tokens))
}

/// `GET /healthz`
pub async fn healthz(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    #[derive(Serialize)]
    struct Health {
        status: &'static str,
        articles: u64,
        writes: bool,
    }
    Json(Health {
        status: "ok",
        articles: state.searcher.num_articles(),
        writes: state.writes.is_some(),
    })
}

/// `GET /metrics`
pub async fn metrics(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    let (commits, writes) = match &state.writes {
        Some(w) => {
            let s = w.queue.stats();
            (
                s.commits.load(std::sync::atomic::Ordering::Relaxed),
                s.writes.load(std::sync::atomic::Ordering::Relaxed),
            )
        }
        None => (0, 0),
    };
    let text = state
        .metrics
        .render(state.searcher.num_articles(), commits, writes);
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
}

/// Unknown routes.
pub async fn not_found() -> ApiError {
    ApiError::not_found("no such route")
}
