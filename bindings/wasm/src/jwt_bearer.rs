//! The token request at the partner IdMS (TS 33.180 B.7.4; RFC 7523).

use crate::convert::string_in;
use crate::endpoint::policy_in;
use crate::error::throw;
use crate::request::{form_post_out, general_in, token_request, Fields, Shape};
use crate::scope::scope_in;
use mcx_connect::{EndpointPolicy, JwtBearerRequest, Secret};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Builds the POST to the partner token endpoint (TS 33.180 B.7.4, RFC 7523 §2.1): the form body
/// (`grant_type` jwt-bearer, `assertion`, `client_id`, `scope`) and, for a confidential client,
/// its authentication.
///
/// @param tokenEndpoint the partner IdMS token endpoint.
/// @param request the security token from the token exchange (`assertion`), the client (with its
/// `clientId`) and the scope: `openid` and one or more `3gpp:mc:` values (`scopeForService`).
/// @param policy where credentials may be sent (default: `https` only).
/// @returns the POST to send (`fetch(request.url, request)`).
/// @throws {McxConnectError} `endpoint_insecure` or `endpoint_invalid` (an endpoint the policy
/// refuses), `empty_parameter` (empty `assertion`), `missing_parameter` (no `clientId`),
/// `scope_missing_mcx` or another `scope_…` code, or `invalid_argument` (a value of the wrong shape).
/// @example
/// ```js
/// import { buildJwtBearerRequest, scopeForService } from "mcx-connect";
/// const securityToken = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl"; // from the primary
/// const request = buildJwtBearerRequest("https://idms.partner.example/token", {
///   assertion: securityToken, client: { method: "client_id", clientId: "mcptt-client" },
///   scope: scopeForService("ptt"),
/// });
/// new URLSearchParams(new TextDecoder().decode(request.body)).get("grant_type"); // => "urn:ietf:params:oauth:grant-type:jwt-bearer"
/// ```
#[wasm_bindgen(js_name = buildJwtBearerRequest, unchecked_return_type = "HttpRequest")]
pub fn build_jwt_bearer_request(
    #[wasm_bindgen(unchecked_param_type = "string", js_name = tokenEndpoint)] token_endpoint: JsValue,
    request: Ts<JwtBearerRequest>,
    policy: Option<Ts<EndpointPolicy>>,
) -> Result<JsValue, JsValue> {
    let (url, request): (JsValue, JsValue) = (token_endpoint, request.into());
    let (token_endpoint, request) = match Fields::read(Shape::JwtBearer, &url, &request).and_then(fast_in) {
        Some((token_endpoint, request)) => (token_endpoint, request?),
        None => (string_in(url.clone(), "tokenEndpoint")?, general_in(request)?),
    };
    form_post_out(&throw(request.build(&token_endpoint, policy_in(policy)?))?, &token_endpoint, &url)
}

/// The token endpoint and the request read on the fast path (`None`: read it the general way).
fn fast_in(mut fields: Fields) -> Option<(String, Result<JwtBearerRequest, JsValue>)> {
    let (token_endpoint, assertion) = (fields.take(0)?, fields.take(1)?);
    let client = fields.client(2)?;
    let scope = scope_in(&fields.take(4)?);
    Some((token_endpoint, scope.map(|scope| JwtBearerRequest { assertion: Secret::new(assertion), client, scope })))
}

token_request!(
    JwtBearerRequest,
    #[doc = " Server role (the partner IdM server, TS 33.180 B.7.4): reads a jwt-bearer token request"]
    #[doc = " (RFC 7523). It does not check the assertion: `parseAndVerifyJwtBearerRequest` does."]
    #[doc = ""]
    #[doc = " @throws {McxConnectError} with the RFC error a server answers with (`e.oauthError`, `e.status`):"]
    #[doc = " `method_not_allowed`, `unsupported_content_type`, `missing_parameter`, `duplicate_parameter`,"]
    #[doc = " `unsupported_grant_type`, `scope_missing_mcx`, …"]
    #[doc = " @example"]
    #[doc = " ```js"]
    #[doc = " import { buildJwtBearerRequest, parseJwtBearerRequest } from \"mcx-connect\";"]
    #[doc = " const securityToken = \"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl\";"]
    #[doc = " const sent = buildJwtBearerRequest(\"https://idms.partner.example/token\", {"]
    #[doc = "   assertion: securityToken, client: { method: \"client_id\", clientId: \"mcptt-client\" },"]
    #[doc = "   scope: \"openid 3gpp:mc:ptt_service\","]
    #[doc = " });"]
    #[doc = " parseJwtBearerRequest(sent).value.assertion === securityToken; // => true"]
    #[doc = " ```"]
    parse: parse_jwt_bearer_request = parseJwtBearerRequest -> "Parsed<Required<JwtBearerRequest>>",
);
