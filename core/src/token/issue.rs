//! Issuing the security token at the primary IdMS (TS 33.180 B.7.3, with the claims of
//! B.2.1.2): what the primary signs, built in one place so that a server never assembles the
//! claims or the response by hand.

use super::claims::check_now;
use super::error::TokenError;
use super::flows::VerifiedTokenExchangeRequest;
use super::jws::{encode, Algorithm, JwsHeader};
use super::kinds::AccessToken;
use super::sign::{signing_input, SigningKey};
use super::TokenClaims;
use crate::error::{OAuthErrorCode, Rejection, RequestError};
use crate::exchange::{TokenExchangeResponse, TOKEN_TYPE_JWT};
use crate::scope::ScopeSet;
use crate::Secret;
use serde_json::Map;

/// Issues security tokens at the primary IdMS (B.7.3): `iss` = this IdMS, `sub` = the user of the
/// primary access token, `aud` = [client_id, resource] (B.2.1.2: the client and the partner token
/// endpoint where the token will be applied), `azp` = the client_id (OpenID Connect Core §2, as
/// `aud` has two values), `iat` = now, `exp` at most `lifetime` seconds later and never after the
/// primary access token's own `exp`, and the user's MCX identities (`mcptt_id`, `mcvideo_id`,
/// `mcdata_id`) copied from the access token, and the `scope` the request asked for, if any
/// (see [`issue`](Self::issue)). A `jti` is added only when the caller supplies one
/// ([`issue_with_jti`](Self::issue_with_jti)): the core draws no randomness.
///
/// The core reads no clock: `now` is the caller's, and signing is deterministic (RFC 6979 for
/// ES256).
///
/// ```
/// use mcx_connect::token::{sign, AccessTokenValidator, JwkSet, JwsHeader, SecurityTokenIssuer,
///     SecurityTokenValidator, SigningKey, Verifier};
/// use mcx_connect::{ClientAuthentication, EndpointPolicy, ParseOptions, TokenExchangeRequest};
/// let primary = "https://idms.primary.example";
/// let partner = "https://idms.partner.example/token";
/// let key = SigningKey::es256(&[9u8; 32])?;
/// let jwks = JwkSet::from_keys(vec![key.public_jwk(Some("p1")).unwrap()]);
///
/// // The primary access token the client presents as subject_token (B.7.2).
/// let access = sign(&JwsHeader::new(key.algorithm()).with_kid("p1"), &serde_json::json!({
///     "iss": primary, "sub": "alice", "aud": "mcptt-client", "client_id": "mcptt-client",
///     "scope": "openid 3gpp:mc:ptt_service", "iat": 1_700_000_000, "exp": 1_700_003_600,
///     "mcptt_id": "sip:alice@primary.example"}), &key)?;
/// let http = TokenExchangeRequest::new(partner, access)
///     .with_client(ClientAuthentication::client_id("mcptt-client"))
///     .build("https://idms.primary.example/token", EndpointPolicy::default()).unwrap();
/// let access_validator = AccessTokenValidator::new(primary, Verifier::new(jwks.clone()))?;
/// let exchange = TokenExchangeRequest::parse_and_verify(&http, &ParseOptions::strict(), &access_validator, 1_700_000_100).unwrap();
///
/// // The primary IdMS issues the security token and writes B.7.3.
/// let issuer = SecurityTokenIssuer::new(primary, key, 300)?.with_kid("p1");
/// let response = issuer.issue(&exchange.value, 1_700_000_100).unwrap();
/// assert_eq!((response.token_type.as_str(), response.expires_in), ("N_A", Some(300)));
///
/// // The partner IdMS authenticates it (B.7.4).
/// let validator = SecurityTokenValidator::new(primary, partner, Verifier::new(jwks))?;
/// let token = validator.validate(response.access_token.expose(), "mcptt-client", 1_700_000_200)?;
/// assert_eq!(token.claims.aud, ["mcptt-client", partner]);
/// assert_eq!(token.claims.mcptt_id.as_deref(), Some("sip:alice@primary.example"));
/// # Ok::<(), mcx_connect::token::TokenError>(())
/// ```
#[derive(Debug, Clone)]
pub struct SecurityTokenIssuer {
    issuer: String,
    key: SigningKey,
    kid: Option<String>,
    lifetime: u64,
}

