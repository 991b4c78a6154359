//! The HTTP service (axum): the JSON API, the readers' search page, health and metrics.

mod api;
mod errors;
mod metrics;
mod page;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use khoj_index::search::{RankingConfig, Searcher};
use khoj_index::write::{CommitPolicy, CommitQueue};
use khoj_index::KhojIndex;

use errors::ApiError;
use metrics::Metrics;

/// What the server shares between requests.
pub struct AppState {
    pub searcher: Searcher,
    /// The writer and the key that opens it; `None` when no API key is configured (writes
    /// are refused).
    pub writes: Option<Writes>,
    pub metrics: Metrics,
}

/// The server's writer, for requests that carry its key.
pub struct Writes {
    pub queue: CommitQueue,
    pub key: String,
}

/// Limits and settings of the server.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    pub api_key: Option<String>,
    pub max_body_bytes: usize,
    pub request_timeout: Duration,
    pub commit: CommitPolicy,
}

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
    });
    let timeout = options.request_timeout;
    let max_body = options.max_body_bytes;
    let app = Router::new()
        .route("/", get(page::page))
        .route("/api/search", get(api::search))
        .route("/api/articles", axum::routing::post(api::post_articles))
        .route(
            "/api/articles/{id}",
            get(api::get_article)
                .put(api::put_article)
                .delete(api::delete_article),
        )
        .route("/api/articles/{id}/related", get(api::related))
        .route("/api/articles/{id}/copies", get(api::copies))
        .route("/api/analyze", get(api::analyze))
        .route("/healthz", get(api::healthz))
        .route("/metrics", get(api::metrics))
        .fallback(api::not_found)
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this route does not take that method",
            )
        })
        .layer(DefaultBodyLimit::max(options.max_body_bytes))
        .layer(middleware::from_fn(
            move |req: Request, next: Next| async move {
                // Refuse a declared oversized body at once, before reading any of it.
                let declared = req
                    .headers()
                    .get(axum::http::header::CONTENT_LENGTH)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse::<u64>().ok());
                match declared {
                    Some(n) if n > max_body as u64 => ApiError::new(
                        axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                        "body_too_large",
                        format!("the body is {n} bytes; at most {max_body} are taken"),
                    )
                    .into_response(),
                    _ => next.run(req).await,
                }
            },
        ))
        .layer(middleware::from_fn(
            move |req: Request, next: Next| async move {
                match tokio::time::timeout(timeout, next.run(req)).await {
                    Ok(resp) => resp,
                    Err(_) => ApiError::new(
                        axum::http::StatusCode::SERVICE_UNAVAILABLE,
                        "timeout",
                        format!("the request took longer than {} s", timeout.as_secs_f64()),
                    )
                    .into_response(),
                }
            },
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            record_metrics,
        ))
        .with_state(state.clone());
    Ok((app, state))
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

/// Serves until SIGINT or SIGTERM, then finishes in-flight requests, commits queued writes
/// and returns. `on_ready` gets the bound address (the port is chosen when it is 0).
pub async fn serve(
    index: &KhojIndex,
    options: ServeOptions,
    on_ready: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    let (app, state) = router(index, &options)?;
    if state.writes.is_none() {
        tracing::warn!("no API key configured (KHOJ_API_KEY or --api-key-file): writes are disabled, reads are served");
    }
    let listener = tokio::net::TcpListener::bind(options.addr).await?;
    on_ready(listener.local_addr()?);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("shutting down: committing queued writes");
    // Every connection is closed: this is the last reference; closing the queue commits.
    match Arc::try_unwrap(state) {
        Ok(state) => {
            if let Some(writes) = state.writes {
                writes.queue.close()?;
            }
        }
        Err(state) => drop(state), // a straggler holds it: the queue commits when dropped
    }
    Ok(())
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
