//! The JSON API's write handlers: the API key checked before a body is read, bodies read
//! within the server's limits, and single, bulk and delete writes each answered after the
//! commit that holds them. Parameters and records go to the index crate, which validates
//! them; the handlers only map its answers and errors.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use khoj_index::article::{id_of_json, RecordError};
use khoj_index::ingest::json::is_blank_line;
use khoj_index::ingest::RawRecord;
use khoj_index::request::article_id;
use khoj_index::write::{prepare, WriteOp};
use khoj_index::{Article, IndexError};
use serde::Serialize;
use serde_json::Value;

use super::api::{by_id, IdPath};
use super::errors::{ApiError, ErrorBody};
use super::{AppState, Limits, Writes};

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
