//! Endpoint policy: where the library agrees to send credentials.

use crate::convert::from_js_or_default;
use crate::error::throw;
use mcx_connect::EndpointPolicy;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_ENDPOINT: &str = r#"
/** Which endpoint URLs are acceptable: `https` only, unless `allowLoopbackHttp` lets `http` through on loopback hosts. */
export interface EndpointPolicy {
  allowLoopbackHttp?: boolean;
}
"#;

/// `EndpointPolicy` as JavaScript gives it.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsEndpointPolicy {
    /// Loopback `http` allowed.
    #[serde(default)]
    pub allow_loopback_http: bool,
}

impl From<JsEndpointPolicy> for EndpointPolicy {
    fn from(js: JsEndpointPolicy) -> Self {
        EndpointPolicy { allow_loopback_http: js.allow_loopback_http }
    }
}

/// Reads an optional `EndpointPolicy` argument.
pub fn policy_in(value: Option<JsValue>) -> Result<EndpointPolicy, JsValue> {
    from_js_or_default::<JsEndpointPolicy>(value, "policy").map(EndpointPolicy::from)
}

/// Checks a token endpoint URL against the policy (`EndpointPolicy::check`); throws
/// `endpoint_invalid` or `endpoint_insecure`.
#[wasm_bindgen(js_name = checkEndpoint)]
pub fn check_endpoint(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EndpointPolicy")] policy: Option<JsValue>,
) -> Result<(), JsValue> {
    let url = &crate::convert::string_in(url, "url")?;
    throw(policy_in(policy)?.check(url, "token endpoint"))
}
