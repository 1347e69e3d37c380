//! What the live commands (`migrate`, `probe`, `login`) share: the HTTP client built from the
//! trust options, the saved login session, and each HTTP exchange shown with its secrets masked.

use crate::net::{self, Client, Exchange, NetError, TlsOptions};
use crate::output::{self, Ctx};
use crate::{read_bytes, Failure, NetArgs};
use mcx_connect::{HttpRequest, HttpResponse, Secret};
use serde_json::{json, Map, Value};

/// The client the trust options describe.
pub(crate) fn client(args: &NetArgs, verbose: bool, stdin_used: &mut bool) -> Result<Client, Failure> {
    let ca_pem = match &args.ca_file {
        Some(path) => Some(read_bytes(path, stdin_used)?),
        None => None,
    };
    let pins = args
        .pin_sha256
        .iter()
        .map(|pin| net::parse_pin(pin).map_err(|why| Failure::Usage(format!("--pin-sha256: {why}"))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Client::new(TlsOptions { ca_pem, pins }, args.allow_loopback_http, verbose))
}

/// Members of a token-endpoint reply that are secrets.
const SECRET_MEMBERS: [&str; 3] = ["access_token", "refresh_token", "id_token"];

/// The reply body for display: a JSON object with its tokens redacted (unless
/// `--show-secrets`), other JSON as is, anything else as (lossy) text.
pub(crate) fn body_json(ctx: &Ctx, response: &HttpResponse) -> Value {
    match serde_json::from_slice::<Value>(&response.body) {
        Ok(Value::Object(mut object)) => {
            for member in SECRET_MEMBERS {
                if let Some(Value::String(token)) = object.get(member) {
                    let shown = ctx.token(token);
                    object.insert(member.to_owned(), Value::String(shown));
                }
            }
            Value::Object(object)
        }
        Ok(other) => other,
        Err(_) => Value::String(output::printable_lossy(&response.body, 2000)),
    }
}

/// The reply's header fields, a `Set-Cookie` value redacted unless `--show-secrets`.
fn response_headers(ctx: &Ctx, response: &HttpResponse) -> Vec<(String, String)> {
    let shown = |name: &str, value: &str| {
        if name.eq_ignore_ascii_case("set-cookie") {
            ctx.secret(value)
        } else {
            value.to_owned()
        }
    };
    response.headers.iter().map(|(name, value)| (name.clone(), shown(name, value))).collect()
}

/// `{ "request": {...}, "response": {...}, "elapsed_ms", "tls" }`, secrets masked.
pub(crate) fn exchange_json(ctx: &Ctx, request: &HttpRequest, exchange: &Exchange) -> Value {
    let shown = output::redact_request(request, ctx);
    let headers = |h: &[(String, String)]| {
        h.iter().map(|(name, value)| json!({ "name": name, "value": value })).collect::<Vec<_>>()
    };
    let mut object = Map::new();
    object.insert(
        "request".into(),
        json!({ "method": shown.method, "url": shown.url, "headers": headers(&shown.headers),
                "body": String::from_utf8_lossy(&shown.body) }),
    );
    object.insert(
        "response".into(),
        json!({ "status": exchange.response.status, "headers": headers(&response_headers(ctx, &exchange.response)),
                "body": body_json(ctx, &exchange.response) }),
    );
    object.insert("elapsed_ms".into(), json!(exchange.elapsed.as_millis() as u64));
    object.insert(
        "tls".into(),
        exchange.peer.as_ref().map_or(
            Value::Null,
            |p| json!({ "subject": p.subject, "not_after": p.not_after, "spki_sha256": p.spki_sha256 }),
        ),
    );
    Value::Object(object)
}

/// The exchange as text: `> ` request lines, `< ` reply lines, secrets masked.
pub(crate) fn exchange_text(ctx: &Ctx, request: &HttpRequest, exchange: &Exchange) -> String {
    let shown = output::redact_request(request, ctx);
    let mut out = format!("  > {} {}\n", shown.method, shown.url);
    for (name, value) in &shown.headers {
        out.push_str(&format!("  > {name}: {value}\n"));
    }
    if !shown.body.is_empty() {
        out.push_str(&format!("  > {}\n", String::from_utf8_lossy(&shown.body)));
    }
    out.push_str(&format!("  < {} ({} ms)\n", exchange.response.status, exchange.elapsed.as_millis()));
    for (name, value) in response_headers(ctx, &exchange.response) {
        out.push_str(&format!("  < {name}: {value}\n"));
    }
    let body = body_json(ctx, &exchange.response);
    if body != Value::String(String::new()) {
        out.push_str(&format!("  < {body}\n"));
    }
    out
}

/// A transport failure of `step`: printed (JSON `{"error": {...}}` or a table); exit status 1.
pub(crate) fn net_failure(ctx: &Ctx, step: &str, error: &NetError) -> Failure {
    if ctx.json {
        output::print_json(&json!({ "error": { "code": error.code, "step": step, "description": error.description } }));
    } else {
        let mut table = output::Table::new();
        table.row("result", ctx.bad("failed")).row("step", step).row("error", error.code);
        table.row("description", error.description.as_str());
        output::print(&table.render(ctx));
    }
    Failure::Invalid
}

/// A login session as `login --save` writes it.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Session {
    /// Format version (1).
    pub(crate) version: u32,
    /// The primary IdMS token endpoint.
    pub(crate) token_endpoint: String,
    /// The client id.
    pub(crate) client_id: String,
    /// The granted scope.
    pub(crate) scope: Option<String>,
    /// Seconds since the epoch when the access token expires.
    pub(crate) expires_at: Option<u64>,
    /// Whether the tokens below were saved.
    pub(crate) secrets_included: bool,
    /// The primary access token (only with `--save-secrets`).
    #[serde(default, with = "mcx_connect::serde_exposed::option")]
    pub(crate) access_token: Option<Secret>,
    /// The refresh token (only with `--save-secrets`).
    #[serde(default, with = "mcx_connect::serde_exposed::option")]
    pub(crate) refresh_token: Option<Secret>,
    /// The ID token (only with `--save-secrets`).
    #[serde(default, with = "mcx_connect::serde_exposed::option")]
    pub(crate) id_token: Option<Secret>,
}

