//! Compact JWS (RFC 7515 §7.1): splitting, base64url, the JOSE header and the algorithms.

use super::error::{shown, TokenError};
use base64ct::{Base64UrlUnpadded, Encoding};
use serde::de::{self, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// A JWS signing algorithm (RFC 7518 §3, RFC 8037 §3.1) this library can verify.
///
/// `none` and the HMAC algorithms other than HS256 have no variant: they can never be
/// accepted. HS256 is accepted only by a verifier given a shared secret on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[non_exhaustive]
pub enum Algorithm {
    /// ECDSA with P-256 and SHA-256.
    #[serde(rename = "ES256")]
    Es256,
    /// ECDSA with P-384 and SHA-384.
    #[serde(rename = "ES384")]
    Es384,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    #[serde(rename = "RS256")]
    Rs256,
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt.
    #[serde(rename = "PS256")]
    Ps256,
    /// EdDSA with Ed25519 (RFC 8037).
    #[serde(rename = "EdDSA")]
    EdDsa,
    /// HMAC with SHA-256, only with a shared secret the caller configured.
    #[serde(rename = "HS256")]
    Hs256,
}

impl Algorithm {
    /// The five public-key algorithms, the default allow-list.
    pub const PUBLIC_KEY: [Algorithm; 5] =
        [Algorithm::Es256, Algorithm::Es384, Algorithm::Rs256, Algorithm::Ps256, Algorithm::EdDsa];

    /// The `alg` value on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::Es256 => "ES256",
            Algorithm::Es384 => "ES384",
            Algorithm::Rs256 => "RS256",
            Algorithm::Ps256 => "PS256",
            Algorithm::EdDsa => "EdDSA",
            Algorithm::Hs256 => "HS256",
        }
    }

    /// Reads an `alg` value (case-sensitive); `None` for anything this library cannot verify.
    pub fn parse(alg: &str) -> Option<Self> {
        Some(match alg {
            "ES256" => Algorithm::Es256,
            "ES384" => Algorithm::Es384,
            "RS256" => Algorithm::Rs256,
            "PS256" => Algorithm::Ps256,
            "EdDSA" => Algorithm::EdDsa,
            "HS256" => Algorithm::Hs256,
            _ => return None,
        })
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The JOSE header of a JWS (RFC 7515 §4.1). Only `alg` is required.
///
/// `jku`, `x5u`, `jwk` and `x5c` are kept in `other` and never used: keys
/// come only from the JWK Set the caller trusts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct JwsHeader {
    /// `alg`: the signing algorithm, as written.
    pub alg: String,
    /// `kid`: the key identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// `typ`: the media type of the whole token (e.g. `JWT`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
    /// `crit`: extensions the recipient must understand.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crit: Option<Vec<String>>,
    /// Every other header parameter, as written (in Kotlin, Swift and Python: its JSON text).
    #[serde(flatten)]
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, unknown>"))]
    pub other: Map<String, Value>,
}

impl JwsHeader {
    /// A header with `alg` and `typ: JWT`.
    pub fn new(alg: Algorithm) -> Self {
        Self { alg: alg.as_str().to_owned(), kid: None, typ: Some("JWT".to_owned()), crit: None, other: Map::new() }
    }

    /// Sets `kid`.
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    fn from_object(mut object: Map<String, Value>) -> Result<Self, TokenError> {
        let alg = match object.remove("alg") {
            Some(Value::String(alg)) => alg,
            Some(_) => return Err(malformed("its header `alg` is not a string")),
            None => return Err(malformed("its header has no `alg`")),
        };
        let kid = optional_string(&mut object, "kid")?;
        let typ = optional_string(&mut object, "typ")?;
        let crit = match object.remove("crit") {
            None => None,
            Some(Value::Array(names)) if !names.is_empty() => {
                let names = names.into_iter().map(|n| match n {
                    Value::String(n) if !n.is_empty() => Ok(n),
                    _ => Err(malformed("its header `crit` holds a value that is not a non-empty string")),
                });
                Some(names.collect::<Result<Vec<_>, _>>()?)
            }
            Some(_) => return Err(malformed("its header `crit` is not a non-empty array (RFC 7515 §4.1.11)")),
        };
        Ok(Self { alg, kid, typ, crit, other: object })
    }
}

fn optional_string(object: &mut Map<String, Value>, name: &'static str) -> Result<Option<String>, TokenError> {
    match object.remove(name) {
        None => Ok(None),
        Some(Value::String(value)) => Ok(Some(value)),
        Some(_) => Err(malformed(&format!("its header `{name}` is not a string"))),
    }
}

fn malformed(reason: &str) -> TokenError {
    TokenError::Malformed(reason.to_owned())
}

