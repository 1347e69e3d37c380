//! Tokens: JWS verification against a JWK Set, the B.2.1.2 claim rules for security, ID and
//! access tokens, signing, and unverified inspection.

use crate::error::Result;
use crate::jwt_bearer::JwtBearerRequest;
use crate::scope::ScopeSet;
use crate::secret::Secret;
use crate::McxConnectError;
use mcx_connect::token::{self as core, Algorithm, RuleOutcome};
use mcx_connect::HttpRequest;
use mcx_connect::McService;
use mcx_connect::ParseOptions;
use std::sync::Arc;

/// The algorithm named `alg` on the wire (`ES256`, `EdDSA`, …), if it is one that can be accepted.
#[uniffi::export]
pub fn algorithm_from_name(alg: String) -> Option<Algorithm> {
    Algorithm::parse(&alg)
}

fn json_text(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A JOSE header.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JwsHeader {
    /// `alg` as written.
    pub alg: String,
    /// `kid`.
    pub kid: Option<String>,
    /// `typ`.
    pub typ: Option<String>,
    /// `crit`.
    pub crit: Option<Vec<String>>,
    /// The whole header as JSON text.
    pub json: String,
}

fn header(h: &core::JwsHeader) -> JwsHeader {
    JwsHeader { alg: h.alg.clone(), kid: h.kid.clone(), typ: h.typ.clone(), crit: h.crit.clone(), json: json_text(h) }
}

/// The claims of a verified token (TS 33.180 B.2.1.2).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TokenClaims {
    /// `iss`.
    pub iss: String,
    /// `sub` (at most 255 bytes).
    pub sub: String,
    /// `aud`, as a list.
    pub aud: Vec<String>,
    /// `exp`.
    pub exp: u64,
    /// `iat`.
    pub iat: u64,
    /// `nbf`.
    pub nbf: Option<u64>,
    /// `azp`.
    pub azp: Option<String>,
    /// `nonce`.
    pub nonce: Option<String>,
    /// `client_id`.
    pub client_id: Option<String>,
    /// `jti`.
    pub jti: Option<String>,
    /// `mcptt_id`.
    pub mcptt_id: Option<String>,
    /// `mcvideo_id`.
    pub mcvideo_id: Option<String>,
    /// `mcdata_id`.
    pub mcdata_id: Option<String>,
    /// All claims as JSON text (including those without a field here).
    pub json: String,
}

fn claims(c: &core::TokenClaims) -> TokenClaims {
    TokenClaims {
        iss: c.iss.clone(),
        sub: c.sub.clone(),
        aud: c.aud.clone(),
        exp: c.exp,
        iat: c.iat,
        nbf: c.nbf,
        azp: c.azp.clone(),
        nonce: c.nonce.clone(),
        client_id: c.client_id.clone(),
        jti: c.jti.clone(),
        mcptt_id: c.mcptt_id.clone(),
        mcvideo_id: c.mcvideo_id.clone(),
        mcdata_id: c.mcdata_id.clone(),
        json: json_text(c),
    }
}

/// A token whose signature and claims were verified.
#[derive(Debug, Clone, uniffi::Record)]
pub struct VerifiedToken {
    /// The header.
    pub header: JwsHeader,
    /// The claims.
    pub claims: TokenClaims,
    /// The granted scope (access tokens only).
    pub scope: Option<Arc<ScopeSet>>,
}

fn verified(h: &core::JwsHeader, c: &core::TokenClaims, scope: Option<&mcx_connect::ScopeSet>) -> VerifiedToken {
    VerifiedToken { header: header(h), claims: claims(c), scope: scope.cloned().map(ScopeSet::wrap) }
}

/// A token decoded without any verification: for display and diagnosis only.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UnverifiedToken {
    /// The header, unverified.
    pub header: JwsHeader,
    /// The claims as JSON text, unverified.
    pub claims_json: String,
    /// `iss`, if it is a string.
    pub issuer: Option<String>,
    /// Length of the decoded signature, or `None` when it is not base64url.
    pub signature_bytes: Option<u64>,
}

/// Decodes a token without verifying anything (never for a decision).
#[uniffi::export]
pub fn inspect_token(token: String) -> Result<UnverifiedToken> {
    let seen = core::UnverifiedToken::inspect(&token)?;
    Ok(UnverifiedToken {
        header: header(&seen.header),
        claims_json: json_text(&seen.claims),
        issuer: seen.issuer().map(str::to_owned),
        signature_bytes: seen.signature_bytes.and_then(|n| u64::try_from(n).ok()),
    })
}

/// One key of a JWK Set.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JwkInfo {
    /// `kid`.
    pub kid: Option<String>,
    /// `EC`, `RSA`, `OKP`.
    pub key_type: String,
    /// The public key as JSON text.
    pub json: String,
}

/// A key of a JWK Set that is kept but never used (RFC 7517 §5), and why.
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

