//! How the client identifies and authenticates itself at a token endpoint (RFC 6749 §2.3).

use crate::convert::from_js_or_default;
use mcx_connect::{ClientAuthentication, Secret};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_CLIENT: &str = r#"
/**
 * The client's identification and authentication (RFC 6749 section 2.3). `method` uses the
 * registered names of RFC 7591 (`client_secret_basic`, …); `client_id` is a public client that
 * names itself in the body.
 */
export type ClientAuthentication =
  | { method: "none" }
  | { method: "client_id"; clientId: string }
  | { method: "client_secret_basic"; clientId: string; clientSecret: string }
  | { method: "client_secret_post"; clientId: string; clientSecret: string };
"#;

/// `ClientAuthentication` as JavaScript sees it.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(tag = "method", rename_all = "snake_case", rename_all_fields = "camelCase", deny_unknown_fields)]
pub enum JsClient {
    /// No client identification.
    #[default]
    None,
    /// `client_id` in the body.
    ClientId {
        /// Client id.
        client_id: String,
    },
    /// `Authorization: Basic`.
    ClientSecretBasic {
        /// Client id.
        client_id: String,
        /// Client secret.
        client_secret: String,
    },
    /// `client_id` and `client_secret` in the body.
    ClientSecretPost {
        /// Client id.
        client_id: String,
        /// Client secret.
        client_secret: String,
    },
}

impl From<JsClient> for ClientAuthentication {
    fn from(js: JsClient) -> Self {
        match js {
            JsClient::None => ClientAuthentication::None,
            JsClient::ClientId { client_id } => ClientAuthentication::ClientId { client_id },
            JsClient::ClientSecretBasic { client_id, client_secret } => {
                ClientAuthentication::ClientSecretBasic { client_id, client_secret: Secret::new(client_secret) }
            }
            JsClient::ClientSecretPost { client_id, client_secret } => {
                ClientAuthentication::ClientSecretPost { client_id, client_secret: Secret::new(client_secret) }
            }
        }
    }
}

impl From<&ClientAuthentication> for JsClient {
    fn from(client: &ClientAuthentication) -> Self {
        match client {
            ClientAuthentication::ClientId { client_id } => JsClient::ClientId { client_id: client_id.clone() },
            ClientAuthentication::ClientSecretBasic { client_id, client_secret } => JsClient::ClientSecretBasic {
                client_id: client_id.clone(),
                client_secret: client_secret.expose().to_owned(),
            },
            ClientAuthentication::ClientSecretPost { client_id, client_secret } => JsClient::ClientSecretPost {
                client_id: client_id.clone(),
                client_secret: client_secret.expose().to_owned(),
            },
            ClientAuthentication::None => JsClient::None,
        }
    }
}

/// Reads an optional `ClientAuthentication` argument (absent is `{ method: "none" }`).
pub fn client_in(value: Option<JsValue>) -> Result<ClientAuthentication, JsValue> {
    from_js_or_default::<JsClient>(value, "client").map(ClientAuthentication::from)
}
