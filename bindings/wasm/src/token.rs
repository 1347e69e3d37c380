//! JWS / JWK Set verification of the MCX tokens (TS 33.180 B.7.3, B.7.4, B.2.1.2): the security
//! token at the partner IdMS, the ID token, the access token; inspection without keys; signing;
//! and the request parsers that verify the token they carry.
//!
//! Claims keep their JWT names (`iss`, `client_id`, `mcptt_id`, …): they are wire names.

use crate::client::JsClient;
use crate::convert::{bytes_in, from_js, member, string_in, to_js};
use crate::error::{invalid_argument, throw, throw_rejection};
use crate::form::{options_in, JsParsed};
use crate::http::request_in;
use crate::jwt_bearer::JsJwtBearerRequest;
use mcx_connect::token::{
    sign, AccessTokenValidator, Algorithm, IdTokenValidator, JwkSet, JwsHeader, SecurityTokenReport,
    SecurityTokenRules, SecurityTokenValidator, SigningKey, TokenError, UnverifiedToken, Verifier,
    DEFAULT_MAX_TOKEN_BYTES,
};
use mcx_connect::{JwtBearerRequest, McService, Scope, TokenExchangeRequest};
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TOKEN: &str = r#"
/** A JOSE header as written (`jku`, `x5u`, `jwk`, `x5c` are kept but never used for keys). */
export interface JwsHeader {
  alg: string;
  kid?: string;
  typ?: string;
  crit?: string[];
  [parameter: string]: unknown;
}

/** Checked claims, under their JWT names. */
export interface TokenClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf?: number | null;
  azp?: string | null;
  nonce?: string | null;
  client_id?: string | null;
  jti?: string | null;
  mcptt_id?: string | null;
  mcvideo_id?: string | null;
  mcdata_id?: string | null;
  [claim: string]: unknown;
}

/** A token read without keys: nothing in it is trusted. */
export interface InspectedToken {
  header: JwsHeader;
  claims: Record<string, unknown>;
  /** Length of the decoded signature, or null when it is not base64url. */
  signatureBytes: number | null;
}

/** A token whose signature and claims were checked. */
export interface VerifiedToken {
  header: JwsHeader;
  claims: TokenClaims;
}

/** A checked access token with its scope (space-delimited). */
export interface VerifiedAccessToken extends VerifiedToken {
  scope: string;
}

/** The trusted keys and the rules of a validator. */
export interface TokenValidatorOptions {
  /** The expected `iss`. */
  issuer: string;
  /** The issuer's JWK Set the caller trusts: JSON text or the parsed object. */
  jwks: string | object;
  /** Security token: this IdMS's own address, which `aud` must hold (the `resource` of the exchange). */
  target?: string;
  /** ID token: the client id `aud` must hold; access token: the expected `client_id` claim. */
  clientId?: string;
  /** Access token: an audience `aud` must hold. */
  audience?: string;
  /** Access token: scope values it must carry. */
  scopes?: string[];
  /** Clock leeway in seconds (at most 30). */
  leeway?: number;
  /** Services whose MCX identity claim (`mcptt_id`, …) is required. */
  services?: McService[];
  /** Algorithm allow-list, e.g. `["ES256"]`. */
  algorithms?: string[];
  /** A shared secret for HS256. */
  sharedSecret?: Uint8Array;
  /** Largest token in bytes. */
  maxTokenBytes?: number;
  /** Security token: the longest lifetime (`exp` - `iat`, seconds) accepted (B.8); none by default. */
  maxLifetime?: number;
}

/** How a security-token rule came out. */
export type RuleOutcome = "pass" | "fail" | "not_checked";

/** One security-token rule and its outcome. */
export interface RuleResult {
  /** Stable id: `structure`, `signature`, `claims`, `iss`, `exp`, `nbf`, `iat`, `lifetime`, `aud_client`, `aud_target`, `azp`, `service_ids`. */
  id: string;
  /** Where the rule comes from, e.g. `B.2.1.2 aud (client_id)`. */
  clause: string;
  outcome: RuleOutcome;
  /** A short explanation for people (never a token or key material). */
  detail: string;
  /** The stable error code of a failed rule. */
  code: string | null;
}

