//! Primary login (TS 33.180 B.4: authorization code grant with PKCE `S256`) and refresh (B.5).
//!
//! The client's authorization request is a class, `AuthorizationRequest`: it holds the
//! `state`, `nonce` and PKCE verifier until the redirect comes back. The requests a token
//! endpoint reads are the core's own types.

use crate::convert::{secret_out, string_in, to_js, ts_in, ts_out};
use crate::endpoint::policy_in;
use crate::error::{throw, throw_rejection};
use crate::request::token_request;
use crate::response::error_response_in;
use crate::scope::{from_js_with_scope, scope_in};
use mcx_connect::{AuthorizationCodeRequest, AuthorizationRequest, ClientAuthentication, EndpointPolicy};
use mcx_connect::{IncomingAuthorizationRequest, Pkce, RefreshRequest, Secret};
use tsify::Ts;
use wasm_bindgen::prelude::*;

// Mirrored: `new` draws `state`, `nonce` and the verifier when absent and `restore` requires them,
// where the core's `AuthorizationRequest` (a class here) holds them as `Secret`s and a `Pkce`.
/// What a new `AuthorizationRequest` needs (`state`, `nonce` and the PKCE verifier are then
/// drawn at random), and everything it holds, to keep it across a page load.
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
    /// The IdM server's issuer identifier when it sends `iss` in its redirects (RFC 9207; its
    /// metadata's `authorization_response_iss_parameter_supported`): `readResponse` then requires
    /// that `iss`. Without it, `iss` is not read.
    #[serde(default)]
    pub issuer: Option<String>,
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

/// The user's login at the primary IdM server (TS 33.180 B.4.2.2: OpenID Connect authorization
/// code flow with PKCE): the URL to open, then the redirect read back, with the `state`, `nonce` and
/// PKCE verifier kept until it comes. Call `free()` when done with it.
///
/// @example
/// ```js
/// import { AuthorizationRequest, buildAuthorizationCodeRequest } from "mcx-connect";
/// const login = new AuthorizationRequest({
///   authorizationEndpoint: "https://idms.primary.example/authorize", clientId: "mcptt-client",
///   redirectUri: "https://console.example/callback", scope: "openid 3gpp:mc:ptt_service",
/// });
/// const url = login.url(); // open it in the browser; keep login.save() across the page load
/// new URL(url).searchParams.get("code_challenge_method"); // => "S256"
/// // The IdM server redirects back with a code and the same state:
/// const code = login.readResponse(`https://console.example/callback?code=c0de&state=${login.state}`);
/// code; // => "c0de"
/// const request = buildAuthorizationCodeRequest("https://idms.primary.example/token",
///   login.codeRequest(code, { method: "client_id", clientId: "mcptt-client" }));
/// request.method; // => "POST"
/// login.free();
/// ```
#[wasm_bindgen(js_name = AuthorizationRequest)]
pub struct JsAuthorizationRequest {
    inner: AuthorizationRequest,
}

#[wasm_bindgen(js_class = AuthorizationRequest)]
impl JsAuthorizationRequest {
    /// A login with fresh random `state`, `nonce` and PKCE verifier (from the platform's
    /// `crypto.getRandomValues`).
    ///
    /// @throws {McxConnectError} the codes of `parseScope` for the scope; `invalid_argument` for an
    /// `init` of the wrong shape; `login_randomness_unavailable` without a random source.
    #[wasm_bindgen(constructor)]
    pub fn new(init: Ts<AuthorizationRequestState>) -> Result<JsAuthorizationRequest, JsValue> {
        let js = ts_in(init, "init")?;
        let mut inner = throw(AuthorizationRequest::new(
            js.authorization_endpoint,
            js.client_id,
            js.redirect_uri,
            scope_in(&js.scope)?,
        ))?;
        (inner.acr_values, inner.issuer) = (js.acr_values, js.issuer);
        Ok(Self { inner })
    }