/// A compact JWS split and decoded, not yet verified.
pub(crate) struct CompactJws<'a> {
    /// `BASE64URL(header) || '.' || BASE64URL(payload)`.
    pub(crate) signing_input: &'a str,
    pub(crate) header: JwsHeader,
    pub(crate) claims: Map<String, Value>,
    /// The signature segment, checked for the base64url alphabet only: its decoding and
    /// length are the verifier's business (TS 33.180 B.7.4 EXAMPLE 1 prints an 85-character
    /// ES256 signature, which no base64url text can be).
    pub(crate) signature: &'a str,
}

impl CompactJws<'_> {
    /// The decoded signature.
    pub(crate) fn signature_bytes(&self) -> Result<Vec<u8>, TokenError> {
        decode(self.signature, "signature")
    }
}

/// Splits and decodes a compact JWS. The reason of a failure never quotes the token.
pub(crate) fn parse_compact(token: &str, max_bytes: usize) -> Result<CompactJws<'_>, TokenError> {
    if token.len() > max_bytes {
        return Err(TokenError::TooLarge { size: token.len(), limit: max_bytes });
    }
    let mut segments = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (segments.next(), segments.next(), segments.next(), segments.next())
    else {
        let count = token.split('.').count();
        return Err(TokenError::Malformed(format!("it has {count} dot-separated segments, not 3")));
    };
    let signing_input = token.get(..header.len() + 1 + payload.len()).ok_or_else(|| malformed("it cannot be split"))?;
    let header = decode_object(header, "header")?;
    let header = JwsHeader::from_object(header)?;
    let claims = decode_object(payload, "payload")?;
    if !signature.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(malformed("its signature segment has characters outside the base64url alphabet"));
    }
    Ok(CompactJws { signing_input, header, claims, signature })
}

/// The structural check that request parsers apply to an `assertion` before any key is at
/// hand: [`parse_compact`] plus a non-empty signature segment. The signature's decoded length
/// depends on the algorithm and is checked at verification (TS 33.180 B.7.4 EXAMPLE 1 prints an
/// 85-character ES256 signature, a length no base64url text can have: it passes here and fails
/// verification). The reason never quotes the token.
pub(crate) fn check_structure(token: &str, max_bytes: usize) -> Result<(), String> {
    match parse_compact(token, max_bytes) {
        Ok(jws) if jws.signature.is_empty() => Err("its signature segment is empty".to_owned()),
        Ok(_) => Ok(()),
        Err(TokenError::TooLarge { size, limit }) => Err(format!("it is {size} bytes, over the limit of {limit}")),
        Err(TokenError::Malformed(reason)) => Err(reason),
        Err(other) => Err(other.to_string()),
    }
}

fn decode(segment: &str, name: &str) -> Result<Vec<u8>, TokenError> {
    super::segment::decode(segment)
        .ok_or_else(|| TokenError::Malformed(format!("its {name} segment is not unpadded base64url")))
}

fn decode_object(segment: &str, name: &str) -> Result<Map<String, Value>, TokenError> {
    if segment.is_empty() {
        return Err(TokenError::Malformed(format!("its {name} segment is empty")));
    }
    let bytes = decode(segment, name)?;
    parse_object(&bytes).map_err(|reason| TokenError::Malformed(format!("its {name} {reason}")))
}

/// Parses a JSON object, refusing duplicate member names (RFC 7515 §4, RFC 7519 §4: a
/// duplicate could be read differently by another parser). The reason never quotes the input.
pub(crate) fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, String> {
    match serde_json::from_slice::<StrictObject>(bytes) {
        Ok(StrictObject(object)) => Ok(object),
        Err(e) if e.is_data() && e.to_string().starts_with(DUPLICATE) => {
            Err(format!("has a duplicate member name{}", duplicate_name(&e)))
        }
        Err(e) if e.is_data() => Err("is not a JSON object".to_owned()),
        Err(_) => Err("is not valid JSON".to_owned()),
    }
}

const DUPLICATE: &str = "duplicate member ";

fn duplicate_name(error: &serde_json::Error) -> String {
    let text = crate::json::safe_message(error);
    let name = text.strip_prefix(DUPLICATE).unwrap_or_default();
    format!(" ({})", shown(name))
}

struct StrictObject(Map<String, Value>);

impl<'de> serde::Deserialize<'de> for StrictObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = StrictObject;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<StrictObject, A::Error> {
        let mut object = Map::new();
        while let Some(name) = access.next_key::<String>()? {
            if object.contains_key(&name) {
                return Err(de::Error::custom(format_args!("{DUPLICATE}`{name}`")));
            }
            let value: Value = access.next_value()?;
            object.insert(name, value);
        }
        Ok(StrictObject(object))
    }
}

