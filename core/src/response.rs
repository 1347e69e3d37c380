//! Token endpoint responses: the successful token response (RFC 6749 §5.1, TS 33.180 B.4.2.5,
//! B.7.5) and the error response (RFC 6749 §5.2), read in the client role and written in the
//! server role.
//!
//! A `200` reply whose JSON carries an `error` member is an error too: some servers do that,
//! and a client that read it as success would use no token at all.

use crate::error::{Error, OAuthErrorCode, ResponseError};
use crate::form::{Limits, Normalisation};
use crate::http::HttpResponse;
use crate::scope::ScopeSet;
use crate::Secret;
use serde_json::{Map, Value};
use std::fmt;

/// The `token_type` of a token response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenType {
    /// `Bearer` (RFC 6750); compared case-insensitively when read.
    Bearer,
    /// `N_A` (RFC 8693 §2.2.1): the issued token is not an access token, e.g. a security token.
    NotApplicable,
    /// Any other type, kept as sent.
    Other(String),
}

impl TokenType {
    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            TokenType::Bearer => "Bearer",
            TokenType::NotApplicable => "N_A",
            TokenType::Other(value) => value,
        }
    }

    /// Reads a value: `Bearer` and `N_A` in any case (RFC 6749 §5.1: the type is
    /// case-insensitive), anything else kept as sent.
    pub fn parse(value: &str) -> Self {
        if value.eq_ignore_ascii_case("bearer") {
            TokenType::Bearer
        } else if value.eq_ignore_ascii_case("N_A") {
            TokenType::NotApplicable
        } else {
            TokenType::Other(value.to_owned())
        }
    }
}

impl fmt::Display for TokenType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An RFC 6749 §5.2 (or §4.1.2.1) error response.
// Examples go on the methods: this text is also the record's doc in Kotlin, Swift and Python.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(serde::Serialize, serde::Deserialize, tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase", deny_unknown_fields))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ErrorResponse {
    /// The error code.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub error: OAuthErrorCode,
    /// Human-readable text, if sent.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub error_description: Option<String>,
    /// A page about the error, if sent.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub error_uri: Option<String>,
}

impl fmt::Display for ErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)?;
        if let Some(description) = &self.error_description {
            write!(f, " ({})", crate::http::printable(description, 200))?;
        }
        Ok(())
    }
}

/// RFC 6749 §5.2 limits `error_description` to `%x20-21 / %x23-5B / %x5D-7E`.
fn sanitise_description(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '§' => out.push_str("section "),
            '…' => out.push_str("..."),
            '"' | '`' => out.push('\''),
            '\\' => out.push('/'),
            ' '..='~' => out.push(c),
            _ => out.push('?'),
        }
    }
    out
}

impl ErrorResponse {
    /// An error response; the description is made to fit RFC 6749 §5.2's character set.
    pub fn new(error: OAuthErrorCode, error_description: Option<String>) -> Self {
        Self { error, error_description: error_description.map(|d| sanitise_description(&d)), error_uri: None }
    }

    /// The same response with its description made to fit as [`new`](Self::new) does: for one
    /// built member by member (a binding's record or object), before it is written.
    ///
    /// ```
    /// use mcx_connect::{ErrorResponse, OAuthErrorCode};
    /// let given = ErrorResponse { error: OAuthErrorCode::InvalidGrant, error_description: Some("bad \"code\"".into()), error_uri: None };
    /// assert_eq!(given.fitted().error_description.as_deref(), Some("bad 'code'"));
    /// ```
    pub fn fitted(self) -> Self {
        Self { error_uri: self.error_uri, ..Self::new(self.error, self.error_description) }
    }

