//! One-call verification in the request flows: the B.7.4 assertion (see
//! [`JwtBearerRequest::parse_and_verify`](crate::JwtBearerRequest::parse_and_verify)) and the
//! B.7.2 subject token.

use super::error::TokenError;
use super::kinds::{AccessToken, AccessTokenValidator, SecurityToken};
use crate::error::{OAuthErrorCode, Rejection};
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

impl Rejection {
    /// The refusal of a token presented in a request: `presented` is what the RFC answers for a
    /// bad token there (`invalid_grant` for an `assertion`, RFC 7523 §3.1; `invalid_request` for
    /// a `subject_token`, RFC 8693 §2.2.2). The server's own mistakes are no fault of the token
    /// and are `server_error`: a `now` in milliseconds, a validator that cannot verify (no
    /// signature backend in this build).
    ///
    /// ```
    /// use mcx_connect::token::TokenError;
    /// use mcx_connect::{OAuthErrorCode, Rejection};
    /// let bad = Rejection::for_token(OAuthErrorCode::InvalidGrant, TokenError::BadSignature);
    /// assert_eq!((bad.error.as_str(), bad.code()), ("invalid_grant", "token_bad_signature"));
    /// let ours = Rejection::for_token(OAuthErrorCode::InvalidGrant, TokenError::NowInMilliseconds(1_700_000_000_000));
    /// assert_eq!((ours.error.as_str(), ours.to_http_response().status), ("server_error", 500));
    /// ```
    pub fn for_token(presented: OAuthErrorCode, error: TokenError) -> Self {
        match error {
            TokenError::NowInMilliseconds(_) | TokenError::ValidatorInvalid(_) => {
                Self::with_code(OAuthErrorCode::ServerError, error)
            }
            _ => Self::with_code(presented, error),
        }
    }
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

#[cfg(test)]
#[cfg(feature = "builtin-crypto")]
mod tests {
    use super::super::tests::{claims, jwks, security, token, with, CLIENT, EXP, ISS, NOW, TARGET};
    use super::*;
    use crate::token::Verifier;
    use crate::{ClientAuthentication, EndpointPolicy, McService, ScopeSet};
    use serde_json::json;

    #[test]
    fn rfc7523_3_1_a_now_in_milliseconds_is_the_servers_error_not_invalid_grant() {
        let http = JwtBearerRequest::new(
            token(&claims()),
            ClientAuthentication::client_id(CLIENT),
            ScopeSet::for_service(McService::Ptt),
        )
        .build(TARGET, EndpointPolicy::default())
        .unwrap();
        let strict = ParseOptions::strict();
        assert!(JwtBearerRequest::parse_and_verify(&http, &strict, &security(), NOW).is_ok());
        // The assertion is valid: the partner's clock reading is wrong, which is no `invalid_grant`.
        let refused = JwtBearerRequest::parse_and_verify(&http, &strict, &security(), NOW * 1000).unwrap_err();
        assert_eq!((refused.error.as_str(), refused.code()), ("server_error", "now_in_milliseconds"));
        assert_eq!(refused.to_http_response().status, 500);
        // The assertion's own faults stay `invalid_grant`.
        let late = JwtBearerRequest::parse_and_verify(&http, &strict, &security(), EXP).unwrap_err();
        assert_eq!((late.error.as_str(), late.code()), ("invalid_grant", "token_expired"));
    }

    #[test]
    fn rfc8693_2_2_2_a_now_in_milliseconds_is_the_servers_error_not_invalid_request() {
        let access = token(&with(json!({"aud": CLIENT, "client_id": CLIENT, "scope": "openid 3gpp:mc:ptt_service"})));
        let http = TokenExchangeRequest::new(TARGET, access)
            .with_client(ClientAuthentication::client_id(CLIENT))
            .build("https://idms.primary.example/token", EndpointPolicy::default())
            .unwrap();
        let validator = AccessTokenValidator::new(ISS, Verifier::new(jwks())).unwrap();
        let strict = ParseOptions::strict();
        assert!(TokenExchangeRequest::parse_and_verify(&http, &strict, &validator, NOW).is_ok());
        let refused = TokenExchangeRequest::parse_and_verify(&http, &strict, &validator, NOW * 1000).unwrap_err();
        assert_eq!((refused.error.as_str(), refused.code()), ("server_error", "now_in_milliseconds"));
        let late = TokenExchangeRequest::parse_and_verify(&http, &strict, &validator, EXP).unwrap_err();
        assert_eq!((late.error.as_str(), late.code()), ("invalid_request", "token_expired"));
    }
}
