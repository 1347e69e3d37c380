//! Telling token-endpoint messages apart: which MCX token request an incoming request is (by its
//! `grant_type`), and which kind of token-endpoint response a reply is. For tools (the CLI's
//! `request check` and `response check`) and for a server with one token endpoint for every grant.

use crate::error::{Error, Rejection, RequestError};
use crate::exchange::{TokenExchangeRequest, TokenExchangeResponse, GRANT_TYPE_TOKEN_EXCHANGE};
use crate::form::{Form, Limits, Normalisation, ParseOptions, Parsed};
use crate::http::{self, HttpRequest, HttpResponse};
use crate::jwt_bearer::{JwtBearerRequest, GRANT_TYPE_JWT_BEARER};
use crate::login::{AuthorizationCodeRequest, RefreshRequest, GRANT_TYPE_AUTHORIZATION_CODE, GRANT_TYPE_REFRESH_TOKEN};
use crate::response::TokenResponse;
use crate::token_endpoint::{TokenRequestForm, REPEATABLE};

/// What an unknown `grant_type` is compared with in the error description.
const MCX_GRANT_TYPES: &str = "one of urn:ietf:params:oauth:grant-type:token-exchange, \
    urn:ietf:params:oauth:grant-type:jwt-bearer, authorization_code, refresh_token";

/// The four token requests of TS 33.180 Annex B, told apart by `grant_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenRequestKind {
    /// Token exchange at the primary IdMS (B.7.2, RFC 8693).
    TokenExchange,
    /// Partner token request with the security token as assertion (B.7.4, RFC 7523).
    JwtBearer,
    /// Authorization code token request of the primary login (B.4, RFC 6749 §4.1.3).
    AuthorizationCode,
    /// Refresh (B.5, RFC 6749 §6).
    Refresh,
}

impl TokenRequestKind {
    /// Every kind, in the order of the migration flow's use.
    pub const ALL: [TokenRequestKind; 4] = [
        TokenRequestKind::AuthorizationCode,
        TokenRequestKind::Refresh,
        TokenRequestKind::TokenExchange,
        TokenRequestKind::JwtBearer,
    ];

    /// A stable snake_case name: `token_exchange`, `jwt_bearer`, `authorization_code`, `refresh`.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenRequestKind::TokenExchange => "token_exchange",
            TokenRequestKind::JwtBearer => "jwt_bearer",
            TokenRequestKind::AuthorizationCode => "authorization_code",
            TokenRequestKind::Refresh => "refresh",
        }
    }

    /// The `grant_type` value on the wire.
    pub fn grant_type(self) -> &'static str {
        match self {
            TokenRequestKind::TokenExchange => GRANT_TYPE_TOKEN_EXCHANGE,
            TokenRequestKind::JwtBearer => GRANT_TYPE_JWT_BEARER,
            TokenRequestKind::AuthorizationCode => GRANT_TYPE_AUTHORIZATION_CODE,
            TokenRequestKind::Refresh => GRANT_TYPE_REFRESH_TOKEN,
        }
    }

    /// The clause of TS 33.180 that defines the request.
    pub fn clause(self) -> &'static str {
        match self {
            TokenRequestKind::TokenExchange => "TS 33.180 B.7.2 (RFC 8693)",
            TokenRequestKind::JwtBearer => "TS 33.180 B.7.4 (RFC 7523)",
            TokenRequestKind::AuthorizationCode => "TS 33.180 B.4 (RFC 6749 section 4.1.3, RFC 7636)",
            TokenRequestKind::Refresh => "TS 33.180 B.5 (RFC 6749 section 6)",
        }
    }

    /// The kind whose `grant_type` is `grant_type` (exact comparison), if any.
    pub fn from_grant_type(grant_type: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.grant_type() == grant_type)
    }

    /// Best-effort identification for diagnosis: reads the body leniently, whatever its
    /// `Content-Type`, and looks at `grant_type`. `None` when the body cannot be read even
    /// leniently or names no MCX grant. Never a decision: [`TokenRequest::check`] decides.
    ///
    /// ```
    /// use mcx_connect::{HttpRequest, TokenRequestKind};
    /// let request = HttpRequest::form_post("https://idms.example/token", "grant_type=refresh_token& refresh_token=r");
    /// assert_eq!(TokenRequestKind::identify(&request), Some(TokenRequestKind::Refresh));
    /// ```
    pub fn identify(request: &HttpRequest) -> Option<Self> {
        let form =
            Form::parse_with_repeats(&request.body, &ParseOptions::lenient(), &mut Vec::new(), &REPEATABLE).ok()?;
        form.get("grant_type").and_then(Self::from_grant_type)
    }
}

