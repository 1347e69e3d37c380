//! Vector operations for issue 3: TS 24.484 user profiles and their look-ups.

use super::input::{bool, opt_str, str};
use super::{bad_case, Failure, Outcome};
use mcx_connect::{EndpointPolicy, Error, McService, ProfileLimits, UserProfile, UserProfiles};
use serde_json::{json, Value};

pub(super) fn dispatch(operation: &str, input: &Value) -> Option<Outcome> {
    Some(match operation {
        "profile.parse" => profile_parse(input),
        "profile.partner" => profile_partner(input),
        "profile.partner_token_endpoint" => profile_partner_token_endpoint(input),
        "profile.group" => profile_group(input),
        "profile.group_token_endpoint" => profile_group_token_endpoint(input),
        "profiles.partner" => profiles_partner(input),
        "profiles.partner_token_endpoint" => profiles_partner_token_endpoint(input),
        "profiles.group_token_endpoint" => profiles_group_token_endpoint(input),
        _ => return None,
    })
}

fn to_json(value: impl serde::Serialize) -> Outcome {
    serde_json::to_value(value).map_err(|e| bad_case(format!("cannot serialise the output: {e}")))
}

/// Reads one document: `xml` (text) or `xml_base64` (bytes), with `allow_loopback_http` and
/// `limits` (`max_bytes`, `max_depth`, `max_elements`).
fn parse_document(input: &Value, xml: &Value) -> Result<UserProfile, Failure> {
    let bytes = match xml {
        Value::String(text) => text.as_bytes().to_vec(),
        Value::Object(object) => match object.get("xml_base64").and_then(Value::as_str) {
            Some(encoded) => base64_decode(encoded)?,
            None => return Err(bad_case("a document is a string or {\"xml_base64\": …}")),
        },
        _ => return Err(bad_case("a document is a string or {\"xml_base64\": …}")),
    };
    let policy = EndpointPolicy { allow_loopback_http: bool(input, "allow_loopback_http") };
    let limits = match input.get("limits") {
        Some(value) => serde_json::from_value::<ProfileLimits>(value.clone())
            .map_err(|e| bad_case(format!("input.limits: {e}")))?,
        None => ProfileLimits::default(),
    };
    UserProfile::parse_with_limits(&bytes, policy, limits).map_err(|e| Error::from(e).into())
}

fn one_document(input: &Value) -> Result<UserProfile, Failure> {
    match (input.get("xml"), input.get("xml_base64")) {
        (Some(xml), _) => parse_document(input, xml),
        (None, Some(encoded)) => parse_document(input, &json!({ "xml_base64": encoded })),
        (None, None) => Err(bad_case("input.xml or input.xml_base64 is required")),
    }
}

fn service(input: &Value) -> Result<McService, Failure> {
    let name = str(input, "service")?;
    McService::parse(name).ok_or_else(|| bad_case(format!("unknown service `{name}`")))
}

fn profiles(input: &Value) -> Result<UserProfiles, Failure> {
    let documents =
        input.get("profiles").and_then(Value::as_array).ok_or_else(|| bad_case("input.profiles must be an array"))?;
    documents.iter().map(|document| parse_document(input, document)).collect()
}

fn profile_parse(input: &Value) -> Outcome {
    to_json(one_document(input)?)
}

fn profile_partner(input: &Value) -> Outcome {
    let profile = one_document(input)?;
    let partner = profile.partner(str(input, "partner")?).map_err(Error::from)?;
    to_json(partner)
}

fn profile_partner_token_endpoint(input: &Value) -> Outcome {
    let profile = one_document(input)?;
    let endpoint = profile.partner_token_endpoint(str(input, "partner")?).map_err(Error::from)?;
    Ok(json!({ "token_endpoint": endpoint }))
}

fn profile_group(input: &Value) -> Outcome {
    to_json(one_document(input)?.group(str(input, "group")?).map_err(Error::from)?)
}

fn profile_group_token_endpoint(input: &Value) -> Outcome {
    let profile = one_document(input)?;
    let endpoint = profile.group_token_endpoint(str(input, "group")?).map_err(Error::from)?;
    Ok(json!({ "token_endpoint": endpoint }))
}

fn profiles_partner(input: &Value) -> Outcome {
    to_json(profiles(input)?.partner(service(input)?, str(input, "partner")?).map_err(Error::from)?)
}

fn profiles_partner_token_endpoint(input: &Value) -> Outcome {
    let profiles = profiles(input)?;
    let endpoint = profiles.partner_token_endpoint(service(input)?, str(input, "partner")?).map_err(Error::from)?;
    Ok(json!({ "token_endpoint": endpoint }))
}

fn profiles_group_token_endpoint(input: &Value) -> Outcome {
    let profiles = profiles(input)?;
    let group = opt_str(input, "group").ok_or_else(|| bad_case("input.group must be a string"))?;
    let endpoint = profiles.group_token_endpoint(service(input)?, group).map_err(Error::from)?;
    Ok(json!({ "token_endpoint": endpoint }))
}

/// Standard base64 (RFC 4648 §4, padding optional), for documents that are not UTF-8.
fn base64_decode(text: &str) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in text.bytes().filter(|b| *b != b'=') {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(bad_case("xml_base64 is not standard base64")),
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Ok(out)
}
