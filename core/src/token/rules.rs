//! The one home of the security-token rules (TS 33.180 B.2.1.2, B.7.3, B.7.4, B.8): each rule
//! checked on its own into a [`SecurityTokenReport`]. The partner IdMS
//! ([`SecurityTokenValidator`](super::SecurityTokenValidator), with the primary's keys), the
//! client's [`MigrationFlow`](crate::MigrationFlow) (no keys: the signature rule is "not
//! checked"), the CLI and the bindings all use [`SecurityTokenRules`], so that every one of
//! them reads the claims with the same reader and answers the same way.

use super::claims::{
    check_expiry, check_issued_at, check_issuer, check_not_before, check_now, check_services, service_claim, Leeway,
    TokenClaims,
};
use super::error::{shown, TokenError};
use super::jws::{parse_compact, JwsHeader};
use super::kinds::SecurityToken;
use super::verify::Verifier;
use crate::scope::McService;
use serde_json::{Map, Value};

/// How [`SecurityTokenRules::evaluate`] settles the `signature` rule.
pub(crate) enum SignatureCheck<'v> {
    /// The verifier checks it.
    Verifier(&'v Verifier),
    /// A host checked it (`prepare` / `finish`): the outcome.
    Done(Result<(), TokenError>),
    /// No keys here (a client, a console): not checked.
    NotHere,
}

/// How one rule came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RuleOutcome {
    /// The token meets the rule.
    Pass,
    /// The token breaks the rule ([`RuleResult::code`] says how).
    Fail,
    /// The rule was not checked: no keys to verify a signature, no expected issuer or maximum
    /// lifetime given, or an earlier rule left nothing to check.
    NotChecked,
}

impl RuleOutcome {
    /// `pass`, `fail` or `not_checked`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleOutcome::Pass => "pass",
            RuleOutcome::Fail => "fail",
            RuleOutcome::NotChecked => "not_checked",
        }
    }
}

/// One rule and how the token came out of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RuleResult {
    /// The rule's stable id: `structure`, `signature`, `claims`, `iss`, `exp`, `nbf`, `iat`,
    /// `lifetime`, `aud_client`, `aud_target`, `azp`, `service_ids`.
    pub id: &'static str,
    /// Where the rule comes from, e.g. `B.2.1.2 aud`.
    pub clause: &'static str,
    /// Pass, fail or not checked.
    pub outcome: RuleOutcome,
    /// A short explanation for people (never a token, a signature or key material).
    pub detail: String,
    /// The stable error code of a failed rule (one of the library's error codes).
    pub code: Option<&'static str>,
}

/// Every security-token rule, in the order a validator applies them, with its clause.
pub const SECURITY_TOKEN_RULES: [(&str, &str); 12] = [
    ("structure", "RFC 7515 §7.1 compact JWS"),
    ("signature", "B.7.4 authentication of the security token"),
    ("claims", "B.2.1.2 iss, sub (≤ 255 bytes), aud, exp, iat"),
    ("iss", "B.2.1.2 iss"),
    ("exp", "B.2.1.2 exp (leeway ≤ 30 s)"),
    ("nbf", "RFC 7519 §4.1.5 nbf"),
    ("iat", "B.2.1.2 iat"),
    ("lifetime", "B.8 short-lived security token"),
    ("aud_client", "B.2.1.2 aud (client_id)"),
    ("aud_target", "B.2.1.2 aud (partner IdMS)"),
    ("azp", "OpenID Connect Core §3.1.3.7 azp"),
    ("service_ids", "B.2.1.2 MCX identities"),
];

/// The rule-by-rule result of checking a security token.
///
/// Every rule of [`SECURITY_TOKEN_RULES`] appears once, in that order. The first failed rule
/// is the error a validator returns. [`verdict`](Self::verdict) gives the same as plain data,
/// with its verdict (what the bindings return).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SecurityTokenReport {
    /// Each rule, in order.
    pub rules: Vec<RuleResult>,
    /// The JOSE header, when the token could be split.
    pub header: Option<JwsHeader>,
    /// The claims, when they could be read (from a payload whose signature may not have been
    /// checked: see the `signature` rule).
    pub claims: Option<TokenClaims>,
    /// Whether the rules' details are written (a validator wants only the verdict).
    #[serde(skip)]
    details: bool,
    /// The first failed rule's error.
    #[serde(skip)]
    failure: Option<TokenError>,
}

