//! The token exchange at the primary IdMS (TS 33.180 B.7.2, B.7.3; RFC 8693).

use crate::client::JsClient;
use crate::convert::{from_js, to_js};
use crate::endpoint::policy_in;
use crate::error::{throw, throw_rejection};
use crate::form::{limits_in, options_in};
use crate::http::{request_in, request_out, response_in, response_out};
use crate::response::{optional_scope_in, optional_scope_out};
use mcx_connect::{Normalisation, Secret, TokenExchangeRequest, TokenExchangeResponse, TokenType};
use tsify::Ts;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_EXCHANGE: &str = r#"
/** A token exchange request (B.7.2): the partner token endpoint as `resource`, the primary access token as `subjectToken`. */
export interface TokenExchangeRequest {
  resource: string;
  subjectToken: string;
  /** Defaults to `{ method: "none" }`. */
  client?: ClientAuthentication;
}

/** A token exchange request as the primary IdMS read it, with every optional RFC 8693 §2.1 parameter it carried. */
export interface IncomingTokenExchangeRequest {
  resource: string;
  subjectToken: string;
  client: ClientAuthentication;
  /** `audience` values (repeatable), in order. */
  audience: string[];
  /** `scope`, space-delimited, or null. */
  scope: string | null;
  requestedTokenType: string | null;
  actorToken: string | null;
  actorTokenType: string | null;
}

/** The token exchange response (B.7.3): `accessToken` is the security token. */
export interface TokenExchangeResponse {
  accessToken: string;
  /** RFC 8693 `issued_token_type`, e.g. `urn:ietf:params:oauth:token-type:jwt`. */
  issuedTokenType: string;
  /** `N_A` for a security token, or `Bearer`. */
  tokenType: string;
  expiresIn: number | null;
  /** The scope in its normal form (read leniently: see `normalisations`). */
  scope: string | null;
  refreshToken: string | null;
  /** The `scope` member exactly as sent, when it was a string. */
  scopeText: string | null;
  /** Every variation of an optional member read leniently; empty when the reply follows the RFCs to the letter. */
  normalisations: Normalisation[];
}

/** A token exchange response to write; absent optional members are left out. */
export interface TokenExchangeResponseInit {
  accessToken: string;
  issuedTokenType: string;
  tokenType: string;
  expiresIn?: number | null;
  scope?: string | null;
  refreshToken?: string | null;
}
"#;

/// `TokenExchangeRequest` as JavaScript gives it.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsTokenExchangeRequest {
    /// Partner token endpoint.
    pub resource: String,
    /// Primary access token.
    pub subject_token: String,
    /// Client authentication.
    #[serde(default)]
    pub client: JsClient,
}

/// An incoming token exchange request as JavaScript receives it.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsIncomingTokenExchangeRequest {
    /// Partner token endpoint.
    pub resource: String,
    /// Primary access token.
    pub subject_token: String,
    /// Client authentication.
    pub client: JsClient,
    /// `audience` values.
    pub audience: Vec<String>,
    /// `scope`.
    pub scope: Option<String>,
    /// `requested_token_type`.
    pub requested_token_type: Option<String>,
    /// `actor_token`.
    pub actor_token: Option<String>,
    /// `actor_token_type`.
    pub actor_token_type: Option<String>,
}

/// `TokenExchangeResponse` as JavaScript sees it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsTokenExchangeResponse {
    /// The security token.
    pub access_token: String,
    /// Issued token type.
    pub issued_token_type: String,
    /// Token type.
    pub token_type: String,
    /// Lifetime in seconds.
    #[serde(default)]
    pub expires_in: Option<u64>,
    /// Scope.
    #[serde(default)]
    pub scope: Option<String>,
    /// Refresh token.
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// The scope as sent (read only).
    #[serde(default, skip_deserializing)]
    pub scope_text: Option<String>,
    /// What was read leniently (read only).
    #[serde(default, skip_deserializing)]
    pub normalisations: Vec<Normalisation>,
}

