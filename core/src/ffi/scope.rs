//! A [`ScopeSet`] crosses as an object whose `parse` and `require_*` throw the one
//! [`McxConnectError`], so that the core's records holding a scope set cross by their own derives.

use super::McxConnectError;
use crate::{McService, Scope, ScopeSet};
use std::sync::Arc;

/// An ordered set of scope values, without duplicates. Its text form is the space-delimited
/// `scope` parameter. A field or argument typed `ScopeSet` crosses as this object, which Kotlin,
/// Swift and Python also name `ScopeSet`.
#[derive(Clone, PartialEq, Eq, Hash, uniffi::Object)]
#[uniffi::export(Debug, Display, Eq, Hash)]
pub struct ScopeSetValue(ScopeSet);

#[uniffi::export]
impl ScopeSetValue {
    /// Reads a `scope` parameter strictly (RFC 6749 §3.3: single spaces, no duplicates).
    #[uniffi::constructor]
    pub fn parse(text: String) -> Result<Arc<Self>, McxConnectError> {
        Ok(Arc::new(Self(ScopeSet::parse(&text)?)))
    }

    /// `openid` and the four `3gpp:mc:` values of a service.
    #[uniffi::constructor]
    pub fn for_service(service: McService) -> Arc<Self> {
        Arc::new(Self(ScopeSet::for_service(service)))
    }

    /// A set of the given scopes, in order; repeated values are kept once.
    #[uniffi::constructor]
    pub fn of(scopes: Vec<Scope>) -> Arc<Self> {
        // A host may write a known value as `McxOther`/`Other`: read each one by its value.
        Arc::new(Self(scopes.iter().map(|scope| Scope::from_value(scope.as_str())).collect()))
    }

    /// The values, in order, as written on the wire.
    pub fn values(&self) -> Vec<String> {
        self.0.iter().map(|scope| scope.as_str().to_owned()).collect()
    }

    /// The values, in order, typed.
    pub fn scopes(&self) -> Vec<Scope> {
        self.0.iter().cloned().collect()
    }

    /// Whether the set holds this value.
    pub fn contains(&self, value: String) -> bool {
        self.0.contains(&Scope::from_value(&value))
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
    pub fn require_mcx(&self) -> Result<(), McxConnectError> {
        Ok(self.0.require_mcx()?)
    }

    /// Like `require_mcx`, but an unknown `3gpp:mc:` value counts when `accept_unknown` is set.
    pub fn require_mcx_with(&self, accept_unknown: bool) -> Result<(), McxConnectError> {
        Ok(self.0.require_mcx_with(accept_unknown)?)
    }

    /// Fails with `scope_widened` if this set asks for a value not in `granted` (B.5 refresh).
    pub fn require_within(&self, granted: ScopeSet) -> Result<(), McxConnectError> {
        Ok(self.0.require_within(&granted)?)
    }

    /// The space-delimited `scope` parameter.
    pub fn to_text(&self) -> String {
        self.0.to_string()
    }
}

crosses_as_object!(ScopeSet, ScopeSetValue);

#[cfg(test)]
mod tests {
    use super::*;
    use uniffi::{Lift, Lower};

    #[test]
    fn rfc6749_3_3_a_scope_set_crosses_as_an_object_and_its_faults_as_the_one_error() {
        let set = ScopeSet::parse("openid 3gpp:mc:ptt_service").unwrap_or_default();
        let lowered = <ScopeSet as Lower<crate::UniFfiTag>>::lower(set.clone());
        assert_eq!(<ScopeSet as Lift<crate::UniFfiTag>>::try_lift(lowered).ok(), Some(set));
        let comma = ScopeSetValue::parse("openid,3gpp:mc:ptt_service".into()).err();
        assert_eq!(comma.as_ref().map(McxConnectError::code), Some("scope_comma"));
        let object = ScopeSetValue::for_service(McService::Ptt);
        assert_eq!(object.to_string(), object.to_text());
        assert!(object.has_mcx() && object.require_mcx().is_ok() && object.len() == 5);
        let widened = ScopeSetValue::of(vec![Scope::OpenId, Scope::McxOther("3gpp:mc:x".into())])
            .require_within(ScopeSet::for_service(McService::Ptt))
            .err();
        assert_eq!(widened.as_ref().map(McxConnectError::code), Some("scope_widened"));
    }
}
