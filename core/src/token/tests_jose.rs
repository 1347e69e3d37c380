//! Unit tests of the JOSE layer: algorithms, `crit`, key selection, JWK Sets, structure,
//! inspection, signing, redaction, and that no input panics.

use super::tests::{claims, code, jwks, key, raw, security, token, token_with, CLIENT, EXP, ISS, NOW, TARGET};
use super::*;
use serde_json::{json, Value};

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
    // Every name the token lists, in its order, each shown as printable text.
    header.crit = Some(vec!["b64".into(), "x\ny".into(), "zip".into()]);
    assert_eq!(
        security().validate(&token_with(&header, &claims(), &key()), CLIENT, NOW).unwrap_err(),
        TokenError::CritUnsupported(format!("b64, {}, zip", crate::token::error::shown("x\ny")))
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
fn error_codes_are_unique_and_registered() {
    let mut seen = std::collections::BTreeSet::new();
    for code in TokenError::CODES {
        assert!(seen.insert(code), "{code} twice");
        assert!(crate::error::ErrorCode::lookup(code).is_some(), "{code} missing from error::ERROR_CODES");
    }
    let err = crate::Error::from(TokenError::BadSignature);
    assert_eq!((err.code(), err.oauth_error()), ("token_bad_signature", None));
}

#[test]
fn rfc7517_5_jwks_is_read_whole_and_checked() {
    let ec = key().public_jwk(Some("p1")).unwrap().to_json();
    let set = |keys: Value| JwkSet::parse(&json!({ "keys": keys }).to_string());
    let ok = set(json!([ec, {"kty": "oct", "kid": "o"}, {"kty": "EC", "crv": "P-521", "kid": "big"}, {"kty": "OKP", "crv": "X25519", "kid": "x"}])).unwrap();
    assert_eq!(
        ok.keys().iter().map(Jwk::key_type).collect::<Vec<_>>(),
        ["EC P-256", "unsupported", "unsupported", "unsupported"]
    );
    assert_eq!((ok.len(), ok.is_empty()), (4, false));
    assert_eq!(ok.to_json()["keys"][0], ec);
    let mut private = ec.clone();
    private["d"] = "AAAA".into();
    assert!(set(json!([private])).unwrap_err().to_string().contains("private member `d`"));
    let mut off_curve = ec.clone();
    off_curve["y"] = ec["x"].clone();
    assert_eq!(code(set(json!([off_curve]))), "jwks_malformed");
    let mut short = ec.clone();
    short["x"] = "AAAA".into();
    assert_eq!(code(set(json!([short]))), "jwks_malformed");
    for bad in [
        json!([1]),
        json!([{"kid": "no-kty"}]),
        json!([{"kty": "RSA", "n": "AQAB"}]),
        json!([{"kty": "EC", "crv": "P-256", "kid": 5}]),
    ] {
        assert_eq!(code(set(bad.clone())), "jwks_malformed", "{bad}");
    }
    assert_eq!(code(JwkSet::parse("{\"keys\":{}}")), "jwks_malformed");
    assert_eq!(code(JwkSet::parse("{\"keys\":[],\"keys\":[]}")), "jwks_malformed");
    assert_eq!(code(JwkSet::parse(&" ".repeat(MAX_JWKS_BYTES + 1))), "jwks_too_large");
    assert_eq!(code(set(Value::Array(vec![json!({"kty": "oct"}); MAX_JWKS_KEYS + 1]))), "jwks_malformed");
    assert_eq!(code(Jwk::from_json(&ec.to_string())), "ok");
}

#[test]
fn rfc7517_5_unusable_rsa_keys_are_ignored_and_reported_and_never_spoil_the_set() {
    let mut odd_4097 = vec![0x01];
    odd_4097.extend_from_slice(&[0xc5; 512]);
    let odd_2048 = jws::encode(&[0xc5; 256]);
    let ec = key().public_jwk(Some("p1")).unwrap().to_json();
    let keys = json!({"keys": [
        {"kty": "RSA", "kid": "big", "n": jws::encode(&odd_4097), "e": "AQAB"},
        {"kty": "RSA", "kid": "e1", "n": odd_2048, "e": "AQ"},
        {"kty": "RSA", "kid": "e65536", "n": odd_2048, "e": "AQAA"},
        {"kty": "RSA", "kid": "e2^34+1", "n": odd_2048, "e": "BAAAAAE"},
        {"kty": "RSA", "kid": "small", "n": jws::encode(&[0xc5; 128]), "e": "AQAB"},
        {"kty": "EC", "crv": "P-521", "kid": "p521"},
        {"kty": "oct", "kid": "hmac"},
        ec,
    ]});
    let set = JwkSet::parse(&keys.to_string()).unwrap();
    let reasons: Vec<(String, &str)> =
        set.ignored().into_iter().map(|k| (k.kid.unwrap_or_default(), k.reason)).collect();
    assert_eq!(
        reasons,
        [
            ("big".to_owned(), "rsa_modulus_too_large"),
            ("e1".to_owned(), "rsa_exponent_unsupported"),
            ("e65536".to_owned(), "rsa_exponent_unsupported"),
            ("e2^34+1".to_owned(), "rsa_exponent_unsupported"),
            ("small".to_owned(), "rsa_modulus_too_small"),
            ("p521".to_owned(), "curve_unsupported"),
            ("hmac".to_owned(), "key_type_unsupported"),
        ]
    );
    assert_eq!(set.keys()[7].ignored_reason(), None);
    assert!(set.ignored()[0].description.contains("4097 bits"), "{:?}", set.ignored()[0]);
    // The ES256 token verifies with the EC key of the same set.
    let v = SecurityTokenValidator::new(ISS, TARGET, Verifier::new(set)).unwrap();
    assert_eq!(code(v.validate(&token(&claims()), CLIENT, NOW)), "ok");
    // A token naming an ignored key gets the precise reason.
    let t = raw(r#"{"alg":"RS256","kid":"big"}"#, &claims().to_string());
    let err = v.validate(&t.replace(".c2ln", ".AAAA"), CLIENT, NOW).unwrap_err();
    assert_eq!(err.code(), "token_key_mismatch");
    assert!(err.to_string().contains("4096"), "{err}");
}

#[test]
fn rfc7518_3_3_rsa_keys_under_2048_bits_are_kept_but_never_used() {
    let n = jws::encode(&[0xc5; 128]);
    let set = JwkSet::parse(&json!({"keys": [{"kty": "RSA", "kid": "r1", "n": n, "e": "AQAB"}]}).to_string()).unwrap();
    assert_eq!(set.keys()[0].key_type(), "unsupported");
    let v = SecurityTokenValidator::new(ISS, TARGET, Verifier::new(set)).unwrap();
    let t = raw(r#"{"alg":"RS256","kid":"r1"}"#, &claims().to_string());
    let err = v.validate(&t.replace(".c2ln", ".AAAA"), CLIENT, NOW).unwrap_err();
    assert_eq!(err.code(), "token_key_mismatch");
    assert!(err.to_string().contains("2048"), "{err}");
}
