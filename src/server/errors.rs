//! Errors as the API returns them: `{"error": {"code", "message"}}` with a 4xx status for a
//! client's mistake and 5xx only for the server's own trouble, whose messages name no file
//! of the server (the log has the details).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use khoj_index::request::InvalidRequest;
use khoj_index::IndexError;
use serde::Serialize;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

/// The body of an error answer, and of a failed line of a bulk write.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorBody {
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn internal() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server failed; its log has the details",
        )
    }

    pub fn error_body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code,
            message: self.message.clone(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Wrapped {
            error: ErrorBody,
        }
        let body = Wrapped {
            error: self.error_body(),
        };
        (self.status, Json(body)).into_response()
    }
}

impl From<InvalidRequest> for ApiError {
    fn from(e: InvalidRequest) -> ApiError {
        ApiError::bad_request(e.fault.code(), e.to_string())
    }
}

impl From<IndexError> for ApiError {
    fn from(e: IndexError) -> ApiError {
        let unavailable =
            |code, message: String| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, code, message);
        match e {
            IndexError::InvalidRequest(e) => e.into(),
            IndexError::StorageFull => ApiError::new(
                StatusCode::INSUFFICIENT_STORAGE,
                "storage_full",
                IndexError::StorageFull.to_string(),
            ),
            e @ IndexError::CommitFailed(_) => unavailable("commit_failed", e.to_string()),
            e @ IndexError::WriterGone => unavailable("writer_unavailable", e.to_string()),
            IndexError::Interrupted => {
                unavailable("shutting_down", "the server is shutting down".into())
            }
            other => {
                tracing::error!("{other}");
                ApiError::internal()
            }
        }
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> ApiError {
        tracing::error!("task failed: {e}");
        ApiError::internal()
    }
}
