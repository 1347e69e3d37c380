//! `probe partner|primary`: a conformance probe of an IdMS token endpoint. It sends one valid
//! request and a battery of invalid ones, built with the core, and grades every reply: status,
//! `error` code, JSON content type, `Cache-Control: no-store`, and the success members. The
//! expected refusal of a malformed request is what the core's own server role answers for it.

pub(crate) mod partner;
pub(crate) mod primary;

use crate::checks::{self, Check};
use crate::net::{Client, Exchange};
use crate::output::{self, Ctx};
use crate::{Failure, Outcome, ProbePartnerArgs, ProbePrimaryArgs};
use mcx_connect::token::{RuleOutcome, SecurityTokenRules, UnverifiedToken, DEFAULT_MAX_TOKEN_BYTES};
use mcx_connect::{ErrorResponse, HttpRequest, HttpResponse, Limits, ParseOptions, Rejection, TokenType};
use partner::{form, replaced, Params};
use serde_json::json;

/// What a case's reply must be.
pub(crate) enum Expect {
    /// An RFC 6749 §5.2 error response with this status and `error`.
    Error { status: u16, error: String },
    /// The same, or a refusal at the HTTP level with one of these statuses (405 for a GET,
    /// 413 for an oversized body, 415 for a wrong media type), which carries no OAuth body.
    ErrorOrHttp { status: u16, error: String, http: &'static [u16] },
}

impl Expect {
    /// The refusal the core's server role gives.
    pub(crate) fn core(rejection: &Rejection) -> Self {
        Expect::Error { status: rejection.error.http_status(), error: rejection.error.as_str().to_owned() }
    }

    /// The core's refusal, or an HTTP-level one.
    pub(crate) fn core_or_http(rejection: &Rejection, http: &'static [u16]) -> Self {
        Expect::ErrorOrHttp { status: rejection.error.http_status(), error: rejection.error.as_str().to_owned(), http }
    }
}

/// One invalid request and the rule it breaks.
pub(crate) struct Case {
    /// Stable id (`comma_scope`).
    pub(crate) id: &'static str,
    /// The clause or RFC section.
    pub(crate) rule: &'static str,
    /// The request to send, or why it cannot be built (the case is then skipped).
    pub(crate) request: Result<HttpRequest, String>,
    /// What the reply must be.
    pub(crate) expect: Expect,
}

/// A probe's valid form at its token endpoint, the requests made from it by one change, and the
/// endpoint's parser in the core's server role (strict, under the client's endpoint policy).
pub(crate) struct ValidForm<'a> {
    endpoint: &'a str,
    params: Params,
    parse: fn(&HttpRequest, &ParseOptions) -> Option<Rejection>,
    options: ParseOptions,
}

impl<'a> ValidForm<'a> {
    /// The form `params` at `endpoint`, graded by `parse` under `client`'s endpoint policy.
    pub(crate) fn new(
        endpoint: &'a str,
        params: Params,
        client: &Client,
        parse: fn(&HttpRequest, &ParseOptions) -> Option<Rejection>,
    ) -> Self {
        Self {
            endpoint,
            params,
            parse,
            options: ParseOptions { endpoint_policy: client.policy(), ..ParseOptions::strict() },
        }
    }

    /// A case whose expected refusal is the one the core's server role gives; `http` lists
    /// HTTP-level refusals also accepted.
    fn structural(&self, id: &'static str, rule: &'static str, request: HttpRequest, http: &'static [u16]) -> Case {
        match (self.parse)(&request, &self.options) {
            Some(rejection) if http.is_empty() => {
                Case { id, rule, request: Ok(request), expect: Expect::core(&rejection) }
            }
            Some(rejection) => Case { id, rule, request: Ok(request), expect: Expect::core_or_http(&rejection, http) },
            None => Case {
                id,
                rule,
                request: Err("the core's server role accepts this request (a probe defect)".to_owned()),
                expect: Expect::Error { status: 400, error: "invalid_request".to_owned() },
            },
        }
    }

    /// `params` posted to the endpoint.
    fn post(&self, params: &Params) -> HttpRequest {
        HttpRequest::form_post(self.endpoint, form(params))
    }

