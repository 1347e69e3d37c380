//! Proof Key for Code Exchange (RFC 7636) with the `S256` method that TS 33.180 B.4 requires.

use crate::error::LoginError;
use crate::Secret;
use base64ct::{Base64UrlUnpadded, Encoding};
use sha2::{Digest, Sha256};

/// A PKCE verifier and its `S256` challenge.
///
/// ```
/// use mcx_connect::Pkce;
/// // RFC 7636 Appendix B.
/// let pkce = Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap();
/// assert_eq!(pkce.challenge(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
/// assert_eq!(Pkce::generate().unwrap().verifier().len(), 43);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(serde::Serialize, tsify::Tsify))]
pub struct Pkce {
    /// The verifier (a secret until the token request).
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed"), tsify(type = "string"))]
    verifier: Secret,
    /// Its S256 challenge.
    challenge: String,
}

/// `code_challenge_method` value for SHA-256.
pub const PKCE_METHOD_S256: &str = "S256";

impl Pkce {
    /// A fresh verifier of 32 random bytes (43 base64url characters) from the system's
    /// secure random source.
    pub fn generate() -> Result<Self, LoginError> {
        let mut bytes = [0u8; 32];
        getrandom::getrandom(&mut bytes).map_err(|_| LoginError::RandomnessUnavailable)?;
        Self::from_verifier(Base64UrlUnpadded::encode_string(&bytes))
    }

    /// A verifier given by the caller (tests, or restoring a saved login): 43 to 128 characters
    /// from `A-Z a-z 0-9 - . _ ~` (RFC 7636 §4.1).
    pub fn from_verifier(verifier: impl Into<String>) -> Result<Self, LoginError> {
        let verifier = verifier.into();
        check_verifier(&verifier)?;
        let challenge = s256_challenge(&verifier);
        Ok(Self { verifier: Secret::new(verifier), challenge })
    }

    /// The verifier (secret until the token request).
    pub fn verifier(&self) -> &Secret {
        &self.verifier
    }

    /// The `S256` challenge: `BASE64URL(SHA256(ASCII(verifier)))`.
    pub fn challenge(&self) -> &str {
        &self.challenge
    }
}

pub(crate) fn check_verifier(verifier: &str) -> Result<(), LoginError> {
    let ok_chars = verifier.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
    if (43..=128).contains(&verifier.len()) && ok_chars {
        Ok(())
    } else {
        Err(LoginError::InvalidVerifier)
    }
}

pub(crate) fn s256_challenge(verifier: &str) -> String {
    Base64UrlUnpadded::encode_string(&Sha256::digest(verifier.as_bytes()))
}

/// Random text for `state` and `nonce`: 16 random bytes, base64url (22 characters).
pub(crate) fn random_text() -> Result<String, LoginError> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(|_| LoginError::RandomnessUnavailable)?;
    Ok(Base64UrlUnpadded::encode_string(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_verifier_gives_the_published_challenge() {
        let pkce = Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap();
        assert_eq!(pkce.challenge(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn rfc7636_4_1_verifier_is_43_to_128_unreserved_characters() {
        assert!(Pkce::from_verifier("a".repeat(42)).is_err());
        assert!(Pkce::from_verifier("a".repeat(43)).is_ok());
        assert!(Pkce::from_verifier("a".repeat(128)).is_ok());
        assert!(Pkce::from_verifier("a".repeat(129)).is_err());
        assert_eq!(Pkce::from_verifier(format!("{}+", "a".repeat(43))).unwrap_err().code(), "login_invalid_verifier");
    }

    #[test]
    fn rfc7636_7_1_generated_verifiers_differ() {
        let (a, b) = (Pkce::generate().unwrap(), Pkce::generate().unwrap());
        assert_ne!(a.verifier(), b.verifier());
        assert!(check_verifier(a.verifier().expose()).is_ok());
    }
}