    /// Writes the JSON body and status (400; 401 for `invalid_client`, with
    /// `WWW-Authenticate: Basic` as RFC 6749 §5.2 asks). An `error` that RFC 6749 §5.2 does not
    /// allow (empty, or a character outside `%x20-21 / %x23-5B / %x5D-7E`: a hand-made
    /// [`OAuthErrorCode::Other`]) is this server's own mistake and is written as `server_error`.
    ///
    /// ```
    /// use mcx_connect::{ErrorResponse, OAuthErrorCode};
    /// let response = ErrorResponse::new(OAuthErrorCode::InvalidTarget, Some("unknown partner".into())).to_http_response();
    /// assert_eq!(response.status, 400);
    /// assert_eq!(response.body_text(), Some(r#"{"error":"invalid_target","error_description":"unknown partner"}"#));
    /// ```
    pub fn to_http_response(&self) -> HttpResponse {
        // NQSCHAR = %x20-21 / %x23-5B / %x5D-7E: a space or a scope's NQCHAR (RFC 6749 Appendix A).
        let text = self.error.as_str();
        let allowed = !text.is_empty() && text.bytes().all(|b| b == b' ' || crate::scope::is_nqchar(b));
        let error = if allowed { &self.error } else { &OAuthErrorCode::ServerError };
        let mut body = Map::new();
        body.insert("error".into(), Value::String(error.as_str().to_owned()));
        if let Some(description) = &self.error_description {
            body.insert("error_description".into(), Value::String(description.clone()));
        }
        if let Some(uri) = &self.error_uri {
            body.insert("error_uri".into(), Value::String(uri.clone()));
        }
        let mut response = HttpResponse::json(error.http_status(), crate::json::to_text(&Value::Object(body)));
        if *error == OAuthErrorCode::InvalidClient {
            response.headers.push(("WWW-Authenticate".into(), "Basic realm=\"token\"".into()));
        }
        response
    }

    fn from_object(object: &Map<String, Value>) -> Option<Self> {
        let error = object.get("error")?.as_str()?;
        let text = |name: &str| object.get(name).and_then(Value::as_str).map(str::to_owned);
        Some(Self {
            error: OAuthErrorCode::parse(error),
            error_description: text("error_description"),
            error_uri: text("error_uri"),
        })
    }

    /// Reads an RFC 6749 §5.2 error response; `None` if the response is not one.
    pub fn from_http_response(response: &HttpResponse) -> Option<Self> {
        let value: Value = serde_json::from_slice(&response.body).ok()?;
        Self::from_object(value.as_object()?)
    }
}

/// Reads a token-endpoint reply into its JSON object: a `200` JSON object without `error` is
/// success; an RFC 6749 §5.2 error (any status, including `200`) is [`Error::ErrorResponse`];
/// anything else is a precise [`ResponseError`].
pub(crate) fn read_success_object(response: &HttpResponse, limits: &Limits) -> Result<Map<String, Value>, Error> {
    let size = crate::form::len_u64(response.body.len());
    if size > limits.max_body_bytes {
        return Err(ResponseError::TooLarge { size, limit: limits.max_body_bytes }.into());
    }
    let parsed: Result<Value, _> = serde_json::from_slice(&response.body);
    if let Ok(Value::Object(object)) = &parsed {
        if let Some(error) = ErrorResponse::from_object(object) {
            return Err(Error::ErrorResponse(error));
        }
    }
    if response.status != 200 {
        let detail = if response.status >= 400 { " (the body is not an RFC 6749 error response)" } else { "" };
        return Err(ResponseError::UnexpectedStatus { status: response.status, detail: detail.to_owned() }.into());
    }
    if let Some(content_type) = response.header("content-type") {
        let media = content_type.split(';').next().unwrap_or_default().trim();
        if !media.eq_ignore_ascii_case("application/json") {
            return Err(ResponseError::Malformed(format!(
                "content type `{}` is not application/json",
                crate::http::printable(media, 64)
            ))
            .into());
        }
    }
    match parsed {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(ResponseError::Malformed("the body is JSON but not an object".into()).into()),
        Err(e) => {
            Err(ResponseError::Malformed(format!("the body is not JSON (line {}, column {})", e.line(), e.column()))
                .into())
        }
    }
}