impl SecurityTokenIssuer {
    /// An issuer signing as `issuer` (the URL of this primary IdMS, B.2.1.2 `iss`) with `key`;
    /// no security token lives longer than `lifetime` seconds. An empty issuer or a lifetime of
    /// 0 s is `issuer_invalid`.
    pub fn new(issuer: impl Into<String>, key: SigningKey, lifetime: u64) -> Result<Self, TokenError> {
        let issuer = issuer.into();
        if issuer.is_empty() {
            return Err(TokenError::IssuerInvalid("the issuer (`iss`) is empty".to_owned()));
        }
        if lifetime == 0 {
            return Err(TokenError::IssuerInvalid("a security token lifetime of 0 s".to_owned()));
        }
        Ok(Self { issuer, key, kid: None, lifetime })
    }

    /// Names the key in the JOSE header (`kid`), as published in this IdMS's JWK Set.
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// The issuer (`iss`): the URL of this primary IdMS.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The longest lifetime of a security token, in seconds.
    pub fn lifetime(&self) -> u64 {
        self.lifetime
    }

    /// The claims of the security token for the user of `subject` (a validated primary access
    /// token), issued to `client_id` for `resource` (the partner token endpoint) at `now`.
    /// `aud` holds `resource` with its scheme and host in lower case (RFC 3986 §6.2.2.1). `exp` is
    /// `now + lifetime`, or the access token's `exp` when that comes first; `jti` is unset.
    pub fn claims(&self, subject: &AccessToken, client_id: &str, resource: &str, now: u64) -> TokenClaims {
        let from = &subject.claims;
        TokenClaims {
            iss: self.issuer.clone(),
            sub: from.sub.clone(),
            // The partner address with its scheme and host in lower case (RFC 3986 §6.2.2.1), the
            // form a partner that compares `aud` as a plain string (RFC 7519 §4.1.3) expects.
            aud: vec![client_id.to_owned(), crate::uri::case_normalised(resource).into_owned()],
            exp: now.saturating_add(self.lifetime).min(from.exp),
            iat: now,
            nbf: None,
            azp: Some(client_id.to_owned()),
            nonce: None,
            client_id: None,
            jti: None,
            mcptt_id: from.mcptt_id.clone(),
            mcvideo_id: from.mcvideo_id.clone(),
            mcdata_id: from.mcdata_id.clone(),
            other: Map::new(),
        }
    }

    /// Issues the B.7.3 response for a token exchange whose subject token was validated
    /// ([`TokenExchangeRequest::parse_and_verify`](crate::TokenExchangeRequest::parse_and_verify)):
    /// the signed security token with `issued_token_type` JWT, `token_type` `N_A` and
    /// `expires_in`.
    ///
    /// What the request asks beyond B.7.2 is honoured or refused, never ignored:
    /// `requested_token_type` other than the JWT type is `unsupported_token_type`
    /// (`invalid_request`); an `actor_token` (delegation) is `unsupported_parameter`
    /// (`invalid_request`); an `audience` other than the `resource` is `unsupported_parameter`
    /// (`invalid_target`). A requested `scope` (RFC 8693 §2.1) must be within the scope of the
    /// primary access token (`scope_widened`, `invalid_scope`); it is bound to the security token
    /// as its `scope` claim and returned in the reply's `scope` (RFC 8693 §2.2.1 lets a reply
    /// leave `scope` out only when it is the requested one: a reply without it would tell the
    /// client its scope was granted while the token carried none). Without a requested scope the
    /// token has no `scope` claim: the partner token request (B.7.4) carries the scope. A client
    /// named by the request that is not the access token's `client_id` is `token_client_mismatch`
    /// (`invalid_request`, RFC 8693 §2.2.2); an access token that expires by `now` is
    /// `token_expired`. A `now` in milliseconds is `now_in_milliseconds` (`server_error`).
    pub fn issue(&self, exchange: &VerifiedTokenExchangeRequest, now: u64) -> Result<TokenExchangeResponse, Rejection> {
        self.issue_token(exchange, now, None)
    }

    /// [`issue`](Self::issue) with a `jti` (RFC 7519 §4.1.7) the caller drew at random, so that a
    /// partner can refuse a replayed security token.
    pub fn issue_with_jti(
        &self,
        exchange: &VerifiedTokenExchangeRequest,
        now: u64,
        jti: &str,
    ) -> Result<TokenExchangeResponse, Rejection> {
        self.issue_token(exchange, now, Some(jti))
    }

