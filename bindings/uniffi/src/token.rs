//! Tokens: JWS verification against a JWK Set, the B.2.1.2 claim rules for security, ID and
//! access tokens, signing, and unverified inspection.

use crate::error::Result;
use crate::jwt_bearer::JwtBearerRequest;
use crate::McxConnectError;
use mcx_connect::token::{
    self as core, Algorithm, JwsHeader, SecurityTokenRulesInit, SecurityTokenVerdict, TokenClaims,
    TokenValidatorOptions, UnverifiedToken,
};
use mcx_connect::HttpRequest;
use mcx_connect::McService;
use mcx_connect::ParseOptions;
use mcx_connect::Secret;
use std::sync::Arc;
use zeroize::Zeroizing;

/// The algorithm named `alg` on the wire (`ES256`, `EdDSA`, …), if it is one that can be accepted.
#[uniffi::export]
pub fn algorithm_from_name(alg: String) -> Option<Algorithm> {
    Algorithm::parse(&alg)
}

/// The whole header as JSON text (its `other` holds only the members without a field).
#[uniffi::export]
pub fn jws_header_json(header: JwsHeader) -> String {
    serde_json::to_string(&header).unwrap_or_default()
}

/// All the claims as JSON text (their `other` holds only the claims without a field).
#[uniffi::export]
pub fn token_claims_json(claims: TokenClaims) -> String {
    serde_json::to_string(&claims).unwrap_or_default()
}

/// Decodes a token without verifying anything (never for a decision).
#[uniffi::export]
pub fn inspect_token(token: String) -> Result<UnverifiedToken> {
    Ok(UnverifiedToken::inspect(&token)?)
}

/// One key of a JWK Set: a binding record, since the core's `Jwk` holds key material and gives
/// these by accessors.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JwkInfo {
    /// `kid`.
    pub kid: Option<String>,
    /// `EC`, `RSA`, `OKP`.
    pub key_type: String,
    /// The public key as JSON text.
    pub json: String,
}

/// A key of a JWK Set that is kept but never used (RFC 7517 §5), and why: a binding record,
/// since the core's reason is a fixed text without a registry to read it back from.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IgnoredKey {
    /// `kid`.
    pub kid: Option<String>,
    /// Stable reason code: `key_type_unsupported`, `curve_unsupported`, `rsa_modulus_too_small`,
    /// `rsa_modulus_too_large` or `rsa_exponent_unsupported`.
    pub reason: String,
    /// What the key is, in words (never key material).
    pub description: String,
}

/// A JWK Set (RFC 7517): the keys a token may be signed with (bounded; keys that cannot be
/// used are ignored and reported by `ignored`).
#[derive(Debug, uniffi::Object)]
pub struct JwkSet(core::JwkSet);

#[uniffi::export]
impl JwkSet {
    /// Reads a JWK Set document.
    #[uniffi::constructor]
    pub fn parse(json: String) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(core::JwkSet::parse(&json)?)))
    }

    /// The keys.
    pub fn keys(&self) -> Vec<JwkInfo> {
        self.0
            .keys()
            .iter()
            .map(|k| JwkInfo {
                kid: k.kid().map(str::to_owned),
                key_type: k.key_type().to_owned(),
                json: k.to_json().to_string(),
            })
            .collect()
    }

    /// The keys that are kept but never used (RFC 7517 §5), each with a stable reason code.
    pub fn ignored(&self) -> Vec<IgnoredKey> {
        self.0
            .ignored()
            .into_iter()
            .map(|k| IgnoredKey { kid: k.kid, reason: k.reason.to_owned(), description: k.description })
            .collect()
    }

    /// The set as JSON text.
    pub fn to_json(&self) -> String {
        self.0.to_json().to_string()
    }
}

/// Verifies JWS signatures: the key set, the accepted algorithms (when absent: the five
/// public-key ones), an optional HS256 shared secret, and a size bound.
#[derive(Debug, uniffi::Object)]
pub struct Verifier(core::Verifier);

