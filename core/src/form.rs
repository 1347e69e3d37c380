//! `application/x-www-form-urlencoded` bodies (W3C HTML 4.01 §17.13.4, as TS 24.482 6.2.3 b
//! requires), read strictly or leniently.
//!
//! **Strict** (the default) refuses everything a conforming client never sends: raw spaces or
//! line breaks, empty pairs (a trailing `&`), a pair without `=`, bad `%` escapes, bytes that
//! are not UTF-8, and any parameter sent twice (RFC 6749 §3.2).
//!
//! **Lenient** accepts the deviations printed in TS 33.180's own examples — whitespace next to
//! `&`, a trailing `&`, raw spaces inside a value — and reports each one as a
//! [`Normalisation`]. It never accepts a deviation silently, and it still refuses what cannot
//! be repaired (bad `%` escapes, invalid UTF-8, duplicates, line breaks inside a value).

use crate::endpoint::EndpointPolicy;
use crate::error::RequestError;
use crate::scope::{Scope, ScopeSet};

/// How strictly to read an incoming request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum ParseMode {
    /// Refuse every deviation from RFC 6749 / 8693 / 7523 and the form encoding.
    #[default]
    Strict,
    /// Accept the known real-world deviations and report each one.
    Lenient,
}

/// Bounds on what a parser accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(default)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct Limits {
    /// Largest request or response body, in bytes.
    #[cfg_attr(feature = "uniffi", uniffi(default = 65536))]
    pub max_body_bytes: u64,
    /// Most parameters in one form body.
    #[cfg_attr(feature = "uniffi", uniffi(default = 32))]
    pub max_parameters: u64,
    /// Largest token (assertion, subject token, JWT in a response), in bytes.
    #[cfg_attr(feature = "uniffi", uniffi(default = 16384))]
    pub max_token_bytes: u64,
}

/// A length in the `u64` the limits are written in (a `usize` always fits).
pub(crate) fn len_u64(len: usize) -> u64 {
    u64::try_from(len).unwrap_or(u64::MAX)
}

/// A limit as a `usize` (saturating where `usize` is narrower, as on wasm32).
pub(crate) fn limit_usize(limit: u64) -> usize {
    usize::try_from(limit).unwrap_or(usize::MAX)
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_body_bytes: 64 * 1024, max_parameters: 32, max_token_bytes: 16 * 1024 }
    }
}

/// Options for the server-role parsers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(default)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct ParseOptions {
    /// Strict (default) or lenient.
    pub mode: ParseMode,
    /// Size bounds.
    pub limits: Limits,
    /// Which URLs are acceptable where a request names one (`resource`).
    pub endpoint_policy: EndpointPolicy,
    /// Whether a `3gpp:mc:` scope value this version does not know satisfies B.7.4's "one or
    /// more of the following" (forward compatibility; off by default: only the twelve listed
    /// values count). The bare prefix `3gpp:mc:` never counts.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub accept_unknown_mcx_scopes: bool,
}

impl ParseOptions {
    /// Strict parsing with default limits and https-only URLs.
    pub fn strict() -> Self {
        Self::default()
    }

    /// Lenient parsing with default limits and https-only URLs.
    pub fn lenient() -> Self {
        Self { mode: ParseMode::Lenient, ..Self::default() }
    }
}

/// One deviation that lenient parsing repaired, reported to the caller.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Normalisation {
    /// Stable code: `whitespace_trimmed`, `empty_pair_dropped`, `raw_space_decoded`,
    /// `raw_non_ascii_decoded`, `missing_equals`, `comma_separated_scope`,
    /// `no_break_space_in_scope`, `duplicate_scope_dropped`, `resource_trimmed`,
    /// `resource_scheme_assumed`, `subject_token_type_access_token`; in replies
    /// (`TokenResponse`, `TokenExchangeResponse`) `token_type_case`, `expires_in_decimal`,
    /// `expires_in_string`, `expires_in_ignored`, the `scope_…` codes, `refresh_token_ignored`,
    /// `id_token_ignored`; in profiles (`InitialConfiguration`) `endpoint_ignored`.
    pub code: String,
    /// The parameter concerned, if any.
    pub parameter: Option<String>,
    /// What was repaired, in words (never quotes a secret).
    pub description: String,
}

