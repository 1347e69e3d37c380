//! Reading the JSON text of an argument (`convert::from_js`) into its Rust type, with one reader
//! per type instead of two.
//!
//! serde_json reads a struct from an object or, positionally, from an array, so every type the
//! package reads carried both readers. An argument is a JavaScript object (its TypeScript type says
//! so), and [`from_str`] asks serde_json for a map wherever the type's derive asks for a struct:
//! the array reader is never compiled in. The package is 4.4 KB smaller gzipped (17 KB raw;
//! tests/BENCHMARKS.md). Every other request is serde_json's own, so the values read, the
//! defaults, `deny_unknown_fields` and the error messages are unchanged; an array where an object
//! is expected is refused (`invalid type: sequence, expected struct …`) instead of being read by
//! position.

use serde::de::{DeserializeOwned, Visitor};
use serde::Deserializer;

/// `serde_json::from_str`, with a struct read from a JSON object only.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(ObjectsOnly(&mut reader))?;
    reader.end()?;
    Ok(value)
}

/// serde_json's deserializer for the argument's top level, with `deserialize_struct` asking for a map.
struct ObjectsOnly<'a, 'de>(&'a mut serde_json::Deserializer<serde_json::de::StrRead<'de>>);

/// Each listed request goes to serde_json's method of the same name, unchanged.
macro_rules! same_as_serde_json {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $name<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, serde_json::Error> {
            self.0.$name($($arg,)* visitor)
        })*
    };
}

impl<'de> Deserializer<'de> for ObjectsOnly<'_, 'de> {
    type Error = serde_json::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        self.0.deserialize_map(visitor)
    }

    same_as_serde_json! {
        deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16(); deserialize_i32();
        deserialize_i64(); deserialize_i128(); deserialize_u8(); deserialize_u16(); deserialize_u32();
        deserialize_u64(); deserialize_u128(); deserialize_f32(); deserialize_f64(); deserialize_char();
        deserialize_str(); deserialize_string(); deserialize_bytes(); deserialize_byte_buf();
        deserialize_option(); deserialize_unit(); deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str); deserialize_seq(); deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize); deserialize_map();
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier(); deserialize_ignored_any();
    }
}
