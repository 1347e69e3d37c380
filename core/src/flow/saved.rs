//! Saving and restoring a [`MigrationFlow`] as JSON, so that a mobile app can be suspended
//! between two steps. Secrets are left out unless the caller asks for them.

use super::{FlowFailure, MigrationConfig, MigrationFlow, MigrationStep, MigrationTarget};
use crate::endpoint::EndpointPolicy;
use crate::error::{Error, FlowError};
use crate::form::{Limits, Normalisation};
use crate::response::{TokenResponse, TokenType};
use crate::scope::{McService, ScopeSet};
use crate::Secret;
use serde::{Deserialize, Serialize};

const VERSION: u32 = 1;

/// The secrets a flow saved without them needs back when it is restored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "wasm",
    derive(Deserialize, tsify::Tsify),
    tsify(missing_as_null),
    serde(default, rename_all = "camelCase", deny_unknown_fields)
)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FlowSecrets {
    /// The primary access token (needed unless the flow is completed or failed).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed::option"), tsify(type = "string | null"))]
    pub primary_access_token: Option<Secret>,
    /// The client secret, if the client has one.
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed::option"), tsify(type = "string | null"))]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub client_secret: Option<Secret>,
}

// Secrets are written only through `serde_exposed`, and only when the caller asked for them:
// `save(false)` leaves each of them `None` (or the tokens out).
#[derive(Serialize, Deserialize)]
struct SavedTokens {
    #[serde(with = "crate::serde_exposed")]
    access_token: Secret,
    token_type: String,
    expires_in: Option<u64>,
    #[serde(with = "crate::serde_exposed::option")]
    refresh_token: Option<Secret>,
    /// The granted scope in its normal form; read back with [`ScopeSet::parse_reply`], since a
    /// reply's scope may hold values a request's strict reading refuses (a comma).
    scope: Option<String>,
    #[serde(with = "crate::serde_exposed::option")]
    id_token: Option<Secret>,
    #[serde(default)]
    scope_text: Option<String>,
    #[serde(default)]
    normalisations: Vec<Normalisation>,
}

// The saved format is the same JSON in every language: the types below spell out its
// snake_case names, so that the npm build's camelCase serde names (feature `wasm`) of
// `EndpointPolicy`, `Limits`, `MigrationTarget` and `FlowFailure` never reach it.

/// The configuration as saved; the client secret only when secrets are included.
#[derive(Serialize, Deserialize)]
struct SavedConfig {
    primary_token_endpoint: String,
    client_id: String,
    scope: ScopeSet,
    #[serde(default)]
    endpoint_policy: SavedPolicy,
    #[serde(default = "super::default_min_lifetime")]
    min_security_token_lifetime: u64,
    #[serde(default)]
    limits: SavedLimits,
    #[serde(default, with = "crate::serde_exposed::option", skip_serializing_if = "Option::is_none")]
    client_secret: Option<Secret>,
}

#[derive(Default, Serialize, Deserialize)]
struct SavedPolicy {
    #[serde(default)]
    allow_loopback_http: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(default)]
struct SavedLimits {
    max_body_bytes: u64,
    max_parameters: u64,
    max_token_bytes: u64,
}

impl Default for SavedLimits {
    fn default() -> Self {
        Limits::default().into()
    }
}

