//! Primary login (TS 33.180 B.4: authorization code grant with PKCE `S256`) and refresh (B.5),
//! in the client role (build, read) and the server role (parse, write).

use crate::client::ClientAuthentication;
use crate::endpoint::EndpointPolicy;
use crate::error::{Error, LoginError, Rejection, RequestError};
use crate::form::{self, Form, Normalisation, ParseOptions, Parsed};
use crate::http::{self, HttpRequest};
use crate::pkce::{self, Pkce, PKCE_METHOD_S256};
use crate::response::ErrorResponse;
use crate::scope::ScopeSet;
use crate::token_endpoint::{self, TokenRequestBody, TokenRequestForm};
use crate::Secret;
use base64ct::{Base64UrlUnpadded, Encoding};

/// `grant_type` of the authorization code token request (RFC 6749 §4.1.3).
pub const GRANT_TYPE_AUTHORIZATION_CODE: &str = "authorization_code";
/// `grant_type` of a refresh (RFC 6749 §6).
pub const GRANT_TYPE_REFRESH_TOKEN: &str = "refresh_token";

/// Checks a redirect URI: an absolute URI (any scheme: native apps use private-use schemes)
/// without a fragment (RFC 6749 §3.1.2).
fn check_redirect_uri(uri: &str) -> Result<(), LoginError> {
    let bad = |why: &str| LoginError::InvalidRedirectUri(why.to_owned());
    let (scheme, rest) = uri.split_once(':').ok_or_else(|| bad("it has no scheme"))?;
    let mut chars = scheme.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return Err(bad("it has no valid scheme"));
    }
    if rest.is_empty() || uri.bytes().any(|b| b <= b' ' || b >= 0x7f) {
        return Err(bad("it is empty after the scheme or contains whitespace, control or non-ASCII characters"));
    }
    if crate::text::contains(uri, "#") {
        return Err(bad("it has a fragment (RFC 6749 section 3.1.2)"));
    }
    Ok(())
}

/// The query of a URL (the fragment, if any, is not part of it).
fn query_of(url: &str) -> &str {
    let without_fragment = url.split('#').next().unwrap_or_default();
    without_fragment.split_once('?').map(|(_, q)| q).unwrap_or_default()
}

/// Splits the query of a URL into a strict form (server role: an authorization request).
fn query_form(url: &str) -> Result<Form, RequestError> {
    Form::parse(query_of(url).as_bytes(), &ParseOptions::strict(), &mut Vec::new())
}

/// The parameters of an authorization response that this client reads (RFC 6749 §4.1.2, §4.1.2.1).
const RESPONSE_PARAMETERS: [&str; 5] = ["code", "state", "error", "error_description", "error_uri"];

/// The query of an authorization response (client role). RFC 6749 §4.1.2: "The client MUST
/// ignore unrecognized response parameters", so a pair whose name is none of
/// [`RESPONSE_PARAMETERS`] (nor `iss`, when `with_iss`: RFC 9207) is passed over unread, whatever
/// it holds (a repeat, an empty pair, a bad escape, bytes that are not UTF-8); the parameters read
/// are read strictly: once each (§3.1), well escaped.
fn response_form(url: &str, with_iss: bool) -> Result<Form, RequestError> {
    let used = query_of(url).split('&').filter(|pair| {
        let name = pair.split('=').next().unwrap_or_default();
        form::decode_component(name)
            .is_ok_and(|name| RESPONSE_PARAMETERS.contains(&name.as_str()) || (with_iss && name == "iss"))
    });
    // The text holds the code: wiped once read, as `Form` wipes its values.
    let query = zeroize::Zeroizing::new(used.collect::<Vec<_>>().join("&"));
    Form::parse(query.as_bytes(), &ParseOptions::strict(), &mut Vec::new())
}

/// Adds `query` to the query component of `url`, which is kept (RFC 6749 §3.1, §3.1.2: it "MUST
/// be retained when adding additional query parameters"): after `?` when it has none, after `&`
/// when it has one, and directly when that query is empty or already ends with `&` (`?&` would be
/// an empty pair, which a strict reader refuses).
fn append_query(url: &str, query: &str) -> String {
    let separator = if !crate::text::contains(url, "?") {
        "?"
    } else if url.ends_with(['?', '&']) {
        ""
    } else {
        "&"
    };
    format!("{url}{separator}{query}")
}

