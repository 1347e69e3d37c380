//! Primary login: authorization code with PKCE S256 (TS 33.180 B.4) and refresh (B.5), both roles.

use crate::accessor::accessors;
use crate::error::Result;
use mcx_connect::{ClientAuthentication, ScopeSet, Secret};
use mcx_connect::{EndpointPolicy, ErrorResponse};
use std::sync::Arc;

/// A PKCE verifier and its S256 challenge (RFC 7636).
#[derive(Debug, uniffi::Object)]
pub struct Pkce(mcx_connect::Pkce);

#[uniffi::export]
impl Pkce {
    /// A fresh random verifier (32 bytes from the system's secure source).
    #[uniffi::constructor]
    pub fn generate() -> Result<Arc<Self>> {
        Ok(Arc::new(Self(mcx_connect::Pkce::generate()?)))
    }

    /// A given verifier (43 to 128 unreserved characters); for tests and restored sessions.
    #[uniffi::constructor]
    pub fn from_verifier(verifier: String) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(mcx_connect::Pkce::from_verifier(verifier)?)))
    }

    /// The verifier (sent in the code token request).
    pub fn verifier(&self) -> Secret {
        self.0.verifier().clone()
    }

    /// The S256 challenge (sent in the authorization request).
    pub fn challenge(&self) -> String {
        self.0.challenge().to_owned()
    }
}

/// Client role: the authorization request of B.4 and the reading of its redirect.
#[derive(Debug, uniffi::Object)]
pub struct AuthorizationRequest(mcx_connect::AuthorizationRequest);

#[uniffi::export]
impl AuthorizationRequest {
    /// A request with a fresh random `state`, `nonce` and PKCE verifier. `issuer`: the IdMS's
    /// issuer identifier when it sends `iss` in its redirects (RFC 9207), which `read_response`
    /// then requires.
    #[uniffi::constructor(default(issuer = None))]
    pub fn new(
        authorization_endpoint: String,
        client_id: String,
        redirect_uri: String,
        scope: ScopeSet,
        issuer: Option<String>,
    ) -> Result<Arc<Self>> {
        let mut request =
            mcx_connect::AuthorizationRequest::new(authorization_endpoint, client_id, redirect_uri, scope)?;
        request.issuer = issuer;
        Ok(Arc::new(Self(request)))
    }

    /// A request with the given `state`, `nonce`, PKCE and optional `acr_values` and `issuer`
    /// (tests, or a request restored after the app was suspended).
    #[uniffi::constructor(default(acr_values = None, issuer = None))]
    #[allow(clippy::too_many_arguments)] // One argument per request member, as in the core.
    pub fn with_values(
        authorization_endpoint: String,
        client_id: String,
        redirect_uri: String,
        scope: ScopeSet,
        state: Secret,
        nonce: Secret,
        pkce: Arc<Pkce>,
        acr_values: Option<String>,
        issuer: Option<String>,
    ) -> Arc<Self> {
        let mut request = mcx_connect::AuthorizationRequest::with_values(
            authorization_endpoint,
            client_id,
            redirect_uri,
            scope,
            state,
            nonce,
            pkce.0.clone(),
        );
        (request.acr_values, request.issuer) = (acr_values, issuer);
        Arc::new(Self(request))
    }

    /// The URL to open in the browser.
    #[uniffi::method(default(policy = None))]
    pub fn url(&self, policy: Option<EndpointPolicy>) -> Result<String> {
        Ok(self.0.url(policy.unwrap_or_default())?)
    }

    /// Reads the redirect the IdMS sent back: the authorization code, after checking `state`
    /// (and `iss`, with an `issuer`).
    pub fn read_response(&self, redirect_url: String) -> Result<Secret> {
        Ok(self.0.read_response(&redirect_url)?)
    }

    /// The code token request for the code this request received.
    pub fn code_request(&self, code: Secret, client: ClientAuthentication) -> Arc<AuthorizationCodeRequest> {
        AuthorizationCodeRequest::wrap(self.0.code_request(code, client), Vec::new())
    }

    /// The PKCE verifier and challenge.
    pub fn pkce(&self) -> Arc<Pkce> {
        Arc::new(Pkce(self.0.pkce.clone()))
    }
}

