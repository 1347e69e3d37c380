//! Token exchange (TS 33.180 B.7.2/B.7.3, RFC 8693) in both roles.

use crate::accessor::accessors;
use crate::client::ClientAuthentication;
use crate::error::Result;
use crate::scope::ScopeSet;
use mcx_connect::HttpResponse;
use mcx_connect::Secret;
use mcx_connect::{Limits, Normalisation, TokenType};
use std::sync::Arc;

crate::request::token_request!(
    /// A token exchange request to the primary IdMS: `resource` is the partner IdMS token endpoint,
    /// `subject_token` the primary access token.
    TokenExchangeRequest,
    parse: "Server role (primary IdMS): reads an incoming request; a refusal is `Rejected` with the RFC error.",
    build: "Client role: the HTTP request to the primary token endpoint."
);

#[uniffi::export]
impl TokenExchangeRequest {
    /// A request for a security token for the partner at `resource`.
    #[uniffi::constructor]
    pub fn new(resource: String, subject_token: Secret, client: ClientAuthentication) -> Arc<Self> {
        let value = mcx_connect::TokenExchangeRequest::new(resource, subject_token).with_client(client.into());
        Self::wrap(value, Vec::new())
    }

    /// RFC 8693 §2.1 `actor_token`, if sent (always with `actor_token_type`).
    pub fn actor_token(&self) -> Option<Secret> {
        self.value.actor_token.as_ref().map(|actor| actor.token.clone())
    }

    /// RFC 8693 §2.1 `actor_token_type`, if sent.
    pub fn actor_token_type(&self) -> Option<String> {
        self.value.actor_token.as_ref().map(|actor| actor.token_type.clone())
    }
}

accessors!(TokenExchangeRequest.value {
    /// The partner token endpoint.
    resource -> String;
    /// The primary access token.
    subject_token -> Secret;
    /// RFC 8693 §2.1 `audience` values (repeatable), in order.
    audience -> Vec<String>;
    /// RFC 8693 §2.1 `scope`, if sent.
    scope -> Option<Arc<ScopeSet>>, via |scope: Option<_>| scope.map(ScopeSet::wrap);
    /// RFC 8693 §2.1 `requested_token_type`, if sent.
    requested_token_type -> Option<String>;
});

// Mirrored: the core's tokens are `Secret` values and its scope a `ScopeSet`, which cross as
// objects (`Arc`).
/// The token exchange response (B.7.3) carrying the security token.
#[derive(Debug, Clone, uniffi::Record)]
pub struct TokenExchangeResponse {
    /// The security token.
    pub access_token: Secret,
    /// `issued_token_type` (the JWT token type for B.7.3).
    pub issued_token_type: String,
    /// `token_type` (`N_A` for B.7.3).
    pub token_type: TokenType,
    /// Lifetime in seconds.
    #[uniffi(default = None)]
    pub expires_in: Option<u64>,
    /// The scope, if the server sent one.
    #[uniffi(default = None)]
    pub scope: Option<Arc<ScopeSet>>,
    /// A refresh token, if the server sent one.
    #[uniffi(default = None)]
    pub refresh_token: Option<Secret>,
    /// Read: the `scope` member exactly as sent, when it was a string (not written).
    #[uniffi(default = None)]
    pub scope_text: Option<String>,
    /// Read: every variation of an optional member read leniently (not written).
    #[uniffi(default = [])]
    pub normalisations: Vec<Normalisation>,
}

impl From<mcx_connect::TokenExchangeResponse> for TokenExchangeResponse {
    fn from(r: mcx_connect::TokenExchangeResponse) -> Self {
        Self {
            access_token: r.access_token,
            issued_token_type: r.issued_token_type,
            token_type: r.token_type,
            expires_in: r.expires_in,
            scope: r.scope.map(ScopeSet::wrap),
            refresh_token: r.refresh_token,
            scope_text: r.scope_text,
            normalisations: r.normalisations,
        }
    }
}

/// The B.7.3 answer for a security token (`issued_token_type` JWT, `token_type` `N_A`).
#[uniffi::export]
pub fn security_token_response(token: Secret, expires_in: u64) -> TokenExchangeResponse {
    mcx_connect::TokenExchangeResponse::security_token(token, expires_in).into()
}

/// Client role: reads the primary IdMS's answer to a token exchange.
#[uniffi::export(default(limits = None))]
pub fn read_token_exchange_response(response: HttpResponse, limits: Option<Limits>) -> Result<TokenExchangeResponse> {
    Ok(mcx_connect::TokenExchangeResponse::from_http_response(&response, &limits.unwrap_or_default())?.into())
}

/// Server role: writes the token exchange response.
#[uniffi::export]
pub fn write_token_exchange_response(response: TokenExchangeResponse) -> HttpResponse {
    let core = mcx_connect::TokenExchangeResponse {
        access_token: response.access_token,
        issued_token_type: response.issued_token_type,
        token_type: response.token_type,
        expires_in: response.expires_in,
        scope: response.scope.map(|s| s.core()),
        refresh_token: response.refresh_token,
        scope_text: None,
        normalisations: Vec::new(),
    };
    core.to_http_response()
}
