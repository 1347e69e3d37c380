//! The structural check of a compact JWS (RFC 7515 §7.1) that request parsers apply to an
//! `assertion` or `subject_token` before any key is at hand.
//!
//! Checked here: the size limit, three dot-separated segments, the base64url alphabet without
//! padding in every segment, a header that decodes to a JSON object with a string `alg`, and a
//! payload that decodes to a JSON object. The signature segment is only checked for its
//! alphabet: its decoded length depends on the algorithm and is the verifier's business
//! (TS 33.180 B.7.4 EXAMPLE 1 prints an 85-character ES256 signature, a length no base64url
//! text can have; it passes this check and fails verification as a malformed signature).

use base64ct::{Base64UrlUnpadded, Encoding};

fn is_base64url(segment: &str) -> bool {
    segment.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Decodes one base64url segment without padding.
pub(crate) fn decode_segment(segment: &str) -> Option<Vec<u8>> {
    Base64UrlUnpadded::decode_vec(segment).ok()
}

/// Checks the structure of a compact JWS; the reason never quotes the token.
pub(crate) fn check_compact(token: &str, max_bytes: usize) -> Result<(), String> {
    if token.len() > max_bytes {
        return Err(format!("it is {} bytes, over the limit of {max_bytes}", token.len()));
    }
    let mut segments = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (segments.next(), segments.next(), segments.next(), segments.next())
    else {
        let count = token.split('.').count();
        return Err(format!("it has {count} dot-separated segments, not 3"));
    };
    for (name, segment) in [("header", header), ("payload", payload), ("signature", signature)] {
        if segment.is_empty() {
            return Err(format!("its {name} segment is empty"));
        }
        if !is_base64url(segment) {
            return Err(format!("its {name} segment has characters outside the base64url alphabet"));
        }
    }
    let header = decode_segment(header).ok_or("its header segment is not valid base64url")?;
    let header: serde_json::Value = serde_json::from_slice(&header).map_err(|_| "its header is not JSON".to_owned())?;
    let alg = header.as_object().ok_or("its header is not a JSON object")?.get("alg");
    if !alg.is_some_and(serde_json::Value::is_string) {
        return Err("its header has no string `alg`".to_owned());
    }
    let payload = decode_segment(payload).ok_or("its payload segment is not valid base64url")?;
    let payload: serde_json::Value =
        serde_json::from_slice(&payload).map_err(|_| "its payload is not JSON".to_owned())?;
    if !payload.is_object() {
        return Err("its payload is not a JSON object".to_owned());
    }
    Ok(())
}

/// The claims of a compact JWS read WITHOUT verifying it — for a client's own checks on a token
/// it will hand to someone else who verifies it (the security token, B.7.3).
pub(crate) struct PeekedClaims(serde_json::Map<String, serde_json::Value>);

impl PeekedClaims {
    /// `aud` as a list (a single string is a list of one; other types give nothing).
    pub(crate) fn audience(&self) -> Vec<&str> {
        match self.0.get("aud") {
            Some(serde_json::Value::String(one)) => vec![one.as_str()],
            Some(serde_json::Value::Array(many)) => many.iter().filter_map(serde_json::Value::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// `exp` as whole seconds, if it is a non-negative integer.
    pub(crate) fn exp(&self) -> Option<u64> {
        self.0.get("exp").and_then(serde_json::Value::as_u64)
    }
}

/// Reads the claims of a structurally valid compact JWS without verifying its signature.
pub(crate) fn unverified_claims(token: &str, max_bytes: usize) -> Result<PeekedClaims, String> {
    check_compact(token, max_bytes)?;
    let payload = token.split('.').nth(1).and_then(decode_segment).ok_or("its payload is not valid base64url")?;
    match serde_json::from_slice(&payload) {
        Ok(serde_json::Value::Object(claims)) => Ok(PeekedClaims(claims)),
        _ => Err("its payload is not a JSON object".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "eyJhbGciOiJFUzI1NiIsImtpZCI6IjllciJ9";
    const PAYLOAD: &str = "eyJhdWQiOiJodHRwczovL2JhY2tlbmQuZXhhbXBsZS5jb20iLCJpc3MiOiJodHRwczovL2FzLmV4YW1wbGUuY29tIiwiZXhwIjoxNDQxOTE3NTkzLCJpYXQiOjE0NDE5MTc1MzMsInN1YiI6ImJjQGV4YW1wbGUuY29tIiwic2NwIjpbImFwaSJdfQ";

    #[test]
    fn rfc7515_7_1_compact_serialisation_has_three_base64url_segments() {
        assert!(check_compact(&format!("{HEADER}.{PAYLOAD}.c2ln"), 4096).is_ok());
        assert!(check_compact(&format!("{HEADER}.{PAYLOAD}"), 4096).unwrap_err().contains("2 dot-separated"));
        assert!(check_compact(&format!("{HEADER}.{PAYLOAD}.c2ln.x"), 4096).unwrap_err().contains("4 dot-separated"));
        assert!(check_compact(&format!("{HEADER}.{PAYLOAD}."), 4096)
            .unwrap_err()
            .contains("signature segment is empty"));
        assert!(check_compact(&format!("{HEADER}=.{PAYLOAD}.c2ln"), 4096).unwrap_err().contains("alphabet"));
        assert!(check_compact(&format!("e30.{PAYLOAD}.c2ln"), 4096).unwrap_err().contains("no string `alg`"));
        assert!(check_compact(&format!("{HEADER}.WzFd.c2ln"), 4096).unwrap_err().contains("not a JSON object"));
        assert!(check_compact(&format!("{HEADER}.{PAYLOAD}.c2ln"), 10).unwrap_err().contains("over the limit"));
    }
}
