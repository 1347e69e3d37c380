//! The partner IdMS (`a` and `b`): its token endpoint takes the jwt-bearer request
//! (B.7.4/B.7.5) and authenticates the security token against the primary's JWKS with the
//! core's `SecurityTokenValidator`; its JWKS.

use crate::http::{http_response, oauth_error, server_error, CoreRequest};
use crate::primary::token_reply;
use crate::state::{now, parse_options, random_token, Demo};
use crate::{ACCESS_TOKEN_LIFETIME, CLIENT_ID, CLOCK_SKEW_HEADER, LEEWAY_SECONDS, PARTNER_IDS, PARTNER_KID};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use mcx_connect::token::{sign, JwsHeader, SecurityTokenValidator, TokenClaims, Verifier};
use mcx_connect::{HttpRequest, JwtBearerRequest, OAuthErrorCode, ScopeSet};
use serde_json::{json, Value};
use std::sync::Arc;

/// The demo's partner clock: the server's, shifted by the console's clock-skew control
/// (the demo-only [`CLOCK_SKEW_HEADER`], within ±1 day).
fn partner_now(request: &HttpRequest) -> u64 {
    let skew = request
        .header(CLOCK_SKEW_HEADER)
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or(0)
        .clamp(-86_400, 86_400);
    now().saturating_add_signed(skew)
}

/// `POST /partner/{id}/token`: the jwt-bearer grant. Only [`CLIENT_ID`] has an agreement with
/// the partners (`unauthorized_client` for any other); the security token must name this
/// partner's token endpoint in `aud`.
pub(crate) async fn token(
    State(demo): State<Arc<Demo>>,
    Path(id): Path<String>,
    CoreRequest(request): CoreRequest,
) -> Response {
    if !PARTNER_IDS.contains(&id.as_str()) {
        return StatusCode::NOT_FOUND.into_response();
    }
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
    let verified = match parsed.verify(&validator, partner_now(&request)) {
        Ok(verified) => verified,
        Err(rejection) => return http_response(rejection.to_http_response()),
    };
    issue_tokens(&demo, &id, &verified.request.scope, &verified.security_token.claims)
}

/// `GET /partner/{id}/jwks.json`: the key the partner signs its tokens with.
pub(crate) async fn jwks(State(demo): State<Arc<Demo>>, Path(id): Path<String>) -> Response {
    if !PARTNER_IDS.contains(&id.as_str()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    Json(demo.partner_jwks.to_json()).into_response()
}

/// The partner's own access and ID tokens (B.7.5) for the user the security token names.
fn issue_tokens(demo: &Demo, id: &str, scope: &ScopeSet, subject: &TokenClaims) -> Response {
    let now = now();
    let issuer = demo.partner_issuer(id);
    let (Some(jti), Some(refresh)) = (random_token(), random_token()) else { return server_error("no randomness") };
    let mut access = json!({
        "iss": issuer, "sub": subject.sub, "aud": [issuer], "client_id": CLIENT_ID, "scope": scope.to_string(),
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
    // The partner's refresh token is opaque and not redeemable in this demo.
    token_reply(access, id_token, refresh, scope)
}