    /// A login restored from `save()`, or with caller-chosen `state`, `nonce` and `codeVerifier`.
    ///
    /// @throws {McxConnectError} `login_invalid_verifier` for a verifier RFC 7636 refuses;
    /// `invalid_argument` when `state`, `nonce` or `codeVerifier` is missing.
    #[wasm_bindgen(js_name = restore)]
    pub fn restore(state: Ts<AuthorizationRequestState>) -> Result<JsAuthorizationRequest, JsValue> {
        let js = ts_in(state, "state")?;
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
        (inner.acr_values, inner.issuer) = (js.acr_values, js.issuer);
        Ok(Self { inner })
    }

    /// Everything the login holds, for `AuthorizationRequest.restore` after a page load. It holds
    /// secrets (`state`, `nonce`, `codeVerifier`): keep it in session storage, not in a log.
    ///
    /// @throws {McxConnectError} not for a login this library made: `invalid_argument` would mean
    /// its values could not be converted.
    pub fn save(&self) -> Result<Ts<AuthorizationRequestState>, JsValue> {
        let r = &self.inner;
        ts_out(&AuthorizationRequestState {
            authorization_endpoint: r.authorization_endpoint.clone(),
            client_id: r.client_id.clone(),
            redirect_uri: r.redirect_uri.clone(),
            scope: r.scope.to_string(),
            acr_values: r.acr_values.clone(),
            issuer: r.issuer.clone(),
            state: Some(r.state.expose().to_owned()),
            nonce: Some(r.nonce.expose().to_owned()),
            code_verifier: Some(r.pkce.verifier().expose().to_owned()),
        })
    }

    /// The URL to open in the user agent: the authorization endpoint with `response_type=code`,
    /// `client_id`, `redirect_uri`, `scope`, `state`, `nonce` and the PKCE challenge.
    ///
    /// @throws {McxConnectError} `endpoint_invalid` or `endpoint_insecure` for an authorization
    /// endpoint the policy refuses.
    pub fn url(&self, policy: Option<Ts<EndpointPolicy>>) -> Result<String, JsValue> {
        throw(self.inner.url(policy_in(policy)?))
    }

