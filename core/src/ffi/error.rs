//! The one error of the bindings: `McxConnectException` subclasses in Kotlin, the
//! `McxConnectError` enum (an `Error`) in Swift, `McxConnectError.*` exceptions in Python. It is
//! the core's namespace's, so that the core's objects (`ScopeSet`) and the binding crate's
//! functions throw the same type (an external error there, which UniFFI 0.30+ supports in
//! Kotlin too).

use crate::error::{Error, Rejection};

/// Any failure of the library, one variant per concept of the core's error model.
///
/// Every variant carries the stable `code` (the table in the core's `error` module: the same
/// string in every language), a human `description` that never quotes a secret (named so
/// because Kotlin exceptions already have a `message`), and `oauth_error`:
/// the RFC 6749 / RFC 8693 code a server answers with for this cause, or the server's own code
/// for `ErrorResponse`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum McxConnectError {
    /// An endpoint URL is not acceptable (`endpoint_*`).
    #[error("{description}")]
    Endpoint {
        /// The stable code.
        code: String,
        /// The description.
        description: String,
        /// The RFC error code, if any.
        oauth_error: Option<String>,
    },
    /// A scope string is not acceptable (`scope_*`).
    #[error("{description}")]
    Scope {
        /// The stable code.
        code: String,
        /// The description.
        description: String,
        /// The RFC error code, if any.
        oauth_error: Option<String>,
    },
    /// A request could not be built or read.
    #[error("{description}")]
    Request {
        /// The stable code.
        code: String,
        /// The description.
        description: String,
        /// The RFC error code, if any.
        oauth_error: Option<String>,
    },
    /// A response could not be read.
    #[error("{description}")]
    Response {
        /// The stable code.
        code: String,
        /// The description.
        description: String,
        /// The RFC error code, if any.
        oauth_error: Option<String>,
    },
    /// The server answered with an RFC 6749 §5.2 error response (`error_response`); `oauth_error`
    /// is the server's code.
    #[error("{description}")]
    ErrorResponse {
        /// The stable code (`error_response`).
        code: String,
        /// The description.
        description: String,
        /// The server's RFC error code.
        oauth_error: Option<String>,
    },
    /// A login step (B.4, B.5) failed (`login_*`).
    #[error("{description}")]
    Login {
        /// The stable code.
        code: String,
        /// The description.
        description: String,
        /// The RFC error code, if any.
        oauth_error: Option<String>,
    },
    /// The migration flow cannot take this step (`flow_*`).
    #[error("{description}")]
    Flow {
        /// The stable code.
        code: String,
        /// The description.
        description: String,
        /// The RFC error code, if any.
        oauth_error: Option<String>,
    },
    /// A TS 24.484 document cannot be read, or a look-up in it failed (`profile_*`).
    #[error("{description}")]
    Profile {
        /// The stable code.
        code: String,
        /// The description.
        description: String,
        /// The RFC error code, if any.
        oauth_error: Option<String>,
    },
    /// A token cannot be verified, or its claims break a rule (`token_*`).
    #[error("{description}")]
    Token {
        /// The stable code.
        code: String,
        /// The description.
        description: String,
        /// The RFC error code, if any.
        oauth_error: Option<String>,
    },
    /// A server-role refusal: `code` is the precise cause, `oauth_error` the RFC error to send
    /// and `status` the HTTP status of the error response (write it with `write_error_response`
    /// of `ErrorResponse(oauth_error, description)`).
    #[error("{description}")]
    Rejected {
        /// The stable code of the cause.
        code: String,
        /// The description of the cause.
        description: String,
        /// The RFC error code of the refusal.
        oauth_error: Option<String>,
        /// The HTTP status of the error response.
        status: u16,
    },
    /// Reserved for a concept the error model may gain later (the core produces none today): a
    /// `when` / `switch` that handles it stays valid then; the code is exact.
    #[error("{description}")]
    Other {
        /// The stable code.
        code: String,
        /// The description.
        description: String,
        /// The RFC error code, if any.
        oauth_error: Option<String>,
    },
}

impl McxConnectError {
    /// The stable code of any variant.
    ///
    /// ```
    /// # #[cfg(feature = "uniffi")] {
    /// let error = mcx_connect::McxConnectError::from(mcx_connect::ScopeSet::parse("a,b").unwrap_err());
    /// assert_eq!(error.code(), "scope_comma");
    /// # }
    /// ```
    pub fn code(&self) -> &str {
        match self {
            McxConnectError::Endpoint { code, .. }
            | McxConnectError::Scope { code, .. }
            | McxConnectError::Request { code, .. }
            | McxConnectError::Response { code, .. }
            | McxConnectError::ErrorResponse { code, .. }
            | McxConnectError::Login { code, .. }
            | McxConnectError::Flow { code, .. }
            | McxConnectError::Profile { code, .. }
            | McxConnectError::Token { code, .. }
            | McxConnectError::Rejected { code, .. }
            | McxConnectError::Other { code, .. } => code,
        }
    }
}

impl From<Error> for McxConnectError {
    fn from(error: Error) -> Self {
        let code = error.code().to_owned();
        let oauth_error = error.oauth_error().map(|c| c.as_str().to_owned());
        let description = error.to_string();
        match error {
            Error::Endpoint(_) => McxConnectError::Endpoint { code, description, oauth_error },
            Error::Scope(_) => McxConnectError::Scope { code, description, oauth_error },
            Error::Request(_) => McxConnectError::Request { code, description, oauth_error },
            Error::Response(_) => McxConnectError::Response { code, description, oauth_error },
            Error::ErrorResponse(_) => McxConnectError::ErrorResponse { code, description, oauth_error },
            Error::Login(_) => McxConnectError::Login { code, description, oauth_error },
            Error::Flow(_) => McxConnectError::Flow { code, description, oauth_error },
            Error::Profile(_) => McxConnectError::Profile { code, description, oauth_error },
            Error::Token(_) => McxConnectError::Token { code, description, oauth_error },
            Error::Rejected(rejection) => (*rejection).into(),
        }
    }
}

impl From<Rejection> for McxConnectError {
    fn from(rejection: Rejection) -> Self {
        McxConnectError::Rejected {
            code: rejection.code().to_owned(),
            description: rejection.cause.to_string(),
            oauth_error: Some(rejection.error.as_str().to_owned()),
            status: rejection.error.http_status(),
        }
    }
}

macro_rules! from_leaf {
    ($($leaf:ty),*) => {$(
        impl From<$leaf> for McxConnectError {
            fn from(error: $leaf) -> Self {
                Error::from(error).into()
            }
        }
    )*};
}
from_leaf!(
    crate::EndpointError,
    crate::ScopeError,
    crate::RequestError,
    crate::error::LoginError,
    crate::ProfileError,
    crate::token::TokenError
);
