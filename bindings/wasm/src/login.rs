//! Primary login (TS 33.180 B.4: authorization code grant with PKCE `S256`) and refresh (B.5).
//!
//! The client's authorization request is a class, `AuthorizationRequest`: it holds the
//! `state`, `nonce` and PKCE verifier until the redirect comes back. Everything else is plain
//! objects and functions.

use crate::client::JsClient;
use crate::convert::{from_js, to_js};
use crate::endpoint::policy_in;
use crate::error::{throw, throw_rejection};
use crate::form::options_in;
use crate::http::{request_in, request_out};
use crate::response::{error_response_in, optional_scope_in, optional_scope_out};
use crate::scope::scope_in;
use mcx_connect::{
    AuthorizationCodeRequest, AuthorizationRequest, IncomingAuthorizationRequest, Pkce, RefreshRequest, Secret,
};
use tsify::Ts;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_LOGIN: &str = r#"
/** What a new `AuthorizationRequest` needs; `state`, `nonce` and the PKCE verifier are drawn at random. */
export interface AuthorizationRequestInit {
  /** The primary IdMS authorization endpoint (`idms-auth-endpoint`). */
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  /** Space-delimited scope: `openid` plus MCX scopes. */
  scope: string;
  acrValues?: string | null;
}

/** Everything an `AuthorizationRequest` holds, to keep it across a page load (it contains secrets: store it like one). */
export interface AuthorizationRequestState extends AuthorizationRequestInit {
  state: string;
  nonce: string;
  /** The PKCE verifier (43 to 128 unreserved characters). */
  codeVerifier: string;
}

/** A PKCE verifier and its S256 challenge. */
export interface Pkce {
  verifier: string;
  challenge: string;
}

/** An authorization request as the IdMS authorization endpoint reads it (server role). */
export interface IncomingAuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | null;
  nonce: string | null;
  codeChallenge: string;
}

/** The authorization code token request (B.4.2.4). */
export interface AuthorizationCodeRequest {
  code: string;
  redirectUri: string;
  codeVerifier: string;
  /** Defaults to `{ method: "none" }`. */
  client?: ClientAuthentication;
}

/** A code token request as the IdMS token endpoint read it. */
export interface IncomingAuthorizationCodeRequest {
  code: string;
  redirectUri: string;
  codeVerifier: string;
  client: ClientAuthentication;
}

/** A refresh request as the IdMS token endpoint read it. */
export interface IncomingRefreshRequest {
  refreshToken: string;
  scope: string | null;
  client: ClientAuthentication;
}

/** A refresh request (B.5); `scope` null keeps the original grant. */
export interface RefreshRequest {
  refreshToken: string;
  scope?: string | null;
  /** Defaults to `{ method: "none" }`. */
  client?: ClientAuthentication;
}
"#;

/// `AuthorizationRequestState` (and `AuthorizationRequestInit`, whose extra members are absent).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsAuthorizationRequestState {
    /// Authorization endpoint.
    pub authorization_endpoint: String,
    /// Client id.
    pub client_id: String,
    /// Redirect URI.
    pub redirect_uri: String,
    /// Scope.
    pub scope: String,
    /// `acr_values`.
    #[serde(default)]
    pub acr_values: Option<String>,
    /// State (absent in an init).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Nonce (absent in an init).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// PKCE verifier (absent in an init).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_verifier: Option<String>,
}

/// `Pkce` as JavaScript receives it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct JsPkce {
    /// Verifier.
    pub verifier: String,
    /// S256 challenge.
    pub challenge: String,
}

impl From<&Pkce> for JsPkce {
    fn from(pkce: &Pkce) -> Self {
        JsPkce { verifier: pkce.verifier().expose().to_owned(), challenge: pkce.challenge().to_owned() }
    }
}

/// `IncomingAuthorizationRequest` as JavaScript sees it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsIncomingAuthorizationRequest {
    /// Client id.
    pub client_id: String,
    /// Redirect URI.
    pub redirect_uri: String,
    /// Scope.
    pub scope: String,
    /// State.
    #[serde(default)]
    pub state: Option<String>,
    /// Nonce.
    #[serde(default)]
    pub nonce: Option<String>,
    /// S256 challenge.
    pub code_challenge: String,
}

impl JsIncomingAuthorizationRequest {
    fn into_core(self) -> Result<IncomingAuthorizationRequest, JsValue> {
        Ok(IncomingAuthorizationRequest {
            client_id: self.client_id,
            redirect_uri: self.redirect_uri,
            scope: scope_in(&self.scope)?,
            state: self.state,
            nonce: self.nonce,
            code_challenge: self.code_challenge,
        })
    }
}

