//! The token exchange at the primary IdMS (TS 33.180 B.7.2 and B.7.3, RFC 8693): the client
//! trades its primary access token for a *security token* aimed at a partner IdMS.

use crate::client::ClientAuthentication;
use crate::endpoint::EndpointPolicy;
use crate::error::{Error, Rejection, RequestError};
use crate::form::{Form, Limits, Normalisation, ParseMode, ParseOptions, Parsed};
use crate::http::{self, FormPost, HttpRequest, HttpResponse};
use crate::response::{ObjectWriter, SuccessReply, TokenType};
use crate::scope::ScopeSet;
use crate::token_endpoint::{self, TokenRequestBody, TokenRequestForm, REPEATABLE};
use crate::Secret;

/// `grant_type` of a token exchange (RFC 8693 §2.1).
pub const GRANT_TYPE_TOKEN_EXCHANGE: &str = "urn:ietf:params:oauth:grant-type:token-exchange";
/// Token type of a JWT (RFC 8693 §3); B.7.2 requires it for `subject_token_type`.
pub const TOKEN_TYPE_JWT: &str = "urn:ietf:params:oauth:token-type:jwt";
/// Token type of an access token (RFC 8693 §3).
pub const TOKEN_TYPE_ACCESS_TOKEN: &str = "urn:ietf:params:oauth:token-type:access_token";

/// A token exchange request (B.7.2): the four required parameters, the client's
/// authentication, and the optional RFC 8693 §2.1 parameters a client may add.
///
/// The server role exposes every optional parameter it read (`audience`, `scope`,
/// `requested_token_type`, `actor_token`), so the primary IdMS can honour or refuse each one:
/// nothing is dropped silently.
///
/// ```
/// use mcx_connect::{ClientAuthentication, EndpointPolicy, HttpRequest, ParseOptions, TokenExchangeRequest};
/// let request = TokenExchangeRequest::new("https://idms.partner.example/as/token.oauth2", "primary-access-token")
///     .with_client(ClientAuthentication::basic("mcptt-client", "secret"));
/// let http: HttpRequest = request.build("https://idms.primary.example/as/token.oauth2", EndpointPolicy::default()).unwrap();
/// assert_eq!(http.method, "POST");
/// assert!(http.body_text().unwrap().starts_with("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&resource="));
///
/// // Server role: the primary IdMS reads it back.
/// let parsed = TokenExchangeRequest::parse(&http, &ParseOptions::strict()).unwrap();
/// assert_eq!(parsed.value, request);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(serde::Serialize, serde::Deserialize, tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct TokenExchangeRequest {
    /// The partner IdMS token endpoint where the security token will be used.
    pub resource: String,
    /// The primary access token (B.4.2.5).
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed"), tsify(type = "string"))]
    pub subject_token: Secret,
    /// The client's authentication at the primary token endpoint.
    #[cfg_attr(feature = "wasm", serde(default))]
    pub client: ClientAuthentication,
    /// RFC 8693 §2.1 `audience` values (the parameter may be repeated), in order.
    #[cfg_attr(feature = "wasm", serde(default))]
    pub audience: Vec<String>,
    /// RFC 8693 §2.1 `scope`, if sent.
    #[cfg_attr(feature = "wasm", serde(default), tsify(type = "string | null"))]
    pub scope: Option<ScopeSet>,
    /// RFC 8693 §2.1 `requested_token_type`, if sent (B.7.3 issues a JWT).
    #[cfg_attr(feature = "wasm", serde(default))]
    pub requested_token_type: Option<String>,
    /// RFC 8693 §2.1 `actor_token` with its `actor_token_type` (delegation), if sent.
    #[cfg_attr(feature = "wasm", serde(default))]
    pub actor_token: Option<ActorToken>,
}

/// An RFC 8693 §2.1 `actor_token` with its REQUIRED `actor_token_type`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(serde::Serialize, serde::Deserialize, tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct ActorToken {
    /// The token of the acting party.
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed"), tsify(type = "string"))]
    pub token: Secret,
    /// Its token type (`actor_token_type`).
    pub token_type: String,
}

impl TokenExchangeRequest {
    /// A request for a security token for `resource`, without client authentication.
    pub fn new(resource: impl Into<String>, subject_token: impl Into<Secret>) -> Self {
        Self {
            resource: resource.into(),
            subject_token: subject_token.into(),
            client: ClientAuthentication::None,
            audience: Vec::new(),
            scope: None,
            requested_token_type: None,
            actor_token: None,
        }
    }