    /// The valid form with `name` set to `value`.
    pub(crate) fn with(&self, name: &'static str, value: &str) -> HttpRequest {
        self.post(&replaced(&self.params, name, value))
    }

    /// The valid form without `name`.
    pub(crate) fn without(&self, name: &str) -> HttpRequest {
        self.post(&self.params.iter().filter(|(n, _)| *n != name).cloned().collect())
    }

    /// The valid form with the token in `name` issued again unsecured (`alg` `none`, the same claims).
    pub(crate) fn with_unsecured(&self, name: &'static str) -> HttpRequest {
        let token = self.params.iter().find(|(n, _)| *n == name).map_or("", |(_, value)| value.as_str());
        let claims = UnverifiedToken::inspect(token).map(|seen| serde_json::Value::Object(seen.claims));
        self.with(name, &unsecured_jwt(&claims.unwrap_or_default()))
    }

    /// The case of the valid form without the parameter `name`.
    pub(crate) fn missing(&self, id: &'static str, rule: &'static str, name: &str) -> Case {
        self.structural(id, rule, self.without(name), &[])
    }

    /// The case of the valid form with the parameter `name` set to `value`.
    pub(crate) fn changed(&self, id: &'static str, rule: &'static str, name: &'static str, value: &str) -> Case {
        self.structural(id, rule, self.with(name, value), &[])
    }

    /// The case of the valid form with the token in `name` issued again unsecured, refused as
    /// `expect` says.
    pub(crate) fn unsecured(&self, id: &'static str, rule: &'static str, name: &'static str, expect: Expect) -> Case {
        Case { id, rule, request: Ok(self.with_unsecured(name)), expect }
    }

    /// The case of the valid form with `name` set to `value`, a value the probe had to obtain
    /// first: when it could not, the case is skipped with the reason.
    pub(crate) fn obtained(
        &self,
        id: &'static str,
        rule: &'static str,
        name: &'static str,
        value: Result<impl AsRef<str>, impl ToString>,
        expect: Expect,
    ) -> Case {
        Case { id, rule, request: value.map(|v| self.with(name, v.as_ref())).map_err(|why| why.to_string()), expect }
    }

    /// The RFC 6749 refusals a token endpoint owes whatever its grant, in the probes' order: an
    /// unknown grant type, the parameter `repeated` sent twice, the parameters as a JSON object,
    /// GET, an oversized body.
    pub(crate) fn rfc6749_cases(&self, repeated: &str) -> Vec<Case> {
        let mut duplicate = self.params.clone();
        duplicate.extend(self.params.iter().filter(|(n, _)| *n == repeated).cloned());
        let json: serde_json::Map<String, serde_json::Value> =
            self.params.iter().map(|(name, value)| ((*name).to_owned(), value.as_str().into())).collect();
        let mut json_body = self.post(&self.params);
        json_body.headers = vec![("Content-Type".into(), "application/json".into())];
        json_body.body = serde_json::Value::Object(json).to_string().into_bytes();
        let get = HttpRequest { method: "GET".into(), url: self.endpoint.to_owned(), headers: vec![], body: vec![] };
        let oversized = oversized_body(&String::from_utf8_lossy(&form(&self.params)));
        vec![
            self.structural("unknown_grant_type", "RFC 6749 §5.2", self.with("grant_type", "password"), &[]),
            self.structural("duplicate_parameter", "RFC 6749 §3.2", self.post(&duplicate), &[]),
            self.structural("wrong_content_type", "RFC 6749 §3.2", json_body, &[415]),
            self.structural("get_method", "RFC 6749 §3.2", get, &[405]),
            self.structural(
                "oversized_body",
                "RFC 6749 §3.2",
                HttpRequest::form_post(self.endpoint, oversized),
                &[413],
            ),
        ]
    }
}

/// The `valid.token_type` row: the success reply's `token_type` must be `expected` under `rule`.
pub(crate) fn token_type_check(rule: &'static str, expected: &TokenType, found: &TokenType) -> Check {
    Check::graded("valid.token_type", rule, expected.as_str(), found.as_str(), found == expected)
}