/// A successful token-endpoint reply being read (client role): its JSON object with the
/// `access_token` both RFC 6749 §5.1 and RFC 8693 §2.2.1 require, typed access to its other
/// members, and every variation of an optional member read so far, in order.
pub(crate) struct SuccessReply {
    object: Map<String, Value>,
    limits: Limits,
    /// `access_token` (REQUIRED).
    pub(crate) access_token: Secret,
    /// What was read leniently, for the reply's `normalisations`.
    pub(crate) normalisations: Vec<Normalisation>,
}

/// A member that must be a string when present.
fn string<'a>(object: &'a Map<String, Value>, name: &'static str) -> Result<Option<&'a str>, ResponseError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ResponseError::InvalidField { field: name, reason: "it is not a string".into() }),
    }
}

/// A member that must be a non-empty string.
fn required_string<'a>(object: &'a Map<String, Value>, name: &'static str) -> Result<&'a str, ResponseError> {
    match string(object, name)? {
        None => Err(ResponseError::MissingField(name)),
        Some("") => Err(ResponseError::InvalidField { field: name, reason: "it is empty".into() }),
        Some(value) => Ok(value),
    }
}

/// A token member: a non-empty string within `limits.max_token_bytes`, when present.
fn token(object: &Map<String, Value>, name: &'static str, limits: &Limits) -> Result<Option<Secret>, ResponseError> {
    match string(object, name)? {
        None => Ok(None),
        Some("") => Err(ResponseError::InvalidField { field: name, reason: "it is empty".into() }),
        Some(value) if crate::form::len_u64(value.len()) > limits.max_token_bytes => Err(ResponseError::InvalidField {
            field: name,
            reason: format!("it is {} bytes, over the limit of {}", value.len(), limits.max_token_bytes),
        }),
        Some(value) => Ok(Some(Secret::new(value))),
    }
}

impl SuccessReply {
    /// Reads the reply as [`read_success_object`] does, then its `access_token`.
    pub(crate) fn read(response: &HttpResponse, limits: &Limits) -> Result<Self, Error> {
        let object = read_success_object(response, limits)?;
        let access_token =
            token(&object, "access_token", limits)?.ok_or(ResponseError::MissingField("access_token"))?;
        Ok(Self { object, limits: *limits, access_token, normalisations: Vec::new() })
    }

    /// A required string member (`issued_token_type`).
    pub(crate) fn required_string(&self, name: &'static str) -> Result<&str, ResponseError> {
        required_string(&self.object, name)
    }

    /// An optional token member (`refresh_token`, `id_token`), read liberally: one that is
    /// empty, not a string or over `limits.max_token_bytes` is left out and reported
    /// (`refresh_token_ignored`, `id_token_ignored`, never quoting it). It never fails the reply:
    /// the access token beside it is still good.
    pub(crate) fn optional_token(&mut self, name: &'static str) -> Option<Secret> {
        match token(&self.object, name, &self.limits) {
            Ok(read) => read,
            Err(error) => {
                let code = if name == "id_token" { "id_token_ignored" } else { "refresh_token_ignored" };
                let why = match error {
                    ResponseError::InvalidField { reason, .. } => reason,
                    other => other.to_string(),
                };
                self.normalisations.push(Normalisation::new(code, Some(name), format!("{name} left out: {why}")));
                None
            }
        }
    }

    /// `expires_in` (RECOMMENDED, RFC 6749 §5.1), read liberally: a whole number of seconds;
    /// a decimal number (`3600.0`, `3599.5`: the fraction is dropped) or a string of digits is
    /// read and reported; a value that is no number of seconds (negative, text, `true`) is left
    /// out and reported. It never fails the reply.
    pub(crate) fn expires_in(&mut self) -> Option<u64> {
        let value = self.object.get("expires_in")?;
        let report = &mut self.normalisations;
        let read = match value {
            Value::Null => return None,
            Value::Number(n) if n.as_u64().is_some() => return n.as_u64(),
            Value::Number(n) => {
                n.as_f64().filter(|f| (0.0..1.0e18).contains(f)).map(|f| (f.floor() as u64, "expires_in_decimal"))
            }
            Value::String(text) => text.trim().parse::<u64>().ok().map(|seconds| (seconds, "expires_in_string")),
            _ => None,
        };
        match read {
            Some((seconds, code)) => {
                report.push(Normalisation::new(
                    code,
                    Some("expires_in"),
                    format!(
                        "expires_in was written as {}; read as {seconds} s",
                        crate::http::printable(&crate::json::to_text(value), 40)
                    ),
                ));
                Some(seconds)
            }
            None => {
                report.push(Normalisation::new(
                    "expires_in_ignored",
                    Some("expires_in"),
                    format!(
                        "expires_in {} is not a number of seconds of zero or more; the lifetime is left unknown",
                        crate::http::printable(&crate::json::to_text(value), 40)
                    ),
                ));
                None
            }
        }
    }

