//! `mcx-connect`: the mcx-connect core for the shell. Integrators and IdMS operators debug a
//! migration (TS 33.180 Annex B) with files and tokens in hand: read the user profiles, inspect
//! and verify tokens, build and check the requests, read the responses. All logic is in the core; this binary parses arguments, reads files
//! and standard input, and formats output (`--json` for machines, `bindings/cli/README.md`).
//!
//! Exit status: 0 valid, 1 invalid input, 2 usage error.

mod checks;
mod help;
mod live_args;
mod login;
mod migrate;
mod net;
mod output;
mod probe;
mod profile;
mod request;
mod response;
mod security_token;
mod token;
mod wire;

use clap::{Args, Parser, Subcommand, ValueEnum};
use help::*;
use live_args::{LoginArgs, MigrateArgs, NetArgs, ProbeCommand, ProbePartnerArgs, ProbePrimaryArgs};
use std::io::Read;
use std::process::ExitCode;

/// Debug 3GPP MCX identity (TS 33.180 Annex B) migrations: read user profiles, inspect and
/// verify tokens, build and check token requests and responses. Exit status: 0 valid, 1 invalid
/// input, 2 usage error.
#[derive(Debug, Parser)]
#[command(name = "mcx-connect", version, propagate_version = true)]
struct Cli {
    /// Print a stable machine-readable JSON document instead of tables.
    #[arg(long, global = true)]
    json: bool,
    /// Print tokens, assertions, client secrets, codes and verifiers in full.
    #[arg(long, global = true)]
    show_secrets: bool,
    /// Live commands: show every HTTP exchange and the server certificate on standard error.
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read TS 24.484 documents (MC service user profiles, mcptt-UE-initial-configuration): the
    /// user, the partner systems and their endpoints, group-level token endpoints.
    #[command(after_help = PROFILE_EXAMPLES)]
    Profile(ProfileArgs),
    /// Inspect a token (unverified) or verify it with a JWK Set.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Build token requests, or check an incoming one as a token endpoint would.
    #[command(subcommand)]
    Request(RequestCommand),
    /// Check a token-endpoint response.
    #[command(subcommand)]
    Response(ResponseCommand),
    /// Log in at the primary IdMS (B.4: authorization code with PKCE, RFC 8252 loopback redirect).
    #[command(after_help = LOGIN_EXAMPLES)]
    Login(LoginArgs),
    /// Run a migration over HTTPS: token exchange at the primary IdMS (B.7.2), the security
    /// token's rules (B.7.3), jwt-bearer request at the partner IdMS (B.7.4, B.7.5).
    #[command(after_help = MIGRATE_EXAMPLES)]
    Migrate(MigrateArgs),
    /// Print a shell completion script (`mcx-connect completions bash > /etc/bash_completion.d/mcx-connect`).
    #[command(
        after_help = "Examples:\n  mcx-connect completions bash > ~/.local/share/bash-completion/completions/mcx-connect\n  mcx-connect completions zsh > ~/.zfunc/_mcx-connect"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Probe an IdMS token endpoint for TS 33.180 B.7 conformance (exit status 0 only when
    /// every check passed, 1 when one failed, 3 when some could not run).
    #[command(subcommand)]
    Probe(ProbeCommand),
}

#[derive(Debug, Args)]
struct ProfileArgs {
    /// The documents (`-` reads one from standard input).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<String>,
    /// Only the partner system with this id (its system id, or else its domain).
    #[arg(long, value_name = "ID")]
    partner: Option<String>,
    /// Only the profiles of this service.
    #[arg(long, value_enum)]
    service: Option<Service>,
    /// Only the group with this id (its group-level token endpoint, TS 24.482 6.2.3 NOTE 1).
    #[arg(long, value_name = "ID", conflicts_with = "partner")]
    group: Option<String>,
    /// Print just the one token endpoint URL of the selection (exit status 2 when it is not one).
    #[arg(long)]
    token_endpoint: bool,
    /// Accept plain http endpoints on loopback hosts.
    #[arg(long)]
    allow_loopback_http: bool,
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Decode a JWT's header and claims WITHOUT verifying anything; times shown as dates and
    /// relative to now.
    #[command(after_help = INSPECT_EXAMPLES)]
    Inspect(InspectArgs),
    /// Verify a JWT: signature against a JWK Set, then every claim rule of its kind
    /// (TS 33.180 B.2.1.2, B.7.4).
    #[command(after_help = VERIFY_EXAMPLES)]
    Verify(VerifyArgs),
}

#[derive(Debug, Args)]
struct InspectArgs {
    /// The token; `-` reads it from standard input.
    #[arg(value_name = "TOKEN|-")]
    token: String,
    /// The time to compare with, in seconds since the epoch (default: the system clock).
    #[arg(long, value_name = "UNIX_SECONDS")]
    now: Option<u64>,
}

/// Which token `token verify` checks.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum TokenKind {
    /// A security token at the partner IdMS (B.7.3, B.7.4): `aud` holds the client id and --target.
    Security,
    /// An ID token at the client (B.2.1.2, OpenID Connect Core 3.1.3.7).
    Id,
    /// An access token (B.2.1.2): `client_id` claim, and --target in `aud` when given.
    Access,
}

