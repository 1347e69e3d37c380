//! One error model for the whole library.
//!
//! Every failure is an [`Error`]. Each variant wraps the error of one concept, and every leaf
//! has a stable, documented [`code`](Error::code) — the same string in Rust, JavaScript, Kotlin,
//! Swift, Python and the CLI. Descriptions (`Display`) are for people and may be reworded;
//! codes never change meaning. No description ever quotes a token, assertion, secret, code or
//! verifier.
//!
//! In the server role a request is refused with a [`Rejection`]: the RFC error code that goes
//! on the wire ([`OAuthErrorCode`], RFC 6749 §5.2, RFC 8693 §2.2.2) together with the precise
//! cause. [`Rejection::to_http_response`] writes the error response.
//!
//! # Code table
//!
//! Written from the registry [`ERROR_CODES`] (one entry per code: concept, meaning, RFC error,
//! HTTP status); a test keeps this table and the registry equal.
//!
#![doc = include_str!("codes.md")]
//!
//! A token refused by a server is answered as the context requires ("by context" above): RFC 7523
//! §3.1 makes a bad `assertion` `invalid_grant`, RFC 8693 §2.2.2 a bad `subject_token`
//! `invalid_request`; [`Error::oauth_error`] is `None` for token errors.

mod codes;

pub use codes::{markdown_table, Concept, ErrorCode, RfcError, ERROR_CODES};

use crate::http::HttpResponse;
use crate::response::ErrorResponse;
use std::fmt;

/// Any failure of this library. See the [module documentation](self) for the table of codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An endpoint URL is not acceptable.
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
    /// A scope string is not acceptable.
    #[error(transparent)]
    Scope(#[from] ScopeError),
    /// A request could not be built or parsed.
    #[error(transparent)]
    Request(#[from] RequestError),
    /// A response could not be read.
    #[error(transparent)]
    Response(#[from] ResponseError),
    /// The server answered with an RFC 6749 §5.2 error response.
    #[error("the server refused the request: {0}")]
    ErrorResponse(ErrorResponse),
    /// A login step (B.4, B.5) failed.
    #[error(transparent)]
    Login(#[from] LoginError),
    /// The migration flow cannot take this step.
    #[error(transparent)]
    Flow(#[from] FlowError),
    /// A server-role refusal: the RFC error code with its precise cause.
    #[error(transparent)]
    Rejected(Box<Rejection>),
    /// A TS 24.484 profile document cannot be read, or a look-up in it finds nothing.
    #[error(transparent)]
    Profile(#[from] crate::profile::ProfileError),
    /// A token, JWK Set or token setting is not acceptable.
    #[error(transparent)]
    Token(#[from] crate::token::TokenError),
}

impl Error {
    /// The stable code of this error (see the table in the [module documentation](self)).
    ///
    /// ```
    /// use mcx_connect::ScopeSet;
    /// let err = ScopeSet::parse("openid,3gpp:mc:ptt_service").unwrap_err();
    /// assert_eq!(mcx_connect::Error::from(err).code(), "scope_comma");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::Endpoint(e) => e.code(),
            Error::Scope(e) => e.code(),
            Error::Request(e) => e.code(),
            Error::Response(e) => e.code(),
            Error::ErrorResponse(_) => "error_response",
            Error::Login(e) => e.code(),
            Error::Flow(e) => e.code(),
            Error::Rejected(r) => r.cause.code(),
            Error::Profile(e) => e.code(),
            Error::Token(e) => e.code(),
        }
    }

    /// The RFC 6749 / RFC 8693 error code attached to this error: the server's own code for
    /// [`Error::ErrorResponse`], the refusal's code for [`Error::Rejected`], otherwise the code a
    /// server would answer with for this cause (if any).
    pub fn oauth_error(&self) -> Option<OAuthErrorCode> {
        match self {
            Error::ErrorResponse(response) => Some(response.error.clone()),
            Error::Rejected(rejection) => Some(rejection.error.clone()),
            Error::Request(e) => e.oauth_error(),
            // The registry: `None` for client-side failures and for token errors, whose RFC code
            // depends on where the token was presented (assertion or subject token).
            _ => codes::rfc_error_of(self.code()),
        }
    }
}

impl From<Rejection> for Error {
    fn from(rejection: Rejection) -> Self {
        Error::Rejected(Box::new(rejection))
    }
}

/// Why an endpoint URL is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EndpointError {
    /// Not an absolute URI (RFC 3986) with a host, or it has a fragment or user info.
    #[error("the {what} is not a usable absolute URI: {reason}")]
    Invalid {
        /// What the URI is for (e.g. "partner token endpoint").
        what: &'static str,
        /// Why it is refused.
        reason: String,
    },
    /// Not `https`; plain `http` is allowed only for loopback hosts, and only when the caller opts in.
    #[error("the {what} must use https (scheme `{scheme}` refused{hint})")]
    Insecure {
        /// What the URI is for.
        what: &'static str,
        /// The scheme that was found.
        scheme: String,
        /// Extra advice for the reader.
        hint: &'static str,
    },
}

impl EndpointError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            EndpointError::Invalid { .. } => "endpoint_invalid",
            EndpointError::Insecure { .. } => "endpoint_insecure",
        }
    }
}

