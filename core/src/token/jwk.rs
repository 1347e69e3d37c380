//! JSON Web Keys (RFC 7517) and JWK Sets: EC P-256/P-384, RSA and OKP Ed25519 public keys.
//!
//! A set is read whole and every key it holds is checked when it is read: a key of a
//! supported type with a broken member (bad base64url, a point not on the curve, private key
//! members) refuses the whole set with `jwks_malformed`, so that a bad trust configuration is
//! seen at once. Keys this library cannot verify with (`oct`, Ed448, P-521, RSA under 2048
//! or over 4096 bits, an RSA exponent out of range…) are kept but never used (RFC 7517 §5:
//! "implementations SHOULD ignore JWKs within a JWK Set that use \"kty\" (key type) values
//! that are not understood by them, that are missing required members, or for which values
//! are out of the supported ranges"). [`JwkSet::ignored`] reports each with a stable reason
//! code, and a `kid` that names one gives a precise `token_key_mismatch`: one unusable key
//! never makes the other keys of the set unusable.

use super::error::{shown, TokenError};
#[cfg(feature = "builtin-crypto")]
use super::jws::encode;
use super::jws::{parse_object, Algorithm};
use super::rsa_key;
use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{Map, Value};
use std::fmt;

/// Largest JWK Set accepted, in bytes.
pub const MAX_JWKS_BYTES: usize = 64 * 1024;
/// Most keys in one JWK Set.
pub const MAX_JWKS_KEYS: usize = 64;
/// Smallest RSA modulus accepted (RFC 7518 §3.3).
pub const MIN_RSA_BITS: usize = rsa_key::MIN_BITS;
/// Largest RSA modulus accepted (a larger key is ignored: [`JwkSet::ignored`]).
pub const MAX_RSA_BITS: usize = rsa_key::MAX_BITS;

/// Members that only a private key has (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2).
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

#[derive(Clone)]
pub(crate) enum KeyMaterial {
    P256(parsed::P256),
    P384(parsed::P384),
    Rsa(parsed::Rsa),
    Ed25519(parsed::Ed25519),
    /// A key this library does not verify with: the reason code of [`IgnoredKey::reason`] and
    /// a description.
    Unsupported(&'static str, String),
}

/// A key of a JWK Set that is kept but never used (RFC 7517 §5), and why.
///
/// ```
/// use mcx_connect::token::JwkSet;
/// let jwks = JwkSet::parse(r#"{"keys":[{"kty":"oct","kid":"hmac-1"},{"kty":"EC","crv":"P-256","kid":"primary-1",
///   "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}"#).unwrap();
/// let ignored = jwks.ignored();
/// assert_eq!(ignored.len(), 1);
/// assert_eq!((ignored[0].kid.as_deref(), ignored[0].reason), (Some("hmac-1"), "key_type_unsupported"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct IgnoredKey {
    /// The key's `kid`, if it has one.
    pub kid: Option<String>,
    /// Stable reason code: `key_type_unsupported` (a `kty` other than `EC`, `RSA`, `OKP`),
    /// `curve_unsupported` (an EC or OKP curve other than P-256, P-384, Ed25519),
    /// `rsa_modulus_too_small` (under 2048 bits, RFC 7518 §3.3), `rsa_modulus_too_large` (over
    /// 4096 bits) or `rsa_exponent_unsupported` (not an odd number from 3 to 2^33 - 1).
    pub reason: &'static str,
    /// What the key is, in words (never key material).
    pub description: String,
}

/// One public key of a JWK Set. `Debug` shows its type and identifiers, never key material.
#[derive(Clone)]
pub struct Jwk {
    kid: Option<String>,
    alg: Option<String>,
    use_: Option<String>,
    key_ops: Option<Vec<String>>,
    pub(crate) material: KeyMaterial,
    json: Map<String, Value>,
}

impl Jwk {
    /// Reads one JWK (a JSON object).
    pub fn from_json(json: &str) -> Result<Self, TokenError> {
        let object =
            parse_object(json.as_bytes()).map_err(|reason| TokenError::JwksMalformed(format!("the key {reason}")))?;
        Self::from_object(object)
    }

