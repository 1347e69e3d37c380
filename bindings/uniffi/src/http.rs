//! HTTP values: what the host sends and receives with its own HTTP stack.

use crate::error::Result;
use mcx_connect::{Normalisation, ParseMode};

/// One header line.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpHeader {
    /// The header name, as written.
    pub name: String,
    /// The header value.
    pub value: String,
}

/// An HTTP request: built by the client role, parsed by the server role.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpRequest {
    /// The method (`POST` for every token request).
    pub method: String,
    /// The absolute URL.
    pub url: String,
    /// The headers, in order.
    pub headers: Vec<HttpHeader>,
    /// The body bytes.
    pub body: Vec<u8>,
}

/// An HTTP response: read by the client role, written by the server role.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The headers, in order.
    pub headers: Vec<HttpHeader>,
    /// The body bytes.
    pub body: Vec<u8>,
}

/// An HTTP request read from HTTP/1.1 text, with what lenient reading repaired.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ParsedHttpRequest {
    /// The request.
    pub request: HttpRequest,
    /// What was repaired (lenient mode only).
    pub normalisations: Vec<Normalisation>,
}

fn headers_in(headers: Vec<HttpHeader>) -> Vec<(String, String)> {
    headers.into_iter().map(|h| (h.name, h.value)).collect()
}

fn headers_out(headers: Vec<(String, String)>) -> Vec<HttpHeader> {
    headers.into_iter().map(|(name, value)| HttpHeader { name, value }).collect()
}

impl From<HttpRequest> for mcx_connect::HttpRequest {
    fn from(r: HttpRequest) -> Self {
        Self { method: r.method, url: r.url, headers: headers_in(r.headers), body: r.body }
    }
}

impl From<mcx_connect::HttpRequest> for HttpRequest {
    fn from(r: mcx_connect::HttpRequest) -> Self {
        Self { method: r.method, url: r.url, headers: headers_out(r.headers), body: r.body }
    }
}

impl From<HttpResponse> for mcx_connect::HttpResponse {
    fn from(r: HttpResponse) -> Self {
        Self { status: r.status, headers: headers_in(r.headers), body: r.body }
    }
}

impl From<mcx_connect::HttpResponse> for HttpResponse {
    fn from(r: mcx_connect::HttpResponse) -> Self {
        Self { status: r.status, headers: headers_out(r.headers), body: r.body }
    }
}

/// Reads an HTTP/1.1 request written as text (request line, headers, blank line, body).
#[uniffi::export]
pub fn http_request_from_text(text: String, mode: ParseMode) -> Result<ParsedHttpRequest> {
    let parsed = mcx_connect::HttpRequest::parse_text(&text, mode).map_err(crate::McxConnectError::from)?;
    Ok(ParsedHttpRequest { request: parsed.value.into(), normalisations: parsed.normalisations })
}

/// Writes a request as HTTP/1.1 text.
#[uniffi::export]
pub fn http_request_to_text(request: HttpRequest) -> String {
    mcx_connect::HttpRequest::from(request).to_text()
}

/// Reads an HTTP/1.1 response written as text.
#[uniffi::export]
pub fn http_response_from_text(text: String) -> Result<HttpResponse> {
    Ok(mcx_connect::HttpResponse::parse_text(&text).map_err(crate::McxConnectError::from)?.into())
}

/// Writes a response as HTTP/1.1 text.
#[uniffi::export]
pub fn http_response_to_text(response: HttpResponse) -> String {
    mcx_connect::HttpResponse::from(response).to_text()
}
