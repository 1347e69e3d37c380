//! One token endpoint for every grant (server role): a token request of any of the four kinds
//! read once and handed to the reader of its kind (the core's `TokenRequest`).

use wasm_bindgen::prelude::*;

/// Server role, one token endpoint for every grant: reads a token request of any of the four
/// kinds once and hands it to the reader of the kind its `grant_type` names; `kind` says which
/// (`token_exchange`, `jwt_bearer`, `authorization_code`, `refresh`) and `request` holds it.
///
/// @throws {McxConnectError} with the RFC error a server answers with (`e.oauthError`,
/// `e.status`): `missing_parameter` (`invalid_request`) when no grant type is named,
/// `unsupported_grant_type` for a grant of none of the four kinds, and otherwise what the
/// reader of the kind throws (`parseTokenExchangeRequest`, `parseJwtBearerRequest`, …).
/// @example
/// ```js
/// import { buildRefreshRequest, parseTokenRequest } from "mcx-connect";
/// const sent = buildRefreshRequest("https://idms.partner.example/token", {
///   refreshToken: "the-refresh-token", client: { method: "client_id", clientId: "mcptt-client" },
/// });
/// const { value } = parseTokenRequest(sent);
/// value.kind; // => "refresh"
/// value.request.refreshToken; // => "the-refresh-token"
/// ```
#[wasm_bindgen(js_name = parseTokenRequest, unchecked_return_type = "Parsed<TokenRequest>")]
pub fn parse_token_request(
    request: tsify::Ts<mcx_connect::HttpRequest>,
    options: Option<tsify::Ts<mcx_connect::ParseOptions>>,
) -> Result<JsValue, JsValue> {
    let (request, options) = (crate::http::request_in(request)?, crate::form::options_in(options)?);
    crate::convert::to_js(&crate::error::throw_rejection(mcx_connect::TokenRequest::parse(&request, &options))?)
}
