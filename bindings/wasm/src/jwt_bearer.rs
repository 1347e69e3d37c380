//! The token request at the partner IdMS (TS 33.180 B.7.4; RFC 7523).

use crate::client::JsClient;
use crate::convert::{from_js, to_js};
use crate::endpoint::policy_in;
use crate::error::{throw, throw_rejection};
use crate::form::options_in;
use crate::http::{request_in, request_out};
use crate::scope::scope_in;
use mcx_connect::JwtBearerRequest;
use tsify::Ts;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_JWT_BEARER: &str = r#"
/** The partner token request (B.7.4): the security token as `assertion`, the client (its `clientId` goes in the body), and the scope. */
export interface JwtBearerRequest {
  assertion: string;
  client: ClientAuthentication;
  /** Space-delimited: `openid` and one or more `3gpp:mc:` values. */
  scope: string;
}

/** A partner token request as the partner IdMS read it. */
export interface IncomingJwtBearerRequest {
  assertion: string;
  client: ClientAuthentication;
  /** The normal (space-delimited) form of the scope. */
  scope: string;
}
"#;

/// `JwtBearerRequest` as JavaScript sees it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsJwtBearerRequest {
    /// The security token.
    pub assertion: String,
    /// The client.
    pub client: JsClient,
    /// The scope, space-delimited.
    pub scope: String,
}

/// Builds the POST to the partner token endpoint (`JwtBearerRequest::build`).
#[wasm_bindgen(js_name = buildJwtBearerRequest, unchecked_return_type = "HttpRequest")]
pub fn build_jwt_bearer_request(
    #[wasm_bindgen(unchecked_param_type = "string", js_name = tokenEndpoint)] token_endpoint: JsValue,
    #[wasm_bindgen(unchecked_param_type = "JwtBearerRequest")] request: JsValue,
    policy: Option<Ts<mcx_connect::EndpointPolicy>>,
) -> Result<JsValue, JsValue> {
    let token_endpoint = &crate::convert::string_in(token_endpoint, "tokenEndpoint")?;
    let js: JsJwtBearerRequest = from_js(request, "request")?;
    let request = JwtBearerRequest::new(js.assertion, js.client.into(), scope_in(&js.scope)?);
    request_out(&throw(request.build(token_endpoint, policy_in(policy)?))?)
}

/// Server role: reads an incoming partner token request (`JwtBearerRequest::parse`); throws
/// with the RFC error a server answers with.
#[wasm_bindgen(js_name = parseJwtBearerRequest, unchecked_return_type = "Parsed<IncomingJwtBearerRequest>")]
pub fn parse_jwt_bearer_request(
    request: Ts<mcx_connect::HttpRequest>,
    options: Option<Ts<mcx_connect::ParseOptions>>,
) -> Result<JsValue, JsValue> {
    let parsed = throw_rejection(JwtBearerRequest::parse(&request_in(request)?, &options_in(options)?))?;
    let value = JsJwtBearerRequest {
        assertion: parsed.value.assertion.expose().to_owned(),
        client: JsClient::from(&parsed.value.client),
        scope: parsed.value.scope.to_string(),
    };
    to_js(&mcx_connect::Parsed { value, normalisations: parsed.normalisations })
}