/** The rule-by-rule check of a security token (the core's one home of the B.2.1.2 / B.7.4 / B.8 rules). */
export interface SecurityTokenReport {
  /** No rule failed (rules not checked do not fail). */
  passed: boolean;
  /** The first failed rule's code: what a validator answers. */
  failure: string | null;
  rules: RuleResult[];
  header: JwsHeader | null;
  /** The claims as the validators read them (a fractional `exp` is the second before). */
  claims: TokenClaims | null;
}

/** The rules a security token is checked with when there are no keys (a client, a console). */
export interface SecurityTokenRulesInit {
  /** The partner IdMS address `aud` must hold (the `resource` of the exchange). */
  target: string;
  /** The expected `iss`; without it the `iss` rule is not checked. */
  issuer?: string;
  /** Clock leeway in seconds (at most 30). */
  leeway?: number;
  /** Services whose MCX identity claim is required. */
  services?: McService[];
  /** The longest lifetime (`exp` - `iat`, seconds) accepted (B.8). */
  maxLifetime?: number;
  /** Largest token in bytes (default 16 KiB). */
  maxTokenBytes?: number;
}

/** A signing key: ES256 (32-byte P-256 scalar), EdDSA (32-byte Ed25519 seed) or HS256 (secret). */
export interface SigningKeyInit {
  alg: "ES256" | "EdDSA" | "HS256";
  secret: Uint8Array;
}

/** A key in a JWK Set; `ignoredReason` is set when the key is kept but never used (RFC 7517 §5). */
export interface JwkInfo {
  kid: string | null;
  keyType: string;
  /** `key_type_unsupported`, `curve_unsupported`, `rsa_modulus_too_small`, `rsa_modulus_too_large`, `rsa_exponent_unsupported`, or null. */
  ignoredReason: string | null;
}
"#;

/// `TokenValidatorOptions` as JavaScript gives them (the shared secret is read beside).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsTokenOptions {
    /// Expected issuer.
    pub issuer: String,
    /// JWK Set, text or object.
    pub jwks: Value,
    /// Security token target.
    #[serde(default)]
    pub target: Option<String>,
    /// Client id.
    #[serde(default)]
    pub client_id: Option<String>,
    /// Access token audience.
    #[serde(default)]
    pub audience: Option<String>,
    /// Required scopes.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Leeway.
    #[serde(default)]
    pub leeway: Option<u64>,
    /// Required services.
    #[serde(default)]
    pub services: Vec<String>,
    /// Algorithm allow-list.
    #[serde(default)]
    pub algorithms: Vec<String>,
    /// Read as bytes beside the JSON (see `shared_secret_in`).
    #[serde(default)]
    pub shared_secret: Option<Value>,
    /// Largest token.
    #[serde(default)]
    pub max_token_bytes: Option<usize>,
    /// Longest security-token lifetime.
    #[serde(default)]
    pub max_lifetime: Option<u64>,
}

/// `SecurityTokenRulesInit` as JavaScript gives it.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsSecurityTokenRules {
    /// Partner address.
    pub target: String,
    /// Expected issuer.
    #[serde(default)]
    pub issuer: Option<String>,
    /// Leeway.
    #[serde(default)]
    pub leeway: Option<u64>,
    /// Required services.
    #[serde(default)]
    pub services: Vec<String>,
    /// Longest lifetime.
    #[serde(default)]
    pub max_lifetime: Option<u64>,
    /// Largest token.
    #[serde(default)]
    pub max_token_bytes: Option<usize>,
}

/// The report as JavaScript sees it: the core's report with `passed` and `failure` beside.
pub(crate) fn report_out(report: &SecurityTokenReport) -> Result<JsValue, JsValue> {
    to_js(&serde_json::json!({
        "passed": report.passed(),
        "failure": report.failure().map(TokenError::code),
        "rules": report.rules,
        "header": report.header,
        "claims": report.claims,
    }))
}

pub(crate) struct TokenOptions {
    js: JsTokenOptions,
    shared_secret: Option<Vec<u8>>,
}

