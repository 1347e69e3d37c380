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
    crate::convert::from_js(value.clone(), what).map_err(|shape| scope_fault(&value, key, shape))
}

/// The error of an object argument that did not read: its scope member's own error when that
/// scope is a string strict reading refuses, `shape` otherwise (one body for every type read).
fn scope_fault(value: &JsValue, key: &str, shape: JsValue) -> JsValue {
    match crate::convert::member(value, key).as_string().map(|text| scope_in(&text)) {
        Some(Err(scope)) => scope,
        _ => shape,
    }
}

/// Reads a scope argument strictly (`ScopeSet::parse`).
pub fn scope_in(text: &str) -> Result<ScopeSet, JsValue> {
    throw(ScopeSet::parse(text))
}

/// Reads an MC service argument: `"ptt"`, `"video"` or `"data"`.
pub fn service_in(value: JsValue) -> Result<McService, JsValue> {
    let name = crate::convert::string_in(value, "service")?;
    McService::parse(&name).ok_or_else(|| invalid_argument("service", "expected `ptt`, `video` or `data`"))
}

/// Reads an OAuth scope string (RFC 6749 §3.3): space-delimited values, no duplicates. Strict by
/// default; `"lenient"` also takes what some servers write (commas, repeated or surrounding
/// spaces) and lists each repair in `normalisations`.
///
/// @throws {McxConnectError} `scope_empty`, `scope_comma`, `scope_duplicate` or
/// `scope_invalid_character` for a scope strict reading refuses; `invalid_argument` for a non-string.
/// @example
/// ```js
/// import { parseScope } from "mcx-connect";
/// const info = parseScope("openid 3gpp:mc:ptt_service");
/// info.values; // => ["openid", "3gpp:mc:ptt_service"]
/// info.hasMcx; // => true
/// parseScope("openid,3gpp:mc:ptt_service", "lenient").scope; // => "openid 3gpp:mc:ptt_service"
/// ```
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

/// The scope a client asks for to use one MC service (TS 33.180 B.7.4): `openid` and that
/// service's `3gpp:mc:` values, space-delimited.
///
/// @throws {McxConnectError} `invalid_argument` unless `service` is `"ptt"`, `"video"` or `"data"`.
/// @example
/// ```js
/// import { scopeForService, parseScope } from "mcx-connect";
/// const scope = scopeForService("ptt");
/// parseScope(scope).values.includes("3gpp:mc:ptt_service"); // => true
/// ```
#[wasm_bindgen(js_name = scopeForService)]
pub fn scope_for_service(
    #[wasm_bindgen(unchecked_param_type = "McService")] service: JsValue,
) -> Result<String, JsValue> {
    Ok(ScopeSet::for_service(service_in(service)?).to_string())
}

/// The MC service a known `3gpp:mc:` scope value belongs to, or `null` for any other value.
///
/// @throws {McxConnectError} `invalid_argument` for a non-string.
/// @example
/// ```js
/// import { serviceOfScope } from "mcx-connect";
/// serviceOfScope("3gpp:mc:video_service"); // => "video"
/// serviceOfScope("openid"); // => null
/// ```
#[wasm_bindgen(js_name = serviceOfScope, unchecked_return_type = "McService | null")]
pub fn service_of_scope(#[wasm_bindgen(unchecked_param_type = "string")] value: JsValue) -> Result<JsValue, JsValue> {
    let value = &crate::convert::string_in(value, "value")?;
    Ok(match Scope::from_value(value).service() {
        Some(service) => JsValue::from_str(service.as_str()),
        None => JsValue::NULL,
    })
}

/// TS 33.180 B.7.4: a token request for an MC service must ask for at least one `3gpp:mc:` value.
/// With `acceptUnknown`, a `3gpp:mc:` value this version does not know counts too (forward
/// compatibility, the caller's choice); the bare prefix `3gpp:mc:` never does.
///
/// @throws {McxConnectError} `scope_missing_mcx` when the scope has none; `scope_unknown_mcx_only`
/// when it has only unknown ones and `acceptUnknown` is not set; the codes of `parseScope` for a
/// scope that does not read.
/// @example
/// ```js
/// import { requireMcxScope } from "mcx-connect";
/// requireMcxScope("openid 3gpp:mc:ptt_service"); // passes
/// requireMcxScope("openid 3gpp:mc:future_service", true); // passes: an unknown value accepted
/// try {
///   requireMcxScope("openid");
/// } catch (e) {
///   e.code; // => "scope_missing_mcx"
/// }
/// ```
#[wasm_bindgen(js_name = requireMcxScope)]
pub fn require_mcx_scope(
    #[wasm_bindgen(unchecked_param_type = "string")] scope: JsValue,
    #[wasm_bindgen(js_name = acceptUnknown)] accept_unknown: Option<bool>,
) -> Result<(), JsValue> {
    let scope = &crate::convert::string_in(scope, "scope")?;
    throw(scope_in(scope)?.require_mcx_with(accept_unknown.unwrap_or(false)))
}

/// TS 33.180 B.5: a refresh may narrow the granted scope, never widen it.
///
/// @throws {McxConnectError} `scope_widened` (OAuth error `invalid_scope`) when `requested` has a
/// value `granted` lacks; the codes of `parseScope` for a scope that does not read.
/// @example
/// ```js
/// import { requireScopeWithin } from "mcx-connect";
/// requireScopeWithin("openid", "openid 3gpp:mc:ptt_service"); // passes: narrower
/// try {
///   requireScopeWithin("openid 3gpp:mc:data_service", "openid 3gpp:mc:ptt_service");
/// } catch (e) {
///   e.oauthError; // => "invalid_scope"
/// }
/// ```
#[wasm_bindgen(js_name = requireScopeWithin)]
pub fn require_scope_within(
    #[wasm_bindgen(unchecked_param_type = "string")] requested: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] granted: JsValue,
) -> Result<(), JsValue> {
    let requested = &crate::convert::string_in(requested, "requested")?;
    let granted = &crate::convert::string_in(granted, "granted")?;
    throw(scope_in(requested)?.require_within(&scope_in(granted)?))
}
