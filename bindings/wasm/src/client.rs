//! How the client identifies and authenticates itself at a token endpoint (RFC 6749 §2.3): the
//! core's `ClientAuthentication`, `{ method: "none" | "client_id" | "client_secret_basic" |
//! "client_secret_post", clientId?, clientSecret? }` in JavaScript.

use crate::convert::ts_in_or_default;
use mcx_connect::ClientAuthentication;
use tsify::Ts;
use wasm_bindgen::JsValue;

/// Reads an optional `ClientAuthentication` argument (absent is `{ method: "none" }`).
pub fn client_in(value: Option<Ts<ClientAuthentication>>) -> Result<ClientAuthentication, JsValue> {
    ts_in_or_default(value, "client")
}
