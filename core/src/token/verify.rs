//! Signature verification: the algorithm allow-list, `crit`, key selection and the
//! RustCrypto verifiers.

use super::error::{shown, TokenError};
use super::jwk::{Jwk, JwkSet, KeyMaterial};
use super::jws::{parse_compact, Algorithm, CompactJws, JwsHeader};
use serde_json::{Map, Value};
use std::fmt;

/// Default largest token, in bytes (the same as [`crate::Limits`]' `max_token_bytes`).
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 16 * 1024;
/// Shortest HMAC secret accepted (RFC 7518 §3.2: at least the hash output, 256 bits).
pub const MIN_SHARED_SECRET_BYTES: usize = 32;

/// Checks JWS signatures against the keys the caller trusts.
///
/// By default it accepts ES256, ES384, RS256, PS256 and EdDSA with the keys of its
/// [`JwkSet`]. `none` is never accepted. HS256 is accepted only after
/// [`with_shared_secret`](Self::with_shared_secret), and only with that secret: keys of the
/// JWK Set (public or `oct`) are never used as HMAC secrets. Any `crit` header is refused,
/// since this library understands no JWS extension. `Debug` never shows key material.
#[derive(Clone)]
pub struct Verifier {
    keys: JwkSet,
    algorithms: Vec<Algorithm>,
    shared_secret: Option<Vec<u8>>,
    max_token_bytes: usize,
}

/// A token whose signature verified; its claims are not yet validated.
pub(crate) struct SignedToken {
    pub(crate) header: JwsHeader,
    pub(crate) claims: Map<String, Value>,
}

impl Verifier {
    /// A verifier of the five public-key algorithms with `keys`.
    pub fn new(keys: JwkSet) -> Self {
        Self {
            keys,
            algorithms: Algorithm::PUBLIC_KEY.to_vec(),
            shared_secret: None,
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
        }
    }

    /// Restricts the accepted algorithms. Refused (`validator_invalid`) when the list is empty,
    /// or names HS256 without a shared secret configured.
    pub fn with_algorithms(mut self, algorithms: &[Algorithm]) -> Result<Self, TokenError> {
        if algorithms.is_empty() {
            return Err(TokenError::ValidatorInvalid("the algorithm allow-list is empty".to_owned()));
        }
        if algorithms.contains(&Algorithm::Hs256) && self.shared_secret.is_none() {
            return Err(TokenError::ValidatorInvalid(
                "HS256 needs a shared secret (with_shared_secret) first".to_owned(),
            ));
        }
        self.algorithms = algorithms.to_vec();
        Ok(self)
    }

    /// Accepts HS256 tokens MACed with this shared secret (at least 32 bytes), on purpose.
    pub fn with_shared_secret(mut self, secret: &[u8]) -> Result<Self, TokenError> {
        if secret.len() < MIN_SHARED_SECRET_BYTES {
            return Err(TokenError::ValidatorInvalid(format!(
                "an HS256 secret must have at least {MIN_SHARED_SECRET_BYTES} bytes (RFC 7518 §3.2)"
            )));
        }
        self.shared_secret = Some(secret.to_vec());
        if !self.algorithms.contains(&Algorithm::Hs256) {
            self.algorithms.push(Algorithm::Hs256);
        }
        Ok(self)
    }

    /// Sets the largest accepted token, in bytes (default [`DEFAULT_MAX_TOKEN_BYTES`]).
    pub fn with_max_token_bytes(mut self, max_token_bytes: usize) -> Self {
        self.max_token_bytes = max_token_bytes;
        self
    }

    /// The trusted keys.
    pub fn keys(&self) -> &JwkSet {
        &self.keys
    }

    /// The accepted algorithms.
    pub fn algorithms(&self) -> &[Algorithm] {
        &self.algorithms
    }

    /// The largest accepted token, in bytes.
    pub(crate) fn max_token_bytes(&self) -> usize {
        self.max_token_bytes
    }

    /// Parses the token, applies the header rules and checks the signature.
    pub(crate) fn verify(&self, token: &str) -> Result<SignedToken, TokenError> {
        let jws = parse_compact(token, self.max_token_bytes)?;
        self.verify_parsed(&jws)?;
        Ok(SignedToken { header: jws.header, claims: jws.claims })
    }

