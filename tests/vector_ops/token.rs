//! Vector operations for issue 4: tokens (JWS verification, JWK Sets, claims, signing).
//!
//! | operation | input | ok output |
//! |---|---|---|
//! | `token.validate` | `kind` (`security` \| `id` \| `access`), `token`, `jwks` (a JWK Set object), `issuer`, `now`; `target` and `client_id` (security); `client_id`, `nonce`? (id); `audience`?, `expected_client_id`?, `scopes`? (access); and for every kind `leeway`?, `services`? (`ptt` \| `video` \| `data`), `algorithms`?, `shared_secret_hex`?, `max_token_bytes`? | `header`, `claims`, and `scope` (access) |
//! | `token.inspect` | `token` | `header`, `claims`, `signature_bytes` |
//! | `token.sign` | `secret_hex` (32-byte P-256 scalar), `kid`?, `claims` | `public_jwk`, `verified_claims` (the claims read back after verifying with `public_jwk`) |
//! | `jwks.parse` | `jwks_text` | `keys`: `[{kid, key_type}]`, `ignored`: `[{kid, reason}]` |
//! | `jwt_bearer.parse_and_verify` | `request`, parse options, `validator` (`jwks`, `issuer`, `target`, `leeway`?), `now` | `client_id`, `claims` |
//! | `exchange.parse_and_verify` | `request`, parse options, `validator` (`jwks`, `issuer`, `audience`?, `leeway`?), `now` | `resource`, `claims`, `scope` |
//! | `security_token.issue` | as `exchange.parse_and_verify`, plus `issuer` (`issuer`, `secret_hex` P-256 scalar, `lifetime`, `kid`?, `jti`?) | `token_type`, `issued_token_type`, `expires_in`, and the issued token's `header` and `claims` |
//! | `security_token.check` | `token`, `target`, `client_id`, `now`, `issuer`?, `leeway`?, `services`?, `max_lifetime`?, `clock_skew`? (without `jwks` only); with `jwks` (and `shared_secret_hex`?…) the validator's report, without it the rules without keys | `passed`, `failure` (code or `null`), `outcomes` (`{rule id: "pass" \| "fail" \| "not_checked"}`), `exp` (as read, or `null`) |

use super::input::{opt_str, str};
use super::request::{http_request, parse_options};
use super::{bad_case, Failure, Outcome};
use mcx_connect::token::{
    sign, AccessTokenValidator, Algorithm, BuiltInBackend, IdTokenValidator, JwkSet, JwsHeader, RingBackend,
    SecurityTokenIssuer, SecurityTokenRulesInit, SecurityTokenValidator, SigningKey, TokenError, TokenValidatorOptions,
    UnverifiedToken, Verifier,
};
use mcx_connect::{Error, JwtBearerRequest, McService, TokenExchangeRequest};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

/// How the token operations check signatures. The runner runs every vector once per path, and
/// each path must give every vector's expected output: a backend that disagrees with the
/// built-in one on any case fails.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum SignaturePath {
    /// The default: `Verifier` with the built-in (pure Rust) backend.
    BuiltIn,
    /// `Verifier::with_backend(RingBackend)`.
    Ring,
    /// `token.validate` as a host with its own crypto does it: the validator's `prepare`, the
    /// signature checked outside the core, then `finish` (other operations: built-in).
    PrepareFinish,
}

static PATH: AtomicU8 = AtomicU8::new(0);

/// Sets the signature path of the following cases.
pub(crate) fn set_signature_path(path: SignaturePath) {
    PATH.store(path as u8, Ordering::Relaxed);
}

fn signature_path() -> SignaturePath {
    match PATH.load(Ordering::Relaxed) {
        1 => SignaturePath::Ring,
        2 => SignaturePath::PrepareFinish,
        _ => SignaturePath::BuiltIn,
    }
}

/// `Verifier::new` with the backend of the current path.
fn new_verifier(keys: JwkSet) -> Verifier {
    let verifier = Verifier::new(keys);
    match signature_path() {
        SignaturePath::Ring => verifier.with_backend(Arc::new(RingBackend)),
        SignaturePath::BuiltIn | SignaturePath::PrepareFinish => verifier,
    }
}

