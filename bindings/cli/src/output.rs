//! Output: human tables (colour only on a terminal, never with `NO_COLOR`), stable JSON, and
//! the redaction of secrets.

use mcx_connect::{Error, HttpRequest, Normalisation, Rejection, TokenResponse};
use serde_json::{json, Map, Value};
use std::io::{IsTerminal, Write};

/// How the user asked for output.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    /// `--json`: machine-readable output.
    pub(crate) json: bool,
    /// `--show-secrets`: print secrets in full.
    pub(crate) show_secrets: bool,
    /// ANSI colour on standard output.
    pub(crate) color: bool,
}

impl Ctx {
    /// Colour only when standard output is a terminal and `NO_COLOR` is unset or empty
    /// (<https://no-color.org>), and never for JSON.
    pub(crate) fn new(json: bool, show_secrets: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = !json && !no_color && std::io::stdout().is_terminal();
        Self { json, show_secrets, color }
    }

    fn paint(&self, text: &str, sgr: &str) -> String {
        if self.color {
            format!("\u{1b}[{sgr}m{text}\u{1b}[0m")
        } else {
            text.to_owned()
        }
    }

    /// Bold text (headings).
    pub(crate) fn bold(&self, text: &str) -> String {
        self.paint(text, "1")
    }

    /// Green text (valid).
    pub(crate) fn good(&self, text: &str) -> String {
        self.paint(text, "32")
    }

    /// Red text (invalid, expired).
    pub(crate) fn bad(&self, text: &str) -> String {
        self.paint(text, "31")
    }

    /// Dim text (notes).
    pub(crate) fn dim(&self, text: &str) -> String {
        self.paint(text, "2")
    }

    /// A token (JWT or opaque), redacted unless `--show-secrets`.
    pub(crate) fn token(&self, value: &str) -> String {
        if self.show_secrets {
            value.to_owned()
        } else {
            redact_token(value)
        }
    }

    /// A secret that shows nothing of itself (client secret, code, verifier, state, nonce).
    pub(crate) fn secret(&self, value: &str) -> String {
        if self.show_secrets {
            value.to_owned()
        } else {
            "[redacted]".to_owned()
        }
    }
}

/// `eyJhbGciOi…[redacted, 812 bytes]` for a JWT (its first ten characters are the start of the
/// public header), `[redacted, N bytes]` for any other token.
pub(crate) fn redact_token(value: &str) -> String {
    let looks_like_jwt = value.starts_with("eyJ") && value.contains('.');
    match value.get(..10) {
        Some(prefix) if looks_like_jwt => format!("{prefix}…[redacted, {} bytes]", value.len()),
        _ => format!("[redacted, {} bytes]", value.len()),
    }
}

/// The request with its secrets redacted by the core ([`HttpRequest::redacted_with`]): tokens
/// show their length (and a JWT its header's start), other secrets nothing. Display only: it is
/// not sendable.
pub(crate) fn redact_request(request: &HttpRequest, ctx: &Ctx) -> HttpRequest {
    if ctx.show_secrets {
        return request.clone();
    }
    request.redacted_with(|name, value| match name {
        "assertion" | "subject_token" | "refresh_token" => redact_token(value),
        _ => mcx_connect::REDACTED.to_owned(),
    })
}

/// The note printed on standard error when secrets were redacted from a request.
pub(crate) fn redaction_note(ctx: &Ctx) {
    if !ctx.show_secrets && !ctx.json {
        eprintln!("note: secrets are redacted; add --show-secrets to print the request as it would be sent");
    }
}

/// Two-column rows printed with the keys aligned.
#[derive(Default)]
pub(crate) struct Table {
    rows: Vec<(String, String)>,
}

impl Table {
    /// A new, empty table.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds a row.
    pub(crate) fn row(&mut self, key: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.rows.push((key.into(), value.into()));
        self
    }

    /// Adds a row when there is a value.
    pub(crate) fn opt(&mut self, key: impl Into<String>, value: Option<impl Into<String>>) -> &mut Self {
        if let Some(value) = value {
            self.rows.push((key.into(), value.into()));
        }
        self
    }

    /// Writes the table, keys padded to the widest (padding counts characters, before colour).
    pub(crate) fn render(&self, ctx: &Ctx) -> String {
        let width = self.rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
        let mut out = String::new();
        for (key, value) in &self.rows {
            let pad = " ".repeat(width.saturating_sub(key.chars().count()) + 2);
            out.push_str(&format!("{}{pad}{value}\n", ctx.bold(key)));
        }
        out
    }
}