    /// [`issue`](Self::issue) up to the signature, for a key held by the host
    /// ([`SigningKey::held_by_host`](super::SigningKey::held_by_host)): the same checks and
    /// claims, and the [`UnsignedSecurityToken`] whose signing input the host signs (ES256 as
    /// `R ‖ S`); [`UnsignedSecurityToken::finish`] writes the response. `jti` as in
    /// [`issue_with_jti`](Self::issue_with_jti).
    ///
    /// ```
    /// # use mcx_connect::token::*;
    /// # use mcx_connect::{ClientAuthentication, EndpointPolicy, ParseOptions, TokenExchangeRequest};
    /// # let primary = "https://idms.primary.example";
    /// # let key = SigningKey::es256(&[9u8; 32])?;
    /// # let access = sign(&JwsHeader::new(key.algorithm()), &serde_json::json!({"iss": primary, "sub": "alice",
    /// #     "aud": "c", "client_id": "c", "scope": "openid 3gpp:mc:ptt_service", "iat": 1_700_000_000, "exp": 1_700_003_600}), &key)?;
    /// # let http = TokenExchangeRequest::new("https://idms.partner.example/token", access)
    /// #     .with_client(ClientAuthentication::client_id("c")).build("https://idms.primary.example/token", EndpointPolicy::default()).unwrap();
    /// # let validator = AccessTokenValidator::new(primary, Verifier::new(JwkSet::from_keys(vec![key.public_jwk(None).unwrap()])))?;
    /// # let exchange = TokenExchangeRequest::parse_and_verify(&http, &ParseOptions::strict(), &validator, 1_700_000_100).unwrap().value;
    /// let issuer = SecurityTokenIssuer::new(primary, SigningKey::held_by_host(Algorithm::Es256)?, 300)?;
    /// let unsigned = issuer.prepare(&exchange, 1_700_000_100, None).unwrap();
    /// assert_eq!(unsigned.algorithm(), Algorithm::Es256);
    /// let signature = [0u8; 64]; // the host's crypto.subtle.sign over unsigned.signing_input()
    /// let response = unsigned.finish(&signature);
    /// assert_eq!(response.expires_in, Some(300));
    /// # Ok::<(), mcx_connect::token::TokenError>(())
    /// ```
    pub fn prepare(
        &self,
        exchange: &VerifiedTokenExchangeRequest,
        now: u64,
        jti: Option<&str>,
    ) -> Result<UnsignedSecurityToken, Rejection> {
        // A `now` in milliseconds is the server's mistake: never an expired subject token.
        check_now(now).map_err(|e| Rejection::with_code(OAuthErrorCode::ServerError, e))?;
        let request = &exchange.request;
        if let Some(requested) = request.requested_token_type.as_deref().filter(|t| *t != TOKEN_TYPE_JWT) {
            return Err(Rejection::new(RequestError::UnsupportedTokenType {
                found: crate::http::printable(requested, 80),
                expected: TOKEN_TYPE_JWT,
            }));
        }
        if request.actor_token.is_some() {
            return Err(Rejection::new(RequestError::UnsupportedParameter {
                parameter: "actor_token",
                reason: "a security token is issued to the user alone; delegation is not supported",
            }));
        }
        if request.audience.iter().any(|audience| !crate::uri::same_resource(audience, &request.resource)) {
            return Err(Rejection::with_code(
                OAuthErrorCode::InvalidTarget,
                RequestError::UnsupportedParameter {
                    parameter: "audience",
                    reason: "a security token's audience is the client and the resource (B.2.1.2)",
                },
            ));
        }
        let subject = &exchange.subject_token;
        if let Some(requested) = &request.scope {
            requested.require_within(&subject.scope).map_err(Rejection::new)?;
        }
        let client_id = match (request.client.id(), subject.claims.client_id.as_deref()) {
            (Some(named), Some(holder)) if named != holder => {
                return Err(Rejection::with_code(
                    OAuthErrorCode::InvalidRequest,
                    TokenError::ClientMismatch(crate::http::printable(named, 80)),
                ))
            }
            (_, Some(holder)) => holder,
            (Some(named), None) => named,
            (None, None) => {
                return Err(Rejection::with_code(OAuthErrorCode::InvalidRequest, TokenError::MissingClaim("client_id")))
            }
        };
        let mut claims = self.claims(subject, client_id, &request.resource, now);
        claims.jti = jti.map(str::to_owned);
        if let Some(scope) = &request.scope {
            claims.other.insert("scope".to_owned(), scope.to_string().into());
        }
        if claims.exp <= now {
            return Err(Rejection::with_code(
                OAuthErrorCode::InvalidRequest,
                TokenError::Expired { exp: subject.claims.exp, now, leeway: 0 },
            ));
        }
        let mut header = JwsHeader::new(self.key.algorithm());
        if let Some(kid) = &self.kid {
            header = header.with_kid(kid.clone());
        }
        let signing_input =
            signing_input(&header, &claims).map_err(|e| Rejection::with_code(OAuthErrorCode::ServerError, e))?;
        Ok(UnsignedSecurityToken {
            signing_input,
            algorithm: self.key.algorithm(),
            expires_in: claims.exp - now,
            scope: request.scope.clone(),
        })
    }

