//! Unit tests: one per rule and per error code, named after the clause they check.

use super::*;
use crate::scope::{McService, Scope};
use serde_json::{json, Value};

const ISS: &str = "https://idms.primary.example";
const TARGET: &str = "https://idms.partner.example/as/token.oauth2";
const CLIENT: &str = "mcptt-client";
const IAT: u64 = 1_900_000_000;
const EXP: u64 = IAT + 300;
const NOW: u64 = IAT + 100;

fn key() -> SigningKey {
    SigningKey::es256(&[0x11; 32]).unwrap()
}

fn jwks() -> JwkSet {
    JwkSet::from_keys(vec![
        key().public_jwk(Some("p1")).unwrap(),
        SigningKey::ed25519(&[0x22; 32]).public_jwk(Some("ed1")).unwrap(),
    ])
}

fn claims() -> Value {
    json!({"iss": ISS, "sub": "alice@primary.example", "aud": [CLIENT, TARGET], "iat": IAT, "exp": EXP, "mcptt_id": "sip:alice@primary.example"})
}

fn with(changes: Value) -> Value {
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

fn token_with(header: &JwsHeader, claims: &Value, key: &SigningKey) -> String {
    sign(header, claims, key).unwrap().into_inner()
}

fn token(claims: &Value) -> String {
    token_with(&JwsHeader::new(Algorithm::Es256).with_kid("p1"), claims, &key())
}

fn security() -> SecurityTokenValidator {
    SecurityTokenValidator::new(ISS, TARGET, Verifier::new(jwks())).unwrap()
}

fn code(result: Result<impl std::fmt::Debug, TokenError>) -> &'static str {
    result.err().map_or("ok", |e| e.code())
}

fn check(claims: &Value) -> &'static str {
    code(security().validate(&token(claims), CLIENT, NOW))
}

