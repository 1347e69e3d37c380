//! Conversions between the core's [`HttpRequest`] / [`HttpResponse`] and the `http` crate's
//! `Request` / `Response` (feature `http`), so a hyper, axum or tower server — or a client on
//! reqwest or hyper — uses the core without an adapter of its own.
//!
//! Server role (strict): an incoming `http::Request` becomes an [`HttpRequest`] with
//! [`HttpRequest::try_from`]; a header value that is not UTF-8 is refused (`malformed_http`),
//! never dropped or rewritten. A request target in origin form (`/token`, as HTTP/1.1 servers
//! receive it) is made absolute from `Host` as `https://{host}{path}`, the way
//! [`HttpRequest::parse_text`] reads a request; a request with neither is `malformed_http`. The
//! answer goes back with `http::Response::try_from(response)`.
//!
//! ```
//! use mcx_connect::{HttpRequest, HttpResponse, JwtBearerRequest, ParseOptions};
//! let incoming = http::Request::post("/as/token.oauth2")
//!     .header("host", "idms.partner.example")
//!     .header("content-type", "application/x-www-form-urlencoded")
//!     .body(b"grant_type=password".to_vec())?;
//! let request = HttpRequest::try_from(incoming)?;
//! assert_eq!(request.url, "https://idms.partner.example/as/token.oauth2");
//! let refusal = JwtBearerRequest::parse(&request, &ParseOptions::strict()).unwrap_err();
//! let answer = http::Response::try_from(refusal.to_http_response())?;
//! assert_eq!(answer.status(), 400);
//! assert_eq!(answer.headers()["cache-control"], "no-store");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::error::RequestError;
use crate::http::{HttpRequest, HttpResponse};

fn headers_in(headers: &http::HeaderMap) -> Result<Vec<(String, String)>, RequestError> {
    headers
        .iter()
        .map(|(name, value)| match std::str::from_utf8(value.as_bytes()) {
            Ok(text) => Ok((name.as_str().to_owned(), text.to_owned())),
            Err(_) => Err(RequestError::MalformedHttp(format!("the value of header `{name}` is not UTF-8"))),
        })
        .collect()
}

impl<B: Into<Vec<u8>>> TryFrom<http::Request<B>> for HttpRequest {
    type Error = RequestError;

    /// An incoming request (server role): an origin-form target gets its URL from `Host`
    /// (`https://{host}{path}`); no `Host` and no absolute target, or a header value that is not
    /// UTF-8, is `malformed_http`.
    fn try_from(request: http::Request<B>) -> Result<Self, RequestError> {
        let (parts, body) = request.into_parts();
        let url = if parts.uri.scheme().is_some() && parts.uri.authority().is_some() {
            let url = parts.uri.to_string();
            crate::http_text::check_absolute_target(&url)?;
            url
        } else {
            // As `parse_text` reads `Host` (RFC 9112 §3.2: one field line, `uri-host [ ":" port ]`).
            let mut hosts = parts.headers.get_all(http::header::HOST).iter();
            let host = hosts
                .next()
                .and_then(|host| host.to_str().ok())
                .filter(|host| !host.is_empty())
                .ok_or_else(|| RequestError::MalformedHttp("the request has no Host header".to_owned()))?;
            if hosts.next().is_some() {
                return Err(RequestError::HttpHostInvalid("more than one Host header field".to_owned()));
            }
            crate::http_text::check_host(host)?;
            let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
            crate::http_text::origin_form_url(host, path)?
        };
        Ok(HttpRequest {
            method: parts.method.as_str().to_owned(),
            url,
            headers: headers_in(&parts.headers)?,
            body: body.into(),
        })
    }
}

impl TryFrom<HttpRequest> for http::Request<Vec<u8>> {
    type Error = http::Error;

    /// A request the core built, for an `http`-based client (an invalid method, URL or header
    /// is `http`'s own error).
    fn try_from(request: HttpRequest) -> Result<Self, http::Error> {
        let mut builder = http::Request::builder().method(request.method.as_str()).uri(request.url.as_str());
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder.body(request.body)
    }
}

impl TryFrom<HttpResponse> for http::Response<Vec<u8>> {
    type Error = http::Error;

    /// A response the core wrote (server role), with its status, headers and body.
    fn try_from(response: HttpResponse) -> Result<Self, http::Error> {
        let mut builder = http::Response::builder().status(response.status);
        for (name, value) in &response.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder.body(response.body)
    }
}

impl<B: Into<Vec<u8>>> TryFrom<http::Response<B>> for HttpResponse {
    type Error = RequestError;

