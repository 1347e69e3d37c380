//! The signature verification backend: the one primitive the core does not decide.
//!
//! Everything else of token validation (structure, `alg` allow-list, `crit`, key selection by
//! `kid` and key/alg binding, then the claim rules) stays in the core; a backend only answers
//! "does this signature verify under this key".

use super::jwk::Jwk;
use super::jws::Algorithm;
#[cfg(feature = "builtin-crypto")]
use super::verify::verify_signature;

/// Checks one signature: `verify(alg, key, signing_input, signature) -> bool`.
///
/// A [`Verifier`](super::Verifier) calls it for every candidate key it selected; it must answer
/// exactly as [`verify_signature`] does (the same signature forms of RFC 7518 §3: ECDSA as
/// `R ‖ S`, RSA as the modulus length, PSS with a 32-byte salt, Ed25519 strict; `false` for a
/// key that cannot carry `alg` and for HS256). [`BuiltInBackend`] is the default; with the
/// `ring-backend` feature, `RingBackend` is a faster one for native servers. Every token
/// vector and every Wycheproof case runs through both, and they must agree.
///
/// ```
/// use mcx_connect::token::{sign, Algorithm, Jwk, JwkSet, JwsHeader, SecurityTokenValidator, SignatureBackend, SigningKey, Verifier};
/// use std::sync::Arc;
/// /// A backend that counts its calls and asks the built-in one.
/// struct Counting(std::sync::atomic::AtomicUsize);
/// impl SignatureBackend for Counting {
///     fn verify(&self, alg: Algorithm, key: &Jwk, input: &[u8], signature: &[u8]) -> bool {
///         self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
///         mcx_connect::token::verify_signature(alg, key, input, signature)
///     }
/// }
/// let key = SigningKey::es256(&[7u8; 32])?;
/// let claims = serde_json::json!({
///     "iss": "https://idms.primary.example", "sub": "alice@primary.example",
///     "aud": ["mcptt-client", "https://idms.partner.example/token"],
///     "iat": 1_700_000_000, "exp": 1_700_000_300,
/// });
/// let token = sign(&JwsHeader::new(Algorithm::Es256), &claims, &key)?;
/// let counting = Arc::new(Counting(0.into()));
/// let verifier = Verifier::new(JwkSet::from_keys(vec![key.public_jwk(None).unwrap()])).with_backend(counting.clone());
/// let validator = SecurityTokenValidator::new(
///     "https://idms.primary.example", "https://idms.partner.example/token", verifier)?;
/// assert!(validator.validate(token.expose(), "mcptt-client", 1_700_000_100).is_ok());
/// assert_eq!(counting.0.load(std::sync::atomic::Ordering::Relaxed), 1);
/// # Ok::<(), mcx_connect::token::TokenError>(())
/// ```
pub trait SignatureBackend: Send + Sync {
    /// Whether `signature` is a valid `alg` signature of `signing_input` under the public `key`.
    fn verify(&self, alg: Algorithm, key: &Jwk, signing_input: &[u8], signature: &[u8]) -> bool;

    /// A short name for `Debug` output and reports (`built-in`, `ring`; `custom` by default).
    fn name(&self) -> &'static str {
        "custom"
    }
}

/// The default backend (feature `builtin-crypto`, on by default): pure Rust (RustCrypto `p256`, `p384`, `ed25519-dalek`, and the
/// project's RSA), synchronous, on every target including wasm32. It is [`verify_signature`].
///
/// ```
/// use mcx_connect::token::{Algorithm, BuiltInBackend, Jwk, SignatureBackend};
/// let key = Jwk::from_json(r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#).unwrap();
/// assert!(!BuiltInBackend.verify(Algorithm::EdDsa, &key, b"input", &[0; 64]));
/// ```
#[cfg(feature = "builtin-crypto")]
#[derive(Debug, Clone, Copy, Default)]
pub struct BuiltInBackend;

#[cfg(feature = "builtin-crypto")]
impl SignatureBackend for BuiltInBackend {
    fn verify(&self, alg: Algorithm, key: &Jwk, signing_input: &[u8], signature: &[u8]) -> bool {
        verify_signature(alg, key, signing_input, signature)
    }

    fn name(&self) -> &'static str {
        "built-in"
    }
}
