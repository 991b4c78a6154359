//! The HTTP service (axum on hyper): the JSON API, the readers' search page, health and
//! metrics.
//!
//! Limits a hostile or broken client meets (see the README's HTTP section):
//! * a request's head must arrive within `header_timeout` (the connection is closed);
//! * at most `max_connections` are open at once (beyond, a `503` and the connection closed);
//! * a write's key is checked before its body is read; the body must arrive within
//!   `request_timeout` (`408`) and be at most `max_body_bytes` (`413`);
//! * a read taking longer than `request_timeout` answers `503` and stops its work; a write,
//!   once its body is read, is answered after the commit that holds it (or its failure),
//!   never with a timeout that hides a write that lands;
//! * on SIGTERM or SIGINT, new connections are refused, idle ones closed, requests in
//!   flight given `shutdown_grace`, queued writes committed.

mod api;
mod errors;
mod metrics;
mod page;
mod write_api;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use khoj_index::search::{RankingConfig, Searcher};
use khoj_index::write::{CommitPolicy, CommitQueue};
use khoj_index::KhojIndex;
use tokio::io::AsyncWriteExt;
use tokio::sync::Semaphore;

use errors::ApiError;
use metrics::Metrics;

/// What the server shares between requests.
pub struct AppState {
    pub searcher: Searcher,
    /// The writer and the key that opens it; `None` when no API key is configured (writes
    /// are refused).
    pub writes: Option<Writes>,
    pub metrics: Metrics,
    pub limits: Limits,
}

/// The server's writer, for requests that carry its key.
pub struct Writes {
    pub queue: CommitQueue,
    pub key: String,
}

/// Limits of each request.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_body_bytes: usize,
    /// How long a read may take, and a write's body may take to arrive.
    pub request_timeout: Duration,
}

/// Limits and settings of the server.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    pub api_key: Option<String>,
    pub limits: Limits,
    /// How long a request's head may take to arrive.
    pub header_timeout: Duration,
    /// Connections open at once, at most.
    pub max_connections: usize,
    /// How long requests in flight may take to finish once shutdown begins.
    pub shutdown_grace: Duration,
    pub commit: CommitPolicy,
}

/// A request line longer than this (in bytes) is refused with 414.
const MAX_URI_BYTES: usize = 16 * 1024;
/// Request headers larger than this in all (in bytes) are refused with 431.
const MAX_HEADER_BYTES: usize = 32 * 1024;

/// Builds the router over an open index.
pub fn router(
    index: &KhojIndex,
    options: &ServeOptions,
) -> anyhow::Result<(Router, Arc<AppState>)> {
    let searcher = Searcher::new(index, RankingConfig::default())?;
    let writes = match &options.api_key {
        Some(key) => Some(Writes {
            queue: CommitQueue::start(index, searcher.reader().clone(), options.commit)?,
            key: key.clone(),
        }),
        None => None,
    };
    let state = Arc::new(AppState {
        searcher,
        writes,
        metrics: Metrics::default(),
        limits: options.limits,
    });
    let timeout = options.limits.request_timeout;
    // Reads: answered within the request timeout (or 503, their work stopped).
    let reads = Router::new()
        .route("/", get(page::page))
        .route("/articles/{id}", get(page::article))
        .route("/api/search", get(api::search))
        .route("/api/suggest", get(api::suggest))
        .route("/api/articles/{id}", get(api::get_article))
        .route("/api/articles/{id}/related", get(api::related))
        .route("/api/articles/{id}/copies", get(api::copies))
        .route("/api/articles/{id}/story", get(api::story))
        .route("/api/analyze", get(api::analyze))
        .route("/healthz", get(api::healthz))
        .route("/metrics", get(api::metrics))
        .route_layer(middleware::from_fn(
            move |req: Request, next: Next| async move {
                match tokio::time::timeout(timeout, next.run(req)).await {
                    Ok(resp) => resp,
                    Err(_) => timed_out(timeout).into_response(),
                }
            },
        ));
    // Writes: the key checked before the body is read; answered after the commit.
    let writes = Router::new()
        .route(
            "/api/articles",
            axum::routing::post(write_api::post_articles),
        )
        .route(
            "/api/articles/{id}",
            axum::routing::put(write_api::put_article).delete(write_api::delete_article),
        )
        .route_layer(middleware::from_fn_with_state(state.clone(), require_key));
    let app = reads
        .merge(writes)
        .fallback(api::not_found)
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this route does not take that method",
            )
        })
        .layer(DefaultBodyLimit::max(options.limits.max_body_bytes))
        .layer(middleware::from_fn_with_state(state.clone(), check_head))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            record_metrics,
        ))
        .with_state(state.clone());
    Ok((app, state))
}

