//! Endpoint policy: where the library agrees to send credentials.

use crate::convert::ts_in_or_default;
use crate::error::throw;
use mcx_connect::EndpointPolicy;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Reads an optional `EndpointPolicy` argument (absent: `https` only).
pub fn policy_in(value: Option<impl Into<JsValue>>) -> Result<EndpointPolicy, JsValue> {
    ts_in_or_default(value, "policy")
}

/// Checks a token endpoint URL against the policy (`EndpointPolicy::check`); throws
/// `endpoint_invalid` or `endpoint_insecure`.
#[wasm_bindgen(js_name = checkEndpoint)]
pub fn check_endpoint(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    policy: Option<Ts<EndpointPolicy>>,
) -> Result<(), JsValue> {
    let url = &crate::convert::string_in(url, "url")?;
    throw(policy_in(policy)?.check(url, "token endpoint"))
}
