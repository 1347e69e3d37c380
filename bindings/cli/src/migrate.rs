//! `migrate`: a real migration (TS 33.180 B.7, TS 24.482 6.2.3) through the core's
//! [`MigrationFlow`]: the token exchange at the primary IdMS, the security token's rules, the
//! jwt-bearer request at the partner IdMS — every HTTP exchange shown with its secrets masked.

use crate::checks::{self, Check};
use crate::net::{Client, Exchange};
use crate::output::{self, Ctx, Table};
use crate::security_token::{self, Expectations};
use crate::wire::{self, Session};
use crate::{read_bytes, Failure, MigrateArgs, Outcome};
use mcx_connect::token::JwkSet;
use mcx_connect::{
    EndpointPolicy, ErrorResponse, FlowSecrets, HttpRequest, Limits, MigrationConfig, MigrationFlow, MigrationStep,
    MigrationTarget, ScopeSet, Secret, TokenExchangeResponse, UserProfile, UserProfiles,
};
use serde_json::{json, Value};
use std::time::Instant;

/// One step as run.
struct StepRun {
    name: &'static str,
    clause: &'static str,
    request: HttpRequest,
    exchange: Exchange,
}

/// The partner token endpoint: `--partner-token-endpoint`, or the profile's (as
/// `profile --token-endpoint` finds it).
fn target(
    ctx: &Ctx,
    args: &MigrateArgs,
    policy: EndpointPolicy,
    stdin_used: &mut bool,
) -> Result<MigrationTarget, Failure> {
    let service = args.service.map(crate::Service::core).ok_or_else(|| Failure::Usage("give --service".to_owned()))?;
    if let Some(url) = &args.partner_token_endpoint {
        return Ok(MigrationTarget {
            service,
            partner_system_id: args.partner.clone(),
            partner_token_endpoint: url.clone(),
        });
    }
    let (Some(files), Some(partner)) = (args.profile.as_ref(), args.partner.as_ref()) else {
        return Err(Failure::Usage("give --profile FILE and --partner ID, or --partner-token-endpoint URL".to_owned()));
    };
    let mut profiles = UserProfiles::new();
    for file in files {
        let profile = UserProfile::parse(&read_bytes(file, stdin_used)?, policy).map_err(|e| {
            output::print_error(ctx, &e.into());
            Failure::Invalid
        })?;
        profiles.push(profile);
    }
    let found = profiles.partner(service, partner).map_err(|e| {
        output::print_error(ctx, &e.into());
        Failure::Invalid
    })?;
    Ok(MigrationTarget {
        service,
        partner_system_id: found.system_id().map(str::to_owned),
        partner_token_endpoint: found.token_endpoint().to_owned(),
    })
}

fn now() -> u64 {
    crate::now_or_clock(None)
}

