//! A small RFC 3986 reader for the absolute URIs this profile carries (token endpoints, the
//! `resource` of a token exchange, `redirect_uri`). It checks syntax only and never resolves
//! or normalises; the `url` crate would bring IDNA tables into every wasm build for nothing.

/// The parts of an absolute hierarchical URI (`scheme://authority/path?query#fragment`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UriParts<'a> {
    /// Scheme, as written (compare case-insensitively).
    pub(crate) scheme: &'a str,
    /// Host: a registered name, an IPv4 address or a bracketed IP literal.
    pub(crate) host: &'a str,
    /// Explicit port, if any.
    pub(crate) port: Option<u16>,
    /// Whether the URI carries a `#fragment`.
    pub(crate) has_fragment: bool,
}

/// Why a string is not an acceptable absolute URI. The text is safe to show: it never quotes
/// the URI itself.
pub(crate) fn parse_absolute(input: &str) -> Result<UriParts<'_>, &'static str> {
    // Endpoints are checked by the thousand in a large profile: the usual shape in one pass,
    // anything else (and every error) by the full reader.
    match parse_plain(input) {
        Some(parts) => Ok(parts),
        None => parse_full(input),
    }
}

/// The usual shape, `scheme://host[:port][/path][?query]` without user information, IP literal,
/// percent escape or fragment, read in one pass with one table look-up per byte. `None` for
/// anything else, which the full reader then reads: this accepts only what [`parse_full`]
/// accepts, with the same parts (a test compares the two), so it never decides an error.
fn parse_plain(input: &str) -> Option<UriParts<'_>> {
    let bytes = input.as_bytes();
    // The scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), up to the first `:`.
    if !bytes.first()?.is_ascii_alphabetic() {
        return None;
    }
    let mut at = 1;
    while let Some(&b) = bytes.get(at) {
        if b == b':' {
            break;
        }
        if !is_scheme_byte(b) {
            return None;
        }
        at += 1;
    }
    let scheme = input.get(..at)?;
    if bytes.get(at..at + 3)? != b"://" {
        return None;
    }
    // The host: a registered name without percent escapes.
    at += 3;
    let host_start = at;
    while bytes.get(at).is_some_and(|&b| class(b) & (UNRESERVED | SUB_DELIM) != 0) {
        at += 1;
    }
    let host = input.get(host_start..at)?;
    if host.is_empty() {
        return None;
    }
    // The port: one to five digits, at most 65535.
    let mut port = None;
    if bytes.get(at) == Some(&b':') {
        at += 1;
        let digits_start = at;
        let mut value = 0u32;
        while let Some(digit) = bytes.get(at).filter(|b| b.is_ascii_digit()) {
            value = value * 10 + u32::from(digit - b'0');
            at += 1;
            if at - digits_start > 5 {
                return None;
            }
        }
        if at == digits_start {
            return None;
        }
        port = Some(u16::try_from(value).ok()?);
    }
    // The path and the query: `pchar`s without `%`, `/`, and `?` in the query.
    let mut allowed = PCHAR_PLAIN | SLASH;
    if !matches!(bytes.get(at), None | Some(b'/' | b'?')) {
        return None;
    }
    for &b in bytes.get(at..)? {
        if b == b'?' {
            allowed |= QUESTION;
        }
        if class(b) & allowed == 0 {
            return None;
        }
    }
    Some(UriParts { scheme, host, port, has_fragment: false })
}