/// Why a scope string is refused (RFC 6749 §3.3, TS 33.180 B.7.4).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScopeError {
    /// No scope value, or an empty value between two delimiters.
    #[error("scope is empty or has an empty value (two spaces in a row, or a leading or trailing space)")]
    Empty,
    /// Values separated by commas; RFC 6749 §3.3 requires single spaces.
    #[error("scope values are separated by commas; RFC 6749 §3.3 requires spaces (found `{found}`)")]
    Comma {
        /// The offending scope token, as written.
        found: String,
    },
    /// The same value twice.
    #[error("scope value `{0}` is listed more than once")]
    Duplicate(String),
    /// A character outside `NQCHAR` (%x21 / %x23-5B / %x5D-7E).
    #[error("scope value contains a character not allowed by RFC 6749 §3.3 (at byte {position})")]
    InvalidCharacter {
        /// Byte offset of the character in the scope string.
        position: usize,
    },
    /// TS 33.180 B.7.4: the scope must include one or more of the twelve listed `3gpp:mc:` values.
    #[error("scope must include one or more of the twelve 3gpp:mc: values listed in TS 33.180 B.7.4")]
    MissingMcx,
    /// The only `3gpp:mc:` values are unknown to this version, and the caller did not opt in to
    /// count them (forward compatibility is the caller's choice).
    #[error(
        "scope value `{0}` is not one of the twelve 3gpp:mc: values listed in TS 33.180 B.7.4; it counts only when unknown MCX scopes are accepted"
    )]
    UnknownMcxOnly(String),
    /// A refresh (B.5) asks for a value the original grant did not have.
    #[error("scope value `{0}` was not in the original grant; a refresh may only keep or narrow the scope")]
    Widened(String),
}

impl ScopeError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ScopeError::Empty => "scope_empty",
            ScopeError::Comma { .. } => "scope_comma",
            ScopeError::Duplicate(_) => "scope_duplicate",
            ScopeError::InvalidCharacter { .. } => "scope_invalid_character",
            ScopeError::MissingMcx => "scope_missing_mcx",
            ScopeError::UnknownMcxOnly(_) => "scope_unknown_mcx_only",
            ScopeError::Widened(_) => "scope_widened",
        }
    }
}

/// Which token-carrying parameter a [`RequestError::MalformedToken`] is about. The RFC error
/// differs: RFC 7523 §3.1 answers a bad `assertion` with `invalid_grant`; RFC 8693 §2.2.2
/// answers a bad `subject_token` with `invalid_request`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenParameter {
    /// The `assertion` of a jwt-bearer request (B.7.4).
    Assertion,
    /// The `subject_token` of a token exchange request (B.7.2).
    SubjectToken,
}

impl TokenParameter {
    /// The parameter name on the wire.
    pub fn name(self) -> &'static str {
        match self {
            TokenParameter::Assertion => "assertion",
            TokenParameter::SubjectToken => "subject_token",
        }
    }
}