    pub(crate) fn from_object(json: Map<String, Value>) -> Result<Self, TokenError> {
        let kid = member_string(&json, "kid")?;
        let label = kid.as_deref().map_or_else(|| "without kid".to_owned(), |k| format!("`{}`", shown(k)));
        let bad = |reason: &str| TokenError::JwksMalformed(format!("key {label}: {reason}"));
        if let Some(name) = PRIVATE_MEMBERS.iter().find(|m| json.contains_key(**m)) {
            return Err(bad(&format!(
                "it holds the private member `{name}`; a trusted key set must hold public keys only"
            )));
        }
        let kty = member_string(&json, "kty")?.ok_or_else(|| bad("no `kty`"))?;
        let alg = member_string(&json, "alg")?;
        let use_ = member_string(&json, "use")?;
        let key_ops = match json.get("key_ops") {
            None => None,
            Some(Value::Array(ops)) => Some(
                ops.iter()
                    .map(|op| op.as_str().map(str::to_owned).ok_or_else(|| bad("`key_ops` holds a non-string")))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            Some(_) => return Err(bad("`key_ops` is not an array")),
        };
        let crv = member_string(&json, "crv")?;
        let bytes = |name: &str| -> Result<Vec<u8>, TokenError> {
            let text = member_string(&json, name)?.ok_or_else(|| bad(&format!("no `{name}`")))?;
            Base64UrlUnpadded::decode_vec(&text).map_err(|_| bad(&format!("`{name}` is not unpadded base64url")))
        };
        let material = match (kty.as_str(), crv.as_deref()) {
            ("EC", Some("P-256")) => KeyMaterial::P256(
                parsed::p256(&field(&bytes("x")?, &bad)?, &field(&bytes("y")?, &bad)?)
                    .ok_or_else(|| bad("the point is not on P-256"))?,
            ),
            ("EC", Some("P-384")) => KeyMaterial::P384(
                parsed::p384(&field(&bytes("x")?, &bad)?, &field(&bytes("y")?, &bad)?)
                    .ok_or_else(|| bad("the point is not on P-384"))?,
            ),
            ("OKP", Some("Ed25519")) => KeyMaterial::Ed25519(
                parsed::ed25519(&field(&bytes("x")?, &bad)?).ok_or_else(|| bad("`x` is not an Ed25519 public key"))?,
            ),
            ("RSA", _) => {
                let n = bytes("n")?;
                let e = bytes("e")?;
                if n.first() == Some(&0) || e.first() == Some(&0) {
                    return Err(bad("`n` or `e` has a leading zero byte (RFC 7518 §6.3.1)"));
                }
                let bits = rsa_key::bit_length(&n);
                if bits < MIN_RSA_BITS {
                    KeyMaterial::Unsupported(
                        "rsa_modulus_too_small",
                        format!("it is an RSA key of {bits} bits, below the {MIN_RSA_BITS} bits of RFC 7518 §3.3"),
                    )
                } else if bits > MAX_RSA_BITS {
                    KeyMaterial::Unsupported(
                        "rsa_modulus_too_large",
                        format!("it is an RSA key of {bits} bits, over the {MAX_RSA_BITS} bits accepted"),
                    )
                } else if rsa_key::exponent(&e).is_none() {
                    KeyMaterial::Unsupported(
                        "rsa_exponent_unsupported",
                        "its RSA public exponent is not an odd number from 3 to 2^33 - 1".to_owned(),
                    )
                } else {
                    let key =
                        parsed::rsa(&n, &e).map_err(|reason| bad(&format!("not a usable RSA public key: {reason}")))?;
                    KeyMaterial::Rsa(key)
                }
            }
            ("EC" | "OKP", crv) => KeyMaterial::Unsupported(
                "curve_unsupported",
                format!("it is a {kty} key on the unsupported curve `{}`", shown(crv.unwrap_or("(none)"))),
            ),
            (kty, _) => KeyMaterial::Unsupported(
                "key_type_unsupported",
                format!("it has the unsupported key type `{}`", shown(kty)),
            ),
        };
        Ok(Self { kid, alg, use_, key_ops, material, json })
    }

    #[cfg(feature = "builtin-crypto")]
    pub(crate) fn from_material(
        material: KeyMaterial,
        kid: Option<String>,
        alg: Algorithm,
        json: Map<String, Value>,
    ) -> Self {
        Self { kid, alg: Some(alg.as_str().to_owned()), use_: Some("sig".to_owned()), key_ops: None, material, json }
    }

    /// The key identifier (`kid`), if any.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// A short description of the key type: `EC P-256`, `EC P-384`, `RSA`, `OKP Ed25519` or `unsupported`.
    pub fn key_type(&self) -> &'static str {
        match self.material {
            KeyMaterial::P256(_) => "EC P-256",
            KeyMaterial::P384(_) => "EC P-384",
            KeyMaterial::Rsa(_) => "RSA",
            KeyMaterial::Ed25519(_) => "OKP Ed25519",
            KeyMaterial::Unsupported(..) => "unsupported",
        }
    }

