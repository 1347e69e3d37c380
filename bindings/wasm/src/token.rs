//! JWS / JWK Set verification of the MCX tokens (TS 33.180 B.7.3, B.7.4, B.2.1.2): the security
//! token at the partner IdMS, the ID token, the access token; inspection without keys; signing;
//! and the request parsers that verify the token they carry.
//!
//! Claims keep their JWT names (`iss`, `client_id`, `mcptt_id`, …): they are wire names.

use crate::convert::{bytes_in, from_js, member, string_in, to_js};
use crate::error::{invalid_argument, throw, throw_rejection};
use crate::form::options_in;
use crate::host_crypto::{HostKeys, HostSigningKey};
use crate::http::request_in;
use mcx_connect::token::{
    check_now, sign, AccessToken, AccessTokenValidator, Algorithm, IdToken, IdTokenValidator, JwkSet, JwsHeader,
    PendingSignature, RuleResult, SecurityToken, SecurityTokenReport as CoreReport, SecurityTokenRules,
    SecurityTokenValidator, TokenClaims, TokenError, UnverifiedToken, VerifiedJwtBearerRequest,
    VerifiedTokenExchangeRequest, Verifier, DEFAULT_MAX_TOKEN_BYTES,
};
use mcx_connect::{JwtBearerRequest, McService, OAuthErrorCode, Rejection, Scope, TokenExchangeRequest};
use serde_json::Value;
use std::future::Future;
use std::rc::Rc;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// The trusted keys and the rules of a validator: a binding type, since the core builds its
/// validators step by step (`SecurityTokenValidator::new(..).with_leeway(..)`, …).
#[derive(Clone, serde::Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenValidatorOptions {
    /// The expected `iss`.
    pub issuer: String,
    /// The issuer's JWK Set the caller trusts: JSON text or the parsed object.
    #[tsify(type = "string | Record<string, unknown>")]
    pub jwks: Value,
    /// Security token: this IdMS's own address, which `aud` must hold (the `resource` of the exchange).
    #[serde(default)]
    pub target: Option<String>,
    /// ID token: the client id `aud` must hold; access token: the expected `client_id` claim.
    #[serde(default)]
    pub client_id: Option<String>,
    /// Access token: an audience `aud` must hold.
    #[serde(default)]
    pub audience: Option<String>,
    /// Access token: scope values it must carry.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Clock leeway in seconds (at most 30).
    #[serde(default)]
    pub leeway: Option<u64>,
    /// Services whose MCX identity claim (`mcptt_id`, …) is required.
    #[serde(default)]
    #[tsify(type = "McService[]")]
    pub services: Vec<String>,
    /// Algorithm allow-list, e.g. `["ES256"]`.
    #[serde(default)]
    pub algorithms: Vec<String>,
    /// A shared secret for HS256 (read as bytes beside the JSON: see `options_of`).
    #[serde(default)]
    #[tsify(type = "Uint8Array")]
    pub shared_secret: Option<Value>,
    /// Largest token in bytes.
    #[serde(default)]
    pub max_token_bytes: Option<usize>,
    /// Security token: the longest lifetime (`exp` - `iat`, seconds) accepted (B.8); none by default.
    #[serde(default)]
    pub max_lifetime: Option<u64>,
}

/// The rules a security token is checked with when there are no keys (a client, a console): a
/// binding type, since the core builds `SecurityTokenRules` step by step.
#[derive(Debug, Clone, serde::Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecurityTokenRulesInit {
    /// The partner IdMS address `aud` must hold (the `resource` of the exchange).
    pub target: String,
    /// The expected `iss`; without it the `iss` rule is not checked.
    #[serde(default)]
    pub issuer: Option<String>,
    /// Clock leeway in seconds (at most 30).
    #[serde(default)]
    pub leeway: Option<u64>,
    /// Services whose MCX identity claim is required.
    #[serde(default)]
    #[tsify(type = "McService[]")]
    pub services: Vec<String>,
    /// The longest lifetime (`exp` - `iat`, seconds) accepted (B.8).
    #[serde(default)]
    pub max_lifetime: Option<u64>,
    /// Largest token in bytes (default 16 KiB).
    #[serde(default)]
    pub max_token_bytes: Option<usize>,
}

// The three checks and `SigningKeyInit` declare shapes that are read member by member (`now` as
// whole seconds, a key's secret as bytes), not through serde.

