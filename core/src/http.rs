//! Transport-free HTTP values.
//!
//! The core never opens a socket. A request is built into an [`HttpRequest`] that the host
//! sends with whatever HTTP stack it has; the host hands the answer back as an
//! [`HttpResponse`]. In the server role it is the other way round.

use crate::error::RequestError;
use base64ct::{Base64UrlUnpadded, Encoding};
use zeroize::Zeroizing;

/// The media type of every request body this profile sends (B.7.2, B.7.4).
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=UTF-8";
/// The media type of every JSON response body.
pub const JSON_CONTENT_TYPE: &str = "application/json; charset=UTF-8";

/// An HTTP request as a plain value.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HttpRequest {
    /// The method, upper case (`POST`, `GET`).
    pub method: String,
    /// The absolute target URL.
    pub url: String,
    /// Header fields in order; names compare case-insensitively.
    pub headers: Vec<(String, String)>,
    /// The body bytes (empty for GET).
    #[cfg_attr(feature = "wasm", serde(with = "crate::wasm::bytes"), tsify(type = "Uint8Array<ArrayBuffer>"))]
    pub body: Vec<u8>,
}

/// An HTTP response as a plain value.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// Header fields in order; names compare case-insensitively.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    #[cfg_attr(feature = "wasm", serde(with = "crate::wasm::bytes"), tsify(type = "Uint8Array<ArrayBuffer>"))]
    pub body: Vec<u8>,
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

fn header_count(headers: &[(String, String)], name: &str) -> usize {
    headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).count()
}

/// Headers whose values are credentials and are redacted in `Debug`.
fn is_sensitive_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("authorization")
        || name.eq_ignore_ascii_case("proxy-authorization")
        || name.eq_ignore_ascii_case("cookie")
        || name.eq_ignore_ascii_case("set-cookie")
}

/// What a redacted value shows ([`HttpRequest::redacted`]).
pub const REDACTED: &str = "[redacted]";

/// Form parameters whose values are secrets (tokens, assertions, client secrets, codes,
/// verifiers) and must be redacted wherever a request is shown ([`HttpRequest::redacted`]).
pub const SECRET_PARAMETERS: [&str; 7] =
    ["assertion", "subject_token", "actor_token", "client_secret", "code", "code_verifier", "refresh_token"];

/// Whether a form parameter carries a secret ([`SECRET_PARAMETERS`]).
///
/// ```
/// assert!(mcx_connect::is_secret_parameter("assertion"));
/// assert!(!mcx_connect::is_secret_parameter("scope"));
/// ```
pub fn is_secret_parameter(name: &str) -> bool {
    SECRET_PARAMETERS.contains(&name)
}

/// A header value as it may be shown: the value of a credential header (`Authorization`,
/// `Proxy-Authorization`, `Cookie`, `Set-Cookie`) is replaced by [`REDACTED`], keeping an
/// authorization scheme of the IANA registry (`Basic`, `Bearer`, `DPoP`, …); any other value is
/// shown as it is. The one rule behind [`HttpRequest::redacted`] and the header printing of
/// every binding.
///
/// ```
/// use mcx_connect::redacted_header_value;
/// assert_eq!(redacted_header_value("authorization", "Basic cGFydG5lcjpzM2NyZXQ="), "Basic [redacted]");
/// assert_eq!(redacted_header_value("Cookie", "session=abc"), "[redacted]");
/// assert_eq!(redacted_header_value("Content-Type", "application/json"), "application/json");
/// // A first word that is no known scheme may be the credential itself: nothing is kept.
/// assert_eq!(redacted_header_value("Authorization", "eyJhbGciOi.x.y extra"), "[redacted]");
/// ```
pub fn redacted_header_value(name: &str, value: &str) -> String {
    if !is_sensitive_header(name) {
        return value.to_owned();
    }
    let has_scheme = name.eq_ignore_ascii_case("authorization") || name.eq_ignore_ascii_case("proxy-authorization");
    match value.trim().split_once(' ') {
        Some((scheme, _)) if has_scheme && is_registered_scheme(scheme) => format!("{scheme} {REDACTED}"),
        _ => REDACTED.to_owned(),
    }
}