#[derive(Debug, Args)]
struct VerifyArgs {
    /// The token; `-` reads it from standard input.
    #[arg(value_name = "TOKEN|-")]
    token: String,
    /// The issuer's JWK Set (JSON file; `-` reads standard input).
    #[arg(long, value_name = "FILE")]
    jwks: String,
    /// The expected issuer (`iss`, compared exactly).
    #[arg(long, value_name = "URL")]
    issuer: String,
    /// The client id the token is for.
    #[arg(long, value_name = "ID")]
    client_id: String,
    /// The kind of token.
    #[arg(long, value_enum, default_value_t = TokenKind::Security)]
    kind: TokenKind,
    /// The partner IdMS address expected in `aud` (required for security tokens; the resource
    /// server for access tokens).
    #[arg(long, value_name = "URL")]
    target: Option<String>,
    /// The time to check against, in seconds since the epoch (default: the system clock).
    #[arg(long, value_name = "UNIX_SECONDS")]
    now: Option<u64>,
    /// Clock leeway in seconds, at most 30 (B.2.1.2); more is a usage error.
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(0..=30))]
    leeway: Option<u64>,
    /// The nonce sent in the authentication request (ID tokens).
    #[arg(long)]
    nonce: Option<String>,
    /// Require the MCX identity claim of this service (repeatable).
    #[arg(long, value_enum)]
    service: Vec<Service>,
}

/// `--now`, or the system clock (the CLI may read the clock; the core never does).
fn now_or_clock(now: Option<u64>) -> u64 {
    now.unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()))
}

#[derive(Debug, Subcommand)]
enum RequestCommand {
    /// Build a request and print it as HTTP/1.1 text (or JSON, or a curl command line).
    #[command(after_help = BUILD_EXAMPLES)]
    Build(BuildArgs),
    /// Read an HTTP/1.1 request (FILE, or `-` for standard input), tell which MCX request it is
    /// and whether a token endpoint accepts it.
    #[command(after_help = REQUEST_CHECK_EXAMPLES)]
    Check(CheckRequestArgs),
}

#[derive(Debug, Subcommand)]
enum ResponseCommand {
    /// Read a token-endpoint HTTP/1.1 response (FILE, or `-` for standard input) and report
    /// what it carries, or its error.
    #[command(after_help = RESPONSE_CHECK_EXAMPLES)]
    Check(CheckResponseArgs),
}

/// `request build [--curl] KIND`.
#[derive(Debug, Args)]
struct BuildArgs {
    /// Print a ready curl command line instead of HTTP/1.1 text (runnable with --show-secrets).
    #[arg(long, global = true)]
    curl: bool,
    #[command(subcommand)]
    kind: BuildKind,
}

/// `request build` kinds.
#[derive(Debug, Subcommand)]
enum BuildKind {
    /// Token exchange at the primary IdMS (B.7.2, RFC 8693).
    #[command(after_help = EXCHANGE_BUILD_EXAMPLES)]
    Exchange(ExchangeArgs),
    /// Partner token request with the security token as assertion (B.7.4, RFC 7523).
    #[command(after_help = JWTBEARER_BUILD_EXAMPLES)]
    JwtBearer(JwtBearerArgs),
    /// Authorization request URL of the primary login (B.4, PKCE S256).
    #[command(after_help = AUTHORIZE_BUILD_EXAMPLES)]
    Authorize(AuthorizeArgs),
    /// Authorization code token request (B.4).
    #[command(after_help = CODE_BUILD_EXAMPLES)]
    Code(CodeArgs),
    /// Refresh request (B.5).
    #[command(after_help = REFRESH_BUILD_EXAMPLES)]
    Refresh(RefreshArgs),
}