    /// Reads the redirect back from the IdM server and returns the authorization `code`, after
    /// checking its `state` against this login's.
    ///
    /// @throws {McxConnectError} `login_state_mismatch` for another login's redirect;
    /// `login_issuer_mismatch` for a redirect whose `iss` is not `issuer` (when it is set);
    /// `error_response` when the server redirected with an error (its `oauthError`, e.g.
    /// `access_denied` when the user cancelled); `missing_parameter` without a `code`.
    #[wasm_bindgen(js_name = readResponse, unchecked_return_type = "string")]
    pub fn read_response(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = redirectUrl)] redirect_url: JsValue,
    ) -> Result<JsValue, JsValue> {
        let redirect_url = &string_in(redirect_url, "redirectUrl")?;
        throw(self.inner.read_response(redirect_url)).map(|code| secret_out(&code))
    }

    /// The token request that redeems `code`, carrying this login's PKCE verifier and redirect
    /// URI; send it with `buildAuthorizationCodeRequest`.
    ///
    /// @throws {McxConnectError} `invalid_argument` for a `code` or `client` of the wrong shape.
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
    #[wasm_bindgen(getter, unchecked_return_type = "string")]
    pub fn state(&self) -> JsValue {
        secret_out(&self.inner.state)
    }

    /// The `nonce` value (compare it with the ID token's `nonce`).
    #[wasm_bindgen(getter, unchecked_return_type = "string")]
    pub fn nonce(&self) -> JsValue {
        secret_out(&self.inner.nonce)
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

/// A fresh PKCE verifier (RFC 7636, 43 characters from the platform's random source) and its
/// S256 challenge.
///
/// @throws {McxConnectError} `login_randomness_unavailable` without a random source.
/// @example
/// ```js
/// import { generatePkce, pkceFromVerifier } from "mcx-connect";
/// const pkce = generatePkce();
/// pkce.verifier.length; // => 43
/// pkceFromVerifier(pkce.verifier).challenge === pkce.challenge; // => true
/// ```
#[wasm_bindgen(js_name = generatePkce)]
pub fn generate_pkce() -> Result<Ts<Pkce>, JsValue> {
    ts_out(&throw(Pkce::generate())?)
}

/// The S256 challenge of a caller-given PKCE verifier (RFC 7636 §4.2).
///
/// @throws {McxConnectError} `login_invalid_verifier` for a verifier of fewer than 43 or more than
/// 128 characters, or with a character RFC 7636 does not allow.
/// @example
/// ```js
/// import { pkceFromVerifier } from "mcx-connect";
/// // RFC 7636 Appendix B:
/// pkceFromVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").challenge; // => "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
/// ```
#[wasm_bindgen(js_name = pkceFromVerifier)]
pub fn pkce_from_verifier(
    #[wasm_bindgen(unchecked_param_type = "string")] verifier: JsValue,
) -> Result<Ts<Pkce>, JsValue> {
    let verifier = &string_in(verifier, "verifier")?;
    ts_out(&throw(Pkce::from_verifier(verifier))?)
}

/// Server role (an IdM server's authorization endpoint): reads an authorization request URL.
/// TS 33.180 B.4 requires PKCE with S256.
///
/// @throws {McxConnectError} `login_pkce_required` without an S256 challenge;
/// `login_unsupported_response_type` unless `response_type=code`; `missing_parameter`,
/// `duplicate_parameter` or the scope codes for the other parameters; `e.oauthError` is what to
/// redirect back with.
/// @example
/// ```js
/// import { AuthorizationRequest, parseAuthorizationRequestUrl, authorizationSuccessRedirect } from "mcx-connect";
/// const login = new AuthorizationRequest({
///   authorizationEndpoint: "https://idms.primary.example/authorize", clientId: "mcptt-client",
///   redirectUri: "https://console.example/callback", scope: "openid 3gpp:mc:ptt_service",
/// });
/// const incoming = parseAuthorizationRequestUrl(login.url());
/// incoming.clientId; // => "mcptt-client"
/// const back = authorizationSuccessRedirect(incoming, "c0de");
/// login.readResponse(back); // => "c0de"
/// ```
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

/// Server role: the redirect that hands `code` back to the client, with its `state`, and `iss`
/// when `issuer` is given (RFC 9207: this server's issuer identifier, sent in every authorization
/// response by a server that supports it).
///
/// @throws {McxConnectError} `invalid_argument` for a request of the wrong shape; the scope codes
/// for its scope.
/// @example
/// ```js
/// import { AuthorizationRequest, parseAuthorizationRequestUrl, authorizationSuccessRedirect } from "mcx-connect";
/// const login = new AuthorizationRequest({
///   authorizationEndpoint: "https://idms.primary.example/authorize", clientId: "mcptt-client",
///   redirectUri: "https://console.example/callback", scope: "openid 3gpp:mc:ptt_service",
/// });
/// const back = authorizationSuccessRedirect(parseAuthorizationRequestUrl(login.url()), "c0de");
/// new URL(back).searchParams.get("state") === login.state; // => true
/// ```
#[wasm_bindgen(js_name = authorizationSuccessRedirect)]
pub fn authorization_success_redirect(
    request: Ts<IncomingAuthorizationRequest>,
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] issuer: Option<JsValue>,
) -> Result<String, JsValue> {
    let (code, issuer) = (string_in(code, "code")?, issuer_in(issuer)?);
    Ok(incoming_in(request)?.success_redirect(&code, issuer.as_deref()))
}

