//! JWS / JWK Set verification of the MCX tokens (TS 33.180 B.7.3, B.7.4, B.2.1.2): the security
//! token at the partner IdMS, the ID token, the access token; inspection without keys; signing;
//! and the request parsers that verify the token they carry.
//!
//! Claims keep their JWT names (`iss`, `client_id`, `mcptt_id`, …): they are wire names.

use crate::convert::{from_js, member, only_members, optional_string_in, seconds_in, string_in, to_js};
use crate::error::{throw, throw_rejection};
use crate::form::options_in;
use crate::host_crypto::{HostKeys, HostSigningKey};
use crate::http::request_in;
use mcx_connect::token::{
    check_now, sign, AccessToken, AccessTokenValidator, IdToken, IdTokenValidator, JwkSet, JwsHeader, PendingSignature,
    SecurityToken, SecurityTokenReport as CoreReport, SecurityTokenRulesInit, SecurityTokenValidator, TokenError,
    TokenValidatorOptions, UnverifiedToken, VerifiedJwtBearerRequest, VerifiedTokenExchangeRequest, Verifier,
};
use mcx_connect::{JwtBearerRequest, OAuthErrorCode, Rejection, TokenExchangeRequest};
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use tsify::Ts;
use wasm_bindgen::prelude::*;

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
/// Read member by member: the secret is bytes (a `Uint8Array`), never JSON.
#[derive(tsify::Tsify)]
pub struct SigningKeyInit {
    /// The algorithm.
    #[tsify(type = "\"ES256\" | \"EdDSA\" | \"HS256\"")]
    pub alg: String,
    /// The private key or shared secret.
    #[tsify(type = "Uint8Array")]
    pub secret: Vec<u8>,
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

/// The report as JavaScript sees it: the core's `SecurityTokenVerdict` (`passed`, `failure`, …).
pub(crate) fn report_out(report: CoreReport) -> Result<JsValue, JsValue> {
    to_js(&report.verdict())
}

/// Reads a validator's options (the core's `TokenValidatorOptions`, camelCase).
pub(crate) fn options_of(value: JsValue) -> Result<TokenValidatorOptions, JsValue> {
    from_js(value, "options")
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
///
/// The future is boxed, so `future_to_promise` (its task, its settling of the promise) is compiled
/// once for every async export instead of once per future type.
pub(crate) fn promise<F: Future<Output = Result<JsValue, JsValue>> + 'static>(work: F) -> js_sys::Promise {
    let work: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(work);
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
            .map_err(|e| Rejection::for_token(OAuthErrorCode::InvalidRequest, e))?;
        Ok(VerifiedTokenExchangeRequest { request, subject_token })
    }
}

/// The validator `make` builds from the options (the core's `from_options`), with its JWK Set's
/// keys imported into the platform's crypto.
fn validating<V>(
    options: &TokenValidatorOptions,
    make: fn(&TokenValidatorOptions, Verifier) -> Result<V, TokenError>,
) -> Result<Rc<Validating<V>>, JsValue> {
    let verifier = throw(options.verifier())?;
    let keys = HostKeys::new(verifier.keys())?;
    Ok(Validating::new(throw(make(options, verifier))?, keys))
}

fn security_validator(options: &TokenValidatorOptions) -> Result<Rc<Validating<SecurityTokenValidator>>, JsValue> {
    validating(options, SecurityTokenValidator::from_options)
}

fn id_validator(options: &TokenValidatorOptions) -> Result<Rc<Validating<IdTokenValidator>>, JsValue> {
    validating(options, IdTokenValidator::from_options)
}

pub(crate) fn access_validator(
    options: &TokenValidatorOptions,
) -> Result<Rc<Validating<AccessTokenValidator>>, JsValue> {
    validating(options, AccessTokenValidator::from_options)
}

