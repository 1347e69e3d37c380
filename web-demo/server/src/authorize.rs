//! The primary IdMS's authorization endpoint (TS 33.180 B.4): the core reads the request
//! (`IncomingAuthorizationRequest::parse_url`) and writes the redirects back
//! (`success_redirect`, `error_redirect`); this file draws the login form and keeps the code.

use crate::http::server_error;
use crate::state::{known_client, now, random_token, CodeGrant, Demo};
use crate::{CODE_LIFETIME, DEMO_PASSWORD, DEMO_USER};
use axum::body::Body;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use mcx_connect::{ErrorResponse, IncomingAuthorizationRequest, OAuthErrorCode};
use std::collections::HashMap;
use std::sync::Arc;

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

/// `GET /primary/authorize`: the login form for a request the core accepts.
pub(crate) async fn authorize_form(State(demo): State<Arc<Demo>>, uri: Uri) -> Response {
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

/// `POST /primary/authorize`: Cancel redirects with `access_denied`; the right password
/// redirects with a one-time code, kept with the PKCE challenge until the token endpoint
/// redeems it.
pub(crate) async fn authorize_submit(
    State(demo): State<Arc<Demo>>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let query = form.get("request").map(String::as_str).unwrap_or_default();
    let request = match read_authorization(&demo, query) {
        Ok(request) => request,
        Err(page) => return *page,
    };
    if form.get("action").map(String::as_str) == Some("deny") {
        let error = ErrorResponse::new(OAuthErrorCode::AccessDenied, Some("the user cancelled the sign-in".into()));
        return see_other(&request.error_redirect(&error, Some(&demo.primary_issuer())));
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
    see_other(&request.success_redirect(&code, Some(&demo.primary_issuer())))
}
