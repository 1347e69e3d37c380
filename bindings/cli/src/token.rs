//! `token inspect` and `token verify`.

use crate::output::{self, Ctx, Table};
use crate::{Failure, Outcome, TokenKind, VerifyArgs};
use mcx_connect::token::{
    AccessTokenValidator, IdTokenValidator, RuleOutcome, RuleResult, SecurityTokenValidator, TokenValidatorOptions,
    UnverifiedToken,
};
use mcx_connect::Error;
use serde_json::{json, Map, Value};

/// Claims holding a time in seconds since the epoch (RFC 7519 §4.1, OpenID Connect Core §2).
const TIME_CLAIMS: [&str; 4] = ["exp", "iat", "nbf", "auth_time"];

fn invalid(ctx: &Ctx, error: impl Into<Error>) -> Failure {
    output::print_error(ctx, &error.into());
    Failure::Invalid
}

/// `token inspect TOKEN|- [--now]`: header and claims, marked unverified.
pub(crate) fn inspect(ctx: &Ctx, token: &str, now: u64) -> Outcome {
    let seen = UnverifiedToken::inspect(token).map_err(|e| invalid(ctx, e))?;
    let header = serde_json::to_value(&seen.header).unwrap_or(Value::Null);
    if ctx.json {
        output::print_json(&json!({
            "verified": false,
            "token": ctx.token(token),
            "header": header,
            "claims": Value::Object(seen.claims.clone()),
            "signature_bytes": seen.signature_bytes,
            "now": now,
            "times": times_json(&seen.claims, now),
        }));
        return Ok(());
    }
    let mut out = format!(
        "{}\n\n",
        ctx.bad("UNVERIFIED: decoded without checking the signature or any claim (use `token verify`)")
    );
    let mut table = Table::new();
    table.row("token", ctx.token(token));
    table.row("now", format!("{now}  {}", utc(now)));
    table.row(
        "signature",
        seen.signature_bytes.map_or_else(|| "not valid base64url".to_owned(), |n| format!("{n} bytes")),
    );
    out.push_str(&table.render(ctx));
    out.push_str(&format!("\n{}\n", ctx.bold("header")));
    out.push_str(&object_table(ctx, header.as_object(), now).render(ctx));
    out.push_str(&format!("\n{}\n", ctx.bold("claims")));
    out.push_str(&object_table(ctx, Some(&seen.claims), now).render(ctx));
    output::print(&out);
    Ok(())
}

/// `token verify`: the full validation of the core's validator for the kind.
pub(crate) fn verify(ctx: &Ctx, token: &str, jwks: &str, args: &VerifyArgs, now: u64) -> Outcome {
    let kind_name = match args.kind {
        TokenKind::Security => "security",
        TokenKind::Id => "id",
        TokenKind::Access => "access",
    };
    let (result, rules) = validate(token, jwks, args, now)?;
    let (header, claims, scope) = match result {
        Ok(checked) => checked,
        Err(error) => {
            if ctx.json {
                let mut object = json!({
                    "kind": kind_name, "valid": false, "verified": false, "now": now,
                    "error": output::error_object(&error),
                });
                if let (Some(rules), Some(object)) = (&rules, object.as_object_mut()) {
                    object.insert("rules".into(), rules_json(rules));
                }
                output::print_json(&object);
            } else {
                let mut table = Table::new();
                table
                    .row("token", format!("{kind_name} token"))
                    .row("result", ctx.bad("invalid"))
                    .row("error", error.code());
                if let Some(oauth) = error.oauth_error() {
                    table.row("oauth error", oauth.as_str());
                }
                table.row("description", error.to_string());
                let mut out = table.render(ctx);
                if let Some(rules) = &rules {
                    out.push_str(&rules_text(ctx, rules));
                }
                output::print(&out);
            }
            return Err(Failure::Invalid);
        }
    };
    let claims_object = claims.as_object().cloned().unwrap_or_default();
    if ctx.json {
        let mut object = Map::new();
        object.insert("kind".into(), json!(kind_name));
        object.insert("valid".into(), json!(true));
        object.insert("verified".into(), json!(true));
        object.insert("header".into(), header);
        object.insert("claims".into(), claims);
        object.insert("now".into(), json!(now));
        object.insert("times".into(), times_json(&claims_object, now));
        if let Some(scope) = scope {
            object.insert("scope".into(), json!(scope));
        }
        if let Some(rules) = &rules {
            object.insert("rules".into(), rules_json(rules));
        }
        output::print_json(&Value::Object(object));
        return Ok(());
    }
    let mut table = Table::new();
    table
        .row("token", format!("{kind_name} token"))
        .row("result", ctx.good("valid: signature and claims verified"))
        .row("now", format!("{now}  {}", utc(now)));
    table.opt("scope", scope);
    let mut out = table.render(ctx);
    out.push_str(&format!("\n{}\n", ctx.bold("header")));
    out.push_str(&object_table(ctx, header.as_object(), now).render(ctx));
    out.push_str(&format!("\n{}\n", ctx.bold("claims")));
    out.push_str(&object_table(ctx, Some(&claims_object), now).render(ctx));
    if let Some(rules) = &rules {
        out.push_str(&rules_text(ctx, rules));
    }
    output::print(&out);
    Ok(())
}

