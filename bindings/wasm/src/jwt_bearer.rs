//! The token request at the partner IdMS (TS 33.180 B.7.4; RFC 7523).

use crate::convert::to_js;
use crate::endpoint::policy_in;
use crate::error::{throw, throw_rejection};
use crate::form::options_in;
use crate::http::{request_in, request_out};
use crate::scope::from_js_with_scope;
use mcx_connect::{EndpointPolicy, HttpRequest, JwtBearerRequest, ParseOptions};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Builds the POST to the partner token endpoint (`JwtBearerRequest::build`).
#[wasm_bindgen(js_name = buildJwtBearerRequest, unchecked_return_type = "HttpRequest")]
pub fn build_jwt_bearer_request(
    #[wasm_bindgen(unchecked_param_type = "string", js_name = tokenEndpoint)] token_endpoint: JsValue,
    request: Ts<JwtBearerRequest>,
    policy: Option<Ts<EndpointPolicy>>,
) -> Result<JsValue, JsValue> {
    let token_endpoint = &crate::convert::string_in(token_endpoint, "tokenEndpoint")?;
    let request: JwtBearerRequest = from_js_with_scope(request.into(), "request", "scope")?;
    request_out(&throw(request.build(token_endpoint, policy_in(policy)?))?)
}

/// Server role: reads an incoming partner token request (`JwtBearerRequest::parse`); throws
/// with the RFC error a server answers with.
#[wasm_bindgen(js_name = parseJwtBearerRequest, unchecked_return_type = "Parsed<Required<JwtBearerRequest>>")]
pub fn parse_jwt_bearer_request(
    request: Ts<HttpRequest>,
    options: Option<Ts<ParseOptions>>,
) -> Result<JsValue, JsValue> {
    to_js(&throw_rejection(JwtBearerRequest::parse(&request_in(request)?, &options_in(options)?))?)
}