/// What a security token is checked against: the client presenting it (B.7.4) and the time.
#[derive(Debug, Clone, serde::Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SecurityTokenCheck {
    /// The client id the token was presented by.
    pub client_id: String,
    /// Seconds since the epoch.
    pub now: f64,
}

/// What an ID token is checked against: the `nonce` of the authentication request (or none) and the time.
#[derive(Debug, Clone, serde::Deserialize, tsify::Tsify)]
#[tsify(missing_as_null)]
pub struct IdTokenCheck {
    /// The authentication request's `nonce`.
    #[serde(default)]
    pub nonce: Option<String>,
    /// Seconds since the epoch.
    pub now: f64,
}

/// When an access token is checked.
#[derive(Debug, Clone, serde::Deserialize, tsify::Tsify)]
pub struct AccessTokenCheck {
    /// Seconds since the epoch.
    pub now: f64,
}

/// A signing key: ES256 (32-byte P-256 scalar), EdDSA (32-byte Ed25519 seed) or HS256 (secret).
/// Read member by member (`HostSigningKey::read`): the secret is bytes, never JSON.
#[derive(tsify::Tsify)]
pub struct SigningKeyInit {
    /// The algorithm.
    #[tsify(type = "\"ES256\" | \"EdDSA\" | \"HS256\"")]
    pub alg: String,
    /// The private key or shared secret.
    #[tsify(type = "Uint8Array")]
    pub secret: Vec<u8>,
}

/// The rule-by-rule check of a security token (the core's one home of the B.2.1.2 / B.7.4 / B.8
/// rules): the core's `SecurityTokenReport` with its verdict beside, which the core computes
/// (`passed`, `failure`) rather than stores.
#[derive(serde::Serialize, tsify::Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct SecurityTokenReport<'a> {
    /// No rule failed (rules not checked do not fail).
    pub passed: bool,
    /// The first failed rule's code: what a validator answers.
    pub failure: Option<&'static str>,
    /// Every rule in order, with its outcome.
    pub rules: &'a [RuleResult],
    /// The JOSE header, when the token could be read.
    pub header: Option<&'a JwsHeader>,
    /// The claims as the validators read them (a fractional `exp` is the second before).
    pub claims: Option<&'a TokenClaims>,
}

/// A key of a JWK Set as `parseJwkSet` lists it.
#[derive(serde::Serialize, tsify::Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct JwkInfo<'a> {
    /// Its `kid`.
    pub kid: Option<&'a str>,
    /// Its `kty`.
    pub key_type: &'static str,
    /// Set when the key is kept but never used (RFC 7517 §5): `key_type_unsupported`,
    /// `curve_unsupported`, `rsa_modulus_too_small`, `rsa_modulus_too_large`,
    /// `rsa_exponent_unsupported`.
    pub ignored_reason: Option<&'static str>,
}

/// A signed token and the public JWK that verifies it (`null` for HS256).
#[derive(serde::Serialize, tsify::Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct SignedToken {
    /// The compact JWS.
    pub token: String,
    /// The public key, as a JWK.
    #[tsify(type = "Record<string, unknown> | null")]
    pub public_jwk: Option<Value>,
}

/// The report as JavaScript sees it: the core's report with `passed` and `failure` beside.
pub(crate) fn report_out(report: &CoreReport) -> Result<JsValue, JsValue> {
    to_js(&SecurityTokenReport {
        passed: report.passed(),
        failure: report.failure().map(TokenError::code),
        rules: &report.rules,
        header: report.header.as_ref(),
        claims: report.claims.as_ref(),
    })
}

pub(crate) struct TokenOptions {
    js: TokenValidatorOptions,
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

/// A core validator and its JWK Set's keys in the host's crypto (imported once, when it is made).
pub(crate) struct Validating<V> {
    validator: V,
    keys: HostKeys,
}

impl<V> Validating<V> {
    fn new(validator: V, keys: HostKeys) -> Rc<Self> {
        Rc::new(Self { validator, keys })
    }
}

/// Runs `work` as the promise a JavaScript caller awaits; every failure is a rejection.
fn promise<F: Future<Output = Result<JsValue, JsValue>> + 'static>(work: F) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(work)
}

/// A token error as the thrown `McxConnectError`.
fn thrown(error: TokenError) -> JsValue {
    crate::error::core_error(&error.into())
}

