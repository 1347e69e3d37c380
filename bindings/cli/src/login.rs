//! `login`: the B.4 authorization-code flow with PKCE as a native app does it (RFC 8252): a
//! loopback redirect on 127.0.0.1 with a random port, the authorization URL printed (and opened
//! in a browser when one is available), `state` and PKCE checked by the core.

use crate::net::Client;
use crate::output::{self, Ctx, Table};
use crate::wire::{self, Session};
use crate::{Failure, LoginArgs, Outcome};
use mcx_connect::{AuthorizationRequest, ClientAuthentication, HttpRequest, Limits, Secret, TokenResponse};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

/// The page the browser shows once the redirect has reached the CLI.
const DONE_PAGE: &str = "<!doctype html><title>mcx-connect</title><p>Sign-in received: you can close this window \
                         and return to the terminal.</p>";

/// The endpoints: given, or read from the issuer's OpenID Provider metadata.
fn endpoints(ctx: &Ctx, client: &Client, args: &LoginArgs) -> Result<(String, String), Failure> {
    if let (Some(authorization), Some(token)) = (&args.authorization_endpoint, &args.token_endpoint) {
        return Ok((authorization.clone(), token.clone()));
    }
    let Some(issuer) = &args.issuer else {
        return Err(Failure::Usage("give --issuer, or --authorization-endpoint and --token-endpoint".to_owned()));
    };
    let url = format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/'));
    let request = HttpRequest { method: "GET".into(), url: url.clone(), headers: vec![], body: vec![] };
    let exchange = client.send(&request).map_err(|e| wire::net_failure(ctx, "discovery", &e))?;
    let metadata: Value = serde_json::from_slice(&exchange.response.body).map_err(|_| {
        Failure::Usage(format!("{url} answered HTTP {} without JSON metadata", exchange.response.status))
    })?;
    let member = |name: &str| metadata.get(name).and_then(Value::as_str).map(str::to_owned);
    let authorization = args.authorization_endpoint.clone().or_else(|| member("authorization_endpoint"));
    let token = args.token_endpoint.clone().or_else(|| member("token_endpoint"));
    match (authorization, token) {
        (Some(a), Some(t)) => Ok((a, t)),
        _ => Err(Failure::Usage(format!("{url} names no authorization_endpoint or token_endpoint"))),
    }
}

/// Opens `url` in the user's browser when one is available (`$BROWSER`, `xdg-open` with a
/// display, `open` on macOS); false when none is.
fn open_browser(url: &str) -> bool {
    let command = std::env::var("BROWSER").ok().filter(|b| !b.is_empty()).or_else(|| {
        if cfg!(target_os = "macos") {
            Some("open".to_owned())
        } else if std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some() {
            Some("xdg-open".to_owned())
        } else {
            None
        }
    });
    command.is_some_and(|command| {
        std::process::Command::new(command)
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
    })
}

/// Waits for the browser's redirect to the loopback listener; returns its full URL.
fn await_redirect(listener: &TcpListener, redirect_uri: &str, timeout: Duration) -> Result<String, Failure> {
    let deadline = Instant::now() + timeout;
    listener.set_nonblocking(true).map_err(|e| Failure::Usage(format!("loopback listener: {e}")))?;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                if let Some(target) = read_request_target(stream)? {
                    return Ok(format!("{}{}", redirect_uri.trim_end_matches("/callback"), target));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if Instant::now() > deadline {
                    return Err(Failure::Usage(format!(
                        "no redirect reached {redirect_uri} within {} s (--timeout)",
                        timeout.as_secs()
                    )));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => return Err(Failure::Usage(format!("loopback listener: {e}"))),
        }
    }
}

/// Reads one request on the loopback listener: the `/callback` target, or `None` (another
/// path, e.g. a favicon, answered 404).
fn read_request_target(stream: TcpStream) -> Result<Option<String>, Failure> {
    let io = |e: std::io::Error| Failure::Usage(format!("loopback listener: {e}"));
    stream.set_nonblocking(false).map_err(io)?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).map_err(io)?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).map_err(io)?;
    let target = line.split(' ').nth(1).unwrap_or_default().to_owned();
    let mut header = String::new();
    while reader.read_line(&mut header).map_err(io)? > 2 {
        header.clear();
    }
    let mut stream = reader.into_inner();
    let found = target.starts_with("/callback");
    let (status, body) = if found { ("200 OK", DONE_PAGE) } else { ("404 Not Found", "") };
    let reply = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(reply.as_bytes());
    Ok(found.then_some(target))
}

