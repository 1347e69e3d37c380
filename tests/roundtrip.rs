//! Property tests: whatever the client role builds, the server role parses back unchanged
//! (strict mode), and parsers never panic on arbitrary bodies.

use mcx_connect::*;
use proptest::prelude::*;

fn host() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,20}(\\.[a-z][a-z0-9-]{0,10}){1,3}"
}

fn endpoint() -> impl Strategy<Value = String> {
    (host(), proptest::option::of(1u16..), "(/[A-Za-z0-9._~-]{1,12}){0,3}").prop_map(|(host, port, path)| match port {
        Some(port) => format!("https://{host}:{port}{path}"),
        None => format!("https://{host}{path}"),
    })
}

/// Any non-empty text, including spaces, `&`, `=`, `%`, `+` and non-ASCII characters.
fn token_text() -> impl Strategy<Value = String> {
    "[^\\x00-\\x1f\\x7f]{1,200}"
}

fn client() -> impl Strategy<Value = ClientAuthentication> {
    let id = "[^\\x00-\\x1f\\x7f]{1,40}";
    prop_oneof![
        Just(ClientAuthentication::None),
        id.prop_map(ClientAuthentication::client_id),
        (id, token_text()).prop_map(|(id, secret)| ClientAuthentication::basic(id, secret)),
        (id, token_text()).prop_map(|(id, secret)| ClientAuthentication::ClientSecretPost {
            client_id: id.to_owned(),
            client_secret: Secret::new(secret)
        }),
    ]
}

fn scope_set() -> impl Strategy<Value = ScopeSet> {
    let value = prop_oneof![
        Just(Scope::OpenId),
        Just(Scope::PttService),
        Just(Scope::VideoKeyManagement),
        Just(Scope::DataGroupManagement),
        "3gpp:mc:[a-z_]{1,20}".prop_map(|v| Scope::from_value(&v)),
        "[a-z]{1,10}".prop_map(|v| Scope::from_value(&v)),
    ];
    (proptest::collection::vec(value, 0..6), any::<bool>()).prop_map(|(values, with_ptt)| {
        let mut set: ScopeSet = values.into_iter().collect();
        if with_ptt || !set.has_mcx() {
            set.insert(Scope::PttService);
        }
        set
    })
}

proptest! {
    #[test]
    fn b_7_2_token_exchange_build_then_strict_parse_is_identity(resource in endpoint(), token in token_text(), client in client(), primary in endpoint()) {
        let request = TokenExchangeRequest::new(resource, token).with_client(client);
        let http = request.build(&primary, EndpointPolicy::default()).unwrap();
        let parsed = TokenExchangeRequest::parse(&http, &ParseOptions::strict()).unwrap();
        prop_assert_eq!(parsed.value, request);
        prop_assert!(parsed.normalisations.is_empty());
    }

    #[test]
    fn b_7_4_jwt_bearer_build_then_strict_parse_is_identity(scope in scope_set(), id in "[^\\x00-\\x1f\\x7f]{1,40}", partner in endpoint()) {
        let assertion = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
        let request = JwtBearerRequest::new(assertion, ClientAuthentication::client_id(id), scope);
        let http = request.build(&partner, EndpointPolicy::default()).unwrap();
        let parsed = JwtBearerRequest::parse(&http, &ParseOptions::strict()).unwrap();
        prop_assert_eq!(parsed.value, request);
    }

    #[test]
    fn b_5_refresh_build_then_strict_parse_is_identity(token in token_text(), scope in proptest::option::of(scope_set()), client in client()) {
        let request = RefreshRequest::new(token, scope, client);
        let http = request.build("https://idms.example/token", EndpointPolicy::default()).unwrap();
        prop_assert_eq!(RefreshRequest::parse(&http, &ParseOptions::strict()).unwrap().value, request);
    }

    #[test]
    fn rfc6749_3_3_scope_display_then_strict_parse_is_identity(scope in scope_set()) {
        prop_assert_eq!(ScopeSet::parse(&scope.to_string()).unwrap(), scope);
    }

    #[test]
    fn b_7_5_token_response_write_then_read_is_identity(access in token_text(), refresh in proptest::option::of(token_text()), expires in proptest::option::of(any::<u64>()), scope in proptest::option::of(scope_set())) {
        let mut tokens = TokenResponse::bearer(access);
        tokens.refresh_token = refresh.map(Secret::new);
        tokens.expires_in = expires;
        tokens.scope_text = scope.as_ref().map(ToString::to_string);
        tokens.scope = scope;
        let read = TokenResponse::from_http_response(&tokens.to_http_response(), &Limits::default()).unwrap();
        prop_assert!(read.normalisations.is_empty(), "a reply the core writes needs no lenient reading");
        prop_assert_eq!(read, tokens);
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_bodies(body in proptest::collection::vec(any::<u8>(), 0..400), lenient in any::<bool>()) {
        let options = if lenient { ParseOptions::lenient() } else { ParseOptions::strict() };
        let request = HttpRequest::form_post("https://idms.example/token", body.clone());
        let _ = TokenExchangeRequest::parse(&request, &options);
        let _ = JwtBearerRequest::parse(&request, &options);
        let _ = AuthorizationCodeRequest::parse(&request, &options);
        let _ = RefreshRequest::parse(&request, &options);
        let response = HttpResponse::json(200, body.clone());
        let _ = TokenResponse::from_http_response(&response, &Limits::default());
        let _ = TokenExchangeResponse::from_http_response(&response, &Limits::default());
        let text = String::from_utf8_lossy(&body);
        let _ = HttpRequest::parse_text(&text, ParseMode::Lenient);
        let _ = HttpResponse::parse_text(&text);
        let _ = IncomingAuthorizationRequest::parse_url(&format!("https://i.example/a?{text}"));
    }
}
