//! Moving values between JavaScript and Rust.
//!
//! A core type that derives `tsify::Tsify` crosses as [`Ts<T>`], which names its TypeScript
//! declaration in the `.d.ts`; a value of the wrong shape throws `invalid_argument` (a
//! `McxConnectError`), never a bare string.
//!
//! Values cross as JSON, one boundary crossing each way instead of one per member: inputs through
//! the engine's `JSON.stringify` and serde_json, outputs through serde_json and `JSON.parse`
//! (absent output members are `null`). Measured against serde-wasm-bindgen, the serializer of
//! tsify's own `into_js`/`from_js` (one crossing per member): request building took 11–19 µs
//! instead of 8–10 µs and the package was 2.6 KB larger gzipped, so the derives give the types and
//! their declarations and JSON carries the values. Byte buffers do not go through JSON:
//! [`bytes_in`] reads a `Uint8Array` (or a string, as UTF-8) and [`with_bytes`] writes one. The
//! two requests of a migration are built on a faster path of their own (`request`), which reads
//! the general way here any request it does not take.
//!
//! The JSON text of every argument read and every result written may hold tokens and secrets: the
//! heap overwrites it when it is freed (`HEAP` in the crate root), as it does every other block.

use crate::error::invalid_argument;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::{JsCast, JsValue};

/// Reads a JavaScript value into `T`; a wrong shape is an `invalid_argument` error naming `what`.
pub fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    let text = json_text(&value, what)?;
    mcx_connect::json::from_str(&text).map_err(|e| shape_error(what, &text, &e))
}

/// Reads a JavaScript value into a JSON document type that holds no struct
/// (`serde_json::Value`, `Map`), with serde_json's own reader: the one the core reads such
/// documents with, so the package carries it once (`from_js` would compile a second).
pub fn document_from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    let text = json_text(&value, what)?;
    serde_json::from_slice(text.as_bytes()).map_err(|e| shape_error(what, &text, &e))
}

/// Overwrites bytes that may hold a secret and that the heap does not wipe (`HEAP` in the crate
/// root wipes what is freed): a buffer on the stack, such as the fast path's. Not `zeroize`, which the core's
/// `Secret` uses: its volatile byte-by-byte writes measured 0.77–0.80 of oauth4webapi on the
/// jwt-bearer build (seven runs; an eighth, 0.52, at start-up) against 0.78–0.83 with this fill
/// (`bench.mjs`, eight runs).
pub(crate) fn wipe(bytes: &mut [u8]) {
    bytes.fill(0);
    std::hint::black_box(bytes);
}

/// The `invalid_argument` error for a value serde_json could not read (one function, not one
/// per type read): named by the member it stopped at (`options.jwks.keys[0].kty`), without the
/// position in the `JSON.stringify` text the caller never saw, in JSON's words (the core's
/// `json::describe_error`).
#[inline(never)]
fn shape_error(what: &str, text: &str, error: &serde_json::Error) -> JsValue {
    let (path, message) = mcx_connect::json::describe_error(text, error);
    let member = match path.as_str() {
        "" => what.to_owned(),
        _ if path.starts_with('[') => format!("{what}{path}"),
        _ => format!("{what}.{path}"),
    };
    invalid_argument(&member, &message)
}

/// `JSON.stringify(value)`.
fn json_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| invalid_argument(what, "expected a JSON-compatible value"))
}

/// Reads an optional argument: `undefined` and `null` give `T::default()`.
pub fn from_js_or_default<T: DeserializeOwned + Default>(value: Option<JsValue>, what: &str) -> Result<T, JsValue> {
    match value {
        Some(value) if !value.is_undefined() && !value.is_null() => from_js(value, what),
        _ => Ok(T::default()),
    }
}

/// Writes `value` as a plain JavaScript value (`None` as `null`).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    parse_json(serde_json::to_string(value))
}

