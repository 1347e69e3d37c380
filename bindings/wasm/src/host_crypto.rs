//! The one signature primitive the core leaves to the host: verifying a [`PendingSignature`] and
//! signing with an ES256 or EdDSA key. In the default package it is WebCrypto (`js/webcrypto.js`,
//! JavaScript rather than web-sys: the calls are promise plumbing around `crypto.subtle` that
//! read plainly there and cost no web-sys bindings in the wasm); in the fallback build (feature
//! `builtin-crypto`) it is the core's pure-Rust arithmetic. Either way the core decides everything
//! else: structure, `alg` allow-list, key selection, the claim rules.

use crate::convert::{bytes_in, member, only_members, string_in};
use crate::error::{invalid_argument, throw};
use mcx_connect::token::{Algorithm, JwkSet, PendingSignature, SigningKey, TokenError};
#[cfg(not(feature = "builtin-crypto"))]
use serde_json::Map;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

#[cfg(not(feature = "builtin-crypto"))]
mod platform {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/js/webcrypto.js")]
    extern "C" {
        /// The CryptoKeys of one JWK Set, imported once.
        pub type KeyRing;

        #[wasm_bindgen(constructor, js_class = "KeyRing")]
        pub fn new(keys: JsValue) -> KeyRing;

        #[wasm_bindgen(method, js_class = "KeyRing")]
        pub fn check(this: &KeyRing) -> js_sys::Promise;

        #[wasm_bindgen(method, js_class = "KeyRing")]
        pub fn verify(this: &KeyRing, alg: &str, indexes: Vec<u32>, input: &[u8], signature: &[u8]) -> js_sys::Promise;

        #[wasm_bindgen(js_name = importSigningKey)]
        pub fn import_signing_key(alg: &str, secret: &[u8]) -> js_sys::Promise;

        #[wasm_bindgen(js_name = sign)]
        pub fn sign(alg: &str, key: &JsValue, input: &[u8]) -> js_sys::Promise;
    }
}

/// A core error as the thrown `McxConnectError`.
#[cfg(not(feature = "builtin-crypto"))]
fn thrown(error: TokenError) -> JsValue {
    crate::error::core_error(&error.into())
}

/// Waits for a promise of `js/webcrypto.js`; its rejection (no WebCrypto at all) is `None`.
#[cfg(not(feature = "builtin-crypto"))]
async fn settled(promise: js_sys::Promise) -> Option<JsValue> {
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()
}

/// The verifier side of the host's crypto for one JWK Set: with WebCrypto, the set's keys
/// imported once, when the validator is made.
pub(crate) struct HostKeys {
    /// Each key's `kid`, to name a key the platform refuses.
    #[cfg(not(feature = "builtin-crypto"))]
    kids: Vec<Option<String>>,
    #[cfg(not(feature = "builtin-crypto"))]
    ring: platform::KeyRing,
}

impl HostKeys {
    /// Starts importing the usable keys of `set` (every key the core does not ignore).
    pub(crate) fn new(set: &JwkSet) -> Result<Self, JsValue> {
        #[cfg(not(feature = "builtin-crypto"))]
        {
            let kids = set.keys().iter().map(|key| key.kid().map(str::to_owned)).collect();
            let keys: Vec<Value> = set
                .keys()
                .iter()
                .map(|key| if key.ignored_reason().is_some() { Value::Null } else { key.to_json() })
                .collect();
            Ok(Self { kids, ring: platform::KeyRing::new(crate::convert::to_js(&keys)?) })
        }
        #[cfg(feature = "builtin-crypto")]
        {
            let _ = set;
            Ok(Self {})
        }
    }

    /// Waits until the platform has imported the set's keys: `jwks_malformed` when it refused
    /// one (a point not on its curve), as the built-in reader refuses the set.
    pub(crate) async fn check(&self) -> Result<(), TokenError> {
        #[cfg(not(feature = "builtin-crypto"))]
        {
            let answer = settled(self.ring.check()).await.and_then(|answer| answer.as_string()).unwrap_or_default();
            if let Some(index) = answer.strip_prefix("malformed ") {
                return Err(self.refused_key(index.parse().unwrap_or(usize::MAX)));
            }
        }
        Ok(())
    }

    /// The host's answer for `pending`: whether its signature verifies under one of its keys.
    /// HS256 is the core's (never handed out). A key the platform refuses is `jwks_malformed`
    /// (the whole set, as the built-in reader refuses it); an algorithm the runtime lacks is
    /// `validator_invalid`.
    pub(crate) async fn verify(&self, pending: &PendingSignature) -> Result<bool, TokenError> {
        if pending.keys().is_empty() {
            return Ok(false);
        }
        #[cfg(feature = "builtin-crypto")]
        return Ok(pending.verify_with(&mcx_connect::token::BuiltInBackend));
        #[cfg(not(feature = "builtin-crypto"))]
        {
            let indexes = pending.key_indexes().iter().map(|&i| u32::try_from(i).unwrap_or(u32::MAX)).collect();
            let alg = pending.algorithm();
            let promise = self.ring.verify(alg.as_str(), indexes, pending.signing_input(), pending.signature());
            let answer = settled(promise).await.and_then(|answer| answer.as_string()).unwrap_or_default();
            match answer.as_str() {
                "verified" => Ok(true),
                "refused" => Ok(false),
                other => match other.strip_prefix("malformed ") {
                    Some(index) => Err(self.refused_key(index.parse().unwrap_or(usize::MAX))),
                    None => Err(TokenError::ValidatorInvalid(format!(
                        "this runtime's WebCrypto cannot verify {alg} (no crypto.subtle outside a secure context, or no {alg} support)"
                    ))),
                },
            }
        }
    }

