//! What the console loads: its own files and the npm package's web build, the demo's
//! addresses (`/demo/config.json`) and the sample profiles.

use crate::state::Demo;
use crate::{
    Config, CLIENT_ID, CLOCK_SKEW_HEADER, DEMO_PASSWORD, DEMO_USER, LEEWAY_SECONDS, PARTNER_IDS, RESTRICTED_CLIENT_ID,
    SECURITY_TOKEN_LIFETIME,
};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::sync::Arc;
use tower_http::services::{ServeDir, ServeFile};

/// A profile whose only partner has no `idms-token-endpoint` (the console must refuse it).
const MISSING_ENDPOINT_PROFILE: &str = include_str!("../../../tests/fixtures/profiles/bad-missing-token-endpoint.xml");

/// The console (`/`, `/app.js`, `/style.css`), the npm package (`/pkg/`), the demo's
/// addresses and the sample profiles.
pub(crate) fn routes(config: &Config) -> Router<Arc<Demo>> {
    let web = &config.web_dir;
    Router::new()
        .route_service("/", ServeFile::new(web.join("index.html")))
        .route_service("/index.html", ServeFile::new(web.join("index.html")))
        .route_service("/app.js", ServeFile::new(web.join("app.js")))
        .route_service("/style.css", ServeFile::new(web.join("style.css")))
        .nest_service("/pkg", ServeDir::new(&config.pkg_dir))
        .route("/demo/config.json", get(demo_config))
        .route("/profiles/sample.xml", get(sample_profile))
        .route("/profiles/one-broken-partner.xml", get(broken_partner_profile))
        .route("/profiles/missing-token-endpoint.xml", get(missing_endpoint_profile))
}

/// Addresses, clients and user for the console.
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

async fn broken_partner_profile(State(demo): State<Arc<Demo>>) -> Response {
    xml(demo.broken_partner_profile.clone())
}

async fn missing_endpoint_profile() -> Response {
    xml(MISSING_ENDPOINT_PROFILE.to_owned())
}