impl fmt::Display for TokenParameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a request cannot be built or is refused when parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// The token endpoint only accepts POST (RFC 6749 §3.2).
    #[error("the token endpoint requires POST, not {0}")]
    MethodNotAllowed(String),
    /// The body is not `application/x-www-form-urlencoded` in UTF-8.
    #[error("content type must be application/x-www-form-urlencoded with UTF-8: {0}")]
    UnsupportedContentType(String),
    /// The body is larger than the limit.
    #[error("request body of {size} bytes is over the limit of {limit} bytes")]
    BodyTooLarge {
        /// Size of the body in bytes.
        size: u64,
        /// The configured limit in bytes.
        limit: u64,
    },
    /// More parameters than the limit.
    #[error("request has more than {limit} parameters")]
    TooManyParameters {
        /// The configured limit.
        limit: u64,
    },
    /// The body is not valid form encoding.
    #[error("malformed form body: {0}")]
    MalformedForm(String),
    /// A parameter appears more than once (RFC 6749 §3.2).
    #[error("parameter `{0}` appears more than once (RFC 6749 §3.2)")]
    DuplicateParameter(String),
    /// A required parameter is absent.
    #[error("required parameter `{0}` is missing")]
    MissingParameter(&'static str),
    /// A required parameter is present but empty.
    #[error("required parameter `{0}` is empty")]
    EmptyParameter(&'static str),
    /// `grant_type` is not the one this endpoint handles.
    #[error("grant_type `{found}` is not supported here (expected `{expected}`)")]
    UnsupportedGrantType {
        /// The grant type that was sent.
        found: String,
        /// The grant type that was expected.
        expected: &'static str,
    },
    /// `subject_token_type` is not the JWT token type.
    #[error("subject_token_type `{found}` is not supported (expected `{expected}`)")]
    UnsupportedTokenType {
        /// The token type that was sent.
        found: String,
        /// The token type that was expected.
        expected: &'static str,
    },
    /// `resource` is not an absolute https URI (RFC 8693 §2.1).
    #[error("resource is not an absolute https URI: {0}")]
    InvalidResource(String),
    /// More than one `resource` (RFC 8693 §2.1 allows several; a security token has one partner).
    #[error(
        "the request names {0} resources; a security token is issued for exactly one partner token endpoint (RFC 8693 section 2.2.2)"
    )]
    SeveralResources(usize),
    /// A parameter that was read but that this server does not honour.
    #[error("parameter `{parameter}` is not supported here: {reason}")]
    UnsupportedParameter {
        /// The parameter name.
        parameter: &'static str,
        /// Why it cannot be honoured.
        reason: &'static str,
    },
    /// `actor_token` and `actor_token_type` must come together (RFC 8693 §2.1).
    #[error("{0} (RFC 8693 section 2.1: actor_token and actor_token_type go together)")]
    ActorTokenUnpaired(&'static str),
    /// The token in `assertion` or `subject_token` is not a compact JWS.
    #[error("{parameter} is not a compact JWS: {reason}")]
    MalformedToken {
        /// Which parameter carried it.
        parameter: TokenParameter,
        /// What is wrong with it (never the token itself).
        reason: String,
    },
    /// Client credentials cannot be read or disagree.
    #[error("client authentication failed: {0}")]
    InvalidClientAuthentication(String),
    /// More than one client authentication method (RFC 6749 §2.3).
    #[error("the client used more than one authentication method (RFC 6749 §2.3): {0}")]
    MultipleClientAuthentication(String),
    /// An HTTP/1.1 message given as text cannot be read.
    #[error("malformed HTTP message: {0}")]
    MalformedHttp(String),
    /// `Content-Length` is not a decimal number (RFC 9110 §8.6: `1*DIGIT`, no sign, no
    /// list; RFC 9112 §6.3 item 5: an invalid length is an unrecoverable error).
    #[error("Content-Length is not 1*DIGIT (RFC 9110 section 8.6)")]
    HttpContentLengthInvalid,
    /// More than one `Content-Length` header field (RFC 9112 §6.3 item 5: the framing is
    /// ambiguous, the way request smuggling starts).
    #[error("more than one Content-Length header field (RFC 9112 section 6.3)")]
    HttpContentLengthRepeated,
    /// A `Transfer-Encoding` header field: this reader has no transfer codings, and one next
    /// to `Content-Length` is the classic smuggling pattern (RFC 9112 §6.1, §6.3 item 3).
    #[error("Transfer-Encoding is not read here (RFC 9112 sections 6.1 and 6.3)")]
    HttpTransferEncodingRefused,
    /// Bytes after the body that `Content-Length` frames (RFC 9112 §6.3: they would be the
    /// start of another message; one final line break of a text file is allowed).
    #[error("{extra} byte(s) after the {length}-byte body framed by Content-Length (RFC 9112 section 6.3)")]
    HttpBytesAfterBody {
        /// The body length from `Content-Length`.
        length: usize,
        /// How many bytes follow it.
        extra: usize,
    },
    /// The `Host` header field is repeated or is not `uri-host [ ":" port ]` (RFC 9112 §3.2,
    /// RFC 3986 §3.2.2 and §3.2.3).
    #[error("invalid Host header field (RFC 9112 section 3.2): {0}")]
    HttpHostInvalid(String),
}

