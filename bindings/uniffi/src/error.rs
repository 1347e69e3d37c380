//! The one error of the bindings, `McxConnectError`, is the core's (its namespace, so that the
//! core's `ScopeSet` object and this crate's calls throw the same type).

pub use mcx_connect::McxConnectError;

/// The result type of every fallible exported call.
pub(crate) type Result<T> = std::result::Result<T, McxConnectError>;
