//! Unit tests: one per rule and per error code, named after the clause they check.

use super::*;
use crate::scope::{McService, Scope};
use serde_json::{json, Value};

pub(super) const ISS: &str = "https://idms.primary.example";
pub(super) const TARGET: &str = "https://idms.partner.example/as/token.oauth2";
pub(super) const CLIENT: &str = "mcptt-client";
pub(super) const IAT: u64 = 1_900_000_000;
pub(super) const EXP: u64 = IAT + 300;
pub(super) const NOW: u64 = IAT + 100;

pub(super) fn key() -> SigningKey {
    SigningKey::es256(&[0x11; 32]).unwrap()
}

pub(super) fn jwks() -> JwkSet {
    JwkSet::from_keys(vec![
        key().public_jwk(Some("p1")).unwrap(),
        SigningKey::ed25519(&[0x22; 32]).public_jwk(Some("ed1")).unwrap(),
    ])
}

pub(super) fn claims() -> Value {
    json!({"iss": ISS, "sub": "alice@primary.example", "aud": [CLIENT, TARGET], "iat": IAT, "exp": EXP, "mcptt_id": "sip:alice@primary.example"})
}

pub(super) fn with(changes: Value) -> Value {
    let mut c = claims();
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            c.as_object_mut().unwrap().remove(k);
        } else {
            c[k] = v.clone();
        }
    }
    c
}

pub(super) fn token_with(header: &JwsHeader, claims: &Value, key: &SigningKey) -> String {
    sign(header, claims, key).unwrap().into_inner()
}

pub(super) fn token(claims: &Value) -> String {
    token_with(&JwsHeader::new(Algorithm::Es256).with_kid("p1"), claims, &key())
}

pub(super) fn security() -> SecurityTokenValidator {
    SecurityTokenValidator::new(ISS, TARGET, Verifier::new(jwks())).unwrap()
}

pub(super) fn code(result: Result<impl std::fmt::Debug, TokenError>) -> &'static str {
    result.err().map_or("ok", |e| e.code())
}

pub(super) fn check(claims: &Value) -> &'static str {
    code(security().validate(&token(claims), CLIENT, NOW))
}

/// A compact JWS with a raw header and payload and a garbage signature.
pub(super) fn raw(header: &str, payload: &str) -> String {
    format!("{}.{}.c2ln", jws::encode(header.as_bytes()), jws::encode(payload.as_bytes()))
}

#[test]
fn b_7_4_security_token_signed_by_the_primary_is_authenticated() {
    let checked = security().validate(&token(&claims()), CLIENT, NOW).unwrap();
    assert_eq!(checked.claims.sub, "alice@primary.example");
    assert_eq!(checked.claims.aud, [CLIENT, TARGET]);
    assert_eq!(checked.claims.mcptt_id.as_deref(), Some("sip:alice@primary.example"));
    assert_eq!(checked.header.kid.as_deref(), Some("p1"));
}

#[test]
fn b_2_1_2_iss_must_match_exactly() {
    assert_eq!(check(&with(json!({"iss": format!("{ISS}/")}))), "token_wrong_issuer");
    assert_eq!(check(&with(json!({"iss": ISS.to_uppercase()}))), "token_wrong_issuer");
    assert_eq!(check(&with(json!({"iss": null}))), "token_missing_claim");
    assert_eq!(check(&with(json!({"iss": 1}))), "token_invalid_claim");
}

#[test]
fn b_2_1_2_an_empty_iss_names_no_idm_server_even_without_an_expected_issuer() {
    assert_eq!(check(&with(json!({"iss": ""}))), "token_invalid_claim");
    // The client's rules without keys and without an expected issuer (the migration flow).
    let rules = SecurityTokenRules::new(TARGET).unwrap();
    let report = rules.check_unverified(&token(&with(json!({"iss": ""}))), CLIENT, NOW, 16_384).unwrap();
    assert_eq!(report.failure().map(TokenError::code), Some("token_invalid_claim"));
    assert_eq!(report.rule("claims").unwrap().outcome, RuleOutcome::Fail);
}