/// Every absolute URI, with the reason for refusing one (the first problem, in a fixed order).
fn parse_full(input: &str) -> Result<UriParts<'_>, &'static str> {
    if input.is_empty() {
        return Err("it is empty");
    }
    // One pass over the bytes (comparisons only, so that it is vectorised): a control byte is
    // reported before a non-ASCII one, wherever they are, and the rarer delimiters seen tell
    // which later searches are needed.
    let (mut control, mut high) = (false, 0u8);
    let (mut hash, mut at, mut question, mut percent) = (false, false, false, false);
    for b in input.bytes() {
        control |= b <= b' ' || b == 0x7f;
        high |= b;
        hash |= b == b'#';
        at |= b == b'@';
        question |= b == b'?';
        percent |= b == b'%';
    }
    if control {
        return Err("it contains whitespace or control characters");
    }
    if high >= 0x80 {
        return Err("it contains non-ASCII characters (percent-encode them)");
    }
    let colon = position(input, |b| b == b':').ok_or("it has no scheme (expected e.g. `https://`)")?;
    let (scheme, rest) = input.split_at(colon);
    let rest = rest.get(1..).unwrap_or_default();
    let scheme_ok =
        scheme.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()) && scheme.bytes().all(is_scheme_byte);
    if !scheme_ok {
        return Err("it has no valid scheme (expected e.g. `https://`)");
    }
    let rest = rest.strip_prefix("//").ok_or("it has no `//` authority after the scheme")?;
    let fragment_at = if hash { position(rest, |b| b == b'#') } else { None };
    let (before_fragment, has_fragment) = match fragment_at.map(|at| rest.split_at(at)) {
        Some((before, fragment)) => {
            if !all(fragment.get(1..).unwrap_or_default(), PCHAR | SLASH | QUESTION) {
                return Err("its fragment contains characters that must be percent-encoded");
            }
            (before, true)
        }
        None => (rest, false),
    };
    let authority_end = position(before_fragment, |b| b == b'/' || b == b'?').unwrap_or(before_fragment.len());
    let (authority, path_query) = before_fragment.split_at(authority_end);
    if at && position(authority, |b| b == b'@').is_some() {
        return Err("it carries user information (`user@`) in its authority");
    }
    let (host, port) = split_host_port(authority)?;
    check_host(host)?;
    let query_at = if question { position(path_query, |b| b == b'?') } else { None };
    let (path, query) = match query_at {
        Some(at) => (path_query.get(..at).unwrap_or_default(), path_query.get(at + 1..)),
        None => (path_query, None),
    };
    if !all(path, PCHAR | SLASH) {
        return Err("its path contains characters that must be percent-encoded");
    }
    if let Some(query) = query {
        if !all(query, PCHAR | SLASH | QUESTION) {
            return Err("its query contains characters that must be percent-encoded");
        }
    }
    if percent {
        check_percent_escapes(input)?;
    }
    Ok(UriParts { scheme, host, port, has_fragment })
}

/// `input` with its scheme and host in lower case, RFC 3986 §6.2.2.1: both are case-insensitive,
/// so `HTTPS://IdMS.Partner.Example/token` and `https://idms.partner.example/token` name the same
/// token endpoint. The hexadecimal digits of a percent-escape in the host are written in upper
/// case, as that clause asks; the port, path and query are kept as written (their case matters).
/// Borrowed when there is nothing to change; text that is not an absolute URI as written.
pub(crate) fn case_normalised(input: &str) -> std::borrow::Cow<'_, str> {
    match parse_absolute(input).ok().and_then(|parts| lowered(input, &parts)) {
        Some(changed) => std::borrow::Cow::Owned(changed),
        None => std::borrow::Cow::Borrowed(input),
    }
}