/// An HTTP authentication scheme of the IANA registry (RFC 9110 §16.4), compared
/// case-insensitively (§11.1). Only such a word is shown before a redacted credential: any other
/// first word of the value may be the credential itself.
fn is_registered_scheme(word: &str) -> bool {
    const SCHEMES: [&str; 14] = [
        "Basic",
        "Bearer",
        "Concealed",
        "Digest",
        "DPoP",
        "GNAP",
        "HOBA",
        "Mutual",
        "Negotiate",
        "OAuth",
        "PrivateToken",
        "SCRAM-SHA-1",
        "SCRAM-SHA-256",
        "vapid",
    ];
    SCHEMES.iter().any(|scheme| scheme.eq_ignore_ascii_case(word))
}

/// Header fields with the values of credential headers masked ([`redacted_header_value`]).
fn redacted_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers.iter().map(|(name, value)| (name.clone(), redacted_header_value(name, value))).collect()
}

/// Header fields for `Debug`, with the values of credential headers redacted (one rendering
/// for requests and responses).
struct RedactedHeaders<'a>(&'a [(String, String)]);

impl std::fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(
                self.0.iter().map(|(n, v)| (n.as_str(), if is_sensitive_header(n) { REDACTED } else { v.as_str() })),
            )
            .finish()
    }
}

impl HttpRequest {
    /// A POST of a form body with `Content-Type: application/x-www-form-urlencoded; charset=UTF-8`.
    ///
    /// ```
    /// use mcx_connect::HttpRequest;
    /// let request = HttpRequest::form_post("https://idms.example/token", "a=b");
    /// assert_eq!(request.method, "POST");
    /// assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded; charset=UTF-8"));
    /// ```
    pub fn form_post(url: impl Into<String>, body: impl Into<Vec<u8>>) -> Self {
        Self {
            method: "POST".to_owned(),
            url: url.into(),
            headers: vec![("Content-Type".to_owned(), FORM_CONTENT_TYPE.to_owned())],
            body: body.into(),
        }
    }

    /// The first value of a header (name compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// How many times a header appears.
    pub fn header_count(&self, name: &str) -> usize {
        header_count(&self.headers, name)
    }

    /// The body as text, when it is UTF-8.
    pub fn body_text(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }

    /// A copy to show or log, with every credential masked: the values of `Authorization` and
    /// `Proxy-Authorization` (their scheme stays), `Cookie` and `Set-Cookie`, and of every
    /// secret form parameter ([`SECRET_PARAMETERS`]) in the body, each replaced by
    /// [`REDACTED`]. A pair without `=` (a secret pasted whole?) is masked too. For display
    /// only: it is not sendable.
    ///
    /// ```
    /// use mcx_connect::{ClientAuthentication, EndpointPolicy, RefreshRequest};
    /// let request = RefreshRequest::new("refresh-1", None, ClientAuthentication::basic("console", "s3cret"))
    ///     .build("https://idms.example/token", EndpointPolicy::default()).unwrap();
    /// let shown = request.redacted();
    /// assert_eq!(shown.body_text(), Some("grant_type=refresh_token&refresh_token=[redacted]"));
    /// assert_eq!(shown.header("authorization"), Some("Basic [redacted]"));
    /// ```
    pub fn redacted(&self) -> HttpRequest {
        self.redacted_with(|_, _| REDACTED.to_owned())
    }

    /// Like [`redacted`](Self::redacted), but `mask(name, value)` writes what is shown in place
    /// of a secret form parameter's value (`value` as sent, still form-encoded): a tool may show
    /// a token's length, say.
    ///
    /// ```
    /// use mcx_connect::HttpRequest;
    /// let request = HttpRequest::form_post("https://idms.example/token", "grant_type=x&assertion=eyJh.e30.c2ln&scope=openid");
    /// let shown = request.redacted_with(|_, value| format!("[{} bytes]", value.len()));
    /// assert_eq!(shown.body_text(), Some("grant_type=x&assertion=[13 bytes]&scope=openid"));
    /// ```
    pub fn redacted_with(&self, mask: impl Fn(&str, &str) -> String) -> HttpRequest {
        let mut body = String::with_capacity(self.body.len());
        for (i, pair) in String::from_utf8_lossy(&self.body).split('&').enumerate() {
            if i > 0 {
                body.push('&');
            }
            match pair.split_once('=') {
                Some((name, value)) => {
                    let trimmed = name.trim();
                    let decoded = crate::form::decode_component(trimmed).unwrap_or_else(|_| trimmed.to_owned());
                    if is_secret_parameter(&decoded) {
                        body.push_str(name);
                        body.push('=');
                        body.push_str(&mask(&decoded, value.trim()));
                    } else {
                        body.push_str(pair);
                    }
                }
                None if pair.trim().is_empty() => body.push_str(pair),
                None => body.push_str(REDACTED),
            }
        }
        HttpRequest {
            method: self.method.clone(),
            url: self.url.clone(),
            headers: redacted_headers(&self.headers),
            body: body.into_bytes(),
        }
    }
}

