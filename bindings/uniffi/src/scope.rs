//! Scopes (RFC 6749 §3.3) and the MCX scope values of TS 33.180 B.7.4. `McService` and `Scope`
//! are the core's own enums.

use crate::error::Result;
use mcx_connect::{McService, Normalisation, Scope};
use std::fmt;
use std::sync::Arc;

/// The typed scope for a value.
#[uniffi::export]
pub fn scope_from_value(value: String) -> Scope {
    Scope::from_value(&value)
}

/// The wire value of a scope (e.g. `3gpp:mc:ptt_service`).
#[uniffi::export]
pub fn scope_value(scope: Scope) -> String {
    scope.as_str().to_owned()
}

/// The four `3gpp:mc:` scopes of a service.
#[uniffi::export]
pub fn mc_service_scopes(service: McService) -> Vec<Scope> {
    service.scopes().to_vec()
}

// Wrapped: its methods return the core's `ScopeError`, which crosses only as `McxConnectError`.
/// An ordered set of scope values, without duplicates. Its text form is the space-delimited
/// `scope` parameter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Object)]
#[uniffi::export(Debug, Display, Eq, Hash)]
pub struct ScopeSet(mcx_connect::ScopeSet);

impl fmt::Display for ScopeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A scope set read leniently, with the repairs made.
#[derive(Debug, Clone, uniffi::Record)]
pub struct LenientScopeSet {
    /// The scope set.
    pub scope: Arc<ScopeSet>,
    /// The repairs (commas, no-break spaces, duplicates).
    pub normalisations: Vec<Normalisation>,
}

#[uniffi::export]
impl ScopeSet {
    /// Reads a `scope` parameter strictly (RFC 6749 §3.3: single spaces, no duplicates).
    #[uniffi::constructor]
    pub fn parse(text: String) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(mcx_connect::ScopeSet::parse(&text)?)))
    }

    /// `openid` and the four `3gpp:mc:` values of a service.
    #[uniffi::constructor]
    pub fn for_service(service: McService) -> Arc<Self> {
        Arc::new(Self(mcx_connect::ScopeSet::for_service(service)))
    }

    /// A set of the given scopes, in order; repeated values are kept once.
    #[uniffi::constructor]
    pub fn of(scopes: Vec<Scope>) -> Arc<Self> {
        // A host may write a known value as `McxOther`/`Other`: read each one by its value.
        Arc::new(Self(scopes.iter().map(|scope| Scope::from_value(scope.as_str())).collect()))
    }

    /// The values, in order, as written on the wire.
    pub fn values(&self) -> Vec<String> {
        self.0.iter().map(|s| s.as_str().to_owned()).collect()
    }

    /// The values, in order, typed.
    pub fn scopes(&self) -> Vec<Scope> {
        self.0.iter().cloned().collect()
    }

    /// Whether the set holds this value.
    pub fn contains(&self, value: String) -> bool {
        self.0.contains(&mcx_connect::Scope::from_value(&value))
    }

    /// The number of values.
    pub fn len(&self) -> u32 {
        u32::try_from(self.0.len()).unwrap_or(u32::MAX)
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether one of the twelve `3gpp:mc:` values B.7.4 lists is present.
    pub fn has_mcx(&self) -> bool {
        self.0.has_mcx()
    }

    /// The `3gpp:mc:` values this version does not know (kept, in order).
    pub fn unknown_mcx(&self) -> Vec<String> {
        self.0.unknown_mcx().map(str::to_owned).collect()
    }

    /// B.7.4: fails with `scope_missing_mcx` unless one of the twelve listed `3gpp:mc:` values
    /// is present (`scope_unknown_mcx_only` when only unknown ones are).
    pub fn require_mcx(&self) -> Result<()> {
        Ok(self.0.require_mcx()?)
    }

    /// Like `require_mcx`, but an unknown `3gpp:mc:` value counts when `accept_unknown` is set.
    pub fn require_mcx_with(&self, accept_unknown: bool) -> Result<()> {
        Ok(self.0.require_mcx_with(accept_unknown)?)
    }

    /// Fails with `scope_widened` if this set asks for a value not in `granted` (B.5 refresh).
    pub fn require_within(&self, granted: Arc<ScopeSet>) -> Result<()> {
        Ok(self.0.require_within(&granted.0)?)
    }

    /// The space-delimited `scope` parameter.
    pub fn to_text(&self) -> String {
        self.0.to_string()
    }
}

/// Reads a `scope` parameter leniently (commas, no-break spaces, duplicates), reporting each
/// repair.
#[uniffi::export]
pub fn parse_scope_lenient(text: String) -> Result<LenientScopeSet> {
    let mut report = Vec::new();
    let set = mcx_connect::ScopeSet::parse_lenient(&text, &mut report)?;
    Ok(LenientScopeSet { scope: ScopeSet::wrap(set), normalisations: report })
}

impl ScopeSet {
    /// Wraps a core scope set.
    pub(crate) fn wrap(set: mcx_connect::ScopeSet) -> Arc<Self> {
        Arc::new(Self(set))
    }

    /// The core scope set.
    pub(crate) fn core(&self) -> mcx_connect::ScopeSet {
        self.0.clone()
    }
}
