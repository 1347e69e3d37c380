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
//! Loopback `http` is accepted everywhere ([`EndpointPolicy::ALLOW_LOOPBACK_HTTP`]): that is the
//! point of a loopback demo.

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64ct::{Base64UrlUnpadded, Encoding};
use mcx_connect::token::{
    sign, AccessTokenValidator, JwkSet, JwsHeader, SecurityTokenIssuer, SecurityTokenValidator, SigningKey, TokenError,
    Verifier,
};
use mcx_connect::{
    AuthorizationCodeRequest, EndpointPolicy, ErrorResponse, HttpRequest, HttpResponse, IncomingAuthorizationRequest,
    JwtBearerRequest, OAuthErrorCode, ParseOptions, RefreshRequest, Scope, ScopeSet, Secret, TokenExchangeRequest,
    TokenRequest, TokenResponse, UserProfile,
};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tower_http::services::{ServeDir, ServeFile};

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
const ACCESS_TOKEN_LIFETIME: u64 = 600;
/// Lifetime of an authorization code in seconds.
const CODE_LIFETIME: u64 = 120;
/// The sample MCPTT user profile; `{{BASE}}` becomes the server's address.
const SAMPLE_PROFILE: &str = include_str!("../sample-profile.xml");
/// A profile whose partner has no `idms-token-endpoint` (the console must refuse it).
const MISSING_ENDPOINT_PROFILE: &str = include_str!("../../../tests/fixtures/profiles/bad-missing-token-endpoint.xml");

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
    let web = &config.web_dir;
    Ok(Router::new()
        .route_service("/", ServeFile::new(web.join("index.html")))
        .route_service("/index.html", ServeFile::new(web.join("index.html")))
        .route_service("/app.js", ServeFile::new(web.join("app.js")))
        .route_service("/style.css", ServeFile::new(web.join("style.css")))
        .nest_service("/pkg", ServeDir::new(&config.pkg_dir))
        .route("/demo/config.json", get(demo_config))
        .route("/profiles/sample.xml", get(sample_profile))
        .route("/profiles/missing-token-endpoint.xml", get(missing_endpoint_profile))
        .route("/primary/authorize", get(authorize_form).post(authorize_submit))
        .route("/primary/token", post(primary_token))
        .route("/primary/jwks.json", get(primary_jwks))
        .route("/partner/{id}/token", post(partner_token))
        .route("/partner/{id}/jwks.json", get(partner_jwks))
        .layer(middleware::from_fn(log_request))
        .with_state(state))
}

/// An authorization code waiting to be redeemed.
struct CodeGrant {
    client_id: String,
    redirect_uri: String,
    code_challenge: String,
    scope: ScopeSet,
    nonce: Option<String>,
    expires_at: u64,
}

/// A refresh token's grant.
struct RefreshGrant {
    client_id: String,
    scope: ScopeSet,
}

/// The state of both IdMS roles.
struct Demo {
    base: String,
    primary_key: SigningKey,
    primary_jwks: JwkSet,
    /// Builds and signs the security tokens of B.7.3 with the primary's key.
    security_tokens: SecurityTokenIssuer,
    partner_key: SigningKey,
    partner_jwks: JwkSet,
    sample_profile: String,
    codes: Mutex<HashMap<String, CodeGrant>>,
    refresh_tokens: Mutex<HashMap<String, RefreshGrant>>,
}

/// The `kid` of the primary IdMS's signing key in its JWK Set.
pub const PRIMARY_KID: &str = "primary-es256";
const PARTNER_KID: &str = "partner-es256";

