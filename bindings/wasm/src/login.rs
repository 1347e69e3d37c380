//! Primary login (TS 33.180 B.4: authorization code grant with PKCE `S256`) and refresh (B.5).
//!
//! The client's authorization request is a class, `AuthorizationRequest`: it holds the
//! `state`, `nonce` and PKCE verifier until the redirect comes back. The requests a token
//! endpoint reads are the core's own types.

use crate::convert::{string_in, to_js, ts_in, ts_out};
use crate::endpoint::policy_in;
use crate::error::{throw, throw_rejection};
use crate::request::token_request;
use crate::response::error_response_in;
use crate::scope::{from_js_with_scope, scope_in};
use mcx_connect::{AuthorizationCodeRequest, AuthorizationRequest, ClientAuthentication, EndpointPolicy};
use mcx_connect::{IncomingAuthorizationRequest, Pkce as CorePkce, RefreshRequest, Secret};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// What a new `AuthorizationRequest` needs (`state`, `nonce` and the PKCE verifier are then
/// drawn at random), and everything it holds, to keep it across a page load: a binding type,
/// since the core's `AuthorizationRequest` is a class here, not a plain value.
#[derive(Clone, serde::Serialize, serde::Deserialize, tsify::Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuthorizationRequestState {
    /// The primary IdMS authorization endpoint (`idms-auth-endpoint`).
    pub authorization_endpoint: String,
    /// The registered client id.
    pub client_id: String,
    /// Where the IdMS redirects the user agent back to.
    pub redirect_uri: String,
    /// Space-delimited scope: `openid` plus MCX scopes.
    pub scope: String,
    /// Requested authentication context classes, if any.
    #[serde(default)]
    pub acr_values: Option<String>,
    /// The anti-CSRF `state` (drawn at random when absent; it is a secret: store it like one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The `nonce` (drawn at random when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// The PKCE verifier, 43 to 128 unreserved characters (drawn at random when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_verifier: Option<String>,
}

/// A PKCE verifier and its S256 challenge: a binding type, since the core's `Pkce` keeps its
/// verifier private.
#[derive(Clone, serde::Serialize, tsify::Tsify)]
pub struct Pkce {
    /// The verifier (a secret until the token request).
    pub verifier: String,
    /// Its S256 challenge.
    pub challenge: String,
}

