//! Scope values (RFC 6749 §3.3) and the MCX scopes of TS 33.180 B.7.4.

use crate::convert::ts_out;
use crate::error::{invalid_argument, throw};
use mcx_connect::{McService, ParseMode, Scope, ScopeSet};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// A scope string as `parseScope` read it: a binding view of the core's `ScopeSet` (a set with
/// methods, not a plain value).
#[derive(Debug, Clone, serde::Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ScopeInfo {
    /// The values written space-delimited (the normal form).
    pub scope: String,
    /// The values in order.
    pub values: Vec<String>,
    /// Whether one of the twelve `3gpp:mc:` values B.7.4 lists is present.
    pub has_mcx: bool,
    /// The `3gpp:mc:` values this version does not know (kept, in order).
    pub unknown_mcx: Vec<String>,
    /// What lenient reading repaired (empty when strict).
    pub normalisations: Vec<mcx_connect::Normalisation>,
}

/// Reads an object argument that has a scope member `key` (a core type whose scope is a
/// `ScopeSet`). When the object does not read and the fault is its scope, the scope's own code
/// (`scope_comma`, …) is thrown rather than `invalid_argument`.
pub fn from_js_with_scope<T: serde::de::DeserializeOwned>(value: JsValue, what: &str, key: &str) -> Result<T, JsValue> {
    crate::convert::from_js(value.clone(), what).map_err(|shape| {
        match crate::convert::member(&value, key).as_string().map(|text| scope_in(&text)) {
            Some(Err(scope)) => scope,
            _ => shape,
        }
    })
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
#[wasm_bindgen(js_name = parseScope)]
pub fn parse_scope(
    #[wasm_bindgen(unchecked_param_type = "string")] scope: JsValue,
    mode: Option<Ts<ParseMode>>,
) -> Result<Ts<ScopeInfo>, JsValue> {
    let scope = &crate::convert::string_in(scope, "scope")?;
    let mode: ParseMode = crate::convert::ts_in_or_default(mode, "mode")?;
    let mut report = Vec::new();
    let set = throw(match mode {
        ParseMode::Lenient => ScopeSet::parse_lenient(scope, &mut report),
        _ => ScopeSet::parse(scope),
    })?;
    ts_out(&ScopeInfo {
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
