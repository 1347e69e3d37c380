//! Token responses (RFC 6749 §5.1) and error responses (§5.2), both directions, with the
//! core's own records `TokenResponse` and `ErrorResponse` (and its enum `TokenEndpointResponse`).

use crate::error::Result;
use mcx_connect::{ErrorResponse, HttpResponse, Limits, TokenEndpointResponse, TokenResponse};

/// Reads a token response; an RFC 6749 §5.2 error fails with `error_response` and the server's
/// code in `oauth_error`.
#[uniffi::export(default(limits = None))]
pub fn read_token_response(response: HttpResponse, limits: Option<Limits>) -> Result<TokenResponse> {
    Ok(TokenResponse::from_http_response(&response, &limits.unwrap_or_default())?)
}

/// Reads a token endpoint's reply of either shape: `TokenExchange` when it carries
/// `issued_token_type` (RFC 8693 §2.2.1), else `Token`; each read as its own reader does, and an
/// RFC 6749 §5.2 error fails with `error_response` as `read_token_response` does.
#[uniffi::export(default(limits = None))]
pub fn read_token_endpoint_response(response: HttpResponse, limits: Option<Limits>) -> Result<TokenEndpointResponse> {
    Ok(TokenEndpointResponse::from_http_response(&response, &limits.unwrap_or_default())?)
}

/// Writes a token response (status 200, JSON, `Cache-Control: no-store`).
#[uniffi::export]
pub fn write_token_response(tokens: TokenResponse) -> HttpResponse {
    tokens.to_http_response()
}

/// Reads an error response from any status; absent when the body is not one.
#[uniffi::export]
pub fn read_error_response(response: HttpResponse) -> Option<ErrorResponse> {
    ErrorResponse::from_http_response(&response)
}

/// Writes an error response: the status for the code (401 and `WWW-Authenticate` for
/// `invalid_client`), a JSON body with the description fitted to RFC 6749's character set.
#[uniffi::export]
pub fn write_error_response(error: ErrorResponse) -> HttpResponse {
    error.fitted().to_http_response()
}

/// The HTTP status a token endpoint answers an RFC error code with.
#[uniffi::export]
pub fn oauth_error_http_status(error: String) -> u16 {
    mcx_connect::OAuthErrorCode::parse(&error).http_status()
}
