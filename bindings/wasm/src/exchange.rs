//! The token exchange at the primary IdMS (TS 33.180 B.7.2, B.7.3; RFC 8693).

use crate::convert::to_js;
use crate::error::throw;
use crate::form::limits_in;
use crate::http::{response_in, response_out};
use crate::request::{token_request, FastIn, Fields};
use crate::response::response_to_write;
use crate::scope::scope_in;
use mcx_connect::{HttpResponse, Limits, Secret, TokenExchangeRequest, TokenExchangeResponse};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// The request read on the fast path.
fn fast_in(fields: &Fields<'_>) -> FastIn<TokenExchangeRequest> {
    let (resource, subject_token) = (fields.text(1)?, fields.text(2)?);
    let client = fields.client(3)?;
    let scope = fields.text(5).map(scope_in).transpose();
    Some(scope.map(|scope| TokenExchangeRequest {
        resource: resource.to_owned(),
        subject_token: Secret::from(subject_token),
        client,
        audience: Vec::new(),
        scope,
        requested_token_type: fields.text(6).map(str::to_owned),
        actor_token: None,
    }))
}

token_request!(
    TokenExchangeRequest,
    fast: TokenExchange(subject_token),
    #[doc = " Builds the token exchange POST to the primary token endpoint (TS 33.180 B.7.2, RFC 8693 §2.1):"]
    #[doc = " the form body (`grant_type`, `resource`, `subject_token`, `subject_token_type` JWT, then the"]
    #[doc = " optional parameters given) and the client's authentication."]
    #[doc = ""]
    #[doc = " @param tokenEndpoint the primary IdMS token endpoint."]
    #[doc = " @param request the primary access token (`subjectToken`), the partner token endpoint it is for"]
    #[doc = " (`resource`), the client and the optional RFC 8693 parameters."]
    #[doc = " @param policy where credentials may be sent (default: `https` only)."]
    #[doc = " @returns the POST to send (`fetch(request.url, request)`)."]
    #[doc = " @throws {McxConnectError} `endpoint_insecure` or `endpoint_invalid` (an endpoint or `resource`"]
    #[doc = " the policy refuses), `empty_parameter` (empty `subjectToken`), a `scope_…` code, or"]
    #[doc = " `invalid_argument` (a value of the wrong shape)."]
    #[doc = " @example"]
    #[doc = " ```js"]
    #[doc = " import { buildTokenExchangeRequest } from \"mcx-connect\";"]
    #[doc = " const request = buildTokenExchangeRequest(\"https://idms.primary.example/token\", {"]
    #[doc = "   resource: \"https://idms.partner.example/token\", subjectToken: \"the-primary-access-token\","]
    #[doc = "   client: { method: \"client_secret_basic\", clientId: \"mcptt-client\", clientSecret: \"s3cret\" },"]
    #[doc = " });"]
    #[doc = " request.method; // => \"POST\""]
    #[doc = " new URLSearchParams(new TextDecoder().decode(request.body)).get(\"resource\"); // => \"https://idms.partner.example/token\""]
    #[doc = " // const reply = await fetch(request.url, request);"]
    #[doc = " ```"]
    build: build_token_exchange_request = buildTokenExchangeRequest,
    #[doc = " Server role (the primary IdM server, TS 33.180 B.7.2): reads a token exchange request (RFC 8693)."]
    #[doc = " Strict: what B.7.2 does not allow is refused, never ignored."]
    #[doc = ""]
    #[doc = " @throws {McxConnectError} with the RFC error a server answers with (`e.oauthError`, `e.status`):"]
    #[doc = " `method_not_allowed`, `unsupported_content_type`, `missing_parameter`, `duplicate_parameter`,"]
    #[doc = " `unsupported_grant_type`, `unsupported_token_type`, `invalid_resource`, `several_resources`,"]
    #[doc = " `unsupported_parameter`, …"]
    #[doc = " @example"]
    #[doc = " ```js"]
    #[doc = " import { buildTokenExchangeRequest, parseTokenExchangeRequest } from \"mcx-connect\";"]
    #[doc = " const sent = buildTokenExchangeRequest(\"https://idms.primary.example/token\", {"]
    #[doc = "   resource: \"https://idms.partner.example/token\", subjectToken: \"the-primary-access-token\","]
    #[doc = "   client: { method: \"client_id\", clientId: \"mcptt-client\" },"]
    #[doc = " });"]
    #[doc = " parseTokenExchangeRequest(sent).value.resource; // => \"https://idms.partner.example/token\""]
    #[doc = " ```"]
    parse: parse_token_exchange_request = parseTokenExchangeRequest -> "Parsed<Required<TokenExchangeRequest>>",
);

/// Client role: reads the primary IdM server's reply to the token exchange (RFC 8693 §2.2): the
/// security token is its `accessToken`. Optional members that vary are read and reported in
/// `normalisations`, never fatal.
///
/// @throws {McxConnectError} `error_response` for an RFC 6749 §5.2 error reply (the server's
/// `oauthError`, e.g. `invalid_target`); `unexpected_status`, `malformed_response`,
/// `missing_field`, `invalid_field` or `response_too_large` for a reply that is not one.
/// @example
/// ```js
/// import { readTokenExchangeResponse } from "mcx-connect";
/// const reply = {
///   status: 200, headers: [["content-type", "application/json"]],
///   body: '{"access_token":"the-security-token","issued_token_type":"urn:ietf:params:oauth:token-type:jwt","token_type":"N_A"}',
/// };
/// readTokenExchangeResponse(reply).accessToken; // => "the-security-token"
/// ```
#[wasm_bindgen(js_name = readTokenExchangeResponse, unchecked_return_type = "TokenExchangeResponse")]
pub fn read_token_exchange_response(
    response: Ts<HttpResponse>,
    limits: Option<Ts<Limits>>,
) -> Result<JsValue, JsValue> {
    to_js(&throw(TokenExchangeResponse::from_http_response(&response_in(response)?, &limits_in(limits)?))?)
}

/// Server role (the primary IdM server): writes the token exchange reply (RFC 8693 §2.2): status
/// 200, a JSON body, no caching. Absent optional members are left out.
///
/// @throws {McxConnectError} `invalid_argument` for a member of the wrong type; the scope codes for
/// a `scope` that does not read.
/// @example
/// ```js
/// import { writeTokenExchangeResponse, readTokenExchangeResponse, constants } from "mcx-connect";
/// const response = writeTokenExchangeResponse({
///   accessToken: "the-security-token", issuedTokenType: constants().tokenTypeJwt, tokenType: "N_A", expiresIn: 300,
/// });
/// readTokenExchangeResponse(response).expiresIn; // => 300
/// ```
#[wasm_bindgen(js_name = writeTokenExchangeResponse, unchecked_return_type = "HttpResponse")]
pub fn write_token_exchange_response(
    #[wasm_bindgen(
        unchecked_param_type = "Pick<TokenExchangeResponse, \"accessToken\" | \"issuedTokenType\" | \"tokenType\"> & Partial<TokenExchangeResponse>"
    )]
    response: JsValue,
) -> Result<JsValue, JsValue> {
    let response: TokenExchangeResponse = response_to_write(&response, &["refreshToken", "scopeText"])?;
    response_out(response.to_http_response())
}
