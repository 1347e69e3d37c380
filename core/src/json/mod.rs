//! Reading JSON text into a Rust type with one reader per type instead of two: the core's saved
//! flows (`MigrationFlow::restore`) and the npm binding's arguments. (And, inside the crate, a
//! JSON value written as text with the one writer every other JSON text is written with.)
//!
//! serde_json reads a struct from an object or, positionally, from an array, so every type read
//! carried both readers. Every document read here is a JSON object (the saved flow as `save`
//! writes it; an argument as its TypeScript type says), and [`from_str`] asks serde_json for a map
//! wherever a type's derive asks for a struct, at every depth (the members of an object, the
//! elements of an array, an optional or newtype value, an enum's variant): the array reader is
//! never compiled in (but for a struct variant, which serde_json reads with its own
//! `deserialize_struct`). For the npm package this was 4.4 KB gzipped for the arguments' top
//! level, 1.0 KB more for their nested values, and 3.9 KB for the saved flow (tests/BENCHMARKS.md).
//! Every other request is serde_json's own, so the values read, the defaults,
//! `deny_unknown_fields` and the error messages are unchanged; an array where an object is expected
//! is refused (`invalid type: sequence, expected struct …`) instead of being read by position.

mod error;

pub use error::describe_error;
pub(crate) use error::safe_message;

use serde::de::DeserializeOwned;
use serde::de::{DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use std::fmt;

/// `serde_json::from_str`, with a struct read from a JSON object only.
///
/// ```
/// # #[derive(serde::Deserialize)]
/// # struct Limits { max_bytes: u64 }
/// let limits: Limits = mcx_connect::json::from_str(r#"{"max_bytes": 1024}"#).unwrap();
/// assert_eq!(limits.max_bytes, 1024);
/// assert!(mcx_connect::json::from_str::<Limits>("[1024]").is_err()); // serde_json alone reads this
/// ```
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    // serde_json's byte reader, the one the core reads HTTP bodies and tokens with: its parser is
    // then compiled once, not once per reader (1.0 KB of the npm package gzipped).
    let mut reader = serde_json::Deserializer::from_slice(text.as_bytes());
    let value = T::deserialize(ObjectsOnly(&mut reader))?;
    reader.end()?;
    Ok(value)
}

/// A JSON value as compact text: `value.to_string()`, without the `Display` route, which compiles
/// serde_json's writer twice more (into a `Formatter`, compact and pretty; 1.3 KB of the npm
/// package gzipped) besides the one every other JSON text is written with.
pub(crate) fn to_text(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A deserializer whose `deserialize_struct` asks for a map, and whose every nested value is read
/// through an `ObjectsOnly` again.
struct ObjectsOnly<D>(D);

/// A visitor that hands the nested values it is given to `ObjectsOnly`.
struct Nested<V>(V);

/// Each listed request goes to the inner deserializer's method of the same name, its visitor
/// wrapped in [`Nested`].
macro_rules! nested {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $name<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.0.$name($($arg,)* Nested(visitor))
        })*
    };
}

/// Each listed request goes to the inner deserializer's method of the same name, unchanged.
macro_rules! same_as_inner {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $name<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.0.$name($($arg,)* visitor)
        })*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectsOnly<D> {
    type Error = D::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Nested(visitor))
    }

    // What can hold a struct: its visitor wrapped.
    nested! {
        deserialize_option(); deserialize_newtype_struct(name: &'static str); deserialize_seq();
        deserialize_tuple(len: usize); deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map(); deserialize_enum(name: &'static str, variants: &'static [&'static str]);
    }
    // The rest unchanged (`deserialize_any` too: serde buffers what it reads, a tagged enum's
    // content, and reads a struct from that buffer, not from serde_json).
    same_as_inner! {
        deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16(); deserialize_i32();
        deserialize_i64(); deserialize_i128(); deserialize_u8(); deserialize_u16(); deserialize_u32();
        deserialize_u64(); deserialize_u128(); deserialize_f32(); deserialize_f64(); deserialize_char();
        deserialize_str(); deserialize_string(); deserialize_bytes(); deserialize_byte_buf();
        deserialize_unit(); deserialize_unit_struct(name: &'static str);
        deserialize_identifier(); deserialize_ignored_any();
    }
}

/// Each listed visit goes to the inner visitor unchanged.
macro_rules! same {
    ($($name:ident($ty:ty);)*) => {
        $(fn $name<E: serde::de::Error>(self, value: $ty) -> Result<V::Value, E> {
            self.0.$name(value)
        })*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Nested<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    same! {
        visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64); visit_i128(i128);
        visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64); visit_u128(u128); visit_f32(f32);
        visit_f64(f64); visit_char(char); visit_str(&str); visit_borrowed_str(&'de str); visit_string(String);
        visit_bytes(&[u8]); visit_borrowed_bytes(&'de [u8]); visit_byte_buf(Vec<u8>);
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, value: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(ObjectsOnly(value))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, value: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(ObjectsOnly(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(ObjectsOnly(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(ObjectsOnly(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(ObjectsOnly(data))
    }
}

/// A value read through `ObjectsOnly`.
impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nested<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(ObjectsOnly(deserializer))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for ObjectsOnly<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Nested(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for ObjectsOnly<A> {
    type Error = A::Error;

    // Keys are names: read as serde_json reads them.
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(seed)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Nested(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for ObjectsOnly<A> {
    type Error = A::Error;
    type Variant = ObjectsOnly<A::Variant>;

    // The variant's name is read as serde_json reads it; its content through `ObjectsOnly`.
    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self::Variant), A::Error> {
        self.0.variant_seed(seed).map(|(name, variant)| (name, ObjectsOnly(variant)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for ObjectsOnly<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Nested(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Nested(visitor))
    }

    // serde_json reads a struct variant with its `deserialize_struct` (object or array); the
    // array reader of such a variant is the one left in.
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Nested(visitor))
    }
}