impl RequestError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            RequestError::MethodNotAllowed(_) => "method_not_allowed",
            RequestError::UnsupportedContentType(_) => "unsupported_content_type",
            RequestError::BodyTooLarge { .. } => "body_too_large",
            RequestError::TooManyParameters { .. } => "too_many_parameters",
            RequestError::MalformedForm(_) => "malformed_form",
            RequestError::DuplicateParameter(_) => "duplicate_parameter",
            RequestError::MissingParameter(_) => "missing_parameter",
            RequestError::EmptyParameter(_) => "empty_parameter",
            RequestError::UnsupportedGrantType { .. } => "unsupported_grant_type",
            RequestError::UnsupportedTokenType { .. } => "unsupported_token_type",
            RequestError::InvalidResource(_) => "invalid_resource",
            RequestError::SeveralResources(_) => "several_resources",
            RequestError::ActorTokenUnpaired(_) => "actor_token_unpaired",
            RequestError::UnsupportedParameter { .. } => "unsupported_parameter",
            RequestError::MalformedToken { .. } => "malformed_token",
            RequestError::InvalidClientAuthentication(_) => "invalid_client_authentication",
            RequestError::MultipleClientAuthentication(_) => "multiple_client_authentication",
            RequestError::MalformedHttp(_) => "malformed_http",
            RequestError::HttpContentLengthInvalid => "http_content_length_invalid",
            RequestError::HttpContentLengthRepeated => "http_content_length_repeated",
            RequestError::HttpTransferEncodingRefused => "http_transfer_encoding_refused",
            RequestError::HttpBytesAfterBody { .. } => "http_bytes_after_body",
            RequestError::HttpHostInvalid(_) => "http_host_invalid",
        }
    }

    /// The RFC error a token endpoint answers this cause with, if it is a server-side cause (the
    /// registry's, except a malformed `assertion`, which RFC 7523 §3.1 makes `invalid_grant`).
    pub fn oauth_error(&self) -> Option<OAuthErrorCode> {
        match self {
            RequestError::MalformedToken { parameter: TokenParameter::Assertion, .. } => {
                Some(OAuthErrorCode::InvalidGrant)
            }
            _ => codes::rfc_error_of(self.code()),
        }
    }
}

/// Why a login step (TS 33.180 B.4 authorization code flow with PKCE, B.5 refresh) failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoginError {
    /// The `state` in the authorization response is not the one the client sent (CSRF).
    #[error("the authorization response's state does not match the request's state")]
    StateMismatch,
    /// The authorization response's `iss` is not the issuer the request was sent to, or it has
    /// none where that issuer sends one (RFC 9207 §2.4: a mix-up attack).
    #[error("the authorization response {0} (RFC 9207 section 2.4)")]
    IssuerMismatch(String),
    /// A PKCE verifier is not 43-128 characters of `A-Z a-z 0-9 - . _ ~` (RFC 7636 §4.1).
    #[error("the PKCE code_verifier is not 43 to 128 unreserved characters (RFC 7636 section 4.1)")]
    InvalidVerifier,
    /// The `code_verifier` does not match the stored `code_challenge` (RFC 7636 §4.6).
    #[error("the code_verifier does not match the code_challenge (RFC 7636 section 4.6)")]
    PkceMismatch,
    /// `code_challenge_method` is not `S256`, or no challenge was sent (B.4 requires PKCE S256).
    #[error("PKCE with code_challenge_method S256 is required: {0}")]
    PkceRequired(String),
    /// `response_type` is not `code`.
    #[error("response_type `{0}` is not supported (expected `code`)")]
    UnsupportedResponseType(String),
    /// A redirect URI is missing, not absolute, has a fragment, or differs from the registered one.
    #[error("redirect URI problem: {0}")]
    InvalidRedirectUri(String),
    /// The system's secure random source failed.
    #[error("the secure random source is unavailable")]
    RandomnessUnavailable,
}