/// Verifies JWS signatures: the key set, the accepted algorithms (`None`: the five public-key
/// ones), an optional HS256 shared secret, and a size bound.
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
        let mut verifier = core::Verifier::new(keys.0.clone());
        if let Some(secret) = shared_secret {
            verifier = verifier.with_shared_secret(&secret)?;
        }
        if let Some(list) = algorithms {
            verifier = verifier.with_algorithms(&list)?;
        }
        if let Some(max) = max_token_bytes {
            verifier = verifier.with_max_token_bytes(usize::try_from(max).unwrap_or(usize::MAX));
        }
        Ok(Arc::new(Self(verifier)))
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
        let mut validator =
            core::SecurityTokenValidator::new(issuer, target, verifier.0.clone())?.with_leeway(leeway)?;
        for service in services {
            validator = validator.require_service(service);
        }
        if let Some(max) = max_lifetime {
            validator = validator.with_max_lifetime(max);
        }
        Ok(Arc::new(Self(validator)))
    }

    /// Validates `token` presented by `client_id` at `now` (seconds; a `now` in milliseconds
    /// fails with `now_in_milliseconds`).
    pub fn validate(&self, token: String, client_id: String, now: u64) -> Result<VerifiedToken> {
        let checked = self.0.validate(&token, &client_id, now)?;
        Ok(verified(&checked.header, &checked.claims, None))
    }

    /// Every rule one by one: what `validate` decides, with each rule's outcome. Fails only for
    /// a `now` in milliseconds.
    pub fn report(&self, token: String, client_id: String, now: u64) -> Result<SecurityTokenReport> {
        Ok(report(&self.0.report(&token, &client_id, now)?))
    }
}

/// One security-token rule and its outcome.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RuleResult {
    /// Stable id (`structure`, `signature`, `claims`, `iss`, `exp`, `nbf`, `iat`, `lifetime`,
    /// `aud_client`, `aud_target`, `azp`, `service_ids`).
    pub id: String,
    /// Where the rule comes from, e.g. `B.2.1.2 aud (client_id)`.
    pub clause: String,
    /// Pass, fail or not checked.
    pub outcome: RuleOutcome,
    /// A short explanation (never a token or key material).
    pub detail: String,
    /// The stable error code of a failed rule.
    pub code: Option<String>,
}

/// The rule-by-rule check of a security token (TS 33.180 B.2.1.2, B.7.4, B.8).
#[derive(Debug, Clone, uniffi::Record)]
pub struct SecurityTokenReport {
    /// No rule failed (rules not checked do not fail).
    pub passed: bool,
    /// The first failed rule's code: what a validator answers.
    pub failure: Option<String>,
    /// Each rule, in order.
    pub rules: Vec<RuleResult>,
    /// The header, when the token could be split.
    pub header: Option<JwsHeader>,
    /// The claims as the validators read them, when they could be read.
    pub claims: Option<TokenClaims>,
}

pub(crate) fn report(r: &core::SecurityTokenReport) -> SecurityTokenReport {
    SecurityTokenReport {
        passed: r.passed(),
        failure: r.failure().map(|e| e.code().to_owned()),
        rules: r
            .rules
            .iter()
            .map(|rule| RuleResult {
                id: rule.id.to_owned(),
                clause: rule.clause.to_owned(),
                outcome: rule.outcome,
                detail: rule.detail.clone(),
                code: rule.code.map(str::to_owned),
            })
            .collect(),
        header: r.header.as_ref().map(header),
        claims: r.claims.as_ref().map(claims),
    }
}

/// The rules a security token is checked with when there are no keys (a client, a console).
#[derive(Debug, Clone, uniffi::Record)]
pub struct SecurityTokenRules {
    /// The partner IdMS address `aud` must hold (the `resource` of the exchange).
    pub target: String,
    /// The expected `iss`; without it the `iss` rule is not checked.
    #[uniffi(default = None)]
    pub issuer: Option<String>,
    /// Clock leeway in seconds (at most 30).
    #[uniffi(default = 0)]
    pub leeway: u64,
    /// Services whose MCX identity claim is required.
    #[uniffi(default = [])]
    pub services: Vec<McService>,
    /// The longest lifetime (`exp` - `iat`, seconds) accepted (B.8).
    #[uniffi(default = None)]
    pub max_lifetime: Option<u64>,
    /// Largest token in bytes.
    #[uniffi(default = 16384)]
    pub max_token_bytes: u64,
}

