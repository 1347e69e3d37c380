//! `request build` and `request check`.

use crate::output::{self, Ctx, Table};
use crate::{
    value_or_stdin, AuthorizeArgs, BuildKind, ClientArgs, ClientAuthMethod, CodeArgs, EndpointArgs, ExchangeArgs,
    Failure, JwtBearerArgs, Outcome, RefreshArgs, ScopeArgs,
};
use mcx_connect::token::{
    AccessTokenValidator, JwkSet, JwsHeader, SecurityTokenValidator, TokenClaims, TokenError, Verifier,
};
use mcx_connect::{
    AuthorizationCodeRequest, AuthorizationRequest, ClientAuthentication, EndpointPolicy, Error, HttpRequest,
    JwtBearerRequest, Normalisation, ParseMode, ParseOptions, Pkce, RefreshRequest, Rejection, ScopeSet, Secret,
    TokenExchangeRequest, TokenRequest, TokenRequestKind,
};
use serde_json::{json, Value};

/// Prints a core error and ends with exit status 1.
fn invalid(ctx: &Ctx, error: impl Into<Error>) -> Failure {
    output::print_error(ctx, &error.into());
    Failure::Invalid
}

fn policy(allow_loopback_http: bool) -> EndpointPolicy {
    if allow_loopback_http {
        EndpointPolicy::ALLOW_LOOPBACK_HTTP
    } else {
        EndpointPolicy::HTTPS_ONLY
    }
}

fn client(args: &ClientArgs, stdin_used: &mut bool) -> Result<ClientAuthentication, Failure> {
    Ok(match (&args.client_id, &args.client_secret) {
        (None, _) => ClientAuthentication::None,
        (Some(id), None) => ClientAuthentication::client_id(id.as_str()),
        (Some(id), Some(secret)) => {
            let client_secret = Secret::new(value_or_stdin(secret, stdin_used)?);
            match args.client_auth {
                ClientAuthMethod::Basic => ClientAuthentication::basic(id.as_str(), client_secret),
                ClientAuthMethod::Post => {
                    ClientAuthentication::ClientSecretPost { client_id: id.clone(), client_secret }
                }
            }
        }
    })
}

pub(crate) fn scope_of(ctx: &Ctx, args: &ScopeArgs) -> Result<ScopeSet, Failure> {
    match (&args.scope, args.service) {
        (_, Some(service)) => Ok(ScopeSet::for_service(service.core())),
        (Some(text), None) => ScopeSet::parse(text).map_err(|e| invalid(ctx, e)),
        (None, None) => Ok(ScopeSet::new()),
    }
}

/// `request build KIND`.
pub(crate) fn build(ctx: &Ctx, kind: BuildKind, curl: bool, stdin_used: &mut bool) -> Outcome {
    let (request_kind, built) = match kind {
        BuildKind::Exchange(args) => (TokenRequestKind::TokenExchange, exchange(args, stdin_used)?),
        BuildKind::JwtBearer(args) => (TokenRequestKind::JwtBearer, jwt_bearer(ctx, args, stdin_used)?),
        BuildKind::Code(args) => (TokenRequestKind::AuthorizationCode, code(args, stdin_used)?),
        BuildKind::Refresh(args) => (TokenRequestKind::Refresh, refresh(ctx, args, stdin_used)?),
        BuildKind::Authorize(args) => return authorize(ctx, args),
    };
    let request = built.map_err(|e| invalid(ctx, e))?;
    let shown = output::redact_request(&request, ctx);
    if curl && !ctx.json {
        output::print(&format!("{}\n", curl_command(&shown)));
        output::redaction_note(ctx);
        return Ok(());
    }
    if ctx.json {
        output::print_json(&json!({
            "kind": request_kind.as_str(),
            "grant_type": request_kind.grant_type(),
            "request": request_json(&shown),
            "secrets_redacted": !ctx.show_secrets,
        }));
    } else {
        // The Content-Length stays the one of the request as sent.
        let text = shown.to_text().replacen(
            &format!("Content-Length: {}\r\n", shown.body.len()),
            &format!("Content-Length: {}\r\n", request.body.len()),
            1,
        );
        output::print(&format!("{text}\n"));
        output::redaction_note(ctx);
    }
    Ok(())
}

