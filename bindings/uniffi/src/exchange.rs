//! Token exchange (TS 33.180 B.7.2/B.7.3, RFC 8693) in both roles.

use crate::accessor::accessors;
use crate::error::Result;
use mcx_connect::{ClientAuthentication, HttpResponse, Limits, ScopeSet, Secret, TokenExchangeResponse};
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
        let value = mcx_connect::TokenExchangeRequest::new(resource, subject_token).with_client(client);
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
    scope -> Option<ScopeSet>;
    /// RFC 8693 §2.1 `requested_token_type`, if sent.
    requested_token_type -> Option<String>;
});

/// The B.7.3 answer for a security token (`issued_token_type` JWT, `token_type` `N_A`).
#[uniffi::export]
pub fn security_token_response(token: Secret, expires_in: u64) -> TokenExchangeResponse {
    TokenExchangeResponse::security_token(token, expires_in)
}

/// Client role: reads the primary IdMS's answer to a token exchange.
#[uniffi::export(default(limits = None))]
pub fn read_token_exchange_response(response: HttpResponse, limits: Option<Limits>) -> Result<TokenExchangeResponse> {
    Ok(TokenExchangeResponse::from_http_response(&response, &limits.unwrap_or_default())?)
}

/// Server role: writes the token exchange response.
#[uniffi::export]
pub fn write_token_exchange_response(response: TokenExchangeResponse) -> HttpResponse {
    response.to_http_response()
}