impl HttpResponse {
    /// A response with a JSON body, `Cache-Control: no-store` and `Pragma: no-cache`
    /// (RFC 6749 §5.1: token responses must not be cached).
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![
                ("Content-Type".to_owned(), JSON_CONTENT_TYPE.to_owned()),
                ("Cache-Control".to_owned(), "no-store".to_owned()),
                ("Pragma".to_owned(), "no-cache".to_owned()),
            ],
            body: body.into(),
        }
    }

    /// The first value of a header (name compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The body as text, when it is UTF-8.
    pub fn body_text(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &format_args!("[{} bytes redacted]", self.body.len()))
            .finish()
    }
}

/// A token request's form POST in the parts that vary: the form body and, for a client that
/// authenticates with `client_secret_basic`, the `Authorization` value. [`into_request`] makes
/// the [`HttpRequest`] (a `POST` of the body with the form's `Content-Type`, then the
/// `Authorization` header when there is one); a binding that hands the POST across a language
/// boundary part by part takes these parts instead and makes none of the request's other strings.
///
/// `Debug` shows neither part (the body holds the request's tokens, the header the secret).
///
/// [`into_request`]: FormPost::into_request
///
/// ```
/// use mcx_connect::{ClientAuthentication, EndpointPolicy, JwtBearerRequest, McService, ScopeSet};
/// let request = JwtBearerRequest::new("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln",
///     ClientAuthentication::client_id("myNativeApp"), ScopeSet::for_service(McService::Ptt));
/// let endpoint = "https://idms.partner.example/token";
/// let post = request.build_form(endpoint, EndpointPolicy::default()).unwrap();
/// assert_eq!(post.authorization, None);
/// assert_eq!(post.into_request(endpoint), request.build(endpoint, EndpointPolicy::default()).unwrap());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct FormPost {
    /// The form body (`application/x-www-form-urlencoded`).
    pub body: Vec<u8>,
    /// The `Authorization` header's value, for `client_secret_basic`.
    pub authorization: Option<String>,
}

impl FormPost {
    /// The POST of this form to `url`.
    pub fn into_request(self, url: &str) -> HttpRequest {
        let mut request = HttpRequest::form_post(url, self.body);
        if let Some(authorization) = self.authorization {
            request.headers.push(("Authorization".to_owned(), authorization));
        }
        request
    }
}

impl std::fmt::Debug for FormPost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormPost")
            .field("body", &format_args!("[{} bytes redacted]", self.body.len()))
            .field("authorization", &self.authorization.as_ref().map(|_| REDACTED))
            .finish()
    }
}

impl std::fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &format_args!("[{} bytes redacted]", self.body.len()))
            .finish()
    }
}

/// Checks that a request is a POST of a UTF-8 form body (RFC 6749 §3.2, B.7.2, B.7.4).
pub(crate) fn check_form_post(request: &HttpRequest) -> Result<(), RequestError> {
    // The method token is case-sensitive (RFC 9110 §9.1): `post` is another method, not POST.
    if request.method != "POST" {
        return Err(RequestError::MethodNotAllowed(printable(&request.method, 16)));
    }
    match request.header_count("content-type") {
        0 => return Err(RequestError::UnsupportedContentType("no Content-Type header".to_owned())),
        1 => {}
        _ => return Err(RequestError::UnsupportedContentType("more than one Content-Type header".to_owned())),
    }
    let content_type = request.header("content-type").unwrap_or_default();
    let mut parts = content_type.split(';');
    let media = parts.next().unwrap_or_default().trim();
    if !media.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Err(RequestError::UnsupportedContentType(format!("found `{}`", printable(media, 64))));
    }
    for parameter in parts {
        let (name, value) = parameter.split_once('=').unwrap_or((parameter, ""));
        if name.trim().eq_ignore_ascii_case("charset") {
            let value = value.trim().trim_matches('"');
            if !value.eq_ignore_ascii_case("utf-8") {
                return Err(RequestError::UnsupportedContentType(format!(
                    "charset `{}` (only UTF-8 is allowed)",
                    printable(value, 32)
                )));
            }
        }
    }
    Ok(())
}

/// Client credentials carried in `Authorization: Basic` (RFC 6749 §2.3.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BasicCredentials {
    pub(crate) client_id: String,
    pub(crate) client_secret: crate::Secret,
}

