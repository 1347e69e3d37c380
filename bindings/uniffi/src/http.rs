//! HTTP values: what the host sends and receives with its own HTTP stack. `HttpRequest` and
//! `HttpResponse` are the core's own records (a header crosses as `HttpHeader`, a name/value
//! record).

use crate::error::Result;
use mcx_connect::{HttpRequest, HttpResponse, Normalisation, ParseMode};

// Mirrored: the core's `Parsed<HttpRequest>` is generic, which UniFFI cannot carry.
/// An HTTP request read from HTTP/1.1 text, with what lenient reading repaired.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ParsedHttpRequest {
    /// The request.
    pub request: HttpRequest,
    /// What was repaired (lenient mode only).
    pub normalisations: Vec<Normalisation>,
}

/// Reads an HTTP/1.1 request written as text (request line, headers, blank line, body).
#[uniffi::export]
pub fn http_request_from_text(text: String, mode: ParseMode) -> Result<ParsedHttpRequest> {
    let parsed = HttpRequest::parse_text(&text, mode).map_err(crate::McxConnectError::from)?;
    Ok(ParsedHttpRequest { request: parsed.value, normalisations: parsed.normalisations })
}

/// Writes a request as HTTP/1.1 text.
#[uniffi::export]
pub fn http_request_to_text(request: HttpRequest) -> String {
    request.to_text()
}

/// Reads an HTTP/1.1 response written as text.
#[uniffi::export]
pub fn http_response_from_text(text: String) -> Result<HttpResponse> {
    HttpResponse::parse_text(&text).map_err(crate::McxConnectError::from)
}

/// Writes a response as HTTP/1.1 text.
#[uniffi::export]
pub fn http_response_to_text(response: HttpResponse) -> String {
    response.to_text()
}

/// The request as it may be shown or logged: each secret form parameter (`assertion`,
/// `subject_token`, `client_secret`, …) and each credential header (`Authorization`) replaced by
/// `[redacted]`, by the core's one redaction (`HttpRequest::redacted`).
#[uniffi::export]
pub fn redacted_request(request: HttpRequest) -> HttpRequest {
    request.redacted()
}

/// A header value as it may be shown: a credential header's value (`Authorization`,
/// `Proxy-Authorization`, `Cookie`, `Set-Cookie`) replaced by `[redacted]`, keeping an
/// authorization scheme (the core's `redacted_header_value`). Kotlin's `HttpHeader.toString`, Swift's
/// `HttpHeader` description and Python's `repr` print header values through it, so printing a
/// request or a response never shows a credential.
#[uniffi::export]
pub fn redacted_header_value(name: String, value: String) -> String {
    mcx_connect::redacted_header_value(&name, &value)
}