    /// `scope` (OPTIONAL in a reply, RFC 6749 §5.1), read with [`ScopeSet::parse_reply`]: the
    /// text as sent and the set read from it. An array of strings (some servers send one) is
    /// read and reported; any other type is left out and reported. It never fails the reply.
    pub(crate) fn scope(&mut self) -> (Option<String>, Option<ScopeSet>) {
        let report = &mut self.normalisations;
        match self.object.get("scope") {
            None | Some(Value::Null) => (None, None),
            Some(Value::String(text)) => (Some(text.clone()), Some(ScopeSet::parse_reply(text, report))),
            Some(Value::Array(values)) if values.iter().all(Value::is_string) => {
                report.push(Normalisation::new(
                    "scope_array",
                    Some("scope"),
                    "scope was a JSON array of strings, not a space-delimited string (RFC 6749 §3.3); read its values",
                ));
                let text = values.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" ");
                (None, Some(ScopeSet::parse_reply(&text, report)))
            }
            Some(_) => {
                report.push(Normalisation::new(
                    "scope_ignored",
                    Some("scope"),
                    "scope is neither a string nor an array of strings; left out",
                ));
                (None, None)
            }
        }
    }

    /// `token_type` (REQUIRED): compared case-insensitively (RFC 6749 §5.1); a value read in
    /// another case than its registered spelling (`bearer`, `n_a`) is reported.
    pub(crate) fn token_type(&mut self) -> Result<TokenType, ResponseError> {
        let text = required_string(&self.object, "token_type")?;
        let token_type = TokenType::parse(text);
        if !matches!(token_type, TokenType::Other(_)) && token_type.as_str() != text {
            self.normalisations.push(Normalisation::new(
                "token_type_case",
                Some("token_type"),
                format!(
                    "token_type `{}` read as `{token_type}` (case-insensitive, RFC 6749 §5.1)",
                    crate::http::printable(text, 40)
                ),
            ));
        }
        Ok(token_type)
    }
}

/// Builds a response object member by member, leaving out absent optional members.
#[derive(Default)]
pub(crate) struct ObjectWriter(Map<String, Value>);

impl ObjectWriter {
    pub(crate) fn string(mut self, name: &str, value: Option<&str>) -> Self {
        if let Some(value) = value {
            self.0.insert(name.to_owned(), Value::String(value.to_owned()));
        }
        self
    }

    pub(crate) fn number(mut self, name: &str, value: Option<u64>) -> Self {
        if let Some(value) = value {
            self.0.insert(name.to_owned(), Value::from(value));
        }
        self
    }

    pub(crate) fn into_response(self) -> HttpResponse {
        HttpResponse::json(200, crate::json::to_text(&Value::Object(self.0)))
    }
}

/// A successful token response (RFC 6749 §5.1; TS 33.180 B.4.2.5 and B.7.5).
// Examples go on the methods: this text is also the record's doc in Kotlin, Swift and Python.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(serde::Serialize, serde::Deserialize, tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase", deny_unknown_fields))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TokenResponse {
    /// The access token.
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed"), tsify(type = "string"))]
    pub access_token: Secret,
    /// Its type (`Bearer`).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub token_type: TokenType,
    /// Lifetime in seconds, if given.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub expires_in: Option<u64>,
    /// A refresh token, if issued.
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed::option"), tsify(type = "string | null"))]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub refresh_token: Option<Secret>,
    /// The granted scope, if it differs from the request or is given anyway (read liberally, as
    /// a reply's scope; written in its normal form).
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub scope: Option<ScopeSet>,
    /// The OpenID Connect ID token, if issued.
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed::option"), tsify(type = "string | null"))]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub id_token: Option<Secret>,
    /// Read: the `scope` member exactly as sent, when it was a string. Not written.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub scope_text: Option<String>,
    /// Read: every variation of an optional member that was read leniently (a client is
    /// liberal in what it reads, RFC 6749 §5.1), in order; empty for a reply that follows the
    /// RFCs to the letter. Not written.
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub normalisations: Vec<Normalisation>,
}