/// Builds the token exchange POST to the primary token endpoint (`TokenExchangeRequest::build`).
#[wasm_bindgen(js_name = buildTokenExchangeRequest, unchecked_return_type = "HttpRequest")]
pub fn build_token_exchange_request(
    #[wasm_bindgen(unchecked_param_type = "string", js_name = tokenEndpoint)] token_endpoint: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TokenExchangeRequest")] request: JsValue,
    policy: Option<Ts<mcx_connect::EndpointPolicy>>,
) -> Result<JsValue, JsValue> {
    let token_endpoint = &crate::convert::string_in(token_endpoint, "tokenEndpoint")?;
    let js: JsTokenExchangeRequest = from_js(request, "request")?;
    let request = TokenExchangeRequest::new(js.resource, js.subject_token).with_client(js.client.into());
    request_out(&throw(request.build(token_endpoint, policy_in(policy)?))?)
}

/// Server role: reads an incoming token exchange request (`TokenExchangeRequest::parse`);
/// throws with the RFC error a server answers with.
#[wasm_bindgen(js_name = parseTokenExchangeRequest, unchecked_return_type = "Parsed<IncomingTokenExchangeRequest>")]
pub fn parse_token_exchange_request(
    request: Ts<mcx_connect::HttpRequest>,
    options: Option<Ts<mcx_connect::ParseOptions>>,
) -> Result<JsValue, JsValue> {
    let parsed = throw_rejection(TokenExchangeRequest::parse(&request_in(request)?, &options_in(options)?))?;
    let request = parsed.value;
    let (actor_token, actor_token_type) = match request.actor_token {
        Some(actor) => (Some(actor.token.into_inner()), Some(actor.token_type)),
        None => (None, None),
    };
    let value = JsIncomingTokenExchangeRequest {
        resource: request.resource,
        subject_token: request.subject_token.into_inner(),
        client: JsClient::from(&request.client),
        audience: request.audience,
        scope: optional_scope_out(request.scope),
        requested_token_type: request.requested_token_type,
        actor_token,
        actor_token_type,
    };
    to_js(&mcx_connect::Parsed { value, normalisations: parsed.normalisations })
}

/// Client role: reads the primary IdMS reply (`TokenExchangeResponse::from_http_response`);
/// an RFC 6749 §5.2 error throws `error_response` with the server's `oauthError`.
#[wasm_bindgen(js_name = readTokenExchangeResponse, unchecked_return_type = "TokenExchangeResponse")]
pub fn read_token_exchange_response(
    response: Ts<mcx_connect::HttpResponse>,
    limits: Option<Ts<mcx_connect::Limits>>,
) -> Result<JsValue, JsValue> {
    let read = throw(TokenExchangeResponse::from_http_response(&response_in(response)?, &limits_in(limits)?))?;
    to_js(&JsTokenExchangeResponse::from(read))
}

impl From<TokenExchangeResponse> for JsTokenExchangeResponse {
    fn from(read: TokenExchangeResponse) -> Self {
        Self {
            access_token: read.access_token.into_inner(),
            issued_token_type: read.issued_token_type,
            token_type: read.token_type.as_str().to_owned(),
            expires_in: read.expires_in,
            scope: optional_scope_out(read.scope),
            refresh_token: read.refresh_token.map(Secret::into_inner),
            scope_text: read.scope_text,
            normalisations: read.normalisations,
        }
    }
}

/// Server role: writes the token exchange reply (`TokenExchangeResponse::to_http_response`).
#[wasm_bindgen(js_name = writeTokenExchangeResponse, unchecked_return_type = "HttpResponse")]
pub fn write_token_exchange_response(
    #[wasm_bindgen(unchecked_param_type = "TokenExchangeResponseInit")] response: JsValue,
) -> Result<JsValue, JsValue> {
    let js: JsTokenExchangeResponse = from_js(response, "response")?;
    let response = TokenExchangeResponse {
        access_token: Secret::new(js.access_token),
        issued_token_type: js.issued_token_type,
        token_type: TokenType::parse(&js.token_type),
        expires_in: js.expires_in,
        scope: optional_scope_in(js.scope.as_deref())?,
        refresh_token: js.refresh_token.map(Secret::new),
        scope_text: None,
        normalisations: Vec::new(),
    };
    response_out(&response.to_http_response())
}
