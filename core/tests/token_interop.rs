//! Interop: security tokens signed by independent libraries (PyJWT, Authlib, jose) verify with
//! our validator, and the same tokens with one character changed in the header, the payload or
//! the signature do not. The tokens are made by `tests/tokens/generate.py` (see its README).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use mcx_connect::token::{JwkSet, SecurityTokenValidator, Verifier};
use serde_json::Value;

const INTEROP: &str = include_str!("../../tests/tokens/interop.json");

struct Interop {
    validator: SecurityTokenValidator,
    client_id: String,
    now: u64,
    tokens: Vec<(String, String, String)>,
}

fn load() -> Interop {
    let doc: Value = serde_json::from_str(INTEROP).expect("interop.json is JSON");
    let text = |k: &str| doc[k].as_str().expect(k).to_owned();
    let jwks = JwkSet::parse(&doc["jwks"].to_string()).expect("the trusted JWK Set reads");
    let validator =
        SecurityTokenValidator::new(text("issuer"), text("target"), Verifier::new(jwks)).expect("validator");
    let tokens = doc["tokens"]
        .as_array()
        .expect("tokens")
        .iter()
        .map(|t| {
            (
                t["library"].as_str().unwrap().to_owned(),
                t["alg"].as_str().unwrap().to_owned(),
                t["token"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    Interop { validator, client_id: text("client_id"), now: doc["now"].as_u64().expect("now"), tokens }
}

#[test]
fn b_7_4_tokens_of_pyjwt_authlib_and_jose_are_authenticated() {
    let interop = load();
    let mut libraries = std::collections::BTreeSet::new();
    let mut algorithms = std::collections::BTreeSet::new();
    for (library, alg, token) in &interop.tokens {
        let checked = interop.validator.validate(token, &interop.client_id, interop.now);
        assert!(checked.is_ok(), "{library} {alg}: {checked:?}");
        libraries.insert(library.split(' ').next().unwrap_or_default().to_owned());
        algorithms.insert(alg.clone());
    }
    assert_eq!(libraries.into_iter().collect::<Vec<_>>(), ["Authlib", "PyJWT", "jose"]);
    assert_eq!(algorithms.into_iter().collect::<Vec<_>>(), ["ES256", "ES384", "EdDSA", "PS256", "RS256"]);
}

/// Replaces the character at `index` with another base64url character.
fn change_char(token: &str, index: usize) -> String {
    let mut bytes = token.as_bytes().to_vec();
    let old = bytes[index];
    bytes[index] = if old == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap()
}

#[test]
fn b_7_4_interop_tokens_with_one_character_changed_anywhere_are_refused() {
    let interop = load();
    let mut tried = 0;
    for (library, alg, token) in &interop.tokens {
        let dots: Vec<usize> = token.match_indices('.').map(|(i, _)| i).collect();
        let segments = [(0, dots[0]), (dots[0] + 1, dots[1]), (dots[1] + 1, token.len())];
        for (name, (start, end)) in ["header", "payload", "signature"].iter().zip(segments) {
            // First, last, and every 19th character of each segment.
            let mut positions: Vec<usize> = (start..end).step_by(19).collect();
            positions.push(end - 1);
            for index in positions {
                let changed = change_char(token, index);
                let result = interop.validator.validate(&changed, &interop.client_id, interop.now);
                assert!(result.is_err(), "{library} {alg}: {name} char {index} changed, still accepted");
                tried += 1;
            }
        }
    }
    assert!(tried > 150, "{tried}");
}

#[test]
fn b_7_4_interop_tokens_are_refused_for_another_client_or_partner() {
    let interop = load();
    for (library, alg, token) in &interop.tokens {
        let err = interop.validator.validate(token, "another-client", interop.now).unwrap_err();
        assert_eq!(err.code(), "token_audience_missing_client", "{library} {alg}");
    }
    let doc: Value = serde_json::from_str(INTEROP).unwrap();
    let jwks = JwkSet::parse(&doc["jwks"].to_string()).unwrap();
    let other = SecurityTokenValidator::new(
        doc["issuer"].as_str().unwrap(),
        "https://idms.other.example/token",
        Verifier::new(jwks),
    )
    .unwrap();
    for (library, alg, token) in &interop.tokens {
        let err = other.validate(token, &interop.client_id, interop.now).unwrap_err();
        assert_eq!(err.code(), "token_audience_missing_target", "{library} {alg}");
    }
}
