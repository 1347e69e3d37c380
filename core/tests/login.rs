//! TS 33.180 B.4 (authorization code with PKCE) and B.5 (refresh), both roles, through the
//! public API.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
use mcx_connect::*;

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const REDIRECT: &str = "com.example.mcptt:/callback";

fn authorization_request() -> AuthorizationRequest {
    AuthorizationRequest::with_values(
        "https://idms.primary.example/authorize",
        "mcptt-client",
        REDIRECT,
        ScopeSet::for_service(McService::Ptt),
        Secret::new("state-1"),
        Secret::new("nonce-1"),
        Pkce::from_verifier(VERIFIER).unwrap(),
    )
}

#[test]
fn b_4_2_2_authorization_url_carries_every_required_parameter_and_the_server_reads_it() {
    let url = authorization_request().url(EndpointPolicy::default()).unwrap();
    assert!(url.starts_with("https://idms.primary.example/authorize?response_type=code&client_id=mcptt-client&redirect_uri=com.example.mcptt%3A%2Fcallback&scope=openid+3gpp%3Amc%3Aptt_service"));
    let incoming = IncomingAuthorizationRequest::parse_url(&url).unwrap();
    assert_eq!(incoming.code_challenge, CHALLENGE);
    assert_eq!(incoming.state.as_deref(), Some("state-1"));
    assert_eq!(incoming.nonce.as_deref(), Some("nonce-1"));
    assert_eq!(incoming.redirect_uri, REDIRECT);
    assert_eq!(incoming.success_redirect("code-1", None), "com.example.mcptt:/callback?code=code-1&state=state-1");
}

#[test]
fn b_4_2_2_authorization_endpoint_must_be_https_and_redirect_uri_absolute_without_fragment() {
    let mut request = authorization_request();
    request.authorization_endpoint = "http://idms.primary.example/authorize".into();
    assert_eq!(request.url(EndpointPolicy::default()).unwrap_err().code(), "endpoint_insecure");
    let mut request = authorization_request();
    request.redirect_uri = "/callback".into();
    assert_eq!(request.url(EndpointPolicy::default()).unwrap_err().code(), "login_invalid_redirect_uri");
    request.redirect_uri = "https://console.example/cb#x".into();
    assert_eq!(request.url(EndpointPolicy::default()).unwrap_err().code(), "login_invalid_redirect_uri");
}

#[test]
fn b_4_2_2_fresh_requests_get_distinct_random_state_nonce_and_verifier() {
    let scope = ScopeSet::for_service(McService::Data);
    let a = AuthorizationRequest::new("https://i.example/a", "c", REDIRECT, scope.clone()).unwrap();
    let b = AuthorizationRequest::new("https://i.example/a", "c", REDIRECT, scope).unwrap();
    assert_ne!(a.state, b.state);
    assert_ne!(a.nonce, b.nonce);
    assert_ne!(a.pkce, b.pkce);
}

#[test]
fn b_4_2_3_authorization_response_state_must_match() {
    let request = authorization_request();
    assert_eq!(request.read_response(&format!("{REDIRECT}?code=c1&state=state-1")).unwrap().expose(), "c1");
    assert_eq!(
        request.read_response(&format!("{REDIRECT}?code=c1&state=other")).unwrap_err().code(),
        "login_state_mismatch"
    );
    assert_eq!(request.read_response(&format!("{REDIRECT}?code=c1")).unwrap_err().code(), "login_state_mismatch");
    assert_eq!(request.read_response(&format!("{REDIRECT}?state=state-1")).unwrap_err().code(), "missing_parameter");
    assert_eq!(
        request.read_response(&format!("{REDIRECT}?code=a&code=b&state=state-1")).unwrap_err().code(),
        "duplicate_parameter"
    );
}

#[test]
fn rfc6749_4_1_2_1_error_redirect_without_the_request_state_is_a_state_mismatch() {
    // Anyone can send the user's browser to the redirect URI: without the state check an error
    // redirect would end the login and show the user text of the sender's choosing.
    let request = authorization_request();
    for query in [
        "error=access_denied&error_description=call+0800+to+restore+your+radio",
        "error=access_denied&error_description=x&state=forged",
        "error=server_error&state=",
    ] {
        let err = request.read_response(&format!("{REDIRECT}?{query}")).unwrap_err();
        assert_eq!(err.code(), "login_state_mismatch", "{query}");
        assert!(!err.to_string().contains("0800"), "{err}");
    }
}

