//! The three token kinds of TS 33.180 Annex B: the security token (B.7.3, checked by the
//! partner IdMS in B.7.4), the ID token (B.2.1.2) and the access token.

use super::claims::{check_now, invalid, CommonRules, TokenClaims};
use super::error::{shown, TokenError};
use super::jws::JwsHeader;
use super::pending::PendingSignature;
use super::rules::{SecurityTokenReport, SecurityTokenRules, SignatureCheck};
use super::verify::Verifier;
use crate::scope::{McService, Scope, ScopeSet};
use serde_json::{Map, Value};

/// A security token whose signature and claims were checked (B.7.3, B.7.4).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SecurityToken {
    /// The JOSE header.
    pub header: JwsHeader,
    /// The checked claims.
    pub claims: TokenClaims,
}

/// Authenticates security tokens at the partner IdMS (TS 33.180 B.7.4: "authentication of
/// the security token by the partner IdMS is REQUIRED").
///
/// Checks, in order: size and structure, `alg` on the allow-list, no `crit`, the key (by
/// `kid`), the signature, the claim types (`iss`, `sub` ≤ 255 bytes, `aud`, `exp`, `iat`),
/// `iss` exactly, `exp`/`nbf`/`iat` with the leeway, the lifetime when a maximum is set, `aud`
/// holding the client_id and this IdMS's own address (the `resource` of the token exchange),
/// `azp` (when present) equal to the client_id, and the MCX identity of every required service.
/// These are the [`SecurityTokenRules`], the same the client's migration flow applies without
/// keys; [`report`](Self::report) gives each rule's outcome.
///
/// ```
/// use mcx_connect::token::{sign, JwkSet, JwsHeader, SecurityTokenValidator, SigningKey, Verifier};
/// // The primary IdMS signs a security token (its key is a 32-byte secret it holds).
/// let primary_key = SigningKey::es256(&[7u8; 32])?;
/// let claims = serde_json::json!({
///     "iss": "https://idms.primary.example", "sub": "alice@primary.example",
///     "aud": ["mcptt-client", "https://idms.partner.example/token"],
///     "iat": 1_700_000_000, "exp": 1_700_000_300, "mcptt_id": "sip:alice@primary.example",
/// });
/// let token = sign(&JwsHeader::new(primary_key.algorithm()).with_kid("p1"), &claims, &primary_key)?;
///
/// // The partner IdMS trusts the primary's published keys.
/// let jwks = JwkSet::from_keys(vec![primary_key.public_jwk(Some("p1")).unwrap()]);
/// let validator = SecurityTokenValidator::new(
///     "https://idms.primary.example", "https://idms.partner.example/token", Verifier::new(jwks))?
///     .with_leeway(30)?;
/// let checked = validator.validate(token.expose(), "mcptt-client", 1_700_000_100)?;
/// assert_eq!(checked.claims.sub, "alice@primary.example");
///
/// // Too late, even with the leeway:
/// let err = validator.validate(token.expose(), "mcptt-client", 1_700_000_330).unwrap_err();
/// assert_eq!(err.code(), "token_expired");
/// # Ok::<(), mcx_connect::token::TokenError>(())
/// ```
#[derive(Debug, Clone)]
pub struct SecurityTokenValidator {
    verifier: Verifier,
    rules: SecurityTokenRules,
}

impl SecurityTokenValidator {
    /// A validator for security tokens issued by `issuer` (the primary IdMS, exact `iss`) for
    /// `target` (this partner IdMS's token endpoint address, as clients send it in `resource`).
    pub fn new(issuer: impl Into<String>, target: impl Into<String>, verifier: Verifier) -> Result<Self, TokenError> {
        let issuer = issuer.into();
        if issuer.is_empty() {
            return Err(TokenError::ValidatorInvalid("the expected issuer is empty".to_owned()));
        }
        Ok(Self { verifier, rules: SecurityTokenRules::new(target)?.with_issuer(issuer)? })
    }

    /// Sets the clock leeway; above 30 seconds it is refused (`leeway_too_large`).
    pub fn with_leeway(mut self, seconds: u64) -> Result<Self, TokenError> {
        self.rules = self.rules.with_leeway(seconds)?;
        Ok(self)
    }

    /// Requires the MCX identity claim of `service` (`mcptt_id`, `mcvideo_id`, `mcdata_id`).
    pub fn require_service(mut self, service: McService) -> Self {
        self.rules = self.rules.require_service(service);
        self
    }