/// The security-token rules one by one, as the core's report gives them (JSON).
fn rules_json(rules: &[RuleResult]) -> Value {
    Value::Array(
        rules
            .iter()
            .map(|r| json!({"id": r.id, "clause": r.clause, "outcome": r.outcome.as_str(), "detail": r.detail, "code": r.code}))
            .collect(),
    )
}

/// The security-token rules one by one, for people.
fn rules_text(ctx: &Ctx, rules: &[RuleResult]) -> String {
    let mut out = format!("\n{}\n", ctx.bold("rules (TS 33.180 B.2.1.2, B.7.4, B.8)"));
    for rule in rules {
        let mark = match rule.outcome {
            RuleOutcome::Pass => ctx.good("pass"),
            RuleOutcome::Fail => ctx.bad("FAIL"),
            RuleOutcome::NotChecked => ctx.dim("not checked"),
        };
        out.push_str(&format!("  {mark}  {}: {}\n", rule.clause, rule.detail));
    }
    out
}

type Checked = (Value, Value, Option<String>);
/// The core's verdict, with the security-token rules one by one when the kind has them.
type Verdict = (Result<Checked, Error>, Option<Vec<RuleResult>>);

/// `Ok((Ok(..), rules))` valid, `Ok((Err(..), rules))` refused by the core (with the rules one by
/// one for a security token), `Err(..)` a usage error.
fn validate(token: &str, jwks: &str, args: &VerifyArgs, now: u64) -> Result<Verdict, Failure> {
    let target = args.target.clone();
    if matches!(args.kind, TokenKind::Security) && target.is_none() {
        return Err(Failure::Usage(
            "--kind security needs --target URL: this partner IdMS's address, expected in `aud`".to_owned(),
        ));
    }
    // The core's one configuration record, as every binding builds its validators: `--target` is the
    // security token's target and the access token's audience.
    let options = TokenValidatorOptions {
        issuer: args.issuer.clone(),
        jwks: jwks.to_owned(),
        audience: target.clone(),
        target,
        client_id: Some(args.client_id.clone()),
        leeway: args.leeway,
        services: args.service.iter().map(|s| s.core()).collect(),
        ..TokenValidatorOptions::default()
    };
    let mut rules = None;
    let mut run = || -> Result<Checked, Error> {
        let verifier = options.verifier()?;
        match args.kind {
            TokenKind::Security => {
                let validator = SecurityTokenValidator::from_options(&options, verifier)?;
                let report = validator.report(token, &args.client_id, now)?;
                let failure = report.failure().cloned();
                let checked = (value(&report.header), value(&report.claims), None);
                rules = Some(report.rules);
                match failure {
                    Some(error) => Err(error.into()),
                    None => Ok(checked),
                }
            }
            TokenKind::Id => {
                let checked =
                    IdTokenValidator::from_options(&options, verifier)?.validate(token, args.nonce.as_deref(), now)?;
                Ok((value(&checked.header), value(&checked.claims), None))
            }
            TokenKind::Access => {
                let checked = AccessTokenValidator::from_options(&options, verifier)?.validate(token, now)?;
                Ok((value(&checked.header), value(&checked.claims), Some(checked.scope.to_string())))
            }
        }
    };
    let result = run();
    Ok((result, rules))
}

