//! The token request at the partner IdMS (TS 33.180 B.7.4; RFC 7523).

use crate::request::{token_request, FastIn, Fields};
use crate::scope::scope_in;
use mcx_connect::{JwtBearerRequest, Secret};
use wasm_bindgen::prelude::*;

/// The request read on the fast path.
fn fast_in(fields: &Fields<'_>) -> FastIn<JwtBearerRequest> {
    let assertion = fields.text(1)?;
    let client = fields.client(2)?;
    let scope = scope_in(fields.text(4)?);
    Some(scope.map(|scope| JwtBearerRequest { assertion: Secret::from(assertion), client, scope }))
}

token_request!(
    JwtBearerRequest,
    fast: JwtBearer(assertion),
    #[doc = " Builds the POST to the partner token endpoint (TS 33.180 B.7.4, RFC 7523 §2.1): the form body"]
    #[doc = " (`grant_type` jwt-bearer, `assertion`, `client_id`, `scope`) and, for a confidential client,"]
    #[doc = " its authentication."]
    #[doc = ""]
    #[doc = " @param tokenEndpoint the partner IdMS token endpoint."]
    #[doc = " @param request the security token from the token exchange (`assertion`), the client (with its"]
    #[doc = " `clientId`) and the scope: `openid` and one or more `3gpp:mc:` values (`scopeForService`)."]
    #[doc = " @param policy where credentials may be sent (default: `https` only)."]
    #[doc = " @returns the POST to send (`fetch(request.url, request)`)."]
    #[doc = " @throws {McxConnectError} `endpoint_insecure` or `endpoint_invalid` (an endpoint the policy"]
    #[doc = " refuses), `empty_parameter` (empty `assertion`), `missing_parameter` (no `clientId`),"]
    #[doc = " `scope_missing_mcx` or another `scope_…` code, or `invalid_argument` (a value of the wrong shape)."]
    #[doc = " @example"]
    #[doc = " ```js"]
    #[doc = " import { buildJwtBearerRequest, scopeForService } from \"mcx-connect\";"]
    #[doc = " const securityToken = \"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl\"; // from the primary"]
    #[doc = " const request = buildJwtBearerRequest(\"https://idms.partner.example/token\", {"]
    #[doc = "   assertion: securityToken, client: { method: \"client_id\", clientId: \"mcptt-client\" },"]
    #[doc = "   scope: scopeForService(\"ptt\"),"]
    #[doc = " });"]
    #[doc = " new URLSearchParams(new TextDecoder().decode(request.body)).get(\"grant_type\"); // => \"urn:ietf:params:oauth:grant-type:jwt-bearer\""]
    #[doc = " ```"]
    build: build_jwt_bearer_request = buildJwtBearerRequest,
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