    /// Applies the header rules (`alg` allowed, no `crit`) and checks the signature of a token
    /// already split by [`parse_compact`].
    pub(crate) fn verify_parsed(&self, jws: &CompactJws<'_>) -> Result<(), TokenError> {
        let alg = Algorithm::parse(&jws.header.alg)
            .filter(|alg| self.algorithms.contains(alg))
            .ok_or_else(|| TokenError::AlgorithmRefused { alg: shown(&jws.header.alg) })?;
        if let Some(crit) = &jws.header.crit {
            return Err(TokenError::CritUnsupported(
                crit.iter().map(|name| shown(name)).collect::<Vec<_>>().join(", "),
            ));
        }
        let input = jws.signing_input.as_bytes();
        let signature = jws.signature_bytes()?;
        let verified = if alg == Algorithm::Hs256 {
            let secret = self
                .shared_secret
                .as_deref()
                .ok_or_else(|| TokenError::AlgorithmRefused { alg: alg.as_str().to_owned() })?;
            verify_hmac(secret, input, &signature)
        } else {
            let candidates = self.keys.candidates(jws.header.kid.as_deref(), alg)?;
            candidates.iter().any(|key| verify_signature(alg, key, input, &signature))
        };
        if verified {
            Ok(())
        } else {
            Err(TokenError::BadSignature)
        }
    }
}

fn verify_hmac(secret: &[u8], input: &[u8], signature: &[u8]) -> bool {
    use hmac::Mac;
    let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret) else {
        return false;
    };
    mac.update(input);
    mac.verify_slice(signature).is_ok()
}

/// Whether `signature` is a valid `alg` signature of `signing_input` under the public `key`:
/// the one signature check of this library, which [`Verifier`] calls for every candidate key.
///
/// It checks the signature only. Choosing the key (`kid`, `use`, `key_ops`, the key's own `alg`),
/// the algorithm allow-list and the JOSE header rules are the [`Verifier`]'s. It is `false`, never
/// an error, when the key cannot carry `alg` (an EC P-256 key for ES384, an unsupported key) and
/// for [`Algorithm::Hs256`]: a JWK is never used as an HMAC secret (RFC 8725 §3.1); HS256 is
/// verified only with the secret given to [`Verifier::with_shared_secret`].
///
/// The signature is in its JWS form (RFC 7518 §3.4): ECDSA as the 64- or 96-byte `R ‖ S`
/// (never DER), RSA as exactly the modulus length, Ed25519 as 64 bytes. RS256 is
/// RSASSA-PKCS1-v1_5 with SHA-256; PS256 is RSASSA-PSS with SHA-256, MGF1-SHA-256 and a salt
/// of exactly 32 bytes (RFC 7518 §3.5); EdDSA is Ed25519 with the strict checks of
/// `ed25519-dalek`'s `verify_strict` (canonical `S`, no small-order key or `R`).
///
/// ```
/// use mcx_connect::token::{verify_signature, Algorithm, Jwk};
/// use base64ct::{Base64UrlUnpadded, Encoding};
/// // RFC 8037 A.4: the Ed25519 example signature and its public key (A.2).
/// let key = Jwk::from_json(r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#).unwrap();
/// let input = b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
/// let signature = Base64UrlUnpadded::decode_vec(
///     "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
/// ).unwrap();
/// assert!(verify_signature(Algorithm::EdDsa, &key, input, &signature));
/// // One byte of the signing input changed, another algorithm, HS256: all refused.
/// assert!(!verify_signature(Algorithm::EdDsa, &key, b"fyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc", &signature));
/// assert!(!verify_signature(Algorithm::Es256, &key, input, &signature));
/// assert!(!verify_signature(Algorithm::Hs256, &key, input, &signature));
/// ```
pub fn verify_signature(alg: Algorithm, key: &Jwk, signing_input: &[u8], signature: &[u8]) -> bool {
    use p256::ecdsa::signature::Verifier as _;
    match (&key.material, alg) {
        (KeyMaterial::P256(key), Algorithm::Es256) => {
            p256::ecdsa::Signature::from_slice(signature).is_ok_and(|s| key.verify(signing_input, &s).is_ok())
        }
        (KeyMaterial::P384(key), Algorithm::Es384) => {
            p384::ecdsa::Signature::from_slice(signature).is_ok_and(|s| key.verify(signing_input, &s).is_ok())
        }
        (KeyMaterial::Ed25519(key), Algorithm::EdDsa) => {
            ed25519_dalek::Signature::from_slice(signature).is_ok_and(|s| key.verify_strict(signing_input, &s).is_ok())
        }
        (KeyMaterial::Rsa(key), Algorithm::Rs256) => key.verify_pkcs1v15_sha256(signing_input, signature),
        (KeyMaterial::Rsa(key), Algorithm::Ps256) => key.verify_pss_sha256(signing_input, signature),
        _ => false,
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("keys", &self.keys)
            .field("algorithms", &self.algorithms)
            .field("shared_secret", &self.shared_secret.as_ref().map(|_| "[redacted]"))
            .field("max_token_bytes", &self.max_token_bytes)
            .finish()
    }
}
