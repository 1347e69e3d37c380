//! The claims of TS 33.180 B.2.1.2 and the MCX claims, read from a verified payload, and the
//! time rules (`exp`, `nbf`, `iat`) with a leeway of at most 30 seconds.

use super::error::{shown, TokenError};
use crate::scope::McService;
use serde_json::{Map, Value};

/// Largest `sub` in bytes (TS 33.180 B.2.1.2).
pub const MAX_SUBJECT_BYTES: usize = 255;

/// The largest `now` (seconds since the epoch) any entry of this library accepts:
/// 10^11 - 1, in the year 5138. A larger value is plainly milliseconds — JavaScript's
/// `Date.now()` passed without dividing by 1000 — since every millisecond count after
/// 3 March 1973 is above it; it is refused (`now_in_milliseconds`), never guessed at.
pub const MAX_NOW_SECONDS: u64 = 99_999_999_999;

/// Checks the caller's `now` (seconds since the epoch): a value above [`MAX_NOW_SECONDS`]
/// is refused as milliseconds. Every validator and the migration flow apply it first.
///
/// ```
/// use mcx_connect::token::check_now;
/// assert_eq!(check_now(1_700_000_000), Ok(1_700_000_000));
/// assert_eq!(check_now(1_700_000_000_000).unwrap_err().code(), "now_in_milliseconds");
/// ```
pub fn check_now(now: u64) -> Result<u64, TokenError> {
    if now > MAX_NOW_SECONDS {
        Err(TokenError::NowInMilliseconds(now))
    } else {
        Ok(now)
    }
}

/// A clock leeway of at most 30 seconds (TS 33.180 B.2.1.2: "not to exceed 30 seconds").
///
/// ```
/// use mcx_connect::token::Leeway;
/// assert_eq!(Leeway::seconds(30).unwrap().as_secs(), 30);
/// assert_eq!(Leeway::seconds(31).unwrap_err().code(), "leeway_too_large");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Leeway(u32);

impl Leeway {
    /// The largest leeway TS 33.180 B.2.1.2 allows, in seconds.
    pub const MAX_SECONDS: u32 = 30;

    /// A leeway of `seconds`; above 30 it is refused (`leeway_too_large`), never clamped.
    pub fn seconds(seconds: u64) -> Result<Self, TokenError> {
        match u32::try_from(seconds) {
            Ok(s) if s <= Self::MAX_SECONDS => Ok(Self(s)),
            _ => Err(TokenError::LeewayTooLarge(seconds)),
        }
    }

    /// The leeway in seconds.
    pub fn as_secs(self) -> u32 {
        self.0
    }
}

/// The claims of a verified token: B.2.1.2's standard claims, the OpenID Connect and OAuth
/// claims the token kinds use, and the MCX identities.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TokenClaims {
    /// `iss`: the URL of the IdM server.
    pub iss: String,
    /// `sub`: the MCX user, case-sensitive, at most 255 bytes.
    pub sub: String,
    /// `aud`: the audiences (a single string on the wire is read as one audience).
    pub aud: Vec<String>,
    /// `exp`: expiry, seconds since the epoch.
    pub exp: u64,
    /// `iat`: issue time, seconds since the epoch.
    pub iat: u64,
    /// `nbf`: not before, seconds since the epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nbf: Option<u64>,
    /// `azp`: the authorized party (OpenID Connect Core §2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub azp: Option<String>,
    /// `nonce` (OpenID Connect Core §2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// `client_id` (RFC 8693 §4.3, RFC 9068 §2.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// `jti`: the token identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jti: Option<String>,
    /// `mcptt_id`: the MCPTT ID of the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mcptt_id: Option<String>,
    /// `mcvideo_id`: the MCVideo ID of the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mcvideo_id: Option<String>,
    /// `mcdata_id`: the MCData ID of the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mcdata_id: Option<String>,
    /// Every other claim, as written (including `scope`/`scp`, read by the access token); in
    /// Kotlin, Swift and Python its JSON text.
    #[serde(flatten)]
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, unknown>"))]
    pub other: Map<String, Value>,
}

