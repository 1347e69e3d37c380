//! The `ring` signature backend (feature `ring-backend`): native servers only.

use super::backend::{BuiltInBackend, SignatureBackend};
use super::jwk::{Jwk, KeyMaterial};
use super::jws::Algorithm;
use base64ct::{Base64UrlUnpadded, Encoding};
use ring::signature::{self, RsaPublicKeyComponents, UnparsedPublicKey};

/// Signature checks with `ring` (BoringSSL's assembly for P-256, P-384 and RSA): a faster
/// [`SignatureBackend`] for native servers, behind the `ring-backend` feature (off by default;
/// the default build stays pure Rust and builds for wasm32).
///
/// It answers exactly as [`BuiltInBackend`]: ES256 and ES384 with the fixed `R ‖ S` form,
/// RS256 (RSASSA-PKCS1-v1_5, SHA-256) and PS256 (RSASSA-PSS, SHA-256, MGF1-SHA-256, salt
/// exactly 32 bytes, the only salt `ring` verifies) with the JWK Set's 2048–4096-bit keys.
/// EdDSA stays with `ed25519-dalek`'s `verify_strict`: `ring`'s Ed25519 does not refuse
/// small-order public keys and `R` values, which the built-in check does. The token vectors and
/// Project Wycheproof run through both backends, and any disagreement fails the tests.
///
/// ```
/// use mcx_connect::token::{sign, Algorithm, JwkSet, JwsHeader, RingBackend, SigningKey, Verifier};
/// use std::sync::Arc;
/// let key = SigningKey::es256(&[7u8; 32])?;
/// let token = sign(&JwsHeader::new(Algorithm::Es256), &serde_json::json!({"iss": "a"}), &key)?;
/// let verifier = Verifier::new(JwkSet::from_keys(vec![key.public_jwk(None).unwrap()]))
///     .with_backend(Arc::new(RingBackend));
/// assert!(verifier.prepare(token.expose())?.verify_with(&RingBackend));
/// # Ok::<(), mcx_connect::token::TokenError>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct RingBackend;

impl SignatureBackend for RingBackend {
    fn verify(&self, alg: Algorithm, key: &Jwk, signing_input: &[u8], signature: &[u8]) -> bool {
        match (&key.material, alg) {
            (KeyMaterial::P256(key), Algorithm::Es256) => {
                let point = key.to_encoded_point(false);
                UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, point.as_bytes())
                    .verify(signing_input, signature)
                    .is_ok()
            }
            (KeyMaterial::P384(key), Algorithm::Es384) => {
                let point = key.to_encoded_point(false);
                UnparsedPublicKey::new(&signature::ECDSA_P384_SHA384_FIXED, point.as_bytes())
                    .verify(signing_input, signature)
                    .is_ok()
            }
            (KeyMaterial::Rsa(_), Algorithm::Rs256) => {
                verify_rsa(&signature::RSA_PKCS1_2048_8192_SHA256, key, signing_input, signature)
            }
            (KeyMaterial::Rsa(_), Algorithm::Ps256) => {
                verify_rsa(&signature::RSA_PSS_2048_8192_SHA256, key, signing_input, signature)
            }
            (KeyMaterial::Ed25519(_), Algorithm::EdDsa) => BuiltInBackend.verify(alg, key, signing_input, signature),
            _ => false,
        }
    }

    fn name(&self) -> &'static str {
        "ring"
    }
}

/// RSA with the key's `n` and `e` (the JWK Set reader already bounded the size to 2048–4096
/// bits and the exponent). `ring` wants them without leading zero bytes.
fn verify_rsa(params: &'static signature::RsaParameters, key: &Jwk, signing_input: &[u8], signature: &[u8]) -> bool {
    let (Some(n), Some(e)) = (member(key, "n"), member(key, "e")) else {
        return false;
    };
    RsaPublicKeyComponents { n: unsigned(&n), e: unsigned(&e) }.verify(params, signing_input, signature).is_ok()
}

fn member(key: &Jwk, name: &str) -> Option<Vec<u8>> {
    key.member(name).and_then(|text| Base64UrlUnpadded::decode_vec(text).ok())
}

fn unsigned(bytes: &[u8]) -> &[u8] {
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    bytes.get(zeros..).unwrap_or_default()
}
