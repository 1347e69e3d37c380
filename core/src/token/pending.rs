//! A token whose header rules and key selection passed, waiting for its signature check: the
//! sans-IO split for hosts whose crypto is asynchronous (WebCrypto's `crypto.subtle.verify`).

use super::backend::SignatureBackend;
use super::error::TokenError;
use super::jwk::Jwk;
use super::jws::{Algorithm, CompactJws, JwsHeader};
use super::verify::Selection;
use serde_json::{Map, Value};
use std::fmt;

/// What is left to verify of a token after [`Verifier::prepare`](super::Verifier::prepare):
/// the algorithm, the candidate keys (the JWK Set's keys chosen by `kid`, key type and the
/// key's `alg`), the signing input and the signature.
///
/// The host checks the signature under any of [`keys`](Self::keys) (each one's
/// [`Jwk::to_json`] imports into WebCrypto as is) with the exact forms of
/// [`verify_signature`](super::verify_signature), then hands the answer to a validator's
/// `finish` ([`SecurityTokenValidator::finish`](super::SecurityTokenValidator::finish),
/// [`IdTokenValidator::finish`](super::IdTokenValidator::finish),
/// [`AccessTokenValidator::finish`](super::AccessTokenValidator::finish)), which runs the
/// claim rules; pass it back to the validator whose `prepare` made it (the keys are that
/// validator's choice). HS256 is never handed out: the core checks it with its shared secret, and
/// [`keys`](Self::keys) is empty. `Debug` shows neither the token nor the signature.
#[derive(Clone)]
pub struct PendingSignature {
    token: String,
    signing_input_len: usize,
    header: JwsHeader,
    claims: Map<String, Value>,
    algorithm: Algorithm,
    keys: Vec<Jwk>,
    key_indexes: Vec<usize>,
    signature: Vec<u8>,
    /// HS256: the core's own answer.
    mac_verified: Option<bool>,
}

impl PendingSignature {
    pub(crate) fn new(
        token: &str,
        jws: CompactJws<'_>,
        selection: Selection<'_>,
        signature: Vec<u8>,
        set: &[Jwk],
    ) -> Self {
        let (algorithm, keys, mac_verified) = match selection {
            Selection::Hmac(verified) => (Algorithm::Hs256, Vec::new(), Some(verified)),
            Selection::Keys(alg, keys) => (alg, keys, None),
        };
        let key_indexes =
            keys.iter().filter_map(|key| set.iter().position(|member| std::ptr::eq(member, *key))).collect();
        let keys = keys.into_iter().cloned().collect();
        Self {
            token: token.to_owned(),
            signing_input_len: jws.signing_input.len(),
            header: jws.header,
            claims: jws.claims,
            algorithm,
            keys,
            key_indexes,
            signature,
            mac_verified,
        }
    }

    /// The algorithm to verify with (from the allow-list).
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The candidate keys, in JWK Set order: the signature is good when it verifies under any
    /// of them. Empty for HS256 (checked by the core).
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// The positions of [`keys`](Self::keys) in the verifier's JWK Set
    /// ([`JwkSet::keys`](super::JwkSet::keys)), for a host that imported the set's keys once.
    pub fn key_indexes(&self) -> &[usize] {
        &self.key_indexes
    }

    /// The JWS signing input, `BASE64URL(header) || '.' || BASE64URL(payload)`.
    pub fn signing_input(&self) -> &[u8] {
        self.token.as_bytes().get(..self.signing_input_len).unwrap_or_default()
    }

    /// The decoded signature, in its JWS form (ECDSA `R ‖ S`, as WebCrypto expects).
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// The JOSE header (its rules passed; the signature is not verified yet).
    pub fn header(&self) -> &JwsHeader {
        &self.header
    }

    /// Checks the signature with a synchronous `backend`, as the [`Verifier`](super::Verifier)
    /// does: whether it verifies under any candidate key (for HS256, the core's MAC check).
    pub fn verify_with(&self, backend: &dyn SignatureBackend) -> bool {
        self.mac_verified.unwrap_or_else(|| {
            self.keys.iter().any(|key| backend.verify(self.algorithm, key, self.signing_input(), &self.signature))
        })
    }

    /// The signature rule's outcome given the host's answer (`token_bad_signature` when it is
    /// `false`). For HS256 the core's own MAC check decides and `verified` is not used.
    pub(crate) fn outcome(&self, verified: bool) -> Result<(), TokenError> {
        if self.mac_verified.unwrap_or(verified) {
            Ok(())
        } else {
            Err(TokenError::BadSignature)
        }
    }

    /// The header and claims, whatever the signature's outcome (the security-token rules report it).
    pub(crate) fn into_parts(self) -> (JwsHeader, Map<String, Value>) {
        (self.header, self.claims)
    }

    /// The header and claims once the signature is known good.
    pub(crate) fn into_signed(self, verified: bool) -> Result<(JwsHeader, Map<String, Value>), TokenError> {
        self.outcome(verified)?;
        Ok((self.header, self.claims))
    }
}

impl fmt::Debug for PendingSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingSignature")
            .field("algorithm", &self.algorithm)
            .field("keys", &self.keys)
            .field("signature_bytes", &self.signature.len())
            .finish_non_exhaustive()
    }
}
