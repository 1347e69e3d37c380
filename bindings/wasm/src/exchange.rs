//! The token exchange at the primary IdMS (TS 33.180 B.7.2, B.7.3; RFC 8693).

use crate::convert::to_js;
use crate::error::throw;
use crate::form::limits_in;
use crate::http::{response_in, response_out};
use crate::request::token_request;
use crate::response::response_to_write;
use mcx_connect::{HttpResponse, Limits, TokenExchangeResponse};
use tsify::Ts;
use wasm_bindgen::prelude::*;

token_request!(
    TokenExchangeRequest,
    #[doc = " Builds the token exchange POST to the primary token endpoint (`TokenExchangeRequest::build`)."]
    build: build_token_exchange_request = buildTokenExchangeRequest,
    #[doc = " Server role: reads an incoming token exchange request (`TokenExchangeRequest::parse`);"]
    #[doc = " throws with the RFC error a server answers with."]
    parse: parse_token_exchange_request = parseTokenExchangeRequest -> "Parsed<Required<TokenExchangeRequest>>",
);

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
    let response: TokenExchangeResponse = response_to_write(&response, &["refreshToken", "scopeText"])?;
    response_out(&response.to_http_response())
}