/// The MCX identity claim of a service.
pub(crate) fn service_claim(service: McService) -> &'static str {
    match service {
        McService::Ptt => "mcptt_id",
        McService::Video => "mcvideo_id",
        McService::Data => "mcdata_id",
    }
}

impl TokenClaims {
    /// The MCX identity of `service` (`mcptt_id`, `mcvideo_id` or `mcdata_id`), if present.
    pub fn service_id(&self, service: McService) -> Option<&str> {
        match service {
            McService::Ptt => self.mcptt_id.as_deref(),
            McService::Video => self.mcvideo_id.as_deref(),
            McService::Data => self.mcdata_id.as_deref(),
        }
    }

    /// Whether `aud` contains `value` (exact, case-sensitive).
    pub fn has_audience(&self, value: &str) -> bool {
        self.aud.iter().any(|a| a == value)
    }

    /// Reads and types the claims; `iss`, `sub`, `aud`, `exp` and `iat` are required.
    pub(crate) fn read(mut map: Map<String, Value>) -> Result<Self, TokenError> {
        let iss = required(string(&mut map, "iss")?, "iss")?;
        // B.2.1.2: "The URL of the IdM server"; an empty one names no server (checked even where
        // no expected issuer is configured, as the client's rules without keys are).
        if iss.is_empty() {
            return Err(invalid("iss", "it is empty"));
        }
        let sub = required(string(&mut map, "sub")?, "sub")?;
        if sub.is_empty() {
            return Err(invalid("sub", "it is empty"));
        }
        if sub.len() > MAX_SUBJECT_BYTES {
            return Err(TokenError::SubjectTooLong(sub.len()));
        }
        let aud = match map.remove("aud") {
            None => return Err(TokenError::MissingClaim("aud")),
            Some(Value::String(aud)) => vec![aud],
            Some(Value::Array(values)) if !values.is_empty() => values
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s),
                    _ => Err(invalid("aud", "the array holds a value that is not a string")),
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(invalid("aud", "it is neither a string nor a non-empty array of strings")),
        };
        let exp = required(numeric_date(&mut map, "exp", Rounding::Down)?, "exp")?;
        let iat = required(numeric_date(&mut map, "iat", Rounding::Up)?, "iat")?;
        let nbf = numeric_date(&mut map, "nbf", Rounding::Up)?;
        let azp = string(&mut map, "azp")?;
        let nonce = string(&mut map, "nonce")?;
        let client_id = string(&mut map, "client_id")?;
        let jti = string(&mut map, "jti")?;
        let mut ids = [None, None, None];
        for (slot, service) in ids.iter_mut().zip(McService::ALL) {
            let claim = service_claim(service);
            *slot = string(&mut map, claim)?;
            if slot.as_deref() == Some("") {
                return Err(invalid(claim, "it is empty"));
            }
        }
        let [mcptt_id, mcvideo_id, mcdata_id] = ids;
        Ok(Self {
            iss,
            sub,
            aud,
            exp,
            iat,
            nbf,
            azp,
            nonce,
            client_id,
            jti,
            mcptt_id,
            mcvideo_id,
            mcdata_id,
            other: map,
        })
    }
}

fn required<T>(value: Option<T>, claim: &'static str) -> Result<T, TokenError> {
    value.ok_or(TokenError::MissingClaim(claim))
}

pub(crate) fn invalid(claim: &'static str, reason: &str) -> TokenError {
    TokenError::InvalidClaim { claim, reason: reason.to_owned() }
}

fn string(map: &mut Map<String, Value>, claim: &'static str) -> Result<Option<String>, TokenError> {
    match map.remove(claim) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(invalid(claim, "it is not a string")),
    }
}

#[derive(Clone, Copy)]
enum Rounding {
    /// `exp`: a fractional expiry is read as the second before (the stricter reading).
    Down,
    /// `iat`, `nbf`: a fractional time is read as the second after (the stricter reading).
    Up,
}