/// The authorization request of B.4.2.2, with the state, nonce and PKCE verifier the client
/// must keep until the response comes back.
///
/// ```
/// use mcx_connect::{AuthorizationRequest, EndpointPolicy, McService, Pkce, ScopeSet, Secret};
/// let request = AuthorizationRequest::with_values(
///     "https://idms.primary.example/authorize", "mcptt-client", "com.example.mcptt:/callback",
///     ScopeSet::for_service(McService::Ptt),
///     Secret::new("state-1"), Secret::new("nonce-1"),
///     Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap(),
/// );
/// let url = request.url(EndpointPolicy::default()).unwrap();
/// assert!(url.contains("code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"));
/// let code = request.read_response("com.example.mcptt:/callback?code=abc&state=state-1").unwrap();
/// assert_eq!(code.expose(), "abc");
/// assert_eq!(request.read_response("com.example.mcptt:/callback?code=abc&state=forged").unwrap_err().code(), "login_state_mismatch");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationRequest {
    /// The primary IdMS authorization endpoint (`idms-auth-endpoint` of the UE initial configuration).
    pub authorization_endpoint: String,
    /// The registered client id.
    pub client_id: String,
    /// Where the IdMS redirects the user agent back to.
    pub redirect_uri: String,
    /// Requested scope: `openid` plus MCX scopes.
    pub scope: ScopeSet,
    /// Anti-CSRF value echoed in the response.
    pub state: Secret,
    /// Replay protection bound into the ID token.
    pub nonce: Secret,
    /// PKCE verifier and challenge.
    pub pkce: Pkce,
    /// Requested authentication context classes, if any.
    pub acr_values: Option<String>,
    /// The issuer identifier of the IdMS, when it sends `iss` in its authorization responses
    /// (RFC 9207; its metadata says `authorization_response_iss_parameter_supported`). The
    /// response must then carry that `iss`, compared as a plain string (§2.4), so that a
    /// response from another server is refused (`login_issuer_mismatch`). `None`: `iss` is not
    /// read.
    pub issuer: Option<String>,
}

impl AuthorizationRequest {
    /// A request with fresh random `state`, `nonce` and PKCE verifier.
    pub fn new(
        authorization_endpoint: impl Into<String>,
        client_id: impl Into<String>,
        redirect_uri: impl Into<String>,
        scope: ScopeSet,
    ) -> Result<Self, LoginError> {
        let state = Secret::new(pkce::random_text()?);
        let nonce = Secret::new(pkce::random_text()?);
        Ok(Self::with_values(authorization_endpoint, client_id, redirect_uri, scope, state, nonce, Pkce::generate()?))
    }

    /// A request with caller-chosen `state`, `nonce` and PKCE (tests, or a restored login).
    pub fn with_values(
        authorization_endpoint: impl Into<String>,
        client_id: impl Into<String>,
        redirect_uri: impl Into<String>,
        scope: ScopeSet,
        state: Secret,
        nonce: Secret,
        pkce: Pkce,
    ) -> Self {
        Self {
            authorization_endpoint: authorization_endpoint.into(),
            client_id: client_id.into(),
            redirect_uri: redirect_uri.into(),
            scope,
            state,
            nonce,
            pkce,
            acr_values: None,
            issuer: None,
        }
    }