impl std::fmt::Display for TokenRequestKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Any of the four MCX token requests, parsed by the parser of its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(serde::Serialize, tsify::Tsify))]
#[cfg_attr(feature = "wasm", serde(tag = "kind", content = "request", rename_all = "snake_case"))]
pub enum TokenRequest {
    /// B.7.2.
    TokenExchange(TokenExchangeRequest),
    /// B.7.4.
    JwtBearer(JwtBearerRequest),
    /// B.4.
    AuthorizationCode(AuthorizationCodeRequest),
    /// B.5.
    Refresh(RefreshRequest),
}

/// The outcome of [`TokenRequest::check`]: the kind (identified even when the request is
/// refused), every repair made, and the parsed request or the refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRequestCheck {
    /// The kind named by `grant_type`, identified leniently ([`TokenRequestKind::identify`]).
    pub kind: Option<TokenRequestKind>,
    /// Lenient repairs: all of them when accepted; those made before the refusal otherwise.
    pub normalisations: Vec<Normalisation>,
    /// The request, or the RFC error a token endpoint answers it with.
    pub outcome: Result<TokenRequest, Rejection>,
}

impl TokenRequest {
    /// The kind of this request.
    pub fn kind(&self) -> TokenRequestKind {
        match self {
            TokenRequest::TokenExchange(_) => TokenRequestKind::TokenExchange,
            TokenRequest::JwtBearer(_) => TokenRequestKind::JwtBearer,
            TokenRequest::AuthorizationCode(_) => TokenRequestKind::AuthorizationCode,
            TokenRequest::Refresh(_) => TokenRequestKind::Refresh,
        }
    }

    /// Reads an incoming token request of any MCX kind (server role): a missing `grant_type` is
    /// `invalid_request`, an unknown one `unsupported_grant_type`; otherwise the parser of the
    /// kind decides, with its precise RFC error.
    ///
    /// ```
    /// use mcx_connect::{HttpRequest, ParseOptions, TokenRequest, TokenRequestKind};
    /// let request = HttpRequest::form_post("https://idms.example/token", "grant_type=refresh_token&refresh_token=r");
    /// let parsed = TokenRequest::parse(&request, &ParseOptions::strict()).unwrap();
    /// assert_eq!(parsed.value.kind(), TokenRequestKind::Refresh);
    /// let unknown = HttpRequest::form_post("https://idms.example/token", "grant_type=password");
    /// assert_eq!(TokenRequest::parse(&unknown, &ParseOptions::strict()).unwrap_err().error.as_str(), "unsupported_grant_type");
    /// ```
    pub fn parse(request: &HttpRequest, options: &ParseOptions) -> Result<Parsed<Self>, Rejection> {
        let mut normalisations = Vec::new();
        let value = Self::dispatch(request, options, &mut normalisations)?;
        Ok(Parsed { value, normalisations })
    }

    /// Like [`parse`](Self::parse), but keeps the identified kind and the repairs made before a
    /// refusal, for diagnosis. The body is read once when the request is accepted; a refused
    /// one is read again leniently, only to name its kind.
    pub fn check(request: &HttpRequest, options: &ParseOptions) -> TokenRequestCheck {
        let mut normalisations = Vec::new();
        let outcome = Self::dispatch(request, options, &mut normalisations);
        let kind = match &outcome {
            Ok(value) => Some(value.kind()),
            Err(_) => TokenRequestKind::identify(request),
        };
        TokenRequestCheck { kind, normalisations, outcome }
    }

