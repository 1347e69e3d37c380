//! Parse options (strict or lenient, limits): the core's own `ParseOptions` and `Limits`.

use crate::convert::ts_in_or_default;
use mcx_connect::{Limits, ParseOptions};
use wasm_bindgen::JsValue;

/// Reads an optional `ParseOptions` argument (absent members take the core's defaults).
pub fn options_in(value: Option<impl Into<JsValue>>) -> Result<ParseOptions, JsValue> {
    ts_in_or_default(value, "options")
}

/// Reads an optional `Limits` argument (absent members take the core's defaults).
pub fn limits_in(value: Option<impl Into<JsValue>>) -> Result<Limits, JsValue> {
    ts_in_or_default(value, "limits")
}
