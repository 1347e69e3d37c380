//! The core's own UniFFI namespace (feature `uniffi`, scaffolding set up in the crate root): the
//! records and enums of the core carry `uniffi` derives where they are defined; this module says
//! how the values without a derive of their own cross (as their wire text).

use crate::error::OAuthErrorCode;
use crate::response::TokenType;

/// One header field of an HTTP request or response: the name as written, and the value.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpHeaderField {
    /// The header name, as written.
    pub name: String,
    /// The header value.
    pub value: String,
}

/// One header of an `HttpRequest` / `HttpResponse`: the core's `(name, value)` pair crosses as an
/// [`HttpHeaderField`] record (UniFFI has no tuples); `HttpHeader` is its name in Kotlin, Swift
/// and Python.
type HttpHeader = (String, String);

uniffi::custom_type!(HttpHeader, HttpHeaderField, {
    remote,
    lower: |header| HttpHeaderField { name: header.0, value: header.1 },
    try_lift: |field| Ok((field.name, field.value)),
});

// An RFC 6749 / RFC 8693 error code crosses as its wire text (`invalid_grant`); any other code a
// server sent is kept as sent.
uniffi::custom_type!(OAuthErrorCode, String, {
    lower: |code| code.as_str().to_owned(),
    try_lift: |text| Ok(OAuthErrorCode::parse(&text)),
});

// A `token_type` crosses as its wire text (`Bearer`, `N_A`, or the value sent).
uniffi::custom_type!(TokenType, String, {
    lower: |token_type| token_type.as_str().to_owned(),
    try_lift: |text| Ok(TokenType::parse(&text)),
});
