//! Token endpoint responses: success (RFC 6749 §5.1, B.4.2.5, B.7.5) and error (RFC 6749 §5.2).

use crate::convert::{from_js, to_js};
use crate::error::throw;
use crate::form::limits_in;
use crate::http::{response_in, response_out};
use crate::scope::scope_in;
use mcx_connect::{ErrorResponse, Normalisation, OAuthErrorCode, ScopeSet, Secret, TokenResponse, TokenType};
use tsify::Ts;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_RESPONSE: &str = r#"
/** A successful token response (RFC 6749 section 5.1). */
export interface TokenResponse {
  accessToken: string;
  /** `Bearer` (any case on the wire is read as `Bearer`), `N_A`, or another value as sent. */
  tokenType: string;
  expiresIn: number | null;
  refreshToken: string | null;
  /** The granted scope in its normal form (read leniently: see `normalisations`). */
  scope: string | null;
  idToken: string | null;
  /** The `scope` member exactly as sent, when it was a string. */
  scopeText: string | null;
  /** Every variation of an optional member read leniently (`expires_in_decimal`, `token_type_case`, `duplicate_scope_dropped`…); empty when the reply follows RFC 6749 to the letter. */
  normalisations: Normalisation[];
}

/** A token response to write; absent optional members are left out. */
export interface TokenResponseInit {
  accessToken: string;
  tokenType: string;
  expiresIn?: number | null;
  refreshToken?: string | null;
  scope?: string | null;
  idToken?: string | null;
}

/** An RFC 6749 section 5.2 error response. */
export interface ErrorResponse {
  /** The RFC error code, e.g. `invalid_grant`. */
  error: string;
  errorDescription: string | null;
  errorUri: string | null;
}

/** An error response to write (the description is made to fit RFC 6749's character set). */
export interface ErrorResponseInit {
  error: string;
  errorDescription?: string | null;
  errorUri?: string | null;
}
"#;

/// Reads an optional scope member strictly.
pub fn optional_scope_in(text: Option<&str>) -> Result<Option<ScopeSet>, JsValue> {
    text.map(scope_in).transpose()
}

/// Writes an optional scope member in its normal form.
pub fn optional_scope_out(scope: Option<ScopeSet>) -> Option<String> {
    scope.map(|s| s.to_string())
}

/// `TokenResponse` as JavaScript sees it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsTokenResponse {
    /// Access token.
    pub access_token: String,
    /// Token type.
    pub token_type: String,
    /// Lifetime in seconds.
    #[serde(default)]
    pub expires_in: Option<u64>,
    /// Refresh token.
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// Scope.
    #[serde(default)]
    pub scope: Option<String>,
    /// ID token.
    #[serde(default)]
    pub id_token: Option<String>,
    /// The scope as sent (read only).
    #[serde(default, skip_deserializing)]
    pub scope_text: Option<String>,
    /// What was read leniently (read only).
    #[serde(default, skip_deserializing)]
    pub normalisations: Vec<Normalisation>,
}

impl From<TokenResponse> for JsTokenResponse {
    fn from(read: TokenResponse) -> Self {
        JsTokenResponse {
            access_token: read.access_token.into_inner(),
            token_type: read.token_type.as_str().to_owned(),
            expires_in: read.expires_in,
            refresh_token: read.refresh_token.map(Secret::into_inner),
            scope: optional_scope_out(read.scope),
            id_token: read.id_token.map(Secret::into_inner),
            scope_text: read.scope_text,
            normalisations: read.normalisations,
        }
    }
}

/// `ErrorResponse` as JavaScript sees it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsErrorResponse {
    /// Error code.
    pub error: String,
    /// Description.
    #[serde(default)]
    pub error_description: Option<String>,
    /// Page about the error.
    #[serde(default)]
    pub error_uri: Option<String>,
}

impl From<ErrorResponse> for JsErrorResponse {
    fn from(response: ErrorResponse) -> Self {
        JsErrorResponse {
            error: response.error.as_str().to_owned(),
            error_description: response.error_description,
            error_uri: response.error_uri,
        }
    }
}

/// Reads an `ErrorResponseInit` into the core's `ErrorResponse::new`.
pub fn error_response_in(value: JsValue) -> Result<ErrorResponse, JsValue> {
    let js: JsErrorResponse = from_js(value, "error")?;
    let mut response = ErrorResponse::new(OAuthErrorCode::parse(&js.error), js.error_description);
    response.error_uri = js.error_uri;
    Ok(response)
}

/// Client role: reads a token endpoint reply (`TokenResponse::from_http_response`); an RFC
/// 6749 §5.2 error throws `error_response` with the server's `oauthError` and `description`.
#[wasm_bindgen(js_name = readTokenResponse, unchecked_return_type = "TokenResponse")]
pub fn read_token_response(
    response: Ts<mcx_connect::HttpResponse>,
    limits: Option<Ts<mcx_connect::Limits>>,
) -> Result<JsValue, JsValue> {
    let read = throw(TokenResponse::from_http_response(&response_in(response)?, &limits_in(limits)?))?;
    to_js(&JsTokenResponse::from(read))
}

/// Server role: writes a token response (`TokenResponse::to_http_response`).
#[wasm_bindgen(js_name = writeTokenResponse, unchecked_return_type = "HttpResponse")]
pub fn write_token_response(
    #[wasm_bindgen(unchecked_param_type = "TokenResponseInit")] response: JsValue,
) -> Result<JsValue, JsValue> {
    let js: JsTokenResponse = from_js(response, "response")?;
    let response = TokenResponse {
        access_token: Secret::new(js.access_token),
        token_type: TokenType::parse(&js.token_type),
        expires_in: js.expires_in,
        refresh_token: js.refresh_token.map(Secret::new),
        scope: optional_scope_in(js.scope.as_deref())?,
        id_token: js.id_token.map(Secret::new),
        scope_text: None,
        normalisations: Vec::new(),
    };
    response_out(&response.to_http_response())
}

/// Server role: writes an RFC 6749 §5.2 error response (`ErrorResponse::to_http_response`):
/// status 400 (401 with `WWW-Authenticate` for `invalid_client`), JSON body, no caching.
/// For a caught `McxConnectError` `e` of a server-role parser, pass
/// `{ error: e.oauthError, errorDescription: e.description }`.
#[wasm_bindgen(js_name = writeErrorResponse, unchecked_return_type = "HttpResponse")]
pub fn write_error_response(
    #[wasm_bindgen(unchecked_param_type = "ErrorResponseInit")] error: JsValue,
) -> Result<JsValue, JsValue> {
    response_out(&error_response_in(error)?.to_http_response())
}

/// Reads an RFC 6749 §5.2 error response (`ErrorResponse::from_http_response`), or `null`
/// when the response is not one.
#[wasm_bindgen(js_name = readErrorResponse, unchecked_return_type = "ErrorResponse | null")]
pub fn read_error_response(response: Ts<mcx_connect::HttpResponse>) -> Result<JsValue, JsValue> {
    match ErrorResponse::from_http_response(&response_in(response)?) {
        Some(read) => to_js(&JsErrorResponse::from(read)),
        None => Ok(JsValue::NULL),
    }
}