    /// Reads the frame once (POST, form, `grant_type`) and hands the form to the reader of the
    /// kind `grant_type` names.
    fn dispatch(
        request: &HttpRequest,
        options: &ParseOptions,
        report: &mut Vec<Normalisation>,
    ) -> Result<TokenRequest, Rejection> {
        // Repeats RFC 8693 allows are let through here; only a token exchange keeps them.
        let frame = TokenRequestForm::read(request, options, report, &REPEATABLE)?;
        let grant_type = frame.grant_type()?;
        let kind = TokenRequestKind::from_grant_type(grant_type).ok_or_else(|| {
            Rejection::new(RequestError::UnsupportedGrantType {
                found: http::printable(grant_type, 80),
                expected: MCX_GRANT_TYPES,
            })
        })?;
        if kind != TokenRequestKind::TokenExchange {
            frame.refuse_repeats(&REPEATABLE)?;
        }
        Ok(match kind {
            TokenRequestKind::TokenExchange => TokenRequest::TokenExchange(TokenExchangeRequest::read(&frame, report)?),
            TokenRequestKind::JwtBearer => TokenRequest::JwtBearer(JwtBearerRequest::read(&frame, report)?),
            TokenRequestKind::AuthorizationCode => {
                TokenRequest::AuthorizationCode(AuthorizationCodeRequest::read(&frame)?)
            }
            TokenRequestKind::Refresh => TokenRequest::Refresh(RefreshRequest::read(&frame, report)?),
        })
    }
}

/// A successful token-endpoint reply of either shape.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(serde::Serialize, tsify::Tsify))]
#[cfg_attr(feature = "wasm", serde(tag = "kind", content = "response", rename_all = "snake_case"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TokenEndpointResponse {
    /// A token exchange response (B.7.3, RFC 8693 §2.2.1): it carries `issued_token_type`.
    TokenExchange(TokenExchangeResponse),
    /// An ordinary token response (B.4.2.5, B.5, B.7.5; RFC 6749 §5.1).
    Token(TokenResponse),
}