/// Writes `Basic base64(form-encode(id) ":" form-encode(secret))` (RFC 6749 §2.3.1). The
/// intermediate texts hold the client secret and are wiped.
pub(crate) fn basic_authorization(client_id: &str, client_secret: &str) -> String {
    let secret = Zeroizing::new(crate::form::encode_component(client_secret));
    let raw = Zeroizing::new(format!("{}:{}", crate::form::encode_component(client_id), secret.as_str()));
    let encoded = Zeroizing::new(base64_encode(raw.as_bytes()));
    format!("Basic {}", encoded.as_str())
}

/// Base64 with padding (RFC 4648 §4, what Basic credentials use), written with the base64url
/// codec the tokens already need (§5: the same code with `-` and `_` for `+` and `/`, without
/// padding): one codec in the npm package instead of two.
fn base64_encode(bytes: &[u8]) -> String {
    let mut text = Base64UrlUnpadded::encode_string(bytes).into_bytes();
    for byte in &mut text {
        *byte = swapped(*byte, *b"-_", *b"+/");
    }
    text.resize(text.len().next_multiple_of(4), b'=');
    // Only ASCII was written, so this never falls back.
    String::from_utf8(text).unwrap_or_default()
}

/// Reads padded base64 (RFC 4648 §4) exactly as `base64ct::Base64` does: the length a multiple of
/// 4, `=` only as the last one or two characters, `-` and `_` refused, no bits set past the data.
/// The base64url copy it decodes holds the credentials and is wiped.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 != 0 || text.contains(['-', '_']) {
        return None;
    }
    let unpadded = text.strip_suffix("==").or_else(|| text.strip_suffix('=')).unwrap_or(text);
    let url = Zeroizing::new(unpadded.bytes().map(|byte| swapped(byte, *b"+/", *b"-_")).collect::<Vec<u8>>());
    std::str::from_utf8(&url).ok().and_then(|url| Base64UrlUnpadded::decode_vec(url).ok())
}

/// `byte`, or `to[i]` where it is `from[i]`, with no branch on its value (it is part of a client
/// secret's encoding; base64ct decodes in constant time for the same reason).
fn swapped(byte: u8, from: [u8; 2], to: [u8; 2]) -> u8 {
    let mut out = byte;
    for (f, t) in from.into_iter().zip(to) {
        out ^= 0u8.wrapping_sub(u8::from(byte == f)) & (f ^ t);
    }
    out
}

/// Reads the `Authorization` header, if any: `Ok(None)` when absent or not a Basic scheme is
/// impossible — any `Authorization` header on a token request must be readable Basic credentials.
pub(crate) fn read_basic_authorization(request: &HttpRequest) -> Result<Option<BasicCredentials>, RequestError> {
    let bad = |why: &str| RequestError::InvalidClientAuthentication(why.to_owned());
    match request.header_count("authorization") {
        0 => return Ok(None),
        1 => {}
        _ => return Err(bad("more than one Authorization header")),
    }
    let value = request.header("authorization").unwrap_or_default().trim();
    let (scheme, encoded) = value.split_once(' ').ok_or_else(|| bad("Authorization header has no scheme"))?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(bad("Authorization scheme is not Basic"));
    }
    // The decoded `id:secret` is wiped once the two parts are read out of it.
    let decoded =
        Zeroizing::new(base64_decode(encoded.trim()).ok_or_else(|| bad("Basic credentials are not valid base64"))?);
    let decoded = std::str::from_utf8(&decoded).map_err(|_| bad("Basic credentials are not UTF-8 text"))?;
    let (id, secret) =
        decoded.split_once(':').ok_or_else(|| bad("Basic credentials have no `:` between client id and secret"))?;
    let client_id = crate::form::decode_component(id)
        .map_err(|_| bad("client id in Basic credentials is not form-encoded UTF-8"))?;
    let client_secret = crate::form::decode_component(secret)
        .map_err(|_| bad("client secret in Basic credentials is not form-encoded UTF-8"))?;
    if client_id.is_empty() {
        return Err(bad("Basic credentials have an empty client id"));
    }
    Ok(Some(BasicCredentials { client_id, client_secret: crate::Secret::new(client_secret) }))
}