    fn issue_token(
        &self,
        exchange: &VerifiedTokenExchangeRequest,
        now: u64,
        jti: Option<&str>,
    ) -> Result<TokenExchangeResponse, Rejection> {
        let unsigned = self.prepare(exchange, now, jti)?;
        let signature = self
            .key
            .sign_bytes(unsigned.signing_input.as_bytes())
            .map_err(|e| Rejection::with_code(OAuthErrorCode::ServerError, e))?;
        Ok(unsigned.finish(&signature))
    }
}

/// A security token whose checks passed and whose claims are set, waiting for the host's
/// signature ([`SecurityTokenIssuer::prepare`]). `Debug` shows the algorithm only.
#[derive(Clone)]
pub struct UnsignedSecurityToken {
    signing_input: String,
    algorithm: Algorithm,
    expires_in: u64,
    /// The requested scope bound to the token, returned in the reply.
    scope: Option<ScopeSet>,
}

impl UnsignedSecurityToken {
    /// The JWS signing input to sign (RFC 7515 §5.1).
    pub fn signing_input(&self) -> &str {
        &self.signing_input
    }

    /// The algorithm to sign with (the issuer's key's).
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The B.7.3 response with the token signed by `signature` (in its JWS form: ECDSA `R ‖ S`),
    /// taken as given; [`finish_checked`](Self::finish_checked) first checks its length.
    pub fn finish(self, signature: &[u8]) -> TokenExchangeResponse {
        self.response(signature)
    }

    /// [`finish`](Self::finish) for a signature from outside the library (an HSM, a PKCS#11
    /// token, a cloud KMS): one whose length is not the algorithm's JWS form (RFC 7515 §5.1,
    /// RFC 7518 §3.4: ES256 as the 64-byte `R ‖ S`, never DER; EdDSA 64 bytes, RFC 8032 §5.1.6)
    /// is `signing_key_invalid`, and the token is kept to finish with the right one.
    ///
    /// ```
    /// # use mcx_connect::token::*;
    /// # use mcx_connect::{ClientAuthentication, EndpointPolicy, ParseOptions, TokenExchangeRequest};
    /// # let primary = "https://idms.primary.example";
    /// # let key = SigningKey::es256(&[9u8; 32])?;
    /// # let access = sign(&JwsHeader::new(key.algorithm()), &serde_json::json!({"iss": primary, "sub": "alice",
    /// #     "aud": "c", "client_id": "c", "scope": "openid 3gpp:mc:ptt_service", "iat": 1_700_000_000, "exp": 1_700_003_600}), &key)?;
    /// # let http = TokenExchangeRequest::new("https://idms.partner.example/token", access)
    /// #     .with_client(ClientAuthentication::client_id("c")).build("https://idms.primary.example/token", EndpointPolicy::default()).unwrap();
    /// # let validator = AccessTokenValidator::new(primary, Verifier::new(JwkSet::from_keys(vec![key.public_jwk(None).unwrap()])))?;
    /// # let exchange = TokenExchangeRequest::parse_and_verify(&http, &ParseOptions::strict(), &validator, 1_700_000_100).unwrap().value;
    /// let issuer = SecurityTokenIssuer::new(primary, SigningKey::held_by_host(Algorithm::Es256)?, 300)?;
    /// let unsigned = issuer.prepare(&exchange, 1_700_000_100, None).unwrap();
    /// let der = [0x30u8; 71]; // an ECDSA signature in DER, as many key stores give it
    /// assert_eq!(unsigned.finish_checked(&der).unwrap_err().code(), "signing_key_invalid");
    /// assert_eq!(unsigned.finish_checked(&[7u8; 64])?.expires_in, Some(300));
    /// # Ok::<(), mcx_connect::token::TokenError>(())
    /// ```
    pub fn finish_checked(&self, signature: &[u8]) -> Result<TokenExchangeResponse, TokenError> {
        let expected = match self.algorithm {
            Algorithm::Es256 | Algorithm::EdDsa => Some(64),
            Algorithm::Es384 => Some(96),
            Algorithm::Hs256 => Some(32),
            Algorithm::Rs256 | Algorithm::Ps256 => None,
        };
        match expected {
            Some(expected) if signature.len() != expected => Err(TokenError::SigningKeyInvalid(format!(
                "an {} signature is {expected} bytes in its JWS form (ECDSA as R || S, never DER: RFC 7518 §3.4), \
                 not {}",
                self.algorithm,
                signature.len()
            ))),
            _ => Ok(self.response(signature)),
        }
    }

