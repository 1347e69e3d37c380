//! A sans-IO migration flow: login result in, partner tokens out (TS 33.180 B.7, TS 24.482 6.2.3).
//!
//! [`MigrationFlow`] yields the next [`HttpRequest`], takes the [`HttpResponse`] the host got
//! for it, and moves on: token exchange at the primary IdMS → check of the security token with
//! the validators' own rules and claim reader, without keys ([`SecurityTokenRules`]: `aud` must
//! hold the partner token endpoint and the client id, the claims must be what B.2.1.2 asks, and
//! `exp` must leave time to use it) → jwt-bearer request at the partner IdMS → partner tokens.
//! Optional reply members that vary never fail the flow: they are reported. An error response or an
//! unexpected reply ends the flow with the server's RFC error intact. The flow can be saved as
//! JSON and restored, with or without its secrets.

use crate::client::ClientAuthentication;
use crate::endpoint::EndpointPolicy;
use crate::error::{Error, FlowError, ResponseError};
use crate::exchange::{TokenExchangeRequest, TokenExchangeResponse, TOKEN_TYPE_JWT};
use crate::form::Limits;
use crate::http::{HttpRequest, HttpResponse};
use crate::jwt_bearer::JwtBearerRequest;
use crate::response::{TokenResponse, TokenType};
use crate::scope::{McService, ScopeSet};
use crate::token::{check_now, RuleOutcome, SecurityTokenReport, SecurityTokenRules};
use crate::Secret;
use serde::{Deserialize, Serialize};

mod saved;
pub use saved::FlowSecrets;

#[cfg(test)]
mod tests;

/// Where to migrate: the service and the partner system, with the partner IdMS token endpoint
/// read from the user profile (TS 24.482 6.2.3 a).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase", deny_unknown_fields))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MigrationTarget {
    /// The MC service the partner tokens are for.
    pub service: McService,
    /// The partner MC system's id, where the profile names one.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "wasm", serde(default))]
    pub partner_system_id: Option<String>,
    /// The partner IdMS token endpoint: the `resource` of the exchange and the target of the
    /// jwt-bearer request.
    pub partner_token_endpoint: String,
}

/// The client's side of the migration: endpoints, credentials and policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MigrationConfig {
    /// The primary IdMS token endpoint.
    pub primary_token_endpoint: String,
    /// The registered client id (B.7.4 `client_id`).
    pub client_id: String,
    /// The scope requested from the partner (B.7.4): `openid` and `3gpp:mc:` values.
    pub scope: ScopeSet,
    /// A client secret for `client_secret_basic` at the primary IdMS, if the client has one.
    /// Read by `Deserialize`, never written by `Serialize` (a saved flow writes it only when
    /// asked to: the migration flow's `save`).
    #[serde(skip_serializing)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub client_secret: Option<Secret>,
    /// Which endpoint URLs are acceptable (by default https only).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub endpoint_policy: EndpointPolicy,
    /// Seconds the security token must still be valid when it is received and when it is sent.
    #[serde(default = "default_min_lifetime")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 10))]
    pub min_security_token_lifetime: u64,
    /// Response size limits (the default limits unless given).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub limits: Limits,
}

fn default_min_lifetime() -> u64 {
    10
}

impl MigrationConfig {
    /// A configuration with the default policy (https only), limits and a 10-second minimum
    /// security-token lifetime.
    pub fn new(primary_token_endpoint: impl Into<String>, client_id: impl Into<String>, scope: ScopeSet) -> Self {
        Self {
            primary_token_endpoint: primary_token_endpoint.into(),
            client_id: client_id.into(),
            client_secret: None,
            scope,
            endpoint_policy: EndpointPolicy::default(),
            min_security_token_lifetime: default_min_lifetime(),
            limits: Limits::default(),
        }
    }

    fn primary_client(&self) -> ClientAuthentication {
        match &self.client_secret {
            Some(secret) => ClientAuthentication::basic(self.client_id.clone(), secret.clone()),
            None => ClientAuthentication::client_id(self.client_id.clone()),
        }
    }
}

