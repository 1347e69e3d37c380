//! The CLI's HTTP/1.1 client: the core builds every request and reads every reply; this module
//! only moves the bytes. Blocking, one request per connection (`Connection: close`), TLS with
//! rustls (ring provider), `http` only to loopback hosts and only when allowed.
//!
//! A probe must send requests as built — a GET, a wrong content type, an oversized body — and
//! see replies as received (every header, in order): so the client writes the core's
//! [`HttpRequest`] verbatim and returns an [`HttpResponse`] without interpreting the status.

mod cert;
mod tls;

pub(crate) use tls::{parse_pin, TlsOptions};

use mcx_connect::{EndpointPolicy, HttpRequest, HttpResponse};
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// Largest response head (status line and header fields) read.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Largest response body read.
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Why an exchange could not happen. The text never quotes a request body or header value.
#[derive(Debug)]
pub(crate) struct NetError {
    /// A stable code: `http_url_refused`, `http_connect_failed`, `tls_failed`, `http_io_failed`,
    /// `http_malformed_response`.
    pub(crate) code: &'static str,
    /// For people.
    pub(crate) description: String,
}

impl NetError {
    fn new(code: &'static str, description: impl Into<String>) -> Self {
        Self { code, description: description.into() }
    }
}

impl std::fmt::Display for NetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.description, self.code)
    }
}

/// The server certificate of a TLS connection, as shown in verbose output.
#[derive(Debug, Clone)]
pub(crate) struct PeerCertificate {
    /// The subject, `CN=…, O=…`.
    pub(crate) subject: String,
    /// `notAfter`, `YYYY-MM-DD HH:MM:SS UTC`.
    pub(crate) not_after: String,
    /// SHA-256 of the SubjectPublicKeyInfo, base64 (the `--pin-sha256` form).
    pub(crate) spki_sha256: String,
}

/// One request and its reply.
#[derive(Debug)]
pub(crate) struct Exchange {
    /// The reply as received.
    pub(crate) response: HttpResponse,
    /// From connecting to the last byte of the reply.
    pub(crate) elapsed: Duration,
    /// The server certificate (https only).
    pub(crate) peer: Option<PeerCertificate>,
}

/// The parts of an absolute `http`/`https` URL a request needs.
struct Target {
    https: bool,
    host: String,
    port: u16,
    authority: String,
    path_and_query: String,
}

fn split_url(url: &str) -> Result<Target, NetError> {
    let refused = |why: &str| NetError::new("http_url_refused", format!("cannot send to `{url}`: {why}"));
    let (https, rest) = if let Some(rest) = url.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = url.strip_prefix("http://") {
        (false, rest)
    } else {
        return Err(refused("not an http or https URL"));
    };
    let (authority, path_and_query) = match rest.find(['/', '?']) {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let path_and_query = match path_and_query {
        "" => "/".to_owned(),
        p if p.starts_with('?') => format!("/{p}"),
        p => p.split('#').next().unwrap_or(p).to_owned(),
    };
    let default_port = if https { 443 } else { 80 };
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (host, after) = v6.split_once(']').ok_or_else(|| refused("unclosed IPv6 literal"))?;
        match after.strip_prefix(':') {
            Some(port) => (host.to_owned(), port.parse().map_err(|_| refused("invalid port"))?),
            None => (host.to_owned(), default_port),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host.to_owned(), port.parse().map_err(|_| refused("invalid port"))?),
            None => (authority.to_owned(), default_port),
        }
    };
    if host.is_empty() || authority.contains('@') {
        return Err(refused("no host, or user information in the URL"));
    }
    Ok(Target { https, host, port, authority: authority.to_owned(), path_and_query })
}

/// Sends requests: the TLS trust, the loopback policy, a timeout.
pub(crate) struct Client {
    tls: TlsOptions,
    policy: EndpointPolicy,
    timeout: Duration,
    verbose: bool,
}

impl Client {
    /// A client; `allow_loopback_http` permits `http` to loopback hosts only.
    pub(crate) fn new(tls: TlsOptions, allow_loopback_http: bool, verbose: bool) -> Self {
        let policy = if allow_loopback_http { EndpointPolicy::ALLOW_LOOPBACK_HTTP } else { EndpointPolicy::HTTPS_ONLY };
        Self { tls, policy, timeout: Duration::from_secs(30), verbose }
    }