/// Reads a token's header and claims WITHOUT verifying anything: for display and for choosing a
/// key, never for trust. A client shows its tokens with it instead of decoding them itself.
///
/// @throws {McxConnectError} `token_malformed` unless the token is a compact JWS whose header and
/// payload are JSON objects; `token_too_large` above 16 KiB.
/// @example
/// ```js
/// import { inspectToken, signToken } from "mcx-connect";
/// const secret = crypto.getRandomValues(new Uint8Array(32));
/// const { token } = await signToken({ alg: "HS256", secret }, { sub: "alice@primary.example" }, "k1");
/// const seen = inspectToken(token);
/// seen.header.kid; // => "k1"
/// seen.claims.sub; // => "alice@primary.example"
/// ```
#[wasm_bindgen(js_name = inspectToken, unchecked_return_type = "UnverifiedToken")]
pub fn inspect_token(#[wasm_bindgen(unchecked_param_type = "string")] token: JsValue) -> Result<JsValue, JsValue> {
    let token = string_in(token, "token")?;
    let read = throw(UnverifiedToken::inspect(&token))?;
    to_js(&read)
}

/// Partner IdM server (TS 33.180 B.7.4): authenticates a security token presented by `clientId`:
/// its signature against the primary's keys (WebCrypto), `iss`, `aud` holding `options.target` and
/// `clientId`, `exp` with at most 30 s of leeway, `iat`, `sub`. The keys are read and imported on
/// every call: a token endpoint makes one `SecurityTokenValidator` instead.
///
/// @throws {McxConnectError} (the promise rejects) with the first rule the token breaks:
/// `token_malformed`, `token_algorithm_refused`, `token_unknown_key`, `token_bad_signature`,
/// `token_expired`, `token_wrong_issuer`, `token_missing_claim`, …; `validator_invalid` or
/// `jwks_malformed` for options that do not make a validator; `now_in_milliseconds` for a
/// `now` that is not in seconds.
/// @example
/// ```js
/// import { validateSecurityToken, signToken } from "mcx-connect";
/// const now = Math.floor(Date.now() / 1000);
/// const secret = crypto.getRandomValues(new Uint8Array(32));
/// const { token } = await signToken({ alg: "HS256", secret }, {
///   iss: "https://idms.primary.example", sub: "alice@primary.example", iat: now, exp: now + 300,
///   aud: ["mcptt-client", "https://idms.partner.example/token"],
/// });
/// const options = {
///   issuer: "https://idms.primary.example", target: "https://idms.partner.example/token",
///   jwks: { keys: [] }, sharedSecret: secret, algorithms: ["HS256"],
/// };
/// const checked = await validateSecurityToken(options, token, "mcptt-client", now);
/// checked.claims.sub; // => "alice@primary.example"
/// ```
#[wasm_bindgen(js_name = validateSecurityToken, unchecked_return_type = "Promise<SecurityToken>")]
pub fn validate_security_token(
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string", js_name = clientId)] client_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> js_sys::Promise {
    promise(async move {
        let validator = security_validator(&options_of(options)?)?;
        let (token, client_id, now) =
            (string_in(token, "token")?, string_in(client_id, "clientId")?, seconds_in(&now, "now")?);
        to_js(&validator.check(&token, &client_id, now).await.map_err(thrown)?)
    })
}