/// A security token report as plain data with its verdict: whether the token passed, the first
/// failed rule's code, each rule, and what could be read of the token. The npm package calls it
/// `SecurityTokenReport`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null, rename = "SecurityTokenReport"))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SecurityTokenVerdict {
    /// No rule failed (rules not checked do not fail).
    pub passed: bool,
    /// The first failed rule's code: what a validator answers.
    pub failure: Option<&'static str>,
    /// Each rule, in order.
    pub rules: Vec<RuleResult>,
    /// The JOSE header, when the token could be split.
    pub header: Option<JwsHeader>,
    /// The claims as the validators read them (a fractional `exp` is the second before), when
    /// they could be read.
    pub claims: Option<TokenClaims>,
}

impl SecurityTokenReport {
    /// Whether no rule failed (rules not checked do not fail).
    pub fn passed(&self) -> bool {
        self.failure().is_none()
    }

    /// The first failed rule's error: what a validator answers.
    pub fn failure(&self) -> Option<&TokenError> {
        self.failure.as_ref()
    }

    /// The report as plain data, with its verdict.
    ///
    /// ```
    /// use mcx_connect::token::SecurityTokenRules;
    /// let rules = SecurityTokenRules::new("https://idms.partner.example/token")?;
    /// let verdict = rules.check_unverified("not.a-token", "mcptt-client", 1_700_000_000, 16_384)?.verdict();
    /// assert!(!verdict.passed);
    /// assert_eq!(verdict.failure, Some("token_malformed"));
    /// assert_eq!(verdict.rules.len(), 12);
    /// # Ok::<(), mcx_connect::token::TokenError>(())
    /// ```
    pub fn verdict(self) -> SecurityTokenVerdict {
        SecurityTokenVerdict {
            passed: self.failure.is_none(),
            failure: self.failure.as_ref().map(TokenError::code),
            rules: self.rules,
            header: self.header,
            claims: self.claims,
        }
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&RuleResult> {
        self.rules.iter().find(|rule| rule.id == id)
    }

    /// An empty report; `details`: whether each rule's detail is written.
    fn new(details: bool) -> Self {
        Self {
            rules: Vec::with_capacity(SECURITY_TOKEN_RULES.len()),
            header: None,
            claims: None,
            details,
            failure: None,
        }
    }

    /// A rule's result; `detail` is called only when details are written.
    fn push(
        &mut self,
        id: &'static str,
        outcome: RuleOutcome,
        detail: impl FnOnce() -> String,
        error: Option<TokenError>,
    ) {
        let detail = if self.details { detail() } else { String::new() };
        self.push_written(id, outcome, detail, error);
    }

    /// `push` once the detail is written: one body for every caller's detail closure.
    fn push_written(&mut self, id: &'static str, outcome: RuleOutcome, detail: String, error: Option<TokenError>) {
        let clause = SECURITY_TOKEN_RULES.iter().find(|(rule, _)| *rule == id).map_or("", |&(_, clause)| clause);
        let code = error.as_ref().map(TokenError::code);
        self.rules.push(RuleResult { id, clause, outcome, detail, code });
        if self.failure.is_none() {
            self.failure = error;
        }
    }

    fn pass(&mut self, id: &'static str, detail: impl FnOnce() -> String) {
        self.push(id, RuleOutcome::Pass, detail, None);
    }

    fn not_checked(&mut self, id: &'static str, detail: &str) {
        self.push(id, RuleOutcome::NotChecked, || detail.to_owned(), None);
    }

    /// A rule checked: on failure the detail is the error's description.
    fn outcome(&mut self, id: &'static str, result: Result<(), TokenError>, detail: impl FnOnce() -> String) {
        match result {
            Ok(()) => self.pass(id, detail),
            Err(error) => {
                let description = error.to_string();
                self.push(id, RuleOutcome::Fail, || description, Some(error))
            }
        }
    }

    /// A rule checked whose detail describes both outcomes (a time or audience rule).
    fn outcome_described(&mut self, id: &'static str, result: Result<(), TokenError>, detail: impl FnOnce() -> String) {
        match result {
            Ok(()) => self.pass(id, detail),
            Err(error) => self.push(id, RuleOutcome::Fail, detail, Some(error)),
        }
    }

    /// Every rule after the last one pushed, as not checked.
    fn rest_not_checked(&mut self, why: &str) {
        for &(id, _) in SECURITY_TOKEN_RULES.iter().skip(self.rules.len()) {
            self.not_checked(id, why);
        }
    }

    /// The checked security token, or the first failed rule's error.
    pub(crate) fn into_security_token(self) -> Result<SecurityToken, TokenError> {
        if let Some(error) = self.failure {
            return Err(error);
        }
        match (self.header, self.claims) {
            (Some(header), Some(claims)) => Ok(SecurityToken { header, claims }),
            // Unreachable: a report without failure has read both.
            _ => Err(TokenError::Malformed("the token could not be read".to_owned())),
        }
    }
}

/// The rules a security token is held to (B.2.1.2, B.7.4, B.8): the partner address that must
/// be in `aud`, and optionally the primary IdMS issuer, a leeway of at most 30 s, the MCX
/// identities of services, and a maximum lifetime.
///
/// ```
/// use mcx_connect::token::{sign, JwsHeader, RuleOutcome, SecurityTokenRules, SigningKey};
/// let key = SigningKey::es256(&[7u8; 32])?;
/// let claims = serde_json::json!({"iss": "https://idms.primary.example", "sub": "alice",
///     "aud": ["mcptt-client", "https://idms.partner.example/token"], "iat": 1_700_000_000, "exp": 1_700_000_300.5});
/// let token = sign(&JwsHeader::new(key.algorithm()), &claims, &key)?;
/// // The client has no keys: the signature is the partner's to check.
/// let rules = SecurityTokenRules::new("https://idms.partner.example/token")?;
/// let report = rules.check_unverified(token.expose(), "mcptt-client", 1_700_000_100, 16_384)?;
/// assert!(report.passed());
/// assert_eq!(report.rule("signature").unwrap().outcome, RuleOutcome::NotChecked);
/// assert_eq!(report.rule("exp").unwrap().detail, "expires in 200 s");
/// assert_eq!(report.claims.unwrap().exp, 1_700_000_300, "a fractional exp is read as the second before");
/// # Ok::<(), mcx_connect::token::TokenError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityTokenRules {
    issuer: Option<String>,
    target: String,
    leeway: Leeway,
    clock_skew: Leeway,
    services: Vec<McService>,
    max_lifetime: Option<u64>,
}