impl TokenEndpointResponse {
    /// Reads a reply: a JSON object with an `issued_token_type` member is read as a token
    /// exchange response, anything else as a token response. An RFC 6749 §5.2 error response
    /// is [`Error::ErrorResponse`].
    ///
    /// ```
    /// use mcx_connect::{HttpResponse, Limits, TokenEndpointResponse};
    /// let reply = HttpResponse::json(200, r#"{"access_token":"a","issued_token_type":"urn:ietf:params:oauth:token-type:jwt","token_type":"N_A"}"#);
    /// assert!(matches!(TokenEndpointResponse::from_http_response(&reply, &Limits::default()), Ok(TokenEndpointResponse::TokenExchange(_))));
    /// ```
    pub fn from_http_response(response: &HttpResponse, limits: &Limits) -> Result<Self, Error> {
        let has_issued_token_type = serde_json::from_slice::<serde_json::Value>(&response.body)
            .ok()
            .and_then(|value| value.as_object().map(|object| object.contains_key("issued_token_type")))
            .unwrap_or(false);
        if has_issued_token_type {
            TokenExchangeResponse::from_http_response(response, limits).map(TokenEndpointResponse::TokenExchange)
        } else {
            TokenResponse::from_http_response(response, limits).map(TokenEndpointResponse::Token)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grant_type_names_its_kind_and_back() {
        for kind in TokenRequestKind::ALL {
            assert_eq!(TokenRequestKind::from_grant_type(kind.grant_type()), Some(kind));
        }
        assert_eq!(TokenRequestKind::from_grant_type("password"), None);
    }

    #[test]
    fn rfc6749_5_2_missing_grant_type_is_invalid_request_unknown_is_unsupported_grant_type() {
        let strict = ParseOptions::strict();
        let missing = HttpRequest::form_post("https://a.example/t", "code=x");
        let check = TokenRequest::check(&missing, &strict);
        assert_eq!(check.kind, None);
        let err = check.outcome.unwrap_err();
        assert_eq!((err.error.as_str(), err.code()), ("invalid_request", "missing_parameter"));
        let unknown = HttpRequest::form_post("https://a.example/t", "grant_type=password");
        let err = TokenRequest::parse(&unknown, &strict).unwrap_err();
        assert_eq!((err.error.as_str(), err.code()), ("unsupported_grant_type", "unsupported_grant_type"));
    }

    #[test]
    fn b_7_4_kind_is_identified_even_when_strict_parsing_refuses_the_form() {
        let request = HttpRequest::form_post(
            "https://a.example/t",
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer& assertion=x&",
        );
        let check = TokenRequest::check(&request, &ParseOptions::strict());
        assert_eq!(check.kind, Some(TokenRequestKind::JwtBearer));
        assert_eq!(check.outcome.unwrap_err().code(), "malformed_form");
        let lenient = TokenRequest::check(&request, &ParseOptions::lenient());
        assert_eq!(lenient.outcome.unwrap_err().code(), "malformed_token");
        let codes: Vec<&str> = lenient.normalisations.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(codes, ["whitespace_trimmed", "empty_pair_dropped"], "repairs before the refusal are kept");
    }

    #[test]
    fn each_kind_is_parsed_by_its_own_parser() {
        let refresh = HttpRequest::form_post("https://a.example/t", "grant_type=refresh_token&refresh_token=r");
        let parsed = TokenRequest::parse(&refresh, &ParseOptions::strict()).unwrap();
        assert!(matches!(parsed.value, TokenRequest::Refresh(ref r) if r.refresh_token.expose() == "r"));
        let code = HttpRequest::form_post("https://a.example/t", "grant_type=authorization_code&code=c");
        let err = TokenRequest::parse(&code, &ParseOptions::strict()).unwrap_err();
        assert_eq!(err.code(), "missing_parameter");
    }

    #[test]
    fn rfc6749_3_2_a_repeat_only_rfc8693_allows_is_duplicate_parameter_for_every_other_kind() {
        let bodies = [
            "grant_type=refresh_token&refresh_token=r&audience=a&audience=b",
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&resource=a&resource=b",
        ];
        for body in bodies {
            let request = HttpRequest::form_post("https://a.example/t", body);
            let once = TokenRequest::parse(&request, &ParseOptions::strict()).unwrap_err();
            assert_eq!(once.code(), "duplicate_parameter", "{body}");
            let direct = match TokenRequestKind::identify(&request) {
                Some(TokenRequestKind::Refresh) => RefreshRequest::parse(&request, &ParseOptions::strict()).map(|_| ()),
                _ => JwtBearerRequest::parse(&request, &ParseOptions::strict()).map(|_| ()),
            };
            assert_eq!(direct.unwrap_err(), once, "the kind's own parser refuses it the same way");
        }
    }

    #[test]
    fn rfc8693_2_2_1_issued_token_type_tells_an_exchange_response() {
        let limits = Limits::default();
        let exchange = TokenExchangeResponse::security_token("t", 60).to_http_response();
        assert!(matches!(
            TokenEndpointResponse::from_http_response(&exchange, &limits),
            Ok(TokenEndpointResponse::TokenExchange(_))
        ));
        let plain = TokenResponse::bearer("a").to_http_response();
        assert!(matches!(
            TokenEndpointResponse::from_http_response(&plain, &limits),
            Ok(TokenEndpointResponse::Token(_))
        ));
        let refused = HttpResponse::json(400, r#"{"error":"invalid_grant"}"#);
        assert_eq!(TokenEndpointResponse::from_http_response(&refused, &limits).unwrap_err().code(), "error_response");
    }
}