/// Where a request goes.
#[derive(Debug, Args)]
struct EndpointArgs {
    /// The token endpoint URL (https; see --allow-loopback-http).
    #[arg(long, value_name = "URL")]
    token_endpoint: String,
    /// Accept plain http for loopback hosts (tests, demos). Never for other hosts.
    #[arg(long)]
    allow_loopback_http: bool,
}

/// How the client authenticates.
#[derive(Debug, Args)]
struct ClientArgs {
    /// The client id.
    #[arg(long, value_name = "ID")]
    client_id: Option<String>,
    /// The client secret (`-` reads it from standard input); needs --client-id.
    #[arg(long, value_name = "SECRET", requires = "client_id")]
    client_secret: Option<String>,
    /// How a client secret is sent: `basic` (Authorization header) or `post` (form body).
    #[arg(long, value_enum, default_value_t = ClientAuthMethod::Basic)]
    client_auth: ClientAuthMethod,
}

/// RFC 6749 §2.3.1 client authentication methods.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ClientAuthMethod {
    /// client_secret_basic
    Basic,
    /// client_secret_post
    Post,
}

/// MC services (`--service`).
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Service {
    /// MCPTT
    Ptt,
    /// MCVideo
    Video,
    /// MCData
    Data,
}

impl Service {
    fn core(self) -> mcx_connect::McService {
        match self {
            Service::Ptt => mcx_connect::McService::Ptt,
            Service::Video => mcx_connect::McService::Video,
            Service::Data => mcx_connect::McService::Data,
        }
    }
}

#[derive(Debug, Args)]
struct ExchangeArgs {
    #[command(flatten)]
    endpoint: EndpointArgs,
    /// The partner IdMS token endpoint the security token is for.
    #[arg(long, value_name = "URL")]
    resource: String,
    /// The primary access token (`-` reads it from standard input).
    #[arg(long, value_name = "TOKEN")]
    subject_token: String,
    #[command(flatten)]
    client: ClientArgs,
}

#[derive(Debug, Args)]
struct JwtBearerArgs {
    #[command(flatten)]
    endpoint: EndpointArgs,
    /// The security token (`-` reads it from standard input).
    #[arg(long, value_name = "TOKEN")]
    assertion: String,
    #[command(flatten)]
    client: ClientArgs,
    #[command(flatten)]
    scope: ScopeArgs,
}

/// The scope, as text or as every scope of one service.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
struct ScopeArgs {
    /// Space-separated scope values (RFC 6749 section 3.3).
    #[arg(long, value_name = "SCOPE")]
    scope: Option<String>,
    /// `openid` and the four 3gpp:mc: scopes of one service.
    #[arg(long, value_enum)]
    service: Option<Service>,
}

#[derive(Debug, Args)]
struct AuthorizeArgs {
    /// The primary IdMS authorization endpoint.
    #[arg(long, value_name = "URL")]
    authorization_endpoint: String,
    /// Accept plain http for loopback hosts.
    #[arg(long)]
    allow_loopback_http: bool,
    /// The client id.
    #[arg(long, value_name = "ID")]
    client_id: String,
    /// The redirect URI registered for the client.
    #[arg(long, value_name = "URI")]
    redirect_uri: String,
    #[command(flatten)]
    scope: ScopeArgs,
    /// A fixed state (default: fresh random).
    #[arg(long)]
    state: Option<String>,
    /// A fixed nonce (default: fresh random).
    #[arg(long)]
    nonce: Option<String>,
    /// A fixed PKCE code verifier, 43 to 128 characters (default: fresh random).
    #[arg(long, value_name = "VERIFIER")]
    code_verifier: Option<String>,
    /// Requested authentication context classes.
    #[arg(long, value_name = "VALUES")]
    acr_values: Option<String>,
}

