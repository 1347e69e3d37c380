//! The token request at the partner IdMS (TS 33.180 B.7.4 and B.7.5, RFC 7523 §2.1,
//! TS 24.482 6.2.3): the client presents the security token as a jwt-bearer `assertion`.

use crate::client::ClientAuthentication;
use crate::endpoint::EndpointPolicy;
use crate::error::{Error, Rejection, RequestError, ScopeError, TokenParameter};
use crate::exchange::check_grant_type;
use crate::form::{self, Form, ParseMode, ParseOptions, Parsed};
use crate::http::{self, HttpRequest};
use crate::scope::ScopeSet;
use crate::Secret;

/// `grant_type` of the partner token request (RFC 7523 §2.1).
pub const GRANT_TYPE_JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/// The partner token request (B.7.4): `assertion`, `client_id`, `scope`.
///
/// ```
/// use mcx_connect::{ClientAuthentication, EndpointPolicy, JwtBearerRequest, ParseOptions, ScopeSet, McService};
/// let request = JwtBearerRequest::new(
///     "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln",
///     ClientAuthentication::client_id("myNativeApp"),
///     ScopeSet::for_service(McService::Ptt),
/// );
/// let http = request.build("https://idms.partner.example/as/token.oauth2", EndpointPolicy::default()).unwrap();
/// let parsed = JwtBearerRequest::parse(&http, &ParseOptions::strict()).unwrap();
/// assert_eq!(parsed.value, request);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JwtBearerRequest {
    /// The security token received in B.7.3.
    pub assertion: Secret,
    /// The client; B.7.4 requires its `client_id` in the body.
    pub client: ClientAuthentication,
    /// The requested scope: `openid` and one or more `3gpp:mc:` values.
    pub scope: ScopeSet,
}

impl JwtBearerRequest {
    /// A partner token request.
    pub fn new(assertion: impl Into<Secret>, client: ClientAuthentication, scope: ScopeSet) -> Self {
        Self { assertion: assertion.into(), client, scope }
    }

    /// Builds the POST to the partner token endpoint (client role).
    pub fn build(&self, token_endpoint: &str, policy: EndpointPolicy) -> Result<HttpRequest, Error> {
        policy.check(token_endpoint, "partner token endpoint")?;
        if self.assertion.is_empty() {
            return Err(RequestError::EmptyParameter("assertion").into());
        }
        if self.client.id().is_none_or(str::is_empty) {
            return Err(RequestError::MissingParameter("client_id").into());
        }
        self.scope.require_mcx()?;
        let scope = self.scope.to_parameter();
        // Room for the client's parameters (client_id, or both with client_secret_post) and scope.
        let mut pairs: Vec<(&'static str, &str)> = Vec::with_capacity(5);
        pairs.extend([("grant_type", GRANT_TYPE_JWT_BEARER), ("assertion", self.assertion.expose())]);
        let mut headers = Vec::new();
        self.client.apply(&mut pairs, &mut headers, true)?;
        pairs.push(("scope", &scope));
        let body = form::encode_pairs(&pairs);
        let mut request = HttpRequest::form_post(token_endpoint, body);
        request.headers.extend(headers);
        Ok(request)
    }

    /// Reads an incoming request at the partner token endpoint (server role). The assertion is
    /// checked for structure only; verifying it as a security token needs the primary's keys.
    pub fn parse(request: &HttpRequest, options: &ParseOptions) -> Result<Parsed<Self>, Rejection> {
        let mut report = Vec::new();
        http::check_form_post(request).map_err(Rejection::new)?;
        let form = Form::parse(&request.body, options, &mut report).map_err(Rejection::new)?;
        check_grant_type(&form, GRANT_TYPE_JWT_BEARER)?;
        let assertion = form.required("assertion").map_err(Rejection::new)?;
        crate::token::check_structure(assertion, options.limits.max_token_bytes).map_err(|reason| {
            Rejection::new(RequestError::MalformedToken { parameter: TokenParameter::Assertion, reason })
        })?;
        form.required("client_id").map_err(Rejection::new)?;
        let client = ClientAuthentication::read(request, &form).map_err(Rejection::new)?;
        let scope_text = form.required("scope").map_err(Rejection::new)?;
        let scope = match options.mode {
            ParseMode::Strict => ScopeSet::parse(scope_text),
            ParseMode::Lenient => ScopeSet::parse_lenient(scope_text, &mut report),
        }
        .map_err(Rejection::new)?;
        scope.require_mcx_with(options.accept_unknown_mcx_scopes).map_err(|e: ScopeError| Rejection::new(e))?;
        Ok(Parsed { value: Self { assertion: Secret::new(assertion), client, scope }, normalisations: report })
    }
}

impl JwtBearerRequest {
    /// Reads an incoming request at the partner token endpoint (as [`parse`](Self::parse)) and
    /// authenticates its `assertion` as a security token (B.7.4) for the request's `client_id`
    /// at time `now` (seconds since the epoch). Every token failure is refused with
    /// `invalid_grant` (RFC 7523 §3.1) and the precise [`TokenError`](crate::token::TokenError)
    /// as cause.
    ///
    /// ```
    /// use mcx_connect::token::{sign, JwkSet, JwsHeader, SecurityTokenValidator, SigningKey, Verifier};
    /// use mcx_connect::*;
    /// let primary = SigningKey::es256(&[3u8; 32]).unwrap();
    /// let partner = "https://idms.partner.example/token";
    /// let claims = serde_json::json!({"iss": "https://idms.primary.example", "sub": "alice",
    ///     "aud": ["myNativeApp", partner], "iat": 1_700_000_000, "exp": 1_700_000_300});
    /// let assertion = sign(&JwsHeader::new(primary.algorithm()), &claims, &primary).unwrap();
    /// let http = JwtBearerRequest::new(assertion, ClientAuthentication::client_id("myNativeApp"), ScopeSet::for_service(McService::Ptt))
    ///     .build(partner, EndpointPolicy::default()).unwrap();
    ///
    /// let jwks = JwkSet::from_keys(vec![primary.public_jwk(None).unwrap()]);
    /// let validator = SecurityTokenValidator::new("https://idms.primary.example", partner, Verifier::new(jwks)).unwrap();
    /// let ok = JwtBearerRequest::parse_and_verify(&http, &ParseOptions::strict(), &validator, 1_700_000_010).unwrap();
    /// assert_eq!(ok.value.security_token.claims.sub, "alice");
    ///
    /// let late = JwtBearerRequest::parse_and_verify(&http, &ParseOptions::strict(), &validator, 1_700_000_300).unwrap_err();
    /// assert_eq!((late.error.as_str(), late.code()), ("invalid_grant", "token_expired"));
    /// ```
    pub fn parse_and_verify(
        request: &HttpRequest,
        options: &ParseOptions,
        validator: &crate::token::SecurityTokenValidator,
        now: u64,
    ) -> Result<Parsed<crate::token::VerifiedJwtBearerRequest>, Rejection> {
        let parsed = Self::parse(request, options)?;
        let client_id = parsed.value.client.id().unwrap_or_default();
        let security_token = validator
            .validate(parsed.value.assertion.expose(), client_id, now)
            .map_err(|e| Rejection::with_code(crate::error::OAuthErrorCode::InvalidGrant, e))?;
        let value = crate::token::VerifiedJwtBearerRequest { request: parsed.value, security_token };
        Ok(Parsed { value, normalisations: parsed.normalisations })
    }
}
