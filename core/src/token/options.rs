//! Validator configuration as plain data: what a partner IdMS, a client or a console writes down
//! (JSON, a JavaScript object, a Kotlin/Swift/Python record), made into a verifier, a validator
//! or the security-token rules by one function each. Every binding builds its validators here,
//! so each option means the same, and fails with the same code, in every language.

use super::error::TokenError;
use super::jwk::JwkSet;
use super::jws::Algorithm;
use super::kinds::{AccessTokenValidator, IdTokenValidator, SecurityTokenValidator};
use super::rules::{SecurityTokenReport, SecurityTokenRules};
use super::verify::{Verifier, DEFAULT_MAX_TOKEN_BYTES};
use crate::form::limit_usize;
use crate::scope::{McService, Scope};
use zeroize::Zeroizing;

/// An HS256 shared secret: its bytes are overwritten when it is dropped (`From<Vec<u8>>`:
/// `vec![7u8; 32].into()`). Kotlin, Swift and Python see bytes (`ByteArray`, `Data`, `bytes`).
pub type SharedSecret = Zeroizing<Vec<u8>>;

/// The trusted keys and the rules of a token validator, as plain data: one record for the three
/// kinds of validator (security token, ID token, access token), each reading the members it needs.
#[derive(Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct TokenValidatorOptions {
    /// The expected `iss` (exact).
    pub issuer: String,
    /// The issuer's JWK Set the caller trusts, as JSON text (read from JSON, a string or the
    /// parsed object is taken). Not read when a verifier is given instead.
    #[serde(deserialize_with = "json_text")]
    #[cfg_attr(feature = "wasm", tsify(type = "string | Record<string, unknown>"))]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub jwks: String,
    /// Security token: this IdMS's own address, which `aud` must hold (the `resource` of the
    /// exchange); required for a security-token validator.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub target: Option<String>,
    /// ID token: the client id `aud` must hold (required); access token: the expected
    /// `client_id` claim.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub client_id: Option<String>,
    /// Access token: an audience `aud` must hold.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub audience: Option<String>,
    /// Access token: scope values it must grant.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub scopes: Vec<String>,
    /// Clock leeway in seconds (at most 30: more is `leeway_too_large`); none by default.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub leeway: Option<u64>,
    /// Services whose MCX identity claim (`mcptt_id`, …) is required.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub services: Vec<McService>,
    /// Algorithm allow-list, e.g. `["ES256"]`; none: the five public-key algorithms. An empty
    /// list, or HS256 without a shared secret, is `validator_invalid`.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(type = "string[]"))]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub algorithms: Option<Vec<Algorithm>>,
    /// A shared secret for HS256 (at least 32 bytes), wiped when the options are dropped.
    #[serde(default, deserialize_with = "secret_bytes")]
    #[cfg_attr(feature = "wasm", tsify(type = "Uint8Array"))]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub shared_secret: Option<SharedSecret>,
    /// Largest token in bytes (default 16 KiB).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub max_token_bytes: Option<u64>,
    /// Security token: the longest lifetime (`exp` - `iat`, seconds) accepted (B.8); none by
    /// default.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub max_lifetime: Option<u64>,
}

/// `Debug` shows the options with the shared secret masked ([`REDACTED`](crate::REDACTED)).
impl std::fmt::Debug for TokenValidatorOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenValidatorOptions")
            .field("issuer", &self.issuer)
            .field("jwks", &format_args!("[{} bytes]", self.jwks.len()))
            .field("target", &self.target)
            .field("client_id", &self.client_id)
            .field("audience", &self.audience)
            .field("scopes", &self.scopes)
            .field("leeway", &self.leeway)
            .field("services", &self.services)
            .field("algorithms", &self.algorithms)
            .field("shared_secret", &self.shared_secret.as_ref().map(|_| crate::REDACTED))
            .field("max_token_bytes", &self.max_token_bytes)
            .field("max_lifetime", &self.max_lifetime)
            .finish()
    }
}

