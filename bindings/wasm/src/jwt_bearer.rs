//! The token request at the partner IdMS (TS 33.180 B.7.4; RFC 7523).

use crate::request::token_request;
use wasm_bindgen::prelude::*;

token_request!(
    JwtBearerRequest,
    #[doc = " Client role (TS 33.180 B.7.4): the jwt-bearer token request (RFC 7523) to the partner IdM"]
    #[doc = " server's token endpoint, with the security token from the primary as its assertion."]
    #[doc = ""]
    #[doc = " @throws {McxConnectError} `endpoint_invalid` or `endpoint_insecure` for the token endpoint;"]
    #[doc = " `empty_parameter` or `invalid_argument` for a request of the wrong shape; the scope codes for"]
    #[doc = " its scope."]
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
