//! Token endpoint responses: success (RFC 6749 §5.1, B.4.2.5, B.7.5) and error (RFC 6749 §5.2).

use crate::convert::{from_js, to_js, with_defaults};
use crate::error::throw;
use crate::form::limits_in;
use crate::http::{response_in, response_out};
use crate::scope::from_js_with_scope;
use mcx_connect::{ErrorResponse, HttpResponse, Limits, TokenResponse};
use serde::de::DeserializeOwned;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Reads an `ErrorResponse` argument through the core's `ErrorResponse::new`, which makes the
/// description fit RFC 6749's character set.
pub fn error_response_in(value: JsValue) -> Result<ErrorResponse, JsValue> {
    let given: ErrorResponse = from_js(value, "error")?;
    let mut response = ErrorResponse::new(given.error, given.error_description);
    response.error_uri = given.error_uri;
    Ok(response)
}

/// Client role: reads a token endpoint reply (`TokenResponse::from_http_response`); an RFC
/// 6749 §5.2 error throws `error_response` with the server's `oauthError` and `description`.
#[wasm_bindgen(js_name = readTokenResponse, unchecked_return_type = "TokenResponse")]
pub fn read_token_response(response: Ts<HttpResponse>, limits: Option<Ts<Limits>>) -> Result<JsValue, JsValue> {
    to_js(&throw(TokenResponse::from_http_response(&response_in(response)?, &limits_in(limits)?))?)
}

/// Server role: writes a token response (`TokenResponse::to_http_response`); absent optional
/// members are left out.
#[wasm_bindgen(js_name = writeTokenResponse, unchecked_return_type = "HttpResponse")]
pub fn write_token_response(
    #[wasm_bindgen(
        unchecked_param_type = "Pick<TokenResponse, \"accessToken\" | \"tokenType\"> & Partial<TokenResponse>"
    )]
    response: JsValue,
) -> Result<JsValue, JsValue> {
    let response: TokenResponse = response_to_write(&response, &["refreshToken", "idToken", "scopeText"])?;
    response_out(&response.to_http_response())
}

/// Reads a token endpoint reply a server writes: its absent `optional` members as `null`, no
/// `normalisations`, and its `scope` read as a scope (a bad one throws the scope's own error).
pub(crate) fn response_to_write<T: DeserializeOwned>(response: &JsValue, optional: &[&str]) -> Result<T, JsValue> {
    let mut defaults: Vec<(&str, JsValue)> = optional.iter().map(|member| (*member, JsValue::NULL)).collect();
    defaults.push(("normalisations", js_sys::Array::new().into()));
    from_js_with_scope(with_defaults(response, &defaults), "response", "scope")
}

/// Server role: writes an RFC 6749 §5.2 error response (`ErrorResponse::to_http_response`):
/// status 400 (401 with `WWW-Authenticate` for `invalid_client`), JSON body, no caching.
/// For a caught `McxConnectError` `e` of a server-role parser, pass
/// `{ error: e.oauthError, errorDescription: e.description }`.
#[wasm_bindgen(js_name = writeErrorResponse, unchecked_return_type = "HttpResponse")]
pub fn write_error_response(
    #[wasm_bindgen(unchecked_param_type = "Pick<ErrorResponse, \"error\"> & Partial<ErrorResponse>")] error: JsValue,
) -> Result<JsValue, JsValue> {
    response_out(&error_response_in(error)?.to_http_response())
}

/// Reads an RFC 6749 §5.2 error response (`ErrorResponse::from_http_response`), or `null`
/// when the response is not one.
#[wasm_bindgen(js_name = readErrorResponse, unchecked_return_type = "ErrorResponse | null")]
pub fn read_error_response(response: Ts<HttpResponse>) -> Result<JsValue, JsValue> {
    match ErrorResponse::from_http_response(&response_in(response)?) {
        Some(read) => to_js(&read),
        None => Ok(JsValue::NULL),
    }
}