    /// A reply an `http`-based client received, for the core's response readers; a header
    /// value that is not UTF-8 is `malformed_http`.
    fn try_from(response: http::Response<B>) -> Result<Self, RequestError> {
        let (parts, body) = response.into_parts();
        Ok(HttpResponse { status: parts.status.as_u16(), headers: headers_in(&parts.headers)?, body: body.into() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc9112_3_2_origin_form_target_is_made_absolute_from_host() {
        let incoming =
            http::Request::post("/as/token.oauth2?x=1").header("Host", "idms.example:9031").body("a=b").unwrap();
        let request = HttpRequest::try_from(incoming).unwrap();
        assert_eq!(request.url, "https://idms.example:9031/as/token.oauth2?x=1");
        assert_eq!((request.method.as_str(), request.body.as_slice()), ("POST", b"a=b".as_slice()));
        assert_eq!(request.header("host"), Some("idms.example:9031"));
    }

    #[test]
    fn absolute_form_target_is_kept_and_a_request_without_host_is_malformed_http() {
        let absolute = http::Request::post("https://idms.example/token").body(Vec::new()).unwrap();
        assert_eq!(HttpRequest::try_from(absolute).unwrap().url, "https://idms.example/token");
        let no_host = http::Request::post("/token").body(Vec::new()).unwrap();
        assert_eq!(crate::Error::from(HttpRequest::try_from(no_host).unwrap_err()).code(), "malformed_http");
    }

    /// RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1
    /// request message that lacks a Host header field and to any request message that contains
    /// more than one Host header field line or a Host header field with an invalid field value."
    /// The URL is made from `Host` as `parse_text` makes it: the same checks.
    #[test]
    fn rfc9112_3_2_origin_form_host_is_checked_as_parse_text_checks_it() {
        for host in ["idms.example@evil.example", "evil.example/x?", "idms.example:port", "[1::2::3]", "a b"] {
            let incoming = http::Request::post("/token").header("Host", host).body(Vec::new()).unwrap();
            let error = crate::Error::from(HttpRequest::try_from(incoming).unwrap_err());
            assert_eq!(error.code(), "http_host_invalid", "{host}");
            assert!(!error.to_string().contains(host), "{error}");
        }
        let twice = http::Request::post("/token")
            .header("Host", "idms.example")
            .header("Host", "evil.example")
            .body(Vec::new())
            .unwrap();
        assert_eq!(crate::Error::from(HttpRequest::try_from(twice).unwrap_err()).code(), "http_host_invalid");
        let empty = http::Request::post("/token").header("Host", "").body(Vec::new()).unwrap();
        assert_eq!(crate::Error::from(HttpRequest::try_from(empty).unwrap_err()).code(), "malformed_http");
    }

    /// RFC 9112 §3.2.1 `origin-form = absolute-path [ "?" query ]`, read as `parse_text` reads it:
    /// the `http` crate lets through characters RFC 3986 wants percent-encoded.
    #[test]
    fn rfc9112_3_2_1_origin_form_target_is_checked_as_parse_text_checks_it() {
        for target in ["/token?x={1}", "/to\"ken", "/a|b"] {
            let incoming = http::Request::post(target).header("Host", "idms.example").body(Vec::new()).unwrap();
            let error = crate::Error::from(HttpRequest::try_from(incoming).unwrap_err());
            assert_eq!(error.code(), "malformed_http", "{target}");
        }
    }

    /// RFC 9110 §4.2.4: "a recipient SHOULD parse for userinfo and treat its presence as an error".
    #[test]
    fn rfc9110_4_2_4_absolute_form_target_with_userinfo_is_refused() {
        let incoming = http::Request::post("https://idms.example@evil.example/token").body(Vec::new()).unwrap();
        let error = crate::Error::from(HttpRequest::try_from(incoming).unwrap_err());
        assert_eq!(error.code(), "malformed_http");
        assert!(!error.to_string().contains("evil"), "{error}");
    }

    #[test]
    fn a_header_value_that_is_not_utf8_is_refused_not_dropped() {
        let value = http::HeaderValue::from_bytes(b"caf\xe9").unwrap();
        let incoming =
            http::Request::post("/token").header("Host", "idms.example").header("X-Name", value).body(Vec::new());
        let error = HttpRequest::try_from(incoming.unwrap()).unwrap_err();
        assert!(error.to_string().contains("x-name"), "{error}");
    }

    /// The `http` crate writes header names in lower case; names compare case-insensitively.
    #[test]
    fn requests_and_responses_go_both_ways_with_every_member() {
        let built = HttpRequest::form_post("https://idms.example/token", "grant_type=x");
        let back = HttpRequest::try_from(http::Request::try_from(built.clone()).unwrap()).unwrap();
        assert_eq!((&back.method, &back.url, &back.body), (&built.method, &built.url, &built.body));
        assert_eq!(back.header("Content-Type"), built.header("content-type"));
        let written = HttpResponse::json(200, "{}");
        let back = HttpResponse::try_from(http::Response::try_from(written.clone()).unwrap()).unwrap();
        assert_eq!((back.status, &back.body, back.headers.len()), (200, &written.body, written.headers.len()));
        assert_eq!(back.header("cache-control"), Some("no-store"));
    }
}
