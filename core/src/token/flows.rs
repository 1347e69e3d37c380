//! One-call verification in the request flows: the B.7.4 assertion (see
//! [`JwtBearerRequest::parse_and_verify`](crate::JwtBearerRequest::parse_and_verify)) and the
//! B.7.2 subject token.

use super::kinds::{AccessToken, AccessTokenValidator, SecurityToken};
use crate::error::Rejection;
use crate::form::{ParseOptions, Parsed};
use crate::http::HttpRequest;
use crate::{JwtBearerRequest, TokenExchangeRequest};

/// A partner token request (B.7.4) whose assertion was authenticated as a security token.
#[derive(Debug, Clone, PartialEq, Eq)]
// The npm binding returns it as `{ request, securityToken }`.
#[cfg_attr(feature = "wasm", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct VerifiedJwtBearerRequest {
    /// The request as parsed.
    pub request: JwtBearerRequest,
    /// The checked security token from its `assertion`.
    pub security_token: SecurityToken,
}

/// A token exchange request (B.7.2) whose subject token was validated as an access token.
#[derive(Debug, Clone, PartialEq, Eq)]
// The npm binding returns it as `{ request, subjectToken }`.
#[cfg_attr(feature = "wasm", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct VerifiedTokenExchangeRequest {
    /// The request as parsed.
    pub request: TokenExchangeRequest,
    /// The checked primary access token from its `subject_token`.
    pub subject_token: AccessToken,
}

impl TokenExchangeRequest {
    /// Reads a token exchange request (server role, as [`parse`](Self::parse)) and validates
    /// its `subject_token` as an access token of this primary IdMS at time `now`. A bad
    /// subject token is `invalid_request` (RFC 8693 §2.2.2) with the precise
    /// [`TokenError`](super::TokenError) as cause.
    pub fn parse_and_verify(
        request: &HttpRequest,
        options: &ParseOptions,
        validator: &AccessTokenValidator,
        now: u64,
    ) -> Result<Parsed<VerifiedTokenExchangeRequest>, Rejection> {
        let parsed = Self::parse(request, options)?;
        let value = parsed.value.verify(validator, now)?;
        Ok(Parsed { value, normalisations: parsed.normalisations })
    }
}
