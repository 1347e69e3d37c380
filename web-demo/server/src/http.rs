//! The axum ↔ core adapter: the only place where axum's request and response types meet the
//! core's [`HttpRequest`] / [`HttpResponse`]. The conversions themselves are the core's (feature
//! `http`: `HttpRequest::try_from(http::Request)`, `http::Response::try_from(HttpResponse)`);
//! this file reads the body, says what this server's address is, and turns a request the core
//! cannot take into an RFC 6749 §5.2 error response.
//!
//! A handler that speaks to the core takes a [`CoreRequest`] and returns [`http_response`]:
//!
//! ```text
//! async fn token(State(demo): State<Arc<Demo>>, CoreRequest(request): CoreRequest) -> Response {
//!     match TokenRequest::parse(&request, &parse_options()) { ... }
//! }
//! ```

use crate::state::Demo;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mcx_connect::{ErrorResponse, HttpRequest, HttpResponse, OAuthErrorCode, Rejection};
use std::sync::Arc;
use std::time::Instant;

/// An incoming request as the core's value.
///
/// The core makes an origin-form target (`/primary/token`) absolute as `https://{Host}{path}`,
/// the address a server behind TLS has. This loopback demo serves plain `http`, so the URL is
/// set to the server's own base: the request value then says where it really arrived (the core's
/// token-endpoint readers do not decide on it; its text form and `Debug` show it).
///
/// Refused with an `invalid_request` error response (the core's cause, `malformed_http`, in
/// `error_description`): a header value that is not UTF-8, a request without `Host`. A body
/// axum cannot read is axum's own refusal (413 over its 2 MB default limit).
pub(crate) struct CoreRequest(pub(crate) HttpRequest);

impl FromRequest<Arc<Demo>> for CoreRequest {
    type Rejection = Response;

    async fn from_request(request: Request, demo: &Arc<Demo>) -> Result<Self, Response> {
        let (parts, body) = request.into_parts();
        let path = parts.uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
        let body = Bytes::from_request(Request::from_parts(parts.clone(), body), demo)
            .await
            .map_err(IntoResponse::into_response)?;
        let mut request = HttpRequest::try_from(axum::http::Request::from_parts(parts, body)).map_err(|refused| {
            http_response(Rejection::with_code(OAuthErrorCode::InvalidRequest, refused).to_http_response())
        })?;
        request.url = format!("{}{path}", demo.base);
        Ok(Self(request))
    }
}

/// Writes the core's response value.
pub(crate) fn http_response(response: HttpResponse) -> Response {
    match axum::http::Response::try_from(response) {
        Ok(response) => response.map(Body::from),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// An RFC 6749 §5.2 error response written by the core.
pub(crate) fn oauth_error(code: OAuthErrorCode, description: impl Into<String>) -> Response {
    http_response(ErrorResponse::new(code, Some(description.into())).to_http_response())
}

/// A `server_error` response (no randomness, a poisoned lock, a signing failure).
pub(crate) fn server_error(what: &str) -> Response {
    oauth_error(OAuthErrorCode::ServerError, what)
}

/// One log line per request; the query (codes, state, PKCE challenge) is redacted.
pub(crate) async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let query = if request.uri().query().is_some() { "?[query redacted]" } else { "" };
    let response = next.run(request).await;
    println!("{method} {path}{query} -> {} ({} ms)", response.status().as_u16(), started.elapsed().as_millis());
    response
}