/// `input`, whose parts are `parts`, with its scheme and host written as [`case_normalised`]
/// says; `None` when that changes nothing.
fn lowered(input: &str, parts: &UriParts<'_>) -> Option<String> {
    // No user information is accepted, so the host follows `scheme://` at once.
    let host_start = parts.scheme.len() + 3;
    let host_end = host_start + parts.host.len();
    let (scheme, host) = (input.get(..parts.scheme.len())?, input.get(host_start..host_end)?);
    // The host's escapes were checked: each `%` is followed by two hexadecimal digits.
    let after_percent =
        |at: usize, back: usize| at.checked_sub(back).and_then(|i| host.as_bytes().get(i)) == Some(&b'%');
    let escape_digit = |at: usize| after_percent(at, 1) || after_percent(at, 2);
    let wanted = |(at, b): (usize, u8)| if escape_digit(at) { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() };
    let changed =
        scheme.bytes().any(|b| b.is_ascii_uppercase()) || host.bytes().enumerate().any(|ab| wanted(ab) != ab.1);
    if !changed {
        return None;
    }
    let mut out = String::with_capacity(input.len());
    out.push_str(&scheme.to_ascii_lowercase());
    out.push_str("://");
    out.extend(host.bytes().enumerate().map(|ab| char::from(wanted(ab))));
    out.push_str(input.get(host_end..)?);
    Some(out)
}

/// Whether `a` and `b` name the same resource: equal as written, or equal once both are read as
/// absolute URIs with their scheme and host case normalised ([`case_normalised`]). Text that is
/// not an absolute URI is only ever equal as written (a normalised form is always a URI).
pub(crate) fn same_resource(a: &str, b: &str) -> bool {
    a == b || case_normalised(a) == case_normalised(b)
}

fn split_host_port(authority: &str) -> Result<(&str, Option<u16>), &'static str> {
    if authority.is_empty() {
        return Err("it has an empty host");
    }
    let (host, port) = if authority.starts_with('[') {
        let close = authority.find(']').ok_or("its IP literal has no closing `]`")?;
        let (host, after) = authority.split_at(close + 1);
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':').ok_or("it has text after the IP literal")?)),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port {
        None | Some("") => None,
        Some(digits) => {
            if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 5 {
                return Err("its port is not a number from 0 to 65535");
            }
            Some(digits.parse::<u16>().map_err(|_| "its port is not a number from 0 to 65535")?)
        }
    };
    Ok((host, port))
}

fn check_host(host: &str) -> Result<(), &'static str> {
    if host.is_empty() {
        return Err("it has an empty host");
    }
    if let Some(literal) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return if is_ipv6_address(literal) { Ok(()) } else { Err("its IP literal is not an IPv6 address") };
    }
    if all(host, UNRESERVED | SUB_DELIM | PERCENT) {
        Ok(())
    } else {
        Err("its host contains characters not allowed in a host name")
    }
}

/// `IPv6address` (RFC 3986 §3.2.2, the text forms of RFC 4291 §2.2): eight groups of one to
/// four hexadecimal digits, one `::` for a run of zero groups, the last two groups possibly an
/// IPv4 address of four `dec-octet`s; no zone identifier. `[1::2::3]` or `[:::]` is none.
pub(crate) fn is_ipv6_address(text: &str) -> bool {
    text.parse::<std::net::Ipv6Addr>().is_ok()
}

pub(crate) fn check_percent_escapes(input: &str) -> Result<(), &'static str> {
    let bytes = input.as_bytes();
    let hex = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_hexdigit);
    // An escape's own digits are never `%`, so each `%` starts an escape.
    let bad = bytes.iter().enumerate().any(|(at, &b)| b == b'%' && !(hex(at + 1) && hex(at + 2)));
    if bad {
        return Err("it has a `%` that is not followed by two hexadecimal digits");
    }
    Ok(())
}

/// Byte classes of RFC 3986 § 2–3, one table look-up per byte (endpoints are checked by the
/// thousand in a large profile).
const UNRESERVED: u8 = 1 << 0; // ALPHA DIGIT - . _ ~
const SUB_DELIM: u8 = 1 << 1; // ! $ & ' ( ) * + , ; =
const PERCENT: u8 = 1 << 2; // %
const COLON: u8 = 1 << 3; // :
const AT: u8 = 1 << 4; // @
const SLASH: u8 = 1 << 5; // /
const QUESTION: u8 = 1 << 6; // ?
const HASH: u8 = 1 << 7; // # (in no class of a URI's parts: it only starts the fragment)
/// `pchar` (§ 3.3): unreserved, pct-encoded (its `%`), sub-delims, `:` and `@`.
const PCHAR: u8 = UNRESERVED | SUB_DELIM | PERCENT | COLON | AT;
/// `pchar` without `%` (no escape to check).
const PCHAR_PLAIN: u8 = UNRESERVED | SUB_DELIM | COLON | AT;

