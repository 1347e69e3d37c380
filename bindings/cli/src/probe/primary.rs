//! `probe primary`: a primary IdMS token endpoint against TS 33.180 B.7.2 / B.7.3 and RFC 8693.

use super::partner::{form, replaced, Params};
use super::{header_checks, oversized_body, run_case, send, structural, unsecured_jwt, Case, Expect};
use crate::checks::Check;
use crate::net::Client;
use crate::output::Ctx;
use crate::security_token::{self, Expectations};
use mcx_connect::token::{JwkSet, UnverifiedToken};
use mcx_connect::{
    ClientAuthentication, HttpRequest, Limits, ParseOptions, TokenExchangeRequest, TokenExchangeResponse, TokenType,
    GRANT_TYPE_TOKEN_EXCHANGE, TOKEN_TYPE_ACCESS_TOKEN, TOKEN_TYPE_JWT,
};
use serde_json::{json, Value};

/// What the primary probe knows.
pub(crate) struct PrimaryProbe {
    /// The primary IdMS token endpoint.
    pub(crate) token_endpoint: String,
    /// The client id.
    pub(crate) client_id: String,
    /// A partner token endpoint the primary has an agreement for (`resource`).
    pub(crate) resource: String,
    /// The primary access token (the subject token), when given.
    pub(crate) access_token: Result<String, String>,
    /// The primary's issuer (`iss`), when given.
    pub(crate) issuer: Option<String>,
    /// The primary's JWK Set, when given.
    pub(crate) jwks: Option<JwkSet>,
    /// The longest acceptable security-token lifetime in seconds.
    pub(crate) max_lifetime: u64,
    /// Now, in seconds since the epoch.
    pub(crate) now: u64,
}

/// A resource no primary has an agreement for (RFC 2606 `.invalid`).
const UNKNOWN_RESOURCE: &str = "https://idms.unknown-partner.invalid/token";

/// RFC 8693 §2.2.2: an invalid subject token gets `invalid_request`.
fn invalid_request() -> Expect {
    Expect::Error { status: 400, error: "invalid_request".to_owned() }
}

/// Every check, in order: the valid exchange (and its security token), then the invalid ones.
pub(crate) fn run(ctx: &Ctx, client: &Client, probe: &PrimaryProbe) -> Vec<Check> {
    let endpoint = probe.token_endpoint.as_str();
    let options = ParseOptions { endpoint_policy: client.policy(), ..ParseOptions::strict() };
    let parse = |request: &HttpRequest| TokenExchangeRequest::parse(request, &options).err();
    let structural = |id, rule, request, http| structural(id, rule, request, http, parse);
    let mut checks = valid(ctx, client, probe);
    let subject = probe.access_token.clone().unwrap_or_else(|_| {
        unsecured_jwt(&json!({ "iss": "https://probe.invalid", "sub": "probe", "client_id": probe.client_id }))
    });
    let base: Params = vec![
        ("grant_type", GRANT_TYPE_TOKEN_EXCHANGE.to_owned()),
        ("resource", probe.resource.clone()),
        ("subject_token", subject.clone()),
        ("subject_token_type", TOKEN_TYPE_JWT.to_owned()),
        ("client_id", probe.client_id.clone()),
    ];
    let post = |params: &Params| HttpRequest::form_post(endpoint, form(params));
    let with = |name: &'static str, value: &str| post(&replaced(&base, name, value));
    let without = |name: &str| post(&base.iter().filter(|(n, _)| *n != name).cloned().collect());
    let get = HttpRequest { method: "GET".into(), url: endpoint.to_owned(), headers: vec![], body: vec![] };
    let mut json_body = post(&base);
    json_body.headers = vec![("Content-Type".into(), "application/json".into())];
    json_body.body = json!({ "grant_type": GRANT_TYPE_TOKEN_EXCHANGE, "resource": probe.resource,
                             "subject_token": subject, "subject_token_type": TOKEN_TYPE_JWT })
    .to_string()
    .into_bytes();
    let mut duplicate = base.clone();
    duplicate.push(("resource", probe.resource.clone()));
    let unsecured =
        unsecured_jwt(&UnverifiedToken::inspect(&subject).map(|s| Value::Object(s.claims)).unwrap_or_default());
    let oversized = HttpRequest::form_post(endpoint, oversized_body(&String::from_utf8_lossy(&form(&base))));
    let cases = vec![
        structural("missing_subject_token", "B.7.2", without("subject_token"), &[]),
        structural("missing_resource", "B.7.2", without("resource"), &[]),
        structural("wrong_subject_token_type", "B.7.2", with("subject_token_type", TOKEN_TYPE_ACCESS_TOKEN), &[]),
        structural("unknown_grant_type", "RFC 6749 §5.2", with("grant_type", "password"), &[]),
        structural("duplicate_parameter", "RFC 6749 §3.2", post(&duplicate), &[]),
        structural("wrong_content_type", "RFC 6749 §3.2", json_body, &[415]),
        structural("get_method", "RFC 6749 §3.2", get, &[405]),
        structural("oversized_body", "RFC 6749 §3.2", oversized, &[413]),
        Case {
            id: "alg_none_subject_token",
            rule: "RFC 8693 §2.2.2",
            request: Ok(with("subject_token", &unsecured)),
            expect: invalid_request(),
        },
        Case {
            id: "unknown_resource",
            rule: "RFC 8693 §2.2.2",
            request: probe.access_token.as_ref().map(|_| with("resource", UNKNOWN_RESOURCE)).map_err(Clone::clone),
            expect: Expect::Error { status: 400, error: "invalid_target".to_owned() },
        },
    ];
    for case in &cases {
        checks.extend(run_case(ctx, client, case));
    }
    checks
}

