//! What the `wasm` feature adds for the npm binding: serde forms of the few members whose
//! JavaScript shape is not the derive's default. The types themselves carry
//! `#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]` where they are declared.

/// A byte buffer as a `Uint8Array` (serde's bytes), read from a `Uint8Array`, an `ArrayBuffer`, an
/// array of numbers or a string (taken as UTF-8).
pub(crate) mod bytes {
    use serde::de::{Error, SeqAccess, Visitor};
    use serde::{Deserializer, Serializer};
    use std::fmt;

    pub(crate) fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(bytes)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        deserializer.deserialize_any(BytesVisitor)
    }

    struct BytesVisitor;

    impl<'de> Visitor<'de> for BytesVisitor {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a Uint8Array or a string")
        }

        fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Vec<u8>, E> {
            Ok(bytes.to_vec())
        }

        fn visit_byte_buf<E: Error>(self, bytes: Vec<u8>) -> Result<Vec<u8>, E> {
            Ok(bytes)
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<Vec<u8>, E> {
            Ok(text.as_bytes().to_vec())
        }

        fn visit_string<E: Error>(self, text: String) -> Result<Vec<u8>, E> {
            Ok(text.into_bytes())
        }

        fn visit_unit<E: Error>(self) -> Result<Vec<u8>, E> {
            Ok(Vec::new())
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
            let mut bytes = Vec::new();
            while let Some(byte) = seq.next_element()? {
                bytes.push(byte);
            }
            Ok(bytes)
        }
    }
}

/// A value written and read as its wire string (`token_type`, `error`).
macro_rules! as_wire_string {
    ($type:ty) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(<$type>::parse(&text))
            }
        }
    };
}

as_wire_string!(crate::TokenType);
as_wire_string!(crate::OAuthErrorCode);

/// [`ClientAuthentication`](crate::ClientAuthentication) read from its JavaScript object
/// (`{ method, clientId, clientSecret }`) in one pass over its members.
///
/// serde's derive of an internally tagged enum buffers the whole object in its `Content` form and
/// reads the variant from that buffer: about 14 KB of the npm package's wasm (raw) for this one
/// type. The derive's refusals are kept, with its messages: no `method` (`missing field`), an
/// unknown one (`unknown variant`), a member the method does not have (`unknown field`), a missing
/// one, a repeated one, a value of the wrong type. As with the derive, `method: "none"` ignores
/// the other members, but a `clientId` or `clientSecret` that is not a string is now refused with
/// it too (the derive never read them); an array is refused (the derive read one by position).
mod client {
    use crate::{ClientAuthentication, Secret};
    use serde::de::{Deserialize, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
    use std::fmt;

    /// The tag, `method`.
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Method {
        None,
        ClientId,
        ClientSecretBasic,
        ClientSecretPost,
    }

    impl<'de> Deserialize<'de> for ClientAuthentication {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_map(ClientVisitor)
        }
    }

    struct ClientVisitor;

    /// Sets `slot` from the next value, unless the member came before.
    fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
        map: &mut A,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(A::Error::duplicate_field(name));
        }
        *slot = Some(map.next_value()?);
        Ok(())
    }

    impl<'de> Visitor<'de> for ClientVisitor {
        type Value = ClientAuthentication;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("internally tagged enum ClientAuthentication")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ClientAuthentication, A::Error> {
            let (mut method, mut client_id, mut client_secret, mut other) = (None, None, None, None);
            while let Some(key) = map.next_key::<String>()? {
                match key.as_str() {
                    "method" => once(&mut map, &mut method, "method")?,
                    "clientId" => once(&mut map, &mut client_id, "clientId")?,
                    "clientSecret" => once::<_, Secret>(&mut map, &mut client_secret, "clientSecret")?,
                    _ => {
                        other.get_or_insert(key);
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            let method = method.ok_or_else(|| A::Error::missing_field("method"))?;
            let fields: &'static [&'static str] = match method {
                Method::None => return Ok(ClientAuthentication::None),
                Method::ClientId => &["clientId"],
                Method::ClientSecretBasic | Method::ClientSecretPost => &["clientId", "clientSecret"],
            };
            let is_public = matches!(method, Method::ClientId);
            if let Some(name) = other.or_else(|| (is_public && client_secret.is_some()).then(|| "clientSecret".into()))
            {
                return Err(A::Error::unknown_field(&name, fields));
            }
            let client_id = client_id.ok_or_else(|| A::Error::missing_field("clientId"))?;
            if is_public {
                return Ok(ClientAuthentication::ClientId { client_id });
            }
            let client_secret = client_secret.ok_or_else(|| A::Error::missing_field("clientSecret"))?;
            Ok(match method {
                Method::ClientSecretBasic => ClientAuthentication::ClientSecretBasic { client_id, client_secret },
                _ => ClientAuthentication::ClientSecretPost { client_id, client_secret },
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ClientAuthentication;

    fn read(json: &str) -> Result<ClientAuthentication, String> {
        crate::json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn rfc6749_2_3_1_client_authentication_read_from_its_javascript_object() {
        assert_eq!(read(r#"{"method":"none"}"#), Ok(ClientAuthentication::None));
        assert_eq!(read(r#"{"clientId":"app","method":"client_id"}"#), Ok(ClientAuthentication::client_id("app")));
        assert_eq!(
            read(r#"{"method":"client_secret_basic","clientId":"app","clientSecret":"s3cret"}"#),
            Ok(ClientAuthentication::basic("app", "s3cret"))
        );
        assert_eq!(
            read(r#"{"method":"client_secret_post","clientSecret":"s3cret","clientId":"app"}"#),
            Ok(ClientAuthentication::ClientSecretPost { client_id: "app".into(), client_secret: "s3cret".into() })
        );
        // As serde's derive of the tagged enum: `none` ignores every other member.
        assert_eq!(read(r#"{"method":"none","clientId":"app","other":[]}"#), Ok(ClientAuthentication::None));
    }

    #[test]
    fn client_authentication_refusals_keep_the_derives_messages() {
        let refused = |json: &str, message: &str| {
            let error = read(json).unwrap_err();
            assert!(error.starts_with(message), "{json}: {error}");
            assert!(!error.contains("s3cret"), "{error}");
        };
        refused(r#"{"clientId":"app"}"#, "missing field `method`");
        refused(
            r#"{"method":"private_key_jwt"}"#,
            "unknown variant `private_key_jwt`, expected one of `none`, `client_id`, `client_secret_basic`, `client_secret_post`",
        );
        refused(
            r#"{"method":"client_id","clientId":"app","clientSecret":"s3cret"}"#,
            "unknown field `clientSecret`, expected `clientId`",
        );
        refused(
            r#"{"method":"client_secret_post","clientId":"app","clientSecret":"s3cret","secret":"s3cret"}"#,
            "unknown field `secret`, expected `clientId` or `clientSecret`",
        );
        refused(r#"{"method":"client_id"}"#, "missing field `clientId`");
        refused(r#"{"method":"client_secret_basic","clientId":"app"}"#, "missing field `clientSecret`");
        refused(r#"{"method":"client_id","clientId":"app","clientId":"app"}"#, "duplicate field `clientId`");
        refused(r#"{"method":"client_id","clientId":5}"#, "invalid type: integer `5`, expected a string");
        refused(r#"{"clientId":5,"method":"none"}"#, "invalid type: integer `5`, expected a string");
        refused(
            r#"["client_id","app"]"#,
            "invalid type: sequence, expected internally tagged enum ClientAuthentication",
        );
        refused("null", "invalid type: null, expected internally tagged enum ClientAuthentication");
    }
}