#[test]
fn rfc6749_4_1_2_1_error_redirect_is_an_error_response_with_its_description() {
    let request = authorization_request();
    let err = request
        .read_response(&format!("{REDIRECT}?error=access_denied&error_description=user+cancelled&state=state-1"))
        .unwrap_err();
    assert_eq!(err.code(), "error_response");
    assert_eq!(err.oauth_error(), Some(OAuthErrorCode::AccessDenied));
    assert!(err.to_string().contains("user cancelled"));
    let incoming =
        IncomingAuthorizationRequest::parse_url(&authorization_request().url(EndpointPolicy::default()).unwrap())
            .unwrap();
    let redirect = incoming.error_redirect(&ErrorResponse::new(OAuthErrorCode::AccessDenied, Some("no".into())), None);
    assert_eq!(redirect, "com.example.mcptt:/callback?error=access_denied&error_description=no&state=state-1");
}

#[test]
fn b_4_authorization_endpoint_requires_code_and_pkce_s256() {
    let base = "https://i.example/a?client_id=c&redirect_uri=com.x%3A%2Fcb&scope=openid";
    let code = |url: &str| {
        let r = IncomingAuthorizationRequest::parse_url(url).unwrap_err();
        (r.error.as_str().to_owned(), r.code())
    };
    assert_eq!(
        code(&format!("{base}&response_type=token&code_challenge={CHALLENGE}&code_challenge_method=S256")),
        ("unsupported_response_type".into(), "login_unsupported_response_type")
    );
    assert_eq!(code(&format!("{base}&response_type=code")), ("invalid_request".into(), "login_pkce_required"));
    assert_eq!(
        code(&format!("{base}&response_type=code&code_challenge={CHALLENGE}")),
        ("invalid_request".into(), "login_pkce_required")
    );
    assert_eq!(
        code(&format!("{base}&response_type=code&code_challenge={CHALLENGE}&code_challenge_method=plain")),
        ("invalid_request".into(), "login_pkce_required")
    );
    assert_eq!(
        code(&format!("{base}&response_type=code&code_challenge=short&code_challenge_method=S256")),
        ("invalid_request".into(), "login_pkce_required")
    );
    assert_eq!(code("https://i.example/a?response_type=code"), ("invalid_request".into(), "missing_parameter"));
}

#[test]
fn b_4_2_4_code_request_round_trips_and_rfc7636_4_6_verifier_must_match_the_challenge() {
    let request =
        authorization_request().code_request(Secret::new("code-1"), ClientAuthentication::client_id("mcptt-client"));
    let http = request.build("https://idms.primary.example/token", EndpointPolicy::default()).unwrap();
    assert_eq!(
        http.body_text().unwrap(),
        format!("grant_type=authorization_code&code=code-1&redirect_uri=com.example.mcptt%3A%2Fcallback&code_verifier={VERIFIER}&client_id=mcptt-client")
    );
    let parsed = AuthorizationCodeRequest::parse(&http, &ParseOptions::strict()).unwrap().value;
    assert_eq!(parsed, request);
    assert!(parsed.verify(CHALLENGE, REDIRECT).is_ok());
    let mismatch = parsed.verify("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", REDIRECT).unwrap_err();
    assert_eq!((mismatch.error.as_str(), mismatch.code()), ("invalid_grant", "login_pkce_mismatch"));
    let other_redirect = parsed.verify(CHALLENGE, "com.example.other:/cb").unwrap_err();
    assert_eq!((other_redirect.error.as_str(), other_redirect.code()), ("invalid_grant", "login_invalid_redirect_uri"));
}

#[test]
fn b_4_2_4_code_request_without_verifier_or_with_a_short_one_is_invalid_request() {
    let form = |body: &str| HttpRequest::form_post("https://i.example/t", body.to_owned());
    let err = AuthorizationCodeRequest::parse(
        &form("grant_type=authorization_code&code=c&redirect_uri=com.x%3A%2Fcb"),
        &ParseOptions::strict(),
    )
    .unwrap_err();
    assert_eq!((err.error.as_str(), err.code()), ("invalid_request", "missing_parameter"));
    let err = AuthorizationCodeRequest::parse(
        &form("grant_type=authorization_code&code=c&redirect_uri=com.x%3A%2Fcb&code_verifier=short"),
        &ParseOptions::strict(),
    )
    .unwrap_err();
    assert_eq!((err.error.as_str(), err.code()), ("invalid_request", "login_invalid_verifier"));
    let err =
        AuthorizationCodeRequest::parse(&form("grant_type=refresh_token&refresh_token=r"), &ParseOptions::strict())
            .unwrap_err();
    assert_eq!(err.error.as_str(), "unsupported_grant_type");
}

