//! The JSON API handlers.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use khoj_analyzers::Forms;
use khoj_index::commit::WriteOp;
use khoj_index::search::{SearchRequest, SearchResponse, Searcher, Sort, MAX_QUERY_CHARS};
use khoj_index::Article;
use serde::Deserialize;
use serde_json::{json, Value};

use super::errors::ApiError;
use super::AppState;

/// The query string of a search (every field optional, parsed by hand for clear errors).
#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub source: Option<String>,
    pub category: Option<String>,
    pub lang: Option<String>,
    pub sort: Option<String>,
    pub page: Option<String>,
    pub copies: Option<String>,
}

pub fn parse_query<T: for<'de> Deserialize<'de> + Default>(
    raw: Option<String>,
) -> Result<T, ApiError> {
    match raw {
        None => Ok(T::default()),
        Some(raw) => serde_urlencoded::from_str(&raw).map_err(|e| {
            ApiError::bad_request(
                "invalid_query_string",
                format!("the query string cannot be read: {e}"),
            )
        }),
    }
}

fn number(name: &str, v: &Option<String>, default: usize) -> Result<usize, ApiError> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some(s) => s.parse().map_err(|_| {
            ApiError::bad_request(
                "invalid_parameter",
                format!("{name} must be a whole number, not {s:?}"),
            )
        }),
    }
}

fn nonempty(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

impl SearchParams {
    /// The search these parameters ask for.
    pub fn request(&self) -> Result<SearchRequest, ApiError> {
        let q = self.q.as_deref().unwrap_or("").trim();
        if q.is_empty() {
            return Err(ApiError::bad_request(
                "empty_query",
                "q is empty: give the words to search for",
            ));
        }
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(ApiError::bad_request(
                "query_too_long",
                format!("q is longer than {MAX_QUERY_CHARS} characters"),
            ));
        }
        let mut req = SearchRequest::new(q);
        req.limit = number("limit", &self.limit, 10)?;
        req.offset = number("offset", &self.offset, 0)?;
        let date = |name: &str,
                    v: &Option<String>,
                    end_of_day: bool|
         -> Result<Option<time::OffsetDateTime>, ApiError> {
            let Some(s) = nonempty(v) else {
                return Ok(None);
            };
            let d = khoj_index::dates::parse_date(&s).ok_or_else(|| {
                ApiError::bad_request(
                    "invalid_parameter",
                    format!("{name} must be a date (YYYY-MM-DD), not {s:?}"),
                )
            })?;
            Ok(Some(if end_of_day && s.len() == 10 {
                d + time::Duration::seconds(86_399)
            } else {
                d
            }))
        };
        req.filters.from = date("from", &self.from, false)?;
        req.filters.to = date("to", &self.to, true)?;
        req.filters.source = nonempty(&self.source);
        req.filters.category = nonempty(&self.category);
        req.filters.lang = nonempty(&self.lang);
        req.sort = match nonempty(&self.sort).as_deref() {
            None | Some("relevance") => Sort::Relevance,
            Some("newest") => Sort::Newest,
            Some(other) => {
                return Err(ApiError::bad_request(
                    "invalid_parameter",
                    format!("sort must be relevance or newest, not {other:?}"),
                ))
            }
        };
        req.expand_copies = match nonempty(&self.copies).as_deref() {
            None | Some("collapse") => false,
            Some("expand") => true,
            Some(other) => {
                return Err(ApiError::bad_request(
                    "invalid_parameter",
                    format!("copies must be collapse or expand, not {other:?}"),
                ))
            }
        };
        req.validate().map_err(ApiError::from)?;
        Ok(req)
    }
}

/// Runs a search on the blocking pool.
pub async fn run_search(
    state: &Arc<AppState>,
    req: SearchRequest,
) -> Result<SearchResponse, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || state.searcher.search(&req))
        .await?
        .map_err(ApiError::from)
}