    /// The URL to open in the user agent (B.4.2.2). An empty `client_id` or scope is
    /// `empty_parameter`: the request would have no client or no scope (OpenID Connect Core
    /// §3.1.2.1: both REQUIRED).
    pub fn url(&self, policy: EndpointPolicy) -> Result<String, Error> {
        policy.check(&self.authorization_endpoint, "authorization endpoint")?;
        check_redirect_uri(&self.redirect_uri)?;
        if self.client_id.is_empty() {
            return Err(RequestError::EmptyParameter("client_id").into());
        }
        // `scope=` is no scope (RFC 6749 §3.1), and OpenID Connect Core §3.1.2.1 requires one.
        if self.scope.is_empty() {
            return Err(RequestError::EmptyParameter("scope").into());
        }
        let scope = self.scope.to_parameter();
        let mut pairs = vec![
            ("response_type", "code"),
            ("client_id", self.client_id.as_str()),
            ("redirect_uri", self.redirect_uri.as_str()),
            ("scope", scope.as_str()),
            ("state", self.state.expose()),
            ("nonce", self.nonce.expose()),
            ("code_challenge", self.pkce.challenge()),
            ("code_challenge_method", PKCE_METHOD_S256),
        ];
        if let Some(acr) = &self.acr_values {
            pairs.push(("acr_values", acr));
        }
        Ok(append_query(&self.authorization_endpoint, &form::encode_pairs(&pairs)))
    }

    /// Reads the redirect back from the IdMS (B.4.2.3): the authorization `code`, after checking
    /// `state`; an error redirect becomes [`Error::ErrorResponse`].
    ///
    /// With an [`issuer`](Self::issuer), the response's `iss` must name it (RFC 9207 §2.4). Other
    /// parameters than `code`, `state`, `error`, `error_description`, `error_uri` (and `iss` with
    /// an issuer) are ignored unread (RFC 6749 §4.1.2), however they are written; those are read
    /// strictly.
    ///
    /// `state` is checked first, for an error redirect too (RFC 6749 §4.1.2.1: `state` is
    /// REQUIRED in an error response when the request had one, and this request always has
    /// one): otherwise anyone could end a login with an error redirect and have the client show
    /// the user an `error_description` of their choosing (RFC 6749 §10.12).
    ///
    /// ```
    /// # use mcx_connect::{AuthorizationRequest, McService, Pkce, ScopeSet, Secret};
    /// # let request = AuthorizationRequest::with_values(
    /// #     "https://idms.primary.example/authorize", "mcptt-client", "com.example.mcptt:/callback",
    /// #     ScopeSet::for_service(McService::Ptt), Secret::new("state-1"), Secret::new("nonce-1"),
    /// #     Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap(),
    /// # );
    /// let forged = "com.example.mcptt:/callback?error=access_denied&error_description=call+this+number";
    /// assert_eq!(request.read_response(forged).unwrap_err().code(), "login_state_mismatch");
    /// ```
    pub fn read_response(&self, redirect_url: &str) -> Result<Secret, Error> {
        let form = response_form(redirect_url, self.issuer.is_some())?;
        if !form.get("state").is_some_and(|state| self.state.ct_eq_str(state)) {
            return Err(LoginError::StateMismatch.into());
        }
        // RFC 9207 §2.4, before the response is used, an error response too.
        if let Some(issuer) = &self.issuer {
            match form.get("iss") {
                Some(iss) if iss == issuer => {}
                Some(iss) => {
                    let named = format!(
                        "names the issuer `{}`, not `{}`",
                        http::printable(iss, 120),
                        http::printable(issuer, 120)
                    );
                    return Err(LoginError::IssuerMismatch(named).into());
                }
                None => return Err(LoginError::IssuerMismatch("has no `iss`, which this IdMS sends".to_owned()).into()),
            }
        }
        if let Some(error) = form.optional("error") {
            return Err(Error::ErrorResponse(ErrorResponse {
                error: crate::OAuthErrorCode::parse(error),
                error_description: form.optional("error_description").map(str::to_owned),
                error_uri: form.optional("error_uri").map(str::to_owned),
            }));
        }
        Ok(Secret::new(form.required("code")?))
    }

    /// The token request that redeems `code` (B.4.2.4), carrying this request's verifier.
    pub fn code_request(&self, code: Secret, client: ClientAuthentication) -> AuthorizationCodeRequest {
        AuthorizationCodeRequest {
            code,
            redirect_uri: self.redirect_uri.clone(),
            code_verifier: self.pkce.verifier().clone(),
            client,
        }
    }
}

