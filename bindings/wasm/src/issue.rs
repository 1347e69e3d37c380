//! Issuing the security token at the primary IdMS (TS 33.180 B.7.3).

use crate::convert::{member, string_in, to_js};
use crate::error::{throw, throw_rejection};
use crate::exchange::JsTokenExchangeResponse;
use crate::form::options_in;
use crate::http::request_in;
use crate::token::{access_validator, options_of, seconds, signing_key_in};
use mcx_connect::token::SecurityTokenIssuer;
use mcx_connect::TokenExchangeRequest;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_ISSUE: &str = r#"
/** How the primary IdMS issues security tokens (B.7.3). */
export interface SecurityTokenIssuerInit {
  /** `iss`: this primary IdMS's URL. */
  issuer: string;
  key: SigningKeyInit;
  /** The longest lifetime of a security token, in seconds (the token never outlives the access token either). */
  lifetime: number;
  /** `kid` in the JOSE header. */
  kid?: string;
  /** A `jti` the caller drew at random. */
  jti?: string;
}
"#;

fn optional_string(value: JsValue, what: &str) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        string_in(value, what).map(Some)
    }
}

/// Primary IdMS (B.7.2, B.7.3): reads a token exchange request, validates its subject token as
/// an access token (`TokenExchangeRequest::parse_and_verify`) and answers with the signed
/// security token (`SecurityTokenIssuer::issue`). Throws with the RFC error a server answers
/// with; what the request asks beyond B.7.2 is refused, never ignored.
#[wasm_bindgen(js_name = issueSecurityToken, unchecked_return_type = "TokenExchangeResponse")]
pub fn issue_security_token(
    #[wasm_bindgen(unchecked_param_type = "HttpRequestInit")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ParseOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TokenValidatorOptions")] validator: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SecurityTokenIssuerInit")] issuer: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> Result<JsValue, JsValue> {
    let validator = access_validator(&options_of(validator)?)?;
    let key = signing_key_in(&member(&issuer, "key"))?;
    let lifetime = seconds(&member(&issuer, "lifetime"))?;
    let mut core =
        throw(SecurityTokenIssuer::new(string_in(member(&issuer, "issuer"), "issuer.issuer")?, key, lifetime))?;
    if let Some(kid) = optional_string(member(&issuer, "kid"), "issuer.kid")? {
        core = core.with_kid(kid);
    }
    let jti = optional_string(member(&issuer, "jti"), "issuer.jti")?;
    let (request, options, now) = (request_in(request)?, options_in(Some(options))?, seconds(&now)?);
    let parsed = throw_rejection(TokenExchangeRequest::parse_and_verify(&request, &options, &validator, now))?;
    let response = throw_rejection(match jti {
        Some(jti) => core.issue_with_jti(&parsed.value, now, &jti),
        None => core.issue(&parsed.value, now),
    })?;
    to_js(&JsTokenExchangeResponse::from(response))
}