impl Normalisation {
    pub(crate) fn new(code: &str, parameter: Option<&str>, description: impl Into<String>) -> Self {
        Self { code: code.to_owned(), parameter: parameter.map(str::to_owned), description: description.into() }
    }
}

/// A parsed value together with what lenient parsing repaired to get it (empty when strict).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(serde::Serialize, tsify::Tsify), tsify(missing_as_null))]
pub struct Parsed<T> {
    /// The parsed value.
    pub value: T,
    /// Every deviation that was repaired, in order of discovery.
    pub normalisations: Vec<Normalisation>,
}

/// A decoded form body: names and values in order, no name twice (except the repeatable ones
/// a parser names).
#[derive(Clone, PartialEq, Eq, Default)]
pub(crate) struct Form {
    params: Vec<(String, String)>,
}

/// The values of a read form may be secrets (`client_secret`, `assertion`, `subject_token`, `code`,
/// `code_verifier`, `refresh_token`): the requests copy what they keep into a [`crate::Secret`],
/// and the form's own copies are wiped when it is dropped.
impl Drop for Form {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        for (_, value) in &mut self.params {
            value.zeroize();
        }
    }
}

impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.params.iter().map(|(name, _)| name)).finish()
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn describe_ws(b: u8) -> &'static str {
    match b {
        b'\r' | b'\n' => "a line break",
        b'\t' => "a tab",
        _ => "a space",
    }
}

impl Form {
    /// Reads a body under `options`, collecting normalisations in lenient mode.
    pub(crate) fn parse(
        body: &[u8],
        options: &ParseOptions,
        report: &mut Vec<Normalisation>,
    ) -> Result<Form, RequestError> {
        Self::parse_with_repeats(body, options, report, &[])
    }

    /// Like [`parse`](Self::parse), but the parameters named in `repeatable` may appear more
    /// than once (RFC 8693 §2.1: `resource` and `audience`); read them with [`all`](Self::all).
    pub(crate) fn parse_with_repeats(
        body: &[u8],
        options: &ParseOptions,
        report: &mut Vec<Normalisation>,
        repeatable: &[&str],
    ) -> Result<Form, RequestError> {
        let limits = options.limits;
        if len_u64(body.len()) > limits.max_body_bytes {
            return Err(RequestError::BodyTooLarge { size: len_u64(body.len()), limit: limits.max_body_bytes });
        }
        let lenient = options.mode == ParseMode::Lenient;
        let segment_count = body.split(|&b| b == b'&').count();
        let mut params: Vec<(String, String)> = Vec::new();
        let mut offset = 0usize;
        for (index, raw_segment) in body.split(|&b| b == b'&').enumerate() {
            let start = offset;
            offset += raw_segment.len() + 1;
            let lead = raw_segment.iter().take_while(|&&b| is_ws(b)).count();
            let trail = raw_segment.iter().rev().take_while(|&&b| is_ws(b)).count();
            let segment = raw_segment.get(lead..raw_segment.len().saturating_sub(trail)).unwrap_or_default();
            if segment.is_empty() {
                if body.is_empty() {
                    break;
                }
                let place = if index + 1 == segment_count {
                    "a trailing `&` ends the body"
                } else if index == 0 {
                    "the body starts with `&`"
                } else {
                    "two `&` with nothing between them"
                };
                if lenient {
                    report.push(Normalisation::new(
                        "empty_pair_dropped",
                        None,
                        format!("dropped an empty parameter pair: {place}"),
                    ));
                    continue;
                }
                return Err(RequestError::MalformedForm(format!("empty parameter pair at byte {start}: {place}")));
            }
            if len_u64(params.len()) >= limits.max_parameters {
                return Err(RequestError::TooManyParameters { limit: limits.max_parameters });
            }
            // A pair without `=` may be a secret pasted whole (`client_secret hunter2`): it is
            // never quoted, only its position is given. A name before `=` is shown.
            let eq = segment.iter().position(|&b| b == b'=');
            let shown_name = eq
                .map(|eq| crate::http::printable(&String::from_utf8_lossy(segment.get(..eq).unwrap_or_default()), 40));
            let label = match &shown_name {
                Some(name) => format!("parameter `{name}`"),
                None => format!("the pair at byte {start} (not quoted: it has no `=`)"),
            };
            if lead > 0 || trail > 0 {
                let (what, side, at) = if lead > 0 {
                    (describe_ws(raw_segment.first().copied().unwrap_or(b' ')), "before", start)
                } else {
                    (
                        describe_ws(raw_segment.last().copied().unwrap_or(b' ')),
                        "after",
                        start + raw_segment.len() - trail,
                    )
                };
                if !lenient {
                    let hint = if lead > 0 && index > 0 { " (whitespace after `&`)" } else { "" };
                    return Err(RequestError::MalformedForm(format!(
                        "{what} at byte {at}, {side} {label}{hint}: a form body has no whitespace between parameters"
                    )));
                }
                report.push(Normalisation::new(
                    "whitespace_trimmed",
                    shown_name.as_deref(),
                    format!("removed whitespace {side} {label}"),
                ));
            }
            let (name, value) = match eq {
                Some(eq) => (segment.get(..eq).unwrap_or_default(), segment.get(eq + 1..).unwrap_or_default()),
                None => {
                    if !lenient {
                        return Err(RequestError::MalformedForm(format!(
                            "the pair at byte {start} has no `=` (it is not quoted: it may carry a secret)"
                        )));
                    }
                    report.push(Normalisation::new(
                        "missing_equals",
                        None,
                        format!("the pair at byte {start} had no `=`; read it as a name with an empty value"),
                    ));
                    (segment, &b""[..])
                }
            };
            if name.is_empty() {
                return Err(RequestError::MalformedForm(format!("a parameter at byte {start} has an empty name")));
            }
            let name = decode_bytes(name, None, lenient, report)?;
            let value = decode_bytes(value, shown_name.as_ref().map(|_| name.as_str()), lenient, report)?;
            if !repeatable.contains(&name.as_str()) && params.iter().any(|(existing, _)| *existing == name) {
                if shown_name.is_none() {
                    return Err(RequestError::MalformedForm(format!(
                        "the pair at byte {start} has no `=` and repeats an earlier parameter (not quoted: it may carry a secret)"
                    )));
                }
                return Err(RequestError::DuplicateParameter(crate::http::printable(&name, 40)));
            }
            params.push((name, value));
        }
        Ok(Form { params })
    }

