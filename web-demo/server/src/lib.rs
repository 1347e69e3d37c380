//! # mcx-connect-demo
//!
//! A loopback server for the dispatch-console demo. It plays **both** identity management
//! servers of a migration (TS 33.180 Annex B):
//!
//! * the **primary IdMS**: authorization endpoint with a minimal login form (B.4, PKCE S256),
//!   token endpoint (authorization code, refresh (B.5), token exchange issuing a signed security
//!   token (B.7.2/B.7.3)) and its JWKS;
//! * the **partner IdMS** (`a` and `b`): token endpoint for the jwt-bearer request (B.7.4/B.7.5),
//!   which authenticates the security token against the primary's JWKS, and its JWKS.
//!
//! Every parse, check and response goes through the `mcx-connect` core's server role; this
//! crate only moves bytes, keeps the in-memory grants and signs with keys generated at start.
//! Loopback `http` is accepted everywhere ([`EndpointPolicy::ALLOW_LOOPBACK_HTTP`](mcx_connect::EndpointPolicy::ALLOW_LOOPBACK_HTTP)): that is the
//! point of a loopback demo.
//!
//! The files, by role (none over ~250 lines):
//!
//! | file | role |
//! |---|---|
//! | `http.rs` | the axum ↔ core adapter: start here to serve the core from your own axum, hyper or tower server |
//! | `authorize.rs` | primary IdMS: authorization endpoint (B.4) and its login form |
//! | `primary.rs` | primary IdMS: token endpoint (code + PKCE, refresh, token exchange issuing the security token) and JWKS |
//! | `partner.rs` | partner IdMS: token endpoint (jwt-bearer, B.7.4/B.7.5) and JWKS |
//! | `pages.rs` | the console's files, the npm package, `/demo/config.json`, the sample profiles |
//! | `state.rs` | keys, JWK Sets, codes and refresh tokens in memory, addresses |
//! | `lib.rs` | [`Config`], [`router`], [`start`] |

mod authorize;
mod http;
mod pages;
mod partner;
mod primary;
mod state;

use axum::middleware;
use axum::routing::{get, post};
use axum::Router;
use mcx_connect::token::TokenError;
use state::Demo;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// The built-in user's name.
pub const DEMO_USER: &str = "alice";
/// The built-in user's password (shown on the login form: this is a demo).
pub const DEMO_PASSWORD: &str = "demo";
/// The client every IdMS of the demo accepts.
pub const CLIENT_ID: &str = "mcx-console";
/// A client the primary accepts but no partner does (the partner answers `unauthorized_client`).
pub const RESTRICTED_CLIENT_ID: &str = "mcx-console-unlisted";
/// The partner systems the server plays (`/partner/{id}/token`).
pub const PARTNER_IDS: [&str; 2] = ["a", "b"];
/// Lifetime of the security token in seconds (short, so the clock-skew control can show expiry).
pub const SECURITY_TOKEN_LIFETIME: u64 = 120;
/// Clock leeway the partner allows when it checks `exp`/`iat` (TS 33.180: at most 30 seconds).
pub const LEEWAY_SECONDS: u64 = 30;
/// Demo-only request header: seconds added to the partner's clock, to show the leeway rule.
pub const CLOCK_SKEW_HEADER: &str = "x-demo-clock-skew";
/// Lifetime of access and ID tokens in seconds.
pub(crate) const ACCESS_TOKEN_LIFETIME: u64 = 600;
/// Lifetime of an authorization code in seconds.
pub(crate) const CODE_LIFETIME: u64 = 120;
/// The `kid` of the primary IdMS's signing key in its JWK Set.
pub const PRIMARY_KID: &str = "primary-es256";
/// The `kid` of the partners' signing key in their JWK Sets.
pub(crate) const PARTNER_KID: &str = "partner-es256";

/// Where the server listens and what it serves.
#[derive(Debug, Clone)]
pub struct Config {
    /// Socket address to bind (`127.0.0.1:8080` by default; port 0 picks a free port).
    pub addr: SocketAddr,
    /// Folder holding the console (`index.html`, `app.js`, `style.css`).
    pub web_dir: PathBuf,
    /// Folder holding the npm package's web build (served under `/pkg/`).
    pub pkg_dir: PathBuf,
    /// The primary IdMS's ES256 private scalar (32 bytes), published under the `kid`
    /// [`PRIMARY_KID`]. `None` (the default): a random key drawn at start. A fixed key lets a
    /// test sign tokens the demo trusts, such as the expired security token the conformance
    /// probe presents (`mcx-connect probe partner --expired-assertion`).
    pub primary_key: Option<[u8; 32]>,
}

impl Default for Config {
    fn default() -> Self {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let web_dir = manifest.join("..");
        let pkg_dir = manifest.join("../../bindings/wasm/pkg/web");
        Self { addr: SocketAddr::from(([127, 0, 0, 1], 8080)), web_dir, pkg_dir, primary_key: None }
    }
}

/// A running server.
#[derive(Debug)]
pub struct RunningServer {
    /// The bound address.
    pub addr: SocketAddr,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base_url: String,
    /// The serving task.
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Why the server could not start.
#[derive(Debug)]
pub enum StartError {
    /// Binding or reading the socket failed.
    Io(std::io::Error),
    /// The operating system's random source failed.
    Random,
    /// A key or validator could not be built.
    Token(TokenError),
    /// The embedded sample profile does not parse (a bug).
    Profile(String),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Io(e) => write!(f, "cannot listen: {e}"),
            StartError::Random => f.write_str("the operating system's random source failed"),
            StartError::Token(e) => write!(f, "cannot set up the signing keys: {e}"),
            StartError::Profile(e) => write!(f, "the embedded sample profile does not parse: {e}"),
        }
    }
}

impl std::error::Error for StartError {}

/// Binds `config.addr` and serves in a spawned task (call inside a tokio runtime).
pub async fn start(config: Config) -> Result<RunningServer, StartError> {
    let listener = tokio::net::TcpListener::bind(config.addr).await.map_err(StartError::Io)?;
    let addr = listener.local_addr().map_err(StartError::Io)?;
    let base_url = format!("http://{addr}");
    let app = router(&config, &base_url)?;
    let task = tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(RunningServer { addr, base_url, task })
}

/// Builds the application for a server reachable at `base_url`.
pub fn router(config: &Config, base_url: &str) -> Result<Router, StartError> {
    let state = Arc::new(Demo::new(base_url, config.primary_key)?);
    Ok(pages::routes(config)
        .route("/primary/authorize", get(authorize::authorize_form).post(authorize::authorize_submit))
        .route("/primary/token", post(primary::token))
        .route("/primary/jwks.json", get(primary::jwks))
        .route("/partner/{id}/token", post(partner::token))
        .route("/partner/{id}/jwks.json", get(partner::jwks))
        .layer(middleware::from_fn(http::log_request))
        .with_state(state))
}