impl LoginError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            LoginError::StateMismatch => "login_state_mismatch",
            LoginError::IssuerMismatch(_) => "login_issuer_mismatch",
            LoginError::InvalidVerifier => "login_invalid_verifier",
            LoginError::PkceMismatch => "login_pkce_mismatch",
            LoginError::PkceRequired(_) => "login_pkce_required",
            LoginError::UnsupportedResponseType(_) => "login_unsupported_response_type",
            LoginError::InvalidRedirectUri(_) => "login_invalid_redirect_uri",
            LoginError::RandomnessUnavailable => "login_randomness_unavailable",
        }
    }

    /// The RFC error a server answers this cause with (from the registry, [`ERROR_CODES`]).
    pub fn oauth_error(&self) -> Option<OAuthErrorCode> {
        codes::rfc_error_of(self.code())
    }
}

/// Why the migration flow cannot take a step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FlowError {
    /// The call does not fit the flow's current step (e.g. a response when no request is out).
    #[error("the migration flow is at step `{step}` and cannot {action}")]
    WrongStep {
        /// The current step.
        step: &'static str,
        /// What was attempted.
        action: &'static str,
    },
    /// The security token cannot be used for this partner (B.7.3, Table B.8-1).
    #[error("the security token cannot be used at the partner: {0}")]
    UnusableSecurityToken(String),
    /// The flow already ended with an error; start a new one.
    #[error("the migration flow already failed ({0}); start a new flow")]
    AlreadyFailed(&'static str),
    /// A saved flow cannot be restored.
    #[error("the saved migration flow cannot be restored: {0}")]
    InvalidSavedFlow(String),
}

impl FlowError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            FlowError::WrongStep { .. } => "flow_wrong_step",
            FlowError::UnusableSecurityToken(_) => "flow_unusable_security_token",
            FlowError::AlreadyFailed(_) => "flow_already_failed",
            FlowError::InvalidSavedFlow(_) => "flow_invalid_saved_flow",
        }
    }
}

/// Why a response cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseError {
    /// An HTTP status that is neither 200 nor an RFC 6749 §5.2 error response.
    #[error("unexpected HTTP status {status}{detail}")]
    UnexpectedStatus {
        /// The status code.
        status: u16,
        /// More detail (may be empty).
        detail: String,
    },
    /// The body is not the JSON object this response must be.
    #[error("malformed response body: {0}")]
    Malformed(String),
    /// A required member is absent.
    #[error("response member `{0}` is required but missing")]
    MissingField(&'static str),
    /// A member has the wrong type or an unacceptable value.
    #[error("response member `{field}` is not acceptable: {reason}")]
    InvalidField {
        /// The member name.
        field: &'static str,
        /// What is wrong (never the secret value itself).
        reason: String,
    },
    /// The body is over the limit.
    #[error("response body of {size} bytes is over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the body in bytes.
        size: u64,
        /// The configured limit in bytes.
        limit: u64,
    },
}

impl ResponseError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ResponseError::UnexpectedStatus { .. } => "unexpected_status",
            ResponseError::Malformed(_) => "malformed_response",
            ResponseError::MissingField(_) => "missing_field",
            ResponseError::InvalidField { .. } => "invalid_field",
            ResponseError::TooLarge { .. } => "response_too_large",
        }
    }
}

/// The `error` codes of RFC 6749 §4.1.2.1 and §5.2 and RFC 8693 §2.2.2.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OAuthErrorCode {
    /// `invalid_request`
    InvalidRequest,
    /// `invalid_client`
    InvalidClient,
    /// `invalid_grant`
    InvalidGrant,
    /// `unauthorized_client`
    UnauthorizedClient,
    /// `unsupported_grant_type`
    UnsupportedGrantType,
    /// `invalid_scope`
    InvalidScope,
    /// `invalid_target` (RFC 8693 §2.2.2)
    InvalidTarget,
    /// `access_denied` (authorization endpoint)
    AccessDenied,
    /// `unsupported_response_type` (authorization endpoint)
    UnsupportedResponseType,
    /// `server_error`
    ServerError,
    /// `temporarily_unavailable`
    TemporarilyUnavailable,
    /// Any other code a server sent (kept as sent).
    Other(String),
}