#[uniffi::export]
impl Verifier {
    /// A verifier.
    #[uniffi::constructor(default(algorithms = None, shared_secret = None, max_token_bytes = None))]
    pub fn new(
        keys: Arc<JwkSet>,
        algorithms: Option<Vec<Algorithm>>,
        shared_secret: Option<Vec<u8>>,
        max_token_bytes: Option<u64>,
    ) -> Result<Arc<Self>> {
        // The secret moves into the options, which wipe it when dropped.
        let shared_secret = shared_secret.map(Into::into);
        let options = TokenValidatorOptions { algorithms, shared_secret, max_token_bytes, ..Default::default() };
        Ok(Arc::new(Self(options.configure_verifier(core::Verifier::new(keys.0.clone()))?)))
    }
}

/// Partner IdMS: validates the security token of a jwt-bearer request (signature, `iss`, `aud`
/// holding the partner address and the client id, `exp` with at most 30 s leeway, `iat`, `sub`).
#[derive(Debug, uniffi::Object)]
pub struct SecurityTokenValidator(core::SecurityTokenValidator);

#[uniffi::export]
impl SecurityTokenValidator {
    /// A validator for tokens from `issuer` presented at `target` (the partner's address).
    /// `max_lifetime`: the longest lifetime (`exp` - `iat`, seconds) accepted (B.8); none by
    /// default.
    #[uniffi::constructor(default(leeway = 0, services = [], max_lifetime = None))]
    pub fn new(
        issuer: String,
        target: String,
        verifier: Arc<Verifier>,
        leeway: u64,
        services: Vec<McService>,
        max_lifetime: Option<u64>,
    ) -> Result<Arc<Self>> {
        let options = TokenValidatorOptions {
            issuer,
            target: Some(target),
            leeway: Some(leeway),
            services,
            max_lifetime,
            ..Default::default()
        };
        Ok(Arc::new(Self(core::SecurityTokenValidator::from_options(&options, verifier.0.clone())?)))
    }

    /// A validator made from `options` alone (`issuer`, `jwks`, `target`, …), as the npm
    /// package's `new SecurityTokenValidator(options)`.
    #[uniffi::constructor]
    pub fn from_options(options: TokenValidatorOptions) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(core::SecurityTokenValidator::from_options(&options, options.verifier()?)?)))
    }

    /// Validates `token` presented by `client_id` at `now` (seconds; a `now` in milliseconds
    /// fails with `now_in_milliseconds`).
    pub fn validate(&self, token: String, client_id: String, now: u64) -> Result<core::SecurityToken> {
        Ok(self.0.validate(&token, &client_id, now)?)
    }

    /// Every rule one by one: what `validate` decides, with each rule's outcome. Fails only for
    /// a `now` in milliseconds.
    pub fn report(&self, token: String, client_id: String, now: u64) -> Result<SecurityTokenVerdict> {
        Ok(self.0.report(&token, &client_id, now)?.verdict())
    }
}

/// Client, without keys: every security-token rule one by one, the signature "not checked"
/// (the partner IdMS checks it); the same rules and claim reader as the partner's validator and
/// the migration flow. Fails only for bad rules or a `now` in milliseconds.
#[uniffi::export]
pub fn check_security_token(
    token: String,
    rules: SecurityTokenRulesInit,
    client_id: String,
    now: u64,
) -> Result<SecurityTokenVerdict> {
    Ok(rules.check_unverified(&token, &client_id, now)?.verdict())
}

/// Client: validates an ID token (B.4).
#[derive(Debug, uniffi::Object)]
pub struct IdTokenValidator(core::IdTokenValidator);