/// Server role: the redirect that reports an error to the client (RFC 6749 §4.1.2.1), with its
/// `state`, and `iss` when `issuer` is given (RFC 9207).
///
/// @throws {McxConnectError} `invalid_argument` for a request or error of the wrong shape.
/// @example
/// ```js
/// import { AuthorizationRequest, parseAuthorizationRequestUrl, authorizationErrorRedirect } from "mcx-connect";
/// const login = new AuthorizationRequest({
///   authorizationEndpoint: "https://idms.primary.example/authorize", clientId: "mcptt-client",
///   redirectUri: "https://console.example/callback", scope: "openid 3gpp:mc:ptt_service",
/// });
/// const back = authorizationErrorRedirect(parseAuthorizationRequestUrl(login.url()), { error: "access_denied" });
/// try {
///   login.readResponse(back);
/// } catch (e) {
///   e.oauthError; // => "access_denied"
/// }
/// ```
#[wasm_bindgen(js_name = authorizationErrorRedirect)]
pub fn authorization_error_redirect(
    request: Ts<IncomingAuthorizationRequest>,
    #[wasm_bindgen(unchecked_param_type = "Pick<ErrorResponse, \"error\"> & Partial<ErrorResponse>")] error: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] issuer: Option<JsValue>,
) -> Result<String, JsValue> {
    let issuer = issuer_in(issuer)?;
    Ok(incoming_in(request)?.error_redirect(&error_response_in(error)?, issuer.as_deref()))
}

/// The optional `issuer` of a redirect (`undefined` or `null`: none).
fn issuer_in(issuer: Option<JsValue>) -> Result<Option<String>, JsValue> {
    crate::convert::optional_string_in(issuer.unwrap_or(JsValue::UNDEFINED), "issuer")
}

token_request!(
    AuthorizationCodeRequest,
    #[doc = " Client role: the POST that redeems an authorization code at the token endpoint"]
    #[doc = " (RFC 6749 §4.1.3 with the PKCE verifier); get the request from `AuthorizationRequest.codeRequest`."]
    #[doc = ""]
    #[doc = " @throws {McxConnectError} `endpoint_invalid` or `endpoint_insecure` for the token endpoint;"]
    #[doc = " `missing_parameter` without a `client` (RFC 6749 §4.1.3: the client names itself);"]
    #[doc = " `empty_parameter` or `invalid_argument` for a request of the wrong shape."]
    #[doc = " @example"]
    #[doc = " ```js"]
    #[doc = " import { buildAuthorizationCodeRequest } from \"mcx-connect\";"]
    #[doc = " const request = buildAuthorizationCodeRequest(\"https://idms.primary.example/token\", {"]
    #[doc = "   code: \"c0de\", redirectUri: \"https://console.example/callback\","]
    #[doc = "   codeVerifier: \"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk\","]
    #[doc = "   client: { method: \"client_id\", clientId: \"mcptt-client\" },"]
    #[doc = " });"]
    #[doc = " new URLSearchParams(new TextDecoder().decode(request.body)).get(\"grant_type\"); // => \"authorization_code\""]
    #[doc = " ```"]
    build: build_authorization_code_request = buildAuthorizationCodeRequest,
    #[doc = " Server role: reads a code token request (RFC 6749 §4.1.3)."]
    #[doc = ""]
    #[doc = " @throws {McxConnectError} with the RFC error a server answers with (`e.oauthError`,"]
    #[doc = " `e.status`): `method_not_allowed`, `unsupported_content_type`, `missing_parameter`,"]
    #[doc = " `duplicate_parameter`, `unsupported_grant_type`, …"]
    #[doc = " @example"]
    #[doc = " ```js"]
    #[doc = " import { buildAuthorizationCodeRequest, parseAuthorizationCodeRequest } from \"mcx-connect\";"]
    #[doc = " const sent = buildAuthorizationCodeRequest(\"https://idms.primary.example/token\", {"]
    #[doc = "   code: \"c0de\", redirectUri: \"https://console.example/callback\","]
    #[doc = "   codeVerifier: \"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk\","]
    #[doc = "   client: { method: \"client_id\", clientId: \"mcptt-client\" },"]
    #[doc = " });"]
    #[doc = " parseAuthorizationCodeRequest(sent).value.code; // => \"c0de\""]
    #[doc = " ```"]
    parse: parse_authorization_code_request = parseAuthorizationCodeRequest -> "Parsed<Required<AuthorizationCodeRequest>>",
);