#[test]
fn b_2_1_2_sub_of_255_bytes_is_accepted() {
    assert_eq!(check(&with(json!({"sub": "a".repeat(255)}))), "ok");
    assert_eq!(check(&with(json!({"sub": format!("{}a", "é".repeat(127))}))), "ok");
}

#[test]
fn b_2_1_2_sub_of_256_bytes_is_refused() {
    assert_eq!(check(&with(json!({"sub": "a".repeat(256)}))), "token_subject_too_long");
    // 128 characters, 256 bytes: the limit is in bytes.
    let err = security().validate(&token(&with(json!({"sub": "é".repeat(128)}))), CLIENT, NOW).unwrap_err();
    assert_eq!(err, TokenError::SubjectTooLong(256));
}

#[test]
fn b_2_1_2_sub_is_required_and_not_empty() {
    assert_eq!(check(&with(json!({"sub": null}))), "token_missing_claim");
    assert_eq!(check(&with(json!({"sub": ""}))), "token_invalid_claim");
    assert_eq!(check(&with(json!({"sub": ["a"]}))), "token_invalid_claim");
}

#[test]
fn b_2_1_2_exp_and_iat_are_required() {
    assert_eq!(
        security().validate(&token(&with(json!({"exp": null}))), CLIENT, NOW).unwrap_err(),
        TokenError::MissingClaim("exp")
    );
    assert_eq!(
        security().validate(&token(&with(json!({"iat": null}))), CLIENT, NOW).unwrap_err(),
        TokenError::MissingClaim("iat")
    );
    assert_eq!(check(&with(json!({"exp": "1900000300"}))), "token_invalid_claim");
    assert_eq!(check(&with(json!({"iat": -5}))), "token_invalid_claim");
    assert_eq!(check(&with(json!({"nbf": 1e300}))), "token_invalid_claim");
}

#[test]
fn rfc7519_fractional_times_are_read_strictly() {
    let checked = security()
        .validate(&token(&with(json!({"exp": EXP as f64 + 0.9, "iat": IAT as f64 + 0.1}))), CLIENT, NOW)
        .unwrap();
    assert_eq!((checked.claims.exp, checked.claims.iat), (EXP, IAT + 1));
}

#[test]
fn b_2_1_2_exp_leeway_above_30_seconds_is_refused_at_configuration() {
    assert_eq!(security().with_leeway(31).unwrap_err(), TokenError::LeewayTooLarge(31));
    assert_eq!(code(security().with_leeway(u64::MAX)), "leeway_too_large");
    assert_eq!(
        code(IdTokenValidator::new(ISS, CLIENT, Verifier::new(jwks())).unwrap().with_leeway(60)),
        "leeway_too_large"
    );
    assert_eq!(
        code(AccessTokenValidator::new(ISS, Verifier::new(jwks())).unwrap().with_leeway(300)),
        "leeway_too_large"
    );
    assert!(security().with_leeway(30).is_ok());
    assert_eq!(Leeway::seconds(30).unwrap().as_secs(), Leeway::MAX_SECONDS);
}

#[test]
fn b_2_1_2_exp_is_honoured_with_the_leeway() {
    let t = token(&claims());
    assert_eq!(code(security().validate(&t, CLIENT, EXP - 1)), "ok");
    assert_eq!(code(security().validate(&t, CLIENT, EXP)), "token_expired");
    let lenient = security().with_leeway(30).unwrap();
    assert_eq!(code(lenient.validate(&t, CLIENT, EXP + 29)), "ok");
    assert_eq!(
        lenient.validate(&t, CLIENT, EXP + 30).unwrap_err(),
        TokenError::Expired { exp: EXP, now: EXP + 30, leeway: 30 }
    );
    assert_eq!(code(lenient.validate(&t, CLIENT, MAX_NOW_SECONDS)), "token_expired");
    assert_eq!(
        code(lenient.validate(&t, CLIENT, u64::MAX)),
        "now_in_milliseconds",
        "no now is read past the year 5138"
    );
}

#[test]
fn rfc7519_4_1_5_nbf_is_honoured_with_the_leeway() {
    let t = token(&with(json!({"nbf": NOW + 60})));
    assert_eq!(code(security().validate(&t, CLIENT, NOW)), "token_not_yet_valid");
    assert_eq!(code(security().with_leeway(30).unwrap().validate(&t, CLIENT, NOW + 30)), "ok");
    assert_eq!(code(security().with_leeway(30).unwrap().validate(&t, CLIENT, NOW + 29)), "token_not_yet_valid");
}