impl Demo {
    fn new(base: &str, primary_key: Option<[u8; 32]>) -> Result<Self, StartError> {
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
            codes: Mutex::new(HashMap::new()),
            refresh_tokens: Mutex::new(HashMap::new()),
        })
    }

    fn primary_issuer(&self) -> String {
        self.security_tokens.issuer().to_owned()
    }

    fn partner_issuer(&self, id: &str) -> String {
        format!("{}/partner/{id}", self.base)
    }

    fn partner_token_endpoint(&self, id: &str) -> String {
        format!("{}/partner/{id}/token", self.base)
    }

    /// The console's own page, or a native app's loopback redirect on any port (RFC 8252 §7.3:
    /// `mcx-connect login`).
    fn redirect_allowed(&self, redirect_uri: &str) -> bool {
        let loopback_port =
            redirect_uri.strip_prefix("http://127.0.0.1:").and_then(|rest| rest.strip_suffix("/callback"));
        redirect_uri == format!("{}/", self.base)
            || redirect_uri.starts_with(&format!("{}/?", self.base))
            || loopback_port.is_some_and(|port| port.parse::<u16>().is_ok())
    }
}

fn parse_options() -> ParseOptions {
    ParseOptions { endpoint_policy: EndpointPolicy::ALLOW_LOOPBACK_HTTP, ..ParseOptions::strict() }
}

fn known_client(client_id: &str) -> bool {
    client_id == CLIENT_ID || client_id == RESTRICTED_CLIENT_ID
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default()
}

fn random_bytes() -> Result<[u8; 32], StartError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|_| StartError::Random)?;
    Ok(bytes)
}

/// A fresh random value (codes, refresh tokens, `jti`).
fn random_token() -> Option<String> {
    random_bytes().ok().map(|b| Base64UrlUnpadded::encode_string(&b))
}

/// The core's request value from what axum received.
fn core_request(method: &Method, url: String, headers: &HeaderMap, body: &Bytes) -> HttpRequest {
    let headers = headers
        .iter()
        .filter_map(|(name, value)| value.to_str().ok().map(|v| (name.as_str().to_owned(), v.to_owned())))
        .collect();
    HttpRequest { method: method.as_str().to_owned(), url, headers, body: body.to_vec() }
}

/// Writes the core's response value.
fn http_response(response: HttpResponse) -> Response {
    let mut builder = Response::builder().status(response.status);
    for (name, value) in &response.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    builder.body(Body::from(response.body)).unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// An RFC 6749 §5.2 error response written by the core.
fn oauth_error(code: OAuthErrorCode, description: impl Into<String>) -> Response {
    http_response(ErrorResponse::new(code, Some(description.into())).to_http_response())
}

fn server_error(what: &str) -> Response {
    oauth_error(OAuthErrorCode::ServerError, what)
}

/// One log line per request; the query (codes, state, PKCE challenge) is redacted.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let query = if request.uri().query().is_some() { "?[query redacted]" } else { "" };
    let response = next.run(request).await;
    let elapsed: Duration = started.elapsed();
    println!("{method} {path}{query} -> {} ({} ms)", response.status().as_u16(), elapsed.as_millis());
    response
}

async fn demo_config(State(demo): State<Arc<Demo>>) -> Json<Value> {
    let partners: Vec<Value> = PARTNER_IDS
        .iter()
        .map(|id| {
            json!({"id": id, "issuer": demo.partner_issuer(id), "token_endpoint": demo.partner_token_endpoint(id),
                   "jwks_uri": format!("{}/jwks.json", demo.partner_issuer(id))})
        })
        .collect();
    Json(json!({
        "base_url": demo.base,
        "redirect_uri": format!("{}/", demo.base),
        "primary": {
            "issuer": demo.primary_issuer(),
            "authorization_endpoint": format!("{}/primary/authorize", demo.base),
            "token_endpoint": format!("{}/primary/token", demo.base),
            "jwks_uri": format!("{}/primary/jwks.json", demo.base),
        },
        "partners": partners,
        "clients": [
            {"client_id": CLIENT_ID, "partners_accept": true},
            {"client_id": RESTRICTED_CLIENT_ID, "partners_accept": false},
        ],
        "user": {"username": DEMO_USER, "password": DEMO_PASSWORD},
        "security_token_lifetime": SECURITY_TOKEN_LIFETIME,
        "leeway_seconds": LEEWAY_SECONDS,
        "clock_skew_header": CLOCK_SKEW_HEADER,
    }))
}

