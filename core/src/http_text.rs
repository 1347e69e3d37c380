//! HTTP/1.1 messages as text (RFC 9112), for tools and tests: the CLI prints built requests
//! this way and reads requests pasted from a capture or from the specification.
//!
//! The request target of an incoming request is resolved against its `Host` header with the
//! `https` scheme (token endpoints are only reached over TLS). Lenient reading also accepts
//! the blank lines that TS 33.180 B.7.2's example prints between header fields, and reports it.
//!
//! The framing is read strictly in both modes, because a message that two readers frame
//! differently is how request smuggling works (RFC 9112 §11.2):
//! - `Content-Length` is `1*DIGIT` and appears at most once (RFC 9110 §8.6, RFC 9112 §6.3
//!   item 5): `http_content_length_invalid`, `http_content_length_repeated`;
//! - `Transfer-Encoding` is refused (RFC 9112 §6.1; §6.3 item 3): `http_transfer_encoding_refused`;
//! - nothing follows the body that `Content-Length` frames but one final line break (the last
//!   line of a text file): `http_bytes_after_body`;
//! - `Host` appears once and is `uri-host [ ":" port ]` (RFC 9112 §3.2, RFC 3986 §3.2.2,
//!   §3.2.3): `http_host_invalid`;
//! - a bare CR or a NUL anywhere in the head is refused (RFC 9112 §2.2, RFC 9110 §5.5), and the
//!   request target is `absolute-path [ "?" query ]` or an absolute URI without user information
//!   (RFC 9112 §3.2.1, §3.2.2): `malformed_http`.
//!
//! Writing never lets a value add a line: a CR, LF or NUL in a written field is a space.
//!
//! Error texts give positions and header names, never a header value or a body.

use crate::error::RequestError;
use crate::form::{Normalisation, ParseMode, Parsed};
use crate::http::{printable, HttpRequest, HttpResponse};

fn malformed(why: impl Into<String>) -> RequestError {
    RequestError::MalformedHttp(why.into())
}

fn looks_like_header(line: &str) -> bool {
    match line.split_once(':') {
        Some((name, _)) => {
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        }
        None => false,
    }
}

struct Head<'a> {
    start_line: &'a str,
    headers: Vec<(String, String)>,
    body: &'a str,
}

/// What a reader does with obsolete line folding (RFC 9112 §5.2): a line of a field section that
/// starts with a space or a tab.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LineFolding {
    /// A request: refused, as a server may ("MUST either reject the message … or replace").
    Refused,
    /// A response: "A user agent that receives an obs-fold in a response message MUST replace each
    /// received obs-fold with one or more SP octets prior to interpreting the field value."
    Unfolded,
}

fn split_head<'a>(
    text: &'a str,
    mode: ParseMode,
    folding: LineFolding,
    report: &mut Vec<Normalisation>,
) -> Result<Head<'a>, RequestError> {
    let mut rest = text;
    let next_line = |rest: &mut &'a str| -> Option<&'a str> {
        if rest.is_empty() {
            return None;
        }
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        *rest = after;
        Some(line.strip_suffix('\r').unwrap_or(line))
    };
    let start_line = next_line(&mut rest).ok_or_else(|| malformed("the message is empty"))?;
    check_no_bare_cr_or_nul(start_line, 1)?;
    let mut headers = Vec::new();
    let mut line_number = 1;
    while let Some(line) = next_line(&mut rest) {
        line_number += 1;
        if line.is_empty() {
            let following = rest.split('\n').next().unwrap_or_default().trim_end_matches('\r');
            if looks_like_header(following)
                && !headers.iter().any(|(n, _): &(String, String)| n.eq_ignore_ascii_case("content-type"))
            {
                if mode == ParseMode::Strict {
                    return Err(malformed(format!("blank line between header fields at line {line_number}")));
                }
                if !report.iter().any(|n| n.code == "blank_line_between_headers") {
                    report.push(Normalisation::new(
                        "blank_line_between_headers",
                        None,
                        "ignored blank lines between header fields",
                    ));
                }
                continue;
            }
            break;
        }
        if line.starts_with([' ', '\t']) {
            check_no_bare_cr_or_nul(line, line_number)?;
            // A folded line continues the field above it; before the first field there is none
            // (§2.2: whitespace before the first field is refused).
            match headers.last_mut() {
                Some((_, value)) if folding == LineFolding::Unfolded => {
                    let more = line.trim_matches([' ', '\t']);
                    if !more.is_empty() {
                        if !value.is_empty() {
                            value.push(' ');
                        }
                        value.push_str(more);
                    }
                    continue;
                }
                _ => return Err(malformed(format!("obsolete line folding at line {line_number}"))),
            }
        }
        check_no_bare_cr_or_nul(line, line_number)?;
        let (name, value) =
            line.split_once(':').ok_or_else(|| malformed(format!("line {line_number} is not a header field")))?;
        if !looks_like_header(line) {
            // Not quoted: a line such as `Authorization Bearer x:y` would show a credential.
            return Err(malformed(format!("line {line_number} has an invalid header name (not quoted)")));
        }
        // OWS is spaces and tabs only (RFC 9110 §5.6.3), not every Unicode white space.
        headers.push((name.to_owned(), value.trim_matches([' ', '\t']).to_owned()));
    }
    Ok(Head { start_line, headers, body: rest })
}