impl TokenValidatorOptions {
    /// The verifier of these options: the JWK Set read from [`jwks`](Self::jwks)
    /// (`jwks_malformed`, `jwks_too_large`), then [`configure_verifier`](Self::configure_verifier).
    ///
    /// ```
    /// use mcx_connect::token::{sign, JwsHeader, SecurityTokenValidator, SigningKey, TokenValidatorOptions};
    /// let key = SigningKey::hs256(&[7u8; 32])?;
    /// let claims = serde_json::json!({"iss": "https://idms.primary.example", "sub": "alice",
    ///     "aud": ["mcptt-client", "https://idms.partner.example/token"], "iat": 1_700_000_000, "exp": 1_700_000_300});
    /// let token = sign(&JwsHeader::new(key.algorithm()), &claims, &key)?;
    /// let options = TokenValidatorOptions {
    ///     issuer: "https://idms.primary.example".to_owned(),
    ///     jwks: r#"{"keys": []}"#.to_owned(),
    ///     target: Some("https://idms.partner.example/token".to_owned()),
    ///     shared_secret: Some(vec![7u8; 32].into()),
    ///     algorithms: Some(vec![mcx_connect::token::Algorithm::Hs256]),
    ///     leeway: Some(30),
    ///     ..TokenValidatorOptions::default()
    /// };
    /// let validator = SecurityTokenValidator::from_options(&options, options.verifier()?)?;
    /// assert_eq!(validator.validate(token.expose(), "mcptt-client", 1_700_000_100)?.claims.sub, "alice");
    /// let too_lenient = TokenValidatorOptions { leeway: Some(31), ..options.clone() };
    /// let err = SecurityTokenValidator::from_options(&too_lenient, options.verifier()?).unwrap_err();
    /// assert_eq!(err.code(), "leeway_too_large");
    /// # Ok::<(), mcx_connect::token::TokenError>(())
    /// ```
    pub fn verifier(&self) -> Result<Verifier, TokenError> {
        self.configure_verifier(Verifier::new(JwkSet::parse(&self.jwks)?))
    }

    /// `verifier` (keys already read, another backend) with the shared secret, the algorithm
    /// allow-list and the size bound of these options.
    pub fn configure_verifier(&self, mut verifier: Verifier) -> Result<Verifier, TokenError> {
        if let Some(secret) = &self.shared_secret {
            verifier = verifier.with_shared_secret(secret)?;
        }
        if let Some(algorithms) = &self.algorithms {
            verifier = verifier.with_algorithms(algorithms)?;
        }
        if let Some(max) = self.max_token_bytes {
            verifier = verifier.with_max_token_bytes(limit_usize(max));
        }
        Ok(verifier)
    }

    fn required<'a>(value: &'a Option<String>, what: &str) -> Result<&'a str, TokenError> {
        value.as_deref().ok_or_else(|| TokenError::ValidatorInvalid(format!("the options have no {what}")))
    }
}

impl SecurityTokenValidator {
    /// The validator of `options` (`issuer`, `target`; `leeway`, `services`, `max_lifetime`)
    /// over `verifier` (usually [`TokenValidatorOptions::verifier`]). Without a `target` it is
    /// `validator_invalid`.
    pub fn from_options(options: &TokenValidatorOptions, verifier: Verifier) -> Result<Self, TokenError> {
        let target = TokenValidatorOptions::required(&options.target, "target")?;
        let mut validator =
            Self::new(options.issuer.as_str(), target, verifier)?.with_leeway(options.leeway.unwrap_or(0))?;
        for &service in &options.services {
            validator = validator.require_service(service);
        }
        Ok(match options.max_lifetime {
            Some(max) => validator.with_max_lifetime(max),
            None => validator,
        })
    }
}

impl IdTokenValidator {
    /// The validator of `options` (`issuer`, `client_id`; `leeway`, `services`) over `verifier`.
    /// Without a `client_id` it is `validator_invalid`.
    pub fn from_options(options: &TokenValidatorOptions, verifier: Verifier) -> Result<Self, TokenError> {
        let client_id = TokenValidatorOptions::required(&options.client_id, "client id")?;
        let mut validator =
            Self::new(options.issuer.as_str(), client_id, verifier)?.with_leeway(options.leeway.unwrap_or(0))?;
        for &service in &options.services {
            validator = validator.require_service(service);
        }
        Ok(validator)
    }
}