    /// Why the key is kept but never used (the reason code of [`IgnoredKey::reason`]), or
    /// `None` for a key this library verifies with.
    pub fn ignored_reason(&self) -> Option<&'static str> {
        match self.material {
            KeyMaterial::Unsupported(reason, _) => Some(reason),
            _ => None,
        }
    }

    /// The key as a JSON object (RFC 7517 §4), exactly the public members it was read with.
    pub fn to_json(&self) -> Value {
        Value::Object(self.json.clone())
    }

    /// A string member of the key's JSON (`n`, `e` of an RSA key), if present.
    #[cfg(feature = "ring-backend")]
    pub(crate) fn member(&self, name: &str) -> Option<&str> {
        self.json.get(name).and_then(Value::as_str)
    }

    /// Whether `use` and `key_ops` allow verifying signatures (RFC 7517 §4.2, §4.3).
    fn for_signatures(&self) -> bool {
        self.use_.as_deref().is_none_or(|u| u == "sig")
            && self.key_ops.as_ref().is_none_or(|ops| ops.iter().any(|op| op == "verify"))
    }

    /// Why this key cannot verify `alg`, or `None` if it can.
    fn mismatch(&self, alg: Algorithm) -> Option<String> {
        let fits = matches!(
            (&self.material, alg),
            (KeyMaterial::P256(_), Algorithm::Es256)
                | (KeyMaterial::P384(_), Algorithm::Es384)
                | (KeyMaterial::Rsa(_), Algorithm::Rs256 | Algorithm::Ps256)
                | (KeyMaterial::Ed25519(_), Algorithm::EdDsa)
        );
        if let KeyMaterial::Unsupported(_, reason) = &self.material {
            return Some(reason.clone());
        }
        if !fits {
            return Some(format!("it is an {} key", self.key_type()));
        }
        match &self.alg {
            Some(key_alg) if key_alg != alg.as_str() => Some(format!("the key is restricted to `{}`", shown(key_alg))),
            _ => None,
        }
    }
}

impl fmt::Debug for Jwk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Jwk")
            .field("kid", &self.kid)
            .field("type", &self.key_type())
            .field("alg", &self.alg)
            .field("use", &self.use_)
            .finish_non_exhaustive()
    }
}

impl serde::Serialize for Jwk {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

fn member_string(json: &Map<String, Value>, name: &str) -> Result<Option<String>, TokenError> {
    match json.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(TokenError::JwksMalformed(format!("a key's `{name}` is not a string"))),
    }
}

fn field<const N: usize>(bytes: &[u8], bad: &dyn Fn(&str) -> TokenError) -> Result<[u8; N], TokenError> {
    <[u8; N]>::try_from(bytes).map_err(|_| bad(&format!("a coordinate is {} bytes, not {N}", bytes.len())))
}

/// A JWK Set (RFC 7517 §5): the keys a verifier trusts.
///
/// ```
/// use mcx_connect::token::JwkSet;
/// let jwks = JwkSet::parse(r#"{"keys":[{"kty":"EC","crv":"P-256","kid":"primary-1","use":"sig",
///   "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}"#).unwrap();
/// assert_eq!(jwks.len(), 1);
/// assert_eq!(jwks.keys()[0].key_type(), "EC P-256");
/// ```
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct JwkSet {
    keys: Vec<Jwk>,
}

