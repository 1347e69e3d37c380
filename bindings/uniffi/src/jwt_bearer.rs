//! The jwt-bearer token request to the partner IdMS (TS 33.180 B.7.4, RFC 7523), both roles.

use crate::accessor::accessors;
use mcx_connect::{ClientAuthentication, ScopeSet, Secret};
use std::sync::Arc;

crate::request::token_request!(
    /// A jwt-bearer request: the security token as `assertion`, the `client_id`, and a scope with at
    /// least one `3gpp:mc:` value.
    JwtBearerRequest,
    parse: "Server role (partner IdMS): reads an incoming request; a refusal is `Rejected` with the RFC error (`invalid_grant` for a malformed assertion).",
    build: "Client role: the HTTP request to the partner token endpoint."
);

#[uniffi::export]
impl JwtBearerRequest {
    /// A request presenting `assertion` (the security token) to the partner.
    #[uniffi::constructor]
    pub fn new(assertion: Secret, client: ClientAuthentication, scope: ScopeSet) -> Arc<Self> {
        let value = mcx_connect::JwtBearerRequest::new(assertion, client, scope);
        Self::wrap(value, Vec::new())
    }
}

accessors!(JwtBearerRequest.value {
    /// The security token.
    assertion -> Secret;
    /// The requested scope.
    scope -> ScopeSet;
});