#[test]
fn b_2_1_2_iat_in_the_future_beyond_the_leeway_is_refused() {
    let t = token(&with(json!({"iat": NOW + 31})));
    assert_eq!(code(security().with_leeway(30).unwrap().validate(&t, CLIENT, NOW)), "token_issued_in_future");
    assert_eq!(code(security().with_leeway(30).unwrap().validate(&t, CLIENT, NOW + 1)), "ok");
}

#[test]
fn b_2_1_2_aud_is_a_string_or_an_array_of_strings() {
    let id = IdTokenValidator::new(ISS, CLIENT, Verifier::new(jwks())).unwrap();
    assert_eq!(code(id.validate(&token(&with(json!({"aud": CLIENT}))), None, NOW)), "ok");
    assert_eq!(check(&with(json!({"aud": null}))), "token_missing_claim");
    assert_eq!(check(&with(json!({"aud": []}))), "token_invalid_claim");
    assert_eq!(check(&with(json!({"aud": [CLIENT, 3]}))), "token_invalid_claim");
    assert_eq!(check(&with(json!({"aud": {"a": 1}}))), "token_invalid_claim");
}

#[test]
fn b_2_1_2_security_token_aud_must_contain_the_client_id_and_the_target() {
    assert_eq!(check(&with(json!({"aud": [TARGET]}))), "token_audience_missing_client");
    assert_eq!(check(&with(json!({"aud": [CLIENT]}))), "token_audience_missing_target");
    assert_eq!(
        check(&with(json!({"aud": [CLIENT, "https://idms.other.example/token"]}))),
        "token_audience_missing_target"
    );
    assert_eq!(code(security().validate(&token(&claims()), "other-client", NOW)), "token_audience_missing_client");
    assert_eq!(security().target(), TARGET);
}

#[test]
fn oidc_azp_when_present_must_be_the_client() {
    assert_eq!(check(&with(json!({"azp": "other"}))), "token_azp_mismatch");
    assert_eq!(check(&with(json!({"azp": CLIENT}))), "ok");
}

#[test]
fn oidc_3_1_3_7_id_token_rules() {
    let id = IdTokenValidator::new(ISS, CLIENT, Verifier::new(jwks())).unwrap();
    let t = |c: Value| token(&c);
    assert_eq!(code(id.validate(&t(with(json!({"aud": "other"}))), None, NOW)), "token_audience_missing_client");
    assert_eq!(id.validate(&t(claims()), None, NOW).unwrap_err(), TokenError::MissingClaim("azp"));
    assert_eq!(code(id.validate(&t(with(json!({"azp": CLIENT}))), None, NOW)), "ok");
    assert_eq!(code(id.validate(&t(with(json!({"azp": "x"}))), None, NOW)), "token_azp_mismatch");
    let with_nonce = t(with(json!({"aud": CLIENT, "nonce": "n1"})));
    assert_eq!(code(id.validate(&with_nonce, Some("n1"), NOW)), "ok");
    assert_eq!(code(id.validate(&with_nonce, Some("n2"), NOW)), "token_nonce_mismatch");
    assert_eq!(
        id.validate(&t(with(json!({"aud": CLIENT}))), Some("n1"), NOW).unwrap_err(),
        TokenError::MissingClaim("nonce")
    );
    assert_eq!(code(IdTokenValidator::new(ISS, "", Verifier::new(jwks()))), "validator_invalid");
}

#[test]
fn b_2_1_2_mcx_ids_are_required_per_service_on_request() {
    let v = || security().require_service(McService::Ptt);
    assert_eq!(code(v().validate(&token(&claims()), CLIENT, NOW)), "ok");
    let err = v().require_service(McService::Video).validate(&token(&claims()), CLIENT, NOW).unwrap_err();
    assert_eq!(err, TokenError::MissingServiceId { service: McService::Video, claim: "mcvideo_id" });
    assert_eq!(code(v().validate(&token(&with(json!({"mcptt_id": null}))), CLIENT, NOW)), "token_missing_service_id");
    assert_eq!(check(&with(json!({"mcdata_id": 7}))), "token_invalid_claim");
    assert_eq!(check(&with(json!({"mcvideo_id": ""}))), "token_invalid_claim");
    let data = security()
        .require_service(McService::Data)
        .validate(&token(&with(json!({"mcdata_id": "d@x"}))), CLIENT, NOW)
        .unwrap();
    assert_eq!(data.claims.service_id(McService::Data), Some("d@x"));
}