impl<V> Validating<V> {
    /// The core's `validate` in its two halves around the host's signature check: `prepare`,
    /// the keys in the platform's crypto, then `finish` (the claim rules).
    async fn host_check<T>(
        &self,
        now: u64,
        prepare: impl FnOnce(&V) -> Result<PendingSignature, TokenError>,
        finish: impl FnOnce(&V, PendingSignature, bool) -> Result<T, TokenError>,
    ) -> Result<T, TokenError> {
        check_now(now)?;
        let pending = prepare(&self.validator)?;
        let verified = self.keys.verify(&pending).await?;
        finish(&self.validator, pending, verified)
    }
}

impl Validating<SecurityTokenValidator> {
    /// B.7.4: prepare, the host's signature check, then the claim rules.
    pub(crate) async fn check(&self, token: &str, client_id: &str, now: u64) -> Result<SecurityToken, TokenError> {
        self.host_check(now, |v| v.prepare(token), |v, pending, ok| v.finish(pending, ok, client_id, now)).await
    }

    async fn report(&self, token: &str, client_id: &str, now: u64) -> Result<CoreReport, TokenError> {
        check_now(now)?;
        let prepared = self.validator.prepare(token);
        let verified = match &prepared {
            Ok(pending) => self.keys.verify(pending).await?,
            Err(_) => false,
        };
        self.validator.finish_report(token, prepared, verified, client_id, now)
    }
}

impl Validating<IdTokenValidator> {
    async fn check(&self, token: &str, nonce: Option<&str>, now: u64) -> Result<IdToken, TokenError> {
        self.host_check(now, |v| v.prepare(token), |v, pending, ok| v.finish(pending, ok, nonce, now)).await
    }
}

impl Validating<AccessTokenValidator> {
    pub(crate) async fn check(&self, token: &str, now: u64) -> Result<AccessToken, TokenError> {
        self.host_check(now, |v| v.prepare(token), |v, pending, ok| v.finish(pending, ok, now)).await
    }

