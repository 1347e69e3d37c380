//! Issuing tokens: ES256 (and EdDSA, HS256) signing from key bytes the caller supplies.
//!
//! Signing is deterministic (RFC 6979 for ECDSA, RFC 8032 for EdDSA): the core draws no
//! randomness. The caller keeps the private key bytes; `Debug` never shows them. ES256 and
//! EdDSA need the curve arithmetic of the feature `builtin-crypto` (on by default); without it
//! a host signs [`signing_input`] with its own crypto (the npm package: WebCrypto), and HS256
//! remains.

use super::error::TokenError;
use super::jwk::Jwk;
#[cfg(feature = "builtin-crypto")]
use super::jwk::{ed25519_jwk, p256_jwk};
use super::jws::{encode, Algorithm, JwsHeader};
use super::verify::MIN_SHARED_SECRET_BYTES;
use crate::Secret;
use std::fmt;
use zeroize::Zeroizing;

#[derive(Clone)]
enum Key {
    #[cfg(feature = "builtin-crypto")]
    Es256(p256::ecdsa::SigningKey),
    #[cfg(feature = "builtin-crypto")]
    EdDsa(ed25519_dalek::SigningKey),
    Hs256(Zeroizing<Vec<u8>>),
    /// A private key the host's crypto holds and signs with: the core knows its algorithm only.
    Host(Algorithm),
}

/// A private key that signs tokens. `Debug` shows only the algorithm.
#[derive(Clone)]
pub struct SigningKey(Key);

impl SigningKey {
    /// An ES256 key from its 32-byte private scalar (big-endian), e.g. from a key store.
    /// Refused (`signing_key_invalid`) when the bytes are not a valid P-256 scalar (zero or
    /// not below the group order). Feature `builtin-crypto`.
    #[cfg(feature = "builtin-crypto")]
    pub fn es256(secret: &[u8; 32]) -> Result<Self, TokenError> {
        p256::ecdsa::SigningKey::from_slice(secret)
            .map(|k| Self(Key::Es256(k)))
            .map_err(|_| TokenError::SigningKeyInvalid("not a valid P-256 private scalar".to_owned()))
    }