/// Refuses a CR that does not end the line, or a NUL (RFC 9112 §2.2: "a recipient of such a
/// bare CR MUST consider that element to be invalid"; RFC 9110 §5.5: a field value with CR, LF
/// or NUL is "invalid and dangerous"). Another reader may end a line at that CR.
fn check_no_bare_cr_or_nul(line: &str, line_number: usize) -> Result<(), RequestError> {
    match line.bytes().find(|&b| b == b'\r' || b == 0) {
        Some(b'\r') => Err(malformed(format!("a bare CR (not followed by LF) at line {line_number}"))),
        Some(_) => Err(malformed(format!("a NUL character at line {line_number}"))),
        None => Ok(()),
    }
}

/// Whether `version` is `HTTP/1.` and one digit (RFC 9112 §2.3: `HTTP-version = HTTP-name "/"
/// DIGIT "." DIGIT`, major version 1).
fn is_http_1_version(version: &str) -> bool {
    version.strip_prefix("HTTP/1.").is_some_and(|minor| minor.len() == 1 && minor.bytes().all(|b| b.is_ascii_digit()))
}

/// The values of a header field (name compared case-insensitively).
fn values<'h>(headers: &'h [(String, String)], name: &'h str) -> impl Iterator<Item = &'h str> + 'h {
    headers.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// The body, framed by `Content-Length` when there is one (RFC 9112 §6.3).
fn body_bytes(head: &Head<'_>) -> Result<Vec<u8>, RequestError> {
    if values(&head.headers, "transfer-encoding").next().is_some() {
        return Err(RequestError::HttpTransferEncodingRefused);
    }
    let mut lengths = values(&head.headers, "content-length");
    let content_length = lengths.next();
    if lengths.next().is_some() {
        return Err(RequestError::HttpContentLengthRepeated);
    }
    let body = head.body.as_bytes();
    let Some(value) = content_length else {
        return Ok(without_final_line_break(body).to_vec());
    };
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RequestError::HttpContentLengthInvalid);
    }
    // All digits: only a number too large for memory fails to parse, and no body is that long.
    let length = value.parse::<usize>().unwrap_or(usize::MAX);
    let framed = body
        .get(..length)
        .ok_or_else(|| malformed(format!("Content-Length is {length} but the body has {} bytes", body.len())))?;
    let extra = without_final_line_break(body.get(length..).unwrap_or_default()).len();
    if extra > 0 {
        return Err(RequestError::HttpBytesAfterBody { length, extra });
    }
    Ok(framed.to_vec())
}

/// The text less one final `\n` or `\r\n` (the last line of a text file).
fn without_final_line_break(text: &[u8]) -> &[u8] {
    match text.strip_suffix(b"\n") {
        Some(rest) => rest.strip_suffix(b"\r").unwrap_or(rest),
        None => text,
    }
}

/// Checks a `Host` value: `uri-host [ ":" port ]` (RFC 9112 §3.2; RFC 3986 §3.2.2 `IP-literal`
/// or `reg-name`, §3.2.3 `port = *DIGIT`). The reason never quotes the value.
pub(crate) fn check_host(host: &str) -> Result<(), RequestError> {
    let bad = |why: &str| RequestError::HttpHostInvalid(why.to_owned());
    let (name, port) = if let Some(literal) = host.strip_prefix('[') {
        let (inside, after) = literal.split_once(']').ok_or_else(|| bad("an IP literal without `]`"))?;
        if !crate::uri::is_ipv6_address(inside) {
            return Err(bad("an IP literal that is not an IPv6 address"));
        }
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or_else(|| bad("text after the IP literal"))?),
        };
        (None, port)
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) => (Some(name), Some(port)),
            None => (Some(host), None),
        }
    };
    if let Some(name) = name {
        let reg_name = |b: u8| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=%".contains(&b);
        if name.is_empty() {
            return Err(bad("no host name"));
        }
        if !name.bytes().all(reg_name) {
            return Err(bad("the host name has a character outside RFC 3986 reg-name (e.g. `@`, `/`, a space)"));
        }
        if crate::uri::check_percent_escapes(name).is_err() {
            return Err(bad("the host name has a `%` that is not followed by two hexadecimal digits"));
        }
    }
    if let Some(port) = port {
        let digits = port.bytes().all(|b| b.is_ascii_digit());
        if !digits || (!port.is_empty() && port.parse::<u16>().is_err()) {
            return Err(bad("the port is not a number from 0 to 65535"));
        }
    }
    Ok(())
}