/// An authorization request as the IdMS's authorization endpoint reads it (server role).
///
/// Its `Debug` masks `state` and `nonce`: the client keeps them as secrets
/// ([`AuthorizationRequest`]), so the server does not print them either.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(serde::Serialize, serde::Deserialize, tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct IncomingAuthorizationRequest {
    /// The client id.
    pub client_id: String,
    /// The redirect URI (compare it with the registered one).
    pub redirect_uri: String,
    /// Requested scope.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub scope: ScopeSet,
    /// The client's state, echoed back.
    pub state: Option<String>,
    /// The nonce to put into the ID token.
    pub nonce: Option<String>,
    /// The PKCE `S256` challenge to store with the code.
    pub code_challenge: String,
}

impl std::fmt::Debug for IncomingAuthorizationRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let masked = |value: &Option<String>| value.as_ref().map(|_| http::REDACTED);
        f.debug_struct("IncomingAuthorizationRequest")
            .field("client_id", &self.client_id)
            .field("redirect_uri", &self.redirect_uri)
            .field("scope", &self.scope)
            .field("state", &masked(&self.state))
            .field("nonce", &masked(&self.nonce))
            .field("code_challenge", &self.code_challenge)
            .finish()
    }
}

impl IncomingAuthorizationRequest {
    /// Reads the query of an authorization request URL. B.4 requires PKCE with `S256`.
    pub fn parse_url(url: &str) -> Result<Self, Rejection> {
        let form = query_form(url).map_err(Rejection::new)?;
        let response_type = form.required("response_type").map_err(Rejection::new)?;
        if response_type != "code" {
            return Err(Rejection::new(LoginError::UnsupportedResponseType(http::printable(response_type, 40))));
        }
        let client_id = form.required("client_id").map_err(Rejection::new)?.to_owned();
        let redirect_uri = form.required("redirect_uri").map_err(Rejection::new)?.to_owned();
        check_redirect_uri(&redirect_uri)
            .map_err(|e| Rejection::with_code(crate::OAuthErrorCode::InvalidRequest, e))?;
        let scope = ScopeSet::parse(form.required("scope").map_err(Rejection::new)?).map_err(Rejection::new)?;
        let code_challenge = form
            .optional("code_challenge")
            .ok_or_else(|| Rejection::new(LoginError::PkceRequired("no code_challenge".into())))?;
        match form.optional("code_challenge_method") {
            Some(PKCE_METHOD_S256) => {}
            other => {
                let found =
                    other.map_or_else(|| "none given (plain)".to_owned(), |m| format!("`{}`", http::printable(m, 20)));
                return Err(Rejection::new(LoginError::PkceRequired(format!("code_challenge_method is {found}"))));
            }
        }
        if code_challenge.len() != 43 || Base64UrlUnpadded::decode_vec(code_challenge).is_err() {
            return Err(Rejection::new(LoginError::PkceRequired(
                "code_challenge is not a base64url SHA-256 value".into(),
            )));
        }
        Ok(Self {
            client_id,
            redirect_uri,
            scope,
            state: form.optional("state").map(str::to_owned),
            nonce: form.optional("nonce").map(str::to_owned),
            code_challenge: code_challenge.to_owned(),
        })
    }

    /// The redirect that hands the code back to the client (B.4.2.3), with `iss` when `issuer` is
    /// given: this server's issuer identifier, which RFC 9207 §2 has a server that supports it
    /// send in every authorization response (and advertise as
    /// `authorization_response_iss_parameter_supported`).
    pub fn success_redirect(&self, code: &str, issuer: Option<&str>) -> String {
        self.redirect(vec![("code", code)], issuer)
    }

    /// The redirect that reports an error to the client (RFC 6749 §4.1.2.1), with `iss` when
    /// `issuer` is given (RFC 9207 §2: error responses too).
    pub fn error_redirect(&self, error: &ErrorResponse, issuer: Option<&str>) -> String {
        let mut pairs = vec![("error", error.error.as_str())];
        if let Some(description) = &error.error_description {
            pairs.push(("error_description", description));
        }
        self.redirect(pairs, issuer)
    }