    /// An EdDSA (Ed25519) key from its 32-byte seed (RFC 8032 §5.1.5). Feature `builtin-crypto`.
    #[cfg(feature = "builtin-crypto")]
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
        Ok(Self(Key::Hs256(Zeroizing::new(secret.to_vec()))))
    }

    /// A private key that the host holds and signs with in its own crypto (WebCrypto's
    /// `crypto.subtle.sign`, a key store): the core knows only its algorithm (ES256 or EdDSA).
    /// [`sign`] refuses it (`signing_key_invalid`); the host signs [`signing_input`] or
    /// [`SecurityTokenIssuer::prepare`](super::SecurityTokenIssuer::prepare)'s input itself.
    ///
    /// ```
    /// use mcx_connect::token::{sign, Algorithm, JwsHeader, SigningKey};
    /// let key = SigningKey::held_by_host(Algorithm::Es256)?;
    /// let refused = sign(&JwsHeader::new(Algorithm::Es256), &serde_json::json!({}), &key).unwrap_err();
    /// assert_eq!(refused.code(), "signing_key_invalid");
    /// assert!(SigningKey::held_by_host(Algorithm::Hs256).is_err());
    /// # Ok::<(), mcx_connect::token::TokenError>(())
    /// ```
    pub fn held_by_host(alg: Algorithm) -> Result<Self, TokenError> {
        match alg {
            Algorithm::Es256 | Algorithm::EdDsa => Ok(Self(Key::Host(alg))),
            other => {
                Err(TokenError::SigningKeyInvalid(format!("a key held by the host signs ES256 or EdDSA, not {other}")))
            }
        }
    }

    /// The algorithm this key signs with.
    pub fn algorithm(&self) -> Algorithm {
        match self.0 {
            #[cfg(feature = "builtin-crypto")]
            Key::Es256(_) => Algorithm::Es256,
            #[cfg(feature = "builtin-crypto")]
            Key::EdDsa(_) => Algorithm::EdDsa,
            Key::Hs256(_) => Algorithm::Hs256,
            Key::Host(alg) => alg,
        }
    }

    /// The public key as a JWK (RFC 7517) with `use: sig`, `alg` and the given `kid`, to
    /// publish in a JWK Set; `None` for an HMAC secret, which has no public part.
    pub fn public_jwk(&self, kid: Option<&str>) -> Option<Jwk> {
        match &self.0 {
            #[cfg(feature = "builtin-crypto")]
            Key::Es256(key) => Some(p256_jwk(key.verifying_key(), kid)),
            #[cfg(feature = "builtin-crypto")]
            Key::EdDsa(key) => Some(ed25519_jwk(&key.verifying_key(), kid)),
            Key::Hs256(_) | Key::Host(_) => {
                let _ = kid;
                None
            }
        }
    }

    pub(crate) fn sign_bytes(&self, input: &[u8]) -> Result<Vec<u8>, TokenError> {
        use hmac::Mac;
        #[cfg(feature = "builtin-crypto")]
        use p256::ecdsa::signature::Signer;
        Ok(match &self.0 {
            #[cfg(feature = "builtin-crypto")]
            Key::Es256(key) => {
                let signature: p256::ecdsa::Signature = key.sign(input);
                signature.to_bytes().to_vec()
            }
            #[cfg(feature = "builtin-crypto")]
            Key::EdDsa(key) => key.sign(input).to_bytes().to_vec(),
            Key::Hs256(secret) => {
                let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret)
                    .map_err(|_| TokenError::SigningKeyInvalid("unusable HMAC secret".to_owned()))?;
                mac.update(input);
                mac.finalize().into_bytes().to_vec()
            }
            Key::Host(_) => {
                return Err(TokenError::SigningKeyInvalid(
                    "the key is held by the host, whose crypto signs: a security token issuer's prepare gives the \
                     signing input and finish takes the signature"
                        .to_owned(),
                ))
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
    let input = signing_input(header, claims)?;
    let signature = key.sign_bytes(input.as_bytes())?;
    Ok(Secret::new(format!("{input}.{}", encode(&signature))))
}

/// The JWS signing input of `claims` (a JSON object) under `header`:
/// `BASE64URL(header) || '.' || BASE64URL(claims)` (RFC 7515 §5.1), for a host that signs with
/// its own crypto; the token is the input, `.`, and the base64url signature (ECDSA as `R ‖ S`).
///
/// ```
/// use mcx_connect::token::{signing_input, Algorithm, JwsHeader};
/// let input = signing_input(&JwsHeader::new(Algorithm::Es256), &serde_json::json!({"iss": "a"}))?;
/// assert_eq!(input, "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJhIn0"); // {"alg":"ES256","typ":"JWT"}.{"iss":"a"}
/// # Ok::<(), mcx_connect::token::TokenError>(())
/// ```
pub fn signing_input<C: serde::Serialize + ?Sized>(header: &JwsHeader, claims: &C) -> Result<String, TokenError> {
    let claims_json = serde_json::to_value(claims)
        .map_err(|_| TokenError::Malformed("the claims cannot be serialized".to_owned()))?;
    signing_input_of_value(header, &claims_json)
}

/// [`signing_input`] of claims already made a JSON value (compiled once, not once per claims type).
fn signing_input_of_value(header: &JwsHeader, claims_json: &serde_json::Value) -> Result<String, TokenError> {
    let header_json =
        serde_json::to_vec(header).map_err(|_| TokenError::Malformed("the header cannot be serialized".to_owned()))?;
    if !claims_json.is_object() {
        return Err(TokenError::Malformed("the claims are not a JSON object".to_owned()));
    }
    let claims_json = serde_json::to_vec(claims_json)
        .map_err(|_| TokenError::Malformed("the claims cannot be serialized".to_owned()))?;
    Ok(format!("{}.{}", encode(&header_json), encode(&claims_json)))
}