    /// B.7.2: the request read and its subject token validated (a bad one is `invalid_request`,
    /// RFC 8693 §2.2.2), as `TokenExchangeRequest::parse_and_verify`.
    pub(crate) async fn exchange(
        &self,
        request: TokenExchangeRequest,
        now: u64,
    ) -> Result<VerifiedTokenExchangeRequest, Rejection> {
        let subject_token = self
            .check(request.subject_token.expose(), now)
            .await
            .map_err(|e| Rejection::with_code(OAuthErrorCode::InvalidRequest, e))?;
        Ok(VerifiedTokenExchangeRequest { request, subject_token })
    }
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

/// The validator `make` builds over the options' verifier, with the options' `leeway` and
/// `services` (through the validator's own `with_leeway` and `require_service`), and its JWK Set's
/// keys imported into the platform's crypto.
fn validating<V>(
    options: &TokenOptions,
    make: impl FnOnce(Verifier) -> Result<V, TokenError>,
    with_leeway: fn(V, u64) -> Result<V, TokenError>,
    require_service: fn(V, McService) -> V,
) -> Result<Rc<Validating<V>>, JsValue> {
    let verifier = verifier(options)?;
    let keys = HostKeys::new(verifier.keys())?;
    let mut validator = throw(make(verifier))?;
    if let Some(leeway) = options.js.leeway {
        validator = throw(with_leeway(validator, leeway))?;
    }
    for service in services(&options.js.services)? {
        validator = require_service(validator, service);
    }
    Ok(Validating::new(validator, keys))
}

fn security_validator(options: &TokenOptions) -> Result<Rc<Validating<SecurityTokenValidator>>, JsValue> {
    let target = required(&options.js.target, "options.target")?;
    let make = |verifier| {
        let validator = SecurityTokenValidator::new(options.js.issuer.clone(), target, verifier)?;
        Ok(match options.js.max_lifetime {
            Some(max) => validator.with_max_lifetime(max),
            None => validator,
        })
    };
    validating(options, make, SecurityTokenValidator::with_leeway, SecurityTokenValidator::require_service)
}

fn id_validator(options: &TokenOptions) -> Result<Rc<Validating<IdTokenValidator>>, JsValue> {
    let client_id = required(&options.js.client_id, "options.clientId")?;
    let make = |verifier| IdTokenValidator::new(options.js.issuer.clone(), client_id, verifier);
    validating(options, make, IdTokenValidator::with_leeway, IdTokenValidator::require_service)
}

pub(crate) fn access_validator(options: &TokenOptions) -> Result<Rc<Validating<AccessTokenValidator>>, JsValue> {
    let make = |verifier| {
        let mut validator = AccessTokenValidator::new(options.js.issuer.clone(), verifier)?;
        if let Some(audience) = &options.js.audience {
            validator = validator.with_audience(audience.clone());
        }
        if let Some(client_id) = &options.js.client_id {
            validator = validator.with_client_id(client_id.clone());
        }
        for scope in &options.js.scopes {
            validator = validator.require_scope(Scope::from_value(scope));
        }
        Ok(validator)
    };
    validating(options, make, AccessTokenValidator::with_leeway, AccessTokenValidator::require_service)
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
#[wasm_bindgen(js_name = inspectToken, unchecked_return_type = "UnverifiedToken")]
pub fn inspect_token(#[wasm_bindgen(unchecked_param_type = "string")] token: JsValue) -> Result<JsValue, JsValue> {
    let token = string_in(token, "token")?;
    let read = throw(UnverifiedToken::inspect(&token))?;
    to_js(&read)
}

/// Partner IdMS (B.7.4): authenticates a security token (`SecurityTokenValidator::prepare`,
/// the signature with the host's crypto, `finish`): signature against the primary's keys, `iss`,
/// `aud` holding `options.target` and `clientId`, `exp` with at most 30 s leeway, `iat`, `sub`.
/// The JWK Set is read and imported on every call: a token endpoint makes one
/// `SecurityTokenValidator` instead.
#[wasm_bindgen(js_name = validateSecurityToken, unchecked_return_type = "Promise<SecurityToken>")]
pub fn validate_security_token(
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string", js_name = clientId)] client_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> js_sys::Promise {
    promise(async move {
        let validator = security_validator(&options_of(options)?)?;
        let (token, client_id, now) = (string_in(token, "token")?, string_in(client_id, "clientId")?, seconds(&now)?);
        to_js(&validator.check(&token, &client_id, now).await.map_err(thrown)?)
    })
}

/// Client (B.2.1.2): checks an ID token for `options.clientId`, with the `nonce` of the
/// authorization request (see `IdTokenValidator`).
#[wasm_bindgen(js_name = validateIdToken, unchecked_return_type = "Promise<SecurityToken>")]
pub fn validate_id_token(
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null")] nonce: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> js_sys::Promise {
    promise(async move {
        let validator = id_validator(&options_of(options)?)?;
        let (token, nonce, now) = (string_in(token, "token")?, nonce_in(nonce)?, seconds(&now)?);
        to_js(&validator.check(&token, nonce.as_deref(), now).await.map_err(thrown)?)
    })
}

fn nonce_in(nonce: JsValue) -> Result<Option<String>, JsValue> {
    if nonce.is_null() || nonce.is_undefined() {
        Ok(None)
    } else {
        string_in(nonce, "nonce").map(Some)
    }
}

/// Resource server or primary IdMS: checks an access token (see `AccessTokenValidator`).
#[wasm_bindgen(js_name = validateAccessToken, unchecked_return_type = "Promise<AccessToken>")]
pub fn validate_access_token(
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> js_sys::Promise {
    promise(async move {
        let validator = access_validator(&options_of(options)?)?;
        let (token, now) = (string_in(token, "token")?, seconds(&now)?);
        to_js(&validator.check(&token, now).await.map_err(thrown)?)
    })
}

/// Partner IdMS (B.7.4): a security-token validator made once from its options (the JWK Set is
/// read, its keys checked and imported into the platform's crypto once) and used for every
/// token. `validate` and `report` are asynchronous: the signature is checked with WebCrypto.
#[wasm_bindgen(js_name = SecurityTokenValidator)]
pub struct JsSecurityTokenValidator(Rc<Validating<SecurityTokenValidator>>);

#[wasm_bindgen(js_class = SecurityTokenValidator)]
impl JsSecurityTokenValidator {
    /// Reads the options (`issuer`, `jwks`, `target`; `leeway`, `services`, `algorithms`, …).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    ) -> Result<JsSecurityTokenValidator, JsValue> {
        Ok(Self(security_validator(&options_of(options)?)?))
    }

    /// Authenticates `token` presented by `check.clientId` at `check.now` (seconds since the epoch).
    #[wasm_bindgen(unchecked_return_type = "Promise<SecurityToken>")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SecurityTokenCheck")] check: JsValue,
    ) -> js_sys::Promise {
        let this = self.0.clone();
        promise(async move {
            let (token, client_id, now) = security_check_in(token, &check)?;
            to_js(&this.check(&token, &client_id, now).await.map_err(thrown)?)
        })
    }

    /// Every rule one by one (`SecurityTokenValidator::finish_report`): what `validate` decides,
    /// with each rule's outcome. Rejects only for a `now` in milliseconds (`now_in_milliseconds`)
    /// or a key set the platform refuses.
    #[wasm_bindgen(unchecked_return_type = "Promise<SecurityTokenReport>")]
    pub fn report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SecurityTokenCheck")] check: JsValue,
    ) -> js_sys::Promise {
        let this = self.0.clone();
        promise(async move {
            let (token, client_id, now) = security_check_in(token, &check)?;
            report_out(&this.report(&token, &client_id, now).await.map_err(thrown)?)
        })
    }
}