/// `200`, or `400 invalid_grant`: the status and, for an error response, its code.
pub(crate) fn status_text(response: &HttpResponse) -> String {
    match ErrorResponse::from_http_response(response) {
        Some(e) if response.status != 200 => format!("{} {}", response.status, e.error.as_str()),
        _ => response.status.to_string(),
    }
}

/// Sends a request; on a transport failure, every aspect of the case fails with the cause.
pub(crate) fn send(ctx: &Ctx, client: &Client, id: &str, request: &HttpRequest) -> Result<Exchange, String> {
    progress(ctx, &format!("probe: {id} …"));
    let exchange = client.send(request).map_err(|e| e.to_string())?;
    if client.verbose() {
        eprint!("{}", crate::wire::exchange_text(ctx, request, &exchange));
    }
    Ok(exchange)
}

/// A progress note for a long step, on standard error when it is a terminal.
pub(crate) fn progress(ctx: &Ctx, text: &str) {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        eprintln!("{}", ctx.dim(text));
    }
}

fn is_json(response: &HttpResponse) -> bool {
    response.header("content-type").is_some_and(|v| {
        let media = v.split(';').next().unwrap_or_default().trim();
        media.eq_ignore_ascii_case("application/json")
    })
}

fn no_store(response: &HttpResponse) -> bool {
    response
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("cache-control"))
        .flat_map(|(_, v)| v.split(','))
        .any(|d| d.trim().eq_ignore_ascii_case("no-store"))
}

fn error_code(response: &HttpResponse) -> String {
    ErrorResponse::from_http_response(response)
        .map_or_else(|| "(no RFC 6749 error member)".to_owned(), |e| e.error.as_str().to_owned())
}

/// The JSON content type and `no-store` rows every token-endpoint reply gets (RFC 6749 §5.1,
/// §5.2).
pub(crate) fn header_checks(id: &str, response: &HttpResponse) -> Vec<Check> {
    let content_type = response.header("content-type").unwrap_or("(none)").to_owned();
    let cache = response.header("cache-control").unwrap_or("(none)").to_owned();
    vec![
        Check::graded(
            format!("{id}.content_type"),
            "RFC 6749 §5.1",
            "application/json",
            content_type,
            is_json(response),
        ),
        Check::graded(format!("{id}.no_store"), "RFC 6749 §5.1", "Cache-Control: no-store", cache, no_store(response)),
    ]
}

/// Runs one invalid-request case and grades its reply.
pub(crate) fn run_case(ctx: &Ctx, client: &Client, case: &Case) -> Vec<Check> {
    let (status, error, http): (u16, &str, &[u16]) = match &case.expect {
        Expect::Error { status, error } => (*status, error.as_str(), &[][..]),
        Expect::ErrorOrHttp { status, error, http } => (*status, error.as_str(), &http[..]),
    };
    let expected_status = if http.is_empty() {
        status.to_string()
    } else {
        format!("{status}, or {}", http.iter().map(u16::to_string).collect::<Vec<_>>().join("/"))
    };
    let request = match &case.request {
        Ok(request) => request,
        Err(why) => return vec![Check::skipped(format!("{}.status", case.id), case.rule, expected_status, why)],
    };
    let exchange = match send(ctx, client, case.id, request) {
        Ok(exchange) => exchange,
        Err(why) => return vec![Check::graded(format!("{}.status", case.id), case.rule, expected_status, why, false)],
    };
    let response = &exchange.response;
    let got = response.status;
    if http.contains(&got) {
        let note = format!("{got} (an HTTP-level refusal: no OAuth error body expected)");
        return vec![Check::graded(format!("{}.status", case.id), case.rule, expected_status, note, true)];
    }
    let mut checks =
        vec![Check::graded(format!("{}.status", case.id), case.rule, expected_status, got.to_string(), got == status)];
    let got_error = error_code(response);
    checks.push(Check::graded(format!("{}.error", case.id), case.rule, error, got_error.as_str(), got_error == error));
    checks.extend(header_checks(case.id, response));
    checks
}