static CLASSES: [u8; 256] = classes();

// Evaluated at compile time: an index out of bounds would fail the build, not panic.
#[allow(clippy::indexing_slicing)]
const fn classes() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let mut class = 0;
        if c.is_ascii_alphanumeric() {
            class |= UNRESERVED;
        }
        class |= match c {
            b'-' | b'.' | b'_' | b'~' => UNRESERVED,
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b',' | b';' | b'=' => SUB_DELIM,
            b'%' => PERCENT,
            b'+' => SUB_DELIM,
            b':' => COLON,
            b'@' => AT,
            b'/' => SLASH,
            b'?' => QUESTION,
            b'#' => HASH,
            _ => 0,
        };
        table[b] = class;
        b += 1;
    }
    table
}

fn class(b: u8) -> u8 {
    CLASSES.get(usize::from(b)).copied().unwrap_or(0)
}

/// Whether every byte of `text` is in one of `classes`.
fn all(text: &str, classes: u8) -> bool {
    text.bytes().all(|b| class(b) & classes != 0)
}

/// The scheme: ALPHA, DIGIT, `+`, `-`, `.` (the first byte is checked to be ALPHA on its own).
fn is_scheme_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
}

/// The first byte of `text` that matches (a plain loop: endpoints are short, shorter than what
/// a vectorised search pays to set up).
fn position(text: &str, matches: impl Fn(u8) -> bool) -> Option<usize> {
    text.bytes().position(matches)
}

/// Whether `host` names this machine: `localhost`, `127.0.0.0/8`, `[::1]`.
///
/// A name under `localhost` (`idms.localhost`) is not: RFC 6761 §6.3 asks resolvers to answer
/// loopback for it, but many do not (a stub resolver without such a rule sends it to the DNS),
/// and the host application's resolver is unknown here. Plain `http` to a name some resolver
/// sends to the network would carry tokens in clear, so only `localhost` itself, which every
/// hosts file names, and the loopback addresses count (RFC 8252 §8.3 prefers the addresses).
///
/// An address in `127.0.0.0/8` is an RFC 3986 §3.2.2 `IPv4address`: four `dec-octet`s, with
/// no sign and no leading zero. Any other spelling (`127.0.0.09`, `127.0.0.+1`) is a `reg-name`
/// that a resolver may look up in the DNS, and so names no particular machine.
pub(crate) fn is_loopback_host(host: &str) -> bool {
    let lower = host.to_ascii_lowercase();
    if lower == "localhost" {
        return true;
    }
    // `::1` in any of its text forms (`[0:0:0:0:0:0:0:1]`, RFC 4291 §2.2, §2.5.3); an
    // IPv4-mapped address (`[::ffff:127.0.0.1]`) is not the IPv6 loopback address.
    if let Some(literal) = lower.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return literal.parse::<std::net::Ipv6Addr>().is_ok_and(|address| address.is_loopback());
    }
    let octets: Vec<&str> = lower.split('.').collect();
    octets.len() == 4 && octets.first() == Some(&"127") && octets.iter().all(|octet| is_dec_octet(octet))
}