#[test]
fn b_5_refresh_round_trips_keeps_or_narrows_scope_and_refuses_a_wider_one() {
    let granted = ScopeSet::for_service(McService::Ptt);
    let request = RefreshRequest::new("refresh-1", None, ClientAuthentication::basic("c", "s"));
    let http = request.build("https://i.example/t", EndpointPolicy::default()).unwrap();
    assert_eq!(http.body_text().unwrap(), "grant_type=refresh_token&refresh_token=refresh-1");
    let parsed = RefreshRequest::parse(&http, &ParseOptions::strict()).unwrap().value;
    assert_eq!(parsed, request);
    assert!(parsed.check_scope(&granted).is_ok());
    let same = RefreshRequest::new("r", Some(granted.clone()), ClientAuthentication::None);
    assert!(same.check_scope(&granted).is_ok());
    let wider = RefreshRequest::new("r", Some(ScopeSet::for_service(McService::Video)), ClientAuthentication::None);
    let err = wider.check_scope(&granted).unwrap_err();
    assert_eq!((err.error.as_str(), err.code()), ("invalid_scope", "scope_widened"));
    let body = HttpRequest::form_post(
        "https://i.example/t",
        "grant_type=refresh_token&refresh_token=r&scope=openid%2C3gpp%3Amc%3Aptt_service",
    );
    assert_eq!(RefreshRequest::parse(&body, &ParseOptions::strict()).unwrap_err().code(), "scope_comma");
    let lenient = RefreshRequest::parse(&body, &ParseOptions::lenient()).unwrap();
    assert_eq!(lenient.normalisations[0].code, "comma_separated_scope");
}

#[test]
fn secrets_of_a_login_never_print() {
    let request = authorization_request();
    let text = format!("{request:?}");
    assert!(!text.contains(VERIFIER) && !text.contains("state-1") && !text.contains("nonce-1"), "{text}");
    let code_request = request.code_request(Secret::new("the-code"), ClientAuthentication::basic("c", "hunter2"));
    let text = format!("{code_request:?}");
    assert!(!text.contains("the-code") && !text.contains("hunter2") && !text.contains(VERIFIER), "{text}");
}

#[test]
fn secrets_of_an_incoming_authorization_request_never_print_but_its_public_members_do() {
    let url = authorization_request().url(EndpointPolicy::default()).unwrap();
    let incoming = IncomingAuthorizationRequest::parse_url(&url).unwrap();
    let text = format!("{incoming:?}");
    assert!(!text.contains("state-1") && !text.contains("nonce-1"), "{text}");
    assert!(text.contains("state: Some(\"[redacted]\")") && text.contains("nonce: Some(\"[redacted]\")"), "{text}");
    assert!(text.contains("mcptt-client") && text.contains(CHALLENGE) && text.contains(REDIRECT), "{text}");
    let without = IncomingAuthorizationRequest { state: None, nonce: None, ..incoming };
    assert!(format!("{without:?}").contains("state: None, nonce: None"));
}

#[test]
fn rfc6749_4_1_3_a_code_request_without_client_identification_is_not_built() {
    // `client_id` is REQUIRED when the client does not authenticate, and the server role refuses
    // the request without it: the client must not send it.
    let build = |client: ClientAuthentication| {
        authorization_request()
            .code_request(Secret::new("code-1"), client)
            .build("https://idms.primary.example/token", EndpointPolicy::default())
    };
    assert_eq!(build(ClientAuthentication::None).unwrap_err().code(), "missing_parameter");
    assert_eq!(build(ClientAuthentication::client_id("")).unwrap_err().code(), "empty_parameter");
    assert_eq!(build(ClientAuthentication::basic("", "s3cret")).unwrap_err().code(), "empty_parameter");
    let sent = build(ClientAuthentication::basic("mcptt-client", "s3cret")).unwrap();
    assert!(AuthorizationCodeRequest::parse(&sent, &ParseOptions::strict()).is_ok());
}

