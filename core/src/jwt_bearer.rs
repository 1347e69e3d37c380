//! The token request at the partner IdMS (TS 33.180 B.7.4 and B.7.5, RFC 7523 §2.1,
//! TS 24.482 6.2.3): the client presents the security token as a jwt-bearer `assertion`.

use crate::client::ClientAuthentication;
use crate::endpoint::EndpointPolicy;
use crate::error::{Error, Rejection, RequestError, TokenParameter};
use crate::form::{Normalisation, ParseOptions, Parsed};
use crate::http::{FormPost, HttpRequest};
use crate::scope::ScopeSet;
use crate::token_endpoint::{self, TokenRequestBody, TokenRequestForm};
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
#[cfg_attr(feature = "wasm", derive(serde::Serialize, serde::Deserialize, tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct JwtBearerRequest {
    /// The security token received in B.7.3.
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed"), tsify(type = "string"))]
    pub assertion: Secret,
    /// The client; B.7.4 requires its `client_id` in the body.
    pub client: ClientAuthentication,
    /// The requested scope: `openid` and one or more `3gpp:mc:` values.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub scope: ScopeSet,
}

impl JwtBearerRequest {
    /// A partner token request.
    pub fn new(assertion: impl Into<Secret>, client: ClientAuthentication, scope: ScopeSet) -> Self {
        Self { assertion: assertion.into(), client, scope }
    }

    /// Builds the POST to the partner token endpoint (client role).
    pub fn build(&self, token_endpoint: &str, policy: EndpointPolicy) -> Result<HttpRequest, Error> {
        Ok(self.build_form(token_endpoint, policy)?.into_request(token_endpoint))
    }

    /// [`build`](Self::build) in the parts that vary (the body and the `Authorization` value; see
    /// [`FormPost`]), with the same checks and errors.
    pub fn build_form(&self, token_endpoint: &str, policy: EndpointPolicy) -> Result<FormPost, Error> {
        policy.check(token_endpoint, "partner token endpoint")?;
        if self.assertion.is_empty() {
            return Err(RequestError::EmptyParameter("assertion").into());
        }
        if self.client.id().is_none_or(str::is_empty) {
            return Err(RequestError::MissingParameter("client_id").into());
        }
        self.scope.require_mcx()?;
        let mut body = TokenRequestBody::new(GRANT_TYPE_JWT_BEARER);
        body.pair("assertion", self.assertion.expose()).client(&self.client, true).scope(&self.scope);
        Ok(body.form())
    }

    /// Reads an incoming request at the partner token endpoint (server role). The assertion is
    /// checked for structure only; verifying it as a security token needs the primary's keys.
    pub fn parse(request: &HttpRequest, options: &ParseOptions) -> Result<Parsed<Self>, Rejection> {
        token_endpoint::parse_request(request, options, &[], Self::read)
    }

    /// Reads the request's own parameters from a token request whose frame has been read.
    pub(crate) fn read(frame: &TokenRequestForm<'_>, report: &mut Vec<Normalisation>) -> Result<Self, Rejection> {
        frame.check_grant_type(GRANT_TYPE_JWT_BEARER)?;
        let options = frame.options();
        let form = frame.form();
        let assertion = form.required("assertion").map_err(Rejection::new)?;
        crate::token::check_structure(assertion, crate::form::limit_usize(options.limits.max_token_bytes)).map_err(
            |reason| Rejection::new(RequestError::MalformedToken { parameter: TokenParameter::Assertion, reason }),
        )?;
        form.required("client_id").map_err(Rejection::new)?;
        let client = frame.client()?;
        let scope = frame.required_scope(report)?;
        scope.require_mcx_with(options.accept_unknown_mcx_scopes).map_err(Rejection::new)?;
        Ok(Self { assertion: Secret::new(assertion), client, scope })
    }
}

impl JwtBearerRequest {
    /// Reads an incoming request at the partner token endpoint (as [`parse`](Self::parse)) and
    /// authenticates its `assertion` as a security token (B.7.4) for the request's `client_id`
    /// at time `now` (seconds since the epoch). Every token failure is refused with
    /// `invalid_grant` (RFC 7523 §3.1) and the precise [`TokenError`](crate::token::TokenError)
    /// as cause; a `now` in milliseconds or a validator that cannot verify is the server's own
    /// mistake, `server_error`.
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
        let value = parsed.value.verify(validator, now)?;
        Ok(Parsed { value, normalisations: parsed.normalisations })
    }

    /// Authenticates the `assertion` of a request already read with [`parse`](Self::parse) (or
    /// [`TokenRequest::parse`](crate::TokenRequest::parse)) as a security token, as
    /// [`parse_and_verify`](Self::parse_and_verify) does: for a server that looks at the
    /// request (its client, its scope) before verifying, without reading it twice.
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
    /// let Ok(TokenRequest::JwtBearer(request)) = TokenRequest::parse(&http, &ParseOptions::strict()).map(|p| p.value) else { panic!() };
    /// assert_eq!(request.client.id(), Some("myNativeApp"));
    /// let jwks = JwkSet::from_keys(vec![primary.public_jwk(None).unwrap()]);
    /// let validator = SecurityTokenValidator::new("https://idms.primary.example", partner, Verifier::new(jwks)).unwrap();
    /// assert_eq!(request.verify(&validator, 1_700_000_010).unwrap().security_token.claims.sub, "alice");
    /// ```
    pub fn verify(
        self,
        validator: &crate::token::SecurityTokenValidator,
        now: u64,
    ) -> Result<crate::token::VerifiedJwtBearerRequest, Rejection> {
        let client_id = self.client.id().unwrap_or_default();
        let security_token = validator
            .validate(self.assertion.expose(), client_id, now)
            .map_err(|e| Rejection::for_token(crate::error::OAuthErrorCode::InvalidGrant, e))?;
        Ok(crate::token::VerifiedJwtBearerRequest { request: self, security_token })
    }
}
