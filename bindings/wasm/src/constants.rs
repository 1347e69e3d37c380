//! The core's protocol constants (grant types, token types, media types, scope prefix).

use crate::convert::ts_out;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// The protocol constants of the core (a binding object: the core has them as `const` items).
#[derive(Debug, Clone, serde::Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Constants {
    /// `urn:ietf:params:oauth:grant-type:token-exchange`
    pub grant_type_token_exchange: &'static str,
    /// `urn:ietf:params:oauth:grant-type:jwt-bearer`
    pub grant_type_jwt_bearer: &'static str,
    /// `authorization_code`
    pub grant_type_authorization_code: &'static str,
    /// `refresh_token`
    pub grant_type_refresh_token: &'static str,
    /// `urn:ietf:params:oauth:token-type:jwt`
    pub token_type_jwt: &'static str,
    /// `urn:ietf:params:oauth:token-type:access_token`
    pub token_type_access_token: &'static str,
    /// The form media type of request bodies.
    pub form_content_type: &'static str,
    /// The JSON media type of response bodies.
    pub json_content_type: &'static str,
    /// `3gpp:mc:`
    pub mcx_scope_prefix: &'static str,
    /// `S256`
    pub pkce_method_s256: &'static str,
}

/// The protocol constants the messages use: grant types, token types, media types, the MCX scope
/// prefix and the PKCE method.
///
/// @throws {McxConnectError} not for any input (it takes none): `invalid_argument` would mean the
/// values could not be converted.
/// @example
/// ```js
/// import { constants } from "mcx-connect";
/// constants().grantTypeTokenExchange; // => "urn:ietf:params:oauth:grant-type:token-exchange"
/// constants().mcxScopePrefix; // => "3gpp:mc:"
/// ```
#[wasm_bindgen]
pub fn constants() -> Result<Ts<Constants>, JsValue> {
    ts_out(&Constants {
        grant_type_token_exchange: mcx_connect::GRANT_TYPE_TOKEN_EXCHANGE,
        grant_type_jwt_bearer: mcx_connect::GRANT_TYPE_JWT_BEARER,
        grant_type_authorization_code: mcx_connect::GRANT_TYPE_AUTHORIZATION_CODE,
        grant_type_refresh_token: mcx_connect::GRANT_TYPE_REFRESH_TOKEN,
        token_type_jwt: mcx_connect::TOKEN_TYPE_JWT,
        token_type_access_token: mcx_connect::TOKEN_TYPE_ACCESS_TOKEN,
        form_content_type: mcx_connect::FORM_CONTENT_TYPE,
        json_content_type: mcx_connect::JSON_CONTENT_TYPE,
        mcx_scope_prefix: mcx_connect::MCX_SCOPE_PREFIX,
        pkce_method_s256: mcx_connect::PKCE_METHOD_S256,
    })
}