accessors!(AuthorizationRequest.0 {
    /// The `state` value.
    state -> Secret;
    /// The `nonce` value.
    nonce -> Secret;
    /// The redirect URI.
    redirect_uri -> String;
    /// The client id.
    client_id -> String;
    /// The requested scope.
    scope -> ScopeSet;
});

/// Server role: an authorization request as the IdMS's authorization endpoint reads it.
#[derive(Debug, uniffi::Object)]
pub struct IncomingAuthorizationRequest(mcx_connect::IncomingAuthorizationRequest);

#[uniffi::export]
impl IncomingAuthorizationRequest {
    /// Reads the request URL; refuses a missing PKCE S256 challenge, a bad redirect URI or scope.
    #[uniffi::constructor]
    pub fn parse_url(url: String) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(mcx_connect::IncomingAuthorizationRequest::parse_url(&url)?)))
    }

    /// The redirect carrying the issued code (and `state`), and `iss` when `issuer` is given
    /// (RFC 9207: this server's issuer identifier, sent in every response by a server that supports it).
    #[uniffi::method(default(issuer = None))]
    pub fn success_redirect(&self, code: String, issuer: Option<String>) -> String {
        self.0.success_redirect(&code, issuer.as_deref())
    }

    /// The redirect carrying an error (and `state`), and `iss` when `issuer` is given (RFC 9207).
    #[uniffi::method(default(issuer = None))]
    pub fn error_redirect(&self, error: ErrorResponse, issuer: Option<String>) -> String {
        self.0.error_redirect(&error.fitted(), issuer.as_deref())
    }
}

accessors!(IncomingAuthorizationRequest.0 {
    /// The client id.
    client_id -> String;
    /// The redirect URI.
    redirect_uri -> String;
    /// The requested scope.
    scope -> ScopeSet;
    /// The `state`, if sent.
    state -> Option<String>;
    /// The `nonce`, if sent.
    nonce -> Option<String>;
    /// The S256 `code_challenge`, to keep with the issued code.
    code_challenge -> String;
});

crate::request::token_request!(
    /// The code token request of B.4 (`grant_type=authorization_code` with the PKCE verifier).
    AuthorizationCodeRequest,
    parse: "Server role: reads an incoming code token request.",
    build: "Client role: the HTTP request to the token endpoint."
);

#[uniffi::export]
impl AuthorizationCodeRequest {
    /// A code token request.
    #[uniffi::constructor]
    pub fn new(code: Secret, redirect_uri: String, code_verifier: Secret, client: ClientAuthentication) -> Arc<Self> {
        let value = mcx_connect::AuthorizationCodeRequest { code, redirect_uri, code_verifier, client };
        Self::wrap(value, Vec::new())
    }

    /// Server role: checks the verifier against the stored challenge and the redirect URI
    /// against the authorization request's.
    pub fn verify(&self, code_challenge: String, redirect_uri: String) -> Result<()> {
        Ok(self.value.verify(&code_challenge, &redirect_uri)?)
    }
}

accessors!(AuthorizationCodeRequest.value {
    /// The authorization code.
    code -> Secret;
    /// The redirect URI.
    redirect_uri -> String;
    /// The PKCE verifier.
    code_verifier -> Secret;
});

crate::request::token_request!(
    /// The refresh request of B.5 (`grant_type=refresh_token`, scope equal or narrower).
    RefreshRequest,
    parse: "Server role: reads an incoming refresh request.",
    build: "Client role: the HTTP request to the token endpoint."
);

#[uniffi::export]
impl RefreshRequest {
    /// A refresh request; an absent `scope` keeps the granted scope.
    #[uniffi::constructor]
    pub fn new(refresh_token: Secret, scope: Option<ScopeSet>, client: ClientAuthentication) -> Arc<Self> {
        let value = mcx_connect::RefreshRequest::new(refresh_token, scope, client);
        Self::wrap(value, Vec::new())
    }

    /// Server role: refuses a scope wider than `granted` (B.5) with `invalid_scope`.
    pub fn check_scope(&self, granted: ScopeSet) -> Result<()> {
        Ok(self.value.check_scope(&granted)?)
    }
}

accessors!(RefreshRequest.value {
    /// The refresh token.
    refresh_token -> Secret;
    /// The requested scope, if any.
    scope -> Option<ScopeSet>;
});
