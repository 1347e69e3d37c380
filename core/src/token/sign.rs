//! Issuing tokens: ES256 (and EdDSA, HS256) signing from key bytes the caller supplies.
//!
//! Signing is deterministic (RFC 6979 for ECDSA, RFC 8032 for EdDSA): the core draws no
//! randomness. The caller keeps the private key bytes; `Debug` never shows them.

use super::error::TokenError;
use super::jwk::{ed25519_jwk, p256_jwk, Jwk};
use super::jws::{encode, Algorithm, JwsHeader};
use super::verify::MIN_SHARED_SECRET_BYTES;
use crate::Secret;
use std::fmt;

#[derive(Clone)]
enum Key {
    Es256(p256::ecdsa::SigningKey),
    EdDsa(ed25519_dalek::SigningKey),
    Hs256(Vec<u8>),
}

/// A private key that signs tokens. `Debug` shows only the algorithm.
#[derive(Clone)]
pub struct SigningKey(Key);

impl SigningKey {
    /// An ES256 key from its 32-byte private scalar (big-endian), e.g. from a key store.
    /// Refused (`signing_key_invalid`) when the bytes are not a valid P-256 scalar (zero or
    /// not below the group order).
    pub fn es256(secret: &[u8; 32]) -> Result<Self, TokenError> {
        p256::ecdsa::SigningKey::from_slice(secret)
            .map(|k| Self(Key::Es256(k)))
            .map_err(|_| TokenError::SigningKeyInvalid("not a valid P-256 private scalar".to_owned()))
    }

    /// An EdDSA (Ed25519) key from its 32-byte seed (RFC 8032 §5.1.5).
    pub fn ed25519(seed: &[u8; 32]) -> Self {
        Self(Key::EdDsa(ed25519_dalek::SigningKey::from_bytes(seed)))
    }

    /// An HS256 key: a shared secret of at least 32 bytes (RFC 7518 §3.2).
    pub fn hs256(secret: &[u8]) -> Result<Self, TokenError> {
        if secret.len() < MIN_SHARED_SECRET_BYTES {
            return Err(TokenError::SigningKeyInvalid(format!(
                "an HS256 secret must have at least {MIN_SHARED_SECRET_BYTES} bytes"
            )));
        }
        Ok(Self(Key::Hs256(secret.to_vec())))
    }

    /// The algorithm this key signs with.
    pub fn algorithm(&self) -> Algorithm {
        match self.0 {
            Key::Es256(_) => Algorithm::Es256,
            Key::EdDsa(_) => Algorithm::EdDsa,
            Key::Hs256(_) => Algorithm::Hs256,
        }
    }

    /// The public key as a JWK (RFC 7517) with `use: sig`, `alg` and the given `kid`, to
    /// publish in a JWK Set; `None` for an HMAC secret, which has no public part.
    pub fn public_jwk(&self, kid: Option<&str>) -> Option<Jwk> {
        match &self.0 {
            Key::Es256(key) => Some(p256_jwk(key.verifying_key(), kid)),
            Key::EdDsa(key) => Some(ed25519_jwk(&key.verifying_key(), kid)),
            Key::Hs256(_) => None,
        }
    }

    fn sign_bytes(&self, input: &[u8]) -> Result<Vec<u8>, TokenError> {
        use hmac::Mac;
        use p256::ecdsa::signature::Signer;
        Ok(match &self.0 {
            Key::Es256(key) => {
                let signature: p256::ecdsa::Signature = key.sign(input);
                signature.to_bytes().to_vec()
            }
            Key::EdDsa(key) => key.sign(input).to_bytes().to_vec(),
            Key::Hs256(secret) => {
                let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret)
                    .map_err(|_| TokenError::SigningKeyInvalid("unusable HMAC secret".to_owned()))?;
                mac.update(input);
                mac.finalize().into_bytes().to_vec()
            }
        })
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey({}, [redacted])", self.algorithm())
    }
}

/// Signs `claims` (anything that serializes to a JSON object) as a compact JWS with `header`,
/// whose `alg` must be the key's algorithm. The token is returned as a [`Secret`].
///
/// ```
/// use mcx_connect::token::{sign, JwsHeader, SigningKey, UnverifiedToken};
/// let key = SigningKey::es256(&[1u8; 32])?;
/// let claims = serde_json::json!({"iss": "https://idms.primary.example", "sub": "alice"});
/// let token = sign(&JwsHeader::new(key.algorithm()).with_kid("k1"), &claims, &key)?;
/// assert_eq!(format!("{token}"), "[redacted]");
/// let seen = UnverifiedToken::inspect(token.expose())?;
/// assert_eq!(seen.header.kid.as_deref(), Some("k1"));
/// # Ok::<(), mcx_connect::token::TokenError>(())
/// ```
pub fn sign<C: serde::Serialize + ?Sized>(
    header: &JwsHeader,
    claims: &C,
    key: &SigningKey,
) -> Result<Secret, TokenError> {
    if header.alg != key.algorithm().as_str() {
        return Err(TokenError::SigningKeyInvalid(format!(
            "the header names `{}` but the key signs {}",
            super::error::shown(&header.alg),
            key.algorithm()
        )));
    }
    let header_json =
        serde_json::to_vec(header).map_err(|_| TokenError::Malformed("the header cannot be serialized".to_owned()))?;
    let claims_json = serde_json::to_value(claims)
        .map_err(|_| TokenError::Malformed("the claims cannot be serialized".to_owned()))?;
    if !claims_json.is_object() {
        return Err(TokenError::Malformed("the claims are not a JSON object".to_owned()));
    }
    let claims_json = serde_json::to_vec(&claims_json)
        .map_err(|_| TokenError::Malformed("the claims cannot be serialized".to_owned()))?;
    let input = format!("{}.{}", encode(&header_json), encode(&claims_json));
    let signature = key.sign_bytes(input.as_bytes())?;
    Ok(Secret::new(format!("{input}.{}", encode(&signature))))
}
