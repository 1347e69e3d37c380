//! The demo server's endpoints over real loopback HTTP: the server runs in-process on port 0,
//! the requests are built and the replies read with the core's client role, sent with `ureq`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use mcx_connect::token::{JwkSet, SecurityTokenValidator, Verifier};
use mcx_connect::*;
use mcx_connect_demo::{start, Config, CLIENT_ID, CLOCK_SKEW_HEADER, DEMO_PASSWORD, DEMO_USER, RESTRICTED_CLIENT_ID};
use std::sync::mpsc;

/// Starts the server on a free loopback port in a background thread; returns its base URL.
fn server() -> String {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        runtime.block_on(async move {
            let mut config = Config::default();
            config.addr.set_port(0);
            let running = start(config).await.unwrap();
            tx.send(running.base_url.clone()).unwrap();
            let _ = running.task.await;
        });
    });
    rx.recv().unwrap()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .build()
        .into()
}

/// Sends a core request value; returns the core response value.
fn send(request: &HttpRequest, extra: &[(&str, &str)]) -> HttpResponse {
    let agent = agent();
    let mut builder = ureq::http::Request::builder().method(request.method.as_str()).uri(request.url.as_str());
    for (name, value) in &request.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    for (name, value) in extra {
        builder = builder.header(*name, *value);
    }
    let mut reply = if request.body.is_empty() {
        agent.run(builder.body(()).unwrap()).unwrap()
    } else {
        agent.run(builder.body(request.body.clone()).unwrap()).unwrap()
    };
    let status = reply.status().as_u16();
    let headers = reply
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let body = reply.body_mut().read_to_vec().unwrap();
    HttpResponse { status, headers, body }
}

fn get(url: &str) -> HttpResponse {
    send(&HttpRequest { method: "GET".into(), url: url.into(), headers: vec![], body: vec![] }, &[])
}

fn error_code(response: &HttpResponse) -> String {
    ErrorResponse::from_http_response(response).map(|e| e.error.as_str().to_owned()).unwrap_or_default()
}

const POLICY: EndpointPolicy = EndpointPolicy::ALLOW_LOOPBACK_HTTP;

/// An authorization request (B.4, PKCE) for MCPTT at the demo's primary, redirecting to the demo's page.
fn authorization_request(base: &str, client_id: &str) -> AuthorizationRequest {
    let authorize = format!("{base}/primary/authorize");
    AuthorizationRequest::new(authorize, client_id, format!("{base}/"), ScopeSet::for_service(McService::Ptt)).unwrap()
}