impl JwkSet {
    /// Reads a JWK Set document (at most [`MAX_JWKS_BYTES`] and [`MAX_JWKS_KEYS`] keys).
    pub fn parse(json: &str) -> Result<Self, TokenError> {
        if json.len() > MAX_JWKS_BYTES {
            return Err(TokenError::JwksTooLarge { size: json.len(), limit: MAX_JWKS_BYTES });
        }
        let mut object = parse_object(json.as_bytes())
            .map_err(|reason| TokenError::JwksMalformed(format!("the document {reason}")))?;
        let Some(Value::Array(keys)) = object.remove("keys") else {
            return Err(TokenError::JwksMalformed("no `keys` array (RFC 7517 §5.1)".to_owned()));
        };
        if keys.len() > MAX_JWKS_KEYS {
            return Err(TokenError::JwksMalformed(format!("{} keys, over the limit of {MAX_JWKS_KEYS}", keys.len())));
        }
        let keys = keys
            .into_iter()
            .map(|key| match key {
                Value::Object(key) => Jwk::from_object(key),
                _ => Err(TokenError::JwksMalformed("a member of `keys` is not a JSON object".to_owned())),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { keys })
    }

    /// A set of the given keys.
    pub fn from_keys(keys: Vec<Jwk>) -> Self {
        Self { keys }
    }

    /// The keys, in document order.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// The keys that are kept but never used (RFC 7517 §5), in document order, each with its
    /// `kid` and a stable reason code. A verifier logs them: a trusted key that is silently
    /// never used is a configuration fault.
    pub fn ignored(&self) -> Vec<IgnoredKey> {
        self.keys
            .iter()
            .filter_map(|key| match &key.material {
                KeyMaterial::Unsupported(reason, description) => {
                    Some(IgnoredKey { kid: key.kid.clone(), reason, description: description.clone() })
                }
                _ => None,
            })
            .collect()
    }

    /// Number of keys (supported or not).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set has no key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The set as a JWK Set document.
    pub fn to_json(&self) -> Value {
        serde_json::json!({ "keys": self.keys.iter().map(Jwk::to_json).collect::<Vec<_>>() })
    }

    /// The keys that may verify a token with this `kid` and `alg`: with a `kid`, the keys of
    /// that `kid` (refused precisely when none fits); without one, every key that fits `alg`.
    pub(crate) fn candidates(&self, kid: Option<&str>, alg: Algorithm) -> Result<Vec<&Jwk>, TokenError> {
        let Some(kid) = kid else {
            let found: Vec<&Jwk> =
                self.keys.iter().filter(|k| k.for_signatures() && k.mismatch(alg).is_none()).collect();
            if found.is_empty() {
                return Err(TokenError::UnknownKey(format!("the token has no kid and no trusted key fits {alg}")));
            }
            return Ok(found);
        };
        let named: Vec<&Jwk> = self.keys.iter().filter(|k| k.kid.as_deref() == Some(kid)).collect();
        if named.is_empty() {
            return Err(TokenError::UnknownKey(format!("no trusted key has kid `{}`", shown(kid))));
        }
        let fitting: Vec<&Jwk> = named.iter().copied().filter(|k| k.mismatch(alg).is_none()).collect();
        if fitting.is_empty() {
            let reason = named.iter().find_map(|k| k.mismatch(alg)).unwrap_or_default();
            return Err(TokenError::KeyMismatch { kid: shown(kid), alg: alg.as_str().to_owned(), reason });
        }
        let usable: Vec<&Jwk> = fitting.into_iter().filter(|k| k.for_signatures()).collect();
        if usable.is_empty() {
            return Err(TokenError::KeyNotForSignature(shown(kid)));
        }
        Ok(usable)
    }
}

/// The public JWK of an EC P-256 key.
#[cfg(feature = "builtin-crypto")]
pub(crate) fn p256_jwk(key: &p256::ecdsa::VerifyingKey, kid: Option<&str>) -> Jwk {
    let point = key.to_encoded_point(false);
    let mut json = Map::new();
    json.insert("kty".into(), "EC".into());
    json.insert("crv".into(), "P-256".into());
    json.insert("x".into(), encode(point.x().map(AsRef::<[u8]>::as_ref).unwrap_or_default()).into());
    json.insert("y".into(), encode(point.y().map(AsRef::<[u8]>::as_ref).unwrap_or_default()).into());
    finish_jwk(KeyMaterial::P256(*key), kid, Algorithm::Es256, json)
}

/// The public JWK of an Ed25519 key.
#[cfg(feature = "builtin-crypto")]
pub(crate) fn ed25519_jwk(key: &ed25519_dalek::VerifyingKey, kid: Option<&str>) -> Jwk {
    let mut json = Map::new();
    json.insert("kty".into(), "OKP".into());
    json.insert("crv".into(), "Ed25519".into());
    json.insert("x".into(), encode(key.as_bytes()).into());
    finish_jwk(KeyMaterial::Ed25519(*key), kid, Algorithm::EdDsa, json)
}

#[cfg(feature = "builtin-crypto")]
fn finish_jwk(material: KeyMaterial, kid: Option<&str>, alg: Algorithm, mut json: Map<String, Value>) -> Jwk {
    if let Some(kid) = kid {
        json.insert("kid".into(), kid.into());
    }
    json.insert("use".into(), "sig".into());
    json.insert("alg".into(), alg.as_str().into());
    Jwk::from_material(material, kid.map(str::to_owned), alg, json)
}

/// A supported key as read: with `builtin-crypto`, the key ready for the built-in signature
/// checks (the point checked to be on its curve, the RSA modulus in Montgomery form).
#[cfg(feature = "builtin-crypto")]
mod parsed {
    use super::super::rsassa::RsaPublicKey;