    fn response(&self, signature: &[u8]) -> TokenExchangeResponse {
        let token = Secret::new(format!("{}.{}", self.signing_input, encode(signature)));
        TokenExchangeResponse {
            scope: self.scope.clone(),
            ..TokenExchangeResponse::security_token(token, self.expires_in)
        }
    }
}

impl std::fmt::Debug for UnsignedSecurityToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnsignedSecurityToken").field("algorithm", &self.algorithm).finish_non_exhaustive()
    }
}

#[cfg(test)]
#[cfg(feature = "builtin-crypto")]
mod tests {
    use super::*;
    use crate::exchange::ActorToken;
    use crate::token::sign;
    use crate::token::{AccessTokenValidator, JwkSet, SecurityTokenValidator, UnverifiedToken, Verifier};
    use crate::{ClientAuthentication, TokenExchangeRequest};

    const PRIMARY: &str = "https://idms.primary.example";
    const PARTNER: &str = "https://idms.partner.example/token";
    const NOW: u64 = 1_700_000_100;

    fn key() -> SigningKey {
        SigningKey::es256(&[9u8; 32]).unwrap()
    }

    fn jwks() -> JwkSet {
        JwkSet::from_keys(vec![key().public_jwk(None).unwrap()])
    }

    /// A token exchange whose subject token (expiring at `exp`) was validated.
    fn exchange(exp: u64, change: impl FnOnce(&mut TokenExchangeRequest)) -> VerifiedTokenExchangeRequest {
        let claims = serde_json::json!({"iss": PRIMARY, "sub": "alice", "aud": "mcptt-client",
            "client_id": "mcptt-client", "scope": "openid 3gpp:mc:ptt_service 3gpp:mc:data_service",
            "iat": NOW - 100, "exp": exp, "mcptt_id": "sip:alice@ptt", "mcdata_id": "sip:alice@data"});
        let access = sign(&JwsHeader::new(key().algorithm()), &claims, &key()).unwrap();
        let validator = AccessTokenValidator::new(PRIMARY, Verifier::new(jwks())).unwrap().with_leeway(30).unwrap();
        let subject_token = validator.validate(access.expose(), NOW).unwrap();
        let mut request =
            TokenExchangeRequest::new(PARTNER, access).with_client(ClientAuthentication::client_id("mcptt-client"));
        change(&mut request);
        VerifiedTokenExchangeRequest { request, subject_token }
    }

    fn issuer() -> SecurityTokenIssuer {
        SecurityTokenIssuer::new(PRIMARY, key(), 300).unwrap().with_kid("p1")
    }

