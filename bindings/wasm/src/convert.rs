//! Moving values between JavaScript and Rust with serde-wasm-bindgen.
//!
//! Outputs are written JSON-compatible: absent members are `null`, maps are plain objects,
//! byte buffers are `Uint8Array`.

use crate::error::invalid_argument;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Reads a JavaScript value into `T`; a wrong shape is an `invalid_argument` error naming `what`.
pub fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| invalid_argument(what, &e.to_string()))
}

/// Reads an optional argument: `undefined` and `null` give `T::default()`.
pub fn from_js_or_default<T: DeserializeOwned + Default>(value: Option<JsValue>, what: &str) -> Result<T, JsValue> {
    match value {
        Some(value) if !value.is_undefined() && !value.is_null() => from_js(value, what),
        _ => Ok(T::default()),
    }
}

/// Writes `value` as a plain JavaScript value.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false))
        .map_err(|e| invalid_argument("result", &e.to_string()))
}

/// Bytes that JavaScript gives as a `Uint8Array` (or an array of numbers, or a string, taken
/// as UTF-8) and receives as a `Uint8Array`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bytes(pub Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

struct BytesVisitor;

impl<'de> serde::de::Visitor<'de> for BytesVisitor {
    type Value = Bytes;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a Uint8Array or a string")
    }

    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
        Ok(Bytes(v.to_vec()))
    }

    fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
        Ok(Bytes(v))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Bytes, E> {
        Ok(Bytes(v.as_bytes().to_vec()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Bytes, E> {
        Ok(Bytes(v.into_bytes()))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Bytes, A::Error> {
        let mut out = Vec::new();
        while let Some(byte) = seq.next_element::<u8>()? {
            out.push(byte);
        }
        Ok(Bytes(out))
    }
}

impl<'de> serde::Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BytesVisitor)
    }
}

/// Reads a string argument. wasm-bindgen's own `&str` parameters trust the caller to pass a
/// string (a number there corrupts memory), so every exported function takes strings as
/// `JsValue` and checks them here; anything else is an `invalid_argument` error naming `what`.
pub fn string_in(value: JsValue, what: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| crate::error::invalid_argument(what, "expected a string"))
}