/// The 503 of a read that took too long.
pub fn timed_out(timeout: Duration) -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "timeout",
        format!("the request took longer than {} s", timeout.as_secs_f64()),
    )
}

/// Refuses, before anything of the body is read, a request line or headers too large and a
/// body declared larger than the server takes.
async fn check_head(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let uri = req.uri().to_string().len();
    if uri > MAX_URI_BYTES {
        return ApiError::new(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            format!("the request line is {uri} bytes; at most {MAX_URI_BYTES} are taken"),
        )
        .into_response();
    }
    let headers: usize = req
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    if headers > MAX_HEADER_BYTES {
        return ApiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "headers_too_large",
            format!("the headers are {headers} bytes; at most {MAX_HEADER_BYTES} are taken"),
        )
        .into_response();
    }
    let max_body = state.limits.max_body_bytes;
    let declared = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(n) if n > max_body as u64 => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("the body is {n} bytes; at most {max_body} are taken"),
        )
        .into_response(),
        _ => next.run(req).await,
    }
}

/// Lets a write through only with the API key, before its body is read (a client that sent
/// `Expect: 100-continue` hears the refusal instead of `100 Continue`).
async fn require_key(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let write = matches!(*req.method(), Method::PUT | Method::POST | Method::DELETE);
    if write {
        if let Err(e) = write_api::authorize(&state, req.headers()) {
            return e.into_response();
        }
    }
    next.run(req).await
}

async fn record_metrics(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_string();
    let start = Instant::now();
    let resp = next.run(req).await;
    state
        .metrics
        .record(&route, resp.status().as_u16(), start.elapsed());
    resp
}

/// The answer to a connection beyond `max_connections`, written before it is closed.
const TOO_MANY_CONNECTIONS: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: 96\r\n\r\n{\"error\":{\"code\":\"too_many_connections\",\"message\":\"too many open connections; retry shortly\"}}";

/// Serves until SIGINT or SIGTERM (or `stop` resolves), then shuts down within a bounded
/// time: no new connections, idle ones closed, requests in flight given the grace period;
/// queued writes are committed when the last request holding the state is gone.
/// `on_ready` gets the bound address (the port is chosen when it is 0).
pub async fn serve(
    index: &KhojIndex,
    options: ServeOptions,
    on_ready: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    let (app, state) = router(index, &options)?;
    if state.writes.is_none() {
        tracing::warn!("no API key configured (KHOJ_API_KEY or --api-key-file): writes are disabled, reads are served");
    }
    let listener = tokio::net::TcpListener::bind(options.addr)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {} (is another server using it? choose another address with --addr)",
                options.addr
            )
        })?;
    on_ready(listener.local_addr()?);
    let connections = Arc::new(Semaphore::new(options.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(options.header_timeout);
    let signal = shutdown_signal();
    tokio::pin!(signal);
    // the queries readers typed are saved beside the index now and then
    let saver = {
        let state = state.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(QUERY_LOG_SAVE);
            every.tick().await;
            loop {
                every.tick().await;
                save_query_log(&state);
            }
        })
    };
    loop {
        let (mut stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(c) => c,
                Err(e) => {
                    // e.g. out of file descriptors: wait a little, keep serving the others
                    tracing::warn!("accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut signal => break,
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            tokio::spawn(async move {
                let _ = stream.write_all(TOO_MANY_CONNECTIONS).await;
                let _ = stream.shutdown().await;
            });
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    tracing::info!("shutting down: finishing requests in flight, then committing queued writes");
    if tokio::time::timeout(options.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            "requests still open after {} s were dropped",
            options.shutdown_grace.as_secs_f64()
        );
    }
    saver.abort();
    save_query_log(&state);
    // Queued writes are committed now, whether or not requests are still running (a write
    // queued after this answers 503 shutting_down).
    if let Some(writes) = &state.writes {
        writes.queue.close()?;
    }
    Ok(())
}

/// How often the queries readers typed are saved.
const QUERY_LOG_SAVE: Duration = Duration::from_secs(60);

fn save_query_log(state: &AppState) {
    if let Err(e) = state.searcher.save_query_log() {
        // e.g. an index on a read-only file system: the log stays in memory
        tracing::debug!("saving the query log: {e}");
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