/// Client (TS 33.180 B.2.1.2): checks an ID token for `options.clientId`, with the `nonce` of the
/// authorization request (`null` when it had none). One call; `IdTokenValidator` keeps its keys.
///
/// @throws {McxConnectError} (the promise rejects) with the first rule the token breaks:
/// `token_malformed`, `token_algorithm_refused`, `token_unknown_key`, `token_bad_signature`,
/// `token_expired`, `token_wrong_issuer`, `token_nonce_mismatch`, `token_missing_claim`, …; `validator_invalid` or
/// `jwks_malformed` for options that do not make a validator; `now_in_milliseconds` for a
/// `now` that is not in seconds.
/// @example
/// ```js
/// import { validateIdToken, signToken } from "mcx-connect";
/// const now = Math.floor(Date.now() / 1000);
/// const secret = crypto.getRandomValues(new Uint8Array(32));
/// const { token } = await signToken({ alg: "HS256", secret }, {
///   iss: "https://idms.primary.example", sub: "alice@primary.example", aud: "mcptt-client",
///   nonce: "n-0S6_WzA2Mj", iat: now, exp: now + 300,
/// });
/// const options = { issuer: "https://idms.primary.example", clientId: "mcptt-client", jwks: { keys: [] }, sharedSecret: secret, algorithms: ["HS256"] };
/// const idToken = await validateIdToken(options, token, "n-0S6_WzA2Mj", now);
/// idToken.claims.sub; // => "alice@primary.example"
/// ```
#[wasm_bindgen(js_name = validateIdToken, unchecked_return_type = "Promise<SecurityToken>")]
pub fn validate_id_token(
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null")] nonce: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> js_sys::Promise {
    promise(async move {
        let validator = id_validator(&options_of(options)?)?;
        let (token, nonce, now) =
            (string_in(token, "token")?, optional_string_in(nonce, "nonce")?, seconds_in(&now, "now")?);
        to_js(&validator.check(&token, nonce.as_deref(), now).await.map_err(thrown)?)
    })
}

/// Resource server or primary IdM server: checks an access token. One call;
/// `AccessTokenValidator` keeps its keys.
///
/// @throws {McxConnectError} (the promise rejects) with the first rule the token breaks:
/// `token_malformed`, `token_algorithm_refused`, `token_unknown_key`, `token_bad_signature`,
/// `token_expired`, `token_wrong_issuer`, `token_missing_claim`, …; `validator_invalid` or
/// `jwks_malformed` for options that do not make a validator; `now_in_milliseconds` for a
/// `now` that is not in seconds.
/// @example
/// ```js
/// import { validateAccessToken, signToken } from "mcx-connect";
/// const now = Math.floor(Date.now() / 1000);
/// const secret = crypto.getRandomValues(new Uint8Array(32));
/// const { token } = await signToken({ alg: "HS256", secret }, {
///   iss: "https://idms.primary.example", sub: "alice@primary.example", aud: "mcptt-client",
///   client_id: "mcptt-client", scope: "openid 3gpp:mc:ptt_service", iat: now, exp: now + 600,
/// });
/// const options = { issuer: "https://idms.primary.example", jwks: { keys: [] }, sharedSecret: secret, algorithms: ["HS256"] };
/// const accessToken = await validateAccessToken(options, token, now);
/// accessToken.claims.client_id; // => "mcptt-client"
/// ```
#[wasm_bindgen(js_name = validateAccessToken, unchecked_return_type = "Promise<AccessToken>")]
pub fn validate_access_token(
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> js_sys::Promise {
    promise(async move {
        let validator = access_validator(&options_of(options)?)?;
        let (token, now) = (string_in(token, "token")?, seconds_in(&now, "now")?);
        to_js(&validator.check(&token, now).await.map_err(thrown)?)
    })
}

/// Partner IdM server (TS 33.180 B.7.4): a security-token validator made once from its options
/// (the JWK Set is read, its keys checked and imported into the platform's WebCrypto once) and used
/// for every token. `validate` and `report` are asynchronous: the signature is checked by WebCrypto.
/// Call `free()` when done with it (or `using` it).
///
/// @example
/// ```js
/// import { SecurityTokenValidator, signToken } from "mcx-connect";
/// const now = Math.floor(Date.now() / 1000);
/// const secret = crypto.getRandomValues(new Uint8Array(32));
/// const { token } = await signToken({ alg: "HS256", secret }, {
///   iss: "https://idms.primary.example", sub: "alice@primary.example", iat: now, exp: now + 300,
///   aud: ["mcptt-client", "https://idms.partner.example/token"],
/// });
/// const options = {
///   issuer: "https://idms.primary.example", target: "https://idms.partner.example/token",
///   jwks: { keys: [] }, sharedSecret: secret, algorithms: ["HS256"],
/// };
/// const validator = new SecurityTokenValidator(options);
/// const checked = await validator.validate(token, { clientId: "mcptt-client", now });
/// checked.claims.sub; // => "alice@primary.example"
/// const report = await validator.report(token, { clientId: "another-client", now });
/// report.failure; // => "token_audience_missing_client"
/// validator.free();
/// ```
#[wasm_bindgen(js_name = SecurityTokenValidator)]
pub struct JsSecurityTokenValidator(Rc<Validating<SecurityTokenValidator>>);

#[wasm_bindgen(js_class = SecurityTokenValidator)]
impl JsSecurityTokenValidator {
    /// Makes the validator from `issuer`, `jwks` and `target` (this server's token endpoint), and
    /// optionally `leeway`, `services`, `algorithms`, `maxLifetime`, `maxTokenBytes`.
    ///
    /// @throws {McxConnectError} `validator_invalid`, `leeway_too_large`, `issuer_invalid`,
    /// `jwks_malformed` or `jwks_too_large` for options that do not make a validator.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    ) -> Result<JsSecurityTokenValidator, JsValue> {
        Ok(Self(security_validator(&options_of(options)?)?))
    }

    /// Authenticates `token` presented by `check.clientId` at `check.now` (seconds since the epoch)
    /// and resolves to its header and checked claims.
    ///
    /// @throws {McxConnectError} (the promise rejects) with the first rule the token breaks
    /// (`token_bad_signature`, `token_expired`, `token_audience_missing_target`, …), or
    /// `now_in_milliseconds`; `invalid_argument` for a token that is not a string or a `check`
    /// without `clientId` or whole-second `now`, or with another member.
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

    /// Every rule one by one: what `validate` decides (`passed`, `failure`), with each rule's
    /// outcome and detail, for a console or a log.
    ///
    /// @throws {McxConnectError} (the promise rejects) only for a `now` in milliseconds
    /// (`now_in_milliseconds`), a key set the platform refuses (`jwks_malformed`), or arguments of
    /// the wrong shape (`invalid_argument`, as `validate`).
    #[wasm_bindgen(unchecked_return_type = "Promise<SecurityTokenReport>")]
    pub fn report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SecurityTokenCheck")] check: JsValue,
    ) -> js_sys::Promise {
        let this = self.0.clone();
        promise(async move {
            let (token, client_id, now) = security_check_in(token, &check)?;
            report_out(this.report(&token, &client_id, now).await.map_err(thrown)?)
        })
    }
}

