//! The options of the live commands: `login`, `migrate`, `probe partner|primary`.

use crate::help::{PROBE_PARTNER_EXAMPLES, PROBE_PRIMARY_EXAMPLES};
use crate::{ScopeArgs, Service};
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub(crate) struct LoginArgs {
    /// The primary IdMS issuer: its endpoints are read from its OpenID Provider metadata.
    #[arg(long, value_name = "URL")]
    pub(crate) issuer: Option<String>,
    /// The primary IdMS authorization endpoint (instead of the metadata's).
    #[arg(long, value_name = "URL")]
    pub(crate) authorization_endpoint: Option<String>,
    /// The primary IdMS token endpoint (instead of the metadata's).
    #[arg(long, value_name = "URL")]
    pub(crate) token_endpoint: Option<String>,
    /// The client id registered for this native app.
    #[arg(long, value_name = "ID")]
    pub(crate) client_id: String,
    /// A client secret (`-` reads standard input); native apps usually have none.
    #[arg(long, value_name = "SECRET")]
    pub(crate) client_secret: Option<String>,
    #[command(flatten)]
    pub(crate) scope: ScopeArgs,
    /// Print the authorization URL only; never start a browser.
    #[arg(long)]
    pub(crate) no_browser: bool,
    /// Seconds to wait for the browser's redirect.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub(crate) timeout: u64,
    /// Save the session to FILE (owner-only): endpoints and client; tokens only with --save-secrets.
    #[arg(long, value_name = "FILE")]
    pub(crate) save: Option<String>,
    /// Include the tokens in the saved session (`migrate --session` needs the access token).
    #[arg(long, requires = "save")]
    pub(crate) save_secrets: bool,
    #[command(flatten)]
    pub(crate) net: NetArgs,
}

/// How the live commands reach the servers.
#[derive(Debug, Args)]
pub(crate) struct NetArgs {
    /// PEM file of the CA that signs the IdMS certificates (a private CA), instead of the
    /// Mozilla roots.
    #[arg(long, value_name = "FILE")]
    pub(crate) ca_file: Option<String>,
    /// Accept only a server whose key has this SHA-256 SubjectPublicKeyInfo digest (base64, as
    /// `--verbose` shows it; repeatable). The certificate must still verify.
    #[arg(long, value_name = "BASE64")]
    pub(crate) pin_sha256: Vec<String>,
    /// Accept plain http to loopback hosts (tests, demos). Never for other hosts.
    #[arg(long)]
    pub(crate) allow_loopback_http: bool,
}