/// Text from a server for display: control characters replaced, at most `max` characters.
pub(crate) fn printable_lossy(bytes: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut shown: String =
        text.chars().take(max).map(|c| if c.is_control() && c != '\n' { '\u{fffd}' } else { c }).collect();
    if text.chars().count() > max {
        shown.push('…');
    }
    shown
}

/// Writes text to standard output; a closed pipe is not an error worth a panic.
pub(crate) fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

/// Writes a JSON value, pretty-printed, with a final line break.
pub(crate) fn print_json(value: &Value) {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned());
    print(&format!("{text}\n"));
}

/// `{"code", "description", "oauth_error"?}` for an error of the core.
pub(crate) fn error_object(error: &Error) -> Value {
    let mut object = Map::new();
    object.insert("code".into(), json!(error.code()));
    object.insert("description".into(), json!(error.to_string()));
    if let Some(oauth) = error.oauth_error() {
        object.insert("oauth_error".into(), json!(oauth.as_str()));
    }
    Value::Object(object)
}

/// `{"code", "description", "oauth_error", "http_status"}` for a server-role refusal: the
/// description is the cause alone, the RFC error and its status are what goes on the wire.
pub(crate) fn rejection_object(rejection: &Rejection) -> Value {
    json!({
        "code": rejection.code(),
        "description": rejection.cause.to_string(),
        "oauth_error": rejection.error.as_str(),
        "http_status": rejection.error.http_status(),
    })
}

/// Prints an error of the core (exit status 1 follows): JSON `{"error": {...}}` or a table.
pub(crate) fn print_error(ctx: &Ctx, error: &Error) {
    if ctx.json {
        print_json(&json!({ "error": error_object(error) }));
    } else {
        let mut table = Table::new();
        table.row("result", ctx.bad("invalid"));
        table.row("error", error.code());
        if let Some(oauth) = error.oauth_error() {
            table.row("oauth error", oauth.as_str());
        }
        table.row("description", error.to_string());
        print(&table.render(ctx));
    }
}

/// JSON of the repairs lenient parsing made.
pub(crate) fn normalisations_json(normalisations: &[Normalisation]) -> Value {
    Value::Array(
        normalisations
            .iter()
            .map(|n| json!({ "code": n.code, "parameter": n.parameter, "description": n.description }))
            .collect(),
    )
}

/// The repairs as indented lines under a heading.
pub(crate) fn normalisations_text(ctx: &Ctx, normalisations: &[Normalisation]) -> String {
    if normalisations.is_empty() {
        return String::new();
    }
    let width = normalisations.iter().map(|n| n.code.len()).max().unwrap_or(0);
    let mut out = format!("\n{}\n", ctx.bold(&format!("normalisations ({})", normalisations.len())));
    for n in normalisations {
        out.push_str(&format!("  {}{}  {}\n", n.code, " ".repeat(width.saturating_sub(n.code.len())), n.description));
    }
    out
}

/// A token response (RFC 6749 §5.1) for `--json`, its tokens redacted unless `--show-secrets`
/// (`login` and `migrate` show the same members).
pub(crate) fn token_response_json(ctx: &Ctx, tokens: &TokenResponse) -> Value {
    json!({
        "access_token": ctx.token(tokens.access_token.expose()),
        "token_type": tokens.token_type.as_str(),
        "expires_in": tokens.expires_in,
        "scope": tokens.scope.as_ref().map(ToString::to_string),
        "refresh_token": tokens.refresh_token.as_ref().map(|t| ctx.token(t.expose())),
        "id_token": tokens.id_token.as_ref().map(|t| ctx.token(t.expose())),
    })
}

/// The same members as table rows.
pub(crate) fn token_response_rows(table: &mut Table, ctx: &Ctx, tokens: &TokenResponse) {
    table
        .row("access_token", ctx.token(tokens.access_token.expose()))
        .row("token_type", tokens.token_type.as_str())
        .opt("expires_in", tokens.expires_in.map(|s| format!("{s} s")))
        .opt("scope", tokens.scope.as_ref().map(ToString::to_string))
        .opt("refresh_token", tokens.refresh_token.as_ref().map(|t| ctx.token(t.expose())))
        .opt("id_token", tokens.id_token.as_ref().map(|t| ctx.token(t.expose())));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_redacted_with_their_length() {
        assert_eq!(redact_token("eyJhbGciOiJFUzI1NiJ9.e30.c2ln"), "eyJhbGciOi…[redacted, 29 bytes]");
        assert_eq!(redact_token("opaque-token"), "[redacted, 12 bytes]");
        assert_eq!(redact_token("eyJ"), "[redacted, 3 bytes]");
    }
}
