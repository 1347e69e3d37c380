//! A deliberately faulty IdMS for the probe's tests: a primary (`/primary/token`, token
//! exchange, B.7.2/B.7.3) and a partner (`/partner/token`, jwt-bearer, B.7.4/B.7.5) on one
//! loopback port, built on the core's server role, each fault switchable. With no fault it is
//! conformant: the probe must pass it; with one fault the probe must report exactly that fault.

use mcx_connect::token::{
    sign, AccessTokenValidator, JwkSet, JwsHeader, SecurityTokenValidator, SigningKey, UnverifiedToken, Verifier,
};
use mcx_connect::{
    EndpointPolicy, ErrorResponse, HttpRequest, HttpResponse, JwtBearerRequest, OAuthErrorCode, ParseOptions, Scope,
    Secret, TokenExchangeRequest, TokenExchangeResponse, TokenResponse,
};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;

/// The faults, each switchable.
#[derive(Debug, Clone, Copy, Default)]
pub struct Faults {
    /// Error responses get 403 instead of 400.
    pub wrong_status: bool,
    /// `invalid_scope` is answered as `invalid_request`.
    pub wrong_error_code: bool,
    /// No `Cache-Control: no-store` on any reply.
    pub missing_no_store: bool,
    /// The security token's `aud` lacks the partner address.
    pub security_token_wrong_aud: bool,
    /// The security token lives an hour.
    pub security_token_long_lifetime: bool,
    /// The partner does not check the assertion's times.
    pub accept_expired_assertion: bool,
}

pub const CLIENT_ID: &str = "probe-client";
const KID: &str = "faulty-primary";

struct State {
    base: String,
    faults: Faults,
    key: SigningKey,
    jwks: JwkSet,
}

/// A running faulty IdMS.
pub struct FaultyIdms {
    pub base: String,
    state: Arc<State>,
}

/// The trust material of a TLS faulty IdMS: its test CA and the server key's pin.
pub struct TestPki {
    /// The CA certificate, PEM.
    pub ca_pem: String,
    /// SHA-256 of the server's SubjectPublicKeyInfo, base64 (`--pin-sha256`).
    pub pin: String,
}

/// A test CA (generated now) and a server certificate for `localhost` it signs.
fn test_pki() -> (TestPki, Arc<rustls::ServerConfig>) {
    use base64ct::{Base64, Encoding};
    use sha2::Digest;
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(rcgen::DnType::CommonName, "mcx-connect test CA");
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
    params.distinguished_name.push(rcgen::DnType::CommonName, "idms.test");
    params.distinguished_name.push(rcgen::DnType::OrganizationName, "Faulty IdMS");
    params.not_after = rcgen::date_time_ymd(2040, 1, 1);
    let key = rcgen::KeyPair::generate().unwrap();
    let leaf = params.signed_by(&key, &ca, &ca_key).unwrap();
    let pin = Base64::encode_string(&sha2::Sha256::digest(key.public_key_der()));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone()], rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()))
        .unwrap();
    (TestPki { ca_pem: ca.pem(), pin }, Arc::new(config))
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

impl FaultyIdms {
    pub fn start(faults: Faults) -> Self {
        Self::serve_on(faults, None)
    }

    /// The same over TLS at `https://localhost:PORT`, with a certificate from a fresh test CA.
    pub fn start_tls(faults: Faults) -> (Self, TestPki) {
        let (pki, config) = test_pki();
        (Self::serve_on(faults, Some(config)), pki)
    }

    fn serve_on(faults: Faults, tls: Option<Arc<rustls::ServerConfig>>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let base = if tls.is_some() { format!("https://localhost:{port}") } else { format!("http://127.0.0.1:{port}") };
        let mut secret = [0u8; 32];
        getrandom::getrandom(&mut secret).unwrap();
        let key = SigningKey::es256(&secret).unwrap();
        let jwks = JwkSet::from_keys(key.public_jwk(Some(KID)).into_iter().collect());
        let state = Arc::new(State { base: base.clone(), faults, key, jwks });
        let serving = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = Arc::clone(&serving);
                let tls = tls.clone();
                std::thread::spawn(move || match tls {
                    None => serve(&state, stream),
                    Some(config) => {
                        let Ok(conn) = rustls::ServerConnection::new(config) else { return };
                        let mut tls_stream = rustls::StreamOwned::new(conn, stream);
                        serve(&state, &mut tls_stream);
                        tls_stream.conn.send_close_notify();
                        let _ = tls_stream.flush();
                    }
                });
            }
        });
        Self { base, state }
    }

    pub fn issuer(&self) -> String {
        format!("{}/primary", self.base)
    }

    pub fn partner_token_endpoint(&self) -> String {
        format!("{}/partner/token", self.base)
    }

    /// Another partner the primary has an agreement for (its token endpoint is not served).
    pub fn other_partner_token_endpoint(&self) -> String {
        format!("{}/partner-b/token", self.base)
    }

    fn signed(&self, claims: serde_json::Value) -> String {
        sign(&JwsHeader::new(self.state.key.algorithm()).with_kid(KID), &claims, &self.state.key).unwrap().into_inner()
    }

    /// A primary access token for alice, as the primary's login would issue it.
    pub fn access_token(&self) -> String {
        let now = now();
        self.signed(json!({ "iss": self.issuer(), "sub": "alice", "aud": [self.issuer()], "client_id": CLIENT_ID,
                            "scope": "openid 3gpp:mc:ptt_service", "iat": now, "exp": now + 600,
                            "mcptt_id": "sip:alice@ptt.primary.example" }))
    }

    /// A security token for the partner that expired ten minutes ago.
    pub fn expired_security_token(&self) -> String {
        let now = now();
        self.signed(json!({ "iss": self.issuer(), "sub": "alice", "aud": [CLIENT_ID, self.partner_token_endpoint()],
                            "azp": CLIENT_ID, "iat": now - 900, "exp": now - 600 }))
    }
}

