//! `probe primary`: a primary IdMS token endpoint against TS 33.180 B.7.2 / B.7.3 and RFC 8693.

use super::partner::Params;
use super::{run_case, send_valid, token_type_check, unsecured_jwt, Expect, ValidForm};
use crate::checks::Check;
use crate::net::Client;
use crate::output::Ctx;
use crate::security_token::{self, Expectations};
use mcx_connect::token::JwkSet;
use mcx_connect::{
    ClientAuthentication, Limits, TokenExchangeRequest, TokenExchangeResponse, TokenType, GRANT_TYPE_TOKEN_EXCHANGE,
    TOKEN_TYPE_ACCESS_TOKEN, TOKEN_TYPE_JWT,
};
use serde_json::json;

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
}

/// A resource no primary has an agreement for (RFC 2606 `.invalid`).
const UNKNOWN_RESOURCE: &str = "https://idms.unknown-partner.invalid/token";

/// RFC 8693 §2.2.2: an invalid subject token gets `invalid_request`.
fn invalid_request() -> Expect {
    Expect::Error { status: 400, error: "invalid_request".to_owned() }
}

/// Every check, in order: the valid exchange (and its security token), then the invalid ones.
pub(crate) fn run(ctx: &Ctx, client: &Client, probe: &PrimaryProbe) -> Vec<Check> {
    let mut checks = valid(ctx, client, probe);
    let subject = probe.access_token.clone().unwrap_or_else(|_| {
        unsecured_jwt(&json!({ "iss": "https://probe.invalid", "sub": "probe", "client_id": probe.client_id }))
    });
    let params: Params = vec![
        ("grant_type", GRANT_TYPE_TOKEN_EXCHANGE.to_owned()),
        ("resource", probe.resource.clone()),
        ("subject_token", subject),
        ("subject_token_type", TOKEN_TYPE_JWT.to_owned()),
        ("client_id", probe.client_id.clone()),
    ];
    let form = ValidForm::new(&probe.token_endpoint, params, client, |r, o| TokenExchangeRequest::parse(r, o).err());
    // Sent only with a real subject token, so that the resource is what gets it refused.
    let unknown_resource = probe.access_token.as_ref().map(|_| UNKNOWN_RESOURCE);
    let invalid_target = Expect::Error { status: 400, error: "invalid_target".to_owned() };
    let mut cases = vec![
        form.missing("missing_subject_token", "B.7.2", "subject_token"),
        form.missing("missing_resource", "B.7.2", "resource"),
        form.changed("wrong_subject_token_type", "B.7.2", "subject_token_type", TOKEN_TYPE_ACCESS_TOKEN),
    ];
    cases.extend(form.rfc6749_cases("resource"));
    cases.extend([
        form.unsecured("alg_none_subject_token", "RFC 8693 §2.2.2", "subject_token", invalid_request()),
        form.obtained("unknown_resource", "RFC 8693 §2.2.2", "resource", unknown_resource, invalid_target),
    ]);
    checks.extend(cases.iter().flat_map(|case| run_case(ctx, client, case)));
    checks
}

/// The valid B.7.2 exchange, the B.7.3 reply and the security token's rules.
fn valid(ctx: &Ctx, client: &Client, probe: &PrimaryProbe) -> Vec<Check> {
    let sent = send_valid(ctx, client, &probe.access_token, ("B.7.2", "B.7.3"), |subject| {
        TokenExchangeRequest::new(probe.resource.clone(), subject)
            .with_client(ClientAuthentication::client_id(probe.client_id.clone()))
            .build(&probe.token_endpoint, client.policy())
    });
    let (response, mut checks) = match sent {
        Ok(sent) => sent,
        Err(checks) => return checks,
    };
    let reply = match TokenExchangeResponse::from_http_response(&response, &Limits::default()) {
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
    checks.push(token_type_check("RFC 8693 §2.2.1", &TokenType::NotApplicable, &reply.token_type));
    let expect = Expectations {
        client_id: &probe.client_id,
        resource: &probe.resource,
        issuer: probe.issuer.as_deref(),
        jwks: probe.jwks.as_ref(),
        // The clock when the reply is in hand, not when the probe began: a token issued after a
        // second boundary crossed during the earlier requests is not "issued in the future".
        now: crate::now_or_clock(None),
        max_lifetime: probe.max_lifetime,
    };
    checks.extend(security_token::rules("valid.security_token.", reply.access_token.expose(), &expect));
    checks
}