fn security_check_in(token: JsValue, check: &JsValue) -> Result<(String, String, u64), JsValue> {
    only_members(check, &["clientId", "now"], "check")?;
    Ok((
        string_in(token, "token")?,
        string_in(member(check, "clientId"), "check.clientId")?,
        seconds_in(&member(check, "now"), "check.now")?,
    ))
}

/// Client or dispatch console, without keys: every security-token rule one by one, the signature
/// "not checked" (the partner IdM server checks it). The same rules and claim reading as the
/// partner's validator and the migration flow.
///
/// @throws {McxConnectError} only for rules that do not read (`invalid_argument`,
/// `leeway_too_large`, `issuer_invalid`) or a `now` in milliseconds (`now_in_milliseconds`).
/// @example
/// ```js
/// import { checkSecurityToken, signToken } from "mcx-connect";
/// const now = Math.floor(Date.now() / 1000);
/// const key = { alg: "HS256", secret: crypto.getRandomValues(new Uint8Array(32)) };
/// const { token } = await signToken(key, {
///   iss: "https://idms.primary.example", sub: "alice@primary.example", iat: now - 600, exp: now - 300,
///   aud: ["mcptt-client", "https://idms.partner.example/token"],
/// });
/// const report = checkSecurityToken(token, { target: "https://idms.partner.example/token" }, "mcptt-client", now);
/// report.passed; // => false
/// report.failure; // => "token_expired"
/// ```
#[wasm_bindgen(js_name = checkSecurityToken, unchecked_return_type = "SecurityTokenReport")]
pub fn check_security_token(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SecurityTokenRulesInit")] rules: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string", js_name = clientId)] client_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> Result<JsValue, JsValue> {
    let rules: SecurityTokenRulesInit = from_js(rules, "rules")?;
    let (token, client_id, now) =
        (string_in(token, "token")?, string_in(client_id, "clientId")?, seconds_in(&now, "now")?);
    report_out(throw(rules.check_unverified(&token, &client_id, now))?)
}