    /// Sets the client authentication.
    pub fn with_client(mut self, client: ClientAuthentication) -> Self {
        self.client = client;
        self
    }

    /// Builds the POST to the primary token endpoint (client role). Both the endpoint and the
    /// `resource` must satisfy `policy`. Optional parameters are written only when set.
    pub fn build(&self, token_endpoint: &str, policy: EndpointPolicy) -> Result<HttpRequest, Error> {
        Ok(self.build_form(token_endpoint, policy)?.into_request(token_endpoint))
    }

    /// [`build`](Self::build) in the parts that vary (the body and the `Authorization` value; see
    /// [`FormPost`]), with the same checks and errors.
    pub fn build_form(&self, token_endpoint: &str, policy: EndpointPolicy) -> Result<FormPost, Error> {
        policy.check(token_endpoint, "primary token endpoint")?;
        policy.check(&self.resource, "resource (partner token endpoint)")?;
        if self.subject_token.is_empty() {
            return Err(RequestError::EmptyParameter("subject_token").into());
        }
        let mut body = TokenRequestBody::new(GRANT_TYPE_TOKEN_EXCHANGE);
        // Written with its scheme and host in lower case (RFC 3986 §6.2.2.1; the policy check
        // above has read it as an absolute URI): a primary that binds it into `aud` as received
        // then gives the form a partner comparing strings expects.
        let resource = crate::uri::case_normalised(&self.resource);
        body.pair("resource", &resource)
            .pair("subject_token", self.subject_token.expose())
            .pair("subject_token_type", TOKEN_TYPE_JWT);
        for audience in &self.audience {
            body.pair("audience", audience);
        }
        if let Some(scope) = &self.scope {
            body.scope(scope);
        }
        if let Some(requested) = &self.requested_token_type {
            body.pair("requested_token_type", requested);
        }
        if let Some(actor) = &self.actor_token {
            body.pair("actor_token", actor.token.expose()).pair("actor_token_type", &actor.token_type);
        }
        body.client(&self.client, false);
        Ok(body.form())
    }

    /// Reads an incoming request at the primary token endpoint (server role), refusing it
    /// with the precise RFC 6749 / RFC 8693 error.
    ///
    /// RFC 8693 §2.1 lets `resource` and `audience` repeat; every other parameter sent twice is
    /// `duplicate_parameter`. Several `resource` values are `invalid_target` (§2.2.2): a
    /// security token is for exactly one partner token endpoint.
    ///
    /// ```
    /// use mcx_connect::{HttpRequest, ParseOptions, TokenExchangeRequest};
    /// let body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange\
    ///     &resource=https%3A%2F%2Fidms.partner.example%2Ftoken&subject_token=t\
    ///     &subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt&actor_token=a";
    /// let request = HttpRequest::form_post("https://idms.primary.example/token", body);
    /// let refused = TokenExchangeRequest::parse(&request, &ParseOptions::strict()).unwrap_err();
    /// assert_eq!((refused.error.as_str(), refused.code()), ("invalid_request", "actor_token_unpaired"));
    /// ```
    pub fn parse(request: &HttpRequest, options: &ParseOptions) -> Result<Parsed<Self>, Rejection> {
        token_endpoint::parse_request(request, options, &REPEATABLE, Self::read)
    }

