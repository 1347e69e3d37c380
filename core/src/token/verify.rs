//! Signature verification: the algorithm allow-list, `crit`, key selection and the
//! RustCrypto verifiers.

use super::backend::SignatureBackend;
use super::error::{shown, TokenError};
#[cfg(feature = "builtin-crypto")]
use super::jwk::KeyMaterial;
use super::jwk::{Jwk, JwkSet};
use super::jws::{parse_compact, Algorithm, CompactJws, JwsHeader};
use super::pending::PendingSignature;
use serde_json::{Map, Value};
use std::fmt;
use std::sync::Arc;
use zeroize::Zeroizing;

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
///
/// The signature check itself is a [`SignatureBackend`]'s (the built-in one, feature
/// `builtin-crypto`, unless [`with_backend`](Self::with_backend) gives another); a host whose
/// crypto is asynchronous (WebCrypto) uses [`prepare`](Self::prepare) instead and verifies the
/// [`PendingSignature`] itself. Built without `builtin-crypto` and without a backend, the
/// synchronous checks refuse every token with `validator_invalid`: only `prepare` / `finish`
/// verify then.
#[derive(Clone)]
pub struct Verifier {
    keys: JwkSet,
    algorithms: Vec<Algorithm>,
    shared_secret: Option<Zeroizing<Vec<u8>>>,
    max_token_bytes: usize,
    backend: Option<Arc<dyn SignatureBackend>>,
}

/// What the header rules and key selection decided for one token.
pub(crate) enum Selection<'k> {
    /// HS256: the core checked the MAC with its shared secret; this is the result.
    Hmac(bool),
    /// A public-key algorithm: the candidate keys, in JWK Set order (never empty).
    Keys(Algorithm, Vec<&'k Jwk>),
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
            backend: default_backend(),
        }
    }

    /// Checks signatures with `backend` instead of the built-in one (for example
    /// `RingBackend`, feature `ring-backend`). Everything else (`alg` allow-list, `crit`, key
    /// selection, the claim rules) stays the core's.
    pub fn with_backend(mut self, backend: Arc<dyn SignatureBackend>) -> Self {
        self.backend = Some(backend);
        self
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
        self.shared_secret = Some(Zeroizing::new(secret.to_vec()));
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

    /// Everything up to the signature check, for a host that verifies signatures itself
    /// (asynchronous crypto such as WebCrypto): the structure and size, the `alg` allow-list,
    /// `crit`, and the key selection (`kid`, key type, the key's `alg`, `use`, `key_ops`). The
    /// [`PendingSignature`] hands out the algorithm, the candidate keys, the signing input and
    /// the signature; the host verifies and passes the answer to the validator's `finish`.
    /// HS256 is checked here, with the shared secret, and never handed out.
    ///
    /// ```
    /// use mcx_connect::token::{sign, Algorithm, BuiltInBackend, JwkSet, JwsHeader, SigningKey, Verifier};
    /// let key = SigningKey::es256(&[7u8; 32])?;
    /// let token = sign(&JwsHeader::new(Algorithm::Es256).with_kid("p1"), &serde_json::json!({"iss": "a"}), &key)?;
    /// let verifier = Verifier::new(JwkSet::from_keys(vec![key.public_jwk(Some("p1")).unwrap()]));
    /// let pending = verifier.prepare(token.expose())?;
    /// assert_eq!(pending.algorithm(), Algorithm::Es256);
    /// assert_eq!(pending.keys()[0].to_json()["kid"], "p1"); // the JWK to import into the host's crypto
    /// assert_eq!(pending.key_indexes(), [0]); // its place in the JWK Set
    /// assert_eq!(pending.signature().len(), 64);
    /// assert!(pending.verify_with(&BuiltInBackend)); // what a host's crypto would answer
    /// // A kid the JWK Set does not have: refused before any signature check.
    /// let other = sign(&JwsHeader::new(Algorithm::Es256).with_kid("p2"), &serde_json::json!({}), &key)?;
    /// assert_eq!(verifier.prepare(other.expose()).unwrap_err().code(), "token_unknown_key");
    /// # Ok::<(), mcx_connect::token::TokenError>(())
    /// ```
    pub fn prepare(&self, token: &str) -> Result<PendingSignature, TokenError> {
        let jws = parse_compact(token, self.max_token_bytes)?;
        let (selection, signature) = self.select(&jws)?;
        Ok(PendingSignature::new(token, jws, selection, signature, self.keys.keys()))
    }

    /// Applies the header rules (`alg` allowed, no `crit`) and checks the signature of a token
    /// already split by [`parse_compact`].
    pub(crate) fn verify_parsed(&self, jws: &CompactJws<'_>) -> Result<(), TokenError> {
        let input = jws.signing_input.as_bytes();
        let (selection, signature) = self.select(jws)?;
        let verified = match selection {
            Selection::Hmac(verified) => verified,
            Selection::Keys(alg, keys) => {
                let backend = self.backend.as_deref().ok_or_else(|| {
                    TokenError::ValidatorInvalid(
                        "this build has no signature backend (feature `builtin-crypto`): verify with prepare and finish"
                            .to_owned(),
                    )
                })?;
                keys.iter().any(|key| backend.verify(alg, key, input, &signature))
            }
        };
        if verified {
            Ok(())
        } else {
            Err(TokenError::BadSignature)
        }
    }

    /// The header rules, the decoded signature and the key selection (for HS256, the MAC check).
    fn select<'k>(&'k self, jws: &CompactJws<'_>) -> Result<(Selection<'k>, Vec<u8>), TokenError> {
        let alg = Algorithm::parse(&jws.header.alg)
            .filter(|alg| self.algorithms.contains(alg))
            .ok_or_else(|| TokenError::AlgorithmRefused { alg: shown(&jws.header.alg) })?;
        if let Some(crit) = &jws.header.crit {
            let mut names = String::new();
            for (i, name) in crit.iter().enumerate() {
                if i > 0 {
                    names.push_str(", ");
                }
                names.push_str(&shown(name));
            }
            return Err(TokenError::CritUnsupported(names));
        }
        let signature = jws.signature_bytes()?;
        if alg == Algorithm::Hs256 {
            let secret = self
                .shared_secret
                .as_deref()
                .ok_or_else(|| TokenError::AlgorithmRefused { alg: alg.as_str().to_owned() })?;
            let verified = verify_hmac(secret, jws.signing_input.as_bytes(), &signature);
            return Ok((Selection::Hmac(verified), signature));
        }
        let keys = self.keys.candidates(jws.header.kid.as_deref(), alg)?;
        Ok((Selection::Keys(alg, keys), signature))
    }
}

/// The built-in backend (feature `builtin-crypto`).
#[cfg(feature = "builtin-crypto")]
fn default_backend() -> Option<Arc<dyn SignatureBackend>> {
    Some(Arc::new(super::backend::BuiltInBackend))
}

/// No backend: the build has no signature arithmetic (the host verifies, `prepare` / `finish`).
#[cfg(not(feature = "builtin-crypto"))]
fn default_backend() -> Option<Arc<dyn SignatureBackend>> {
    None
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
#[cfg(feature = "builtin-crypto")]
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
            .field("backend", &self.backend.as_ref().map_or("none", |b| b.name()))
            .finish()
    }
}