/// A short, printable rendering of untrusted text for an error message (never used for secrets).
pub(crate) fn printable(text: &str, max_chars: usize) -> String {
    let mut out: String = text.chars().take(max_chars).map(|c| if c.is_control() { '\u{fffd}' } else { c }).collect();
    if text.chars().count() > max_chars {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6749_2_3_1_basic_credentials_are_form_encoded_before_base64() {
        let header = basic_authorization("my client", "p@ss:word");
        let request = HttpRequest {
            headers: vec![("authorization".into(), header.clone())],
            ..HttpRequest::form_post("https://a.example/t", "")
        };
        assert_eq!(header, format!("Basic {}", base64ct::Base64::encode_string(b"my+client:p%40ss%3Aword")));
        let creds = read_basic_authorization(&request).unwrap().unwrap();
        assert_eq!(creds.client_id, "my client");
        assert_eq!(creds.client_secret.expose(), "p@ss:word");
    }

    #[test]
    fn rfc6749_3_2_the_method_must_be_post_and_a_method_token_is_case_sensitive() {
        // RFC 6749 §3.2: "The client MUST use the HTTP "POST" method"; RFC 9110 §9.1: "The
        // method token is case-sensitive", so `post` and `Post` are other methods.
        for method in ["post", "Post", "GET", "PUT"] {
            let request = HttpRequest { method: method.into(), ..HttpRequest::form_post("https://a.example/t", "a=1") };
            assert_eq!(check_form_post(&request).unwrap_err().code(), "method_not_allowed", "{method}");
        }
        assert!(check_form_post(&HttpRequest::form_post("https://a.example/t", "a=1")).is_ok());
    }

    #[test]
    fn b_7_2_example_authorization_header_does_not_decode_to_id_and_secret() {
        let request = HttpRequest {
            headers: vec![("Authorization".into(), "Basic cnA33hpsb25nABClY3VyZS1yYW5kb20tc2VjdnV0".into())],
            ..HttpRequest::form_post("https://a.example/t", "")
        };
        let err = read_basic_authorization(&request).unwrap_err();
        assert_eq!(err.code(), "invalid_client_authentication");
    }

    #[test]
    fn debug_of_a_request_redacts_authorization_and_body() {
        let mut request = HttpRequest::form_post("https://a.example/t", "assertion=secret-value");
        request.headers.push(("Authorization".into(), basic_authorization("c", "hunter2")));
        let text = format!("{request:?}");
        assert!(!text.contains("secret-value") && !text.contains("Basic "), "{text}");
    }

    #[test]
    fn debug_of_a_form_post_redacts_its_body_and_authorization_and_the_request_adds_its_header() {
        let authorization = basic_authorization("c", "hunter2");
        let post = FormPost { body: b"assertion=secret-value".to_vec(), authorization: Some(authorization.clone()) };
        let text = format!("{post:?}");
        assert!(!text.contains("secret-value") && !text.contains("Basic "), "{text}");
        let request = post.into_request("https://a.example/t");
        assert_eq!(request.header("authorization"), Some(authorization.as_str()));
        assert_eq!((request.headers.len(), request.body.as_slice()), (2, b"assertion=secret-value".as_slice()));
    }

    #[test]
    fn debug_of_a_response_redacts_set_cookie_authorization_and_body() {
        let mut response = HttpResponse::json(200, r#"{"access_token":"at-value"}"#);
        response.headers.push(("Set-Cookie".into(), "session=cookie-value".into()));
        response.headers.push(("authorization".into(), "Bearer bearer-value".into()));
        response.headers.push(("Proxy-Authorization".into(), "Basic proxy-value".into()));
        let text = format!("{response:?}");
        for secret in ["at-value", "cookie-value", "bearer-value", "proxy-value"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(text.contains(r#"("Set-Cookie", "[redacted]")"#) && text.contains("no-store"), "{text}");
    }

    #[test]
    fn rfc9110_11_6_2_only_a_registered_scheme_is_shown_before_a_redacted_credential() {
        for (value, shown) in [
            ("Basic cGFydG5lcjpzM2NyZXQ=", "Basic [redacted]"),
            ("bearer at-1", "bearer [redacted]"),
            ("DPoP at-1", "DPoP [redacted]"),
            // No scheme, or an unknown word first: that word may be the credential itself.
            ("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln trailing", "[redacted]"),
            ("s3cr3t-api-key x", "[redacted]"),
            ("cGFydG5lcjpzM2NyZXQ=", "[redacted]"),
        ] {
            assert_eq!(redacted_header_value("Authorization", value), shown, "{value}");
            assert_eq!(redacted_header_value("Proxy-Authorization", value), shown, "{value}");
        }
    }

    #[test]
    fn redacted_request_masks_credential_headers_and_secret_parameters_in_one_place() {
        let mut request = HttpRequest::form_post(
            "https://a.example/t",
            "grant_type=x&subject_token=st-value&actor%5Ftoken=at-value&client_secret=cs-value&code=c-value\
             &code_verifier=cv-value&refresh_token=rt-value& assertion =as-value&client_secret pasted-value&scope=openid",
        );
        request.headers.push(("Authorization".into(), basic_authorization("c", "hunter2")));
        request.headers.push(("proxy-authorization".into(), "token-without-scheme".into()));
        request.headers.push(("Cookie".into(), "session=cookie-value".into()));
        let shown = request.redacted();
        let text = format!("{:?} {}", shown.headers, shown.body_text().unwrap());
        for secret in [
            "st-",
            "at-",
            "cs-",
            "c-value",
            "cv-",
            "rt-",
            "as-",
            "pasted",
            "hunter2",
            "YzpodW50ZXIy",
            "token-without",
            "cookie-",
        ] {
            assert!(!text.contains(secret), "{secret}: {text}");
        }
        assert!(text.contains("grant_type=x&subject_token=[redacted]&actor%5Ftoken=[redacted]"), "{text}");
        assert!(text.contains("& assertion =[redacted]&[redacted]&scope=openid"), "{text}");
        // Every `&` stays where it was, empty pairs too (a leading, doubled or trailing one).
        let edges = HttpRequest::form_post("https://a.example/t", "&a=1&&assertion=x& &").redacted();
        assert_eq!(edges.body_text(), Some("&a=1&&assertion=[redacted]& &"));
        assert_eq!(shown.header("authorization"), Some("Basic [redacted]"));
        assert_eq!((shown.method.as_str(), shown.url.as_str()), ("POST", "https://a.example/t"));
        assert_eq!(
            request
                .redacted_with(|name, value| format!("<{name}:{}>", value.len()))
                .body_text()
                .unwrap()
                .split('&')
                .nth(2),
            Some("actor%5Ftoken=<actor_token:8>")
        );
    }

    #[test]
    fn rfc6749_3_2_only_post_with_a_utf8_form_body_is_accepted() {
        let mut request = HttpRequest::form_post("https://a.example/t", "");
        assert!(check_form_post(&request).is_ok());
        request.method = "GET".into();
        assert_eq!(check_form_post(&request).unwrap_err().code(), "method_not_allowed");
        request.method = "POST".into();
        request.headers = vec![("Content-Type".into(), "application/x-www-form-urlencoded; charset=ISO-8859-1".into())];
        assert_eq!(check_form_post(&request).unwrap_err().code(), "unsupported_content_type");
        request.headers = vec![("Content-Type".into(), "application/json".into())];
        assert_eq!(check_form_post(&request).unwrap_err().code(), "unsupported_content_type");
        request.headers = vec![("Content-Type".into(), "Application/X-WWW-Form-Urlencoded".into())];
        assert!(check_form_post(&request).is_ok());
    }

    #[test]
    fn rfc4648_4_basic_credentials_base64_reads_and_writes_as_the_padded_codec() {
        use base64ct::Base64;
        // Every byte string up to 7 bytes of a spread of values writes as the padded codec does.
        let mut bytes = Vec::new();
        for len in 0..8u8 {
            for seed in 0..64u8 {
                bytes.clear();
                bytes.extend((0..len).map(|i| seed.wrapping_mul(37).wrapping_add(i.wrapping_mul(91)) ^ (i << 5)));
                let text = base64_encode(&bytes);
                assert_eq!(text, Base64::encode_string(&bytes), "{bytes:?}");
                assert_eq!(base64_decode(&text), Some(bytes.clone()), "{text}");
            }
        }
        // Every text of up to 5 characters from both alphabets, padding and others is read (or
        // refused) as the padded codec does: misplaced or missing `=`, `-`/`_`, bits past the data.
        let alphabet = ['A', 'Q', 'g', 'w', 'Y', '+', '/', '-', '_', '=', ' ', 'z', '9'];
        let mut texts = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..5 {
            last = last.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            texts.extend(last.iter().cloned());
        }
        texts.extend(
            ["YQ==", "YWI=", "YWJj", "YQ=", "YQ", "YR==", "YWJ=", "Y===", "====", "YQ==YQ==", "+/+/", "-_-_"]
                .map(String::from),
        );
        for text in &texts {
            assert_eq!(base64_decode(text), Base64::decode_vec(text).ok(), "{text:?}");
        }
    }
}
