//! Secrets (tokens, assertions, client secrets, codes, verifiers) cross the boundary as an
//! object whose text form is `[redacted]`, so that a logged record never shows one.

use std::fmt;
use std::sync::Arc;

/// A secret value; `toString()` / `description` / `str()` print `[redacted]`, `expose()` gives
/// the value.
#[derive(Clone, PartialEq, Eq, Hash, uniffi::Object)]
#[uniffi::export(Debug, Display, Eq, Hash)]
pub struct Secret(mcx_connect::Secret);

#[uniffi::export]
impl Secret {
    /// Wraps a secret value.
    #[uniffi::constructor]
    pub fn new(value: String) -> Arc<Self> {
        Arc::new(Self(mcx_connect::Secret::new(value)))
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

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Secret {
    /// Wraps a core secret.
    pub(crate) fn wrap(secret: mcx_connect::Secret) -> Arc<Self> {
        Arc::new(Self(secret))
    }

    /// The core secret.
    pub(crate) fn core(&self) -> mcx_connect::Secret {
        self.0.clone()
    }
}

/// An optional core secret as an optional binding secret.
pub(crate) fn wrap_opt(secret: Option<&mcx_connect::Secret>) -> Option<Arc<Secret>> {
    secret.cloned().map(Secret::wrap)
}