/// Client, without keys: every security-token rule one by one, the signature "not checked"
/// (the partner IdMS checks it); the same rules and claim reader as the partner's validator and
/// the migration flow. Fails only for bad rules or a `now` in milliseconds.
#[uniffi::export]
pub fn check_security_token(
    token: String,
    rules: SecurityTokenRules,
    client_id: String,
    now: u64,
) -> Result<SecurityTokenReport> {
    let mut core_rules = core::SecurityTokenRules::new(rules.target)?.with_leeway(rules.leeway)?;
    if let Some(issuer) = rules.issuer {
        core_rules = core_rules.with_issuer(issuer)?;
    }
    for service in rules.services {
        core_rules = core_rules.require_service(service);
    }
    if let Some(max) = rules.max_lifetime {
        core_rules = core_rules.with_max_lifetime(max);
    }
    let max_bytes = usize::try_from(rules.max_token_bytes).unwrap_or(usize::MAX);
    Ok(report(&core_rules.check_unverified(&token, &client_id, now, max_bytes)?))
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
        let mut validator = core::IdTokenValidator::new(issuer, client_id, verifier.0.clone())?.with_leeway(leeway)?;
        for service in services {
            validator = validator.require_service(service);
        }
        Ok(Arc::new(Self(validator)))
    }

    /// Validates `token`, with the `nonce` the authorization request sent.
    pub fn validate(&self, token: String, nonce: Option<String>, now: u64) -> Result<VerifiedToken> {
        let checked = self.0.validate(&token, nonce.as_deref(), now)?;
        Ok(verified(&checked.header, &checked.claims, None))
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
        let mut validator = core::AccessTokenValidator::new(issuer, verifier.0.clone())?.with_leeway(leeway)?;
        if let Some(audience) = audience {
            validator = validator.with_audience(audience);
        }
        if let Some(client_id) = client_id {
            validator = validator.with_client_id(client_id);
        }
        for scope in scopes {
            validator = validator.require_scope(mcx_connect::Scope::from_value(&scope));
        }
        for service in services {
            validator = validator.require_service(service);
        }
        Ok(Arc::new(Self(validator)))
    }

    /// Validates `token` at `now`.
    pub fn validate(&self, token: String, now: u64) -> Result<VerifiedToken> {
        let checked = self.0.validate(&token, now)?;
        Ok(verified(&checked.header, &checked.claims, Some(&checked.scope)))
    }
}

/// A key that signs tokens (tests, demo servers).
#[derive(Debug, uniffi::Object)]
pub struct SigningKey(core::SigningKey);

fn key_bytes(bytes: Vec<u8>) -> Result<[u8; 32]> {
    bytes.try_into().map_err(|_| core::TokenError::Malformed("a signing key must be 32 bytes".into()).into())
}

#[uniffi::export]
impl SigningKey {
    /// ES256 from a 32-byte P-256 scalar.
    #[uniffi::constructor]
    pub fn es256(secret: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(core::SigningKey::es256(&key_bytes(secret)?)?)))
    }

    /// EdDSA from a 32-byte Ed25519 seed.
    #[uniffi::constructor]
    pub fn ed25519(seed: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(core::SigningKey::ed25519(&key_bytes(seed)?))))
    }

    /// HS256 from a shared secret.
    #[uniffi::constructor]
    pub fn hs256(secret: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(core::SigningKey::hs256(&secret)?)))
    }

    /// The public key as a JWK (JSON text), for asymmetric keys.
    pub fn public_jwk(&self, kid: Option<String>) -> Option<String> {
        self.0.public_jwk(kid.as_deref()).map(|k| k.to_json().to_string())
    }

    /// Signs `claims_json` (a JSON object) with header `{alg, kid}`.
    pub fn sign(&self, claims_json: String, kid: Option<String>) -> Result<Arc<Secret>> {
        let claims: serde_json::Value = serde_json::from_str(&claims_json)
            .map_err(|_| McxConnectError::from(core::TokenError::Malformed("the claims are not JSON".into())))?;
        let mut jws_header = core::JwsHeader::new(self.0.algorithm());
        jws_header.kid = kid;
        Ok(Secret::wrap(core::sign(&jws_header, &claims, &self.0)?))
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

/// A jwt-bearer request read and its security token validated (partner IdMS).
#[derive(Debug, Clone, uniffi::Record)]
pub struct VerifiedJwtBearerRequest {
    /// The request.
    pub request: Arc<JwtBearerRequest>,
    /// The validated security token.
    pub security_token: VerifiedToken,
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
    let token = &parsed.value.security_token;
    Ok(VerifiedJwtBearerRequest {
        request: JwtBearerRequest::wrap(parsed.value.request.clone(), parsed.normalisations),
        security_token: verified(&token.header, &token.claims, None),
    })
}

/// A token exchange request read and its subject token validated (primary IdMS).
#[derive(Debug, Clone, uniffi::Record)]
pub struct VerifiedTokenExchangeRequest {
    /// The request.
    pub request: Arc<crate::TokenExchangeRequest>,
    /// The validated subject (access) token.
    pub subject_token: VerifiedToken,
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
    let token = &parsed.value.subject_token;
    Ok(VerifiedTokenExchangeRequest {
        request: crate::TokenExchangeRequest::wrap(parsed.value.request.clone(), parsed.normalisations),
        subject_token: verified(&token.header, &token.claims, Some(&token.scope)),
    })
}