#[uniffi::export]
impl IdTokenValidator {
    /// A validator for ID tokens from `issuer` for `client_id`.
    #[uniffi::constructor(default(leeway = 0, services = []))]
    pub fn new(
        issuer: String,
        client_id: String,
        verifier: Arc<Verifier>,
        leeway: u64,
        services: Vec<McService>,
    ) -> Result<Arc<Self>> {
        let options = TokenValidatorOptions {
            issuer,
            client_id: Some(client_id),
            leeway: Some(leeway),
            services,
            ..Default::default()
        };
        Ok(Arc::new(Self(core::IdTokenValidator::from_options(&options, verifier.0.clone())?)))
    }

    /// A validator made from `options` alone (`issuer`, `jwks`, `client_id`, …).
    #[uniffi::constructor]
    pub fn from_options(options: TokenValidatorOptions) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(core::IdTokenValidator::from_options(&options, options.verifier()?)?)))
    }

    /// Validates `token`, with the `nonce` the authorization request sent.
    pub fn validate(&self, token: String, nonce: Option<String>, now: u64) -> Result<core::IdToken> {
        Ok(self.0.validate(&token, nonce.as_deref(), now)?)
    }
}

/// Primary IdMS / MC servers: validates an access token.
#[derive(Debug, uniffi::Object)]
pub struct AccessTokenValidator(core::AccessTokenValidator);

#[uniffi::export]
impl AccessTokenValidator {
    /// A validator for access tokens from `issuer`; optional audience, client id, required
    /// scope values and services.
    #[uniffi::constructor(default(leeway = 0, audience = None, client_id = None, scopes = [], services = []))]
    pub fn new(
        issuer: String,
        verifier: Arc<Verifier>,
        leeway: u64,
        audience: Option<String>,
        client_id: Option<String>,
        scopes: Vec<String>,
        services: Vec<McService>,
    ) -> Result<Arc<Self>> {
        let options = TokenValidatorOptions {
            issuer,
            audience,
            client_id,
            scopes,
            leeway: Some(leeway),
            services,
            ..Default::default()
        };
        Ok(Arc::new(Self(core::AccessTokenValidator::from_options(&options, verifier.0.clone())?)))
    }

    /// A validator made from `options` alone (`issuer`, `jwks`, and optionally `audience`, …).
    #[uniffi::constructor]
    pub fn from_options(options: TokenValidatorOptions) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(core::AccessTokenValidator::from_options(&options, options.verifier()?)?)))
    }

    /// Validates `token` at `now`.
    pub fn validate(&self, token: String, now: u64) -> Result<core::AccessToken> {
        Ok(self.0.validate(&token, now)?)
    }
}

/// A key that signs tokens (tests, demo servers).
#[derive(Debug, uniffi::Object)]
pub struct SigningKey(core::SigningKey);

/// The 32 bytes of a key; the caller's copy is wiped here and the result when dropped (only
/// the core's key keeps them).
fn key_bytes(bytes: Vec<u8>) -> Result<Zeroizing<[u8; 32]>> {
    let bytes = Zeroizing::new(bytes);
    let key: [u8; 32] = bytes[..].try_into().map_err(|_| {
        McxConnectError::from(core::TokenError::SigningKeyInvalid("a signing key must be 32 bytes".into()))
    })?;
    Ok(Zeroizing::new(key))
}