/// Where the flow stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum MigrationStep {
    /// The token exchange request is the next request.
    ExchangeToSend,
    /// The token exchange request is out; its response is awaited.
    AwaitingSecurityToken,
    /// The jwt-bearer request to the partner is the next request.
    PartnerRequestToSend,
    /// The jwt-bearer request is out; the partner's response is awaited.
    AwaitingPartnerTokens,
    /// The partner tokens are in.
    Completed,
    /// The flow ended with an error (the migration flow's `failure`).
    Failed,
}

impl MigrationStep {
    /// The step's name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            MigrationStep::ExchangeToSend => "exchange_to_send",
            MigrationStep::AwaitingSecurityToken => "awaiting_security_token",
            MigrationStep::PartnerRequestToSend => "partner_request_to_send",
            MigrationStep::AwaitingPartnerTokens => "awaiting_partner_tokens",
            MigrationStep::Completed => "completed",
            MigrationStep::Failed => "failed",
        }
    }
}

/// How a flow ended in failure, kept in a form that survives saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FlowFailure {
    /// The stable error code.
    pub code: String,
    /// The RFC error code, when a server refused.
    pub oauth_error: Option<String>,
    /// What happened, in words (never a token).
    pub description: String,
}

/// The transport-free migration state machine.
///
/// ```
/// use mcx_connect::*;
/// let config = MigrationConfig::new("https://idms.primary.example/token", "mcptt-client", ScopeSet::for_service(McService::Ptt));
/// let target = MigrationTarget { service: McService::Ptt, partner_system_id: Some("partner-a".into()),
///     partner_token_endpoint: "https://idms.partner.example/token".into() };
/// let mut flow = MigrationFlow::new(config, target, Secret::new("primary-access-token"))?;
/// let exchange = flow.next_request(1_700_000_000)?;
/// assert_eq!(exchange.url, "https://idms.primary.example/token");
/// assert_eq!(flow.step(), MigrationStep::AwaitingSecurityToken);
/// // The primary refuses: the flow ends with the server's error intact.
/// let refusal = ErrorResponse::new(OAuthErrorCode::InvalidTarget, None).to_http_response();
/// let err = flow.handle_response(&refusal, 1_700_000_001).unwrap_err();
/// assert_eq!(err.oauth_error(), Some(OAuthErrorCode::InvalidTarget));
/// assert_eq!(flow.step(), MigrationStep::Failed);
/// # Ok::<(), mcx_connect::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationFlow {
    config: MigrationConfig,
    target: MigrationTarget,
    step: MigrationStep,
    primary_access_token: Secret,
    security_token: Option<Secret>,
    security_token_expires_at: Option<u64>,
    partner_tokens: Option<TokenResponse>,
    failure: Option<FlowFailure>,
}

impl MigrationFlow {
    /// Starts a migration. Checks both endpoints against the policy and that the scope holds an
    /// MCX value, so that a bad configuration fails here and not half-way.
    pub fn new(config: MigrationConfig, target: MigrationTarget, primary_access_token: Secret) -> Result<Self, Error> {
        config.endpoint_policy.check(&config.primary_token_endpoint, "primary token endpoint")?;
        config.endpoint_policy.check(&target.partner_token_endpoint, "partner token endpoint")?;
        config.scope.require_mcx()?;
        Ok(Self {
            config,
            target,
            step: MigrationStep::ExchangeToSend,
            primary_access_token,
            security_token: None,
            security_token_expires_at: None,
            partner_tokens: None,
            failure: None,
        })
    }

    /// A new flow to another partner, from the same login (the primary access token is reused).
    pub fn for_another_partner(&self, target: MigrationTarget) -> Result<Self, Error> {
        Self::new(self.config.clone(), target, self.primary_access_token.clone())
    }

    /// The current step.
    pub fn step(&self) -> MigrationStep {
        self.step
    }

    /// The target of this flow.
    pub fn target(&self) -> &MigrationTarget {
        &self.target
    }

    /// The security token, once received and checked.
    pub fn security_token(&self) -> Option<&Secret> {
        self.security_token.as_ref()
    }