pub(crate) fn options_of(value: JsValue) -> Result<TokenOptions, JsValue> {
    let secret = member(&value, "sharedSecret");
    let shared_secret =
        if secret.is_undefined() || secret.is_null() { None } else { Some(bytes_in(&secret, "sharedSecret")?) };
    Ok(TokenOptions { js: from_js(value, "options")?, shared_secret })
}

fn required<'a>(value: &'a Option<String>, what: &str) -> Result<&'a str, JsValue> {
    value.as_deref().ok_or_else(|| invalid_argument(what, "is required here"))
}

fn services(names: &[String]) -> Result<Vec<McService>, JsValue> {
    names
        .iter()
        .map(|n| McService::parse(n).ok_or_else(|| invalid_argument("services", "expected `ptt`, `video` or `data`")))
        .collect()
}

fn verifier(options: &TokenOptions) -> Result<Verifier, JsValue> {
    let text = match &options.js.jwks {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let mut verifier = Verifier::new(throw(JwkSet::parse(&text))?);
    if let Some(secret) = &options.shared_secret {
        verifier = throw(verifier.with_shared_secret(secret))?;
    }
    if !options.js.algorithms.is_empty() {
        let algorithms = options
            .js
            .algorithms
            .iter()
            .map(|a| Algorithm::parse(a).ok_or_else(|| invalid_argument("algorithms", "unknown algorithm")))
            .collect::<Result<Vec<_>, _>>()?;
        verifier = throw(verifier.with_algorithms(&algorithms))?;
    }
    if let Some(max) = options.js.max_token_bytes {
        verifier = verifier.with_max_token_bytes(max);
    }
    Ok(verifier)
}

fn security_validator(options: &TokenOptions) -> Result<SecurityTokenValidator, JsValue> {
    let target = required(&options.js.target, "options.target")?;
    let mut validator = throw(SecurityTokenValidator::new(options.js.issuer.clone(), target, verifier(options)?))?;
    if let Some(leeway) = options.js.leeway {
        validator = throw(validator.with_leeway(leeway))?;
    }
    for service in services(&options.js.services)? {
        validator = validator.require_service(service);
    }
    if let Some(max) = options.js.max_lifetime {
        validator = validator.with_max_lifetime(max);
    }
    Ok(validator)
}

fn id_validator(options: &TokenOptions) -> Result<IdTokenValidator, JsValue> {
    let client_id = required(&options.js.client_id, "options.clientId")?;
    let mut validator = throw(IdTokenValidator::new(options.js.issuer.clone(), client_id, verifier(options)?))?;
    if let Some(leeway) = options.js.leeway {
        validator = throw(validator.with_leeway(leeway))?;
    }
    for service in services(&options.js.services)? {
        validator = validator.require_service(service);
    }
    Ok(validator)
}

pub(crate) fn access_validator(options: &TokenOptions) -> Result<AccessTokenValidator, JsValue> {
    let mut validator = throw(AccessTokenValidator::new(options.js.issuer.clone(), verifier(options)?))?;
    if let Some(leeway) = options.js.leeway {
        validator = throw(validator.with_leeway(leeway))?;
    }
    if let Some(audience) = &options.js.audience {
        validator = validator.with_audience(audience.clone());
    }
    if let Some(client_id) = &options.js.client_id {
        validator = validator.with_client_id(client_id.clone());
    }
    for scope in &options.js.scopes {
        validator = validator.require_scope(Scope::from_value(scope));
    }
    for service in services(&options.js.services)? {
        validator = validator.require_service(service);
    }
    Ok(validator)
}

/// Reads a time argument: whole seconds since the epoch.
pub(crate) fn seconds(value: &JsValue) -> Result<u64, JsValue> {
    match value.as_f64() {
        Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n < 9_007_199_254_740_992.0 =>
        {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(n as u64)
        }
        _ => Err(invalid_argument("now", "expected whole seconds since the epoch")),
    }
}

/// Reads a compact JWS without verifying it (`UnverifiedToken::inspect`): for display and key
/// choice, never for trust.
#[wasm_bindgen(js_name = inspectToken, unchecked_return_type = "InspectedToken")]
pub fn inspect_token(#[wasm_bindgen(unchecked_param_type = "string")] token: JsValue) -> Result<JsValue, JsValue> {
    let token = string_in(token, "token")?;
    let read = throw(UnverifiedToken::inspect(&token))?;
    to_js(&serde_json::json!({
        "header": read.header,
        "claims": read.claims,
        "signatureBytes": read.signature_bytes,
    }))
}

/// Partner IdMS (B.7.4): authenticates a security token (`SecurityTokenValidator::validate`):
/// signature against the primary's keys, `iss`, `aud` holding `options.target` and `clientId`,
/// `exp` with at most 30 s leeway, `iat`, `sub`.
#[wasm_bindgen(js_name = validateSecurityToken, unchecked_return_type = "VerifiedToken")]
pub fn validate_security_token(
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string", js_name = clientId)] client_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> Result<JsValue, JsValue> {
    let options = options_of(options)?;
    let (token, client_id, now) = (string_in(token, "token")?, string_in(client_id, "clientId")?, seconds(&now)?);
    to_js(&throw(security_validator(&options)?.validate(&token, &client_id, now))?)
}

/// Client (B.2.1.2): checks an ID token (`IdTokenValidator::validate`) for `options.clientId`,
/// with the `nonce` of the authorization request.
#[wasm_bindgen(js_name = validateIdToken, unchecked_return_type = "VerifiedToken")]
pub fn validate_id_token(
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null")] nonce: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> Result<JsValue, JsValue> {
    let options = options_of(options)?;
    let token = string_in(token, "token")?;
    let nonce = nonce_in(nonce)?;
    let now = seconds(&now)?;
    to_js(&throw(id_validator(&options)?.validate(&token, nonce.as_deref(), now))?)
}

fn nonce_in(nonce: JsValue) -> Result<Option<String>, JsValue> {
    if nonce.is_null() || nonce.is_undefined() {
        Ok(None)
    } else {
        string_in(nonce, "nonce").map(Some)
    }
}

/// Resource server or primary IdMS: checks an access token (`AccessTokenValidator::validate`).
#[wasm_bindgen(js_name = validateAccessToken, unchecked_return_type = "VerifiedAccessToken")]
pub fn validate_access_token(
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> Result<JsValue, JsValue> {
    let options = options_of(options)?;
    let (token, now) = (string_in(token, "token")?, seconds(&now)?);
    to_js(&throw(access_validator(&options)?.validate(&token, now))?)
}

/// Partner IdMS (B.7.4): a security-token validator made once from its options (the JWK Set
/// is read and its keys checked once) and used for every token; the same rules as
/// [`validate_security_token`], without reading the options again on each call.
#[wasm_bindgen(js_name = SecurityTokenValidator)]
pub struct JsSecurityTokenValidator(SecurityTokenValidator);

#[wasm_bindgen(js_class = SecurityTokenValidator)]
impl JsSecurityTokenValidator {
    /// Reads the options (`issuer`, `jwks`, `target`; `leeway`, `services`, `algorithms`, …).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    ) -> Result<JsSecurityTokenValidator, JsValue> {
        Ok(Self(security_validator(&options_of(options)?)?))
    }

    /// Authenticates `token` presented by `clientId` at `now` (seconds since the epoch).
    #[wasm_bindgen(unchecked_return_type = "VerifiedToken")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = clientId)] client_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (token, client_id, now) = (string_in(token, "token")?, string_in(client_id, "clientId")?, seconds(&now)?);
        to_js(&throw(self.0.validate(&token, &client_id, now))?)
    }

    /// Every rule one by one (`SecurityTokenValidator::report`): what `validate` decides, with
    /// each rule's outcome. Throws only for a `now` in milliseconds (`now_in_milliseconds`).
    #[wasm_bindgen(unchecked_return_type = "SecurityTokenReport")]
    pub fn report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = clientId)] client_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (token, client_id, now) = (string_in(token, "token")?, string_in(client_id, "clientId")?, seconds(&now)?);
        report_out(&throw(self.0.report(&token, &client_id, now))?)
    }
}