/// `JSON.parse` of what serde_json wrote (one function, not one per type written).
#[inline(never)]
fn parse_json(text: Result<String, serde_json::Error>) -> Result<JsValue, JsValue> {
    let text = text.map_err(|e| invalid_argument("result", &e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| invalid_argument("result", "not JSON"))
}

/// A secret as a JavaScript string, copied straight from the `Secret`: no Rust `String` is made.
pub fn secret_out(secret: &mcx_connect::Secret) -> JsValue {
    JsValue::from_str(secret.expose())
}

/// Sets `object[key]` to a new `Uint8Array` holding `bytes`.
pub fn with_bytes(object: JsValue, key: &str, bytes: &[u8]) -> Result<JsValue, JsValue> {
    js_sys::Reflect::set(&object, &JsValue::from_str(key), &js_sys::Uint8Array::from(bytes))
        .map_err(|_| invalid_argument("result", "cannot set a member"))?;
    Ok(object)
}

/// A shallow copy of the object `value` in which each absent member of `defaults` has its default
/// (members a reply's type always has but a caller writing one may leave out); other values as given.
pub fn with_defaults(value: &JsValue, defaults: &[(&str, JsValue)]) -> JsValue {
    let Some(object) = value.dyn_ref::<js_sys::Object>() else {
        return value.clone();
    };
    let copy = js_sys::Object::assign(&js_sys::Object::new(), object);
    for (key, default) in defaults {
        let key = JsValue::from_str(key);
        if js_sys::Reflect::get(&copy, &key).map_or(true, |member| member.is_undefined()) {
            // Setting a member of a fresh plain object cannot fail.
            let _ = js_sys::Reflect::set(&copy, &key, default);
        }
    }
    copy.into()
}

/// Reads a core value given as its TypeScript type.
pub fn ts_in<T: Tsify + DeserializeOwned>(value: Ts<T>, what: &str) -> Result<T, JsValue> {
    from_js(value.js_value(), what)
}

/// Reads an optional core value: `undefined` and `null` give `T::default()`.
pub fn ts_in_or_default<T: Tsify + DeserializeOwned + Default>(
    value: Option<impl Into<JsValue>>,
    what: &str,
) -> Result<T, JsValue> {
    from_js_or_default(value.map(Into::into), what)
}

/// Writes a core value as its TypeScript type.
pub fn ts_out<T: Tsify + Serialize>(value: &T) -> Result<Ts<T>, JsValue> {
    to_js(value).map(Ts::new_unchecked)
}

/// Reads a byte buffer member: a `Uint8Array`, or a string taken as UTF-8; absent is empty.
pub fn bytes_in(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if let Some(text) = value.as_string() {
        return Ok(text.into_bytes());
    }
    match value.dyn_ref::<js_sys::Uint8Array>() {
        Some(bytes) => Ok(bytes.to_vec()),
        None => Err(invalid_argument(what, "expected a Uint8Array or a string")),
    }
}

/// Refuses an own member of the object `object` that is not in `known`, with an `invalid_argument`
/// error naming it (`check.Nonce`): an object read member by member would otherwise pass a
/// misspelt member over, and a misspelt `nonce` would turn its check off. As the objects read
/// through serde (`JSON.stringify` leaves out an `undefined` member), an unknown member whose value
/// is `undefined` is no member. Not an object: nothing to refuse (its members are then each
/// absent, and named so when required).
pub fn only_members(object: &JsValue, known: &[&str], what: &str) -> Result<(), JsValue> {
    let Some(object) = object.dyn_ref::<js_sys::Object>() else {
        return Ok(());
    };
    let unknown = |key: JsValue| {
        let name = key.as_string()?;
        (!known.contains(&name.as_str()) && !member(object, &name).is_undefined()).then_some(name)
    };
    match js_sys::Object::keys(object).iter().find_map(unknown) {
        Some(unknown) => {
            Err(invalid_argument(&format!("{what}.{unknown}"), &format!("not a member; expected {}", known.join(", "))))
        }
        None => Ok(()),
    }
}

/// Reads `object[key]` (`undefined` when `object` is not an object).
pub fn member(object: &JsValue, key: &str) -> JsValue {
    if !object.is_object() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads whole seconds (a time since the epoch, or a duration) given as a JavaScript number; anything
/// else is an `invalid_argument` error naming `what`.
pub fn seconds_in(value: &JsValue, what: &str) -> Result<u64, JsValue> {
    match value.as_f64() {
        // 2^53: every integer below is exact in a JavaScript number.
        Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n < 9_007_199_254_740_992.0 =>
        {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(n as u64)
        }
        _ => Err(invalid_argument(what, "expected whole seconds (a non-negative integer number)")),
    }
}

/// Reads an optional string argument: `undefined` or `null` is none, anything else must be a
/// string ([`string_in`]).
pub fn optional_string_in(value: JsValue, what: &str) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        string_in(value, what).map(Some)
    }
}

/// Reads a string argument. wasm-bindgen's own `&str` parameters trust the caller to pass a
/// string (a number there corrupts memory), so every exported function takes strings as
/// `JsValue` and checks them here; anything else is an `invalid_argument` error naming `what`.
pub fn string_in(value: JsValue, what: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| invalid_argument(what, "expected a string"))
}