    /// Validates the `subject_token` of a request already read with [`parse`](Self::parse) (or
    /// [`TokenRequest::parse`](crate::TokenRequest::parse)) as an access token of this primary
    /// IdMS at time `now`, as [`parse_and_verify`](Self::parse_and_verify) does, without reading
    /// the request twice. A bad subject token is `invalid_request` (RFC 8693 §2.2.2); a `now` in
    /// milliseconds or a validator that cannot verify is the server's own mistake, `server_error`.
    ///
    /// ```
    /// use mcx_connect::token::{AccessTokenValidator, JwkSet, Verifier};
    /// use mcx_connect::{HttpRequest, ParseOptions, TokenRequest};
    /// let body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange\
    ///     &resource=https%3A%2F%2Fidms.partner.example%2Ftoken&subject_token=not-a-jwt\
    ///     &subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt&client_id=c";
    /// let request = HttpRequest::form_post("https://idms.primary.example/token", body);
    /// let Ok(TokenRequest::TokenExchange(exchange)) = TokenRequest::parse(&request, &ParseOptions::strict()).map(|p| p.value) else { panic!() };
    /// let validator = AccessTokenValidator::new("https://idms.primary.example", Verifier::new(JwkSet::from_keys(vec![]))).unwrap();
    /// let refused = exchange.verify(&validator, 1_700_000_000).unwrap_err();
    /// assert_eq!(refused.error.as_str(), "invalid_request");
    /// ```
    pub fn verify(
        self,
        validator: &crate::token::AccessTokenValidator,
        now: u64,
    ) -> Result<crate::token::VerifiedTokenExchangeRequest, Rejection> {
        let subject_token = validator
            .validate(self.subject_token.expose(), now)
            .map_err(|e| Rejection::for_token(crate::error::OAuthErrorCode::InvalidRequest, e))?;
        Ok(crate::token::VerifiedTokenExchangeRequest { request: self, subject_token })
    }

    /// Reads the request's own parameters from a token request whose frame has been read.
    pub(crate) fn read(frame: &TokenRequestForm<'_>, report: &mut Vec<Normalisation>) -> Result<Self, Rejection> {
        frame.check_grant_type(GRANT_TYPE_TOKEN_EXCHANGE)?;
        let client = frame.client()?;
        let options = frame.options();
        let form = frame.form();
        let resource = read_resource(form, options, report)?;
        let subject_token = form.required("subject_token").map_err(Rejection::new)?;
        if crate::form::len_u64(subject_token.len()) > options.limits.max_token_bytes {
            return Err(Rejection::new(RequestError::MalformedToken {
                parameter: crate::error::TokenParameter::SubjectToken,
                reason: format!(
                    "it is {} bytes, over the limit of {}",
                    subject_token.len(),
                    options.limits.max_token_bytes
                ),
            }));
        }
        read_subject_token_type(form, options, report)?;
        let scope = frame.optional_scope(report)?;
        Ok(Self {
            resource,
            subject_token: Secret::new(subject_token),
            client,
            audience: form.all("audience").filter(|a| !a.is_empty()).map(str::to_owned).collect(),
            scope,
            requested_token_type: form.optional("requested_token_type").map(str::to_owned),
            actor_token: read_actor_token(form)?,
        })
    }
}

/// `subject_token_type`: B.7.2 requires the JWT token type. Lenient parsing also reads the
/// access token type generic RFC 8693 clients send (a primary access token is a JWT, B.2.1.2),
/// and reports it.
fn read_subject_token_type(
    form: &Form,
    options: &ParseOptions,
    report: &mut Vec<Normalisation>,
) -> Result<(), Rejection> {
    let token_type = form.required("subject_token_type").map_err(Rejection::new)?;
    if token_type == TOKEN_TYPE_JWT {
        return Ok(());
    }
    if token_type == TOKEN_TYPE_ACCESS_TOKEN && options.mode == ParseMode::Lenient {
        report.push(Normalisation::new(
            "subject_token_type_access_token",
            Some("subject_token_type"),
            "subject_token_type was the access token type; read it as the JWT type B.7.2 requires",
        ));
        return Ok(());
    }
    Err(Rejection::new(RequestError::UnsupportedTokenType {
        found: http::printable(token_type, 80),
        expected: TOKEN_TYPE_JWT,
    }))
}

/// `actor_token` and `actor_token_type` (RFC 8693 §2.1): the type is REQUIRED with the token and
/// MUST NOT be sent without it.
fn read_actor_token(form: &Form) -> Result<Option<ActorToken>, Rejection> {
    match (form.optional("actor_token"), form.optional("actor_token_type")) {
        (Some(token), Some(token_type)) => {
            Ok(Some(ActorToken { token: Secret::new(token), token_type: token_type.to_owned() }))
        }
        (Some(_), None) => {
            Err(Rejection::new(RequestError::ActorTokenUnpaired("actor_token sent without actor_token_type")))
        }
        (None, Some(_)) => {
            Err(Rejection::new(RequestError::ActorTokenUnpaired("actor_token_type sent without actor_token")))
        }
        (None, None) => Ok(None),
    }
}