/// Single-quoted for a POSIX shell.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// `curl` for the request as built: method, URL, every header, the body as is.
fn curl_command(request: &HttpRequest) -> String {
    let mut parts = vec!["curl".to_owned(), "--silent".to_owned(), "--show-error".to_owned()];
    parts.push(format!("-X {}", request.method));
    for (name, value) in &request.headers {
        parts.push(format!("-H {}", shell_quote(&format!("{name}: {value}"))));
    }
    if !request.body.is_empty() {
        parts.push(format!("--data-raw {}", shell_quote(&String::from_utf8_lossy(&request.body))));
    }
    parts.push(shell_quote(&request.url));
    parts.join(" ")
}

fn exchange(args: ExchangeArgs, stdin_used: &mut bool) -> Result<Result<HttpRequest, Error>, Failure> {
    let ExchangeArgs {
        endpoint: EndpointArgs { token_endpoint, allow_loopback_http },
        resource,
        subject_token,
        client: c,
    } = args;
    let subject_token = crate::token_arg(&subject_token, "--subject-token", stdin_used)?;
    let request = TokenExchangeRequest::new(resource, subject_token).with_client(client(&c, stdin_used)?);
    Ok(request.build(&token_endpoint, policy(allow_loopback_http)))
}

fn jwt_bearer(ctx: &Ctx, args: JwtBearerArgs, stdin_used: &mut bool) -> Result<Result<HttpRequest, Error>, Failure> {
    let JwtBearerArgs {
        endpoint: EndpointArgs { token_endpoint, allow_loopback_http },
        assertion,
        client: c,
        scope: s,
    } = args;
    let assertion = crate::token_arg(&assertion, "--assertion", stdin_used)?;
    let request = JwtBearerRequest::new(assertion, client(&c, stdin_used)?, scope_of(ctx, &s)?);
    Ok(request.build(&token_endpoint, policy(allow_loopback_http)))
}

fn code(args: CodeArgs, stdin_used: &mut bool) -> Result<Result<HttpRequest, Error>, Failure> {
    let CodeArgs {
        endpoint: EndpointArgs { token_endpoint, allow_loopback_http },
        code,
        redirect_uri,
        code_verifier,
        client: c,
    } = args;
    let request = AuthorizationCodeRequest {
        code: Secret::new(value_or_stdin(&code, stdin_used)?),
        redirect_uri,
        code_verifier: Secret::new(code_verifier),
        client: client(&c, stdin_used)?,
    };
    Ok(request.build(&token_endpoint, policy(allow_loopback_http)))
}

fn refresh(ctx: &Ctx, args: RefreshArgs, stdin_used: &mut bool) -> Result<Result<HttpRequest, Error>, Failure> {
    let RefreshArgs { endpoint: EndpointArgs { token_endpoint, allow_loopback_http }, refresh_token, scope, client: c } =
        args;
    let scope = match scope {
        Some(text) => Some(ScopeSet::parse(&text).map_err(|e| invalid(ctx, e))?),
        None => None,
    };
    let refresh_token = crate::token_arg(&refresh_token, "--refresh-token", stdin_used)?;
    let request = RefreshRequest::new(refresh_token, scope, client(&c, stdin_used)?);
    Ok(request.build(&token_endpoint, policy(allow_loopback_http)))
}