impl AccessTokenValidator {
    /// The validator of `options` (`issuer`; `audience`, `client_id`, `scopes`, `leeway`,
    /// `services`) over `verifier`.
    pub fn from_options(options: &TokenValidatorOptions, verifier: Verifier) -> Result<Self, TokenError> {
        let mut validator = Self::new(options.issuer.as_str(), verifier)?.with_leeway(options.leeway.unwrap_or(0))?;
        if let Some(audience) = &options.audience {
            validator = validator.with_audience(audience.as_str());
        }
        if let Some(client_id) = &options.client_id {
            validator = validator.with_client_id(client_id.as_str());
        }
        for scope in &options.scopes {
            validator = validator.require_scope(Scope::from_value(scope));
        }
        for &service in &options.services {
            validator = validator.require_service(service);
        }
        Ok(validator)
    }
}

/// The rules a security token is checked with when there are no keys (a client, a console), as
/// plain data, checked one by one without the signature.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct SecurityTokenRulesInit {
    /// The partner IdMS address `aud` must hold (the `resource` of the exchange).
    pub target: String,
    /// The expected `iss`; without it the `iss` rule is not checked.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub issuer: Option<String>,
    /// Clock leeway in seconds (at most 30); none by default.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub leeway: Option<u64>,
    /// Services whose MCX identity claim is required.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub services: Vec<McService>,
    /// The longest lifetime (`exp` - `iat`, seconds) accepted (B.8); none by default.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub max_lifetime: Option<u64>,
    /// Largest token in bytes (default 16 KiB).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub max_token_bytes: Option<u64>,
    /// Seconds `iat` and `nbf` may lie ahead of `now` (the issuer's clock ahead of this one),
    /// at most 30, without extending `exp`: a client's allowance; none by default.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub clock_skew: Option<u64>,
}

impl SecurityTokenRulesInit {
    /// Every rule of [`SecurityTokenRules::check_unverified`] one by one, with these rules;
    /// fails only for rules that do not make [`SecurityTokenRules`] (`validator_invalid`,
    /// `leeway_too_large`) or a `now` in milliseconds.
    ///
    /// ```
    /// use mcx_connect::token::SecurityTokenRulesInit;
    /// let init = SecurityTokenRulesInit { target: "https://idms.partner.example/token".to_owned(), ..Default::default() };
    /// let report = init.check_unverified("not-a-token", "mcptt-client", 1_700_000_000)?;
    /// assert_eq!(report.failure().map(|e| e.code()), Some("token_malformed"));
    /// let lenient = SecurityTokenRulesInit { leeway: Some(60), ..init };
    /// assert_eq!(lenient.check_unverified("x", "mcptt-client", 1_700_000_000).unwrap_err().code(), "leeway_too_large");
    /// # Ok::<(), mcx_connect::token::TokenError>(())
    /// ```
    pub fn check_unverified(&self, token: &str, client_id: &str, now: u64) -> Result<SecurityTokenReport, TokenError> {
        let max_bytes = self.max_token_bytes.map_or(DEFAULT_MAX_TOKEN_BYTES, limit_usize);
        SecurityTokenRules::from_init(self)?.check_unverified(token, client_id, now, max_bytes)
    }
}

impl SecurityTokenRules {
    /// The rules `init` describes (`validator_invalid` for an empty target or issuer,
    /// `leeway_too_large` for a leeway or clock skew above 30 s).
    pub fn from_init(init: &SecurityTokenRulesInit) -> Result<Self, TokenError> {
        let mut rules = Self::new(init.target.as_str())?
            .with_leeway(init.leeway.unwrap_or(0))?
            .with_clock_skew(init.clock_skew.unwrap_or(0))?;
        if let Some(issuer) = &init.issuer {
            rules = rules.with_issuer(issuer.as_str())?;
        }
        for &service in &init.services {
            rules = rules.require_service(service);
        }
        Ok(match init.max_lifetime {
            Some(max) => rules.with_max_lifetime(max),
            None => rules,
        })
    }
}

/// A JSON member taken as JSON text: a string as it is, any other value written out.
fn json_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(match <serde_json::Value as serde::Deserialize>::deserialize(deserializer)? {
        serde_json::Value::String(text) => text,
        other => crate::json::to_text(&other),
    })
}

/// Secret bytes: an array of numbers, serde bytes, a string (its UTF-8 bytes), or an object
/// of index → byte (what `JSON.stringify` makes of a `Uint8Array`); `null` is none. An error
/// never quotes the value.
fn secret_bytes<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<SharedSecret>, D::Error> {
    deserializer.deserialize_any(SecretBytes)
}