fn xml(text: String) -> Response {
    ([("content-type", "application/xml; charset=utf-8")], text).into_response()
}

async fn sample_profile(State(demo): State<Arc<Demo>>) -> Response {
    xml(demo.sample_profile.clone())
}

async fn missing_endpoint_profile() -> Response {
    xml(MISSING_ENDPOINT_PROFILE.to_owned())
}

async fn primary_jwks(State(demo): State<Arc<Demo>>) -> Json<Value> {
    Json(demo.primary_jwks.to_json())
}

async fn partner_jwks(State(demo): State<Arc<Demo>>, Path(id): Path<String>) -> Response {
    if !PARTNER_IDS.contains(&id.as_str()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    Json(demo.partner_jwks.to_json()).into_response()
}

// ---- authorization endpoint (B.4) ------------------------------------------------------------

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <link rel=\"stylesheet\" href=\"/style.css\"></head><body class=\"idms\"><main class=\"login\">\
         <p class=\"brand\">Primary IdMS (loopback demo)</p><h1>{title}</h1>{body}</main></body></html>"
    );
    (status, Html(html)).into_response()
}

fn refusal_page(rejection_code: &str, description: &str) -> Response {
    page(
        StatusCode::BAD_REQUEST,
        "This sign-in request cannot be accepted",
        &format!(
            "<p role=\"alert\" class=\"error\">{} <code>{}</code></p>",
            escape(description),
            escape(rejection_code)
        ),
    )
}

fn login_form(request: &IncomingAuthorizationRequest, query: &str, message: Option<&str>) -> Response {
    let alert = message.map(|m| format!("<p role=\"alert\" class=\"error\">{}</p>", escape(m))).unwrap_or_default();
    let body = format!(
        "{alert}<p>The application <strong>{client}</strong> asks to sign you in for <code>{scope}</code>.</p>\
         <form method=\"post\" action=\"/primary/authorize\">\
         <input type=\"hidden\" name=\"request\" value=\"{query}\">\
         <label for=\"username\">User name</label><input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus>\
         <label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\
         <p class=\"hint\">Demo user: <code>{user}</code>, password <code>{password}</code>.</p>\
         <div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"login\">Sign in</button>\
         <button type=\"submit\" name=\"action\" value=\"deny\" formnovalidate class=\"secondary\">Cancel</button></div></form>",
        client = escape(&request.client_id),
        scope = escape(&request.scope.to_string()),
        query = escape(query),
        user = DEMO_USER,
        password = DEMO_PASSWORD,
    );
    page(StatusCode::OK, "Sign in", &body)
}

/// Reads the authorization request with the core; refuses an unknown client or redirect URI
/// on a page (never redirecting to an unverified address).
/// The refusal is boxed (a `Response` is large).
fn read_authorization(demo: &Demo, query: &str) -> Result<IncomingAuthorizationRequest, Box<Response>> {
    let url = format!("{}/primary/authorize?{query}", demo.base);
    let request = IncomingAuthorizationRequest::parse_url(&url)
        .map_err(|rejection| Box::new(refusal_page(rejection.error.as_str(), &rejection.cause.to_string())))?;
    if !known_client(&request.client_id) {
        return Err(Box::new(refusal_page("unauthorized_client", "The application is not registered with this IdMS.")));
    }
    if !demo.redirect_allowed(&request.redirect_uri) {
        return Err(Box::new(refusal_page(
            "invalid_request",
            "The redirect address is not registered for this application.",
        )));
    }
    Ok(request)
}

async fn authorize_form(State(demo): State<Arc<Demo>>, uri: Uri) -> Response {
    let query = uri.query().unwrap_or_default();
    match read_authorization(&demo, query) {
        Ok(request) => login_form(&request, query, None),
        Err(page) => *page,
    }
}