    /// `pairs`, then `state` and `iss` when there are any, added to the redirect URI's query.
    fn redirect<'a>(&'a self, mut pairs: Vec<(&'a str, &'a str)>, issuer: Option<&'a str>) -> String {
        if let Some(state) = &self.state {
            pairs.push(("state", state));
        }
        if let Some(issuer) = issuer {
            pairs.push(("iss", issuer));
        }
        append_query(&self.redirect_uri, &form::encode_pairs(&pairs))
    }
}

/// The authorization code token request (B.4.2.4, RFC 6749 §4.1.3, RFC 7636 §4.5).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(serde::Serialize, serde::Deserialize, tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct AuthorizationCodeRequest {
    /// The authorization code.
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed"), tsify(type = "string"))]
    pub code: Secret,
    /// The redirect URI of the authorization request.
    pub redirect_uri: String,
    /// The PKCE verifier.
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed"), tsify(type = "string"))]
    pub code_verifier: Secret,
    /// The client.
    #[cfg_attr(feature = "wasm", serde(default))]
    pub client: ClientAuthentication,
}

impl AuthorizationCodeRequest {
    /// Builds the POST to the primary token endpoint. The client must identify itself (RFC 6749
    /// §4.1.3: `client_id` is REQUIRED unless the client authenticates, and then the credentials
    /// name it): [`ClientAuthentication::None`] is `missing_parameter`, an empty client id
    /// `empty_parameter`, as the server role refuses such a request.
    pub fn build(&self, token_endpoint: &str, policy: EndpointPolicy) -> Result<HttpRequest, Error> {
        policy.check(token_endpoint, "primary token endpoint")?;
        pkce::check_verifier(self.code_verifier.expose())?;
        if self.code.is_empty() {
            return Err(RequestError::EmptyParameter("code").into());
        }
        match self.client.id() {
            None => return Err(RequestError::MissingParameter("client_id").into()),
            Some("") => return Err(RequestError::EmptyParameter("client_id").into()),
            Some(_) => {}
        }
        let mut body = TokenRequestBody::new(GRANT_TYPE_AUTHORIZATION_CODE);
        body.pair("code", self.code.expose())
            .pair("redirect_uri", &self.redirect_uri)
            .pair("code_verifier", self.code_verifier.expose())
            .client(&self.client, false);
        Ok(body.post(token_endpoint))
    }

    /// Reads the request at the token endpoint (server role). RFC 6749 §4.1.3: a client that
    /// does not authenticate must name itself with `client_id`.
    ///
    /// ```
    /// use mcx_connect::{AuthorizationCodeRequest, HttpRequest, ParseOptions};
    /// let body = "grant_type=authorization_code&code=c&redirect_uri=com.example.mcptt%3A%2Fcb\
    ///     &code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    /// let anonymous = HttpRequest::form_post("https://idms.primary.example/token", body);
    /// let refused = AuthorizationCodeRequest::parse(&anonymous, &ParseOptions::strict()).unwrap_err();
    /// assert_eq!((refused.error.as_str(), refused.code()), ("invalid_request", "missing_parameter"));
    /// ```
    pub fn parse(request: &HttpRequest, options: &ParseOptions) -> Result<Parsed<Self>, Rejection> {
        token_endpoint::parse_request(request, options, &[], |frame, _| Self::read(frame))
    }

    /// Reads the request's own parameters from a token request whose frame has been read.
    pub(crate) fn read(frame: &TokenRequestForm<'_>) -> Result<Self, Rejection> {
        frame.check_grant_type(GRANT_TYPE_AUTHORIZATION_CODE)?;
        let client = frame.client()?;
        let form = frame.form();
        let code = Secret::new(form.required("code").map_err(Rejection::new)?);
        let redirect_uri = form.required("redirect_uri").map_err(Rejection::new)?.to_owned();
        let code_verifier = form.required("code_verifier").map_err(Rejection::new)?;
        pkce::check_verifier(code_verifier).map_err(Rejection::new)?;
        if matches!(client, ClientAuthentication::None) {
            return Err(Rejection::new(RequestError::MissingParameter("client_id")));
        }
        Ok(Self { code, redirect_uri, code_verifier: Secret::new(code_verifier), client })
    }