fn security_check_in(token: JsValue, check: &JsValue) -> Result<(String, String, u64), JsValue> {
    Ok((
        string_in(token, "token")?,
        string_in(member(check, "clientId"), "check.clientId")?,
        seconds(&member(check, "now"))?,
    ))
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
    let js: SecurityTokenRulesInit = from_js(rules, "rules")?;
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
pub struct JsIdTokenValidator(Rc<Validating<IdTokenValidator>>);

#[wasm_bindgen(js_class = IdTokenValidator)]
impl JsIdTokenValidator {
    /// Reads the options (`issuer`, `jwks`, `clientId`; `leeway`, `services`, …).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    ) -> Result<JsIdTokenValidator, JsValue> {
        Ok(Self(id_validator(&options_of(options)?)?))
    }

    /// Checks `token` with `check.nonce` (the authorization request's, or none) at `check.now`.
    #[wasm_bindgen(unchecked_return_type = "Promise<SecurityToken>")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "IdTokenCheck")] check: JsValue,
    ) -> js_sys::Promise {
        let this = self.0.clone();
        promise(async move {
            let token = string_in(token, "token")?;
            let (nonce, now) = (nonce_in(member(&check, "nonce"))?, seconds(&member(&check, "now"))?);
            to_js(&this.check(&token, nonce.as_deref(), now).await.map_err(thrown)?)
        })
    }
}

/// Resource server or primary IdMS: an access-token validator made once.
#[wasm_bindgen(js_name = AccessTokenValidator)]
pub struct JsAccessTokenValidator(Rc<Validating<AccessTokenValidator>>);

#[wasm_bindgen(js_class = AccessTokenValidator)]
impl JsAccessTokenValidator {
    /// Reads the options (`issuer`, `jwks`; `audience`, `clientId`, `scopes`, `leeway`, …).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    ) -> Result<JsAccessTokenValidator, JsValue> {
        Ok(Self(access_validator(&options_of(options)?)?))
    }

    /// Checks `token` at `check.now`.
    #[wasm_bindgen(unchecked_return_type = "Promise<AccessToken>")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AccessTokenCheck")] check: JsValue,
    ) -> js_sys::Promise {
        let this = self.0.clone();
        promise(async move {
            let (token, now) = (string_in(token, "token")?, seconds(&member(&check, "now"))?);
            to_js(&this.check(&token, now).await.map_err(thrown)?)
        })
    }
}