    /// When the security token expires (its `exp`).
    pub fn security_token_expires_at(&self) -> Option<u64> {
        self.security_token_expires_at
    }

    /// The partner's tokens, once the flow is completed.
    pub fn partner_tokens(&self) -> Option<&TokenResponse> {
        self.partner_tokens.as_ref()
    }

    /// Why the flow failed, if it did.
    pub fn failure(&self) -> Option<&FlowFailure> {
        self.failure.as_ref()
    }

    fn wrong_step(&self, action: &'static str) -> Error {
        match self.step {
            MigrationStep::Failed => FlowError::AlreadyFailed("see failure()").into(),
            step => FlowError::WrongStep { step: step.as_str(), action }.into(),
        }
    }

    fn fail(&mut self, error: Error) -> Error {
        self.step = MigrationStep::Failed;
        self.failure = Some(FlowFailure {
            code: error.code().to_owned(),
            oauth_error: error.oauth_error().map(|c| c.as_str().to_owned()),
            description: error.to_string(),
        });
        error
    }

    /// The next request to send, at time `now` (seconds since the epoch). A `now` in
    /// milliseconds is refused (`now_in_milliseconds`) and leaves the flow as it was.
    pub fn next_request(&mut self, now: u64) -> Result<HttpRequest, Error> {
        check_now(now)?;
        match self.step {
            MigrationStep::ExchangeToSend => {
                let request = TokenExchangeRequest::new(
                    self.target.partner_token_endpoint.clone(),
                    self.primary_access_token.clone(),
                )
                .with_client(self.config.primary_client())
                .build(&self.config.primary_token_endpoint, self.config.endpoint_policy)?;
                self.step = MigrationStep::AwaitingSecurityToken;
                Ok(request)
            }
            MigrationStep::PartnerRequestToSend => {
                let expires_at = self.security_token_expires_at.unwrap_or_default();
                if expires_at < now.saturating_add(self.config.min_security_token_lifetime) {
                    let why = format!(
                        "it expires at {expires_at}, less than {} s after now ({now})",
                        self.config.min_security_token_lifetime
                    );
                    return Err(self.fail(FlowError::UnusableSecurityToken(why).into()));
                }
                let assertion = self.security_token.clone().unwrap_or_default();
                let request = JwtBearerRequest::new(
                    assertion,
                    ClientAuthentication::client_id(self.config.client_id.clone()),
                    self.config.scope.clone(),
                )
                .build(&self.target.partner_token_endpoint, self.config.endpoint_policy)?;
                self.step = MigrationStep::AwaitingPartnerTokens;
                Ok(request)
            }
            _ => Err(self.wrong_step("build a request now")),
        }
    }

    /// Takes the response to the request last returned by [`next_request`](Self::next_request),
    /// at time `now` (seconds since the epoch). A `now` in milliseconds is refused
    /// (`now_in_milliseconds`) and leaves the flow as it was, waiting for the same response.
    ///
    /// Optional members of either reply that vary (`expires_in` as `3600.0`, a repeated scope
    /// value, `bearer` in lower case) never fail the flow; they are reported in the read
    /// response's `normalisations` ([`partner_tokens`](Self::partner_tokens)).
    pub fn handle_response(&mut self, response: &HttpResponse, now: u64) -> Result<MigrationStep, Error> {
        check_now(now)?;
        match self.step {
            MigrationStep::AwaitingSecurityToken => {
                let read = TokenExchangeResponse::from_http_response(response, &self.config.limits)
                    .and_then(|r| self.check_security_token(r, now));
                match read {
                    Ok((token, expires_at)) => {
                        self.security_token = Some(token);
                        self.security_token_expires_at = Some(expires_at);
                        self.step = MigrationStep::PartnerRequestToSend;
                        Ok(self.step)
                    }
                    Err(error) => Err(self.fail(error)),
                }
            }
            MigrationStep::AwaitingPartnerTokens => {
                let read = TokenResponse::from_http_response(response, &self.config.limits).and_then(|tokens| {
                    match tokens.token_type {
                        TokenType::Bearer => Ok(tokens),
                        ref other => Err(ResponseError::InvalidField {
                            field: "token_type",
                            reason: format!("`{other}` is not Bearer"),
                        }
                        .into()),
                    }
                });
                match read {
                    Ok(tokens) => {
                        self.partner_tokens = Some(tokens);
                        self.step = MigrationStep::Completed;
                        Ok(self.step)
                    }
                    Err(error) => Err(self.fail(error)),
                }
            }
            _ => Err(self.wrong_step("take a response now")),
        }
    }