/// Reads `login --save`'s file.
pub(crate) fn read_session(path: &str, stdin_used: &mut bool) -> Result<Session, Failure> {
    let bytes = read_bytes(path, stdin_used)?;
    let session: Session = serde_json::from_slice(&bytes)
        .map_err(|e| Failure::Usage(format!("`{path}` is not a session saved by `login --save`: {e}")))?;
    if session.version != 1 {
        return Err(Failure::Usage(format!("`{path}`: session version {} is not 1", session.version)));
    }
    Ok(session)
}

/// Writes `text` to `path`, readable and writable by the owner only (0600 on Unix).
pub(crate) fn write_private(path: &str, text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| Failure::Usage(format!("cannot write `{path}`: {e}")))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // An existing file keeps its mode on open: narrow it too.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| Failure::Usage(format!("cannot restrict `{path}`: {e}")))?;
    }
    file.write_all(text.as_bytes()).map_err(|e| Failure::Usage(format!("cannot write `{path}`: {e}")))
}

/// The primary access token: `--access-token TOKEN|-`, or the saved session's.
pub(crate) fn access_token(
    given: Option<&str>,
    session: Option<&Session>,
    stdin_used: &mut bool,
) -> Result<Option<String>, Failure> {
    if let Some(value) = given {
        return crate::token_arg(value, "--access-token", stdin_used).map(Some);
    }
    match session {
        Some(session) if session.access_token.is_none() => Err(Failure::Usage(
            "the session was saved without its tokens: log in again with --save-secrets, or give --access-token"
                .to_owned(),
        )),
        Some(session) => Ok(session.access_token.as_ref().map(|t| t.expose().to_owned())),
        None => Ok(None),
    }
}