/// `request build authorize`: the URL, and state, nonce and verifier only with `--show-secrets`.
fn authorize(ctx: &Ctx, args: AuthorizeArgs) -> Outcome {
    let scope = scope_of(ctx, &args.scope)?;
    let mut request = AuthorizationRequest::new(args.authorization_endpoint, args.client_id, args.redirect_uri, scope)
        .map_err(|e| invalid(ctx, e))?;
    if let Some(state) = args.state {
        request.state = Secret::new(state);
    }
    if let Some(nonce) = args.nonce {
        request.nonce = Secret::new(nonce);
    }
    if let Some(verifier) = args.code_verifier {
        request.pkce = Pkce::from_verifier(verifier).map_err(|e| invalid(ctx, e))?;
    }
    request.acr_values = args.acr_values;
    let url = request.url(policy(args.allow_loopback_http)).map_err(|e| invalid(ctx, e))?;
    if ctx.json {
        output::print_json(&json!({
            "kind": "authorization_request",
            "url": url,
            "state": ctx.secret(request.state.expose()),
            "nonce": ctx.secret(request.nonce.expose()),
            "code_verifier": ctx.secret(request.pkce.verifier().expose()),
            "code_challenge": request.pkce.challenge(),
            "code_challenge_method": mcx_connect::PKCE_METHOD_S256,
            "secrets_redacted": !ctx.show_secrets,
        }));
    } else if ctx.show_secrets {
        let mut table = Table::new();
        table
            .row("url", url)
            .row("state", request.state.expose())
            .row("nonce", request.nonce.expose())
            .row("code_verifier", request.pkce.verifier().expose())
            .row("code_challenge", request.pkce.challenge());
        output::print(&table.render(ctx));
    } else {
        output::print(&format!("{url}\n"));
        eprintln!("note: keep the state, nonce and code verifier for the response; add --show-secrets to print them");
    }
    Ok(())
}

/// `{"method", "url", "headers": [{"name", "value"}], "body"}`.
fn request_json(request: &HttpRequest) -> Value {
    json!({
        "method": request.method,
        "url": request.url,
        "headers": request.headers.iter().map(|(n, v)| json!({ "name": n, "value": v })).collect::<Vec<_>>(),
        "body": String::from_utf8_lossy(&request.body),
    })
}

fn client_json(ctx: &Ctx, client: &ClientAuthentication) -> Value {
    let method = match client {
        ClientAuthentication::None => "none",
        ClientAuthentication::ClientId { .. } => "client_id",
        ClientAuthentication::ClientSecretBasic { .. } => "client_secret_basic",
        ClientAuthentication::ClientSecretPost { .. } => "client_secret_post",
    };
    json!({
        "authentication": method,
        "client_id": client.id(),
        "client_secret": client.secret().map(|s| ctx.secret(s.expose())),
    })
}

fn client_text(ctx: &Ctx, client: &ClientAuthentication) -> String {
    let value = client_json(ctx, client);
    let method = value.get("authentication").and_then(Value::as_str).unwrap_or_default();
    match (client.id(), client.secret()) {
        (None, _) => "none (no client_id, no credentials)".to_owned(),
        (Some(id), None) => format!("{id} ({method})"),
        (Some(id), Some(secret)) => format!("{id} ({method}, secret {})", ctx.secret(secret.expose())),
    }
}

/// The parsed parameters of an accepted request, as JSON members and as table rows.
fn parameters(ctx: &Ctx, request: &TokenRequest) -> Vec<(&'static str, Value)> {
    let scope = |s: &ScopeSet| json!(s.to_string());
    match request {
        TokenRequest::TokenExchange(r) => vec![
            ("resource", json!(r.resource)),
            ("subject_token", json!(ctx.token(r.subject_token.expose()))),
            ("client", client_json(ctx, &r.client)),
        ],
        TokenRequest::JwtBearer(r) => vec![
            ("assertion", json!(ctx.token(r.assertion.expose()))),
            ("scope", scope(&r.scope)),
            ("client", client_json(ctx, &r.client)),
        ],
        TokenRequest::AuthorizationCode(r) => vec![
            ("code", json!(ctx.secret(r.code.expose()))),
            ("redirect_uri", json!(r.redirect_uri)),
            ("code_verifier", json!(ctx.secret(r.code_verifier.expose()))),
            ("client", client_json(ctx, &r.client)),
        ],
        TokenRequest::Refresh(r) => vec![
            ("refresh_token", json!(ctx.token(r.refresh_token.expose()))),
            ("scope", r.scope.as_ref().map_or(Value::Null, scope)),
            ("client", client_json(ctx, &r.client)),
        ],
    }
}

fn client_of(request: &TokenRequest) -> &ClientAuthentication {
    match request {
        TokenRequest::TokenExchange(r) => &r.client,
        TokenRequest::JwtBearer(r) => &r.client,
        TokenRequest::AuthorizationCode(r) => &r.client,
        TokenRequest::Refresh(r) => &r.client,
    }
}