fn value(serializable: &impl serde::Serialize) -> Value {
    serde_json::to_value(serializable).unwrap_or(Value::Null)
}

/// `{"exp": {"unix", "utc", "relative"}, ...}` for the time claims present.
fn times_json(claims: &Map<String, Value>, now: u64) -> Value {
    let mut times = Map::new();
    for name in TIME_CLAIMS {
        if let Some(t) = claims.get(name).and_then(Value::as_u64) {
            times.insert(
                name.to_owned(),
                json!({ "unix": t, "utc": utc(t), "relative": relative(name, t, now), "past": t <= now }),
            );
        }
    }
    Value::Object(times)
}

/// Rows of a JSON object; time claims also as a date and relative to `now`.
fn object_table(ctx: &Ctx, object: Option<&Map<String, Value>>, now: u64) -> Table {
    let mut table = Table::new();
    for (name, value) in object.into_iter().flatten() {
        let shown = match value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        match value.as_u64().filter(|_| TIME_CLAIMS.contains(&name.as_str())) {
            Some(t) => {
                let rel = relative(name, t, now);
                let rel = if name == "exp" && t <= now { ctx.bad(&rel) } else { rel };
                table.row(name.as_str(), format!("{shown}  {}  ({rel})", utc(t)));
            }
            None => {
                table.row(name.as_str(), shown);
            }
        }
    }
    table
}

/// "in 4 min" / "3 h ago"; for `exp` in the past, "expired 2 h ago".
fn relative(claim: &str, t: u64, now: u64) -> String {
    if t > now {
        format!("in {}", span(t - now))
    } else if claim == "exp" {
        format!("expired {} ago", span(now - t))
    } else if t == now {
        "now".to_owned()
    } else {
        format!("{} ago", span(now - t))
    }
}

/// A duration in the largest unit that fits: s, min, h, d, y (rounded down).
fn span(seconds: u64) -> String {
    const MIN: u64 = 60;
    const HOUR: u64 = 60 * MIN;
    const DAY: u64 = 24 * HOUR;
    const YEAR: u64 = 365 * DAY;
    match seconds {
        s if s < MIN => format!("{s} s"),
        s if s < HOUR => format!("{} min", s / MIN),
        s if s < 2 * DAY => format!("{} h", s / HOUR),
        s if s < 2 * YEAR => format!("{} d", s / DAY),
        s => format!("{} y", s / YEAR),
    }
}

/// `2015-09-10 20:39:53 UTC` (proleptic Gregorian; H. Hinnant's civil-from-days).
fn utc(t: u64) -> String {
    let days = i64::try_from(t / 86_400).unwrap_or(i64::MAX / 2);
    let rem = t % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC", rem / 3_600, rem % 3_600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_and_spans_are_rounded_down() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(1_441_917_593), "2015-09-10 20:39:53 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(relative("exp", 1_000 + 240, 1_000), "in 4 min");
        assert_eq!(relative("exp", 1_000, 1_000 + 2 * 3_600 + 5), "expired 2 h ago");
        assert_eq!(relative("iat", 1_000, 1_030), "30 s ago");
        assert_eq!(span(3 * 86_400), "3 d");
    }
}