/// Reads a JWK Set (`JwkSet::parse`, then the keys imported into the platform's crypto, which
/// checks each point is on its curve) and lists its keys, each with the reason code of
/// `JwkSet::ignored` when it is kept but never used.
#[wasm_bindgen(js_name = parseJwkSet, unchecked_return_type = "Promise<JwkInfo[]>")]
pub fn parse_jwk_set(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> js_sys::Promise {
    promise(async move {
        let text = string_in(text, "text")?;
        let set = throw(JwkSet::parse(&text))?;
        HostKeys::new(&set)?.check().await.map_err(thrown)?;
        let keys: Vec<JwkInfo> = set
            .keys()
            .iter()
            .map(|k| JwkInfo { kid: k.kid(), key_type: k.key_type(), ignored_reason: k.ignored_reason() })
            .collect();
        to_js(&keys)
    })
}

/// Signs claims into a compact JWS with `kid` in the header (ES256 and EdDSA with the
/// platform's WebCrypto, HS256 in the core); resolves to the token and the public JWK (`null`
/// for HS256). WebCrypto's ECDSA draws a fresh nonce: two signatures of the same claims differ.
#[wasm_bindgen(js_name = signToken, unchecked_return_type = "Promise<SignedToken>")]
pub fn sign_token(
    #[wasm_bindgen(unchecked_param_type = "SigningKeyInit")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] claims: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] kid: Option<JsValue>,
) -> js_sys::Promise {
    promise(async move {
        let key = HostSigningKey::read(&key).await?;
        let claims: Value = from_js(claims, "claims")?;
        let kid = match kid {
            Some(kid) if !kid.is_undefined() && !kid.is_null() => Some(string_in(kid, "kid")?),
            _ => None,
        };
        let mut header = JwsHeader::new(key.core.algorithm());
        header.kid = kid.clone();
        let input = throw(mcx_connect::token::signing_input(&header, &claims))?;
        let token = match key.host_signature(&input).await? {
            Some(signature) => format!("{input}.{}", base64url(&signature)),
            None => throw(sign(&header, &claims, &key.core))?.expose().to_owned(),
        };
        to_js(&SignedToken { token, public_jwk: key.public_jwk(kid.as_deref()) })
    })
}

/// Unpadded base64url (RFC 7515 §2).
fn base64url(bytes: &[u8]) -> String {
    use base64ct::{Base64UrlUnpadded, Encoding};
    Base64UrlUnpadded::encode_string(bytes)
}

/// Partner IdMS (B.7.4): reads a jwt-bearer request and authenticates its assertion (as
/// `JwtBearerRequest::parse_and_verify`, the signature with the platform's crypto); a bad token
/// is refused with `invalid_grant`.
#[wasm_bindgen(
    js_name = parseAndVerifyJwtBearerRequest,
    unchecked_return_type = "Promise<Parsed<{ request: Required<JwtBearerRequest>; securityToken: SecurityToken }>>"
)]
pub fn parse_and_verify_jwt_bearer_request(
    request: Ts<mcx_connect::HttpRequest>,
    #[wasm_bindgen(unchecked_param_type = "ParseOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] validator: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> js_sys::Promise {
    promise(async move {
        let validator = security_validator(&options_of(validator)?)?;
        let (request, options, now) = (request_in(request)?, options_in(Some(options))?, seconds(&now)?);
        let parsed = throw_rejection(JwtBearerRequest::parse(&request, &options))?;
        let request = parsed.value;
        let client_id = request.client.id().unwrap_or_default().to_owned();
        let security_token = throw_rejection(
            validator
                .check(request.assertion.expose(), &client_id, now)
                .await
                .map_err(|e| Rejection::with_code(OAuthErrorCode::InvalidGrant, e)),
        )?;
        let verified = VerifiedJwtBearerRequest { request, security_token };
        let value = serde_json::json!({ "request": verified.request, "securityToken": verified.security_token });
        to_js(&mcx_connect::Parsed { value, normalisations: parsed.normalisations })
    })
}

/// Primary IdMS (B.7.2): reads a token exchange request and validates its subject token as an
/// access token (as `TokenExchangeRequest::parse_and_verify`, the signature with the platform's
/// crypto); a bad subject token is `invalid_request`.
#[wasm_bindgen(
    js_name = parseAndVerifyTokenExchangeRequest,
    unchecked_return_type = "Promise<Parsed<{ request: Required<TokenExchangeRequest>; subjectToken: AccessToken }>>"
)]
pub fn parse_and_verify_token_exchange_request(
    request: Ts<mcx_connect::HttpRequest>,
    #[wasm_bindgen(unchecked_param_type = "ParseOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] validator: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> js_sys::Promise {
    promise(async move {
        let validator = access_validator(&options_of(validator)?)?;
        let (request, options, now) = (request_in(request)?, options_in(Some(options))?, seconds(&now)?);
        let parsed = throw_rejection(TokenExchangeRequest::parse(&request, &options))?;
        let verified = throw_rejection(validator.exchange(parsed.value, now).await)?;
        let value = serde_json::json!({ "request": verified.request, "subjectToken": verified.subject_token });
        to_js(&mcx_connect::Parsed { value, normalisations: parsed.normalisations })
    })
}
