//! Issuing the security token at the primary IdMS (TS 33.180 B.7.3).

use crate::error::Result;
use crate::token::{AccessTokenValidator, SigningKey};
use mcx_connect::{HttpRequest, ParseOptions, TokenExchangeResponse};
use std::sync::Arc;

/// Builds and signs the security token of B.7.3 (`iss`, `sub`, `aud` = [client_id, resource],
/// `azp`, `iat`, `exp` within `lifetime`, the MCX identities) and the token exchange response.
#[derive(Debug, uniffi::Object)]
pub struct SecurityTokenIssuer(mcx_connect::token::SecurityTokenIssuer);

#[uniffi::export]
impl SecurityTokenIssuer {
    /// An issuer signing as `issuer` (this primary IdMS's URL) with `key`, named `kid` in the
    /// header; no security token lives longer than `lifetime` seconds (`issuer_invalid` for an
    /// empty issuer or a lifetime of 0).
    #[uniffi::constructor(default(kid = None))]
    pub fn new(issuer: String, key: Arc<SigningKey>, lifetime: u64, kid: Option<String>) -> Result<Arc<Self>> {
        let mut core = mcx_connect::token::SecurityTokenIssuer::new(issuer, key.core().clone(), lifetime)?;
        if let Some(kid) = kid {
            core = core.with_kid(kid);
        }
        Ok(Arc::new(Self(core)))
    }

    /// Primary IdMS: reads a token exchange request, validates its subject token with
    /// `validator`, and answers with the B.7.3 response (a `jti` is added when given). A refusal
    /// is `Rejected` with the RFC error (what the request asks beyond B.7.2 is refused, never
    /// ignored).
    #[uniffi::method(default(jti = None))]
    pub fn answer(
        &self,
        request: HttpRequest,
        options: ParseOptions,
        validator: Arc<AccessTokenValidator>,
        now: u64,
        jti: Option<String>,
    ) -> Result<TokenExchangeResponse> {
        let parsed = mcx_connect::TokenExchangeRequest::parse_and_verify(&request, &options, validator.core(), now)?;
        Ok(match jti {
            Some(jti) => self.0.issue_with_jti(&parsed.value, now, &jti)?,
            None => self.0.issue(&parsed.value, now)?,
        })
    }
}
