//! `probe partner`: a partner IdMS token endpoint against TS 33.180 B.7.4 / B.7.5 and RFC 7523.

use super::{run_case, send_valid, token_type_check, unsecured_jwt, Expect, ValidForm};
use crate::checks::Check;
use crate::net::Client;
use crate::output::Ctx;
use mcx_connect::token::{sign, JwsHeader, SigningKey, UnverifiedToken};
use mcx_connect::{
    ClientAuthentication, JwtBearerRequest, Scope, ScopeSet, TokenResponse, TokenType, GRANT_TYPE_JWT_BEARER,
};
use serde_json::{json, Value};

/// What the partner probe knows.
pub(crate) struct PartnerProbe {
    /// The partner IdMS token endpoint.
    pub(crate) token_endpoint: String,
    /// The client id (B.7.4 `client_id`).
    pub(crate) client_id: String,
    /// The scope requested.
    pub(crate) scope: ScopeSet,
    /// A valid security token for this partner, when the probe could obtain one.
    pub(crate) assertion: Result<String, String>,
    /// A security token that has expired (signed by the primary).
    pub(crate) expired_assertion: Result<String, String>,
    /// A security token issued for another partner system.
    pub(crate) other_target_assertion: Result<String, String>,
}

/// RFC 7523 §3.1: an assertion that is not valid gets `invalid_grant`.
fn invalid_grant() -> Expect {
    Expect::Error { status: 400, error: "invalid_grant".to_owned() }
}

/// Form parameters in order.
pub(crate) type Params = Vec<(&'static str, String)>;

/// `params` with `name` set to `value` (appended when absent).
pub(crate) fn replaced(params: &Params, name: &'static str, value: &str) -> Params {
    let mut params = params.clone();
    match params.iter_mut().find(|(n, _)| *n == name) {
        Some(pair) => pair.1 = value.to_owned(),
        None => params.push((name, value.to_owned())),
    }
    params
}

/// `application/x-www-form-urlencoded` of the pairs, every reserved byte percent-encoded.
pub(crate) fn form(pairs: &Params) -> Vec<u8> {
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    pairs.iter().map(|(n, v)| format!("{}={}", encode(n), encode(v))).collect::<Vec<_>>().join("&").into_bytes()
}

/// A stand-in assertion for the structural cases when no security token could be obtained
/// (they are refused before the assertion is authenticated).
fn placeholder(probe: &PartnerProbe) -> String {
    unsecured_jwt(
        &json!({ "iss": "https://probe.invalid", "sub": "probe", "aud": [probe.client_id, probe.token_endpoint],
                           "iat": 0, "exp": 1 }),
    )
}

/// The assertion's claims signed by a key the primary never published.
fn forged(assertion: &str) -> Result<String, String> {
    let seen = UnverifiedToken::inspect(assertion).map_err(|e| e.code().to_owned())?;
    let mut secret = [0u8; 32];
    getrandom::getrandom(&mut secret).map_err(|_| "no random source".to_owned())?;
    let key = SigningKey::es256(&secret).map_err(|e| e.code().to_owned())?;
    let mut header = JwsHeader::new(key.algorithm());
    if let Some(kid) = seen.key_id() {
        header = header.with_kid(kid);
    }
    sign(&header, &Value::Object(seen.claims), &key).map(|t| t.into_inner()).map_err(|e| e.code().to_owned())
}

/// Every check, in order: the valid request first, then the invalid ones.
pub(crate) fn run(ctx: &Ctx, client: &Client, probe: &PartnerProbe) -> Vec<Check> {
    let comma_scope = probe.scope.iter().map(Scope::as_str).collect::<Vec<_>>().join(",");
    let mut checks = valid(ctx, client, probe);
    let assertion = probe.assertion.clone().unwrap_or_else(|_| placeholder(probe));
    let params: Params = vec![
        ("grant_type", GRANT_TYPE_JWT_BEARER.to_owned()),
        ("assertion", assertion),
        ("client_id", probe.client_id.clone()),
        ("scope", probe.scope.to_string()),
    ];
    let form = ValidForm::new(&probe.token_endpoint, params, client, |r, o| JwtBearerRequest::parse(r, o).err());
    let forged_assertion = probe.assertion.as_deref().map_err(|why| why.to_owned()).and_then(forged);
    let other_target = probe.other_target_assertion.as_ref();
    let mut cases = vec![
        form.missing("missing_client_id", "B.7.4", "client_id"),
        form.missing("missing_assertion", "B.7.4", "assertion"),
        form.changed("comma_scope", "RFC 6749 §3.3", "scope", &comma_scope),
        form.changed("no_mcx_scope", "B.7.4", "scope", "openid"),
    ];
    cases.extend(form.rfc6749_cases("scope"));
    cases.extend([
        form.unsecured("alg_none_assertion", "RFC 7523 §3.1", "assertion", invalid_grant()),
        form.obtained("forged_signature", "RFC 7523 §3.1", "assertion", forged_assertion, invalid_grant()),
        form.obtained("expired_assertion", "B.2.1.2", "assertion", probe.expired_assertion.as_ref(), invalid_grant()),
        form.obtained("assertion_for_another_target", "B.7.4", "assertion", other_target, invalid_grant()),
    ]);
    checks.extend(cases.iter().flat_map(|case| run_case(ctx, client, case)));
    checks
}

/// The valid B.7.4 request and the B.7.5 success reply.
fn valid(ctx: &Ctx, client: &Client, probe: &PartnerProbe) -> Vec<Check> {
    let sent = send_valid(ctx, client, &probe.assertion, ("B.7.4", "B.7.5"), |assertion| {
        let client_auth = ClientAuthentication::client_id(probe.client_id.clone());
        JwtBearerRequest::new(assertion, client_auth, probe.scope.clone()).build(&probe.token_endpoint, client.policy())
    });
    let (response, mut checks) = match sent {
        Ok(sent) => sent,
        Err(checks) => return checks,
    };
    match TokenResponse::from_http_response(&response, &mcx_connect::Limits::default()) {
        Ok(tokens) => {
            checks.push(Check::graded(
                "valid.access_token",
                "B.7.5",
                "an access token",
                format!("{} bytes", tokens.access_token.len()),
                !tokens.access_token.is_empty(),
            ));
            checks.push(token_type_check("B.7.5", &TokenType::Bearer, &tokens.token_type));
            if probe.scope.contains(&Scope::OpenId) {
                checks.push(Check::graded(
                    "valid.id_token",
                    "OIDC Core §3.1.3.3",
                    "an ID token (openid was requested)",
                    if tokens.id_token.is_some() { "present" } else { "absent" },
                    tokens.id_token.is_some(),
                ));
            }
        }
        Err(e) => checks.push(Check::graded("valid.token_response", "B.7.5", "a token response", e.code(), false)),
    }
    checks
}