/// `GET /api/search`
pub async fn search(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchResponse>, ApiError> {
    let params: SearchParams = parse_query(raw)?;
    let req = params.request()?;
    Ok(Json(run_search(&state, req).await?))
}

/// `GET /api/articles/{id}`
pub async fn get_article(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Article>, ApiError> {
    Ok(Json(by_id(&state, &id, |s, id| s.get(id)).await?))
}

/// Runs a lookup of the article `id` on the blocking pool; 404 when there is no such article.
async fn by_id<T: Send + 'static>(
    state: &Arc<AppState>,
    id: &str,
    lookup: impl FnOnce(&Searcher, &str) -> khoj_index::Result<Option<T>> + Send + 'static,
) -> Result<T, ApiError> {
    let s = state.clone();
    let owned = id.to_string();
    tokio::task::spawn_blocking(move || lookup(&s.searcher, &owned))
        .await??
        .ok_or_else(|| ApiError::not_found(format!("no article with id {id:?}")))
}

/// The query string of a related-coverage request.
#[derive(Debug, Default, Deserialize)]
pub struct RelatedParams {
    pub limit: Option<String>,
    pub days: Option<String>,
}

/// `GET /api/articles/{id}/related?limit=&days=`: articles on the same story or topic (not
/// the article's copies), each with the words it shares with the article.
pub async fn related(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params: RelatedParams = parse_query(raw)?;
    let limit = number("limit", &params.limit, 10)?;
    if limit == 0 || limit > khoj_index::related::MAX_RELATED {
        return Err(ApiError::bad_request(
            "invalid_parameter",
            format!(
                "limit must be 1 to {}, not {limit}",
                khoj_index::related::MAX_RELATED
            ),
        ));
    }
    let days = match nonempty(&params.days) {
        None => None,
        Some(d) => Some(d.parse::<u32>().map_err(|_| {
            ApiError::bad_request(
                "invalid_parameter",
                format!("days must be a whole number of days, not {d:?}"),
            )
        })?),
    };
    let started = std::time::Instant::now();
    let hits = by_id(&state, &id, move |s, id| s.related(id, limit, days)).await?;
    Ok(Json(json!({
        "id": id,
        "took_ms": started.elapsed().as_secs_f64() * 1000.0,
        "related": hits,
    })))
}

/// `GET /api/articles/{id}/copies`: the other copies of the article's wire story.
pub async fn copies(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let copies = by_id(&state, &id, |s, id| s.copies(id)).await?;
    Ok(Json(json!({ "id": id, "copies": copies })))
}

fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(key) = &state.api_key else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes_disabled",
            "writes are disabled: start the server with KHOJ_API_KEY or --api-key-file",
        ));
    };
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    match given.and_then(|v| v.strip_prefix("Bearer ")) {
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "writes need the header Authorization: Bearer <key>",
        )),
        Some(token) if constant_time_eq(token.trim().as_bytes(), key.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "the bearer token is not the API key",
        )),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn body_bytes(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|e| {
        let status = e.status();
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "body_too_large"
        } else {
            "invalid_body"
        };
        ApiError::new(status, code, e.body_text())
    })
}

/// Queues a write and waits for the commit that holds it.
async fn write(state: &AppState, op: WriteOp) -> Result<(), ApiError> {
    let queue = state.writes.as_ref().ok_or_else(|| {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "writes_disabled",
            "writes are disabled",
        )
    })?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    let accepted = queue.try_submit(
        op,
        Box::new(move |r| {
            let _ = tx.send(r);
        }),
    )?;
    if !accepted {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            "too many writes are waiting; retry shortly",
        ));
    }
    match rx.await {
        Ok(r) => r.map_err(ApiError::from),
        Err(_) => Err(ApiError::internal("the writer stopped before committing")),
    }
}

/// Parses one article from JSON bytes; `id` (from the path) fills or must match the body's.
fn article_from(bytes: &[u8], id: Option<&str>) -> Result<Article, ApiError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| ApiError::bad_request("invalid_utf8", "the body is not valid UTF-8"))?;
    let mut value: Value = serde_json::from_str(text)
        .map_err(|e| ApiError::bad_request("malformed_json", format!("malformed JSON: {e}")))?;
    if let (Some(id), Some(obj)) = (id, value.as_object_mut()) {
        match obj.get("id") {
            None | Some(Value::Null) => {
                obj.insert("id".into(), Value::String(id.to_string()));
            }
            Some(v)
                if v.as_str() == Some(id)
                    || v.as_i64().map(|n| n.to_string()).as_deref() == Some(id) => {}
            Some(v) => {
                return Err(ApiError::bad_request(
                    "id_mismatch",
                    format!("the body's id {v} is not the path's {id:?}"),
                ))
            }
        }
    }
    Article::from_value(value).map_err(|e| ApiError::bad_request("invalid_article", e.to_string()))
}

