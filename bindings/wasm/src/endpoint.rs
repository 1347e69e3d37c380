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

/// Checks that credentials may be sent to a token endpoint URL: an absolute `https` URL without
/// credentials or fragment; `http` only to a loopback address, and only with
/// `{ allowLoopbackHttp: true }`.
///
/// @throws {McxConnectError} `endpoint_invalid` for a URL that does not parse or has user info or
/// a fragment; `endpoint_insecure` for `http` the policy does not allow.
/// @example
/// ```js
/// import { checkEndpoint } from "mcx-connect";
/// checkEndpoint("https://idms.partner.example/token"); // passes
/// checkEndpoint("http://127.0.0.1:8080/token", { allowLoopbackHttp: true }); // passes
/// try {
///   checkEndpoint("http://idms.partner.example/token");
/// } catch (e) {
///   e.code; // => "endpoint_insecure"
/// }
/// ```
#[wasm_bindgen(js_name = checkEndpoint)]
pub fn check_endpoint(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    policy: Option<Ts<EndpointPolicy>>,
) -> Result<(), JsValue> {
    let url = &crate::convert::string_in(url, "url")?;
    throw(policy_in(policy)?.check(url, "token endpoint"))
}