/// `AuthorizationCodeRequest` as JavaScript sees it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsAuthorizationCodeRequest {
    /// Code.
    pub code: String,
    /// Redirect URI.
    pub redirect_uri: String,
    /// PKCE verifier.
    pub code_verifier: String,
    /// Client.
    #[serde(default)]
    pub client: JsClient,
}

impl From<JsAuthorizationCodeRequest> for AuthorizationCodeRequest {
    fn from(js: JsAuthorizationCodeRequest) -> Self {
        AuthorizationCodeRequest {
            code: Secret::new(js.code),
            redirect_uri: js.redirect_uri,
            code_verifier: Secret::new(js.code_verifier),
            client: js.client.into(),
        }
    }
}

impl From<AuthorizationCodeRequest> for JsAuthorizationCodeRequest {
    fn from(request: AuthorizationCodeRequest) -> Self {
        JsAuthorizationCodeRequest {
            client: JsClient::from(&request.client),
            code: request.code.into_inner(),
            redirect_uri: request.redirect_uri,
            code_verifier: request.code_verifier.into_inner(),
        }
    }
}

/// `RefreshRequest` as JavaScript sees it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsRefreshRequest {
    /// Refresh token.
    pub refresh_token: String,
    /// Scope.
    #[serde(default)]
    pub scope: Option<String>,
    /// Client.
    #[serde(default)]
    pub client: JsClient,
}

impl JsRefreshRequest {
    fn into_core(self) -> Result<RefreshRequest, JsValue> {
        Ok(RefreshRequest::new(self.refresh_token, optional_scope_in(self.scope.as_deref())?, self.client.into()))
    }
}

/// The authorization request of B.4.2.2, with the `state`, `nonce` and PKCE verifier kept
/// until the redirect comes back.
#[wasm_bindgen(js_name = AuthorizationRequest)]
pub struct JsAuthorizationRequest {
    inner: AuthorizationRequest,
}

#[wasm_bindgen(js_class = AuthorizationRequest)]
impl JsAuthorizationRequest {
    /// A request with fresh random `state`, `nonce` and PKCE verifier (`AuthorizationRequest::new`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AuthorizationRequestInit")] init: JsValue,
    ) -> Result<JsAuthorizationRequest, JsValue> {
        let js: JsAuthorizationRequestState = from_js(init, "init")?;
        let mut inner = throw(AuthorizationRequest::new(
            js.authorization_endpoint,
            js.client_id,
            js.redirect_uri,
            scope_in(&js.scope)?,
        ))?;
        inner.acr_values = js.acr_values;
        Ok(Self { inner })
    }

    /// A request restored from `save()`, or with caller-chosen values
    /// (`AuthorizationRequest::with_values`); throws `login_invalid_verifier` for a bad verifier.
    #[wasm_bindgen(js_name = restore)]
    pub fn restore(
        #[wasm_bindgen(unchecked_param_type = "AuthorizationRequestState")] state: JsValue,
    ) -> Result<JsAuthorizationRequest, JsValue> {
        let js: JsAuthorizationRequestState = from_js(state, "state")?;
        let missing = |what: &str| crate::error::invalid_argument("state", &format!("`{what}` is required"));
        let pkce = throw(Pkce::from_verifier(js.code_verifier.ok_or_else(|| missing("codeVerifier"))?))?;
        let mut inner = AuthorizationRequest::with_values(
            js.authorization_endpoint,
            js.client_id,
            js.redirect_uri,
            scope_in(&js.scope)?,
            Secret::new(js.state.ok_or_else(|| missing("state"))?),
            Secret::new(js.nonce.ok_or_else(|| missing("nonce"))?),
            pkce,
        );
        inner.acr_values = js.acr_values;
        Ok(Self { inner })
    }

    /// Everything the request holds, for `AuthorizationRequest.restore` after a page load.
    #[wasm_bindgen(unchecked_return_type = "AuthorizationRequestState")]
    pub fn save(&self) -> Result<JsValue, JsValue> {
        let r = &self.inner;
        to_js(&JsAuthorizationRequestState {
            authorization_endpoint: r.authorization_endpoint.clone(),
            client_id: r.client_id.clone(),
            redirect_uri: r.redirect_uri.clone(),
            scope: r.scope.to_string(),
            acr_values: r.acr_values.clone(),
            state: Some(r.state.expose().to_owned()),
            nonce: Some(r.nonce.expose().to_owned()),
            code_verifier: Some(r.pkce.verifier().expose().to_owned()),
        })
    }

    /// The URL to open in the user agent (`AuthorizationRequest::url`).
    pub fn url(&self, policy: Option<Ts<mcx_connect::EndpointPolicy>>) -> Result<String, JsValue> {
        throw(self.inner.url(policy_in(policy)?))
    }

    /// Reads the redirect back from the IdMS and returns the authorization `code`, after
    /// checking `state` (`AuthorizationRequest::read_response`).
    #[wasm_bindgen(js_name = readResponse)]
    pub fn read_response(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = redirectUrl)] redirect_url: JsValue,
    ) -> Result<String, JsValue> {
        let redirect_url = &crate::convert::string_in(redirect_url, "redirectUrl")?;
        throw(self.inner.read_response(redirect_url)).map(Secret::into_inner)
    }

    /// The token request that redeems `code`, carrying this request's verifier
    /// (`AuthorizationRequest::code_request`); build it with `buildAuthorizationCodeRequest`.
    #[wasm_bindgen(js_name = codeRequest, unchecked_return_type = "AuthorizationCodeRequest")]
    pub fn code_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ClientAuthentication")] client: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let code = &crate::convert::string_in(code, "code")?;
        let client = crate::client::client_in(client)?;
        to_js(&JsAuthorizationCodeRequest::from(self.inner.code_request(Secret::new(code), client)))
    }

    /// The `state` value.
    #[wasm_bindgen(getter)]
    pub fn state(&self) -> String {
        self.inner.state.expose().to_owned()
    }

    /// The `nonce` value (compare it with the ID token's `nonce`).
    #[wasm_bindgen(getter)]
    pub fn nonce(&self) -> String {
        self.inner.nonce.expose().to_owned()
    }

    /// The PKCE S256 challenge sent in the URL.
    #[wasm_bindgen(getter, js_name = codeChallenge)]
    pub fn code_challenge(&self) -> String {
        self.inner.pkce.challenge().to_owned()
    }

    /// The redirect URI.
    #[wasm_bindgen(getter, js_name = redirectUri)]
    pub fn redirect_uri(&self) -> String {
        self.inner.redirect_uri.clone()
    }

    /// The requested scope, space-delimited.
    #[wasm_bindgen(getter)]
    pub fn scope(&self) -> String {
        self.inner.scope.to_string()
    }
}