/// Checks a request target in absolute form: an RFC 3986 `absolute-URI` (RFC 9112 §3.2.2), so
/// no fragment, and without user information (RFC 9110 §4.2.4: a recipient "SHOULD parse for
/// userinfo and treat its presence as an error"). The reason never quotes the target.
pub(crate) fn check_absolute_target(target: &str) -> Result<(), RequestError> {
    let parts = crate::uri::parse_absolute(target)
        .map_err(|reason| malformed(format!("the absolute-form request target is not an absolute URI: {reason}")))?;
    if parts.has_fragment {
        return Err(malformed("the absolute-form request target carries a fragment (`#…`)"));
    }
    Ok(())
}

/// The URL of a request whose target is in origin form, `https://{host}{target}`, with the target
/// checked: `origin-form = absolute-path [ "?" query ]` (RFC 9112 §3.2.1), so no fragment and
/// only what RFC 3986 allows in a path and a query. The reason never quotes the target.
pub(crate) fn origin_form_url(host: &str, target: &str) -> Result<String, RequestError> {
    let url = format!("https://{host}{target}");
    match crate::uri::parse_absolute(&url) {
        Ok(parts) if !parts.has_fragment => Ok(url),
        Ok(_) => Err(malformed("the request target carries a fragment (`#…`)")),
        Err(reason) => Err(malformed(format!("the request target is not a path and query: {reason}"))),
    }
}

impl HttpRequest {
    /// Reads an HTTP/1.1 request written as text. Without `Content-Length`, the body is the
    /// rest of the text less one final line break.
    ///
    /// ```
    /// use mcx_connect::{HttpRequest, ParseMode};
    /// let text = "POST /as/token.oauth2 HTTP/1.1\nHost: IdM.server.com:9031\nContent-Type: application/x-www-form-urlencoded\n\na=b\n";
    /// let request = HttpRequest::parse_text(text, ParseMode::Strict).unwrap().value;
    /// assert_eq!(request.url, "https://IdM.server.com:9031/as/token.oauth2");
    /// assert_eq!(request.body, b"a=b");
    /// ```
    pub fn parse_text(text: &str, mode: ParseMode) -> Result<Parsed<HttpRequest>, RequestError> {
        let mut report = Vec::new();
        let head = split_head(text, mode, LineFolding::Refused, &mut report)?;
        let mut parts = head.start_line.split(' ');
        let (Some(method), Some(target), Some(version), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed("the request line is not `METHOD target HTTP/1.1`"));
        };
        if !version.starts_with("HTTP/") {
            return Err(malformed("the request line does not end with an HTTP version"));
        }
        if !is_http_1_version(version) {
            return Err(malformed(format!("unsupported HTTP version `{}`", printable(version, 16))));
        }
        if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(malformed("invalid method (a method here is upper-case letters; not quoted)"));
        }
        if values(&head.headers, "host").nth(1).is_some() {
            return Err(RequestError::HttpHostInvalid("more than one Host header field".to_owned()));
        }
        let host = values(&head.headers, "host").next().filter(|h| !h.is_empty()).map(str::to_owned);
        if let Some(host) = &host {
            check_host(host)?;
        }
        let url = if target.starts_with('/') {
            let host = host.ok_or_else(|| malformed("the request has no Host header"))?;
            origin_form_url(&host, target)?
        } else if crate::text::contains(target, "://") {
            check_absolute_target(target)?;
            target.to_owned()
        } else {
            return Err(malformed("the request target is neither a path nor an absolute URL"));
        };
        let body = body_bytes(&head)?;
        Ok(Parsed {
            value: HttpRequest { method: method.to_owned(), url, headers: head.headers, body },
            normalisations: report,
        })
    }

    /// Writes the request as HTTP/1.1 text (origin-form target, `Host` first, `Content-Length`
    /// added). Secrets in it are not redacted: this is the request itself.
    ///
    /// A CR, LF or NUL in the method, the URL or a header field is written as a space (RFC 9110
    /// §5.5), so that no value can end its line and add a header field or a message of its own.
    ///
    /// ```
    /// use mcx_connect::HttpRequest;
    /// let mut request = HttpRequest::form_post("https://idms.example/token", "a=b");
    /// request.headers.push(("X-Trace".into(), "1\r\nAuthorization: Basic eA==".into()));
    /// assert!(request.to_text().contains("X-Trace: 1  Authorization: Basic eA==\r\n"));
    /// ```
    pub fn to_text(&self) -> String {
        let (host, target) = split_url(&self.url);
        let mut text =
            format!("{} {} HTTP/1.1\r\nHost: {}\r\n", one_line(&self.method), one_line(&target), one_line(host));
        for (name, value) in &self.headers {
            if !name.eq_ignore_ascii_case("host") && !name.eq_ignore_ascii_case("content-length") {
                text.push_str(&format!("{}: {}\r\n", one_line(name), one_line(value)));
            }
        }
        if !self.body.is_empty() || self.method == "POST" {
            text.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        }
        text.push_str("\r\n");
        text.push_str(&String::from_utf8_lossy(&self.body));
        text
    }
}