#[test]
fn rfc6749_3_1_an_authorization_endpoint_with_an_empty_query_keeps_it_and_the_server_reads_the_request() {
    // The endpoint's query "MUST be retained when adding additional query parameters"; an empty
    // one (`…/authorize?`) must not turn into an empty pair (`?&response_type=…`).
    let mut request = authorization_request();
    request.authorization_endpoint = "https://idms.primary.example/authorize?".into();
    let url = request.url(EndpointPolicy::default()).unwrap();
    assert!(url.starts_with("https://idms.primary.example/authorize?response_type=code&"), "{url}");
    assert_eq!(IncomingAuthorizationRequest::parse_url(&url).unwrap().client_id, "mcptt-client");
    request.authorization_endpoint = "https://idms.primary.example/authorize?tenant=a".into();
    let url = request.url(EndpointPolicy::default()).unwrap();
    assert!(url.starts_with("https://idms.primary.example/authorize?tenant=a&response_type=code&"), "{url}");
}

#[test]
fn rfc6749_3_1_2_a_redirect_uri_with_an_empty_query_gets_a_code_its_client_reads() {
    for redirect_uri in ["com.example.mcptt:/callback?", "com.example.mcptt:/callback?tenant=a&"] {
        let mut request = authorization_request();
        request.redirect_uri = redirect_uri.into();
        let incoming =
            IncomingAuthorizationRequest::parse_url(&request.url(EndpointPolicy::default()).unwrap()).unwrap();
        let redirect = incoming.success_redirect("code-1", None);
        assert_eq!(redirect, format!("{redirect_uri}code=code-1&state=state-1"));
        assert_eq!(request.read_response(&redirect).unwrap().expose(), "code-1");
        let refused = incoming.error_redirect(&ErrorResponse::new(OAuthErrorCode::AccessDenied, None), None);
        assert_eq!(request.read_response(&refused).unwrap_err().oauth_error(), Some(OAuthErrorCode::AccessDenied));
    }
}

#[test]
fn oidc_core_3_1_2_1_an_authorization_request_without_scope_is_not_built() {
    // `scope` is REQUIRED; `scope=` is a parameter "sent without a value", read as omitted
    // (RFC 6749 §3.1), which the server role refuses.
    let mut request = authorization_request();
    request.scope = ScopeSet::new();
    assert_eq!(request.url(EndpointPolicy::default()).unwrap_err().code(), "empty_parameter");
    let written = "https://i.example/a?response_type=code&client_id=c&redirect_uri=com.x%3A%2Fcb&scope=\
        &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    assert_eq!(IncomingAuthorizationRequest::parse_url(written).unwrap_err().code(), "empty_parameter");
}

#[test]
fn rfc9207_2_a_server_writes_iss_in_both_redirects_and_a_client_expecting_it_reads_them() {
    const ISSUER: &str = "https://idms.primary.example";
    let mut request = authorization_request();
    request.issuer = Some(ISSUER.into());
    let incoming = IncomingAuthorizationRequest::parse_url(&request.url(EndpointPolicy::default()).unwrap()).unwrap();
    let redirect = incoming.success_redirect("code-1", Some(ISSUER));
    assert_eq!(
        redirect,
        "com.example.mcptt:/callback?code=code-1&state=state-1&iss=https%3A%2F%2Fidms.primary.example"
    );
    assert_eq!(request.read_response(&redirect).unwrap().expose(), "code-1");
    let refused = incoming.error_redirect(&ErrorResponse::new(OAuthErrorCode::AccessDenied, None), Some(ISSUER));
    assert_eq!(request.read_response(&refused).unwrap_err().oauth_error(), Some(OAuthErrorCode::AccessDenied));
    // §2.4: the same response from another server, or from this one without `iss`, is refused.
    let mixed_up = incoming.success_redirect("code-1", Some("https://idms.partner.example"));
    assert_eq!(request.read_response(&mixed_up).unwrap_err().code(), "login_issuer_mismatch");
    let without = incoming.success_redirect("code-1", None);
    assert_eq!(request.read_response(&without).unwrap_err().code(), "login_issuer_mismatch");
}
