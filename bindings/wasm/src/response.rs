//! Token endpoint responses: success (RFC 6749 §5.1, B.4.2.5, B.7.5) and error (RFC 6749 §5.2).

use crate::convert::{from_js, to_js, with_defaults};
use crate::error::throw;
use crate::form::limits_in;
use crate::http::{response_in, response_out};
use crate::scope::from_js_with_scope;
use mcx_connect::{ErrorResponse, HttpResponse, Limits, TokenEndpointResponse, TokenResponse};
use serde::de::DeserializeOwned;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Reads an `ErrorResponse` argument through the core's `ErrorResponse::new`, which makes the
/// description fit RFC 6749's character set.
pub fn error_response_in(value: JsValue) -> Result<ErrorResponse, JsValue> {
    Ok(from_js::<ErrorResponse>(value, "error")?.fitted())
}

/// Client role: reads a token endpoint's reply (RFC 6749 §5.1): `accessToken`, `tokenType`,
/// `expiresIn`, `refreshToken`, `idToken`, `scope`. Optional members that vary (number as text,
/// a scope with commas) are read and reported in `normalisations`, never fatal.
///
/// @throws {McxConnectError} `error_response` for an RFC 6749 §5.2 error reply (the server's
/// `oauthError` and `description` on the error); `unexpected_status`, `malformed_response`,
/// `missing_field`, `invalid_field` or `response_too_large` for a reply that is not a token response.
/// @example
/// ```js
/// import { readTokenResponse } from "mcx-connect";
/// const reply = {
///   status: 200,
///   headers: [["content-type", "application/json"]],
///   body: '{"access_token":"partner-access","token_type":"Bearer","expires_in":"3600"}',
/// };
/// const tokens = readTokenResponse(reply);
/// tokens.accessToken; // => "partner-access"
/// tokens.expiresIn; // => 3600
/// ```
#[wasm_bindgen(js_name = readTokenResponse, unchecked_return_type = "TokenResponse")]
pub fn read_token_response(response: Ts<HttpResponse>, limits: Option<Ts<Limits>>) -> Result<JsValue, JsValue> {
    to_js(&throw(TokenResponse::from_http_response(&response_in(response)?, &limits_in(limits)?))?)
}

/// Client role: reads a token endpoint's reply of either shape, for a client that does not know
/// which request it answers. A reply with an `issued_token_type` member is a token exchange
/// response (RFC 8693 §2.2.1): `{ kind: "token_exchange", response }`, `response` as
/// `readTokenExchangeResponse` reads it; any other is `{ kind: "token", response }`, `response` as
/// `readTokenResponse` reads it.
///
/// @throws {McxConnectError} `error_response` for an RFC 6749 §5.2 error reply, whatever its status
/// (the server's `oauthError` and `description` on the error); `unexpected_status`,
/// `malformed_response`, `missing_field`, `invalid_field` or `response_too_large` for a reply that
/// is neither.
/// @example
/// ```js
/// import { readTokenEndpointResponse } from "mcx-connect";
/// const reply = {
///   status: 200,
///   headers: [["content-type", "application/json"]],
///   body: '{"access_token":"security-token","issued_token_type":"urn:ietf:params:oauth:token-type:jwt","token_type":"N_A","expires_in":60}',
/// };
/// const { kind, response } = readTokenEndpointResponse(reply);
/// kind; // => "token_exchange"
/// response.expiresIn; // => 60
/// readTokenEndpointResponse({ ...reply, body: '{"access_token":"a","token_type":"Bearer"}' }).kind; // => "token"
/// ```
#[wasm_bindgen(js_name = readTokenEndpointResponse, unchecked_return_type = "TokenEndpointResponse")]
pub fn read_token_endpoint_response(
    response: Ts<HttpResponse>,
    limits: Option<Ts<Limits>>,
) -> Result<JsValue, JsValue> {
    to_js(&throw(TokenEndpointResponse::from_http_response(&response_in(response)?, &limits_in(limits)?))?)
}