    /// Whether every exchange is shown on standard error.
    pub(crate) fn verbose(&self) -> bool {
        self.verbose
    }

    /// The endpoint policy the client enforces (for the core's builders).
    pub(crate) fn policy(&self) -> EndpointPolicy {
        self.policy
    }

    /// Sends `request` as built and reads the whole reply.
    pub(crate) fn send(&self, request: &HttpRequest) -> Result<Exchange, NetError> {
        self.policy
            .check(&request.url, "request URL")
            .map_err(|e| NetError::new("http_url_refused", format!("{e} (https only; see --allow-loopback-http)")))?;
        let target = split_url(&request.url)?;
        let started = Instant::now();
        let addresses: Vec<_> = (target.host.as_str(), target.port)
            .to_socket_addrs()
            .map_err(|e| NetError::new("http_connect_failed", format!("cannot resolve {}: {e}", target.host)))?
            .collect();
        // Every address in turn (`localhost` may resolve to ::1 first and listen on 127.0.0.1).
        let mut last = None;
        let tcp = addresses.iter().find_map(|address| match TcpStream::connect_timeout(address, self.timeout) {
            Ok(tcp) => Some(tcp),
            Err(e) => {
                last = Some(e);
                None
            }
        });
        let tcp = tcp.ok_or_else(|| {
            let why = last.map_or_else(|| "no address".to_owned(), |e| e.to_string());
            NetError::new("http_connect_failed", format!("cannot connect to {}: {why}", target.authority))
        })?;
        let io = |e: std::io::Error| NetError::new("http_io_failed", format!("{}: {e}", target.authority));
        tcp.set_read_timeout(Some(self.timeout)).map_err(io)?;
        tcp.set_write_timeout(Some(self.timeout)).map_err(io)?;
        let head = request_head(request, &target);
        let (raw, peer) = if target.https {
            let mut stream = self.tls.connect(&target.host, tcp)?;
            let peer = tls::peer_certificate(&stream.conn);
            if let (true, Some(peer)) = (self.verbose, &peer) {
                eprintln!(
                    "* TLS {}: subject {}, expires {}, SPKI sha256 {}",
                    target.authority, peer.subject, peer.not_after, peer.spki_sha256
                );
            }
            (exchange_bytes(&mut stream, &head, &request.body).map_err(|e| tls::io_error(&target.authority, e))?, peer)
        } else {
            let mut tcp = tcp;
            (exchange_bytes(&mut tcp, &head, &request.body).map_err(io)?, None)
        };
        let response = parse_response(&raw)?;
        Ok(Exchange { response, elapsed: started.elapsed(), peer })
    }
}

/// The request line and header fields: `Host` first, then the request's own fields, a
/// `Content-Length` when the request has a body and none of its own, `Connection: close`.
fn request_head(request: &HttpRequest, target: &Target) -> Vec<u8> {
    let mut head = format!("{} {} HTTP/1.1\r\nHost: {}\r\n", request.method, target.path_and_query, target.authority);
    for (name, value) in &request.headers {
        if !name.eq_ignore_ascii_case("host") && !name.eq_ignore_ascii_case("connection") {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    if request.header("content-length").is_none() && (!request.body.is_empty() || request.method == "POST") {
        head.push_str(&format!("Content-Length: {}\r\n", request.body.len()));
    }
    head.push_str("Accept: application/json\r\nUser-Agent: mcx-connect-cli\r\nConnection: close\r\n\r\n");
    head.into_bytes()
}

/// Writes the request and reads the reply until the server closes (or the framing is complete).
fn exchange_bytes(stream: &mut (impl Read + Write), head: &[u8], body: &[u8]) -> std::io::Result<Vec<u8>> {
    stream.write_all(head)?;
    // A server may answer (413) and close before an oversized body is written: read its reply.
    let written = stream.write_all(body).and_then(|()| stream.flush());
    let mut raw = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                raw.extend_from_slice(buffer.get(..n).unwrap_or_default());
                if raw.len() > MAX_HEAD_BYTES + MAX_BODY_BYTES || framing_complete(&raw) {
                    break;
                }
            }
            // Servers that close without TLS close_notify, or reset after answering early.
            Err(e) if !raw.is_empty() && is_close(&e) => break,
            Err(e) => return Err(written.err().unwrap_or(e)),
        }
    }
    Ok(raw)
}