/// A NumericDate (RFC 7519 §2): a non-negative JSON number of seconds.
fn numeric_date(
    map: &mut Map<String, Value>,
    claim: &'static str,
    rounding: Rounding,
) -> Result<Option<u64>, TokenError> {
    let Some(value) = map.remove(claim) else { return Ok(None) };
    let Value::Number(number) = value else {
        return Err(invalid(claim, "it is not a JSON number (RFC 7519 NumericDate)"));
    };
    if let Some(seconds) = number.as_u64() {
        return Ok(Some(seconds));
    }
    match number.as_f64() {
        Some(f) if (0.0..1.0e18).contains(&f) => Ok(Some(match rounding {
            Rounding::Down => f.floor() as u64,
            Rounding::Up => f.ceil() as u64,
        })),
        _ => Err(invalid(claim, "it is negative or out of range")),
    }
}

/// The rules every token kind shares: issuer, time, MCX identities.
#[derive(Debug, Clone)]
pub(crate) struct CommonRules {
    pub(crate) issuer: String,
    pub(crate) leeway: Leeway,
    pub(crate) services: Vec<McService>,
}

impl CommonRules {
    pub(crate) fn new(issuer: String) -> Result<Self, TokenError> {
        if issuer.is_empty() {
            return Err(TokenError::ValidatorInvalid("the expected issuer is empty".to_owned()));
        }
        Ok(Self { issuer, leeway: Leeway::default(), services: Vec::new() })
    }

    pub(crate) fn require_service(&mut self, service: McService) {
        if !self.services.contains(&service) {
            self.services.push(service);
        }
    }

    /// `iss` (exact), then `exp`, `nbf`, `iat` against `now` with the leeway.
    pub(crate) fn check_issuer_and_time(&self, claims: &TokenClaims, now: u64) -> Result<(), TokenError> {
        check_issuer(claims, &self.issuer)?;
        check_expiry(claims, now, self.leeway)?;
        check_not_before(claims, now, self.leeway)?;
        check_issued_at(claims, now, self.leeway)
    }

    /// The MCX identity of every service the caller asked for.
    pub(crate) fn check_services(&self, claims: &TokenClaims) -> Result<(), TokenError> {
        check_services(claims, &self.services)
    }
}

/// B.2.1.2 `iss`: exactly the expected issuer.
pub(crate) fn check_issuer(claims: &TokenClaims, issuer: &str) -> Result<(), TokenError> {
    if claims.iss == issuer {
        Ok(())
    } else {
        Err(TokenError::WrongIssuer { expected: issuer.to_owned(), found: shown(&claims.iss) })
    }
}

/// B.2.1.2 `exp`: `now` is before `exp` + leeway.
pub(crate) fn check_expiry(claims: &TokenClaims, now: u64, leeway: Leeway) -> Result<(), TokenError> {
    let leeway = leeway.as_secs();
    if now >= claims.exp.saturating_add(u64::from(leeway)) {
        return Err(TokenError::Expired { exp: claims.exp, now, leeway });
    }
    Ok(())
}

/// RFC 7519 §4.1.5 `nbf`: not after `now` + leeway.
pub(crate) fn check_not_before(claims: &TokenClaims, now: u64, leeway: Leeway) -> Result<(), TokenError> {
    let leeway = leeway.as_secs();
    match claims.nbf.filter(|nbf| *nbf > now.saturating_add(u64::from(leeway))) {
        Some(nbf) => Err(TokenError::NotYetValid { nbf, now, leeway }),
        None => Ok(()),
    }
}

/// B.2.1.2 `iat`: not after `now` + leeway.
pub(crate) fn check_issued_at(claims: &TokenClaims, now: u64, leeway: Leeway) -> Result<(), TokenError> {
    let leeway = leeway.as_secs();
    if claims.iat > now.saturating_add(u64::from(leeway)) {
        return Err(TokenError::IssuedInFuture { iat: claims.iat, now, leeway });
    }
    Ok(())
}

/// The MCX identity claim of every service in `services`.
pub(crate) fn check_services(claims: &TokenClaims, services: &[McService]) -> Result<(), TokenError> {
    match services.iter().find(|s| claims.service_id(**s).is_none()) {
        Some(service) => Err(TokenError::MissingServiceId { service: *service, claim: service_claim(*service) }),
        None => Ok(()),
    }
}