/// Client or console, without keys (`SecurityTokenRules::check_unverified`): every
/// security-token rule one by one, the signature "not checked" (the partner IdMS checks it).
/// The same rules and claim reader as the partner's validator and the migration flow. Throws
/// only for bad rules or a `now` in milliseconds (`now_in_milliseconds`).
#[wasm_bindgen(js_name = checkSecurityToken, unchecked_return_type = "SecurityTokenReport")]
pub fn check_security_token(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SecurityTokenRulesInit")] rules: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string", js_name = clientId)] client_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> Result<JsValue, JsValue> {
    let js: JsSecurityTokenRules = from_js(rules, "rules")?;
    let (token, client_id, now) = (string_in(token, "token")?, string_in(client_id, "clientId")?, seconds(&now)?);
    let mut rules = throw(SecurityTokenRules::new(js.target))?;
    if let Some(issuer) = js.issuer {
        rules = throw(rules.with_issuer(issuer))?;
    }
    if let Some(leeway) = js.leeway {
        rules = throw(rules.with_leeway(leeway))?;
    }
    for service in services(&js.services)? {
        rules = rules.require_service(service);
    }
    if let Some(max) = js.max_lifetime {
        rules = rules.with_max_lifetime(max);
    }
    let max_bytes = js.max_token_bytes.unwrap_or(DEFAULT_MAX_TOKEN_BYTES);
    report_out(&throw(rules.check_unverified(&token, &client_id, now, max_bytes))?)
}