impl TokenResponse {
    /// A Bearer token response with only the access token set.
    pub fn bearer(access_token: impl Into<Secret>) -> Self {
        Self {
            access_token: access_token.into(),
            token_type: TokenType::Bearer,
            expires_in: None,
            refresh_token: None,
            scope: None,
            id_token: None,
            scope_text: None,
            normalisations: Vec::new(),
        }
    }

    /// Reads a reply from the token endpoint (client role). The required members
    /// (`access_token`, `token_type`) are held to RFC 6749 §5.1; an optional member that varies
    /// (`expires_in` as `3600.0`, a `scope` with repeats or extra spaces, `token_type` in
    /// another case, an empty `refresh_token`) never fails the reply and is reported in
    /// [`normalisations`](Self::normalisations).
    ///
    /// ```
    /// use mcx_connect::{HttpResponse, TokenResponse, Limits};
    /// let reply = HttpResponse::json(200, r#"{"access_token":"at","token_type":"Bearer","expires_in":3600,"scope":"openid 3gpp:mc:ptt_service"}"#);
    /// let tokens = TokenResponse::from_http_response(&reply, &Limits::default()).unwrap();
    /// assert_eq!(tokens.access_token.expose(), "at");
    /// assert_eq!(tokens.expires_in, Some(3600));
    /// let refused = HttpResponse::json(200, r#"{"error":"invalid_grant"}"#);
    /// let err = TokenResponse::from_http_response(&refused, &Limits::default()).unwrap_err();
    /// assert_eq!(err.code(), "error_response");
    /// assert_eq!(err.oauth_error().unwrap().as_str(), "invalid_grant");
    /// ```
    ///
    /// ```
    /// use mcx_connect::{HttpResponse, Limits, TokenResponse};
    /// let reply = HttpResponse::json(200, r#"{"access_token":"at","token_type":"bearer","expires_in":3600.0,"scope":"openid  openid"}"#);
    /// let tokens = TokenResponse::from_http_response(&reply, &Limits::default()).unwrap();
    /// assert_eq!(tokens.expires_in, Some(3600));
    /// assert_eq!(tokens.scope_text.as_deref(), Some("openid  openid"));
    /// assert_eq!(tokens.scope.unwrap().to_string(), "openid");
    /// let codes: Vec<&str> = tokens.normalisations.iter().map(|n| n.code.as_str()).collect();
    /// assert_eq!(codes, ["token_type_case", "expires_in_decimal", "scope_whitespace_normalised", "duplicate_scope_dropped"]);
    /// ```
    pub fn from_http_response(response: &HttpResponse, limits: &Limits) -> Result<Self, Error> {
        let mut reply = SuccessReply::read(response, limits)?;
        let token_type = reply.token_type()?;
        let expires_in = reply.expires_in();
        let (scope_text, scope) = reply.scope();
        let refresh_token = reply.optional_token("refresh_token");
        let id_token = reply.optional_token("id_token");
        let SuccessReply { access_token, normalisations, .. } = reply;
        Ok(Self { access_token, token_type, expires_in, refresh_token, scope, id_token, scope_text, normalisations })
    }