/// Reads the HS256 secret from every form a host writes bytes in: a `Uint8Array` as
/// `JSON.stringify` writes it (an object of index → byte), an array of bytes, or a string taken
/// as UTF-8. Read straight into the result, with no JSON value in between, so that no copy of the
/// secret is left behind but the one returned: a part-read secret is wiped when refused.
struct SecretBytes;

impl SecretBytes {
    fn refused<E: serde::de::Error>() -> E {
        E::custom("the shared secret is not bytes (a Uint8Array) or a string")
    }
}

impl<'de> serde::de::Visitor<'de> for SecretBytes {
    type Value = Option<SharedSecret>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("bytes (a Uint8Array) or a string")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(Self::refused())
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(Self::refused())
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(Self::refused())
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(Self::refused())
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Some(Zeroizing::new(text.as_bytes().to_vec())))
    }

    fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Some(Zeroizing::new(text.into_bytes())))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut items: A) -> Result<Self::Value, A::Error> {
        let mut bytes = Zeroizing::new(Vec::new());
        while let Some(byte) = items.next_element::<u8>().map_err(|_| Self::refused())? {
            bytes.push(byte);
        }
        Ok(Some(bytes))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut members: A) -> Result<Self::Value, A::Error> {
        // Members may come in any order: each byte is placed at its index once all are read.
        let mut placed: Zeroizing<Vec<(usize, u8)>> = Zeroizing::new(Vec::new());
        while let Some(index) = members.next_key::<String>()? {
            let at = index.parse::<usize>().ok().filter(|i| i.to_string() == index).ok_or_else(Self::refused)?;
            placed.push((at, members.next_value::<u8>().map_err(|_| Self::refused())?));
        }
        let mut bytes = Zeroizing::new(vec![0u8; placed.len()]);
        let mut seen = vec![false; placed.len()];
        for &(at, byte) in placed.iter() {
            match (bytes.get_mut(at), seen.get_mut(at)) {
                (Some(slot), Some(taken)) if !*taken => (*slot, *taken) = (byte, true),
                _ => return Err(Self::refused()),
            }
        }
        Ok(Some(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: serde_json::Value) -> Result<TokenValidatorOptions, serde_json::Error> {
        serde_json::from_value(json)
    }

    /// Options holding `secret` as their shared secret (the member's name is camelCase for the
    /// npm package, feature `wasm`).
    fn with_secret(secret: serde_json::Value) -> Result<TokenValidatorOptions, serde_json::Error> {
        let name = if cfg!(feature = "wasm") { "sharedSecret" } else { "shared_secret" };
        let mut options = serde_json::json!({"issuer": "https://idms.example", "jwks": ""});
        options[name] = secret;
        read(options)
    }

    #[test]
    fn debug_of_the_options_never_shows_the_shared_secret() {
        let options = TokenValidatorOptions {
            issuer: "https://idms.example".to_owned(),
            shared_secret: Some(b"an-hs256-secret-of-32-bytes-long".to_vec().into()),
            ..TokenValidatorOptions::default()
        };
        let shown = format!("{options:?}");
        assert!(shown.contains(r#"shared_secret: Some("[redacted]")"#), "{shown}");
        assert!(!shown.contains("97, 110") && !shown.contains("an-hs256"), "{shown}");
    }

    #[test]
    fn services_are_read_by_their_scope_names_and_their_long_names() {
        let options = read(
            serde_json::json!({"issuer": "https://idms.example", "jwks": "", "services": ["ptt", "mcvideo", "mcdata"]}),
        )
        .unwrap();
        assert_eq!(options.services, [McService::Ptt, McService::Video, McService::Data]);
        assert!(read(serde_json::json!({"issuer": "https://idms.example", "jwks": "", "services": ["voice"]})).is_err());
    }

    #[test]
    fn jwks_is_read_as_text_or_as_the_parsed_object() {
        let set = r#"{"keys":[]}"#;
        let from_text = read(serde_json::json!({"issuer": "https://idms.example", "jwks": set})).unwrap();
        let from_object = read(serde_json::json!({"issuer": "https://idms.example", "jwks": {"keys": []}})).unwrap();
        assert_eq!((from_text.jwks.as_str(), from_object.jwks.as_str()), (set, set));
        assert!(from_object.verifier().is_ok());
    }

    #[test]
    fn shared_secret_is_read_from_every_form_a_host_writes_bytes_in() {
        let expected = Some(vec![1u8, 2, 3].into());
        for secret in [
            serde_json::json!([1, 2, 3]),
            serde_json::json!({"0": 1, "1": 2, "2": 3}),
            serde_json::json!({"2": 3, "0": 1, "1": 2}),
        ] {
            assert_eq!(with_secret(secret).unwrap().shared_secret, expected);
        }
        assert_eq!(
            with_secret(serde_json::json!("abc")).unwrap().shared_secret.as_deref().map(Vec::as_slice),
            Some(&b"abc"[..])
        );
        assert_eq!(with_secret(serde_json::Value::Null).unwrap().shared_secret, None);
    }

    #[test]
    fn a_shared_secret_that_is_not_bytes_is_refused_without_quoting_it() {
        for secret in [
            serde_json::json!([1, 256]),
            serde_json::json!({"1": 1}),
            serde_json::json!({"00": 1}),
            serde_json::json!({"0": 1, "x": 2}),
            serde_json::json!({"0": "1"}),
            serde_json::json!([[1]]),
            serde_json::json!(true),
            serde_json::json!(7),
            serde_json::json!(-7),
            serde_json::json!(0.5),
        ] {
            let err = with_secret(secret).unwrap_err();
            assert!(err.to_string().starts_with("the shared secret is not bytes"), "{err}");
        }
    }

    #[test]
    fn a_shared_secret_object_naming_one_index_twice_is_refused() {
        // `JSON.stringify` of a `Uint8Array` never repeats an index; read from text, not a `Value`
        // (which keeps one member per name).
        let name = if cfg!(feature = "wasm") { "sharedSecret" } else { "shared_secret" };
        let text = format!(r#"{{"issuer": "https://idms.example", "jwks": "", "{name}": {{"0": 1, "0": 2}}}}"#);
        let err = serde_json::from_str::<TokenValidatorOptions>(&text).unwrap_err();
        assert!(err.to_string().starts_with("the shared secret is not bytes"), "{err}");
    }

    #[test]
    fn an_unknown_member_is_refused() {
        assert!(read(serde_json::json!({"issuer": "i", "jwks": "", "leway": 30})).is_err());
    }

    #[test]
    fn b_7_4_a_security_token_validator_needs_its_target() {
        let options = TokenValidatorOptions { issuer: "https://idms.example".to_owned(), ..Default::default() };
        let verifier = Verifier::new(JwkSet::default());
        let err = SecurityTokenValidator::from_options(&options, verifier.clone()).unwrap_err();
        assert_eq!(err.code(), "validator_invalid");
        assert_eq!(IdTokenValidator::from_options(&options, verifier.clone()).unwrap_err().code(), "validator_invalid");
        assert!(AccessTokenValidator::from_options(&options, verifier).is_ok());
    }

    #[test]
    fn b_2_1_2_leeway_above_30_seconds_is_refused_by_every_kind() {
        let options = TokenValidatorOptions {
            issuer: "https://idms.example".to_owned(),
            target: Some("https://idms.partner.example/token".to_owned()),
            client_id: Some("mcptt-client".to_owned()),
            leeway: Some(31),
            ..Default::default()
        };
        let verifier = Verifier::new(JwkSet::default());
        let codes = [
            SecurityTokenValidator::from_options(&options, verifier.clone()).map(drop),
            IdTokenValidator::from_options(&options, verifier.clone()).map(drop),
            AccessTokenValidator::from_options(&options, verifier).map(drop),
            SecurityTokenRulesInit { target: "t".to_owned(), leeway: Some(31), ..Default::default() }
                .check_unverified("x.y.z", "c", 1_700_000_000)
                .map(drop),
        ]
        .map(|result| result.unwrap_err().code());
        assert_eq!(codes, ["leeway_too_large"; 4]);
    }

    #[test]
    fn an_empty_algorithm_list_is_refused_and_none_means_the_public_key_algorithms() {
        let options = TokenValidatorOptions { algorithms: Some(Vec::new()), ..Default::default() };
        let verifier = Verifier::new(JwkSet::default());
        assert_eq!(options.configure_verifier(verifier.clone()).unwrap_err().code(), "validator_invalid");
        let default = TokenValidatorOptions::default().configure_verifier(verifier).unwrap();
        assert_eq!(default.algorithms(), Algorithm::PUBLIC_KEY);
    }
}