/// The text with each CR, LF and NUL replaced by a space (RFC 9110 §5.5: the replacement a
/// recipient may make; a sender "MUST NOT generate" them).
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\r', '\n', '\0']) {
        text.replace(['\r', '\n', '\0'], " ").into()
    } else {
        text.into()
    }
}

/// The `Host` value and the origin-form request target of a URL (RFC 9112 §3.2.1, §3.2; RFC
/// 9110 §7.2): the authority ends at the first `/`, `?` or `#`; `Host` is the authority without
/// user information and its `@`; the target is the path (`/` when it is empty) and the query,
/// never the fragment.
fn split_url(url: &str) -> (&str, std::borrow::Cow<'_, str>) {
    let after_scheme = crate::text::split_once(url, "://").map_or(url, |(_, rest)| rest);
    let without_fragment = after_scheme.split('#').next().unwrap_or_default();
    let authority_end = without_fragment.find(['/', '?']).unwrap_or(without_fragment.len());
    let (authority, path_and_query) = without_fragment.split_at(authority_end);
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let target =
        if path_and_query.starts_with('/') { path_and_query.into() } else { format!("/{path_and_query}").into() };
    (host, target)
}

impl HttpResponse {
    /// Reads an HTTP/1.1 response written as text. A header field folded over several lines
    /// (obsolete line folding) is read as one value, each fold a space (RFC 9112 §5.2).
    ///
    /// ```
    /// use mcx_connect::HttpResponse;
    /// let response = HttpResponse::parse_text("HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{\"error\":\"invalid_grant\"}").unwrap();
    /// assert_eq!(response.status, 400);
    /// ```
    pub fn parse_text(text: &str) -> Result<HttpResponse, RequestError> {
        let head = split_head(text, ParseMode::Strict, LineFolding::Unfolded, &mut Vec::new())?;
        let mut parts = head.start_line.splitn(3, ' ');
        let version = parts.next().unwrap_or_default();
        if !is_http_1_version(version) {
            return Err(malformed("the status line does not start with HTTP/1.x"));
        }
        // `status-code = 3DIGIT` (RFC 9112 §4): no sign, no fourth digit.
        let status = parts
            .next()
            .filter(|s| s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<u16>().ok())
            .filter(|s| (100..=599).contains(s));
        let status = status.ok_or_else(|| malformed("the status line has no status code from 100 to 599"))?;
        Ok(HttpResponse { status, headers: head.headers.clone(), body: body_bytes(&head)? })
    }

    /// Writes the response as HTTP/1.1 text with `Content-Length`. A CR, LF or NUL in a header
    /// field is written as a space, as [`HttpRequest::to_text`] does.
    pub fn to_text(&self) -> String {
        let mut text = format!("HTTP/1.1 {} {}\r\n", self.status, reason_phrase(self.status));
        for (name, value) in &self.headers {
            if !name.eq_ignore_ascii_case("content-length") {
                text.push_str(&format!("{}: {}\r\n", one_line(name), one_line(value)));
            }
        }
        text.push_str(&format!("Content-Length: {}\r\n\r\n", self.body.len()));
        text.push_str(&String::from_utf8_lossy(&self.body));
        text
    }
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc9112_request_text_round_trips() {
        let request = HttpRequest::form_post("https://idms.example:9031/as/token.oauth2", "a=b");
        let parsed = HttpRequest::parse_text(&request.to_text(), ParseMode::Strict).unwrap().value;
        assert_eq!(parsed.url, request.url);
        assert_eq!(parsed.body, request.body);
    }