    /// Writes the reply (server role), with `Cache-Control: no-store`.
    pub fn to_http_response(&self) -> HttpResponse {
        let scope = self.scope.as_ref().map(ToString::to_string);
        ObjectWriter::default()
            .string("access_token", Some(self.access_token.expose()))
            .string("token_type", Some(self.token_type.as_str()))
            .number("expires_in", self.expires_in)
            .string("refresh_token", self.refresh_token.as_ref().map(Secret::expose))
            .string("scope", scope.as_deref())
            .string("id_token", self.id_token.as_ref().map(Secret::expose))
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6749_5_1_token_response_round_trips() {
        let mut tokens = TokenResponse::bearer("access");
        tokens.expires_in = Some(300);
        tokens.refresh_token = Some(Secret::new("refresh"));
        tokens.scope = Some(ScopeSet::parse("openid 3gpp:mc:ptt_service").unwrap());
        tokens.id_token = Some(Secret::new("id"));
        let reply = tokens.to_http_response();
        assert_eq!(reply.header("cache-control"), Some("no-store"));
        tokens.scope_text = Some("openid 3gpp:mc:ptt_service".into());
        assert_eq!(TokenResponse::from_http_response(&reply, &Limits::default()).unwrap(), tokens);
    }

    #[test]
    fn rfc6749_5_2_error_response_is_read_from_any_status() {
        let reply = ErrorResponse::new(OAuthErrorCode::InvalidClient, Some("who?".into())).to_http_response();
        assert_eq!(reply.status, 401);
        assert!(reply.header("www-authenticate").is_some());
        let err = TokenResponse::from_http_response(&reply, &Limits::default()).unwrap_err();
        assert_eq!(err.oauth_error(), Some(OAuthErrorCode::InvalidClient));
    }

    #[test]
    fn unexpected_replies_get_precise_codes() {
        let limits = Limits::default();
        let code = |status, body: &str| {
            TokenResponse::from_http_response(&HttpResponse::json(status, body.to_owned()), &limits).unwrap_err().code()
        };
        assert_eq!(code(500, "<html>"), "unexpected_status");
        assert_eq!(code(302, ""), "unexpected_status");
        assert_eq!(code(200, "[1]"), "malformed_response");
        assert_eq!(code(200, "{"), "malformed_response");
        assert_eq!(code(200, r#"{"token_type":"Bearer"}"#), "missing_field");
        assert_eq!(code(200, r#"{"access_token":"a"}"#), "missing_field");
        assert_eq!(code(200, r#"{"access_token":"","token_type":"Bearer"}"#), "invalid_field");
        assert_eq!(code(200, r#"{"access_token":"a","token_type":7}"#), "invalid_field");
    }

    /// What a client reads from a reply whose optional members vary, and what it reports.
    fn lenient(body: &str) -> (TokenResponse, Vec<String>) {
        let read = TokenResponse::from_http_response(&HttpResponse::json(200, body.to_owned()), &Limits::default())
            .expect("an optional member never fails the reply");
        let codes = read.normalisations.iter().map(|n| n.code.clone()).collect();
        (read, codes)
    }

    #[test]
    fn rfc6749_5_1_expires_in_in_any_number_format_is_read_and_reported() {
        let body = |value: &str| format!(r#"{{"access_token":"a","token_type":"Bearer","expires_in":{value}}}"#);
        let (read, codes) = lenient(&body("3600"));
        assert_eq!((read.expires_in, codes), (Some(3600), vec![]), "a whole number is not a variation");
        let (read, codes) = lenient(&body("3600.0"));
        assert_eq!((read.expires_in, codes), (Some(3600), vec!["expires_in_decimal".to_owned()]));
        assert_eq!(lenient(&body("3599.9")).0.expires_in, Some(3599), "the fraction is dropped: never longer");
        assert_eq!(lenient(&body("3.6e3")).0.expires_in, Some(3600));
        let (read, codes) = lenient(&body(r#""60""#));
        assert_eq!((read.expires_in, codes), (Some(60), vec!["expires_in_string".to_owned()]));
        for unusable in ["-1", "true", r#""soon""#, "1e300", "{}"] {
            let (read, codes) = lenient(&body(unusable));
            assert_eq!((read.expires_in, codes), (None, vec!["expires_in_ignored".to_owned()]), "{unusable}");
        }
    }

    #[test]
    fn rfc6749_5_1_token_type_is_case_insensitive_and_reported() {
        let (read, codes) = lenient(r#"{"access_token":"a","token_type":"BEARER"}"#);
        assert_eq!((read.token_type, codes), (TokenType::Bearer, vec!["token_type_case".to_owned()]));
        let (read, codes) = lenient(r#"{"access_token":"a","token_type":"n_a"}"#);
        assert_eq!((read.token_type, codes), (TokenType::NotApplicable, vec!["token_type_case".to_owned()]));
        let (read, codes) = lenient(r#"{"access_token":"a","token_type":"DPoP"}"#);
        assert_eq!((read.token_type, codes), (TokenType::Other("DPoP".into()), vec![]));
    }

    #[test]
    fn rfc6749_5_1_scope_keeps_its_text_and_never_fails_the_reply() {
        let (read, codes) = lenient(r#"{"access_token":"a","token_type":"Bearer","scope":"a,b  a,b"}"#);
        assert_eq!(read.scope_text.as_deref(), Some("a,b  a,b"));
        assert_eq!(read.scope.unwrap().to_string(), "a,b");
        assert_eq!(
            codes,
            [
                "scope_whitespace_normalised",
                "scope_value_with_comma",
                "scope_value_with_comma",
                "duplicate_scope_dropped"
            ]
        );
        let (read, codes) =
            lenient(r#"{"access_token":"a","token_type":"Bearer","scope":["openid","3gpp:mc:ptt_service"]}"#);
        assert_eq!((read.scope_text, read.scope.unwrap().to_string()), (None, "openid 3gpp:mc:ptt_service".into()));
        assert_eq!(codes, ["scope_array"]);
        let (read, codes) = lenient(r#"{"access_token":"a","token_type":"Bearer","scope":42}"#);
        assert_eq!((read.scope, codes), (None, vec!["scope_ignored".to_owned()]));
    }

    #[test]
    fn rfc6749_5_1_an_unusable_refresh_token_or_id_token_is_left_out_and_the_access_token_kept() {
        let body =
            |name: &str, value: &str| format!(r#"{{"access_token":"a","token_type":"Bearer","{name}":{value}}}"#);
        let huge = format!(r#""{}""#, "r".repeat(16_385));
        for (name, code) in [("refresh_token", "refresh_token_ignored"), ("id_token", "id_token_ignored")] {
            for (value, why) in [(r#""""#, "it is empty"), ("7", "not a string"), (huge.as_str(), "over the limit")] {
                let (read, codes) = lenient(&body(name, value));
                assert_eq!(read.access_token.expose(), "a", "{name} {why}");
                assert_eq!((read.refresh_token, read.id_token), (None, None), "{name} {why}");
                assert_eq!(codes, [code], "{name} {why}");
                let description = &read.normalisations[0].description;
                assert!(description.starts_with(&format!("{name} left out: ")), "{description}");
                assert!(description.contains(why) && !description.contains("rrrr"), "{description}");
            }
        }
        // `null` is absence, not a variation.
        let (read, codes) = lenient(r#"{"access_token":"a","token_type":"Bearer","refresh_token":null}"#);
        assert_eq!((read.refresh_token, codes), (None, vec![]));
        // The exchange reply (RFC 8693 §2.2.1) reads its refresh token the same way.
        let reply = HttpResponse::json(
            200,
            r#"{"access_token":"s","issued_token_type":"urn:ietf:params:oauth:token-type:jwt","token_type":"N_A","refresh_token":""}"#,
        );
        let read = crate::TokenExchangeResponse::from_http_response(&reply, &Limits::default()).unwrap();
        assert_eq!(read.refresh_token, None);
        assert_eq!(read.normalisations.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), ["refresh_token_ignored"]);
    }

    #[test]
    fn error_description_is_fitted_to_the_rfc6749_character_set() {
        let response = ErrorResponse::new(OAuthErrorCode::InvalidRequest, Some("RFC 6749 §3.2 \"x\" é".into()));
        assert_eq!(response.error_description.as_deref(), Some("RFC 6749 section 3.2 'x' ?"));
    }
}
