//! The migration flow (issue 5): every transition and every failure path, with hand-made
//! replies. (`tests/migration.rs` at the top level runs it against in-process IdMS roles.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
use base64ct::{Base64UrlUnpadded, Encoding};
use mcx_connect::*;

const NOW: u64 = 1_800_000_000;
const PRIMARY: &str = "https://idms.primary.example/token";
const PARTNER: &str = "https://idms.partner.example/token";
const CLIENT: &str = "mcptt-client";

fn token(claims: &str) -> String {
    format!(
        "{}.{}.{}",
        Base64UrlUnpadded::encode_string(br#"{"alg":"ES256","kid":"primary-1"}"#),
        Base64UrlUnpadded::encode_string(claims.as_bytes()),
        Base64UrlUnpadded::encode_string(&[7u8; 64])
    )
}

fn security_token(aud: &str, exp: u64) -> String {
    token(&format!(r#"{{"iss":"https://idms.primary.example","sub":"alice","aud":{aud},"iat":{NOW},"exp":{exp}}}"#))
}

fn good_security_token() -> String {
    security_token(&format!(r#"["{CLIENT}","{PARTNER}"]"#), NOW + 120)
}

fn exchange_reply(token: &str) -> HttpResponse {
    TokenExchangeResponse::security_token(token, 120).to_http_response()
}

fn partner_reply() -> HttpResponse {
    let mut tokens = TokenResponse::bearer("partner-access");
    tokens.refresh_token = Some(Secret::new("partner-refresh"));
    tokens.expires_in = Some(3600);
    tokens.to_http_response()
}

fn target(endpoint: &str) -> MigrationTarget {
    MigrationTarget {
        service: McService::Ptt,
        partner_system_id: Some("partner-a".into()),
        partner_token_endpoint: endpoint.into(),
    }
}

fn flow() -> MigrationFlow {
    let config = MigrationConfig::new(PRIMARY, CLIENT, ScopeSet::for_service(McService::Ptt));
    MigrationFlow::new(config, target(PARTNER), Secret::new("primary-access")).unwrap()
}

fn flow_at_partner_step() -> MigrationFlow {
    let mut flow = flow();
    flow.next_request(NOW).unwrap();
    assert_eq!(
        flow.handle_response(&exchange_reply(&good_security_token()), NOW).unwrap(),
        MigrationStep::PartnerRequestToSend
    );
    flow
}

#[test]
fn b_7_full_migration_walks_exchange_security_token_check_jwt_bearer_and_partner_tokens() {
    let mut flow = flow();
    assert_eq!(flow.step(), MigrationStep::ExchangeToSend);
    let exchange = flow.next_request(NOW).unwrap();
    let parsed = TokenExchangeRequest::parse(&exchange, &ParseOptions::strict()).unwrap().value;
    assert_eq!(parsed.resource, PARTNER);
    assert_eq!(parsed.subject_token.expose(), "primary-access");
    assert_eq!(parsed.client.id(), Some(CLIENT));

    assert_eq!(
        flow.handle_response(&exchange_reply(&good_security_token()), NOW).unwrap(),
        MigrationStep::PartnerRequestToSend
    );
    assert_eq!(flow.security_token_expires_at(), Some(NOW + 120));

    let partner = flow.next_request(NOW + 1).unwrap();
    assert_eq!(partner.url, PARTNER);
    let parsed = JwtBearerRequest::parse(&partner, &ParseOptions::strict()).unwrap().value;
    assert_eq!(parsed.assertion.expose(), good_security_token());
    assert_eq!(parsed.client.id(), Some(CLIENT));
    assert_eq!(parsed.scope, ScopeSet::for_service(McService::Ptt));

    assert_eq!(flow.handle_response(&partner_reply(), NOW + 2).unwrap(), MigrationStep::Completed);
    assert_eq!(flow.partner_tokens().unwrap().access_token.expose(), "partner-access");
    assert!(flow.failure().is_none());
}

#[test]
fn calls_out_of_order_are_flow_wrong_step_and_do_not_change_the_step() {
    let mut flow = flow();
    assert_eq!(flow.handle_response(&partner_reply(), NOW).unwrap_err().code(), "flow_wrong_step");
    flow.next_request(NOW).unwrap();
    assert_eq!(flow.next_request(NOW).unwrap_err().code(), "flow_wrong_step");
    assert_eq!(flow.step(), MigrationStep::AwaitingSecurityToken);
    let mut done = flow_at_partner_step();
    done.next_request(NOW).unwrap();
    done.handle_response(&partner_reply(), NOW).unwrap();
    assert_eq!(done.next_request(NOW).unwrap_err().code(), "flow_wrong_step");
}

#[test]
fn rfc8693_2_2_2_primary_error_ends_the_flow_with_the_servers_error_intact() {
    let mut flow = flow();
    flow.next_request(NOW).unwrap();
    let reply = ErrorResponse::new(OAuthErrorCode::InvalidTarget, Some("unknown partner".into())).to_http_response();
    let err = flow.handle_response(&reply, NOW).unwrap_err();
    assert_eq!((err.code(), err.oauth_error()), ("error_response", Some(OAuthErrorCode::InvalidTarget)));
    assert_eq!(flow.step(), MigrationStep::Failed);
    let failure = flow.failure().unwrap();
    assert_eq!((failure.code.as_str(), failure.oauth_error.as_deref()), ("error_response", Some("invalid_target")));
    assert!(failure.description.contains("unknown partner"));
    assert_eq!(flow.next_request(NOW).unwrap_err().code(), "flow_already_failed");
}

#[test]
fn rfc6749_5_2_error_member_in_a_200_exchange_reply_ends_the_flow() {
    let mut flow = flow();
    flow.next_request(NOW).unwrap();
    let err = flow.handle_response(&HttpResponse::json(200, r#"{"error":"invalid_grant"}"#), NOW).unwrap_err();
    assert_eq!(err.oauth_error(), Some(OAuthErrorCode::InvalidGrant));
    assert_eq!(flow.step(), MigrationStep::Failed);
}

#[test]
fn unexpected_reply_ends_the_flow_with_unexpected_status() {
    let mut flow = flow();
    flow.next_request(NOW).unwrap();
    let reply = HttpResponse { status: 502, headers: vec![], body: b"bad gateway".to_vec() };
    assert_eq!(flow.handle_response(&reply, NOW).unwrap_err().code(), "unexpected_status");
}

fn security_token_failure(token: &str) -> Error {
    let mut flow = flow();
    flow.next_request(NOW).unwrap();
    let err = flow.handle_response(&exchange_reply(token), NOW).unwrap_err();
    assert_eq!(flow.step(), MigrationStep::Failed);
    err
}

#[test]
fn b_2_1_2_security_token_without_the_partner_address_in_aud_is_unusable() {
    let err = security_token_failure(&security_token(&format!(r#"["{CLIENT}"]"#), NOW + 120));
    assert_eq!(err.code(), "flow_unusable_security_token");
    assert!(err.to_string().contains("partner address"), "{err}");
}

#[test]
fn b_2_1_2_security_token_without_the_client_id_in_aud_is_unusable() {
    let err = security_token_failure(&security_token(&format!(r#""{PARTNER}""#), NOW + 120));
    assert!(err.to_string().contains("client id"), "{err}");
}

#[test]
fn b_7_3_security_token_that_expires_too_soon_or_has_no_exp_is_unusable() {
    let err = security_token_failure(&security_token(&format!(r#"["{CLIENT}","{PARTNER}"]"#), NOW + 5));
    assert!(err.to_string().contains("expires at"), "{err}");
    let no_exp = token(&format!(r#"{{"aud":["{CLIENT}","{PARTNER}"]}}"#));
    assert!(security_token_failure(&no_exp).to_string().contains("no `iss` claim"), "read as the validators read it");
    let only_no_exp = token(&format!(
        r#"{{"iss":"https://idms.primary.example","sub":"alice","aud":["{CLIENT}","{PARTNER}"],"iat":{NOW}}}"#
    ));
    assert!(security_token_failure(&only_no_exp).to_string().contains("no `exp` claim"));
    assert_eq!(security_token_failure("opaque-token").code(), "flow_unusable_security_token");
}

#[test]
fn rfc8693_2_2_1_issued_token_type_other_than_jwt_is_unusable() {
    let mut flow = flow();
    flow.next_request(NOW).unwrap();
    let mut reply = TokenExchangeResponse::security_token(good_security_token(), 120);
    reply.issued_token_type = TOKEN_TYPE_ACCESS_TOKEN.into();
    assert_eq!(
        flow.handle_response(&reply.to_http_response(), NOW).unwrap_err().code(),
        "flow_unusable_security_token"
    );
}

#[test]
fn b_7_4_security_token_expired_while_the_app_waited_is_not_sent() {
    let mut flow = flow_at_partner_step();
    let err = flow.next_request(NOW + 115).unwrap_err();
    assert_eq!(err.code(), "flow_unusable_security_token");
    assert_eq!(flow.step(), MigrationStep::Failed);
}

#[test]
fn rfc7523_3_1_partner_refusal_ends_the_flow_with_invalid_grant_intact() {
    let mut flow = flow_at_partner_step();
    flow.next_request(NOW).unwrap();
    let refusal = ErrorResponse::new(OAuthErrorCode::UnauthorizedClient, Some("client not allowed here".into()))
        .to_http_response();
    let err = flow.handle_response(&refusal, NOW).unwrap_err();
    assert_eq!(err.oauth_error(), Some(OAuthErrorCode::UnauthorizedClient));
    assert_eq!(flow.failure().unwrap().oauth_error.as_deref(), Some("unauthorized_client"));
}

#[test]
fn b_7_5_partner_token_that_is_not_bearer_is_refused() {
    let mut flow = flow_at_partner_step();
    flow.next_request(NOW).unwrap();
    let mut tokens = TokenResponse::bearer("x");
    tokens.token_type = TokenType::NotApplicable;
    assert_eq!(flow.handle_response(&tokens.to_http_response(), NOW).unwrap_err().code(), "invalid_field");
}

#[test]
fn ts24482_6_2_3_a_configuration_errors_fail_at_creation() {
    let config = MigrationConfig::new(PRIMARY, CLIENT, ScopeSet::for_service(McService::Ptt));
    let err =
        MigrationFlow::new(config.clone(), target("http://idms.partner.example/token"), Secret::new("t")).unwrap_err();
    assert_eq!(err.code(), "endpoint_insecure");
    let mut no_mcx = config;
    no_mcx.scope = ScopeSet::parse("openid").unwrap();
    assert_eq!(MigrationFlow::new(no_mcx, target(PARTNER), Secret::new("t")).unwrap_err().code(), "scope_missing_mcx");
}

#[test]
fn rfc6749_2_3_1_client_secret_goes_to_the_primary_as_basic_and_never_to_the_partner() {
    let mut config = MigrationConfig::new(PRIMARY, CLIENT, ScopeSet::for_service(McService::Ptt));
    config.client_secret = Some(Secret::new("client-secret"));
    let mut flow = MigrationFlow::new(config, target(PARTNER), Secret::new("primary-access")).unwrap();
    let exchange = flow.next_request(NOW).unwrap();
    assert!(exchange.header("authorization").unwrap().starts_with("Basic "));
    flow.handle_response(&exchange_reply(&good_security_token()), NOW).unwrap();
    let partner = flow.next_request(NOW).unwrap();
    assert!(partner.header("authorization").is_none());
    assert!(!partner.body_text().unwrap().contains("client-secret"));
}

#[test]
fn one_login_migrates_to_several_partners_one_after_another() {
    let mut first = flow_at_partner_step();
    first.next_request(NOW).unwrap();
    first.handle_response(&partner_reply(), NOW).unwrap();
    let other = "https://idms.partner-b.example/token";
    let mut second = first.for_another_partner(target(other)).unwrap();
    let exchange = second.next_request(NOW).unwrap();
    let parsed = TokenExchangeRequest::parse(&exchange, &ParseOptions::strict()).unwrap().value;
    assert_eq!((parsed.resource.as_str(), parsed.subject_token.expose()), (other, "primary-access"));
    let token_b = security_token(&format!(r#"["{CLIENT}","{other}"]"#), NOW + 120);
    second.handle_response(&exchange_reply(&token_b), NOW).unwrap();
    assert_eq!(second.next_request(NOW).unwrap().url, other);
}

#[test]
fn saved_flow_without_secrets_holds_none_and_redoes_the_exchange_on_restore() {
    let mut config = MigrationConfig::new(PRIMARY, CLIENT, ScopeSet::for_service(McService::Ptt));
    config.client_secret = Some(Secret::new("client-secret"));
    let mut flow = MigrationFlow::new(config, target(PARTNER), Secret::new("primary-access")).unwrap();
    flow.next_request(NOW).unwrap();
    flow.handle_response(&exchange_reply(&good_security_token()), NOW).unwrap();
    let saved = flow.save(false);
    for secret in ["primary-access", "client-secret", good_security_token().as_str()] {
        assert!(!saved.contains(secret), "saved flow leaks a secret: {saved}");
    }
    let missing = MigrationFlow::restore(&saved, FlowSecrets::default()).unwrap_err();
    assert_eq!(missing.code(), "flow_invalid_saved_flow");
    let secrets = FlowSecrets {
        primary_access_token: Some(Secret::new("primary-access")),
        client_secret: Some(Secret::new("client-secret")),
    };
    let mut restored = MigrationFlow::restore(&saved, secrets).unwrap();
    assert_eq!(restored.step(), MigrationStep::ExchangeToSend);
    assert!(restored.next_request(NOW).unwrap().header("authorization").is_some());
}

#[test]
fn saved_flow_with_secrets_restores_exactly_and_continues() {
    let flow = flow_at_partner_step();
    let mut restored = MigrationFlow::restore(&flow.save(true), FlowSecrets::default()).unwrap();
    assert_eq!(restored, flow);
    restored.next_request(NOW).unwrap();
    assert_eq!(restored.handle_response(&partner_reply(), NOW).unwrap(), MigrationStep::Completed);
    let completed = MigrationFlow::restore(&restored.save(true), FlowSecrets::default()).unwrap();
    assert_eq!(completed.partner_tokens().unwrap().refresh_token.as_ref().unwrap().expose(), "partner-refresh");
}

#[test]
fn a_failed_flow_restores_as_failed_with_its_failure() {
    let mut flow = flow();
    flow.next_request(NOW).unwrap();
    let _ = flow.handle_response(&ErrorResponse::new(OAuthErrorCode::InvalidTarget, None).to_http_response(), NOW);
    let restored = MigrationFlow::restore(&flow.save(false), FlowSecrets::default()).unwrap();
    assert_eq!(restored.step(), MigrationStep::Failed);
    assert_eq!(restored.failure(), flow.failure());
}

#[test]
fn garbage_and_foreign_saved_flows_are_refused_precisely() {
    for json in ["", "{", "[]", r#"{"version":2}"#] {
        assert_eq!(
            MigrationFlow::restore(json, FlowSecrets::default()).unwrap_err().code(),
            "flow_invalid_saved_flow",
            "{json}"
        );
    }
    let saved = flow().save(true).replace(r#""version":1"#, r#""version":9"#);
    assert!(MigrationFlow::restore(&saved, FlowSecrets::default()).unwrap_err().to_string().contains("version 9"));
}
