//! `response check`.

use crate::output::{self, Ctx, Table};
use crate::{Failure, Outcome};
use mcx_connect::{Error, HttpResponse, Limits, Secret, TokenEndpointResponse};
use serde_json::{json, Map, Value};

/// `response check FILE|-`: what a token-endpoint reply carries, or its error.
pub(crate) fn check(ctx: &Ctx, text: &str) -> Outcome {
    let response = match HttpResponse::parse_text(text) {
        Ok(response) => response,
        Err(error) => {
            output::print_error(ctx, &error.into());
            return Err(Failure::Invalid);
        }
    };
    match TokenEndpointResponse::from_http_response(&response, &Limits::default()) {
        Ok(read) => {
            print_success(ctx, response.status, &read);
            Ok(())
        }
        Err(error) => {
            print_failure(ctx, response.status, &error);
            Err(Failure::Invalid)
        }
    }
}

fn members(ctx: &Ctx, read: &TokenEndpointResponse) -> (&'static str, &'static str, Vec<(&'static str, Value)>) {
    let token = |t: &Secret| json!(ctx.token(t.expose()));
    let optional_token = |t: &Option<Secret>| t.as_ref().map_or(Value::Null, token);
    let scope = |s: &Option<mcx_connect::ScopeSet>| s.as_ref().map_or(Value::Null, |s| json!(s.to_string()));
    match read {
        TokenEndpointResponse::TokenExchange(r) => (
            "token_exchange_response",
            "TS 33.180 B.7.3 (RFC 8693 section 2.2.1): access_token is the security token",
            vec![
                ("access_token", token(&r.access_token)),
                ("issued_token_type", json!(r.issued_token_type)),
                ("token_type", json!(r.token_type.as_str())),
                ("expires_in", json!(r.expires_in)),
                ("scope", scope(&r.scope)),
                ("refresh_token", optional_token(&r.refresh_token)),
            ],
        ),
        TokenEndpointResponse::Token(r) => (
            "token_response",
            "TS 33.180 B.4.2.5 / B.7.5 (RFC 6749 section 5.1)",
            vec![
                ("access_token", token(&r.access_token)),
                ("token_type", json!(r.token_type.as_str())),
                ("expires_in", json!(r.expires_in)),
                ("scope", scope(&r.scope)),
                ("refresh_token", optional_token(&r.refresh_token)),
                ("id_token", optional_token(&r.id_token)),
            ],
        ),
    }
}

fn print_success(ctx: &Ctx, status: u16, read: &TokenEndpointResponse) {
    let (kind, clause, members) = members(ctx, read);
    if ctx.json {
        let mut object = Map::new();
        object.insert("kind".into(), json!(kind));
        object.insert("status".into(), json!(status));
        object.insert("valid".into(), json!(true));
        object.insert("response".into(), Value::Object(members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()));
        object.insert("secrets_redacted".into(), json!(!ctx.show_secrets));
        output::print_json(&Value::Object(object));
        return;
    }
    let mut table = Table::new();
    table
        .row("response", format!("{kind} ({clause})"))
        .row("status", status.to_string())
        .row("result", ctx.good("valid"));
    for (name, value) in members {
        match value {
            Value::Null => {}
            Value::String(text) => {
                table.row(name, text);
            }
            Value::Number(n) if name == "expires_in" => {
                table.row(name, format!("{n} s"));
            }
            other => {
                table.row(name, other.to_string());
            }
        }
    }
    output::print(&table.render(ctx));
}

fn print_failure(ctx: &Ctx, status: u16, error: &Error) {
    let error_response = match error {
        Error::ErrorResponse(response) => Some(response),
        _ => None,
    };
    if ctx.json {
        let mut object = Map::new();
        object.insert("kind".into(), json!(error_response.map(|_| "error_response")));
        object.insert("status".into(), json!(status));
        object.insert("valid".into(), json!(false));
        if let Some(response) = error_response {
            object.insert(
                "response".into(),
                json!({
                    "error": response.error.as_str(),
                    "error_description": response.error_description,
                    "error_uri": response.error_uri,
                }),
            );
        }
        object.insert("error".into(), output::error_object(error));
        output::print_json(&Value::Object(object));
        return;
    }
    let mut table = Table::new();
    match error_response {
        Some(response) => {
            table
                .row("response", "error_response (RFC 6749 section 5.2)")
                .row("status", status.to_string())
                .row("result", ctx.bad("error"))
                .row("error", response.error.as_str())
                .opt("error_description", response.error_description.clone())
                .opt("error_uri", response.error_uri.clone());
        }
        None => {
            table
                .row("status", status.to_string())
                .row("result", ctx.bad("invalid"))
                .row("error", error.code())
                .row("description", error.to_string());
        }
    }
    output::print(&table.render(ctx));
}