/// Whether `value` starts with a URI scheme (RFC 3986 §3.1) rather than a host, as in
/// `urn:…` or `http:…`; `host:8443/path` is a host with a port, not a scheme.
fn has_scheme(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else { return false };
    let mut chars = scheme.chars();
    let scheme_like = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let port = rest.split('/').next().unwrap_or_default();
    let is_port = !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit());
    scheme_like && !is_port
}

/// `resource` (RFC 8693 §2.1): an absolute URI without fragment, here an https token endpoint.
/// One only: several are `invalid_target` (§2.2.2).
fn read_resource(form: &Form, options: &ParseOptions, report: &mut Vec<Normalisation>) -> Result<String, Rejection> {
    let count = form.all("resource").count();
    if count > 1 {
        return Err(Rejection::new(RequestError::SeveralResources(count)));
    }
    let raw = form.required("resource").map_err(Rejection::new)?;
    let mut resource = raw.to_owned();
    if options.mode == ParseMode::Lenient {
        let trimmed = raw.trim();
        if trimmed.len() != raw.len() {
            report.push(Normalisation::new(
                "resource_trimmed",
                Some("resource"),
                "removed whitespace around the resource value",
            ));
        }
        resource = trimmed.to_owned();
        if !resource.is_empty() && !has_scheme(&resource) && !resource.contains(char::is_whitespace) {
            report.push(Normalisation::new(
                "resource_scheme_assumed",
                Some("resource"),
                format!(
                    "resource `{}` had no scheme; read it as `https://{}`",
                    http::printable(&resource, 120),
                    http::printable(&resource, 120)
                ),
            ));
            resource = format!("https://{resource}");
        }
    }
    if let Some((scheme, _)) = resource.split_once(':').filter(|_| has_scheme(&resource)) {
        if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
            return Err(Rejection::new(RequestError::InvalidResource(format!(
                "a `{}:` URI is not an https URL (the partner token endpoint)",
                http::printable(scheme, 16)
            ))));
        }
    }
    options
        .endpoint_policy
        .check(&resource, "resource")
        .map_err(|e| Rejection::new(RequestError::InvalidResource(e.to_string())))?;
    Ok(resource)
}

/// The token exchange response (B.7.3, RFC 8693 §2.2.1): `access_token` is the security token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(serde::Serialize, serde::Deserialize, tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase", deny_unknown_fields))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TokenExchangeResponse {
    /// The security token (a JWT whose `aud` holds the client id and the partner address).
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed"), tsify(type = "string"))]
    pub access_token: Secret,
    /// The type of the issued token (REQUIRED by RFC 8693).
    pub issued_token_type: String,
    /// `N_A` for a security token, or `Bearer`.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub token_type: TokenType,
    /// Lifetime in seconds, if given.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub expires_in: Option<u64>,
    /// Scope of the issued token, if given.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub scope: Option<ScopeSet>,
    /// A refresh token, if issued (unusual for a security token).
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed::option"), tsify(type = "string | null"))]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub refresh_token: Option<Secret>,
    /// Read: the `scope` member exactly as sent, when it was a string. Not written.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub scope_text: Option<String>,
    /// Read: every variation of an optional member that was read leniently, in order, as for a
    /// token response. Not written.
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub normalisations: Vec<Normalisation>,
}

impl TokenExchangeResponse {
    /// A response carrying a JWT security token with `token_type` `N_A`.
    pub fn security_token(token: impl Into<Secret>, expires_in: u64) -> Self {
        Self {
            access_token: token.into(),
            issued_token_type: TOKEN_TYPE_JWT.to_owned(),
            token_type: TokenType::NotApplicable,
            expires_in: Some(expires_in),
            scope: None,
            refresh_token: None,
            scope_text: None,
            normalisations: Vec::new(),
        }
    }

