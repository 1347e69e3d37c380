//! The jwt-bearer token request to the partner IdMS (TS 33.180 B.7.4, RFC 7523), both roles.

use crate::client::ClientAuthentication;
use crate::error::Result;
use crate::http::HttpRequest;
use crate::scope::ScopeSet;
use crate::secret::Secret;
use mcx_connect::{EndpointPolicy, Normalisation, ParseOptions};
use std::sync::Arc;

/// A jwt-bearer request: the security token as `assertion`, the `client_id`, and a scope with at
/// least one `3gpp:mc:` value.
#[derive(Debug, uniffi::Object)]
pub struct JwtBearerRequest {
    value: mcx_connect::JwtBearerRequest,
    normalisations: Vec<Normalisation>,
}

#[uniffi::export]
impl JwtBearerRequest {
    /// A request presenting `assertion` (the security token) to the partner.
    #[uniffi::constructor]
    pub fn new(assertion: Arc<Secret>, client: ClientAuthentication, scope: Arc<ScopeSet>) -> Arc<Self> {
        let value = mcx_connect::JwtBearerRequest::new(assertion.core(), client.into(), scope.core());
        Arc::new(Self { value, normalisations: Vec::new() })
    }

    /// Server role (partner IdMS): reads an incoming request; a refusal is `Rejected` with the
    /// RFC error (`invalid_grant` for a malformed assertion).
    #[uniffi::constructor(default(options = None))]
    pub fn parse(request: HttpRequest, options: Option<ParseOptions>) -> Result<Arc<Self>> {
        let parsed = mcx_connect::JwtBearerRequest::parse(&request.into(), &options.unwrap_or_default())?;
        Ok(Arc::new(Self { value: parsed.value, normalisations: parsed.normalisations }))
    }

    /// Client role: the HTTP request to the partner token endpoint.
    #[uniffi::method(default(policy = None))]
    pub fn build(&self, token_endpoint: String, policy: Option<EndpointPolicy>) -> Result<HttpRequest> {
        Ok(self.value.build(&token_endpoint, policy.unwrap_or_default())?.into())
    }

    /// The security token.
    pub fn assertion(&self) -> Arc<Secret> {
        Secret::wrap(self.value.assertion.clone())
    }

    /// The client authentication.
    pub fn client(&self) -> ClientAuthentication {
        self.value.client.clone().into()
    }

    /// The requested scope.
    pub fn scope(&self) -> Arc<ScopeSet> {
        ScopeSet::wrap(self.value.scope.clone())
    }

    /// What lenient parsing repaired.
    pub fn normalisations(&self) -> Vec<Normalisation> {
        self.normalisations.clone()
    }
}

impl JwtBearerRequest {
    /// Wraps a core request with its repairs.
    pub(crate) fn wrap(value: mcx_connect::JwtBearerRequest, normalisations: Vec<Normalisation>) -> Arc<Self> {
        Arc::new(Self { value, normalisations })
    }
}