/// A fresh PKCE verifier and its S256 challenge (`Pkce::generate`).
#[wasm_bindgen(js_name = generatePkce, unchecked_return_type = "Pkce")]
pub fn generate_pkce() -> Result<JsValue, JsValue> {
    to_js(&JsPkce::from(&throw(Pkce::generate())?))
}

/// The S256 challenge of a caller-given verifier (`Pkce::from_verifier`); throws
/// `login_invalid_verifier`.
#[wasm_bindgen(js_name = pkceFromVerifier, unchecked_return_type = "Pkce")]
pub fn pkce_from_verifier(
    #[wasm_bindgen(unchecked_param_type = "string")] verifier: JsValue,
) -> Result<JsValue, JsValue> {
    let verifier = &crate::convert::string_in(verifier, "verifier")?;
    to_js(&JsPkce::from(&throw(Pkce::from_verifier(verifier))?))
}

/// Server role: reads an authorization request URL (`IncomingAuthorizationRequest::parse_url`);
/// B.4 requires PKCE with S256.
#[wasm_bindgen(js_name = parseAuthorizationRequestUrl, unchecked_return_type = "IncomingAuthorizationRequest")]
pub fn parse_authorization_request_url(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
) -> Result<JsValue, JsValue> {
    let url = &crate::convert::string_in(url, "url")?;
    let read = throw_rejection(IncomingAuthorizationRequest::parse_url(url))?;
    to_js(&JsIncomingAuthorizationRequest {
        client_id: read.client_id,
        redirect_uri: read.redirect_uri,
        scope: read.scope.to_string(),
        state: read.state,
        nonce: read.nonce,
        code_challenge: read.code_challenge,
    })
}

/// Server role: the redirect that hands `code` back to the client
/// (`IncomingAuthorizationRequest::success_redirect`).
#[wasm_bindgen(js_name = authorizationSuccessRedirect)]
pub fn authorization_success_redirect(
    #[wasm_bindgen(unchecked_param_type = "IncomingAuthorizationRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
) -> Result<String, JsValue> {
    let code = &crate::convert::string_in(code, "code")?;
    let request: JsIncomingAuthorizationRequest = from_js(request, "request")?;
    Ok(request.into_core()?.success_redirect(code))
}

/// Server role: the redirect that reports an error to the client
/// (`IncomingAuthorizationRequest::error_redirect`).
#[wasm_bindgen(js_name = authorizationErrorRedirect)]
pub fn authorization_error_redirect(
    #[wasm_bindgen(unchecked_param_type = "IncomingAuthorizationRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ErrorResponseInit")] error: JsValue,
) -> Result<String, JsValue> {
    let request: JsIncomingAuthorizationRequest = from_js(request, "request")?;
    Ok(request.into_core()?.error_redirect(&error_response_in(error)?))
}