/// What `request check --jwks` authenticates the carried token with.
pub(crate) struct TokenCheck {
    /// The issuer's JWK Set document.
    pub(crate) jwks: String,
    /// The expected `iss`.
    pub(crate) issuer: String,
    /// The expected `aud` member (security token: default the request URL).
    pub(crate) target: Option<String>,
    /// The time to check against.
    pub(crate) now: u64,
    /// Clock leeway in seconds.
    pub(crate) leeway: Option<u64>,
}

/// `request check FILE|- [--lenient] [--jwks FILE --issuer URL ...]`.
pub(crate) fn check(ctx: &Ctx, text: &str, lenient: bool, verify: Option<&TokenCheck>) -> Outcome {
    let (mode, options) = if lenient {
        (ParseMode::Lenient, ParseOptions::lenient())
    } else {
        (ParseMode::Strict, ParseOptions::strict())
    };
    let report = match HttpRequest::parse_text(text, mode) {
        Err(error) => {
            // The message itself is refused; still tell what it would have been, if it can be read at all.
            let kind = HttpRequest::parse_text(text, ParseMode::Lenient)
                .ok()
                .and_then(|parsed| TokenRequestKind::identify(&parsed.value));
            Report {
                kind,
                mode,
                url: None,
                normalisations: Vec::new(),
                outcome: Err(output::error_object(&error.into())),
                token: None,
            }
        }
        Ok(parsed) => {
            let check = TokenRequest::check(&parsed.value, &options);
            let mut normalisations = parsed.normalisations;
            normalisations.extend(check.normalisations);
            let mut outcome = check.outcome.map_err(|rejection| output::rejection_object(&rejection));
            let mut token = None;
            if let (Ok(request), Some(verify)) = (&outcome, verify) {
                match authenticate_token(request, &parsed.value, &options, verify)? {
                    Ok(verified) => token = Some(verified),
                    Err(error) => outcome = Err(error),
                }
            }
            Report { kind: check.kind, mode, url: Some(parsed.value.url), normalisations, outcome, token }
        }
    };
    report.print(ctx);
    if report.outcome.is_ok() {
        Ok(())
    } else {
        Err(Failure::Invalid)
    }
}

struct Report {
    kind: Option<TokenRequestKind>,
    mode: ParseMode,
    url: Option<String>,
    normalisations: Vec<Normalisation>,
    outcome: Result<TokenRequest, Value>,
    /// The carried token, authenticated (`--jwks`).
    token: Option<VerifiedToken>,
}

/// The token a request carries, after its signature and claims were checked.
struct VerifiedToken {
    /// `assertion` or `subject_token`.
    parameter: &'static str,
    /// `security` or `access`.
    kind: &'static str,
    header: JwsHeader,
    claims: TokenClaims,
}

impl VerifiedToken {
    fn json(&self) -> Value {
        json!({
            "parameter": self.parameter,
            "kind": self.kind,
            "alg": self.header.alg,
            "kid": self.header.kid,
            "iss": self.claims.iss,
            "sub": self.claims.sub,
            "aud": self.claims.aud,
            "exp": self.claims.exp,
        })
    }
}

/// Authenticates the token a valid request carries, through the core's `parse_and_verify`:
/// `Ok(Err(..))` is a refusal (as the token endpoint would answer it), `Err(..)` a usage error.
fn authenticate_token(
    request: &TokenRequest,
    http: &HttpRequest,
    options: &ParseOptions,
    verify: &TokenCheck,
) -> Result<Result<VerifiedToken, Value>, Failure> {
    if matches!(request, TokenRequest::AuthorizationCode(_) | TokenRequest::Refresh(_)) {
        return Err(Failure::Usage(
            "--jwks authenticates the token of a jwt-bearer or token exchange request; this request carries none"
                .to_owned(),
        ));
    }
    let refused = |error: TokenError| output::error_object(&error.into());
    let rejected = |rejection: Rejection| output::rejection_object(&rejection);
    let run = || -> Result<VerifiedToken, Value> {
        let verifier = Verifier::new(JwkSet::parse(&verify.jwks).map_err(refused)?);
        if let TokenRequest::JwtBearer(_) = request {
            let target = verify.target.clone().unwrap_or_else(|| http.url.clone());
            let mut validator =
                SecurityTokenValidator::new(verify.issuer.as_str(), target, verifier).map_err(refused)?;
            if let Some(leeway) = verify.leeway {
                validator = validator.with_leeway(leeway).map_err(refused)?;
            }
            let token = JwtBearerRequest::parse_and_verify(http, options, &validator, verify.now)
                .map_err(rejected)?
                .value
                .security_token;
            return Ok(VerifiedToken {
                parameter: "assertion",
                kind: "security",
                header: token.header,
                claims: token.claims,
            });
        }
        let mut validator = AccessTokenValidator::new(verify.issuer.as_str(), verifier).map_err(refused)?;
        if let Some(leeway) = verify.leeway {
            validator = validator.with_leeway(leeway).map_err(refused)?;
        }
        if let Some(target) = &verify.target {
            validator = validator.with_audience(target.as_str());
        }
        let token = TokenExchangeRequest::parse_and_verify(http, options, &validator, verify.now)
            .map_err(rejected)?
            .value
            .subject_token;
        Ok(VerifiedToken { parameter: "subject_token", kind: "access", header: token.header, claims: token.claims })
    };
    Ok(run())
}

