//! The JWK Set reader and single JWKs (RFC 7517), then the signature check on every key read:
//! arbitrary moduli, exponents and points reach the RSA arithmetic and the curve code.
//! The first byte picks the signature length; the rest is the JWK Set (or JWK) text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mcx_connect::token::*;

const ALGORITHMS: [Algorithm; 6] =
    [Algorithm::Es256, Algorithm::Es384, Algorithm::Rs256, Algorithm::Ps256, Algorithm::EdDsa, Algorithm::Hs256];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let _ = Jwk::from_json(&text);
    let Ok(set) = JwkSet::parse(&text) else { return };
    // What was read is written back exactly and reads again the same (when it still fits).
    let again = set.to_json().to_string();
    if again.len() <= MAX_JWKS_BYTES {
        let reread = JwkSet::parse(&again).expect("a JWK Set written by the library reads again");
        assert_eq!(reread.len(), set.len());
    }
    let signature: Vec<u8> = rest.iter().copied().cycle().take(usize::from(selector) * 2).collect();
    for key in set.keys() {
        let _ = format!("{key:?}");
        for alg in ALGORITHMS {
            // Bytes of the key text are no signature of this input under that key.
            assert!(!verify_signature(alg, key, b"fuzz.input", &signature));
        }
    }
});