fn options() -> ParseOptions {
    ParseOptions { endpoint_policy: EndpointPolicy::ALLOW_LOOPBACK_HTTP, ..ParseOptions::strict() }
}

fn error(code: OAuthErrorCode, description: &str) -> HttpResponse {
    ErrorResponse::new(code, Some(description.to_owned())).to_http_response()
}

fn primary_token(state: &State, request: &HttpRequest) -> HttpResponse {
    let issuer = format!("{}/primary", state.base);
    let validator = AccessTokenValidator::new(issuer.clone(), Verifier::new(state.jwks.clone()))
        .and_then(|v| v.with_leeway(30))
        .unwrap();
    let verified = match TokenExchangeRequest::parse_and_verify(request, &options(), &validator, now()) {
        Ok(parsed) => parsed.value,
        Err(rejection) => return rejection.to_http_response(),
    };
    let client_id = verified.request.client.id().unwrap_or_default().to_owned();
    if verified.subject_token.claims.client_id.as_deref() != Some(client_id.as_str()) {
        return error(OAuthErrorCode::InvalidRequest, "the subject token was issued to another client");
    }
    let resource = verified.request.resource.clone();
    let partners = [format!("{}/partner/token", state.base), format!("{}/partner-b/token", state.base)];
    if !partners.contains(&resource) {
        return error(OAuthErrorCode::InvalidTarget, "no partner agreement for this resource");
    }
    let now = now();
    let aud = if state.faults.security_token_wrong_aud { json!([client_id]) } else { json!([client_id, resource]) };
    let lifetime = if state.faults.security_token_long_lifetime { 3600 } else { 120 };
    let claims = json!({ "iss": issuer, "sub": verified.subject_token.claims.sub, "aud": aud, "azp": client_id,
                         "iat": now, "exp": now + lifetime });
    let token = sign(&JwsHeader::new(state.key.algorithm()).with_kid(KID), &claims, &state.key).unwrap();
    TokenExchangeResponse::security_token(token, lifetime).to_http_response()
}

fn partner_token(state: &State, request: &HttpRequest) -> HttpResponse {
    let target = format!("{}/partner/token", state.base);
    let validator =
        SecurityTokenValidator::new(format!("{}/primary", state.base), target, Verifier::new(state.jwks.clone()))
            .and_then(|v| v.with_leeway(30))
            .unwrap();
    // The fault: the partner's clock is set to the assertion's own iat, so exp never bites.
    let mut at = now();
    if state.faults.accept_expired_assertion {
        if let Ok(parsed) = JwtBearerRequest::parse(request, &options()) {
            if let Some(iat) = UnverifiedToken::inspect(parsed.value.assertion.expose())
                .ok()
                .and_then(|t| t.claims.get("iat").and_then(serde_json::Value::as_u64))
            {
                at = iat;
            }
        }
    }
    let verified = match JwtBearerRequest::parse_and_verify(request, &options(), &validator, at) {
        Ok(parsed) => parsed.value,
        Err(rejection) => return rejection.to_http_response(),
    };
    let now = now();
    let claims = json!({ "iss": format!("{}/partner", state.base), "sub": verified.security_token.claims.sub,
                         "aud": CLIENT_ID, "iat": now, "exp": now + 600 });
    let token = sign(&JwsHeader::new(state.key.algorithm()).with_kid(KID), &claims, &state.key).unwrap();
    let mut response = TokenResponse::bearer(token.clone());
    response.expires_in = Some(600);
    response.scope = Some(verified.request.scope.clone());
    if verified.request.scope.contains(&Scope::OpenId) {
        response.id_token = Some(Secret::new(token.into_inner()));
    }
    response.to_http_response()
}

fn route(state: &State, request: &HttpRequest) -> HttpResponse {
    let path = request.url.strip_prefix(&state.base).unwrap_or_default();
    let mut response = match path {
        "/primary/token" => primary_token(state, request),
        "/partner/token" => partner_token(state, request),
        "/primary/jwks.json" => HttpResponse::json(200, state.jwks.to_json().to_string()),
        _ => HttpResponse { status: 404, headers: vec![], body: vec![] },
    };
    let faults = state.faults;
    if faults.wrong_status && response.status == 400 {
        response.status = 403;
    }
    if faults.wrong_error_code {
        if let Some(e) = ErrorResponse::from_http_response(&response) {
            if e.error == OAuthErrorCode::InvalidScope {
                let status = response.status;
                response = error(OAuthErrorCode::InvalidRequest, "wrong code on purpose");
                response.status = status;
            }
        }
    }
    if faults.missing_no_store {
        response.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("cache-control"));
    }
    response
}

/// Reads one request (head, then `Content-Length` bytes), answers, closes.
fn serve(state: &State, mut stream: impl Read + Write) {
    let mut raw = Vec::new();
    let mut buffer = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => raw.extend_from_slice(&buffer[..n]),
        }
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_owned();
    let target = request_line.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':').map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))).collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = raw[head_end + 4..].to_vec();
    while body.len() < length {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => body.extend_from_slice(&buffer[..n]),
        }
    }
    let request = HttpRequest { method, url: format!("{}{target}", state.base), headers, body };
    let response = route(state, &request);
    let mut out = format!("HTTP/1.1 {} X\r\n", response.status);
    for (name, value) in &response.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", response.body.len()));
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&response.body);
    let _ = stream.write_all(&bytes);
}
