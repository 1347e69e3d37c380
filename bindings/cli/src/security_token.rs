//! The security token's rules, one row each (TS 33.180 B.7.3, B.2.1.2), as `migrate` shows them
//! and `probe primary` grades them. All in [`rules`]: when the core gains its own rule-by-rule
//! security-token report, this function is the one place to switch to it.

use crate::checks::Check;
use mcx_connect::token::{JwkSet, SecurityTokenValidator, UnverifiedToken, Verifier, MAX_SUBJECT_BYTES};
use serde_json::Value;

/// What the security token is checked against.
pub(crate) struct Expectations<'a> {
    /// The client the token is for (`aud`).
    pub(crate) client_id: &'a str,
    /// The partner token endpoint (`resource` of the exchange; `aud`).
    pub(crate) resource: &'a str,
    /// The primary IdMS's issuer, when known (`iss`).
    pub(crate) issuer: Option<&'a str>,
    /// The primary's JWK Set, when known (signature).
    pub(crate) jwks: Option<&'a JwkSet>,
    /// Now, in seconds since the epoch.
    pub(crate) now: u64,
    /// The longest acceptable lifetime (`exp` − `iat`), in seconds.
    pub(crate) max_lifetime: u64,
}

/// Token error codes that mean the signature (or the JWS around it) did not verify; any other
/// refusal by the validator came after the signature was checked.
const SIGNATURE_CODES: [&str; 8] = [
    "token_malformed",
    "token_too_large",
    "token_algorithm_refused",
    "token_crit_unsupported",
    "token_unknown_key",
    "token_key_mismatch",
    "token_key_not_for_signature",
    "token_bad_signature",
];

/// The rows, prefixed with `prefix` (`valid.security_token.`).
pub(crate) fn rules(prefix: &str, token: &str, expect: &Expectations<'_>) -> Vec<Check> {
    let id = |name: &str| format!("{prefix}{name}");
    let seen = match UnverifiedToken::inspect(token) {
        Ok(seen) => seen,
        Err(e) => return vec![Check::graded(id("jws"), "B.7.3", "a compact JWS (JWT)", e.code(), false)],
    };
    let mut checks = Vec::new();
    checks.push(signature(&id("signature"), token, &seen, expect));
    let iss = seen.issuer().unwrap_or("(none)");
    checks.push(match expect.issuer {
        Some(issuer) => Check::graded(id("iss"), "B.2.1.2", issuer, iss, iss == issuer),
        None => Check::skipped(id("iss"), "B.2.1.2", "the primary's issuer", "give --issuer"),
    });
    let sub = seen.claims.get("sub").and_then(Value::as_str);
    checks.push(Check::graded(
        id("sub"),
        "B.2.1.2",
        format!("a string of at most {MAX_SUBJECT_BYTES} bytes"),
        sub.map_or("(none)".to_owned(), |s| format!("{} bytes", s.len())),
        sub.is_some_and(|s| !s.is_empty() && s.len() <= MAX_SUBJECT_BYTES),
    ));
    let audience: Vec<&str> = match seen.claims.get("aud") {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let aud_text = format!("[{}]", audience.join(", "));
    checks.push(Check::graded(
        id("aud_client_id"),
        "B.7.3",
        format!("aud holds the client id {}", expect.client_id),
        aud_text.clone(),
        audience.contains(&expect.client_id),
    ));
    checks.push(Check::graded(
        id("aud_resource"),
        "B.7.3",
        format!("aud holds the partner address {}", expect.resource),
        aud_text,
        audience.contains(&expect.resource),
    ));
    let exp = seen.claims.get("exp").and_then(Value::as_u64);
    let iat = seen.claims.get("iat").and_then(Value::as_u64);
    checks.push(Check::graded(
        id("exp"),
        "B.2.1.2",
        "exp after now",
        exp.map_or("(no numeric exp)".to_owned(), |exp| relative(exp, expect.now)),
        exp.is_some_and(|exp| exp > expect.now),
    ));
    let lifetime = exp.zip(iat).map(|(exp, iat)| exp.saturating_sub(iat));
    checks.push(Check::graded(
        id("lifetime"),
        "B.7.3",
        format!("exp - iat at most {} s", expect.max_lifetime),
        lifetime.map_or("(no numeric exp or iat)".to_owned(), |l| format!("{l} s")),
        lifetime.is_some_and(|l| l <= expect.max_lifetime),
    ));
    checks
}

/// The signature against the primary's JWK Set, with the core's validator: a refusal for any
/// reason after the signature (audience, time) still means the signature verified.
fn signature(id: &str, token: &str, seen: &UnverifiedToken, expect: &Expectations<'_>) -> Check {
    let expected = "verifies with the primary's JWK Set";
    let Some(jwks) = expect.jwks else {
        return Check::skipped(id, "B.7.3", expected, "give --jwks-uri or --jwks");
    };
    let issuer = expect.issuer.or(seen.issuer()).unwrap_or("-");
    let validator = match SecurityTokenValidator::new(issuer, expect.resource, Verifier::new(jwks.clone())) {
        Ok(validator) => validator,
        Err(e) => return Check::graded(id, "B.7.3", expected, e.code(), false),
    };
    let alg = &seen.header.alg;
    match validator.validate(token, expect.client_id, expect.now) {
        Ok(_) => Check::graded(id, "B.7.3", expected, format!("{alg} signature verified"), true),
        Err(e) if SIGNATURE_CODES.contains(&e.code()) => Check::graded(id, "B.7.3", expected, e.code(), false),
        Err(_) => Check::graded(id, "B.7.3", expected, format!("{alg} signature verified"), true),
    }
}

fn relative(at: u64, now: u64) -> String {
    if at > now {
        format!("in {} s", at - now)
    } else {
        format!("{} s ago", now - at)
    }
}