/// A compact JWS with a raw header and payload and a garbage signature.
fn raw(header: &str, payload: &str) -> String {
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
    assert_eq!(code(lenient.validate(&t, CLIENT, u64::MAX)), "token_expired");
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

#[test]
fn rfc8725_alg_none_is_refused() {
    let t = format!("{}.{}.", jws::encode(br#"{"alg":"none"}"#), jws::encode(claims().to_string().as_bytes()));
    assert_eq!(security().validate(&t, CLIENT, NOW).unwrap_err(), TokenError::AlgorithmRefused { alg: "none".into() });
}

#[test]
fn rfc8725_hmac_is_refused_without_a_configured_secret() {
    let secret = [7u8; 32];
    let hs = token_with(&JwsHeader::new(Algorithm::Hs256), &claims(), &SigningKey::hs256(&secret).unwrap());
    assert_eq!(code(security().validate(&hs, CLIENT, NOW)), "token_algorithm_refused");
    // The key-confusion attack: the public key's bytes used as an HMAC secret.
    let public = key().public_jwk(Some("p1")).unwrap().to_json().to_string();
    let confused = token_with(
        &JwsHeader::new(Algorithm::Hs256).with_kid("p1"),
        &claims(),
        &SigningKey::hs256(public.as_bytes()).unwrap(),
    );
    assert_eq!(code(security().validate(&confused, CLIENT, NOW)), "token_algorithm_refused");
    let with_secret =
        SecurityTokenValidator::new(ISS, TARGET, Verifier::new(jwks()).with_shared_secret(&secret).unwrap()).unwrap();
    assert_eq!(code(with_secret.validate(&hs, CLIENT, NOW)), "ok");
    assert_eq!(code(with_secret.validate(&confused, CLIENT, NOW)), "token_bad_signature");
    for alg in ["HS384", "HS512", "none", "ES512", "RS512", "es256"] {
        let t = raw(&format!(r#"{{"alg":"{alg}"}}"#), &claims().to_string());
        assert_eq!(code(with_secret.validate(&t, CLIENT, NOW)), "token_algorithm_refused", "{alg}");
    }
}

#[test]
fn verifier_settings_are_checked_when_made() {
    assert_eq!(code(Verifier::new(jwks()).with_shared_secret(&[1; 31])), "validator_invalid");
    assert_eq!(code(Verifier::new(jwks()).with_algorithms(&[Algorithm::Hs256])), "validator_invalid");
    assert_eq!(code(Verifier::new(jwks()).with_algorithms(&[])), "validator_invalid");
    let only_eddsa = Verifier::new(jwks()).with_algorithms(&[Algorithm::EdDsa]).unwrap();
    assert_eq!(only_eddsa.algorithms(), [Algorithm::EdDsa]);
    let v = SecurityTokenValidator::new(ISS, TARGET, only_eddsa).unwrap();
    assert_eq!(code(v.validate(&token(&claims()), CLIENT, NOW)), "token_algorithm_refused");
    assert_eq!(code(SecurityTokenValidator::new(ISS, "", Verifier::new(jwks()))), "validator_invalid");
    assert_eq!(code(SecurityTokenValidator::new("", TARGET, Verifier::new(jwks()))), "validator_invalid");
}

#[test]
fn rfc7515_4_1_11_crit_is_refused() {
    let mut header = JwsHeader::new(Algorithm::Es256).with_kid("p1");
    header.crit = Some(vec!["b64".into()]);
    header.other.insert("b64".into(), Value::Bool(false));
    assert_eq!(
        security().validate(&token_with(&header, &claims(), &key()), CLIENT, NOW).unwrap_err(),
        TokenError::CritUnsupported("b64".into())
    );
}

#[test]
fn rfc7517_keys_are_chosen_by_kid_then_by_type() {
    let other = SigningKey::es256(&[0x33; 32]).unwrap();
    let t = |kid: Option<&str>, k: &SigningKey| {
        let header = JwsHeader::new(k.algorithm());
        token_with(
            &match kid {
                Some(kid) => header.with_kid(kid),
                None => header,
            },
            &claims(),
            k,
        )
    };
    assert_eq!(code(security().validate(&t(Some("nope"), &key()), CLIENT, NOW)), "token_unknown_key");
    assert_eq!(code(security().validate(&t(Some("p1"), &other), CLIENT, NOW)), "token_bad_signature");
    let mismatch = security().validate(&t(Some("ed1"), &key()), CLIENT, NOW).unwrap_err();
    assert_eq!(mismatch.code(), "token_key_mismatch");
    assert!(mismatch.to_string().contains("OKP Ed25519"), "{mismatch}");
    // Without kid: every key that fits alg is tried.
    let two = JwkSet::from_keys(vec![other.public_jwk(None).unwrap(), key().public_jwk(None).unwrap()]);
    let v = SecurityTokenValidator::new(ISS, TARGET, Verifier::new(two)).unwrap();
    assert_eq!(code(v.validate(&t(None, &key()), CLIENT, NOW)), "ok");
    assert_eq!(code(v.validate(&t(None, &SigningKey::ed25519(&[0x22; 32])), CLIENT, NOW)), "token_unknown_key");
    assert_eq!(code(security().validate(&t(Some("ed1"), &SigningKey::ed25519(&[0x22; 32])), CLIENT, NOW)), "ok");
}

#[test]
fn rfc7517_4_2_use_and_4_3_key_ops_are_respected() {
    let mut public = key().public_jwk(Some("p1")).unwrap().to_json();
    public["use"] = "enc".into();
    let mut ops = key().public_jwk(Some("p2")).unwrap().to_json();
    ops.as_object_mut().unwrap().remove("use");
    ops["key_ops"] = json!(["sign"]);
    let mut restricted = key().public_jwk(Some("p3")).unwrap().to_json();
    restricted["alg"] = "ES384".into();
    let set = JwkSet::parse(&json!({"keys": [public, ops, restricted]}).to_string()).unwrap();
    let v = SecurityTokenValidator::new(ISS, TARGET, Verifier::new(set)).unwrap();
    let t = |kid: &str| token_with(&JwsHeader::new(Algorithm::Es256).with_kid(kid), &claims(), &key());
    assert_eq!(v.validate(&t("p1"), CLIENT, NOW).unwrap_err(), TokenError::KeyNotForSignature("p1".into()));
    assert_eq!(code(v.validate(&t("p2"), CLIENT, NOW)), "token_key_not_for_signature");
    assert_eq!(code(v.validate(&t("p3"), CLIENT, NOW)), "token_key_mismatch");
}

#[test]
fn rfc7515_structure_and_size_are_checked_first() {
    let v = SecurityTokenValidator::new(ISS, TARGET, Verifier::new(jwks()).with_max_token_bytes(64)).unwrap();
    assert_eq!(code(v.validate(&token(&claims()), CLIENT, NOW)), "token_too_large");
    assert_eq!(code(security().validate("a.b", CLIENT, NOW)), "token_malformed");
    assert_eq!(code(security().validate(&raw(r#"{"alg":"ES256","kid":"p1"}"#, "[1]"), CLIENT, NOW)), "token_malformed");
    let t = token(&claims());
    let sig_cut = &t[..t.len() - 1];
    assert_eq!(code(security().validate(sig_cut, CLIENT, NOW)), "token_malformed");
}

#[test]
fn inspect_decodes_header_and_claims_without_verifying() {
    let t = token(&claims());
    let forged = format!("{}AAAA", &t[..t.len() - 4]);
    let seen = UnverifiedToken::inspect(&forged).unwrap();
    assert_eq!((seen.issuer(), seen.key_id(), seen.signature_bytes), (Some(ISS), Some("p1"), Some(64)));
    assert_eq!(code(UnverifiedToken::inspect_with_limit(&t, 10)), "token_too_large");
    assert_eq!(serde_json::to_value(&seen).unwrap()["claims"]["sub"], "alice@primary.example");
}

#[test]
fn signing_keys_are_checked_and_never_printed() {
    assert_eq!(code(SigningKey::es256(&[0; 32])), "signing_key_invalid");
    assert_eq!(code(SigningKey::es256(&[0xff; 32])), "signing_key_invalid");
    assert_eq!(code(SigningKey::hs256(&[1; 16])), "signing_key_invalid");
    assert_eq!(code(sign(&JwsHeader::new(Algorithm::EdDsa), &claims(), &key())), "signing_key_invalid");
    assert_eq!(code(sign(&JwsHeader::new(Algorithm::Es256), &json!([1]), &key())), "token_malformed");
    assert_eq!(format!("{:?}", key()), "SigningKey(ES256, [redacted])");
    assert!(SigningKey::hs256(&[1; 32]).unwrap().public_jwk(None).is_none());
    // RFC 6979: the same key and claims give the same token.
    assert_eq!(token(&claims()), token(&claims()));
}

#[test]
fn debug_and_errors_never_show_tokens_or_key_material() {
    let t = token(&claims());
    let jwk = key().public_jwk(Some("p1")).unwrap();
    let x = jwk.to_json()["x"].as_str().unwrap().to_owned();
    let verifier = Verifier::new(jwks()).with_shared_secret(b"0123456789abcdef0123456789abcdef").unwrap();
    let printed = format!("{jwk:?} {verifier:?} {:?}", security());
    assert!(!printed.contains(&x) && !printed.contains("0123456789abcdef"), "{printed}");
    let sig = t.rsplit('.').next().unwrap();
    for now in [NOW, EXP + 100] {
        for client in [CLIENT, "other"] {
            let text = match security().validate(&t, client, now) {
                Ok(_) => String::new(),
                Err(e) => format!("{e} {e:?}"),
            };
            assert!(!text.contains(sig) && !text.contains(&t), "{text}");
        }
    }
}

#[test]
fn no_input_panics_one_character_changes_and_cuts() {
    let t = token(&claims());
    let alphabet = ['A', 'z', '0', '-', '_', '.', '=', '\u{e9}'];
    for (i, c) in t.char_indices().step_by(5) {
        for (n, r) in alphabet.iter().enumerate() {
            let mut changed = String::with_capacity(t.len());
            changed.push_str(&t[..i]);
            changed.push(*r);
            changed.push_str(&t[i + c.len_utf8()..]);
            let result = security().validate(&changed, CLIENT, NOW);
            assert!(result.is_err() || changed == t, "{i} {n}");
        }
        assert!(security().validate(&t[..i], CLIENT, NOW).is_err());
    }
}

#[test]
fn error_codes_are_unique_and_in_the_table() {
    let table = include_str!("../error.rs");
    let mut seen = std::collections::BTreeSet::new();
    for code in TokenError::CODES {
        assert!(seen.insert(code), "{code} twice");
        assert!(table.contains(&format!("//! | `{code}` | token |")), "{code} missing from the table in error.rs");
    }
    let err = crate::Error::from(TokenError::BadSignature);
    assert_eq!((err.code(), err.oauth_error()), ("token_bad_signature", None));
}