    /// Refuses a token living longer than `seconds` (`exp` - `iat`, `token_lifetime_too_long`);
    /// see [`SecurityTokenRules::with_max_lifetime`] for the decision (no default; 300 s is a
    /// reasonable value).
    pub fn with_max_lifetime(mut self, seconds: u64) -> Self {
        self.rules = self.rules.with_max_lifetime(seconds);
        self
    }

    /// The target address this validator expects in `aud`.
    pub fn target(&self) -> &str {
        self.rules.target()
    }

    /// The rules this validator applies.
    pub fn rules(&self) -> &SecurityTokenRules {
        &self.rules
    }

    /// Authenticates `token` presented by `client_id` at time `now` (seconds since the epoch;
    /// a `now` in milliseconds is refused, `now_in_milliseconds`): the first failed rule of
    /// [`report`](Self::report) is the error.
    pub fn validate(&self, token: &str, client_id: &str, now: u64) -> Result<SecurityToken, TokenError> {
        let signature = SignatureCheck::Verifier(&self.verifier);
        // The rules of `report`, without writing each rule's detail: only the verdict is wanted.
        self.rules
            .evaluate(token, client_id, now, signature, self.verifier.max_token_bytes(), false)?
            .into_security_token()
    }

    /// Every rule, one by one (see [`SecurityTokenReport`]); fails only on a `now` in
    /// milliseconds.
    pub fn report(&self, token: &str, client_id: &str, now: u64) -> Result<SecurityTokenReport, TokenError> {
        self.rules.check(token, client_id, now, &self.verifier)
    }

    /// The first half of [`validate`](Self::validate) for a host that verifies signatures
    /// itself (see [`Verifier::prepare`]): everything up to the signature check.
    ///
    /// ```
    /// use mcx_connect::token::{sign, BuiltInBackend, JwkSet, JwsHeader, SecurityTokenValidator, SigningKey, Verifier};
    /// let key = SigningKey::es256(&[7u8; 32])?;
    /// let claims = serde_json::json!({
    ///     "iss": "https://idms.primary.example", "sub": "alice@primary.example",
    ///     "aud": ["mcptt-client", "https://idms.partner.example/token"], "iat": 1_700_000_000, "exp": 1_700_000_300,
    /// });
    /// let token = sign(&JwsHeader::new(key.algorithm()), &claims, &key)?;
    /// let validator = SecurityTokenValidator::new("https://idms.primary.example", "https://idms.partner.example/token",
    ///     Verifier::new(JwkSet::from_keys(vec![key.public_jwk(None).unwrap()])))?;
    /// let pending = validator.prepare(token.expose())?;
    /// let verified = pending.verify_with(&BuiltInBackend); // e.g. crypto.subtle.verify in a browser
    /// let checked = validator.finish(pending.clone(), verified, "mcptt-client", 1_700_000_100)?;
    /// assert_eq!(checked.claims.sub, "alice@primary.example");
    /// // The host said no: the signature rule fails, as in `validate`.
    /// let err = validator.finish(pending, false, "mcptt-client", 1_700_000_100).unwrap_err();
    /// assert_eq!(err.code(), "token_bad_signature");
    /// # Ok::<(), mcx_connect::token::TokenError>(())
    /// ```
    pub fn prepare(&self, token: &str) -> Result<PendingSignature, TokenError> {
        self.verifier.prepare(token)
    }

    /// The second half of [`validate`](Self::validate): `verified` is the host's signature
    /// check of `pending`; the claim rules run as in `validate`, with the same errors.
    pub fn finish(
        &self,
        pending: PendingSignature,
        verified: bool,
        client_id: &str,
        now: u64,
    ) -> Result<SecurityToken, TokenError> {
        check_now(now)?;
        let signature = pending.outcome(verified);
        let (header, claims) = pending.into_parts();
        self.rules.evaluate_read(header, claims, client_id, now, Some(signature), false).into_security_token()
    }