/// `PUT /api/articles/{id}`
pub async fn put_article(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<impl IntoResponse, ApiError> {
    authorize(&state, &headers)?;
    let article = article_from(&body_bytes(body)?, Some(&id))?;
    write(&state, WriteOp::Upsert(article)).await?;
    Ok(Json(json!({"id": id, "status": "indexed"})))
}

/// `POST /api/articles`: NDJSON, one article a line; the answer gives each line's result.
pub async fn post_articles(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<impl IntoResponse, ApiError> {
    authorize(&state, &headers)?;
    let bytes = body_bytes(body)?;
    let mut results: Vec<Value> = Vec::new();
    let mut pending = Vec::new();
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match article_from(line, None) {
            Ok(article) => {
                let id = article.id.clone();
                let (tx, rx) = tokio::sync::oneshot::channel();
                let queue = state.writes.as_ref().ok_or_else(|| {
                    ApiError::new(
                        StatusCode::FORBIDDEN,
                        "writes_disabled",
                        "writes are disabled",
                    )
                })?;
                let accepted = queue.try_submit(
                    WriteOp::Upsert(article),
                    Box::new(move |r| {
                        let _ = tx.send(r);
                    }),
                )?;
                if accepted {
                    pending.push((results.len(), rx));
                    results.push(json!({"line": n + 1, "id": id, "status": "indexed"}));
                } else {
                    results.push(json!({"line": n + 1, "id": id, "error": {"code": "overloaded", "message": "too many writes are waiting; retry this line"}}));
                }
            }
            Err(e) => results
                .push(json!({"line": n + 1, "error": {"code": e.code, "message": e.message}})),
        }
    }
    for (i, rx) in pending {
        let outcome = rx
            .await
            .map_err(|_| ApiError::internal("the writer stopped before committing"))
            .and_then(|r| r.map_err(ApiError::from));
        if let Err(e) = outcome {
            let line = results[i]["line"].clone();
            let id = results[i]["id"].clone();
            results[i] =
                json!({"line": line, "id": id, "error": {"code": e.code, "message": e.message}});
        }
    }
    let indexed = results.iter().filter(|r| r.get("status").is_some()).count();
    let failed = results.len() - indexed;
    if indexed == 0 {
        let message = if results.is_empty() {
            "the body holds no articles"
        } else {
            "no line of the body could be indexed"
        };
        let mut err = ApiError::bad_request("no_articles_indexed", message).body();
        err["results"] = Value::Array(results);
        return Ok((StatusCode::BAD_REQUEST, Json(err)));
    }
    let body = json!({"indexed": indexed, "failed": failed, "results": results});
    Ok((StatusCode::OK, Json(body)))
}

/// `DELETE /api/articles/{id}`
pub async fn delete_article(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    authorize(&state, &headers)?;
    let s = state.clone();
    let lookup = id.clone();
    if tokio::task::spawn_blocking(move || s.searcher.get(&lookup))
        .await??
        .is_none()
    {
        return Err(ApiError::not_found(format!("no article with id {id:?}")));
    }
    write(&state, WriteOp::Delete(id.clone())).await?;
    Ok(Json(json!({"id": id, "status": "deleted"})))
}

#[derive(Debug, Default, Deserialize)]
pub struct AnalyzeParams {
    pub text: Option<String>,
}

/// Texts longer than this are not analyzed by `/api/analyze`.
const MAX_ANALYZE_CHARS: usize = 100_000;

/// `GET /api/analyze?text=…`: the tokens the index makes of a text.
pub async fn analyze(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<impl IntoResponse, ApiError> {
    let params: AnalyzeParams = parse_query(raw)?;
    let text = params.text.unwrap_or_default();
    if text.is_empty() {
        return Err(ApiError::bad_request("empty_text", "text is empty"));
    }
    if text.chars().count() > MAX_ANALYZE_CHARS {
        return Err(ApiError::bad_request(
            "text_too_long",
            format!("text is longer than {MAX_ANALYZE_CHARS} characters"),
        ));
    }
    let text = khoj_analyzers::language::strip_noncharacters(&text).into_owned();
    let mut tokens = state.searcher.index().analyzer().tokens(&text, Forms::Both);
    khoj_analyzers::phonetic::annotate(&text, &mut tokens);
    Ok(Json(tokens))
}

/// `GET /healthz`
pub async fn healthz(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    Json(
        json!({"status": "ok", "articles": state.searcher.num_articles(), "writes": state.writes.is_some()}),
    )
}

/// `GET /metrics`
pub async fn metrics(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    let (commits, writes) = match &state.writes {
        Some(q) => {
            let s = q.stats();
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
