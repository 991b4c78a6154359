//! The JSON API handlers. Parameters are read as text and handed to the index crate's
//! request layer, which validates them; the handlers only map its answers and errors.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use khoj_analyzers::{annotate, strip_noncharacters, Forms};
use khoj_index::article::{id_of_json, ArticleSummary, RecordError};
use khoj_index::ingest::json::is_blank_line;
use khoj_index::ingest::RawRecord;
use khoj_index::related::RelatedHit;
use khoj_index::request::{
    article_id, no_params, InvalidRequest, RelatedParams, SearchParams, SearchRequest,
    SuggestParams,
};
use khoj_index::search::{SearchResponse, Searcher};
use khoj_index::story::StoryEntry;
use khoj_index::write::{prepare, WriteOp};
use khoj_index::{Article, IndexError};
use serde::Serialize;
use serde_json::Value;

use super::errors::{ApiError, ErrorBody};
use super::{timed_out, AppState, Limits, Writes};
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
async fn by_id<T: Send + 'static>(
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

/// Whether the request's bearer token is the API key (checked before a write's body is
/// read).
pub fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(writes) = &state.writes else {
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
        Some(token) if constant_time_eq(token.trim().as_bytes(), writes.key.as_bytes()) => Ok(()),
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

/// The writer (the key was checked by the router before the handler ran).
fn writes(state: &AppState) -> Result<&Writes, ApiError> {
    state.writes.as_ref().ok_or_else(|| {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "writes_disabled",
            "writes are disabled",
        )
    })
}

/// A write's body: at most the body limit (413), arriving within the request timeout (408:
/// a body shorter than its Content-Length, or `Expect: 100-continue` and no body).
async fn read_body(state: &AppState, body: Body) -> Result<Bytes, ApiError> {
    let Limits {
        max_body_bytes,
        request_timeout,
    } = state.limits;
    match tokio::time::timeout(request_timeout, axum::body::to_bytes(body, max_body_bytes)).await {
        Err(_) => Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "body_timeout",
            format!(
                "the body did not arrive within {} s",
                request_timeout.as_secs_f64()
            ),
        )),
        Ok(Err(e)) => {
            let too_large = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            Err(if too_large {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "body_too_large",
                    format!("the body is larger than {max_body_bytes} bytes"),
                )
            } else {
                ApiError::bad_request("invalid_body", format!("the body could not be read: {e}"))
            })
        }
        Ok(Ok(bytes)) => Ok(bytes),
    }
}

/// Queues writes, waiting while the queue is full (so that a bulk write is slowed down, never
/// cut short); each answer comes after the commit that holds its write.
async fn queue(
    state: &Arc<AppState>,
    ops: Vec<WriteOp>,
) -> Result<Vec<tokio::sync::oneshot::Receiver<khoj_index::Result<()>>>, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let writes = writes(&state)?;
        let mut answers = Vec::with_capacity(ops.len());
        for op in ops {
            let (tx, rx) = tokio::sync::oneshot::channel();
            writes.queue.submit(
                op,
                Box::new(move |r| {
                    let _ = tx.send(r);
                }),
            )?;
            answers.push(rx);
        }
        Ok(answers)
    })
    .await?
}

/// Queues one write and waits for the commit that holds it.
async fn one_write(state: &Arc<AppState>, op: WriteOp) -> Result<(), ApiError> {
    for rx in queue(state, vec![op]).await? {
        committed(rx).await?;
    }
    Ok(())
}

/// Waits for the commit of a queued write.
async fn committed(
    rx: tokio::sync::oneshot::Receiver<khoj_index::Result<()>>,
) -> Result<(), ApiError> {
    match rx.await {
        Ok(r) => Ok(r?),
        Err(_) => Err(IndexError::WriterGone.into()),
    }
}

/// Parses one article from JSON bytes; `id` (from the path) fills the body's or must be
/// the same id by the one rule for ids.
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
            Some(v) => {
                let same = id_of_json(v)
                    .and_then(|body_id| article_id(&body_id).ok())
                    .is_some_and(|body_id| body_id == id);
                if !same {
                    return Err(ApiError::bad_request(
                        "id_mismatch",
                        format!("the body's id {v} is not the path's {id:?}"),
                    ));
                }
            }
        }
    }
    Article::from_value(value).map_err(|e| ApiError::bad_request("invalid_article", e.to_string()))
}

/// Threads that parse and fingerprint the lines of a bulk write.
const BULK_THREADS: usize = 2;
/// Lines of a bulk write parsed and handed to the writer at a time.
const BULK_CHUNK: usize = 128;

/// The error of a bulk line that is not an article.
fn bad_line(reason: &RecordError) -> ApiError {
    match reason {
        RecordError::InvalidUtf8 => {
            ApiError::bad_request("invalid_utf8", "the body is not valid UTF-8")
        }
        RecordError::Json(e) => {
            ApiError::bad_request("malformed_json", format!("malformed JSON: {e}"))
        }
        other => ApiError::bad_request("invalid_article", other.to_string()),
    }
}

/// The answer of a single write.
#[derive(Serialize)]
struct WriteJson {
    id: String,
    status: &'static str,
}

/// `PUT /api/articles/{id}`
pub async fn put_article(
    State(state): State<Arc<AppState>>,
    IdPath(id): IdPath,
    body: Body,
) -> Result<impl IntoResponse, ApiError> {
    let id = article_id(&id)?;
    let article = article_from(&read_body(&state, body).await?, Some(&id))?;
    one_write(&state, WriteOp::Upsert(Box::new(article))).await?;
    Ok(Json(WriteJson {
        id,
        status: "indexed",
    }))
}