/// `login`.
pub(crate) fn run(ctx: &Ctx, args: &LoginArgs, verbose: bool, stdin_used: &mut bool) -> Outcome {
    let client = wire::client(&args.net, verbose, stdin_used)?;
    let scope = crate::request::scope_of(ctx, &args.scope)?;
    let (authorization_endpoint, token_endpoint) = endpoints(ctx, &client, args)?;
    // RFC 8252 §7.3: the loopback IP literal, any port, chosen by the system.
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| Failure::Usage(format!("loopback listener: {e}")))?;
    let port = listener.local_addr().map_err(|e| Failure::Usage(format!("loopback listener: {e}")))?.port();
    let redirect_uri = format!("http://127.0.0.1:{port}/callback");
    let invalid = |e: mcx_connect::Error| {
        output::print_error(ctx, &e);
        Failure::Invalid
    };
    let login = AuthorizationRequest::new(authorization_endpoint, args.client_id.clone(), redirect_uri.clone(), scope)
        .map_err(|e| invalid(e.into()))?;
    let url = login.url(client.policy()).map_err(invalid)?;
    let opened = !args.no_browser && open_browser(&url);
    eprintln!(
        "{} the authorization URL{}:",
        if opened { "Opened" } else { "Open" },
        if opened { "" } else { " in a browser" }
    );
    eprintln!("{url}");
    eprintln!("Waiting for the redirect to {redirect_uri} …");
    let redirect = await_redirect(&listener, &redirect_uri, Duration::from_secs(args.timeout))?;
    let code = login.read_response(&redirect).map_err(invalid)?;
    let client_auth = match &args.client_secret {
        Some(secret) => {
            ClientAuthentication::basic(args.client_id.clone(), Secret::new(crate::value_or_stdin(secret, stdin_used)?))
        }
        None => ClientAuthentication::client_id(args.client_id.clone()),
    };
    let request = login.code_request(code, client_auth).build(&token_endpoint, client.policy()).map_err(invalid)?;
    let exchange = client.send(&request).map_err(|e| wire::net_failure(ctx, "authorization_code", &e))?;
    if verbose {
        eprint!("{}", wire::exchange_text(ctx, &request, &exchange));
    }
    let tokens = TokenResponse::from_http_response(&exchange.response, &Limits::default()).map_err(invalid)?;
    let now = crate::now_or_clock(None);
    if let Some(path) = &args.save {
        let keep = |s: &Secret| args.save_secrets.then(|| s.clone());
        let session = Session {
            version: 1,
            token_endpoint: token_endpoint.clone(),
            client_id: args.client_id.clone(),
            scope: tokens.scope.as_ref().map(ToString::to_string),
            expires_at: tokens.expires_in.map(|s| now + s),
            secrets_included: args.save_secrets,
            access_token: keep(&tokens.access_token),
            refresh_token: tokens.refresh_token.as_ref().and_then(keep),
            id_token: tokens.id_token.as_ref().and_then(keep),
        };
        let text = serde_json::to_string_pretty(&session).map_err(|e| Failure::Usage(e.to_string()))?;
        wire::write_private(path, &text)?;
    }
    if ctx.json {
        let mut report = output::token_response_json(ctx, &tokens);
        if let Value::Object(members) = &mut report {
            members.insert("token_endpoint".into(), json!(token_endpoint));
            members.insert("client_id".into(), json!(args.client_id));
            members.insert("redirect_uri".into(), json!(redirect_uri));
            members.insert("saved".into(), json!(args.save));
            members.insert("secrets_redacted".into(), json!(!ctx.show_secrets));
        }
        output::print_json(&report);
    } else {
        let mut table = Table::new();
        table.row("result", ctx.good("logged in"));
        output::token_response_rows(&mut table, ctx, &tokens);
        table.opt("saved", args.save.as_deref());
        output::print(&table.render(ctx));
        if !ctx.show_secrets {
            eprintln!("note: tokens are redacted; add --show-secrets to print them");
        }
    }
    Ok(())
}
