//! The published JWS examples, verified through the validators' own path: the JWK read by
//! [`JwkSet::parse`], the token by [`Verifier`], the signature by [`verify_signature`].
//!
//! RFC 7515 Appendix A.1 (HS256), A.2 (RS256), A.3 (ES256) and RFC 8037 Appendix A.4
//! (Ed25519) must verify, and fail after a one-byte change of their signing input or of their
//! signature; RFC 7515 A.4 (ES512) must be refused as an algorithm off the allow-list. The
//! values are copied from the RFCs with the line breaks of their layout removed.

use super::*;
use base64ct::{Base64UrlUnpadded, Encoding};

/// RFC 7515 A.1–A.3 payload: `{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}`.
const JWT_PAYLOAD: &str =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

/// RFC 7515 A.1.1: the HMAC key (an `oct` JWK's `k`) and the JWS.
const A1_KEY: &str = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
const A1_HEADER: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9";
const A1_SIGNATURE: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

/// RFC 7515 A.2.1: the RSA public key and the JWS.
const A2_JWK: &str = r#"{"kty":"RSA","e":"AQAB","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"}"#;
const A2_HEADER: &str = "eyJhbGciOiJSUzI1NiJ9";
const A2_SIGNATURE: &str = "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

/// RFC 7515 A.3.1: the EC P-256 public key and the JWS.
const A3_JWK: &str = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
const A3_HEADER: &str = "eyJhbGciOiJFUzI1NiJ9";
const A3_SIGNATURE: &str = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

/// RFC 7515 A.4.1: the EC P-521 public key and the ES512 JWS over the payload `Payload`.
const A4_JWK: &str = r#"{"kty":"EC","crv":"P-521","x":"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk","y":"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2"}"#;
const A4_JWS: &str = "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn";

/// RFC 8037 A.2 (public key) and A.4 (the JWS over `Example of Ed25519 signing`).
const RFC8037_JWK: &str = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
const RFC8037_SIGNING_INPUT: &str = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
const RFC8037_SIGNATURE: &str =
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

fn decoded(text: &str) -> Vec<u8> {
    Base64UrlUnpadded::decode_vec(text).unwrap()
}

