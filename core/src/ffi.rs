//! The core's own UniFFI namespace (feature `uniffi`, scaffolding set up in the crate root): the
//! records and enums of the core carry `uniffi` derives where they are defined; this module says
//! how the values without a derive of their own cross (as their wire text).

use crate::error::OAuthErrorCode;
use crate::response::TokenType;

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