    #[cfg(not(feature = "builtin-crypto"))]
    fn refused_key(&self, index: usize) -> TokenError {
        let label = match self.kids.get(index) {
            Some(Some(kid)) => {
                let shown: String = kid.chars().filter(|c| !c.is_control()).take(64).collect();
                format!("key `{shown}`")
            }
            _ => format!("key {} of the set", index + 1),
        };
        TokenError::JwksMalformed(format!("{label}: the platform's crypto refused it (a point not on its curve)"))
    }
}

/// A signing key of `SigningKeyInit`: HS256 in the core; ES256 and EdDSA in the host's crypto
/// (WebCrypto; the core's arithmetic in the fallback build).
pub(crate) struct HostSigningKey {
    /// The core's key: HS256, a key held by the host, or (fallback build) the built-in key.
    pub(crate) core: SigningKey,
    /// The WebCrypto private key (non-extractable) and the public JWK's members.
    #[cfg(not(feature = "builtin-crypto"))]
    held: Option<(JsValue, Map<String, Value>)>,
}

impl HostSigningKey {
    /// Reads a `SigningKeyInit` (`alg`, `secret`).
    pub(crate) async fn read(init: &JsValue) -> Result<Self, JsValue> {
        only_members(init, &["alg", "secret"], "key")?;
        let alg = string_in(member(init, "alg"), "key.alg")?;
        // The key's bytes are wiped when this returns, by the heap (`HEAP` in the crate root): only the
        // core's key (or WebCrypto's) keeps them. The seed below is on the stack, which the heap does not wipe.
        let secret = bytes_in(&member(init, "secret"), "key.secret")?;
        let seed = |bytes: &[u8]| -> Result<[u8; 32], JsValue> {
            bytes.try_into().map_err(|_| invalid_argument("key.secret", "expected 32 bytes"))
        };
        let alg = match alg.as_str() {
            "HS256" => {
                let core = throw(SigningKey::hs256(&secret))?;
                #[cfg(not(feature = "builtin-crypto"))]
                return Ok(Self { core, held: None });
                #[cfg(feature = "builtin-crypto")]
                return Ok(Self { core });
            }
            "ES256" => Algorithm::Es256,
            "EdDSA" => Algorithm::EdDsa,
            _ => return Err(invalid_argument("key.alg", "expected `ES256`, `EdDSA` or `HS256`")),
        };
        let seed = Zeroizing::new(seed(&secret)?);
        #[cfg(feature = "builtin-crypto")]
        {
            let core =
                if alg == Algorithm::Es256 { throw(SigningKey::es256(&seed))? } else { SigningKey::ed25519(&seed) };
            Ok(Self { core })
        }
        #[cfg(not(feature = "builtin-crypto"))]
        {
            let imported = settled(platform::import_signing_key(alg.as_str(), &seed[..])).await;
            let refused = || TokenError::SigningKeyInvalid(format!("not a valid {alg} private key"));
            let Some(imported) = imported else {
                return Err(thrown(TokenError::SigningKeyInvalid(format!(
                    "this runtime's WebCrypto cannot sign {alg}"
                ))));
            };
            if imported.is_null() {
                return Err(thrown(refused()));
            }
            let jwk: Map<String, Value> = crate::convert::document_from_js(member(&imported, "jwk"), "the public key")?;
            Ok(Self { core: throw(SigningKey::held_by_host(alg))?, held: Some((member(&imported, "key"), jwk)) })
        }
    }

    /// The public key as a JWK with `use: sig`, `alg` and `kid` (as `SigningKey::public_jwk`);
    /// `None` for HS256.
    pub(crate) fn public_jwk(&self, kid: Option<&str>) -> Option<Value> {
        #[cfg(feature = "builtin-crypto")]
        return self.core.public_jwk(kid).map(|jwk| jwk.to_json());
        #[cfg(not(feature = "builtin-crypto"))]
        {
            let (_, members) = self.held.as_ref()?;
            let mut jwk = members.clone();
            if let Some(kid) = kid {
                jwk.insert("kid".into(), kid.into());
            }
            jwk.insert("use".into(), "sig".into());
            jwk.insert("alg".into(), self.core.algorithm().as_str().into());
            Some(Value::Object(jwk))
        }
    }

    /// The signature of `input` by a key the host holds; `None` when the core signs (HS256, or
    /// every key in the fallback build).
    pub(crate) async fn host_signature(&self, input: &str) -> Result<Option<Vec<u8>>, JsValue> {
        #[cfg(feature = "builtin-crypto")]
        {
            let _ = input;
            Ok(None)
        }
        #[cfg(not(feature = "builtin-crypto"))]
        {
            let Some((key, _)) = &self.held else { return Ok(None) };
            let alg = self.core.algorithm();
            let signature = settled(platform::sign(alg.as_str(), key, input.as_bytes())).await;
            match signature.and_then(|s| s.dyn_into::<js_sys::Uint8Array>().ok()) {
                Some(bytes) => Ok(Some(bytes.to_vec())),
                None => Err(thrown(TokenError::SigningKeyInvalid(format!(
                    "this runtime's WebCrypto did not sign with the {alg} key"
                )))),
            }
        }
    }
}
