//! Tokens: JWS verification, JWK Sets, and the claims of TS 33.180 Annex B.
//!
//! The partner IdMS **must** authenticate the security token it receives as a jwt-bearer
//! assertion (B.7.4). This module does that in pure Rust (RustCrypto: `p256`, `p384`,
//! `ed25519-dalek`, `sha2`, `hmac`; RSA verification, a public-key operation only, in
//! `rsassa`), without a clock and without randomness:
//!
//! - [`Verifier`]: compact JWS with a size limit; ES256, ES384, RS256, PS256 and EdDSA on an
//!   explicit allow-list; `none` never; HS256 only with a shared secret configured on purpose
//!   (never a public key as HMAC secret); any `crit` refused; keys chosen by `kid` (or by key
//!   type and `alg` without one) from a trusted [`JwkSet`], honouring `use` and `key_ops`.
//! - [`SecurityTokenValidator`], [`IdTokenValidator`], [`AccessTokenValidator`]: the claims of
//!   B.2.1.2 (`iss` exact, `sub` ≤ 255 bytes, `aud`, `exp`, `iat`, `nbf`), a [`Leeway`] of at
//!   most 30 s refused when configured, and what each kind adds (client_id and target in `aud`
//!   for a security token; `azp` and `nonce` for an ID token; `scope` and `client_id` for an
//!   access token), with the MCX identities `mcptt_id`, `mcvideo_id`, `mcdata_id` required per
//!   service on request. The current time is always the caller's `now`.
//! - [`verify_signature`]: the one signature check ("does this signature verify under this
//!   key"), which the [`Verifier`] calls for every candidate key; Project Wycheproof's ES256,
//!   ES384, RS256, PS256 and Ed25519 vectors run through it (`tests/wycheproof`).
//! - [`SignatureBackend`]: the seam for that one primitive, `verify(alg, key, signing_input,
//!   signature) -> bool`. The core decides everything else (structure, `alg` allow-list, `crit`,
//!   key selection by `kid` and key/alg binding, the claim rules). [`BuiltInBackend`] (the pure
//!   Rust code above, synchronous, every target including wasm32) is the default;
//!   [`Verifier::with_backend`] gives another. With the `ring-backend` feature (off by default,
//!   native targets), `RingBackend` checks ES256, ES384, RS256 and PS256 with `ring`: ES256 and
//!   RS256 validation at 1.07–1.08× `jsonwebtoken` instead of 4.9× and 1.9×
//!   (`tests/BENCHMARKS.md`). The token vectors and Project Wycheproof run through both backends,
//!   and a disagreement fails the tests.
//! - [`Verifier::prepare`] and each validator's `prepare` / `finish`: the sans-IO split for a host
//!   whose crypto is asynchronous (WebCrypto). `prepare` does everything up to the signature and
//!   hands out a [`PendingSignature`] (algorithm, candidate keys as JWKs, signing input,
//!   signature); the host verifies; `finish(pending, verified, …)` runs the claim rules, with the
//!   same errors as `validate`. The npm package verifies so, with `crypto.subtle.verify`.
//! - Feature `builtin-crypto` (on by default): the pure-Rust arithmetic above (`p256`, `p384`,
//!   `ed25519-dalek`, `rsassa`), `BuiltInBackend`, `verify_signature` and ES256/EdDSA signing.
//!   Built without it (the npm package), the core holds no curve or RSA arithmetic: verification
//!   goes only through `prepare` / `finish` (a [`Verifier`] without a backend refuses with
//!   `validator_invalid`), a JWK's point is checked to be on its curve by the host when it imports
//!   the key, and the host signs: [`SigningKey::held_by_host`], [`signing_input`],
//!   [`SecurityTokenIssuer::prepare`]. HS256 (HMAC-SHA-256) stays in every build.
//!
//!   FIPS: neither backend here is a FIPS 140-3 validated module. A deployment whose procurement
//!   requires one can implement [`SignatureBackend`] over `aws-lc-rs` built with its `fips`
//!   feature (AWS-LC's validated module). That build needs CMake, Go and a C compiler (and
//!   Clang/bindgen on some targets); it is not built or tested here.
//! - [`SecurityTokenRules`]: the one home of the security-token rules, checked rule by rule
//!   into a [`SecurityTokenReport`] (pass, fail or not checked, with the clause), used by the
//!   validator, by [`MigrationFlow`](crate::MigrationFlow) (without keys), the CLI and the bindings.
//! - [`TokenValidatorOptions`] and [`SecurityTokenRulesInit`]: the same configuration as plain
//!   data (JSON, a JavaScript object, a UniFFI record), made into a verifier, a validator
//!   (`from_options`) or the rules (`SecurityTokenRules::from_init`) in one call each.
//! - [`check_now`]: every entry taking `now` refuses a value that is plainly milliseconds.
//! - [`UnverifiedToken::inspect`]: header and claims decoded without any check, for display.
//! - [`sign`] with a [`SigningKey`] (ES256, EdDSA, HS256) and [`SigningKey::public_jwk`].
//! - [`SecurityTokenIssuer`]: the primary IdMS's side of B.7.3, the security token's claims
//!   (`iss`, `sub`, `aud` = [client_id, resource], `iat`, `exp` within a set lifetime, the MCX
//!   identities) signed and wrapped in the token exchange response.
//!
//! In the server role, [`JwtBearerRequest::parse_and_verify`](crate::JwtBearerRequest::parse_and_verify)
//! reads a B.7.4 request and authenticates its assertion in one call (a bad assertion is
//! `invalid_grant`, RFC 7523 §3.1); [`TokenExchangeRequest::parse_and_verify`](crate::TokenExchangeRequest::parse_and_verify)
//! does the same for the subject token of B.7.2 (a bad subject token is `invalid_request`,
//! RFC 8693 §2.2.2). Every failure is a [`TokenError`] with a stable code.

