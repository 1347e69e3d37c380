//! Token responses (RFC 6749 §5.1) and error responses (§5.2), both directions. `ErrorResponse`
//! is the core's own record.

use crate::error::Result;
use crate::scope::ScopeSet;
use mcx_connect::HttpResponse;
use mcx_connect::Secret;
use mcx_connect::{ErrorResponse, Limits, Normalisation, TokenType};
use std::sync::Arc;

// Mirrored: the core's tokens are `Secret` values and its scope a `ScopeSet`, which cross as
// objects (`Arc`).
/// A token response (B.4, B.5, B.7.5).
#[derive(Debug, Clone, uniffi::Record)]
pub struct TokenResponse {
    /// The access token.
    pub access_token: Secret,
    /// `token_type` as sent (`Bearer`, `N_A`, or another value).
    pub token_type: TokenType,
    /// Lifetime in seconds.
    #[uniffi(default = None)]
    pub expires_in: Option<u64>,
    /// The refresh token.
    #[uniffi(default = None)]
    pub refresh_token: Option<Secret>,
    /// The granted scope.
    #[uniffi(default = None)]
    pub scope: Option<Arc<ScopeSet>>,
    /// The OpenID Connect ID token.
    #[uniffi(default = None)]
    pub id_token: Option<Secret>,
    /// Read: the `scope` member exactly as sent, when it was a string (not written).
    #[uniffi(default = None)]
    pub scope_text: Option<String>,
    /// Read: every variation of an optional member read leniently (not written).
    #[uniffi(default = [])]
    pub normalisations: Vec<Normalisation>,
}

impl From<mcx_connect::TokenResponse> for TokenResponse {
    fn from(t: mcx_connect::TokenResponse) -> Self {
        Self {
            access_token: t.access_token,
            token_type: t.token_type,
            expires_in: t.expires_in,
            refresh_token: t.refresh_token,
            scope: t.scope.map(ScopeSet::wrap),
            id_token: t.id_token,
            scope_text: t.scope_text,
            normalisations: t.normalisations,
        }
    }
}

impl From<TokenResponse> for mcx_connect::TokenResponse {
    fn from(t: TokenResponse) -> Self {
        Self {
            access_token: t.access_token,
            token_type: t.token_type,
            expires_in: t.expires_in,
            refresh_token: t.refresh_token,
            scope: t.scope.map(|s| s.core()),
            id_token: t.id_token,
            scope_text: None,
            normalisations: Vec::new(),
        }
    }
}

/// Reads a token response; an RFC 6749 §5.2 error fails with `error_response` and the server's
/// code in `oauth_error`.
#[uniffi::export(default(limits = None))]
pub fn read_token_response(response: HttpResponse, limits: Option<Limits>) -> Result<TokenResponse> {
    Ok(mcx_connect::TokenResponse::from_http_response(&response, &limits.unwrap_or_default())?.into())
}

/// Writes a token response (status 200, JSON, `Cache-Control: no-store`).
#[uniffi::export]
pub fn write_token_response(tokens: TokenResponse) -> HttpResponse {
    mcx_connect::TokenResponse::from(tokens).to_http_response()
}

/// Reads an error response from any status; `None` when the body is not one.
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
