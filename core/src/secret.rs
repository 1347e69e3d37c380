//! Secrets that never print themselves.
//!
//! Tokens, assertions, client secrets, authorization codes and PKCE verifiers are held in a
//! [`Secret`]: its `Debug` and `Display` write `[redacted]`, so a secret cannot reach a log line
//! or an error message by accident. The value is read only through [`Secret::expose`].

use std::fmt;

/// A string that must not be printed: a token, assertion, client secret, code or verifier.
///
/// ```
/// use mcx_connect::Secret;
/// let token = Secret::new("eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
/// assert_eq!(format!("{token:?} {token}"), "Secret([redacted]) [redacted]");
/// assert_eq!(token.expose(), "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret value itself. Call this only where the value is sent or verified.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Consumes the wrapper and returns the secret value.
    pub fn into_inner(self) -> String {
        self.0
    }

    /// Length of the secret in bytes (safe to print).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}