fn access() -> AccessTokenValidator {
    AccessTokenValidator::new(ISS, Verifier::new(jwks())).unwrap()
}

fn access_claims(changes: Value) -> Value {
    let mut c =
        with(json!({"aud": "https://mcptt.example", "client_id": CLIENT, "scope": "openid 3gpp:mc:ptt_service"}));
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            c.as_object_mut().unwrap().remove(k);
        } else {
            c[k] = v.clone();
        }
    }
    c
}

#[test]
fn access_token_scope_and_client_id() {
    let t = |changes: Value| token(&access_claims(changes));
    let ok = access()
        .with_audience("https://mcptt.example")
        .with_client_id(CLIENT)
        .require_scope(Scope::PttService)
        .validate(&t(json!({})), NOW)
        .unwrap();
    assert!(ok.scope.contains(&Scope::PttService));
    let scp = access().validate(&t(json!({"scope": null, "scp": ["openid", "3gpp:mc:data_service"]})), NOW).unwrap();
    assert!(scp.scope.contains(&Scope::DataService));
    assert_eq!(code(access().validate(&t(json!({"scp": ["openid"]})), NOW)), "token_invalid_claim");
    assert_eq!(code(access().validate(&t(json!({"scope": null, "scp": ["a b"]})), NOW)), "token_invalid_claim");
    assert_eq!(code(access().validate(&t(json!({"scope": null, "scp": "openid"})), NOW)), "token_invalid_claim");
    assert_eq!(code(access().validate(&t(json!({"scope": ["openid"]})), NOW)), "token_invalid_claim");
    assert_eq!(code(access().validate(&t(json!({"scope": "openid,3gpp:mc:ptt_service"})), NOW)), "token_invalid_claim");
    assert_eq!(access().validate(&t(json!({"scope": null})), NOW).unwrap_err(), TokenError::MissingClaim("scope"));
    assert_eq!(
        access().require_scope(Scope::VideoService).validate(&t(json!({})), NOW).unwrap_err(),
        TokenError::ScopeMissing("3gpp:mc:video_service".into())
    );
    assert_eq!(code(access().with_client_id("other").validate(&t(json!({})), NOW)), "token_client_mismatch");
    assert_eq!(
        access().validate(&t(json!({"client_id": null})), NOW).unwrap_err(),
        TokenError::MissingClaim("client_id")
    );
    assert_eq!(
        code(access().with_audience("https://mcdata.example").validate(&t(json!({})), NOW)),
        "token_audience_missing_target"
    );
    assert_eq!(
        code(access().require_service(McService::Video).validate(&t(json!({})), NOW)),
        "token_missing_service_id"
    );
    assert_eq!(code(AccessTokenValidator::new("", Verifier::new(jwks()))), "validator_invalid");
}

/// B.2.1.2: the time rules' details, in whole seconds either side of `exp` and `iat`.
#[test]
fn b_2_1_2_time_rule_details_say_how_far_exp_and_iat_are_from_now() {
    let rules = SecurityTokenRules::new(TARGET).unwrap().with_leeway(30).unwrap();
    let details = |now: u64| {
        let report = rules.check_unverified(&token(&claims()), CLIENT, now, 16_384).unwrap();
        (report.rule("exp").unwrap().detail.clone(), report.rule("iat").unwrap().detail.clone())
    };
    assert_eq!(details(NOW), ("expires in 200 s".to_owned(), "issued 100 s ago".to_owned()));
    assert_eq!(details(EXP + 10).0, "expired 10 s ago: within the 30 s leeway");
    assert_eq!(details(EXP + 30).0, "expired 30 s ago: beyond the 30 s leeway");
    assert_eq!(details(IAT - 20).1, "issued 20 s in the future");
}