impl SecurityTokenRules {
    /// The rules for a security token to be used at `target` (the partner IdMS token endpoint
    /// address, the `resource` of the token exchange); refused (`validator_invalid`) when empty.
    pub fn new(target: impl Into<String>) -> Result<Self, TokenError> {
        let target = target.into();
        if target.is_empty() {
            return Err(TokenError::ValidatorInvalid("the target address is empty".to_owned()));
        }
        Ok(Self {
            issuer: None,
            target,
            leeway: Leeway::default(),
            clock_skew: Leeway::default(),
            services: Vec::new(),
            max_lifetime: None,
        })
    }

    /// Requires `iss` to be exactly `issuer` (the primary IdMS); without it the `iss` rule is
    /// not checked.
    pub fn with_issuer(mut self, issuer: impl Into<String>) -> Result<Self, TokenError> {
        let issuer = issuer.into();
        if issuer.is_empty() {
            return Err(TokenError::ValidatorInvalid("the expected issuer is empty".to_owned()));
        }
        self.issuer = Some(issuer);
        Ok(self)
    }

    /// Sets the clock leeway; above 30 seconds it is refused (`leeway_too_large`).
    pub fn with_leeway(mut self, seconds: u64) -> Result<Self, TokenError> {
        self.leeway = Leeway::seconds(seconds)?;
        Ok(self)
    }

    /// Accepts `iat` and `nbf` up to `seconds` after `now` (the issuer's clock ahead of this
    /// one) without extending `exp`: for a client, which cannot judge the IdMS's clock but must
    /// judge by its own whether it can still use the token. At most 30 s, the clock skew
    /// B.2.1.2 allows (`leeway_too_large`); a larger [`with_leeway`](Self::with_leeway) wins.
    ///
    /// ```
    /// use mcx_connect::token::{sign, JwsHeader, SecurityTokenRules, SigningKey};
    /// let key = SigningKey::es256(&[7u8; 32])?;
    /// let claims = serde_json::json!({"iss": "https://idms.primary.example", "sub": "alice",
    ///     "aud": ["mcptt-client", "https://idms.partner.example/token"], "iat": 1_700_000_005, "exp": 1_700_000_300});
    /// let token = sign(&JwsHeader::new(key.algorithm()), &claims, &key)?;
    /// let rules = SecurityTokenRules::new("https://idms.partner.example/token")?;
    /// // Issued 5 s ahead of this clock: refused without an allowance, accepted with one.
    /// let strict = rules.check_unverified(token.expose(), "mcptt-client", 1_700_000_000, 16_384)?;
    /// assert_eq!(strict.failure().map(|e| e.code()), Some("token_issued_in_future"));
    /// let skewed = rules.with_clock_skew(30)?;
    /// assert!(skewed.check_unverified(token.expose(), "mcptt-client", 1_700_000_000, 16_384)?.passed());
    /// // Its `exp` is still judged by this clock alone.
    /// let late = skewed.check_unverified(token.expose(), "mcptt-client", 1_700_000_300, 16_384)?;
    /// assert_eq!(late.failure().map(|e| e.code()), Some("token_expired"));
    /// # Ok::<(), mcx_connect::token::TokenError>(())
    /// ```
    pub fn with_clock_skew(mut self, seconds: u64) -> Result<Self, TokenError> {
        self.clock_skew = Leeway::seconds(seconds)?;
        Ok(self)
    }