    #[test]
    fn b_7_3_security_token_has_the_b_2_1_2_claims_and_the_mcx_identities() {
        let reply = issuer().issue_with_jti(&exchange(NOW + 3600, |_| {}), NOW, "id-1").unwrap();
        assert_eq!(reply.issued_token_type, TOKEN_TYPE_JWT);
        assert_eq!((reply.token_type.as_str(), reply.expires_in), ("N_A", Some(300)));
        let seen = UnverifiedToken::inspect(reply.access_token.expose()).unwrap();
        assert_eq!(seen.header.kid.as_deref(), Some("p1"));
        let expected = serde_json::json!({"iss": PRIMARY, "sub": "alice", "aud": ["mcptt-client", PARTNER],
            "azp": "mcptt-client", "iat": NOW, "exp": NOW + 300, "jti": "id-1",
            "mcptt_id": "sip:alice@ptt", "mcdata_id": "sip:alice@data"});
        assert_eq!(serde_json::Value::Object(seen.claims), expected);
        let published = JwkSet::from_keys(vec![key().public_jwk(Some("p1")).unwrap()]);
        let validator = SecurityTokenValidator::new(PRIMARY, PARTNER, Verifier::new(published)).unwrap();
        assert!(validator.validate(reply.access_token.expose(), "mcptt-client", NOW + 299).is_ok());
        assert_eq!(
            validator.validate(reply.access_token.expose(), "mcptt-client", NOW + 300).unwrap_err().code(),
            "token_expired"
        );
    }

    #[test]
    fn b_7_3_security_token_never_outlives_the_primary_access_token() {
        let reply = issuer().issue(&exchange(NOW + 60, |_| {}), NOW).unwrap();
        assert_eq!(reply.expires_in, Some(60));
        let seen = UnverifiedToken::inspect(reply.access_token.expose()).unwrap();
        assert_eq!(seen.claims["exp"], NOW + 60);
        assert!(seen.claims.get("jti").is_none());
        // Accepted within the validator's leeway, but already expired: nothing to issue.
        let late = issuer().issue(&exchange(NOW - 10, |_| {}), NOW).unwrap_err();
        assert_eq!((late.error.as_str(), late.code()), ("invalid_request", "token_expired"));
    }

    #[test]
    fn rfc8693_2_1_what_the_issuer_cannot_honour_is_refused_not_ignored() {
        let other_type = exchange(NOW + 3600, |r| r.requested_token_type = Some(crate::TOKEN_TYPE_ACCESS_TOKEN.into()));
        let err = issuer().issue(&other_type, NOW).unwrap_err();
        assert_eq!((err.error.as_str(), err.code()), ("invalid_request", "unsupported_token_type"));
        let jwt_type = exchange(NOW + 3600, |r| r.requested_token_type = Some(TOKEN_TYPE_JWT.into()));
        assert!(issuer().issue(&jwt_type, NOW).is_ok());

        let actor = exchange(NOW + 3600, |r| {
            r.actor_token = Some(ActorToken { token: "a".into(), token_type: TOKEN_TYPE_JWT.into() });
        });
        let err = issuer().issue(&actor, NOW).unwrap_err();
        assert_eq!((err.error.as_str(), err.code()), ("invalid_request", "unsupported_parameter"));

        let audience = exchange(NOW + 3600, |r| r.audience = vec!["https://elsewhere.example".into()]);
        let err = issuer().issue(&audience, NOW).unwrap_err();
        assert_eq!((err.error.as_str(), err.code()), ("invalid_target", "unsupported_parameter"));
        let same = exchange(NOW + 3600, |r| r.audience = vec![PARTNER.into()]);
        assert!(issuer().issue(&same, NOW).is_ok());
    }

    #[test]
    fn rfc8693_2_2_1_a_requested_scope_is_bound_to_the_security_token_and_returned() {
        let scoped = exchange(NOW + 3600, |r| r.scope = Some(ScopeSet::parse("3gpp:mc:ptt_service").unwrap()));
        let reply = issuer().issue(&scoped, NOW).unwrap();
        // RFC 8693 §2.2.1: `scope` may be left out only when it is identical to the request's; the
        // reply says it, and the token carries it.
        assert_eq!(reply.scope.as_ref().map(ToString::to_string).as_deref(), Some("3gpp:mc:ptt_service"));
        let seen = UnverifiedToken::inspect(reply.access_token.expose()).unwrap();
        assert_eq!(seen.claims["scope"], "3gpp:mc:ptt_service");
        // Without a requested scope, neither.
        let reply = issuer().issue(&exchange(NOW + 3600, |_| {}), NOW).unwrap();
        assert_eq!(reply.scope, None);
        assert!(UnverifiedToken::inspect(reply.access_token.expose()).unwrap().claims.get("scope").is_none());
    }

