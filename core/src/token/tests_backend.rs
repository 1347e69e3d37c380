//! The signature backend seam (issue 16): the backend decides only the signature; the header
//! rules, key selection and claim rules stay the core's, on every path.

use super::tests::{claims, code, jwks, key, security, token, token_with, CLIENT, ISS, NOW, TARGET};
use super::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A backend that answers `answer` and counts its calls.
struct Fixed {
    answer: bool,
    calls: AtomicUsize,
}

impl SignatureBackend for Fixed {
    fn verify(&self, _: Algorithm, _: &Jwk, _: &[u8], _: &[u8]) -> bool {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.answer
    }
}

fn with_backend(answer: bool) -> (SecurityTokenValidator, Arc<Fixed>) {
    let backend = Arc::new(Fixed { answer, calls: AtomicUsize::new(0) });
    let verifier = Verifier::new(jwks()).with_backend(backend.clone());
    (SecurityTokenValidator::new(ISS, TARGET, verifier).unwrap(), backend)
}

#[test]
fn rfc7515_5_2_the_backend_decides_the_signature_only() {
    let (refusing, calls) = with_backend(false);
    assert_eq!(code(refusing.validate(&token(&claims()), CLIENT, NOW)), "token_bad_signature");
    assert_eq!(calls.calls.load(Ordering::Relaxed), 1, "one candidate key (kid p1), one call");
    // The claim rules still run after a backend that says yes.
    let (accepting, _) = with_backend(true);
    let expired = token(&super::tests::with(serde_json::json!({"exp": NOW - 100})));
    assert_eq!(code(accepting.validate(&expired, CLIENT, NOW)), "token_expired");
}

#[test]
fn rfc8725_3_1_the_backend_is_never_asked_about_a_refused_alg_or_an_unknown_kid() {
    let (accepting, calls) = with_backend(true);
    let unknown_kid = token_with(&JwsHeader::new(Algorithm::Es256).with_kid("nope"), &claims(), &key());
    assert_eq!(code(accepting.validate(&unknown_kid, CLIENT, NOW)), "token_unknown_key");
    let hs256 = token_with(&JwsHeader::new(Algorithm::Hs256), &claims(), &SigningKey::hs256(&[9; 32]).unwrap());
    assert_eq!(code(accepting.validate(&hs256, CLIENT, NOW)), "token_algorithm_refused");
    assert_eq!(calls.calls.load(Ordering::Relaxed), 0);
}

#[test]
fn b_7_4_prepare_and_finish_give_the_errors_of_validate() {
    let validator = security();
    let good = token(&claims());
    let pending = validator.prepare(&good).unwrap();
    assert_eq!(pending.algorithm(), Algorithm::Es256);
    assert_eq!(pending.keys().len(), 1);
    assert_eq!(pending.signing_input(), good.rsplit_once('.').unwrap().0.as_bytes());
    assert!(pending.verify_with(&BuiltInBackend));
    assert_eq!(code(validator.finish(pending.clone(), true, CLIENT, NOW)), "ok");
    assert_eq!(code(validator.finish(pending.clone(), false, CLIENT, NOW)), "token_bad_signature");
    assert_eq!(code(validator.finish(pending, true, "another-client", NOW)), "token_audience_missing_client");
    // A forged signature: the host's crypto says no; prepare could not know.
    let forged = format!("{}{}", &good[..good.len() - 4], if good.ends_with("AAAA") { "BBBB" } else { "AAAA" });
    assert!(!validator.prepare(&forged).unwrap().verify_with(&BuiltInBackend));
}

#[test]
fn rfc7518_3_2_a_pending_hs256_token_is_decided_by_the_core_whatever_the_host_says() {
    let secret = [7u8; 32];
    let verifier = Verifier::new(jwks()).with_shared_secret(&secret).unwrap();
    let validator = SecurityTokenValidator::new(ISS, TARGET, verifier).unwrap();
    let wrong = token_with(&JwsHeader::new(Algorithm::Hs256), &claims(), &SigningKey::hs256(&[8; 32]).unwrap());
    let pending = validator.prepare(&wrong).unwrap();
    assert!(pending.keys().is_empty(), "an HMAC secret is never handed out");
    assert_eq!(code(validator.finish(pending, true, CLIENT, NOW)), "token_bad_signature");
    let right = token_with(&JwsHeader::new(Algorithm::Hs256), &claims(), &SigningKey::hs256(&secret).unwrap());
    assert_eq!(code(validator.finish(validator.prepare(&right).unwrap(), false, CLIENT, NOW)), "ok");
}

#[test]
fn pending_signature_debug_shows_neither_token_nor_signature() {
    let good = token(&claims());
    let pending = security().prepare(&good).unwrap();
    let shown = format!("{pending:?}");
    let (input, signature) = good.rsplit_once('.').unwrap();
    assert!(!shown.contains(signature) && !shown.contains(input.split('.').nth(1).unwrap()), "{shown}");
    assert!(format!("{:?}", Verifier::new(jwks())).contains("built-in"));
}

#[cfg(feature = "ring-backend")]
#[test]
fn rfc7518_3_4_ring_backend_accepts_r_s_and_refuses_der() {
    let good = token(&claims());
    let pending = security().prepare(&good).unwrap();
    assert!(pending.verify_with(&RingBackend));
    // The same signature in DER form (SEQUENCE of two INTEGERs) is not a JWS ECDSA signature.
    let (r, s) = pending.signature().split_at(32);
    let int = |x: &[u8]| {
        let mut v = if x[0] >= 0x80 { vec![0] } else { vec![] };
        v.extend_from_slice(x);
        [vec![0x02, v.len() as u8], v].concat()
    };
    let body = [int(r), int(s)].concat();
    let der = [vec![0x30, body.len() as u8], body].concat();
    let jwk = &pending.keys()[0];
    assert!(!RingBackend.verify(Algorithm::Es256, jwk, pending.signing_input(), &der));
    assert!(!RingBackend.verify(Algorithm::Es384, jwk, pending.signing_input(), pending.signature()));
    assert!(!RingBackend.verify(Algorithm::Hs256, jwk, pending.signing_input(), pending.signature()));
}