    /// Requires the MCX identity claim of `service` (`mcptt_id`, `mcvideo_id`, `mcdata_id`).
    pub fn require_service(mut self, service: McService) -> Self {
        if !self.services.contains(&service) {
            self.services.push(service);
        }
        self
    }

    /// Refuses a token whose lifetime `exp` - `iat` is above `seconds`
    /// (`token_lifetime_too_long`).
    ///
    /// Decision: TS 33.180 B.8 wants the security token short-lived, but names no number, so
    /// there is no default: without this option the `lifetime` rule is not checked. A partner
    /// IdMS should set it; 300 s is a reasonable value (a security token is used seconds
    /// after it is issued, B.7.3 → B.7.4).
    pub fn with_max_lifetime(mut self, seconds: u64) -> Self {
        self.max_lifetime = Some(seconds);
        self
    }

    /// The target address expected in `aud`.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// Checks every rule of `token`, presented by `client_id` at `now` (seconds since the
    /// epoch), with the signature verified by `verifier` (the primary's keys). Fails only when
    /// `now` is plainly milliseconds (`now_in_milliseconds`); a token that breaks rules gives a
    /// report whose [`failure`](SecurityTokenReport::failure) says why.
    pub fn check(
        &self,
        token: &str,
        client_id: &str,
        now: u64,
        verifier: &Verifier,
    ) -> Result<SecurityTokenReport, TokenError> {
        self.evaluate(token, client_id, now, SignatureCheck::Verifier(verifier), verifier.max_token_bytes(), true)
    }

    /// As [`check`](Self::check) without keys (a client, a console): the `signature` rule is not
    /// checked; the partner IdMS checks it. `max_token_bytes` bounds the token.
    pub fn check_unverified(
        &self,
        token: &str,
        client_id: &str,
        now: u64,
        max_token_bytes: usize,
    ) -> Result<SecurityTokenReport, TokenError> {
        self.evaluate(token, client_id, now, SignatureCheck::NotHere, max_token_bytes, true)
    }

    pub(crate) fn evaluate(
        &self,
        token: &str,
        client_id: &str,
        now: u64,
        signature: SignatureCheck<'_>,
        max_token_bytes: usize,
        details: bool,
    ) -> Result<SecurityTokenReport, TokenError> {
        check_now(now)?;
        let jws = match parse_compact(token, max_token_bytes) {
            Ok(jws) => jws,
            Err(error) => {
                let mut report = SecurityTokenReport::new(details);
                report.outcome("structure", Err(error), String::new);
                report.rest_not_checked("the token cannot be read");
                return Ok(report);
            }
        };
        let signature = match signature {
            SignatureCheck::Verifier(verifier) => Some(verifier.verify_parsed(&jws)),
            SignatureCheck::Done(outcome) => Some(outcome),
            SignatureCheck::NotHere => None,
        };
        Ok(self.evaluate_read(jws.header, jws.claims, client_id, now, signature, details))
    }