/// `migrate`.
pub(crate) fn run(ctx: &Ctx, args: &MigrateArgs, verbose: bool, stdin_used: &mut bool) -> Outcome {
    let client = wire::client(&args.net, verbose, stdin_used)?;
    let session: Option<Session> = args.session.as_deref().map(|p| wire::read_session(p, stdin_used)).transpose()?;
    let access_token = wire::access_token(args.access_token.as_deref(), session.as_ref(), stdin_used)?;
    let client_secret =
        args.client_secret.as_deref().map(|s| crate::value_or_stdin(s, stdin_used)).transpose()?.map(Secret::new);
    let jwks = match &args.jwks_uri {
        Some(url) => Some(fetch_jwks(ctx, &client, url)?),
        None => None,
    };
    let (mut flow, client_id) = match &args.resume {
        Some(path) => {
            let saved = String::from_utf8(read_bytes(path, stdin_used)?)
                .map_err(|_| Failure::Usage(format!("`{path}` is not UTF-8 text")))?;
            let client_id = serde_json::from_str::<Value>(&saved)
                .ok()
                .and_then(|v| v.pointer("/config/client_id").and_then(Value::as_str).map(str::to_owned))
                .unwrap_or_default();
            let secrets = FlowSecrets { primary_access_token: access_token.map(Secret::new), client_secret };
            let flow = MigrationFlow::restore(&saved, secrets).map_err(|e| {
                output::print_error(ctx, &e);
                Failure::Invalid
            })?;
            (flow, client_id)
        }
        None => {
            let target = target(ctx, args, client.policy(), stdin_used)?;
            let token_endpoint = args
                .token_endpoint
                .clone()
                .or_else(|| session.as_ref().map(|s| s.token_endpoint.clone()))
                .ok_or_else(|| Failure::Usage("give --token-endpoint (the primary's) or --session".to_owned()))?;
            let client_id = args
                .client_id
                .clone()
                .or_else(|| session.as_ref().map(|s| s.client_id.clone()))
                .ok_or_else(|| Failure::Usage("give --client-id or --session".to_owned()))?;
            let scope = match &args.scope {
                Some(text) => ScopeSet::parse(text).map_err(|e| {
                    output::print_error(ctx, &e.into());
                    Failure::Invalid
                })?,
                None => ScopeSet::for_service(target.service),
            };
            let access_token = access_token.ok_or_else(|| {
                Failure::Usage("give the primary access token: --access-token TOKEN|-, or --session FILE".to_owned())
            })?;
            let mut config = MigrationConfig::new(token_endpoint, client_id.clone(), scope);
            config.endpoint_policy = client.policy();
            config.client_secret = client_secret;
            let flow = MigrationFlow::new(config, target, Secret::new(access_token)).map_err(|e| {
                output::print_error(ctx, &e);
                Failure::Invalid
            })?;
            (flow, client_id)
        }
    };
    let started = Instant::now();
    let mut steps: Vec<StepRun> = Vec::new();
    let mut rules: Vec<Check> = Vec::new();
    let mut failure: Option<Value> = None;
    let mut stopped = false;
    while matches!(flow.step(), MigrationStep::ExchangeToSend | MigrationStep::PartnerRequestToSend) {
        let (name, clause) = match flow.step() {
            MigrationStep::ExchangeToSend => ("token_exchange", "B.7.2"),
            _ => ("jwt_bearer", "B.7.4"),
        };
        if name == "jwt_bearer" && args.stop_after.as_deref() == Some("exchange") {
            stopped = true;
            break;
        }
        let request = match flow.next_request(now()) {
            Ok(request) => request,
            Err(e) => {
                failure = Some(failure_json(name, &e, None));
                break;
            }
        };
        super::probe::progress(ctx, &format!("migrate: {name} ({clause}) → {}", request.url));
        let exchange = match client.send(&request) {
            Ok(exchange) => exchange,
            Err(e) => {
                failure = Some(json!({ "step": name, "code": e.code, "oauth_error": null,
                                       "description": e.description, "server": null }));
                break;
            }
        };
        let handled = flow.handle_response(&exchange.response, now());
        if name == "token_exchange" {
            // The rules are shown even when the flow refused the security token: they say which.
            if let Ok(reply) = TokenExchangeResponse::from_http_response(&exchange.response, &Limits::default()) {
                let target = flow.target().partner_token_endpoint.clone();
                let expect = Expectations {
                    client_id: &client_id,
                    resource: &target,
                    issuer: args.issuer.as_deref(),
                    jwks: jwks.as_ref(),
                    now: now(),
                    max_lifetime: args.max_lifetime,
                };
                rules = security_token::rules("", reply.access_token.expose(), &expect);
            }
        }
        let server = server_json(&exchange);
        steps.push(StepRun { name, clause, request, exchange });
        if let Err(e) = handled {
            failure = Some(failure_json(name, &e, Some(server)));
            break;
        }
    }
    if let Some(path) = &args.save {
        wire::write_private(path, &flow.save(args.save_secrets))?;
    }
    let total_ms = started.elapsed().as_millis() as u64;
    let result = if failure.is_some() {
        "failed"
    } else if stopped {
        "stopped"
    } else {
        "completed"
    };
    if ctx.json {
        output::print_json(&json!({
            "result": result,
            "step": flow.step().as_str(),
            "service": flow.target().service.as_str(),
            "partner_system_id": flow.target().partner_system_id,
            "partner_token_endpoint": flow.target().partner_token_endpoint,
            "steps": steps.iter().map(|s| {
                let mut v = wire::exchange_json(ctx, &s.request, &s.exchange);
                if let Some(o) = v.as_object_mut() {
                    o.insert("step".into(), json!(s.name));
                    o.insert("clause".into(), json!(s.clause));
                }
                v
            }).collect::<Vec<_>>(),
            "security_token": if rules.is_empty() { Value::Null } else {
                json!({ "checks": rules.iter().map(Check::to_json).collect::<Vec<_>>() }) },
            "partner_tokens": flow.partner_tokens().map(|t| output::token_response_json(ctx, t)),
            "failure": failure,
            "total_ms": total_ms,
        }));
    } else {
        print_text(ctx, &flow, &steps, &rules, failure.as_ref(), result, total_ms);
    }
    if failure.is_some() {
        Err(Failure::Invalid)
    } else {
        Ok(())
    }
}

