//! Issuing the security token at the primary IdMS (TS 33.180 B.7.3).

use crate::convert::{member, only_members, optional_string_in, seconds_in, string_in, to_js};
use crate::error::{throw, throw_rejection};
use crate::form::options_in;
use crate::host_crypto::HostSigningKey;
use crate::http::request_in;
use crate::token::{access_validator, options_of};
use mcx_connect::token::SecurityTokenIssuer;
use mcx_connect::{OAuthErrorCode, Rejection, TokenExchangeRequest};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// How the primary IdMS issues security tokens (B.7.3); read member by member (its key is bytes).
#[derive(tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SecurityTokenIssuerInit {
    /// `iss`: this primary IdMS's URL.
    pub issuer: String,
    /// The signing key.
    pub key: crate::token::SigningKeyInit,
    /// The longest lifetime of a security token, in seconds (the token never outlives the access token either).
    pub lifetime: f64,
    /// `kid` in the JOSE header.
    #[tsify(optional)]
    pub kid: Option<String>,
    /// A `jti` the caller drew at random.
    #[tsify(optional)]
    pub jti: Option<String>,
}

/// Primary IdM server (TS 33.180 B.7.2, B.7.3): reads a token exchange request, validates its
/// subject token as one of this server's access tokens, and answers with a signed security token
/// for the partner system the request names. ES256 and EdDSA keys sign with the platform's
/// WebCrypto, HS256 in the library. What the request asks beyond B.7.2 is refused, never ignored.
///
/// @throws {McxConnectError} (the promise rejects) with the RFC 6749 / RFC 8693 error a server
/// answers with (`e.oauthError`, `e.status`): the request parser's codes, `invalid_request` for a
/// subject token that does not validate, `signing_key_invalid` or `issuer_invalid` for a bad
/// `issuer`; `invalid_argument` for an `issuer` or key with a member it does not have.
/// @example
/// ```js
/// import { issueSecurityToken, signToken, buildTokenExchangeRequest } from "mcx-connect";
/// const now = Math.floor(Date.now() / 1000);
/// const issuer = "https://idms.primary.example";
/// const accessKey = { alg: "HS256", secret: crypto.getRandomValues(new Uint8Array(32)) };
/// const { token: accessToken } = await signToken(accessKey, {
///   iss: issuer, sub: "alice@primary.example", aud: "mcptt-client", client_id: "mcptt-client",
///   iat: now, exp: now + 600,
///   scope: "openid 3gpp:mc:ptt_service",
/// });
/// const request = buildTokenExchangeRequest(`${issuer}/token`, {
///   resource: "https://idms.partner.example/token", subjectToken: accessToken,
///   client: { method: "client_id", clientId: "mcptt-client" },
/// });
/// const reply = await issueSecurityToken(request, undefined,
///   { issuer, jwks: { keys: [] }, sharedSecret: accessKey.secret, algorithms: ["HS256"] },
///   { issuer, key: { alg: "ES256", secret: crypto.getRandomValues(new Uint8Array(32)) }, lifetime: 300 },
///   now);
/// reply.issuedTokenType; // => "urn:ietf:params:oauth:token-type:jwt"
/// ```
#[wasm_bindgen(js_name = issueSecurityToken, unchecked_return_type = "Promise<TokenExchangeResponse>")]
pub fn issue_security_token(
    request: Ts<mcx_connect::HttpRequest>,
    #[wasm_bindgen(unchecked_param_type = "ParseOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] validator: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SecurityTokenIssuerInit")] issuer: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> js_sys::Promise {
    crate::token::promise(async move {
        let validator = access_validator(&options_of(validator)?)?;
        only_members(&issuer, &["issuer", "key", "lifetime", "kid", "jti"], "issuer")?;
        let key = HostSigningKey::read(&member(&issuer, "key")).await?;
        let lifetime = seconds_in(&member(&issuer, "lifetime"), "issuer.lifetime")?;
        let issuer_url = string_in(member(&issuer, "issuer"), "issuer.issuer")?;
        let mut core = throw(SecurityTokenIssuer::new(issuer_url, key.core.clone(), lifetime))?;
        if let Some(kid) = optional_string_in(member(&issuer, "kid"), "issuer.kid")? {
            core = core.with_kid(kid);
        }
        let jti = optional_string_in(member(&issuer, "jti"), "issuer.jti")?;
        let (request, options, now) = (request_in(request)?, options_in(Some(options))?, seconds_in(&now, "now")?);
        let parsed = throw_rejection(TokenExchangeRequest::parse(&request, &options))?;
        let exchange = throw_rejection(validator.exchange(parsed.value, now).await)?;
        let unsigned = throw_rejection(core.prepare(&exchange, now, jti.as_deref()))?;
        let response = match key.host_signature(unsigned.signing_input()).await? {
            // The one checked way in for a signature made outside the core, as in the other languages.
            Some(signature) => throw_rejection(
                unsigned.finish_checked(&signature).map_err(|e| Rejection::with_code(OAuthErrorCode::ServerError, e)),
            )?,
            None => throw_rejection(match jti {
                Some(jti) => core.issue_with_jti(&exchange, now, &jti),
                None => core.issue(&exchange, now),
            })?,
        };
        to_js(&response)
    })
}
