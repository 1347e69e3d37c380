//! The flow reads what servers really send (RFC 6749 §5.1) and checks the security token with
//! the validators' own rules (issue 14).

use super::*;
use crate::token::{sign, JwkSet, JwsHeader, SecurityTokenValidator, SigningKey, Verifier};
use crate::ErrorResponse;

const NOW: u64 = 1_900_000_000;
const PARTNER: &str = "https://idms.partner.example/token";
const CLIENT: &str = "mcptt-client";
const ISSUER: &str = "https://idms.primary.example";

fn key() -> SigningKey {
    SigningKey::es256(&[0x42; 32]).unwrap()
}

fn security_token(claims: serde_json::Value) -> String {
    sign(&JwsHeader::new(key().algorithm()), &claims, &key()).unwrap().into_inner()
}

fn claims() -> serde_json::Value {
    serde_json::json!({"iss": ISSUER, "sub": "alice", "aud": [CLIENT, PARTNER], "iat": NOW, "exp": NOW + 120})
}

fn flow() -> MigrationFlow {
    let config =
        MigrationConfig::new("https://idms.primary.example/token", CLIENT, ScopeSet::for_service(McService::Ptt));
    let target =
        MigrationTarget { service: McService::Ptt, partner_system_id: None, partner_token_endpoint: PARTNER.into() };
    MigrationFlow::new(config, target, Secret::new("primary-access-token")).unwrap()
}

/// A flow that took `token` from the primary's reply at `NOW`.
fn flow_with(token: &str) -> (MigrationFlow, Result<MigrationStep, Error>) {
    let mut flow = flow();
    flow.next_request(NOW).unwrap();
    let reply = HttpResponse::json(
        200,
        serde_json::json!({"access_token": token, "issued_token_type": TOKEN_TYPE_JWT, "token_type": "N_A"})
            .to_string(),
    );
    let step = flow.handle_response(&reply, NOW);
    (flow, step)
}

#[test]
fn rfc7519_2_fractional_exp_accepted_by_the_partner_validator_is_accepted_by_the_flow() {
    let mut with_fraction = claims();
    with_fraction["exp"] = serde_json::json!(NOW as f64 + 120.5);
    let token = security_token(with_fraction);
    let validator = SecurityTokenValidator::new(
        ISSUER,
        PARTNER,
        Verifier::new(JwkSet::from_keys(vec![key().public_jwk(None).unwrap()])),
    )
    .unwrap();
    assert_eq!(validator.validate(&token, CLIENT, NOW).unwrap().claims.exp, NOW + 120);
    let (flow, step) = flow_with(&token);
    assert_eq!(step.unwrap(), MigrationStep::PartnerRequestToSend);
    assert_eq!(flow.security_token_expires_at(), Some(NOW + 120), "read by the validators' reader");
    let report = flow.security_token_report(NOW).unwrap().unwrap();
    assert!(report.passed());
    assert_eq!(report.rule("signature").unwrap().outcome, RuleOutcome::NotChecked);
}

#[test]
fn b_2_1_2_the_flow_refuses_what_the_partner_validator_refuses() {
    for (claim, value, rule) in [
        ("sub", serde_json::json!("é".repeat(128)), "claims"),
        ("aud", serde_json::json!([CLIENT]), "aud_target"),
        ("aud", serde_json::json!([PARTNER]), "aud_client"),
        ("azp", serde_json::json!("someone-else"), "azp"),
        ("iat", serde_json::json!(NOW + 60), "iat"),
    ] {
        let mut changed = claims();
        changed[claim] = value;
        let (flow, step) = flow_with(&security_token(changed));
        assert_eq!(step.unwrap_err().code(), "flow_unusable_security_token", "{claim}");
        let failure = flow.failure().unwrap();
        assert!(failure.description.contains(&format!("rule {rule} ")), "{failure:?}");
    }
}

#[test]
fn b_2_1_2_a_security_token_issued_up_to_30_s_ahead_of_the_ue_clock_is_taken() {
    // The primary IdMS's clock runs ahead of the UE's: its fresh token's `iat` (and `nbf`) lie
    // in the UE's future. The partner judges them by its own clock; the flow allows the 30 s of
    // skew B.2.1.2 allows, and refuses beyond it.
    for ahead in [1, 30] {
        let mut skewed = claims();
        skewed["iat"] = serde_json::json!(NOW + ahead);
        skewed["nbf"] = serde_json::json!(NOW + ahead);
        let (flow, step) = flow_with(&security_token(skewed));
        assert_eq!(step.unwrap(), MigrationStep::PartnerRequestToSend, "{ahead} s ahead");
        let report = flow.security_token_report(NOW).unwrap().unwrap();
        assert!(report.passed(), "{ahead} s ahead");
        assert_eq!(report.rule("iat").unwrap().detail, format!("issued {ahead} s in the future"));
    }
    for (claim, rule) in [("iat", "iat"), ("nbf", "nbf")] {
        let mut skewed = claims();
        skewed[claim] = serde_json::json!(NOW + 31);
        let (flow, step) = flow_with(&security_token(skewed));
        assert_eq!(step.unwrap_err().code(), "flow_unusable_security_token", "{claim}");
        assert!(flow.failure().unwrap().description.contains(&format!("rule {rule} ")), "{claim}");
    }
    // The skew never stretches `exp`: a token that expired a second ago is refused.
    let mut expired = claims();
    expired["iat"] = serde_json::json!(NOW - 120);
    expired["exp"] = serde_json::json!(NOW - 1);
    let (flow, step) = flow_with(&security_token(expired));
    assert_eq!(step.unwrap_err().code(), "flow_unusable_security_token");
    assert!(flow.failure().unwrap().description.contains("rule exp "), "{:?}", flow.failure());
}