impl From<&CorePkce> for Pkce {
    fn from(pkce: &CorePkce) -> Self {
        Pkce { verifier: pkce.verifier().expose().to_owned(), challenge: pkce.challenge().to_owned() }
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
    pub fn new(init: Ts<AuthorizationRequestState>) -> Result<JsAuthorizationRequest, JsValue> {
        let js = ts_in(init, "init")?;
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
    pub fn restore(state: Ts<AuthorizationRequestState>) -> Result<JsAuthorizationRequest, JsValue> {
        let js = ts_in(state, "state")?;
        let missing = |what: &str| crate::error::invalid_argument("state", &format!("`{what}` is required"));
        let pkce = throw(CorePkce::from_verifier(js.code_verifier.ok_or_else(|| missing("codeVerifier"))?))?;
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
    pub fn save(&self) -> Result<Ts<AuthorizationRequestState>, JsValue> {
        let r = &self.inner;
        ts_out(&AuthorizationRequestState {
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
    pub fn url(&self, policy: Option<Ts<EndpointPolicy>>) -> Result<String, JsValue> {
        throw(self.inner.url(policy_in(policy)?))
    }

    /// Reads the redirect back from the IdMS and returns the authorization `code`, after
    /// checking `state` (`AuthorizationRequest::read_response`).
    #[wasm_bindgen(js_name = readResponse)]
    pub fn read_response(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = redirectUrl)] redirect_url: JsValue,
    ) -> Result<String, JsValue> {
        let redirect_url = &string_in(redirect_url, "redirectUrl")?;
        throw(self.inner.read_response(redirect_url)).map(Secret::into_inner)
    }

    /// The token request that redeems `code`, carrying this request's verifier
    /// (`AuthorizationRequest::code_request`); build it with `buildAuthorizationCodeRequest`.
    #[wasm_bindgen(js_name = codeRequest, unchecked_return_type = "Required<AuthorizationCodeRequest>")]
    pub fn code_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
        client: Option<Ts<ClientAuthentication>>,
    ) -> Result<JsValue, JsValue> {
        let code = &string_in(code, "code")?;
        let client = crate::client::client_in(client)?;
        to_js(&self.inner.code_request(Secret::new(code), client))
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
#[wasm_bindgen(js_name = generatePkce)]
pub fn generate_pkce() -> Result<Ts<Pkce>, JsValue> {
    ts_out(&Pkce::from(&throw(CorePkce::generate())?))
}

/// The S256 challenge of a caller-given verifier (`Pkce::from_verifier`); throws
/// `login_invalid_verifier`.
#[wasm_bindgen(js_name = pkceFromVerifier)]
pub fn pkce_from_verifier(
    #[wasm_bindgen(unchecked_param_type = "string")] verifier: JsValue,
) -> Result<Ts<Pkce>, JsValue> {
    let verifier = &string_in(verifier, "verifier")?;
    ts_out(&Pkce::from(&throw(CorePkce::from_verifier(verifier))?))
}

/// Server role: reads an authorization request URL (`IncomingAuthorizationRequest::parse_url`);
/// B.4 requires PKCE with S256.
#[wasm_bindgen(js_name = parseAuthorizationRequestUrl)]
pub fn parse_authorization_request_url(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
) -> Result<Ts<IncomingAuthorizationRequest>, JsValue> {
    let url = &string_in(url, "url")?;
    ts_out(&throw_rejection(IncomingAuthorizationRequest::parse_url(url))?)
}

fn incoming_in(request: Ts<IncomingAuthorizationRequest>) -> Result<IncomingAuthorizationRequest, JsValue> {
    from_js_with_scope(request.into(), "request", "scope")
}

/// Server role: the redirect that hands `code` back to the client
/// (`IncomingAuthorizationRequest::success_redirect`).
#[wasm_bindgen(js_name = authorizationSuccessRedirect)]
pub fn authorization_success_redirect(
    request: Ts<IncomingAuthorizationRequest>,
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
) -> Result<String, JsValue> {
    let code = &string_in(code, "code")?;
    Ok(incoming_in(request)?.success_redirect(code))
}

/// Server role: the redirect that reports an error to the client
/// (`IncomingAuthorizationRequest::error_redirect`).
#[wasm_bindgen(js_name = authorizationErrorRedirect)]
pub fn authorization_error_redirect(
    request: Ts<IncomingAuthorizationRequest>,
    #[wasm_bindgen(unchecked_param_type = "Pick<ErrorResponse, \"error\"> & Partial<ErrorResponse>")] error: JsValue,
) -> Result<String, JsValue> {
    Ok(incoming_in(request)?.error_redirect(&error_response_in(error)?))
}

token_request!(
    AuthorizationCodeRequest,
    #[doc = " Builds the code token request POST (`AuthorizationCodeRequest::build`)."]
    build: build_authorization_code_request = buildAuthorizationCodeRequest,
    #[doc = " Server role: reads a code token request (`AuthorizationCodeRequest::parse`)."]
    parse: parse_authorization_code_request = parseAuthorizationCodeRequest -> "Parsed<Required<AuthorizationCodeRequest>>",
);

/// Server role: checks the verifier against the challenge stored with the code, and the
/// redirect URI against the authorization request's (`AuthorizationCodeRequest::verify`).
#[wasm_bindgen(js_name = verifyAuthorizationCodeRequest)]
pub fn verify_authorization_code_request(
    request: Ts<AuthorizationCodeRequest>,
    #[wasm_bindgen(unchecked_param_type = "string", js_name = codeChallenge)] code_challenge: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string", js_name = redirectUri)] redirect_uri: JsValue,
) -> Result<(), JsValue> {
    let code_challenge = &string_in(code_challenge, "codeChallenge")?;
    let redirect_uri = &string_in(redirect_uri, "redirectUri")?;
    throw_rejection(ts_in(request, "request")?.verify(code_challenge, redirect_uri))
}

fn refresh_in(request: Ts<RefreshRequest>) -> Result<RefreshRequest, JsValue> {
    from_js_with_scope(request.into(), "request", "scope")
}

token_request!(
    RefreshRequest,
    #[doc = " Builds the refresh POST (`RefreshRequest::build`); `scope` null keeps the original grant."]
    build: build_refresh_request = buildRefreshRequest,
    #[doc = " Server role: reads a refresh request (`RefreshRequest::parse`)."]
    parse: parse_refresh_request = parseRefreshRequest -> "Parsed<Required<RefreshRequest>>",
);

/// Server role (B.5): throws `scope_widened` (`invalid_scope`) if the refresh asks for more
/// than `granted` (`RefreshRequest::check_scope`).
#[wasm_bindgen(js_name = checkRefreshScope)]
pub fn check_refresh_scope(
    request: Ts<RefreshRequest>,
    #[wasm_bindgen(unchecked_param_type = "string")] granted: JsValue,
) -> Result<(), JsValue> {
    let granted = &string_in(granted, "granted")?;
    throw_rejection(refresh_in(request)?.check_scope(&scope_in(granted)?))
}