    /// The second half of [`report`](Self::report): every rule one by one, the `signature` rule
    /// settled by `prepared` (what [`prepare`](Self::prepare) answered for `token`) and, when it
    /// handed out a [`PendingSignature`], the host's check `verified`. Fails only on a `now` in
    /// milliseconds, as `report`.
    ///
    /// ```
    /// use mcx_connect::token::{sign, JwkSet, JwsHeader, SecurityTokenValidator, SigningKey, Verifier};
    /// let key = SigningKey::es256(&[7u8; 32])?;
    /// let token = sign(&JwsHeader::new(key.algorithm()), &serde_json::json!({"iss": "https://idms.primary.example"}), &key)?;
    /// let validator = SecurityTokenValidator::new("https://idms.primary.example", "https://idms.partner.example/token",
    ///     Verifier::new(JwkSet::from_keys(vec![key.public_jwk(None).unwrap()])))?;
    /// let report = validator.finish_report(token.expose(), validator.prepare(token.expose()), true, "mcptt-client", 1_700_000_000)?;
    /// assert_eq!(report.failure().map(|e| e.code()), Some("token_missing_claim")); // the signature passed, `sub` is missing
    /// # Ok::<(), mcx_connect::token::TokenError>(())
    /// ```
    pub fn finish_report(
        &self,
        token: &str,
        prepared: Result<PendingSignature, TokenError>,
        verified: bool,
        client_id: &str,
        now: u64,
    ) -> Result<SecurityTokenReport, TokenError> {
        let signature = SignatureCheck::Done(prepared.and_then(|pending| pending.outcome(verified)));
        self.rules.evaluate(token, client_id, now, signature, self.verifier.max_token_bytes(), true)
    }
}

/// OpenID Connect Core §3.1.3.7: with several audiences `azp` is required; when present it
/// must be the client_id.
fn check_azp(claims: &TokenClaims, client_id: &str) -> Result<(), TokenError> {
    match &claims.azp {
        Some(azp) if azp != client_id => Err(TokenError::AzpMismatch(shown(client_id))),
        None if claims.aud.len() > 1 => Err(TokenError::MissingClaim("azp")),
        _ => Ok(()),
    }
}

/// An ID token whose signature and claims were checked (B.2.1.2).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct IdToken {
    /// The JOSE header.
    pub header: JwsHeader,
    /// The checked claims.
    pub claims: TokenClaims,
}

/// Validates ID tokens at the MC client (B.2.1.2, OpenID Connect Core §3.1.3.7): the common
/// checks, `aud` holding the client_id, `azp` required with several audiences and equal to the
/// client_id, and the `nonce` of the authentication request when one is given.
///
/// ```
/// use mcx_connect::token::{sign, IdTokenValidator, JwkSet, JwsHeader, SigningKey, Verifier};
/// let key = SigningKey::es256(&[9u8; 32])?;
/// let claims = serde_json::json!({"iss": "https://idms.example", "sub": "bob", "aud": "mcptt-client",
///     "iat": 1_700_000_000, "exp": 1_700_000_600, "nonce": "n-0S6_WzA2Mj"});
/// let token = sign(&JwsHeader::new(key.algorithm()), &claims, &key)?;
/// let jwks = JwkSet::from_keys(vec![key.public_jwk(None).unwrap()]);
/// let validator = IdTokenValidator::new("https://idms.example", "mcptt-client", Verifier::new(jwks))?;
/// assert!(validator.validate(token.expose(), Some("n-0S6_WzA2Mj"), 1_700_000_001).is_ok());
/// assert_eq!(validator.validate(token.expose(), Some("other"), 1_700_000_001).unwrap_err().code(), "token_nonce_mismatch");
/// # Ok::<(), mcx_connect::token::TokenError>(())
/// ```
#[derive(Debug, Clone)]
pub struct IdTokenValidator {
    verifier: Verifier,
    rules: CommonRules,
    client_id: String,
}

impl IdTokenValidator {
    /// A validator of ID tokens from `issuer` (exact `iss`) for the client `client_id`.
    pub fn new(
        issuer: impl Into<String>,
        client_id: impl Into<String>,
        verifier: Verifier,
    ) -> Result<Self, TokenError> {
        let client_id = client_id.into();
        if client_id.is_empty() {
            return Err(TokenError::ValidatorInvalid("the client_id is empty".to_owned()));
        }
        Ok(Self { verifier, rules: CommonRules::new(issuer.into())?, client_id })
    }

    /// Sets the clock leeway; above 30 seconds it is refused (`leeway_too_large`).
    pub fn with_leeway(mut self, seconds: u64) -> Result<Self, TokenError> {
        self.rules.leeway = super::Leeway::seconds(seconds)?;
        Ok(self)
    }

    /// Requires the MCX identity claim of `service`.
    pub fn require_service(mut self, service: McService) -> Self {
        self.rules.require_service(service);
        self
    }

