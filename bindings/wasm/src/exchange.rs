//! The token exchange at the primary IdMS (TS 33.180 B.7.2, B.7.3; RFC 8693).

use crate::convert::{to_js, with_defaults};
use crate::endpoint::policy_in;
use crate::error::{throw, throw_rejection};
use crate::form::{limits_in, options_in};
use crate::http::{request_in, request_out, response_in, response_out};
use crate::scope::from_js_with_scope;
use mcx_connect::{EndpointPolicy, HttpRequest, HttpResponse, Limits, ParseOptions};
use mcx_connect::{TokenExchangeRequest, TokenExchangeResponse};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Builds the token exchange POST to the primary token endpoint (`TokenExchangeRequest::build`).
#[wasm_bindgen(js_name = buildTokenExchangeRequest, unchecked_return_type = "HttpRequest")]
pub fn build_token_exchange_request(
    #[wasm_bindgen(unchecked_param_type = "string", js_name = tokenEndpoint)] token_endpoint: JsValue,
    request: Ts<TokenExchangeRequest>,
    policy: Option<Ts<EndpointPolicy>>,
) -> Result<JsValue, JsValue> {
    let token_endpoint = &crate::convert::string_in(token_endpoint, "tokenEndpoint")?;
    let request: TokenExchangeRequest = from_js_with_scope(request.into(), "request", "scope")?;
    request_out(&throw(request.build(token_endpoint, policy_in(policy)?))?)
}

/// Server role: reads an incoming token exchange request (`TokenExchangeRequest::parse`);
/// throws with the RFC error a server answers with.
#[wasm_bindgen(js_name = parseTokenExchangeRequest, unchecked_return_type = "Parsed<Required<TokenExchangeRequest>>")]
pub fn parse_token_exchange_request(
    request: Ts<HttpRequest>,
    options: Option<Ts<ParseOptions>>,
) -> Result<JsValue, JsValue> {
    to_js(&throw_rejection(TokenExchangeRequest::parse(&request_in(request)?, &options_in(options)?))?)
}

/// Client role: reads the primary IdMS reply (`TokenExchangeResponse::from_http_response`);
/// an RFC 6749 §5.2 error throws `error_response` with the server's `oauthError`.
#[wasm_bindgen(js_name = readTokenExchangeResponse, unchecked_return_type = "TokenExchangeResponse")]
pub fn read_token_exchange_response(
    response: Ts<HttpResponse>,
    limits: Option<Ts<Limits>>,
) -> Result<JsValue, JsValue> {
    to_js(&throw(TokenExchangeResponse::from_http_response(&response_in(response)?, &limits_in(limits)?))?)
}

/// Server role: writes the token exchange reply (`TokenExchangeResponse::to_http_response`);
/// absent optional members are left out.
#[wasm_bindgen(js_name = writeTokenExchangeResponse, unchecked_return_type = "HttpResponse")]
pub fn write_token_exchange_response(
    #[wasm_bindgen(
        unchecked_param_type = "Pick<TokenExchangeResponse, \"accessToken\" | \"issuedTokenType\" | \"tokenType\"> & Partial<TokenExchangeResponse>"
    )]
    response: JsValue,
) -> Result<JsValue, JsValue> {
    let defaults = [
        ("refreshToken", JsValue::NULL),
        ("scopeText", JsValue::NULL),
        ("normalisations", js_sys::Array::new().into()),
    ];
    let response: TokenExchangeResponse = from_js_with_scope(with_defaults(&response, &defaults), "response", "scope")?;
    response_out(&response.to_http_response())
}
