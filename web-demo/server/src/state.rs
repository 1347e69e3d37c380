//! What both IdMS roles keep: the signing keys and JWK Sets, the served profiles, the
//! authorization codes and refresh tokens in memory, and the addresses derived from the
//! server's base URL.

use crate::{StartError, CLIENT_ID, PARTNER_KID, PRIMARY_KID, RESTRICTED_CLIENT_ID, SECURITY_TOKEN_LIFETIME};
use base64ct::{Base64UrlUnpadded, Encoding};
use mcx_connect::token::{JwkSet, SecurityTokenIssuer, SigningKey};
use mcx_connect::{EndpointPolicy, ParseOptions, ScopeSet, UserProfile};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// The sample MCPTT user profile; `{{BASE}}` becomes the server's address.
const SAMPLE_PROFILE: &str = include_str!("../sample-profile.xml");
/// Partner b's token endpoint in the sample profile, before `{{BASE}}` is replaced.
const PARTNER_B_TOKEN_ENDPOINT: &str = "<idms-token-endpoint>{{BASE}}/partner/b/token</idms-token-endpoint>";
/// What the one-broken-partner profile has instead: plain `http` off the loopback interface,
/// which the endpoint policy refuses (`endpoint_insecure`).
const INSECURE_TOKEN_ENDPOINT: &str = "<idms-token-endpoint>http://idms.partner-b.example/token</idms-token-endpoint>";

/// An authorization code waiting to be redeemed.
pub(crate) struct CodeGrant {
    pub(crate) client_id: String,
    pub(crate) redirect_uri: String,
    pub(crate) code_challenge: String,
    pub(crate) scope: ScopeSet,
    pub(crate) nonce: Option<String>,
    pub(crate) expires_at: u64,
}

/// A refresh token's grant.
pub(crate) struct RefreshGrant {
    pub(crate) client_id: String,
    pub(crate) scope: ScopeSet,
}

/// The state of both IdMS roles.
pub(crate) struct Demo {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub(crate) base: String,
    pub(crate) primary_key: SigningKey,
    pub(crate) primary_jwks: JwkSet,
    /// Builds and signs the security tokens of B.7.3 with the primary's key.
    pub(crate) security_tokens: SecurityTokenIssuer,
    pub(crate) partner_key: SigningKey,
    pub(crate) partner_jwks: JwkSet,
    /// The sample profile, partners pointing back at this server.
    pub(crate) sample_profile: String,
    /// The sample profile with partner b's token endpoint on plain `http` (partner a usable).
    pub(crate) broken_partner_profile: String,
    pub(crate) codes: Mutex<HashMap<String, CodeGrant>>,
    pub(crate) refresh_tokens: Mutex<HashMap<String, RefreshGrant>>,
}

impl Demo {
    pub(crate) fn new(base: &str, primary_key: Option<[u8; 32]>) -> Result<Self, StartError> {
        let primary_key = match primary_key {
            Some(scalar) => scalar,
            None => random_bytes()?,
        };
        let primary_key = SigningKey::es256(&primary_key).map_err(StartError::Token)?;
        let partner_key = SigningKey::es256(&random_bytes()?).map_err(StartError::Token)?;
        let primary_jwks = JwkSet::from_keys(primary_key.public_jwk(Some(PRIMARY_KID)).into_iter().collect());
        let partner_jwks = JwkSet::from_keys(partner_key.public_jwk(Some(PARTNER_KID)).into_iter().collect());
        let sample_profile = SAMPLE_PROFILE.replace("{{BASE}}", base);
        UserProfile::parse(sample_profile.as_bytes(), EndpointPolicy::ALLOW_LOOPBACK_HTTP)
            .map_err(|e| StartError::Profile(e.to_string()))?;
        if !SAMPLE_PROFILE.contains(PARTNER_B_TOKEN_ENDPOINT) {
            return Err(StartError::Profile("partner b's token endpoint is not where the demo expects it".into()));
        }
        let broken_partner_profile =
            SAMPLE_PROFILE.replace(PARTNER_B_TOKEN_ENDPOINT, INSECURE_TOKEN_ENDPOINT).replace("{{BASE}}", base);
        let security_tokens =
            SecurityTokenIssuer::new(format!("{base}/primary"), primary_key.clone(), SECURITY_TOKEN_LIFETIME)
                .map_err(StartError::Token)?
                .with_kid(PRIMARY_KID);
        Ok(Self {
            base: base.to_owned(),
            primary_key,
            primary_jwks,
            security_tokens,
            partner_key,
            partner_jwks,
            sample_profile,
            broken_partner_profile,
            codes: Mutex::new(HashMap::new()),
            refresh_tokens: Mutex::new(HashMap::new()),
        })
    }

    pub(crate) fn primary_issuer(&self) -> String {
        self.security_tokens.issuer().to_owned()
    }

    pub(crate) fn partner_issuer(&self, id: &str) -> String {
        format!("{}/partner/{id}", self.base)
    }

    pub(crate) fn partner_token_endpoint(&self, id: &str) -> String {
        format!("{}/partner/{id}/token", self.base)
    }

    /// The console's own page, or a native app's loopback redirect on any port (RFC 8252 §7.3:
    /// `mcx-connect login`).
    pub(crate) fn redirect_allowed(&self, redirect_uri: &str) -> bool {
        let loopback_port =
            redirect_uri.strip_prefix("http://127.0.0.1:").and_then(|rest| rest.strip_suffix("/callback"));
        redirect_uri == format!("{}/", self.base)
            || redirect_uri.starts_with(&format!("{}/?", self.base))
            || loopback_port.is_some_and(|port| port.parse::<u16>().is_ok())
    }
}

/// Strict request parsing (the server role), loopback `http` allowed.
pub(crate) fn parse_options() -> ParseOptions {
    ParseOptions { endpoint_policy: EndpointPolicy::ALLOW_LOOPBACK_HTTP, ..ParseOptions::strict() }
}

/// A client the primary IdMS has registered.
pub(crate) fn known_client(client_id: &str) -> bool {
    client_id == CLIENT_ID || client_id == RESTRICTED_CLIENT_ID
}

/// The server's clock, in seconds since the epoch.
pub(crate) fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default()
}

fn random_bytes() -> Result<[u8; 32], StartError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|_| StartError::Random)?;
    Ok(bytes)
}

/// A fresh random value (codes, refresh tokens, `jti`).
pub(crate) fn random_token() -> Option<String> {
    random_bytes().ok().map(|b| Base64UrlUnpadded::encode_string(&b))
}