fn set(jwk: &str) -> JwkSet {
    JwkSet::parse(&format!(r#"{{"keys":[{jwk}]}}"#)).unwrap()
}

/// The token with one byte of its decoded payload changed (`"joe"` becomes `"jof"`), still a
/// JSON object, so that only the signature can refuse it.
fn payload_byte_changed(header: &str, signature: &str) -> String {
    let mut payload = decoded(JWT_PAYLOAD);
    let at = payload.windows(5).position(|w| w == b"\"joe\"").unwrap() + 3;
    payload[at] ^= 0x03;
    format!("{header}.{}.{signature}", Base64UrlUnpadded::encode_string(&payload))
}

/// The token with the last byte of its decoded signature changed.
fn signature_byte_changed(header: &str, signature: &str) -> String {
    let mut bytes = decoded(signature);
    *bytes.last_mut().unwrap() ^= 0x01;
    format!("{header}.{JWT_PAYLOAD}.{}", Base64UrlUnpadded::encode_string(&bytes))
}

fn verify(verifier: &Verifier, token: &str) -> Result<(), TokenError> {
    verifier.verify(token).map(|_| ())
}

/// Checks a JWT example through the verifier: it verifies, its claims are read, and a one-byte
/// change of the payload or of the signature is a bad signature.
fn check_example(verifier: &Verifier, header: &str, signature: &str) {
    let token = format!("{header}.{JWT_PAYLOAD}.{signature}");
    let signed = verifier.verify(&token).unwrap();
    assert_eq!(signed.claims["iss"], "joe");
    assert_eq!(signed.claims["exp"], 1_300_819_380);
    assert_eq!(signed.claims["http://example.com/is_root"], true);
    assert_eq!(verify(verifier, &payload_byte_changed(header, signature)), Err(TokenError::BadSignature));
    assert_eq!(verify(verifier, &signature_byte_changed(header, signature)), Err(TokenError::BadSignature));
}

#[test]
fn rfc7515_a_1_hs256_example_verifies_with_its_shared_secret() {
    let verifier = Verifier::new(JwkSet::default()).with_shared_secret(&decoded(A1_KEY)).unwrap();
    check_example(&verifier, A1_HEADER, A1_SIGNATURE);
    // Without the secret configured, HS256 is off the allow-list.
    let token = format!("{A1_HEADER}.{JWT_PAYLOAD}.{A1_SIGNATURE}");
    assert_eq!(
        verify(&Verifier::new(JwkSet::default()), &token),
        Err(TokenError::AlgorithmRefused { alg: "HS256".into() })
    );
}

/// The example with a public key verifies through the verifier and, at the signature level, as
/// `alg`; the same key and bytes read as `other` (same key type, another algorithm) are refused.
fn check_public_key_example(jwk: &str, header: &str, signature: &str, alg: Algorithm, other: Algorithm) {
    let keys = set(jwk);
    check_example(&Verifier::new(keys.clone()), header, signature);
    let input = format!("{header}.{JWT_PAYLOAD}");
    assert!(verify_signature(alg, &keys.keys()[0], input.as_bytes(), &decoded(signature)));
    assert!(!verify_signature(other, &keys.keys()[0], input.as_bytes(), &decoded(signature)));
}

#[test]
fn rfc7515_a_2_rs256_example_verifies() {
    // The same key, the same bytes, read as PS256: refused.
    check_public_key_example(A2_JWK, A2_HEADER, A2_SIGNATURE, Algorithm::Rs256, Algorithm::Ps256);
}

#[test]
fn rfc7515_a_3_es256_example_verifies() {
    check_public_key_example(A3_JWK, A3_HEADER, A3_SIGNATURE, Algorithm::Es256, Algorithm::Es384);
}

#[test]
fn rfc7515_a_4_es512_example_is_refused_as_an_algorithm_off_the_allow_list() {
    // ES512 has no `Algorithm`: no verifier can be configured to accept it.
    assert_eq!(Algorithm::parse("ES512"), None);
    // Its P-521 key is read but can never verify.
    let keys = set(A4_JWK);
    assert!(keys.keys().iter().all(|key| key.key_type() == "unsupported"));
    let verifier = Verifier::new(keys);
    // The example's payload (`Payload`) is not a JWT claims set; the verifier refuses it as such.
    assert_eq!(verify(&verifier, A4_JWS).map_err(|e| e.code()), Err("token_malformed"));
    // With a JWT payload the header is reached, and `ES512` is refused by the allow-list.
    let (header, rest) = A4_JWS.split_once('.').unwrap();
    let signature = rest.split_once('.').unwrap().1;
    let as_jwt = format!("{header}.{JWT_PAYLOAD}.{signature}");
    assert_eq!(verify(&verifier, &as_jwt), Err(TokenError::AlgorithmRefused { alg: "ES512".into() }));
}

#[test]
fn rfc8037_a_4_ed25519_example_verifies() {
    let keys = set(RFC8037_JWK);
    let key = &keys.keys()[0];
    let signature = decoded(RFC8037_SIGNATURE);
    assert!(verify_signature(Algorithm::EdDsa, key, RFC8037_SIGNING_INPUT.as_bytes(), &signature));
    // One byte of the signing input changed (`Example` becomes `Fxample`, in the payload).
    let payload = Base64UrlUnpadded::encode_string(b"Fxample of Ed25519 signing");
    let changed = format!("eyJhbGciOiJFZERTQSJ9.{payload}");
    assert!(!verify_signature(Algorithm::EdDsa, key, changed.as_bytes(), &signature));
    // One byte of the signature changed: in `R`, then in `S`.
    for at in [0, 32] {
        let mut bad = signature.clone();
        bad[at] ^= 0x01;
        assert!(!verify_signature(Algorithm::EdDsa, key, RFC8037_SIGNING_INPUT.as_bytes(), &bad), "byte {at}");
    }
    // The verifier refuses the example itself only because its payload is not a JWT claims set.
    let token = format!("{RFC8037_SIGNING_INPUT}.{RFC8037_SIGNATURE}");
    assert_eq!(verify(&Verifier::new(keys.clone()), &token).map_err(|e| e.code()), Err("token_malformed"));
}