/// base64url without padding.
pub(crate) fn encode(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(text: &str) -> String {
        encode(text.as_bytes())
    }

    #[test]
    fn rfc7515_7_1_compact_jws_has_three_segments() {
        let h = b64(r#"{"alg":"ES256"}"#);
        let p = b64(r#"{"sub":"u"}"#);
        assert!(parse_compact(&format!("{h}.{p}.c2ln"), 1000).is_ok());
        for bad in [format!("{h}.{p}"), format!("{h}.{p}.c2ln.x"), String::new()] {
            assert_eq!(parse_compact(&bad, 1000).err().map(|e| e.code()), Some("token_malformed"));
        }
    }

    #[test]
    fn token_over_the_size_limit_is_refused_before_decoding() {
        let err = parse_compact("a.b.c", 4).err();
        assert_eq!(err, Some(TokenError::TooLarge { size: 5, limit: 4 }));
    }

    #[test]
    fn rfc7515_header_must_be_a_json_object_with_a_string_alg() {
        let p = b64("{}");
        for header in [
            r#"[1]"#,
            r#"{"kid":"k"}"#,
            r#"{"alg":1}"#,
            r#"{"alg":"ES256","kid":2}"#,
            "not json",
            r#"{"alg":"ES256","crit":[]}"#,
        ] {
            let err = parse_compact(&format!("{}.{p}.c2ln", b64(header)), 1000).err();
            assert_eq!(err.map(|e| e.code()), Some("token_malformed"), "{header}");
        }
    }

    #[test]
    fn rfc7515_2_a_segment_that_is_not_canonical_unpadded_base64url_is_malformed() {
        let (h, p) = ("eyJhbGciOiJFUzI1NiJ9", "eyJzdWIiOiJhIn0");
        assert!(parse_compact(&format!("{h}.{p}.c2ln"), 1000).is_ok());
        let malformed =
            |segment: &str| Some(TokenError::Malformed(format!("its {segment} segment is not unpadded base64url")));
        // Padding, the other alphabet's `+`, unused low bits set in the last character, a length of 4n + 1.
        assert_eq!(parse_compact(&format!("{h}.{p}=.c2ln"), 1000).err(), malformed("payload"));
        assert_eq!(parse_compact(&format!("eyJhbGciOiJFUzI1N+J9.{p}.c2ln"), 1000).err(), malformed("header"));
        assert_eq!(parse_compact(&format!("{h}.eyJzdWIiOiJhIn1.c2ln"), 1000).err(), malformed("payload"));
        assert_eq!(parse_compact(&format!("{h}.{p}AB.c2ln"), 1000).err(), malformed("payload"));
        // The signature's characters are checked when the token is split, its decoding when it is verified.
        let token = format!("{h}.{p}.c2lnb");
        let signature = parse_compact(&token, 1000).map(|jws| jws.signature_bytes());
        assert_eq!(signature.ok().and_then(Result::err), malformed("signature"));
        assert_eq!(malformed("header").map(|e| e.code()), Some("token_malformed"));
    }

    #[test]
    fn rfc7519_4_duplicate_claim_names_are_refused() {
        let h = b64(r#"{"alg":"ES256"}"#);
        let p = b64(r#"{"sub":"a","sub":"b"}"#);
        let err = parse_compact(&format!("{h}.{p}.c2ln"), 1000).err();
        assert_eq!(err, Some(TokenError::Malformed("its payload has a duplicate member name (`sub`)".to_owned())));
        // Only serde_json's own position is cut from the name, not words of the name that look like one.
        let p = b64(r#"{"x at line 2":1,"x at line 2":2}"#);
        let err = parse_compact(&format!("{h}.{p}.c2ln"), 1000).err();
        assert_eq!(
            err,
            Some(TokenError::Malformed("its payload has a duplicate member name (`x at line 2`)".to_owned()))
        );
    }

    #[test]
    fn base64_padding_and_foreign_alphabet_are_malformed() {
        let p = b64("{}");
        for h in ["eyJhbGciOiJFUzI1NiJ9=", "eyJhbGciOiJFUzI1NiJ9+", "eyJhbGciOi JFUzI1NiJ9"] {
            assert_eq!(parse_compact(&format!("{h}.{p}.c2ln"), 1000).err().map(|e| e.code()), Some("token_malformed"));
        }
    }

    #[test]
    fn malformed_reasons_never_quote_the_token() {
        let secret_payload = b64(r#"{"secret-value-xyz":1"#);
        let err = parse_compact(&format!("{}.{secret_payload}.c2ln", b64(r#"{"alg":"ES256"}"#)), 1000).err();
        let text = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(!text.contains("secret-value-xyz") && !text.contains(&secret_payload), "{text}");
    }
}