pub(super) fn dispatch(operation: &str, input: &Value) -> Option<Outcome> {
    Some(match operation {
        "token.validate" => validate(input),
        "token.inspect" => inspect(input),
        "token.sign" => sign_token(input),
        "jwks.parse" => jwks_parse(input),
        "jwt_bearer.parse_and_verify" => jwt_bearer_parse_and_verify(input),
        "exchange.parse_and_verify" => exchange_parse_and_verify(input),
        "security_token.issue" => security_token_issue(input),
        "security_token.check" => security_token_check(input),
        _ => return None,
    })
}

fn token_error(error: TokenError) -> Failure {
    Error::from(error).into()
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<Value, Failure> {
    serde_json::to_value(value).map_err(|e| bad_case(format!("output does not serialize: {e}")))
}

fn now(input: &Value) -> Result<u64, Failure> {
    input.get("now").and_then(Value::as_u64).ok_or_else(|| bad_case("input.now must be a number"))
}

fn hex(text: &str) -> Result<Vec<u8>, Failure> {
    text.as_bytes()
        .chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .filter(|p| p.len() == 2)
                .and_then(|p| u8::from_str_radix(p, 16).ok())
                .ok_or_else(|| bad_case("input hex is not pairs of hex digits"))
        })
        .collect()
}

fn strings(input: &Value, key: &str) -> Result<Vec<String>, Failure> {
    match input.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| bad_case(format!("input.{key} must hold strings"))))
            .collect(),
        Some(_) => Err(bad_case(format!("input.{key} must be an array"))),
    }
}

fn services(input: &Value) -> Result<Vec<McService>, Failure> {
    strings(input, "services")?
        .iter()
        .map(|s| McService::parse(s).ok_or_else(|| bad_case(format!("unknown service `{s}`"))))
        .collect()
}

