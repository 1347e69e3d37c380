//! HTTP/1.1 messages as text (RFC 9112), for tools and tests: the CLI prints built requests
//! this way and reads requests pasted from a capture or from the specification.
//!
//! The request target of an incoming request is resolved against its `Host` header with the
//! `https` scheme (token endpoints are only reached over TLS). Lenient reading also accepts
//! the blank lines that TS 33.180 B.7.2's example prints between header fields, and reports it.

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

fn split_head<'a>(text: &'a str, mode: ParseMode, report: &mut Vec<Normalisation>) -> Result<Head<'a>, RequestError> {
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
            return Err(malformed(format!("obsolete line folding at line {line_number}")));
        }
        let (name, value) =
            line.split_once(':').ok_or_else(|| malformed(format!("line {line_number} is not a header field")))?;
        if !looks_like_header(line) {
            return Err(malformed(format!("line {line_number} has an invalid header name `{}`", printable(name, 40))));
        }
        headers.push((name.to_owned(), value.trim().to_owned()));
    }
    Ok(Head { start_line, headers, body: rest })
}

fn body_bytes(head: &Head<'_>) -> Result<Vec<u8>, RequestError> {
    let content_length = head.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-length"));
    match content_length {
        Some((_, value)) => {
            let length: usize = value.parse().map_err(|_| malformed("Content-Length is not a number"))?;
            let body = head.body.as_bytes();
            body.get(..length)
                .map(<[u8]>::to_vec)
                .ok_or_else(|| malformed(format!("Content-Length is {length} but the body has {} bytes", body.len())))
        }
        None => Ok(head
            .body
            .strip_suffix('\n')
            .map(|b| b.strip_suffix('\r').unwrap_or(b))
            .unwrap_or(head.body)
            .as_bytes()
            .to_vec()),
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
        let head = split_head(text, mode, &mut report)?;
        let mut parts = head.start_line.split(' ');
        let (Some(method), Some(target), Some(version), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed("the request line is not `METHOD target HTTP/1.1`"));
        };
        if !version.starts_with("HTTP/1.") {
            return Err(malformed(format!("unsupported HTTP version `{}`", printable(version, 16))));
        }
        if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(malformed(format!("invalid method `{}`", printable(method, 16))));
        }
        let url = if target.starts_with('/') {
            let host = head.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("host")).map(|(_, v)| v.as_str());
            let host = host.filter(|h| !h.is_empty()).ok_or_else(|| malformed("the request has no Host header"))?;
            format!("https://{host}{target}")
        } else if target.contains("://") {
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
    pub fn to_text(&self) -> String {
        let (host, target) = split_url(&self.url);
        let mut text = format!("{} {} HTTP/1.1\r\nHost: {}\r\n", self.method, target, host);
        for (name, value) in &self.headers {
            if !name.eq_ignore_ascii_case("host") && !name.eq_ignore_ascii_case("content-length") {
                text.push_str(&format!("{name}: {value}\r\n"));
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

fn split_url(url: &str) -> (&str, &str) {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(slash) => after_scheme.split_at(slash),
        None => (after_scheme, "/"),
    }
}

impl HttpResponse {
    /// Reads an HTTP/1.1 response written as text.
    ///
    /// ```
    /// use mcx_connect::HttpResponse;
    /// let response = HttpResponse::parse_text("HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{\"error\":\"invalid_grant\"}").unwrap();
    /// assert_eq!(response.status, 400);
    /// ```
    pub fn parse_text(text: &str) -> Result<HttpResponse, RequestError> {
        let head = split_head(text, ParseMode::Strict, &mut Vec::new())?;
        let mut parts = head.start_line.splitn(3, ' ');
        let version = parts.next().unwrap_or_default();
        if !version.starts_with("HTTP/1.") {
            return Err(malformed("the status line does not start with HTTP/1.x"));
        }
        let status = parts.next().and_then(|s| s.parse::<u16>().ok()).filter(|s| (100..=599).contains(s));
        let status = status.ok_or_else(|| malformed("the status line has no status code from 100 to 599"))?;
        Ok(HttpResponse { status, headers: head.headers.clone(), body: body_bytes(&head)? })
    }

    /// Writes the response as HTTP/1.1 text with `Content-Length`.
    pub fn to_text(&self) -> String {
        let mut text = format!("HTTP/1.1 {} {}\r\n", self.status, reason_phrase(self.status));
        for (name, value) in &self.headers {
            if !name.eq_ignore_ascii_case("content-length") {
                text.push_str(&format!("{name}: {value}\r\n"));
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
        let err = HttpRequest::parse_text("POST /t HTTP/1.1\nHost: a\nContent-Length: 10\n\nab", ParseMode::Strict)
            .unwrap_err();
        assert!(err.to_string().contains("Content-Length"));
    }
}
