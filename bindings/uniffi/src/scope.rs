//! Scopes (RFC 6749 §3.3) and the MCX scope values of TS 33.180 B.7.4. `McService`, `Scope` and
//! `ScopeSet` are the core's own (a `ScopeSet` crosses as the core's object).

use crate::error::Result;
use mcx_connect::{McService, Normalisation, Scope, ScopeSet};

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

// A binding record: the core's `ScopeSet::parse_lenient` reports its repairs into a `&mut Vec`.
/// A scope set read leniently, with the repairs made.
#[derive(Debug, Clone, uniffi::Record)]
pub struct LenientScopeSet {
    /// The scope set.
    pub scope: ScopeSet,
    /// The repairs (commas, no-break spaces, duplicates).
    pub normalisations: Vec<Normalisation>,
}

/// Reads a `scope` parameter leniently (commas, no-break spaces, duplicates), reporting each
/// repair.
#[uniffi::export]
pub fn parse_scope_lenient(text: String) -> Result<LenientScopeSet> {
    let mut normalisations = Vec::new();
    let scope = ScopeSet::parse_lenient(&text, &mut normalisations)?;
    Ok(LenientScopeSet { scope, normalisations })
}