#[uniffi::export]
impl SigningKey {
    /// ES256 from a 32-byte P-256 scalar.
    #[uniffi::constructor]
    pub fn es256(secret: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(core::SigningKey::es256(&*key_bytes(secret)?)?)))
    }

    /// EdDSA from a 32-byte Ed25519 seed.
    #[uniffi::constructor]
    pub fn ed25519(seed: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(core::SigningKey::ed25519(&*key_bytes(seed)?))))
    }

    /// HS256 from a shared secret.
    #[uniffi::constructor]
    pub fn hs256(secret: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(core::SigningKey::hs256(&Zeroizing::new(secret))?)))
    }

    /// A key the host holds and signs with (an HSM, a PKCS#11 token, a platform key store, a
    /// cloud KMS): only its algorithm, ES256 or EdDSA, is known here (`signing_key_invalid` for
    /// another). A security token issuer's `prepare` gives what to sign; `sign` and `answer`
    /// refuse it.
    #[uniffi::constructor]
    pub fn held_by_host(alg: Algorithm) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(core::SigningKey::held_by_host(alg)?)))
    }

    /// The public key as a JWK (JSON text), for asymmetric keys; none for an HS256 secret and
    /// for a key held by the host, whose public key the host publishes in its JWK Set itself.
    #[uniffi::method(default(kid = None))]
    pub fn public_jwk(&self, kid: Option<String>) -> Option<String> {
        self.0.public_jwk(kid.as_deref()).map(|k| k.to_json().to_string())
    }

    /// Signs `claims_json` (a JSON object) with header `{alg, kid}`.
    #[uniffi::method(default(kid = None))]
    pub fn sign(&self, claims_json: String, kid: Option<String>) -> Result<Secret> {
        let claims: serde_json::Value = serde_json::from_str(&claims_json)
            .map_err(|_| McxConnectError::from(core::TokenError::Malformed("the claims are not JSON".into())))?;
        let mut jws_header = core::JwsHeader::new(self.0.algorithm());
        jws_header.kid = kid;
        Ok(core::sign(&jws_header, &claims, &self.0)?)
    }
}

impl SigningKey {
    /// The core key.
    pub(crate) fn core(&self) -> &core::SigningKey {
        &self.0
    }
}

impl AccessTokenValidator {
    /// The core validator.
    pub(crate) fn core(&self) -> &core::AccessTokenValidator {
        &self.0
    }
}

// A binding record: its request is this crate's object (the core's holds the request itself).
/// A jwt-bearer request read and its security token validated (partner IdMS).
#[derive(Debug, Clone, uniffi::Record)]
pub struct VerifiedJwtBearerRequest {
    /// The request.
    pub request: Arc<JwtBearerRequest>,
    /// The validated security token.
    pub security_token: core::SecurityToken,
}

/// Partner IdMS: reads a jwt-bearer request and validates its assertion; refusals are
/// `Rejected` with `invalid_grant` for a bad security token.
#[uniffi::export]
pub fn parse_and_verify_jwt_bearer_request(
    request: HttpRequest,
    options: ParseOptions,
    validator: Arc<SecurityTokenValidator>,
    now: u64,
) -> Result<VerifiedJwtBearerRequest> {
    let parsed = mcx_connect::JwtBearerRequest::parse_and_verify(&request, &options, &validator.0, now)?;
    Ok(VerifiedJwtBearerRequest {
        request: JwtBearerRequest::wrap(parsed.value.request, parsed.normalisations),
        security_token: parsed.value.security_token,
    })
}

// A binding record: its request is this crate's object (the core's holds the request itself).
/// A token exchange request read and its subject token validated (primary IdMS).
#[derive(Debug, Clone, uniffi::Record)]
pub struct VerifiedTokenExchangeRequest {
    /// The request.
    pub request: Arc<crate::TokenExchangeRequest>,
    /// The validated subject (access) token.
    pub subject_token: core::AccessToken,
}

/// Primary IdMS: reads a token exchange request and validates its subject token.
#[uniffi::export]
pub fn parse_and_verify_token_exchange_request(
    request: HttpRequest,
    options: ParseOptions,
    validator: Arc<AccessTokenValidator>,
    now: u64,
) -> Result<VerifiedTokenExchangeRequest> {
    let parsed = mcx_connect::TokenExchangeRequest::parse_and_verify(&request, &options, &validator.0, now)?;
    Ok(VerifiedTokenExchangeRequest {
        request: crate::TokenExchangeRequest::wrap(parsed.value.request, parsed.normalisations),
        subject_token: parsed.value.subject_token,
    })
}
