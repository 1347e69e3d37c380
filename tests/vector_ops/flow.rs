//! Vector operations for the migration flow (TS 24.482 6.2.3, TS 33.180 B.7): the token exchange at
//! the primary IdMS, then the jwt-bearer request at the partner IdMS, driven step by step.

use super::input::{opt_str, str};
use super::request::{http_response, request_json};
use super::{bad_case, Failure, Outcome};
use mcx_connect::{
    EndpointPolicy, Error, FlowSecrets, McService, MigrationConfig, MigrationFlow, MigrationTarget, ScopeSet, Secret,
};
use serde_json::{json, Value};

pub(super) fn dispatch(operation: &str, input: &Value) -> Option<Outcome> {
    Some(match operation {
        "flow.run" => flow_run(input),
        "flow.restore" => flow_restore(input),
        _ => return None,
    })
}

fn new_flow(input: &Value) -> Result<MigrationFlow, Failure> {
    let scope = ScopeSet::parse(str(input, "scope")?).map_err(Error::from)?;
    let mut config = MigrationConfig::new(str(input, "primary_token_endpoint")?, str(input, "client_id")?, scope);
    config.client_secret = opt_str(input, "client_secret").map(Secret::new);
    config.endpoint_policy = EndpointPolicy { allow_loopback_http: super::input::bool(input, "allow_loopback_http") };
    if let Some(seconds) = input.get("min_security_token_lifetime").and_then(Value::as_u64) {
        config.min_security_token_lifetime = seconds;
    }
    let service = str(input, "service")?;
    let target = MigrationTarget {
        service: McService::parse(service).ok_or_else(|| bad_case(format!("unknown service `{service}`")))?,
        partner_system_id: opt_str(input, "partner_system_id").map(str::to_owned),
        partner_token_endpoint: str(input, "partner_token_endpoint")?.to_owned(),
    };
    Ok(MigrationFlow::new(config, target, Secret::new(str(input, "access_token")?))?)
}

fn now(step: &Value) -> Result<u64, Failure> {
    step.get("now").and_then(Value::as_u64).ok_or_else(|| bad_case("each step needs `now`"))
}

/// Runs `steps` in order. A step with `"error": code` must fail with that code, and the run goes
/// on; any other failing step ends the operation with its error.
fn flow_run(input: &Value) -> Outcome {
    let mut flow = new_flow(input)?;
    let steps = input.get("steps").and_then(Value::as_array).ok_or_else(|| bad_case("input.steps is required"))?;
    let mut requests = Vec::new();
    for (index, step) in steps.iter().enumerate() {
        let result: Result<(), Error> = if let Some(call) = step.get("next_request") {
            flow.next_request(now(call)?).map(|request| requests.push(request_json(&request)))
        } else if let Some(call) = step.get("handle_response") {
            flow.handle_response(&http_response(call)?, now(call)?).map(drop)
        } else if step.get("save_and_restore").is_some() {
            MigrationFlow::restore(&flow.save(true), FlowSecrets::default()).map(|restored| flow = restored)
        } else {
            return Err(bad_case(format!("step {index}: unknown call")));
        };
        match (result, opt_str(step, "error")) {
            (Ok(()), None) => {}
            (Err(error), None) => return Err(error.into()),
            (Err(error), Some(code)) if error.code() == code => {}
            (outcome, Some(code)) => {
                let got = outcome.map_or_else(|e| e.code().to_owned(), |()| "success".to_owned());
                return Err(bad_case(format!("step {index}: expected error `{code}`, got {got}")));
            }
        }
    }
    Ok(flow_json(&flow, requests))
}

fn flow_json(flow: &MigrationFlow, requests: Vec<Value>) -> Value {
    let partner_tokens = flow.partner_tokens().map(|tokens| {
        json!({
            "access_token": tokens.access_token.expose(),
            "token_type": tokens.token_type.as_str(),
            "expires_in": tokens.expires_in,
            "scope": tokens.scope.as_ref().map(ToString::to_string),
            "normalisations": tokens.normalisations.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(),
        })
    });
    json!({
        "step": flow.step().as_str(),
        "requests": requests,
        "security_token_expires_at": flow.security_token_expires_at(),
        "partner_tokens": partner_tokens,
        "failure": flow.failure().map(|failure| json!({ "code": failure.code, "oauth_error": failure.oauth_error })),
    })
}

fn flow_restore(input: &Value) -> Outcome {
    let secrets = FlowSecrets {
        primary_access_token: opt_str(input, "access_token").map(Secret::new),
        client_secret: opt_str(input, "client_secret").map(Secret::new),
    };
    let flow = MigrationFlow::restore(str(input, "saved")?, secrets)?;
    Ok(flow_json(&flow, Vec::new()))
}