/// What became of one line of a bulk write.
#[derive(Serialize)]
#[serde(untagged)]
enum LineResult {
    Indexed {
        line: usize,
        id: String,
        status: &'static str,
    },
    Failed {
        line: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        error: ErrorBody,
    },
}

impl LineResult {
    fn failed(line: usize, id: Option<String>, e: &ApiError) -> LineResult {
        LineResult::Failed {
            line,
            id,
            error: e.error_body(),
        }
    }
}

/// The answer of a bulk write.
#[derive(Serialize)]
struct BulkJson {
    indexed: usize,
    failed: usize,
    results: Vec<LineResult>,
}

/// The answer of a bulk write of which no line was indexed.
#[derive(Serialize)]
struct BulkFailedJson {
    error: ErrorBody,
    results: Vec<LineResult>,
}

/// `POST /api/articles`: NDJSON, one article a line; the answer gives each line's result.
/// Every line is queued (waiting for room in the queue, never dropped for load), and the
/// answer goes out after the commits that hold them.
pub async fn post_articles(
    State(state): State<Arc<AppState>>,
    body: Body,
) -> Result<axum::response::Response, ApiError> {
    let bytes = read_body(&state, body).await?;
    let mut results: Vec<LineResult> = Vec::new();
    // Lines are parsed and fingerprinted on two threads, as `khoj index` does, so that the
    // writer's thread only adds them. Here only their places are found: each chunk's lines
    // are copied out on the parse side, off this thread, while the writer adds the chunk
    // before.
    let ends = memchr::memchr_iter(b'\n', &bytes).chain(std::iter::once(bytes.len()));
    let mut start = 0;
    let numbered: Vec<(usize, std::ops::Range<usize>)> = ends
        .enumerate()
        .map(|(n, end)| {
            let range = start..end;
            start = end + 1;
            (n + 1, range)
        })
        // the lines `prepare` leaves out, so that its results and the numbers pair up
        .filter(|(_, range)| !is_blank_line(&bytes[range.clone()]))
        .collect();
    // Chunk by chunk: the writer adds a chunk (its indexing threads start on it) while the
    // next one is parsed, and commits once the stream ends.
    let stream = writes(&state)?.queue.stream();
    let mut lines = Vec::with_capacity(numbered.len());
    let mut answers = Vec::with_capacity(numbered.len());
    let mut numbered = numbered.into_iter();
    let origin: std::sync::Arc<str> = "request body".into();
    loop {
        let chunk: Vec<(usize, std::ops::Range<usize>)> =
            numbered.by_ref().take(BULK_CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let index = state.searcher.index().clone();
        let (body, origin) = (bytes.clone(), origin.clone());
        let prepared = tokio::task::spawn_blocking(move || {
            let (numbers, records): (Vec<usize>, Vec<RawRecord>) = chunk
                .into_iter()
                .map(|(line, range)| {
                    let bytes = body[range].to_vec();
                    let origin = origin.clone();
                    (
                        line,
                        RawRecord::Line {
                            origin,
                            line,
                            bytes,
                        },
                    )
                })
                .unzip();
            numbers
                .into_iter()
                .zip(prepare(&index, records, BULK_THREADS))
                .collect::<Vec<_>>()
        })
        .await?;
        let mut ops = Vec::with_capacity(prepared.len());
        for (line_no, (record, _, fingerprint)) in prepared {
            match record {
                Ok(article) => {
                    lines.push((line_no, article.id.clone()));
                    ops.push(WriteOp::UpsertFingerprinted(Box::new((
                        article,
                        fingerprint,
                    ))));
                }
                Err(bad) => results.push(LineResult::failed(line_no, None, &bad_line(&bad.reason))),
            }
        }
        answers.extend(queue(&state, ops).await?);
    }
    drop(stream);
    for ((line, id), rx) in lines.into_iter().zip(answers) {
        results.push(match committed(rx).await {
            Ok(()) => LineResult::Indexed {
                line,
                id,
                status: "indexed",
            },
            Err(e) => LineResult::failed(line, Some(id), &e),
        });
    }
    results.sort_by_key(|r| match r {
        LineResult::Indexed { line, .. } | LineResult::Failed { line, .. } => *line,
    });
    let indexed = results
        .iter()
        .filter(|r| matches!(r, LineResult::Indexed { .. }))
        .count();
    if indexed == 0 {
        let message = if results.is_empty() {
            "the body holds no articles"
        } else {
            "no line of the body could be indexed"
        };
        let body = BulkFailedJson {
            error: ApiError::bad_request("no_articles_indexed", message).error_body(),
            results,
        };
        return Ok((StatusCode::BAD_REQUEST, Json(body)).into_response());
    }
    let failed = results.len() - indexed;
    Ok(Json(BulkJson {
        indexed,
        failed,
        results,
    })
    .into_response())
}

/// `DELETE /api/articles/{id}`
pub async fn delete_article(
    State(state): State<Arc<AppState>>,
    IdPath(id): IdPath,
) -> Result<impl IntoResponse, ApiError> {
    by_id(&state, &id, |s, id| s.get(id)).await?;
    let id = article_id(&id)?;
    one_write(&state, WriteOp::Delete(id.clone())).await?;
    Ok(Json(WriteJson {
        id,
        status: "deleted",
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