/// Client (TS 33.180 B.2.1.2): an ID-token validator made once (`options.clientId` required) and
/// used for every ID token of that client. Call `free()` when done with it.
///
/// @example
/// ```js
/// import { IdTokenValidator, signToken } from "mcx-connect";
/// const now = Math.floor(Date.now() / 1000);
/// const secret = crypto.getRandomValues(new Uint8Array(32));
/// const { token } = await signToken({ alg: "HS256", secret }, {
///   iss: "https://idms.primary.example", sub: "alice@primary.example", aud: "mcptt-client",
///   nonce: "n-0S6_WzA2Mj", iat: now, exp: now + 300,
/// });
/// const options = { issuer: "https://idms.primary.example", clientId: "mcptt-client", jwks: { keys: [] }, sharedSecret: secret, algorithms: ["HS256"] };
/// const validator = new IdTokenValidator(options);
/// (await validator.validate(token, { nonce: "n-0S6_WzA2Mj", now })).claims.sub; // => "alice@primary.example"
/// validator.free();
/// ```
#[wasm_bindgen(js_name = IdTokenValidator)]
pub struct JsIdTokenValidator(Rc<Validating<IdTokenValidator>>);

#[wasm_bindgen(js_class = IdTokenValidator)]
impl JsIdTokenValidator {
    /// Makes the validator from `issuer`, `jwks` and `clientId`, and optionally `leeway`,
    /// `services`, `algorithms`, `maxTokenBytes`.
    ///
    /// @throws {McxConnectError} `validator_invalid`, `leeway_too_large`, `issuer_invalid`,
    /// `jwks_malformed` or `jwks_too_large` for options that do not make a validator.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    ) -> Result<JsIdTokenValidator, JsValue> {
        Ok(Self(id_validator(&options_of(options)?)?))
    }

    /// Checks `token` with `check.nonce` (the authorization request's, or `null`) at `check.now`.
    ///
    /// @throws {McxConnectError} (the promise rejects) with the first rule the token breaks
    /// (`token_nonce_mismatch`, `token_expired`, …), or `now_in_milliseconds`; `invalid_argument`
    /// for a `check` with a member other than `nonce` and `now` (a misspelt `nonce` is not passed over).
    #[wasm_bindgen(unchecked_return_type = "Promise<SecurityToken>")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "IdTokenCheck")] check: JsValue,
    ) -> js_sys::Promise {
        let this = self.0.clone();
        promise(async move {
            let token = string_in(token, "token")?;
            only_members(&check, &["nonce", "now"], "check")?;
            let (nonce, now) = (
                optional_string_in(member(&check, "nonce"), "check.nonce")?,
                seconds_in(&member(&check, "now"), "check.now")?,
            );
            to_js(&this.check(&token, nonce.as_deref(), now).await.map_err(thrown)?)
        })
    }
}

/// Resource server or primary IdM server: an access-token validator made once and used for every
/// access token. Call `free()` when done with it.
///
/// @example
/// ```js
/// import { AccessTokenValidator, signToken } from "mcx-connect";
/// const now = Math.floor(Date.now() / 1000);
/// const secret = crypto.getRandomValues(new Uint8Array(32));
/// const { token } = await signToken({ alg: "HS256", secret }, {
///   iss: "https://idms.primary.example", sub: "alice@primary.example", aud: "mcptt-client",
///   client_id: "mcptt-client", scope: "openid 3gpp:mc:ptt_service", iat: now, exp: now + 600,
/// });
/// const options = { issuer: "https://idms.primary.example", jwks: { keys: [] }, sharedSecret: secret, algorithms: ["HS256"] };
/// const validator = new AccessTokenValidator(options);
/// (await validator.validate(token, { now })).claims.sub; // => "alice@primary.example"
/// validator.free();
/// ```
#[wasm_bindgen(js_name = AccessTokenValidator)]
pub struct JsAccessTokenValidator(Rc<Validating<AccessTokenValidator>>);