/// Client (B.2.1.2): an ID-token validator made once (`options.clientId` required).
#[wasm_bindgen(js_name = IdTokenValidator)]
pub struct JsIdTokenValidator(IdTokenValidator);

#[wasm_bindgen(js_class = IdTokenValidator)]
impl JsIdTokenValidator {
    /// Reads the options (`issuer`, `jwks`, `clientId`; `leeway`, `services`, …).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    ) -> Result<JsIdTokenValidator, JsValue> {
        Ok(Self(id_validator(&options_of(options)?)?))
    }

    /// Checks `token` with the `nonce` of the authorization request (or `null`) at `now`.
    #[wasm_bindgen(unchecked_return_type = "VerifiedToken")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | null")] nonce: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (token, nonce, now) = (string_in(token, "token")?, nonce_in(nonce)?, seconds(&now)?);
        to_js(&throw(self.0.validate(&token, nonce.as_deref(), now))?)
    }
}

/// Resource server or primary IdMS: an access-token validator made once.
#[wasm_bindgen(js_name = AccessTokenValidator)]
pub struct JsAccessTokenValidator(AccessTokenValidator);

#[wasm_bindgen(js_class = AccessTokenValidator)]
impl JsAccessTokenValidator {
    /// Reads the options (`issuer`, `jwks`; `audience`, `clientId`, `scopes`, `leeway`, …).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    ) -> Result<JsAccessTokenValidator, JsValue> {
        Ok(Self(access_validator(&options_of(options)?)?))
    }

    /// Checks `token` at `now`.
    #[wasm_bindgen(unchecked_return_type = "VerifiedAccessToken")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (token, now) = (string_in(token, "token")?, seconds(&now)?);
        to_js(&throw(self.0.validate(&token, now))?)
    }
}

