//! The usual parse options and limits. `ParseMode`, `Limits`, `ParseOptions` and `Normalisation`
//! are the core's own records and enums (feature `uniffi`).

use mcx_connect::{Limits, ParseOptions};

/// The default limits (64 KiB body, 32 parameters, 16 KiB token).
#[uniffi::export]
pub fn default_limits() -> Limits {
    Limits::default()
}

/// Strict reading with default limits and an https-only `resource` policy.
#[uniffi::export]
pub fn strict_parse_options() -> ParseOptions {
    ParseOptions::strict()
}

/// Lenient reading with default limits and an https-only `resource` policy.
#[uniffi::export]
pub fn lenient_parse_options() -> ParseOptions {
    ParseOptions::lenient()
}
