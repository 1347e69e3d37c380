//! Full security-token validation (B.7.4) with ES256 and RS256, against the `jsonwebtoken`
//! crate (ring) validating the same token in the same run (signature, `exp`, `iss`, `aud`).
//! Prints the ratio ours / jsonwebtoken for each signature backend: the built-in one (pure
//! Rust), and with the `ring-backend` feature the `RingBackend` too.
//!
//! `cargo bench -p mcx-connect --bench token --features ring-backend -- --warm-up-time 1 --measurement-time 3`

// A benchmark harness: a failed setup should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{black_box, Criterion};
use mcx_connect::token::{sign, JwkSet, JwsHeader, SecurityTokenValidator, SigningKey, Verifier};
use serde_json::Value;
use std::time::{Duration, Instant};

const INTEROP: &str = include_str!("../../tests/tokens/interop.json");

struct Case {
    name: &'static str,
    token: String,
    /// The same validator with each signature backend: (backend name, validator).
    ours: Vec<(&'static str, SecurityTokenValidator)>,
    theirs: (jsonwebtoken::DecodingKey, jsonwebtoken::Validation),
}

/// The validator with the built-in backend, and with `RingBackend` when the feature is on.
fn backends(issuer: &str, target: &str, keys: JwkSet) -> Vec<(&'static str, SecurityTokenValidator)> {
    let validator = |verifier| SecurityTokenValidator::new(issuer, target, verifier).unwrap().with_leeway(30).unwrap();
    #[allow(unused_mut)]
    let mut all = vec![("built-in", validator(Verifier::new(keys.clone())))];
    #[cfg(feature = "ring-backend")]
    all.push((
        "ring",
        validator(Verifier::new(keys).with_backend(std::sync::Arc::new(mcx_connect::token::RingBackend))),
    ));
    all
}

fn main() {
    let doc: Value = serde_json::from_str(INTEROP).expect("interop.json");
    let (issuer, target, client) =
        (doc["issuer"].as_str().unwrap(), doc["target"].as_str().unwrap(), doc["client_id"].as_str().unwrap());
    let now = doc["now"].as_u64().unwrap();
    let jwks = JwkSet::parse(&doc["jwks"].to_string()).unwrap();
    let validation = |alg| {
        let mut v = jsonwebtoken::Validation::new(alg);
        v.set_issuer(&[issuer]);
        v.set_audience(&[target]);
        v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        v.leeway = 30;
        v
    };

    // ES256: a token our own signer issues; RS256: PyJWT's token from the interop set.
    let key = SigningKey::es256(&[0x42; 32]).unwrap();
    let claims = doc["tokens"][0]["token"]
        .as_str()
        .map(|_| {
            serde_json::from_str::<Value>(include_str!("../../tests/tokens/claims.json")).unwrap()["security"].clone()
        })
        .unwrap();
    let es256 = sign(&JwsHeader::new(key.algorithm()).with_kid("bench"), &claims, &key).unwrap().into_inner();
    let public = key.public_jwk(Some("bench")).unwrap().to_json();
    let es_key =
        jsonwebtoken::DecodingKey::from_ec_components(public["x"].as_str().unwrap(), public["y"].as_str().unwrap())
            .unwrap();
    let rsa_jwk = doc["jwks"]["keys"].as_array().unwrap().iter().find(|k| k["kid"] == "rsa-1").unwrap();
    let rs_key =
        jsonwebtoken::DecodingKey::from_rsa_components(rsa_jwk["n"].as_str().unwrap(), rsa_jwk["e"].as_str().unwrap())
            .unwrap();
    let rs256 = doc["tokens"].as_array().unwrap().iter().find(|t| t["alg"] == "RS256").unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();

    let cases = [
        Case {
            name: "ES256",
            token: es256,
            ours: backends(issuer, target, JwkSet::from_keys(vec![key.public_jwk(Some("bench")).unwrap()])),
            theirs: (es_key, validation(jsonwebtoken::Algorithm::ES256)),
        },
        Case {
            name: "RS256",
            token: rs256,
            ours: backends(issuer, target, jwks),
            theirs: (rs_key, validation(jsonwebtoken::Algorithm::RS256)),
        },
    ];

    let mut criterion = Criterion::default().configure_from_args();
    for case in &cases {
        // Both accept the token before anything is timed.
        for (_, ours) in &case.ours {
            ours.validate(&case.token, client, now).expect("ours accepts");
        }
        jsonwebtoken::decode::<Value>(&case.token, &case.theirs.0, &case.theirs.1).expect("jsonwebtoken accepts");
        let mut group = criterion.benchmark_group(format!("security_token_{}", case.name));
        for (backend, ours) in &case.ours {
            group.bench_function(format!("mcx_connect_{backend}"), |b| {
                b.iter(|| ours.validate(black_box(&case.token), client, now).unwrap())
            });
        }
        group.bench_function("jsonwebtoken", |b| {
            b.iter(|| jsonwebtoken::decode::<Value>(black_box(&case.token), &case.theirs.0, &case.theirs.1).unwrap())
        });
        group.finish();
    }
    criterion.final_summary();

    // The ratio, measured again side by side in this run (interleaved rounds of equal size).
    for case in &cases {
        for (backend, validator) in &case.ours {
            let (mut ours, mut theirs) = (Duration::ZERO, Duration::ZERO);
            let rounds = if case.name == "RS256" { 400 } else { 200 };
            for _ in 0..5 {
                let start = Instant::now();
                for _ in 0..rounds {
                    black_box(validator.validate(black_box(&case.token), client, now).unwrap());
                }
                ours += start.elapsed();
                let start = Instant::now();
                for _ in 0..rounds {
                    black_box(
                        jsonwebtoken::decode::<Value>(black_box(&case.token), &case.theirs.0, &case.theirs.1).unwrap(),
                    );
                }
                theirs += start.elapsed();
            }
            let n = 5 * rounds;
            println!(
                "{} ({backend} backend): mcx-connect {:.1} µs, jsonwebtoken {:.1} µs per validation; ratio mcx-connect/jsonwebtoken = {:.2}",
                case.name,
                ours.as_secs_f64() * 1e6 / f64::from(n),
                theirs.as_secs_f64() * 1e6 / f64::from(n),
                ours.as_secs_f64() / theirs.as_secs_f64()
            );
        }
    }
}