#[derive(Debug, Args)]
struct CodeArgs {
    #[command(flatten)]
    endpoint: EndpointArgs,
    /// The authorization code (`-` reads it from standard input).
    #[arg(long)]
    code: String,
    /// The redirect URI of the authorization request.
    #[arg(long, value_name = "URI")]
    redirect_uri: String,
    /// The PKCE code verifier of the authorization request.
    #[arg(long, value_name = "VERIFIER")]
    code_verifier: String,
    #[command(flatten)]
    client: ClientArgs,
}

#[derive(Debug, Args)]
struct RefreshArgs {
    #[command(flatten)]
    endpoint: EndpointArgs,
    /// The refresh token (`-` reads it from standard input).
    #[arg(long, value_name = "TOKEN")]
    refresh_token: String,
    /// The scope to keep or narrow to (default: the original grant).
    #[arg(long, value_name = "SCOPE")]
    scope: Option<String>,
    #[command(flatten)]
    client: ClientArgs,
}

#[derive(Debug, Args)]
struct CheckRequestArgs {
    /// The request as HTTP/1.1 text; `-` reads standard input.
    #[arg(value_name = "FILE|-")]
    input: String,
    /// Accept the known deviations (the specification's own examples) and list every repair.
    #[arg(long)]
    lenient: bool,
    /// Also authenticate the token the request carries, as the token endpoint must: the
    /// jwt-bearer `assertion` as a security token (B.7.4), the token exchange `subject_token`
    /// as an access token (B.7.2). The issuer's JWK Set (JSON file; `-` reads standard input).
    #[arg(long, value_name = "FILE", requires = "issuer")]
    jwks: Option<String>,
    /// The expected issuer of that token (`iss`, compared exactly); needs --jwks.
    #[arg(long, value_name = "URL", requires = "jwks")]
    issuer: Option<String>,
    /// The address expected in the token's `aud`: for a security token, this partner IdMS
    /// (default: the request's URL); for an access token, the resource (default: not checked).
    #[arg(long, value_name = "URL", requires = "jwks")]
    target: Option<String>,
    /// The time to check against, in seconds since the epoch (default: the system clock).
    #[arg(long, value_name = "UNIX_SECONDS", requires = "jwks")]
    now: Option<u64>,
    /// Clock leeway in seconds, at most 30 (B.2.1.2); more is a usage error.
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(0..=30), requires = "jwks")]
    leeway: Option<u64>,
}

#[derive(Debug, Args)]
struct CheckResponseArgs {
    /// The response as HTTP/1.1 text; `-` reads standard input.
    #[arg(value_name = "FILE|-")]
    input: String,
}

/// How a command ended, short of printing its result.
#[derive(Debug)]
enum Failure {
    /// The input is invalid: the command printed why; exit status 1.
    Invalid,
    /// A probe found no failure but could not run every check; exit status 3.
    Incomplete,
    /// The command cannot run as asked (unreadable file, stdin wanted twice); exit status 2.
    Usage(String),
}

/// The result of a command: `Ok` is exit status 0.
type Outcome = Result<(), Failure>;

/// Reads `FILE`, or standard input for `-`.
fn read_bytes(path: &str, stdin_used: &mut bool) -> Result<Vec<u8>, Failure> {
    let bytes = if path == "-" {
        if std::mem::replace(stdin_used, true) {
            return Err(Failure::Usage("standard input (`-`) can be read only once".to_owned()));
        }
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Usage(format!("cannot read standard input: {e}")))?;
        bytes
    } else {
        std::fs::read(path).map_err(|e| Failure::Usage(format!("cannot read `{path}`: {e}")))?
    };
    Ok(bytes)
}