/// The valid B.7.2 exchange, the B.7.3 reply and the security token's rules.
fn valid(ctx: &Ctx, client: &Client, probe: &PrimaryProbe) -> Vec<Check> {
    let subject = match &probe.access_token {
        Ok(token) => token,
        Err(why) => return vec![Check::skipped("valid.status", "B.7.3", "200", why)],
    };
    let request = TokenExchangeRequest::new(probe.resource.clone(), subject.as_str())
        .with_client(ClientAuthentication::client_id(probe.client_id.clone()))
        .build(&probe.token_endpoint, client.policy());
    let request = match request {
        Ok(request) => request,
        Err(e) => return vec![Check::graded("valid.status", "B.7.2", "200", e.code(), false)],
    };
    let exchange = match send(ctx, client, "valid", &request) {
        Ok(exchange) => exchange,
        Err(why) => return vec![Check::graded("valid.status", "B.7.3", "200", why, false)],
    };
    let response = &exchange.response;
    let got = super::status_text(response);
    let mut checks = vec![Check::graded("valid.status", "B.7.3", "200", got, response.status == 200)];
    checks.extend(header_checks("valid", response));
    let reply = match TokenExchangeResponse::from_http_response(response, &Limits::default()) {
        Ok(reply) => reply,
        Err(e) => {
            checks.push(Check::graded(
                "valid.exchange_response",
                "B.7.3",
                "a token exchange response",
                e.code(),
                false,
            ));
            return checks;
        }
    };
    checks.push(Check::graded(
        "valid.issued_token_type",
        "B.7.3",
        TOKEN_TYPE_JWT,
        reply.issued_token_type.as_str(),
        reply.issued_token_type == TOKEN_TYPE_JWT,
    ));
    checks.push(Check::graded(
        "valid.token_type",
        "RFC 8693 §2.2.1",
        "N_A",
        reply.token_type.as_str(),
        reply.token_type == TokenType::NotApplicable,
    ));
    let expect = Expectations {
        client_id: &probe.client_id,
        resource: &probe.resource,
        issuer: probe.issuer.as_deref(),
        jwks: probe.jwks.as_ref(),
        now: probe.now,
        max_lifetime: probe.max_lifetime,
    };
    checks.extend(security_token::rules("valid.security_token.", reply.access_token.expose(), &expect));
    checks
}