mod backend;
mod claims;
mod error;
mod flows;
mod issue;
mod jwk;
mod jws;
mod kinds;
mod options;
mod pending;
#[cfg(feature = "ring-backend")]
mod ring_backend;
mod rsa_key;
#[cfg(feature = "builtin-crypto")]
mod rsassa;
mod rules;
mod segment;
mod sign;
mod verify;

#[cfg(test)]
#[cfg(feature = "builtin-crypto")]
mod tests;
#[cfg(test)]
#[cfg(feature = "builtin-crypto")]
mod tests_backend;
#[cfg(test)]
#[cfg(feature = "builtin-crypto")]
mod tests_jose;
#[cfg(test)]
#[cfg(feature = "builtin-crypto")]
mod tests_rfc_examples;
#[cfg(test)]
#[cfg(feature = "builtin-crypto")]
mod tests_rsassa;

#[cfg(feature = "builtin-crypto")]
pub use backend::BuiltInBackend;
pub use backend::SignatureBackend;
pub use claims::{check_now, Leeway, TokenClaims, MAX_NOW_SECONDS, MAX_SUBJECT_BYTES};
pub use error::TokenError;
pub use flows::{VerifiedJwtBearerRequest, VerifiedTokenExchangeRequest};
pub use issue::{SecurityTokenIssuer, UnsignedSecurityToken};
pub use jwk::{IgnoredKey, Jwk, JwkSet, MAX_JWKS_BYTES, MAX_JWKS_KEYS, MAX_RSA_BITS, MIN_RSA_BITS};
pub(crate) use jws::check_structure;
pub use jws::{Algorithm, JwsHeader};
pub use kinds::{AccessToken, AccessTokenValidator, IdToken, IdTokenValidator, SecurityToken, SecurityTokenValidator};
pub use options::{SecurityTokenRulesInit, SharedSecret, TokenValidatorOptions};
pub use pending::PendingSignature;
#[cfg(feature = "ring-backend")]
pub use ring_backend::RingBackend;
pub use rules::{
    RuleOutcome, RuleResult, SecurityTokenReport, SecurityTokenRules, SecurityTokenVerdict, SECURITY_TOKEN_RULES,
};
pub use sign::{sign, signing_input, SigningKey};
#[cfg(feature = "builtin-crypto")]
pub use verify::verify_signature;
pub use verify::{Verifier, DEFAULT_MAX_TOKEN_BYTES, MIN_SHARED_SECRET_BYTES};

use serde_json::{Map, Value};

/// A token decoded **without any verification**: neither signature nor claims were checked.
/// For display and diagnosis only (which key, which issuer); never for a decision.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UnverifiedToken {
    /// The JOSE header, unverified.
    pub header: JwsHeader,
    /// The claims, unverified and untyped (in Kotlin, Swift and Python: their JSON text).
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, unknown>"))]
    pub claims: Map<String, Value>,
    /// Length of the decoded signature in bytes, or `None` when the signature segment is not
    /// valid base64url (the signature itself is not kept).
    pub signature_bytes: Option<u64>,
}

impl UnverifiedToken {
    /// Decodes `token` (at most [`DEFAULT_MAX_TOKEN_BYTES`]) without verifying anything.
    /// Refused only when it is not a compact JWS with JSON object header and payload.
    ///
    /// ```
    /// use mcx_connect::token::UnverifiedToken;
    /// // TS 33.180 B.7.4 EXAMPLE 1's assertion (its signature is not even well-formed).
    /// let token = "eyJhbGciOiJFUzI1NiIsImtpZCI6IjllciJ9.eyJhdWQiOiJodHRwczovL2JhY2tlbmQuZXhhbXBsZS5jb20iLCJpc3MiOiJodHRwczovL2FzLmV4YW1wbGUuY29tIiwiZXhwIjoxNDQxOTE3NTkzLCJpYXQiOjE0NDE5MTc1MzMsInN1YiI6ImJjQGV4YW1wbGUuY29tIiwic2NwIjpbImFwaSJdfQ.MXgnpvPMo0nhcePwnQbunD2gw_pDyCFASaobl6gyLAdyPbaALFuAOyFc4XTWaPEnHV_LGmXklSTpz0yC7hlSQ";
    /// let seen = UnverifiedToken::inspect(token).unwrap();
    /// assert_eq!(seen.header.alg, "ES256");
    /// assert_eq!(seen.header.kid.as_deref(), Some("9er"));
    /// assert_eq!(seen.issuer(), Some("https://as.example.com"));
    /// assert_eq!(seen.claims["sub"], "bc@example.com");
    /// assert_eq!(seen.signature_bytes, None);
    /// ```
    pub fn inspect(token: &str) -> Result<Self, TokenError> {
        Self::inspect_with_limit(token, DEFAULT_MAX_TOKEN_BYTES)
    }

    /// [`inspect`](Self::inspect) with another size limit in bytes.
    pub fn inspect_with_limit(token: &str, max_bytes: usize) -> Result<Self, TokenError> {
        let jws = jws::parse_compact(token, max_bytes)?;
        let signature_bytes = jws.signature_bytes().ok().map(|s| s.len() as u64);
        Ok(Self { header: jws.header, claims: jws.claims, signature_bytes })
    }

    /// The `iss` claim, if it is a string (unverified).
    pub fn issuer(&self) -> Option<&str> {
        self.claims.get("iss").and_then(Value::as_str)
    }

    /// The `kid` header, if any (unverified).
    pub fn key_id(&self) -> Option<&str> {
        self.header.kid.as_deref()
    }
}