/// Fetches and reads a JWK Set (the primary's `jwks_uri`).
pub(crate) fn fetch_jwks(ctx: &Ctx, client: &Client, url: &str) -> Result<JwkSet, Failure> {
    let request = HttpRequest { method: "GET".into(), url: url.to_owned(), headers: vec![], body: vec![] };
    let exchange = client.send(&request).map_err(|e| wire::net_failure(ctx, "jwks", &e))?;
    let text = String::from_utf8_lossy(&exchange.response.body);
    if exchange.response.status != 200 {
        return Err(Failure::Usage(format!("the JWK Set at {url} answered HTTP {}", exchange.response.status)));
    }
    JwkSet::parse(&text).map_err(|e| {
        output::print_error(ctx, &e.into());
        Failure::Invalid
    })
}

/// What the server answered: status and, when it is one, the RFC 6749 error.
fn server_json(exchange: &Exchange) -> Value {
    let error = ErrorResponse::from_http_response(&exchange.response);
    json!({
        "status": exchange.response.status,
        "error": error.as_ref().map(|e| e.error.as_str().to_owned()),
        "error_description": error.as_ref().and_then(|e| e.error_description.clone()),
    })
}

fn failure_json(step: &str, error: &mcx_connect::Error, server: Option<Value>) -> Value {
    json!({ "step": step, "code": error.code(), "oauth_error": error.oauth_error().map(|c| c.as_str().to_owned()),
            "description": error.to_string(), "server": server })
}

fn print_text(
    ctx: &Ctx,
    flow: &MigrationFlow,
    steps: &[StepRun],
    rules: &[Check],
    failure: Option<&Value>,
    result: &str,
    total_ms: u64,
) {
    let target = flow.target();
    let mut out = format!(
        "{} {} → {} ({})\n",
        ctx.bold("migration"),
        target.service.as_str(),
        target.partner_system_id.as_deref().unwrap_or("partner"),
        target.partner_token_endpoint
    );
    for (n, step) in steps.iter().enumerate() {
        out.push_str(&format!("\n{}\n", ctx.bold(&format!("step {}: {} ({})", n + 1, step.name, step.clause))));
        out.push_str(&wire::exchange_text(ctx, &step.request, &step.exchange));
        if step.name == "token_exchange" && !rules.is_empty() {
            out.push_str(&format!("\n{}\n", ctx.bold("security token (B.7.3)")));
            out.push_str(&checks::table(ctx, rules));
        }
    }
    let mut table = Table::new();
    if let Some(tokens) = flow.partner_tokens() {
        out.push_str(&format!("\n{}\n", ctx.bold("partner tokens")));
        output::token_response_rows(&mut table, ctx, tokens);
        out.push_str(&table.render(ctx));
        table = Table::new();
    }
    out.push('\n');
    let shown = if result == "failed" { ctx.bad(result) } else { ctx.good(result) };
    table.row("result", shown).row("total", format!("{total_ms} ms"));
    if let Some(failure) = failure {
        let text = |pointer: &str| failure.pointer(pointer).and_then(Value::as_str);
        table.row("failed step", text("/step").unwrap_or("-")).row("error", text("/code").unwrap_or("-"));
        table.opt("oauth error", text("/oauth_error"));
        table.row("description", text("/description").unwrap_or("-"));
        if let Some(status) = failure.pointer("/server/status").and_then(Value::as_u64) {
            let mut answer = format!("HTTP {status}");
            if let Some(error) = text("/server/error") {
                answer.push_str(&format!(" {error}"));
            }
            if let Some(description) = text("/server/error_description") {
                answer.push_str(&format!(": {}", output::printable_lossy(description.as_bytes(), 200)));
            }
            table.row("server answered", answer);
        }
    }
    out.push_str(&table.render(ctx));
    output::print(&out);
    if !ctx.show_secrets && flow.partner_tokens().is_some() {
        eprintln!("note: tokens are redacted; add --show-secrets to print them");
    }
}
