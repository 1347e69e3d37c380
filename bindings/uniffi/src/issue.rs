//! Issuing the security token at the primary IdMS (TS 33.180 B.7.3), signed in the library or by
//! a key the host holds.

use crate::error::Result;
use crate::token::{AccessTokenValidator, SigningKey};
use mcx_connect::token::{Algorithm, TokenError};
use mcx_connect::{HttpRequest, ParseOptions, TokenExchangeResponse};
use std::sync::atomic::{AtomicBool, Ordering};
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
    /// ignored). With a key held by the host it fails with `signing_key_invalid`: use `prepare`.
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

    /// `answer` up to the signature, for a key held by the host (an HSM, a PKCS#11 token, a
    /// platform key store, a cloud KMS): the same reading, checks and refusals, and the security
    /// token whose signing input the host signs; its `finish` writes the response.
    #[uniffi::method(default(jti = None))]
    pub fn prepare(
        &self,
        request: HttpRequest,
        options: ParseOptions,
        validator: Arc<AccessTokenValidator>,
        now: u64,
        jti: Option<String>,
    ) -> Result<Arc<UnsignedSecurityToken>> {
        let parsed = mcx_connect::TokenExchangeRequest::parse_and_verify(&request, &options, validator.core(), now)?;
        let token = self.0.prepare(&parsed.value, now, jti.as_deref())?;
        Ok(Arc::new(UnsignedSecurityToken { token, signed: AtomicBool::new(false) }))
    }
}

/// A security token whose checks passed and whose claims are set, waiting for the signature of
/// the key the host holds. It is signed once. Its text shows the algorithm only.
#[derive(Debug, uniffi::Object)]
pub struct UnsignedSecurityToken {
    token: mcx_connect::token::UnsignedSecurityToken,
    signed: AtomicBool,
}

#[uniffi::export]
impl UnsignedSecurityToken {
    /// What the host signs, as its UTF-8 (ASCII) bytes: the JWS signing input (RFC 7515 §5.1).
    pub fn signing_input(&self) -> String {
        self.token.signing_input().to_owned()
    }

    /// The algorithm to sign with: the issuer's key's (ES256 or EdDSA).
    pub fn algorithm(&self) -> Algorithm {
        self.token.algorithm()
    }

    /// The B.7.3 response with the token signed by `signature`, in its JWS form: ES256 as the
    /// 64 bytes R then S (RFC 7518 §3.4; a DER signature must be converted), EdDSA as the
    /// 64-byte Ed25519 signature. Another length is `signing_key_invalid` (the token can still
    /// be finished); a second `finish` is `security_token_already_signed`.
    pub fn finish(&self, signature: Vec<u8>) -> Result<TokenExchangeResponse> {
        if self.signed.load(Ordering::Acquire) {
            return Err(TokenError::AlreadySigned.into());
        }
        let response = self.token.finish_checked(&signature)?;
        if self.signed.swap(true, Ordering::AcqRel) {
            return Err(TokenError::AlreadySigned.into());
        }
        Ok(response)
    }
}