impl Report {
    fn print(&self, ctx: &Ctx) {
        let mode = match self.mode {
            ParseMode::Strict => "strict",
            ParseMode::Lenient => "lenient",
        };
        if ctx.json {
            let mut object = serde_json::Map::new();
            object.insert("kind".into(), json!(self.kind.map(TokenRequestKind::as_str)));
            object.insert("grant_type".into(), json!(self.kind.map(TokenRequestKind::grant_type)));
            object.insert("mode".into(), json!(mode));
            object.insert("valid".into(), json!(self.outcome.is_ok()));
            object.insert("url".into(), json!(self.url));
            object.insert("normalisations".into(), output::normalisations_json(&self.normalisations));
            if let Some(token) = &self.token {
                object.insert("token".into(), token.json());
            }
            match &self.outcome {
                Ok(request) => {
                    let members: serde_json::Map<String, Value> =
                        parameters(ctx, request).into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
                    object.insert("request".into(), Value::Object(members));
                }
                Err(error) => {
                    object.insert("error".into(), error.clone());
                }
            }
            output::print_json(&Value::Object(object));
            return;
        }
        let mut table = Table::new();
        table.row(
            "request",
            match self.kind {
                Some(kind) => format!("{}: {}", kind.as_str(), kind.clause()),
                None => "unknown (no MCX grant_type could be read)".to_owned(),
            },
        );
        table.row("mode", mode);
        table.opt("url", self.url.clone());
        match &self.outcome {
            Ok(request) => {
                table.row("result", ctx.good("valid"));
                if let Some(token) = &self.token {
                    table.row(
                        "verified",
                        ctx.good(&format!("{} as a {} token: signature and claims", token.parameter, token.kind)),
                    );
                    table.row("  iss / sub", format!("{} / {}", token.claims.iss, token.claims.sub));
                    table.row(
                        "  alg / kid",
                        format!("{} / {}", token.header.alg, token.header.kid.as_deref().unwrap_or("(none)")),
                    );
                }
                for (name, value) in parameters(ctx, request) {
                    if name == "client" {
                        table.row("client", client_text(ctx, client_of(request)));
                    } else {
                        table.row(name, value.as_str().unwrap_or("(none)"));
                    }
                }
            }
            Err(error) => {
                let text = |name: &str| error.get(name).and_then(Value::as_str).unwrap_or_default().to_owned();
                table.row("result", ctx.bad("invalid"));
                table.row("error", text("code"));
                if let Some(oauth) = error.get("oauth_error").and_then(Value::as_str) {
                    let status = error.get("http_status").and_then(Value::as_u64).unwrap_or(400);
                    table.row("oauth error", format!("{oauth} (HTTP {status})"));
                }
                table.row("description", text("description"));
            }
        }
        let mut out = table.render(ctx);
        out.push_str(&output::normalisations_text(ctx, &self.normalisations));
        if self.mode == ParseMode::Strict && self.outcome.is_err() && self.kind.is_some() {
            out.push_str(&ctx.dim("\nhint: --lenient accepts the known deviations (the specification's own examples) and lists each repair\n"));
        }
        output::print(&out);
    }
}