/// Server role: writes a token response (RFC 6749 §5.1): status 200, a JSON body, no caching.
/// Absent optional members are left out.
///
/// @throws {McxConnectError} `invalid_argument` for a member of the wrong type; the codes of
/// `parseScope` for a `scope` that does not read.
/// @example
/// ```js
/// import { writeTokenResponse, readTokenResponse } from "mcx-connect";
/// const response = writeTokenResponse({ accessToken: "partner-access", tokenType: "Bearer", expiresIn: 3600 });
/// response.status; // => 200
/// readTokenResponse(response).accessToken; // => "partner-access"
/// ```
#[wasm_bindgen(js_name = writeTokenResponse, unchecked_return_type = "HttpResponse")]
pub fn write_token_response(
    #[wasm_bindgen(
        unchecked_param_type = "Pick<TokenResponse, \"accessToken\" | \"tokenType\"> & Partial<TokenResponse>"
    )]
    response: JsValue,
) -> Result<JsValue, JsValue> {
    let response: TokenResponse = response_to_write(&response, &["refreshToken", "idToken", "scopeText"])?;
    response_out(response.to_http_response())
}

/// Reads a token endpoint reply a server writes: its absent `optional` members as `null`, no
/// `normalisations`, and its `scope` read as a scope (a bad one throws the scope's own error).
pub(crate) fn response_to_write<T: DeserializeOwned>(response: &JsValue, optional: &[&str]) -> Result<T, JsValue> {
    let mut defaults: Vec<(&str, JsValue)> = optional.iter().map(|member| (*member, JsValue::NULL)).collect();
    defaults.push(("normalisations", js_sys::Array::new().into()));
    from_js_with_scope(with_defaults(response, &defaults), "response", "scope")
}

/// Server role: writes an RFC 6749 §5.2 error response: status 400 (401 with `WWW-Authenticate`
/// for `invalid_client`), a JSON body, no caching. For a `McxConnectError` `e` caught from a
/// server-role parser, pass `{ error: e.oauthError, errorDescription: e.description }`.
///
/// @throws {McxConnectError} `invalid_argument` when `error` is missing or not a string.
/// @example
/// ```js
/// import { writeErrorResponse, parseTokenExchangeRequest } from "mcx-connect";
/// let response;
/// try {
///   parseTokenExchangeRequest({ method: "GET", url: "https://idms.primary.example/token", headers: [] });
/// } catch (e) {
///   response = writeErrorResponse({ error: e.oauthError, errorDescription: e.description });
/// }
/// response.status; // => 400
/// ```
#[wasm_bindgen(js_name = writeErrorResponse, unchecked_return_type = "HttpResponse")]
pub fn write_error_response(
    #[wasm_bindgen(unchecked_param_type = "Pick<ErrorResponse, \"error\"> & Partial<ErrorResponse>")] error: JsValue,
) -> Result<JsValue, JsValue> {
    response_out(error_response_in(error)?.to_http_response())
}

/// Reads an RFC 6749 §5.2 error response (`error`, `errorDescription`, `errorUri`), or `null` when
/// the reply is not one.
///
/// @throws {McxConnectError} `invalid_argument` when `response` is not an HTTP response object.
/// @example
/// ```js
/// import { readErrorResponse } from "mcx-connect";
/// const reply = { status: 400, headers: [["content-type", "application/json"]], body: '{"error":"invalid_target"}' };
/// readErrorResponse(reply).error; // => "invalid_target"
/// readErrorResponse({ status: 200, headers: [], body: "{}" }); // => null
/// ```
#[wasm_bindgen(js_name = readErrorResponse, unchecked_return_type = "ErrorResponse | null")]
pub fn read_error_response(response: Ts<HttpResponse>) -> Result<JsValue, JsValue> {
    to_js(&ErrorResponse::from_http_response(&response_in(response)?))
}