/// Reads a JWK Set (`JwkSet::parse`) and lists its keys, each with the reason code of
/// `JwkSet::ignored` when it is kept but never used.
#[wasm_bindgen(js_name = parseJwkSet, unchecked_return_type = "JwkInfo[]")]
pub fn parse_jwk_set(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsValue> {
    let text = string_in(text, "text")?;
    let set = throw(JwkSet::parse(&text))?;
    let keys: Vec<Value> = set
        .keys()
        .iter()
        .map(|k| serde_json::json!({ "kid": k.kid(), "keyType": k.key_type(), "ignoredReason": k.ignored_reason() }))
        .collect();
    to_js(&keys)
}

/// Reads a `SigningKeyInit`.
pub(crate) fn signing_key_in(key: &JsValue) -> Result<SigningKey, JsValue> {
    let alg = string_in(member(key, "alg"), "key.alg")?;
    let secret = bytes_in(&member(key, "secret"), "key.secret")?;
    let seed = |bytes: &[u8]| -> Result<[u8; 32], JsValue> {
        bytes.try_into().map_err(|_| invalid_argument("key.secret", "expected 32 bytes"))
    };
    Ok(match alg.as_str() {
        "ES256" => throw(SigningKey::es256(&seed(&secret)?))?,
        "EdDSA" => SigningKey::ed25519(&seed(&secret)?),
        "HS256" => throw(SigningKey::hs256(&secret))?,
        _ => return Err(invalid_argument("key.alg", "expected `ES256`, `EdDSA` or `HS256`")),
    })
}

/// Signs claims into a compact JWS (`sign`), with `kid` in the header; returns the token and
/// the public JWK (`null` for HS256).
#[wasm_bindgen(js_name = signToken, unchecked_return_type = "{ token: string; publicJwk: object | null }")]
pub fn sign_token(
    #[wasm_bindgen(unchecked_param_type = "SigningKeyInit")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] claims: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] kid: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let key = signing_key_in(&key)?;
    let claims: Value = from_js(claims, "claims")?;
    let kid = match kid {
        Some(kid) if !kid.is_undefined() && !kid.is_null() => Some(string_in(kid, "kid")?),
        _ => None,
    };
    let mut header = JwsHeader::new(key.algorithm());
    header.kid = kid.clone();
    let token = throw(sign(&header, &claims, &key))?;
    let jwk = key.public_jwk(kid.as_deref()).map(|k| k.to_json());
    to_js(&serde_json::json!({ "token": token.expose(), "publicJwk": jwk }))
}

/// Partner IdMS (B.7.4): reads a jwt-bearer request and authenticates its assertion
/// (`JwtBearerRequest::parse_and_verify`); a bad token is refused with `invalid_grant`.
#[wasm_bindgen(
    js_name = parseAndVerifyJwtBearerRequest,
    unchecked_return_type = "Parsed<{ request: IncomingJwtBearerRequest; securityToken: VerifiedToken }>"
)]
pub fn parse_and_verify_jwt_bearer_request(
    #[wasm_bindgen(unchecked_param_type = "HttpRequestInit")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ParseOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] validator: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> Result<JsValue, JsValue> {
    let validator = security_validator(&options_of(validator)?)?;
    let (request, options, now) = (request_in(request)?, options_in(Some(options))?, seconds(&now)?);
    let parsed = throw_rejection(JwtBearerRequest::parse_and_verify(&request, &options, &validator, now))?;
    let value = serde_json::json!({
        "request": JsJwtBearerRequest {
            assertion: parsed.value.request.assertion.expose().to_owned(),
            client: JsClient::from(&parsed.value.request.client),
            scope: parsed.value.request.scope.to_string(),
        },
        "securityToken": parsed.value.security_token,
    });
    to_js(&JsParsed::new(value, parsed.normalisations))
}

/// Primary IdMS (B.7.2): reads a token exchange request and verifies its subject token as an
/// access token (`TokenExchangeRequest::parse_and_verify`).
#[wasm_bindgen(
    js_name = parseAndVerifyTokenExchangeRequest,
    unchecked_return_type = "Parsed<{ request: IncomingTokenExchangeRequest; subjectToken: VerifiedAccessToken }>"
)]
pub fn parse_and_verify_token_exchange_request(
    #[wasm_bindgen(unchecked_param_type = "HttpRequestInit")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ParseOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] validator: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> Result<JsValue, JsValue> {
    let validator = access_validator(&options_of(validator)?)?;
    let (request, options, now) = (request_in(request)?, options_in(Some(options))?, seconds(&now)?);
    let parsed = throw_rejection(TokenExchangeRequest::parse_and_verify(&request, &options, &validator, now))?;
    let value = serde_json::json!({
        "request": {
            "resource": parsed.value.request.resource,
            "subjectToken": parsed.value.request.subject_token.expose(),
            "client": JsClient::from(&parsed.value.request.client),
        },
        "subjectToken": parsed.value.subject_token,
    });
    to_js(&JsParsed::new(value, parsed.normalisations))
}