/// Logs in at the primary (authorization code + PKCE) as `client_id`; returns the token response.
fn login(base: &str, client_id: &str) -> TokenResponse {
    let login = authorization_request(base, client_id);
    let form = get(&login.url(POLICY).unwrap());
    assert_eq!(form.status, 200);
    assert!(form.body_text().unwrap().contains("<form"));
    let query = login.url(POLICY).unwrap().split_once('?').unwrap().1.to_owned();
    let body = format!("request={}&username={DEMO_USER}&password={DEMO_PASSWORD}&action=login", percent(&query));
    let submitted = send(&HttpRequest::form_post(format!("{base}/primary/authorize"), body), &[]);
    assert_eq!(submitted.status, 303);
    let location = submitted.header("location").unwrap().to_owned();
    let code = login.read_response(&location).unwrap();
    let exchange = login.code_request(code, ClientAuthentication::client_id(client_id));
    let reply = send(&exchange.build(&format!("{base}/primary/token"), POLICY).unwrap(), &[]);
    assert_eq!(reply.status, 200, "{:?}", reply.body_text());
    TokenResponse::from_http_response(&reply, &Limits::default()).unwrap()
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn security_token(base: &str, client_id: &str, access_token: &Secret, partner: &str) -> HttpResponse {
    let request = TokenExchangeRequest::new(format!("{base}/partner/{partner}/token"), access_token.clone())
        .with_client(ClientAuthentication::client_id(client_id));
    send(&request.build(&format!("{base}/primary/token"), POLICY).unwrap(), &[])
}

#[test]
fn full_migration_with_the_core_on_both_sides() {
    let base = server();
    let tokens = login(&base, CLIENT_ID);
    assert!(tokens.id_token.is_some());
    let refresh_token = tokens.refresh_token.clone().unwrap();

    // Token exchange (B.7.2/B.7.3).
    let reply = security_token(&base, CLIENT_ID, &tokens.access_token, "a");
    assert_eq!(reply.status, 200, "{:?}", reply.body_text());
    let exchanged = TokenExchangeResponse::from_http_response(&reply, &Limits::default()).unwrap();
    assert_eq!(exchanged.issued_token_type, TOKEN_TYPE_JWT);

    // The security token is valid for partner a, signed by the primary's published key.
    let jwks = JwkSet::parse(get(&format!("{base}/primary/jwks.json")).body_text().unwrap()).unwrap();
    let partner = format!("{base}/partner/a/token");
    let validator =
        SecurityTokenValidator::new(format!("{base}/primary"), partner.clone(), Verifier::new(jwks)).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let checked = validator.validate(exchanged.access_token.expose(), CLIENT_ID, now).unwrap();
    assert_eq!(checked.claims.aud, vec![CLIENT_ID.to_owned(), partner.clone()]);
    assert_eq!(checked.claims.sub, DEMO_USER);

    // Partner token request (B.7.4/B.7.5).
    let request = JwtBearerRequest::new(
        exchanged.access_token.clone(),
        ClientAuthentication::client_id(CLIENT_ID),
        ScopeSet::for_service(McService::Ptt),
    );
    let reply = send(&request.build(&partner, POLICY).unwrap(), &[]);
    assert_eq!(reply.status, 200, "{:?}", reply.body_text());
    let partner_tokens = TokenResponse::from_http_response(&reply, &Limits::default()).unwrap();
    assert!(partner_tokens.id_token.is_some());
    let partner_jwks = JwkSet::parse(get(&format!("{base}/partner/a/jwks.json")).body_text().unwrap()).unwrap();
    assert_eq!(partner_jwks.len(), 1);

    // The same security token is not valid at partner b (its address is not in `aud`).
    let reply = send(&request.build(&format!("{base}/partner/b/token"), POLICY).unwrap(), &[]);
    assert_eq!((reply.status, error_code(&reply).as_str()), (400, "invalid_grant"));

    // Refresh (B.5): narrower scope is fine, wider is invalid_scope.
    let narrower = ScopeSet::parse("openid 3gpp:mc:ptt_service").unwrap();
    let reply = send(
        &RefreshRequest::new(refresh_token.clone(), Some(narrower), ClientAuthentication::client_id(CLIENT_ID))
            .build(&format!("{base}/primary/token"), POLICY)
            .unwrap(),
        &[],
    );
    assert_eq!(reply.status, 200, "{:?}", reply.body_text());
    let wider = ScopeSet::for_service(McService::Video);
    let reply = send(
        &RefreshRequest::new(refresh_token, Some(wider), ClientAuthentication::client_id(CLIENT_ID))
            .build(&format!("{base}/primary/token"), POLICY)
            .unwrap(),
        &[],
    );
    assert_eq!(error_code(&reply), "invalid_scope");
}

#[test]
fn the_partner_applies_the_leeway_to_an_expired_security_token() {
    let base = server();
    let tokens = login(&base, CLIENT_ID);
    let reply = security_token(&base, CLIENT_ID, &tokens.access_token, "a");
    let exchanged = TokenExchangeResponse::from_http_response(&reply, &Limits::default()).unwrap();
    let request = JwtBearerRequest::new(
        exchanged.access_token,
        ClientAuthentication::client_id(CLIENT_ID),
        ScopeSet::for_service(McService::Ptt),
    )
    .build(&format!("{base}/partner/a/token"), POLICY)
    .unwrap();
    // 120 s lifetime: 10 s past `exp` is within the 30 s leeway, 60 s past it is not.
    let within = send(&request, &[(CLOCK_SKEW_HEADER, "130")]);
    assert_eq!(within.status, 200, "{:?}", within.body_text());
    let late = send(&request, &[(CLOCK_SKEW_HEADER, "180")]);
    assert_eq!((late.status, error_code(&late).as_str()), (400, "invalid_grant"));
    assert!(late.body_text().unwrap().contains("expired"), "{:?}", late.body_text());
}

#[test]
fn the_partner_refuses_a_client_without_agreement() {
    let base = server();
    let tokens = login(&base, RESTRICTED_CLIENT_ID);
    let reply = security_token(&base, RESTRICTED_CLIENT_ID, &tokens.access_token, "a");
    assert_eq!(reply.status, 200);
    let exchanged = TokenExchangeResponse::from_http_response(&reply, &Limits::default()).unwrap();
    let request = JwtBearerRequest::new(
        exchanged.access_token,
        ClientAuthentication::client_id(RESTRICTED_CLIENT_ID),
        ScopeSet::for_service(McService::Ptt),
    );
    let reply = send(&request.build(&format!("{base}/partner/a/token"), POLICY).unwrap(), &[]);
    assert_eq!((reply.status, error_code(&reply).as_str()), (400, "unauthorized_client"));
}

#[test]
fn bad_requests_get_rfc_errors() {
    let base = server();
    let token = format!("{base}/primary/token");
    // Unknown grant type.
    let reply = send(&HttpRequest::form_post(token.clone(), "grant_type=password&username=a&password=b"), &[]);
    assert_eq!(error_code(&reply), "unsupported_grant_type");
    // Duplicate parameter.
    let reply = send(&HttpRequest::form_post(token.clone(), "grant_type=authorization_code&grant_type=x"), &[]);
    assert_eq!(error_code(&reply), "invalid_request");
    // Unknown authorization code.
    let login = authorization_request(&base, CLIENT_ID);
    let request = login.code_request(Secret::new("made-up"), ClientAuthentication::client_id(CLIENT_ID));
    let reply = send(&request.build(&token, POLICY).unwrap(), &[]);
    assert_eq!(error_code(&reply), "invalid_grant");
    // Token exchange with a forged subject token: invalid_request (RFC 8693 §2.2.2).
    let forged = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl";
    let reply = security_token(&base, CLIENT_ID, &Secret::new(forged), "a");
    assert_eq!(error_code(&reply), "invalid_request");
    // Token exchange for a partner the primary does not know: invalid_target.
    let tokens = login_tokens(&base);
    let request = TokenExchangeRequest::new("http://127.0.0.1:9/elsewhere/token", tokens.access_token)
        .with_client(ClientAuthentication::client_id(CLIENT_ID));
    let reply = send(&request.build(&token, POLICY).unwrap(), &[]);
    assert_eq!(error_code(&reply), "invalid_target");
    // What the primary cannot honour is refused by the core's issuer, not ignored (RFC 8693 §2.1).
    let mut request = TokenExchangeRequest::new(format!("{base}/partner/a/token"), login_tokens(&base).access_token)
        .with_client(ClientAuthentication::client_id(CLIENT_ID));
    request.actor_token = Some(ActorToken { token: Secret::new("actor"), token_type: TOKEN_TYPE_JWT.to_owned() });
    let reply = send(&request.build(&token, POLICY).unwrap(), &[]);
    assert_eq!(error_code(&reply), "invalid_request");
    // Several resources: invalid_target (RFC 8693 §2.2.2), read by the core's dispatcher.
    let resource = percent(&format!("{base}/partner/a/token"));
    let body = format!(
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&resource={resource}&resource={resource}\
         &subject_token=t&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt&client_id={CLIENT_ID}"
    );
    assert_eq!(error_code(&send(&HttpRequest::form_post(token.clone(), body), &[])), "invalid_target");
    // jwt-bearer with a garbage assertion: invalid_grant (RFC 7523).
    let reply = send(
        &HttpRequest::form_post(
            format!("{base}/partner/a/token"),
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=abc&client_id=mcx-console&scope=openid%203gpp%3Amc%3Aptt_service",
        ),
        &[],
    );
    assert_eq!(error_code(&reply), "invalid_grant");
    // Authorization endpoint without PKCE: a refusal page, no redirect.
    let reply = get(&format!(
        "{base}/primary/authorize?response_type=code&client_id=mcx-console&redirect_uri={}&scope=openid",
        percent(&format!("{base}/"))
    ));
    assert_eq!(reply.status, 400);
    assert!(reply.header("location").is_none());
}

fn login_tokens(base: &str) -> TokenResponse {
    login(base, CLIENT_ID)
}

#[test]
fn the_console_files_and_profiles_are_served() {
    let base = server();
    let index = get(&format!("{base}/"));
    assert_eq!(index.status, 200);
    let sample = get(&format!("{base}/profiles/sample.xml"));
    let profile = UserProfile::parse(&sample.body, POLICY).unwrap();
    assert_eq!(profile.partners().len(), 2);
    assert_eq!(profile.partner_token_endpoint("urn:mc:partner-a:ptt").unwrap(), format!("{base}/partner/a/token"));
    let missing = get(&format!("{base}/profiles/missing-token-endpoint.xml"));
    assert!(UserProfile::parse(&missing.body, POLICY).is_err());
    // One partner broken (b's token endpoint on plain http off loopback): the core reads partner
    // a and reports partner b as rejected, with its reason; the console offers a and lists b.
    let broken = get(&format!("{base}/profiles/one-broken-partner.xml"));
    let read = UserProfile::parse(&broken.body, POLICY).unwrap();
    assert_eq!(read.partner_token_endpoint("urn:mc:partner-a:ptt").unwrap(), format!("{base}/partner/a/token"));
    assert_eq!(read.rejected().len(), 1);
    assert_eq!(read.rejected()[0].id.as_deref(), Some("urn:mc:partner-b:ptt"));
    assert_eq!(read.partner("urn:mc:partner-b:ptt").unwrap_err().code(), "profile_endpoint_invalid");
    let config = get(&format!("{base}/demo/config.json"));
    let config: serde_json::Value = serde_json::from_slice(&config.body).unwrap();
    assert_eq!(config["primary"]["token_endpoint"], format!("{base}/primary/token"));
}

#[test]
fn the_login_form_refuses_a_wrong_password_and_reports_a_cancel() {
    let base = server();
    let login = authorization_request(&base, CLIENT_ID);
    let query = login.url(POLICY).unwrap().split_once('?').unwrap().1.to_owned();
    let wrong = format!("request={}&username={DEMO_USER}&password=nope&action=login", percent(&query));
    let reply = send(&HttpRequest::form_post(format!("{base}/primary/authorize"), wrong), &[]);
    assert_eq!(reply.status, 200);
    assert!(reply.body_text().unwrap().contains("Wrong user name or password"));
    let cancel = format!("request={}&action=deny", percent(&query));
    let reply = send(&HttpRequest::form_post(format!("{base}/primary/authorize"), cancel), &[]);
    assert_eq!(reply.status, 303);
    let err = login.read_response(reply.header("location").unwrap()).unwrap_err();
    assert_eq!(err.code(), "error_response");
    assert!(matches!(err, Error::ErrorResponse(ref e) if e.error == OAuthErrorCode::AccessDenied));
}

/// Sends raw HTTP/1.1 bytes (what no well-behaved client library writes); returns the reply's
/// status and body.
fn send_raw(base: &str, request: &[u8]) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(base.trim_start_matches("http://")).unwrap();
    stream.write_all(request).unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    let reply = String::from_utf8_lossy(&reply).into_owned();
    let status = reply.split(' ').nth(1).unwrap().parse().unwrap();
    let body = reply.split_once("\r\n\r\n").unwrap().1.to_owned();
    (status, body)
}