/// Builds the code token request POST (`AuthorizationCodeRequest::build`).
#[wasm_bindgen(js_name = buildAuthorizationCodeRequest, unchecked_return_type = "HttpRequest")]
pub fn build_authorization_code_request(
    #[wasm_bindgen(unchecked_param_type = "string", js_name = tokenEndpoint)] token_endpoint: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AuthorizationCodeRequest")] request: JsValue,
    policy: Option<Ts<mcx_connect::EndpointPolicy>>,
) -> Result<JsValue, JsValue> {
    let token_endpoint = &crate::convert::string_in(token_endpoint, "tokenEndpoint")?;
    let request = AuthorizationCodeRequest::from(from_js::<JsAuthorizationCodeRequest>(request, "request")?);
    request_out(&throw(request.build(token_endpoint, policy_in(policy)?))?)
}

/// Server role: reads a code token request (`AuthorizationCodeRequest::parse`).
#[wasm_bindgen(js_name = parseAuthorizationCodeRequest, unchecked_return_type = "Parsed<IncomingAuthorizationCodeRequest>")]
pub fn parse_authorization_code_request(
    request: Ts<mcx_connect::HttpRequest>,
    options: Option<Ts<mcx_connect::ParseOptions>>,
) -> Result<JsValue, JsValue> {
    let parsed = throw_rejection(AuthorizationCodeRequest::parse(&request_in(request)?, &options_in(options)?))?;
    to_js(&mcx_connect::Parsed {
        value: JsAuthorizationCodeRequest::from(parsed.value),
        normalisations: parsed.normalisations,
    })
}

/// Server role: checks the verifier against the challenge stored with the code, and the
/// redirect URI against the authorization request's (`AuthorizationCodeRequest::verify`).
#[wasm_bindgen(js_name = verifyAuthorizationCodeRequest)]
pub fn verify_authorization_code_request(
    #[wasm_bindgen(unchecked_param_type = "AuthorizationCodeRequest | IncomingAuthorizationCodeRequest")]
    request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string", js_name = codeChallenge)] code_challenge: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string", js_name = redirectUri)] redirect_uri: JsValue,
) -> Result<(), JsValue> {
    let code_challenge = &crate::convert::string_in(code_challenge, "codeChallenge")?;
    let redirect_uri = &crate::convert::string_in(redirect_uri, "redirectUri")?;
    let request = AuthorizationCodeRequest::from(from_js::<JsAuthorizationCodeRequest>(request, "request")?);
    throw_rejection(request.verify(code_challenge, redirect_uri))
}

/// Builds a refresh POST (`RefreshRequest::build`).
#[wasm_bindgen(js_name = buildRefreshRequest, unchecked_return_type = "HttpRequest")]
pub fn build_refresh_request(
    #[wasm_bindgen(unchecked_param_type = "string", js_name = tokenEndpoint)] token_endpoint: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RefreshRequest")] request: JsValue,
    policy: Option<Ts<mcx_connect::EndpointPolicy>>,
) -> Result<JsValue, JsValue> {
    let token_endpoint = &crate::convert::string_in(token_endpoint, "tokenEndpoint")?;
    let request = from_js::<JsRefreshRequest>(request, "request")?.into_core()?;
    request_out(&throw(request.build(token_endpoint, policy_in(policy)?))?)
}

/// Server role: reads a refresh request (`RefreshRequest::parse`).
#[wasm_bindgen(js_name = parseRefreshRequest, unchecked_return_type = "Parsed<IncomingRefreshRequest>")]
pub fn parse_refresh_request(
    request: Ts<mcx_connect::HttpRequest>,
    options: Option<Ts<mcx_connect::ParseOptions>>,
) -> Result<JsValue, JsValue> {
    let parsed = throw_rejection(RefreshRequest::parse(&request_in(request)?, &options_in(options)?))?;
    let value = JsRefreshRequest {
        client: JsClient::from(&parsed.value.client),
        refresh_token: parsed.value.refresh_token.into_inner(),
        scope: optional_scope_out(parsed.value.scope),
    };
    to_js(&mcx_connect::Parsed { value, normalisations: parsed.normalisations })
}

/// Server role (B.5): throws `scope_widened` (`invalid_scope`) if the refresh asks for more
/// than `granted` (`RefreshRequest::check_scope`).
#[wasm_bindgen(js_name = checkRefreshScope)]
pub fn check_refresh_scope(
    #[wasm_bindgen(unchecked_param_type = "RefreshRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] granted: JsValue,
) -> Result<(), JsValue> {
    let granted = &crate::convert::string_in(granted, "granted")?;
    let request = from_js::<JsRefreshRequest>(request, "request")?.into_core()?;
    throw_rejection(request.check_scope(&scope_in(granted)?))
}