#[test]
fn now_in_milliseconds_is_refused_and_leaves_the_flow_where_it_was() {
    let mut flow = flow();
    let err = flow.next_request(NOW * 1000).unwrap_err();
    assert_eq!(err.code(), "now_in_milliseconds");
    assert!(err.to_string().contains("milliseconds"));
    assert_eq!(flow.step(), MigrationStep::ExchangeToSend);
    flow.next_request(NOW).unwrap();
    let reply = ErrorResponse::new(crate::OAuthErrorCode::InvalidTarget, None).to_http_response();
    assert_eq!(flow.handle_response(&reply, NOW * 1000).unwrap_err().code(), "now_in_milliseconds");
    assert_eq!(flow.step(), MigrationStep::AwaitingSecurityToken, "the reply can still be taken");
    assert_eq!(flow.security_token_report(NOW * 1000).unwrap_err().code(), "now_in_milliseconds");
}

#[test]
fn rfc6749_5_1_partner_reply_whose_optional_members_vary_completes_the_flow_and_is_reported() {
    let (mut flow, step) = flow_with(&security_token(claims()));
    step.unwrap();
    flow.next_request(NOW).unwrap();
    let reply = HttpResponse::json(
        200,
        r#"{"access_token":"partner-at","token_type":"bearer","expires_in":3600.0,"scope":"openid 3gpp:mc:ptt_service,x openid"}"#,
    );
    assert_eq!(flow.handle_response(&reply, NOW).unwrap(), MigrationStep::Completed);
    let tokens = flow.partner_tokens().unwrap();
    assert_eq!(tokens.expires_in, Some(3600));
    let codes: Vec<&str> = tokens.normalisations.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(codes, ["token_type_case", "expires_in_decimal", "scope_value_with_comma", "duplicate_scope_dropped"]);
    // A saved flow keeps what was read, the comma value included.
    let restored = MigrationFlow::restore(&flow.save(true), FlowSecrets::default()).unwrap();
    assert_eq!(restored.partner_tokens(), Some(tokens));
}

/// The saved format is one JSON in every language: the npm build's camelCase serde names
/// (feature `wasm`) of the policy, limits, target and failure never reach it (run the core's tests
/// with `--features wasm` to check that build).
#[test]
fn saved_flow_is_snake_case_whatever_the_features() {
    let mut flow = flow();
    flow.config.endpoint_policy = EndpointPolicy::ALLOW_LOOPBACK_HTTP;
    flow.target.partner_system_id = Some("partner-a".into());
    flow.next_request(NOW).unwrap();
    let refusal = ErrorResponse::new(crate::OAuthErrorCode::InvalidTarget, None).to_http_response();
    assert!(flow.handle_response(&refusal, NOW).is_err());
    let saved: serde_json::Value = serde_json::from_str(&flow.save(false)).unwrap();
    assert_eq!(saved["config"]["endpoint_policy"], serde_json::json!({"allow_loopback_http": true}));
    assert_eq!(saved["config"]["limits"]["max_body_bytes"], 65536);
    assert_eq!(saved["target"]["partner_system_id"], "partner-a");
    assert_eq!(saved["failure"]["oauth_error"], "invalid_target");
    let restored = MigrationFlow::restore(&saved.to_string(), FlowSecrets::default()).unwrap();
    assert_eq!(
        (&restored.config, restored.target(), restored.failure()),
        (&flow.config, flow.target(), flow.failure())
    );
}

/// A saved flow holds tokens: a string in the wrong place (a token where a number belongs) is
/// refused without being quoted, named by its member and in JSON's words (every language reads
/// the description: no serde position, no Rust type such as `u32`).
#[test]
fn saved_flow_with_a_string_in_the_wrong_place_is_refused_without_quoting_it() {
    let mut flow = flow();
    flow.next_request(NOW).unwrap();
    let mut saved: serde_json::Value = serde_json::from_str(&flow.save(true)).unwrap();
    saved["version"] = serde_json::json!("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln");
    let error = MigrationFlow::restore(&saved.to_string(), FlowSecrets::default()).unwrap_err();
    assert_eq!(error.code(), "flow_invalid_saved_flow");
    let text = error.to_string();
    assert!(
        text.ends_with("not a saved flow: `version`: invalid type: a string, expected an integer from 0 to 4294967295"),
        "{text}"
    );
    assert!(!text.contains("eyJ") && !text.contains("column"), "{text}");
}

/// A saved flow is the JSON object `save` writes, at every depth: the same members given as arrays
/// (which serde_json alone would read by position) are refused, as any other malformed saved flow.
#[test]
fn saved_flow_given_as_arrays_is_refused() {
    let mut flow = flow();
    flow.next_request(NOW).unwrap();
    let saved: serde_json::Value = serde_json::from_str(&flow.save(false)).unwrap();
    let serde_json::Value::Object(members) = saved.clone() else { panic!("a saved flow is an object") };
    let positional = serde_json::Value::Array(members.into_iter().map(|(_, value)| value).collect());
    let error = MigrationFlow::restore(&positional.to_string(), FlowSecrets::default()).unwrap_err();
    assert!(error.to_string().contains("not a saved flow: invalid type: array, expected object"), "{error}");
    let mut nested = saved;
    let serde_json::Value::Object(limits) = nested["config"]["limits"].take() else { panic!("limits are an object") };
    nested["config"]["limits"] = serde_json::Value::Array(limits.into_iter().map(|(_, value)| value).collect());
    assert!(MigrationFlow::restore(&nested.to_string(), FlowSecrets::default()).is_err());
}
