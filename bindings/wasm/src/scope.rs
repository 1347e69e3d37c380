//! Scope values (RFC 6749 §3.3) and the MCX scopes of TS 33.180 B.7.4.

use crate::convert::to_js;
use crate::error::{invalid_argument, throw};
use mcx_connect::{McService, ParseMode, Scope, ScopeSet};
use tsify::Ts;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_SCOPE: &str = r#"
/** An MC service: push to talk, video or data. */
export type McService = "ptt" | "video" | "data";

/** A scope string as read by `parseScope`. */
export interface ScopeInfo {
  /** The values written space-delimited (the normal form). */
  scope: string;
  /** The values in order. */
  values: string[];
  /** Whether one of the twelve `3gpp:mc:` values B.7.4 lists is present. */
  hasMcx: boolean;
  /** The `3gpp:mc:` values this version does not know (kept, in order). */
  unknownMcx: string[];
  /** What lenient reading repaired (empty when strict). */
  normalisations: Normalisation[];
}
"#;

/// `parseScope`'s result.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsScopeInfo {
    /// Normal form.
    pub scope: String,
    /// Values.
    pub values: Vec<String>,
    /// Has one of the twelve listed `3gpp:mc:` values.
    pub has_mcx: bool,
    /// Unknown `3gpp:mc:` values.
    pub unknown_mcx: Vec<String>,
    /// Repairs.
    pub normalisations: Vec<mcx_connect::Normalisation>,
}

/// Checks the scope member `key` of an object argument before the object is read, so that a bad
/// scope throws its own code (`scope_comma`, …) rather than `invalid_argument`.
pub fn check_scope_member(object: &JsValue, key: &str) -> Result<(), JsValue> {
    match crate::convert::member(object, key).as_string() {
        Some(text) => scope_in(&text).map(drop),
        None => Ok(()),
    }
}

/// Reads a scope argument strictly (`ScopeSet::parse`).
pub fn scope_in(text: &str) -> Result<ScopeSet, JsValue> {
    throw(ScopeSet::parse(text))
}

fn service_in(name: &str) -> Result<McService, JsValue> {
    McService::parse(name).ok_or_else(|| invalid_argument("service", "expected `ptt`, `video` or `data`"))
}

/// Reads a scope string: strict (`ScopeSet::parse`, the default) or lenient
/// (`ScopeSet::parse_lenient`, which reports each repair).
#[wasm_bindgen(js_name = parseScope, unchecked_return_type = "ScopeInfo")]
pub fn parse_scope(
    #[wasm_bindgen(unchecked_param_type = "string")] scope: JsValue,
    mode: Option<Ts<ParseMode>>,
) -> Result<JsValue, JsValue> {
    let scope = &crate::convert::string_in(scope, "scope")?;
    let mode: ParseMode = crate::convert::ts_in_or_default(mode, "mode")?;
    let mut report = Vec::new();
    let set = throw(match mode {
        ParseMode::Lenient => ScopeSet::parse_lenient(scope, &mut report),
        _ => ScopeSet::parse(scope),
    })?;
    to_js(&JsScopeInfo {
        scope: set.to_string(),
        values: set.iter().map(|s| s.as_str().to_owned()).collect(),
        has_mcx: set.has_mcx(),
        unknown_mcx: set.unknown_mcx().map(str::to_owned).collect(),
        normalisations: report,
    })
}

/// `openid` plus the four B.7.4 scopes of a service (`ScopeSet::for_service`), space-delimited.
#[wasm_bindgen(js_name = scopeForService)]
pub fn scope_for_service(
    #[wasm_bindgen(unchecked_param_type = "McService")] service: JsValue,
) -> Result<String, JsValue> {
    let service = &crate::convert::string_in(service, "service")?;
    Ok(ScopeSet::for_service(service_in(service)?).to_string())
}

/// The service a known `3gpp:mc:` value belongs to (`Scope::service`), or `null`.
#[wasm_bindgen(js_name = serviceOfScope, unchecked_return_type = "McService | null")]
pub fn service_of_scope(#[wasm_bindgen(unchecked_param_type = "string")] value: JsValue) -> Result<JsValue, JsValue> {
    let value = &crate::convert::string_in(value, "value")?;
    Ok(match Scope::from_value(value).service() {
        Some(service) => JsValue::from_str(service.as_str()),
        None => JsValue::NULL,
    })
}

/// B.7.4: throws `scope_missing_mcx` unless the scope has a `3gpp:mc:` value (`ScopeSet::require_mcx`).
#[wasm_bindgen(js_name = requireMcxScope)]
pub fn require_mcx_scope(#[wasm_bindgen(unchecked_param_type = "string")] scope: JsValue) -> Result<(), JsValue> {
    let scope = &crate::convert::string_in(scope, "scope")?;
    throw(scope_in(scope)?.require_mcx())
}

/// B.5: throws `scope_widened` if `requested` asks for a value `granted` lacks (`ScopeSet::require_within`).
#[wasm_bindgen(js_name = requireScopeWithin)]
pub fn require_scope_within(
    #[wasm_bindgen(unchecked_param_type = "string")] requested: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] granted: JsValue,
) -> Result<(), JsValue> {
    let requested = &crate::convert::string_in(requested, "requested")?;
    let granted = &crate::convert::string_in(granted, "granted")?;
    throw(scope_in(requested)?.require_within(&scope_in(granted)?))
}