    /// The value of a parameter, if present.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Every value of a parameter, in order (several only for a repeatable parameter).
    pub(crate) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.params.iter().filter(move |(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The value of a required parameter: missing and empty are distinct errors.
    pub(crate) fn required(&self, name: &'static str) -> Result<&str, RequestError> {
        match self.get(name) {
            None => Err(RequestError::MissingParameter(name)),
            Some("") => Err(RequestError::EmptyParameter(name)),
            Some(value) => Ok(value),
        }
    }

    /// The value of an optional parameter; present-but-empty counts as absent (RFC 6749 §3.1).
    pub(crate) fn optional(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }
}

/// A raw byte strict mode refuses and lenient mode keeps, reported once per name or value.
struct RawByteRepair {
    /// The normalisation code.
    code: &'static str,
    /// Why strict mode refuses it, after what holds it ("the value of `scope` contains …").
    refused: &'static str,
    /// What lenient mode did.
    repaired: &'static str,
}

const RAW_SPACE: RawByteRepair = RawByteRepair {
    code: "raw_space_decoded",
    refused: "contains a raw space; spaces are encoded as `+` or `%20`",
    repaired: "contained raw spaces; read them as spaces",
};

const RAW_NON_ASCII: RawByteRepair = RawByteRepair {
    code: "raw_non_ascii_decoded",
    refused: "contains a raw non-ASCII byte; percent-encode UTF-8 bytes",
    repaired: "contained raw non-ASCII bytes; read them as UTF-8",
};

/// Percent-decodes one name or value (`+` is a space), checking raw bytes in strict mode.
fn decode_bytes(
    raw: &[u8],
    parameter: Option<&str>,
    lenient: bool,
    report: &mut Vec<Normalisation>,
) -> Result<String, RequestError> {
    let whose = match parameter {
        Some(name) => format!("the value of `{}`", crate::http::printable(name, 40)),
        None => "a parameter name".to_owned(),
    };
    let mut out = Vec::with_capacity(raw.len());
    let mut reported_space = false;
    let mut reported_non_ascii = false;
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        match b {
            b'%' => {
                let hi = raw.get(i + 1).and_then(|&h| hex_value(h));
                let lo = raw.get(i + 2).and_then(|&l| hex_value(l));
                match (hi, lo) {
                    (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
                    _ => {
                        return Err(RequestError::MalformedForm(format!(
                            "{whose} has a `%` not followed by two hexadecimal digits"
                        )))
                    }
                }
                i += 3;
                continue;
            }
            b'+' => out.push(b' '),
            b'\r' | b'\n' | b'\t' => {
                return Err(RequestError::MalformedForm(format!(
                    "{whose} contains {} (percent-encode it)",
                    describe_ws(b)
                )));
            }
            0x00..=0x1f | 0x7f => {
                return Err(RequestError::MalformedForm(format!(
                    "{whose} contains a raw control character (percent-encode it)"
                )));
            }
            b' ' | 0x80..=0xff => {
                let (repair, reported) = if b == b' ' {
                    (&RAW_SPACE, &mut reported_space)
                } else {
                    (&RAW_NON_ASCII, &mut reported_non_ascii)
                };
                if !lenient {
                    return Err(RequestError::MalformedForm(format!("{whose} {}", repair.refused)));
                }
                if !*reported {
                    *reported = true;
                    report.push(Normalisation::new(repair.code, parameter, format!("{whose} {}", repair.repaired)));
                }
                out.push(b);
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| RequestError::MalformedForm(format!("{whose} is not UTF-8 once decoded")))
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Encodes one name or value: `A-Z a-z 0-9 * - . _` stay, space becomes `+`, everything else
/// `%XX` (the WHATWG `application/x-www-form-urlencoded` serializer).
pub(crate) fn encode_component(text: &str) -> String {
    let mut out = vec![0u8; 3 * text.len()];
    let written = encode_at(&mut out, 0, text.as_bytes());
    out.truncate(written);
    ascii_to_string(out)
}

/// Bytes the form serializer leaves as they are, as a table (the encoder's hot loop).
// Indexing in a const initialiser is checked at compile time: it cannot panic at run time.
#[allow(clippy::indexing_slicing)]
const FORM_SAFE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'*' || c == b'-' || c == b'.' || c == b'_';
        b += 1;
    }
    table
};

// Inlined into the encoding loops (see `scope::is_nqchar`).
#[inline(always)]
fn is_form_safe(b: u8) -> bool {
    FORM_SAFE.get(usize::from(b)).copied().unwrap_or(false)
}

fn hex_digit(nibble: u8) -> u8 {
    if nibble < 10 {
        b'0' + nibble
    } else {
        b'A' + nibble - 10
    }
}

/// Writes the encoding of `bytes` into `out` from `at`, which has room for three bytes per byte
/// (every byte `%XX`); returns where it ended.
///
/// Written by index into room made beforehand, in plain loops: the npm package is built for size,
/// which leaves iterator adapters, and `Vec`'s growth checks, as calls per byte or per run (half
/// the time of building a request there).
fn encode_at(out: &mut [u8], mut at: usize, bytes: &[u8]) -> usize {
    let mut run_start = 0;
    let mut index = 0;
    while index < bytes.len() {
        // Four safe bytes (most of a token) are skipped with one branch.
        if let Some(&[b0, b1, b2, b3]) = bytes.get(index..index + 4) {
            if is_form_safe(b0) & is_form_safe(b1) & is_form_safe(b2) & is_form_safe(b3) {
                index += 4;
                continue;
            }
        }
        let b = bytes.get(index).copied().unwrap_or_default();
        index += 1;
        if is_form_safe(b) {
            continue;
        }
        at = put(out, at, bytes.get(run_start..index - 1).unwrap_or_default());
        if b == b' ' {
            at = put_byte(out, at, b'+');
        } else {
            at = put_byte(out, at, b'%');
            at = put_byte(out, at, hex_digit(b >> 4));
            at = put_byte(out, at, hex_digit(b & 0x0f));
        }
        run_start = index;
    }
    put(out, at, bytes.get(run_start..).unwrap_or_default())
}

/// Copies a run of bytes into `out` at `at`; returns where it ends. The callers make room first,
/// so the run always fits (if it did not, it would be left out, never written elsewhere).
///
/// A short run is copied byte by byte: as one copy it is a call in wasm (`memory.copy`, which V8
/// runs as a call into its runtime), dearer than the few stores it saves; most runs of a scope or
/// a URN are a few bytes.
#[inline(always)]
fn put(out: &mut [u8], at: usize, run: &[u8]) -> usize {
    if run.len() < 32 {
        let mut end = at;
        for &b in run {
            end = put_byte(out, end, b);
        }
        return end;
    }
    let end = at + run.len();
    if let Some(slot) = out.get_mut(at..end) {
        slot.copy_from_slice(run);
    }
    end
}

/// Writes one byte into `out` at `at` (see [`put`]); returns the next position.
#[inline(always)]
fn put_byte(out: &mut [u8], at: usize, b: u8) -> usize {
    if let Some(slot) = out.get_mut(at) {
        *slot = b;
    }
    at + 1
}

/// The encoder writes only ASCII, so this never replaces anything.
fn ascii_to_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Decodes one strict name or value (used for Basic credentials and redirect URIs).
pub(crate) fn decode_component(text: &str) -> Result<String, RequestError> {
    decode_bytes(text.as_bytes(), None, false, &mut Vec::new())
}

/// Writes `name=value&…` in the given order, into an allocation of the exact length.
pub(crate) fn encode_pairs(pairs: &[(&str, &str)]) -> String {
    let pairs: Vec<(&str, FormValue<'_>)> = pairs.iter().map(|&(name, value)| (name, FormValue::Text(value))).collect();
    ascii_to_string(encode_pairs_bytes(&pairs))
}

/// One value of a form being written.
#[derive(Clone, Copy)]
pub(crate) enum FormValue<'a> {
    /// Text, encoded as it is written.
    Text(&'a str),
    /// A scope (RFC 6749 §3.3): its values joined by spaces, written without making that text
    /// first (see [`encode_scope_at`]).
    Scope(&'a ScopeSet),
}

impl FormValue<'_> {
    /// The length of the value before encoding.
    fn len(self) -> usize {
        match self {
            FormValue::Text(text) => text.len(),
            FormValue::Scope(scope) => scope.iter().map(|value| value.as_str().len() + 1).sum::<usize>(),
        }
    }
}

/// [`encode_pairs`] as bytes (a POST body), without checking again that they are UTF-8.
///
/// One pass into room for the worst case (every byte `%XX`), then shrunk: a first pass to measure
/// the exact length cost as much as the encoding in the npm package, and growing on demand a call
/// per run of safe bytes.
pub(crate) fn encode_pairs_bytes(pairs: &[(&str, FormValue<'_>)]) -> Vec<u8> {
    let worst = pairs.iter().map(|(name, value)| 3 * (name.len() + value.len()) + 2).sum::<usize>();
    let mut body = vec![0u8; worst];
    let mut at = 0;
    for (index, &(name, value)) in pairs.iter().enumerate() {
        if index > 0 {
            at = put_byte(&mut body, at, b'&');
        }
        at = encode_at(&mut body, at, name.as_bytes());
        at = put_byte(&mut body, at, b'=');
        at = match value {
            FormValue::Text(text) => encode_at(&mut body, at, text.as_bytes()),
            FormValue::Scope(scope) => encode_scope_at(&mut body, at, scope),
        };
    }
    body.truncate(at);
    body.shrink_to_fit();
    body
}

/// The encoding of a known MCX scope value's prefix `3gpp:mc:`.
const MCX_PREFIX_ENCODED: &[u8] = b"3gpp%3Amc%3A";

/// Writes the encoding of a scope's parameter (its values joined by spaces) into `out` from `at`
/// (room as for [`encode_at`]); returns where it ended. The same bytes as encoding the joined
/// text, made without it: a space is `+`; a known value is `openid`, or `3gpp%3Amc%3A` and its
/// name (lower-case letters and `_`, which need no encoding); any other value is encoded.
fn encode_scope_at(out: &mut [u8], mut at: usize, scope: &ScopeSet) -> usize {
    for (index, value) in scope.iter().enumerate() {
        if index > 0 {
            at = put_byte(out, at, b'+');
        }
        let text = value.as_str();
        at = match value {
            Scope::McxOther(_) | Scope::Other(_) => encode_at(out, at, text.as_bytes()),
            Scope::OpenId => put(out, at, text.as_bytes()),
            _ => {
                let name = text.get(crate::scope::MCX_SCOPE_PREFIX.len()..).unwrap_or_default();
                let at = put(out, at, MCX_PREFIX_ENCODED);
                put(out, at, name.as_bytes())
            }
        };
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strict(body: &str) -> Result<Form, RequestError> {
        Form::parse(body.as_bytes(), &ParseOptions::strict(), &mut Vec::new())
    }

    fn lenient(body: &str) -> (Result<Form, RequestError>, Vec<Normalisation>) {
        let mut report = Vec::new();
        (Form::parse(body.as_bytes(), &ParseOptions::lenient(), &mut report), report)
    }

    #[test]
    fn encoding_leaves_no_spare_capacity() {
        for pairs in [
            vec![
                ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                ("scope", "openid 3gpp:mc:ptt_service"),
            ],
            vec![("x", "a&b=c%é ü\u{1F4DF}"), ("", ""), ("k", "plain-._~")],
            vec![],
        ] {
            let body = encode_pairs(&pairs);
            assert_eq!(body.capacity(), body.len(), "{body}");
        }
    }

    #[test]
    fn rfc6749_3_3_a_scope_is_written_as_its_parameter_text_encoded() {
        // Every known value, unknown MCX values, the bare prefix and values that need encoding,
        // alone and together: the bytes are those of encoding the joined text.
        let mut texts: Vec<String> = crate::scope::KNOWN.iter().map(|(text, _)| (*text).to_owned()).collect();
        texts.push(texts.join(" "));
        texts.extend(
            [
                "3gpp:mc:",
                "3gpp:mc:future_service",
                "openid 3gpp:mc:Ptt~service!",
                "a b &=+/?#[]@$'()",
                "x%41",
                "openid2",
            ]
            .map(str::to_owned),
        );
        for text in texts {
            let scope = ScopeSet::parse(&text).unwrap();
            let body = encode_pairs_bytes(&[("scope", FormValue::Scope(&scope)), ("x", FormValue::Text("y"))]);
            let expected = encode_pairs(&[("scope", &scope.to_parameter()), ("x", "y")]);
            assert_eq!(String::from_utf8(body.clone()).unwrap(), expected, "{text:?}");
            assert_eq!(body.capacity(), body.len(), "{text:?}");
        }
        let empty = ScopeSet::new();
        assert_eq!(encode_pairs_bytes(&[("scope", FormValue::Scope(&empty))]), b"scope=");
    }

    #[test]
    fn whatwg_urlencoded_serializer_every_byte_at_every_offset() {
        // The serializer byte by byte, as the WHATWG URL standard writes it.
        fn reference(text: &str) -> String {
            text.bytes()
                .map(|b| match b {
                    b' ' => "+".to_owned(),
                    b if b.is_ascii_alphanumeric() || b"*-._".contains(&b) => char::from(b).to_string(),
                    b => format!("%{b:02X}"),
                })
                .collect()
        }
        let characters: Vec<char> = (0u8..0x80).map(char::from).chain(['é', '€', '\u{1F4DF}']).collect();
        for c in characters {
            for (before, after) in [(0, 0), (1, 0), (3, 5), (4, 4), (7, 1), (40, 33)] {
                let text = format!("{}{c}{}", "a".repeat(before), "Z".repeat(after));
                assert_eq!(encode_component(&text), reference(&text), "{text:?}");
                let body = encode_pairs(&[("k", &text), (&text, "v")]);
                assert_eq!(body, format!("k={}&{}=v", reference(&text), reference(&text)));
            }
        }
    }

    #[test]
    fn html401_17_13_4_encoding_round_trips() {
        let body = encode_pairs(&[("scope", "openid 3gpp:mc:ptt_service"), ("x", "a&b=c%é")]);
        assert_eq!(body, "scope=openid+3gpp%3Amc%3Aptt_service&x=a%26b%3Dc%25%C3%A9");
        let form = strict(&body).unwrap();
        assert_eq!(form.get("scope"), Some("openid 3gpp:mc:ptt_service"));
        assert_eq!(form.get("x"), Some("a&b=c%é"));
    }

    #[test]
    fn rfc6749_3_2_a_parameter_sent_twice_is_refused_in_both_modes() {
        assert_eq!(strict("a=1&a=2").unwrap_err().code(), "duplicate_parameter");
        assert_eq!(lenient("a=1& a=2").0.unwrap_err().code(), "duplicate_parameter");
    }

    #[test]
    fn rfc8693_2_1_a_parser_may_let_named_parameters_repeat_and_no_other() {
        let options = ParseOptions::strict();
        let form =
            Form::parse_with_repeats(b"audience=a&x=1&audience=b", &options, &mut Vec::new(), &["audience"]).unwrap();
        assert_eq!(form.all("audience").collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(form.get("audience"), Some("a"));
        let err = Form::parse_with_repeats(b"audience=a&x=1&x=2", &options, &mut Vec::new(), &["audience"]);
        assert_eq!(err.unwrap_err().code(), "duplicate_parameter");
    }

    #[test]
    fn strict_refuses_and_lenient_reports_whitespace_after_ampersand() {
        let err = strict("a=1& b=2").unwrap_err();
        assert!(err.to_string().contains("whitespace after `&`"), "{err}");
        let (form, report) = lenient("a=1& b=2");
        assert_eq!(form.unwrap().get("b"), Some("2"));
        assert_eq!(report[0].code, "whitespace_trimmed");
    }

    #[test]
    fn strict_refuses_and_lenient_drops_a_trailing_ampersand() {
        let err = strict("a=1&").unwrap_err();
        assert!(err.to_string().contains("trailing `&`"), "{err}");
        let (form, report) = lenient("a=1&");
        assert!(form.is_ok());
        assert_eq!(report[0].code, "empty_pair_dropped");
        assert!(strict("&a=1").unwrap_err().to_string().contains("starts with `&`"));
        assert!(strict("a=1&&b=2").unwrap_err().to_string().contains("two `&`"));
    }

    #[test]
    fn bad_escapes_invalid_utf8_and_inner_line_breaks_are_refused_in_both_modes() {
        for body in ["a=%zz", "a=%C3%28", "a=%4", "a=x\ny", "a=\u{1}"] {
            assert_eq!(strict(body).unwrap_err().code(), "malformed_form", "{body:?}");
            assert_eq!(lenient(body).0.unwrap_err().code(), "malformed_form", "{body:?}");
        }
        assert_eq!(strict("=v").unwrap_err().code(), "malformed_form");
        assert_eq!(strict("novalue").unwrap_err().code(), "malformed_form");
        assert_eq!(lenient("novalue").0.unwrap().get("novalue"), Some(""));
    }

    #[test]
    fn html401_17_13_4_a_pair_without_equals_is_never_quoted_only_its_position() {
        // `client_secret hunter2`: a secret pasted without `=` must not reach an error text, a
        // report, or a log line that prints them.
        let cases = [
            "grant_type=x&client_secret hunter2",
            "grant_type=x&client_secret hunter2 ",
            "grant_type=x& client_secret hunter2",
            "grant_type=x&client_secret hunter2&client_secret hunter2",
        ];
        for body in cases {
            let err = strict(body).unwrap_err();
            assert_eq!(err.code(), "malformed_form", "{body:?}");
            assert!(!err.to_string().contains("hunter2"), "{err}");
            assert!(err.to_string().contains("at byte 13"), "{err}");
            let (form, report) = lenient(body);
            for item in &report {
                assert!(!format!("{item:?}").contains("hunter2"), "{item:?}");
            }
            match form {
                Ok(_) => {}
                Err(err) => assert!(!err.to_string().contains("hunter2"), "{err}"),
            }
        }
        let err = strict("a=1&hunter2").unwrap_err();
        assert_eq!(
            err.to_string(),
            "malformed form body: the pair at byte 4 has no `=` (it is not quoted: it may carry a secret)"
        );
        let (_, report) = lenient("a=1&hunter2");
        assert_eq!((report[0].code.as_str(), report[0].parameter.as_deref()), ("missing_equals", None));
        // A name before `=` is still shown.
        assert!(strict("a=1& b=2").unwrap_err().to_string().contains("parameter `b`"));
    }

    #[test]
    fn body_and_parameter_limits_are_enforced() {
        let options =
            ParseOptions { limits: Limits { max_body_bytes: 8, ..Limits::default() }, ..ParseOptions::strict() };
        let err = Form::parse(b"abcdefghi=1", &options, &mut Vec::new()).unwrap_err();
        assert_eq!(err.code(), "body_too_large");
        let many: Vec<String> = (0..33).map(|i| format!("p{i}=v")).collect();
        assert_eq!(strict(&many.join("&")).unwrap_err().code(), "too_many_parameters");
    }

    #[test]
    fn missing_and_empty_required_parameters_differ() {
        let form = strict("a=&b=1").unwrap();
        assert_eq!(form.required("a").unwrap_err().code(), "empty_parameter");
        assert_eq!(form.required("c").unwrap_err().code(), "missing_parameter");
        assert_eq!(form.optional("a"), None);
    }
}
