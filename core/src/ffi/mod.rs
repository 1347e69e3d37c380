//! The core's own UniFFI namespace (feature `uniffi`, scaffolding set up in the crate root): the
//! records and enums of the core carry `uniffi` derives where they are defined; this module says
//! how the values without a derive of their own cross (as their wire text), holds the objects a
//! `Secret` and a `ScopeSet` cross as, and the one error every exported call throws.

/// The object a core value without a record form crosses as (`Secret`, `ScopeSet`): a newtype
/// that prints as the value it holds (the core type's name is the one the generated code uses),
/// with the custom type that carries the value across as that object.
macro_rules! crosses_as_object {
    ($value:ident, $object:ident) => {
        impl std::fmt::Debug for $object {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&self.0, f)
            }
        }

        impl std::fmt::Display for $object {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.0, f)
            }
        }

        uniffi::custom_type!($value, std::sync::Arc<$object>, {
            lower: |value| std::sync::Arc::new($object(value)),
            try_lift: |object| Ok(object.0.clone()),
        });
    };
}

mod error;
mod scope;
mod secret;

pub use error::McxConnectError;

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

/// A JSON object (the members of a JOSE header or of a token's claims without a field of their
/// own) crosses as its JSON text: UniFFI has no JSON value type.
type JsonObject = serde_json::Map<String, serde_json::Value>;

uniffi::custom_type!(JsonObject, String, {
    remote,
    lower: |object| serde_json::Value::Object(object).to_string(),
    try_lift: |text| Ok(serde_json::from_str(&text)?),
});

/// An HS256 shared secret crosses as bytes; the core's copy is wiped when dropped.
type SharedSecret = crate::token::SharedSecret;

uniffi::custom_type!(SharedSecret, Vec<u8>, {
    remote,
    lower: |secret| secret.to_vec(),
    try_lift: |bytes| Ok(zeroize::Zeroizing::new(bytes)),
});

/// One of the core's fixed texts (a security-token rule's id and clause, an error code) crosses
/// as a string; read back, it must be one of them.
type StaticText = &'static str;

uniffi::custom_type!(StaticText, String, {
    remote,
    lower: |text| text.to_owned(),
    try_lift: |text| {
        let rules = crate::token::SECURITY_TOKEN_RULES.iter().flat_map(|&(id, clause)| [id, clause]);
        let codes = crate::error::ERROR_CODES.iter().map(|entry| entry.code);
        rules.chain(codes).find(|known| *known == text).ok_or_else(|| uniffi::deps::anyhow::anyhow!("not one of the core's texts"))
    },
});