#[wasm_bindgen(js_class = AccessTokenValidator)]
impl JsAccessTokenValidator {
    /// Makes the validator from `issuer` and `jwks`, and optionally `audience`, `clientId`,
    /// `scopes`, `leeway`, `algorithms`, `maxTokenBytes`.
    ///
    /// @throws {McxConnectError} `validator_invalid`, `leeway_too_large`, `issuer_invalid`,
    /// `jwks_malformed` or `jwks_too_large` for options that do not make a validator.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] options: JsValue,
    ) -> Result<JsAccessTokenValidator, JsValue> {
        Ok(Self(access_validator(&options_of(options)?)?))
    }

    /// Checks `token` at `check.now` (seconds since the epoch).
    ///
    /// @throws {McxConnectError} (the promise rejects) with the first rule the token breaks
    /// (`token_expired`, `token_client_mismatch`, `token_scope_missing`, …), or `now_in_milliseconds`;
    /// `invalid_argument` for a `check` with a member other than `now`.
    #[wasm_bindgen(unchecked_return_type = "Promise<AccessToken>")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AccessTokenCheck")] check: JsValue,
    ) -> js_sys::Promise {
        let this = self.0.clone();
        promise(async move {
            only_members(&check, &["now"], "check")?;
            let (token, now) = (string_in(token, "token")?, seconds_in(&member(&check, "now"), "check.now")?);
            to_js(&this.check(&token, now).await.map_err(thrown)?)
        })
    }
}

/// Reads a JWK Set (RFC 7517) and imports its keys into the platform's WebCrypto (which checks
/// each point is on its curve); lists the keys, each with the reason it is kept but never used, if
/// it is (`ignoredReason`).
///
/// @throws {McxConnectError} (the promise rejects) `jwks_malformed` for a set that does not read
/// or a key the platform refuses; `jwks_too_large` for an oversized set.
/// @example
/// ```js
/// import { parseJwkSet, signToken } from "mcx-connect";
/// const { publicJwk } = await signToken({ alg: "ES256", secret: crypto.getRandomValues(new Uint8Array(32)) }, {}, "primary-1");
/// const keys = await parseJwkSet(JSON.stringify({ keys: [publicJwk] }));
/// keys; // => [{ kid: "primary-1", keyType: "EC P-256", ignoredReason: null }]
/// ```
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
/// platform's WebCrypto, HS256 in the library); resolves to the token and the public JWK that
/// verifies it (`null` for HS256). WebCrypto's ECDSA draws a fresh nonce: two signatures of the
/// same claims differ.
///
/// @throws {McxConnectError} (the promise rejects) `signing_key_invalid` for a key of the wrong
/// length or algorithm; `invalid_argument` for claims that are not an object or a key with a
/// member other than `alg` and `secret`.
/// @example
/// ```js
/// import { signToken, inspectToken } from "mcx-connect";
/// const key = { alg: "ES256", secret: crypto.getRandomValues(new Uint8Array(32)) };
/// const { token, publicJwk } = await signToken(key, { sub: "alice@primary.example" }, "primary-1");
/// publicJwk.crv; // => "P-256"
/// inspectToken(token).header.alg; // => "ES256"
/// ```
#[wasm_bindgen(js_name = signToken, unchecked_return_type = "Promise<SignedToken>")]
pub fn sign_token(
    #[wasm_bindgen(unchecked_param_type = "SigningKeyInit")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] claims: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] kid: Option<JsValue>,
) -> js_sys::Promise {
    promise(async move {
        let key = HostSigningKey::read(&key).await?;
        let claims: serde_json::Map<String, Value> = crate::convert::document_from_js(claims, "claims")?;
        let kid = optional_string_in(kid.unwrap_or(JsValue::UNDEFINED), "kid")?;
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

/// Partner IdM server (TS 33.180 B.7.4): reads a jwt-bearer token request (RFC 7523) and
/// authenticates its assertion, the security token, for the requesting client (the signature with
/// the platform's WebCrypto).
///
/// @throws {McxConnectError} (the promise rejects) with the RFC error the server answers with
/// (`e.oauthError`, `e.status`): the request parser's codes, and `invalid_grant` for a security
/// token that does not validate.
/// @example
/// ```js
/// import { parseAndVerifyJwtBearerRequest, buildJwtBearerRequest, signToken } from "mcx-connect";
/// const now = Math.floor(Date.now() / 1000);
/// const secret = crypto.getRandomValues(new Uint8Array(32));
/// const { token } = await signToken({ alg: "HS256", secret }, {
///   iss: "https://idms.primary.example", sub: "alice@primary.example", iat: now, exp: now + 300,
///   aud: ["mcptt-client", "https://idms.partner.example/token"],
/// });
/// const options = {
///   issuer: "https://idms.primary.example", target: "https://idms.partner.example/token",
///   jwks: { keys: [] }, sharedSecret: secret, algorithms: ["HS256"],
/// };
/// const request = buildJwtBearerRequest(options.target, {
///   assertion: token, client: { method: "client_id", clientId: "mcptt-client" }, scope: "openid 3gpp:mc:ptt_service",
/// });
/// const { value } = await parseAndVerifyJwtBearerRequest(request, undefined, options, now);
/// value.securityToken.claims.sub; // => "alice@primary.example"
/// ```
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
        let (request, options, now) = (request_in(request)?, options_in(Some(options))?, seconds_in(&now, "now")?);
        let parsed = throw_rejection(JwtBearerRequest::parse(&request, &options))?;
        let request = parsed.value;
        let client_id = request.client.id().unwrap_or_default().to_owned();
        let security_token = throw_rejection(
            validator
                .check(request.assertion.expose(), &client_id, now)
                .await
                .map_err(|e| Rejection::for_token(OAuthErrorCode::InvalidGrant, e)),
        )?;
        let value = VerifiedJwtBearerRequest { request, security_token };
        to_js(&mcx_connect::Parsed { value, normalisations: parsed.normalisations })
    })
}