/// `dec-octet` (RFC 3986 §3.2.2): `0` to `255` in decimal digits without a leading zero.
fn is_dec_octet(text: &str) -> bool {
    let digits = text.bytes().all(|b| b.is_ascii_digit());
    let leading_zero = text.len() > 1 && text.starts_with('0');
    digits && !leading_zero && !text.is_empty() && text.len() <= 3 && text.parse::<u8>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3986_6_2_2_1_scheme_and_host_are_compared_without_case_and_the_path_with_it() {
        use std::borrow::Cow;
        assert_eq!(
            case_normalised("HTTPS://IdMS.Partner.Example:8443/Token?A=B"),
            "https://idms.partner.example:8443/Token?A=B"
        );
        assert!(matches!(case_normalised("https://idms.partner.example/token"), Cow::Borrowed(_)));
        // A percent-escape's digits in the host in upper case, every other letter in lower case.
        assert_eq!(case_normalised("https://A%2fB%c3%A9.Example/%2f"), "https://a%2Fb%C3%A9.example/%2f");
        assert_eq!(case_normalised("https://[::FFFF:A00:1]/x"), "https://[::ffff:a00:1]/x");
        // Text that is not an absolute URI is kept as written, even its upper-case letters.
        assert!(matches!(case_normalised("NOT a uri"), Cow::Borrowed("NOT a uri")));
        assert!(same_resource("HTTPS://IDMS.PARTNER.EXAMPLE/token", "https://idms.partner.example/token"));
        assert!(!same_resource("https://idms.partner.example/TOKEN", "https://idms.partner.example/token"));
        assert!(!same_resource("https://idms.partner.example:443/token", "https://idms.partner.example/token"));
        assert!(!same_resource("Client-A", "client-a"), "text that is not a URI is compared as written");
    }

    #[test]
    fn rfc3986_absolute_https_uri_with_port_path_and_query_is_read() {
        let parts = parse_absolute("https://IdM.partner_server.com:9031/as/token.oauth2?x=1").unwrap();
        assert_eq!(parts.scheme, "https");
        assert_eq!(parts.host, "IdM.partner_server.com");
        assert_eq!(parts.port, Some(9031));
        assert!(!parts.has_fragment);
    }

    #[test]
    fn rfc3986_a_bare_host_has_no_scheme() {
        assert_eq!(parse_absolute("IdM.partner_server.com"), Err("it has no scheme (expected e.g. `https://`)"));
        assert!(parse_absolute(" https://a.example").is_err());
        assert!(parse_absolute("https://").is_err());
        assert!(parse_absolute("https://u:p@a.example/").is_err());
        assert!(parse_absolute("https://a.example:99999/").is_err());
        assert!(parse_absolute("https://a.example/%zz").is_err());
        assert!(parse_absolute("https://[::1/").is_err());
        assert!(parse_absolute("https://a.example/\u{e9}").is_err());
    }

    #[test]
    fn rfc3986_2_byte_classes_follow_the_abnf() {
        for b in 0u8..=255 {
            let Ok(c) = std::str::from_utf8(&[b]).map(str::to_owned) else { continue };
            let ch = char::from(b);
            let unreserved = ch.is_ascii_alphanumeric() || "-._~".contains(ch);
            let sub_delim = "!$&'()*+,;=".contains(ch);
            assert_eq!(all(&c, UNRESERVED), unreserved, "{b}");
            assert_eq!(all(&c, SUB_DELIM), sub_delim, "{b}");
            assert_eq!(all(&c, PCHAR), unreserved || sub_delim || ":@%".contains(ch), "{b}");
            assert_eq!(is_scheme_byte(b), ch.is_ascii_alphanumeric() || "+-.".contains(ch), "{b}");
            assert_eq!(all(&c, SLASH | QUESTION | HASH), "/?#".contains(ch), "{b}");
        }
        assert_eq!(
            parse_absolute("https://a.example/%4"),
            Err("it has a `%` that is not followed by two hexadecimal digits")
        );
        assert!(parse_absolute("https://a.example/%41%2f?q=%25#%7E").is_ok());
        assert!(parse_absolute("https://a.example/x@y?a@b#c@d").is_ok());
        assert_eq!(
            parse_absolute("https://a.example/#x#y"),
            Err("its fragment contains characters that must be percent-encoded")
        );
        assert_eq!(
            parse_absolute("https://a.example?x=[1]"),
            Err("its query contains characters that must be percent-encoded")
        );
        assert_eq!(parse_absolute("https://a.example/\u{e9} x"), Err("it contains whitespace or control characters"));
    }

    /// The one-pass reading of the usual shape accepts only what the full reader accepts, with
    /// the same parts: every URI one edit (a byte replaced, inserted or removed) away from a
    /// set of endpoints, over every ASCII byte and two non-ASCII characters.
    /// URIs of every shape the readers take: the usual one, sub-delimiters, escapes, IP literals.
    const SEEDS: [&str; 10] = [
        "https://idms.partner.example/token",
        "https://IdM.partner_server.com:9031/as/token.oauth2?x=1&y=/a?b",
        "http://127.0.0.1:8080/t",
        "https://h",
        "https://h:1",
        "https://h:65535?",
        "s+a.b-c://a-b.c_d~e!$&'()*+,;=:0/p:@x/;=?q:@/?",
        "https://a.example/%41#f",
        "https://u@[::1]:1/",
        "HTTPS://A%2fB.Example:8443/P%2f?Q#F",
    ];

    /// `seed` and every text one character away from it (removed, inserted or replaced), over
    /// ASCII and two non-ASCII characters.
    fn one_character_changes(seed: &str) -> Vec<String> {
        let alphabet: Vec<char> = (0u8..=127).map(char::from).chain(['\u{e9}', '\u{2028}']).collect();
        let mut cases = vec![seed.to_owned()];
        let boundaries: Vec<usize> = seed.char_indices().map(|(at, _)| at).chain([seed.len()]).collect();
        for &at in &boundaries {
            let (before, after) = seed.split_at(at);
            let rest = after.get(after.chars().next().map_or(0, char::len_utf8)..).unwrap_or_default();
            cases.push(format!("{before}{rest}"));
            for &ch in &alphabet {
                cases.push(format!("{before}{ch}{after}"));
                cases.push(format!("{before}{ch}{rest}"));
            }
        }
        cases
    }

    #[test]
    fn rfc3986_6_2_2_1_case_normalising_keeps_a_uri_readable_with_the_same_parts_and_is_idempotent() {
        let mut normalised = 0;
        for seed in SEEDS {
            for case in &one_character_changes(seed) {
                let form = case_normalised(case);
                if parse_absolute(case).is_err() {
                    assert_eq!(form, *case, "not a URI: kept as written");
                    continue;
                }
                let (before, after) = (parse_absolute(case), parse_absolute(&form));
                let (Ok(before), Ok(after)) = (before, after) else { panic!("{case:?} -> {form:?}") };
                assert!(
                    before.scheme.eq_ignore_ascii_case(after.scheme) && before.host.eq_ignore_ascii_case(after.host)
                );
                assert_eq!((before.port, before.has_fragment), (after.port, after.has_fragment), "{case:?}");
                assert!(case.eq_ignore_ascii_case(&form), "only the case of letters changes: {case:?}");
                assert_eq!(case_normalised(&form), form, "idempotent: {case:?}");
                assert!(same_resource(case, &form) && same_resource(&form, case), "{case:?}");
                normalised += usize::from(form != *case);
            }
        }
        assert!(normalised > 1_000, "{normalised}");
    }

    #[test]
    fn rfc3986_3_the_one_pass_reading_agrees_with_the_full_reader() {
        let (mut plain, mut total) = (0, 0);
        for seed in SEEDS {
            for case in &one_character_changes(seed) {
                total += 1;
                if let Some(parts) = parse_plain(case) {
                    plain += 1;
                    assert_eq!(Ok(parts), parse_full(case), "{case:?}");
                }
            }
        }
        // Both paths were taken many times (the usual shapes by the one-pass reading).
        assert!(parse_plain(SEEDS[0]).is_some() && parse_plain(SEEDS[6]).is_some());
        assert!(parse_plain(SEEDS[7]).is_none() && parse_plain(SEEDS[8]).is_none());
        assert!(plain > 5_000 && total - plain > 5_000, "{plain} of {total}");
    }

    #[test]
    fn rfc3986_3_2_2_ip_literal_must_be_an_ipv6address() {
        for host in ["[::1]", "[2001:db8::1]", "[::ffff:127.0.0.1]", "[1:2:3:4:5:6:7:8]", "[1:2:3:4:5:6:7::]", "[::]"] {
            assert!(parse_absolute(&format!("https://{host}/t")).is_ok(), "{host}");
        }
        for host in [
            "[1::2::3]",
            "[:::]",
            "[1:2:3:4:5:6:7:8:9]",
            "[12345::1]",
            "[::1.2.3]",
            "[::1.2.3.04]",
            "[1.2.3.4]",
            "[::1%25eth0]",
            "[v1.x]",
            "[:]",
        ] {
            assert_eq!(
                parse_absolute(&format!("https://{host}/t")),
                Err("its IP literal is not an IPv6 address"),
                "{host}"
            );
        }
    }

    #[test]
    fn ipv6_literal_and_fragment_are_recognised() {
        let parts = parse_absolute("http://[::1]:8080/token#frag").unwrap();
        assert_eq!(parts.host, "[::1]");
        assert!(parts.has_fragment);
    }

    #[test]
    fn rfc8252_8_3_loopback_hosts_are_localhost_127_slash_8_and_ipv6_one_and_no_name_under_localhost() {
        for host in ["localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]"] {
            assert!(is_loopback_host(host), "{host}");
        }
        let not = ["example.com", "127.0.0.1.example.com", "128.0.0.1", "localhost.example", "127.0.0.256"];
        for host in not.into_iter().chain(["idms.localhost", "localhost."]) {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    /// `127.0.0.09` and `127.0.0.+1` are not `IPv4address`es but `reg-name`s: `inet_aton` refuses
    /// them and `getaddrinfo` asks the DNS (with the search domains appended), which may answer
    /// with any address. Leading zeros are refused too (`127.0.0.010` is octal to some readers).
    #[test]
    fn rfc3986_3_2_2_loopback_ipv4_address_is_four_dec_octets_without_sign_or_leading_zero() {
        for host in ["127.0.0.09", "127.0.0.+1", "127.0.0.010", "127.000.000.001", "127.0.0.00", "127.+0.0.1"] {
            assert!(!is_loopback_host(host), "{host}");
        }
        for host in ["127.0.0.0", "127.255.255.255", "127.10.0.1", "127.0.100.1"] {
            assert!(is_loopback_host(host), "{host}");
        }
        let demo = crate::EndpointPolicy::ALLOW_LOOPBACK_HTTP;
        let err = demo.check("http://127.0.0.09:8080/t", "token endpoint").unwrap_err();
        assert_eq!(err.code(), "endpoint_insecure");
    }

    /// RFC 4291 §2.2: `::1` has other text forms; each is the loopback address (§2.5.3). An
    /// IPv4-mapped `::ffff:127.0.0.1` or the unspecified `::` is not.
    #[test]
    fn rfc4291_2_5_3_ipv6_loopback_is_recognised_in_every_text_form() {
        for host in ["[::1]", "[0:0:0:0:0:0:0:1]", "[0::1]", "[::0:1]", "[0000::0001]"] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in ["[::ffff:127.0.0.1]", "[::]", "[::2]", "[::1:0]", "[1::1]", "[::1%25lo]", "[::1"] {
            assert!(!is_loopback_host(host), "{host}");
        }
        let demo = crate::EndpointPolicy::ALLOW_LOOPBACK_HTTP;
        assert!(demo.check("http://[0:0:0:0:0:0:0:1]:8080/t", "token endpoint").is_ok());
        let err = demo.check("http://[::ffff:127.0.0.1]/t", "token endpoint").unwrap_err();
        assert_eq!(err.code(), "endpoint_insecure");
    }
}