    #[test]
    fn b_7_2_example_blank_lines_between_headers_are_strict_error_lenient_report() {
        let text = "POST /t HTTP/1.1\n\nHost: a.example\n\nContent-Type: application/x-www-form-urlencoded\n\na=b\n";
        let err = HttpRequest::parse_text(text, ParseMode::Strict).unwrap_err();
        assert!(err.to_string().contains("blank line between header fields"), "{err}");
        let parsed = HttpRequest::parse_text(text, ParseMode::Lenient).unwrap();
        assert_eq!(parsed.value.header("host"), Some("a.example"));
        assert_eq!(parsed.value.body, b"a=b");
        assert_eq!(parsed.normalisations[0].code, "blank_line_between_headers");
    }

    #[test]
    fn malformed_messages_get_precise_errors() {
        for text in [
            "",
            "POST\n\n",
            "POST /t HTTP/2\n\n",
            "POST /t HTTP/1.1\n\n",
            "post /t HTTP/1.1\nHost: a\n\n",
            "POST /t HTTP/1.1\nHost a\n\n",
        ] {
            assert_eq!(
                HttpRequest::parse_text(text, ParseMode::Lenient).unwrap_err().code(),
                "malformed_http",
                "{text:?}"
            );
        }
        assert!(HttpResponse::parse_text("HTTP/1.1 abc\n\n").is_err());
        let err = HttpRequest::parse_text("Bearer-abc /t HTTP/1.1\nHost: a\n\n", ParseMode::Strict).unwrap_err();
        assert!(!err.to_string().contains("Bearer"), "{err}");
        let err = HttpRequest::parse_text("POST /t HTTP/1.1\nAuthorization Basic c2VjcmV0:x\n\n", ParseMode::Strict)
            .unwrap_err();
        assert!(!err.to_string().contains("c2VjcmV0"), "{err}");
        let err = HttpRequest::parse_text("POST /t HTTP/1.1\nHost: a\nContent-Length: 10\n\nab", ParseMode::Strict)
            .unwrap_err();
        assert!(err.to_string().contains("Content-Length"));
    }

    fn request(text: &str) -> Result<HttpRequest, RequestError> {
        HttpRequest::parse_text(text, ParseMode::Lenient).map(|parsed| parsed.value)
    }

    const HEAD: &str =
        "POST /t HTTP/1.1\r\nHost: idms.example:9031\r\nContent-Type: application/x-www-form-urlencoded\r\n";

    #[test]
    fn rfc9110_8_6_content_length_is_1_digit_only() {
        for value in ["+3", "-3", "3, 3", " ", "0x3", "3.0", "３"] {
            let text = format!("{HEAD}Content-Length: {value}\r\n\r\na=b");
            assert_eq!(request(&text).unwrap_err(), RequestError::HttpContentLengthInvalid, "{value:?}");
            let response = format!("HTTP/1.1 200 OK\r\nContent-Length: {value}\r\n\r\na=b");
            assert_eq!(HttpResponse::parse_text(&response).unwrap_err().code(), "http_content_length_invalid");
        }
        assert_eq!(request(&format!("{HEAD}Content-Length: 3\r\n\r\na=b")).unwrap().body, b"a=b");
        assert_eq!(request(&format!("{HEAD}Content-Length: 003\r\n\r\na=b")).unwrap().body, b"a=b");
        let huge = format!("{HEAD}Content-Length: 99999999999999999999999\r\n\r\na=b");
        assert_eq!(request(&huge).unwrap_err().code(), "malformed_http");
    }

    #[test]
    fn rfc9112_6_3_two_content_length_fields_are_refused_even_when_equal() {
        for (first, second) in [("3", "3"), ("3", "5")] {
            let text = format!("{HEAD}Content-Length: {first}\r\ncontent-length: {second}\r\n\r\na=b");
            assert_eq!(request(&text).unwrap_err(), RequestError::HttpContentLengthRepeated);
        }
    }