    /// Validates `token` at time `now`; `nonce` is the value sent in the authentication
    /// request, if one was sent (then the token must carry the same value).
    pub fn validate(&self, token: &str, nonce: Option<&str>, now: u64) -> Result<IdToken, TokenError> {
        check_now(now)?;
        let signed = self.verifier.verify(token)?;
        self.check_claims(signed.header, signed.claims, nonce, now)
    }

    /// The first half of [`validate`](Self::validate) for a host that verifies signatures
    /// itself: see [`Verifier::prepare`] and [`SecurityTokenValidator::prepare`].
    pub fn prepare(&self, token: &str) -> Result<PendingSignature, TokenError> {
        self.verifier.prepare(token)
    }

    /// The second half of [`validate`](Self::validate): `verified` is the host's signature
    /// check of `pending`; then the claim rules, with the same errors as `validate`.
    pub fn finish(
        &self,
        pending: PendingSignature,
        verified: bool,
        nonce: Option<&str>,
        now: u64,
    ) -> Result<IdToken, TokenError> {
        check_now(now)?;
        let (header, claims) = pending.into_signed(verified)?;
        self.check_claims(header, claims, nonce, now)
    }

    fn check_claims(
        &self,
        header: JwsHeader,
        claims: Map<String, Value>,
        nonce: Option<&str>,
        now: u64,
    ) -> Result<IdToken, TokenError> {
        let claims = TokenClaims::read(claims)?;
        self.rules.check_issuer_and_time(&claims, now)?;
        if !claims.has_audience(&self.client_id) {
            return Err(TokenError::AudienceMissingClient(self.client_id.clone()));
        }
        check_azp(&claims, &self.client_id)?;
        if let Some(expected) = nonce {
            match claims.nonce.as_deref() {
                None => return Err(TokenError::MissingClaim("nonce")),
                Some(found) if found != expected => return Err(TokenError::NonceMismatch),
                Some(_) => {}
            }
        }
        self.rules.check_services(&claims)?;
        Ok(IdToken { header, claims })
    }
}

/// An access token whose signature and claims were checked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AccessToken {
    /// The JOSE header.
    pub header: JwsHeader,
    /// The checked claims.
    pub claims: TokenClaims,
    /// The granted scope, read from `scope` (or `scp`).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub scope: ScopeSet,
}

/// Validates MCX access tokens (a primary access token presented as `subject_token`, or an
/// access token at an MC server): the common checks, `scope`, `client_id`, and optionally an
/// audience, a client and required scopes.
///
/// The granted scope is read from `scope`, a space-delimited string (RFC 8693 §4.2, RFC 9068
/// §2.2.3). Decision: `scp`, a JSON array of strings used by some servers (TS 33.180 B.7.4's
/// own example token has one), is accepted when `scope` is absent; a token with both is
/// refused as ambiguous (`token_invalid_claim`). Values are read strictly (RFC 6749 §3.3).
/// `client_id` is required (RFC 9068 §2.2).
///
/// ```
/// use mcx_connect::token::{sign, AccessTokenValidator, JwkSet, JwsHeader, SigningKey, Verifier};
/// use mcx_connect::{McService, Scope};
/// let key = SigningKey::es256(&[5u8; 32])?;
/// let claims = serde_json::json!({"iss": "https://idms.example", "sub": "carol", "aud": "https://mcptt.example",
///     "iat": 1_700_000_000, "exp": 1_700_000_600, "client_id": "mcptt-client",
///     "scope": "openid 3gpp:mc:ptt_service", "mcptt_id": "sip:carol@example"});
/// let token = sign(&JwsHeader::new(key.algorithm()), &claims, &key)?;
/// let validator = AccessTokenValidator::new("https://idms.example", Verifier::new(JwkSet::from_keys(vec![key.public_jwk(None).unwrap()])))?
///     .with_audience("https://mcptt.example")
///     .require_scope(Scope::PttService)
///     .require_service(McService::Ptt);
/// let checked = validator.validate(token.expose(), 1_700_000_001)?;
/// assert!(checked.scope.contains(&Scope::PttService));
/// # Ok::<(), mcx_connect::token::TokenError>(())
/// ```
#[derive(Debug, Clone)]
pub struct AccessTokenValidator {
    verifier: Verifier,
    rules: CommonRules,
    audience: Option<String>,
    client_id: Option<String>,
    scopes: Vec<Scope>,
}

