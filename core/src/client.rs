//! How the MCX client identifies and authenticates itself at a token endpoint (RFC 6749 §2.3).

use crate::error::RequestError;
use crate::form::{Form, FormValue};
use crate::http::{self, HttpRequest};
use crate::Secret;

/// The client's identification and authentication on a token request.
///
/// `client_secret_basic` form-encodes the id and secret before base64 (RFC 6749 §2.3.1).
// Examples go on the methods: this text is also the enum's doc in Kotlin, Swift and Python.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
// Read by hand (src/wasm.rs: one pass instead of serde's buffered internally tagged form).
#[cfg_attr(feature = "wasm", derive(serde::Serialize, tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "wasm", serde(tag = "method", rename_all = "snake_case", rename_all_fields = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ClientAuthentication {
    /// No client identification (e.g. the client authenticated by other means). `Omitted` in
    /// Kotlin, Swift and Python, where `None` would read as a missing value.
    #[default]
    #[cfg_attr(feature = "uniffi", uniffi(name = "Omitted"))]
    None,
    /// A public client names itself with `client_id` in the body.
    ClientId {
        /// The registered client id.
        client_id: String,
    },
    /// `Authorization: Basic` with the client id and secret (RFC 6749 §2.3.1).
    ClientSecretBasic {
        /// The registered client id.
        client_id: String,
        /// The client secret.
        #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed"), tsify(type = "string"))]
        client_secret: Secret,
    },
    /// `client_id` and `client_secret` in the body (RFC 6749 §2.3.1, discouraged).
    ClientSecretPost {
        /// The registered client id.
        client_id: String,
        /// The client secret.
        #[cfg_attr(feature = "wasm", serde(with = "crate::serde_exposed"), tsify(type = "string"))]
        client_secret: Secret,
    },
}

impl ClientAuthentication {
    /// A public client that sends its `client_id` in the body.
    pub fn client_id(client_id: impl Into<String>) -> Self {
        ClientAuthentication::ClientId { client_id: client_id.into() }
    }

    /// A confidential client using `client_secret_basic`.
    ///
    /// ```
    /// use mcx_connect::ClientAuthentication;
    /// let public = ClientAuthentication::client_id("myNativeApp");
    /// assert_eq!(public.id(), Some("myNativeApp"));
    /// let confidential = ClientAuthentication::basic("console", "s3cret");
    /// assert!(!format!("{confidential:?}").contains("s3cret"));
    /// ```
    pub fn basic(client_id: impl Into<String>, client_secret: impl Into<Secret>) -> Self {
        ClientAuthentication::ClientSecretBasic { client_id: client_id.into(), client_secret: client_secret.into() }
    }

    /// The client id, if any.
    pub fn id(&self) -> Option<&str> {
        match self {
            ClientAuthentication::None => None,
            ClientAuthentication::ClientId { client_id }
            | ClientAuthentication::ClientSecretBasic { client_id, .. }
            | ClientAuthentication::ClientSecretPost { client_id, .. } => Some(client_id),
        }
    }

    /// The secret the client presented, if any (server role: compare it with the registered one).
    pub fn secret(&self) -> Option<&Secret> {
        match self {
            ClientAuthentication::ClientSecretBasic { client_secret, .. }
            | ClientAuthentication::ClientSecretPost { client_secret, .. } => Some(client_secret),
            _ => None,
        }
    }

    /// Adds the authentication to a request being built: its parameters to `pairs`, or the
    /// `Authorization` value to `authorization`. `client_id_in_body` forces the `client_id`
    /// parameter even with Basic (B.7.4 requires it in the body).
    pub(crate) fn apply<'a>(
        &'a self,
        pairs: &mut Vec<(&'static str, FormValue<'a>)>,
        authorization: &mut Option<String>,
        client_id_in_body: bool,
    ) {
        match self {
            ClientAuthentication::None => {}
            ClientAuthentication::ClientId { client_id } => pairs.push(("client_id", FormValue::Text(client_id))),
            ClientAuthentication::ClientSecretBasic { client_id, client_secret } => {
                // `Basic` and base64 only: no byte of the id or secret reaches the header as written.
                *authorization = Some(http::basic_authorization(client_id, client_secret.expose()));
                if client_id_in_body {
                    pairs.push(("client_id", FormValue::Text(client_id)));
                }
            }
            ClientAuthentication::ClientSecretPost { client_id, client_secret } => {
                pairs.push(("client_id", FormValue::Text(client_id)));
                pairs.push(("client_secret", FormValue::Text(client_secret.expose())));
            }
        }
    }

    /// Reads the client's authentication from an incoming request (server role). Verifying the
    /// secret against the client registry is the server's job.
    pub(crate) fn read(request: &HttpRequest, form: &Form) -> Result<Self, RequestError> {
        let basic = http::read_basic_authorization(request)?;
        let body_id = form.optional("client_id");
        let body_secret = form.optional("client_secret");
        match (basic, body_id, body_secret) {
            (Some(_), _, Some(_)) => Err(RequestError::MultipleClientAuthentication(
                "Authorization: Basic and client_secret in the body".to_owned(),
            )),
            (Some(creds), Some(id), None) if id != creds.client_id => Err(RequestError::InvalidClientAuthentication(
                "client_id in the body differs from the client id in the Basic credentials".to_owned(),
            )),
            (Some(creds), _, None) => Ok(ClientAuthentication::ClientSecretBasic {
                client_id: creds.client_id,
                client_secret: creds.client_secret,
            }),
            (None, Some(id), Some(secret)) => Ok(ClientAuthentication::ClientSecretPost {
                client_id: id.to_owned(),
                client_secret: Secret::new(secret),
            }),
            (None, None, Some(_)) => {
                Err(RequestError::InvalidClientAuthentication("client_secret sent without client_id".to_owned()))
            }
            (None, Some(id), None) => Ok(ClientAuthentication::client_id(id)),
            (None, None, None) => Ok(ClientAuthentication::None),
        }
    }
}
