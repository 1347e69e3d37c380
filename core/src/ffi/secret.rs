//! A [`Secret`] crosses as an object whose text form is `[redacted]`, so that a logged record
//! never shows one.

use crate::Secret;
use std::sync::Arc;

/// A secret value (a token, assertion, client secret, code or verifier): `toString()` /
/// `description` / `str()` print `[redacted]`, `expose()` gives the value. A field or argument
/// typed `Secret` crosses as this object, which Kotlin, Swift and Python also name `Secret`.
#[derive(Clone, PartialEq, Eq, Hash, uniffi::Object)]
#[uniffi::export(Debug, Display, Eq, Hash)]
pub struct SecretValue(Secret);

#[uniffi::export]
impl SecretValue {
    /// Wraps a secret value.
    #[uniffi::constructor]
    pub fn new(value: String) -> Arc<Self> {
        Arc::new(Self(Secret::new(value)))
    }

    /// The secret value itself.
    pub fn expose(&self) -> String {
        self.0.expose().to_owned()
    }

    /// Whether the value is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

crosses_as_object!(Secret, SecretValue);

#[cfg(test)]
mod tests {
    use super::*;
    use uniffi::{Lift, Lower};

    #[test]
    fn a_secret_crosses_as_an_object_that_prints_redacted_and_comes_back_whole() {
        let lowered = <Secret as Lower<crate::UniFfiTag>>::lower(Secret::new("tok-value"));
        let lifted = <Secret as Lift<crate::UniFfiTag>>::try_lift(lowered).unwrap_or_default();
        assert_eq!(lifted.expose(), "tok-value");
        let object = SecretValue::new("tok-value".into());
        assert_eq!(format!("{object:?} {object}"), "Secret([redacted]) [redacted]");
        assert_eq!(object.expose(), "tok-value");
        assert!(!object.is_empty() && SecretValue::new(String::new()).is_empty());
    }
}