impl AccessTokenValidator {
    /// A validator of access tokens from `issuer` (exact `iss`).
    pub fn new(issuer: impl Into<String>, verifier: Verifier) -> Result<Self, TokenError> {
        Ok(Self {
            verifier,
            rules: CommonRules::new(issuer.into())?,
            audience: None,
            client_id: None,
            scopes: Vec::new(),
        })
    }

    /// Sets the clock leeway; above 30 seconds it is refused (`leeway_too_large`).
    pub fn with_leeway(mut self, seconds: u64) -> Result<Self, TokenError> {
        self.rules.leeway = super::Leeway::seconds(seconds)?;
        Ok(self)
    }

    /// Requires `aud` to contain `audience` (the resource server); otherwise `aud` is only read.
    pub fn with_audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(audience.into());
        self
    }

    /// Requires the `client_id` claim to be `client_id`.
    pub fn with_client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// Requires the token to grant `scope` (`token_scope_missing` otherwise).
    pub fn require_scope(mut self, scope: Scope) -> Self {
        if !self.scopes.contains(&scope) {
            self.scopes.push(scope);
        }
        self
    }

    /// Requires the MCX identity claim of `service`.
    pub fn require_service(mut self, service: McService) -> Self {
        self.rules.require_service(service);
        self
    }

    /// Validates `token` at time `now` (seconds since the epoch).
    pub fn validate(&self, token: &str, now: u64) -> Result<AccessToken, TokenError> {
        check_now(now)?;
        let signed = self.verifier.verify(token)?;
        self.check_claims(signed.header, signed.claims, now)
    }

    /// The first half of [`validate`](Self::validate) for a host that verifies signatures
    /// itself: see [`Verifier::prepare`] and [`SecurityTokenValidator::prepare`].
    pub fn prepare(&self, token: &str) -> Result<PendingSignature, TokenError> {
        self.verifier.prepare(token)
    }

    /// The second half of [`validate`](Self::validate): `verified` is the host's signature
    /// check of `pending`; then the claim rules, with the same errors as `validate`.
    pub fn finish(&self, pending: PendingSignature, verified: bool, now: u64) -> Result<AccessToken, TokenError> {
        check_now(now)?;
        let (header, claims) = pending.into_signed(verified)?;
        self.check_claims(header, claims, now)
    }

    fn check_claims(&self, header: JwsHeader, claims: Map<String, Value>, now: u64) -> Result<AccessToken, TokenError> {
        let claims = TokenClaims::read(claims)?;
        self.rules.check_issuer_and_time(&claims, now)?;
        if let Some(audience) = &self.audience {
            if !claims.has_audience(audience) {
                return Err(TokenError::AudienceMissingTarget(audience.clone()));
            }
        }
        let client_id = claims.client_id.as_deref().ok_or(TokenError::MissingClaim("client_id"))?;
        if let Some(expected) = &self.client_id {
            if client_id != expected {
                return Err(TokenError::ClientMismatch(expected.clone()));
            }
        }
        let scope = read_scope(&claims)?;
        if let Some(missing) = self.scopes.iter().find(|s| !scope.contains(s)) {
            return Err(TokenError::ScopeMissing(missing.as_str().to_owned()));
        }
        self.rules.check_services(&claims)?;
        Ok(AccessToken { header, claims, scope })
    }
}

/// `scope` (string) or, when it is absent, `scp` (array of strings); both is ambiguous.
fn read_scope(claims: &TokenClaims) -> Result<ScopeSet, TokenError> {
    let scope = claims.other.get("scope");
    let scp = claims.other.get("scp");
    let text = match (scope, scp) {
        (Some(_), Some(_)) => return Err(invalid("scope", "the token has both `scope` and `scp`")),
        (Some(Value::String(text)), None) => text.clone(),
        (Some(_), None) => return Err(invalid("scope", "it is not a space-delimited string")),
        (None, Some(Value::Array(values))) => {
            let values = values
                .iter()
                .map(|v| v.as_str().filter(|s| !crate::text::contains(s, " ")))
                .collect::<Option<Vec<_>>>();
            values.ok_or_else(|| invalid("scp", "it holds a value that is not a single scope string"))?.join(" ")
        }
        (None, Some(_)) => return Err(invalid("scp", "it is not an array of strings")),
        (None, None) => return Err(TokenError::MissingClaim("scope")),
    };
    ScopeSet::parse(&text).map_err(|e| TokenError::InvalidClaim { claim: "scope", reason: e.to_string() })
}