    /// Server role: checks the verifier against the challenge stored with the code, and the
    /// redirect URI against the one of the authorization request.
    pub fn verify(&self, code_challenge: &str, redirect_uri: &str) -> Result<(), Rejection> {
        if pkce::s256_challenge(self.code_verifier.expose()) != code_challenge {
            return Err(Rejection::new(LoginError::PkceMismatch));
        }
        if self.redirect_uri != redirect_uri {
            return Err(Rejection::new(LoginError::InvalidRedirectUri(
                "it differs from the authorization request's".into(),
            )));
        }
        Ok(())
    }
}

/// A refresh request (B.5, RFC 6749 §6): the scope may stay or narrow, never widen.
///
/// ```
/// use mcx_connect::{ClientAuthentication, EndpointPolicy, ParseOptions, RefreshRequest, ScopeSet, McService};
/// let narrower = ScopeSet::parse("openid 3gpp:mc:ptt_service").unwrap();
/// let request = RefreshRequest::new("refresh-1", Some(narrower), ClientAuthentication::client_id("c"));
/// let http = request.build("https://idms.example/token", EndpointPolicy::default()).unwrap();
/// let parsed = RefreshRequest::parse(&http, &ParseOptions::strict()).unwrap().value;
/// assert!(parsed.check_scope(&ScopeSet::for_service(McService::Ptt)).is_ok());
/// let wider = ScopeSet::parse("openid 3gpp:mc:video_service").unwrap();
/// let err = RefreshRequest::new("r", Some(wider), ClientAuthentication::None).check_scope(&ScopeSet::for_service(McService::Ptt)).unwrap_err();
/// assert_eq!(err.error.as_str(), "invalid_scope");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(serde::Serialize, serde::Deserialize, tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct RefreshRequest {
    /// The refresh token.
    #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed"), tsify(type = "string"))]
    pub refresh_token: Secret,
    /// The requested scope; `None` keeps the original.
    #[cfg_attr(feature = "wasm", serde(default), tsify(type = "string | null"))]
    pub scope: Option<ScopeSet>,
    /// The client.
    #[cfg_attr(feature = "wasm", serde(default))]
    pub client: ClientAuthentication,
}

impl RefreshRequest {
    /// A refresh request.
    pub fn new(refresh_token: impl Into<Secret>, scope: Option<ScopeSet>, client: ClientAuthentication) -> Self {
        Self { refresh_token: refresh_token.into(), scope, client }
    }

    /// Builds the POST to the token endpoint.
    pub fn build(&self, token_endpoint: &str, policy: EndpointPolicy) -> Result<HttpRequest, Error> {
        policy.check(token_endpoint, "token endpoint")?;
        if self.refresh_token.is_empty() {
            return Err(RequestError::EmptyParameter("refresh_token").into());
        }
        let mut body = TokenRequestBody::new(GRANT_TYPE_REFRESH_TOKEN);
        body.pair("refresh_token", self.refresh_token.expose());
        if let Some(scope) = &self.scope {
            body.scope(scope);
        }
        body.client(&self.client, false);
        Ok(body.post(token_endpoint))
    }

    /// Reads the request at the token endpoint (server role).
    pub fn parse(request: &HttpRequest, options: &ParseOptions) -> Result<Parsed<Self>, Rejection> {
        token_endpoint::parse_request(request, options, &[], Self::read)
    }

    /// Reads the request's own parameters from a token request whose frame has been read.
    pub(crate) fn read(frame: &TokenRequestForm<'_>, report: &mut Vec<Normalisation>) -> Result<Self, Rejection> {
        frame.check_grant_type(GRANT_TYPE_REFRESH_TOKEN)?;
        let client = frame.client()?;
        let refresh_token = Secret::new(frame.form().required("refresh_token").map_err(Rejection::new)?);
        let scope = frame.optional_scope(report)?;
        Ok(Self { refresh_token, scope, client })
    }

    /// Server role (B.5): the requested scope must equal or narrow the `granted` one.
    pub fn check_scope(&self, granted: &ScopeSet) -> Result<(), Rejection> {
        match &self.scope {
            Some(scope) => scope.require_within(granted).map_err(Rejection::new),
            None => Ok(()),
        }
    }
}