/// A body over the core's limit, of form parameters (so that only its size is wrong).
pub(crate) fn oversized_body(prefix: &str) -> Vec<u8> {
    let limit = usize::try_from(Limits::default().max_body_bytes).unwrap_or(usize::MAX);
    let mut body = prefix.as_bytes().to_vec();
    body.extend_from_slice(b"&padding=");
    body.resize(limit + 1, b'x');
    body
}

/// `header.payload.` with `alg: none` and the given claims (RFC 7519 §6: an unsecured JWT).
pub(crate) fn unsecured_jwt(claims: &serde_json::Value) -> String {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let header = Base64UrlUnpadded::encode_string(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = Base64UrlUnpadded::encode_string(claims.to_string().as_bytes());
    format!("{header}.{payload}.")
}

/// Prints the report and ends with the exit status: 0 when every check passed, 1 when one
/// failed, 3 when none failed but some were skipped (never counted as passed).
pub(crate) fn report(ctx: &Ctx, kind: &str, endpoint: &str, checks: &[Check]) -> Outcome {
    let (pass, fail, skip) = checks::summary(checks);
    if ctx.json {
        output::print_json(&json!({
            "probe": kind,
            "token_endpoint": endpoint,
            "checks": checks.iter().map(Check::to_json).collect::<Vec<_>>(),
            "summary": { "pass": pass, "fail": fail, "skip": skip },
            "passed": fail == 0 && skip == 0,
        }));
    } else {
        output::print(&format!("{} {endpoint}\n\n", ctx.bold(&format!("probe {kind}"))));
        output::print(&checks::table(ctx, checks));
        let line = format!("\n{pass} passed, {fail} failed, {skip} skipped\n");
        output::print(&if fail > 0 { ctx.bad(&line) } else { line });
    }
    match (fail, skip) {
        (0, 0) => Ok(()),
        (0, _) => Err(Failure::Incomplete),
        _ => Err(Failure::Invalid),
    }
}

/// A token option: `Ok(token)`, or why there is none (the checks needing it are skipped).
fn token_option(value: Option<&str>, option: &str, stdin_used: &mut bool) -> Result<Result<String, String>, Failure> {
    match value {
        Some(value) => Ok(Ok(crate::token_arg(value, option, stdin_used)?)),
        None => Ok(Err(format!("no {option} given"))),
    }
}

/// A security token by token exchange at the primary (B.7.2), for `resource`, usable as a valid
/// assertion only when the core's B.8 rules (all but the signature, which the partner checks) pass:
/// a token the primary got wrong would make the partner's correct refusal look like the partner's
/// fault, so the checks that need it are skipped, naming the broken rules (`probe primary` grades them).
fn exchange_for(
    ctx: &Ctx,
    client: &Client,
    primary: &str,
    client_id: &str,
    access_token: &str,
    resource: &str,
) -> Result<String, String> {
    let request = mcx_connect::TokenExchangeRequest::new(resource, access_token)
        .with_client(mcx_connect::ClientAuthentication::client_id(client_id))
        .build(primary, client.policy())
        .map_err(|e| format!("the exchange cannot be built: {}", e.code()))?;
    let exchange = send(ctx, client, "obtain security token", &request)
        .map_err(|why| format!("the token exchange at the primary failed: {why}"))?;
    let token = mcx_connect::TokenExchangeResponse::from_http_response(&exchange.response, &Limits::default())
        .map(|reply| reply.access_token.into_inner())
        .map_err(|e| format!("the primary gave no security token for {resource}: {e}"))?;
    let report = SecurityTokenRules::new(resource)
        .and_then(|rules| rules.check_unverified(&token, client_id, crate::now_or_clock(None), DEFAULT_MAX_TOKEN_BYTES))
        .map_err(|e| format!("the primary's security token for {resource} cannot be checked: {}", e.code()))?;
    let broken: Vec<&str> =
        report.rules.iter().filter(|rule| rule.outcome == RuleOutcome::Fail).map(|rule| rule.id).collect();
    if broken.is_empty() {
        Ok(token)
    } else {
        Err(format!(
            "the primary's security token for {resource} breaks B.8 ({}); `probe primary` grades it",
            broken.join(", ")
        ))
    }
}

/// The probe's valid request, built with `token` by `build` and sent, then graded: `valid.status`
/// (200, `reply_rule`) and the reply's header checks. `Err` holds the one check that says why
/// there is nothing more to grade: no `token` to send (skipped), or the request could not be built
/// (`request_rule`) or sent.
pub(crate) fn send_valid(
    ctx: &Ctx,
    client: &Client,
    token: &Result<String, String>,
    (request_rule, reply_rule): (&'static str, &'static str),
    build: impl FnOnce(&str) -> Result<HttpRequest, mcx_connect::Error>,
) -> Result<(HttpResponse, Vec<Check>), Vec<Check>> {
    let token = token.as_ref().map_err(|why| vec![Check::skipped("valid.status", reply_rule, "200", why)])?;
    let request =
        build(token).map_err(|e| vec![Check::graded("valid.status", request_rule, "200", e.code(), false)])?;
    let response = send(ctx, client, "valid", &request)
        .map_err(|why| vec![Check::graded("valid.status", reply_rule, "200", why, false)])?
        .response;
    let mut checks =
        vec![Check::graded("valid.status", reply_rule, "200", status_text(&response), response.status == 200)];
    checks.extend(header_checks("valid", &response));
    Ok((response, checks))
}

/// `probe partner`.
pub(crate) fn partner_command(ctx: &Ctx, args: &ProbePartnerArgs, verbose: bool, stdin_used: &mut bool) -> Outcome {
    let client = crate::wire::client(&args.net, verbose, stdin_used)?;
    let scope = crate::request::scope_of(ctx, &args.scope)?;
    let access_token = args.primary.read(stdin_used)?;
    let expired_assertion = token_option(args.expired_assertion.as_deref(), "--expired-assertion", stdin_used)?;
    let (assertion, other_target_assertion) = match (&args.primary_token_endpoint, access_token) {
        (Some(primary), Some(token)) => {
            let obtain = |resource: &str| exchange_for(ctx, &client, primary, &args.client_id, &token, resource);
            let other = match &args.other_target {
                Some(other) => obtain(other),
                None => Err("no --other-target given".to_owned()),
            };
            (obtain(&args.token_endpoint), other)
        }
        (Some(_), None) => {
            return Err(Failure::Usage("--primary-token-endpoint needs --access-token or --session".to_owned()))
        }
        (None, _) => (
            token_option(args.assertion.as_deref(), "--assertion", stdin_used)?,
            Err("no --primary-token-endpoint and --other-target given".to_owned()),
        ),
    };
    let probe = partner::PartnerProbe {
        token_endpoint: args.token_endpoint.clone(),
        client_id: args.client_id.clone(),
        scope,
        assertion,
        expired_assertion,
        other_target_assertion,
    };
    let checks = partner::run(ctx, &client, &probe);
    report(ctx, "partner", &args.token_endpoint, &checks)
}

/// `probe primary`.
pub(crate) fn primary_command(ctx: &Ctx, args: &ProbePrimaryArgs, verbose: bool, stdin_used: &mut bool) -> Outcome {
    let client = crate::wire::client(&args.net, verbose, stdin_used)?;
    let access_token = args.primary.read(stdin_used)?.ok_or_else(|| "no --access-token or --session given".to_owned());
    let jwks = match (&args.jwks_uri, &args.jwks) {
        (Some(url), _) => Some(crate::migrate::fetch_jwks(ctx, &client, url)?),
        (None, Some(path)) => {
            let text = String::from_utf8(crate::read_bytes(path, stdin_used)?)
                .map_err(|_| Failure::Usage(format!("`{path}` is not UTF-8 text")))?;
            Some(mcx_connect::token::JwkSet::parse(&text).map_err(|e| {
                output::print_error(ctx, &e.into());
                Failure::Invalid
            })?)
        }
        (None, None) => None,
    };
    let probe = primary::PrimaryProbe {
        token_endpoint: args.token_endpoint.clone(),
        client_id: args.client_id.clone(),
        resource: args.resource.clone(),
        access_token,
        issuer: args.issuer.clone(),
        jwks,
        max_lifetime: args.max_lifetime,
    };
    let checks = primary::run(ctx, &client, &probe);
    report(ctx, "primary", &args.token_endpoint, &checks)
}
