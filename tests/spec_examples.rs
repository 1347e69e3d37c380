//! The HTTP examples printed in TS 33.180 B.7.2 and B.7.4, read from `tests/spec-examples/`
//! exactly as printed (headers included): strict refuses each with a precise description,
//! lenient accepts what can be repaired and reports every repair.

use mcx_connect::{Error, HttpRequest, JwtBearerRequest, ParseMode, ParseOptions, TokenExchangeRequest};

fn example(name: &str) -> String {
    let path = format!("{}/spec-examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn codes(normalisations: &[mcx_connect::Normalisation]) -> Vec<&str> {
    normalisations.iter().map(|n| n.code.as_str()).collect()
}

#[test]
fn b_7_2_example_strict_refuses_the_blank_lines_between_header_fields() {
    let err = HttpRequest::parse_text(&example("b_7_2_token_exchange_example.http"), ParseMode::Strict).unwrap_err();
    assert_eq!(err.code(), "malformed_http");
    assert!(err.to_string().contains("blank line between header fields at line 2"), "{err}");
}

#[test]
fn b_7_2_example_lenient_repairs_the_body_but_its_basic_credential_is_invalid_client() {
    let text = HttpRequest::parse_text(&example("b_7_2_token_exchange_example.http"), ParseMode::Lenient).unwrap();
    assert_eq!(codes(&text.normalisations), ["blank_line_between_headers"]);
    assert_eq!(text.value.url, "https://IdM.server.com:9031/as/token.oauth2");
    let rejection = TokenExchangeRequest::parse(&text.value, &ParseOptions::lenient()).unwrap_err();
    assert_eq!(rejection.error.as_str(), "invalid_client");
    assert_eq!(rejection.code(), "invalid_client_authentication");
    assert!(rejection.to_string().contains("Basic credentials are not UTF-8 text"), "{rejection}");

    // Without the example's credential, the body itself is accepted with every repair reported.
    let mut request = text.value;
    request.headers.retain(|(name, _)| !name.eq_ignore_ascii_case("authorization"));
    let parsed = TokenExchangeRequest::parse(&request, &ParseOptions::lenient()).unwrap();
    assert_eq!(parsed.value.resource, "https://IdM.partner_server.com");
    assert_eq!(parsed.value.subject_token.expose(), "baaR3jcJyb4BWCxGsndq23ScbdFMogUC5Pb233jKLTC");
    assert!(codes(&parsed.normalisations).contains(&"resource_scheme_assumed"));
    let strict = TokenExchangeRequest::parse(&request, &ParseOptions::strict()).unwrap_err();
    assert_eq!((strict.error.as_str(), strict.code()), ("invalid_request", "malformed_form"));
}

fn b_7_4_example(name: &str) -> HttpRequest {
    // B.7.4's header block is well formed: strict reading of the HTTP text succeeds.
    HttpRequest::parse_text(&example(name), ParseMode::Strict).unwrap().value
}

#[test]
fn b_7_4_example_1_strict_refuses_the_space_after_ampersand() {
    let rejection =
        JwtBearerRequest::parse(&b_7_4_example("b_7_4_token_request_example_1.http"), &ParseOptions::strict())
            .unwrap_err();
    assert_eq!((rejection.error.as_str(), rejection.code()), ("invalid_request", "malformed_form"));
    assert!(rejection.to_string().contains("before parameter `assertion` (whitespace after `&`)"), "{rejection}");
}

#[test]
fn b_7_4_example_1_lenient_is_accepted_with_every_repair_reported() {
    let parsed =
        JwtBearerRequest::parse(&b_7_4_example("b_7_4_token_request_example_1.http"), &ParseOptions::lenient())
            .unwrap();
    assert_eq!(parsed.value.client.id(), Some("myNativeApp"));
    assert_eq!(parsed.value.scope.to_string(), "openid 3gpp:mc:ptt_group_management_service");
    assert_eq!(
        codes(&parsed.normalisations),
        [
            "whitespace_trimmed",
            "whitespace_trimmed",
            "whitespace_trimmed",
            "raw_non_ascii_decoded",
            "empty_pair_dropped",
            "no_break_space_in_scope"
        ]
    );
}

#[test]
fn b_7_4_example_2_strict_refuses_and_lenient_reports_the_comma_separated_scope() {
    let request = b_7_4_example("b_7_4_token_request_example_2.http");
    let rejection = JwtBearerRequest::parse(&request, &ParseOptions::strict()).unwrap_err();
    assert_eq!(rejection.code(), "malformed_form");
    let parsed = JwtBearerRequest::parse(&request, &ParseOptions::lenient()).unwrap();
    assert_eq!(parsed.value.scope, mcx_connect::ScopeSet::for_service(mcx_connect::McService::Ptt));
    assert!(codes(&parsed.normalisations).contains(&"comma_separated_scope"));
    assert_eq!(Error::from(rejection).oauth_error().map(|c| c.as_str().to_owned()).as_deref(), Some("invalid_request"));
}