fn is_close(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::BrokenPipe
    )
}

/// True when `raw` holds a whole reply framed by `Content-Length` (so a server that keeps the
/// connection open despite `Connection: close` does not stall the client).
fn framing_complete(raw: &[u8]) -> bool {
    let Some(end) = find_head_end(raw) else { return false };
    let head = String::from_utf8_lossy(raw.get(..end).unwrap_or_default()).to_ascii_lowercase();
    head.lines()
        .find_map(|line| line.strip_prefix("content-length:").and_then(|v| v.trim().parse::<usize>().ok()))
        .is_some_and(|length| raw.len() >= end + 4 + length)
}

fn find_head_end(raw: &[u8]) -> Option<usize> {
    raw.windows(4).position(|w| w == b"\r\n\r\n")
}

/// Reads a reply: status line, header fields, body (`Content-Length`, chunked, or to the close).
fn parse_response(raw: &[u8]) -> Result<HttpResponse, NetError> {
    let malformed = |why: &str| NetError::new("http_malformed_response", format!("the reply is not HTTP/1.1: {why}"));
    let end = find_head_end(raw).ok_or_else(|| malformed("no complete header section"))?;
    if end > MAX_HEAD_BYTES {
        return Err(malformed("the header section is over 64 KiB"));
    }
    let head = std::str::from_utf8(raw.get(..end).unwrap_or_default()).map_err(|_| malformed("header not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next().unwrap_or_default();
    if !version.starts_with("HTTP/1.") {
        return Err(malformed("no HTTP/1.x status line"));
    }
    let status: u16 = parts.next().and_then(|s| s.parse().ok()).ok_or_else(|| malformed("no status code"))?;
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':').ok_or_else(|| malformed("a header field without `:`"))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let rest = raw.get(end + 4..).unwrap_or_default();
    let header = |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let body = if header("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        dechunk(rest).ok_or_else(|| malformed("bad chunked body"))?
    } else if let Some(length) = header("content-length") {
        let length: usize = length.parse().map_err(|_| malformed("bad Content-Length"))?;
        rest.get(..length).ok_or_else(|| malformed("the body is shorter than its Content-Length"))?.to_vec()
    } else {
        rest.to_vec()
    };
    if body.len() > MAX_BODY_BYTES {
        return Err(malformed("the body is over 1 MiB"));
    }
    Ok(HttpResponse { status, headers, body })
}

fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(rest.get(..line_end)?).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        rest = rest.get(line_end + 2..)?;
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_framed_by_length_chunks_or_close_are_read() {
        let length = parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX: a\r\nx: b\r\n\r\n{}").unwrap();
        assert_eq!((length.status, length.body.as_slice(), length.headers.len()), (200, &b"{}"[..], 3));
        let chunked =
            parse_response(b"HTTP/1.1 400 Bad\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n").unwrap();
        assert_eq!(chunked.body, b"{}");
        let closed = parse_response(b"HTTP/1.0 200 OK\r\n\r\nabc").unwrap();
        assert_eq!(closed.body, b"abc");
        assert_eq!(parse_response(b"SSH-2.0\r\n\r\n").unwrap_err().code, "http_malformed_response");
    }

    #[test]
    fn urls_are_split_into_host_port_and_target() {
        let t = split_url("http://127.0.0.1:8080/partner/a/token?x=1#f").unwrap();
        assert_eq!((t.host.as_str(), t.port, t.path_and_query.as_str()), ("127.0.0.1", 8080, "/partner/a/token?x=1"));
        let t = split_url("https://[::1]/").unwrap();
        assert_eq!((t.host.as_str(), t.port, t.https), ("::1", 443, true));
        assert!(split_url("ftp://x/").is_err());
        assert!(split_url("https://user@host/").is_err());
    }
}
