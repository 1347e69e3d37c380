//! The security token's rules, one row each (TS 33.180 B.7.3, B.2.1.2, B.8), as `migrate` shows
//! them and `probe primary` grades them: the core's own rule-by-rule report
//! ([`SecurityTokenRules`]), the same rules the partner IdMS's validator, the migration flow and
//! the bindings apply, turned into check rows.

use crate::checks::Check;
use mcx_connect::token::{JwkSet, RuleOutcome, SecurityTokenRules, Verifier, DEFAULT_MAX_TOKEN_BYTES};

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

/// What each rule expects, in words (the report's detail says what the token holds).
fn expected(rule: &str, expect: &Expectations<'_>) -> String {
    match rule {
        "structure" => "a compact JWS (JWT)".to_owned(),
        "signature" => "verifies with the primary's JWK Set".to_owned(),
        "claims" => "iss, sub (at most 255 bytes), aud, exp, iat".to_owned(),
        "iss" => expect.issuer.unwrap_or("the primary's issuer").to_owned(),
        "exp" => "exp after now".to_owned(),
        "nbf" => "nbf, if any, not after now".to_owned(),
        "iat" => "iat not in the future".to_owned(),
        "lifetime" => format!("exp - iat at most {} s", expect.max_lifetime),
        "aud_client" => format!("aud holds the client id {}", expect.client_id),
        "aud_target" => format!("aud holds the partner address {}", expect.resource),
        "azp" => "azp, if any, is the client id".to_owned(),
        _ => "the MCX identity of the service".to_owned(),
    }
}

/// The rows, prefixed with `prefix` (`valid.security_token.`). A rule the core could not check
/// is a visible skip that says what is missing (never a pass); the MCX identity rule, which
/// nothing here requires, is left out.
pub(crate) fn rules(prefix: &str, token: &str, expect: &Expectations<'_>) -> Vec<Check> {
    let id = |name: &str| format!("{prefix}{name}");
    let report = SecurityTokenRules::new(expect.resource)
        .and_then(|rules| match expect.issuer {
            Some(issuer) => rules.with_issuer(issuer),
            None => Ok(rules),
        })
        .map(|rules| rules.with_max_lifetime(expect.max_lifetime))
        .and_then(|rules| match expect.jwks {
            Some(jwks) => rules.check(token, expect.client_id, expect.now, &Verifier::new(jwks.clone())),
            None => rules.check_unverified(token, expect.client_id, expect.now, DEFAULT_MAX_TOKEN_BYTES),
        });
    let report = match report {
        Ok(report) => report,
        Err(e) => return vec![Check::graded(id("structure"), "B.7.3", "rules that can be applied", e.code(), false)],
    };
    report
        .rules
        .iter()
        .filter(|rule| !(rule.id == "service_ids" && rule.outcome == RuleOutcome::NotChecked))
        .map(|rule| {
            let expected = expected(rule.id, expect);
            match rule.outcome {
                RuleOutcome::Pass => Check::graded(id(rule.id), rule.clause, expected, rule.detail.clone(), true),
                RuleOutcome::Fail => {
                    let code = rule.code.unwrap_or("refused");
                    let got =
                        if rule.detail.is_empty() { code.to_owned() } else { format!("{} ({code})", rule.detail) };
                    Check::graded(id(rule.id), rule.clause, expected, got, false)
                }
                RuleOutcome::NotChecked => {
                    let why = match rule.id {
                        "signature" => "give --jwks-uri or --jwks",
                        "iss" => "give --issuer",
                        _ => rule.detail.as_str(),
                    };
                    Check::skipped(id(rule.id), rule.clause, expected, why)
                }
            }
        })
        .collect()
}