#[derive(Debug, Args)]
pub(crate) struct MigrateArgs {
    /// The MC service user profile(s) naming the partner system (TS 24.484).
    #[arg(long, value_name = "FILE", conflicts_with = "partner_token_endpoint")]
    pub(crate) profile: Option<Vec<String>>,
    /// The MC service to migrate (not with --resume: the saved flow has it).
    #[arg(long, value_enum, required_unless_present = "resume")]
    pub(crate) service: Option<Service>,
    /// The partner system's id in the profile.
    #[arg(long, value_name = "ID")]
    pub(crate) partner: Option<String>,
    /// The partner IdMS token endpoint, instead of reading it from a profile.
    #[arg(long, value_name = "URL")]
    pub(crate) partner_token_endpoint: Option<String>,
    /// The primary IdMS token endpoint (default: the session's).
    #[arg(long, value_name = "URL")]
    pub(crate) token_endpoint: Option<String>,
    /// The client id (default: the session's).
    #[arg(long, value_name = "ID")]
    pub(crate) client_id: Option<String>,
    /// A client secret for the primary (`-` reads standard input).
    #[arg(long, value_name = "SECRET")]
    pub(crate) client_secret: Option<String>,
    /// The session `login --save --save-secrets` wrote (token endpoint, client id, access token).
    #[arg(long, value_name = "FILE")]
    pub(crate) session: Option<String>,
    /// The primary access token (`-` reads standard input).
    #[arg(long, value_name = "TOKEN|-")]
    pub(crate) access_token: Option<String>,
    /// The scope requested from the partner (default: openid and the four scopes of --service).
    #[arg(long, value_name = "SCOPE")]
    pub(crate) scope: Option<String>,
    /// The primary's issuer, to show the security token's `iss` rule.
    #[arg(long, value_name = "URL")]
    pub(crate) issuer: Option<String>,
    /// The primary's JWK Set URL, to show the security token's signature rule.
    #[arg(long, value_name = "URL")]
    pub(crate) jwks_uri: Option<String>,
    /// The longest security-token lifetime the rules accept, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub(crate) max_lifetime: u64,
    /// Save the flow's state to FILE (owner-only); secrets only with --save-secrets.
    #[arg(long, value_name = "FILE")]
    pub(crate) save: Option<String>,
    /// Include the tokens in the saved flow.
    #[arg(long, requires = "save")]
    pub(crate) save_secrets: bool,
    /// Continue a flow saved with --save.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["profile", "partner_token_endpoint"])]
    pub(crate) resume: Option<String>,
    /// Stop after this step (`exchange`), to resume later.
    #[arg(long, value_name = "STEP", value_parser = ["exchange"])]
    pub(crate) stop_after: Option<String>,
    #[command(flatten)]
    pub(crate) net: NetArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ProbeCommand {
    /// Probe a partner IdMS token endpoint (B.7.4, B.7.5, RFC 7523).
    #[command(after_help = PROBE_PARTNER_EXAMPLES)]
    Partner(ProbePartnerArgs),
    /// Probe a primary IdMS token endpoint (B.7.2, B.7.3, RFC 8693).
    #[command(after_help = PROBE_PRIMARY_EXAMPLES)]
    Primary(ProbePrimaryArgs),
}

/// How a probe is given the primary access token (for the token exchange).
#[derive(Debug, Args)]
pub(crate) struct PrimaryAccessArgs {
    /// The primary access token (`-` reads standard input).
    #[arg(long, value_name = "TOKEN|-")]
    pub(crate) access_token: Option<String>,
    /// The session `login --save --save-secrets` wrote (its access token).
    #[arg(long, value_name = "FILE")]
    pub(crate) session: Option<String>,
}

impl PrimaryAccessArgs {
    /// The primary access token given, directly or through the session; `None` when neither was.
    pub(crate) fn read(&self, stdin_used: &mut bool) -> Result<Option<String>, crate::Failure> {
        let session = self.session.as_deref().map(|p| crate::wire::read_session(p, stdin_used)).transpose()?;
        crate::wire::access_token(self.access_token.as_deref(), session.as_ref(), stdin_used)
    }
}

#[derive(Debug, Args)]
pub(crate) struct ProbePartnerArgs {
    /// The partner IdMS token endpoint.
    #[arg(long, value_name = "URL")]
    pub(crate) token_endpoint: String,
    /// The client id (B.7.4 `client_id`).
    #[arg(long, value_name = "ID")]
    pub(crate) client_id: String,
    #[command(flatten)]
    pub(crate) scope: ScopeArgs,
    /// A valid security token for this partner (`-` reads standard input).
    #[arg(long, value_name = "TOKEN|-")]
    pub(crate) assertion: Option<String>,
    /// Obtain the security tokens by token exchange at this primary IdMS token endpoint.
    #[arg(long, value_name = "URL", conflicts_with = "assertion")]
    pub(crate) primary_token_endpoint: Option<String>,
    #[command(flatten)]
    pub(crate) primary: PrimaryAccessArgs,
    /// Another partner token endpoint the primary has an agreement for: a security token for
    /// it must be refused here.
    #[arg(long, value_name = "URL", requires = "primary_token_endpoint")]
    pub(crate) other_target: Option<String>,
    /// A security token for this partner that has expired (`-` reads standard input).
    #[arg(long, value_name = "TOKEN|-")]
    pub(crate) expired_assertion: Option<String>,
    #[command(flatten)]
    pub(crate) net: NetArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ProbePrimaryArgs {
    /// The primary IdMS token endpoint.
    #[arg(long, value_name = "URL")]
    pub(crate) token_endpoint: String,
    /// The client id.
    #[arg(long, value_name = "ID")]
    pub(crate) client_id: String,
    /// A partner token endpoint the primary has an agreement for (the `resource`).
    #[arg(long, value_name = "URL")]
    pub(crate) resource: String,
    #[command(flatten)]
    pub(crate) primary: PrimaryAccessArgs,
    /// The primary's issuer (`iss` of the security token).
    #[arg(long, value_name = "URL")]
    pub(crate) issuer: Option<String>,
    /// The primary's JWK Set URL (the security token's signature).
    #[arg(long, value_name = "URL", conflicts_with = "jwks")]
    pub(crate) jwks_uri: Option<String>,
    /// The primary's JWK Set as a file.
    #[arg(long, value_name = "FILE")]
    pub(crate) jwks: Option<String>,
    /// The longest acceptable security-token lifetime (`exp` - `iat`), in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub(crate) max_lifetime: u64,
    #[command(flatten)]
    pub(crate) net: NetArgs,
}