    pub(crate) type P256 = p256::ecdsa::VerifyingKey;
    pub(crate) type P384 = p384::ecdsa::VerifyingKey;
    pub(crate) type Ed25519 = ed25519_dalek::VerifyingKey;
    pub(crate) type Rsa = Box<RsaPublicKey>;

    pub(crate) fn p256(x: &[u8; 32], y: &[u8; 32]) -> Option<P256> {
        let point = p256::EncodedPoint::from_affine_coordinates(x.into(), y.into(), false);
        P256::from_encoded_point(&point).ok()
    }

    pub(crate) fn p384(x: &[u8; 48], y: &[u8; 48]) -> Option<P384> {
        let point = p384::EncodedPoint::from_affine_coordinates(x.into(), y.into(), false);
        P384::from_encoded_point(&point).ok()
    }

    pub(crate) fn ed25519(x: &[u8; 32]) -> Option<Ed25519> {
        Ed25519::from_bytes(x).ok()
    }

    pub(crate) fn rsa(n: &[u8], e: &[u8]) -> Result<Rsa, String> {
        RsaPublicKey::new(n, e).map(Box::new)
    }
}

/// A supported key as read without `builtin-crypto`: its members have the right lengths and
/// the RSA parameters are checked; whether a point is on its curve is checked by the host's
/// crypto when it imports the JWK (WebCrypto's `importKey` refuses it).
#[cfg(not(feature = "builtin-crypto"))]
mod parsed {
    /// A key whose members were read; the host's crypto imports it from the JWK.
    #[derive(Debug, Clone, Copy)]
    pub(crate) struct ForHost;

    pub(crate) type P256 = ForHost;
    pub(crate) type P384 = ForHost;
    pub(crate) type Ed25519 = ForHost;
    pub(crate) type Rsa = ForHost;

    pub(crate) fn p256(_x: &[u8; 32], _y: &[u8; 32]) -> Option<P256> {
        Some(ForHost)
    }

    pub(crate) fn p384(_x: &[u8; 48], _y: &[u8; 48]) -> Option<P384> {
        Some(ForHost)
    }

    pub(crate) fn ed25519(_x: &[u8; 32]) -> Option<Ed25519> {
        Some(ForHost)
    }

    pub(crate) fn rsa(n: &[u8], e: &[u8]) -> Result<Rsa, String> {
        super::rsa_key::check_public(n, e).map(|_| ForHost)
    }
}