/// Server role: checks a code token request's PKCE verifier against the challenge stored with the
/// code, and its redirect URI against the authorization request's.
///
/// @throws {McxConnectError} `login_pkce_mismatch` or `login_invalid_redirect_uri` (OAuth error
/// `invalid_grant`).
/// @example
/// ```js
/// import { verifyAuthorizationCodeRequest } from "mcx-connect";
/// const request = {
///   code: "c0de", redirectUri: "https://console.example/callback",
///   codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", client: { method: "client_id", clientId: "mcptt-client" },
/// };
/// verifyAuthorizationCodeRequest(request, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "https://console.example/callback"); // passes
/// ```
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
    #[doc = " Client role: the refresh POST (RFC 6749 §6, TS 33.180 B.5); no `scope` keeps the original grant."]
    #[doc = ""]
    #[doc = " @throws {McxConnectError} `endpoint_invalid` or `endpoint_insecure` for the token endpoint;"]
    #[doc = " the scope codes; `empty_parameter` or `invalid_argument` for a request of the wrong shape."]
    #[doc = " @example"]
    #[doc = " ```js"]
    #[doc = " import { buildRefreshRequest } from \"mcx-connect\";"]
    #[doc = " const request = buildRefreshRequest(\"https://idms.partner.example/token\", {"]
    #[doc = "   refreshToken: \"the-refresh-token\", client: { method: \"client_id\", clientId: \"mcptt-client\" },"]
    #[doc = " });"]
    #[doc = " new URLSearchParams(new TextDecoder().decode(request.body)).get(\"grant_type\"); // => \"refresh_token\""]
    #[doc = " ```"]
    build: build_refresh_request = buildRefreshRequest,
    #[doc = " Server role: reads a refresh request (RFC 6749 §6)."]
    #[doc = ""]
    #[doc = " @throws {McxConnectError} with the RFC error a server answers with (`e.oauthError`,"]
    #[doc = " `e.status`): `missing_parameter`, `duplicate_parameter`, `unsupported_grant_type`, the scope codes, …"]
    #[doc = " @example"]
    #[doc = " ```js"]
    #[doc = " import { buildRefreshRequest, parseRefreshRequest } from \"mcx-connect\";"]
    #[doc = " const sent = buildRefreshRequest(\"https://idms.partner.example/token\", {"]
    #[doc = "   refreshToken: \"the-refresh-token\", client: { method: \"client_id\", clientId: \"mcptt-client\" },"]
    #[doc = " });"]
    #[doc = " parseRefreshRequest(sent).value.refreshToken; // => \"the-refresh-token\""]
    #[doc = " ```"]
    parse: parse_refresh_request = parseRefreshRequest -> "Parsed<Required<RefreshRequest>>",
);

/// Server role (TS 33.180 B.5): a refresh may narrow the granted scope, never widen it.
///
/// @throws {McxConnectError} `scope_widened` (OAuth error `invalid_scope`) when the refresh asks for
/// a value `granted` lacks.
/// @example
/// ```js
/// import { checkRefreshScope } from "mcx-connect";
/// const refresh = { refreshToken: "r", scope: "openid", client: { method: "client_id", clientId: "mcptt-client" } };
/// checkRefreshScope(refresh, "openid 3gpp:mc:ptt_service"); // passes
/// ```
#[wasm_bindgen(js_name = checkRefreshScope)]
pub fn check_refresh_scope(
    request: Ts<RefreshRequest>,
    #[wasm_bindgen(unchecked_param_type = "string")] granted: JsValue,
) -> Result<(), JsValue> {
    let granted = &string_in(granted, "granted")?;
    throw_rejection(refresh_in(request)?.check_scope(&scope_in(granted)?))
}
