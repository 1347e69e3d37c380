//! The primary IdMS's token endpoint and JWKS: authorization code + PKCE, refresh (B.5), and
//! the token exchange (B.7.2) that issues the security token (B.7.3, signed by the core's
//! `SecurityTokenIssuer`).

use crate::http::{http_response, oauth_error, server_error, CoreRequest};
use crate::state::{known_client, now, parse_options, random_token, Demo, RefreshGrant};
use crate::{ACCESS_TOKEN_LIFETIME, DEMO_USER, LEEWAY_SECONDS, PARTNER_IDS, PRIMARY_KID};
use axum::extract::State;
use axum::response::Response;
use axum::Json;
use mcx_connect::token::{sign, AccessTokenValidator, JwsHeader, Verifier};
use mcx_connect::{
    AuthorizationCodeRequest, ClientAuthentication, OAuthErrorCode, RefreshRequest, Scope, ScopeSet, Secret,
    TokenExchangeRequest, TokenRequest, TokenResponse,
};
use serde_json::{json, Value};
use std::sync::Arc;

/// The built-in user's MCPTT ID (the MCX identity claim of the primary's tokens).
const MCPTT_ID: &str = "sip:alice@ptt.primary.example";

/// `POST /primary/token`: the core reads the request once, whatever its grant type, and
/// refuses an unknown one with `unsupported_grant_type`.
pub(crate) async fn token(State(demo): State<Arc<Demo>>, CoreRequest(request): CoreRequest) -> Response {
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

/// `GET /primary/jwks.json`: the key the primary signs its tokens and security tokens with.
pub(crate) async fn jwks(State(demo): State<Arc<Demo>>) -> Json<Value> {
    Json(demo.primary_jwks.to_json())
}

/// Signs the primary's access, ID and refresh tokens for the built-in user.
fn issue_tokens(demo: &Demo, client_id: &str, scope: &ScopeSet, nonce: Option<&str>) -> Response {
    let now = now();
    let issuer = demo.primary_issuer();
    let (Some(jti), Some(refresh)) = (random_token(), random_token()) else { return server_error("no randomness") };
    let access = json!({
        "iss": issuer, "sub": DEMO_USER, "aud": [issuer], "client_id": client_id, "scope": scope.to_string(),
        "iat": now, "exp": now + ACCESS_TOKEN_LIFETIME, "jti": jti, "mcptt_id": MCPTT_ID,
    });
    let mut id = json!({
        "iss": issuer, "sub": DEMO_USER, "aud": client_id, "azp": client_id, "iat": now, "auth_time": now,
        "exp": now + ACCESS_TOKEN_LIFETIME, "mcptt_id": MCPTT_ID,
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
    token_reply(access, id, refresh, scope)
}

/// The token response of both IdMS roles (RFC 6749 §5.1): bearer access token, its lifetime,
/// refresh token, the granted scope, and the ID token when `openid` was granted.
pub(crate) fn token_reply(access: Secret, id_token: Secret, refresh: String, scope: &ScopeSet) -> Response {
    let mut response = TokenResponse::bearer(access);
    response.expires_in = Some(ACCESS_TOKEN_LIFETIME);
    response.refresh_token = Some(Secret::new(refresh));
    response.scope = Some(scope.clone());
    if scope.contains(&Scope::OpenId) {
        response.id_token = Some(id_token);
    }
    http_response(response.to_http_response())
}

/// The client named by the request, if the primary has registered it (`invalid_client` if not).
fn client_of(client: &ClientAuthentication) -> Result<String, Box<Response>> {
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

/// Authorization code + PKCE (B.4, RFC 7636): the code is used once, by the client it was
/// issued to, before it expires.
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
    issue_tokens(demo, &client_id, &grant.scope, grant.nonce.as_deref())
}

/// Refresh (B.5): the same client, a scope within the granted one.
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
    issue_tokens(demo, &client_id, &scope, None)
}

/// Token exchange (B.7.2): the subject token is the primary's own access token; the resource
/// names a partner's token endpoint (`invalid_target` for a partner without agreement).
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