    #[test]
    fn rfc8693_2_1_a_requested_scope_beyond_the_subject_token_is_invalid_scope() {
        let wider = exchange(NOW + 3600, |r| {
            r.scope = Some(ScopeSet::parse("3gpp:mc:ptt_service 3gpp:mc:video_service").unwrap());
        });
        let err = issuer().issue(&wider, NOW).unwrap_err();
        assert_eq!((err.error.as_str(), err.code()), ("invalid_scope", "scope_widened"));
    }

    #[test]
    fn rfc8693_2_2_2_a_subject_token_of_another_client_is_invalid_request() {
        let other = exchange(NOW + 3600, |r| r.client = ClientAuthentication::client_id("intruder"));
        let err = issuer().issue(&other, NOW).unwrap_err();
        assert_eq!((err.error.as_str(), err.code()), ("invalid_request", "token_client_mismatch"));
        let unnamed = exchange(NOW + 3600, |r| r.client = ClientAuthentication::None);
        let reply = issuer().issue(&unnamed, NOW).unwrap();
        let seen = UnverifiedToken::inspect(reply.access_token.expose()).unwrap();
        assert_eq!(seen.claims["aud"][0], "mcptt-client");
    }

    #[test]
    fn b_7_3_a_now_in_milliseconds_is_the_servers_error_not_an_expired_subject_token() {
        // `Date.now()` passed without dividing by 1000: every other entry taking `now` refuses it
        // as `now_in_milliseconds`; the issuer blamed the client's access token (`token_expired`,
        // `invalid_request`).
        let err = issuer().issue(&exchange(NOW + 3600, |_| {}), NOW * 1000).unwrap_err();
        assert_eq!((err.error.as_str(), err.code()), ("server_error", "now_in_milliseconds"));
        let err = issuer().prepare(&exchange(NOW + 3600, |_| {}), NOW * 1000, None).unwrap_err();
        assert_eq!((err.error.as_str(), err.code()), ("server_error", "now_in_milliseconds"));
    }

    #[test]
    fn rfc7515_5_1_rfc7518_3_4_a_host_signature_of_another_length_than_its_algorithms_is_refused() {
        for alg in [Algorithm::Es256, Algorithm::EdDsa] {
            let issuer = SecurityTokenIssuer::new(PRIMARY, SigningKey::held_by_host(alg).unwrap(), 300).unwrap();
            let unsigned = issuer.prepare(&exchange(NOW + 3600, |_| {}), NOW, None).unwrap();
            for wrong in [0, 63, 65, 71, 72] {
                let err = unsigned.finish_checked(&vec![0x30; wrong]).unwrap_err();
                assert_eq!(err.code(), "signing_key_invalid");
                assert!(err.to_string().contains(&format!("not {wrong}")), "{err}");
            }
            // Refused, the token is kept: the right signature still finishes it.
            let reply = unsigned.finish_checked(&[7; 64]).unwrap();
            assert_eq!(reply.access_token.expose(), format!("{}.{}", unsigned.signing_input(), encode(&[7; 64])));
        }
    }

    #[test]
    fn b_7_3_a_key_held_by_the_host_cannot_issue_in_the_library_only_through_prepare() {
        let issuer =
            SecurityTokenIssuer::new(PRIMARY, SigningKey::held_by_host(Algorithm::EdDsa).unwrap(), 300).unwrap();
        let err = issuer.issue(&exchange(NOW + 3600, |_| {}), NOW).unwrap_err();
        assert_eq!((err.error.as_str(), err.code()), ("server_error", "signing_key_invalid"));
        assert!(err.to_string().contains("prepare"), "{err}");
        let unsigned = issuer.with_kid("hsm-1").prepare(&exchange(NOW + 3600, |_| {}), NOW, None).unwrap();
        assert_eq!(format!("{unsigned:?}"), "UnsignedSecurityToken { algorithm: EdDsa, .. }");
        let seen = UnverifiedToken::inspect(&format!("{}.AA", unsigned.signing_input())).unwrap();
        assert_eq!((seen.header.alg.as_str(), seen.header.kid.as_deref()), ("EdDSA", Some("hsm-1")));
    }

    #[test]
    fn unusable_issuing_settings_are_refused() {
        assert_eq!(SecurityTokenIssuer::new("", key(), 300).unwrap_err().code(), "issuer_invalid");
        assert_eq!(SecurityTokenIssuer::new(PRIMARY, key(), 0).unwrap_err().code(), "issuer_invalid");
        assert!(!format!("{:?}", issuer()).contains("[9"), "the key stays redacted");
    }
}
