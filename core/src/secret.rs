//! Secrets that never print themselves.
//!
//! Tokens, assertions, client secrets, authorization codes and PKCE verifiers are held in a
//! [`Secret`]: its `Debug` and `Display` write `[redacted]`, so a secret cannot reach a log line
//! or an error message by accident. The value is read only through [`Secret::expose`].
//!
//! A `Secret` does not implement `serde::Serialize` either: a type that derives `Serialize`
//! and holds one does not compile until the field says how it is written, with
//! [`serde_exposed`] (the value, where it must be written, e.g. a saved flow with its secrets)
//! or `#[serde(skip)]`. Reading one (`Deserialize`) is always possible. The value is zeroized
//! when the `Secret` is dropped, and [`Secret::ct_eq`] compares in constant time.

use std::fmt;
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

/// A string that must not be printed: a token, assertion, client secret, code or verifier.
///
/// ```
/// use mcx_connect::Secret;
/// let token = Secret::new("eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
/// assert_eq!(format!("{token:?} {token}"), "Secret([redacted]) [redacted]");
/// assert_eq!(token.expose(), "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
/// ```
#[derive(Clone, Default)]
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

    /// Consumes the wrapper and returns the secret value (no longer zeroized on drop).
    pub fn into_inner(mut self) -> String {
        std::mem::take(&mut self.0)
    }

    /// Length of the secret in bytes (safe to print).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Compares two secrets in time that does not depend on where they differ (only on their
    /// lengths): the comparison a server makes of a client secret, a code or a `state`. `==`
    /// on `Secret` is this comparison too.
    ///
    /// ```
    /// use mcx_connect::Secret;
    /// let stored = Secret::new("client-secret-1");
    /// assert!(stored.ct_eq(&Secret::new("client-secret-1")));
    /// assert!(!stored.ct_eq(&Secret::new("client-secret-2")));
    /// assert!(!stored.ct_eq(&Secret::new("client-secret")));
    /// ```
    pub fn ct_eq(&self, other: &Secret) -> bool {
        self.ct_eq_str(other.expose())
    }

    /// [`Secret::ct_eq`] against a value given as text (e.g. a parameter just read).
    pub fn ct_eq_str(&self, other: &str) -> bool {
        bool::from(self.0.as_bytes().ct_eq(other.as_bytes()))
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other)
    }
}

impl Eq for Secret {}

impl std::hash::Hash for Secret {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
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

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

/// Writes a [`Secret`]'s value, for a field that must be written with it:
/// `#[serde(with = "mcx_connect::serde_exposed")]` on a `Secret`, or
/// `#[serde(with = "mcx_connect::serde_exposed::option")]` on an `Option<Secret>`.
///
/// ```
/// use mcx_connect::Secret;
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Stored {
///     #[serde(with = "mcx_connect::serde_exposed")]
///     client_secret: Secret,
///     #[serde(with = "mcx_connect::serde_exposed::option")]
///     refresh_token: Option<Secret>,
/// }
/// let stored = Stored { client_secret: Secret::new("s3cret"), refresh_token: None };
/// let json = serde_json::to_string(&stored).unwrap();
/// assert_eq!(json, r#"{"client_secret":"s3cret","refresh_token":null}"#);
/// let back: Stored = serde_json::from_str(&json).unwrap();
/// assert_eq!(back.client_secret.expose(), "s3cret");
/// ```
pub mod serde_exposed {
    use super::Secret;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the value.
    pub fn serialize<S: Serializer>(secret: &Secret, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(secret.expose())
    }

    /// Reads the value.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
        Secret::deserialize(deserializer)
    }

    /// The same for `Option<Secret>`.
    pub mod option {
        use super::Secret;
        use serde::{Deserialize, Deserializer, Serializer};

        /// Writes the value, or nothing.
        pub fn serialize<S: Serializer>(secret: &Option<Secret>, serializer: S) -> Result<S::Ok, S::Error> {
            match secret {
                Some(secret) => serializer.serialize_some(secret.expose()),
                None => serializer.serialize_none(),
            }
        }

        /// Reads the value, or nothing.
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Secret>, D::Error> {
            Option::<Secret>::deserialize(deserializer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_holding_a_secret_writes_it_only_through_serde_exposed() {
        #[derive(serde::Serialize)]
        struct Skipped {
            #[serde(skip)]
            _token: Secret,
            kind: &'static str,
        }
        let text = serde_json::to_string(&Skipped { _token: Secret::new("tok-value"), kind: "k" }).unwrap_or_default();
        assert_eq!(text, r#"{"kind":"k"}"#);
    }

    #[test]
    fn equality_is_the_constant_time_comparison() {
        let a = Secret::new("abc");
        assert_eq!(a, Secret::new("abc"));
        assert_ne!(a, Secret::new("abd"));
        assert_ne!(a, Secret::new("ab"));
        assert!(a.ct_eq_str("abc") && !a.ct_eq_str("abcd"));
        assert_eq!(Secret::new("v").into_inner(), "v");
    }
}