/// Reads an HTTP/1.1 message given as text: text that is not UTF-8 is invalid input
/// (`malformed_http`, exit status 1).
fn read_message(ctx: &output::Ctx, path: &str, stdin_used: &mut bool) -> Result<String, Failure> {
    String::from_utf8(read_bytes(path, stdin_used)?).map_err(|e| {
        let reason = format!("the input is not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to());
        output::print_error(ctx, &mcx_connect::RequestError::MalformedHttp(reason).into());
        Failure::Invalid
    })
}

/// A value given on the command line, or read from standard input when it is `-` (one final
/// line break removed).
fn value_or_stdin(value: &str, stdin_used: &mut bool) -> Result<String, Failure> {
    if value == "-" {
        let text = String::from_utf8(read_bytes("-", stdin_used)?)
            .map_err(|_| Failure::Usage("standard input is not UTF-8 text".to_owned()))?;
        let text = text.strip_suffix('\n').unwrap_or(&text);
        Ok(text.strip_suffix('\r').unwrap_or(text).to_owned())
    } else {
        Ok(value.to_owned())
    }
}

/// A token given on the command line: a value that names an existing file, or looks like a
/// path, is refused with a hint (the token itself is expected, or `-` for standard input).
fn token_value(value: &str, option: &str) -> Result<String, Failure> {
    let value = value.trim();
    let looks_like_path = ["/", "./", "../", "~/"].iter().any(|p| value.starts_with(p));
    if looks_like_path || std::path::Path::new(value).is_file() {
        return Err(Failure::Usage(format!(
            "{option} expects the token itself, and this looks like a file path: give `-` and redirect the file (`{option} - < FILE`)"
        )));
    }
    Ok(value.to_owned())
}

/// A token option's value: standard input for `-`, else the value itself (refused with a hint
/// when it is a file path, see [`token_value`]).
fn token_arg(value: &str, option: &str, stdin_used: &mut bool) -> Result<String, Failure> {
    if value == "-" {
        value_or_stdin(value, stdin_used)
    } else {
        token_value(value, option)
    }
}

fn run(cli: Cli) -> Outcome {
    let ctx = output::Ctx::new(cli.json, cli.show_secrets);
    let verbose = cli.verbose;
    let mut stdin_used = false;
    match cli.command {
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "mcx-connect", &mut script);
            output::print(&String::from_utf8_lossy(&script));
            Ok(())
        }
        Command::Login(args) => login::run(&ctx, &args, verbose, &mut stdin_used),
        Command::Migrate(args) => migrate::run(&ctx, &args, verbose, &mut stdin_used),
        Command::Probe(ProbeCommand::Partner(args)) => probe::partner_command(&ctx, &args, verbose, &mut stdin_used),
        Command::Probe(ProbeCommand::Primary(args)) => probe::primary_command(&ctx, &args, verbose, &mut stdin_used),
        Command::Profile(args) => profile::run(&ctx, args, &mut stdin_used),
        Command::Token(TokenCommand::Inspect(args)) => {
            let token = token_arg(&args.token, "TOKEN", &mut stdin_used)?;
            token::inspect(&ctx, token.trim(), now_or_clock(args.now))
        }
        Command::Token(TokenCommand::Verify(args)) => {
            let token = token_arg(&args.token, "TOKEN", &mut stdin_used)?;
            let jwks = String::from_utf8(read_bytes(&args.jwks, &mut stdin_used)?)
                .map_err(|_| Failure::Usage(format!("`{}` is not UTF-8 text", args.jwks)))?;
            token::verify(&ctx, token.trim(), &jwks, &args, now_or_clock(args.now))
        }
        Command::Request(RequestCommand::Build(args)) => request::build(&ctx, args.kind, args.curl, &mut stdin_used),
        Command::Request(RequestCommand::Check(args)) => {
            let text = read_message(&ctx, &args.input, &mut stdin_used)?;
            let verify = match (&args.jwks, &args.issuer) {
                (Some(path), Some(issuer)) => Some(request::TokenCheck {
                    jwks: String::from_utf8(read_bytes(path, &mut stdin_used)?)
                        .map_err(|_| Failure::Usage(format!("`{path}` is not UTF-8 text")))?,
                    issuer: issuer.clone(),
                    target: args.target.clone(),
                    now: now_or_clock(args.now),
                    leeway: args.leeway,
                }),
                _ => None,
            };
            request::check(&ctx, &text, args.lenient, verify.as_ref())
        }
        Command::Response(ResponseCommand::Check(args)) => {
            let text = read_message(&ctx, &args.input, &mut stdin_used)?;
            response::check(&ctx, &text)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid) => ExitCode::from(1),
        Err(Failure::Incomplete) => ExitCode::from(3),
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