    /// B.7.3 / Table B.8-1: the security token is checked with the validators' own rules and
    /// claim reader ([`SecurityTokenRules`], without keys: the signature is the partner's to
    /// verify), so that the flow accepts what the partner's validator accepts (a fractional
    /// `exp` included); then its `exp` must leave time to use it.
    fn check_security_token(&self, response: TokenExchangeResponse, now: u64) -> Result<(Secret, u64), Error> {
        let unusable = |why: String| Error::from(FlowError::UnusableSecurityToken(why));
        if response.issued_token_type != TOKEN_TYPE_JWT {
            return Err(unusable(format!(
                "issued_token_type is `{}`, not a JWT",
                crate::http::printable(&response.issued_token_type, 80)
            )));
        }
        let report = self.security_token_rules()?.check_unverified(
            response.access_token.expose(),
            &self.config.client_id,
            now,
            crate::form::limit_usize(self.config.limits.max_token_bytes),
        )?;
        if let Some(rule) = report.rules.iter().find(|rule| rule.outcome == RuleOutcome::Fail) {
            return Err(unusable(format!("rule {} ({}) failed: {}", rule.id, rule.clause, rule.detail)));
        }
        let exp = report.claims.map(|claims| claims.exp).unwrap_or_default();
        if exp < now.saturating_add(self.config.min_security_token_lifetime) {
            return Err(unusable(format!(
                "it expires at {exp}, less than {} s after now ({now})",
                self.config.min_security_token_lifetime
            )));
        }
        Ok((response.access_token, exp))
    }

    /// The rules the client checks a security token with: the partner address in `aud`; `iat`
    /// and `nbf` up to 30 s ahead of the client's clock (the primary IdMS's clock may run ahead
    /// of the UE's; B.2.1.2 allows that much skew), `exp` with no leeway (the client's clock
    /// decides whether it can still be used).
    fn security_token_rules(&self) -> Result<SecurityTokenRules, Error> {
        let skew = u64::from(crate::token::Leeway::MAX_SECONDS);
        Ok(SecurityTokenRules::new(self.target.partner_token_endpoint.clone())?.with_clock_skew(skew)?)
    }

    /// The rule-by-rule check of the security token this flow holds, at `now`: what the
    /// flow checked when it took it (the `signature` rule is not checked; the partner checks
    /// it). `None` before the security token is received, or when the flow was restored
    /// without secrets.
    ///
    /// ```
    /// use mcx_connect::*;
    /// let config = MigrationConfig::new("https://idms.primary.example/token", "mcptt-client", ScopeSet::for_service(McService::Ptt));
    /// let target = MigrationTarget { service: McService::Ptt, partner_system_id: None,
    ///     partner_token_endpoint: "https://idms.partner.example/token".into() };
    /// let flow = MigrationFlow::new(config, target, Secret::new("primary-access-token"))?;
    /// assert!(flow.security_token_report(1_700_000_000)?.is_none());
    /// assert_eq!(flow.security_token_report(1_700_000_000_000).unwrap_err().code(), "now_in_milliseconds");
    /// # Ok::<(), mcx_connect::Error>(())
    /// ```
    pub fn security_token_report(&self, now: u64) -> Result<Option<SecurityTokenReport>, Error> {
        check_now(now)?;
        let Some(token) = &self.security_token else { return Ok(None) };
        let report = self.security_token_rules()?.check_unverified(
            token.expose(),
            &self.config.client_id,
            now,
            crate::form::limit_usize(self.config.limits.max_token_bytes),
        )?;
        Ok(Some(report))
    }
}