impl OAuthErrorCode {
    /// The code as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            OAuthErrorCode::InvalidRequest => "invalid_request",
            OAuthErrorCode::InvalidClient => "invalid_client",
            OAuthErrorCode::InvalidGrant => "invalid_grant",
            OAuthErrorCode::UnauthorizedClient => "unauthorized_client",
            OAuthErrorCode::UnsupportedGrantType => "unsupported_grant_type",
            OAuthErrorCode::InvalidScope => "invalid_scope",
            OAuthErrorCode::InvalidTarget => "invalid_target",
            OAuthErrorCode::AccessDenied => "access_denied",
            OAuthErrorCode::UnsupportedResponseType => "unsupported_response_type",
            OAuthErrorCode::ServerError => "server_error",
            OAuthErrorCode::TemporarilyUnavailable => "temporarily_unavailable",
            OAuthErrorCode::Other(code) => code,
        }
    }

    /// Reads a code from the wire; unknown codes are kept as [`OAuthErrorCode::Other`].
    pub fn parse(code: &str) -> Self {
        match code {
            "invalid_request" => OAuthErrorCode::InvalidRequest,
            "invalid_client" => OAuthErrorCode::InvalidClient,
            "invalid_grant" => OAuthErrorCode::InvalidGrant,
            "unauthorized_client" => OAuthErrorCode::UnauthorizedClient,
            "unsupported_grant_type" => OAuthErrorCode::UnsupportedGrantType,
            "invalid_scope" => OAuthErrorCode::InvalidScope,
            "invalid_target" => OAuthErrorCode::InvalidTarget,
            "access_denied" => OAuthErrorCode::AccessDenied,
            "unsupported_response_type" => OAuthErrorCode::UnsupportedResponseType,
            "server_error" => OAuthErrorCode::ServerError,
            "temporarily_unavailable" => OAuthErrorCode::TemporarilyUnavailable,
            other => OAuthErrorCode::Other(other.to_owned()),
        }
    }

    /// The HTTP status a token endpoint answers with: 401 for `invalid_client` (RFC 6749 §5.2
    /// when the client authenticated through the `Authorization` header), 503 for
    /// `temporarily_unavailable`, 500 for `server_error`, 400 otherwise.
    pub fn http_status(&self) -> u16 {
        match self {
            OAuthErrorCode::InvalidClient => 401,
            OAuthErrorCode::ServerError => 500,
            OAuthErrorCode::TemporarilyUnavailable => 503,
            _ => 400,
        }
    }
}

impl fmt::Display for OAuthErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A server-role refusal: the RFC error code to send and the precise cause.
///
/// ```
/// use mcx_connect::{HttpRequest, ParseOptions, JwtBearerRequest};
/// let request = HttpRequest::form_post("https://partner.example/token", "grant_type=password");
/// let rejection = JwtBearerRequest::parse(&request, &ParseOptions::strict()).unwrap_err();
/// assert_eq!(rejection.error.as_str(), "unsupported_grant_type");
/// assert_eq!(rejection.cause.code(), "unsupported_grant_type");
/// let response = rejection.to_http_response();
/// assert_eq!(response.status, 400);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{error}: {cause}")]
pub struct Rejection {
    /// The RFC error code for the response.
    pub error: OAuthErrorCode,
    /// The precise cause.
    pub cause: Error,
}

impl Rejection {
    /// A refusal with the RFC code that the cause maps to (`invalid_request` when it has none).
    pub fn new(cause: impl Into<Error>) -> Self {
        let cause = cause.into();
        let error = cause.oauth_error().unwrap_or(OAuthErrorCode::InvalidRequest);
        Self { error, cause }
    }

    /// A refusal with an explicit RFC code.
    pub fn with_code(error: OAuthErrorCode, cause: impl Into<Error>) -> Self {
        Self { error, cause: cause.into() }
    }

    /// The stable code of the cause.
    pub fn code(&self) -> &'static str {
        self.cause.code()
    }

    /// The RFC 6749 §5.2 error response for this refusal (`error_description` is the cause).
    pub fn to_error_response(&self) -> ErrorResponse {
        ErrorResponse::new(self.error.clone(), Some(self.cause.to_string()))
    }

    /// Writes the HTTP error response (status, JSON body, `Cache-Control: no-store`).
    pub fn to_http_response(&self) -> HttpResponse {
        self.to_error_response().to_http_response()
    }
}