impl From<Limits> for SavedLimits {
    fn from(limits: Limits) -> Self {
        Self {
            max_body_bytes: limits.max_body_bytes,
            max_parameters: limits.max_parameters,
            max_token_bytes: limits.max_token_bytes,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct SavedTarget {
    service: McService,
    partner_system_id: Option<String>,
    partner_token_endpoint: String,
}

#[derive(Serialize, Deserialize)]
struct SavedFailure {
    code: String,
    oauth_error: Option<String>,
    description: String,
}

#[derive(Serialize, Deserialize)]
struct SavedFlow {
    version: u32,
    config: SavedConfig,
    target: SavedTarget,
    step: MigrationStep,
    secrets_included: bool,
    #[serde(with = "crate::serde_exposed::option")]
    primary_access_token: Option<Secret>,
    #[serde(with = "crate::serde_exposed::option")]
    security_token: Option<Secret>,
    security_token_expires_at: Option<u64>,
    partner_tokens: Option<SavedTokens>,
    failure: Option<SavedFailure>,
}

impl MigrationFlow {
    /// The flow as JSON. Without `include_secrets`, the primary access token, the client secret,
    /// the security token and the partner tokens are left out: a flow restored from it redoes
    /// the exchange if it was between the exchange and the partner request, and a completed
    /// flow keeps its step but not its tokens.
    ///
    /// ```
    /// use mcx_connect::*;
    /// let config = MigrationConfig::new("https://a.example/token", "c", ScopeSet::for_service(McService::Video));
    /// let target = MigrationTarget { service: McService::Video, partner_system_id: None, partner_token_endpoint: "https://b.example/token".into() };
    /// let flow = MigrationFlow::new(config, target, Secret::new("primary-at"))?;
    /// let saved = flow.save(false);
    /// assert!(!saved.contains("primary-at"));
    /// let secrets = FlowSecrets { primary_access_token: Some(Secret::new("primary-at")), client_secret: None };
    /// assert_eq!(MigrationFlow::restore(&saved, secrets)?, flow);
    /// # Ok::<(), mcx_connect::Error>(())
    /// ```
    pub fn save(&self, include_secrets: bool) -> String {
        let keep = |secret: &Secret| include_secrets.then(|| secret.clone());
        let (config, target) = (&self.config, &self.target);
        let saved = SavedFlow {
            version: VERSION,
            config: SavedConfig {
                primary_token_endpoint: config.primary_token_endpoint.clone(),
                client_id: config.client_id.clone(),
                scope: config.scope.clone(),
                endpoint_policy: SavedPolicy { allow_loopback_http: config.endpoint_policy.allow_loopback_http },
                min_security_token_lifetime: config.min_security_token_lifetime,
                limits: config.limits.into(),
                client_secret: config.client_secret.as_ref().and_then(keep),
            },
            target: SavedTarget {
                service: target.service,
                partner_system_id: target.partner_system_id.clone(),
                partner_token_endpoint: target.partner_token_endpoint.clone(),
            },
            step: self.step,
            secrets_included: include_secrets,
            primary_access_token: keep(&self.primary_access_token),
            security_token: self.security_token.as_ref().and_then(keep),
            security_token_expires_at: self.security_token_expires_at,
            partner_tokens: self.partner_tokens.as_ref().filter(|_| include_secrets).map(|t| SavedTokens {
                access_token: t.access_token.clone(),
                token_type: t.token_type.as_str().to_owned(),
                expires_in: t.expires_in,
                refresh_token: t.refresh_token.clone(),
                scope: t.scope.as_ref().map(ToString::to_string),
                id_token: t.id_token.clone(),
                scope_text: t.scope_text.clone(),
                normalisations: t.normalisations.clone(),
            }),
            failure: self.failure.clone().map(|f| SavedFailure {
                code: f.code,
                oauth_error: f.oauth_error,
                description: f.description,
            }),
        };
        serde_json::to_string(&saved).unwrap_or_default()
    }

    /// Restores a saved flow. Secrets given in `secrets` replace missing ones.
    pub fn restore(json: &str, secrets: FlowSecrets) -> Result<Self, Error> {
        let invalid = |why: String| Error::from(FlowError::InvalidSavedFlow(why));
        if json.len() > 256 * 1024 {
            return Err(invalid("it is larger than 256 KiB".into()));
        }
        // The message never quotes a string of the text: a saved flow holds tokens.
        let saved: SavedFlow =
            crate::json::from_str(json).map_err(|e| match crate::json::describe_error(json, &e) {
                (path, message) if path.is_empty() => invalid(format!("not a saved flow: {message}")),
                (path, message) => invalid(format!("not a saved flow: `{path}`: {message}")),
            })?;
        if saved.version != VERSION {
            return Err(invalid(format!("version {} is not {VERSION}", saved.version)));
        }
        let (saved_config, target) = (saved.config, saved.target);
        let config = MigrationConfig {
            primary_token_endpoint: saved_config.primary_token_endpoint,
            client_id: saved_config.client_id,
            client_secret: saved_config.client_secret.or(secrets.client_secret),
            scope: saved_config.scope,
            endpoint_policy: EndpointPolicy { allow_loopback_http: saved_config.endpoint_policy.allow_loopback_http },
            min_security_token_lifetime: saved_config.min_security_token_lifetime,
            limits: Limits {
                max_body_bytes: saved_config.limits.max_body_bytes,
                max_parameters: saved_config.limits.max_parameters,
                max_token_bytes: saved_config.limits.max_token_bytes,
            },
        };
        let target = MigrationTarget {
            service: target.service,
            partner_system_id: target.partner_system_id,
            partner_token_endpoint: target.partner_token_endpoint,
        };
        let needs_access_token = !matches!(saved.step, MigrationStep::Completed | MigrationStep::Failed);
        let primary_access_token =
            match (saved.primary_access_token.or(secrets.primary_access_token), needs_access_token) {
                (Some(token), _) => token,
                (None, false) => Secret::default(),
                (None, true) => {
                    return Err(invalid(
                        "the primary access token is needed to continue; pass it in FlowSecrets".into(),
                    ))
                }
            };
        let mut step = saved.step;
        let security_token = saved.security_token;
        if security_token.is_none()
            && matches!(step, MigrationStep::PartnerRequestToSend | MigrationStep::AwaitingPartnerTokens)
        {
            step = MigrationStep::ExchangeToSend;
        }
        let mut flow = MigrationFlow::new(config, target, primary_access_token)?;
        flow.step = step;
        flow.security_token_expires_at = security_token.as_ref().and(saved.security_token_expires_at);
        flow.security_token = security_token;
        flow.partner_tokens = saved.partner_tokens.map(|t| TokenResponse {
            access_token: t.access_token,
            token_type: TokenType::parse(&t.token_type),
            expires_in: t.expires_in,
            refresh_token: t.refresh_token,
            scope: t.scope.map(|text| ScopeSet::parse_reply(&text, &mut Vec::new())),
            id_token: t.id_token,
            scope_text: t.scope_text,
            normalisations: t.normalisations,
        });
        flow.failure =
            saved.failure.map(|f| FlowFailure { code: f.code, oauth_error: f.oauth_error, description: f.description });
        Ok(flow)
    }
}