    /// The rules after the structure, for a token already read (a host's `finish`: the
    /// [`PendingSignature`](super::PendingSignature) holds its header and claims). `signature` is
    /// the signature rule's outcome, `None` when it is not checked here. Without `details` (a
    /// validator wants only the first failure) no rule's detail is written.
    pub(crate) fn evaluate_read(
        &self,
        header: JwsHeader,
        claims: Map<String, Value>,
        client_id: &str,
        now: u64,
        signature: Option<Result<(), TokenError>>,
        details: bool,
    ) -> SecurityTokenReport {
        let mut report = SecurityTokenReport::new(details);
        report.pass("structure", || "a compact JWS with a JSON header and claims".to_owned());
        match signature {
            Some(outcome) => report
                .outcome("signature", outcome, || format!("{} signature under the primary's keys", shown(&header.alg))),
            None => {
                report.not_checked("signature", "no keys here: the partner IdMS verifies it with the primary's keys")
            }
        }
        report.header = Some(header);
        let claims = match TokenClaims::read(claims) {
            Ok(claims) => claims,
            Err(error) => {
                report.outcome("claims", Err(error), String::new);
                report.rest_not_checked("the claims cannot be read");
                return report;
            }
        };
        report.pass("claims", || format!("sub of {} bytes", claims.sub.len()));
        self.time_rules(&mut report, &claims, now);
        let (client, target) = (shown(client_id), &self.target);
        // The partner address is a URI: its scheme and host are compared without case (RFC 3986
        // §6.2.2.1), so a primary or a profile that writes `HTTPS://IdMS.Partner.Example/token`
        // does not fail a migration; its path is compared as written.
        let holds_target = claims.aud.iter().any(|audience| crate::uri::same_resource(audience, target));
        let holds_client = claims.has_audience(client_id);
        report.outcome_described(
            "aud_client",
            if holds_client { Ok(()) } else { Err(TokenError::AudienceMissingClient(client.clone())) },
            || format!("aud {} the client id `{client}`", if holds_client { "holds" } else { "does not hold" }),
        );
        report.outcome_described(
            "aud_target",
            if holds_target { Ok(()) } else { Err(TokenError::AudienceMissingTarget(target.clone())) },
            || format!("aud {} the partner address `{target}`", if holds_target { "holds" } else { "does not hold" }),
        );
        let azp = match &claims.azp {
            Some(azp) if azp != client_id => Err(TokenError::AzpMismatch(shown(client_id))),
            _ => Ok(()),
        };
        report.outcome("azp", azp, || if claims.azp.is_some() { "azp is the client id" } else { "no azp" }.to_owned());
        if self.services.is_empty() {
            report.not_checked("service_ids", "no MC service identity required");
        } else {
            report.outcome("service_ids", check_services(&claims, &self.services), || {
                let names: Vec<&str> = self.services.iter().map(|s| service_claim(*s)).collect();
                format!("{} present", names.join(", "))
            });
        }
        report.claims = Some(claims);
        report
    }

    /// `iss`, `exp`, `nbf`, `iat` and the lifetime.
    fn time_rules(&self, report: &mut SecurityTokenReport, claims: &TokenClaims, now: u64) {
        match &self.issuer {
            Some(issuer) => report.outcome("iss", check_issuer(claims, issuer), || format!("iss is `{issuer}`")),
            None => report.not_checked("iss", "no expected issuer given"),
        }
        let leeway = self.leeway.as_secs();
        // Differences of u64 seconds by `checked_sub`, not in i128: no 128-bit number printing in
        // the npm package's wasm for these details (0.8 KB gzipped).
        let exp_detail = || match now.checked_sub(claims.exp) {
            None => format!("expires in {} s", claims.exp - now),
            Some(late) if late < u64::from(leeway) => format!("expired {late} s ago: within the {leeway} s leeway"),
            Some(late) => format!("expired {late} s ago: beyond the {leeway} s leeway"),
        };
        report.outcome_described("exp", check_expiry(claims, now, self.leeway), exp_detail);
        let nbf_detail = || match claims.nbf {
            Some(nbf) => format!("valid from {nbf}"),
            None => "no nbf".to_owned(),
        };
        // `nbf` and `iat` after `now`: the leeway, or the clock skew allowance if larger.
        let ahead = if self.clock_skew.as_secs() > leeway { self.clock_skew } else { self.leeway };
        report.outcome("nbf", check_not_before(claims, now, ahead), nbf_detail);
        let iat_detail = || match now.checked_sub(claims.iat) {
            Some(age) => format!("issued {age} s ago"),
            None => format!("issued {} s in the future", claims.iat - now),
        };
        report.outcome_described("iat", check_issued_at(claims, now, ahead), iat_detail);
        let lifetime = claims.exp.saturating_sub(claims.iat);
        match self.max_lifetime {
            Some(max) => report.outcome(
                "lifetime",
                if lifetime <= max { Ok(()) } else { Err(TokenError::LifetimeTooLong { lifetime, max }) },
                || format!("lives {lifetime} s (exp - iat), at most {max} s"),
            ),
            None => report.not_checked("lifetime", "no maximum lifetime given"),
        }
    }
}