    /// Reads the primary IdMS reply (client role). An RFC 6749 §5.2 error, even with status
    /// 200, is [`Error::ErrorResponse`]. The required members (`access_token`,
    /// `issued_token_type`, `token_type`) are held to RFC 8693 §2.2.1; an optional member that
    /// varies never fails the reply and is reported in [`normalisations`](Self::normalisations),
    /// as for [`TokenResponse::from_http_response`](crate::TokenResponse::from_http_response).
    ///
    /// ```
    /// use mcx_connect::{Limits, TokenExchangeResponse};
    /// let reply = TokenExchangeResponse::security_token("eyJ...sig", 120).to_http_response();
    /// let read = TokenExchangeResponse::from_http_response(&reply, &Limits::default()).unwrap();
    /// assert_eq!(read.token_type.as_str(), "N_A");
    /// assert_eq!(read.issued_token_type, "urn:ietf:params:oauth:token-type:jwt");
    /// ```
    pub fn from_http_response(response: &HttpResponse, limits: &Limits) -> Result<Self, Error> {
        let mut reply = SuccessReply::read(response, limits)?;
        let issued_token_type = reply.required_string("issued_token_type")?.to_owned();
        let token_type = reply.token_type()?;
        let expires_in = reply.expires_in();
        let (scope_text, scope) = reply.scope();
        let refresh_token = reply.optional_token("refresh_token");
        Ok(Self {
            access_token: reply.access_token,
            issued_token_type,
            token_type,
            expires_in,
            scope,
            refresh_token,
            scope_text,
            normalisations: reply.normalisations,
        })
    }

    /// Writes the reply (server role), with `Cache-Control: no-store`.
    pub fn to_http_response(&self) -> HttpResponse {
        let scope = self.scope.as_ref().map(ToString::to_string);
        ObjectWriter::default()
            .string("access_token", Some(self.access_token.expose()))
            .string("issued_token_type", Some(&self.issued_token_type))
            .string("token_type", Some(self.token_type.as_str()))
            .number("expires_in", self.expires_in)
            .string("scope", scope.as_deref())
            .string("refresh_token", self.refresh_token.as_ref().map(Secret::expose))
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{TokenRequest, TokenRequestKind};

    const HEAD: &str = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange";
    const SUBJECT: &str = "&subject_token=t&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt";

    fn post(body: String) -> HttpRequest {
        HttpRequest::form_post("https://idms.primary.example/token", body)
    }

    #[test]
    fn rfc3986_3_1_a_scheme_is_told_from_a_host_with_a_port() {
        for value in ["urn:ietf:params:oauth:x", "https://h/t", "http:x", "mailto:a@b"] {
            assert!(has_scheme(value), "{value}");
        }
        for value in ["idms.example", "idms.example:8443", "idms.example:8443/token", "IdM.partner_server.com"] {
            assert!(!has_scheme(value), "{value}");
        }
    }

    #[test]
    fn rfc8693_2_1_lenient_urn_resource_refusal_keeps_the_repair_report() {
        let request = post(format!("{HEAD}&resource=+urn%3Aietf%3Aparams%3Aoauth%3Apartner{SUBJECT}"));
        let check = TokenRequest::check(&request, &ParseOptions::lenient());
        assert_eq!(check.kind, Some(TokenRequestKind::TokenExchange));
        let refusal = check.outcome.unwrap_err();
        assert_eq!((refusal.error.as_str(), refusal.code()), ("invalid_target", "invalid_resource"));
        assert!(refusal.to_string().contains("not an https URL"), "{refusal}");
        let codes: Vec<&str> = check.normalisations.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(codes, ["resource_trimmed"]);
    }

    #[test]
    fn rfc8693_2_1_repeated_resource_reaches_the_exchange_parser_through_token_request() {
        let resource = "&resource=https%3A%2F%2Fidms.partner.example%2Ftoken";
        let request = post(format!("{HEAD}{resource}{resource}{SUBJECT}"));
        let refusal = TokenRequest::parse(&request, &ParseOptions::strict()).unwrap_err();
        assert_eq!((refusal.error.as_str(), refusal.code()), ("invalid_target", "several_resources"));
    }

    #[test]
    fn rfc8693_2_1_optional_parameters_round_trip_through_build_and_parse() {
        let mut request = TokenExchangeRequest::new("https://idms.partner.example/token", "t")
            .with_client(ClientAuthentication::client_id("mcptt-client"));
        request.audience = vec!["a".into(), "b".into()];
        request.scope = Some(ScopeSet::parse("openid 3gpp:mc:ptt_service").unwrap());
        request.requested_token_type = Some(TOKEN_TYPE_JWT.into());
        request.actor_token = Some(ActorToken { token: Secret::new("actor"), token_type: TOKEN_TYPE_JWT.into() });
        let http = request.build("https://idms.primary.example/token", EndpointPolicy::default()).unwrap();
        assert_eq!(TokenExchangeRequest::parse(&http, &ParseOptions::strict()).unwrap().value, request);
        assert!(!format!("{request:?}").contains("actor\""), "the actor token is a secret");
    }
}