/// RFC 9110 §5.5: a field value may carry obs-text, but the core reads headers as UTF-8 and
/// refuses one that is not (`malformed_http`) rather than dropping it; the token endpoints
/// answer `invalid_request` with the cause.
#[test]
fn rfc6749_5_2_a_header_value_that_is_not_utf8_is_invalid_request() {
    let base = server();
    for path in ["/primary/token", "/partner/a/token"] {
        let body = b"grant_type=password";
        let mut request = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\nConnection: close\r\nX-Name: caf",
            base.trim_start_matches("http://"),
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(b"\xe9\r\n\r\n");
        request.extend_from_slice(body);
        let (status, reply) = send_raw(&base, &request);
        assert_eq!(status, 400, "{path}: {reply}");
        let error: serde_json::Value = serde_json::from_str(&reply).unwrap();
        assert_eq!(error["error"], "invalid_request", "{path}: {reply}");
        assert!(error["error_description"].as_str().unwrap().contains("x-name"), "{path}: {reply}");
    }
    // The same request with a UTF-8 value reaches the grant-type check.
    let reply =
        send(&HttpRequest::form_post(format!("{base}/primary/token"), "grant_type=password"), &[("x-name", "café")]);
    assert_eq!(error_code(&reply), "unsupported_grant_type");
}