    #[test]
    fn rfc9112_6_1_transfer_encoding_is_refused() {
        for extra in ["Transfer-Encoding: chunked\r\n", "Content-Length: 3\r\ntransfer-encoding: chunked\r\n"] {
            let text = format!("{HEAD}{extra}\r\n3\r\na=b\r\n0\r\n\r\n");
            assert_eq!(request(&text).unwrap_err(), RequestError::HttpTransferEncodingRefused, "{extra:?}");
        }
        let response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
        assert_eq!(HttpResponse::parse_text(response).unwrap_err().code(), "http_transfer_encoding_refused");
    }

    #[test]
    fn rfc9112_6_3_bytes_after_the_framed_body_are_refused_but_one_final_line_break() {
        let next = "GET /admin HTTP/1.1\r\nHost: x\r\n\r\n";
        let err = request(&format!("{HEAD}Content-Length: 3\r\n\r\na=b{next}")).unwrap_err();
        // The final line break is allowed, the rest is counted.
        assert_eq!(err, RequestError::HttpBytesAfterBody { length: 3, extra: next.len() - 2 });
        assert!(!err.to_string().contains("admin"), "{err}");
        assert_eq!(request(&format!("{HEAD}Content-Length: 3\r\n\r\na=b\r\n")).unwrap().body, b"a=b");
        assert_eq!(request(&format!("{HEAD}Content-Length: 3\r\n\r\na=b\n")).unwrap().body, b"a=b");
        assert_eq!(
            request(&format!("{HEAD}Content-Length: 3\r\n\r\na=b\n\n")).unwrap_err().code(),
            "http_bytes_after_body"
        );
        let response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}{}";
        assert_eq!(HttpResponse::parse_text(response).unwrap_err().code(), "http_bytes_after_body");
    }

    #[test]
    fn rfc9112_3_2_host_is_one_authority() {
        for host in ["idms.example", "idms.example:9031", "[2001:db8::1]:443", "[::1]", "10.0.0.1:8443", "a.example:"] {
            let text = format!("POST /t HTTP/1.1\r\nHost: {host}\r\n\r\n");
            assert_eq!(request(&text).unwrap().url, format!("https://{host}/t"), "{host}");
        }
        for host in [
            "evil.example/x",
            "user@idms.example",
            "idms.example:port",
            "idms.example:65536",
            "idms.example:+443",
            "a b",
            "[2001:db8::1",
            "[zz]",
            "[::1]x",
            ":443",
            "a:b:c",
            "idms.example?x",
            "idms.example#x",
        ] {
            let text = format!("POST /t HTTP/1.1\r\nHost: {host}\r\n\r\n");
            let err = request(&text).unwrap_err();
            assert_eq!(err.code(), "http_host_invalid", "{host}");
            assert!(!err.to_string().contains(host), "{err}");
        }
        let twice = "POST /t HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n";
        assert_eq!(request(twice).unwrap_err().code(), "http_host_invalid");
    }

    /// A value the core writes can never end its line: written text reads back with the same
    /// header fields and no other (RFC 9110 §5.5, RFC 9112 §2.2).
    #[test]
    fn rfc9110_5_5_cr_lf_nul_in_a_written_field_become_sp_and_inject_no_line() {
        let mut request = HttpRequest::form_post("https://idms.example/token", "a=b");
        request.headers.push(("X-Trace".into(), "1\r\nTransfer-Encoding: chunked".into()));
        request.headers.push(("X-Nul".into(), "v\0\rw".into()));
        let text = request.to_text();
        for injected in ["\r\nTransfer-Encoding", "\0"] {
            assert!(!text.contains(injected), "{injected:?} in {text:?}");
        }
        let read = HttpRequest::parse_text(&text, ParseMode::Strict).unwrap().value;
        assert_eq!(read.header_count("transfer-encoding"), 0);
        assert_eq!(read.header("x-trace"), Some("1  Transfer-Encoding: chunked"));
        assert_eq!((read.header("x-nul"), read.body.as_slice()), (Some("v  w"), b"a=b".as_slice()));
        // A header name is written on one line too (the text then does not read: a space in a name).
        request.headers.push(("X-Name\r\nX-Injected".into(), "v".into()));
        assert!(!request.to_text().contains("\nX-Injected"));

        let mut response = HttpResponse::json(200, "{}");
        response.headers.push(("X-Trace".into(), "1\r\nSet-Cookie: session=evil\r\n\r\n<html>".into()));
        let text = response.to_text();
        let read = HttpResponse::parse_text(&text).unwrap();
        assert_eq!((read.header("set-cookie"), read.body.as_slice()), (None, b"{}".as_slice()), "{text:?}");
    }

    /// A method or URL written with a line break cannot add a line either.
    #[test]
    fn rfc9112_2_2_a_written_method_or_url_with_a_line_break_stays_on_the_request_line() {
        let mut request = HttpRequest::form_post("https://idms.example/t", "");
        request.method = "GET /admin HTTP/1.1\r\nHost: evil.example\r\n\r\nPOST".into();
        let text = request.to_text();
        assert_eq!(text.matches("\r\n").count(), 4, "{text:?}");
        assert!(!text.contains("\r\nHost: evil"), "{text:?}");
        let mut request = HttpRequest::form_post("https://idms.example/t\r\nX-Url: 1\nHost: evil.example\r\n", "");
        request.method = "GET".into();
        let text = request.to_text();
        assert_eq!(text.matches("\r\n").count(), 4, "{text:?}");
        assert!(!text.contains("\nX-Url") && !text.contains("\nHost: evil"), "{text:?}");
    }

    /// RFC 9112 §2.2: "A recipient of such a bare CR MUST consider that element to be invalid";
    /// RFC 9110 §5.5: field values with CR, LF or NUL are "invalid and dangerous" (to be
    /// refused or replaced, never kept).
    #[test]
    fn rfc9112_2_2_bare_cr_or_nul_in_a_header_field_is_refused() {
        for field in ["X-Trace: 1\rTransfer-Encoding: chunked", "X-Trace: a\0b", "X-Tr\race: a"] {
            let text = format!("{HEAD}{field}\r\n\r\n");
            let err = request(&text).unwrap_err();
            assert_eq!(err.code(), "malformed_http", "{field:?}");
            assert!(err.to_string().contains("line 4"), "{err}");
            let response = format!("HTTP/1.1 200 OK\r\n{field}\r\n\r\n");
            assert_eq!(HttpResponse::parse_text(&response).unwrap_err().code(), "malformed_http", "{field:?}");
        }
        let err = request("POST /t\r HTTP/1.1\r\nHost: a\r\n\r\n").unwrap_err();
        assert!(err.to_string().contains("bare CR"), "{err}");
        assert!(HttpResponse::parse_text("HTTP/1.1 200 OK\0\r\n\r\n").is_err());
    }

    /// OWS is `*( SP / HTAB )` (RFC 9110 §5.6.3): other white space is part of the value, so a
    /// `Content-Length` ending in U+3000 or a form feed is not `1*DIGIT`.
    #[test]
    fn rfc9110_5_6_3_ows_is_spaces_and_tabs_only() {
        for value in ["3\u{3000}", "\u{a0}3", "3\x0c", "\x0b3"] {
            let text = format!("{HEAD}Content-Length: {value}\r\n\r\na=b");
            assert_eq!(request(&text).unwrap_err(), RequestError::HttpContentLengthInvalid, "{value:?}");
        }
        assert_eq!(request(&format!("{HEAD}Content-Length: \t3 \t\r\n\r\na=b")).unwrap().body, b"a=b");
    }

    /// RFC 9112 §2.3 `HTTP-version = HTTP-name "/" DIGIT "." DIGIT`; §4 `status-code = 3DIGIT`.
    #[test]
    fn rfc9112_4_status_code_is_three_digits_and_the_version_one_digit_each() {
        for line in [
            "HTTP/1.1 +200 OK",
            "HTTP/1.1 0200 OK",
            "HTTP/1.1 20 OK",
            "HTTP/1.10 200 OK",
            "HTTP/1. 200 OK",
            "HTTP/1.1x 200 OK",
        ] {
            let err = HttpResponse::parse_text(&format!("{line}\r\n\r\n")).unwrap_err();
            assert_eq!(err.code(), "malformed_http", "{line}");
        }
        assert_eq!(HttpResponse::parse_text("HTTP/1.0 204\r\n\r\n").unwrap().status, 204);
        for version in ["HTTP/1.10", "HTTP/1.", "HTTP/1.x"] {
            let err = request(&format!("POST /t {version}\r\nHost: a\r\n\r\n")).unwrap_err();
            assert!(err.to_string().contains("unsupported HTTP version"), "{err}");
        }
    }

    /// RFC 3986 §3.2.2: an `IP-literal` holds an `IPv6address` (or `IPvFuture`, not used for
    /// HTTP); a `reg-name`'s `%` starts a `pct-encoded` triplet.
    #[test]
    fn rfc3986_3_2_2_host_ip_literal_is_an_ipv6address_and_escapes_are_whole() {
        for host in ["[1::2::3]", "[:::]", "[1.2.3.4]", "[::1.2.3]", "[12345::1]", "idms%zz.example", "idms%4.example"]
        {
            let text = format!("POST /t HTTP/1.1\r\nHost: {host}\r\n\r\n");
            assert_eq!(request(&text).unwrap_err().code(), "http_host_invalid", "{host}");
        }
        for host in ["[::ffff:10.0.0.1]:8443", "idms%2Dx.example"] {
            let text = format!("POST /t HTTP/1.1\r\nHost: {host}\r\n\r\n");
            assert_eq!(request(&text).unwrap().url, format!("https://{host}/t"), "{host}");
        }
    }

    /// RFC 9112 §3.2.1: "If the target URI's path component is empty, the client MUST send "/" as
    /// the path within the origin-form of request-target"; the query stays, the fragment is
    /// never sent; `Host` is the authority "excluding any userinfo subcomponent and its "@"
    /// delimiter" (RFC 9110 §7.2).
    #[test]
    fn rfc9112_3_2_1_written_target_is_path_and_query_and_host_is_the_authority_alone() {
        // A token endpoint with a query and an empty path passes the endpoint policy.
        assert!(crate::EndpointPolicy::default().check("https://idms.example?x=1", "token endpoint").is_ok());
        for (url, line, host) in [
            ("https://idms.example?x=1", "POST /?x=1 HTTP/1.1", "idms.example"),
            ("https://idms.example:9031?x=/y", "POST /?x=/y HTTP/1.1", "idms.example:9031"),
            ("https://idms.example/t?x=1#frag", "POST /t?x=1 HTTP/1.1", "idms.example"),
            ("https://idms.example#frag/x", "POST / HTTP/1.1", "idms.example"),
            ("https://user:s3cret@idms.example/t", "POST /t HTTP/1.1", "idms.example"),
            ("https://[::1]:8443", "POST / HTTP/1.1", "[::1]:8443"),
        ] {
            let text = HttpRequest::form_post(url, "a=b").to_text();
            assert!(text.starts_with(&format!("{line}\r\nHost: {host}\r\n")), "{url}: {text:?}");
            assert!(!text.contains("s3cret") && !text.contains("frag"), "{text:?}");
            let read = HttpRequest::parse_text(&text, ParseMode::Strict).unwrap().value;
            assert_eq!(read.header("host"), Some(host), "{url}");
        }
    }

    /// RFC 9112 §3.2.2 `absolute-form = absolute-URI` (no fragment); RFC 9110 §4.2.4: "a
    /// recipient SHOULD parse for userinfo and treat its presence as an error".
    #[test]
    fn rfc9110_4_2_4_absolute_form_target_with_userinfo_or_fragment_is_refused() {
        for target in [
            "https://idms.example@evil.example/token",
            "https://user:s3cret@idms.example/token",
            "https://idms.example/token#x",
            "https://idms.example\\@evil.example/token",
            "https://[1::2::3]/token",
        ] {
            let err = request(&format!("POST {target} HTTP/1.1\r\nHost: idms.example\r\n\r\n")).unwrap_err();
            assert_eq!(err.code(), "malformed_http", "{target}");
            assert!(!err.to_string().contains("s3cret") && !err.to_string().contains("evil"), "{err}");
        }
        let read = request("POST https://idms.example:9031/token?x=1 HTTP/1.1\r\nHost: other.example\r\n\r\n");
        assert_eq!(read.unwrap().url, "https://idms.example:9031/token?x=1");
    }

    /// RFC 9112 §3.2.1 `origin-form = absolute-path [ "?" query ]`: no fragment, no white space
    /// or control character, no character RFC 3986 wants percent-encoded, whole escapes.
    #[test]
    fn rfc9112_3_2_1_origin_form_target_is_a_path_and_query() {
        for target in ["/token#x", "/to\tken", "/tok\u{e9}n", "/token?a=\"b\"", "/token%zz", "/a\\b", "/t\x01"] {
            let err = request(&format!("POST {target} HTTP/1.1\r\nHost: idms.example\r\n\r\n")).unwrap_err();
            assert_eq!(err.code(), "malformed_http", "{target:?}");
        }
        for target in ["/as/token.oauth2", "/t?x=1&y=/a?b", "/%41:@!$&'()*+,;=", "//double"] {
            let read = request(&format!("POST {target} HTTP/1.1\r\nHost: idms.example\r\n\r\n")).unwrap();
            assert_eq!(read.url, format!("https://idms.example{target}"));
        }
    }
}