/// Primary IdM server (TS 33.180 B.7.2): reads a token exchange request (RFC 8693) and validates
/// its subject token as one of this server's access tokens (the signature with the platform's
/// WebCrypto).
///
/// @throws {McxConnectError} (the promise rejects) with the RFC error the server answers with
/// (`e.oauthError`, `e.status`): the request parser's codes, and `invalid_request` for a subject
/// token that does not validate (RFC 8693 §2.2.2).
/// @example
/// ```js
/// import { parseAndVerifyTokenExchangeRequest, buildTokenExchangeRequest, signToken } from "mcx-connect";
/// const now = Math.floor(Date.now() / 1000);
/// const secret = crypto.getRandomValues(new Uint8Array(32));
/// const { token } = await signToken({ alg: "HS256", secret }, {
///   iss: "https://idms.primary.example", sub: "alice@primary.example", aud: "mcptt-client",
///   client_id: "mcptt-client", scope: "openid 3gpp:mc:ptt_service", iat: now, exp: now + 600,
/// });
/// const options = { issuer: "https://idms.primary.example", jwks: { keys: [] }, sharedSecret: secret, algorithms: ["HS256"] };
/// const request = buildTokenExchangeRequest("https://idms.primary.example/token", {
///   resource: "https://idms.partner.example/token", subjectToken: token,
///   client: { method: "client_id", clientId: "mcptt-client" },
/// });
/// const { value } = await parseAndVerifyTokenExchangeRequest(request, undefined, options, now);
/// value.request.resource; // => "https://idms.partner.example/token"
/// ```
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
        let (request, options, now) = (request_in(request)?, options_in(Some(options))?, seconds_in(&now, "now")?);
        let parsed = throw_rejection(TokenExchangeRequest::parse(&request, &options))?;
        let value = throw_rejection(validator.exchange(parsed.value, now).await)?;
        to_js(&mcx_connect::Parsed { value, normalisations: parsed.normalisations })
    })
}