/// The validator options a vector describes: `issuer`, `target`, `audience`, `scopes`,
/// `leeway`, `services`, `algorithms`, `shared_secret_hex`, `max_token_bytes`, `max_lifetime`,
/// and the client id from `client_key`.
fn options(input: &Value, client_key: &str) -> Result<TokenValidatorOptions, Failure> {
    let algorithms = strings(input, "algorithms")?
        .iter()
        .map(|a| Algorithm::parse(a).ok_or_else(|| bad_case(format!("unknown algorithm `{a}`"))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(TokenValidatorOptions {
        issuer: str(input, "issuer")?.to_owned(),
        jwks: input.get("jwks").ok_or_else(|| bad_case("input.jwks is required"))?.to_string(),
        target: opt_str(input, "target").map(str::to_owned),
        client_id: opt_str(input, client_key).map(str::to_owned),
        audience: opt_str(input, "audience").map(str::to_owned),
        scopes: strings(input, "scopes")?,
        leeway: input.get("leeway").and_then(Value::as_u64),
        services: services(input)?,
        algorithms: (!algorithms.is_empty()).then_some(algorithms),
        shared_secret: opt_str(input, "shared_secret_hex").map(hex).transpose()?.map(Into::into),
        max_token_bytes: input.get("max_token_bytes").and_then(Value::as_u64),
        max_lifetime: input.get("max_lifetime").and_then(Value::as_u64),
    })
}

/// The validator `make` builds from the vector's options (`TokenValidatorOptions`, as every
/// binding builds it), over a verifier on the run's signature path.
fn validator<V>(
    input: &Value,
    client_key: &str,
    make: fn(&TokenValidatorOptions, Verifier) -> Result<V, TokenError>,
) -> Result<V, Failure> {
    let options = options(input, client_key)?;
    let keys = JwkSet::parse(&options.jwks).map_err(token_error)?;
    make(&options, options.configure_verifier(new_verifier(keys)).map_err(token_error)?).map_err(token_error)
}

fn security_validator(input: &Value) -> Result<SecurityTokenValidator, Failure> {
    validator(input, "client_id", SecurityTokenValidator::from_options)
}

/// The validator's report with `jwks`, the rules without keys otherwise.
fn security_token_check(input: &Value) -> Outcome {
    let (token, client_id, now) = (str(input, "token")?, str(input, "client_id")?, now(input)?);
    let report = if input.get("jwks").is_some() {
        security_validator(input)?.report(token, client_id, now)
    } else {
        let rules = SecurityTokenRulesInit {
            target: str(input, "target")?.to_owned(),
            issuer: opt_str(input, "issuer").map(str::to_owned),
            leeway: input.get("leeway").and_then(Value::as_u64),
            services: services(input)?,
            max_lifetime: input.get("max_lifetime").and_then(Value::as_u64),
            max_token_bytes: None,
            clock_skew: input.get("clock_skew").and_then(Value::as_u64),
        };
        rules.check_unverified(token, client_id, now)
    }
    .map_err(token_error)?;
    let outcomes: serde_json::Map<String, Value> =
        report.rules.iter().map(|rule| (rule.id.to_owned(), json!(rule.outcome.as_str()))).collect();
    Ok(json!({
        "passed": report.passed(),
        "failure": report.failure().map(TokenError::code),
        "outcomes": outcomes,
        "exp": report.claims.as_ref().map(|claims| claims.exp),
    }))
}

fn access_validator(input: &Value) -> Result<AccessTokenValidator, Failure> {
    validator(input, "expected_client_id", AccessTokenValidator::from_options)
}

/// Validates `$token` with `$validator` on the run's signature path: `validate` in one call, or
/// (PrepareFinish) the validator's `prepare`, the built-in backend's verdict on what it hands
/// out, then `finish`. The `[...]` arguments (a client id, a nonce) go before `now`, as each kind
/// of validator takes them. A macro, because the three validators share these method names but no
/// trait.
macro_rules! validate_on_signature_path {
    ($validator:expr, $token:expr, [$($context:expr),*], $now:expr) => {
        if signature_path() == SignaturePath::PrepareFinish {
            $validator.prepare($token).and_then(|pending| {
                let verified = pending.verify_with(&BuiltInBackend);
                $validator.finish(pending, verified, $($context,)* $now)
            })
        } else {
            $validator.validate($token, $($context,)* $now)
        }
    };
}

fn validate(input: &Value) -> Outcome {
    let token = str(input, "token")?;
    let now = now(input)?;
    match str(input, "kind")? {
        "security" => {
            let validator = security_validator(input)?;
            let client_id = str(input, "client_id")?;
            to_json(&validate_on_signature_path!(validator, token, [client_id], now).map_err(token_error)?)
        }
        "id" => {
            let validator = validator(input, "client_id", IdTokenValidator::from_options)?;
            let nonce = opt_str(input, "nonce");
            to_json(&validate_on_signature_path!(validator, token, [nonce], now).map_err(token_error)?)
        }
        "access" => {
            let validator = access_validator(input)?;
            to_json(&validate_on_signature_path!(validator, token, [], now).map_err(token_error)?)
        }
        other => Err(bad_case(format!("unknown token kind `{other}`"))),
    }
}

fn inspect(input: &Value) -> Outcome {
    to_json(&UnverifiedToken::inspect(str(input, "token")?).map_err(token_error)?)
}

fn sign_token(input: &Value) -> Outcome {
    let secret: [u8; 32] =
        hex(str(input, "secret_hex")?)?.try_into().map_err(|_| bad_case("secret_hex must be 32 bytes"))?;
    let key = SigningKey::es256(&secret).map_err(token_error)?;
    let kid = opt_str(input, "kid");
    let claims = input.get("claims").ok_or_else(|| bad_case("input.claims is required"))?;
    let mut header = JwsHeader::new(key.algorithm());
    header.kid = kid.map(str::to_owned);
    let token = sign(&header, claims, &key).map_err(token_error)?;
    let jwk = key.public_jwk(kid).ok_or_else(|| bad_case("an ES256 key has a public JWK"))?;
    let verifier = new_verifier(JwkSet::from_keys(vec![jwk.clone()]));
    let issuer = claims.get("iss").and_then(Value::as_str).unwrap_or_default();
    let target = claims.get("aud").and_then(|a| a.get(1)).and_then(Value::as_str).unwrap_or_default();
    let client = claims.get("aud").and_then(|a| a.get(0)).and_then(Value::as_str).unwrap_or_default();
    let iat = claims.get("iat").and_then(Value::as_u64).unwrap_or_default();
    let checked = SecurityTokenValidator::new(issuer, target, verifier)
        .and_then(|v| v.validate(token.expose(), client, iat))
        .map_err(token_error)?;
    Ok(json!({ "public_jwk": jwk.to_json(), "verified_claims": to_json(&checked.claims)? }))
}

fn jwks_parse(input: &Value) -> Outcome {
    let jwks = JwkSet::parse(str(input, "jwks_text")?).map_err(token_error)?;
    let keys: Vec<Value> = jwks.keys().iter().map(|k| json!({ "kid": k.kid(), "key_type": k.key_type() })).collect();
    let ignored: Vec<Value> = jwks.ignored().iter().map(|k| json!({ "kid": k.kid, "reason": k.reason })).collect();
    Ok(json!({ "keys": keys, "ignored": ignored }))
}

fn jwt_bearer_parse_and_verify(input: &Value) -> Outcome {
    let validator = security_validator(input.get("validator").ok_or_else(|| bad_case("input.validator is required"))?)?;
    let parsed =
        JwtBearerRequest::parse_and_verify(&http_request(input)?, &parse_options(input)?, &validator, now(input)?)?;
    Ok(json!({
        "client_id": parsed.value.request.client.id(),
        "claims": to_json(&parsed.value.security_token.claims)?,
    }))
}

fn exchange_parse_and_verify(input: &Value) -> Outcome {
    let validator = access_validator(input.get("validator").ok_or_else(|| bad_case("input.validator is required"))?)?;
    let parsed =
        TokenExchangeRequest::parse_and_verify(&http_request(input)?, &parse_options(input)?, &validator, now(input)?)?;
    Ok(json!({
        "resource": parsed.value.request.resource,
        "claims": to_json(&parsed.value.subject_token.claims)?,
        "scope": parsed.value.subject_token.scope.to_string(),
    }))
}

fn security_token_issue(input: &Value) -> Outcome {
    let validator = access_validator(input.get("validator").ok_or_else(|| bad_case("input.validator is required"))?)?;
    let settings = input.get("issuer").ok_or_else(|| bad_case("input.issuer is required"))?;
    let secret: [u8; 32] =
        hex(str(settings, "secret_hex")?)?.try_into().map_err(|_| bad_case("secret_hex must be 32 bytes"))?;
    let lifetime = settings.get("lifetime").and_then(Value::as_u64).ok_or_else(|| bad_case("issuer.lifetime"))?;
    let key = SigningKey::es256(&secret).map_err(token_error)?;
    let mut issuer = SecurityTokenIssuer::new(str(settings, "issuer")?, key, lifetime).map_err(token_error)?;
    if let Some(kid) = opt_str(settings, "kid") {
        issuer = issuer.with_kid(kid);
    }
    let now = now(input)?;
    let exchange =
        TokenExchangeRequest::parse_and_verify(&http_request(input)?, &parse_options(input)?, &validator, now)?;
    let response = match opt_str(settings, "jti") {
        Some(jti) => issuer.issue_with_jti(&exchange.value, now, jti),
        None => issuer.issue(&exchange.value, now),
    }?;
    let seen = UnverifiedToken::inspect(response.access_token.expose()).map_err(token_error)?;
    Ok(json!({
        "token_type": response.token_type.as_str(),
        "issued_token_type": response.issued_token_type,
        "expires_in": response.expires_in,
        "header": to_json(&seen.header)?,
        "claims": seen.claims,
    }))
}