fn see_other(location: &str) -> Response {
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header("location", location)
        .header("cache-control", "no-store")
        .body(Body::empty())
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

async fn authorize_submit(State(demo): State<Arc<Demo>>, Form(form): Form<HashMap<String, String>>) -> Response {
    let query = form.get("request").map(String::as_str).unwrap_or_default();
    let request = match read_authorization(&demo, query) {
        Ok(request) => request,
        Err(page) => return *page,
    };
    if form.get("action").map(String::as_str) == Some("deny") {
        let error = ErrorResponse::new(OAuthErrorCode::AccessDenied, Some("the user cancelled the sign-in".into()));
        return see_other(&request.error_redirect(&error));
    }
    let user = form.get("username").map(String::as_str).unwrap_or_default();
    let password = form.get("password").map(String::as_str).unwrap_or_default();
    if user != DEMO_USER || password != DEMO_PASSWORD {
        return login_form(&request, query, Some("Wrong user name or password."));
    }
    let Some(code) = random_token() else { return server_error("no randomness") };
    let grant = CodeGrant {
        client_id: request.client_id.clone(),
        redirect_uri: request.redirect_uri.clone(),
        code_challenge: request.code_challenge.clone(),
        scope: request.scope.clone(),
        nonce: request.nonce.clone(),
        expires_at: now() + CODE_LIFETIME,
    };
    match demo.codes.lock() {
        Ok(mut codes) => {
            codes.insert(code.clone(), grant);
        }
        Err(_) => return server_error("state unavailable"),
    }
    see_other(&request.success_redirect(&code))
}

// ---- primary token endpoint -------------------------------------------------------------------

fn request_url(demo: &Demo, uri: &Uri) -> String {
    format!("{}{}", demo.base, uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"))
}

fn scope_text(scope: &ScopeSet) -> String {
    scope.to_string()
}

/// Signs the primary's access, ID and refresh tokens for the built-in user.
fn primary_tokens(demo: &Demo, client_id: &str, scope: &ScopeSet, nonce: Option<&str>) -> Response {
    let now = now();
    let issuer = demo.primary_issuer();
    let (Some(jti), Some(refresh)) = (random_token(), random_token()) else { return server_error("no randomness") };
    let access = json!({
        "iss": issuer, "sub": DEMO_USER, "aud": [issuer], "client_id": client_id, "scope": scope_text(scope),
        "iat": now, "exp": now + ACCESS_TOKEN_LIFETIME, "jti": jti, "mcptt_id": mcptt_id(),
    });
    let mut id = json!({
        "iss": issuer, "sub": DEMO_USER, "aud": client_id, "azp": client_id, "iat": now, "auth_time": now,
        "exp": now + ACCESS_TOKEN_LIFETIME, "mcptt_id": mcptt_id(),
    });
    if let (Some(nonce), Some(object)) = (nonce, id.as_object_mut()) {
        object.insert("nonce".into(), Value::String(nonce.to_owned()));
    }
    let header = JwsHeader::new(demo.primary_key.algorithm()).with_kid(PRIMARY_KID);
    let (Ok(access), Ok(id)) = (sign(&header, &access, &demo.primary_key), sign(&header, &id, &demo.primary_key))
    else {
        return server_error("signing failed");
    };
    match demo.refresh_tokens.lock() {
        Ok(mut tokens) => {
            tokens.insert(refresh.clone(), RefreshGrant { client_id: client_id.to_owned(), scope: scope.clone() });
        }
        Err(_) => return server_error("state unavailable"),
    }
    let mut response = TokenResponse::bearer(access);
    response.expires_in = Some(ACCESS_TOKEN_LIFETIME);
    response.refresh_token = Some(Secret::new(refresh));
    response.scope = Some(scope.clone());
    if scope.contains(&Scope::OpenId) {
        response.id_token = Some(id);
    }
    http_response(response.to_http_response())
}

fn mcptt_id() -> &'static str {
    "sip:alice@ptt.primary.example"
}

fn client_of(client: &mcx_connect::ClientAuthentication) -> Result<String, Box<Response>> {
    match client.id() {
        Some(id) if known_client(id) => Ok(id.to_owned()),
        Some(_) => {
            Err(Box::new(oauth_error(OAuthErrorCode::InvalidClient, "the client is not registered with this IdMS")))
        }
        None => Err(Box::new(oauth_error(
            OAuthErrorCode::InvalidClient,
            "the request does not name its client (client_id)",
        ))),
    }
}

fn code_grant(demo: &Demo, request: &AuthorizationCodeRequest) -> Response {
    let client_id = match client_of(&request.client) {
        Ok(id) => id,
        Err(response) => return *response,
    };
    let grant = match demo.codes.lock() {
        Ok(mut codes) => codes.remove(request.code.expose()),
        Err(_) => return server_error("state unavailable"),
    };
    let Some(grant) = grant else {
        return oauth_error(OAuthErrorCode::InvalidGrant, "the authorization code is unknown or was already used");
    };
    if grant.expires_at < now() {
        return oauth_error(OAuthErrorCode::InvalidGrant, "the authorization code has expired");
    }
    if grant.client_id != client_id {
        return oauth_error(OAuthErrorCode::InvalidGrant, "the authorization code was issued to another client");
    }
    if let Err(rejection) = request.verify(&grant.code_challenge, &grant.redirect_uri) {
        return http_response(rejection.to_http_response());
    }
    primary_tokens(demo, &client_id, &grant.scope, grant.nonce.as_deref())
}

fn refresh_grant(demo: &Demo, request: &RefreshRequest) -> Response {
    let client_id = match client_of(&request.client) {
        Ok(id) => id,
        Err(response) => return *response,
    };
    let granted = match demo.refresh_tokens.lock() {
        Ok(tokens) => tokens.get(request.refresh_token.expose()).map(|g| (g.client_id.clone(), g.scope.clone())),
        Err(_) => return server_error("state unavailable"),
    };
    let Some((owner, granted)) = granted else {
        return oauth_error(OAuthErrorCode::InvalidGrant, "the refresh token is unknown");
    };
    if owner != client_id {
        return oauth_error(OAuthErrorCode::InvalidGrant, "the refresh token was issued to another client");
    }
    if let Err(rejection) = request.check_scope(&granted) {
        return http_response(rejection.to_http_response());
    }
    let scope = request.scope.clone().unwrap_or(granted);
    primary_tokens(demo, &client_id, &scope, None)
}

fn token_exchange(demo: &Demo, request: TokenExchangeRequest) -> Response {
    let verifier = Verifier::new(demo.primary_jwks.clone());
    let validator =
        match AccessTokenValidator::new(demo.primary_issuer(), verifier).and_then(|v| v.with_leeway(LEEWAY_SECONDS)) {
            Ok(v) => v,
            Err(_) => return server_error("validator set-up failed"),
        };
    let verified = match request.verify(&validator, now()) {
        Ok(verified) => verified,
        Err(rejection) => return http_response(rejection.to_http_response()),
    };
    if let Err(response) = client_of(&verified.request.client) {
        return *response;
    }
    let resource = &verified.request.resource;
    if !PARTNER_IDS.iter().any(|id| demo.partner_token_endpoint(id) == *resource) {
        return oauth_error(
            OAuthErrorCode::InvalidTarget,
            "the primary IdMS has no partner agreement with the system at this resource",
        );
    }
    let Some(jti) = random_token() else { return server_error("no randomness") };
    // The core builds and signs the security token and the B.7.3 reply; it refuses what the
    // request asks beyond B.7.2 (another token type, an actor token, another audience).
    match demo.security_tokens.issue_with_jti(&verified, now(), &jti) {
        Ok(reply) => http_response(reply.to_http_response()),
        Err(rejection) => http_response(rejection.to_http_response()),
    }
}

/// The primary token endpoint: the core reads the request once, whatever its grant type, and
/// refuses an unknown one with `unsupported_grant_type`.
async fn primary_token(
    State(demo): State<Arc<Demo>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = core_request(&method, request_url(&demo, &uri), &headers, &body);
    match TokenRequest::parse(&request, &parse_options()).map(|parsed| parsed.value) {
        Ok(TokenRequest::AuthorizationCode(code)) => code_grant(&demo, &code),
        Ok(TokenRequest::Refresh(refresh)) => refresh_grant(&demo, &refresh),
        Ok(TokenRequest::TokenExchange(exchange)) => token_exchange(&demo, exchange),
        Ok(TokenRequest::JwtBearer(_)) => oauth_error(
            OAuthErrorCode::UnsupportedGrantType,
            "the jwt-bearer grant (B.7.4) is for the partner IdMS's token endpoint",
        ),
        Err(rejection) => http_response(rejection.to_http_response()),
    }
}

// ---- partner token endpoint (B.7.4, B.7.5) -----------------------------------------------------

/// The demo's partner clock: the server's, shifted by the console's clock-skew control.
fn partner_now(headers: &HeaderMap) -> u64 {
    let skew = headers
        .get(CLOCK_SKEW_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or(0)
        .clamp(-86_400, 86_400);
    now().saturating_add_signed(skew)
}

async fn partner_token(
    State(demo): State<Arc<Demo>>,
    Path(id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !PARTNER_IDS.contains(&id.as_str()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let request = core_request(&method, request_url(&demo, &uri), &headers, &body);
    let parsed = match JwtBearerRequest::parse(&request, &parse_options()) {
        Ok(parsed) => parsed.value,
        Err(rejection) => return http_response(rejection.to_http_response()),
    };
    if parsed.client.id() != Some(CLIENT_ID) {
        return oauth_error(
            OAuthErrorCode::UnauthorizedClient,
            "this client is not authorised to use the partner system (no agreement for it)",
        );
    }
    let target = demo.partner_token_endpoint(&id);
    let validator =
        match SecurityTokenValidator::new(demo.primary_issuer(), target, Verifier::new(demo.primary_jwks.clone()))
            .and_then(|v| v.with_leeway(LEEWAY_SECONDS))
        {
            Ok(v) => v,
            Err(_) => return server_error("validator set-up failed"),
        };
    let verified = match parsed.verify(&validator, partner_now(&headers)) {
        Ok(verified) => verified,
        Err(rejection) => return http_response(rejection.to_http_response()),
    };
    partner_tokens(&demo, &id, &verified.request.scope, &verified.security_token.claims)
}

fn partner_tokens(demo: &Demo, id: &str, scope: &ScopeSet, subject: &mcx_connect::token::TokenClaims) -> Response {
    let now = now();
    let issuer = demo.partner_issuer(id);
    let (Some(jti), Some(refresh)) = (random_token(), random_token()) else { return server_error("no randomness") };
    let mut access = json!({
        "iss": issuer, "sub": subject.sub, "aud": [issuer], "client_id": CLIENT_ID, "scope": scope_text(scope),
        "iat": now, "exp": now + ACCESS_TOKEN_LIFETIME, "jti": jti,
    });
    let mut id_token = json!({
        "iss": issuer, "sub": subject.sub, "aud": CLIENT_ID, "azp": CLIENT_ID, "iat": now,
        "exp": now + ACCESS_TOKEN_LIFETIME,
    });
    if let Some(mcptt) = &subject.mcptt_id {
        for claims in [&mut access, &mut id_token] {
            if let Some(object) = claims.as_object_mut() {
                object.insert("mcptt_id".into(), Value::String(mcptt.clone()));
            }
        }
    }
    let header = JwsHeader::new(demo.partner_key.algorithm()).with_kid(PARTNER_KID);
    let (Ok(access), Ok(id_token)) =
        (sign(&header, &access, &demo.partner_key), sign(&header, &id_token, &demo.partner_key))
    else {
        return server_error("signing failed");
    };
    let mut response = TokenResponse::bearer(access);
    response.expires_in = Some(ACCESS_TOKEN_LIFETIME);
    // The partner's refresh token is opaque and not redeemable in this demo.
    response.refresh_token = Some(Secret::new(refresh));
    response.scope = Some(scope.clone());
    if scope.contains(&Scope::OpenId) {
        response.id_token = Some(id_token);
    }
    http_response(response.to_http_response())
}
